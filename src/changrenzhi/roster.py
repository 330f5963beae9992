"""Who is who on any date: seats, groups and their officers, assignments, terms.

The roster is built from the roster events of a log (already ordered by date,
then position). Every query is by date and answers with the state at the *end*
of that day, so the order of events within one day never changes an answer
about that day. Existence is half-open: a rep disqualified on day D is not
seated on D ("seated reps at a date are those elected and not disqualified by
that date").
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from .errors import EventLogError, Problem
from .events import (
    CommitteeAppointed,
    CommitteeAssigned,
    CongressOpened,
    Contact,
    ContactAssigned,
    Event,
    GroupChanged,
    GroupFormed,
    Positions,
    RepCredentialed,
    RepDisqualified,
    RepElected,
)
from .events.fields import MAX_TERM_YEARS
from .periods import ONE_DAY, Interval, Period, add_years

__all__ = ["DEFAULT_TERM_YEARS", "Assignment", "GroupState", "Roster", "Seat", "Term"]

DEFAULT_TERM_YEARS = 5
T = TypeVar("T")
ROSTER_TYPES = frozenset({
    "congress.opened", "rep.elected", "rep.credentialed", "rep.disqualified", "committee.appointed",
    "group.formed", "group.changed", "contact.assigned", "committee.assigned",
})  # fmt: skip


@dataclass(frozen=True, slots=True)
class Term:
    """One term of the congress: ``[start, end]`` inclusive."""

    start: date
    end: date
    event_id: str

    @property
    def period(self) -> Period:
        return Period(self.start, self.end, "term")

    @property
    def interval(self) -> Interval:
        return Interval(self.start, self.end + ONE_DAY)


@dataclass(slots=True)
class Seat:
    """One stretch a rep held a seat: ``[start, end)``."""

    start: date
    end: date | None
    elected: RepElected
    disqualified: RepDisqualified | None = None


@dataclass(frozen=True, slots=True)
class GroupState:
    """A group as it stood from ``since`` until the next state."""

    since: date
    members: frozenset[str]
    leader: str | None
    deputy: str | None
    liaison: str | None
    event_id: str

    def officer(self, role: str) -> str | None:
        return {"leader": self.leader, "deputy": self.deputy, "liaison": self.liaison}.get(role)


@dataclass(frozen=True, slots=True)
class Assignment:
    """Whom a rep (contacts) or a committee member (reps, groups) looks after, from ``since``."""

    since: date
    contacts: tuple[Contact, ...]
    reps: tuple[str, ...]
    groups: tuple[str, ...]
    event_id: str


def _state_at(timeline: Sequence[tuple[date, T]], d: date) -> T | None:
    """The last entry dated on or before ``d`` (state at the end of day ``d``)."""
    i = bisect.bisect_right(timeline, d, key=lambda entry: entry[0])
    return timeline[i - 1][1] if i else None


#: the order of roster events within one day (see Roster.build)
_RANK = {
    "congress.opened": 0,
    "rep.elected": 1,
    "committee.appointed": 1,
    "group.formed": 2,
    "group.changed": 3,
    "contact.assigned": 3,
    "committee.assigned": 3,
    "rep.credentialed": 3,
    "rep.disqualified": 1,
}


def _day_and_rank(ev: Event) -> tuple[date, int]:
    return ev.date, _RANK[ev.TYPE]


@dataclass
class Roster:
    """The roster over time. Build it with :meth:`Roster.build`."""

    terms: list[Term] = field(default_factory=list)
    seats: dict[str, list[Seat]] = field(default_factory=dict)
    elected: dict[str, RepElected] = field(default_factory=dict)
    credentialed: dict[str, list[RepCredentialed]] = field(default_factory=dict)
    groups: dict[str, list[tuple[date, GroupState]]] = field(default_factory=dict)
    #: the first formation of each group (``group_formations`` has them all: a group ends with its
    #: term, and its id may be formed again in a later term)
    group_formed: dict[str, GroupFormed] = field(default_factory=dict)
    group_formations: dict[str, list[GroupFormed]] = field(default_factory=dict)
    contacts: dict[str, list[tuple[date, Assignment]]] = field(default_factory=dict)
    committee: dict[str, CommitteeAppointed] = field(default_factory=dict)
    committee_assignments: dict[str, list[tuple[date, Assignment]]] = field(default_factory=dict)
    #: every roster event by id, so that findings can cite and date them
    events: dict[str, Event] = field(default_factory=dict)
    _seat_changes: list[date] = field(default_factory=list)
    _seat_counts: list[int] = field(default_factory=list)
    # memoised answers of queries asked again and again (the roster does not change once built)
    _group_intervals: dict[str, tuple[Interval, ...]] = field(default_factory=dict)
    _committee_intervals: dict[str, tuple[Interval, ...]] = field(default_factory=dict)
    _seated: dict[int, frozenset[str]] = field(default_factory=dict)
    _members: dict[tuple[str, date, int], frozenset[str]] = field(default_factory=dict)
    _member_changes: dict[tuple[str, date], list[date]] = field(default_factory=dict)

    # ---- construction -------------------------------------------------
    @classmethod
    def build(
        cls,
        events: Iterable[Event],
        *,
        default_term_years: int = DEFAULT_TERM_YEARS,
        name: str = "<events>",
        positions: Positions = "line",
    ) -> Roster:
        """Build from events in log order; raises :class:`EventLogError` for an impossible roster.

        ``positions`` says what an event's ``line`` holds (:attr:`EventLog.positions`): a problem
        names the line, or the index and the event's id."""
        r = cls()
        problems: list[Problem] = []

        def bad(ev: Event, fld: str, msg: str) -> None:
            if positions == "line":
                problems.append(Problem(name, ev.line, fld, msg))
            else:
                problems.append(Problem(name, None, fld, msg, index=ev.line, event=ev.id))

        # Within one day, what refers to someone does not depend on the order of the lines
        # (docs/EVENTS.md: events may come in any order): a day's congress comes first, then who takes or
        # loses a seat or office, then the groups formed, then what refers to them. Log order decides
        # only among events of one rank on one day, so a seat lost and won again that day (or won
        # and lost) keeps the order the log gives.
        ordered = sorted((ev for ev in events if ev.TYPE in ROSTER_TYPES), key=_day_and_rank)
        for ev in ordered:
            r.events[ev.id] = ev
            if isinstance(ev, CongressOpened):
                years = ev.term_years if ev.term_years is not None else default_term_years
                if not 1 <= years <= MAX_TERM_YEARS:  # the reader refuses these; events made in Python
                    bad(ev, "term_years", f"must be from 1 to {MAX_TERM_YEARS}, not {years}")
                    continue
                if r.terms and r.terms[-1].end >= ev.date:
                    prev = r.terms[-1]  # a new congress ends the running term the day before
                    r.terms[-1] = Term(prev.start, ev.date - ONE_DAY, prev.event_id)
                r.terms.append(Term(ev.date, add_years(ev.date, years) - ONE_DAY, ev.id))
            elif isinstance(ev, RepElected):
                seats = r.seats.setdefault(ev.rep, [])
                if seats and seats[-1].end is None:
                    won_in = r.term_at(seats[-1].start)
                    if won_in is not None and won_in.end < ev.date:  # re-elected at a later congress
                        seats[-1].end = won_in.end + ONE_DAY
                if seats and (seats[-1].end is None or seats[-1].end > ev.date):
                    bad(
                        ev, "rep", f"rep {ev.rep!r} is already seated (elected {seats[-1].start.isoformat()})"
                    )
                    continue
                seats.append(Seat(ev.date, None, ev))
                r.elected[ev.rep] = ev
            elif isinstance(ev, RepDisqualified):
                seats = r.seats.get(ev.rep, [])
                if not seats or (seats[-1].end is not None and seats[-1].end <= ev.date):
                    bad(ev, "rep", f"rep {ev.rep!r} holds no seat on {ev.date.isoformat()}")
                    continue
                seats[-1].end = ev.date
                seats[-1].disqualified = ev
            elif isinstance(ev, RepCredentialed):
                r.credentialed.setdefault(ev.rep, []).append(ev)
            elif isinstance(ev, CommitteeAppointed):
                r.committee.setdefault(ev.member, ev)
            elif isinstance(ev, GroupFormed):
                formations = r.group_formations.get(ev.group)
                if formations:
                    # a group ends with the term it was formed in: its id may be formed again in a
                    # later term (the congresses of the days before are already in r.terms)
                    term = r.term_at(formations[-1].date)
                    if term is None or term.end >= ev.date:
                        bad(
                            ev,
                            "group",
                            f"group {ev.group!r} was already formed on {formations[-1].date.isoformat()}",
                        )
                        continue
                state = GroupState(ev.date, frozenset(ev.members), ev.leader, ev.deputy, ev.liaison, ev.id)
                r.group_formed.setdefault(ev.group, ev)
                r.group_formations.setdefault(ev.group, []).append(ev)
                r.groups.setdefault(ev.group, []).append((ev.date, state))
            elif isinstance(ev, GroupChanged):
                timeline = r.groups.get(ev.group)
                if timeline is None:
                    bad(ev, "group", f"group {ev.group!r} has not been formed by {ev.date.isoformat()}")
                    continue
                cur = timeline[-1][1]
                members = (cur.members - set(ev.remove)) | set(ev.add)
                state = GroupState(
                    ev.date,
                    frozenset(members),
                    ev.leader if ev.leader is not None else cur.leader,
                    ev.deputy if ev.deputy is not None else cur.deputy,
                    ev.liaison if ev.liaison is not None else cur.liaison,
                    ev.id,
                )
                if timeline[-1][0] == ev.date:
                    timeline[-1] = (ev.date, state)
                else:
                    timeline.append((ev.date, state))
            elif isinstance(ev, ContactAssigned):
                _push(r.contacts.setdefault(ev.rep, []), Assignment(ev.date, ev.contacts, (), (), ev.id))
            elif isinstance(ev, CommitteeAssigned):
                if ev.member not in r.committee:
                    bad(
                        ev,
                        "member",
                        f"committee member {ev.member!r} has not been appointed by {ev.date.isoformat()}",
                    )
                    continue
                _push(
                    r.committee_assignments.setdefault(ev.member, []),
                    Assignment(ev.date, (), ev.reps, ev.groups, ev.id),
                )
        if problems:
            raise EventLogError(problems)
        r._close_seats_at_term_end()
        r._index_seat_counts()
        return r

    def _close_seats_at_term_end(self) -> None:
        """A seat lasts no longer than the term in which it was won."""
        if not self.terms:
            return
        for seats in self.seats.values():
            for seat in seats:
                term = self.term_at(seat.start)
                if term is not None:
                    limit = term.end + ONE_DAY
                    if seat.end is None or seat.end > limit:
                        if seat.end is not None:
                            # disqualified only after the term ended: the seat had already ended
                            # with its term, so the disqualification took no seat
                            seat.disqualified = None
                        seat.end = limit

    def _index_seat_counts(self) -> None:
        deltas: dict[date, int] = {}
        for seats in self.seats.values():
            for seat in seats:
                deltas[seat.start] = deltas.get(seat.start, 0) + 1
                if seat.end is not None:
                    deltas[seat.end] = deltas.get(seat.end, 0) - 1
        running = 0
        for d in sorted(deltas):
            running += deltas[d]
            self._seat_changes.append(d)
            self._seat_counts.append(running)

    # ---- queries ------------------------------------------------------
    def term_at(self, d: date) -> Term | None:
        for term in self.terms:
            if term.start <= d <= term.end:
                return term
        return None

    def rep_intervals(self, rep: str) -> list[Interval]:
        """The stretches ``rep`` held a seat."""
        return [Interval(s.start, s.end) for s in self.seats.get(rep, ())]

    def is_seated(self, rep: str, d: date) -> bool:
        # a plain loop: called for every member of every group on many dates
        for s in self.seats.get(rep, ()):  # noqa: SIM110
            if s.start <= d and (s.end is None or d < s.end):
                return True
        return False

    def seat_at(self, rep: str, d: date) -> Seat | None:
        for s in self.seats.get(rep, ()):
            if s.start <= d and (s.end is None or d < s.end):
                return s
        return None

    def seated_count(self, d: date) -> int:
        """How many reps hold a seat at the end of day ``d``."""
        i = bisect.bisect_right(self._seat_changes, d)
        return self._seat_counts[i - 1] if i else 0

    def seated(self, d: date) -> frozenset[str]:
        """The reps who hold a seat at the end of day ``d``."""
        # memoised by the stretch between two seat changes that holds d (the same answer all along)
        i = bisect.bisect_right(self._seat_changes, d)
        got = self._seated.get(i)
        if got is None:
            got = self._seated[i] = frozenset(
                rep
                for rep, seats in self.seats.items()
                for s in seats
                if s.start <= d and (s.end is None or d < s.end)
            )
        return got

    def group_state(self, group: str, d: date) -> GroupState | None:
        timeline = self.groups.get(group)
        return _state_at(timeline, d) if timeline else None

    def group_members(self, group: str, d: date) -> frozenset[str]:
        """Members of ``group`` on ``d`` who hold a seat that day."""
        state = self.group_state(group, d)
        if state is None:
            return frozenset()
        # memoised by the group's state and the stretch between two changes of its members' seats
        # that holds d: no member's seat begins or ends within it, so every day of it has the same
        # answer
        changes = self._member_changes.get((group, state.since))
        if changes is None:
            changes = self._member_changes[group, state.since] = sorted({
                day
                for m in state.members
                for s in self.seats.get(m, ())
                for day in (s.start, s.end)
                if day is not None
            })  # fmt: skip
        key = (group, state.since, bisect.bisect_right(changes, d))
        got = self._members.get(key)
        if got is None:
            seats = self.seats
            got = self._members[key] = frozenset(
                m
                for m in state.members
                for s in seats.get(m, ())
                if s.start <= d and (s.end is None or d < s.end)
            )
        return got

    def group_interval(self, group: str) -> list[Interval]:
        """A group exists from its formation to the end of the term it was formed in (one interval
        for each formation: the id may be formed again in a later term)."""
        got = self._group_intervals.get(group)
        if got is None:
            formations = self.group_formations.get(group)
            if not formations:
                return []
            spans: list[Interval] = []
            for formed in formations:
                term = self.term_at(formed.date)
                spans.append(Interval(formed.date, None if term is None else term.end + ONE_DAY))
            got = self._group_intervals[group] = tuple(spans)
        return list(got)

    def formed_at(self, group: str, d: date) -> GroupFormed:
        """The formation of ``group`` that stands on day ``d``: the last one on or before it, else the
        first (``group`` must have been formed)."""
        formations = self.group_formations[group]
        best = formations[0]
        for f in formations:
            if f.date <= d:
                best = f
        return best

    def groups_of(self, rep: str, d: date) -> list[str]:
        return sorted(g for g in self.groups if rep in self.group_members(g, d))

    def contacts_at(self, rep: str, d: date) -> Assignment | None:
        timeline = self.contacts.get(rep)
        return _state_at(timeline, d) if timeline else None

    def committee_interval(self, member: str) -> list[Interval]:
        got = self._committee_intervals.get(member)
        if got is None:
            appointed = self.committee.get(member)
            if appointed is None:
                return []
            term = self.term_at(appointed.date)
            got = self._committee_intervals[member] = (
                Interval(appointed.date, None if term is None else term.end + ONE_DAY),
            )
        return list(got)

    def committee_at(self, member: str, d: date) -> Assignment | None:
        timeline = self.committee_assignments.get(member)
        return _state_at(timeline, d) if timeline else None


def _push(timeline: list[tuple[date, Assignment]], a: Assignment) -> None:
    """Append, letting a later assignment on the same day replace an earlier one."""
    if timeline and timeline[-1][0] == a.since:
        timeline[-1] = (a.since, a)
    else:
        timeline.append((a.since, a))
