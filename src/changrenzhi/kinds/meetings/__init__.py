"""Kinds about meetings and votes: ``annual_meeting``, ``quorum``, ``vote_majority``, ``ballot_method``,"""

from __future__ import annotations

from .rules import AnnualMeeting, AttendanceDiscipline, BallotMethod, Quorum, ResolutionChange, VoteMajority

__all__ = [
    "AnnualMeeting",
    "AttendanceDiscipline",
    "BallotMethod",
    "Quorum",
    "ResolutionChange",
    "VoteMajority",
]
