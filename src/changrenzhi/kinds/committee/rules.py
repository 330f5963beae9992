"""Kinds about the committee's own duties towards the groups: ``committee_reception`` (the monthly
reception day for group leaders) and ``committee_visit_month`` (the half-yearly visit month)."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar

from ...events import CommitteeReception, CommitteeVisit, Event, VisitMonthHeld
from ...periods import Period, calendar_period
from ..base import KindContext, RuleKind, RuleRef, bound_figure
from ..describing import Duty
from . import details as kind_details
from .describe import committee_reception_duties, committee_visit_month_duties
from .params import CommitteeReceptionParams, CommitteeVisitMonthParams

if TYPE_CHECKING:
    from ...findings import Finding, Status
    from ..probing import Choices, ProbeSpec, Setting

COMMITTEE = "committee"


def in_office(ctx: KindContext, member: str, d: date) -> bool:
    """Whether ``member`` sits on the committee on ``d`` (from appointment to the end of that term)."""
    return any(iv.contains(d) for iv in ctx.roster.committee_interval(member))


def members_on(ctx: KindContext, d: date) -> set[str]:
    return {m for m in ctx.roster.committee if in_office(ctx, m, d)}


def months_before(d: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (the month's last day if it is shorter)."""
    index = d.year * 12 + d.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return date(year, month, min(d.day, (nxt - timedelta(days=1)).day))


class _Officers:
    """The leaders and deputy leaders of the groups existing on a date, memoised by date.

    Each group's timeline is split into its dates and states once, so that a date
    costs one plain bisect per group.
    """

    def __init__(self, ctx: KindContext) -> None:
        roster = ctx.roster
        # per group: its existence [start, end), the dates of its states, each state's officers
        self._groups: list[tuple[date, date | None, list[date], list[tuple[str, ...]]]] = []
        for g, timeline in roster.groups.items():
            for iv in roster.group_interval(g):
                self._groups.append((
                    iv.start, iv.end, [since for since, _ in timeline],
                    [tuple(o for o in (st.leader, st.deputy) if o is not None) for _, st in timeline],
                ))  # fmt: skip
        # the answer changes only on these days: memoised by the stretch between two of them
        self._changes = sorted(
            {start for start, _, _, _ in self._groups}
            | {end for _, end, _, _ in self._groups if end is not None}
            | {since for _, _, dates, _ in self._groups for since in dates}
        )
        self._cache: dict[int, set[str]] = {}

    def __call__(self, d: date) -> set[str]:
        stretch = bisect.bisect_right(self._changes, d)
        out = self._cache.get(stretch)
        if out is None:
            out = self._cache[stretch] = set()
            for start, end, dates, officers in self._groups:
                if d < start or (end is not None and d >= end):
                    continue
                i = bisect.bisect_right(dates, d)
                if i:
                    out.update(officers[i - 1])
        return out


# ---- committee_reception ----------------------------------------------------


