"""Kinds about meetings and votes: ``annual_meeting``, ``quorum``, ``vote_majority``, ``ballot_method``."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field, model_validator

from .base import CalendarPeriodName, KindParams, PresenceName, RuleKind, Share

if TYPE_CHECKING:
    from ..engine import Context
    from ..findings import Finding
    from ..pack import Rule

Matter = Literal["election", "personnel", "other"]


class AnnualMeetingParams(KindParams):
    """Meetings of ``meeting_kind`` per ``period`` of the term within ``[min, max]``, and their form:
    who convenes and chairs them, and whether a presidium or preparatory meeting is allowed."""

    meeting_kind: str = "annual"
    period: CalendarPeriodName = "year"
    min: int = Field(default=1, ge=0)
    max: int | None = Field(default=None, ge=1)
    convened_by: str | None = None
    chaired_by: str | None = None
    presidium: bool | None = None
    preparatory: bool | None = None
    presence: PresenceName | None = None

    @model_validator(mode="after")
    def _consistent(self) -> AnnualMeetingParams:
        if self.max is not None and self.max < self.min:
            raise ValueError(f"max ({self.max}) is less than min ({self.min})")
        return self


class AnnualMeeting(RuleKind[AnnualMeetingParams]):
    name = "annual_meeting"
    params_model = AnnualMeetingParams
    consumes = frozenset({"meeting.held", "congress.opened"})
    summary = "meetings per year, who convenes and chairs, their form"
    messages: ClassVar = {}

    def evaluate(self, rule: Rule, params: AnnualMeetingParams, ctx: Context) -> Iterator[Finding]:
        raise NotImplementedError


class QuorumParams(KindParams):
    """A meeting of ``meeting_kinds`` is held only with ``share`` of the seated reps present
    (``inclusive``: 以上, exactly the share suffices)."""

    meeting_kinds: list[str] = Field(default=["annual"], min_length=1)
    share: Share
    inclusive: bool = True


class Quorum(RuleKind[QuorumParams]):
    name = "quorum"
    params_model = QuorumParams
    consumes = frozenset({"meeting.held", "rep.elected", "rep.disqualified"})
    summary = "share of seated reps present for a meeting to be held"
    messages: ClassVar = {}

    def evaluate(self, rule: Rule, params: QuorumParams, ctx: Context) -> Iterator[Finding]:
        raise NotImplementedError


class VoteMajorityParams(KindParams):
    """A decision passes with more than ``share`` of the ``base`` voting yes (``strict``: 超过, the share
    itself is not enough).

    ``base``: ``seated`` (应到, the reps who should attend), ``present``, or ``cast``."""

    meeting_kinds: list[str] | None = None
    matters: list[Matter] | None = None
    base: Literal["seated", "present", "cast"] = "seated"
    share: Share = Fraction(1, 2)
    strict: bool = True


class VoteMajority(RuleKind[VoteMajorityParams]):
    name = "vote_majority"
    params_model = VoteMajorityParams
    consumes = frozenset({"vote.held", "meeting.held", "rep.elected", "rep.disqualified"})
    summary = "the majority a decision needs, and results declared against it"
    messages: ClassVar = {}

    def evaluate(self, rule: Rule, params: VoteMajorityParams, ctx: Context) -> Iterator[Finding]:
        raise NotImplementedError


class BallotMethodParams(KindParams):
    """Votes on ``matters`` must use ``method`` (secret ballot for elections and nominations)."""

    matters: list[Matter] = Field(min_length=1)
    method: Literal["secret", "hands"] = "secret"
    meeting_kinds: list[str] | None = None


class BallotMethod(RuleKind[BallotMethodParams]):
    name = "ballot_method"
    params_model = BallotMethodParams
    consumes = frozenset({"vote.held", "meeting.held"})
    summary = "matters that need a secret ballot"
    messages: ClassVar = {}

    def evaluate(self, rule: Rule, params: BallotMethodParams, ctx: Context) -> Iterator[Finding]:
        raise NotImplementedError
