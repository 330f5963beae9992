"""The event-log reader: the JSON Lines contract of docs/EVENTS.md, version 1."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import msgspec
import pytest

import changrenzhi.events.checker
from changrenzhi import EventLogError, read_events
from changrenzhi.events import EVENT_TYPES, MeetingHeld, StudySession, TrainingHeld
from support import ROOT

CONGRESS = '{"id": "c1", "type": "congress.opened", "date": "2011-01-04", "term_years": 5}'
ELECT = '{"id": "e1", "type": "rep.elected", "date": "2011-01-04", "rep": "R01"}'


def test_comments_and_blank_lines_are_skipped_but_count_as_lines() -> None:
    lines = ["# a comment", "", "   ", CONGRESS, "  # indented comment", "\t", '{"id": "x"}']
    with pytest.raises(EventLogError) as info:
        read_events(lines, name="log.jsonl")
    assert info.value.line == 7
    assert len(read_events(lines[:-1])) == 1


def test_byte_order_mark_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + (CONGRESS + "\r\n" + ELECT + "\r\n").encode())
    log = read_events(path)
    assert [e.id for e in log] == ["c1", "e1"]
    assert log.name == str(path)


@pytest.mark.parametrize(
    "first",
    [b"\xef\xbb\xbf# exported 2011-12-31\r\n", b"\xef\xbb\xbf\r\n", "\ufeff# exported\n", "\ufeff\n"],
    ids=["bom-comment", "bom-blank", "text-bom-comment", "text-bom-blank"],
)
def test_byte_order_mark_before_a_comment_or_blank_line(first: bytes | str) -> None:
    rest = CONGRESS + "\n"
    lines = [first, rest.encode() if isinstance(first, bytes) else rest]
    log = read_events(lines, name="log.jsonl")
    assert [e.id for e in log] == ["c1"]


def test_byte_order_mark_in_text_lines() -> None:
    assert len(read_events(["\ufeff" + CONGRESS])) == 1


def test_a_byte_order_mark_is_only_allowed_on_line_1() -> None:
    with pytest.raises(EventLogError) as info:
        read_events([CONGRESS, "\ufeff" + ELECT], name="log.jsonl")
    assert info.value.line == 2


def test_reads_binary_streams() -> None:
    stream = io.BytesIO((CONGRESS + "\n" + ELECT + "\n").encode())
    assert len(read_events(stream, name="<stdin>")) == 2


def test_extension_fields_are_allowed() -> None:
    line = json.dumps(
        {
            "id": "e1",
            "type": "rep.elected",
            "date": "2011-01-04",
            "rep": "R01",
            "x_source": "组织部名册",
            "x-batch": 3,
            "x_nested": {"a": [1, 2]},
        }
    )
    [_, ev] = read_events([CONGRESS, line])
    assert ev.rep == "R01"  # type: ignore[attr-defined]


def test_an_unknown_field_that_is_not_an_extension_is_refused() -> None:
    line = '{"id": "e1", "type": "rep.elected", "date": "2011-01-04", "rep": "R01", "y_source": 1}'
    with pytest.raises(EventLogError, match=r"y_source: unknown field for rep\.elected"):
        read_events([CONGRESS, line], name="log.jsonl")


def test_events_are_ordered_by_date_then_position() -> None:
    lines = [
        '{"id": "late", "type": "rep.elected", "date": "2011-03-01", "rep": "R02"}',
        CONGRESS,
        '{"id": "b", "type": "rep.elected", "date": "2011-01-04", "rep": "R03"}',
        '{"id": "a", "type": "rep.elected", "date": "2011-01-04", "rep": "R01"}',
    ]
    log = read_events(lines)
    assert [e.id for e in log] == ["c1", "b", "a", "late"]
    assert [e.line for e in log] == [2, 3, 4, 1]
    assert [e.id for e in log.of("rep.elected")] == ["b", "a", "late"]
    assert log.ids == {"c1", "a", "b", "late"}


def test_until_keeps_events_on_or_before_the_date() -> None:
    log = read_events([CONGRESS, '{"id": "e", "type": "rep.elected", "date": "2011-03-01", "rep": "R1"}'])
    assert [e.id for e in log.until(date(2011, 2, 28))] == ["c1"]
    assert [e.id for e in log.until(date(2011, 3, 1))] == ["c1", "e"]
    assert log.until(date(2011, 3, 1)) is log


def test_defaults_and_types() -> None:
    log = read_events(
        [
            CONGRESS,
            ELECT,
            '{"id": "g", "type": "group.formed", "date": "2011-01-05", "group": "G1", "members": ["R01"]}',
            '{"id": "s", "type": "study.session", "date": "2011-02-01", "group": "G1", "attendees": ["R01"]}',
            '{"id": "s2", "type": "study.session", "date": "2011-03-01", "group": "G1", "attendees": [],'
            ' "excused": ["R01"], "days": 0.5}',
            '{"id": "m", "type": "meeting.held", "date": "2011-03-01", "meeting": "M1", "kind": "annual",'
            ' "present": 40}',
        ]
    )
    s, s2 = log.of("study.session")
    assert isinstance(s, StudySession) and s.days == 1.0 and s.excused == () and s.attendees == ("R01",)
    assert isinstance(s2, StudySession) and s2.days == 0.5 and s2.excused == ("R01",)
    [m] = log.of("meeting.held")
    assert isinstance(m, MeetingHeld) and m.present == 40 and m.attendees is None
    assert m.type == "meeting.held" and m.date == date(2011, 3, 1)


def test_of_takes_the_class_or_its_name() -> None:
    log = read_events(
        [
            CONGRESS,
            ELECT,
            '{"id": "g", "type": "group.formed", "date": "2011-01-05", "group": "G1", "members": ["R01"]}',
            '{"id": "s", "type": "study.session", "date": "2011-02-01", "group": "G1", "attendees": ["R01"]}',
        ]
    )
    sessions: list[StudySession] = log.of(StudySession)
    assert sessions is log.of("study.session")  # the log's own list, not a copy
    assert [s.group for s in sessions] == ["G1"]
    assert log.of(TrainingHeld) == []


READABLE = sorted(
    [*(ROOT / "tests" / "data" / "logs").rglob("*.jsonl"), *(ROOT / "policies").glob("*/examples/*.jsonl")]
)


def _outcome(path: Path) -> list[Any]:
    try:
        log = read_events(path)
    except EventLogError as exc:
        return [(p.line, p.field, p.message) for p in exc.problems]
    return [(type(e), msgspec.structs.astuple(e)) for e in log] + [
        sorted((t, [e.id for e in evs]) for t, evs in log.by_type.items())
    ]


@pytest.mark.parametrize("path", READABLE, ids=[p.stem for p in READABLE])
def test_the_fast_path_decides_only_speed(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each type's compiled reader (events.fast) reads a log as the generic path alone does: the same
    events, or the same problems."""
    fast = _outcome(path)
    monkeypatch.setattr(changrenzhi.events.checker, "FAST_BINDERS", {})
    assert _outcome(path) == fast


