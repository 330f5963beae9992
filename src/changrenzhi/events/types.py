"""The event types of version 1 of the log (docs/EVENTS.md) and their vocabularies.

Each event type is a ``msgspec.Struct`` (slotted, compared by identity, untracked by the cyclic
garbage collector: an event holds only strings, numbers, dates and tuples of them); its annotations
*are* the schema: the reader derives a check for every field from them (:mod:`.fields`). ``TYPE`` is
the type's name in the log. :func:`event_fields` lists a type's fields with their defaults.

An event is built by keyword or by position (``id``, ``date``, ``line``, then the type's fields in
the order declared here), and is built in C: the reader makes a million of them in a fraction of the
time a dataclass's ``__init__`` would take (issue 11).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar, Literal

import msgspec

LOG_FORMAT_VERSION = 1
Ids = tuple[str, ...]
ContactKind = Literal["member", "citizen", "activist", "village", "household"]
Rating = Literal["excellent", "competent", "qualified", "unqualified", "incompetent"]


class Contact(msgspec.Struct, frozen=True, gc=False):
    """One person (or village, household) a rep looks after."""

    person: str
    kind: ContactKind


class Event(msgspec.Struct, eq=False, gc=False):
    """Fields every event has. ``line`` is its line in the log (its position)."""

    TYPE: ClassVar[str] = ""
    id: str
    date: date
    line: int

    @property
    def type(self) -> str:
        return self.TYPE


# ---- roster ---------------------------------------------------------------
class CongressOpened(Event):
    """The congress that starts the term; its date is the term's first day."""

    TYPE: ClassVar[str] = "congress.opened"
    term_years: int | None = None


class RepElected(Event):
    """A rep takes a seat (also by-elections)."""

    TYPE: ClassVar[str] = "rep.elected"
    rep: str
    unit: str | None = None
    category: str | None = None
    gender: str | None = None
    birth_year: int | None = None
    ethnic_minority: bool | None = None
    education: str | None = None


class RepCredentialed(Event):
    """A rep's certificate and handbook are issued."""

    TYPE: ClassVar[str] = "rep.credentialed"
    rep: str


class RepDisqualified(Event):
    """A rep loses the seat (e.g. ``membership_transferred``)."""

    TYPE: ClassVar[str] = "rep.disqualified"
    rep: str
    reason: str


class CommitteeAppointed(Event):
    """A party-committee member takes office."""

    TYPE: ClassVar[str] = "committee.appointed"
    member: str


class GroupFormed(Event):
    """A rep group is formed, with its members and officers."""

    TYPE: ClassVar[str] = "group.formed"
    group: str
    members: Ids
    leader: str | None = None
    deputy: str | None = None
    liaison: str | None = None


class GroupChanged(Event):
    """A group's members (``add``, ``remove``) or officers change."""

    TYPE: ClassVar[str] = "group.changed"
    group: str
    add: Ids = ()
    remove: Ids = ()
    leader: str | None = None
    deputy: str | None = None
    liaison: str | None = None


class ContactAssigned(Event):
    """Whom a rep looks after (replaces the rep's earlier assignment)."""

    TYPE: ClassVar[str] = "contact.assigned"
    rep: str
    contacts: tuple[Contact, ...]


class CommitteeAssigned(Event):
    """Whom a committee member looks after (replaces the member's earlier assignment)."""

    TYPE: ClassVar[str] = "committee.assigned"
    member: str
    reps: Ids = ()
    groups: Ids = ()


# ---- activities -----------------------------------------------------------
class StudySession(Event):
    """A group study session; absent = the group's members on that date − attendees."""

    TYPE: ClassVar[str] = "study.session"
    group: str
    attendees: Ids
    excused: Ids = ()
    days: float = 1.0


class TrainingHeld(Event):
    """Concentrated training."""

    TYPE: ClassVar[str] = "training.held"
    participants: Ids
    days: float


class ContactVisit(Event):
    """A rep visits someone they look after."""

    TYPE: ClassVar[str] = "contact.visit"
    rep: str
    person: str


class CommitteeVisit(Event):
    """A committee member meets a rep or a group."""

    TYPE: ClassVar[str] = "committee.visit"
    member: str
    rep: str | None = None
    group: str | None = None


class CommitteeReception(Event):
    """A reception day for group leaders."""

    TYPE: ClassVar[str] = "committee.reception"
    member: str
    #: extension: the day the schedule naming this member was posted
    posted: date | None = None
    #: extension: the group leaders or deputies received
    visitors: Ids = ()
    #: extension: whether a record of the reception was kept
    recorded: bool | None = None


class GroupActivity(Event):
    """A group's activity; whole-group when every member attends or ``whole_group`` is true."""

    TYPE: ClassVar[str] = "group.activity"
    group: str
    attendees: Ids
    days: float = 1.0
    theme: str | None = None
    whole_group: bool = False
    #: extension: the day the theme and content were announced to the reps
    announced: date | None = None


