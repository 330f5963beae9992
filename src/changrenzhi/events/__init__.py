"""The event log: version 1 of the JSON Lines contract in EVENTS.md.

Each event type is a slotted dataclass; its annotations *are* the schema. The
reader derives a validator for every field from them once, at import, and
checks every line against it (types, required fields, enumerations, dates),
so the schema is written in one place. Parsing uses pydantic-core's JSON
parser, which caches short strings: the ids of people and groups that recur on
every line are shared, which keeps a million-event log small in memory.
"""

from __future__ import annotations

import bisect
import dataclasses
import gc
import itertools
import json
import math
import operator
import os
import sys
import typing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, ClassVar, Literal

import pydantic_core

from ..errors import EventLogError, Problem

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
    "ContactVisit",
    "ElectionHeld",
    "Event",
    "EventLog",
    "GroupActivity",
    "GroupChanged",
    "GroupFormed",
    "GroupPlan",
    "GroupReport",
    "InspectionHeld",
    "InspectionReported",
    "MeetingHeld",
    "MemberTransferred",
    "PledgeDone",
    "PledgeMade",
    "ProposalAnswered",
    "ProposalFiled",
    "PublicityPosted",
    "RatingGiven",
    "RepCredentialed",
    "RepDisqualified",
    "RepElected",
    "RepReported",
    "RepSuggested",
    "ResolutionChanged",
    "StudySession",
    "TrainingHeld",
    "VisitMonthHeld",
    "VoteHeld",
    "read_events",
]

LOG_FORMAT_VERSION = 1
Ids = tuple[str, ...]
ContactKind = Literal["member", "citizen", "activist", "village", "household"]
Rating = Literal["excellent", "competent", "qualified", "unqualified", "incompetent"]


@dataclass(frozen=True, slots=True)
class Contact:
    """One person (or village, household) a rep looks after."""

    person: str
    kind: ContactKind


@dataclass(slots=True, eq=False)
class Event:
    """Fields every event has. ``line`` is its line in the log (its position)."""

    TYPE: ClassVar[str] = ""
    id: str
    date: date
    line: int

    @property
    def type(self) -> str:
        return self.TYPE


# ---- roster ---------------------------------------------------------------
@dataclass(slots=True, eq=False)
class CongressOpened(Event):
    TYPE: ClassVar[str] = "congress.opened"
    term_years: int | None = None


@dataclass(slots=True, eq=False)
class RepElected(Event):
    TYPE: ClassVar[str] = "rep.elected"
    rep: str
    unit: str | None = None
    category: str | None = None
    gender: str | None = None
    birth_year: int | None = None
    ethnic_minority: bool | None = None
    education: str | None = None


@dataclass(slots=True, eq=False)
class RepCredentialed(Event):
    TYPE: ClassVar[str] = "rep.credentialed"
    rep: str


@dataclass(slots=True, eq=False)
class RepDisqualified(Event):
    TYPE: ClassVar[str] = "rep.disqualified"
    rep: str
    reason: str


@dataclass(slots=True, eq=False)
class CommitteeAppointed(Event):
    TYPE: ClassVar[str] = "committee.appointed"
    member: str


@dataclass(slots=True, eq=False)
class GroupFormed(Event):
    TYPE: ClassVar[str] = "group.formed"
    group: str
    members: Ids
    leader: str | None = None
    deputy: str | None = None
    liaison: str | None = None


@dataclass(slots=True, eq=False)
class GroupChanged(Event):
    TYPE: ClassVar[str] = "group.changed"
    group: str
    add: Ids = ()
    remove: Ids = ()
    leader: str | None = None
    deputy: str | None = None
    liaison: str | None = None


@dataclass(slots=True, eq=False)
class ContactAssigned(Event):
    TYPE: ClassVar[str] = "contact.assigned"
    rep: str
    contacts: tuple[Contact, ...]


@dataclass(slots=True, eq=False)
class CommitteeAssigned(Event):
    TYPE: ClassVar[str] = "committee.assigned"
    member: str
    reps: Ids = ()
    groups: Ids = ()


# ---- activities -----------------------------------------------------------
@dataclass(slots=True, eq=False)
class StudySession(Event):
    TYPE: ClassVar[str] = "study.session"
    group: str
    attendees: Ids
    excused: Ids = ()
    days: float = 1.0


