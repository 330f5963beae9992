"""Reading a log: :func:`read_events`, the loops over its lines or objects, and the problems found,
each located.

The lines come bounded (:mod:`.lines`: at most 64 KiB each, a file read in chunks). Every line that
starts with ``{`` is parsed once and given to its type's fast reader (:mod:`.fast`); a line the fast
reader declines, and every other line (comments, blank lines, marked lines, errors), goes to the
generic path, ``Reader.line``, which parses strictly (no key twice, no ``NaN`` or ``Infinity``) and
then checks field by field (``Reader.check``, :mod:`.fields`) and says what is wrong. The loop counts
the keys of the lines the fast path read against the colons of each piece of lines: a piece with more
colons has its lines checked again for a key named twice (``_recheck``). Events given as Python
objects (dicts, :class:`~.types.Event` objects) take the same two paths from the dict on: the checks
and their messages are the same whatever form an event came in. References to reps, groups and
committee members are checked once the whole log is read.
"""

from __future__ import annotations

import functools
import io
import itertools
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any, TypeAlias

import pydantic_core

from ..collector import paused_gc
from ..errors import EventLogError, Problem
from .checker import Reader, what
from .fields import (
    CONTROL,
    DATE_CACHE,
    FIRST_DAY,
    LAST_DAY,
    SPECS,
    BadValue,
    parse_date,
    show,
)
from .lines import CHUNK, Marked, bounded_pieces, duplicate_key, non_finite
from .log import EventLog
from .parts import Early, Wrap, cuts, gzipped, read_parts
from .typed import Again, read_piece
from .types import Event

__all__ = ["EventSource", "open_log", "read_events", "read_objects", "read_path"]

#: the problems a reading reports before it stops (``max_errors`` by default)
MAX_ERRORS = 50

#: what :func:`read_events` reads (besides ``text=``): a path; a file object or any iterable of
#: lines; an iterable of events as Python objects (dicts, :class:`Event` objects); an EventLog
EventSource: TypeAlias = (
    str | os.PathLike[str] | Iterable[str | bytes] | Iterable[Mapping[str, Any] | Event] | EventLog
)


