"""The validated log: its events in order, and each type's events."""

from __future__ import annotations

import array
import bisect
import functools
import itertools
import operator
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, Literal, TypeVar, cast, overload

from .types import Event, event_fields

E = TypeVar("E", bound=Event)
#: what an event's ``line`` counts: its line in a file (from 1), or its index in a sequence of
#: Python objects (from 0)
Positions = Literal["line", "index"]

#: an event's date, the key events are ordered and cut by
by_date: Callable[[Event], date] = operator.attrgetter("date")


T = TypeVar("T")


class _Runs(Sequence[T]):
    """A sequence held in runs (``_ends``: the count of items up to the end of each run, in order);
    a subclass says what the ``k``-th item of run ``j`` is (:meth:`_item`)."""

    __slots__ = ("_ends",)

    _ends: list[int]

    def _item(self, j: int, k: int) -> T:
        raise NotImplementedError

    def __len__(self) -> int:
        return self._ends[-1] if self._ends else 0

    @overload
    def __getitem__(self, i: int) -> T: ...
    @overload
    def __getitem__(self, i: slice) -> list[T]: ...
    def __getitem__(self, i: int | slice) -> T | list[T]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(f"{type(self).__name__} index out of range")
        j = bisect.bisect_right(self._ends, i)
        return self._item(j, i - (self._ends[j - 1] if j else 0))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return len(other) == len(self) and list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


class Days(_Runs[date]):
    """Dates in order, each as often as it was counted: the dates of the events read but not kept
    (``read_events(keep=...)``). Held as each day and its count, a few bytes a day instead of eight
    an event; a sequence of dates all the same, equal to the list of them."""

    __slots__ = ("_days",)

    def __init__(self, dates: Mapping[date, int] | Iterable[date] = ()) -> None:
        counts = dates if isinstance(dates, Mapping) else Counter(dates)
        items = sorted((d, n) for d, n in counts.items() if n > 0)
        self._days = [d for d, _ in items]
        #: the count of dates up to and including each day
        self._ends = list(itertools.accumulate(n for _, n in items))

    def _item(self, j: int, k: int) -> date:
        return self._days[j]

    def __iter__(self) -> Iterator[date]:
        start = 0
        for day, end in zip(self._days, self._ends, strict=True):
            yield from itertools.repeat(day, end - start)
            start = end

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Days):
            return self._days == other._days and self._ends == other._ends
        return super().__eq__(other)

    __hash__ = None

    def __repr__(self) -> str:
        starts = [0, *self._ends]
        return f"Days({dict(zip(self._days, map(operator.sub, self._ends, starts), strict=False))!r})"

    def until(self, as_of: date) -> Days:
        """The dates on or before ``as_of``."""
        k = bisect.bisect_right(self._days, as_of)
        cut = Days()
        cut._days, cut._ends = self._days[:k], self._ends[:k]
        return cut


class Texts(_Runs[str]):
    """Strings held end to end, a piece at a time (each piece one ``str``, its strings joined by line
    breaks, which an id never holds): some 14 bytes a short id instead of 64 in a list of ``str``.
    Indexing splits a piece once (the last few pieces split are kept); iterating splits each."""

    __slots__ = ("_chunks", "_split")

    def __init__(self, values: Iterable[str] = ()) -> None:
        self._chunks: list[str | list[str]] = []
        #: the count of strings up to the end of each piece
        self._ends = []
        self._split: dict[int, list[str]] = {}
        self.extend(values)

    def extend(self, values: Iterable[str]) -> None:
        """Add ``values`` as a piece."""
        vals = values if isinstance(values, list) else list(values)
        if not vals:
            return
        joined = "\n".join(vals)
        # a string holding a line break (which the reader refuses in an id) is kept as it is
        chunk: str | list[str] = joined if joined.count("\n") == len(vals) - 1 else vals
        self._chunks.append(chunk)
        self._ends.append(len(self) + len(vals))

    def _piece(self, j: int) -> list[str]:
        chunk = self._chunks[j]
        if isinstance(chunk, list):
            return chunk
        got = self._split.get(j)
        if got is None:
            if len(self._split) >= 4:
                self._split.pop(next(iter(self._split)))
            got = self._split[j] = chunk.split("\n")
        return got

    def _item(self, j: int, k: int) -> str:
        return self._piece(j)[k]

    def __iter__(self) -> Iterator[str]:
        for chunk in self._chunks:
            yield from chunk if isinstance(chunk, list) else chunk.split("\n")

    def __repr__(self) -> str:
        return f"Texts({list(self)!r})"

    def extend_texts(self, other: Texts) -> None:
        """Add the pieces of ``other``."""
        base = len(self)
        self._chunks += other._chunks
        self._ends += [base + e for e in other._ends]

    def head(self, n: int) -> Texts:
        """The first ``n`` strings."""
        out = Texts()
        j = bisect.bisect_right(self._ends, n)
        out._chunks, out._ends = self._chunks[:j], self._ends[:j]
        if len(out) < n:
            out.extend(self._piece(j)[: n - len(out)])
        return out