@dataclass(slots=True, eq=False)
class TrainingHeld(Event):
    TYPE: ClassVar[str] = "training.held"
    participants: Ids
    days: float


@dataclass(slots=True, eq=False)
class ContactVisit(Event):
    TYPE: ClassVar[str] = "contact.visit"
    rep: str
    person: str


@dataclass(slots=True, eq=False)
class CommitteeVisit(Event):
    TYPE: ClassVar[str] = "committee.visit"
    member: str
    rep: str | None = None
    group: str | None = None


@dataclass(slots=True, eq=False)
class CommitteeReception(Event):
    TYPE: ClassVar[str] = "committee.reception"
    member: str
    #: extension: the day the schedule naming this member was posted
    posted: date | None = None
    #: extension: the group leaders or deputies received
    visitors: Ids = ()
    #: extension: whether a record of the reception was kept
    recorded: bool | None = None


@dataclass(slots=True, eq=False)
class GroupActivity(Event):
    TYPE: ClassVar[str] = "group.activity"
    group: str
    attendees: Ids
    days: float = 1.0
    theme: str | None = None
    whole_group: bool = False
    #: extension: the day the theme and content were announced to the reps
    announced: date | None = None


@dataclass(slots=True, eq=False)
class GroupPlan(Event):
    TYPE: ClassVar[str] = "group.plan"
    group: str
    year: int


@dataclass(slots=True, eq=False)
class GroupReport(Event):
    TYPE: ClassVar[str] = "group.report"
    group: str
    meeting: str


@dataclass(slots=True, eq=False)
class MeetingHeld(Event):
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


@dataclass(slots=True, eq=False)
class AgendaProposed(Event):
    TYPE: ClassVar[str] = "agenda.proposed"
    meeting: str
    item: str
    by: Literal["committee", "group", "reps"]
    proposers: Ids = ()
    groups: Ids = ()
    ad_hoc: bool = False


@dataclass(slots=True, eq=False)
class AgendaDecided(Event):
    TYPE: ClassVar[str] = "agenda.decided"
    meeting: str
    item: str
    listed: bool
    notified: date | None = None


@dataclass(slots=True, eq=False)
class VoteHeld(Event):
    TYPE: ClassVar[str] = "vote.held"
    meeting: str
    item: str
    matter: Literal["election", "personnel", "other"]
    method: Literal["secret", "hands"]
    yes: int
    no: int
    declared: Literal["passed", "failed"]
    abstain: int = 0


@dataclass(slots=True, eq=False)
class ProposalFiled(Event):
    TYPE: ClassVar[str] = "proposal.filed"
    proposal: str
    form: Literal["proposal", "suggestion", "inquiry"]
    sponsors: Ids
    due: date | None = None


@dataclass(slots=True, eq=False)
class ProposalAnswered(Event):
    TYPE: ClassVar[str] = "proposal.answered"
    proposal: str
    mode: Literal["face_to_face", "written", "at_meeting"] | None = None


@dataclass(slots=True, eq=False)
class InspectionHeld(Event):
    TYPE: ClassVar[str] = "inspection.held"
    inspection: str
    participants: Ids
    notified: date | None = None
    unit: str | None = None


@dataclass(slots=True, eq=False)
class InspectionReported(Event):
    TYPE: ClassVar[str] = "inspection.reported"
    inspection: str


@dataclass(slots=True, eq=False)
class RepReported(Event):
    TYPE: ClassVar[str] = "rep.reported"
    rep: str
    #: extension: to whom (``unit``, ``branch``, ``group``, ``annual_meeting``)
    to: str | None = None


@dataclass(slots=True, eq=False)
class RepSuggested(Event):
    TYPE: ClassVar[str] = "rep.suggested"
    rep: str


@dataclass(slots=True, eq=False)
class RatingGiven(Event):
    TYPE: ClassVar[str] = "rating.given"
    person: str
    year: int
    rating: Rating


@dataclass(slots=True, eq=False)
class ElectionHeld(Event):
    TYPE: ClassVar[str] = "election.held"
    unit: str
    category: str
    seats: int
    candidates: int
    #: extension: a by-election (补选) to fill seats lost during the term
    by_election: bool = False
    #: extension: the procedural steps taken, in order (e.g. 登记, 报名, 推选, 公示, 审查, 直选)
    steps: tuple[str, ...] = ()