def read_events(
    source: EventSource | None = None,
    *,
    text: str | bytes | None = None,
    name: str | None = None,
    max_errors: int = MAX_ERRORS,
    keep: Iterable[str] | None = None,
    packed: Iterable[str] | None = None,
    jobs: int = 1,
) -> EventLog:
    """Read and validate an event log: the one way events enter the library.

    ``source`` is one of:

    - a **path** (``str`` or :class:`os.PathLike`) of a JSON Lines file;
    - a **file object** in text or binary mode (``open(path)``, ``sys.stdin.buffer``,
      ``io.StringIO(text)``) or any **iterable of lines** (``str`` or ``bytes``); problems name
      the line, counted from 1;
    - an **iterable of events as Python objects**: dicts shaped as ``json.loads`` gives a line (a
      date may also be a :class:`datetime.date`, never a ``datetime``), or :class:`Event` objects
      (whose dates must be ``date`` objects). Problems name the event's index in the sequence
      (from 0) and its id: ``<events>[3] (id 'e4') date: ...``. The log holds new events, each
      with its index as its ``line``;
    - an :class:`EventLog`: returned as it is when this function made it, else its events are
      checked as Python objects.

    **JSON Lines held in a string** go in as ``text=`` (``read_events(text=data)``, ``str`` or
    ``bytes``), or as ``read_events(io.StringIO(data))``. A string given as ``source`` is always a
    path; one that names no file and looks like JSON (it starts with ``{`` or ``[``, or holds a line
    break) is refused with :class:`TypeError` rather than reported as a missing file.

    Whatever its form, every event goes through the same checks, with the same messages: its type
    and fields, ids unique, every rep, group and committee member it names defined in the log.
    ``keep``, for a log read from lines (a path, a file object, lines or ``text=``): the event
    types whose events the log keeps; the events of the others are read and checked as all are
    (their ids, their references), counted (``len(log)``), and then let go, keeping only their
    dates, counted by day (:attr:`EventLog.dropped`, a :class:`~changrenzhi.events.log.Days`).
    ``evaluate`` refuses such a log unless it keeps every type the roster and the pack's rules
    read; ``check`` keeps those. Blank lines and lines starting with
    ``#`` are skipped. ``name`` labels the log in problems
    (default: the path, a file object's ``name``, or ``<events>``). ``jobs``, for a path read with
    ``keep``: how many processes may read the file at once (see :mod:`changrenzhi.events.parts`):
    on Linux, a file of 32 MiB or more (not gzip) is read in as many parts as ``jobs``, the CPUs
    this process may use and parts of 14 MiB allow, a child forked for each part but the first;
    the log, or the problems, are the same as with ``jobs=1`` (the default), which reads it in this
    process alone. (Without ``keep``, every event would come back from the children as an object,
    which takes about as long as reading it: such a log is read by this process alone.)
    Raises :class:`EventLogError`
    listing every problem found (up to ``max_errors``), and :class:`TypeError` for an argument of
    the wrong sort (``None``, ``bytes`` as a source, a single dict...).
    """
    if name is not None and not isinstance(name, str):
        raise TypeError(f"read_events: name must be a str, got {what(name)}")
    if type(max_errors) is not int or max_errors < 1:
        raise TypeError(f"read_events: max_errors must be a whole number >= 1, got {max_errors!r}")
    if type(jobs) is not int or jobs < 1:
        raise TypeError(f"read_events: jobs must be a whole number >= 1, got {jobs!r}")
    kept = _kept(keep)
    pk = _packed(packed, kept)
    if text is not None:
        if source is not None:
            raise TypeError("read_events: give the log as source or as text=, not both")
        return _read_text(text, name, max_errors, kept, pk)
    if isinstance(source, str | os.PathLike):
        return read_path(source, name, max_errors, kept, pk, jobs)
    if isinstance(source, EventLog):
        if source.checked:
            return source
        return read_objects(source.events, name=name or source.name, max_errors=max_errors)
    if callable(getattr(source, "read", None)) and not isinstance(source, Mapping):
        # a file object: its lines, read in bounded pieces (never a whole line to look at first)
        reader = Reader(name or _label_of(source), max_errors, keep=kept, packed=pk)
        _feed(reader, _feed_lines, source)  # type: ignore[arg-type]
        return reader.finish()
    items = _iterate(source)
    first = next(items, _END)
    label = name or _label_of(source)
    if first is _END:
        return Reader(label, max_errors).finish()
    rest = itertools.chain((first,), items)
    if isinstance(first, Mapping | Event):
        return read_objects(rest, name=label, max_errors=max_errors)
    reader = Reader(label, max_errors, keep=kept, packed=pk)
    _feed(reader, _feed_lines, rest)
    return reader.finish()


def read_objects(items: Iterable[Any], *, name: str = "<events>", max_errors: int = MAX_ERRORS) -> EventLog:
    """Check events given as Python objects (dicts, :class:`Event` objects), as :func:`read_events`
    does; every item is taken as an event (a line of text is a problem, not a line)."""
    reader = Reader(name, max_errors, "index")
    _feed(reader, _feed_objects, items)
    return reader.finish()


_END = object()
#: a control character, or a lone surrogate (U+D800 to U+DFFF alone: not a character)
_CONTROL_SEARCH = re.compile(f"{CONTROL.pattern[:-1]}\ud800-\udfff]").search
_SURROGATE = re.compile("[\ud800-\udfff]").search


def _iterate(source: Any) -> Iterator[Any]:
    """An iterator over ``source``, or a TypeError that says what to pass instead."""
    if source is None:
        raise TypeError(
            "read_events: no log given: pass a path, a file object, an iterable of lines or of "
            "events, or JSON Lines as text=..."
        )
    if isinstance(source, bytes | bytearray | memoryview):
        raise TypeError(
            "read_events: bytes are neither a path nor lines here: pass JSON Lines as "
            "read_events(text=data), a path as a str or Path"
        )
    if isinstance(source, Mapping | Event):
        raise TypeError("read_events: one event given: pass a list of events, read_events([event])")
    try:
        return iter(source)
    except TypeError:
        raise TypeError(
            "read_events: expected a path, a file object, an iterable of lines or of events, "
            f"or text=...; got {what(source)}"
        ) from None


def _label_of(source: Any) -> str:
    label = getattr(source, "name", None)
    return label if isinstance(label, str) and label else "<events>"


def _looks_like_json(text: str) -> bool:
    return text.lstrip()[:1] in ("{", "[") or "\n" in text


