"""The appraisal family in words: who is appraised (for its findings too), and what ``compare``
says of its rules."""

from __future__ import annotations

from ...text import Text
from ..describing import Duty, count
from ..study.describe import RATING_ZH
from .params import AppraisalParams

SUBJECT_ZH = {"committee": "党委委员", "reps": "代表"}
SUBJECT_EN = {"committee": "committee member", "reps": "rep"}
PANEL_FROM: dict[str, Text] = {
    "group_leaders": ("代表小组组长", "group leaders"),
    "group_officers": ("代表小组组长、副组长", "group leaders and deputies"),
}


# ---- what compare says of the kind ----------------------------------------------
def appraisal_duties(p: AppraisalParams) -> list[Duty]:
    out: list[Duty] = []
    if p.subjects is not None:
        who = (SUBJECT_ZH[p.subjects], f"{SUBJECT_EN[p.subjects]}s")
        w = p.ratings_window
        nxt = ("次年", "the next year's ") if w is not None and w.next_year else ("", "")
        fig = (
            (f"每年 {nxt[0]}{w.start} 至 {w.end}", f"each year, {nxt[1]}{w.start} to {w.end}")
            if w is not None
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
