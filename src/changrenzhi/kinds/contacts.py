"""Kinds about who looks after whom, and how often they meet: ``contact_roster``,
``contact_frequency``, ``committee_roster``, ``committee_contact_frequency``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from .base import Band, CalendarPeriodName, KindParams, PresenceName, RuleKind

if TYPE_CHECKING:
    from ..engine import Context
    from ..findings import Finding
    from ..pack import Rule

ContactKindName = Literal["member", "citizen", "activist", "village", "household"]


class RepFilter(KindParams):
    """Which reps a rule applies to, by the attributes of their ``rep.elected`` event."""

    category: list[str] | None = None
    unit: list[str] | None = None


class ContactRosterParams(KindParams):
    """Each rep looks after a number of contacts of the given ``kinds`` within ``count``.

    ``count.min``/``count.max`` are hard bounds (以上/以下 inclusive); ``count.target``
    with ``tolerance`` is a soft target (左右): outside it is a ``warning``.
    The assignment in force at the end of each ``period`` (or on ``as_of``) is judged.
    """

    kinds: list[ContactKindName] = Field(min_length=1)
    count: Band
    applies_to: RepFilter | None = None
    period: CalendarPeriodName = "quarter"
    presence: PresenceName | None = None


class ContactRoster(RuleKind[ContactRosterParams]):
    name = "contact_roster"
    params_model = ContactRosterParams
    consumes = frozenset({"contact.assigned"})
    summary = "how many people, and of which kinds, each rep looks after"
    messages: ClassVar = {}

    def evaluate(self, rule: Rule, params: ContactRosterParams, ctx: Context) -> Iterator[Finding]:
        raise NotImplementedError


class ContactFrequencyParams(KindParams):
    """Each rep visits each person they look after (of ``kinds``) at least ``min`` times per ``period``."""

    period: CalendarPeriodName = "year"
    min: int = Field(default=1, ge=1)
    kinds: list[ContactKindName] | None = None
    applies_to: RepFilter | None = None
    presence: PresenceName | None = None


class ContactFrequency(RuleKind[ContactFrequencyParams]):
    name = "contact_frequency"
    params_model = ContactFrequencyParams
    consumes = frozenset({"contact.assigned", "contact.visit"})
    summary = "how often a rep visits each person they look after"
    messages: ClassVar = {}

    def evaluate(self, rule: Rule, params: ContactFrequencyParams, ctx: Context) -> Iterator[Finding]:
        raise NotImplementedError


class CommitteeRosterParams(KindParams):
    """Each committee member looks after a number of reps (or groups) within ``count``."""

    of: Literal["reps", "groups"] = "reps"
    count: Band
    period: CalendarPeriodName = "quarter"
    presence: PresenceName | None = None


class CommitteeRoster(RuleKind[CommitteeRosterParams]):
    name = "committee_roster"
    params_model = CommitteeRosterParams
    consumes = frozenset({"committee.appointed", "committee.assigned"})
    summary = "how many reps or groups each committee member looks after"
    messages: ClassVar = {}

    def evaluate(self, rule: Rule, params: CommitteeRosterParams, ctx: Context) -> Iterator[Finding]:
        raise NotImplementedError


class CommitteeContactFrequencyParams(KindParams):
    """A committee member meets the reps (or groups) they look after at least ``min`` times per ``period``:
    ``per: each`` -- each of them; ``per: total`` -- all of them together."""

    of: Literal["reps", "groups"] = "reps"
    period: CalendarPeriodName = "year"
    min: int = Field(default=1, ge=1)
    per: Literal["each", "total"] = "each"
    presence: PresenceName | None = None


class CommitteeContactFrequency(RuleKind[CommitteeContactFrequencyParams]):
    name = "committee_contact_frequency"
    params_model = CommitteeContactFrequencyParams
    consumes = frozenset({"committee.assigned", "committee.visit"})
    summary = "how often a committee member meets the reps or groups they look after"
    messages: ClassVar = {}

    def evaluate(
        self, rule: Rule, params: CommitteeContactFrequencyParams, ctx: Context
    ) -> Iterator[Finding]:
        raise NotImplementedError
