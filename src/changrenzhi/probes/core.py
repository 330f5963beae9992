"""Boundary probes: small event logs just inside and just outside each numeric bound of a rule.

For a loaded :class:`~changrenzhi.pack.Rule` (and the pack's term settings),
:func:`probes` yields :class:`Probe` objects: a label naming the parameter and
the side of its bound (``at`` the bound, or one ``past`` it), the events (plain
dicts in the EVENTS.md format, ready for :func:`~changrenzhi.events.read_events`),
an ``as_of``, the subject the rule would speak about, and ``expect_finding``:
whether the parameters predict a finding of a non-pending status for that
subject (``violation``, ``warning`` or ``info``).

Every probe judges one *closed* period (``as_of`` is the period's last day), so
that a duty not met is a finding, never ``pending``; subjects exist over the
whole period, so the presence rule never decides a probe.

What a probe leaves free (padding subjects that comply, the days within the
period, how a count is reached through the roster over time) is asked of a
:class:`Choices` object: :data:`DEFAULTS` answers with the plainest choice (no
padding: what ``changrenzhi diff`` uses), the boundary tests answer with
Hypothesis draws.

Builders are registered by kind name in :data:`BUILDERS` (``@builder("kind")``);
a kind without one yields no probes and is listed by :func:`kinds_without_builder`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from ..periods import Period, add_years, calendar_period

if TYPE_CHECKING:
    from ..kinds.base import Registry
    from ..pack.model import Pack, Rule

__all__ = [
    "BUILDERS",
    "DEFAULTS",
    "Choices",
    "Defaults",
    "Probe",
    "Setting",
    "builder",
    "kinds_without_builder",
    "probes",
    "setting_of",
]

Ev = dict[str, Any]
T = TypeVar("T")
ONE_DAY = timedelta(days=1)
DEFAULT_START = date(2011, 1, 1)
#: which side of a bound: ``at`` it, one ``past`` it, or (non-numeric parameters) ``inside``/``outside``
Side = str


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


def setting_of(pack: Pack, start: date | None = None) -> Setting:
    """The probe setting of a pack: its term length (5 years when it gives none) and presence rule."""
    return Setting(pack.term_years or 5, start or DEFAULT_START, pack.presence)


@dataclass(frozen=True, slots=True)
class Probe:
    """One small event log at one side of one bound, and what the parameters predict for it."""

    rule: str
    kind: str
    param: str
    side: Side
    label: str
    events: tuple[Ev, ...]
    as_of: date
    subject: str
    expect_finding: bool
    #: the span of the epoch whose parameters the probe tests (dated parameters), else None
    epoch: str | None = None

    def lines(self) -> list[str]:
        """The events as JSON Lines (for :func:`~changrenzhi.events.read_events`)."""
        import json

        return [json.dumps(e, ensure_ascii=False) for e in self.events]


@dataclass
class _Spec:
    """What a builder yields: everything but the rule's id and kind."""

    param: str
    side: Side
    label: str
    events: list[Ev]
    as_of: date
    subject: str
    expect: bool


Builder = Callable[[Any, Setting, Choices], Iterator[_Spec]]
#: kind name -> probe builder
BUILDERS: dict[str, Builder] = {}


def builder(kind: str) -> Callable[[Builder], Builder]:
    """Register the probe builder of ``kind`` (one per kind)."""

    def register(fn: Builder) -> Builder:
        if kind in BUILDERS:
            raise ValueError(f"a probe builder for {kind!r} is already registered")
        BUILDERS[kind] = fn
        return fn

    return register


def probes(
    rule: Rule,
    setting: Setting | None = None,
    choices: Choices | None = None,
    *,
    params: Any = None,
) -> Iterator[Probe]:
    """The boundary probes of ``rule`` (with ``params`` instead of its own, e.g. one epoch's values).

    A rule with dated parameters is probed once per epoch: each epoch's probes start their
    term on the first 1 January in it, with that epoch's parameters, and carry its span in
    ``epoch``; an epoch that holds no whole calendar year is not probed (a probe's period
    or meeting could fall outside it).
    """
    build = BUILDERS.get(rule.kind)
    if build is None:
        return
    base = setting or Setting()
    if params is not None or not rule.epochs:
        yield from _built(rule, build, rule.params if params is None else params, base, choices, None)
        return
    for ep in rule.epochs:
        start = _epoch_start(ep.start, ep.end, base.start)
        if start is not None:
            at = Setting(base.term_years, start, base.presence)
            yield from _built(rule, build, ep.params, at, choices, ep.describe())


