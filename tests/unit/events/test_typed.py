"""The typed reader (msgspec, a piece of lines at a time) gives the same events as the line-by-line
reader, and leaves to it every piece it has any doubt about."""

from __future__ import annotations

import io
import json
import tempfile
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


def read_or_say(source: Any, keep: set[str] | None = None) -> EventLog | str:
    try:
        return read_events(source, name="log", keep=keep)
    except EventLogError as exc:
        return str(exc)


def typed_and_lines(data: bytes) -> tuple[EventLog | str, EventLog | str]:
    """The log read from a binary stream (typed pieces) and line by line (never typed); and, read
    from a file (typed pieces, hoping for a valid log, then read again carefully), as from the stream."""
    typed = read_or_say(io.BytesIO(data))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "log.jsonl"
        path.write_bytes(data)
        from_file = read_or_say(path)
    if isinstance(typed, EventLog) and isinstance(from_file, EventLog):
        same(typed, from_file)
    else:
        assert typed == from_file
    # keeping one type only, the others are checked in bulk (typed.read_piece): the same verdict
    kept = read_or_say(io.BytesIO(data), keep={"rep.elected"})
    if isinstance(typed, EventLog) and isinstance(kept, EventLog):
        assert len(kept) == len(typed)
        assert [facts(e) for e in kept.events] == [facts(e) for e in typed.of("rep.elected")]
    else:
        assert kept == typed
    return typed, read_or_say(data.decode("utf-8").splitlines(keepends=True))


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
        # a producer's own fields: plain values are read by the typed reader (test below), others not
        '{"id": "v1", "type": "contact.visit", "date": "2011-02-01", "rep": "R1", "person": "P", "x_n": 1.5}',
        '{"id": "v1", "type": "contact.visit", "date": "2011-02-01", "rep": "R1", "person": "P", '
        '"x_n": 1e999}',
        '{"id": "v1", "type": "contact.visit", "date": "2011-02-01", "rep": "R1", "person": "P", "x_n": [1]}',
        '{"id": "v1", "type": "contact.visit", "date": "2011-02-01", "rep": "R1", "person": "P", '
        '"x-n": {"a": 1}}',
        '{"id": "v1", "type": "contact.visit", "date": "2011-02-01", "rep": "R1", "person": "P", "x_n": "a", '
        '"foo": 1}',
        '{"id": "v1", "type": "contact.visit", "date": "2011-02-01", "rep": "R1", "person": "x_a", "foo": 1}',
        '{"id": "v1", "type": "contact.visit", "date": "2011-02-01", "rep": "R1", "person": "P", "x_n": 1, '
        '"x_n": 2}',
        '{"id": "v1", "type": "contact.visit", "date": "2011-02-01", "rep": "R1", "person": "a:b"}',
        '{"id": "s1", "type": "study.session", "date": "2011-02-01", "group": "G", '
        '"attendees": ["R1", "R1"]}',
        '{"id": "a1", "type": "activity.held", "date": "2011-02-01", "activity": "a", '
        '"participants": ["R1", "R1"]}',
        '{"id": "p1", "type": "proposal.filed", "date": "2011-02-01", "proposal": "p", "form": "proposal", '
        '"sponsors": ["R1"], "due": "2200-01-01"}',
        '{"id": "p1", "type": "proposal.filed", "date": "2011-02-01", "proposal": "p", "form": "proposal", '
        '"sponsors": ["R1"], "due": null}',
        '{"id": "r1", "type": "rep.reported", "date": "2011-02-01", "rep": "R1", "to": null}',
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


