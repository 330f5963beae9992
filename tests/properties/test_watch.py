"""The live monitor over generated logs: after every close, exactly the batch findings."""

from __future__ import annotations

import json
import random
import sys
from datetime import date
from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from changrenzhi import evaluate, read_events, shipped_packs
from changrenzhi.watch.monitor import Monitor
from support import Ev, Town, is_roster, shipped_pack, towns

PACKS = sorted(shipped_packs())


def reorder(events: list[Ev], rnd: random.Random) -> list[Ev]:
    """Activities anywhere in the file (late, early), roster events in their relative order."""
    roster = [e for e in events if is_roster(e)]
    activities = [e for e in events if not is_roster(e)]
    rnd.shuffle(activities)
    slots = [True] * len(roster) + [False] * len(activities)
    rnd.shuffle(slots)
    r, a = iter(roster), iter(activities)
    return [next(r) if is_r else next(a) for is_r in slots]


def batch(pack_name: str, lines: list[str], as_of: date) -> dict[str, str]:
    report = evaluate(shipped_pack(pack_name), read_events(lines, name="town.jsonl"), as_of)
    return {report.id_of(f): f.status for f in report.findings}


@given(
    towns(max_reps=10), st.randoms(use_true_random=False), st.sampled_from(PACKS), st.sampled_from([0, 2, 40])
)
def test_every_close_equals_check(town: Town, rnd: random.Random, name: str, lateness: int) -> None:
    lines = town.lines(reorder(town.events, rnd))
    monitor = Monitor(shipped_pack(name), lateness=lateness, name="town.jsonl")
    state: dict[str, str] = {}
    fed: list[str] = []
    for line in lines:
        fed.append(line)
        before = monitor.closed
        records = monitor.feed(line)
        for r in records:
            assert r["record"] != "refused", r
            if r["record"] in ("opened", "changed"):
                state[r["id"]] = r["status"]
            elif r["record"] == "withdrawn":
                del state[r["id"]]
        if monitor.closed != before:
            assert monitor.closed is not None
            taken = {e.id for e in monitor.events}
            now = [ln for ln in fed if json.loads(ln)["id"] in taken]
            assert state == batch(name, now, monitor.closed)
    assert monitor.finish() == []
    last = max(town.as_of, monitor.closed or town.as_of)
    for r in monitor.close(last):
        if r["record"] in ("opened", "changed"):
            state[r["id"]] = r["status"]
        elif r["record"] == "withdrawn":
            del state[r["id"]]
    assert state == batch(name, lines, last)


@pytest.mark.skipif(sys.version_info >= (3, 13), reason="durable-rules does not build on Python 3.13+")
@given(towns(max_reps=10), st.randoms(use_true_random=False), st.sampled_from([0, 5]))
def test_alerts_after_any_close_follow_from_the_batch_findings(
    town: Town, rnd: random.Random, lateness: int
) -> None:
    """guoyuan's consecutive escalation, run by durable-rules over the stream, raises exactly the
    alerts its pattern finds in the findings ``check`` reports (late and reordered records too)."""
    from changrenzhi.watch.escalate import EscalationHost, alerts_of

    pack = shipped_pack("guoyuan")
    (esc,) = pack.escalations
    monitor = Monitor(pack, lateness=lateness, name="town.jsonl", escalator=EscalationHost(pack))
    raised: set[str] = set()

    def follow(records: list[Any]) -> None:
        for r in records:
            if r["record"] == "alert":
                if r["state"] == "raised":
                    assert r["id"] not in raised
                    raised.add(r["id"])
                else:
                    raised.remove(r["id"])

    for line in town.lines(reorder(town.events, rnd)):
        follow(monitor.feed(line))
    follow(monitor.close(max(town.as_of, monitor.closed or town.as_of)))
    assert monitor.closed is not None
    expected: set[str] = set()
    by_subject: dict[tuple[str, str], dict[str, Any]] = {}
    for fid, snap in monitor.findings.items():
        if snap["rule"] in esc.rules and snap["status"] in esc.statuses:
            by_subject.setdefault((snap["rule"], snap["subject"]), {})[fid] = snap
    for items in by_subject.values():
        expected |= set(alerts_of(esc, items, monitor.closed))
    assert raised == expected
    event("alerts" if expected else "no alert")
