"""The typed reader (msgspec, a piece of lines at a time) gives the same events as the line-by-line
reader, and leaves to it every piece it has any doubt about."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from changrenzhi import EventLog, EventLogError, read_events
from changrenzhi.events.checker import SHAPES
from changrenzhi.events.typed import read_piece
from changrenzhi.events.types import Event
from support import ROOT

EXAMPLES = sorted((ROOT / "policies").glob("*/examples/*.jsonl"))


def facts(ev: Event) -> tuple[Any, ...]:
    shape = SHAPES[ev.TYPE]
    return (type(ev), ev.line, *shape.values(ev))


def same(a: EventLog, b: EventLog) -> None:
    assert [facts(e) for e in a.events] == [facts(e) for e in b.events]
    assert {t: [facts(e) for e in evs] for t, evs in a.by_type.items()} == {
        t: [facts(e) for e in evs] for t, evs in b.by_type.items()
    }


def typed_and_lines(data: bytes) -> tuple[EventLog | str, EventLog | str]:
    """The log read from a binary stream (typed pieces) and line by line (never typed)."""
    out: list[EventLog | str] = []
    for source in (io.BytesIO(data), data.decode("utf-8").splitlines(keepends=True)):
        try:
            out.append(read_events(source, name="log"))
        except EventLogError as exc:
            out.append(str(exc))
    return out[0], out[1]


def without_extensions(path: Path) -> bytes:
    """The example's events without their producer's own fields (``x_...``, which only the
    line-by-line reader reads), as JSON Lines."""
    out = []
    for line in path.read_bytes().splitlines():
        if line.startswith(b"{"):
            obj = {k: v for k, v in json.loads(line).items() if not k.startswith(("x_", "x-"))}
            out.append(json.dumps(obj, ensure_ascii=False).encode() + b"\n")
    return b"".join(out)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_read_alike(path: Path) -> None:
    for data in (path.read_bytes(), without_extensions(path)):
        typed, lines = typed_and_lines(data)
        assert isinstance(typed, EventLog) and isinstance(lines, EventLog)
        same(typed, lines)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_typed_reader_reads_whole_pieces(path: Path) -> None:
    body = without_extensions(path)
    got = read_piece(body, 1, body.count(b":"), set(), ({}, {}, {}), (set(), set(), set()))
    assert got is not None and len(got.events) == body.count(b"\n")


def piece(lines: Sequence[dict[str, Any] | str]) -> bytes:
    return b"".join(
        (x if isinstance(x, str) else json.dumps(x, ensure_ascii=False)).encode() + b"\n" for x in lines
    )


ELECTED = {"id": "e1", "type": "rep.elected", "date": "2011-01-01", "rep": "R1"}
VISIT = {"id": "v1", "type": "contact.visit", "date": "2011-02-01", "rep": "R1", "person": "P1"}


@pytest.mark.parametrize(
    "line",
    [
        '{"id": "v1", "type": "contact.visit", "date": "2011-02-01", "rep": "R1", "rep": "R2", '
        '"person": "P"}',
        '{"id": "v1", "type": "contact.visit", "date": "2011-02-31", "rep": "R1", "person": "P"}',
        '{"id": "v1", "type": "contact.visit", "date": "2200-01-01", "rep": "R1", "person": "P"}',
        '{"id": "v1", "type": "contact.visit", "date": "2011-2-1", "rep": "R1", "person": "P"}',
        '{"id": "", "type": "contact.visit", "date": "2011-02-01", "rep": "R1", "person": "P"}',
        '{"id": "v1", "type": "contact.visit", "date": "2011-02-01", "rep": "R1", "person": ""}',
        '{"id": "e1", "type": "contact.visit", "date": "2011-02-01", "rep": "R1", "person": "P"}',
        '{"id": "v1", "type": "contact.visit", "date": "2011-02-01", "rep": "R9", "person": "P"}',
        '{"id": "v1", "type": "contact.visit", "date": "2011-02-01", "rep": "R1", "person": "P", "x": 1}',
        '{"id": "v1", "type": "contact.visit", "date": "2011-02-01", "rep": "R1", "person": "P", "x_n": 1}',
        '{"id": "v1", "type": "contact.visit", "date": "2011-02-01", "rep": "R1", "person": "a:b"}',
        '{"id": "s1", "type": "study.session", "date": "2011-02-01", "group": "G", '
        '"attendees": ["R1", "R1"]}',
        '{"id": "s1", "type": "study.session", "date": "2011-02-01", "group": "G", '
        '"attendees": [], "days": 0}',
        '{"id": "s1", "type": "study.session", "date": "2011-02-01", "group": "G", '
        '"attendees": [], "days": NaN}',
        '{"id": "s1", "type": "study.session", "date": "2011-02-01", "group": "G", '
        '"attendees": [], "days": 1e999}',
        '{"id": "s1", "type": "study.session", "date": "2011-02-01", "group": "G", '
        '"attendees": [], "days": null}',
        '{"id": "m1", "type": "meeting.held", "date": "2011-02-01", "meeting": "m", "kind": "annual"}',
        '{"id": "g1", "type": "group.plan", "date": "2011-02-01", "group": "G", "year": 2011.0}',
        '{"id": "g1", "type": "group.plan", "date": "2011-02-01", "group": "G", "year": true}',
        '{"id": "g1", "type": "group.plan", "date": "2011-02-01", "group": "G", "year": 1800}',
        '{"id": "c1", "type": "contact.assigned", "date": "2011-02-01", "rep": "R1", '
        '"contacts": [{"person": "P", "kind": "member", "kind": "citizen"}]}',
        '{"id": "c1", "type": "contact.assigned", "date": "2011-02-01", "rep": "R1", '
        '"contacts": [{"person": "P", "kind": "member"}, {"person": "P", "kind": "citizen"}]}',
        '{"id": "v1", "type": "contact.visit", "date": "2011-02-01", "rep": "R1", "person": "P", "line": 3}',
        "# a comment",
        "",
        "[1]",
    ],
)
def test_lines_the_typed_reader_leaves_alone(line: str) -> None:
    """Each line, among valid ones: the same events or the same problems, whichever reader."""
    data = piece([ELECTED, {"id": "gf", "type": "group.formed", "date": "2011-01-02", "group": "G",
                            "members": ["R1"]}, line, VISIT | {"id": "v2"}])  # fmt: skip
    typed, lines = typed_and_lines(data)
    if isinstance(typed, EventLog) and isinstance(lines, EventLog):
        same(typed, lines)
    else:
        assert typed == lines
