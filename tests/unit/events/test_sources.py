"""Where a log comes from: ``read_events`` takes a path, a file object, lines, JSON Lines text
(``text=``), dicts or Event objects, and checks every event the same way, with the same messages;
``evaluate`` given events as Python objects validates them as the reader does."""

from __future__ import annotations

import io
import json
import reprlib
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

import msgspec
import pytest

import changrenzhi.events.checker
import changrenzhi.events.reader
from changrenzhi import EventLog, EventLogError, evaluate, read_events
from changrenzhi.events import CongressOpened, Contact, ContactAssigned, Event, RepElected, StudySession
from changrenzhi.events.reader import read_objects
from support import DATA, ROOT, shipped_pack

CONGRESS: dict[str, Any] = {"id": "c1", "type": "congress.opened", "date": "2011-01-04", "term_years": 5}
ELECT: dict[str, Any] = {"id": "e1", "type": "rep.elected", "date": "2011-01-04", "rep": "R01"}
GROUP: dict[str, Any] = {
    "id": "g1",
    "type": "group.formed",
    "date": "2011-01-05",
    "group": "G1",
    "members": ["R01"],
}
LINES = [json.dumps(e) for e in (CONGRESS, ELECT, GROUP)]
TEXT = "\n".join(LINES) + "\n"


def ids(log: EventLog) -> list[str]:
    return [e.id for e in log]


def problems(exc: EventLogError) -> list[tuple[int | None, int | None, str | None, str | None, str]]:
    return [(p.line, p.index, p.event, p.field, p.message) for p in exc.problems]


# ---- the forms of a source ------------------------------------------------------------------
def test_every_form_gives_the_same_log(tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    path.write_text(TEXT, encoding="utf-8")
    mixed: list[Event | dict[str, Any]] = [
        CongressOpened("c1", date(2011, 1, 4), 0, term_years=5),
        ELECT,
        GROUP,
    ]
    logs = [
        read_events(path),
        read_events(str(path)),
        read_events(text=TEXT),
        read_events(text=TEXT.encode()),
        read_events(io.StringIO(TEXT)),
        read_events(io.BytesIO(TEXT.encode())),
        read_events(LINES),
        read_events([line.encode() for line in LINES]),
        read_events([CONGRESS, ELECT, GROUP]),
        read_events(iter([CONGRESS, ELECT, GROUP])),
        read_events(mixed),
    ]
    with path.open(encoding="utf-8") as handle:
        logs.append(read_events(handle))
    for log in logs:
        assert ids(log) == ["c1", "e1", "g1"]
        assert log.checked
        assert [type(e) for e in log] == [type(e) for e in logs[0]]
        assert [msgspec.structs.astuple(e)[3:] for e in log] == [
            msgspec.structs.astuple(e)[3:] for e in logs[0]
        ]


def test_positions_are_lines_for_text_and_indexes_for_objects() -> None:
    assert [e.line for e in read_events(text=TEXT)] == [1, 2, 3]
    assert read_events(text=TEXT).positions == "line"
    log = read_events([CONGRESS, ELECT, GROUP])
    assert [e.line for e in log] == [0, 1, 2]
    assert log.positions == "index"


def test_labels() -> None:
    assert read_events(LINES).name == "<events>"
    assert read_events(text=TEXT).name == "<text>"
    assert read_events([CONGRESS], name="mine").name == "mine"
    handle = io.StringIO(TEXT)
    handle.name = "export.jsonl"
    assert read_events(handle).name == "export.jsonl"
    assert read_events([]).name == "<events>"
    assert len(read_events([])) == 0


def test_a_json_string_is_never_taken_for_a_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for text in (TEXT, LINES[0], "  " + LINES[0], "[]"):
        with pytest.raises(TypeError, match=r"text="):
            read_events(text)
    # a file that is there is read, whatever its name looks like
    monkeypatch.chdir(tmp_path)
    (tmp_path / "{odd}.jsonl").write_text(TEXT, encoding="utf-8")
    assert ids(read_events("{odd}.jsonl")) == ["c1", "e1", "g1"]
    # a plain name that is not there is a missing file, as before
    with pytest.raises(EventLogError, match="cannot open"):
        read_events("missing.jsonl")


@pytest.mark.parametrize(
    ("source", "match"),
    [
        (None, "no log given"),
        (b'{"id": "a"}', r"bytes are neither a path nor lines.*text="),
        (bytearray(b"x"), "bytes"),
        (CONGRESS, r"one event given.*\[event\]"),
        (CongressOpened("c1", date(2011, 1, 4), 0), "one event given"),
        (5, "got int 5"),
        (3.5, "got float"),
    ],
    ids=["none", "bytes", "bytearray", "dict", "event", "int", "float"],
)
def test_a_source_of_the_wrong_sort_is_a_type_error(source: Any, match: str) -> None:
    with pytest.raises(TypeError, match=match):
        read_events(source)


def test_options_of_the_wrong_sort_are_type_errors() -> None:
    with pytest.raises(TypeError, match="not both"):
        read_events(LINES, text=TEXT)
    with pytest.raises(TypeError, match="text must be"):
        read_events(text=LINES)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="name must be a str"):
        read_events(LINES, name=Path("x"))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="max_errors"):
        read_events(LINES, max_errors=0)


