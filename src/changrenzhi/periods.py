"""Calendar periods and the presence rule.

Periods are calendar periods (docs/EVENTS.md "Time"): ``month``, ``quarter``,
``half`` (January-June, July-December), ``year``, and ``term`` (from
``congress.opened`` for its ``term_years``). Dates are inclusive at both ends
in a :class:`Period`; existence intervals (a rep's seat, a group's life) are
half-open ``[start, end)`` with ``end=None`` meaning "still exists".
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Generic, Literal, Protocol, TypeVar

from .jsontypes import Day, TypedDict

__all__ = [
    "CALENDAR_KINDS",
    "ONE_DAY",
    "Interval",
    "Period",
    "PeriodJson",
    "PeriodKind",
    "Presence",
    "add_years",
    "calendar_period",
    "calendar_periods",
    "covered",
    "impossible_date",
    "overlap_days",
    "presence_met",
]

PeriodKind = Literal["month", "quarter", "half", "year", "term"]
CALENDAR_KINDS: tuple[str, ...] = ("month", "quarter", "half", "year")
Presence = Literal["half", "any", "full"]
ONE_DAY = timedelta(days=1)


class PeriodJson(TypedDict):
    """A period in the outputs: its first and last day."""

    start: Day
    end: Day


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A closed date range ``[start, end]`` with the kind of period it is."""

    start: date
    end: date
    kind: str

    def __reduce__(self) -> tuple[type[Period], tuple[date, date, str]]:
        # pickled as its constructor's arguments: a frozen dataclass with slots would otherwise be
        # rebuilt field by field through a Python __setstate__, several times as slow
        return (Period, (self.start, self.end, self.kind))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, d: date) -> bool:
        return self.start <= d <= self.end

    def is_open(self, as_of: date) -> bool:
        """A period that ends after ``as_of`` is still open."""
        return self.end > as_of

    def to_json(self) -> PeriodJson:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}

    def label(self, lang: str = "zh") -> str:
        s, k = self.start, self.kind
        if lang == "en":
            if k == "month":
                return f"{s.year}-{s.month:02d}"
            if k == "quarter":
                return f"{s.year} Q{(s.month - 1) // 3 + 1}"
            if k == "half":
                return f"{s.year} H{1 if s.month <= 6 else 2}"
            if k == "year":
                return str(s.year)
            return f"{s.isoformat()} to {self.end.isoformat()}"
        if k == "month":
            return f"{s.year}年{s.month}月"
        if k == "quarter":
            return f"{s.year}年第{(s.month - 1) // 3 + 1}季度"
        if k == "half":
            return f"{s.year}年{'上' if s.month <= 6 else '下'}半年"
        if k == "year":
            return f"{s.year}年"
        if k == "term":
            return f"任期（{s.isoformat()}至{self.end.isoformat()}）"
        return f"{s.isoformat()}至{self.end.isoformat()}"


@dataclass(frozen=True, slots=True)
class Interval:
    """A half-open existence interval ``[start, end)``; ``end=None`` is still running."""

    start: date
    end: date | None = None

    def contains(self, d: date) -> bool:
        return self.start <= d and (self.end is None or d < self.end)


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def calendar_period(kind: str, d: date) -> Period:
    """The calendar period of ``kind`` that contains ``d``."""
    if kind == "month":
        start = d.replace(day=1)
        nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    elif kind == "quarter":
        m = (d.month - 1) // 3 * 3 + 1
        start = date(d.year, m, 1)
        nxt = date(d.year + 1, 1, 1) if m == 10 else date(d.year, m + 3, 1)
    elif kind == "half":
        start = date(d.year, 1 if d.month <= 6 else 7, 1)
        nxt = date(d.year, 7, 1) if d.month <= 6 else date(d.year + 1, 1, 1)
    elif kind == "year":
        start = date(d.year, 1, 1)
        nxt = date(d.year + 1, 1, 1)
    else:
        raise ValueError(f"not a calendar period kind: {kind!r}")
    return Period(start, nxt - ONE_DAY, kind)


def calendar_periods(kind: str, first: date, last: date) -> Iterator[Period]:
    """Every calendar period of ``kind`` that overlaps ``[first, last]``, in order."""
    if last < first:
        return
    p = calendar_period(kind, first)
    while p.start <= last:
        yield p
        p = calendar_period(kind, p.end + ONE_DAY)


class Span(Protocol):
    """A half-open stretch ``[start, end)`` (``end`` None: still running): an :class:`Interval`,
    a rep's seat."""

    @property
    def start(self) -> date: ...
    @property
    def end(self) -> date | None: ...


def covered(period: Period, spans: Iterable[Span]) -> Iterator[tuple[date, date]]:
    """The stretches ``[lo, hi]`` (both days included) of ``period`` that ``spans`` cover; for
    spans disjoint and in order, so are the stretches."""
    for s in spans:
        lo = max(period.start, s.start)
        hi = period.end if s.end is None else min(period.end, s.end - ONE_DAY)
        if lo <= hi:
            yield lo, hi


def overlap_days(period: Period, intervals: Iterable[Interval]) -> int:
    """Days of ``period`` covered by the (non-overlapping) ``intervals``."""
    return sum((hi - lo).days + 1 for lo, hi in covered(period, intervals))


def presence_met(period: Period, intervals: Sequence[Interval], presence: str) -> bool:
    """Whether a subject that exists over ``intervals`` owes the duty of ``period``.

    ``half`` (the docs/EVENTS.md default): it existed for at least half the period;
    ``any``: for at least one day; ``full``: for the whole period.
    """
    days = overlap_days(period, intervals)
    if presence == "any":
        return days > 0
    if presence == "full":
        return days == period.days
    return days * 2 >= period.days


_DATE_SHAPE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def impossible_date(text: str) -> str | None:
    """What is wrong with a text shaped ``YYYY-MM-DD`` that names no day, said precisely
    (``'2010-02-30' is not a date: February 2010 has 28 days``); None for any other text."""
    m = _DATE_SHAPE.fullmatch(text)
    if m is None:
        return None
    year, month, day = (int(g) for g in m.groups())
    if not 1 <= month <= 12:
        return f"{text!r} is not a date: there is no month {month} (months run from 01 to 12)"
    last = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if not 1 <= day <= last:
        return f"{text!r} is not a date: {calendar.month_name[month]} {year} has {last} days"
    return None


_T = TypeVar("_T")


class PerPeriod(Generic[_T]):
    """What a renderer works out once for each period of a report (its JSON, its label), by the
    period object: findings share a few hundred periods; for a kind that makes a period per finding,
    only the last ``kept`` are kept."""

    __slots__ = ("_got", "_kept", "_make")

    def __init__(self, make: Callable[[Period], _T], kept: int = 1024) -> None:
        self._make, self._kept = make, kept
        self._got: dict[int, tuple[Period, _T]] = {}

    def __call__(self, period: Period) -> _T:
        got = self._got.get(id(period))
        if got is None or got[0] is not period:
            if len(self._got) >= self._kept:
                self._got.clear()
            got = self._got[id(period)] = (period, self._make(period))
        return got[1]
