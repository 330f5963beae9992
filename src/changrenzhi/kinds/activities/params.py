"""The parameter models of the activities kinds: what a pack writes under ``params:``.

Kept apart from the kinds (:mod:`.rules`) so that what the kinds call, such as the family's
probe builders, can be typed with these models without importing the kinds back.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core.core_schema import CoreSchema

from ..base import MAX_COUNT, CalendarPeriodName, KindParams, PresenceName


class ActivitySpec(KindParams):
    """An activity by its name in the log (``activity``), and other names a producer may use for it."""

    name: str = Field(min_length=1)
    aliases: list[str] = []

    @model_validator(mode="before")
    @classmethod
    def _plain_name(cls, v: Any) -> Any:
        return {"name": v} if isinstance(v, str) else v

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        # a bare name is accepted too (see _plain_name): the schema says so, for editors and lint
        return {"anyOf": [{"type": "string", "minLength": 1}, handler(core_schema)]}

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


class NamedActivityParams(KindParams):
    """Each activity of ``activities`` is held at least ``min`` (at most ``max``) times per ``period``:
    town-wide over the term (``per: town``, the activity is the subject), or by every group
    (``per: group``, counting the ``activity.held`` that name the group)."""

    activities: list[ActivitySpec] = Field(min_length=1)
    period: CalendarPeriodName = "year"
    min: int = Field(default=1, ge=1, le=MAX_COUNT)
    max: int | None = Field(default=None, ge=1, le=MAX_COUNT)
    per: Literal["town", "group"] = "town"
    presence: PresenceName | None = None

    ordered = (("min", "max"),)

    @model_validator(mode="after")
    def _consistent(self) -> NamedActivityParams:
        if self.max is not None and self.max < self.min:
            raise ValueError(f"max ({self.max}) is less than min ({self.min})")
        seen: set[str] = set()
        for n in (n for a in self.activities for n in a.names):
            if n in seen:
                raise ValueError(f"the activity name {n!r} is listed twice")
            seen.add(n)
        return self


class MeetingInvitationParams(KindParams):
    """Every ``meeting.held`` whose ``kind`` is one of ``meeting_kinds`` invites at least
    ``min_invited`` reps to attend (``invited``; with ``seated_only``, only reps holding a seat
    that day count)."""

    meeting_kinds: list[str] = Field(min_length=1)
    min_invited: int = Field(default=1, ge=1, le=MAX_COUNT)
    seated_only: bool = True

    @model_validator(mode="after")
    def _distinct(self) -> MeetingInvitationParams:
        if len(set(self.meeting_kinds)) != len(self.meeting_kinds):
            raise ValueError("meeting_kinds lists a kind twice")
        return self
