"""The built-in rule kinds, one module per family of duties.

``default_registry()`` returns a *new* registry holding them all; callers may
add their own kinds to it without affecting anyone else's.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .kinds.base import Registry

if TYPE_CHECKING:
    from .kinds.base import RuleKind

    #: every built-in kind class (see ``__getattr__`` below: reading it imports every family)
    BUILTIN_KINDS: tuple[type[RuleKind[Any]], ...]

__all__ = ["BUILTIN_KINDS", "BUILTIN_NAMES", "default_registry", "kind_messages"]

#: the built-in kinds by name: the family (a package under ``changrenzhi.kinds``) and the class, in
#: the order ``compare`` gives their rows: the annual meeting and its votes first, then the groups,
#: contacts, study, activities, proposals, inspections, the reps' own duties, elections, appraisal.
#: A registry imports a family the first time one of its kinds is asked for, so that a command
#: checking a pack loads only the kinds the pack uses.
BUILTIN_NAMES: Mapping[str, tuple[str, str]] = {
    "annual_meeting": ("meetings", "AnnualMeeting"),
    "quorum": ("meetings", "Quorum"),
    "agenda_deadline": ("agenda", "AgendaDeadline"),
    "agenda_threshold": ("agenda", "AgendaThreshold"),
    "vote_majority": ("meetings", "VoteMajority"),
    "ballot_method": ("meetings", "BallotMethod"),
    "group_size": ("groups", "GroupSize"),
    "committee_roster": ("contacts", "CommitteeRoster"),
    "committee_contact_frequency": ("contacts", "CommitteeContactFrequency"),
    "contact_roster": ("contacts", "ContactRoster"),
    "contact_frequency": ("contacts", "ContactFrequency"),
    "study_frequency": ("study", "StudyFrequency"),
    "study_days": ("study", "StudyDays"),
    "study_absence_penalty": ("study", "StudyAbsencePenalty"),
    "training_coverage": ("study", "TrainingCoverage"),
    "group_activity": ("groups", "GroupActivityKind"),
    "activity_day": ("groups", "ActivityDay"),
    "group_plan": ("groups", "GroupPlanKind"),
    "group_report": ("groups", "GroupReportKind"),
    "committee_reception": ("committee", "CommitteeReceptionKind"),
    "committee_visit_month": ("committee", "CommitteeVisitMonthKind"),
    "attendance_discipline": ("meetings", "AttendanceDiscipline"),
    "resolution_change": ("meetings", "ResolutionChange"),
    "meeting_report": ("reports", "MeetingReport"),
    "proposal_sponsors": ("proposals", "ProposalSponsors"),
    "proposal_response": ("proposals", "ProposalResponse"),
    "inspection_frequency": ("inspections", "InspectionFrequency"),
    "inspection_notice": ("inspections", "InspectionNotice"),
    "inspection_report": ("inspections", "InspectionReport"),
    "rep_report": ("reps", "RepReport"),
    "rep_minimum": ("reps", "RepMinimum"),
    "credentials": ("reps", "Credentials"),
    "term_length": ("reps", "TermLength"),
    "seat_validity": ("reps", "SeatValidity"),
    "pledge": ("reps", "Pledge"),
    "composition": ("elections", "Composition"),
    "election_margin": ("elections", "ElectionMargin"),
    "publicity": ("elections", "Publicity"),
    "rep_listing": ("elections", "RepListing"),
    "appraisal": ("appraisal", "Appraisal"),
    "named_activity": ("activities", "NamedActivity"),
    "meeting_invitation": ("activities", "MeetingInvitation"),
}


def _load(name: str) -> type[RuleKind[Any]]:
    family, cls = BUILTIN_NAMES[name]
    kind: type[RuleKind[Any]] = getattr(importlib.import_module(f"{__package__}.kinds.{family}"), cls)
    return kind


def _builtin_kinds() -> tuple[type[RuleKind[Any]], ...]:
    kinds = tuple(_load(n) for n in BUILTIN_NAMES)
    globals()["BUILTIN_KINDS"] = kinds
    return kinds


def __getattr__(name: str) -> tuple[type[RuleKind[Any]], ...]:
    """``BUILTIN_KINDS``: every built-in kind class, in :data:`BUILTIN_NAMES`'s order (importing
    every family the first time it is read)."""
    if name == "BUILTIN_KINDS":
        return _builtin_kinds()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def default_registry() -> Registry:
    """A fresh registry with every built-in kind (each family imported when first asked for)."""
    registry = Registry()
    for name in BUILTIN_NAMES:
        registry.register_lazy(name, _load)
    return registry


def kind_messages() -> Iterator[tuple[str, str, Mapping[str, str]]]:
    """Every built-in kind's finding templates, as ``("kind:<name>", key, {"zh": ..., "en": ...})``."""
    for kind in _builtin_kinds():
        for key, entry in kind.messages.items():
            yield f"kind:{kind.name}", key, entry
