"""The lines of a log, bounded (``events/lines.py``), and strict JSON: a line of at most 64 KiB read
without loading a longer one whole, no key twice, no number that is not finite."""

from __future__ import annotations

import io
import json
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import changrenzhi.events.lines as lines_module
from changrenzhi import EventLogError, read_events
from changrenzhi.events.lines import MAX_LINE_BYTES

CONGRESS = '{"id": "c1", "type": "congress.opened", "date": "2011-01-04", "term_years": 5}'
ELECT = '{"id": "e1", "type": "rep.elected", "date": "2011-01-04", "rep": "R01"}'


def problems(source: object, name: str = "log.jsonl") -> list[str]:
    """The problems of reading ``source`` (a list of lines, a path, a stream) as strings."""
    with pytest.raises(EventLogError) as info:
        read_events(source, name=name)  # type: ignore[arg-type]
    return [str(p) for p in info.value.problems]


def both(text: bytes) -> list[str]:
    """The problems of ``text`` read as a stream (in chunks) and as a list of lines: the same."""
    from_stream = problems(io.BytesIO(text))
    assert problems(text.split(b"\n")) == from_stream
    return from_stream


# ---- the length of a line -----------------------------------------------------------------------
def test_a_line_of_64_kib_is_read_and_a_longer_one_is_refused_by_its_line() -> None:
    head = CONGRESS[:-1] + ', "x_pad": "'
    at_most = head + "y" * (MAX_LINE_BYTES - len(head) - 2) + '"}'
    assert len(at_most.encode()) == MAX_LINE_BYTES
    assert len(read_events([at_most, ELECT])) == 2
    assert len(read_events(io.BytesIO(f"{at_most}\r\n{ELECT}\r\n".encode()))) == 2  # \r\n is the line's end
    too_long = at_most[:-2] + 'y"}'
    assert both(f"{too_long}\n{ELECT}\n{too_long}".encode()) == [
        f"log.jsonl:1: the line is {MAX_LINE_BYTES + 1} bytes long; a line may hold at most 65536 (64 KiB)",
        f"log.jsonl:3: the line is {MAX_LINE_BYTES + 1} bytes long; a line may hold at most 65536 (64 KiB)",
    ]


def test_a_comment_is_a_line_too() -> None:
    assert both(b"# " + b"c" * MAX_LINE_BYTES + b"\n" + ELECT.encode()) == [
        f"log.jsonl:1: the line is {MAX_LINE_BYTES + 2} bytes long; a line may hold at most 65536 (64 KiB)",
    ]


class Endless(io.RawIOBase):
    """A stream of ``size`` bytes of one line that never ends, made as it is read."""

    def __init__(self, size: int) -> None:
        self.left = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        n = min(len(buffer), self.left)
        buffer[:n] = b"{" * n
        self.left -= n
        return n


def test_a_huge_line_is_skipped_as_it_is_read_not_loaded() -> None:
    size = 64 << 20
    tracemalloc.start()
    try:
        found = problems(io.BufferedReader(Endless(size)))  # type: ignore[type-var]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert found == [f"log.jsonl:1: the line is {size} bytes long; a line may hold at most 65536 (64 KiB)"]
    assert peak < 8 << 20  # a few chunks, never the line


KINDS = ["event", "comment", "long", "blank", "dup", "colon"]