# ---- extensions to the v1 vocabulary (optional, backward compatible: docs/EVENTS-EXTENSIONS.md) ----
@dataclass(slots=True, eq=False)
class MemberTransferred(Event):
    """A rep's party membership moved to another organisation (组织关系调离)."""

    TYPE: ClassVar[str] = "member.transferred"
    rep: str


@dataclass(slots=True, eq=False)
class ResolutionChanged(Event):
    """A resolution of the congress was changed; by which meeting's consent, and when reps were told."""

    TYPE: ClassVar[str] = "resolution.changed"
    resolution: str
    consented_by: str | None = None
    notified: date | None = None


@dataclass(slots=True, eq=False)
class VisitMonthHeld(Event):
    """The committee's visit month (走访工作月): its span, when its schedule was issued, its minutes."""

    TYPE: ClassVar[str] = "visit_month.held"
    start: date
    end: date
    scheduled: date | None = None
    minutes: date | None = None


@dataclass(slots=True, eq=False)
class AppraisalHeld(Event):
    """A democratic appraisal round (民主评议) for a year, and its panel."""

    TYPE: ClassVar[str] = "appraisal.held"
    year: int
    panel: Ids = ()
    panel_leader: str | None = None
    secret: bool | None = None
    dimensions: int | None = None


@dataclass(slots=True, eq=False)
class PledgeMade(Event):
    """A rep's published pledge (承诺) with its completion date."""

    TYPE: ClassVar[str] = "pledge.made"
    pledge: str
    rep: str
    due: date
    published: bool = True


@dataclass(slots=True, eq=False)
class PledgeDone(Event):
    TYPE: ClassVar[str] = "pledge.done"
    pledge: str


@dataclass(slots=True, eq=False)
class ActivityHeld(Event):
    """A named activity (e.g. 党代表座谈会, 信访接待日), by a group or town-wide."""

    TYPE: ClassVar[str] = "activity.held"
    activity: str
    group: str | None = None
    participants: Ids = ()


@dataclass(slots=True, eq=False)
class PublicityPosted(Event):
    """Something made public (公示/公开/公布): ``what`` was posted, for a unit or a rep, at a place."""

    TYPE: ClassVar[str] = "publicity.posted"
    what: str
    unit: str | None = None
    rep: str | None = None
    place: str | None = None


EVENT_CLASSES: tuple[type[Event], ...] = (
    CongressOpened, RepElected, RepCredentialed, RepDisqualified, CommitteeAppointed,
    GroupFormed, GroupChanged, ContactAssigned, CommitteeAssigned,
    StudySession, TrainingHeld, ContactVisit, CommitteeVisit, CommitteeReception,
    GroupActivity, GroupPlan, GroupReport, MeetingHeld, AgendaProposed, AgendaDecided,
    VoteHeld, ProposalFiled, ProposalAnswered, InspectionHeld, InspectionReported,
    RepReported, RepSuggested, RatingGiven, ElectionHeld,
    MemberTransferred, ResolutionChanged, VisitMonthHeld, AppraisalHeld, PledgeMade, PledgeDone,
    ActivityHeld, PublicityPosted,
)  # fmt: skip
EVENT_TYPES: dict[str, type[Event]] = {cls.TYPE: cls for cls in EVENT_CLASSES}

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


# ---- validation -----------------------------------------------------------
class _Bad(Exception):
    """Raised by a field validator; carries the message for the user."""


Validator = Callable[[Any], Any]
_DATE_CACHE: dict[str, date] = {}


def parse_date(value: Any) -> date:
    """Strict ``YYYY-MM-DD`` (``date.fromisoformat`` alone accepts more forms in 3.11+)."""
    if type(value) is str:
        cached = _DATE_CACHE.get(value)
        if cached is not None:
            return cached
        if len(value) == 10 and value[4] == "-" and value[7] == "-" and value[:4].isdigit():
            try:
                parsed = date.fromisoformat(value)
            except ValueError:
                pass
            else:
                if len(_DATE_CACHE) < 100_000:
                    _DATE_CACHE[value] = parsed
                return parsed
    raise _Bad(f"expected a date YYYY-MM-DD, got {value!r}")


