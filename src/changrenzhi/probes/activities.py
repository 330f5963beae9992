"""Probe builders for the groups' activities, the committee's duties and the meetings' discipline.

``group_activity``, ``activity_day``, ``group_plan``, ``group_report``,
``committee_reception``, ``committee_visit_month``, ``attendance_discipline`` and
``resolution_change``: registered with :func:`changrenzhi.probes.builder`;
:mod:`changrenzhi.probes` imports this module, so these builders are there
whenever probes are used.

As in :mod:`changrenzhi.probes`, each probe judges one closed period (or one
event already past its deadline) for one subject, and ``expect`` is worked out
from the parameters alone: the day arithmetic (``announce_days`` before an
activity, ``scheduled_months`` calendar months before a visit month, ...) is
written out here again, not borrowed from the kinds.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

from ..periods import Period, calendar_periods
from .core import (
    ONE_DAY,
    Choices,
    Setting,
    Side,
    _bound_sides,
    _day,
    _label,
    _Log,
    _num,
    _period,
    _reps,
    _Spec,
    _spec,
    builder,
)

__all__: list[str] = []


def _frac(x: float | int) -> Fraction:
    """A day count as written (0.5 is one half exactly)."""
    return Fraction(str(x))


def _step(x: Fraction) -> Fraction:
    """The smallest step a day count like ``x`` is written in: 1, 1/2 or 1/10."""
    if x.denominator == 1:
        return Fraction(1)
    if (x * 2).denominator == 1:
        return Fraction(1, 2)
    return Fraction(1, 10)


def _split(total: Fraction, k: int, c: Choices) -> list[Fraction]:
    """``total`` days as ``k`` positive parts written in a common decimal unit."""
    unit = _step(total)
    while total / unit < k:
        unit /= 10
    units = int(total / unit)
    parts = []
    for i in range(k - 1, 0, -1):
        take = c.integer(1, units - i)
        parts.append(take * unit)
        units -= take
    parts.append(units * unit)
    return parts


def _on(year: int, mmdd: str) -> date:
    month, day = mmdd.split("-")
    return date(year, int(month), int(day))


def _months_back(d: date, months: int) -> date:
    """The same day ``months`` calendar months before ``d`` (the month's last day when it has fewer)."""
    index = d.year * 12 + d.month - 1 - months
    year, month0 = divmod(index, 12)
    last = (date(year + (month0 == 11), (month0 + 1) % 12 + 1, 1) - ONE_DAY).day
    return date(year, month0 + 1, min(d.day, last))


def _offset(days: int, of: str) -> str:
    """``days`` before ``of`` as words: "3 days before the activity", "on the day", "1 day after"."""
    if days == 0:
        return f"on the day of {of}"
    n = abs(days)
    return f"{n} day{'s' if n != 1 else ''} {'before' if days > 0 else 'after'} {of}"


def _other_kind(kinds: Sequence[str]) -> str:
    other = "committee"
    while other in kinds:
        other += "-other"
    return other


def _distinct_days(c: Choices, period: Period, n: int) -> list[date]:
    """``n`` different days of ``period`` (``n`` at most its length), in order."""
    chosen = {_day(c, period) for _ in range(n)}
    spare = (period.start + timedelta(days=i) for i in range(period.days))
    while len(chosen) < n:
        chosen.add(next(spare))
    return sorted(chosen)


# ---- group_activity -------------------------------------------------------------
@dataclass(frozen=True)
class _Act:
    day: date
    days: Fraction
    whole: bool


def _group_activity_expect(p: Any, acts: Sequence[_Act], as_of: date, s: Setting) -> bool:
    """Whether the group owes a finding: too few (whole-group) activities in a closed period, or
    days of activity past the ceiling in any period begun, or short of the floor in a closed one."""
    if p.min is not None:
        for period in calendar_periods(p.period, s.start, as_of):
            if period.end <= as_of:
                n = sum(1 for a in acts if period.contains(a.day) and (a.whole or not p.whole_group))
                if n < p.min:
                    return True
    if p.days is not None:
        lo = None if p.days.min is None else _frac(p.days.min)
        hi = None if p.days.max is None else _frac(p.days.max)
        for period in calendar_periods(p.days.period, s.start, as_of):
            total = sum((a.days for a in acts if period.contains(a.day) and a.day <= as_of), Fraction(0))
            if hi is not None and total > hi:
                return True
            if lo is not None and total < lo and period.end <= as_of:
                return True
    return False


def _activity_log(s: Setting, c: Choices, acts: Sequence[_Act]) -> _Log:
    log = _Log(s)
    members = log.town(_reps(3))
    log.group("G1", members, {"leader": members[0]})
    for a in sorted(acts, key=lambda a: a.day):
        if a.whole and c.choice([False, True]):
            log.add(
                "group.activity",
                a.day,
                group="G1",
                attendees=members[:1],
                whole_group=True,
                days=_num(a.days),
            )
        elif a.whole:  # every member seated that day attended
            log.add("group.activity", a.day, group="G1", attendees=members, days=_num(a.days))
        else:
            log.add("group.activity", a.day, group="G1", attendees=members[1:], days=_num(a.days))
    return log


@builder("group_activity")
def _group_activity(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    band = p.days
    lo = None if band is None or band.min is None else _frac(band.min)
    hi = None if band is None or band.max is None else _frac(band.max)

    def days_each(k: int) -> Fraction:
        """Days per activity small enough that ``k`` of them stay under the ceiling."""
        each = Fraction(1)
        while hi is not None and k and each * k > hi and each > Fraction(1, 1000):
            each /= 10
        return each

    if p.min is not None:
        horizon = _period(p.period, s)
        for name, side, n in _bound_sides(p.min, None, "min", ""):
            extra = c.integer(0, 2) if p.whole_group else 0  # activities some members missed: not counted
            each = days_each(n + extra + 1)
            acts = [_Act(_day(c, horizon), each, True) for _ in range(n)]
            acts += [_Act(_day(c, horizon), each, False) for _ in range(extra)]
            if band is not None and lo is not None:  # top every closed period of the band up to its floor
                for period in calendar_periods(band.period, s.start, horizon.end):
                    if period.end > horizon.end:
                        continue
                    total = sum((a.days for a in acts if period.contains(a.day)), Fraction(0))
                    if total >= lo:
                        continue
                    if p.whole_group:
                        acts.append(_Act(_day(c, period), lo - total, False))
                    else:
                        mine = [i for i, a in enumerate(acts) if period.contains(a.day)]
                        if mine:
                            a = acts[mine[-1]]
                            acts[mine[-1]] = _Act(a.day, a.days + lo - total, a.whole)
            log = _activity_log(s, c, acts)
            what = "whole-group activities" if p.whole_group else "activities"
            expect = _group_activity_expect(p, acts, horizon.end, s)
            yield _spec(log, name, side, _label(name, side, n, what), horizon.end, "G1", expect)
    if band is None:
        return
    horizon = _period(band.period, s)
    sides: list[tuple[str, Side, Fraction]] = []
    if lo is not None:
        sides.append(("days.min", "at", lo))
        if lo > 0:
            sides.append(("days.min", "past", max(lo - _step(lo), Fraction(0))))
    if hi is not None:
        sides.append(("days.max", "at", hi))
        sides.append(("days.max", "past", hi + _step(hi)))
    for name, side, total in sides:
        # the activities the count needs, in every period of p.period that the horizon holds
        slots: list[Period] = []
        if p.min is not None:
            for period in calendar_periods(p.period, s.start, horizon.end):
                inside = Period(max(period.start, horizon.start), min(period.end, horizon.end), "span")
                slots += [inside] * p.min
        partial = p.whole_group and bool(slots) and total > 0 and c.choice([False, True])
        k = len(slots) + (1 if partial or not slots else 0)
        parts = _split(total, k, c) if total > 0 else []
        acts = [_Act(_day(c, slot), part, True) for slot, part in zip(slots, parts, strict=False)]
        if len(parts) > len(slots):  # a partial activity (or the only one) carries the rest
            acts.append(_Act(_day(c, horizon), parts[-1], not partial))
        log = _activity_log(s, c, acts)
        what = f"{_num(total)} days of activity"
        expect = _group_activity_expect(p, acts, horizon.end, s)
        yield _spec(log, name, side, _label(name, side, what, ""), horizon.end, "G1", expect)


# ---- activity_day -----------------------------------------------------------------
def _activity_day_expect(
    p: Any, acts: Sequence[_Act], meetings: Sequence[tuple[date, str]], year: Period
) -> bool:
    """Fewer than ``min`` activities of the year on the activity day, and none that a meeting after
    ``as_of`` (the year's last day) could still bring into the window."""
    as_of = year.end
    counted = [a for a in acts if year.contains(a.day) and (a.whole or not p.whole_group)]
    days = [m for m, kind in meetings if kind in p.meeting_kinds and m <= as_of]

    def qualifies(d: date) -> bool:
        if p.around is not None and abs((d - _on(d.year, p.anchor)).days) <= p.around:
            return True
        bm = p.before_meeting
        return bm is not None and any(0 < (m - d).days <= bm for m in days)

    if sum(1 for a in counted if qualifies(a.day)) >= p.min:
        return False
    bm = p.before_meeting
    return not (bm is not None and any(a.day + timedelta(days=bm) > as_of for a in counted))


@builder("activity_day")
def _activity_day(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    y = s.start.year
    year = Period(date(y, 1, 1), date(y, 12, 31), "year")
    bm = p.before_meeting
    # the last day an activity may fall on without a meeting after the year being able to count it
    late = year.end - timedelta(days=bm) if bm is not None else year.end
    kind = p.meeting_kinds[0]

    def near(d: date) -> bool:
        return p.around is not None and abs((d - _on(d.year, p.anchor)).days) <= p.around

    def probe(name: str, side: Side, what: str, acts: list[_Act], meetings: list[tuple[date, str]]) -> _Spec:
        log = _activity_log(s, c, acts)
        for i, (day, k) in enumerate(sorted(meetings)):
            log.add("meeting.held", day, meeting=f"M{i + 1}", kind=k, present=3)
        expect = _activity_day_expect(p, acts, meetings, year)
        return _spec(log, name, side, _label(name, side, what, ""), year.end, "G1", expect)

    # meeting days m of the year with the days m - bm - 1 .. m all clear of the anchor's window
    fits: list[date] = []
    if bm is not None:
        first = year.start + timedelta(days=bm + 1)
        d = first
        while d <= late:
            if not any(near(d - timedelta(days=j)) for j in range(0, bm + 2)):
                fits.append(d)
            d += ONE_DAY

    def qualifying() -> tuple[list[date], list[tuple[date, str]]] | None:
        """Days an activity qualifies on (never after ``late``), and the meetings that make them so."""
        if p.around is not None:
            anchor = _on(y, p.anchor)
            lo = max(year.start, anchor - timedelta(days=p.around))
            hi = min(late, anchor + timedelta(days=p.around))
            if lo <= hi:
                return [lo + timedelta(days=i) for i in range((hi - lo).days + 1)], []
        if fits:
            m = c.choice(fits)
            return [m - timedelta(days=j) for j in range(1, bm + 1)], [(m, kind)]
        return None

    ok = qualifying()
    if ok is not None:
        days, meetings = ok
        for name, side, n in _bound_sides(p.min, None, "min", ""):
            acts = [_Act(c.choice(days), Fraction(1), True) for _ in range(n)]
            yield probe(name, side, f"{n} activities on the activity day", acts, meetings)
        if p.whole_group:
            for side, whole in (("inside", True), ("outside", False)):
                acts = [_Act(c.choice(days), Fraction(1), True) for _ in range(p.min - 1)]
                acts.append(_Act(c.choice(days), Fraction(1), whole))
                what = "the last one whole-group" if whole else "the last one not whole-group"
                yield probe("whole_group", side, what, acts, meetings)
    if p.around is not None:
        anchor = _on(y, p.anchor)
        ways = []
        for sign in (1, -1):
            at = anchor + timedelta(days=sign * p.around)
            past = at + timedelta(days=sign)
            if all(year.start <= d <= late for d in (at, past)):
                ways.append((at, past))
        if ways:
            at, past = c.choice(ways)
            for side, last in (("at", at), ("past", past)):
                acts = [_Act(at, Fraction(1), True) for _ in range(p.min - 1)]
                acts.append(_Act(last, Fraction(1), True))
                off = abs((last - anchor).days)
                yield probe("around", side, f"an activity {off} days from {p.anchor}", acts, [])
    if bm is not None and fits:
        m = c.choice(fits)
        meetings = [(m, kind)]
        if c.choice([False, True]):  # a meeting of another kind right after the day past the bound
            meetings.append((m - timedelta(days=bm), _other_kind(p.meeting_kinds)))
        cases: list[tuple[Side, int]] = [("at", bm), ("past", bm + 1), ("outside", 0)]
        for side, before in cases:
            acts = [_Act(m - timedelta(days=bm), Fraction(1), True) for _ in range(p.min - 1)]
            acts.append(_Act(m - timedelta(days=before), Fraction(1), True))
            what = "an activity " + _offset(before, "the meeting")
            yield probe("before_meeting", side, what, acts, meetings)


# ---- group_plan -------------------------------------------------------------------
@builder("group_plan")
def _group_plan(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    y = s.start.year
    year = Period(date(y, 1, 1), date(y, 12, 31), "year")
    deadline = None if p.plan_by is None else _on(y, p.plan_by)

    def town() -> tuple[_Log, list[str]]:
        log = _Log(s)
        members = log.town(_reps(3))
        log.group("G1", members, {"leader": members[0]})
        if deadline is not None:  # the plan settled in time (some days before the deadline at most)
            early = max(s.start, deadline - timedelta(days=c.integer(0, 20)))
            log.add("group.plan", early, group="G1", year=y)
        return log, members

    def activity(
        log: _Log, members: list[str], day: date, *, announced: date | None = None, theme: bool = True,
        attendance: bool = True,
    ) -> None:  # fmt: skip
        if p.announce_days is not None and announced is None:
            announced = day - timedelta(days=p.announce_days + c.integer(0, 5))
        log.add(
            "group.activity", day, group="G1", attendees=members if attendance else [],
            theme="学习党的代表大会精神" if theme else None,
            announced=None if announced is None else announced.isoformat(),
        )  # fmt: skip

    if deadline is not None:
        plan_by = p.plan_by
        for side, late in (("at", 0), ("past", 1)):
            log = _Log(s)
            members = log.town(_reps(3))
            log.group("G1", members, {"leader": members[0]})
            log.add("group.plan", deadline + timedelta(days=late), group="G1", year=y)
            what = "plan settled " + _offset(-late, plan_by)
            yield _spec(log, "plan_by", side, _label("plan_by", side, what, ""), year.end, "G1", late > 0)
        log = _Log(s)
        log.group("G1", log.town(_reps(3)))
        if c.choice([False, True]):  # a plan for another year does not stand for this one
            log.add("group.plan", s.start, group="G1", year=y + 1)
        yield _spec(log, "plan_by", "outside", "plan_by: no plan for the year", year.end, "G1", True)
    room = max(0, year.days - 30 - (p.announce_days or 0))
    day = year.start + timedelta(days=(p.announce_days or 0) + c.integer(30, 30 + room))
    day = min(day, year.end)
    if p.announce_days is not None:
        k = p.announce_days
        for side, before in (("at", k), ("past", k - 1)):
            log, members = town()
            activity(log, members, day, announced=day - timedelta(days=before))
            what = "announced " + _offset(before, "the activity")
            yield _spec(log, "announce_days", side, _label("announce_days", side, what, ""), year.end, "G1",
                        before < k)  # fmt: skip
        log, members = town()
        log.add("group.activity", day, group="G1", attendees=members, theme="学习")
        yield _spec(log, "announce_days", "outside", "announce_days: not announced", year.end, "G1", True)
    for flag in ("theme", "attendance"):
        if getattr(p, flag):
            for side, kept in (("inside", True), ("outside", False)):
                log, members = town()
                if flag == "theme":
                    activity(log, members, day, theme=kept)
                else:
                    activity(log, members, day, attendance=kept)
                what = f"{flag}: {'recorded' if kept else 'not recorded'}"
                yield _spec(log, flag, side, what, year.end, "G1", not kept)


# ---- group_report -----------------------------------------------------------------
@builder("group_report")
def _group_report(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    kind = p.meeting_kinds[0]
    held = s.start + timedelta(days=p.days + c.integer(1, 200))
    deadline = held - timedelta(days=p.days)
    cases: list[tuple[Side, int | None]] = [("at", 0), ("past", 1), ("outside", None)]
    for side, late in cases:
        log = _Log(s)
        members = log.town(_reps(3))
        log.group("G1", members, {"leader": members[0]})
        others = [f"H{i}" for i in range(c.integer(0, 2))]  # other groups that report in time
        for g in others:
            log.group(g, log.town(_reps(2, f"{g}R")))
        if c.choice([False, True]):  # a meeting of another kind: no report owed
            log.add("meeting.held", deadline - ONE_DAY, meeting="X1", kind=_other_kind(p.meeting_kinds),
                    present=3)  # fmt: skip
        for g in others:
            log.add("group.report", deadline - timedelta(days=c.integer(0, 10)), group=g, meeting="M1")
        if late is not None:
            log.add("group.report", deadline + timedelta(days=late), group="G1", meeting="M1")
        log.add("meeting.held", held, meeting="M1", kind=kind, attendees=members)
        if c.choice([False, True]):  # a second sitting: the deadline counts from the first
            log.add("meeting.held", held + ONE_DAY, meeting="M1", kind=kind, attendees=members)
        if late is None:
            what = "days: no report"
        else:
            what = _label("days", side, "reported " + _offset(p.days - late, "the meeting"), "")
        yield _spec(log, "days", side, what, held + ONE_DAY, "G1", late != 0)


# ---- committee_reception ----------------------------------------------------------
@builder("committee_reception")
def _committee_reception(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    period = _period(p.period, s)

    def town(k: int) -> tuple[_Log, list[str]]:
        log = _Log(s)
        reps = log.town(_reps(3))
        log.group("G1", reps, {"leader": reps[0], "deputy": reps[1]})
        members = [f"C{i:02d}" for i in range(1, k + 1)]
        for m in members:
            log.add("committee.appointed", s.start, member=m)
        return log, members

    def receive(log: _Log, member: str, day: date, **over: Any) -> None:
        fields: dict[str, Any] = {}
        if p.posted_days is not None:
            fields["posted"] = (day - timedelta(days=p.posted_days + c.integer(0, 3))).isoformat()
        if p.recorded:
            fields["recorded"] = True
        if p.visitors_officers:
            fields["visitors"] = [c.choice(["R001", "R002"])]
        fields.update(over)
        log.add(
            "committee.reception", day, member=member, **{k: v for k, v in fields.items() if v is not None}
        )

    for name, side, n in _bound_sides(p.min, p.max, "min", "max"):
        log, members = town(c.integer(1, 3))
        for i, day in enumerate(sorted(_day(c, period) for _ in range(n))):
            receive(log, members[i % len(members)], day)  # in turn
        expect = (p.min is not None and n < p.min) or (p.max is not None and n > p.max)
        yield _spec(log, name, side, _label(name, side, n, "receptions"), period.end, "committee", expect)
    day = _day(c, period)
    if p.posted_days is not None:
        k = p.posted_days
        for side, before in (("at", k), ("past", k - 1)):
            log, _ = town(1)
            receive(log, "C01", day, posted=(day - timedelta(days=before)).isoformat())
            what = "schedule posted " + _offset(before, "the reception")
            yield _spec(log, "posted_days", side, _label("posted_days", side, what, ""), period.end, "C01",
                        before < k)  # fmt: skip
        log, _ = town(1)
        receive(log, "C01", day, posted=None)
        yield _spec(log, "posted_days", "outside", "posted_days: no schedule posted", period.end, "C01", True)
    if p.recorded:
        for side, kept in (("inside", True), ("outside", False)):
            log, _ = town(1)
            receive(log, "C01", day, recorded=True if kept else c.choice([False, None]))  # None: no record
            yield _spec(log, "recorded", side, f"recorded: {kept}", period.end, "C01", not kept)
    if p.visitors_officers:
        for side, who in (("inside", c.choice(["R001", "R002"])), ("outside", "R003")):
            log, _ = town(1)
            receive(log, "C01", day, visitors=[who])
            what = (
                f"visitors_officers: received {'a leader or deputy' if who != 'R003' else 'a plain member'}"
            )
            yield _spec(log, "visitors_officers", side, what, period.end, "C01", who == "R003")
    if p.rotation:
        k = c.integer(2, 3)
        for side, order in (("inside", [*range(k), 0]), ("outside", [0, 0])):
            log, members = town(k)
            days = _distinct_days(c, period, len(order))  # a same-day tie would leave the turns' order open
            for i, day_i in zip(order, days, strict=True):
                receive(log, members[i], day_i)
            what = "rotation: " + ", ".join(members[i] for i in order)
            yield _spec(log, "rotation", side, what, period.end, "C01", side == "outside")


# ---- committee_visit_month --------------------------------------------------------
@builder("committee_visit_month")
def _committee_visit_month(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    period = _period(p.period, s)

    def town(groups: int) -> _Log:
        log = _Log(s)
        log.town([])
        log.add("committee.appointed", s.start, member="C01")
        for g in range(1, groups + 1):
            log.group(f"G{g:02d}", log.town([f"G{g:02d}R"]))
        return log

    def month(log: _Log, start: date, end: date, **over: Any) -> str:
        fields: dict[str, Any] = {"start": start.isoformat(), "end": end.isoformat()}
        if p.scheduled_months is not None:
            due = _months_back(start, p.scheduled_months) - timedelta(days=c.integer(0, 10))
            fields["scheduled"] = due.isoformat()
        if p.minutes:
            fields["minutes"] = (end + timedelta(days=c.integer(1, 10))).isoformat()
        fields.update(over)
        known = c.choice([start, min(end, period.end)])  # the day it became known: before or after it began
        return str(log.add("visit_month.held", known, **fields)["id"])

    def span() -> tuple[date, date]:
        """A visit month inside the period, over by its end."""
        length = c.integer(min(6, period.days - 1), min(30, period.days - 1))
        start = period.start + timedelta(days=c.integer(0, period.days - 1 - length))
        return start, start + timedelta(days=length)

    lo = p.min if p.min > 0 else None
    for name, side, n in _bound_sides(lo, p.max, "min", "max"):
        log = town(1)
        for _ in range(n):
            start = _day(c, period)
            month(log, start, start + timedelta(days=c.integer(0, 30)))
        if c.choice([False, True]):  # known already, but it starts in the next period: it counts there
            start = period.end + timedelta(days=c.integer(1, 20))
            log.add("visit_month.held", _day(c, period), start=start.isoformat(),
                    end=(start + timedelta(days=20)).isoformat())  # fmt: skip
        expect = n < p.min or (p.max is not None and n > p.max)
        yield _spec(log, name, side, _label(name, side, n, "visit months"), period.end, "committee", expect)
    if p.groups is not None:
        band = p.groups
        for name, side, n in _bound_sides(band.min, band.max, "groups.min", "groups.max"):
            log = town(n + 1)
            start, end = span()
            month(log, start, end)
            groups = [f"G{g:02d}" for g in range(1, n + 1)]
            for g in groups:
                log.add("committee.visit", start + timedelta(days=c.integer(0, (end - start).days)),
                        member="C01", group=g)  # fmt: skip
            again: bool = c.choice([False, True])
            if groups and again:  # a second visit to a group: one group still
                log.add("committee.visit", end, member="C01", group=groups[0])
            spare = f"G{n + 1:02d}"
            if end < period.end and c.choice([False, True]):  # a visit after the month: not counted
                log.add("committee.visit", end + ONE_DAY, member="C01", group=spare)
            if c.choice([False, True]):  # a visit to a rep, not a group: not counted
                log.add("committee.visit", start, member="C01", rep=f"{spare}R")
            expect = (band.min is not None and n < band.min) or (band.max is not None and n > band.max)
            what = f"{n} groups visited in the month"
            yield _spec(log, name, side, _label(name, side, what, ""), period.end, "C01", expect)
    if p.scheduled_months is not None:
        k = p.scheduled_months
        for side, late in (("at", 0), ("past", 1), ("outside", None)):
            log = town(1)
            start, end = span()  # some starts fall on a 29th-31st: the month before may be shorter
            due = _months_back(start, k)
            scheduled = None if late is None else (due + timedelta(days=late)).isoformat()
            month(log, start, end, scheduled=scheduled)
            mid = start.isoformat()  # findings about a visit month name it by its first day
            if late is None:
                what = "scheduled_months: no schedule"
            else:
                issued = "schedule issued " + _offset(-late, due.isoformat())
                what = _label("scheduled_months", side, issued, "")
            yield _spec(log, "scheduled_months", side, what, period.end, mid, late != 0)
    if p.minutes:
        for side, after in (("at", 1), ("past", 0), ("outside", None)):
            log = town(1)
            start, end = span()
            minutes = None if after is None else (end + timedelta(days=after)).isoformat()
            month(log, start, end, minutes=minutes)
            mid = start.isoformat()
            if after is None:
                what = "minutes: none"
            else:
                what = _label("minutes", side, "minutes dated " + _offset(-after, "the month's end"), "")
            yield _spec(log, "minutes", side, what, period.end, mid, after != 1)


# ---- attendance_discipline --------------------------------------------------------
@builder("attendance_discipline")
def _attendance_discipline(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    day = s.start + timedelta(days=c.integer(30, 300))
    kind = c.choice(list(p.meeting_kinds))
    other = _other_kind(p.meeting_kinds)
    cases: list[tuple[Side, str]] = [
        ("inside", "attended"),
        ("inside", "excused"),
        ("inside", "other kind"),
        ("inside", "head count only"),
        ("inside", "seat lost before"),
        ("outside", "absent"),
    ]
    for side, how in cases:
        log = _Log(s)
        reps = log.town(_reps(3 + c.integer(0, 2)))
        rest = reps[1:]
        if how == "seat lost before":
            log.add("rep.disqualified", day - timedelta(days=c.integer(1, 20)), rep=reps[0],
                    reason="membership_transferred")  # fmt: skip
        fields: dict[str, Any] = {"attendees": rest}
        if how == "attended":
            fields["attendees"] = reps
        elif how == "excused":
            fields["excused"] = [reps[0]]
        elif how == "head count only":
            fields = {"present": len(rest)}
        log.add("meeting.held", day, meeting="M1", kind=other if how == "other kind" else kind, **fields)
        what = f"meeting_kinds: {reps[0]} {how}"
        yield _spec(log, "meeting_kinds", side, what, day, reps[0], side == "outside")


# ---- resolution_change --------------------------------------------------------------
@builder("resolution_change")
def _resolution_change(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    changed = s.start + timedelta(days=c.integer(30, 300))
    kind = c.choice(list(p.meeting_kinds))
    notify = p.without_consent == "notify"
    k = p.notify_days

    def probe(name: str, side: Side, what: str, *, sat: date | None, of_kind: str = kind,
              notified: date | None = None, expect: bool) -> _Spec:  # fmt: skip
        log = _Log(s)
        reps = log.town(_reps(3))
        if sat is not None:
            log.add("meeting.held", sat, meeting="M1", kind=of_kind, attendees=reps)
        if sat is not None or c.choice([False, True]):  # without a meeting it may still name one
            consent: str | None = "M1"
        else:
            consent = None
        log.add("resolution.changed", changed, resolution="D1", consented_by=consent,
                notified=None if notified is None else notified.isoformat())  # fmt: skip
        as_of = max(changed + timedelta(days=k + 1), sat or changed)
        return _spec(log, name, side, what, as_of, "D1", expect)

    # consent: a meeting of the kinds that sat on or before the day of the change; without it, no notice
    yield probe(
        "meeting_kinds",
        "at",
        "meeting_kinds: consent of a meeting on the day of the change",
        sat=changed,
        expect=False,
    )
    earlier = changed - timedelta(days=c.integer(1, 29))
    yield probe(
        "meeting_kinds", "inside", "meeting_kinds: consent of an earlier meeting", sat=earlier, expect=False
    )
    after = "meeting_kinds: consent of a meeting the day after the change"
    yield probe("meeting_kinds", "past", after, sat=changed + ONE_DAY, expect=True)
    other = _other_kind(p.meeting_kinds)
    what = "meeting_kinds: consent of a meeting of another kind"
    yield probe("meeting_kinds", "outside", what, sat=changed, of_kind=other, expect=True)
    yield probe(
        "meeting_kinds", "outside", "meeting_kinds: no consent, reps never told", sat=None, expect=True
    )
    if notify:
        for side, days in (("at", k), ("past", k + 1)):
            what = _label("notify_days", side, "notified " + _offset(-days, "the change"), "")
            yield probe("notify_days", side, what, sat=None, notified=changed + timedelta(days=days),
                        expect=days > k)  # fmt: skip
    else:
        what = "without_consent: forbidden, notified the same day"
        yield probe("without_consent", "outside", what, sat=None, notified=changed, expect=True)
