"""Kinds about the rep groups themselves: ``group_size``, ``group_activity``, ``activity_day``,
``group_plan``, ``group_report``."""

from __future__ import annotations

import bisect
import functools
import math
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from fractions import Fraction
from typing import TYPE_CHECKING, ClassVar

from ...events import GroupActivity, GroupPlan, GroupReport
from ...periods import ONE_DAY, Interval, Period
from ..base import KindContext, PresenceName, RuleKind, RuleRef, bound_figure
from ..describing import Duty
from ..meetings.describe import kind_zh
from ..meetings.rules import meetings_by_id
from . import details as kind_details
from .describe import (
    OFFICER_ZH,
    activity_day_duties,
    group_activity_duties,
    group_plan_duties,
    group_report_duties,
    group_size_duties,
)
from .params import (
    ActivityDayParams,
    DaysBand,
    GroupActivityParams,
    GroupPlanParams,
    GroupReportParams,
    GroupSizeParams,
)

if TYPE_CHECKING:
    from ...findings import Finding
    from ..probing import Choices, ProbeSpec, Setting


class GroupSize(RuleKind[GroupSizeParams]):
    name = "group_size"
    params_model = GroupSizeParams
    details = kind_details.GROUP_SIZE
    consumes = frozenset({"group.formed", "group.changed", "rep.elected", "rep.disqualified"})
    summary = "members per group within bounds; the officers a group must have"
    messages: ClassVar = {
        "size": {
            "zh": "代表小组 {subject} 在{period}末有在任代表 {count} 人，应为 {bound} 人",
            "en": "group {subject} had {count} seated members at the end of {period}; required {bound}",
        },
        "officer": {
            "zh": "代表小组 {subject} 在{period}末没有在任的{role_zh}",
            "en": "group {subject} had no seated {role} at the end of {period}",
        },
        "ungrouped": {
            "zh": "代表 {subject} 在{period}末未编入任何代表小组",
            "en": "rep {subject} belonged to no group at the end of {period}",
        },
    }

    def probes(self, params: GroupSizeParams, setting: Setting, choices: Choices) -> Iterator[ProbeSpec]:
        from .probes import group_size_probes

        return group_size_probes(params, setting, choices)

    def describe(self, params: GroupSizeParams) -> list[Duty]:
        return group_size_duties(params)

    def evaluate(self, rule: RuleRef, params: GroupSizeParams, ctx: KindContext) -> Iterator[Finding]:
        roster = ctx.roster
        # a rule of ungrouped reps only judges no group
        judges_groups = params.min is not None or params.max is not None or bool(params.officers)
        for group in sorted(roster.groups) if judges_groups else ():
            intervals = roster.group_interval(group)
            for period in ctx.periods(params.period, intervals, params.presence):
                at = min(period.end, ctx.as_of)
                # the stretch of the group (formed again in a later term, it has one per term) in this period
                end = next(
                    (
                        iv.end
                        for iv in intervals
                        if iv.start <= period.end and (iv.end is None or iv.end > period.start)
                    ),
                    intervals[0].end,
                )
                if end is not None and at >= end:
                    at = end - ONE_DAY  # the last day the group existed
                state = roster.group_state(group, at)
                if state is None:
                    continue
                members = roster.group_members(group, at)
                evidence = [roster.formed_at(group, at).id, state.event_id]
                lost = [
                    s.disqualified
                    for m in state.members - members
                    for s in roster.seats.get(m, ())
                    if s.disqualified is not None and s.disqualified.date <= at
                ]
                evidence.extend(d.id for d in lost if d is not None)
                n = len(members)
                if (params.min is not None and n < params.min) or (params.max is not None and n > params.max):
                    bound = bound_figure(params.min, params.max)
                    yield ctx.finding(
                        rule,
                        ctx.unmet(rule, period),
                        group,
                        period,
                        evidence,
                        "size",
                        key="size",
                        count=n,
                        bound=bound,
                        min=params.min,
                        max=params.max,
                    )
                for role in params.officers:
                    officer = state.officer(role)
                    if officer is None or officer not in members:
                        yield ctx.finding(
                            rule,
                            ctx.unmet(rule, period),
                            group,
                            period,
                            evidence,
                            "officer",
                            key=("officer", role),
                            role=role,
                            role_zh=OFFICER_ZH[role],
                            officer=officer,
                        )
        if params.every_rep_in_group:
            yield from self._ungrouped(rule, params, ctx)

    def _ungrouped(self, rule: RuleRef, params: GroupSizeParams, ctx: KindContext) -> Iterator[Finding]:
        roster = ctx.roster
        grouped: dict[date, set[str]] = {}

        def grouped_at(at: date) -> set[str]:
            got = grouped.get(at)
            if got is None:
                got = grouped[at] = set()
                for g in roster.groups:
                    # a group ends with its term: its last state no longer groups anyone
                    if not any(iv.contains(at) for iv in roster.group_interval(g)):
                        continue
                    state = roster.group_state(g, at)
                    if state is not None:
                        got |= state.members
            return got

        # the periods each rep owes (most reps share their seats' stretch), and the reps that every
        # day judged finds in a group: those have no finding, and are not judged one by one
        owed: dict[str, list[Period]] = {}
        by_stretch: dict[tuple[Interval, ...], list[Period]] = {}
        for rep in roster.seats:
            stretch = tuple(roster.rep_intervals(rep))
            periods = by_stretch.get(stretch)
            if periods is None:
                periods = by_stretch[stretch] = list(ctx.periods(params.period, stretch, params.presence))
            owed[rep] = periods
        days = {min(p.end, ctx.as_of) for periods in by_stretch.values() for p in periods}
        always = set.intersection(*(grouped_at(at) for at in sorted(days))) if days else set()
        for rep in sorted(roster.seats):
            if rep in always:
                continue
            for period in owed[rep]:
                at = min(period.end, ctx.as_of)
                seat = roster.seat_at(rep, at)
                if seat is None:
                    continue
                if rep not in grouped_at(at):
                    yield ctx.finding(
                        rule,
                        ctx.unmet(rule, period),
                        rep,
                        period,
                        [seat.elected],
                        "ungrouped",
                        key="ungrouped",
                    )


