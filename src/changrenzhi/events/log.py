"""The validated log: its events in order, and each type's events."""

from __future__ import annotations

import bisect
import itertools
import operator
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, TypeVar, cast, overload

from .types import Event

E = TypeVar("E", bound=Event)
#: what an event's ``line`` counts: its line in a file (from 1), or its index in a sequence of
#: Python objects (from 0)
Positions = Literal["line", "index"]

#: an event's date, the key events are ordered and cut by
by_date: Callable[[Event], date] = operator.attrgetter("date")


class Days(Sequence[date]):
    """Dates in order, each as often as it was counted: the dates of the events read but not kept
    (``read_events(keep=...)``). Held as each day and its count, a few bytes a day instead of eight
    an event; a sequence of dates all the same, equal to the list of them."""

    __slots__ = ("_days", "_ends")

    def __init__(self, dates: Mapping[date, int] | Iterable[date] = ()) -> None:
        counts = dates if isinstance(dates, Mapping) else Counter(dates)
        items = sorted((d, n) for d, n in counts.items() if n > 0)
        self._days = [d for d, _ in items]
        #: the count of dates up to and including each day
        self._ends = list(itertools.accumulate(n for _, n in items))

    def __len__(self) -> int:
        return self._ends[-1] if self._ends else 0

    @overload
    def __getitem__(self, i: int) -> date: ...
    @overload
    def __getitem__(self, i: slice) -> list[date]: ...
    def __getitem__(self, i: int | slice) -> date | list[date]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("Days index out of range")
        return self._days[bisect.bisect_right(self._ends, i)]

    def __iter__(self) -> Iterator[date]:
        start = 0
        for day, end in zip(self._days, self._ends, strict=True):
            yield from itertools.repeat(day, end - start)
            start = end

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Days):
            return self._days == other._days and self._ends == other._ends
        if isinstance(other, Sequence):
            return len(other) == len(self) and list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        starts = [0, *self._ends]
        return f"Days({dict(zip(self._days, map(operator.sub, self._ends, starts), strict=False))!r})"

    def until(self, as_of: date) -> Days:
        """The dates on or before ``as_of``."""
        k = bisect.bisect_right(self._days, as_of)
        cut = Days()
        cut._days, cut._ends = self._days[:k], self._ends[:k]
        return cut


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

    def __post_init__(self) -> None:
        if not isinstance(self.dropped, Days):  # dates given as a list
            self.dropped = Days(cast("Iterable[date]", self.dropped))
        if not self.by_type:
            index: dict[str, list[Event]] = {}
            for ev in self.events:
                index.setdefault(ev.TYPE, []).append(ev)
            self.by_type = index

    def __len__(self) -> int:
        """The events read: those kept and those only counted (``dropped``)."""
        return len(self.events) + len(self.dropped)

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
        if isinstance(event_type, str):
            return self.by_type.get(event_type, [])
        # the one place the class form is taken on trust: the reader files each event under its TYPE
        return cast("list[E]", self.by_type.get(event_type.TYPE, []))

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(e.id for e in self.events)

    def until(self, as_of: date) -> EventLog:
        """Only the events dated on or before ``as_of`` (docs/EVENTS.md "Time")."""
        dropped = self.dropped
        if (not self.events or self.events[-1].date <= as_of) and (not dropped or dropped[-1] <= as_of):
            return self
        # the log is in date order, and so is each type's list: cut them where as_of falls
        events = self.events[: bisect.bisect_right(self.events, as_of, key=by_date)]
        by_type = {}
        for t, evs in self.by_type.items():
            n = bisect.bisect_right(evs, as_of, key=by_date)
            if n:
                by_type[t] = evs[:n]
        return EventLog(
            self.name, events, by_type, self.checked, self.positions, self.kept, dropped.until(as_of)
        )
