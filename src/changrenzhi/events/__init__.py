"""The event log: version 1 of the JSON Lines contract in docs/EVENTS.md.

Read it with :func:`read_events` (a file, lines, JSON Lines text, or events as Python objects); you
get an :class:`EventLog` of typed, validated events. The modules, from
the bottom:

- :mod:`.types`: the event types (``msgspec.Struct`` classes whose annotations *are* the schema) and their
  vocabularies (ratings, contact kinds, the fields that name reps, groups and committee members);
- :mod:`.fields`: the check of every field, derived once, at import, from the annotations, and the
  limits every value keeps to (docs/EVENTS-EXTENSIONS.md, "Limits");
- :mod:`.fast`: the reader's fast path, a function per type compiled from those checks;
- :mod:`.lines`: the lines of a log, at most 64 KiB each, read in chunks; strict JSON (no key twice,
  no ``NaN``);
- :mod:`.log`: :class:`EventLog`, the events in date order and by type, and :class:`Packed`, the
  events of one type held as columns (``read_events(packed=...)``, as ``check`` reads visits);
- :mod:`.typed`: the typed reader, a piece of lines decoded and checked at once by msgspec, the
  line-by-line reader taking any piece it has a doubt about;
- :mod:`.reader`: :func:`read_events`, the line loop (a path ending in ``.gz`` is read through gzip:
  :func:`open_log`), and the problems found, each with its line
  and field.
- :mod:`.schema`: the JSON Schema of one line (``changrenzhi schema events``), from the same checks.

The typed reader parses with msgspec, the line-by-line reader with pydantic-core's JSON parser; the
ids of people and groups that recur on every line are shared, which keeps a million-event log small
in memory.
"""

from __future__ import annotations

from .log import EventLog, Packed, Positions
from .reader import EventSource, open_log, read_events, read_objects
from .types import (
    EVENT_TYPES,
    ActivityHeld,
    AgendaDecided,
    AgendaProposed,
    AppraisalHeld,
    CommitteeAppointed,
    CommitteeAssigned,
    CommitteeReception,
    CommitteeVisit,
    CongressOpened,
    Contact,
    ContactAssigned,
    ContactKind,
    ContactVisit,
    ElectionHeld,
    Event,
    GroupActivity,
    GroupChanged,
    GroupFormed,
    GroupPlan,
    GroupReport,
    InspectionHeld,
    InspectionReported,
    MeetingHeld,
    MemberTransferred,
    PledgeDone,
    PledgeMade,
    ProposalAnswered,
    ProposalFiled,
    PublicityPosted,
    Rating,
    RatingGiven,
    RepCredentialed,
    RepDisqualified,
    RepElected,
    ReportMade,
    RepReported,
    RepSuggested,
    ResolutionChanged,
    StudySession,
    TrainingHeld,
    VisitMonthHeld,
    VoteHeld,
)

__all__ = [
    "EVENT_TYPES",
    "ActivityHeld",
    "AgendaDecided",
    "AgendaProposed",
    "AppraisalHeld",
    "CommitteeAppointed",
    "CommitteeAssigned",
    "CommitteeReception",
    "CommitteeVisit",
    "CongressOpened",
    "Contact",
    "ContactAssigned",
    "ContactKind",
    "ContactVisit",
    "ElectionHeld",
    "Event",
    "EventLog",
    "EventSource",
    "GroupActivity",
    "GroupChanged",
    "GroupFormed",
    "GroupPlan",
    "GroupReport",
    "InspectionHeld",
    "InspectionReported",
    "MeetingHeld",
    "MemberTransferred",
    "Packed",
    "PledgeDone",
    "PledgeMade",
    "Positions",
    "ProposalAnswered",
    "ProposalFiled",
    "PublicityPosted",
    "Rating",
    "RatingGiven",
    "RepCredentialed",
    "RepDisqualified",
    "RepElected",
    "RepReported",
    "RepSuggested",
    "ReportMade",
    "ResolutionChanged",
    "StudySession",
    "TrainingHeld",
    "VisitMonthHeld",
    "VoteHeld",
    "open_log",
    "read_events",
    "read_objects",
]
