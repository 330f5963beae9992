"""The check of one event, from a line of the log or an object given in Python: its type, its
fields, its references, and the problems found, each with its place (:class:`Reader`).

:mod:`.reader` feeds it; it keeps what it reads until :meth:`Reader.finish` builds the log."""

from __future__ import annotations

import bisect
import itertools
import operator
import reprlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, NoReturn

import pydantic_core

from ..errors import EventLogError, Problem
from .fast import FAST_BINDERS, FastMake
from .fields import (
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
from .lines import json_problem
from .log import Days, EventLog, Packed, Positions, by_date
from .typed import IdHashes
from .types import EVENT_TYPES, REFERENCES, Contact, Event

__all__ = [
    "SHAPES",
    "Reader",
    "Shape",
    "json_text",
    "plain_field",
    "position_of",
    "shape_of",
    "suggest",
    "what",
]


def what(value: Any) -> str:
    """A value as a message names it: its type and a short repr (``str '{"id": ...'``)."""
    return "None" if value is None else f"{type(value).__name__} {reprlib.repr(value)}"


def plain_field(value: Any) -> Any:
    """A field of an :class:`Event` object as the dict of a line holds it (tuples as lists, a
    contact as ``{person, kind}``); anything else as it is, for the checks to judge."""
    if type(value) is tuple:
        return [plain_field(v) for v in value]
    if type(value) is Contact:
        return {"person": value.person, "kind": value.kind}
    return value


@dataclass(frozen=True, slots=True)
class Shape:
    """What turning an :class:`Event` object of one type into a line's dict needs."""

    cls: type[Event]
    #: every field, ``id`` and ``date`` first, and a getter of their values in that order
    names: tuple[str, ...]
    values: Callable[[Event], tuple[Any, ...]]
    #: the fields whose tuples a line holds as lists, and the fields that hold dates
    lists: tuple[str, ...]
    dates: tuple[str, ...]


def shape_of(spec: TypeSpec) -> Shape:
    names = ("id", "date", *(fs.name for fs in spec.fields))
    lists = tuple(fs.name for fs in spec.fields if fs.check in (check_ids, check_contacts))
    dates = ("date", *(fs.name for fs in spec.fields if fs.check is parse_date))
    return Shape(spec.cls, names, operator.attrgetter(*names), lists, dates)


SHAPES = {t: shape_of(spec) for t, spec in SPECS.items()}


class Reader:
    """One reading of a log: the events so far, the problems found, the references to check at the end.

    ``check`` is the generic path for one event (``line`` parses a line for it); each type's fast
    reader (``fast``) is bound to this reader's lists and references, so that both paths leave the
    same state behind. ``finish`` checks the references and returns the log, or raises every problem
    found. ``positions`` says what locates an event: its line in a file, or its index among Python
    objects (then problems also name the event's id).
    """

    def __init__(
        self,
        name: str,
        max_errors: int,
        positions: Positions = "line",
        keep: frozenset[str] | None = None,
        packed: frozenset[str] = frozenset(),
    ) -> None:
        self.name = name
        #: the types whose events are kept (None: all); the others are checked and counted
        self.keep = keep
        #: the types kept whose events the log holds as columns (those the typed reader packs are in
        #: ``_columns``; those read line by line join them in ``finish``)
        self.packed = packed
        self._columns: dict[str, Packed[Any]] = {}
        #: the dates of the events not kept, counted
        self.dropped: Counter[date] = Counter()
        self.max_errors = max_errors
        self.positions = positions
        self.problems: list[Problem] = []
        self.seen: set[str] = set()
        #: the hashes of the ids of the events not kept as objects, read hoping the log is valid (see
        #: typed.read_piece): checked once the log is read, against each other and ``seen``
        self.hashed = IdHashes()
        #: whether ``hashed`` is unique and apart from ``seen``, as the child that read the last part
        #: of a file read in parts found (None: not known; see parts.read_parts)
        self.told: bool | None = None
        #: whether the typed reader checks ids against ``seen`` before adding them (see typed.read_piece)
        self.careful = True
        #: the typed reader's table of the equal strings and days the events share
        self.strings: dict[Any, Any] = {}
        self.events: list[Event] = []
        # for each sort of reference (REFERENCES): the first position and field naming each id, and
        # the ids defined
        self.refs: tuple[dict[str, tuple[int, str]], ...] = tuple({} for _ in REFERENCES)
        self.known: tuple[set[str], ...] = tuple(set() for _ in REFERENCES)
        # events by type, in file order; the fast path appends to these lists directly
        self.by_type: dict[str, list[Event]] = {t: [] for t in EVENT_TYPES}
        #: each type's fast reader, bound to this reader the first time its type is met (None: none)
        self.fast: dict[str, FastMake | None] = _Makers(self)

    def place(self, pos: int, fld: str | None, message: str, event: str | None = None) -> Problem:
        """A problem of the event at ``pos`` (a line, or an index and the event's id)."""
        if self.positions == "line":
            return Problem(self.name, pos, fld, message)
        return Problem(self.name, None, fld, message, index=pos, event=event)

    def problem(self, pos: int, fld: str | None, message: str, event: str | None = None) -> None:
        # in position order: a problem found when a piece of lines is checked again comes after the
        # problems of later lines of the piece
        bisect.insort(self.problems, self.place(pos, fld, message, event), key=position_of)
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
        shape = SHAPES.get(ev.TYPE)
        if shape is None or not isinstance(ev, shape.cls):
            self.problem(index, "type", f"unknown event type {show(ev.TYPE)}{suggest(ev.TYPE)}", ident)
            return None
        try:
            obj = dict(zip(shape.names, shape.values(ev), strict=True))
        except AttributeError as exc:  # a slot never set: not made by the class's __init__
            self.problem(index, getattr(exc, "name", None), "required", ident)
            return None
        for fld in shape.lists:
            value = obj[fld]
            if type(value) is tuple:
                obj[fld] = plain_field(value)
        obj["type"] = ev.TYPE
        # a line's dates are text; an object's must be dates (a str would compare with nothing)
        for fld in shape.dates:
            value = obj[fld]
            if value is not None and type(value) is not date:
                self.problem(index, fld, f"expected a datetime.date, got {what(value)}", ident)
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
                self.problem(pos, "type", f"unknown event type {show(etype)}{suggest(etype)}", ident)
            else:
                self.problem(pos, "type", f"expected a string, got {json_text(etype)}", ident)
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
                message = f"unknown field for {etype}{suggest(extra[0], spec.allowed)}"
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

    def columns(self, event_type: str) -> Packed[Any]:
        """The columns the typed reader packed so far of one type."""
        got = self._columns.get(event_type)
        if got is None:
            got = self._columns[event_type] = Packed(SPECS[event_type].cls)
        return got

    def columns_read(self) -> dict[str, Packed[Any]]:
        """The columns the typed reader packed so far, by type."""
        return self._columns

    def _pack(self) -> dict[str, Packed[Any]]:
        """The events of the types packed, as columns in log order; those read line by line (in
        ``events`` and ``by_type``) moved there."""
        out: dict[str, Packed[Any]] = {}
        loose = False
        for t in sorted(self.packed):
            packed = self.columns(t)
            evs = self.by_type.get(t)
            if evs:
                loose = True
                packed.extend(Packed.of_events(SPECS[t].cls, evs))
                packed = packed.take(sorted(range(len(packed)), key=packed.lines.__getitem__))
                self.by_type[t] = []
            out[t] = packed.in_order()
        if loose:
            self.events[:] = [ev for ev in self.events if ev.TYPE not in self.packed]
        return out

    def finish(self) -> EventLog:
        self.strings = {}  # the reading's, let go
        ids: dict[int, str] | None = None  # the id of the event at each index (objects only)
        for ref, refs, known in zip(REFERENCES, self.refs, self.known, strict=True):
            if refs.keys() <= known:  # every id named is defined (the usual case): nothing to sort
                continue
            unknown = [(ident, first) for ident, first in refs.items() if ident not in known]
            for ident, (pos, fld) in sorted(unknown, key=lambda kv: kv[1]):
                message = f"unknown {ref.what} {ident!r}: no {ref.defined_by} in the log"
                if self.positions == "index" and ids is None:
                    ids = {ev.line: ev.id for ev in self.events}
                self.problems.append(self.place(pos, fld, message, ids.get(pos) if ids else None))
        if self.problems:
            raise EventLogError(self.problems[: self.max_errors])
        packed = self._pack() if self.packed else {}
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
        keep, dropped = self.keep, self.dropped
        if keep is not None and not by_type.keys() <= keep:
            # the events of other types read line by line (the typed reader keeps none)
            for t in by_type.keys() - keep:
                dropped.update(map(by_date, by_type.pop(t)))
            events[:] = [ev for ev in events if ev.TYPE in keep]
        return EventLog(
            self.name,
            events,
            by_type,
            checked=True,
            positions=self.positions,
            kept=keep,
            dropped=Days(dropped),
            packed=packed,
        )


def json_text(value: Any) -> str:
    try:
        return show_json(value)
    except (TypeError, ValueError):  # a Python object no line could hold
        return what(value)


def position_of(problem: Problem) -> int:
    """Where a problem is: its line, or its event's index (0 for the log as a whole)."""
    if problem.line is not None:
        return problem.line
    return problem.index if problem.index is not None else 0


def suggest(word: str, choices: Iterable[str] | None = None) -> str:
    import difflib

    pool = list(choices) if choices is not None else list(EVENT_TYPES)
    close = difflib.get_close_matches(word, pool, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


class _Makers(dict[str, FastMake | None]):
    """A reader's fast reader for each type, looked up as ``fast[etype]``: bound on first use, None
    for a type without one (an unknown type is not remembered: each is an error anyway)."""

    def __init__(self, reader: Reader) -> None:
        super().__init__()
        self.reader = reader

    def __missing__(self, etype: str) -> FastMake | None:
        bind = FAST_BINDERS.get(etype)
        if bind is None:
            if etype in SPECS:
                self[etype] = None
            return None
        reader = self.reader
        make = bind(reader.refs, reader.known, reader.by_type[etype].append)
        self[etype] = make
        return make
