"""Reading a log: :func:`read_events`, the loops over its lines or objects, and the problems found,
each located.

The lines come bounded (:mod:`.lines`: at most 64 KiB each, a file read in chunks). Every line that
starts with ``{`` is parsed once and given to its type's fast reader (:mod:`.fast`); a line the fast
reader declines, and every other line (comments, blank lines, marked lines, errors), goes to the
generic path, ``_Reader.line``, which parses strictly (no key twice, no ``NaN`` or ``Infinity``) and
then checks field by field (``_Reader.check``, :mod:`.fields`) and says what is wrong. The loop counts
the keys of the lines the fast path read against the colons of each piece of lines: a piece with more
colons has its lines checked again for a key named twice (``_recheck``). Events given as Python
objects (dicts, :class:`~.types.Event` objects) take the same two paths from the dict on: the checks
and their messages are the same whatever form an event came in. References to reps, groups and
committee members are checked once the whole log is read.
"""

from __future__ import annotations

import bisect
import gc
import io
import itertools
import operator
import os
import reprlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, NoReturn, TypeAlias

import pydantic_core

from ..errors import EventLogError, Problem
from .fast import FAST_BINDERS, FastMake
from .fields import (
    CONTROL,
    DATE_CACHE,
    FIRST_DAY,
    LAST_DAY,
    SPECS,
    BadValue,
    TypeSpec,
    check_contacts,
    check_ids,
    control_in,
    is_extension,
    parse_date,
    show,
    show_json,
    show_key,
)
from .lines import Marked, bounded_pieces, duplicate_key, json_problem, non_finite
from .log import EventLog, Positions, by_date
from .types import EVENT_TYPES, REFERENCES, Contact, Event

