"""The parameter models of the inspections kinds: what a pack writes under ``params:``.

Kept apart from the kinds (:mod:`.rules`) so that what the kinds call, such as the family's
probe builders, can be typed with these models without importing the kinds back.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from ..base import MAX_COUNT, MAX_DAYS, CalendarPeriodName, KindParams, PresenceName
from ..proposals.params import DeadlineFallback


class InspectionNoticeParams(KindParams):
    """The inspected unit is notified between ``min_days`` and ``max_days`` days before the
    inspection (both bounds count: 提前5～10天 is met by 5 and by 10 days).

    ``notified`` on the first ``inspection.held`` of an inspection is the day of
    notice; an inspection with no ``notified`` is a finding unless
    ``require_notice`` is false.
    """

    min_days: int | None = Field(default=None, ge=0, le=MAX_DAYS)
    max_days: int | None = Field(default=None, ge=0, le=MAX_DAYS)
    require_notice: bool = True

    ordered = (("min_days", "max_days"),)

    @model_validator(mode="after")
    def _consistent(self) -> InspectionNoticeParams:
        if self.min_days is None and self.max_days is None:
            raise ValueError("give min_days, max_days or both")
        return self


class InspectionFrequencyParams(KindParams):
    """The committee organises ``min`` to ``max`` inspections per ``period`` (一至二次: both count).

    Periods run over the terms of the roster (from the first ``rep.elected`` when
    the log opens no congress); an inspection counts in the period of its first day.
    """

    period: CalendarPeriodName = "year"
    min: int = Field(default=1, ge=0, le=MAX_COUNT)
    max: int | None = Field(default=None, ge=1, le=MAX_COUNT)
    presence: PresenceName | None = None

    ordered = (("min", "max"),)

    @model_validator(mode="after")
    def _consistent(self) -> InspectionFrequencyParams:
        if self.max is not None and self.max < self.min:
            raise ValueError(f"max ({self.max}) is less than min ({self.min})")
        if self.min == 0 and self.max is None:
            raise ValueError("the rule checks nothing: give min of 1 or more, or max")
        return self


class InspectionReportParams(KindParams):
    """Every inspection is followed by an ``inspection.reported`` (写出视察报告, 形成专题报告).

    The report is due ``days`` after the inspection's last day (that day still
    counts), or, when ``days`` is not given, by the end of the calendar year
    (``fallback: year``) or of the term (``fallback: term``) of that day: the texts
    name no deadline. Before the deadline a missing report is ``pending``.
    """

    days: int | None = Field(default=None, ge=0, le=MAX_DAYS)
    fallback: DeadlineFallback = "year"
