"""Escalations through durable-rules, in event time (days closed by the monitor)."""

from __future__ import annotations

import sys
import threading
from datetime import date
from typing import Any

import pytest

from changrenzhi import load_pack, loads_pack
from changrenzhi.errors import UsageError
from changrenzhi.pack.model import shipped_packs
from changrenzhi.watch import escalate
from changrenzhi.watch.monitor import Monitor
from changrenzhi.watch.records import WatchRecord
from support import town

pytestmark = pytest.mark.skipif(
    sys.version_info >= (3, 13), reason="durable-rules (the live extra) does not build on Python 3.13+"
)

GUOYUAN = (shipped_packs()["guoyuan"] / "pack.yaml").read_text(encoding="utf-8")
CITE = "{source: 000_4d6d1418da65ff90.txt, line: 81, text: 凡连续两次不参加学习的}"


def alerts(records: list[WatchRecord]) -> list[tuple[str, str, str, int]]:
    return [
        (r["day"], r["state"], r["escalation"], len(r["findings"])) for r in records if r["record"] == "alert"
    ]


def monitor(pack_text: str | None = None) -> Monitor:
    pack = load_pack("guoyuan") if pack_text is None else loads_pack(pack_text)
    m = Monitor(pack, lateness=None, escalator=escalate.EscalationHost(pack))
    m.feed_all(town(6, day="2011-01-04"))
    return m


def session(eid: str, day: str) -> dict[str, Any]:
    return {"id": eid, "type": "study.session", "date": day, "group": "G1", "attendees": ["R01"], "days": 1}


def test_guoyuan_two_consecutive_quarters_without_study() -> None:
    m = monitor()
    out = m.close(date(2011, 3, 31))  # Q1 without a session: a violation, no alert yet
    assert alerts(out) == []
    m.feed(session("s-q2-late", "2011-04-02"))
    m.feed(session("s-q3", "2011-07-05"))
    assert alerts(m.close(date(2011, 9, 30))) == []  # Q2 and Q3 held a session
    assert alerts(m.close(date(2011, 12, 31))) == []  # Q4 missed: one quarter only
    out = m.close(date(2012, 3, 31))  # Q1 2012 missed too: two in a row
    assert alerts(out) == [("2012-03-31", "raised", "guoyuan.escalate.study-twice", 2)]
    # a late record mends Q1 2012: the alert is withdrawn with the finding
    m.feed(session("s-late", "2012-02-01"))
    out = m.close(date(2012, 4, 1))
    assert [r["record"] for r in out if r["record"] == "withdrawn"] == ["withdrawn"]
    assert alerts(out) == [("2012-04-01", "withdrawn", "guoyuan.escalate.study-twice", 2)]


def test_every_shipped_escalation_is_tested() -> None:
    shipped = {e.id for name in shipped_packs() for e in load_pack(name).escalations}
    assert shipped == {"guoyuan.escalate.study-twice"}


#: an escalation of a study finding still open 30 days after it opened
OPEN_MONTH = f"""  - id: open.month
    when: open_for
    rules: [guoyuan.study.frequency]
    days: 30
    title: open a month
    citation: {CITE}
"""


def with_escalation(text: str) -> str:
    return GUOYUAN.replace("\nescalations:\n", "\nescalations:\n" + text, 1)


def test_open_for_runs_on_event_time_ticks() -> None:
    m = monitor(with_escalation(OPEN_MONTH))
    assert alerts(m.close(date(2011, 3, 31))) == []
    assert alerts(m.close(date(2011, 4, 29))) == []
    out = m.close(date(2011, 5, 1))  # 31 days after the violation was emitted
    assert ("2011-05-01", "raised", "open.month", 1) in alerts(out)


def test_together_counts_subjects_of_one_thing() -> None:
    text = with_escalation(
        f"""  - id: groups.together
    when: together
    rules: [guoyuan.study.frequency]
    count: 2
    same: period
    title: two groups miss the same quarter
    citation: {CITE}
"""
    )
    m = monitor(text)
    m.feed_all(town(4, day="2011-01-04", group="G2", prefix="S")[1:])
    out = m.close(date(2011, 3, 31))
    assert ("2011-03-31", "raised", "groups.together", 2) in alerts(out)