def test_every_problem_is_listed_with_its_line() -> None:
    lines = [CONGRESS, "not json", '{"id": "c1", "type": "congress.opened", "date": "2011-01-05"}', "[]"]
    with pytest.raises(EventLogError) as info:
        read_events(lines, name="log.jsonl")
    assert [(p.line, p.field) for p in info.value.problems] == [(2, None), (3, "id"), (4, None)]


def test_unknown_references_are_reported_at_their_first_use() -> None:
    lines = [
        CONGRESS,
        '{"id": "v1", "type": "contact.visit", "date": "2011-02-01", "rep": "R07", "person": "P1"}',
        '{"id": "v2", "type": "contact.visit", "date": "2011-02-02", "rep": "R07", "person": "P1"}',
    ]
    with pytest.raises(EventLogError) as info:
        read_events(lines, name="log.jsonl")
    [problem] = info.value.problems
    assert (problem.line, problem.field) == (2, "rep")


def test_a_rep_may_be_named_before_the_line_that_elects_them() -> None:
    """References are checked against the whole log: the file need not be in date order."""
    visit = '{"id": "v", "type": "contact.visit", "date": "2011-02-01", "rep": "R01", "person": "P1"}'
    assert len(read_events([visit, CONGRESS, ELECT])) == 3


def test_missing_file() -> None:
    with pytest.raises(EventLogError, match="cannot open"):
        read_events("/no/such/log.jsonl")


def test_every_contract_type_is_known() -> None:
    contract = {
        "congress.opened",
        "rep.elected",
        "rep.credentialed",
        "rep.disqualified",
        "committee.appointed",
        "group.formed",
        "group.changed",
        "contact.assigned",
        "committee.assigned",
        "study.session",
        "training.held",
        "contact.visit",
        "committee.visit",
        "committee.reception",
        "group.activity",
        "group.plan",
        "group.report",
        "meeting.held",
        "agenda.proposed",
        "agenda.decided",
        "vote.held",
        "proposal.filed",
        "proposal.answered",
        "inspection.held",
        "inspection.reported",
        "rep.reported",
        "rep.suggested",
        "rating.given",
        "election.held",
    }
    assert contract <= set(EVENT_TYPES)