class CommitteeReceptionKind(RuleKind[CommitteeReceptionParams]):
    name = "committee_reception"
    params_model = CommitteeReceptionParams
    details = kind_details.COMMITTEE_RECEPTION
    consumes = frozenset({"committee.reception", "committee.appointed", "congress.opened", "group.formed"})
    summary = "the committee's reception day: how often, members in rotation, schedule posted, record kept"
    messages: ClassVar = {
        "count": {
            "zh": "{period}党委委员接待日 {count} 次，应为 {bound} 次",
            "en": "{count} committee reception days in {period}; required {bound}",
        },
        "not_member": {
            "zh": "接待日 {reception}（{date}）由 {subject} 接待，其当日不是党委委员",
            "en": "reception {reception} ({date}) was held by {subject}, "
            "who was not a committee member that day",
        },
        "rotation": {
            "zh": "党委委员 {subject} 于 {date} 第二次接待（{reception}），本轮尚未轮到的委员：{waiting_zh}",
            "en": "committee member {subject} received again on {date} ({reception}) before {waiting_en} "
            "had a turn",
        },
        "unposted": {
            "zh": "接待日 {reception}（{date}）未记录公布接待委员名单的日期，应提前 {days} 天公布",
            "en": "reception {reception} ({date}) records no posting of the schedule; "
            "it was due {days} days before",
        },
        "late_post": {
            "zh": "接待日 {reception}（{date}）的接待委员名单于 {posted} 公布，应于 {deadline} 前公布",
            "en": "the schedule for reception {reception} ({date}) was posted on {posted}; "
            "it was due by {deadline}",
        },
        "unrecorded": {
            "zh": "党委委员 {subject} 接待日 {reception}（{date}）没有联系记录",
            "en": "committee member {subject} kept no record of reception {reception} ({date})",
        },
        "visitor": {
            "zh": "接待日 {reception}（{date}）接待的 {visitor} 当日不是代表小组组长或副组长",
            "en": "reception {reception} ({date}) received {visitor}, who was not a group leader or deputy "
            "that day",
        },
    }

    def probes(
        self, params: CommitteeReceptionParams, setting: Setting, choices: Choices
    ) -> Iterator[ProbeSpec]:
        from .probes import committee_reception_probes

        return committee_reception_probes(params, setting, choices)

    def describe(self, params: CommitteeReceptionParams) -> list[Duty]:
        return committee_reception_duties(params)

    def evaluate(
        self, rule: RuleRef, params: CommitteeReceptionParams, ctx: KindContext
    ) -> Iterator[Finding]:
        receptions = sorted(ctx.of(CommitteeReception), key=lambda r: (r.date, r.id))
        yield from self._counts(rule, params, ctx, receptions)
        broken = ctx.broken(rule)
        valid: list[CommitteeReception] = []
        officers_on = _Officers(ctx) if params.visitors_officers else None
        for r in receptions:
            common = {"reception": r.id, "date": r.date.isoformat()}
            if not in_office(ctx, r.member, r.date):
                yield ctx.finding(
                    rule, broken, r.member, None, [r], "not_member", key=(r.id, "member"), **common
                )
            else:
                valid.append(r)
            if params.posted_days is not None:
                deadline = r.date - timedelta(days=params.posted_days)
                if r.posted is None:
                    yield ctx.finding(
                        rule, broken, r.member, None, [r], "unposted", key=(r.id, "posted"),
                        days=params.posted_days, deadline=deadline.isoformat(), **common,
                    )  # fmt: skip
                elif r.posted > deadline:
                    yield ctx.finding(
                        rule, broken, r.member, None, [r], "late_post", key=(r.id, "posted"),
                        days=params.posted_days, deadline=deadline.isoformat(),
                        posted=r.posted.isoformat(), **common,
                    )  # fmt: skip
            if params.recorded and r.recorded is not True:
                yield ctx.finding(
                    rule, broken, r.member, None, [r], "unrecorded", key=(r.id, "record"), **common
                )
            if officers_on is not None:
                officers = officers_on(r.date)
                for v in sorted(set(r.visitors) - officers):
                    yield ctx.finding(
                        rule, broken, r.member, None, [r], "visitor", key=(r.id, "visitor", v),
                        visitor=v, **common,
                    )  # fmt: skip
        if params.rotation:
            yield from self._rotation(rule, ctx, valid)

    def _counts(
        self,
        rule: RuleRef,
        params: CommitteeReceptionParams,
        ctx: KindContext,
        receptions: list[CommitteeReception],
    ) -> Iterator[Finding]:
        if params.min is None and params.max is None:
            return
        intervals = [term.interval for term in ctx.roster.terms]
        for period in ctx.periods(params.period, intervals, params.presence):
            held = ctx.within(receptions, period)
            n = len(held)
            status: Status
            if params.max is not None and n > params.max:
                status = ctx.broken(rule)
            elif params.min is not None and n < params.min:
                status = ctx.unmet(rule, period)
            else:
                continue
            yield ctx.finding(
                rule, status, COMMITTEE, period, held, "count",
                count=n, bound=bound_figure(params.min, params.max), min=params.min, max=params.max,
            )  # fmt: skip

    def _rotation(
        self, rule: RuleRef, ctx: KindContext, receptions: list[CommitteeReception]
    ) -> Iterator[Finding]:
        """Rounds of turns: a member's second turn while others still wait for theirs is a finding,
        and does not count as a new turn; a round closes when every member in office has had one."""
        served: dict[str, CommitteeReception] = {}
        term = None
        for r in receptions:
            t = ctx.roster.term_at(r.date)
            if t != term:
                term, served = t, {}
            if r.member in served:
                waiting = sorted(members_on(ctx, r.date) - served.keys())
                if waiting:
                    yield ctx.finding(
                        rule, ctx.broken(rule), r.member, None, [served[r.member], r], "rotation",
                        key=(r.id, "rotation"),
                        reception=r.id, date=r.date.isoformat(), earlier=served[r.member].id,
                        waiting=waiting, waiting_zh="、".join(waiting), waiting_en=", ".join(waiting),
                    )  # fmt: skip
                    continue
                served = {}
            served[r.member] = r
            if served.keys() >= members_on(ctx, r.date):
                served = {}


