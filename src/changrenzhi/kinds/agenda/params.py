"""The parameter models of the agenda kinds: what a pack writes under ``params:``.

Kept apart from the kinds (:mod:`.rules`) so that what the kinds call, such as the family's
probe builders, can be typed with these models without importing the kinds back.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ..base import MAX_COUNT, MAX_DAYS, KindParams, Share

Proposer = Literal["committee", "group", "reps"]


class AgendaDeadlineParams(KindParams):
    """An item for a meeting of ``meeting_kinds`` is ``proposed`` (or, for listed items, ``notified``
    to the reps) at least ``days`` days before the meeting date (10天前: exactly 10 days suffices).
    Ad hoc items (``ad_hoc: true``) are not late by definition."""

    what: Literal["proposed", "notified"] = "proposed"
    days: int = Field(ge=0, le=MAX_DAYS)
    by: list[Proposer] = ["committee", "group", "reps"]
    meeting_kinds: list[str] | None = None


class AdHocThreshold(KindParams):
    """An item raised during the meeting needs ``groups_min`` groups, or ``reps_share`` of the seated reps."""

    groups_min: int | None = Field(default=None, ge=1, le=MAX_COUNT)
    reps_share: Share | None = None

    @model_validator(mode="after")
    def _something(self) -> AdHocThreshold:
        if self.groups_min is None and self.reps_share is None:
            raise ValueError("give groups_min, reps_share or both")
        return self


class MustList(KindParams):
    """An item from ``reps_min`` reps jointly, or ``groups_min`` groups, must be listed.

    ``joint``: ``one_proposal`` (the default, 联合提出 / 同时提出) — the reps or the groups are those
    named together in one ``agenda.proposed``: a joint proposal is one proposal, and separate
    proposals of the same item are not added up; ``combined`` — the distinct seated reps and
    formed groups of every proposal of the item are counted together.
    """

    reps_min: int | None = Field(default=None, ge=1, le=MAX_COUNT)
    groups_min: int | None = Field(default=None, ge=1, le=MAX_COUNT)
    joint: Literal["one_proposal", "combined"] = "one_proposal"

    @model_validator(mode="after")
    def _something(self) -> MustList:
        if self.reps_min is None and self.groups_min is None:
            raise ValueError("give reps_min, groups_min or both")
        return self


class AgendaThresholdParams(KindParams):
    """Who may propose an item (``allowed``; reps only jointly, ``reps_min`` or more), the threshold for an
    ad hoc item, and the items the committee must list."""

    allowed: list[Proposer] = Field(default=["committee", "group", "reps"], min_length=1)
    reps_min: int | None = Field(default=None, ge=1, le=MAX_COUNT)
    groups_min: int = Field(default=1, ge=1, le=MAX_COUNT)
    ad_hoc: AdHocThreshold | None = None
    must_list: MustList | None = None
    meeting_kinds: list[str] | None = None