@given(st.lists(st.tuples(st.sampled_from(KINDS), st.booleans())), st.integers(1, 300))
def test_any_chunk_size_reads_the_same_as_lines_one_by_one(kinds: list[tuple[str, bool]], chunk: int) -> None:
    """Lines across chunk boundaries, long ones, keys named twice, colons in strings: the stream,
    read in chunks of any size, gives what the same lines given one by one give."""
    out = []
    for i, (kind, crlf) in enumerate(kinds):
        if kind == "event":
            line = f'{{"id": "c{i}", "type": "congress.opened", "date": "2011-01-04"}}'
        elif kind == "comment":
            line = "# a: comment"
        elif kind == "long":
            line = f'{{"id": "c{i}", "type": "congress.opened", "date": "2011-01-04", "x_a": "{"z" * 90}"}}'
        elif kind == "dup":
            line = f'{{"id": "c{i}", "type": "congress.opened", "date": "2011-01-04", "date": "2011-01-05"}}'
        elif kind == "colon":
            line = f'{{"id": "c{i}", "type": "congress.opened", "date": "2011-01-04", "x_at": "10:30"}}'
        else:
            line = ""
        out.append(line + ("\r" if crlf else ""))
    text = "\n".join(out).encode()
    patch = pytest.MonkeyPatch()
    try:
        patch.setattr(lines_module, "CHUNK", chunk)
        patch.setattr(lines_module, "MAX_LINE_BYTES", 100)
        patch.setattr(lines_module, "_WINDOW", 50)
        by_lines = _outcome(text.split(b"\n"))
        assert _outcome(io.BytesIO(text)) == by_lines
    finally:
        patch.undo()


def _outcome(source: object) -> list[str]:
    try:
        return [f"{e.line} {e.id}" for e in read_events(source, name="log")]  # type: ignore[arg-type]
    except EventLogError as exc:
        return [str(p) for p in exc.problems]


# ---- strict JSON ------------------------------------------------------------------------------
REP = '{"id": "e2", "type": "rep.elected", "date": "2011-01-04", '
TRAINING = '{"id": "t", "type": "training.held", "date": "2011-01-04", "participants": ["R01"], '
CONTACTS = '{"id": "a", "type": "contact.assigned", "date": "2011-01-04", "rep": "R01", "contacts": '


@pytest.mark.parametrize(
    ("line", "said"),
    [
        (REP + '"rep": "R01", "rep": "R02"}', "rep: named twice"),
        (
            '{"id": "e2", "id": "e3", "type": "rep.elected", "date": "2011-01-04", "rep": "R02"}',
            "id: named twice",
        ),
        (
            CONTACTS + '[{"person": "P1", "kind": "member", "person": "P2"}]}',
            "contacts[0].person: named twice",
        ),
        (REP + '"rep": "R02", "x_m": {"a": 1, "a": 2}}', "x_m.a: named twice"),
        (TRAINING + '"days": NaN}', "days: NaN is not"),
        (TRAINING + '"days": Infinity}', "days: not a finite number"),
        (TRAINING + '"days": -Infinity}', "days: not a finite number"),
        (TRAINING + '"days": 1e400}', "days: not a finite number"),
        (REP + '"rep": "R02", "x_n": [1, NaN]}', "x_n[1]: NaN is not"),
        (REP + '"rep": "R02", "x_n": 1e999}', "x_n: not a finite number"),
    ],
)
def test_strict_json(line: str, said: str) -> None:
    found = both(f"{CONGRESS}\n{ELECT}\n{line}\n".encode())
    assert len(found) == 1 and found[0].startswith(f"log.jsonl:3 {said}"), found


def test_colons_in_strings_and_objects_in_lists_are_not_keys_named_twice() -> None:
    text = "\n".join(
        [
            CONGRESS,
            '{"id": "e1", "type": "rep.elected", "date": "2011-01-04", "rep": "R:01", "x_url": "http://a:80/"}',
            '{"id": "a", "type": "contact.assigned", "date": "2011-01-04", "rep": "R:01", "contacts": '
            '[{"person": "P1", "kind": "member"}, {"person": "P2", "kind": "village"}]}',
        ]
    )
    for source in (io.BytesIO(text.encode()), text.split("\n")):
        assert [e.id for e in read_events(source)] == ["c1", "e1", "a"]


def test_a_key_named_twice_among_lines_the_fast_path_read_is_found_at_its_line() -> None:
    # the piece's colons do not match its keys: its lines are checked again, the problem put in order
    said = '{"id": "x%s", "type": "rep.suggested", "date": "2011-01-05", "rep": "R01"%s}'
    visit = '{"id": "v", "type": "contact.visit", "date": "2011-01-04", "rep": "R01", "person": "P"}'
    lines = [CONGRESS, ELECT, visit]
    lines += [said % (i, "") for i in range(5)]
    lines[4] = said % (1, ', "rep": "R01"')
    lines.append('{"id": "bad", "type": "nope", "date": "2011-01-05"}')
    found = both("\n".join(lines).encode())
    assert [f.split(" ")[0] for f in found] == ["log.jsonl:5", "log.jsonl:9"], found