def big_log(n: int, change: dict[int, dict[str, Any]]) -> bytes:
    """A valid log of ``n`` visits (several of the typed reader's pieces), with the lines in
    ``change`` (counted from 1, after the election on line 1) changed."""
    lines: list[dict[str, Any]] = [ELECTED]
    for i in range(2, n + 2):
        lines.append(VISIT | {"id": f"v{i:07d}", "person": f"P{i % 97}"} | change.get(i, {}))
    return piece(lines)


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({30_000: {"id": "v0000005"}}, "log:30000 id: duplicate id 'v0000005'"),  # across pieces
        ({10: {"id": "v0000005"}}, "log:10 id: duplicate id 'v0000005'"),  # within a piece
        ({3: {"id": "e1"}}, "log:3 id: duplicate id 'e1'"),  # a type kept and one not, in a piece
        ({30_000: {"date": "1899-12-31"}}, "log:30000 date: 1899-12-31 is out of range"),
        ({30_000: {"date": "2200-01-01"}}, "log:30000 date: 2200-01-01 is out of range"),
        ({5: {"date": "1899-12-31"}, 30_000: {"id": "v0000007"}}, "log:5 date: 1899-12-31 is out of range"),
        ({30_000: {"id": "e1"}}, "log:30000 id: duplicate id 'e1'"),  # the id of a type kept, or not
        # a piece read line by line (a backslash: \" in a string), its duplicate among typed pieces
        ({30_000: {"id": "v0000005", "person": 'P"q'}}, "log:30000 id: duplicate id 'v0000005'"),
    ],
)
def test_a_file_that_is_not_valid_is_read_again_carefully(
    change: dict[int, dict[str, Any]], said: str
) -> None:
    """A file is read hoping it is valid (ids in one pass, dates' range once for the log); a problem
    anywhere, even in a piece far from the first, is found and located as in a stream."""
    data = big_log(40_000, change)
    assert len(data) > 3 * (1 << 20)  # pieces of 1 MiB
    typed, _ = typed_and_lines(data)  # the file read as the stream is (asserted there)
    assert isinstance(typed, str) and said in typed, typed
    # keeping some types only (the ids of the others are kept as hashes): the same
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "log.jsonl"
        path.write_bytes(data)
        for keep in ({"rep.elected"}, {"contact.visit"}):
            with pytest.raises(EventLogError) as info:
                read_events(path, name="log", keep=keep)
            assert str(info.value) == typed


def test_a_valid_file_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from changrenzhi.events import checker, reader

    readers: list[object] = []
    real = checker.Reader

    def counted(*args: Any, **kwargs: Any) -> Any:
        readers.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(reader, "Reader", counted)
    path = tmp_path / "log.jsonl"
    path.write_bytes(big_log(40_000, {}))
    log = read_events(path)
    assert len(log) == 40_001 and len(readers) == 1


@pytest.mark.parametrize("own", ['"x_n": 1', '"x-n": true', '"x_note": "走访"', '"x_a": null, "x_b": -3'])
def test_a_producers_own_plain_fields_are_read_typed(own: str) -> None:
    body = piece([ELECTED, VISIT]).replace(b'"person": "P1"}', b'"person": "P1", ' + own.encode() + b"}")
    assert own.encode() in body
    got = read_piece(body, 1, body.count(b":"), set(), ({}, {}, {}), (set(), set(), set()))
    assert got is not None and [e.id for e in got.events] == ["e1", "v1"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_shipped_examples_are_read_typed(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each example, its header of comments and its producer's own plain fields included, is read by
    the typed reader, every piece of it whole; its events are those the line-by-line reader reads, at
    their lines."""
    from changrenzhi.events import reader

    said: list[bool] = []
    real = read_piece

    def counted(*args: Any) -> Any:
        got = real(*args)
        said.append(got is not None)
        return got

    monkeypatch.setattr(reader, "read_piece", counted)
    typed = read_events(io.BytesIO(path.read_bytes()), name="log")
    assert said and all(said)
    same(typed, read_events(path.read_text(encoding="utf-8").splitlines(), name="log"))


def test_id_hashes_find_any_two_equal() -> None:
    from changrenzhi.events.typed import IdHashes

    hashes = IdHashes()
    hashes.add(f"id-{i}" for i in range(5_000))
    assert len(hashes) == 5_000 and hashes.unique()
    assert not hashes.unique({"x", "id-17"}) and hashes.unique({"x", "y"})
    hashes.add(["id-4321"])
    assert len(hashes) == 5_001 and not hashes.unique()
