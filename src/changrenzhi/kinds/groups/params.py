"""The parameter models of the groups kinds: what a pack writes under ``params:``.

Kept apart from the kinds (:mod:`.rules`) so that what the kinds call, such as the family's
probe builders, can be typed with these models without importing the kinds back.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, field_validator, model_validator

from ..base import MAX_COUNT, MAX_DAY_AMOUNT, MAX_DAYS, CalendarPeriodName, KindParams, PresenceName

Officer = Literal["leader", "deputy", "liaison"]


class GroupSizeParams(KindParams):
    """Members per group within ``[min, max]`` (inclusive); each role in ``officers`` filled by a member.

    The roster is judged as it stands at the end of every ``period`` (and on
    ``as_of`` for the period still open), counting only members who hold a seat.
    """

    min: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    max: int | None = Field(default=None, ge=1, le=MAX_COUNT)
    officers: list[Officer] = []
    every_rep_in_group: bool = False
    period: CalendarPeriodName = "quarter"
    presence: PresenceName | None = None
    ordered = (("min", "max"),)

    @model_validator(mode="after")
    def _consistent(self) -> GroupSizeParams:
        if self.min is None and self.max is None and not self.officers and not self.every_rep_in_group:
            raise ValueError("the rule checks nothing: give min, max, officers or every_rep_in_group")
        if len(set(self.officers)) != len(self.officers):
            raise ValueError("an officer role is listed twice")
        return self


def month_day(value: str) -> str:
    """Check a ``MM-DD`` day of the year (not 29 February, which most years lack)."""
    try:
        month, day = (int(part) for part in value.split("-"))
        date(2001, month, day)
    except ValueError:
        raise ValueError(f"expected a day of the year as MM-DD (such as 01-31), got {value!r}") from None
    return f"{month:02d}-{day:02d}"


class DaysBand(KindParams):
    """Days of activity per ``period`` in total, within ``[min, max]`` (inclusive)."""

    min: float | None = Field(default=None, ge=0, le=MAX_DAY_AMOUNT)
    max: float | None = Field(default=None, ge=0, le=MAX_DAY_AMOUNT)
    period: CalendarPeriodName = "year"
    ordered = (("min", "max"),)

    @model_validator(mode="after")
    def _consistent(self) -> DaysBand:
        if self.min is None and self.max is None:
            raise ValueError("give min, max or both")
        return self


class GroupActivityParams(KindParams):
    """Each group holds at least ``min`` activities per ``period`` (``whole_group``: only whole-group
    activities count), and ``days`` of activity per year in total within a band.

    An activity is whole-group (全组集中) when it says ``whole_group: true`` or when every
    member of the group seated that day is among its ``attendees``. ``days`` sums the
    ``days`` of all the group's activities, whole-group or not (累计). Activities count
    only while the group exists (from its formation to the end of its term).
    """

    period: CalendarPeriodName = "half"
    min: int | None = Field(default=1, ge=1, le=MAX_COUNT)
    whole_group: bool = True
    days: DaysBand | None = None
    presence: PresenceName | None = None

    @model_validator(mode="after")
    def _something(self) -> GroupActivityParams:
        if self.min is None and self.days is None:
            raise ValueError("the rule checks nothing: give min, days or both")
        return self


class ActivityDayParams(KindParams):
    """Each group holds at least ``min`` activities a year on the reps' activity day: within
    ``around`` days either side of ``anchor`` (MM-DD, e.g. 07-01 for 七一), or within
    ``before_meeting`` days before a meeting of ``meeting_kinds`` (not on its day).

    Only activities while the group exists count (``whole_group``: only whole-group ones).
    An activity late in a closed year that a meeting held after ``as_of`` could still
    qualify keeps the year ``pending``.
    """

    anchor: str = "07-01"
    around: int | None = Field(default=None, ge=0, le=MAX_DAYS)
    before_meeting: int | None = Field(default=None, ge=1, le=MAX_DAYS)
    meeting_kinds: list[str] = Field(default=["annual"], min_length=1)
    min: int = Field(default=1, ge=1, le=MAX_COUNT)
    whole_group: bool = False
    presence: PresenceName | None = None

    @field_validator("anchor")
    @classmethod
    def _anchor(cls, value: str) -> str:
        return month_day(value)

    @model_validator(mode="after")
    def _some_window(self) -> ActivityDayParams:
        if self.around is None and self.before_meeting is None:
            raise ValueError("give around (days either side of anchor), before_meeting, or both")
        return self


class GroupPlanParams(KindParams):
    """The yearly plan, the notice of each activity, and its attendance record.

    ``plan_by`` (MM-DD; 年初 read as "by the end of January", 01-31): each group owes a
    ``group.plan`` for every year it owes (``presence``), dated on or before that day. A
    group formed during the year has as long from its formation as the others have from
    1 January. ``announce_days``: each activity's ``announced`` date is at least that many
    days before it (1: the day before at the latest; 0: the same day will do); ``theme``:
    each activity records its theme; ``attendance``: each activity lists its attendees.
    """

    plan_by: str | None = "01-31"
    announce_days: int | None = Field(default=None, ge=0, le=MAX_DAYS)
    theme: bool = False
    attendance: bool = False
    presence: PresenceName | None = None

    @field_validator("plan_by")
    @classmethod
    def _plan_by(cls, value: str | None) -> str | None:
        return None if value is None else month_day(value)

    @model_validator(mode="after")
    def _something(self) -> GroupPlanParams:
        if self.plan_by is None and self.announce_days is None and not self.theme and not self.attendance:
            raise ValueError("the rule checks nothing: give plan_by, announce_days, theme or attendance")
        return self


class GroupReportParams(KindParams):
    """Each group reports in writing (``group.report``) at least ``days`` days before every meeting
    of ``meeting_kinds`` (前15天: a report exactly 15 days before is on time).

    A group owes the report when it exists on the deadline day (the meeting's first
    sitting minus ``days``). Judged once the meeting has sat (its date is known then).
    """

    days: int = Field(default=15, ge=0, le=MAX_DAYS)
    meeting_kinds: list[str] = Field(default=["annual"], min_length=1)
