"""The parameter model of ``meeting_report``: what a pack writes under ``params:``.

Kept apart from the kind (:mod:`.rules`) so that its probe builder can be typed with it without
importing the kind back.
"""

from __future__ import annotations

from pydantic import Field

from ..base import KindParams


class MeetingReportParams(KindParams):
    """Every meeting of ``meeting_kinds`` hears each of ``reports`` (``report.made`` of that meeting
    and report); with ``discussed``, the rep groups discussed it (``discussed: true``); with
    ``voted``, it was put to a vote (a ``vote.held`` of the same meeting under the report's ``item``).

    A meeting is judged once it has sat (its ``meeting.held`` on or before ``as_of``): the reports
    are made at the meeting, so one that sat without them has broken the duty for good.
    """

    meeting_kinds: list[str] = Field(default=["annual"], min_length=1, max_length=20)
    reports: list[str] = Field(min_length=1, max_length=20)
    discussed: bool = False
    voted: bool = False
