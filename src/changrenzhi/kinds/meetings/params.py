"""The parameter models of the meetings kinds: what a pack writes under ``params:``.

Kept apart from the kinds (:mod:`.rules`) so that what the kinds call, such as the family's
probe builders, can be typed with these models without importing the kinds back.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Literal

from pydantic import Field, model_validator

from ..base import MAX_COUNT, MAX_DAYS, CalendarPeriodName, KindParams, PresenceName, Share

Matter = Literal["election", "personnel", "other"]


class AnnualMeetingParams(KindParams):
    """Meetings of ``meeting_kind`` per ``period`` of the term within ``[min, max]``, and their form:
    who convenes and chairs them, and whether a presidium or preparatory meeting is allowed.

    ``congress_year``: ``exempt`` (the default) — the period in which a term's congress opens owes
    no meeting: annual meetings are held between congresses (闭会期间), and the year of the
    congress comes before the first annual meeting, whatever month the congress sat in (the year
    of the next congress, the last of the term before, is such a year too: the congress sits in it);
    ``presence`` — that period owes one like any other when the term covers enough of it (the
    pack's ``presence``: a congress in March owes an annual meeting that year).

    ``quorum``: a meeting whose first sitting has fewer reps present than this share of the
    seated reps (``quorum_inclusive``: 以上, exactly the share suffices) "cannot be held"
    (方能举行): it does not count among the period's meetings.
    """

    meeting_kind: str = "annual"
    period: CalendarPeriodName = "year"
    min: int = Field(default=1, ge=0, le=MAX_COUNT)
    max: int | None = Field(default=None, ge=1, le=MAX_COUNT)
    congress_year: Literal["exempt", "presence"] = "exempt"
    quorum: Share | None = None
    quorum_inclusive: bool = True
    convened_by: str | None = None
    chaired_by: str | None = None
    presidium: bool | None = None
    preparatory: bool | None = None
    presence: PresenceName | None = None

    ordered = (("min", "max"),)

    @model_validator(mode="after")
    def _consistent(self) -> AnnualMeetingParams:
        if self.max is not None and self.max < self.min:
            raise ValueError(f"max ({self.max}) is less than min ({self.min})")
        return self


class QuorumParams(KindParams):
    """A meeting of ``meeting_kinds`` is held only with ``share`` of the seated reps present
    (``inclusive``: 以上, exactly the share suffices)."""

    meeting_kinds: list[str] = Field(default=["annual"], min_length=1)
    share: Share
    inclusive: bool = True


class VoteMajorityParams(KindParams):
    """A decision passes with more than ``share`` of the ``base`` voting yes (``strict``: 超过, the share
    itself is not enough).

    ``base``: ``seated`` (应到, the reps who should attend), ``present``, or ``cast``.

    ``quorum``: a vote declared passed at a sitting with fewer reps present than this share of the
    seated reps (``quorum_inclusive``: 以上) is a finding: a meeting below its quorum cannot be
    held, so its votes carry nothing."""

    meeting_kinds: list[str] | None = None
    matters: list[Matter] | None = None
    base: Literal["seated", "present", "cast"] = "seated"
    share: Share = Fraction(1, 2)
    strict: bool = True
    quorum: Share | None = None
    quorum_inclusive: bool = True


class BallotMethodParams(KindParams):
    """Votes on ``matters`` must use ``method`` (secret ballot for elections and nominations)."""

    matters: list[Matter] = Field(min_length=1)
    method: Literal["secret", "hands"] = "secret"
    meeting_kinds: list[str] | None = None


class AttendanceDisciplineParams(KindParams):
    """No seated rep is absent from a sitting of ``meeting_kinds`` without leave (无故缺席).

    A rep seated on the sitting's day who is neither in ``attendees`` nor in ``excused``
    (leave asked beforehand) is a finding. A sitting recorded only with a head count
    (``present``) names nobody, so it cannot be judged and gives no finding.
    """

    meeting_kinds: list[str] = Field(default=["annual"], min_length=1)


class ResolutionChangeParams(KindParams):
    """A resolution is changed only with the consent of a meeting of ``meeting_kinds``; a change
    without it must be notified to the reps within ``notify_days`` days (及时).

    Consent counts when ``consented_by`` names a meeting of those kinds that sat on or
    before the day of the change. ``without_consent``: ``notify`` (原则上不得更改: the
    exception is allowed when the reps are told in time, the literal reading) or
    ``forbidden`` (every change without consent is a finding, notified or not). A change
    with no ``notified`` date is ``pending`` while the notice period runs.
    """

    meeting_kinds: list[str] = Field(default=["annual"], min_length=1)
    notify_days: int = Field(default=30, ge=0, le=MAX_DAYS)
    without_consent: Literal["notify", "forbidden"] = "notify"