#: the strings of a piece of :class:`Texts` made at once (the reader's pieces are its own)
_PIECE = 8192


@functools.lru_cache(maxsize=64)
def _own_fields(cls: type[Event]) -> tuple[str, ...]:
    """The fields of an event type besides ``id``, ``date`` and ``line``, in order."""
    return tuple(f for f in event_fields(cls) if f not in ("id", "date", "line"))


class Packed(Generic[E]):
    """The events of one type held as columns, in log order: their ids, dates, lines and each field's
    values, one list each (``column(name)``). A million ``contact.visit`` events take some 50 bytes
    each so, against 170 as objects; :meth:`event` makes the event at an index (for the evidence of
    a finding), :meth:`events` all of them. What :meth:`EventLog.packed` gives for the types a log
    was read to hold so (``read_events(packed=...)``), and what :meth:`of_events` makes of a list."""

    __slots__ = ("cls", "columns", "dates", "ids", "lines")

    def __init__(
        self,
        cls: type[E],
        ids: Texts | None = None,
        dates: list[date] | None = None,
        lines: array.array[int] | None = None,
        columns: dict[str, list[Any]] | None = None,
    ) -> None:
        self.cls = cls
        self.ids = Texts() if ids is None else ids
        self.dates: list[date] = [] if dates is None else dates
        self.lines: array.array[int] = array.array("q") if lines is None else lines
        self.columns: dict[str, list[Any]] = {f: [] for f in _own_fields(cls)} if columns is None else columns

    @classmethod
    def of_events(cls, event_type: type[E], events: Iterable[E]) -> Packed[E]:
        """The columns of ``events`` (all of ``event_type``, in log order)."""
        evs = list(events)
        packed = cls(event_type)
        packed.ids = Texts([e.id for e in evs])
        packed.dates = list(map(by_date, evs))
        packed.lines = array.array("q", [e.line for e in evs])
        for name in packed.columns:
            packed.columns[name] = list(map(operator.attrgetter(name), evs))
        return packed

    def __len__(self) -> int:
        return len(self.ids)

    def __repr__(self) -> str:
        return f"<Packed {self.cls.TYPE}: {len(self)} events>"

    def column(self, name: str) -> Sequence[Any]:
        """The values of one field (``id``, ``date``, ``line`` too), in log order; not a copy."""
        if name == "id":
            return self.ids
        if name == "date":
            return self.dates
        if name == "line":
            return self.lines
        return self.columns[name]

    def event(self, k: int) -> E:
        """The event at index ``k``, made anew."""
        return self.cls(self.ids[k], self.dates[k], self.lines[k], *(c[k] for c in self.columns.values()))

    def events(self) -> list[E]:
        """All the events, made anew, in log order."""
        return list(map(self.cls, self.ids, self.dates, self.lines, *self.columns.values()))

    def extend(self, other: Packed[E]) -> None:
        self.ids.extend_texts(other.ids)
        self.dates += other.dates
        self.lines += other.lines
        for name, values in self.columns.items():
            values.extend(other.columns[name])

    def take(self, order: Iterable[int]) -> Packed[E]:
        """The events at the indexes ``order``, in that order."""
        ks = list(order)
        out = Packed(self.cls)
        ids = list(self.ids)
        for lo in range(0, len(ks), _PIECE):  # in pieces, so that looking one up splits a piece
            out.ids.extend(list(map(ids.__getitem__, ks[lo : lo + _PIECE])))
        out.dates = list(map(self.dates.__getitem__, ks))
        out.lines = array.array("q", map(self.lines.__getitem__, ks))
        out.columns = {n: list(map(c.__getitem__, ks)) for n, c in self.columns.items()}
        return out

    def in_order(self) -> Packed[E]:
        """Held in file order, ordered by date then (a stable sort) by file order, as the log is:
        itself when it is already."""
        dates = self.dates
        if all(map(operator.le, dates, itertools.islice(dates, 1, None))):
            return self
        return self.take(sorted(range(len(dates)), key=dates.__getitem__))

    def until(self, as_of: date) -> Packed[E]:
        """The events dated on or before ``as_of``: itself when that is all of them."""
        n = bisect.bisect_right(self.dates, as_of)
        if n == len(self.dates):
            return self
        return Packed(
            self.cls,
            self.ids.head(n),
            self.dates[:n],
            self.lines[:n],
            {name: values[:n] for name, values in self.columns.items()},
        )


