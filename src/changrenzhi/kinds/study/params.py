"""The parameter models of the study kinds: what a pack writes under ``params:``.

Kept apart from the kinds (:mod:`.rules`) so that what the kinds call, such as the family's
probe builders, can be typed with these models without importing the kinds back.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ...events import Rating
from ..base import MAX_COUNT, MAX_DAY_AMOUNT, CalendarPeriodName, KindParams, PeriodName, PresenceName


class StudyFrequencyParams(KindParams):
    """Each group holds at least ``min`` (and at most ``max``) study sessions per ``period``."""

    period: CalendarPeriodName = "quarter"
    min: int = Field(default=1, ge=1, le=MAX_COUNT)
    max: int | None = Field(default=None, ge=1, le=MAX_COUNT)
    presence: PresenceName | None = None

    ordered = (("min", "max"),)

    @model_validator(mode="after")
    def _consistent(self) -> StudyFrequencyParams:
        if self.max is not None and self.max < self.min:
            raise ValueError(f"max ({self.max}) is less than min ({self.min})")
        return self


class StudyDaysParams(KindParams):
    """Each rep spends at least ``min_days`` in study sessions and trainings per ``period``."""

    period: CalendarPeriodName = "year"
    min_days: float = Field(gt=0, le=MAX_DAY_AMOUNT)
    sources: list[Literal["study", "training"]] = Field(default=["study", "training"], min_length=1)
    #: count only attended days (literal); ``prorate`` scales the minimum by the share of the period seated
    prorate: bool = False
    presence: PresenceName | None = None


class StudyAbsencePenaltyParams(KindParams):
    """Missed study carries an appraisal consequence (果园 000:L81).

    "凡连续两次不参加学习的，民主评议党员时不能评为优秀等次；无故不参加学习的，
    民主评议党员时定为不合格等次".

    ``consecutive`` absences in a row (excused or not, unless
    ``consecutive_counts_excused`` is false) bar the ratings in ``barred``;
    ``unexcused`` absences without excuse in one year fix the rating at
    ``unexcused_rating``. A rating given for that year that contradicts either is a
    violation; the consequence itself is an ``info`` finding naming the sessions.

    The defaults encode the *literal* reading of the second sentence: a single
    unexcused absence (``unexcused: 1``) makes the rating ``unqualified``. A pack
    that reads "无故不参加学习" as a habit rather than one occurrence raises
    ``unexcused``.
    """

    consecutive: int | None = Field(default=2, ge=2, le=MAX_COUNT)
    consecutive_counts_excused: bool = True
    barred: list[Rating] = ["excellent"]
    unexcused: int | None = Field(default=1, ge=1, le=MAX_COUNT)
    unexcused_rating: Rating = "unqualified"
    #: the appraisal year a consequence applies to: the year of the (last) absence, or the next
    appraisal_year: Literal["same", "next"] = "same"

    @model_validator(mode="after")
    def _something(self) -> StudyAbsencePenaltyParams:
        if self.consecutive is None and self.unexcused is None:
            raise ValueError("give consecutive, unexcused or both")
        return self


class TrainingCoverageParams(KindParams):
    """Every rep takes part in at least ``min`` trainings within each ``span`` (usually the term)."""

    span: PeriodName = "term"
    min: int = Field(default=1, ge=1, le=MAX_COUNT)
    presence: PresenceName | None = None
