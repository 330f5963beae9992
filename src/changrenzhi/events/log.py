"""The validated log: its events in order, and each type's events."""

from __future__ import annotations

import bisect
import operator
from collections.abc import Callable, Iterator
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
    kept: frozenset[str] | None = None
    dropped: list[date] = field(default_factory=list)

    def __post_init__(self) -> None:
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
        cut = dropped[: bisect.bisect_right(dropped, as_of)] if dropped else []
        return EventLog(self.name, events, by_type, self.checked, self.positions, self.kept, cut)
