"""The study family in words: the appraisal ratings (for its findings and the appraisal kind's too),
and what ``compare`` says of each of its rules."""

from __future__ import annotations

from ..describing import Duty, count, per_period, suffix, whole
from .params import StudyAbsencePenaltyParams, StudyDaysParams, StudyFrequencyParams, TrainingCoverageParams

RATING_ZH: dict[str, str] = {
    "excellent": "优秀",
    "competent": "称职",
    "qualified": "合格",
    "unqualified": "不合格",
    "incompetent": "不称职",
}


# ---- what compare says of each kind ---------------------------------------------
def study_frequency_duties(p: StudyFrequencyParams) -> list[Duty]:
    fig = per_period(p.period, count(p.min, p.max, "次"))
    return [Duty("study_frequency:group", ("代表小组集中学习", "study sessions of a group"), fig)]


def study_days_duties(p: StudyDaysParams) -> list[Duty]:
    n = whole(p.min_days)
    fig = per_period(p.period, (f"至少 {n} 天", f"at least {n} days"))
    if list(p.sources) == ["study"]:
        fig = suffix(fig, ("（仅集中学习）", " (study only)"))
    elif list(p.sources) == ["training"]:
        fig = suffix(fig, ("（仅培训）", " (training only)"))
    if p.prorate:
        fig = suffix(fig, ("（按在任时间折算）", " (prorated to the time seated)"))
    return [Duty("study_days:rep", ("每名代表学习培训天数", "days of study and training per rep"), fig)]


def study_absence_penalty_duties(p: StudyAbsencePenaltyParams) -> list[Duty]:
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


def training_coverage_duties(p: TrainingCoverageParams) -> list[Duty]:
    fig = per_period(p.span, count(p.min, None, "次"))
    return [Duty("training_coverage:rep", ("每名代表参加培训", "trainings per rep"), fig)]
