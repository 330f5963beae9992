"""The built-in rule kinds, one module per family of duties.

``default_registry()`` returns a *new* registry holding them all; callers may
add their own kinds to it without affecting anyone else's.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .kinds.activities import MeetingInvitation, NamedActivity
from .kinds.agenda import AgendaDeadline, AgendaThreshold
from .kinds.appraisal import Appraisal
from .kinds.base import Registry, RuleKind
from .kinds.committee import CommitteeReceptionKind, CommitteeVisitMonthKind
from .kinds.contacts import CommitteeContactFrequency, CommitteeRoster, ContactFrequency, ContactRoster
from .kinds.elections import Composition, ElectionMargin, Publicity, RepListing
from .kinds.groups import ActivityDay, GroupActivityKind, GroupPlanKind, GroupReportKind, GroupSize
from .kinds.inspections import InspectionFrequency, InspectionNotice, InspectionReport
from .kinds.meetings import (
    AnnualMeeting,
    AttendanceDiscipline,
    BallotMethod,
    Quorum,
    ResolutionChange,
    VoteMajority,
)
from .kinds.proposals import ProposalResponse, ProposalSponsors
from .kinds.reports import MeetingReport
from .kinds.reps import Credentials, Pledge, RepMinimum, RepReport, SeatValidity, TermLength
from .kinds.study import StudyAbsencePenalty, StudyDays, StudyFrequency, TrainingCoverage

__all__ = ["BUILTIN_KINDS", "default_registry", "kind_messages"]

#: the built-in kinds, in the order ``compare`` gives their rows: the annual meeting and its
#: votes first, then the groups, contacts, study, activities, proposals, inspections, the reps'
#: own duties, elections, appraisal
BUILTIN_KINDS: tuple[type[RuleKind[Any]], ...] = (
    AnnualMeeting,
    Quorum,
    AgendaDeadline,
    AgendaThreshold,
    VoteMajority,
    BallotMethod,
    GroupSize,
    CommitteeRoster,
    CommitteeContactFrequency,
    ContactRoster,
    ContactFrequency,
    StudyFrequency,
    StudyDays,
    StudyAbsencePenalty,
    TrainingCoverage,
    GroupActivityKind,
    ActivityDay,
    GroupPlanKind,
    GroupReportKind,
    CommitteeReceptionKind,
    CommitteeVisitMonthKind,
    AttendanceDiscipline,
    ResolutionChange,
    MeetingReport,
    ProposalSponsors,
    ProposalResponse,
    InspectionFrequency,
    InspectionNotice,
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


def kind_messages() -> Iterator[tuple[str, str, Mapping[str, str]]]:
    """Every built-in kind's finding templates, as ``("kind:<name>", key, {"zh": ..., "en": ...})``."""
    for kind in BUILTIN_KINDS:
        for key, entry in kind.messages.items():
            yield f"kind:{kind.name}", key, entry
