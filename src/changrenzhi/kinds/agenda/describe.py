"""The agenda family in words: who may propose an item (for its findings too), and what ``compare``
says of each of its rules."""

from __future__ import annotations

from ...text import Text
from ..describing import Duty
from ..meetings.describe import meetings, share_words
from .params import AgendaDeadlineParams, AgendaThresholdParams

BY_ZH = {"committee": "党委", "group": "代表小组", "reps": "代表联名"}
BY_EN = {"committee": "the committee", "group": "a group", "reps": "reps jointly"}


def groups_phrase(n: int) -> Text:
    """ "n or more groups" (以上: n counts), in Chinese and English."""
    return f"{n} 个以上代表小组", f"{n} or more groups"


def reps_phrase(n: int) -> Text:
    """ "n or more reps jointly" (以上: n counts), in Chinese and English."""
    return f"{n} 名以上代表联名", f"{n} or more reps jointly"


# ---- what compare says of each kind ---------------------------------------------
def agenda_deadline_duties(p: AgendaDeadlineParams) -> list[Duty]:
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


def _add(zh: list[str], en: list[str], phrase: Text) -> None:
    zh.append(phrase[0])
    en.append(phrase[1])


def agenda_threshold_duties(p: AgendaThresholdParams) -> list[Duty]:
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