__all__ = ["EventSource", "read_events", "read_objects"]

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
    max_errors: int = 50,
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
    Blank lines and lines starting with ``#`` are skipped. ``name`` labels the log in problems
    (default: the path, a file object's ``name``, or ``<events>``). Raises :class:`EventLogError`
    listing every problem found (up to ``max_errors``), and :class:`TypeError` for an argument of
    the wrong sort (``None``, ``bytes`` as a source, a single dict...).
    """
    if name is not None and not isinstance(name, str):
        raise TypeError(f"read_events: name must be a str, got {_what(name)}")
    if type(max_errors) is not int or max_errors < 1:
        raise TypeError(f"read_events: max_errors must be a whole number >= 1, got {max_errors!r}")
    if text is not None:
        if source is not None:
            raise TypeError("read_events: give the log as source or as text=, not both")
        return _read_text(text, name, max_errors)
    if isinstance(source, str | os.PathLike):
        return _read_path(source, name, max_errors)
    if isinstance(source, EventLog):
        if source.checked:
            return source
        return read_objects(source.events, name=name or source.name, max_errors=max_errors)
    if callable(getattr(source, "read", None)) and not isinstance(source, Mapping):
        # a file object: its lines, read in bounded pieces (never a whole line to look at first)
        reader = _Reader(name or _label_of(source), max_errors)
        _feed(reader, _feed_lines, source)  # type: ignore[arg-type]
        return reader.finish()
    items = _iterate(source)
    first = next(items, _END)
    label = name or _label_of(source)
    if first is _END:
        return _Reader(label, max_errors).finish()
    rest = itertools.chain((first,), items)
    if isinstance(first, Mapping | Event):
        return read_objects(rest, name=label, max_errors=max_errors)
    reader = _Reader(label, max_errors)
    _feed(reader, _feed_lines, rest)
    return reader.finish()


def read_objects(items: Iterable[Any], *, name: str = "<events>", max_errors: int = 50) -> EventLog:
    """Check events given as Python objects (dicts, :class:`Event` objects), as :func:`read_events`
    does; every item is taken as an event (a line of text is a problem, not a line)."""
    reader = _Reader(name, max_errors, "index")
    _feed(reader, _feed_objects, items)
    return reader.finish()


_END = object()
_CONTROL_SEARCH = CONTROL.search


def _what(value: Any) -> str:
    """A value as a message names it: its type and a short repr (``str '{"id": ...'``)."""
    return "None" if value is None else f"{type(value).__name__} {reprlib.repr(value)}"


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
            f"or text=...; got {_what(source)}"
        ) from None


def _label_of(source: Any) -> str:
    label = getattr(source, "name", None)
    return label if isinstance(label, str) and label else "<events>"


def _looks_like_json(text: str) -> bool:
    return text.lstrip()[:1] in ("{", "[") or "\n" in text


def _read_path(source: str | os.PathLike[str], name: str | None, max_errors: int) -> EventLog:
    if isinstance(source, str) and _looks_like_json(source) and not os.path.exists(source):
        raise TypeError(
            "read_events: this string holds JSON, not a path: pass JSON Lines held in a string as "
            "read_events(text=data) or read_events(io.StringIO(data))"
        )
    label = name or str(source)
    reader = _Reader(label, max_errors)
    try:
        handle = Path(source).open("rb")  # noqa: SIM115 - closed below; a failure to open is located
    except OSError as exc:
        raise EventLogError([Problem(label, None, None, f"cannot open: {exc.strerror or exc}")]) from None
    with handle:
        _feed(reader, _feed_lines, handle)
    return reader.finish()


def _read_text(text: str | bytes, name: str | None, max_errors: int) -> EventLog:
    if isinstance(text, str):
        lines: list[str] | list[bytes] = text.split("\n")
    elif isinstance(text, bytes):
        lines = text.split(b"\n")
    else:
        raise TypeError(f"read_events: text must be JSON Lines as a str or bytes, got {_what(text)}")
    reader = _Reader(name or "<text>", max_errors)
    _feed(reader, _feed_lines, lines)
    return reader.finish()


def _feed(reader: _Reader, feed: Callable[[_Reader, Iterable[Any]], None], items: Iterable[Any]) -> None:
    """Feed lines or objects to ``reader`` with the cyclic garbage collector paused.

    Reading allocates an object per event and creates no cycles; left running,
    the collector would traverse the growing log again and again (a third of the
    reading time for a million events).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        feed(reader, items)
    finally:
        if enabled:
            gc.enable()


def _feed_lines(reader: _Reader, lines: Iterable[Any]) -> None:
    """Feed lines to ``reader``: the fast path for well-formed lines that start with ``{``,
    the generic path (``_feed_line``) for everything else and for any line the fast path declines."""
    # Caching keys only: values that recur (reps, groups, people) are interned by the field
    # checks anyway, and caching every value (ids are unique) costs a fifth of the parse.
    from_json = pydantic_core.from_json
    fast = reader.fast
    seen = reader.seen
    seen_add = seen.add
    append = reader.events.append
    dates = DATE_CACHE
    lineno = 0
    for piece, colons in bounded_pieces(lines):
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
                        make = fast.get(etype) if type(etype) is str else None
                        eid = obj["id"]
                        if make is not None and type(eid) is str and eid and eid not in seen:
                            d = obj["date"]
                            when = dates.get(d) if type(d) is str else None
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


def _recheck(reader: _Reader, piece: list[bytes | Marked] | io.BytesIO, keys: list[int], before: int) -> None:
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


def _feed_line(reader: _Reader, lineno: int, raw: bytes | Marked) -> int:
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


def _feed_objects(reader: _Reader, items: Iterable[Any]) -> None:
    """Feed events given as Python objects to ``reader``: each becomes the dict a line would parse
    to, and takes the fast path, or the generic path (``_Reader.check``) for anything it declines.
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
            reader.problem(index, None, f"expected an event (a dict or an Event), got {_what(item)}")
            continue
        try:
            etype = obj["type"]
            make = fast.get(etype) if type(etype) is str else None
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
        strict = non_finite(obj)
        if strict is not None:
            reader.problem(index, *strict, obj.get("id") if type(obj.get("id")) is str else None)
            continue
        reader.check(index, obj)


def _in_range(day: date) -> bool:
    return FIRST_DAY <= day <= LAST_DAY


def _has_control(obj: dict[Any, Any]) -> bool:
    """Whether any string of an event given as a dict (its values, the items of its lists and the
    values of the dicts in them) holds a control character."""
    search = _CONTROL_SEARCH
    for value in obj.values():
        kind = type(value)
        if kind is str:
            if search(value) is not None:
                return True
        elif kind is list or kind is tuple:
            for item in value:
                if type(item) is str:
                    if search(item) is not None:
                        return True
                elif type(item) is dict:
                    for inner in item.values():
                        if type(inner) is str and search(inner) is not None:
                            return True
    return False


def _plain(value: Any) -> Any:
    """A field of an :class:`Event` object as the dict of a line holds it (tuples as lists, a
    contact as ``{person, kind}``); anything else as it is, for the checks to judge."""
    if type(value) is tuple:
        return [_plain(v) for v in value]
    if type(value) is Contact:
        return {"person": value.person, "kind": value.kind}
    return value


@dataclass(frozen=True, slots=True)
class _Shape:
    """What turning an :class:`Event` object of one type into a line's dict needs."""

    cls: type[Event]
    #: every field, ``id`` and ``date`` first, and a getter of their values in that order
    names: tuple[str, ...]
    values: Callable[[Event], tuple[Any, ...]]
    #: the fields whose tuples a line holds as lists, and the fields that hold dates
    lists: tuple[str, ...]
    dates: tuple[str, ...]


def _shape(spec: TypeSpec) -> _Shape:
    names = ("id", "date", *(fs.name for fs in spec.fields))
    lists = tuple(fs.name for fs in spec.fields if fs.check in (check_ids, check_contacts))
    dates = ("date", *(fs.name for fs in spec.fields if fs.check is parse_date))
    return _Shape(spec.cls, names, operator.attrgetter(*names), lists, dates)


_SHAPES = {t: _shape(spec) for t, spec in SPECS.items()}


class _Reader:
    """One reading of a log: the events so far, the problems found, the references to check at the end.

    ``check`` is the generic path for one event (``line`` parses a line for it); each type's fast
    reader (``fast``) is bound to this reader's lists and references, so that both paths leave the
    same state behind. ``finish`` checks the references and returns the log, or raises every problem
    found. ``positions`` says what locates an event: its line in a file, or its index among Python
    objects (then problems also name the event's id).
    """

    def __init__(self, name: str, max_errors: int, positions: Positions = "line") -> None:
        self.name = name
        self.max_errors = max_errors
        self.positions = positions
        self.problems: list[Problem] = []
        self.seen: set[str] = set()
        self.events: list[Event] = []
        # for each sort of reference (REFERENCES): the first position and field naming each id, and
        # the ids defined
        self.refs: tuple[dict[str, tuple[int, str]], ...] = tuple({} for _ in REFERENCES)
        self.known: tuple[set[str], ...] = tuple(set() for _ in REFERENCES)
        # events by type, in file order; the fast path appends to these lists directly
        self.by_type: dict[str, list[Event]] = {t: [] for t in EVENT_TYPES}
        self.fast: dict[str, FastMake] = {
            t: bind(self.refs, self.known, self.by_type[t].append) for t, bind in FAST_BINDERS.items()
        }

    def place(self, pos: int, fld: str | None, message: str, event: str | None = None) -> Problem:
        """A problem of the event at ``pos`` (a line, or an index and the event's id)."""
        if self.positions == "line":
            return Problem(self.name, pos, fld, message)
        return Problem(self.name, None, fld, message, index=pos, event=event)

    def problem(self, pos: int, fld: str | None, message: str, event: str | None = None) -> None:
        # in position order: a problem found when a piece of lines is checked again comes after the
        # problems of later lines of the piece
        bisect.insort(self.problems, self.place(pos, fld, message, event), key=_position_of)
        if len(self.problems) >= self.max_errors:
            raise EventLogError(
                [*self.problems, Problem(self.name, None, None, f"stopped after {self.max_errors} errors")]
            )

    def stop(self, line: int, message: str) -> NoReturn:
        """A problem that makes the rest of the log unreadable: report it with those found so far."""
        self.problems.append(Problem(self.name, line, None, message))
        raise EventLogError(self.problems)

    def line(self, lineno: int, raw: bytes) -> None:
        """Parse one line strictly and check it (:meth:`check`)."""
        try:
            obj = pydantic_core.from_json(raw, cache_strings="keys")
        except ValueError as exc:
            hint = " (it holds NUL bytes: is the log UTF-16, or not text?)" if b"\x00" in raw else ""
            self.problem(lineno, None, f"not valid JSON ({exc}){hint}")
            return
        if type(obj) is not dict:
            self.problem(lineno, None, "expected a JSON object")
            return
        strict = json_problem(raw, obj)
        if strict is not None:
            self.problem(lineno, *strict)
            return
        self.check(lineno, obj)

    def event_dict(self, index: int, ev: Event) -> dict[str, Any] | None:
        """An :class:`Event` object as the dict a line would parse to, for the same checks; None
        (and a problem) for a type the log does not know or a date that is not a ``date``."""
        eid = getattr(ev, "id", None)
        ident = eid if type(eid) is str and eid else None
        shape = _SHAPES.get(ev.TYPE)
        if shape is None or not isinstance(ev, shape.cls):
            self.problem(index, "type", f"unknown event type {show(ev.TYPE)}{_suggest(ev.TYPE)}", ident)
            return None
        try:
            obj = dict(zip(shape.names, shape.values(ev), strict=True))
        except AttributeError as exc:  # a slot never set: not made by the class's __init__
            self.problem(index, getattr(exc, "name", None), "required", ident)
            return None
        for fld in shape.lists:
            value = obj[fld]
            if type(value) is tuple:
                obj[fld] = _plain(value)
        obj["type"] = ev.TYPE
        # a line's dates are text; an object's must be dates (a str would compare with nothing)
        for fld in shape.dates:
            value = obj[fld]
            if value is not None and type(value) is not date:
                self.problem(index, fld, f"expected a datetime.date, got {_what(value)}", ident)
                return None
        return obj

    def check(self, pos: int, obj: dict[Any, Any]) -> None:
        """Check one event field by field: the event, or the first problem with its field."""
        eid = obj.get("id")
        ident = eid if type(eid) is str and eid else None
        etype = obj.get("type")
        spec = SPECS.get(etype) if type(etype) is str else None
        if spec is None:
            if etype is None:
                self.problem(pos, "type", "required", ident)
            elif type(etype) is str:
                self.problem(pos, "type", f"unknown event type {show(etype)}{_suggest(etype)}", ident)
            else:
                self.problem(pos, "type", f"expected a string, got {_json(etype)}", ident)
            return
        if ident is None:
            self.problem(
                pos,
                "id",
                "required, a non-empty string" if eid is None else f"expected a string, got {show(eid)}",
            )
            return
        controls = control_in(ident)
        if controls is not None:
            self.problem(pos, "id", controls, ident)
            return
        if ident in self.seen:
            self.problem(pos, "id", f"duplicate id {show(ident)}", ident)
            return
        self.seen.add(ident)
        try:
            when = parse_date(obj.get("date"))
        except BadValue as bad:
            self.problem(pos, "date", "required" if "date" not in obj else str(bad), ident)
            return
        kwargs: dict[str, Any] = {}
        matched = 3
        for fs in spec.fields:
            value = obj.get(fs.name)
            if value is None:
                if fs.name in obj:
                    matched += 1
                    if fs.nullable:
                        continue
                    self.problem(pos, fs.name, "must not be null", ident)
                    return
                if fs.required:
                    self.problem(pos, fs.name, "required", ident)
                    return
                continue
            matched += 1
            try:
                kwargs[fs.name] = checked = fs.check(value)
            except BadValue as bad:
                self.problem(pos, fs.name, str(bad), ident)
                return
            if fs.ids:
                controls = control_in(checked)
                if controls is not None:
                    self.problem(pos, fs.name, controls, ident)
                    return
        if matched != len(obj):
            extra = sorted(str(k) for k in obj if k not in spec.allowed and not is_extension(k))
            if extra:
                message = f"unknown field for {etype}{_suggest(extra[0], spec.allowed)}"
                self.problem(pos, show_key(extra[0]), message, ident)
                return
        ev = spec.cls(ident, when, pos, **kwargs)
        if spec.event_check is not None:
            across = spec.event_check(ev)
            if across is not None:
                self.problem(pos, *across, ident)
                return
        self.events.append(ev)
        self.by_type[spec.cls.TYPE].append(ev)
        self._note_refs(spec, ev, pos)

    def _note_refs(self, spec: TypeSpec, ev: Event, lineno: int) -> None:
        if spec.defines is not None:
            i, key = spec.defines
            self.known[i].add(getattr(ev, key))
        for i, name in spec.ref_fields:
            value = getattr(ev, name)
            if value is None:
                continue
            refs = self.refs[i]
            for ident in (value,) if type(value) is str else value:
                if ident not in refs:
                    refs[ident] = (lineno, name)

    def finish(self) -> EventLog:
        ids: dict[int, str] | None = None  # the id of the event at each index (objects only)
        for ref, refs, known in zip(REFERENCES, self.refs, self.known, strict=True):
            for ident, (pos, fld) in sorted(refs.items(), key=lambda kv: kv[1]):
                if ident not in known:
                    message = f"unknown {ref.what} {ident!r}: no {ref.defined_by} in the log"
                    if self.positions == "index" and ids is None:
                        ids = {ev.line: ev.id for ev in self.events}
                    self.problems.append(self.place(pos, fld, message, ids.get(pos) if ids else None))
        if self.problems:
            raise EventLogError(self.problems[: self.max_errors])
        # A stable sort by date alone keeps file order within a day: exactly "date, then position".
        # Sorting each type's list the same way gives the same lists as filtering the sorted log.
        # A log written in date order (the usual case) needs no sort at all.
        events = self.events
        dates = list(map(by_date, events))
        if not all(map(operator.le, dates, itertools.islice(dates, 1, None))):
            events.sort(key=by_date)
            for evs in self.by_type.values():
                evs.sort(key=by_date)
        del dates
        by_type = {t: evs for t, evs in self.by_type.items() if evs}
        return EventLog(self.name, events, by_type, checked=True, positions=self.positions)


def _json(value: Any) -> str:
    try:
        return show_json(value)
    except (TypeError, ValueError):  # a Python object no line could hold
        return _what(value)


def _position_of(problem: Problem) -> int:
    """Where a problem is: its line, or its event's index (0 for the log as a whole)."""
    if problem.line is not None:
        return problem.line
    return problem.index if problem.index is not None else 0


def _suggest(word: str, choices: Iterable[str] | None = None) -> str:
    import difflib

    pool = list(choices) if choices is not None else list(EVENT_TYPES)
    close = difflib.get_close_matches(word, pool, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
