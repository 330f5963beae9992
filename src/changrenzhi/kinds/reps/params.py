"""The parameter models of the reps kinds: what a pack writes under ``params:``.

Kept apart from the kinds (:mod:`.rules`) so that what the kinds call, such as the family's
probe builders, can be typed with these models without importing the kinds back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from ..base import MAX_COUNT, MAX_DAYS, KindParams, PeriodName, PresenceName
from ..contacts.params import RepFilter

FormName = Literal["proposal", "suggestion", "inquiry"]


Month = Annotated[int, Field(ge=1, le=12)]


def _no_duplicates(values: Sequence[Any] | None, what: str) -> None:
    if values is not None and len(set(values)) != len(values):
        raise ValueError(f"a {what} is listed twice")


class RepReportParams(KindParams):
    """Each seated rep reports (述职) at least ``min`` times per ``period``.

    ``to``: only reports to these audiences count (``unit``, ``branch``, ``group``,
    ``annual_meeting`` or a pack's own word); a ``rep.reported`` without ``to``
    is a report to the electoral unit, as in version 1 of the contract.
    ``months``: only reports in these months count (年底: ``[12]``); once the last
    such month of the period has passed, the period is judged even if it is still
    open. ``applies_to`` limits the rule to some reps (e.g. city-level reps by
    ``category``); ``presence`` says whether a rep elected during a period owes it.
    """

    period: PeriodName = "year"
    min: int = Field(default=1, ge=1, le=MAX_COUNT)
    to: list[str] | None = Field(default=None, min_length=1)
    months: list[Month] | None = Field(default=None, min_length=1)
    applies_to: RepFilter | None = None
    presence: PresenceName | None = None

    @model_validator(mode="after")
    def _consistent(self) -> RepReportParams:
        _no_duplicates(self.to, "report audience")
        _no_duplicates(self.months, "month")
        return self


ActName = Literal[
    "rep.suggested",
    "rep.reported",
    "proposal.filed",
    "contact.visit",
    "inspection.held",
    "training.held",
    "study.session",
    "group.activity",
    "activity.held",
    "pledge.made",
]
#: the same event types: the field(s) of each that name the reps who did it
ACT_FIELDS: Mapping[str, tuple[str, ...]] = {
    "rep.suggested": ("rep",),
    "rep.reported": ("rep",),
    "proposal.filed": ("sponsors",),
    "contact.visit": ("rep",),
    "inspection.held": ("participants",),
    "training.held": ("participants",),
    "study.session": ("attendees",),
    "group.activity": ("attendees",),
    "activity.held": ("participants",),
    "pledge.made": ("rep",),
}


class RepMinimumParams(KindParams):
    """Each seated rep does one of the ``events`` at least ``min`` times per ``period`` (the term
    by default: 任期内至少...一条以上). For ``proposal.filed`` a rep counts as a sponsor, of a
    filing whose form is in ``forms`` when given. An unmet minimum in a period still open at
    ``as_of`` (a running term) is ``pending``.
    """

    events: list[ActName] = Field(min_length=1)
    min: int = Field(default=1, ge=1, le=MAX_COUNT)
    period: PeriodName = "term"
    forms: list[FormName] | None = Field(default=None, min_length=1)
    applies_to: RepFilter | None = None
    presence: PresenceName | None = None

    @model_validator(mode="after")
    def _consistent(self) -> RepMinimumParams:
        _no_duplicates(self.events, "event type")
        _no_duplicates(self.forms, "form")
        if self.forms is not None and "proposal.filed" not in self.events:
            raise ValueError("forms applies only to proposal.filed, which is not among the events")
        return self


class CredentialsParams(KindParams):
    """Every rep receives a certificate and handbook (``rep.credentialed``) within ``days`` days of
    taking each seat (the day ``elected + days`` still counts). Only a credential dated on or after
    the election and while the seat is held counts for that seat. A seat lost before its deadline
    owes nothing; one still within the grace period at ``as_of`` is ``pending``.
    """

    days: int = Field(ge=0, le=MAX_DAYS)
    applies_to: RepFilter | None = None


class TermLengthParams(KindParams):
    """Each congress's term is ``years`` years (党代表的任期与乡镇党委的任期相同，为一届五年).

    A ``congress.opened`` with ``term_years`` other than ``years`` is a finding. One
    without ``term_years`` runs for the pack's ``term.years`` (5 when the pack gives
    none), as the engine reads it (``missing: default``: that is what is compared),
    or is itself a finding (``missing: finding``). With ``early`` (the default), a
    congress opened before the previous one has run ``years`` years is a finding.
    """

    years: int = Field(ge=1, le=20)
    missing: Literal["default", "finding"] = "default"
    early: bool = True


ActingName = Literal[
    "meeting.held",
    "study.session",
    "training.held",
    "group.activity",
    "contact.visit",
    "proposal.filed",
    "inspection.held",
    "rep.reported",
    "rep.suggested",
    "activity.held",
    "committee.reception",
    "pledge.made",
]
#: the same event types: the fields in which a rep acts as one (attendee, participant, sponsor...)
ACTING_FIELDS: Mapping[str, tuple[str, ...]] = {
    "meeting.held": ("attendees", "invited"),
    "study.session": ("attendees",),
    "training.held": ("participants",),
    "group.activity": ("attendees",),
    "contact.visit": ("rep",),
    "proposal.filed": ("sponsors",),
    "inspection.held": ("participants",),
    "rep.reported": ("rep",),
    "rep.suggested": ("rep",),
    "activity.held": ("participants",),
    "committee.reception": ("visitors",),
    "pledge.made": ("rep",),
}


class SeatValidityParams(KindParams):
    """A rep whose party membership moved away (``member.transferred``) loses the seat: a
    ``rep.disqualified`` follows within ``days`` days (the last of them still counts). A seat that
    ends anyway by then (the term ends) needs none. With ``acting`` (the default), a rep who appears
    in one of the ``acting_events`` (as attendee, participant, sponsor, visitor, or the rep of a
    visit, report, suggestion or pledge) on a day after losing the seat, and before any new seat,
    is a finding.

    ``acting_from``: ``transfer`` (the default: 自行取消资格, the seat lapses on the day the
    membership moves away, so acting as a rep from the next day is a finding, with no grace while
    the withdrawal is recorded) or ``disqualified`` (acting counts only after the recorded
    ``rep.disqualified``). ``days`` remains the time allowed to record the withdrawal.
    """

    days: int = Field(ge=0, le=MAX_DAYS)
    acting: bool = True
    acting_from: Literal["transfer", "disqualified"] = "transfer"
    acting_events: list[ActingName] | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> SeatValidityParams:
        _no_duplicates(self.acting_events, "event type")
        return self


class PledgeParams(KindParams):
    """A published pledge (承诺) is carried out (``pledge.done``) by its ``due`` date (that day still
    counts): not done by then is a finding, ``pending`` before. A pledge made with
    ``published: false`` is a finding when ``require_published`` (公布于众). With
    ``skip_unseated``, a pledge whose rep lost the seat before its due date is not judged (the
    literal reading, the default, judges every published pledge).
    """

    require_published: bool = True
    skip_unseated: bool = False