# ---- the same checks, the same messages ---------------------------------------------------------
def test_dicts_are_checked_as_lines_are() -> None:
    bad = [
        CONGRESS,
        {**ELECT, "rep": ""},
        {"id": "c1", "type": "congress.opened", "date": "2011-01-05"},
        {"id": "x", "type": "study.sesion", "date": "2011-01-05"},
        {"id": "y", "type": "rep.elected", "date": "2011/01/05", "rep": "R02"},
        {"type": "rep.elected", "date": "2011-01-05", "rep": "R03"},
        {"id": "z", "type": "contact.visit", "date": "2011-02-01", "rep": "R09", "person": "P1"},
        {"id": "w", "type": "rep.elected", "date": "2011-01-05", "rep": "R04", "colour": "red"},
    ]
    with pytest.raises(EventLogError) as from_lines:
        read_events([json.dumps(e) for e in bad], name="log")
    with pytest.raises(EventLogError) as from_dicts:
        read_events(bad, name="log")
    # the same fields and messages; a line where lines are, an index and the id where objects are
    assert [(p.field, p.message) for p in from_lines.value.problems] == [
        (p.field, p.message) for p in from_dicts.value.problems
    ]
    assert [p.line for p in from_lines.value.problems] == [
        None if p.index is None else p.index + 1 for p in from_dicts.value.problems
    ]
    assert all(p.line is None for p in from_dicts.value.problems)
    assert [p.event for p in from_dicts.value.problems] == ["e1", "c1", "x", "y", None, "w", "z"]
    assert str(from_dicts.value).splitlines()[:2] == [
        "log[1] (id 'e1') rep: expected a non-empty id, got ''",
        "log[2] (id 'c1') id: duplicate id 'c1'",
    ]
    assert "log[6] (id 'z') rep: unknown rep 'R09': no rep.elected in the log" in str(from_dicts.value)


def _objects(path: Path) -> tuple[list[Any], list[int]] | None:
    """The log's events as dicts and the line of each, or None when a line is no JSON object."""
    objs, lines = [], []
    for n, raw in enumerate(path.read_bytes().splitlines(), 1):
        text = raw.strip().removeprefix(b"\xef\xbb\xbf")
        if not text or text.startswith(b"#"):
            continue
        try:
            obj = json.loads(text)
        except ValueError:
            return None
        if type(obj) is not dict:
            return None
        objs.append(obj)
        lines.append(n)
    return objs, lines


#: the broken logs whose every line is a JSON object (the others are broken as text)
CORPUS = [p for p in sorted((DATA / "logs" / "invalid").glob("*.jsonl")) if _objects(p) is not None]


def test_most_of_the_corpus_is_json_objects() -> None:
    assert len(CORPUS) >= 20