def _kept(keep: Iterable[str] | None) -> frozenset[str] | None:
    if keep is None:
        return None
    if isinstance(keep, str) or not all(isinstance(t, str) for t in keep):
        raise TypeError(f"read_events: keep must be event types (a set of str), got {what(keep)}")
    return frozenset(keep)


def _packed(packed: Iterable[str] | None, kept: frozenset[str] | None) -> frozenset[str]:
    if packed is None:
        return frozenset()
    if isinstance(packed, str) or not all(isinstance(t, str) for t in packed):
        raise TypeError(f"read_events: packed must be event types (a set of str), got {what(packed)}")
    out = frozenset(packed)
    unknown = sorted(out - SPECS.keys())
    if unknown:
        raise TypeError(f"read_events: packed names types that are not event types: {', '.join(unknown)}")
    if kept is not None and not out <= kept:
        raise TypeError(f"read_events: packed types must be kept too: {', '.join(sorted(out - kept))}")
    return out


def start_early(source: str | os.PathLike[str], jobs: int, name: str | None = None) -> Early | None:
    """A reading of the file at ``source`` in two parts, its child started before the caller knows
    what to keep (see :class:`.parts.Early`), for :func:`read_path`; None when it would not be read
    so. The caller closes it whatever happens."""
    return Early.start(source, _feed_stream, jobs, name or str(source), MAX_ERRORS)


def read_path(
    source: str | os.PathLike[str],
    name: str | None,
    max_errors: int,
    keep: frozenset[str] | None = None,
    packed: frozenset[str] = frozenset(),
    jobs: int = 1,
    wrap: Wrap | None = None,
    early: Early | None = None,
) -> EventLog:
    """The log at a path (:func:`read_events`'s arguments checked); ``wrap``: what the handle each
    reading of the file reads through is passed through (with the share of the file it reads), to
    count its progress; ``early``: a reading of the file already started (:func:`start_early`), used
    for its hopeful reading when that is read in parts (else left to its owner, who closes it)."""
    if isinstance(source, str) and _looks_like_json(source) and not os.path.exists(source):
        raise TypeError(
            "read_events: this string holds JSON, not a path: pass JSON Lines held in a string as "
            "read_events(text=data) or read_events(io.StringIO(data))"
        )
    label = name or str(source)
    if os.path.isfile(source):
        # A regular file can be read again. It is read first on the hope that it is valid, as most
        # logs are: each piece's ids checked in one pass instead of two, and the range of its dates
        # once for the whole log (see typed.read_piece). Any doubt, and any problem, and it is read
        # again, carefully, which finds and locates every problem as a stream's reading does.
        try:
            reader, log = _read_file(source, label, max_errors, keep, packed, False, jobs, wrap, early)
        except (Again, EventLogError):
            pass
        else:
            # the ids hashed unique, and none of them an id kept (or read line by line)? (asked of
            # the child that read the last part, when the file was read in parts)
            told = reader.told
            if _dates_in_range(log) and (reader.hashed.unique(reader.seen) if told is None else told):
                return log
    return _read_file(source, label, max_errors, keep, packed, True, 1, wrap)[1]


def _read_file(
    source: str | os.PathLike[str],
    label: str,
    max_errors: int,
    keep: frozenset[str] | None,
    packed: frozenset[str],
    careful: bool,
    jobs: int = 1,
    wrap: Wrap | None = None,
    early: Early | None = None,
) -> tuple[Reader, EventLog]:
    reader = Reader(label, max_errors, keep=keep, packed=packed)
    reader.careful = careful
    # in parts, a reading that keeps some types only: sending every event back from a child takes
    # about as long as reading it (and its strings are shared no more), so keeping all gains nothing
    at: list[int] | None = None
    used: Early | None = None
    if not careful and jobs > 1 and keep is not None and not gzipped(source):
        if early is not None and early.path == source:
            at, used = early.at, early
        else:
            at = cuts(source, jobs)
    if early is not None and used is None:  # not wanted: its child stopped now (its owner closes it too)
        early.close()
    if at is not None:
        checked = read_parts(reader, _feed_stream, source, at, wrap, used)
        try:  # the last child checks the ids' hashes meanwhile
            log = reader.finish()
            reader.told = checked.verdict(reader)
        finally:
            checked.close()
        return reader, log
    with open_log(source, label) as handle:
        _feed(reader, _feed_lines, handle if wrap is None else wrap(handle, 1.0))
    return reader, reader.finish()