# ---- committee_visit_month --------------------------------------------------


class CommitteeVisitMonthKind(RuleKind[CommitteeVisitMonthParams]):
    name = "committee_visit_month"
    params_model = CommitteeVisitMonthParams
    details = kind_details.COMMITTEE_VISIT_MONTH
    consumes = frozenset({"visit_month.held", "committee.visit", "committee.appointed", "congress.opened"})
    summary = (
        "the committee's visit month per half-year: members' group visits, schedule ahead, minutes after"
    )
    messages: ClassVar = {
        "count": {
            "zh": "{period}确定党委委员走访代表小组工作月 {count} 个，应为 {bound} 个",
            "en": "{count} committee visit months in {period}; required {bound}",
        },
        "groups": {
            "zh": "党委委员 {subject} 在走访工作月（{start}至{end}）走访代表小组 {count} 个，应为 {bound} 个",
            "en": "committee member {subject} visited {count} groups in the visit month {start} to {end}; "
            "required {bound}",
        },
        "unscheduled": {
            "zh": "走访工作月（{start}至{end}）未记录印发安排表的日期，应于 {deadline} 前印发",
            "en": "the visit month {start} to {end} records no schedule; it was due by {deadline}",
        },
        "late_schedule": {
            "zh": "走访工作月（{start}至{end}）的安排表于 {scheduled} 印发，应于 {deadline} 前印发",
            "en": "the schedule of the visit month {start} to {end} was issued on {scheduled}; "
            "it was due by {deadline}",
        },
        "no_minutes": {
            "zh": "走访工作月（{start}至{end}）结束后未见会议纪要",
            "en": "no minutes are recorded after the visit month {start} to {end}",
        },
        "early_minutes": {
            "zh": "走访工作月（{start}至{end}）的会议纪要日期 {minutes} 不在工作月结束之后",
            "en": "the minutes of the visit month {start} to {end} are dated {minutes}, "
            "not after the month ended",
        },
        "late_minutes": {
            "zh": "走访工作月（{start}至{end}）的会议纪要于 {done_late_on} 才形成，晚于期限 {due}",
            "en": "the minutes of the visit month {start} to {end} came only on {done_late_on}, "
            "after they were due ({due})",
        },
    }

    def probes(
        self, params: CommitteeVisitMonthParams, setting: Setting, choices: Choices
    ) -> Iterator[ProbeSpec]:
        from .probes import committee_visit_month_probes

        return committee_visit_month_probes(params, setting, choices)

    def describe(self, params: CommitteeVisitMonthParams) -> list[Duty]:
        return committee_visit_month_duties(params)

    def evaluate(
        self, rule: RuleRef, params: CommitteeVisitMonthParams, ctx: KindContext
    ) -> Iterator[Finding]:
        months = sorted(ctx.of(VisitMonthHeld), key=lambda m: (m.start, m.id))
        intervals = [term.interval for term in ctx.roster.terms]
        for period in ctx.periods(params.period, intervals, params.presence):
            held = [m for m in months if period.contains(m.start)]
            n = len(held)
            status: Status
            if params.max is not None and n > params.max:
                status = ctx.broken(rule)
            elif n < params.min:
                status = ctx.unmet(rule, period)
            else:
                continue
            yield ctx.finding(
                rule, status, COMMITTEE, period, held, "count",
                count=n, bound=bound_figure(params.min, params.max), min=params.min, max=params.max,
                months=[m.id for m in held],
            )  # fmt: skip
        visits = ctx.by(CommitteeVisit, "member")
        for m in months:
            yield from self._month(rule, params, ctx, m, visits)

    def _month(
        self,
        rule: RuleRef,
        params: CommitteeVisitMonthParams,
        ctx: KindContext,
        m: VisitMonthHeld,
        visits: dict[str, list[CommitteeVisit]],
    ) -> Iterator[Finding]:
        span = Period(m.start, m.end, "span")
        common = {"start": m.start.isoformat(), "end": m.end.isoformat(), "visit_month": m.id}
        broken = ctx.broken(rule)
        if params.groups is not None:
            band = params.groups
            for member in sorted(members_on(ctx, m.start)):
                mine = [v for v in ctx.within(visits.get(member, []), span) if v.group is not None]
                mine.sort(key=lambda v: (v.date, v.id))
                groups = sorted({v.group for v in mine if v.group is not None})
                n = len(groups)
                status: Status
                if band.max is not None and n > band.max:
                    status = broken
                elif band.min is not None and n < band.min:
                    status = ctx.unmet(rule, span)
                else:
                    continue
                evidence: list[Event | str] = [m, ctx.roster.committee[member], *mine]
                yield ctx.finding(
                    rule, status, member, span, evidence, "groups", key=m.id,
                    count=n, bound=bound_figure(band.min, band.max), min=band.min, max=band.max,
                    groups=groups, **common,
                )  # fmt: skip
        if params.scheduled_months is not None:
            deadline = months_before(m.start, params.scheduled_months)
            if m.scheduled is None:
                status = "pending" if ctx.as_of < m.start else broken
                yield ctx.finding(
                    rule,
                    status,
                    m.start.isoformat(),
                    span,
                    [m],
                    "unscheduled",
                    key=(m.id, "schedule"),
                    deadline=deadline.isoformat(),
                    **common,
                )
            elif m.scheduled > deadline:
                yield ctx.finding(
                    rule, broken, m.start.isoformat(), span, [m], "late_schedule", key=(m.id, "schedule"),
                    deadline=deadline.isoformat(), scheduled=m.scheduled.isoformat(), **common,
                )  # fmt: skip
        if params.minutes:
            due = calendar_period(params.period, m.end)
            if m.minutes is not None and due.end < m.minutes <= ctx.as_of:
                # late is not done: minutes dated after the period that was allowed for them
                yield ctx.finding(
                    rule, broken, m.start.isoformat(), span, [m], "late_minutes", key=(m.id, "minutes"),
                    minutes=m.minutes.isoformat(), done_late_on=m.minutes.isoformat(),
                    due=due.end.isoformat(), **common,
                )  # fmt: skip
            elif m.minutes is None or m.minutes > ctx.as_of:
                status = ctx.unmet(rule, due)
                yield ctx.finding(
                    rule,
                    status,
                    m.start.isoformat(),
                    span,
                    [m],
                    "no_minutes",
                    key=(m.id, "minutes"),
                    **common,
                )
            elif m.minutes <= m.end:
                yield ctx.finding(
                    rule,
                    broken,
                    m.start.isoformat(),
                    span,
                    [m],
                    "early_minutes",
                    key=(m.id, "minutes"),
                    minutes=m.minutes.isoformat(),
                    **common,
                )