@pytest.mark.parametrize("case", CORPUS, ids=lambda p: p.stem)
def test_the_corpus_of_broken_logs_read_as_dicts(case: Path) -> None:
    """Every broken log whose lines are JSON objects, given as dicts to ``evaluate``: the same
    problems as the file, each at the index of its line's object, with its id."""
    got = _objects(case)
    assert got is not None
    objs, lines = got
    pack = shipped_pack("guoyuan")
    with pytest.raises(EventLogError) as from_file:
        evaluate(pack, read_events(case, name="log"), date(2012, 12, 31))
    with pytest.raises(EventLogError) as from_dicts:
        evaluate(pack, objs, date(2012, 12, 31))
    expected = [(p.field, p.message) for p in from_file.value.problems]
    assert [(p.field, p.message) for p in from_dicts.value.problems] == expected
    for file_p, dict_p in zip(from_file.value.problems, from_dicts.value.problems, strict=True):
        assert dict_p.index is not None and lines[dict_p.index] == file_p.line
        assert dict_p.event == objs[dict_p.index].get("id")


def test_dicts_may_hold_dates_and_never_datetimes() -> None:
    log = read_events([{**CONGRESS, "date": date(2011, 1, 4)}, ELECT])
    assert log.events[0].date == date(2011, 1, 4)
    with pytest.raises(EventLogError, match=r"\[0\] \(id 'c1'\) date: expected a date YYYY-MM-DD"):
        read_events([{**CONGRESS, "date": datetime(2011, 1, 4, 9)}])


def test_event_objects_need_dates_that_are_dates() -> None:
    bad = CongressOpened("c1", "2011-01-04", 7)  # type: ignore[arg-type]
    with pytest.raises(EventLogError) as info:
        read_events([bad])
    assert str(info.value) == "<events>[0] (id 'c1') date: expected a datetime.date, got str '2011-01-04'"


def test_event_objects_are_checked_field_by_field() -> None:
    contacts = (Contact("P1", "member"), Contact("P1", "citizen"))
    objs: list[Event] = [
        CongressOpened("c1", date(2011, 1, 4), 0),
        RepElected("e1", date(2011, 1, 4), 0, rep="R01"),
        ContactAssigned("a1", date(2011, 1, 4), 0, rep="R01", contacts=contacts),
        StudySession("s1", date(2011, 2, 1), 0, group="G9", attendees=("R01",)),
        RepElected("e1", date(2011, 1, 5), 0, rep="R02"),
    ]
    with pytest.raises(EventLogError) as info:
        read_events(objs)
    assert [(p.index, p.event, p.field) for p in info.value.problems] == [
        (2, "a1", "contacts"),
        (4, "e1", "id"),
        (3, "s1", "group"),
    ]
    assert "[1].person: 'P1' listed twice" in info.value.problems[0].message


def test_an_event_type_the_log_does_not_know() -> None:
    class Picnic(Event):
        TYPE = "picnic.held"

    with pytest.raises(EventLogError, match=r"\[0\] \(id 'p'\) type: unknown event type 'picnic.held'"):
        read_events([Picnic("p", date(2011, 1, 1), 0)])


def test_lines_and_objects_do_not_mix() -> None:
    """The first item decides: lines, or events as objects; an item of the other sort is a problem."""
    with pytest.raises(EventLogError) as info:
        read_events(cast(Any, [LINES[0], ELECT, 7]))
    assert [(p.line, p.message) for p in info.value.problems] == [
        (2, f"expected a line of text (str or bytes), got dict {reprlib.repr(ELECT)}"),
        (3, "expected a line of text (str or bytes), got int 7"),
    ]
    with pytest.raises(EventLogError) as info:
        read_events(cast(Any, [CONGRESS, LINES[1]]))
    [p] = info.value.problems
    assert (p.line, p.index, p.field) == (None, 1, None)
    assert p.message.startswith("expected an event (a dict or an Event), got str '{")


def test_a_dict_with_keys_that_are_not_strings() -> None:
    with pytest.raises(EventLogError, match=r"\[0\] \(id 'e1'\) 1: unknown field for rep.elected"):
        read_events([{**ELECT, 1: "x"}])


ELECT2: dict[str, Any] = {"id": "e2", "type": "rep.elected", "date": "2011-01-04", "rep": "R02"}


