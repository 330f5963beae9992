"""Each built-in kind's duties (to be moved beside the kinds)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..kinds.agenda.rules import BY_ZH, groups_phrase, reps_phrase
from ..kinds.appraisal.rules import SUBJECT_ZH
from ..kinds.base import bound_figure
from ..kinds.contacts.rules import KIND_EN, KIND_ZH, PERSON_KINDS
from ..kinds.elections.rules import BALLOTS_ZH
from ..kinds.groups.rules import OFFICER_ZH
from ..kinds.meetings.rules import MATTER_ZH, METHOD_ZH, PERSON_ZH, kind_zh, share_zh
from ..kinds.proposals.rules import FORM_ZH, MODE_ZH
from ..kinds.reps.rules import ACT_EN, ACT_ZH, TO_EN, TO_ZH
from ..kinds.study.rules import RATING_ZH
from ..text import Text


@dataclass(frozen=True, slots=True)
class Duty:
    """One duty a rule states: its key, label and figure (each in Chinese and English)."""

    key: str
    label: Text
    figure: Text
    #: the duty's place among the duties of its kind (rows sort by kind, rank, key)
    rank: int = 0


# ---- words ----------------------------------------------------------------------
PERIOD_ZH = {"month": "每月", "quarter": "每季度", "half": "每半年", "year": "每年", "term": "每届任期"}
PERIOD_EN = {"month": "month", "quarter": "quarter", "half": "half-year", "year": "year", "term": "term"}
MEETING_EN = {"annual": "annual meeting", "group": "group meeting", "committee": "committee meeting"}
BY_EN = {"committee": "the committee", "group": "a group", "reps": "reps jointly"}
OFFICER_EN = {"leader": "leader", "deputy": "deputy leader", "liaison": "liaison"}
MATTER_EN = {"election": "election", "personnel": "personnel", "other": "other"}
METHOD_EN = {"secret": "secret ballot", "hands": "show of hands"}
BASE_ZH = {"seated": "应到代表", "present": "到会代表", "cast": "投票数"}
BASE_EN = {"seated": "the seated reps", "present": "the reps present", "cast": "the votes cast"}
CONTACT_ORDER = ("member", "citizen", "activist", "village", "household")
CONTACT_UNIT_ZH = {"village": "个", "household": "户"}


def meeting(kind: str) -> Text:
    return kind_zh(kind), MEETING_EN.get(kind, f"{kind} meeting")


def meetings(kinds: Sequence[str] | None) -> Text:
    if not kinds:
        return "会议", "meeting"
    return "、".join(kind_zh(k) for k in kinds), " / ".join(MEETING_EN.get(k, k) for k in kinds)


def count(lo: float | None, hi: float | None, unit_zh: str, unit_en: str = "") -> Text:
    """Inclusive bounds in words: 至少 3 人 / at least 3; 3–5 人 / 3–5; 1 人 / exactly 1."""

    def tail(n: float | None) -> str:
        unit = unit_en[:-1] if n == 1 and unit_en.endswith("s") else unit_en
        return f" {unit}" if unit else ""

    if lo is not None and hi is not None:
        if lo == hi:
            return f"{lo} {unit_zh}", f"exactly {lo}{tail(lo)}"
        return f"{lo}–{hi} {unit_zh}", f"{lo}–{hi}{tail(hi)}"
    if lo is not None:
        return f"至少 {lo} {unit_zh}", f"at least {lo}{tail(lo)}"
    return f"至多 {hi} {unit_zh}", f"at most {hi}{tail(hi)}"


def per_period(period: str, text: Text) -> Text:
    return f"{PERIOD_ZH.get(period, period)}{text[0]}", f"{text[1]} per {PERIOD_EN.get(period, period)}"


def band(params: Any, unit_zh: str, unit_en: str = "") -> Text:
    """A :class:`~changrenzhi.kinds.base.Band`: hard bounds, and a soft target (左右)."""
    zh: list[str] = []
    en: list[str] = []
    if params.min is not None or params.max is not None:
        z, e = count(params.min, params.max, unit_zh, unit_en)
        zh.append(z)
        en.append(e)
    if params.target is not None:
        tol = f"（±{params.tolerance}）" if params.tolerance else ""
        zh.append(f"{params.target} {unit_zh}左右{tol}")
        en.append(f"about {params.target}" + (f" (±{params.tolerance})" if params.tolerance else ""))
    return "；".join(zh), "; ".join(en)


def suffix(text: Text, more: Text) -> Text:
    return text[0] + more[0], text[1] + more[1]


def rep_filter(applies_to: Any) -> Text:
    """``applies_to`` as a suffix: （限 category 为 X 的代表） / (reps of category X only)."""
    if applies_to is None:
        return "", ""
    zh: list[str] = []
    en: list[str] = []
    for name in ("category", "unit"):
        values = getattr(applies_to, name)
        if values:
            zh.append(f"{name} 为 {'/'.join(values)}")
            en.append(f"{name} {'/'.join(values)}")
    return f"（限 {'、'.join(zh)} 的代表）", f" (reps of {', '.join(en)} only)"


def share_words(share: Fraction) -> Text:
    return share_zh(share), str(share)


# ---- per-kind knowledge ---------------------------------------------------------------
def _annual_meeting(p: Any) -> list[Duty]:
    mk = p.meeting_kind
    mz, me = meeting(mk)
    out: list[Duty] = []
    if p.min > 0 or p.max is not None:
        fig = per_period(p.period, count(p.min or None, p.max, "次"))
        out.append(Duty(f"annual_meeting:{mk}:count", (f"{mz}召开次数", f"{me}s held"), fig, 0))
    for rank, (fld, zh, en) in enumerate(
        (("convened_by", "召集", "convenes"), ("chaired_by", "主持", "chairs")), 1
    ):
        who = getattr(p, fld)
        if who is not None:
            role = "convener" if fld == "convened_by" else "chair"
            label = (f"{mz}由谁{zh}", f"who {en} the {me}")
            out.append(Duty(f"annual_meeting:{mk}:{role}", label, (PERSON_ZH.get(who, who), who), rank))
    for rank, (form, zh, en) in enumerate(
        (("presidium", "主席团", "a presidium"), ("preparatory", "预备会议", "a preparatory meeting")), 3
    ):
        allowed = getattr(p, form)
        if allowed is not None:
            fig = ("可设", "allowed") if allowed else ("不设", "not provided for")
            out.append(Duty(f"annual_meeting:{mk}:{form}", (f"{mz}{zh}", f"{me}: {en}"), fig, rank))
    return out


def _quorum(p: Any) -> list[Duty]:
    sz, se = share_words(p.share)
    fig = (
        (f"在任代表的{sz}以上", f"at least {se} of the seated reps")
        if p.inclusive
        else (f"超过在任代表的{sz}", f"more than {se} of the seated reps")
    )
    return [
        Duty(f"quorum:{mk}", (f"{meeting(mk)[0]}到会人数", f"quorum of the {meeting(mk)[1]}"), fig)
        for mk in p.meeting_kinds
    ]


def _agenda_deadline(p: Any) -> list[Duty]:
    mz, me = meetings(p.meeting_kinds)
    if p.what == "notified":
        fig = (
            (f"不晚于{mz}召开当天", f"by the day of the {me}")
            if p.days == 0
            else (f"{mz}召开 {p.days} 天前", f"{p.days} days before the {me}")
        )
        return [
            Duty(
                "agenda_deadline:notified", ("正式议题通知代表", "notice of listed items to the reps"), fig, 9
            )
        ]
    fig = (f"{mz}召开 {p.days} 天前", f"{p.days} days before the {me}")
    return [
        Duty(
            f"agenda_deadline:proposed:{by}",
            (f"议题提出期限（{BY_ZH[by]}）", f"deadline for items proposed by {BY_EN[by]}"),
            fig,
            list(BY_ZH).index(by),
        )
        for by in p.by
    ]


def _add(zh: list[str], en: list[str], phrase: tuple[str, str]) -> None:
    zh.append(phrase[0])
    en.append(phrase[1])


def _agenda_threshold(p: Any) -> list[Duty]:
    out: list[Duty] = []
    if p.model_fields_set & {"allowed", "reps_min", "groups_min"}:
        zh: list[str] = []
        en: list[str] = []
        for who in p.allowed:
            if who == "reps" and p.reps_min is not None:
                _add(zh, en, reps_phrase(p.reps_min))
            elif who == "group" and p.groups_min > 1:
                _add(zh, en, groups_phrase(p.groups_min))
            else:
                zh.append(BY_ZH[who])
                en.append(BY_EN[who])
        out.append(Duty("agenda_threshold:proposers", ("谁可以提出议题", "who may propose an item"),
                        ("、".join(zh), ", ".join(en)), 0))  # fmt: skip
    if p.ad_hoc is not None:
        zh, en = [], []
        if p.ad_hoc.groups_min is not None:
            _add(zh, en, groups_phrase(p.ad_hoc.groups_min))
        if p.ad_hoc.reps_share is not None:
            sz, se = share_words(p.ad_hoc.reps_share)
            zh.append(f"{sz}以上代表联名")
            en.append(f"{se} or more of the seated reps jointly")
        out.append(Duty("agenda_threshold:ad_hoc", ("临时议题的提出门槛", "who may raise an ad hoc item"),
                        ("，或".join(zh), " or ".join(en)), 1))  # fmt: skip
    if p.must_list is not None:
        zh, en = [], []
        if p.must_list.reps_min is not None:
            _add(zh, en, reps_phrase(p.must_list.reps_min))
        if p.must_list.groups_min is not None:
            _add(zh, en, groups_phrase(p.must_list.groups_min))
        fig = ("，或".join(zh) + "提出的", "proposed by " + " or ".join(en))
        out.append(
            Duty("agenda_threshold:must_list", ("必须列为正式议题的", "items that must be listed"), fig, 2)
        )
    return out


def _vote_majority(p: Any) -> list[Duty]:
    sz, se = share_words(p.share)
    bz, be = BASE_ZH[p.base], BASE_EN[p.base]
    fig = (
        (f"超过{bz}的{sz}", f"more than {se} of {be}")
        if p.strict
        else (f"{bz}的{sz}以上", f"at least {se} of {be}")
    )
    if not p.matters:
        return [Duty("vote_majority:any", ("表决通过所需票数", "yes votes a decision needs"), fig)]
    return [
        Duty(
            f"vote_majority:{m}",
            (f"{MATTER_ZH[m]}事项表决通过所需票数", f"yes votes a decision on {MATTER_EN[m]} needs"),
            fig,
            list(MATTER_ZH).index(m) + 1,
        )
        for m in p.matters
    ]


def _ballot_method(p: Any) -> list[Duty]:
    return [
        Duty(
            f"ballot_method:{m}",
            (f"{MATTER_ZH[m]}事项的表决方式", f"how {MATTER_EN[m]} matters are voted on"),
            (METHOD_ZH[p.method], METHOD_EN[p.method]),
            list(MATTER_ZH).index(m),
        )
        for m in p.matters
    ]


def _group_size(p: Any) -> list[Duty]:
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


def _contact_roster(p: Any) -> list[Duty]:
    kinds = list(p.kinds)
    unit = "人" if set(kinds) <= PERSON_KINDS else CONTACT_UNIT_ZH.get(kinds[0], "个")
    fig = band(p.count, unit)
    if len(kinds) > 1:
        fig = suffix(
            fig,
            (
                f"（{'、'.join(KIND_ZH[k] for k in kinds)}合计）",
                f" ({' and '.join(KIND_EN[k] for k in kinds)})",
            ),
        )
    fig = suffix(fig, rep_filter(p.applies_to))
    return [
        Duty(
            f"contact_roster:rep→{k}",
            (f"每名代表联系的{KIND_ZH[k]}", f"{KIND_EN[k]} each rep looks after"),
            fig,
            CONTACT_ORDER.index(k),
        )
        for k in kinds
    ]


def _contact_frequency(p: Any) -> list[Duty]:
    fig = suffix(per_period(p.period, count(p.min, None, "次")), ("（每个对象）", ", each"))
    fig = suffix(fig, rep_filter(p.applies_to))
    if not p.kinds:
        label = ("代表走访所联系的对象", "visits of a rep to those they look after")
        return [Duty("contact_frequency:rep→contact", label, fig, len(CONTACT_ORDER))]
    return [
        Duty(
            f"contact_frequency:rep→{k}",
            (f"代表走访所联系的{KIND_ZH[k]}", f"visits of a rep to the {KIND_EN[k]} they look after"),
            fig,
            CONTACT_ORDER.index(k),
        )
        for k in p.kinds
    ]


def _of(of: str) -> tuple[str, str, str]:
    return ("代表", "reps", "人") if of == "reps" else ("代表小组", "groups", "个")


def _committee_roster(p: Any) -> list[Duty]:
    zh, en, unit = _of(p.of)
    label = (f"每名党委委员联系的{zh}", f"{en} each committee member looks after")
    return [
        Duty(f"committee_roster:committee→{p.of}", label, band(p.count, unit), 0 if p.of == "reps" else 1)
    ]


def _committee_contact_frequency(p: Any) -> list[Duty]:
    zh, en, _ = _of(p.of)
    label = (f"党委委员走访所联系的{zh}", f"visits of a committee member to the {en} they look after")
    if p.per == "each":
        fig = suffix(per_period(p.period, count(p.min, None, "次")), ("（每个对象）", ", each"))
    else:
        fig = suffix(per_period(p.period, count(p.min, None, "次")), ("（合计）", " in all"))
    return [Duty(f"committee_contact_frequency:committee→{p.of}", label, fig, 0 if p.of == "reps" else 1)]


def _study_frequency(p: Any) -> list[Duty]:
    fig = per_period(p.period, count(p.min, p.max, "次"))
    return [Duty("study_frequency:group", ("代表小组集中学习", "study sessions of a group"), fig)]


def _study_days(p: Any) -> list[Duty]:
    n = int(p.min_days) if float(p.min_days).is_integer() else p.min_days
    fig = per_period(p.period, (f"至少 {n} 天", f"at least {n} days"))
    if list(p.sources) == ["study"]:
        fig = suffix(fig, ("（仅集中学习）", " (study only)"))
    elif list(p.sources) == ["training"]:
        fig = suffix(fig, ("（仅培训）", " (training only)"))
    if p.prorate:
        fig = suffix(fig, ("（按在任时间折算）", " (prorated to the time seated)"))
    return [Duty("study_days:rep", ("每名代表学习培训天数", "days of study and training per rep"), fig)]


def _study_absence_penalty(p: Any) -> list[Duty]:
    out: list[Duty] = []
    if p.consecutive is not None:
        barred = ("、".join(RATING_ZH[r] for r in p.barred), " or ".join(p.barred))
        fig = (
            f"连续 {p.consecutive} 次：不能评为{barred[0]}",
            f"{p.consecutive} in a row: not rated {barred[1]}",
        )
        label = ("连续缺席学习的后果", "consequence of consecutive missed study")
        out.append(Duty("study_absence_penalty:consecutive", label, fig, 0))
    if p.unexcused is not None:
        rating = p.unexcused_rating
        fig = (f"{p.unexcused} 次：定为{RATING_ZH[rating]}", f"{p.unexcused}: rated {rating}")
        label = ("无故缺席学习的后果", "consequence of study missed without excuse")
        out.append(Duty("study_absence_penalty:unexcused", label, fig, 1))
    return out


def _training_coverage(p: Any) -> list[Duty]:
    fig = per_period(p.span, count(p.min, None, "次"))
    return [Duty("training_coverage:rep", ("每名代表参加培训", "trainings per rep"), fig)]


# ---- kinds of issue 3 -----------------------------------------------------------------
def _num(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


def _pct(x: Fraction) -> str:
    return f"{_num(round(float(x) * 100, 2))}%"


def _fallback(fallback: str) -> Text:
    return ("当年内", "within the year") if fallback == "year" else ("任期内", "within the term")


def _group_activity(p: Any) -> list[Duty]:
    out: list[Duty] = []
    if p.min is not None:
        fig = per_period(p.period, count(p.min, None, "次"))
        if p.whole_group:
            fig = suffix(fig, ("（全组集中）", " (whole group)"))
        out.append(Duty("group_activity:count", ("代表小组集中活动", "group activities"), fig, 0))
    if p.days is not None:
        d = p.days
        lo = None if d.min is None else _num(d.min)
        hi = None if d.max is None else _num(d.max)
        fig = per_period(d.period, count(lo, hi, "天", "days"))
        out.append(Duty("group_activity:days", ("代表小组活动天数", "days of group activity"), fig, 1))
    return out


def _activity_day(p: Any) -> list[Duty]:
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


def _group_plan(p: Any) -> list[Duty]:
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


def _group_report(p: Any) -> list[Duty]:
    mz, me = meetings(p.meeting_kinds)
    label = (f"代表小组在{mz}前书面汇报", f"a group's written report before the {me}")
    fig = (f"{mz}召开 {p.days} 天前", f"{p.days} days before the {me}")
    return [Duty("group_report:" + "+".join(p.meeting_kinds), label, fig)]


def _committee_reception(p: Any) -> list[Duty]:
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


def _committee_visit_month(p: Any) -> list[Duty]:
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


def _attendance_discipline(p: Any) -> list[Duty]:
    return [
        Duty(
            f"attendance_discipline:{mk}",
            (f"{meeting(mk)[0]}不得无故缺席", f"no absence from the {meeting(mk)[1]} without leave"),
            ("未请假缺席即违规", "absent without leave: a finding"),
        )
        for mk in p.meeting_kinds
    ]


def _resolution_change(p: Any) -> list[Duty]:
    mz, me = meetings(p.meeting_kinds)
    if p.without_consent == "forbidden":
        fig = (f"须经{mz}同意", f"only with the {me}'s consent")
    else:
        fig = (
            f"须经{mz}同意；否则 {p.notify_days} 天内通报代表",
            f"with the {me}'s consent; otherwise the reps told within {p.notify_days} days",
        )
    return [Duty("resolution_change", ("决议的变更", "changing a resolution"), fig)]


FORM_ORDER = ("proposal", "suggestion", "inquiry")
FORM_EN = {"proposal": "a proposal", "suggestion": "a suggestion", "inquiry": "an inquiry"}


def _proposal_sponsors(p: Any) -> list[Duty]:
    return [
        Duty(
            f"proposal_sponsors:{form}",
            (f"{FORM_ZH[form]}的联名人数", f"sponsors of {FORM_EN[form]}"),
            count(n, None, "人", "reps"),
            FORM_ORDER.index(form),
        )
        for form, n in sorted(p.min.items(), key=lambda kv: FORM_ORDER.index(kv[0]))
    ]


def _proposal_response(p: Any) -> list[Duty]:
    by = (f"{p.days} 天内", f"within {p.days} days") if p.days is not None else _fallback(p.fallback)
    if p.use_due:
        by = (f"有截止日期的按截止日期，否则{by[0]}", f"by its due date, else {by[1]}")
    if p.modes:
        by = suffix(by, (f"（{'、'.join(MODE_ZH[m] for m in p.modes)}）", f" ({', '.join(p.modes)})"))
    return [
        Duty(
            f"proposal_response:{form}",
            (f"{FORM_ZH[form]}的答复", f"answering {FORM_EN[form]}"),
            by,
            FORM_ORDER.index(form),
        )
        for form in p.forms
    ]


def _inspection_notice(p: Any) -> list[Duty]:
    if p.min_days is None and p.max_days is None:
        fig: Text = ("须事先通知", "notice required")
    else:
        z, e = count(p.min_days, p.max_days, "天", "days")
        fig = (f"提前 {z}", f"{e} ahead")
    return [Duty("inspection_notice", ("视察前通知被视察单位", "notice to the inspected unit"), fig, 1)]


def _inspection_frequency(p: Any) -> list[Duty]:
    fig = per_period(p.period, count(p.min or None, p.max, "次"))
    return [Duty("inspection_frequency", ("视察次数", "inspections held"), fig, 0)]


def _inspection_report(p: Any) -> list[Duty]:
    fig = (f"视察后 {p.days} 天内", f"within {p.days} days") if p.days is not None else _fallback(p.fallback)
    return [Duty("inspection_report", ("视察后写出报告", "a report after each inspection"), fig, 2)]


def _rep_report(p: Any) -> list[Duty]:
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


def _rep_minimum(p: Any) -> list[Duty]:
    fig = per_period(p.period, count(p.min, None, "次"))
    if p.forms:
        fig = suffix(fig, (f"（{'、'.join(FORM_ZH[f] for f in p.forms)}）", f" ({', '.join(p.forms)})"))
    fig = suffix(fig, rep_filter(p.applies_to))
    label = (
        f"每名代表{'或'.join(ACT_ZH.get(e, e) for e in p.events)}",
        f"{' or '.join(ACT_EN.get(e, e) for e in p.events)} per rep",
    )
    return [Duty("rep_minimum:" + "+".join(p.events), label, fig)]


def _credentials(p: Any) -> list[Duty]:
    fig = suffix(
        (f"当选后 {p.days} 天内颁发", f"issued within {p.days} days of election"), rep_filter(p.applies_to)
    )
    return [Duty("credentials", ("代表证和工作手册", "certificate and handbook"), fig)]


def _term_length(p: Any) -> list[Duty]:
    return [Duty("term_length", ("任期", "term of office"), (f"{p.years} 年", f"{p.years} years"))]


def _seat_validity(p: Any) -> list[Duty]:
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


def _pledge(p: Any) -> list[Duty]:
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


def _share_selector(spec: Any) -> str:
    parts: list[str] = []
    if spec.category:
        parts.append("category=" + "/".join(spec.category))
    if spec.gender:
        parts.append(f"gender={spec.gender}")
    if spec.age_min is not None or spec.age_max is not None:
        parts.append("age " + bound_figure(spec.age_min, spec.age_max))
    return ", ".join(parts) or "all"


def _composition(p: Any) -> list[Duty]:
    out: list[Duty] = []
    for i, spec in enumerate(p.shares):
        name = spec.label or _share_selector(spec)
        zh: list[str] = []
        en: list[str] = []
        for attr, z, e in (("min", "不低于", "at least"), ("max", "不高于", "at most"),
                           ("above", "高于", "above"), ("below", "低于", "below")):  # fmt: skip
            v = getattr(spec, attr)
            if v is not None:
                zh.append(f"{z} {_pct(v)}")
                en.append(f"{e} {_pct(v)}")
        if spec.target is not None:
            zh.append(f"{_pct(spec.target)} 左右（±{_pct(spec.tolerance)}）")
            en.append(f"about {_pct(spec.target)} (±{_pct(spec.tolerance)})")
        label = (f"代表构成：{name}", f"share of reps: {name}")
        out.append(Duty(f"composition:{name}", label, ("，".join(zh), ", ".join(en)), i))
    return out


BALLOTS_EN = {"all": "", "general": " (general elections)", "by_election": " (by-elections)"}


def _election_margin(p: Any) -> list[Duty]:
    out: list[Duty] = []
    which = (f"（{BALLOTS_ZH[p.ballots]}）" if BALLOTS_ZH.get(p.ballots) else "", BALLOTS_EN[p.ballots])
    zh: list[str] = []
    en: list[str] = []
    if p.margin is not None:
        base = ("应选人数", "seats") if p.base == "seats" else ("候选人数", "candidates")
        zh.append(f"候选人多于应选人 {_pct(p.margin)} 以上（以{base[0]}为基数）")
        en.append(f"candidates exceed seats by {_pct(p.margin)} of the {base[1]} or more")
    if p.min_extra is not None:
        zh.append(f"候选人至少多 {p.min_extra} 名")
        en.append(f"at least {p.min_extra} more candidates than seats")
    if zh:
        fig = suffix(("；".join(zh), "; ".join(en)), which)
        if p.exempt:
            fig = suffix(fig, (f"（{'、'.join(p.exempt)} 除外）", f" (except {', '.join(p.exempt)})"))
        out.append(Duty("election_margin:margin", ("差额选举", "contested ballots"), fig, 0))
    if p.steps:
        fig = ("→".join(p.steps), " → ".join(p.steps))
        out.append(
            Duty("election_margin:steps", ("选举的程序步骤", "steps of a ballot"), suffix(fig, which), 1)
        )
    if p.categories:
        fig = ("、".join(p.categories), ", ".join(p.categories))
        if p.independent:
            fig = suffix(fig, ("（每次选举单列一类）", " (one category per ballot)"))
        out.append(Duty("election_margin:categories", ("选举的代表类别", "categories of a ballot"), fig, 2))
    return out


def _publicity(p: Any) -> list[Duty]:
    out: list[Duty] = []
    for i, item in enumerate(p.items):
        if item.when == "before":
            n = 1 if item.days is None else item.days
            fig: Text = (f"选举前至少 {n} 天", f"at least {n} days before the ballot")
        else:
            fig = (f"选举后 {item.days} 天内", f"within {item.days} days after the ballot")
        label = (f"公示：{item.what}", f"made public: {item.what}")
        out.append(Duty(f"publicity:{item.what}", label, fig, i))
    return out


def _rep_listing(p: Any) -> list[Duty]:
    fig = (f"就任后 {p.days} 天内", f"within {p.days} days of taking the seat")
    return [
        Duty(
            f"rep_listing:{place}",
            (f"代表身份与联系方式公示于{place}", f"reps' contacts posted at {place}"),
            fig,
            i,
        )
        for i, place in enumerate(p.places)
    ]


PANEL_FROM = {"group_leaders": ("代表小组组长", "group leaders"),
              "group_officers": ("代表小组组长、副组长", "group leaders and deputies")}  # fmt: skip


def _appraisal(p: Any) -> list[Duty]:
    out: list[Duty] = []
    if p.subjects is not None:
        who = (SUBJECT_ZH[p.subjects], "committee members" if p.subjects == "committee" else "reps")
        fig = (
            (f"每年 {p.window.start} 至 {p.window.end}", f"each year, {p.window.start} to {p.window.end}")
            if p.window is not None
            else ("每年", "every year")
        )
        out.append(
            Duty(f"appraisal:{p.subjects}", (f"民主评议{who[0]}", f"yearly appraisal of {who[1]}"), fig, 0)
        )
    if p.allowed:
        fig = ("、".join(RATING_ZH[r] for r in p.allowed), ", ".join(p.allowed))
        out.append(Duty("appraisal:ratings", ("评议等次", "ratings allowed"), fig, 1))
    if p.rounds:
        out.append(
            Duty("appraisal:rounds", ("每年一轮评议", "a round every year"), ("须举行", "required"), 2)
        )
    if p.secret:
        out.append(Duty("appraisal:secret", ("评议方式", "form of the appraisal"), ("无记名", "secret"), 3))
    if p.min_dimensions is not None:
        fig = count(p.min_dimensions, None, "项", "criteria")
        out.append(Duty("appraisal:dimensions", ("评议指标", "criteria rated"), fig, 4))
    if p.panel_min is not None or p.panel_max is not None:
        fig = count(p.panel_min, p.panel_max, "人", "members")
        out.append(Duty("appraisal:panel", ("评议领导小组人数", "size of the appraisal panel"), fig, 5))
    if p.panel_leader:
        out.append(Duty("appraisal:panel_leader", ("领导小组组长", "panel leader"), ("须有", "required"), 6))
    if p.panel_from is not None:
        label = ("领导小组成员来源", "panel drawn from")
        out.append(Duty("appraisal:panel_from", label, PANEL_FROM[p.panel_from], 7))
    return out


def _named_activity(p: Any) -> list[Duty]:
    fig = per_period(p.period, count(p.min, p.max, "次"))
    if p.per == "group":
        fig = suffix(fig, ("（每个代表小组）", " (each group)"))
    return [
        Duty(f"named_activity:{a.name}", (f"活动：{a.name}", f"activity: {a.name}"), fig, i)
        for i, a in enumerate(p.activities)
    ]


def _meeting_invitation(p: Any) -> list[Duty]:
    fig = count(p.min_invited, None, "人", "reps")
    if p.seated_only:
        fig = suffix(fig, ("（在任代表）", " (seated)"))
    return [
        Duty(
            f"meeting_invitation:{mk}",
            (f"{meeting(mk)[0]}邀请代表列席", f"reps invited to the {meeting(mk)[1]}"),
            fig,
        )
        for mk in p.meeting_kinds
    ]


Describer = Callable[[Any], list[Duty]]

#: kind -> its duties from a rule's parameters; the order here is the order of the rows
DESCRIBERS: dict[str, Describer] = {
    "annual_meeting": _annual_meeting,
    "quorum": _quorum,
    "agenda_deadline": _agenda_deadline,
    "agenda_threshold": _agenda_threshold,
    "vote_majority": _vote_majority,
    "ballot_method": _ballot_method,
    "group_size": _group_size,
    "committee_roster": _committee_roster,
    "committee_contact_frequency": _committee_contact_frequency,
    "contact_roster": _contact_roster,
    "contact_frequency": _contact_frequency,
    "study_frequency": _study_frequency,
    "study_days": _study_days,
    "study_absence_penalty": _study_absence_penalty,
    "training_coverage": _training_coverage,
    "group_activity": _group_activity,
    "activity_day": _activity_day,
    "group_plan": _group_plan,
    "group_report": _group_report,
    "committee_reception": _committee_reception,
    "committee_visit_month": _committee_visit_month,
    "attendance_discipline": _attendance_discipline,
    "resolution_change": _resolution_change,
    "proposal_sponsors": _proposal_sponsors,
    "proposal_response": _proposal_response,
    "inspection_frequency": _inspection_frequency,
    "inspection_notice": _inspection_notice,
    "inspection_report": _inspection_report,
    "rep_report": _rep_report,
    "rep_minimum": _rep_minimum,
    "credentials": _credentials,
    "term_length": _term_length,
    "seat_validity": _seat_validity,
    "pledge": _pledge,
    "composition": _composition,
    "election_margin": _election_margin,
    "publicity": _publicity,
    "rep_listing": _rep_listing,
    "appraisal": _appraisal,
    "named_activity": _named_activity,
    "meeting_invitation": _meeting_invitation,
}
