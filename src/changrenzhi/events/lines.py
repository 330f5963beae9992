"""The lines of a log, bounded, as the reader's line loop takes them (:mod:`.reader`).

A line may hold at most :data:`MAX_LINE_BYTES` bytes (64 KiB, not counting its line end). A file is
read in pieces of :data:`CHUNK` bytes, never a whole line at a time: a longer line is skipped as it is
read, and the loop gets a :class:`Marked` line in its place that says how long it was. So reading
takes memory bounded by the chunk and the longest line allowed, whatever the input.

The loop's fast path reads lines that start with ``{``; a :class:`Marked` line starts with nothing,
so the loop hands it to the generic path, which says what is wrong with it or checks it closely.
Besides the overlong lines, a line is marked when it could hold a control character in a string:
JSON writes one as an escape (``\\u0001``, ``\\n``) or, for DEL and the C1 controls, as raw bytes
(``\\x7f``, ``\\xc2\\x80``..``\\xc2\\x9f``). The fast path checks no string for them; the generic
path refuses them in ids (:func:`.fields.control_in`). A piece of a file without a backslash, a DEL
or a ``\\xc2`` byte holds no such line, which is the usual case: then no line is looked at.
"""

from __future__ import annotations

import io
import json
import math
import re
import reprlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .fields import show_key

__all__ = [
    "CHUNK",
    "MAX_LINE_BYTES",
    "Marked",
    "Piece",
    "bounded_pieces",
    "duplicate_key",
    "json_problem",
    "non_finite",
]

#: the longest line a log may hold, in bytes, not counting its line end (``\n`` or ``\r\n``)
MAX_LINE_BYTES = 65_536
#: the bytes read from a file at a time: 128 KiB, some 1,300 events, whose decoded structs the
#: typed reader's passes over a piece (types, ids, references, columns) find in the processor's
#: cache; pieces of 1 MiB made reading the 1M benchmark log 10-15% slower (benchmarks/README.md)
CHUNK = 1 << 17
#: what may stand for a control character in a line of JSON (see the module's docstring)
_SUSPECT = re.compile(rb"\\|\x7f|\xc2[\x80-\x9f]")


class Marked:
    """A line the fast path does not read: ``raw`` (empty for an overlong line) and its length in
    bytes, or ``note``, what is wrong with it as a whole. ``line[:1]`` is ``b""``, so the loop
    hands it to the generic path without a test of its own."""

    __slots__ = ("length", "note", "raw")

    def __init__(self, raw: bytes, length: int, note: str | None = None) -> None:
        self.raw = raw
        self.length = length
        self.note = note

    def __getitem__(self, key: slice) -> bytes:
        return b""


def overlong(length: int) -> Marked:
    return Marked(
        b"", length, f"the line is {length} bytes long; a line may hold at most {MAX_LINE_BYTES} (64 KiB)"
    )


#: some lines of a log (a list, or a stream of whole lines), and how many colons they hold (see
#: :func:`duplicate_key`)
Piece = tuple[list[bytes | Marked] | io.BytesIO, int]


def bounded_pieces(source: Iterable[str | bytes]) -> Iterator[Piece]:
    """The lines of ``source`` as bytes, each long line and each line to check closely marked, in
    pieces, each with the colons its lines hold.

    A binary stream (an open file, standard input) is read in chunks; lines given one by one (a
    list, a text file) are taken as they come, strings encoded as UTF-8.
    """
    read: Callable[[int], bytes] | None = getattr(source, "read", None)
    if (
        read is not None
        and not isinstance(source, io.TextIOBase)
        and getattr(source, "encoding", None) is None
    ):  # a binary stream
        return _pieces(read)
    return _each(source)


def _pieces(read: Callable[[int], bytes]) -> Iterator[Piece]:
    """The lines of a binary stream, a chunk's worth at a time."""
    tail = b""  # the line the last chunk ended in, unfinished
    skipped = 0  # the bytes so far of an overlong line being skipped
    last = b""  # the last of them (a \r before the \n is the line's end)
    while True:
        chunk = read(CHUNK)
        if not chunk:
            break
        if skipped:
            end = chunk.find(b"\n")
            if end < 0:
                skipped += len(chunk)
                last = chunk[-1:]
                continue
            skipped += end
            yield [overlong(skipped - ((chunk[end - 1 : end] if end else last) == b"\r"))], 0
            skipped = 0
            chunk = chunk[end + 1 :]
        cut = chunk.rfind(b"\n") + 1
        if cut:
            body = tail + chunk[:cut] if tail else chunk[:cut]
            tail = chunk[cut:]
            yield _piece(body)
        else:  # no line ends in this chunk
            tail += chunk
        if len(tail) > MAX_LINE_BYTES + 1:  # unfinished, and already too long (+1: a \r may end it)
            skipped, last, tail = len(tail), tail[-1:], b""
    if skipped:
        yield [overlong(skipped - (last == b"\r"))], 0
    elif tail:
        yield _piece(tail)


#: the stretch of a piece of lines each stretch of which holds a line end when no line is too long
_WINDOW = MAX_LINE_BYTES // 2


