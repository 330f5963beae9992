"""What the probe builders of the kinds share: the setting, the free choices, the spec a builder
yields, a log under construction, and the bounds, days and shares they probe.

A kind builds its boundary probes in its ``probes`` method (:meth:`RuleKind.probes
<changrenzhi.kinds.base.RuleKind.probes>`), which hands the rule's parameters, a
:class:`Setting` and a :class:`Choices` to a builder in ``kinds/<family>/probes.py``. The builder
yields one :class:`ProbeSpec` per probe: a small event log (plain dicts in the docs/EVENTS.md format)
just inside or just outside one bound of one parameter, and ``expect``: whether the parameters
predict a finding of a non-pending status for the probe's subject. :func:`changrenzhi.probes.probes`
runs a rule's builder (once per epoch of dated parameters) and names the probes after the rule.

Every probe judges one *closed* period (``as_of`` is the period's last day, or a day past a
deadline), so that a duty not met is a finding, never ``pending``; subjects exist over the whole
period, so the presence rule never decides a probe. ``expect`` is worked out from the parameters
alone: the day arithmetic is written out in the builders again, not borrowed from the kinds.

What a probe leaves free (padding subjects that comply, the days within the period, how a count
is reached through the roster over time) is asked of a :class:`Choices` object: :data:`DEFAULTS`
answers with the plainest choice (no padding: what ``changrenzhi diff`` uses), the boundary tests
answer with Hypothesis draws.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import Any, Protocol, TypeVar

from ..periods import ONE_DAY, Period, add_years, calendar_period

__all__ = [
    "DEFAULTS",
    "DEFAULT_START",
    "MAX_PROBE_EVENTS",
    "Choices",
    "Defaults",
    "Ev",
    "ProbeLog",
    "ProbeSpec",
    "Setting",
    "Side",
    "Unprobeable",
    "bound_sides",
    "bound_spec",
    "comply",
    "day_in",
    "day_step",
    "deadline_sides",
    "distinct_days",
    "fallback_deadline",
    "first_period",
    "json_number",
    "needed",
    "offset_words",
    "other_kind",
    "probe_spec",
    "rep_ids",
    "share_base",
    "share_sides",
    "side_label",
]

#: an event as a builder writes it: a plain dict in the docs/EVENTS.md format
Ev = dict[str, Any]
T = TypeVar("T")
#: the first day of a probe's term unless the caller gives another (a 1 January)
DEFAULT_START = date(2011, 1, 1)
#: which side of a bound: ``at`` it, one ``past`` it, or (non-numeric parameters) ``inside``/``outside``
Side = str
#: the most events one probe may hold: a builder asked for more (a bound of a thousand reps and
#: more besides) stops there, so that building a probe is bounded work whatever the parameters
MAX_PROBE_EVENTS = 2500


class Unprobeable(Exception):
    """The parameters ask for a probe that cannot be built within bounds: more than
    :data:`MAX_PROBE_EVENTS` events, or more distinct days than its period has.
    :func:`changrenzhi.probes.probes` stops the rule's probes there and says so."""


class Choices(Protocol):
    """Answers the questions a probe leaves free."""

    def integer(self, lo: int, hi: int) -> int:
        """A whole number in ``[lo, hi]``."""
        ...

    def choice(self, options: Sequence[T]) -> T:
        """One of ``options`` (never empty)."""
        ...


class Defaults:
    """The plainest answers: the low end of a range, the first option."""

    def integer(self, lo: int, hi: int) -> int:
        return lo

    def choice(self, options: Sequence[T]) -> T:
        return options[0]


DEFAULTS: Choices = Defaults()


@dataclass(frozen=True, slots=True)
class Setting:
    """The pack-wide facts a probe needs: the term's length and the day the probe's term starts.

    ``start`` is a 1 January, so every calendar period of the term begins on it.
    """

    term_years: int = 5
    start: date = DEFAULT_START
    presence: str = "half"


@dataclass
class ProbeSpec:
    """What a builder yields: everything but the rule's id and kind."""

    param: str
    side: Side
    label: str
    events: list[Ev]
    as_of: date
    subject: str
    expect: bool


class ProbeLog:
    """Events under construction, with ids ``<prefix>-001`` ... in the order they are added."""

    def __init__(self, setting: Setting) -> None:
        self.setting = setting
        self.events: list[Ev] = []

    def add(self, etype: str, day: date, **fields: Any) -> Ev:
        if len(self.events) >= MAX_PROBE_EVENTS:
            raise Unprobeable(f"a probe of more than {MAX_PROBE_EVENTS} events")
        ev: Ev = {"id": f"{etype.replace('.', '-')}-{len(self.events) + 1:03d}", "type": etype}
        ev["date"] = day.isoformat()
        ev.update({k: v for k, v in fields.items() if v is not None})
        self.events.append(ev)
        return ev

    def town(self, reps: Iterable[str], day: date | None = None, **attrs: Any) -> list[str]:
        """The congress opening the term, and ``reps`` elected on its first day (or ``day``)."""
        s = self.setting
        if not any(e["type"] == "congress.opened" for e in self.events):
            self.add("congress.opened", s.start, term_years=s.term_years)
        names = list(reps)
        for r in names:
            self.add("rep.elected", day or s.start, rep=r, **attrs)
        return names

    def group(self, group: str, members: Sequence[str], officers: Mapping[str, str] | None = None) -> None:
        self.add("group.formed", self.setting.start, group=group, members=list(members), **(officers or {}))