def _dates_in_range(log: EventLog) -> bool:
    """Whether the dates of a log (in date order) are within the limits."""
    ends = log.events[:1] + log.events[-1:]
    days = [ev.date for ev in ends] + log.dropped[:1] + log.dropped[-1:]
    for p in log.packed.values():
        days += p.dates[:1] + p.dates[-1:]
    return not days or (min(days) >= FIRST_DAY and max(days) <= LAST_DAY)


def open_log(source: str | os.PathLike[str], label: str | None = None) -> io.BufferedIOBase:
    """The log file at ``source`` opened for reading as bytes; a name ending in ``.gz`` is read
    through gzip, decompressed as it is read (in the reader's chunks: a long line, or a gzip bomb,
    meets the same 64 KiB limit of a line, and memory stays bounded). Failures to open or to
    decompress are :class:`EventLogError` naming the file (``label``, default the path)."""
    label = label or str(source)
    try:
        handle = Path(source).open("rb")  # noqa: SIM115 - the caller closes it; a failure is located
    except OSError as exc:
        raise EventLogError([Problem(label, None, None, f"cannot open: {exc.strerror or exc}")]) from None
    if not gzipped(source):
        return handle
    return _Gunzipped(handle, label)


class _Gunzipped(io.BufferedIOBase):
    """A gzip file, decompressed as it is read; corrupt data is a located :class:`EventLogError`."""

    def __init__(self, raw: io.BufferedIOBase, label: str) -> None:
        import gzip

        super().__init__()
        self._raw = raw
        self._gzip = gzip.GzipFile(fileobj=raw, mode="rb")
        self.name = label

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        # never the whole decompressed file at once
        return self._guarded(self._gzip.read, CHUNK if size is None or size < 0 else size)

    def readline(self, size: int | None = -1) -> bytes:
        return self._guarded(self._gzip.readline, -1 if size is None else size)

    def _guarded(self, how: Callable[[int], bytes], size: int) -> bytes:
        import zlib

        try:
            return how(size)
        except EOFError:
            problem = "the gzip data ends early (a truncated file)"
        except (OSError, zlib.error) as exc:
            problem = f"not readable as gzip: {exc}"
        raise EventLogError([Problem(self.name, None, None, problem)])

    def close(self) -> None:
        if not self.closed:
            self._gzip.close()
            self._raw.close()
        super().close()


def _read_text(
    text: str | bytes,
    name: str | None,
    max_errors: int,
    keep: frozenset[str] | None = None,
    packed: frozenset[str] = frozenset(),
) -> EventLog:
    if isinstance(text, str):
        lines: list[str] | list[bytes] = text.split("\n")
    elif isinstance(text, bytes):
        lines = text.split(b"\n")
    else:
        raise TypeError(f"read_events: text must be JSON Lines as a str or bytes, got {what(text)}")
    reader = Reader(name or "<text>", max_errors, keep=keep, packed=packed)
    _feed(reader, _feed_lines, lines)
    return reader.finish()


def _feed(reader: Reader, feed: Callable[[Reader, Iterable[Any]], None], items: Iterable[Any]) -> None:
    """Feed lines or objects to ``reader`` with the cyclic garbage collector paused.

    Reading allocates an object per event and creates no cycles; left running,
    the collector would traverse the growing log again and again (a third of the
    reading time for a million events).
    """
    with paused_gc():
        feed(reader, items)


def _feed_stream(reader: Reader, stream: Any, before: int) -> None:
    """Feed the lines of a binary stream to ``reader`` (see :mod:`.parts`), the first of them line
    ``before + 1``."""
    _feed(reader, functools.partial(_feed_lines, before=before), stream)