def _piece(body: bytes) -> Piece:
    """Whole lines read from a stream (the last ends in ``\\n`` but at the end of the stream).

    Usually a stream of them (reading a line from it costs less than splitting the piece into a
    list); a list with the overlong lines and the lines to check closely marked, when there are
    any or may be: when some stretch of half the longest line holds no line end, or the piece holds
    a backslash, a DEL or a ``\\xc2`` byte.
    """
    colons = body.count(b":")
    if (
        b"\\" not in body
        and b"\x7f" not in body
        and b"\xc2" not in body
        and all(body.find(b"\n", i, i + _WINDOW) >= 0 for i in range(0, len(body), _WINDOW))
    ):
        return io.BytesIO(body), colons
    lines = body.split(b"\n")
    if not lines[-1]:
        lines.pop()
    out: list[bytes | Marked] = [_bounded(line) for line in lines]
    colons -= sum(line.count(b":") for line, b in zip(lines, out, strict=True) if b is not line)
    search = _SUSPECT.search
    return [
        Marked(line, len(line)) if type(line) is bytes and search(line) is not None else line for line in out
    ], colons


def _bounded(line: bytes) -> bytes | Marked:
    n = len(line) - line.endswith(b"\r")
    return overlong(n) if n > MAX_LINE_BYTES else line


def _each(source: Iterable[str | bytes]) -> Iterator[Piece]:
    """Lines given one by one: each encoded, bounded and screened, a piece of its own."""
    it = iter(source)
    while True:
        try:
            raw = next(it)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:  # a text file that is not what its encoding says
            problem = f"cannot be decoded as {exc.encoding} ({exc.reason}), here or soon after"
            yield [Marked(b"", 0, problem)], 0
            return
        if type(raw) is str:
            try:
                line = raw.encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate: the JSON parser says where
                line = raw.encode("utf-8", "surrogatepass")
        elif isinstance(raw, bytes | bytearray | memoryview):
            line = bytes(raw)
        else:
            got = "None" if raw is None else f"{type(raw).__name__} {reprlib.repr(raw)}"
            yield [Marked(b"", 0, f"expected a line of text (str or bytes), got {got}")], 0
            continue
        line = line.removesuffix(b"\n")
        checked = _bounded(line)
        if type(checked) is not bytes:
            yield [checked], 0
        elif _SUSPECT.search(line) is not None:
            yield [Marked(line, len(line))], line.count(b":")
        else:
            yield [line], line.count(b":")


# ---- JSON beyond what the parser checks ----------------------------------------------------
def json_problem(raw: bytes, obj: dict[str, Any]) -> tuple[str, str] | None:
    """(field, message) when the parsed line ``obj`` of ``raw`` names a key twice in one object or
    holds a number that is not finite (``NaN``, ``Infinity``, or one beyond a double's range, which
    parses as an infinity); None when neither."""
    found = non_finite(obj)
    if found is not None:
        return found
    return duplicate_key(raw, obj)


def non_finite(obj: dict[str, Any]) -> tuple[str, str] | None:
    """(field, message) when ``obj`` (a parsed line, or an event given as a dict) holds a number that
    is not finite; None when all are."""
    found = _non_finite(obj)
    if found is None:
        return None
    where, value = found
    if math.isnan(value):
        return _path(where), "NaN is not a number JSON allows"
    return _path(where), "not a finite number (Infinity, or a number beyond the range of a double)"


def duplicate_key(raw: bytes, obj: dict[str, Any]) -> tuple[str, str] | None:
    """(field, message) when the line ``raw``, parsed as ``obj``, names a key twice in one object.

    Every key is followed by a colon outside strings, so a line with as many colons as its objects
    have keys names no key twice; only the other lines are parsed again to find the key. (The line
    loop counts the colons of a whole piece of lines at once, and asks this only of the lines of a
    piece that has more colons than keys.)
    """
    keys = _keys(obj)
    if raw.count(b":") == keys or _STRING.sub(b"", raw).count(b":") == keys:
        return None
    try:
        parsed = json.loads(raw, object_pairs_hook=_Pairs)
    except (ValueError, RecursionError):  # pragma: no cover - the stricter parser accepted it
        return None
    found = _first_duplicate(parsed)
    return None if found is None else (_path(found), "named twice in one object; a key may appear once")


#: a JSON string (to count the colons outside strings)
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')
_NESTED = (dict, list)


def _non_finite(value: Any) -> tuple[list[str | int], float] | None:
    """The first number in ``value`` that is not finite, and where (the keys and indexes to it,
    innermost first); None when all are."""
    kind = type(value)
    if kind is float:
        return None if math.isfinite(value) else ([], value)
    items = value.items() if kind is dict else enumerate(value) if kind is list else ()
    for k, v in items:
        if type(v) is float or type(v) in _NESTED:
            found = _non_finite(v)
            if found is not None:
                found[0].append(k)
                return found
    return None


def _path(where: list[str | int]) -> str:
    """The field a message names for keys and indexes innermost first: ``contacts[0].person``."""
    out = ""
    for step in reversed(where):
        if isinstance(step, int):
            out += f"[{step}]"
        else:
            out += f".{show_key(step)}" if out else show_key(step)
    return out


def _keys(value: Any) -> int:
    kind = type(value)
    if kind is dict:
        return len(value) + sum(_keys(v) for v in value.values() if type(v) in _NESTED)
    if kind is list:
        return sum(_keys(v) for v in value if type(v) in _NESTED)
    return 0


class _Pairs(list[tuple[str, Any]]):
    """An object as the key-value pairs it was written with, duplicates included."""


def _first_duplicate(value: Any) -> list[str | int] | None:
    """Where the first key named twice is (innermost first), in ``value`` parsed as :class:`_Pairs`."""
    if type(value) is _Pairs:
        seen: set[str] = set()
        for key, _ in value:
            if key in seen:
                return [key]
            seen.add(key)
        items: Iterable[tuple[str | int, Any]] = value
    elif type(value) is list:
        items = enumerate(value)
    else:
        return None
    for k, v in items:
        found = _first_duplicate(v)
        if found is not None:
            found.append(k)
            return found
    return None