def rep_ids(n: int, prefix: str = "R", first: int = 1) -> list[str]:
    """``n`` rep ids: ``R001``, ``R002``..."""
    return [f"{prefix}{i:03d}" for i in range(first, first + n)]


def first_period(kind: str, s: Setting) -> Period:
    """The first period of ``kind`` of the probe's term."""
    if kind == "term":
        return Period(s.start, add_years(s.start, s.term_years) - ONE_DAY, "term")
    return calendar_period(kind, s.start)


def day_in(c: Choices, p: Period, lo_offset: int = 0) -> date:
    """A day of ``p`` (at least ``lo_offset`` days after its start)."""
    return p.start + timedelta(days=c.integer(min(lo_offset, p.days - 1), p.days - 1))


def probe_spec(
    log: ProbeLog, param: str, side: Side, label: str, as_of: date, subject: str, expect: bool
) -> ProbeSpec:
    """The probe of ``log``'s events, under ``label``."""
    return ProbeSpec(param, side, label, log.events, as_of, subject, expect)


def bound_spec(
    log: ProbeLog, param: str, side: Side, value: object, what: str, as_of: date, subject: str, expect: bool
) -> ProbeSpec:
    """The probe of ``log``'s events, labelled by :func:`side_label`."""
    return ProbeSpec(param, side, side_label(param, side, value, what), log.events, as_of, subject, expect)


def bound_sides(lo: int | None, hi: int | None, name_lo: str, name_hi: str) -> list[tuple[str, Side, int]]:
    """The counts to probe for inclusive bounds ``[lo, hi]``: on each bound and one past it."""
    out: list[tuple[str, Side, int]] = []
    if lo is not None:
        out.append((name_lo, "at", lo))
        if lo > 0:
            out.append((name_lo, "past", lo - 1))
    if hi is not None:
        out.append((name_hi, "at", hi))
        out.append((name_hi, "past", hi + 1))
    return out


def side_label(param: str, side: Side, value: object, what: str) -> str:
    """A probe's label: ``min one past the bound: 9 seated members``."""
    where = {"at": "at the bound", "past": "one past the bound", "inside": "inside", "outside": "outside"}
    return f"{param} {where[side]}: {f'{value} {what}'.strip()}"


def comply(lo: int | None, hi: int | None, fallback: int = 3) -> int:
    """A count inside ``[lo, hi]``, for padding subjects that comply."""
    n = fallback if lo is None else max(lo, 1)
    return n if hi is None else min(n, hi)


def json_number(x: Fraction) -> int | float:
    """A day count as a log writes it: ``2``, ``0.5``."""
    return x.numerator if x.denominator == 1 else float(x)


def needed(share: Fraction, base: int, strict: bool) -> int:
    """The smallest whole count reaching ``share`` of ``base`` (``strict``: exceeding it)."""
    bound = share * base
    return math.floor(bound) + 1 if strict else math.ceil(bound)


def share_base(share: Fraction, c: Choices, lo: int = 3) -> int:
    """A base (seated reps, votes) of which ``share`` is a whole number: the bound itself is reachable."""
    den = share.denominator
    k = max(1, math.ceil(lo / den))
    return den * c.integer(k, k + 2)


def share_sides(share: Fraction, base: int) -> list[tuple[Side, int]]:
    """Counts on the exact bound ``share × base``, one below it and one above it."""
    bound = int(share * base)
    out: list[tuple[Side, int]] = [("at", bound)]
    if bound >= 1:
        out.append(("past", bound - 1))
    if bound + 1 <= base:
        out.append(("inside", bound + 1))
    return out


def day_step(x: Fraction) -> Fraction:
    """The smallest step a day count like ``x`` is written in: 1, 1/2 or 1/10."""
    if x.denominator == 1:
        return Fraction(1)
    if (x * 2).denominator == 1:
        return Fraction(1, 2)
    return Fraction(1, 10)


def offset_words(days: int, of: str) -> str:
    """``days`` before ``of`` as words: "3 days before the activity", "on the day", "1 day after"."""
    if days == 0:
        return f"on the day of {of}"
    n = abs(days)
    return f"{n} day{'s' if n != 1 else ''} {'before' if days > 0 else 'after'} {of}"


def other_kind(kinds: Sequence[str]) -> str:
    """A meeting kind not among ``kinds``."""
    other = "committee"
    while other in kinds:
        other += "-other"
    return other


def distinct_days(c: Choices, period: Period, n: int, lo_offset: int = 0) -> list[date]:
    """``n`` different days of ``period`` (:class:`Unprobeable` when it has fewer), in order; the
    ones chosen are ``lo_offset`` days after its start at least."""
    if n > period.days:
        raise Unprobeable(f"{n} different days in a period of {period.days}")
    chosen = {day_in(c, period, lo_offset) for _ in range(n)}
    spare = (period.start + timedelta(days=i) for i in range(period.days))
    while len(chosen) < n:
        chosen.add(next(spare))
    return sorted(chosen)


def fallback_deadline(s: Setting, start: date, days: int | None, fallback: str) -> date:
    """What :func:`~changrenzhi.kinds.proposals.deadline_after` gives in a probe's term."""
    if days is not None:
        return start + timedelta(days=days)
    if fallback == "term":
        return add_years(s.start, s.term_years) - ONE_DAY
    return date(start.year, 12, 31)


def deadline_sides(deadline: date) -> list[tuple[Side, date]]:
    """Done on the deadline day (met) and on the day after (a finding)."""
    return [("at", deadline), ("past", deadline + ONE_DAY)]
