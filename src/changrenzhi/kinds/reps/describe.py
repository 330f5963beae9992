"""The reps family in words: to whom reps report and what they do (for its findings too), and what
``compare`` says of each of its rules."""

from __future__ import annotations

from ..contacts.describe import rep_filter
from ..describing import Duty, count, per_period, suffix
from ..proposals.describe import FORM_ZH
from .params import (
    CredentialsParams,
    PledgeParams,
    RepMinimumParams,
    RepReportParams,
    SeatValidityParams,
    TermLengthParams,
)

#: the usual values of ``rep.reported.to`` in the texts' words; other values are shown as given
TO_ZH = {
    "unit": "选举单位党员",
    "branch": "所在支部党员",
    "group": "代表小组",
    "annual_meeting": "党代表年会",
}
TO_EN = {
    "unit": "the electoral unit",
    "branch": "the branch",
    "group": "the group",
    "annual_meeting": "the annual meeting",
}
#: what a rep does, by the event type that records it
ACT_ZH = {
    "rep.suggested": "提出建设性意见建议",
    "rep.reported": "述职",
    "proposal.filed": "提出（联名）提案建议",
    "contact.visit": "走访联系对象",
    "inspection.held": "参加视察",
    "training.held": "参加培训",
    "study.session": "参加集中学习",
    "group.activity": "参加小组活动",
    "activity.held": "参加代表活动",
    "pledge.made": "作出承诺",
}
ACT_EN = {
    "rep.suggested": "constructive suggestions",
    "rep.reported": "reports to members",
    "proposal.filed": "filings sponsored",
    "contact.visit": "contact visits",
    "inspection.held": "inspections",
    "training.held": "trainings",
    "study.session": "study sessions attended",
    "group.activity": "group activities attended",
    "activity.held": "activities",
    "pledge.made": "pledges",
}


# ---- what compare says of each kind ---------------------------------------------
def rep_report_duties(p: RepReportParams) -> list[Duty]:
    fig = per_period(p.period, count(p.min, None, "次"))
    if p.months:
        fig = suffix(
            fig,
            (f"（{'、'.join(f'{m}月' for m in p.months)}）", f" (in month {', '.join(map(str, p.months))})"),
        )
    fig = suffix(fig, rep_filter(p.applies_to))
    if not p.to:
        return [Duty("rep_report:any", ("代表述职", "reps report on their work"), fig, len(TO_ZH))]
    order = list(TO_ZH)
    return [
        Duty(
            f"rep_report:{to}",
            (f"代表向{TO_ZH.get(to, to)}述职", f"reps report to {TO_EN.get(to, to)}"),
            fig,
            order.index(to) if to in order else len(order),
        )
        for to in p.to
    ]


def rep_minimum_duties(p: RepMinimumParams) -> list[Duty]:
    fig = per_period(p.period, count(p.min, None, "次"))
    if p.forms:
        fig = suffix(fig, (f"（{'、'.join(FORM_ZH[f] for f in p.forms)}）", f" ({', '.join(p.forms)})"))
    fig = suffix(fig, rep_filter(p.applies_to))
    label = (
        f"每名代表{'或'.join(ACT_ZH.get(e, e) for e in p.events)}",
        f"{' or '.join(ACT_EN.get(e, e) for e in p.events)} per rep",
    )
    return [Duty("rep_minimum:" + "+".join(p.events), label, fig)]


def credentials_duties(p: CredentialsParams) -> list[Duty]:
    fig = suffix(
        (f"当选后 {p.days} 天内颁发", f"issued within {p.days} days of election"), rep_filter(p.applies_to)
    )
    return [Duty("credentials", ("代表证和工作手册", "certificate and handbook"), fig)]


def term_length_duties(p: TermLengthParams) -> list[Duty]:
    return [Duty("term_length", ("任期", "term of office"), (f"{p.years} 年", f"{p.years} years"))]


def seat_validity_duties(p: SeatValidityParams) -> list[Duty]:
    out = [
        Duty(
            "seat_validity:transferred",
            ("组织关系调离者终止代表资格", "membership moved away: seat lost"),
            (f"{p.days} 天内终止", f"within {p.days} days"),
            0,
        )
    ]
    if p.acting:
        label = ("失去代表资格者不得以代表身份活动", "no acting as a rep without a seat")
        out.append(Duty("seat_validity:acting", label, ("不得", "not allowed"), 1))
    return out


def pledge_duties(p: PledgeParams) -> list[Duty]:
    out = [
        Duty(
            "pledge:done",
            ("承诺事项按期完成", "pledges carried out"),
            ("截止日期前完成", "by the due date"),
            0,
        )
    ]
    if p.require_published:
        out.append(
            Duty("pledge:published", ("承诺公布于众", "pledges made public"), ("须公布", "required"), 1)
        )
    return out


#: what a rep was in an event they acted in (seat_validity's messages)
ROLE_ZH = {
    "attendees": "出席",
    "invited": "列席",
    "participants": "参加",
    "sponsors": "联名",
    "visitors": "来访",
    "rep": "开展活动",
}
ROLE_EN = {
    "attendees": "an attendee",
    "invited": "an invitee",
    "participants": "a participant",
    "sponsors": "a sponsor",
    "visitors": "a visitor",
    "rep": "the rep",
}
