"""Probe builders of ``committee_reception`` and ``committee_visit_month``
(see :mod:`changrenzhi.kinds.probing`).

Receptions and visit months per period, and groups visited in a month, are probed on each bound
and one past it; a schedule posted or issued, and minutes dated, on the last day allowed and the
day after (``scheduled_months``: whole calendar months before the visit month, written out here
as :func:`months_back`, apart from the kind's own reckoning).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from ...periods import ONE_DAY, calendar_period
from ..probing import (
    Choices,
    ProbeLog,
    ProbeSpec,
    Setting,
    bound_sides,
    bound_spec,
    day_in,
    distinct_days,
    first_period,
    offset_words,
    probe_spec,
    rep_ids,
    side_label,
)
from .params import CommitteeReceptionParams, CommitteeVisitMonthParams

__all__ = ["committee_reception_probes", "committee_visit_month_probes", "months_back"]


def months_back(d: date, months: int) -> date:
    """The same day ``months`` calendar months before ``d`` (the month's last day when it has fewer)."""
    index = d.year * 12 + d.month - 1 - months
    year, month0 = divmod(index, 12)
    last = (date(year + (month0 == 11), (month0 + 1) % 12 + 1, 1) - ONE_DAY).day
    return date(year, month0 + 1, min(d.day, last))


def committee_reception_probes(p: CommitteeReceptionParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    period = first_period(p.period, s)

    def town(k: int) -> tuple[ProbeLog, list[str]]:
        log = ProbeLog(s)
        reps = log.town(rep_ids(3))
        log.group("G1", reps, {"leader": reps[0], "deputy": reps[1]})
        members = [f"C{i:02d}" for i in range(1, k + 1)]
        for m in members:
            log.add("committee.appointed", s.start, member=m)
        return log, members

    def receive(log: ProbeLog, member: str, day: date, **over: Any) -> None:
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

    for name, side, n in bound_sides(p.min, p.max, "min", "max"):
        log, members = town(c.integer(1, 3))
        for i, day in enumerate(sorted(day_in(c, period) for _ in range(n))):
            receive(log, members[i % len(members)], day)  # in turn
        expect = (p.min is not None and n < p.min) or (p.max is not None and n > p.max)
        yield bound_spec(log, name, side, n, "receptions", period.end, "committee", expect)
    day = day_in(c, period)
    if p.posted_days is not None:
        k = p.posted_days
        for side, before in (("at", k), ("past", k - 1)):
            log, _ = town(1)
            receive(log, "C01", day, posted=(day - timedelta(days=before)).isoformat())
            what = "schedule posted " + offset_words(before, "the reception")
            yield bound_spec(log, "posted_days", side, what, "", period.end, "C01", before < k)
        log, _ = town(1)
        receive(log, "C01", day, posted=None)
        yield probe_spec(
            log, "posted_days", "outside", "posted_days: no schedule posted", period.end, "C01", True
        )
    if p.recorded:
        for side, kept in (("inside", True), ("outside", False)):
            log, _ = town(1)
            receive(log, "C01", day, recorded=True if kept else c.choice([False, None]))  # None: no record
            yield probe_spec(log, "recorded", side, f"recorded: {kept}", period.end, "C01", not kept)
    if p.visitors_officers:
        for side, who in (("inside", c.choice(["R001", "R002"])), ("outside", "R003")):
            log, _ = town(1)
            receive(log, "C01", day, visitors=[who])
            what = (
                f"visitors_officers: received {'a leader or deputy' if who != 'R003' else 'a plain member'}"
            )
            yield probe_spec(log, "visitors_officers", side, what, period.end, "C01", who == "R003")
    if p.rotation:
        k = c.integer(2, 3)
        for side, order in (("inside", [*range(k), 0]), ("outside", [0, 0])):
            log, members = town(k)
            days = distinct_days(c, period, len(order))  # a same-day tie would leave the turns' order open
            for i, day_i in zip(order, days, strict=True):
                receive(log, members[i], day_i)
            what = "rotation: " + ", ".join(members[i] for i in order)
            yield probe_spec(log, "rotation", side, what, period.end, "C01", side == "outside")


def committee_visit_month_probes(p: CommitteeVisitMonthParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    period = first_period(p.period, s)

    def town(groups: int) -> ProbeLog:
        log = ProbeLog(s)
        log.town([])
        log.add("committee.appointed", s.start, member="C01")
        for g in range(1, groups + 1):
            log.group(f"G{g:02d}", log.town([f"G{g:02d}R"]))
        return log

    def month(log: ProbeLog, start: date, end: date, **over: Any) -> str:
        fields: dict[str, Any] = {"start": start.isoformat(), "end": end.isoformat()}
        if p.scheduled_months is not None:
            due = months_back(start, p.scheduled_months) - timedelta(days=c.integer(0, 10))
            fields["scheduled"] = due.isoformat()
        if p.minutes:
            # after the month, by the end of the period holding its end (later is late)
            room = (calendar_period(p.period, end).end - end).days
            fields["minutes"] = (end + timedelta(days=c.integer(1, max(1, min(10, room))))).isoformat()
        fields.update(over)
        known = c.choice([start, min(end, period.end)])  # the day it became known: before or after it began
        return str(log.add("visit_month.held", known, **fields)["id"])

    def span() -> tuple[date, date]:
        """A visit month inside the period, over before its last day (room for the minutes)."""
        length = c.integer(min(6, period.days - 2), min(30, period.days - 2))
        start = period.start + timedelta(days=c.integer(0, period.days - 2 - length))
        return start, start + timedelta(days=length)

    lo = p.min if p.min > 0 else None
    for name, side, n in bound_sides(lo, p.max, "min", "max"):
        log = town(1)
        for _ in range(n):
            start = day_in(c, period)
            month(log, start, start + timedelta(days=c.integer(0, 30)))
        if c.choice([False, True]):  # known already, but it starts in the next period: it counts there
            start = period.end + timedelta(days=c.integer(1, 20))
            log.add("visit_month.held", day_in(c, period), start=start.isoformat(),
                    end=(start + timedelta(days=20)).isoformat())  # fmt: skip
        expect = n < p.min or (p.max is not None and n > p.max)
        yield bound_spec(log, name, side, n, "visit months", period.end, "committee", expect)
    if p.groups is not None:
        band = p.groups
        for name, side, n in bound_sides(band.min, band.max, "groups.min", "groups.max"):
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
            yield bound_spec(log, name, side, what, "", period.end, "C01", expect)
    if p.scheduled_months is not None:
        k = p.scheduled_months
        for side, late in (("at", 0), ("past", 1), ("outside", None)):
            log = town(1)
            start, end = span()  # some starts fall on a 29th-31st: the month before may be shorter
            due = months_back(start, k)
            scheduled = None if late is None else (due + timedelta(days=late)).isoformat()
            month(log, start, end, scheduled=scheduled)
            mid = start.isoformat()  # findings about a visit month name it by its first day
            if late is None:
                what = "scheduled_months: no schedule"
            else:
                issued = "schedule issued " + offset_words(-late, due.isoformat())
                what = side_label("scheduled_months", side, issued, "")
            yield probe_spec(log, "scheduled_months", side, what, period.end, mid, late != 0)
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
                what = side_label(
                    "minutes", side, "minutes dated " + offset_words(-after, "the month's end"), ""
                )
            yield probe_spec(log, "minutes", side, what, period.end, mid, after != 1)