def _feed_lines(reader: Reader, lines: Iterable[Any], before: int = 0) -> None:
    """Feed lines to ``reader``: the fast path for well-formed lines that start with ``{``,
    the generic path (``_feed_line``) for everything else and for any line the fast path declines.
    ``before``: the lines of the log before these (a part of a file: see :mod:`.parts`)."""
    # Caching keys only: values that recur (reps, groups, people) are interned by the field
    # checks anyway, and caching every value (ids are unique) costs a fifth of the parse.
    from_json = pydantic_core.from_json
    fast = reader.fast
    seen = reader.seen
    seen_add = seen.add
    append = reader.events.append
    dates = DATE_CACHE
    lineno = before
    events = reader.events
    dropped = reader.dropped
    filed = {spec.cls: reader.by_type[t].extend for t, spec in SPECS.items()}
    strings = reader.strings  # the equal strings and dates the events share (reps, people, days)
    hopeful = None if reader.careful else reader.hashed  # see typed.read_piece
    for piece, colons in bounded_pieces(lines):
        if type(piece) is io.BytesIO:
            # the typed reader first: a whole piece at once, or nothing (then line by line, below);
            # comments and blank lines at the top of a piece (a log's header) hold no event
            body = piece.getvalue()
            skip = _header(body)
            typed = read_piece(
                body[skip:] if skip else body,
                lineno + 1 + body.count(b"\n", 0, skip),
                colons - body.count(b":", 0, skip),
                seen,
                reader.refs,
                reader.known,
                reader.keep,  # (what to keep may change between pieces: see parts.Early)
                strings,
                hopeful,
                reader.packed,
            )
            if typed is not None:
                events += typed.events
                for evs in typed.by_type:
                    filed[type(evs[0])](evs)
                for t, columns in typed.packed.items():
                    reader.columns(t).extend(columns)
                dropped.update(typed.dropped)
                lineno += body.count(b"\n", 0, skip) + typed.lines
                continue
        # the keys of each line (the colons of a line the generic path took): as many as the
        # piece's colons, or some line names a key twice, or holds a colon in a string (_recheck)
        keys: list[int] = []
        count = keys.append
        first = lineno + 1  # lineno goes on from piece to piece
        for lineno, raw in enumerate(piece, first):
            if raw[:1] == b"{":  # a Marked line starts with nothing
                # NaN and Infinity parse, but no fast reader accepts a float that is not finite (days
                # must be at most 366; a producer's own field holding a float goes to the generic path)
                try:
                    obj = from_json(raw, cache_strings="keys")  # type: ignore[arg-type]
                except ValueError:
                    obj = None
                if type(obj) is dict:
                    try:
                        etype = obj["type"]
                        make = fast[etype] if type(etype) is str else None
                        eid = obj["id"]
                        if make is not None and type(eid) is str and eid and eid not in seen:
                            d = obj["date"]
                            when = dates.get(d) if type(d) is str else None
                            if when is None and type(d) is str:
                                # a day the typed reader met is not in the cache: parsed here, so
                                # which path reads a line does not hang on what was read before
                                when = _day_or_none(d)
                            if when is not None:
                                ev = make(obj, eid, when, lineno)
                                if ev is not None:
                                    seen_add(eid)
                                    append(ev)
                                    count(len(obj))
                                    continue
                    except KeyError:  # a required field is missing: the generic path says which
                        pass
            count(_feed_line(reader, lineno, raw))
        if sum(keys) != colons:
            _recheck(reader, piece, keys, first - 1)


def _header(body: bytes) -> int:
    """Where the comments and blank lines at the top of a piece of lines end (0: none; the piece's
    length: the piece is nothing else)."""
    at = 0
    while body.startswith((b"#", b"\n", b"\r\n"), at):
        end = body.find(b"\n", at)
        if end < 0:
            return len(body)
        at = end + 1
    return at


def _day_or_none(text: str) -> date | None:
    try:
        return parse_date(text)
    except BadValue:
        return None


def _recheck(reader: Reader, piece: list[bytes | Marked] | io.BytesIO, keys: list[int], before: int) -> None:
    """Find the lines of a piece with more colons than keys, and among them any that names a key
    twice (the others hold a colon in a string)."""
    if isinstance(piece, io.BytesIO):
        piece.seek(0)
    for lineno, (raw, k) in enumerate(zip(piece, keys, strict=True), before + 1):
        if type(raw) is bytes and raw.count(b":") != k:
            found = duplicate_key(raw, pydantic_core.from_json(raw))  # a line the fast path read
            if found is not None:
                reader.problem(lineno, *found)


#: byte-order marks of the encodings a log is not in (UTF-32 before UTF-16: it begins alike)
_OTHER_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"),
)  # fmt: skip


