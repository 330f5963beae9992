"""What ``compare`` says of each rule of the committee family."""

from __future__ import annotations

from ..describing import Duty, count, per_period
from .params import CommitteeReceptionParams, CommitteeVisitMonthParams


def committee_reception_duties(p: CommitteeReceptionParams) -> list[Duty]:
    out: list[Duty] = []
    if p.min is not None or p.max is not None:
        fig = per_period(p.period, count(p.min, p.max, "次"))
        out.append(
            Duty("committee_reception:count", ("党委委员接待日", "the committee's reception day"), fig, 0)
        )
    if p.rotation:
        label = ("接待日由委员轮流", "members take turns at the reception")
        out.append(Duty("committee_reception:rotation", label, ("轮流", "in rotation"), 1))
    if p.posted_days is not None:
        fig = (f"提前 {p.posted_days} 天", f"{p.posted_days} days ahead")
        out.append(Duty("committee_reception:posted", ("接待安排提前公布", "schedule posted ahead"), fig, 2))
    if p.recorded:
        label = ("接待情况记录", "a record of each reception")
        out.append(Duty("committee_reception:recorded", label, ("须记录", "required"), 3))
    if p.visitors_officers:
        fig = ("代表小组组长、副组长", "group leaders and deputies")
        out.append(Duty("committee_reception:visitors", ("接待对象", "who is received"), fig, 4))
    return out


def committee_visit_month_duties(p: CommitteeVisitMonthParams) -> list[Duty]:
    out: list[Duty] = []
    if p.min > 0 or p.max is not None:
        fig = per_period(p.period, count(p.min or None, p.max, "次"))
        label = ("党委委员走访工作月", "the committee's visit month")
        out.append(Duty("committee_visit_month:count", label, fig, 0))
    if p.groups is not None:
        fig = count(p.groups.min, p.groups.max, "个", "groups")
        label = ("工作月中每名委员走访的代表小组", "groups each member visits in the month")
        out.append(Duty("committee_visit_month:groups", label, fig, 1))
    if p.scheduled_months is not None:
        fig = (f"提前 {p.scheduled_months} 个月", f"{p.scheduled_months} months ahead")
        out.append(
            Duty("committee_visit_month:scheduled", ("走访安排提前下发", "schedule issued ahead"), fig, 2)
        )
    if p.minutes:
        label = ("工作月后印发纪要", "minutes circulated afterwards")
        out.append(Duty("committee_visit_month:minutes", label, ("须印发", "required"), 3))
    return out