@pytest.mark.parametrize(
    ("event", "field"),
    [
        ({**ELECT2, "rep": "R\udcff"}, "rep"),  # an id
        ({**ELECT2, "id": "e\ud800"}, "id"),  # the event's own
        ({**ELECT2, "unit": "U\udfff1"}, "unit"),  # free text
        ({**ELECT2, "x_note": "\ud83d"}, "x_note"),  # a producer's own field (half an emoji)
        ({**ELECT2, "x_\udcff": 1}, None),  # a key
        (
            {
                "id": "a",
                "type": "contact.assigned",
                "date": "2011-01-05",
                "rep": "R01",
                "contacts": [{"person": "P\udcff", "kind": "member"}],
            },
            "contacts",
        ),
        (
            {"id": "g", "type": "group.formed", "date": "2011-01-05", "group": "G1", "members": ["R\udc00"]},
            "members",
        ),
    ],
)
def test_a_lone_surrogate_is_refused_in_an_object(event: dict[str, Any], field: str | None) -> None:
    """A JSON line cannot hold one (the readers refuse its escape), and no UTF-8 output could write
    one: an event given as an object is refused likewise, wherever the string is, with a message
    that shows it escaped."""
    with pytest.raises(EventLogError) as info:
        read_events([CONGRESS, ELECT, event])
    [problem] = info.value.problems
    assert (problem.index, problem.field) == (2, field)
    assert "holds a lone surrogate (U+D" in problem.message
    str(info.value).encode("utf-8")  # the message is text, its id too: it can be written
    assert problem.event == (None if field == "id" else event["id"])


def test_an_event_object_holding_a_lone_surrogate_is_refused() -> None:
    with pytest.raises(EventLogError, match=r"\[1\] \(id 'e9'\) rep: 'R\\udcff' holds a lone surrogate"):
        events: list[Any] = [CONGRESS, RepElected("e9", date(2011, 1, 4), 0, "R\udcff")]
        read_events(events)


def test_the_fast_path_decides_only_speed_for_objects(monkeypatch: pytest.MonkeyPatch) -> None:
    path = ROOT / "policies" / "guoyuan" / "examples" / "guoyuan-2009-2010.jsonl"
    objs = _objects(path)
    assert objs is not None
    fast = read_events(objs[0])
    monkeypatch.setattr(changrenzhi.events.checker, "FAST_BINDERS", {})
    slow = read_objects(objs[0])
    assert [msgspec.structs.astuple(e) for e in fast] == [msgspec.structs.astuple(e) for e in slow]


# ---- evaluate given Python objects --------------------------------------------------------------
def test_evaluate_validates_event_objects() -> None:
    pack = shipped_pack("guoyuan")
    log = read_events(ROOT / "policies" / "guoyuan" / "examples" / "guoyuan-2009-2010.jsonl")
    as_of = date(2010, 9, 20)
    want = evaluate(pack, log, as_of).to_json()
    assert evaluate(pack, list(log.events), as_of).to_json() == want
    assert evaluate(pack, reversed(log.events), as_of).to_json() == want
    assert evaluate(pack, EventLog("by hand", list(log.events)), as_of).to_json() == want
    with pytest.raises(EventLogError) as info:
        evaluate(pack, [*log.events, log.events[5]], as_of)
    [p] = info.value.problems
    assert (p.index, p.event, p.field) == (len(log.events), log.events[5].id, "id")
    assert p.message == f"duplicate id {log.events[5].id!r}"


def test_evaluate_names_the_index_of_an_impossible_roster() -> None:
    pack = shipped_pack("guoyuan")
    events = [CONGRESS, ELECT, {**ELECT, "id": "e2", "date": "2011-02-01"}]
    with pytest.raises(EventLogError) as info:
        evaluate(pack, events, date(2011, 12, 31))
    assert str(info.value) == "<events>[2] (id 'e2') rep: rep 'R01' is already seated (elected 2011-01-04)"


def test_a_log_from_the_reader_is_trusted_and_stays_checked() -> None:
    log = read_events(LINES)
    assert read_events(log) is log
    assert log.until(date(2011, 1, 4)).checked
    assert not EventLog("by hand", list(log.events)).checked
    assert read_events(EventLog("by hand", list(log.events))).checked
