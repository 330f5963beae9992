"""Kinds about study and training: ``study_frequency``, ``study_days``,
``study_absence_penalty``, ``training_coverage``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field, model_validator

from .base import CalendarPeriodName, KindParams, PeriodName, PresenceName, RuleKind

if TYPE_CHECKING:
    from ..engine import Context
    from ..findings import Finding, Status
    from ..pack import Rule

Rating = Literal["excellent", "competent", "qualified", "unqualified", "incompetent"]


class StudyFrequencyParams(KindParams):
    """Each group holds at least ``min`` (and at most ``max``) study sessions per ``period``."""

    period: CalendarPeriodName = "quarter"
    min: int = Field(default=1, ge=1)
    max: int | None = Field(default=None, ge=1)
    presence: PresenceName | None = None

    @model_validator(mode="after")
    def _consistent(self) -> StudyFrequencyParams:
        if self.max is not None and self.max < self.min:
            raise ValueError(f"max ({self.max}) is less than min ({self.min})")
        return self


class StudyFrequency(RuleKind[StudyFrequencyParams]):
    name = "study_frequency"
    params_model = StudyFrequencyParams
    consumes = frozenset({"study.session", "group.formed"})
    summary = "group study sessions per period"
    messages: ClassVar = {
        "few": {
            "zh": "代表小组 {subject} 在{period}组织集中学习 {count} 次，应不少于 {min} 次",
            "en": "group {subject} held {count} study sessions in {period}; at least {min} required",
        },
        "many": {
            "zh": "代表小组 {subject} 在{period}组织集中学习 {count} 次，规定为 {max} 次",
            "en": "group {subject} held {count} study sessions in {period}; at most {max} foreseen",
        },
    }

    def evaluate(self, rule: Rule, params: StudyFrequencyParams, ctx: Context) -> Iterator[Finding]:
        sessions = ctx.by("study.session", "group")
        for group in sorted(ctx.roster.groups):
            mine = sessions.get(group, [])
            for period in ctx.periods(params.period, ctx.roster.group_interval(group), params.presence):
                held = ctx.within(mine, period)
                n = len(held)
                if n < params.min:
                    yield ctx.finding(
                        rule, ctx.unmet(rule, period), group, period, held, "few", count=n, min=params.min
                    )
                elif params.max is not None and n > params.max:
                    # already past the ceiling: no later event can undo it
                    status: Status = "warning" if rule.severity == "warning" else "violation"
                    yield ctx.finding(rule, status, group, period, held, "many", count=n, max=params.max)


class StudyDaysParams(KindParams):
    """Each rep spends at least ``min_days`` in study sessions and trainings per ``period``."""

    period: CalendarPeriodName = "year"
    min_days: float = Field(gt=0)
    sources: list[Literal["study", "training"]] = Field(default=["study", "training"], min_length=1)
    #: count only attended days (literal); ``prorate`` scales the minimum by the share of the period seated
    prorate: bool = False
    presence: PresenceName | None = None


class StudyDays(RuleKind[StudyDaysParams]):
    name = "study_days"
    params_model = StudyDaysParams
    consumes = frozenset({"study.session", "training.held"})
    summary = "days of study and training per rep per period"
    messages: ClassVar = {
        "few": {
            "zh": "代表 {subject} 在{period}参加集中学习培训 {days} 天，应不少于 {min_days} 天",
            "en": "rep {subject} spent {days} days in study and training in {period}; "
            "at least {min_days} required",
        },
    }

    def evaluate(self, rule: Rule, params: StudyDaysParams, ctx: Context) -> Iterator[Finding]:
        raise NotImplementedError


class StudyAbsencePenaltyParams(KindParams):
    """Missed study carries an appraisal consequence (果园 000:L81).

    ``consecutive`` absences in a row (excused or not, unless
    ``consecutive_counts_excused`` is false) bar the ratings in ``barred``;
    ``unexcused`` absences without excuse in one year fix the rating at
    ``unexcused_rating``. A rating given for that year that contradicts either is a
    violation; the consequence itself is an ``info`` finding naming the sessions.
    """

    consecutive: int | None = Field(default=2, ge=2)
    consecutive_counts_excused: bool = True
    barred: list[Rating] = ["excellent"]
    unexcused: int | None = Field(default=1, ge=1)
    unexcused_rating: Rating = "unqualified"
    #: the appraisal year a consequence applies to: the year of the (last) absence, or the next
    appraisal_year: Literal["same", "next"] = "same"

    @model_validator(mode="after")
    def _something(self) -> StudyAbsencePenaltyParams:
        if self.consecutive is None and self.unexcused is None:
            raise ValueError("give consecutive, unexcused or both")
        return self


class StudyAbsencePenalty(RuleKind[StudyAbsencePenaltyParams]):
    name = "study_absence_penalty"
    params_model = StudyAbsencePenaltyParams
    consumes = frozenset({"study.session", "rating.given", "group.formed", "group.changed"})
    summary = "the appraisal consequence of missed study, and ratings that contradict it"
    messages: ClassVar = {}

    def evaluate(self, rule: Rule, params: StudyAbsencePenaltyParams, ctx: Context) -> Iterator[Finding]:
        raise NotImplementedError


class TrainingCoverageParams(KindParams):
    """Every rep takes part in at least ``min`` trainings within each ``span`` (usually the term)."""

    span: PeriodName = "term"
    min: int = Field(default=1, ge=1)
    presence: PresenceName | None = None


class TrainingCoverage(RuleKind[TrainingCoverageParams]):
    name = "training_coverage"
    params_model = TrainingCoverageParams
    consumes = frozenset({"training.held"})
    summary = "every rep trained at least once in a span (e.g. the term)"
    messages: ClassVar = {}

    def evaluate(self, rule: Rule, params: TrainingCoverageParams, ctx: Context) -> Iterator[Finding]:
        raise NotImplementedError