def _built(
    rule: Rule, build: Builder, params: Any, setting: Setting, choices: Choices | None, epoch: str | None
) -> Iterator[Probe]:
    for s in build(params, setting, choices or DEFAULTS):
        label = s.label if epoch is None else f"[{epoch}] {s.label}"
        yield Probe(
            rule.id, rule.kind, s.param, s.side, label, tuple(s.events), s.as_of, s.subject, s.expect, epoch
        )


def _epoch_start(start: date | None, end: date | None, default: date) -> date | None:
    """The first 1 January of an epoch whose whole year lies in it (None: there is none)."""
    if start is None:
        year = default.year if end is None else min(default.year, end.year - 1)
    else:
        year = start.year if (start.month, start.day) == (1, 1) else start.year + 1
    if end is not None and date(year, 12, 31) > end:
        return None
    return date(year, 1, 1)


def kinds_without_builder(registry: Registry | None = None) -> list[str]:
    """The kinds of ``registry`` (default: the built-in kinds) that have no probe builder."""
    if registry is None:
        from ..registry import default_registry

        registry = default_registry()
    return [k for k in registry.names() if k not in BUILDERS]


# ---- building logs ------------------------------------------------------------
class _Log:
    """Events under construction, with ids ``<prefix>-001`` ... in the order they are added."""

    def __init__(self, setting: Setting) -> None:
        self.setting = setting
        self.events: list[Ev] = []

    def add(self, etype: str, day: date, **fields: Any) -> Ev:
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


def _reps(n: int, prefix: str = "R", first: int = 1) -> list[str]:
    return [f"{prefix}{i:03d}" for i in range(first, first + n)]


def _period(kind: str, s: Setting) -> Period:
    """The first period of ``kind`` of the probe's term."""
    if kind == "term":
        return Period(s.start, add_years(s.start, s.term_years) - ONE_DAY, "term")
    return calendar_period(kind, s.start)


def _day(c: Choices, p: Period, lo_offset: int = 0) -> date:
    """A day of ``p`` (at least ``lo_offset`` days after its start)."""
    return p.start + timedelta(days=c.integer(min(lo_offset, p.days - 1), p.days - 1))


def _spec(log: _Log, param: str, side: Side, label: str, as_of: date, subject: str, expect: bool) -> _Spec:
    return _Spec(param, side, label, log.events, as_of, subject, expect)


def _bound_sides(lo: int | None, hi: int | None, name_lo: str, name_hi: str) -> list[tuple[str, Side, int]]:
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


def _band_sides(band: Any, prefix: str) -> list[tuple[str, Side, int]]:
    """Hard bounds and the soft target's edges (``target ± tolerance``) of a :class:`Band`."""
    out = _bound_sides(band.min, band.max, f"{prefix}.min", f"{prefix}.max")
    if band.target is not None:
        lo, hi = band.target - band.tolerance, band.target + band.tolerance
        if lo >= 0:
            out.append((f"{prefix}.target", "at", lo))
            if lo > 0:
                out.append((f"{prefix}.target", "past", lo - 1))
        out.append((f"{prefix}.target", "at", hi))
        out.append((f"{prefix}.target", "past", hi + 1))
    return out


def _band_expect(band: Any, n: int) -> bool:
    return not band.hard_ok(n) or not band.soft_ok(n)


def _label(param: str, side: Side, value: object, what: str) -> str:
    where = {"at": "at the bound", "past": "one past the bound", "inside": "inside", "outside": "outside"}
    return f"{param} {where[side]}: {f'{value} {what}'.strip()}"


