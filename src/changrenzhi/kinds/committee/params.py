"""The parameter models of the committee kinds: what a pack writes under ``params:``.

Kept apart from the kinds (:mod:`.rules`) so that what the kinds call, such as the family's
probe builders, can be typed with these models without importing the kinds back.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from ..base import MAX_COUNT, MAX_DAYS, MAX_MONTHS, CalendarPeriodName, KindParams, PresenceName


class CommitteeReceptionParams(KindParams):
    """The committee's reception day for group leaders (联系日).

    ``min``/``max`` receptions per ``period`` (每月一次: month, min 1) over the terms;
    ``rotation``: each reception is one member's turn, and no member takes a second turn
    in a round before every member in office has had one (a round restarts with each
    term; a member appointed mid-round joins it); ``posted_days``: the schedule naming
    the member (``posted``) goes up at least that many days before (提前公布: 1);
    ``recorded``: a record was kept (``recorded: true``; absent counts as no record);
    ``visitors_officers``: everyone received (``visitors``) is a leader or deputy leader
    of a group that day.
    """

    period: CalendarPeriodName = "month"
    min: int | None = Field(default=1, ge=1, le=MAX_COUNT)
    max: int | None = Field(default=None, ge=1, le=MAX_COUNT)
    rotation: bool = True
    posted_days: int | None = Field(default=None, ge=0, le=MAX_DAYS)
    recorded: bool = False
    visitors_officers: bool = False
    presence: PresenceName | None = None
    ordered = (("min", "max"),)

    @model_validator(mode="after")
    def _consistent(self) -> CommitteeReceptionParams:
        checks = (self.min, self.max, self.posted_days)
        if all(c is None for c in checks) and not (self.rotation or self.recorded or self.visitors_officers):
            raise ValueError(
                "the rule checks nothing: give min, max, rotation, posted_days, recorded or visitors_officers"
            )
        return self


class GroupsBand(KindParams):
    """Distinct groups each member visits in a visit month, within ``[min, max]`` (inclusive)."""

    min: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    max: int | None = Field(default=None, ge=1, le=MAX_COUNT)
    ordered = (("min", "max"),)

    @model_validator(mode="after")
    def _consistent(self) -> GroupsBand:
        if self.min is None and self.max is None:
            raise ValueError("give min, max or both")
        return self


class CommitteeVisitMonthParams(KindParams):
    """The committee's visit month (走访工作月).

    ``min``/``max`` visit months (``visit_month.held``, counted by their ``start``) per
    ``period`` over the terms; ``groups``: each committee member in office on the month's
    first day visits that many distinct groups (``committee.visit`` with ``group``) between
    its ``start`` and ``end``; ``scheduled_months``: the schedule (``scheduled``) was issued
    at least that many calendar months before ``start`` (前一个月: 1); ``minutes``: the
    minutes (``minutes``) are dated after ``end`` and by the end of the ``period`` holding the
    month's end: missing minutes stay ``pending`` until then, and minutes dated later are done
    late (a finding that says so), not done. Minutes dated after ``as_of`` are not yet there.
    """

    period: CalendarPeriodName = "half"
    min: int = Field(default=1, ge=0, le=MAX_COUNT)
    max: int | None = Field(default=None, ge=1, le=MAX_COUNT)
    groups: GroupsBand | None = None
    scheduled_months: int | None = Field(default=None, ge=0, le=MAX_MONTHS)
    minutes: bool = False
    presence: PresenceName | None = None
    ordered = (("min", "max"),)

    @model_validator(mode="after")
    def _consistent(self) -> CommitteeVisitMonthParams:
        nothing = self.min == 0 and self.max is None and self.groups is None
        if nothing and self.scheduled_months is None and not self.minutes:
            raise ValueError("the rule checks nothing: give min, max, groups, scheduled_months or minutes")
        return self
