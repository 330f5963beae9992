"""The validated log: its events in order, and each type's events."""

from __future__ import annotations

import bisect
import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from .types import Event

#: an event's date, the key events are ordered and cut by
by_date: Callable[[Event], date] = operator.attrgetter("date")


@dataclass(slots=True)
class EventLog:
    """A validated event log, ordered by date and then by position in the file."""

    name: str
    events: list[Event]
    by_type: dict[str, list[Event]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.by_type:
            index: dict[str, list[Event]] = {}
            for ev in self.events:
                index.setdefault(ev.TYPE, []).append(ev)
            self.by_type = index

    def __len__(self) -> int:
        return len(self.events)

    def __iter__(self) -> Iterator[Event]:
        return iter(self.events)

    def of(self, event_type: str) -> list[Event]:
        """The events of one type, in log order."""
        return self.by_type.get(event_type, [])

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(e.id for e in self.events)

    def until(self, as_of: date) -> EventLog:
        """Only the events dated on or before ``as_of`` (EVENTS.md "Time")."""
        if not self.events or self.events[-1].date <= as_of:
            return self
        # the log is in date order, and so is each type's list: cut them where as_of falls
        kept = self.events[: bisect.bisect_right(self.events, as_of, key=by_date)]
        by_type = {}
        for t, evs in self.by_type.items():
            n = bisect.bisect_right(evs, as_of, key=by_date)
            if n:
                by_type[t] = evs[:n]
        return EventLog(self.name, kept, by_type)