def _comply(lo: int | None, hi: int | None, fallback: int = 3) -> int:
    """A count inside ``[lo, hi]``, for padding subjects that comply."""
    n = fallback if lo is None else max(lo, 1)
    return n if hi is None else min(n, hi)


# ---- groups -------------------------------------------------------------------
@builder("group_size")
def _group_size(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    period = _period(p.period, s)

    def build(n: int, officers: Sequence[str]) -> _Log:
        log = _Log(s)
        extra = c.integer(0, 2)  # members who leave during the period: the count is judged at its end
        members = log.town(_reps(n + extra))
        roles = {role: members[i % n] for i, role in enumerate(officers)} if n else {}
        log.group("G1", members, roles)
        if extra:
            day = _day(c, period, 1)
            leaving = members[n:]
            if c.choice(["removed", "disqualified"]) == "removed":
                log.add("group.changed", day, group="G1", remove=leaving)
            else:
                for r in leaving:
                    log.add("rep.disqualified", day, rep=r, reason="membership_transferred")
        for g in range(c.integer(0, 2)):  # other groups that comply
            k = _comply(p.min, p.max)
            more = log.town(_reps(k, f"G{g + 2}R"))
            log.group(f"G{g + 2}", more, {role: more[0] for role in p.officers})
        return log

    def expect(n: int, missing: bool) -> bool:
        size = (p.min is not None and n < p.min) or (p.max is not None and n > p.max)
        return size or (bool(p.officers) and (missing or n == 0))

    for name, side, n in _bound_sides(p.min, p.max, "min", "max"):
        log = build(n, p.officers)
        yield _spec(
            log, name, side, _label(name, side, n, "seated members"), period.end, "G1", expect(n, False)
        )
    n = _comply(p.min, p.max)
    for role in p.officers:
        log = build(n, p.officers)
        yield _spec(
            log, f"officers.{role}", "inside", f"officers.{role}: filled", period.end, "G1", expect(n, False)
        )
        log = build(n, [r for r in p.officers if r != role])
        yield _spec(
            log, f"officers.{role}", "outside", f"officers.{role}: vacant", period.end, "G1", expect(n, True)
        )
    if p.every_rep_in_group:
        for side, grouped in (("inside", True), ("outside", False)):
            log = _Log(s)
            members = log.town(_reps(n))
            log.group("G1", members, {role: members[0] for role in p.officers})
            lone = log.town(["X001"])[0]
            if grouped:
                log.add("group.changed", _day(c, period), group="G1", add=[lone])
            yield _spec(
                log, "every_rep_in_group", side, f"every_rep_in_group: {'in' if grouped else 'no'} group",
                period.end, lone, not grouped,
            )  # fmt: skip


# ---- contacts -----------------------------------------------------------------
def _rep_attrs(applies_to: Any) -> dict[str, Any]:
    """``rep.elected`` attributes that pass a rule's ``applies_to`` filter."""
    if applies_to is None:
        return {}
    out: dict[str, Any] = {}
    if applies_to.category:
        out["category"] = applies_to.category[0]
    if applies_to.unit:
        out["unit"] = applies_to.unit[0]
    return out


def _band_comply(band: Any) -> int:
    if band.target is not None and band.hard_ok(band.target):
        return int(band.target)
    return _comply(band.min, band.max)


@builder("contact_roster")
def _contact_roster(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    period = _period(p.period, s)
    attrs = _rep_attrs(p.applies_to)
    kinds = list(p.kinds)

    def contacts(rep: str, n: int) -> list[dict[str, str]]:
        return [{"person": f"P-{rep}-{i:02d}", "kind": kinds[i % len(kinds)]} for i in range(n)]

    for name, side, n in _band_sides(p.count, "count"):
        log = _Log(s)
        rep = log.town(["R001"], **attrs)[0]
        if n and c.choice([False, True]):
            # first a different roster, replaced during the period: the one in force at its end counts
            log.add("contact.assigned", s.start, rep=rep, contacts=contacts(rep, n + 1))
            log.add("contact.assigned", _day(c, period, 1), rep=rep, contacts=contacts(rep, n))
        elif n:
            log.add("contact.assigned", s.start, rep=rep, contacts=contacts(rep, n))
        for other in log.town(_reps(c.integer(0, 2), "Q"), **attrs):
            log.add("contact.assigned", s.start, rep=other, contacts=contacts(other, _band_comply(p.count)))
        expect = _band_expect(p.count, n)
        yield _spec(log, name, side, _label(name, side, n, "contacts"), period.end, rep, expect)


@builder("contact_frequency")
def _contact_frequency(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    period = _period(p.period, s)
    attrs = _rep_attrs(p.applies_to)
    kind = p.kinds[0] if p.kinds else "member"
    for side, n in (("at", p.min), ("past", p.min - 1)):
        log = _Log(s)
        rep = log.town(["R001"], **attrs)[0]
        others = [f"P{i:02d}" for i in range(2, 2 + c.integer(0, 2))]  # people visited often enough
        people = [{"person": who, "kind": kind} for who in ["P01", *others]]
        log.add("contact.assigned", s.start, rep=rep, contacts=people)
        for who, times in [("P01", n), *[(o, p.min) for o in others]]:
            for _ in range(times):
                log.add("contact.visit", _day(c, period), rep=rep, person=who)
        if c.choice([False, True]):  # a visit after as_of does not count
            log.add("contact.visit", period.end + timedelta(days=c.integer(1, 40)), rep=rep, person="P01")
        yield _spec(log, "min", side, _label("min", side, n, "visits"), period.end, rep, n < p.min)


def _targets(log: _Log, of: str, n: int, prefix: str) -> list[str]:
    """``n`` reps, or ``n`` groups of one rep each, for a committee member to look after."""
    reps = log.town(_reps(n, f"{prefix}R"))
    if of == "reps":
        return reps
    groups = [f"{prefix}G{i:02d}" for i in range(1, n + 1)]
    for g, r in zip(groups, reps, strict=True):
        log.group(g, [r])
    return groups


@builder("committee_roster")
def _committee_roster(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    period = _period(p.period, s)
    key = p.of
    for name, side, n in _band_sides(p.count, "count"):
        log = _Log(s)
        log.town([])
        log.add("committee.appointed", s.start, member="C01")
        targets = _targets(log, p.of, n + 1, "A")
        if n and c.choice([False, True]):
            log.add("committee.assigned", s.start, member="C01", **{key: targets})
            log.add("committee.assigned", _day(c, period, 1), member="C01", **{key: targets[:n]})
        elif n:
            log.add("committee.assigned", s.start, member="C01", **{key: targets[:n]})
        for i in range(c.integer(0, 2)):
            member = f"C{i + 2:02d}"
            log.add("committee.appointed", s.start, member=member)
            mine = _targets(log, p.of, _band_comply(p.count), f"B{i}")
            log.add("committee.assigned", s.start, member=member, **{key: mine})
        expect = _band_expect(p.count, n)
        yield _spec(log, name, side, _label(name, side, n, p.of), period.end, "C01", expect)


@builder("committee_contact_frequency")
def _committee_contact_frequency(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    period = _period(p.period, s)
    fld = "rep" if p.of == "reps" else "group"
    for side, n in (("at", p.min), ("past", p.min - 1)):
        log = _Log(s)
        log.town([])
        log.add("committee.appointed", s.start, member="C01")
        targets = _targets(log, p.of, c.integer(1, 3), "A")
        log.add("committee.assigned", s.start, member="C01", **{p.of: targets})
        if p.per == "each":
            counts = [n] + [p.min] * (len(targets) - 1)
        else:
            counts = [0] * len(targets)
            for _ in range(n):
                counts[c.integer(0, len(targets) - 1)] += 1
        for target, times in zip(targets, counts, strict=True):
            for _ in range(times):
                log.add("committee.visit", _day(c, period), member="C01", **{fld: target})
        what = f"visits to {targets[0]}" if p.per == "each" else "visits in all"
        yield _spec(log, "min", side, _label("min", side, n, what), period.end, "C01", n < p.min)


# ---- study --------------------------------------------------------------------
@builder("study_frequency")
def _study_frequency(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    period = _period(p.period, s)
    sides = _bound_sides(p.min, p.max, "min", "max")
    for name, side, n in sides:
        log = _Log(s)
        members = log.town(_reps(3))
        log.group("G1", members, {"leader": members[0]})
        for _ in range(n):
            log.add("study.session", _day(c, period), group="G1", attendees=members)
        for g in range(c.integer(0, 1)):  # another group that complies
            more = log.town(_reps(2, f"H{g}R"))
            log.group(f"H{g}", more)
            for _ in range(p.min):
                log.add("study.session", _day(c, period), group=f"H{g}", attendees=more)
        expect = n < p.min or (p.max is not None and n > p.max)
        yield _spec(log, name, side, _label(name, side, n, "sessions"), period.end, "G1", expect)


def _split_days(total: Fraction, c: Choices) -> list[Fraction]:
    """``total`` days as events of whole days and one fraction (how many pieces is free)."""
    whole = math.floor(total)
    parts: list[Fraction] = []
    while whole > 0:
        k = c.integer(1, whole)
        parts.append(Fraction(k))
        whole -= k
    if total - math.floor(total):
        parts.append(total - math.floor(total))
    return parts


def _num(x: Fraction) -> int | float:
    return x.numerator if x.denominator == 1 else float(x)


@builder("study_days")
def _study_days(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    period = _period(p.period, s)
    need = Fraction(str(p.min_days))
    step = (
        Fraction(1)
        if need.denominator == 1
        else Fraction(1, 2)
        if (need * 2).denominator == 1
        else Fraction(1, 10)
    )
    step = min(step, need / 2)
    for side, total in (("at", need), ("past", need - step)):
        log = _Log(s)
        members = log.town(_reps(2))
        log.group("G1", members)
        for part in _split_days(total, c):
            source = c.choice(list(p.sources))
            if source == "study":
                log.add("study.session", _day(c, period), group="G1", attendees=members, days=_num(part))
            else:
                log.add("training.held", _day(c, period), participants=members, days=_num(part))
        yield _spec(
            log, "min_days", side, _label("min_days", side, _num(total), "days"), period.end, members[0],
            total < need,
        )  # fmt: skip


@builder("study_absence_penalty")
def _study_absence_penalty(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    year = Period(date(s.start.year, 1, 1), date(s.start.year, 12, 31), "year")
    cases: list[tuple[str, Side, list[str]]] = []
    if p.consecutive is not None:
        how = "excused" if p.consecutive_counts_excused else "absent"
        run = p.consecutive
        cases.append(("consecutive", "at", [how] * run))
        cases.append(("consecutive", "past", [how] * (run - 1) + ["attended"]))
    if p.unexcused is not None:
        k = p.unexcused
        cases.append(("unexcused", "at", ["absent", "attended"] * k))
        cases.append(("unexcused", "past", ["absent", "attended"] * (k - 1) + ["attended"]))
    for name, side, pattern in cases:
        log = _Log(s)
        members = log.town(_reps(2))
        log.group("G1", members)
        gap = max(1, 360 // len(pattern))
        offset = c.integer(0, gap - 1)
        days = [year.start + timedelta(days=min(offset + i * gap, 364)) for i in range(len(pattern))]
        for day, how in zip(days, pattern, strict=True):
            attendees = members if how == "attended" else members[1:]
            excused = [members[0]] if how == "excused" else None
            log.add("study.session", day, group="G1", attendees=attendees, excused=excused)
        # the consequence each clause attaches, predicted from the pattern
        runs = longest = 0
        for how in pattern:
            counts = how == "absent" or (how == "excused" and p.consecutive_counts_excused)
            runs = runs + 1 if counts else 0
            longest = max(longest, runs)
        fires = (p.consecutive is not None and longest >= p.consecutive) or (
            p.unexcused is not None and pattern.count("absent") >= p.unexcused
        )
        what = f"{pattern.count('absent')} unexcused, {pattern.count('excused')} excused absences"
        yield _spec(log, name, side, _label(name, side, what, ""), year.end, members[0], fires)


@builder("training_coverage")
def _training_coverage(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    period = _period(p.span, s)
    for side, n in (("at", p.min), ("past", p.min - 1)):
        log = _Log(s)
        reps = log.town(_reps(1 + c.integer(0, 2)))
        for _ in range(n):
            log.add("training.held", _day(c, period), participants=reps, days=1)
        for _ in range(p.min - n):  # trainings the others took: the subject was not there
            if len(reps) > 1:
                log.add("training.held", _day(c, period), participants=reps[1:], days=1)
        yield _spec(log, "min", side, _label("min", side, n, "trainings"), period.end, reps[0], n < p.min)


# ---- meetings and votes ---------------------------------------------------------
def _need(share: Fraction, base: int, strict: bool) -> int:
    """The smallest whole count reaching ``share`` of ``base`` (``strict``: exceeding it)."""
    bound = share * base
    return math.floor(bound) + 1 if strict else math.ceil(bound)


def _multiple(share: Fraction, c: Choices, lo: int = 3) -> int:
    """A base (seated reps, votes) of which ``share`` is a whole number: the bound itself is reachable."""
    den = share.denominator
    k = max(1, math.ceil(lo / den))
    return den * c.integer(k, k + 2)


def _share_sides(share: Fraction, base: int) -> list[tuple[Side, int]]:
    """Counts on the exact bound ``share × base``, one below it and one above it."""
    bound = int(share * base)
    out: list[tuple[Side, int]] = [("at", bound)]
    if bound >= 1:
        out.append(("past", bound - 1))
    if bound + 1 <= base:
        out.append(("inside", bound + 1))
    return out


@builder("annual_meeting")
def _annual_meeting(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    period = _period(p.period, s)
    form = {"convened_by": p.convened_by, "chaired_by": p.chaired_by}

    def town() -> _Log:
        log = _Log(s)
        log.town(_reps(5))
        return log

    def meeting(log: _Log, mid: str, day: date, **over: Any) -> None:
        fields = form | over
        log.add("meeting.held", day, meeting=mid, kind=p.meeting_kind, present=5, **fields)

    lo = p.min if p.min > 0 else None
    for name, side, n in _bound_sides(lo, p.max, "min", "max"):
        log = town()
        chosen = {_day(c, period, 1) for _ in range(n)}
        spare = (period.start + timedelta(days=i) for i in range(period.days))
        while len(chosen) < n:  # distinct days, one meeting each
            chosen.add(next(spare))
        days = sorted(chosen)
        for i, day in enumerate(days):
            meeting(log, f"M{i + 1}", day)
        if n and c.choice([False, True]):  # a second sitting of the same meeting counts once
            meeting(log, "M1", days[0] + ONE_DAY)
        expect = n < p.min or (p.max is not None and n > p.max)
        yield _spec(log, name, side, _label(name, side, n, "meetings"), period.end, p.meeting_kind, expect)
    day = _day(c, period)
    for role, expected in form.items():
        if expected is None:
            continue
        for side, actual in (("inside", expected), ("outside", expected + "-other")):
            log = town()
            meeting(log, "M1", day, **{role: actual})
            yield _spec(log, role, side, f"{role}: {actual}", period.end, "M1", actual != expected)
    for flag in ("presidium", "preparatory"):
        if getattr(p, flag) is False:
            for side, had in (("inside", False), ("outside", True)):
                log = town()
                meeting(log, "M1", day, **{flag: had})
                yield _spec(log, flag, side, f"{flag}: {had}", period.end, "M1", had)


@builder("quorum")
def _quorum(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    day = s.start + timedelta(days=c.integer(30, 300))
    base = _multiple(p.share, c)
    for side, present in _share_sides(p.share, base):
        log = _Log(s)
        reps = log.town(_reps(base))
        attendees: list[str] | None = reps[:present]
        if c.choice([False, True]):  # a rep who lost the seat signs in too: not counted, not seated
            gone = log.town(["X001"])[0]
            log.add("rep.disqualified", day - ONE_DAY, rep=gone, reason="membership_transferred")
            attendees = [*reps[:present], gone]
        fields: dict[str, Any] = {"attendees": attendees}
        if c.choice([False, True]):
            fields = {"present": present}
        log.add("meeting.held", day, meeting="M1", kind=p.meeting_kinds[0], **fields)
        expect = present < _need(p.share, base, not p.inclusive)
        what = f"{present} of {base} seated present"
        yield _spec(log, "share", side, _label("share", side, what, ""), day, "M1", expect)


@builder("vote_majority")
def _vote_majority(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    day = s.start + timedelta(days=c.integer(30, 300))
    kind = p.meeting_kinds[0] if p.meeting_kinds else "annual"
    matter = p.matters[0] if p.matters else c.choice(["other", "election", "personnel"])
    base = _multiple(p.share, c)
    seated = base if p.base != "present" else base + c.integer(0, 3)
    for side, yes in _share_sides(p.share, base):
        for declared in ("passed", "failed"):
            log = _Log(s)
            reps = log.town(_reps(seated))
            log.add("meeting.held", day, meeting="M1", kind=kind, attendees=reps[:base])
            abstain = c.integer(0, base - yes) if p.base == "cast" else 0
            log.add(
                "vote.held", day, meeting="M1", item="I1", matter=matter, method="secret",
                yes=yes, no=base - yes - abstain, abstain=abstain, declared=declared,
            )  # fmt: skip
            passes = yes >= _need(p.share, base, p.strict)
            what = f"yes {yes} of {base} ({p.base}), declared {declared}"
            yield _spec(
                log,
                "share",
                side,
                _label("share", side, what, ""),
                day,
                "I1",
                passes != (declared == "passed"),
            )


@builder("ballot_method")
def _ballot_method(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    day = s.start + timedelta(days=c.integer(30, 300))
    kind = p.meeting_kinds[0] if p.meeting_kinds else "annual"
    other = "hands" if p.method == "secret" else "secret"
    for matter in p.matters:
        for side, method in (("inside", p.method), ("outside", other)):
            log = _Log(s)
            reps = log.town(_reps(5))
            log.add("meeting.held", day, meeting="M1", kind=kind, attendees=reps)
            log.add(
                "vote.held", day, meeting="M1", item="I1", matter=matter, method=method,
                yes=5, no=0, declared="passed",
            )  # fmt: skip
            yield _spec(log, "matters", side, f"matters: {matter} by {method}", day, "I1", method != p.method)


# ---- agenda ---------------------------------------------------------------------
@builder("agenda_deadline")
def _agenda_deadline(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    held = s.start + timedelta(days=c.integer(120, 300))
    kind = p.meeting_kinds[0] if p.meeting_kinds else "annual"
    for side, before in (("at", p.days), ("past", p.days - 1)):
        log = _Log(s)
        reps = log.town(_reps(3))
        log.group("G1", reps)
        when = held - timedelta(days=before)
        if p.what == "proposed":
            by = c.choice(list(p.by))
            who: dict[str, Any] = (
                {"proposers": reps} if by == "reps" else {"groups": ["G1"]} if by == "group" else {}
            )
            log.add("agenda.proposed", when, meeting="M1", item="I1", by=by, **who)
        else:
            log.add("agenda.proposed", when - timedelta(days=30), meeting="M1", item="I1", by="committee")
            log.add(
                "agenda.decided",
                when - timedelta(days=c.integer(1, 20)),
                meeting="M1",
                item="I1",
                listed=True,
                notified=when.isoformat(),
            )
        log.add("meeting.held", held, meeting="M1", kind=kind, attendees=reps)
        what = f"{before} days before the meeting"
        yield _spec(
            log,
            "days",
            side,
            _label("days", side, what, p.what),
            held + timedelta(days=30),
            "I1",
            before < p.days,
        )


@builder("agenda_threshold")
def _agenda_threshold(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    held = s.start + timedelta(days=c.integer(120, 300))
    kind = p.meeting_kinds[0] if p.meeting_kinds else "annual"
    allowed = set(p.allowed)

    def predict(by: str, reps: int, groups: int, ad_hoc: bool, listed: bool, seated: int) -> bool:
        found = False
        if ad_hoc and p.ad_hoc is not None:
            t = p.ad_hoc
            enough = (t.groups_min is not None and groups >= t.groups_min) or (
                t.reps_share is not None and reps >= _need(t.reps_share, seated, False)
            )
            found = not enough
        else:
            found = by not in allowed
            if by == "reps" and "reps" in allowed and p.reps_min is not None and reps < p.reps_min:
                found = True
            if by == "group" and "group" in allowed and groups < p.groups_min:
                found = True
        m = p.must_list
        if m is not None and not listed:
            due = (m.reps_min is not None and reps >= m.reps_min) or (
                m.groups_min is not None and groups >= m.groups_min
            )
            found = found or due
        return found

    def item(param: str, side: Side, by: str, reps: int, groups: int, ad_hoc: bool = False,
             listed: bool = True, seated: int | None = None) -> _Spec:  # fmt: skip
        log = _Log(s)
        n = seated if seated is not None else max(reps, 3) + c.integer(0, 2)
        names = log.town(_reps(n))
        gs = [f"G{i:02d}" for i in range(1, groups + 1)]
        for i, g in enumerate(gs):
            log.group(g, [names[i % len(names)]])
        when = held if ad_hoc else held - timedelta(days=c.integer(15, 40))
        log.add(
            "agenda.proposed", when, meeting="M1", item="I1", by=by,
            proposers=names[:reps] if reps else None, groups=gs or None, ad_hoc=True if ad_hoc else None,
        )  # fmt: skip
        if not ad_hoc:
            log.add(
                "agenda.decided",
                held - timedelta(days=c.integer(1, 10)),
                meeting="M1",
                item="I1",
                listed=listed,
            )
        log.add("meeting.held", held, meeting="M1", kind=kind, attendees=names)
        expect = predict(by, reps, groups, ad_hoc, listed and not ad_hoc, n)
        what = f"by {by}, {reps} reps, {groups} groups" + (", ad hoc" if ad_hoc else "")
        what += "" if listed else ", not listed"
        return _spec(log, param, side, _label(param, side, what, ""), held + timedelta(days=30), "I1", expect)

    for by in ("committee", "group", "reps"):
        reps, groups = (
            (0, 0) if by == "committee" else (0, p.groups_min) if by == "group" else (p.reps_min or 1, 0)
        )
        yield item("allowed", "inside" if by in allowed else "outside", by, reps, groups)
    if p.reps_min is not None and "reps" in allowed:
        for name, side, k in _bound_sides(p.reps_min, None, "reps_min", ""):
            yield item(name, side, "reps", k, 0)
    if "group" in allowed:
        for name, side, k in _bound_sides(p.groups_min, None, "groups_min", ""):
            yield item(name, side, "group", 0, k)
    if p.ad_hoc is not None:
        if p.ad_hoc.groups_min is not None:
            for name, side, k in _bound_sides(p.ad_hoc.groups_min, None, "ad_hoc.groups_min", ""):
                yield item(name, side, "group", 0, k, ad_hoc=True)
        if p.ad_hoc.reps_share is not None:
            seated = _multiple(p.ad_hoc.reps_share, c)
            for side, k in _share_sides(p.ad_hoc.reps_share, seated):
                yield item("ad_hoc.reps_share", side, "reps", k, 0, ad_hoc=True, seated=seated)
    if p.must_list is not None:
        if p.must_list.reps_min is not None:
            for name, side, k in _bound_sides(p.must_list.reps_min, None, "must_list.reps_min", ""):
                yield item(name, side, "reps", k, 0, listed=False)
        if p.must_list.groups_min is not None:
            for name, side, k in _bound_sides(p.must_list.groups_min, None, "must_list.groups_min", ""):
                yield item(name, side, "group", 0, k, listed=False)
