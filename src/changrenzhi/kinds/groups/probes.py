"""Probe builders of ``group_size``, ``group_activity``, ``activity_day``, ``group_plan`` and
``group_report`` (see :mod:`changrenzhi.kinds.probing`).

Counts are probed on each bound and one past it, days of activity on the floor and ceiling of
their band and one step (1, 1/2 or 1/10 of a day) past them; days before a deadline, a meeting
or the activity day on the last day allowed and the day after.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from ...periods import ONE_DAY, Period, calendar_periods
from ..probing import (
    Choices,
    ProbeLog,
    ProbeSpec,
    Setting,
    Side,
    bound_sides,
    bound_spec,
    comply,
    day_in,
    day_step,
    first_period,
    json_number,
    offset_words,
    other_kind,
    probe_spec,
    rep_ids,
    side_label,
)
from .params import (
    ActivityDayParams,
    GroupActivityParams,
    GroupPlanParams,
    GroupReportParams,
    GroupSizeParams,
)

__all__ = [
    "activity_day_probes",
    "group_activity_probes",
    "group_plan_probes",
    "group_report_probes",
    "group_size_probes",
]


def group_size_probes(p: GroupSizeParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    period = first_period(p.period, s)

    def build(n: int, officers: Sequence[str]) -> ProbeLog:
        log = ProbeLog(s)
        extra = c.integer(0, 2)  # members who leave during the period: the count is judged at its end
        members = log.town(rep_ids(n + extra))
        roles = {role: members[i % n] for i, role in enumerate(officers)} if n else {}
        log.group("G1", members, roles)
        if extra:
            day = day_in(c, period, 1)
            leaving = members[n:]
            if c.choice(["removed", "disqualified"]) == "removed":
                log.add("group.changed", day, group="G1", remove=leaving)
            else:
                for r in leaving:
                    log.add("rep.disqualified", day, rep=r, reason="membership_transferred")
        for g in range(c.integer(0, 2)):  # other groups that comply
            k = comply(p.min, p.max)
            more = log.town(rep_ids(k, f"G{g + 2}R"))
            log.group(f"G{g + 2}", more, {role: more[0] for role in p.officers})
        return log

    def expect(n: int, missing: bool) -> bool:
        size = (p.min is not None and n < p.min) or (p.max is not None and n > p.max)
        return size or (bool(p.officers) and (missing or n == 0))

    for name, side, n in bound_sides(p.min, p.max, "min", "max"):
        log = build(n, p.officers)
        yield bound_spec(log, name, side, n, "seated members", period.end, "G1", expect(n, False))
    n = comply(p.min, p.max)
    for role in p.officers:
        log = build(n, p.officers)
        yield probe_spec(
            log, f"officers.{role}", "inside", f"officers.{role}: filled", period.end, "G1", expect(n, False)
        )
        log = build(n, [r for r in p.officers if r != role])
        yield probe_spec(
            log, f"officers.{role}", "outside", f"officers.{role}: vacant", period.end, "G1", expect(n, True)
        )
    if p.every_rep_in_group:
        for side, grouped in (("inside", True), ("outside", False)):
            log = ProbeLog(s)
            members = log.town(rep_ids(n))
            log.group("G1", members, {role: members[0] for role in p.officers})
            lone = log.town(["X001"])[0]
            if grouped:
                log.add("group.changed", day_in(c, period), group="G1", add=[lone])
            yield probe_spec(
                log, "every_rep_in_group", side, f"every_rep_in_group: {'in' if grouped else 'no'} group",
                period.end, lone, not grouped,
            )  # fmt: skip


def _frac(x: float | int) -> Fraction:
    """A day count as written (0.5 is one half exactly)."""
    return Fraction(str(x))


def _split(total: Fraction, k: int, c: Choices) -> list[Fraction]:
    """``total`` days as ``k`` positive parts written in a common decimal unit."""
    unit = day_step(total)
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


@dataclass(frozen=True)
class _Act:
    day: date
    days: Fraction
    whole: bool


def _group_activity_expect(p: GroupActivityParams, acts: Sequence[_Act], as_of: date, s: Setting) -> bool:
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


def _activity_log(s: Setting, c: Choices, acts: Sequence[_Act]) -> ProbeLog:
    log = ProbeLog(s)
    members = log.town(rep_ids(3))
    log.group("G1", members, {"leader": members[0]})
    for a in sorted(acts, key=lambda a: a.day):
        if a.whole and c.choice([False, True]):
            log.add(
                "group.activity",
                a.day,
                group="G1",
                attendees=members[:1],
                whole_group=True,
                days=json_number(a.days),
            )
        elif a.whole:  # every member seated that day attended
            log.add("group.activity", a.day, group="G1", attendees=members, days=json_number(a.days))
        else:
            log.add("group.activity", a.day, group="G1", attendees=members[1:], days=json_number(a.days))
    return log


def group_activity_probes(p: GroupActivityParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
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
        horizon = first_period(p.period, s)
        for name, side, n in bound_sides(p.min, None, "min", ""):
            extra = c.integer(0, 2) if p.whole_group else 0  # activities some members missed: not counted
            each = days_each(n + extra + 1)
            acts = [_Act(day_in(c, horizon), each, True) for _ in range(n)]
            acts += [_Act(day_in(c, horizon), each, False) for _ in range(extra)]
            if band is not None and lo is not None:  # top every closed period of the band up to its floor
                for period in calendar_periods(band.period, s.start, horizon.end):
                    if period.end > horizon.end:
                        continue
                    total = sum((a.days for a in acts if period.contains(a.day)), Fraction(0))
                    if total >= lo:
                        continue
                    if p.whole_group:
                        acts.append(_Act(day_in(c, period), lo - total, False))
                    else:
                        mine = [i for i, a in enumerate(acts) if period.contains(a.day)]
                        if mine:
                            a = acts[mine[-1]]
                            acts[mine[-1]] = _Act(a.day, a.days + lo - total, a.whole)
            log = _activity_log(s, c, acts)
            what = "whole-group activities" if p.whole_group else "activities"
            expect = _group_activity_expect(p, acts, horizon.end, s)
            yield bound_spec(log, name, side, n, what, horizon.end, "G1", expect)
    if band is None:
        return
    horizon = first_period(band.period, s)
    sides: list[tuple[str, Side, Fraction]] = []
    if lo is not None:
        sides.append(("days.min", "at", lo))
        if lo > 0:
            sides.append(("days.min", "past", max(lo - day_step(lo), Fraction(0))))
    if hi is not None:
        sides.append(("days.max", "at", hi))
        sides.append(("days.max", "past", hi + day_step(hi)))
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
        acts = [_Act(day_in(c, slot), part, True) for slot, part in zip(slots, parts, strict=False)]
        if len(parts) > len(slots):  # a partial activity (or the only one) carries the rest
            acts.append(_Act(day_in(c, horizon), parts[-1], not partial))
        log = _activity_log(s, c, acts)
        what = f"{json_number(total)} days of activity"
        expect = _group_activity_expect(p, acts, horizon.end, s)
        yield bound_spec(log, name, side, what, "", horizon.end, "G1", expect)


def _activity_day_expect(
    p: ActivityDayParams, acts: Sequence[_Act], meetings: Sequence[tuple[date, str]], year: Period
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


def activity_day_probes(p: ActivityDayParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    y = s.start.year
    year = Period(date(y, 1, 1), date(y, 12, 31), "year")
    bm = p.before_meeting
    # the last day an activity may fall on without a meeting after the year being able to count it
    late = year.end - timedelta(days=bm) if bm is not None else year.end
    kind = p.meeting_kinds[0]

    def near(d: date) -> bool:
        return p.around is not None and abs((d - _on(d.year, p.anchor)).days) <= p.around

    def probe(
        name: str, side: Side, what: str, acts: list[_Act], meetings: list[tuple[date, str]]
    ) -> ProbeSpec:
        log = _activity_log(s, c, acts)
        for i, (day, k) in enumerate(sorted(meetings)):
            log.add("meeting.held", day, meeting=f"M{i + 1}", kind=k, present=3)
        expect = _activity_day_expect(p, acts, meetings, year)
        return bound_spec(log, name, side, what, "", year.end, "G1", expect)

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
        if fits and bm is not None:
            m = c.choice(fits)
            return [m - timedelta(days=j) for j in range(1, bm + 1)], [(m, kind)]
        return None

    ok = qualifying()
    if ok is not None:
        days, meetings = ok
        for name, side, n in bound_sides(p.min, None, "min", ""):
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
            meetings.append((m - timedelta(days=bm), other_kind(p.meeting_kinds)))
        cases: list[tuple[Side, int]] = [("at", bm), ("past", bm + 1), ("outside", 0)]
        for side, before in cases:
            acts = [_Act(m - timedelta(days=bm), Fraction(1), True) for _ in range(p.min - 1)]
            acts.append(_Act(m - timedelta(days=before), Fraction(1), True))
            what = "an activity " + offset_words(before, "the meeting")
            yield probe("before_meeting", side, what, acts, meetings)


def group_plan_probes(p: GroupPlanParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    y = s.start.year
    year = Period(date(y, 1, 1), date(y, 12, 31), "year")
    deadline = None if p.plan_by is None else _on(y, p.plan_by)

    def town() -> tuple[ProbeLog, list[str]]:
        log = ProbeLog(s)
        members = log.town(rep_ids(3))
        log.group("G1", members, {"leader": members[0]})
        if deadline is not None:  # the plan settled in time (some days before the deadline at most)
            early = max(s.start, deadline - timedelta(days=c.integer(0, 20)))
            log.add("group.plan", early, group="G1", year=y)
        return log, members

    def activity(
        log: ProbeLog, members: list[str], day: date, *, announced: date | None = None, theme: bool = True,
        attendance: bool = True,
    ) -> None:  # fmt: skip
        if p.announce_days is not None and announced is None:
            announced = day - timedelta(days=p.announce_days + c.integer(0, 5))
        log.add(
            "group.activity", day, group="G1", attendees=members if attendance else [],
            theme="学习党的代表大会精神" if theme else None,
            announced=None if announced is None else announced.isoformat(),
        )  # fmt: skip

    plan_by = p.plan_by
    if deadline is not None and plan_by is not None:
        for side, late in (("at", 0), ("past", 1)):
            log = ProbeLog(s)
            members = log.town(rep_ids(3))
            log.group("G1", members, {"leader": members[0]})
            log.add("group.plan", deadline + timedelta(days=late), group="G1", year=y)
            what = "plan settled " + offset_words(-late, plan_by)
            yield bound_spec(log, "plan_by", side, what, "", year.end, "G1", late > 0)
        log = ProbeLog(s)
        log.group("G1", log.town(rep_ids(3)))
        if c.choice([False, True]):  # a plan for another year does not stand for this one
            log.add("group.plan", s.start, group="G1", year=y + 1)
        yield probe_spec(log, "plan_by", "outside", "plan_by: no plan for the year", year.end, "G1", True)
    room = max(0, year.days - 30 - (p.announce_days or 0))
    day = year.start + timedelta(days=(p.announce_days or 0) + c.integer(30, 30 + room))
    day = min(day, year.end)
    if p.announce_days is not None:
        k = p.announce_days
        for side, before in (("at", k), ("past", k - 1)):
            log, members = town()
            activity(log, members, day, announced=day - timedelta(days=before))
            what = "announced " + offset_words(before, "the activity")
            yield bound_spec(log, "announce_days", side, what, "", year.end, "G1", before < k)
        log, members = town()
        log.add("group.activity", day, group="G1", attendees=members, theme="学习")
        yield probe_spec(
            log, "announce_days", "outside", "announce_days: not announced", year.end, "G1", True
        )
    for flag in ("theme", "attendance"):
        if getattr(p, flag):
            for side, kept in (("inside", True), ("outside", False)):
                log, members = town()
                if flag == "theme":
                    activity(log, members, day, theme=kept)
                else:
                    activity(log, members, day, attendance=kept)
                what = f"{flag}: {'recorded' if kept else 'not recorded'}"
                yield probe_spec(log, flag, side, what, year.end, "G1", not kept)


def group_report_probes(p: GroupReportParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    kind = p.meeting_kinds[0]
    held = s.start + timedelta(days=p.days + c.integer(1, 200))
    deadline = held - timedelta(days=p.days)
    cases: list[tuple[Side, int | None]] = [("at", 0), ("past", 1), ("outside", None)]
    for side, late in cases:
        log = ProbeLog(s)
        members = log.town(rep_ids(3))
        log.group("G1", members, {"leader": members[0]})
        others = [f"H{i}" for i in range(c.integer(0, 2))]  # other groups that report in time
        for g in others:
            log.group(g, log.town(rep_ids(2, f"{g}R")))
        if c.choice([False, True]):  # a meeting of another kind: no report owed
            log.add("meeting.held", deadline - ONE_DAY, meeting="X1", kind=other_kind(p.meeting_kinds),
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
            what = side_label("days", side, "reported " + offset_words(p.days - late, "the meeting"), "")
        yield probe_spec(log, "days", side, what, held + ONE_DAY, "G1", late != 0)
