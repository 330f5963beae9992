"""The built-in rule kinds, one module per family of duties.

``default_registry()`` returns a *new* registry holding them all; callers may
add their own kinds to it without affecting anyone else's.
"""

from __future__ import annotations

from typing import Any

from .activities import MeetingInvitation, NamedActivity
from .agenda import AgendaDeadline, AgendaThreshold
from .appraisal import Appraisal
from .base import KindParams, Registry, RuleKind, UnknownKindError
from .committee import CommitteeReceptionKind, CommitteeVisitMonthKind
from .contacts import CommitteeContactFrequency, CommitteeRoster, ContactFrequency, ContactRoster
from .elections import Composition, ElectionMargin, Publicity, RepListing
from .groups import ActivityDay, GroupActivityKind, GroupPlanKind, GroupReportKind, GroupSize
from .inspections import InspectionFrequency, InspectionNotice, InspectionReport
from .meetings import (
    AnnualMeeting,
    AttendanceDiscipline,
    BallotMethod,
    Quorum,
    ResolutionChange,
    VoteMajority,
)
from .proposals import ProposalResponse, ProposalSponsors
from .reps import Credentials, Pledge, RepMinimum, RepReport, SeatValidity, TermLength
from .study import StudyAbsencePenalty, StudyDays, StudyFrequency, TrainingCoverage

__all__ = ["BUILTIN_KINDS", "KindParams", "Registry", "RuleKind", "UnknownKindError", "default_registry"]

BUILTIN_KINDS: tuple[type[RuleKind[Any]], ...] = (
    GroupSize,
    GroupActivityKind,
    ActivityDay,
    GroupPlanKind,
    GroupReportKind,
    ContactRoster,
    ContactFrequency,
    CommitteeRoster,
    CommitteeContactFrequency,
    CommitteeReceptionKind,
    CommitteeVisitMonthKind,
    StudyFrequency,
    StudyDays,
    StudyAbsencePenalty,
    TrainingCoverage,
    AnnualMeeting,
    Quorum,
    AgendaDeadline,
    AgendaThreshold,
    VoteMajority,
    BallotMethod,
    AttendanceDiscipline,
    ResolutionChange,
    ProposalSponsors,
    ProposalResponse,
    InspectionNotice,
    InspectionFrequency,
    InspectionReport,
    RepReport,
    RepMinimum,
    Credentials,
    TermLength,
    SeatValidity,
    Pledge,
    Composition,
    ElectionMargin,
    Publicity,
    RepListing,
    Appraisal,
    NamedActivity,
    MeetingInvitation,
)


def default_registry() -> Registry:
    """A fresh registry with every built-in kind."""
    return Registry(BUILTIN_KINDS)