def _v_str(value: Any) -> str:
    if type(value) is not str or not value:
        raise _Bad(f"expected a non-empty string, got {value!r}")
    return value


def _v_id(value: Any) -> str:
    if type(value) is not str or not value:
        raise _Bad(f"expected a non-empty id, got {value!r}")
    return sys.intern(value)


def _v_int(value: Any) -> int:
    if type(value) is not int or value < 0:
        raise _Bad(f"expected a whole number >= 0, got {value!r}")
    return value


def _v_num(value: Any) -> float:
    if type(value) not in (int, float) or not math.isfinite(value) or value <= 0:
        raise _Bad(f"expected a positive number, got {value!r}")
    return float(value)


def _v_bool(value: Any) -> bool:
    if type(value) is not bool:
        raise _Bad(f"expected true or false, got {value!r}")
    return value


def _v_ids(value: Any) -> Ids:
    if type(value) is not list:
        raise _Bad(f"expected a list of ids, got {value!r}")
    for v in value:
        if type(v) is not str or not v:
            raise _Bad(f"expected a list of non-empty ids, found {v!r}")
    out = tuple(sys.intern(v) for v in value)
    if len(set(out)) != len(out):
        dup = next(v for v in out if out.count(v) > 1)
        raise _Bad(f"lists {dup!r} twice")
    return out


_CONTACT_KINDS = typing.get_args(ContactKind)


def _v_contacts(value: Any) -> tuple[Contact, ...]:
    if type(value) is not list:
        raise _Bad(f"expected a list of {{person, kind}}, got {value!r}")
    out = []
    seen = set()
    for i, c in enumerate(value):
        if type(c) is not dict:
            raise _Bad(f"[{i}]: expected an object {{person, kind}}, got {c!r}")
        extra = set(c) - {"person", "kind"}
        if extra:
            raise _Bad(f"[{i}]: unknown field {sorted(extra)[0]!r}")
        person, kind = c.get("person"), c.get("kind")
        if type(person) is not str or not person:
            raise _Bad(f"[{i}].person: required, a non-empty id")
        if kind not in _CONTACT_KINDS:
            raise _Bad(f"[{i}].kind: expected one of {', '.join(_CONTACT_KINDS)}, got {kind!r}")
        if person in seen:
            raise _Bad(f"[{i}].person: {person!r} listed twice")
        seen.add(person)
        out.append(Contact(sys.intern(person), typing.cast(ContactKind, kind)))
    return tuple(out)


_ENUMS: dict[Validator, frozenset[str]] = {}


def _v_enum(choices: tuple[str, ...]) -> Validator:
    allowed = frozenset(choices)

    def check(value: Any) -> str:
        if type(value) is not str or value not in allowed:
            raise _Bad(f"expected one of {', '.join(choices)}, got {value!r}")
        return str(value)

    _ENUMS[check] = allowed
    return check


@dataclass(frozen=True, slots=True)
class _FieldSpec:
    name: str
    check: Validator
    required: bool
    nullable: bool


@dataclass(frozen=True, slots=True)
class _TypeSpec:
    cls: type[Event]
    fields: tuple[_FieldSpec, ...]
    allowed: frozenset[str]
    rep_fields: tuple[str, ...]
    group_fields: tuple[str, ...]
    member_fields: tuple[str, ...]


def _validator_for(name: str, hint: Any) -> tuple[Validator, bool]:
    """Map an annotation to (validator, nullable)."""
    nullable = False
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, __import__("types").UnionType) and type(None) in args:
        nullable = True
        rest = [a for a in args if a is not type(None)]
        hint = rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]  # noqa: UP007
    if hint is str:
        return (
            _v_id
            if name
            in REP_FIELDS
            | GROUP_FIELDS
            | MEMBER_FIELDS
            | {"person", "meeting", "item", "proposal", "inspection", "unit", "category"}
            | {"resolution", "pledge", "consented_by", "activity"}
            else _v_str
        ), nullable
    if hint is int:
        return _v_int, nullable
    if hint is float:
        return _v_num, nullable
    if hint is bool:
        return _v_bool, nullable
    if hint is date:
        return parse_date, nullable
    if hint == Ids:
        return _v_ids, nullable
    if hint == tuple[Contact, ...]:
        return _v_contacts, nullable
    if typing.get_origin(hint) is Literal:
        return _v_enum(tuple(typing.get_args(hint))), nullable
    raise TypeError(f"no validator for field {name!r}: {hint!r}")  # pragma: no cover - a programming error


