"""The live monitor: after any close, its open findings are exactly what ``check`` reports."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from changrenzhi import evaluate, load_pack, read_events
from changrenzhi.errors import UsageError
from changrenzhi.pack.model import Pack, shipped_packs
from changrenzhi.watch.monitor import Monitor
from changrenzhi.watch.records import WatchRecord

EXAMPLES = [
    (name, folder / ex.file, ex.as_of)
    for name, folder in sorted(shipped_packs().items())
    for ex in load_pack(name).model.examples
]


def batch(pack: Pack, lines: list[bytes], as_of: date) -> dict[str, str]:
    report = evaluate(pack, read_events(lines, name="log"), as_of)
    return {report.id_of(f): f.status for f in report.findings}


def open_findings(m: Monitor) -> dict[str, str]:
    return {fid: s["status"] for fid, s in m.findings.items()}


def folded(records: list[WatchRecord]) -> dict[str, str]:
    """The open findings as a consumer of the records knows them."""
    state: dict[str, str] = {}
    for r in records:
        if r["record"] in ("opened", "changed"):
            state[r["id"]] = r["status"]
        elif r["record"] == "withdrawn":
            del state[r["id"]]
    return state


@pytest.mark.parametrize(("name", "path", "as_of"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_replay_equals_check_at_sampled_dates(name: str, path: Path, as_of: date) -> None:
    pack = load_pack(name)
    lines = path.read_bytes().splitlines()
    first = read_events(lines, name="log").events[0].date
    span = (as_of - first).days
    dates = sorted({first + timedelta(days=span * k // 4) for k in range(1, 4)} | {as_of})
    monitor = Monitor(pack, lateness=None, name="log")
    records: list[WatchRecord] = []
    fed: list[bytes] = []
    todo = list(dates)
    for raw in lines:
        text = raw.strip()
        if text and not text.startswith(b"#"):
            when = date.fromisoformat(json.loads(text)["date"])
            while todo and when > todo[0]:
                d = todo.pop(0)
                records += monitor.close(d)
                assert open_findings(monitor) == batch(pack, fed, d), d
                assert folded(records) == open_findings(monitor)
        fed.append(raw)
        records += monitor.feed(raw)
    records += monitor.finish()
    for d in todo:
        records += monitor.close(d)
        assert open_findings(monitor) == batch(pack, lines, d), d
    assert folded(records) == batch(pack, lines, as_of)
    assert not [r for r in records if r["record"] == "refused"]


def _spoiled(lines: list[bytes], seed: int) -> list[bytes]:
    """The log with records late and out of order: each of a tenth of the lines moved up to 40
    lines later, and the order within runs of lines shuffled."""
    rng = random.Random(seed)
    out = list(lines)
    for _ in range(len(out) // 10):
        i = rng.randrange(len(out))
        line = out.pop(i)
        out.insert(min(len(out), i + rng.randrange(1, 40)), line)
    for start in range(0, len(out), 7):
        chunk = out[start : start + 7]
        rng.shuffle(chunk)
        out[start : start + 7] = chunk
    return out


@pytest.mark.parametrize("lateness", [0, 3])
@pytest.mark.parametrize("name", ["district", "model-plan"])
def test_late_and_reordered_records_at_every_close(name: str, lateness: int) -> None:
    pack = load_pack(name)
    ex = pack.model.examples[0]
    lines = _spoiled((shipped_packs()[name] / ex.file).read_bytes().splitlines(), seed=len(name) + lateness)
    monitor = Monitor(pack, lateness=lateness, name="log")
    records: list[WatchRecord] = []
    fed: list[bytes] = []
    closes = 0
    for raw in lines:
        fed.append(raw)
        before = monitor.closed
        records += monitor.feed(raw)
        if monitor.closed != before:
            closes += 1
            assert monitor.closed is not None
            taken = {e.id for e in monitor.events}  # less those waiting for a rep or group
            now = [ln for ln in fed if ln.strip()[:1] == b"{" and json.loads(ln)["id"] in taken]
            assert open_findings(monitor) == batch(pack, now, monitor.closed)
    records += monitor.finish()
    records += monitor.close(ex.as_of)
    assert closes > 20
    assert folded(records) == batch(pack, lines, ex.as_of)
    assert any(r["record"] == "withdrawn" for r in records)


def test_a_restart_emits_nothing_twice_and_loses_nothing() -> None:
    pack = load_pack("model-plan")
    ex = pack.model.examples[0]
    lines = _spoiled((shipped_packs()["model-plan"] / ex.file).read_bytes().splitlines(), seed=7)
    whole = Monitor(pack, lateness=1, name="log")
    expected = whole.feed_all(lines) + whole.finish() + whole.close(ex.as_of)
    for cut in (1, len(lines) // 3, len(lines) // 2, len(lines) - 1):
        first = Monitor(pack, lateness=1, name="log")
        got = first.feed_all(lines[:cut])
        checkpoint = json.loads(json.dumps(first.checkpoint()))  # as a file keeps it
        second = Monitor(pack, lateness=1, name="log", checkpoint=checkpoint)
        got += second.feed_all(lines) + second.finish() + second.close(ex.as_of)
        assert got == expected, cut


def test_refused_records_are_reported_where_they_are_and_the_monitor_goes_on() -> None:
    pack = load_pack("guoyuan")
    lines: list[Any] = [
        '{"id": "c", "type": "congress.opened", "date": "2011-01-04"}',
        "# a comment",
        "not json",
        '{"id": "s1", "type": "study.session", "date": "2011-02-01", "group": "G1", "attendees": ["R01"]}',
        '{"id": "e1", "type": "rep.elected", "date": "2011-01-04", "rep": "R01"}',
        '{"id": "e1", "type": "rep.elected", "date": "2011-01-04", "rep": "R02"}',
        '{"id": "g", "type": "group.formed", "date": "2011-01-04", "group": "G1", "members": ["R01"]}',
        '{"id": "x", "type": "study.session", "date": "2011-02-30", "group": "G1", "attendees": []}',
        '{"id": "v", "type": "contact.visit", "date": "2011-03-01", "rep": "R77", "person": "P1"}',
    ]
    monitor = Monitor(pack, lateness=None, name="log.jsonl")
    records = monitor.feed_all(lines) + monitor.finish()
    refused = [(r["line"], r["field"], r["message"][:30]) for r in records if r["record"] == "refused"]
    assert refused == [
        (3, None, "not valid JSON (expected ident"),
        (6, "id", "duplicate id 'e1'"),
        (8, "date", refused[2][2]),
        (9, "rep", "unknown rep 'R77': no rep.elec"),
    ]
    # the session waited for its group and its rep, then counted
    assert "s1" in {e.id for e in monitor.events}


def test_objects_from_python_are_placed_by_index() -> None:
    pack = load_pack("guoyuan")
    monitor = Monitor(pack, lateness=0)
    records = monitor.feed_all([{"id": "c", "type": "congress.opened", "date": "2011-01-04"}, {"id": "c"}])
    refused = [r for r in records if r["record"] == "refused"]
    assert len(refused) == len(records) == 1
    assert (refused[0].get("index"), refused[0].get("line")) == (1, None)


def test_bad_arguments_and_checkpoints() -> None:
    pack = load_pack("guoyuan")
    with pytest.raises(UsageError, match="lateness"):
        Monitor(pack, lateness=-1)
    cp = Monitor(pack).checkpoint()
    with pytest.raises(UsageError, match="written for pack 'guoyuan'"):
        Monitor(load_pack("district"), checkpoint=cp)
    with pytest.raises(UsageError, match=r"not a changrenzhi\.watch/1 checkpoint"):
        Monitor(pack, checkpoint={"format": "x"})  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Monitor("guoyuan")  # type: ignore[arg-type]


def test_events_refused_at_the_end_are_not_refused_again_after_a_restart() -> None:
    pack = load_pack("guoyuan")
    lines = [
        '{"id": "c", "type": "congress.opened", "date": "2011-01-04"}',
        '{"id": "v", "type": "contact.visit", "date": "2011-03-01", "rep": "R77", "person": "P1"}',
    ]
    first = Monitor(pack, lateness=0, name="log")
    got = first.feed_all(lines) + first.finish()
    assert [r["record"] for r in got] == ["refused"]
    second = Monitor(pack, lateness=0, name="log", checkpoint=json.loads(json.dumps(first.checkpoint())))
    assert second.feed_all(lines) + second.finish() == []


def test_a_malformed_checkpoint_is_a_usage_error() -> None:
    pack = load_pack("guoyuan")
    cp: Any = Monitor(pack).checkpoint()
    cp["findings"] = {"x": {"status": "bad"}}
    with pytest.raises(UsageError, match="checkpoint: malformed"):
        Monitor(pack, checkpoint=cp)
    cp = Monitor(pack).checkpoint()
    cp["day"] = "2011-02-30"
    with pytest.raises(UsageError, match="checkpoint: malformed"):
        Monitor(pack, checkpoint=cp)