class GroupPlan(Event):
    """The group's yearly plan is settled."""

    TYPE: ClassVar[str] = "group.plan"
    group: str
    year: int


class GroupReport(Event):
    """The group's written contact report for a meeting."""

    TYPE: ClassVar[str] = "group.report"
    group: str
    meeting: str


class MeetingHeld(Event):
    """A meeting took place; it lists its ``attendees`` or counts them (``present``)."""

    TYPE: ClassVar[str] = "meeting.held"
    meeting: str
    kind: str
    attendees: Ids | None = None
    present: int | None = None
    convened_by: str | None = None
    chaired_by: str | None = None
    presidium: bool | None = None
    preparatory: bool | None = None
    #: extension: absent reps who asked for leave beforehand
    excused: Ids = ()
    #: extension: reps invited to attend (列席) a meeting they are not members of
    invited: Ids = ()


class AgendaProposed(Event):
    """An item is put forward for a meeting."""

    TYPE: ClassVar[str] = "agenda.proposed"
    meeting: str
    item: str
    by: Literal["committee", "group", "reps"]
    proposers: Ids = ()
    groups: Ids = ()
    ad_hoc: bool = False


class AgendaDecided(Event):
    """The committee's decision on an item."""

    TYPE: ClassVar[str] = "agenda.decided"
    meeting: str
    item: str
    listed: bool
    notified: date | None = None


class VoteHeld(Event):
    """A vote."""

    TYPE: ClassVar[str] = "vote.held"
    meeting: str
    item: str
    matter: Literal["election", "personnel", "other"]
    method: Literal["secret", "hands"]
    yes: int
    no: int
    declared: Literal["passed", "failed"]
    abstain: int = 0


class ProposalFiled(Event):
    """A proposal, suggestion or inquiry."""

    TYPE: ClassVar[str] = "proposal.filed"
    proposal: str
    form: Literal["proposal", "suggestion", "inquiry"]
    sponsors: Ids
    due: date | None = None


class ProposalAnswered(Event):
    """A proposal was answered."""

    TYPE: ClassVar[str] = "proposal.answered"
    proposal: str
    mode: Literal["face_to_face", "written", "at_meeting"] | None = None


class InspectionHeld(Event):
    """An inspection visit."""

    TYPE: ClassVar[str] = "inspection.held"
    inspection: str
    participants: Ids
    notified: date | None = None
    unit: str | None = None


class InspectionReported(Event):
    """An inspection's report."""

    TYPE: ClassVar[str] = "inspection.reported"
    inspection: str


class RepReported(Event):
    """A rep's report (述职), by default the yearly report to their unit."""

    TYPE: ClassVar[str] = "rep.reported"
    rep: str
    #: extension: to whom (``unit``, ``branch``, ``group``, ``annual_meeting``)
    to: str | None = None


class RepSuggested(Event):
    """A constructive suggestion by a rep."""

    TYPE: ClassVar[str] = "rep.suggested"
    rep: str


class RatingGiven(Event):
    """An appraisal result."""

    TYPE: ClassVar[str] = "rating.given"
    person: str
    year: int
    rating: Rating


class ElectionHeld(Event):
    """One unit's ballot for one category."""

    TYPE: ClassVar[str] = "election.held"
    unit: str
    category: str
    seats: int
    candidates: int
    #: extension: a by-election (补选) to fill seats lost during the term
    by_election: bool = False
    #: extension: the procedural steps taken, in order (e.g. 登记, 报名, 推选, 公示, 审查, 直选)
    steps: tuple[str, ...] = ()
    #: extension: how many reps the ballot elected (足额: as many as its seats)
    elected: int | None = None
    #: extension: how the votes were cast
    method: Literal["secret", "hands"] | None = None


# ---- extensions to the v1 vocabulary (optional, backward compatible: docs/EVENTS.md) ----
class MemberTransferred(Event):
    """A rep's party membership moved to another organisation (组织关系调离)."""

    TYPE: ClassVar[str] = "member.transferred"
    rep: str


class ResolutionChanged(Event):
    """A resolution of the congress was changed; by which meeting's consent, and when reps were told."""

    TYPE: ClassVar[str] = "resolution.changed"
    resolution: str
    consented_by: str | None = None
    notified: date | None = None


class VisitMonthHeld(Event):
    """The committee's visit month (走访工作月): its span, when its schedule was issued, its minutes."""

    TYPE: ClassVar[str] = "visit_month.held"
    start: date
    end: date
    scheduled: date | None = None
    minutes: date | None = None