@dataclass(slots=True)
class EventLog:
    """An event log, ordered by date and then by position in the file.

    :func:`~changrenzhi.events.read_events` builds it from validated events and sets ``checked``;
    ``evaluate`` trusts such a log. A log built by hand (``EventLog(name, events)``) is not
    ``checked``: ``evaluate`` validates its events first, as ``read_events`` would.
    """

    name: str
    events: list[Event]
    by_type: dict[str, list[Event]] = field(default_factory=dict)
    #: whether the reader validated these events (ids unique, fields typed, references defined)
    checked: bool = False
    #: what each event's ``line`` holds: its line in the file, or its index among Python objects
    positions: Positions = "line"
    #: the event types kept, when ``read_events(keep=...)`` read the log (None: every type): the
    #: events of the other types were read and validated, and only their dates kept, in order
    #: (:class:`Days`)
    kept: frozenset[str] | None = None
    dropped: Days = field(default_factory=Days)
    #: the types whose events the log holds as columns (``read_events(packed=...)``), not in
    #: ``events`` and ``by_type``: see :meth:`packed_of`; :meth:`of` makes their events when asked
    packed: dict[str, Packed[Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.dropped, Days):  # dates given as a list
            self.dropped = Days(cast("Iterable[date]", self.dropped))
        if not self.by_type:
            index: dict[str, list[Event]] = {}
            for ev in self.events:
                index.setdefault(ev.TYPE, []).append(ev)
            self.by_type = index

    def __len__(self) -> int:
        """The events read: those kept (as objects or packed) and those only counted (``dropped``)."""
        return len(self.events) + sum(map(len, self.packed.values())) + len(self.dropped)

    def __iter__(self) -> Iterator[Event]:
        return iter(self.events)

    @overload
    def of(self, event_type: type[E]) -> list[E]: ...
    @overload
    def of(self, event_type: str) -> list[Event]: ...
    def of(self, event_type: type[E] | str) -> list[E] | list[Event]:
        """The events of one type, in log order: ``of(StudySession)`` is a ``list[StudySession]``.

        The type may be named as it is in the log (``of("study.session")``: a ``list[Event]``), for a
        type chosen at run time. Either way the list is the log's own, not a copy: do not change it.
        Each list holds the events of its type only (the reader files each event under its class's
        ``TYPE``), which is what the class form's return type says.
        """
        if self.kept is not None:
            name = event_type if isinstance(event_type, str) else event_type.TYPE
            if name not in self.kept:
                raise RuntimeError(
                    f"the events of type {name!r} were not kept (read_events(keep=...)): a kind reads a "
                    "type its 'consumes' does not list"
                )
        name = event_type if isinstance(event_type, str) else event_type.TYPE
        found = self.by_type.get(name)
        if found is None:
            packed = self.packed.get(name)
            if packed is None:
                return []
            found = self.by_type[name] = packed.events()  # made once, for a kind that reads objects
        # the one place the class form is taken on trust: the reader files each event under its TYPE
        return cast("list[E]", found)

    def packed_of(self, event_type: type[E]) -> Packed[E]:
        """The events of one type as columns (:class:`Packed`), in log order: those the log holds so,
        or made from its events (for a log read without ``packed``)."""
        name = event_type.TYPE
        got = self.packed.get(name)
        if got is None:
            return Packed.of_events(event_type, self.of(event_type))
        return cast("Packed[E]", got)

    def types(self) -> set[str]:
        """The types of the events the log holds (as objects or packed)."""
        return {t for t, evs in self.by_type.items() if evs} | {t for t, p in self.packed.items() if len(p)}

    def dated_ids(self) -> Iterator[tuple[str, date]]:
        """The id and date of each event the log holds (the packed ones last)."""
        for ev in self.events:
            yield ev.id, ev.date
        for p in self.packed.values():
            yield from zip(p.ids, p.dates, strict=True)

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(i for i, _ in self.dated_ids())

    def until(self, as_of: date) -> EventLog:
        """Only the events dated on or before ``as_of`` (docs/EVENTS.md "Time")."""
        dropped = self.dropped
        if (
            (not self.events or self.events[-1].date <= as_of)
            and (not dropped or dropped[-1] <= as_of)
            and all(not p.dates or p.dates[-1] <= as_of for p in self.packed.values())
        ):
            return self
        # the log is in date order, and so is each type's list: cut them where as_of falls
        events = self.events[: bisect.bisect_right(self.events, as_of, key=by_date)]
        by_type = {}
        for t, evs in self.by_type.items():
            n = bisect.bisect_right(evs, as_of, key=by_date)
            if n:
                by_type[t] = evs[:n]
        packed = {t: p.until(as_of) for t, p in self.packed.items()}
        return EventLog(
            self.name, events, by_type, self.checked, self.positions, self.kept, dropped.until(as_of), packed
        )