def _spec_for(cls: type[Event]) -> _TypeSpec:
    hints = typing.get_type_hints(cls)
    specs = []
    for f in dataclasses.fields(cls):
        if f.name in ("id", "date", "line"):
            continue
        check, nullable = _validator_for(f.name, hints[f.name])
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        specs.append(_FieldSpec(f.name, check, required, nullable))
    names = tuple(s.name for s in specs)
    return _TypeSpec(
        cls=cls,
        fields=tuple(specs),
        allowed=frozenset({"id", "type", "date", *names}),
        rep_fields=tuple(n for n in names if n in REP_FIELDS),
        group_fields=tuple(n for n in names if n in GROUP_FIELDS),
        member_fields=tuple(n for n in names if n in MEMBER_FIELDS),
    )


_SPECS: dict[str, _TypeSpec] = {t: _spec_for(c) for t, c in EVENT_TYPES.items()}


# ---- the fast path ----------------------------------------------------------
# For each type, a function compiled from its _TypeSpec that accepts exactly the
# lines the generic path (_Reader.line) accepts, builds the same event and notes
# the same references, but inlines the common checks and passes the fields
# positionally. It returns None for anything it does not accept; the caller then
# hands the line to the generic path, which reports the problem. So the fast path
# decides only *speed*: errors and their messages come from one place.
def _fast_source(spec: _TypeSpec) -> tuple[str, dict[str, Any]]:
    ns: dict[str, Any] = {"_Bad": _Bad, "_intern": sys.intern, "_cls": spec.cls, "_allowed": spec.allowed}
    ns["_is_extension"] = _is_extension
    defaults = {f.name: f.default for f in dataclasses.fields(spec.cls)}
    body: list[str] = []
    args: list[str] = []
    for i, fs in enumerate(spec.fields):
        f = f"f{i}"
        args.append(f)
        # the check, returning None for a value the generic path would reject (None included)
        if fs.check is _v_id:
            check = ["if type(v) is not str or not v:", "    return None", f"{f} = _intern(v)"]
        elif fs.check is _v_str:
            check = ["if type(v) is not str or not v:", "    return None", f"{f} = v"]
        elif fs.check is _v_int:
            check = ["if type(v) is not int or v < 0:", "    return None", f"{f} = v"]
        elif fs.check is _v_bool:
            check = ["if type(v) is not bool:", "    return None", f"{f} = v"]
        elif fs.check in _ENUMS:
            ns[f"_e{i}"] = _ENUMS[fs.check]
            check = [f"if type(v) is not str or v not in _e{i}:", "    return None", f"{f} = v"]
        else:
            ns[f"_c{i}"] = fs.check
            check = ["if v is None:", "    return None", "try:", f"    {f} = _c{i}(v)", "except _Bad:",
                     "    return None"]  # fmt: skip
        if fs.required:  # counted in n from the start; a missing key raises KeyError: the generic path
            body.append(f"v = obj[{fs.name!r}]")
            body += check
            continue
        body.append(f"v = obj.get({fs.name!r})")
        ns[f"_d{i}"] = defaults[fs.name]
        body.append("if v is None:")
        body.append(f"    if {fs.name!r} in obj:")
        body.append("        n += 1" if fs.nullable else "        return None")
        body.append(f"    {f} = _d{i}")
        body.append("else:")
        body.append("    n += 1")
        body += ["    " + line for line in check]
    body += [
        "if n != len(obj):",
        "    for k in obj:",
        "        if k not in _allowed and not _is_extension(k):",
        "            return None",
    ]
    if spec.cls is MeetingHeld:
        names = [fs.name for fs in spec.fields]
        a, p = args[names.index("attendees")], args[names.index("present")]
        body += [f"if {a} is None and {p} is None:", "    return None"]
    body.append(f"ev = _cls(eid, when, lineno{''.join(', ' + a for a in args)})")
    defining = {"rep.elected": "reps.add(ev.rep)", "group.formed": "groups.add(ev.group)",
                "committee.appointed": "members.add(ev.member)"}.get(spec.cls.TYPE)  # fmt: skip
    if defining:
        body.append(defining)
    for refs, fields in (("rep_refs", spec.rep_fields), ("group_refs", spec.group_fields),
                         ("member_refs", spec.member_fields)):  # fmt: skip
        for name in fields:
            k = [fs.name for fs in spec.fields].index(name)
            f, pad = args[k], "" if spec.fields[k].required else "    "
            if pad:
                body.append(f"if {f} is not None:")
            if typing.get_type_hints(spec.cls)[name] in (str, str | None):
                body += [f"{pad}if {f} not in {refs}:", f"{pad}    {refs}[{f}] = (lineno, {name!r})"]
            else:
                body += [f"{pad}for x in {f}:", f"{pad}    if x not in {refs}:",
                         f"{pad}        {refs}[x] = (lineno, {name!r})"]  # fmt: skip
    body += ["append(ev)", "return ev"]
    src = (
        "def _bind(rep_refs, group_refs, member_refs, reps, groups, members, append):\n"
        "    def make(obj, eid, when, lineno):\n"
        f"        n = {3 + sum(fs.required for fs in spec.fields)}\n"  # id, type, date and the required
        + "".join(f"        {line}\n" for line in body)
        + "    return make\n"
    )
    return src, ns