class AppraisalHeld(Event):
    """A democratic appraisal round (民主评议) for a year, and its panel."""

    TYPE: ClassVar[str] = "appraisal.held"
    year: int
    panel: Ids = ()
    panel_leader: str | None = None
    secret: bool | None = None
    dimensions: int | None = None


class PledgeMade(Event):
    """A rep's published pledge (承诺) with its completion date."""

    TYPE: ClassVar[str] = "pledge.made"
    pledge: str
    rep: str
    due: date
    published: bool = True


class PledgeDone(Event):
    """A pledge was carried out."""

    TYPE: ClassVar[str] = "pledge.done"
    pledge: str


class ActivityHeld(Event):
    """A named activity (e.g. 党代表座谈会, 信访接待日), by a group or town-wide."""

    TYPE: ClassVar[str] = "activity.held"
    activity: str
    group: str | None = None
    participants: Ids = ()


class PublicityPosted(Event):
    """Something made public (公示/公开/公布): ``what`` was posted, for a unit or a rep, at a place."""

    TYPE: ClassVar[str] = "publicity.posted"
    what: str
    unit: str | None = None
    rep: str | None = None
    place: str | None = None


class ReportMade(Event):
    """A report made to a meeting (the committee's work report, the execution of resolutions...): which
    report, the agenda ``item`` it was voted under (``vote.held`` of the same meeting and item), and
    whether the rep groups discussed it."""

    TYPE: ClassVar[str] = "report.made"
    meeting: str
    report: str
    item: str | None = None
    discussed: bool | None = None


EVENT_CLASSES: tuple[type[Event], ...] = (
    CongressOpened, RepElected, RepCredentialed, RepDisqualified, CommitteeAppointed,
    GroupFormed, GroupChanged, ContactAssigned, CommitteeAssigned,
    StudySession, TrainingHeld, ContactVisit, CommitteeVisit, CommitteeReception,
    GroupActivity, GroupPlan, GroupReport, MeetingHeld, AgendaProposed, AgendaDecided,
    VoteHeld, ProposalFiled, ProposalAnswered, InspectionHeld, InspectionReported,
    RepReported, RepSuggested, RatingGiven, ElectionHeld,
    MemberTransferred, ResolutionChanged, VisitMonthHeld, AppraisalHeld, PledgeMade, PledgeDone,
    ActivityHeld, PublicityPosted, ReportMade,
)  # fmt: skip
EVENT_TYPES: dict[str, type[Event]] = {cls.TYPE: cls for cls in EVENT_CLASSES}


def event_fields(cls: type[Event]) -> dict[str, Any]:
    """The fields of an event type in their order (``id``, ``date``, ``line`` first), each with its
    default, or ``msgspec.NODEFAULT`` for a required field."""
    return {f.name: f.default for f in msgspec.structs.fields(cls)}


#: the event types added to version 1 since it was agreed: optional additions a v1 producer never
#: writes (docs/EVENTS.md marks them)
EXTENSION_TYPES = frozenset(
    {
        "member.transferred",
        "resolution.changed",
        "visit_month.held",
        "appraisal.held",
        "pledge.made",
        "pledge.done",
        "activity.held",
        "publicity.posted",
        "report.made",
    }
)
#: the optional fields added to v1 types since, as (type, field): their absence means what v1 meant
EXTENSION_FIELDS = frozenset(
    {
        ("committee.reception", "posted"),
        ("committee.reception", "visitors"),
        ("committee.reception", "recorded"),
        ("group.activity", "announced"),
        ("meeting.held", "excused"),
        ("meeting.held", "invited"),
        ("rep.reported", "to"),
        ("election.held", "elected"),
        ("election.held", "method"),
        ("election.held", "by_election"),
        ("election.held", "steps"),
    }
)

# Fields that name a person or group, by the roster that must know them.
REP_FIELDS = frozenset(
    {
        "rep",
        "members",
        "leader",
        "deputy",
        "liaison",
        "add",
        "remove",
        "attendees",
        "excused",
        "participants",
        "proposers",
        "sponsors",
        "invited",
        "visitors",
        "panel",
        "panel_leader",
    }
)
GROUP_FIELDS = frozenset({"group", "groups"})
MEMBER_FIELDS = frozenset({"member"})


@dataclass(frozen=True, slots=True)
class Reference:
    """A sort of id that events name and one event type defines: each id named in a log must be
    defined somewhere in it."""

    #: the sort, as messages name it
    what: str
    #: the fields that name one
    fields: frozenset[str]
    #: the event type that defines one
    defined_by: str
    #: that event type's field holding the id
    key: str


#: the sorts of reference, in the order their problems are reported
REFERENCES = (
    Reference("rep", REP_FIELDS, "rep.elected", "rep"),
    Reference("group", GROUP_FIELDS, "group.formed", "group"),
    Reference("committee member", MEMBER_FIELDS, "committee.appointed", "member"),
)