# ---- helpers shared by the group kinds ------------------------------------


def on_day(year: int, mmdd: str) -> date:
    month, day = mmdd.split("-")
    return date(year, int(month), int(day))


@functools.lru_cache(maxsize=1024, typed=True)
def exact_days(days: float) -> Fraction:
    """A day count as an exact fraction (0.5 is one half, not a binary approximation).

    Memoised: a log repeats a handful of day counts thousands of times, and a Fraction
    is immutable.
    """
    return Fraction(str(days))


def _total_days(acts: Iterable[GroupActivity]) -> Fraction:
    """The exact sum of the activities' days (whole numbers of a common fraction of a day, added
    as ints: a Fraction sum normalises at every step)."""
    days = [exact_days(a.days) for a in acts]
    unit = math.lcm(*{d.denominator for d in days}) if days else 1
    return Fraction(sum(d.numerator * (unit // d.denominator) for d in days), unit)


def days_figure(value: Fraction | float | None) -> str:
    """A day count as people write it: 2, 2.5."""
    if value is None:
        return ""
    frac = value if isinstance(value, Fraction) else exact_days(value)
    return str(frac.numerator) if frac.denominator == 1 else str(float(frac))


def alive(ctx: KindContext, group: str, d: date) -> bool:
    """Whether ``group`` exists on ``d`` (from its formation to the end of its term)."""
    return any(iv.contains(d) for iv in ctx.roster.group_interval(group))


def activities_of(ctx: KindContext, group: str) -> list[GroupActivity]:
    """The group's activities while it exists, in (date, id) order (shared by the rules of a run:
    do not change the list)."""
    return ctx.shared("groups.activities", lambda: _activities_by_group(ctx)).get(group, _NO_ACTIVITIES)


_NO_ACTIVITIES: list[GroupActivity] = []


def _activity_order(a: GroupActivity) -> tuple[date, str]:
    return (a.date, a.id)


def _activities_by_group(ctx: KindContext) -> dict[str, list[GroupActivity]]:
    """Each group's activities while it exists, in (date, id) order: built once per run."""
    out: dict[str, list[GroupActivity]] = {}
    for group, acts in ctx.by(GroupActivity, "group").items():
        spans = ctx.roster.group_interval(group)
        if len(spans) == 1:  # formed once (the usual case): one test an activity
            contains = spans[0].contains
            kept = [a for a in acts if contains(a.date)]
        else:
            kept = [a for a in acts if any(iv.contains(a.date) for iv in spans)]
        kept.sort(key=_activity_order)
        out[group] = kept
    return out


def is_whole_group(ctx: KindContext, a: GroupActivity) -> bool:
    """全组集中活动: flagged ``whole_group``, or every member seated that day attended."""
    if a.whole_group:
        return True
    members = ctx.roster.group_members(a.group, a.date)
    return bool(members) and members <= set(a.attendees)


# ---- group_activity -------------------------------------------------------


class GroupActivityKind(RuleKind[GroupActivityParams]):
    name = "group_activity"
    params_model = GroupActivityParams
    details = kind_details.GROUP_ACTIVITY
    consumes = frozenset(
        {"group.activity", "group.formed", "group.changed", "rep.elected", "rep.disqualified"}
    )
    summary = "group activities per period (whole-group if required) and days of activity per year"
    messages: ClassVar = {
        "few": {
            "zh": "代表小组 {subject} 在{period}组织{what_zh} {count} 次，应不少于 {min} 次",
            "en": "group {subject} held {count} {what_en} in {period}; at least {min} required",
        },
        "days": {
            "zh": "代表小组 {subject} 在{period}组织代表活动累计 {days} 天，以 {bound} 天为宜",
            "en": "group {subject} held {days} days of activity in {period}; {bound} days are expected",
        },
    }

    def probes(self, params: GroupActivityParams, setting: Setting, choices: Choices) -> Iterator[ProbeSpec]:
        from .probes import group_activity_probes

        return group_activity_probes(params, setting, choices)

    def describe(self, params: GroupActivityParams) -> list[Duty]:
        return group_activity_duties(params)

    def evaluate(self, rule: RuleRef, params: GroupActivityParams, ctx: KindContext) -> Iterator[Finding]:
        roster = ctx.roster
        for group in sorted(roster.groups):
            intervals = roster.group_interval(group)
            acts = activities_of(ctx, group)
            if params.min is not None:
                for period in ctx.periods(params.period, intervals, params.presence):
                    formed = roster.formed_at(group, period.end)
                    held = ctx.within(acts, period)
                    counted = [a for a in held if not params.whole_group or is_whole_group(ctx, a)]
                    if len(counted) >= params.min:
                        continue
                    yield ctx.finding(
                        rule,
                        ctx.unmet(rule, period),
                        group,
                        period,
                        [formed, *held],
                        "few",
                        key="count",
                        count=len(counted),
                        min=params.min,
                        whole_group=params.whole_group,
                        what_zh="全组集中活动" if params.whole_group else "活动",
                        what_en="whole-group activities" if params.whole_group else "activities",
                        activities=[a.id for a in counted],
                        partial=[a.id for a in held if a not in counted],
                    )
            if params.days is not None:
                yield from self._days(rule, params.days, params.presence, ctx, group, acts)

    def _days(
        self,
        rule: RuleRef,
        band: DaysBand,
        presence: PresenceName | None,
        ctx: KindContext,
        group: str,
        acts: list[GroupActivity],
    ) -> Iterator[Finding]:
        lo = None if band.min is None else exact_days(band.min)
        hi = None if band.max is None else exact_days(band.max)
        if lo is not None and hi is not None:
            bound = days_figure(lo) if lo == hi else f"{days_figure(lo)}–{days_figure(hi)}"
        else:
            bound = f"≥{days_figure(lo)}" if lo is not None else f"≤{days_figure(hi)}"
        for period in ctx.periods(band.period, ctx.roster.group_interval(group), presence):
            formed = ctx.roster.formed_at(group, period.end)
            held = ctx.within(acts, period)
            total = _total_days(held)
            if hi is not None and total > hi:
                status = ctx.broken(rule)  # past the ceiling: no later activity undoes it
            elif lo is not None and total < lo:
                status = ctx.unmet(rule, period)
            else:
                continue
            yield ctx.finding(
                rule,
                status,
                group,
                period,
                [formed, *held],
                "days",
                key="days",
                days=days_figure(total),
                bound=bound,
                min_days=band.min,
                max_days=band.max,
                activities=[a.id for a in held],
            )


# ---- activity_day -----------------------------------------------------------


class ActivityDay(RuleKind[ActivityDayParams]):
    name = "activity_day"
    params_model = ActivityDayParams
    details = kind_details.ACTIVITY_DAY
    consumes = frozenset({"group.activity", "meeting.held", "group.formed", "group.changed"})
    summary = "a yearly group activity around a fixed day (七一) or shortly before a meeting"
    messages: ClassVar = {
        "missing": {
            "zh": "代表小组 {subject} 在{period}于{window_zh}开展活动 {count} 次，应不少于 {min} 次",
            "en": "group {subject} held {count} activities {window_en} in {period}; at least {min} required",
        },
    }

    def probes(self, params: ActivityDayParams, setting: Setting, choices: Choices) -> Iterator[ProbeSpec]:
        from .probes import activity_day_probes

        return activity_day_probes(params, setting, choices)

    def describe(self, params: ActivityDayParams) -> list[Duty]:
        return activity_day_duties(params)

    def evaluate(self, rule: RuleRef, params: ActivityDayParams, ctx: KindContext) -> Iterator[Finding]:
        roster = ctx.roster
        kinds = set(params.meeting_kinds)
        meeting_days = sorted({s[0].date for s in meetings_by_id(ctx).values() if s[0].kind in kinds})
        zh: list[str] = []
        en: list[str] = []
        month, day = (int(p) for p in params.anchor.split("-"))
        if params.around is not None:
            zh.append(f"{month}月{day}日前后 {params.around} 天内")
            en.append(f"within {params.around} days of {params.anchor}")
        if params.before_meeting is not None:
            names = "、".join(kind_zh(k) for k in params.meeting_kinds)
            zh.append(f"{names}召开前 {params.before_meeting} 天内")
            en.append(
                f"within {params.before_meeting} days before a meeting ({', '.join(params.meeting_kinds)})"
            )
        window_zh, window_en = "或".join(zh), " or ".join(en)

        qualified: dict[date, bool] = {}  # many activities share a day

        def qualifies(d: date) -> bool:
            got = qualified.get(d)
            if got is None:
                got = qualified[d] = in_window(d)
            return got

        def in_window(d: date) -> bool:
            if params.around is not None and abs((d - on_day(d.year, params.anchor)).days) <= params.around:
                return True
            if params.before_meeting is not None:
                i = bisect.bisect_right(meeting_days, d)
                if i < len(meeting_days) and (meeting_days[i] - d).days <= params.before_meeting:
                    return True
            return False

        for group in sorted(roster.groups):
            acts = [a for a in activities_of(ctx, group) if not params.whole_group or is_whole_group(ctx, a)]
            for period in ctx.periods("year", roster.group_interval(group), params.presence):
                held = ctx.within(acts, period)
                counted = [a for a in held if qualifies(a.date)]
                if len(counted) >= params.min:
                    continue
                status = ctx.unmet(rule, period)
                if params.before_meeting is not None and any(
                    (a.date + timedelta(days=params.before_meeting)) > ctx.as_of for a in held
                ):
                    status = "pending"  # a meeting held after as_of may still make it count
                yield ctx.finding(
                    rule,
                    status,
                    group,
                    period,
                    [roster.formed_at(group, period.end), *held],
                    "missing",
                    count=len(counted),
                    min=params.min,
                    window_zh=window_zh,
                    window_en=window_en,
                    activities=[a.id for a in counted],
                    outside=[a.id for a in held if a not in counted],
                )


# ---- group_plan -------------------------------------------------------------


class GroupPlanKind(RuleKind[GroupPlanParams]):
    name = "group_plan"
    params_model = GroupPlanParams
    details = kind_details.GROUP_PLAN
    consumes = frozenset({"group.plan", "group.activity", "group.formed"})
    summary = (
        "a yearly plan settled at the start of the year; each activity announced and its attendance kept"
    )
    messages: ClassVar = {
        "no_plan": {
            "zh": "代表小组 {subject} 未见{year}年活动计划，应于 {deadline} 前确定",
            "en": "group {subject} has no activity plan for {year}; it was due by {deadline}",
        },
        "late_plan": {
            "zh": "代表小组 {subject} 的{year}年活动计划于 {planned} 确定，应于 {deadline} 前确定",
            "en": "group {subject} settled its {year} activity plan on {planned}; it was due by {deadline}",
        },
        "unannounced": {
            "zh": "代表小组 {subject} 的活动 {activity}（{date}）未记录事前告知代表的日期，"
            "应在活动 {days} 天前告知",
            "en": "activity {activity} of group {subject} ({date}) records no notice to the reps; "
            "they were to be told {days} days before",
        },
        "late_announce": {
            "zh": "代表小组 {subject} 的活动 {activity}（{date}）于 {announced} 告知代表，"
            "应在 {deadline} 前告知",
            "en": "activity {activity} of group {subject} ({date}) was announced on {announced}; "
            "notice was due by {deadline}",
        },
        "no_theme": {
            "zh": "代表小组 {subject} 的活动 {activity}（{date}）未记录活动主题",
            "en": "activity {activity} of group {subject} ({date}) records no theme",
        },
        "no_attendance": {
            "zh": "代表小组 {subject} 的活动 {activity}（{date}）没有出勤记录",
            "en": "activity {activity} of group {subject} ({date}) records no attendance",
        },
    }

    def probes(self, params: GroupPlanParams, setting: Setting, choices: Choices) -> Iterator[ProbeSpec]:
        from .probes import group_plan_probes

        return group_plan_probes(params, setting, choices)

    def describe(self, params: GroupPlanParams) -> list[Duty]:
        return group_plan_duties(params)

    def evaluate(self, rule: RuleRef, params: GroupPlanParams, ctx: KindContext) -> Iterator[Finding]:
        roster = ctx.roster
        for group in sorted(roster.groups):
            if params.plan_by is not None:
                yield from self._plans(rule, params, params.plan_by, ctx, group)
            for a in activities_of(ctx, group):
                yield from self._activity(rule, params, ctx, a)

    def _plans(
        self, rule: RuleRef, params: GroupPlanParams, plan_by: str, ctx: KindContext, group: str
    ) -> Iterator[Finding]:
        plans = ctx.by(GroupPlan, "group").get(group, [])
        for period in ctx.periods("year", ctx.roster.group_interval(group), params.presence):
            formed = ctx.roster.formed_at(group, period.end)
            year = period.start.year
            deadline = on_day(year, plan_by)
            if formed.date > period.start:  # formed during the year: the same time from its formation
                deadline = max(deadline, formed.date + (deadline - period.start))
            mine = sorted((p for p in plans if p.year == year), key=lambda p: (p.date, p.id))
            common = {"year": year, "deadline": deadline.isoformat()}
            if any(p.date <= deadline for p in mine):
                continue
            if mine:
                yield ctx.finding(
                    rule, ctx.broken(rule), group, period, [formed, *mine], "late_plan", key="plan",
                    planned=mine[0].date.isoformat(), **common,
                )  # fmt: skip
            else:
                status = "pending" if ctx.as_of < deadline else ctx.broken(rule)
                yield ctx.finding(rule, status, group, period, [formed], "no_plan", key="plan", **common)

    def _activity(
        self, rule: RuleRef, params: GroupPlanParams, ctx: KindContext, a: GroupActivity
    ) -> Iterator[Finding]:
        status = ctx.broken(rule)  # the activity has taken place: nothing later mends its notice
        common = {"activity": a.id, "date": a.date.isoformat()}
        if params.announce_days is not None:
            deadline = a.date - timedelta(days=params.announce_days)
            if a.announced is None:
                yield ctx.finding(
                    rule, status, a.group, None, [a], "unannounced", key=(a.id, "announce"),
                    days=params.announce_days, deadline=deadline.isoformat(), **common,
                )  # fmt: skip
            elif a.announced > deadline:
                yield ctx.finding(
                    rule, status, a.group, None, [a], "late_announce", key=(a.id, "announce"),
                    days=params.announce_days, deadline=deadline.isoformat(),
                    announced=a.announced.isoformat(), **common,
                )  # fmt: skip
        if params.theme and not a.theme:
            yield ctx.finding(rule, status, a.group, None, [a], "no_theme", key=(a.id, "theme"), **common)
        if params.attendance and not a.attendees:
            yield ctx.finding(
                rule, status, a.group, None, [a], "no_attendance", key=(a.id, "attendance"), **common
            )


# ---- group_report -----------------------------------------------------------


class GroupReportKind(RuleKind[GroupReportParams]):
    name = "group_report"
    params_model = GroupReportParams
    details = kind_details.GROUP_REPORT
    consumes = frozenset({"group.report", "meeting.held", "group.formed"})
    summary = "each group's written report a number of days before a meeting"
    messages: ClassVar = {
        "missing": {
            "zh": "代表小组 {subject} 未就{kind_zh} {meeting}（{meeting_date}）作书面汇报，"
            "应在召开 {days} 天前（{deadline} 前）汇报",
            "en": "group {subject} made no written report for meeting {meeting} ({meeting_date}); "
            "it was due {days} days before ({deadline})",
        },
        "late": {
            "zh": "代表小组 {subject} 就{kind_zh} {meeting}（{meeting_date}）于 {reported} 作书面汇报，"
            "应在召开 {days} 天前（{deadline} 前）汇报",
            "en": "group {subject} reported for meeting {meeting} ({meeting_date}) on {reported}; "
            "it was due {days} days before ({deadline})",
        },
    }

    def probes(self, params: GroupReportParams, setting: Setting, choices: Choices) -> Iterator[ProbeSpec]:
        from .probes import group_report_probes

        return group_report_probes(params, setting, choices)

    def describe(self, params: GroupReportParams) -> list[Duty]:
        return group_report_duties(params)

    def evaluate(self, rule: RuleRef, params: GroupReportParams, ctx: KindContext) -> Iterator[Finding]:
        roster = ctx.roster
        kinds = set(params.meeting_kinds)
        reports = ctx.by(GroupReport, "meeting")
        status = ctx.broken(rule)
        for mid, sittings in sorted(meetings_by_id(ctx).items()):
            first = sittings[0]
            if first.kind not in kinds:
                continue
            deadline = first.date - timedelta(days=params.days)
            mine: dict[str, list[GroupReport]] = {}
            for r in reports.get(mid, []):
                mine.setdefault(r.group, []).append(r)
            for group in sorted(roster.groups):
                if not alive(ctx, group, deadline):
                    continue
                made = sorted(mine.get(group, []), key=lambda r: (r.date, r.id))
                if any(r.date <= deadline for r in made):
                    continue
                yield ctx.finding(
                    rule,
                    status,
                    group,
                    None,
                    [roster.formed_at(group, deadline), first, *made],
                    "late" if made else "missing",
                    key=mid,
                    meeting=mid,
                    kind_zh=kind_zh(first.kind),
                    meeting_date=first.date.isoformat(),
                    days=params.days,
                    deadline=deadline.isoformat(),
                    reported=made[0].date.isoformat() if made else None,
                )
