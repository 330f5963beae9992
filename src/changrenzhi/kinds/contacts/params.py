"""The parameter models of the contacts kinds: what a pack writes under ``params:``.

Kept apart from the kinds (:mod:`.rules`) so that what the kinds call, such as the family's
probe builders, can be typed with these models without importing the kinds back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from pydantic import Field, model_validator

from ...events import ContactKind
from ..base import MAX_COUNT, Band, CalendarPeriodName, KindParams, PresenceName

if TYPE_CHECKING:
    from ...events import RepElected


class RepFilter(KindParams):
    """Which reps a rule applies to, by the attributes of their ``rep.elected`` event.

    Both lists must match when both are given; a rep whose event lacks the
    attribute does not match a list.
    """

    category: list[str] | None = None
    unit: list[str] | None = None

    @model_validator(mode="after")
    def _not_empty(self) -> RepFilter:
        for name in ("category", "unit"):
            if getattr(self, name) == []:
                raise ValueError(f"{name} is an empty list: the rule would apply to no rep")
        return self

    def matches(self, elected: RepElected) -> bool:
        if self.category is not None and elected.category not in self.category:
            return False
        return self.unit is None or elected.unit in self.unit


def _no_duplicates(kinds: Sequence[str] | None) -> None:
    if kinds is not None and len(set(kinds)) != len(kinds):
        raise ValueError("a contact kind is listed twice")


class ContactRosterParams(KindParams):
    """Each rep looks after a number of contacts of the given ``kinds`` within ``count``.

    ``count.min``/``count.max`` are hard bounds (以上/以下 inclusive); ``count.target``
    with ``tolerance`` is a soft target (左右): outside it is a ``warning``.
    The assignment in force at the end of each ``period`` (or on ``as_of``) is judged.
    Distinct persons are counted.
    """

    kinds: list[ContactKind] = Field(min_length=1)
    count: Band
    applies_to: RepFilter | None = None
    period: CalendarPeriodName = "quarter"
    presence: PresenceName | None = None

    @model_validator(mode="after")
    def _consistent(self) -> ContactRosterParams:
        _no_duplicates(self.kinds)
        return self


class ContactFrequencyParams(KindParams):
    """Each rep visits each person they look after (of ``kinds``) at least ``min`` times per ``period``.

    A person counts for a period when the rep's seat and the person's assignment
    together cover it per the presence rule; every visit to them dated in the
    period counts.
    """

    period: CalendarPeriodName = "year"
    min: int = Field(default=1, ge=1, le=MAX_COUNT)
    kinds: list[ContactKind] | None = Field(default=None, min_length=1)
    applies_to: RepFilter | None = None
    presence: PresenceName | None = None

    @model_validator(mode="after")
    def _consistent(self) -> ContactFrequencyParams:
        _no_duplicates(self.kinds)
        return self


class CommitteeRosterParams(KindParams):
    """Each committee member looks after a number of reps (or groups) within ``count``.

    With ``only_current`` (the default) a listed rep counts only while seated and
    a listed group only while it exists.
    """

    of: Literal["reps", "groups"] = "reps"
    count: Band
    period: CalendarPeriodName = "quarter"
    presence: PresenceName | None = None
    only_current: bool = True


class CommitteeContactFrequencyParams(KindParams):
    """A committee member meets the reps (or groups) they look after at least ``min`` times per ``period``:
    ``per: each`` -- each of them; ``per: total`` -- all of them together.

    Only visits to a rep (group) linked to the member on the visit date count.
    With ``only_current`` (the default) a rep is linked only while seated and a
    group only while it exists. Under ``per: total`` a member owes a period in
    which they had someone linked for the presence share of it.
    """

    of: Literal["reps", "groups"] = "reps"
    period: CalendarPeriodName = "year"
    min: int = Field(default=1, ge=1, le=MAX_COUNT)
    per: Literal["each", "total"] = "each"
    presence: PresenceName | None = None
    only_current: bool = True