def test_subjects_are_sharded_over_rulesets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(escalate, "SUBJECTS_PER_RULESET", 1)
    m = monitor()
    m.feed_all(town(4, day="2011-01-04", group="G2", prefix="S")[1:])
    m.close(date(2011, 3, 31))
    host = m.escalator
    assert isinstance(host, escalate.EscalationHost)
    assert host._shards["guoyuan.escalate.study-twice"] == [1, 1]
    out = m.close(date(2011, 6, 30))
    assert len(alerts(out)) == 2  # both groups, each in its own ruleset


def test_action_errors_are_raised_not_swallowed(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: Any) -> Any:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(escalate, "alerts_of", broken)
    m = monitor()
    with pytest.raises(escalate.EscalationError, match="ZeroDivisionError: boom"):
        m.close(date(2011, 3, 31))


def test_one_thread_owns_the_host() -> None:
    before = set(threading.enumerate())  # other tests of the session may have left threads running
    m = monitor()
    caught: list[BaseException] = []

    def other() -> None:
        try:
            m.close(date(2011, 3, 31))
        except RuntimeError as exc:
            caught.append(exc)

    t = threading.Thread(target=other)
    t.start()
    t.join(10)
    assert caught and "thread" in str(caught[0])
    assert set(threading.enumerate()) <= before  # the host started no dispatch threads of its own


def test_a_restart_keeps_raised_alerts() -> None:
    pack = load_pack("guoyuan")
    events = town(6, day="2011-01-04")
    first = Monitor(pack, lateness=None, escalator=escalate.EscalationHost(pack))
    first.feed_all(events)
    first.close(date(2011, 3, 31))
    got = alerts(first.close(date(2011, 6, 30)))
    assert [a[1] for a in got] == ["raised"]
    cp = first.checkpoint()
    assert len(cp["alerts"]) == 1
    second = Monitor(pack, lateness=None, escalator=escalate.EscalationHost(pack), checkpoint=cp)
    second.feed_all(events)
    assert alerts(second.close(date(2011, 9, 30))) == [
        ("2011-09-30", "raised", "guoyuan.escalate.study-twice", 2)
    ]
    # the Q1+Q2 alert was not raised again; Q2+Q3 is a new one


def test_ruleset_is_durable_rules_json() -> None:
    esc = load_pack("guoyuan").escalations[0]
    assert escalate.ruleset(esc) == {
        "finding": {"all": [{"m": {"$and": [{"t": "finding"}, {"rule": "guoyuan.study.frequency"}]}}]},
        "tick": {"all": [{"m": {"t": "tick"}}]},
    }


def test_missing_extra_names_the_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "durable.engine", None)
    monkeypatch.setitem(sys.modules, "durable", None)
    with pytest.raises(UsageError, match=r"pip install 'changrenzhi\[live\]'"):
        escalate.durable_engine()


def test_a_finding_mended_before_its_deadline_raises_nothing_and_leaves_no_state() -> None:
    m = monitor(with_escalation(OPEN_MONTH))
    m.close(date(2011, 3, 31))
    host = m.escalator
    assert isinstance(host, escalate.EscalationHost)
    assert host._shards["open.month"] == [1]
    m.feed(session("s-late", "2011-03-15"))
    m.close(date(2011, 4, 10))  # withdrawn: mended by a late record
    out = m.close(date(2011, 5, 31))  # the tick at the old deadline finds nothing open
    assert [a for a in alerts(out) if a[2] == "open.month"] == []
    assert host._shards["open.month"] == [0]


def test_alert_ids_do_not_depend_on_the_order_findings_came_in() -> None:
    esc = loads_pack(
        with_escalation(
            f"""  - id: groups.together
    when: together
    rules: [guoyuan.study.frequency]
    count: 2
    same: period
    title: two groups miss the same quarter
    citation: {CITE}
"""
        )
    ).escalations[0]
    snap: Any = {
        "status": "violation", "rule": "r", "subject": "G1", "period": "quarter",
        "start": "2011-01-01", "end": "2011-03-31", "key": ["a"], "since": "2011-03-31",
    }  # fmt: skip
    items = {"f1": snap, "f2": {**snap, "subject": "G2", "key": ["b"]}}
    backwards = dict(reversed(list(items.items())))
    assert escalate.alerts_of(esc, items, date(2011, 4, 1)) == escalate.alerts_of(
        esc, backwards, date(2011, 4, 1)
    )
    (got,) = escalate.alerts_of(esc, items, date(2011, 4, 1)).values()
    assert got == ("quarter:2011-01-01", ["f1", "f2"])