def _compile_fast(spec: _TypeSpec) -> Callable[..., Callable[[dict[str, Any], str, date, int], Event | None]]:
    src, ns = _fast_source(spec)
    exec(compile(src, f"<changrenzhi fast reader: {spec.cls.TYPE}>", "exec"), ns)
    return typing.cast(Callable[..., Callable[[dict[str, Any], str, date, int], Event | None]], ns["_bind"])


def _is_extension(key: str) -> bool:
    """Fields named ``x_...`` or ``x-...`` are a producer's own and are carried, not checked."""
    return key.startswith(("x_", "x-"))


_FAST_BINDERS = {t: _compile_fast(spec) for t, spec in _SPECS.items()}


# ---- the log --------------------------------------------------------------
@dataclass(slots=True)
class EventLog:
    """A validated event log, ordered by date and then by position in the file."""

    name: str
    events: list[Event]
    by_type: dict[str, list[Event]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.by_type:
            index: dict[str, list[Event]] = {}
            for ev in self.events:
                index.setdefault(ev.TYPE, []).append(ev)
            self.by_type = index

    def __len__(self) -> int:
        return len(self.events)

    def __iter__(self) -> Iterator[Event]:
        return iter(self.events)

    def of(self, event_type: str) -> list[Event]:
        """The events of one type, in log order."""
        return self.by_type.get(event_type, [])

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(e.id for e in self.events)

    def until(self, as_of: date) -> EventLog:
        """Only the events dated on or before ``as_of`` (EVENTS.md "Time")."""
        if not self.events or self.events[-1].date <= as_of:
            return self
        # the log is in date order, and so is each type's list: cut them where as_of falls
        kept = self.events[: bisect.bisect_right(self.events, as_of, key=_by_date)]
        by_type = {}
        for t, evs in self.by_type.items():
            n = bisect.bisect_right(evs, as_of, key=_by_date)
            if n:
                by_type[t] = evs[:n]
        return EventLog(self.name, kept, by_type)


class _Reader:
    def __init__(self, name: str, max_errors: int) -> None:
        self.name = name
        self.max_errors = max_errors
        self.problems: list[Problem] = []
        self.seen: set[str] = set()
        self.events: list[Event] = []
        # first line that names each rep / group / committee member, and where they are defined
        self.rep_refs: dict[str, tuple[int, str]] = {}
        self.group_refs: dict[str, tuple[int, str]] = {}
        self.member_refs: dict[str, tuple[int, str]] = {}
        self.reps: set[str] = set()
        self.groups: set[str] = set()
        self.members: set[str] = set()
        # events by type, in file order; the fast path appends to these lists directly
        self.by_type: dict[str, list[Event]] = {t: [] for t in EVENT_TYPES}
        self.fast: dict[str, Callable[[dict[str, Any], str, date, int], Event | None]] = {}
        for t, bind in _FAST_BINDERS.items():
            self.fast[t] = bind(
                self.rep_refs,
                self.group_refs,
                self.member_refs,
                self.reps,
                self.groups,
                self.members,
                self.by_type[t].append,
            )

    def problem(self, line: int, fld: str | None, message: str) -> None:
        self.problems.append(Problem(self.name, line, fld, message))
        if len(self.problems) >= self.max_errors:
            raise EventLogError(
                [*self.problems, Problem(self.name, None, None, f"stopped after {self.max_errors} errors")]
            )

    def line(self, lineno: int, raw: bytes | str) -> None:
        try:
            obj = pydantic_core.from_json(raw, cache_strings="keys")
        except ValueError as exc:
            self.problem(lineno, None, f"not valid JSON ({exc})")
            return
        if type(obj) is not dict:
            self.problem(lineno, None, "expected a JSON object")
            return
        etype = obj.get("type")
        spec = _SPECS.get(etype) if type(etype) is str else None
        if spec is None:
            if etype is None:
                self.problem(lineno, "type", "required")
            elif type(etype) is str:
                self.problem(lineno, "type", f"unknown event type {etype!r}{_suggest(etype)}")
            else:
                self.problem(lineno, "type", f"expected a string, got {json.dumps(etype)}")
            return
        eid = obj.get("id")
        if type(eid) is not str or not eid:
            self.problem(
                lineno,
                "id",
                "required, a non-empty string" if eid is None else f"expected a string, got {eid!r}",
            )
            return
        if eid in self.seen:
            self.problem(lineno, "id", f"duplicate id {eid!r}")
            return
        self.seen.add(eid)
        try:
            when = parse_date(obj.get("date"))
        except _Bad as bad:
            self.problem(lineno, "date", "required" if "date" not in obj else str(bad))
            return
        kwargs: dict[str, Any] = {}
        matched = 3
        for fs in spec.fields:
            value = obj.get(fs.name)
            if value is None:
                if fs.name in obj:
                    matched += 1
                    if fs.nullable:
                        continue
                    self.problem(lineno, fs.name, "must not be null")
                    return
                if fs.required:
                    self.problem(lineno, fs.name, "required")
                    return
                continue
            matched += 1
            try:
                kwargs[fs.name] = fs.check(value)
            except _Bad as bad:
                self.problem(lineno, fs.name, str(bad))
                return
        if matched != len(obj):
            extra = sorted(k for k in obj if k not in spec.allowed and not _is_extension(k))
            if extra:
                self.problem(lineno, extra[0], f"unknown field for {etype}{_suggest(extra[0], spec.allowed)}")
                return
        if etype == "meeting.held" and "attendees" not in kwargs and "present" not in kwargs:
            self.problem(lineno, "attendees", "required (or 'present', a count)")
            return
        ev = spec.cls(eid, when, lineno, **kwargs)
        self.events.append(ev)
        self.by_type[spec.cls.TYPE].append(ev)
        self._note_refs(spec, ev, lineno)

    def _note_refs(self, spec: _TypeSpec, ev: Event, lineno: int) -> None:
        etype = spec.cls.TYPE
        if etype == "rep.elected":
            self.reps.add(ev.rep)  # type: ignore[attr-defined]
        elif etype == "group.formed":
            self.groups.add(ev.group)  # type: ignore[attr-defined]
        elif etype == "committee.appointed":
            self.members.add(ev.member)  # type: ignore[attr-defined]
        for name in spec.rep_fields:
            value = getattr(ev, name)
            if value is None:
                continue
            for rep in (value,) if type(value) is str else value:
                if rep not in self.rep_refs:
                    self.rep_refs[rep] = (lineno, name)
        for name in spec.group_fields:
            value = getattr(ev, name)
            if value is None:
                continue
            for g in (value,) if type(value) is str else value:
                if g not in self.group_refs:
                    self.group_refs[g] = (lineno, name)
        for name in spec.member_fields:
            value = getattr(ev, name)
            if value not in self.member_refs:
                self.member_refs[value] = (lineno, name)

    def finish(self) -> EventLog:
        for refs, known, what, defining in (
            (self.rep_refs, self.reps, "rep", "rep.elected"),
            (self.group_refs, self.groups, "group", "group.formed"),
            (self.member_refs, self.members, "committee member", "committee.appointed"),
        ):
            for ident, (lineno, fld) in sorted(refs.items(), key=lambda kv: kv[1]):
                if ident not in known:
                    self.problems.append(
                        Problem(self.name, lineno, fld, f"unknown {what} {ident!r}: no {defining} in the log")
                    )
        if self.problems:
            raise EventLogError(self.problems[: self.max_errors])
        # A stable sort by date alone keeps file order within a day: exactly "date, then position".
        # Sorting each type's list the same way gives the same lists as filtering the sorted log.
        # A log written in date order (the usual case) needs no sort at all.
        events = self.events
        dates = list(map(_by_date, events))
        if not all(map(operator.le, dates, itertools.islice(dates, 1, None))):
            events.sort(key=_by_date)
            for evs in self.by_type.values():
                evs.sort(key=_by_date)
        del dates
        return EventLog(self.name, events, {t: evs for t, evs in self.by_type.items() if evs})


_by_date: Callable[[Event], date] = operator.attrgetter("date")


def _suggest(word: str, choices: Iterable[str] | None = None) -> str:
    import difflib

    pool = list(choices) if choices is not None else list(EVENT_TYPES)
    close = difflib.get_close_matches(word, pool, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def read_events(
    source: str | os.PathLike[str] | Iterable[str | bytes],
    *,
    name: str | None = None,
    max_errors: int = 50,
) -> EventLog:
    """Read and validate a JSON Lines event log.

    ``source`` is a path, or an iterable of lines (then ``name`` labels them in
    errors). Blank lines and lines starting with ``#`` are skipped. Raises
    :class:`EventLogError` listing every problem found (up to ``max_errors``),
    each with its line and field.
    """
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        label = name or str(source)
        reader = _Reader(label, max_errors)
        try:
            handle = path.open("rb")
        except OSError as exc:
            raise EventLogError([Problem(label, None, None, f"cannot open: {exc.strerror or exc}")]) from None
        with handle:
            _feed(reader, handle)
        return reader.finish()
    reader = _Reader(name or "<events>", max_errors)
    _feed(reader, source)
    return reader.finish()


def _feed(reader: _Reader, lines: Iterable[str | bytes]) -> None:
    """Feed lines to ``reader`` with the cyclic garbage collector paused.

    Reading allocates an object per event and creates no cycles; left running,
    the collector would traverse the growing log again and again (a third of the
    reading time for a million events).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        _feed_lines(reader, lines)
    finally:
        if enabled:
            gc.enable()


def _feed_lines(reader: _Reader, lines: Iterable[str | bytes]) -> None:
    """Feed lines to ``reader``: the fast path for well-formed lines that start with ``{``,
    the generic path (``_feed_line``) for everything else and for any line the fast path declines."""
    # Caching keys only: values that recur (reps, groups, people) are interned by the field
    # checks anyway, and caching every value (ids are unique) costs a fifth of the parse.
    from_json = pydantic_core.from_json
    fast = reader.fast
    seen = reader.seen
    seen_add = seen.add
    append = reader.events.append
    dates = _DATE_CACHE
    for lineno, raw in enumerate(lines, 1):
        if raw[:1] in _OPEN_BRACE:
            try:
                obj = from_json(raw, cache_strings="keys")
            except ValueError:
                obj = None
            if type(obj) is dict:
                try:
                    etype = obj["type"]
                    make = fast.get(etype) if type(etype) is str else None
                    eid = obj["id"]
                    if make is not None and type(eid) is str and eid and eid not in seen:
                        d = obj["date"]
                        when = dates.get(d) if type(d) is str else None
                        if when is not None:
                            ev = make(obj, eid, when, lineno)
                            if ev is not None:
                                seen_add(eid)
                                append(ev)
                                continue
                except KeyError:  # a required field is missing: the generic path says which
                    pass
        _feed_line(reader, lineno, raw)


_OPEN_BRACE = frozenset({b"{", "{"})


def _feed_line(reader: _Reader, lineno: int, raw: str | bytes) -> None:
    """The generic path for one line: comments, blank lines, a byte-order mark, and every error."""
    stripped = raw.strip()
    if lineno == 1:  # a byte-order mark comes before anything else, a comment included
        if isinstance(stripped, bytes):
            stripped = stripped.removeprefix(b"\xef\xbb\xbf")
        else:
            stripped = stripped.removeprefix("\ufeff")
    if not stripped:
        return
    first = stripped[0]
    if first in (35, "#"):  # 35 is b"#"
        return
    reader.line(lineno, stripped)