def _feed_line(reader: Reader, lineno: int, raw: bytes | Marked) -> int:
    """The generic path for one line: comments, blank lines, a byte-order mark, and every error.
    Returns the colons of the line (which the line loop counts: see ``_feed_lines``)."""
    if type(raw) is Marked:
        if raw.note is not None:
            reader.problem(lineno, None, raw.note)
            return 0
        raw = raw.raw
    line: bytes = raw  # type: ignore[assignment]
    stripped = line.strip()
    if lineno == 1:  # a byte-order mark comes before anything else, a comment included
        for bom, encoding in _OTHER_BOMS:
            if line.startswith(bom):
                reader.stop(lineno, f"the log is {encoding} (it begins with a byte-order mark), not UTF-8")
        stripped = stripped.removeprefix(b"\xef\xbb\xbf")
    if stripped and stripped[0] != 35:  # not blank, not a comment (35 is b"#")
        reader.line(lineno, stripped)
    return line.count(b":")


def _feed_objects(reader: Reader, items: Iterable[Any]) -> None:
    """Feed events given as Python objects to ``reader``: each becomes the dict a line would parse
    to, and takes the fast path, or the generic path (``Reader.check``) for anything it declines.
    An event's position is its index, from 0."""
    fast = reader.fast
    seen = reader.seen
    seen_add = seen.add
    append = reader.events.append
    dates = DATE_CACHE
    for index, item in enumerate(items):
        if type(item) is dict:
            obj = item
        elif isinstance(item, Event):
            converted = reader.event_dict(index, item)
            if converted is None:
                continue
            obj = converted
        elif isinstance(item, Mapping):
            obj = dict(item)
        else:
            reader.problem(index, None, f"expected an event (a dict or an Event), got {what(item)}")
            continue
        try:
            etype = obj["type"]
            make = fast[etype] if type(etype) is str else None
            eid = obj["id"]
            if make is not None and type(eid) is str and eid and eid not in seen:
                d = obj["date"]
                when = dates.get(d) if type(d) is str else d if type(d) is date and _in_range(d) else None
                # the fast path checks no string for a control character (lines are screened for
                # them, :mod:`.lines`): an event holding one anywhere takes the generic path
                if when is not None and not _has_control(obj):
                    ev = make(obj, eid, when, index)
                    if ev is not None:
                        seen_add(eid)
                        append(ev)
                        continue
        except KeyError:  # a required field is missing: the generic path says which
            pass
        lone = _lone_surrogate(obj)
        if lone is not None:
            eid = obj.get("id")
            reader.problem(index, *lone, eid if type(eid) is str and _SURROGATE(eid) is None else None)
            continue
        strict = non_finite(obj)
        if strict is not None:
            reader.problem(index, *strict, obj.get("id") if type(obj.get("id")) is str else None)
            continue
        reader.check(index, obj)


def _in_range(day: date) -> bool:
    return FIRST_DAY <= day <= LAST_DAY


def _lone_surrogate(obj: dict[Any, Any]) -> tuple[str | None, str] | None:
    """The field and the problem of a string of an event given as a dict that holds a lone
    surrogate, which no line of a log can hold (the JSON readers refuse it) and no output could write
    as UTF-8; None when none does."""
    found = _first_found(obj, _SURROGATE)
    if found is None:
        return None
    key, text, match = found
    name = key if type(key) is str and _SURROGATE(key) is None else None
    what = f"a lone surrogate (U+{ord(match.group()):04X})"
    return name, f"{show(text)} holds {what}: not a character, no log holds one"


def _has_control(obj: dict[Any, Any]) -> bool:
    """Whether any string of an event given as a dict holds a control character or a lone
    surrogate (see :func:`_first_found`)."""
    return _first_found(obj, _CONTROL_SEARCH) is not None


def _first_found(
    obj: dict[Any, Any], search: Callable[[str], re.Match[str] | None]
) -> tuple[Any, str, re.Match[str]] | None:
    """The first string of an event given as a dict (a key, a value, an item of a list, a value of
    a dict in a list) that ``search`` finds something in: its key, the string and what was found."""
    for key, value in obj.items():
        if type(key) is str and (found := search(key)) is not None:
            return key, key, found
        kind = type(value)
        if kind is str:
            if (found := search(value)) is not None:
                return key, value, found
        elif kind is list or kind is tuple:
            for item in value:
                if type(item) is str:
                    if (found := search(item)) is not None:
                        return key, item, found
                elif type(item) is dict:
                    for inner in item.values():
                        if type(inner) is str and (found := search(inner)) is not None:
                            return key, inner, found
    return None