# ---- control characters, encodings -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("R\\u0001", "0001"),
        ("R\\n1", "000A"),
        ("R\\u001b[3m", "001B"),
        ("R\x7f", "007F"),
        ("R\u0085", "0085"),
    ],
)
def test_an_id_may_not_hold_a_control_character(value: str, code: str) -> None:
    for line in (
        REP + f'"rep": "{value}"}}',
        f'{{"id": "{value}", "type": "rep.elected", "date": "2011-01-04", "rep": "R02"}}',
        TRAINING.replace('"R01"', f'"{value}"') + '"days": 1}',
    ):
        found = both(f"{CONGRESS}\n{ELECT}\n{line}\n".encode())
        assert f"holds a control character (U+{code}); an id may not" in found[0], found
        assert found[0].startswith("log.jsonl:3 "), found


def test_free_text_may_hold_one() -> None:
    line = '{"id": "d", "type": "rep.disqualified", "date": "2011-02-01", "rep": "R01", "reason": '
    line += '"a\\nb\\u0001"}'
    (_, _, ev) = read_events(io.BytesIO(f"{CONGRESS}\n{ELECT}\n{line}".encode()))
    assert ev.reason == "a\nb\x01"  # type: ignore[attr-defined]


def test_escapes_that_are_not_control_characters_are_read() -> None:
    line = '{"id": "e\\u0032", "type": "rep.elected", "date": "2011-01-04", '
    line += '"rep": "\\u5f20\\u4e09", "unit": "a\\"b"}'
    (_, ev) = read_events(io.BytesIO(f"{CONGRESS}\n{line}".encode()))
    assert (ev.id, ev.rep, ev.unit) == ("e2", "张三", 'a"b')  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("encoding", "name"), [("utf-16", "UTF-16"), ("utf-16-be", None), ("utf-32", "UTF-32")]
)
def test_a_log_in_another_encoding(encoding: str, name: str | None, tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    path.write_bytes(f"{CONGRESS}\n{ELECT}\n".encode(encoding))
    found = problems(path, name="log.jsonl")
    if name is not None:  # a byte-order mark: one problem, and no more reading
        assert found == [f"log.jsonl:1: the log is {name} (it begins with a byte-order mark), not UTF-8"]
    else:
        assert "it holds NUL bytes: is the log UTF-16, or not text?" in found[0]


def test_a_text_stream_that_cannot_be_decoded(tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    path.write_bytes(f"{CONGRESS}\n".encode() + b"\xff\xfe\n")
    with path.open(encoding="utf-8") as text:
        # a text stream decodes ahead of the lines it gives: the line is the first it could not give
        said = "cannot be decoded as utf-8 (invalid start byte), here or soon after"
        assert problems(text) == [f"log.jsonl:1: {said}"]


def test_lines_given_as_strings_with_a_lone_surrogate() -> None:
    found = problems([CONGRESS, '{"id": "e\ud800", "type": "rep.elected", "date": "2011-01-04", "rep": "R"}'])
    assert found[0].startswith("log.jsonl:2: not valid JSON (invalid unicode code point")


def test_lines_that_are_not_text() -> None:
    assert problems([CONGRESS, 42]) == ["log.jsonl:2: expected a line of text (str or bytes), got int 42"]


def _lines(n: int) -> Iterator[str]:
    yield CONGRESS
    for i in range(n):
        yield json.dumps({"id": f"e{i}", "type": "rep.elected", "date": "2011-01-04", "rep": f"R{i}"})


def test_many_lines_across_chunks() -> None:
    text = "\n".join(_lines(30_000)).encode()
    assert len(text) > 2 * lines_module.CHUNK
    log = read_events(io.BytesIO(text))
    assert len(log) == 30_001 and log.events[-1].line == 30_001
