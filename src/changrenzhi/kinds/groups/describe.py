"""The groups family in words: the officers of a group (for its findings too), and what ``compare``
says of each of its rules."""

from __future__ import annotations

from ..describing import Duty, count, per_period, suffix, whole
from ..meetings.describe import meetings
from .params import (
    ActivityDayParams,
    GroupActivityParams,
    GroupPlanParams,
    GroupReportParams,
    GroupSizeParams,
)

OFFICER_ZH = {"leader": "组长", "deputy": "副组长", "liaison": "联络员"}
OFFICER_EN = {"leader": "leader", "deputy": "deputy leader", "liaison": "liaison"}


# ---- what compare says of each kind ---------------------------------------------
def group_size_duties(p: GroupSizeParams) -> list[Duty]:
    out: list[Duty] = []
    if p.min is not None or p.max is not None:
        fig = count(p.min, p.max, "人", "members")
        out.append(Duty("group_size:members", ("每个代表小组的人数", "members per group"), fig, 0))
    if p.officers:
        fig = ("、".join(OFFICER_ZH[o] for o in p.officers), ", ".join(OFFICER_EN[o] for o in p.officers))
        out.append(Duty("group_size:officers", ("代表小组负责人", "officers of a group"), fig, 1))
    if p.every_rep_in_group:
        label = ("每名代表编入代表小组", "every rep belongs to a group")
        out.append(Duty("group_size:every_rep", label, ("须编入", "required"), 2))
    return out


def group_activity_duties(p: GroupActivityParams) -> list[Duty]:
    out: list[Duty] = []
    if p.min is not None:
        fig = per_period(p.period, count(p.min, None, "次"))
        if p.whole_group:
            fig = suffix(fig, ("（全组集中）", " (whole group)"))
        out.append(Duty("group_activity:count", ("代表小组集中活动", "group activities"), fig, 0))
    if p.days is not None:
        d = p.days
        lo = None if d.min is None else whole(d.min)
        hi = None if d.max is None else whole(d.max)
        fig = per_period(d.period, count(lo, hi, "天", "days"))
        out.append(Duty("group_activity:days", ("代表小组活动天数", "days of group activity"), fig, 1))
    return out


def activity_day_duties(p: ActivityDayParams) -> list[Duty]:
    zh: list[str] = []
    en: list[str] = []
    if p.around is not None:
        zh.append(f"{p.anchor} 前后 {p.around} 天内")
        en.append(f"within {p.around} days of {p.anchor}")
    if p.before_meeting is not None:
        mz, me = meetings(p.meeting_kinds)
        zh.append(f"{mz}召开前 {p.before_meeting} 天内")
        en.append(f"within {p.before_meeting} days before the {me}")
    if not zh:
        zh.append(p.anchor)
        en.append(f"on {p.anchor}")
    fig = (f"每年至少 {p.min} 次：{'，或'.join(zh)}", f"at least {p.min} a year: {' or '.join(en)}")
    return [Duty("activity_day:group", ("代表活动日", "the reps' activity day"), fig)]


def group_plan_duties(p: GroupPlanParams) -> list[Duty]:
    out: list[Duty] = []
    if p.plan_by is not None:
        fig = (f"每年 {p.plan_by} 前制定", f"settled by {p.plan_by} each year")
        out.append(Duty("group_plan:plan", ("代表小组年度活动计划", "a group's yearly plan"), fig, 0))
    if p.announce_days is not None:
        fig = (f"活动前至少 {p.announce_days} 天", f"at least {p.announce_days} days before")
        out.append(Duty("group_plan:announce", ("活动事先告知代表", "notice of each activity"), fig, 1))
    if p.theme:
        out.append(
            Duty("group_plan:theme", ("活动主题事先告知", "theme announced"), ("须告知", "required"), 2)
        )
    if p.attendance:
        out.append(
            Duty("group_plan:attendance", ("活动出勤统计", "attendance kept"), ("须记录", "required"), 3)
        )
    return out


def group_report_duties(p: GroupReportParams) -> list[Duty]:
    mz, me = meetings(p.meeting_kinds)
    label = (f"代表小组在{mz}前书面汇报", f"a group's written report before the {me}")
    fig = (f"{mz}召开 {p.days} 天前", f"{p.days} days before the {me}")
    return [Duty("group_report:" + "+".join(p.meeting_kinds), label, fig)]
