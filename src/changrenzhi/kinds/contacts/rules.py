"""Kinds about who looks after whom, and how often they meet: ``contact_roster``,
``contact_frequency``, ``committee_roster``, ``committee_contact_frequency``.

Shared notions:

- A rep *owes* a period when their seat (only the seats whose ``rep.elected``
  passes ``applies_to``) covers it per the presence rule.
- A person (rep, group) is *linked* to a rep (committee member) from the
  assignment that lists them until the next assignment that does not
  (``[since, next)``, state at the end of the day, like the roster).
- Roster kinds judge the assignment in force at the end of the period, or on
  ``as_of`` for the period still open, or on the subject's last day in office.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from ...events import ContactVisit
from ...events.log import Packed
from ...periods import ONE_DAY, Interval, Period
from ..base import (
    Band,
    KindContext,
    RuleKind,
    RuleRef,
    bound_figure,
)
from ..describing import Duty
from . import details as kind_details
from .describe import (
    KIND_EN,
    KIND_ZH,
    PERSON_KINDS,
    committee_contact_frequency_duties,
    committee_roster_duties,
    contact_frequency_duties,
    contact_roster_duties,
)
from .params import (
    CommitteeContactFrequencyParams,
    CommitteeRosterParams,
    ContactFrequencyParams,
    ContactRosterParams,
    RepFilter,
)

if TYPE_CHECKING:
    from ...events import Event
    from ...findings import Finding, Status
    from ...roster import Assignment, Roster, Seat
    from ..probing import Choices, ProbeSpec, Setting


class ContactRoster(RuleKind[ContactRosterParams]):
    name = "contact_roster"
    params_model = ContactRosterParams
    details = kind_details.CONTACT_ROSTER
    consumes = frozenset({"contact.assigned", "rep.elected", "rep.disqualified"})
    summary = "how many people, and of which kinds, each rep looks after"
    messages: ClassVar = {
        "count": {
            "zh": "代表 {subject} 在{period}末联系{kinds_zh} {count} {unit_zh}，{bound_zh}",
            "en": "rep {subject} looked after {count} {kinds_en} at the end of {period}; {bound_en}",
        },
        "target": {
            "zh": "代表 {subject} 在{period}末联系{kinds_zh} {count} {unit_zh}，{bound_zh}",
            "en": "rep {subject} looked after {count} {kinds_en} at the end of {period}; {bound_en}",
        },
    }

    def probes(self, params: ContactRosterParams, setting: Setting, choices: Choices) -> Iterator[ProbeSpec]:
        from .probes import contact_roster_probes

        return contact_roster_probes(params, setting, choices)

    def describe(self, params: ContactRosterParams) -> list[Duty]:
        return contact_roster_duties(params)

    def evaluate(self, rule: RuleRef, params: ContactRosterParams, ctx: KindContext) -> Iterator[Finding]:
        roster = ctx.roster
        kinds = frozenset(params.kinds)
        unit_zh = "人" if kinds <= PERSON_KINDS else "个"
        labels = {
            "kinds": list(params.kinds),
            "kinds_zh": "、".join(KIND_ZH[k] for k in params.kinds),
            "kinds_en": "/".join(KIND_EN[k] for k in params.kinds),
            "unit_zh": unit_zh,
        }
        band = params.count
        words = _band_words(band, unit_zh)
        # contacts of ``kinds`` per assignment: most periods judge the same assignment again
        counts: dict[int, int] = {}
        none_ok = band.hard_ok(0) and band.soft_ok(0)
        passes: dict[int, bool] = {}  # whether a count passes the band
        for rep in sorted(roster.seats):
            seats = _seats(roster, rep, params.applies_to)
            if not seats:
                continue
            intervals = [Interval(s.start, s.end) for s in seats]
            owed = list(ctx.periods(params.period, intervals, params.presence))
            if not owed:
                continue
            # every assignment the rep ever had passes (and so does none, when a period is judged
            # before the first): no period can fail, so none is judged one by one. Periods come in
            # order and each is judged within itself, so the first judged is judged earliest.
            timeline = roster.contacts.get(rep, ())
            all_ok = none_ok
            if not all_ok and timeline:
                first = next((j for p in owed if (j := _judged(p, ctx.as_of, seats, intervals))), None)
                all_ok = first is None or timeline[0][0] <= first[0]
            for _, held in timeline if all_ok else ():
                n = counts.get(id(held), -1)
                if n < 0:
                    n = counts[id(held)] = _count_contacts(held, kinds)
                if not (band.hard_ok(n) and band.soft_ok(n)):
                    all_ok = False
                    break
            if all_ok:
                continue
            for period in owed:
                judged = _judged(period, ctx.as_of, seats, intervals)
                if judged is None:
                    continue
                at, seat = judged
                assignment = roster.contacts_at(rep, at)
                if assignment is None:
                    n = 0
                else:
                    n = counts.get(id(assignment), -1)
                    if n < 0:
                        n = counts[id(assignment)] = _count_contacts(assignment, kinds)
                ok = passes.get(n)
                if ok is None:
                    ok = passes[n] = band.hard_ok(n) and band.soft_ok(n)
                if ok:
                    continue  # no finding (what _band_finding would conclude)
                evidence = [seat.elected.id] + ([assignment.event_id] if assignment is not None else [])
                found = _band_finding(
                    rule, ctx, band, words, n, rep, period, evidence, labels, "count", "target"
                )
                if found is not None:
                    yield found


class ContactFrequency(RuleKind[ContactFrequencyParams]):
    name = "contact_frequency"
    params_model = ContactFrequencyParams
    details = kind_details.CONTACT_FREQUENCY
    consumes = frozenset({"contact.assigned", "contact.visit", "rep.elected", "rep.disqualified"})
    packs = frozenset({"contact.visit"})
    summary = "how often a rep visits each person they look after"
    messages: ClassVar = {
        "few": {
            "zh": "代表 {subject} 在{period}走访联系对象 {person} {count} 次，应不少于 {min} 次",
            "en": "rep {subject} visited {person} {count} times in {period}; at least {min} required",
        },
    }

    def probes(
        self, params: ContactFrequencyParams, setting: Setting, choices: Choices
    ) -> Iterator[ProbeSpec]:
        from .probes import contact_frequency_probes

        return contact_frequency_probes(params, setting, choices)

    def describe(self, params: ContactFrequencyParams) -> list[Duty]:
        return contact_frequency_duties(params)

    def evaluate(self, rule: RuleRef, params: ContactFrequencyParams, ctx: KindContext) -> Iterator[Finding]:
        kinds = frozenset(params.kinds) if params.kinds is not None else None
        index = ctx.shared(("contacts.visits_counted", kinds), lambda: _VisitCounts.build(ctx, kinds))
        if index is not None:
            yield from self._counted(rule, params, ctx, kinds, index)
        else:
            yield from self._split(rule, params, ctx, kinds)

    def _counted(
        self,
        rule: RuleRef,
        params: ContactFrequencyParams,
        ctx: KindContext,
        kinds: frozenset[str] | None,
        index: _VisitCounts,
    ) -> Iterator[Finding]:
        """Each person is listed by one rep only: a period's visits to them, counted once for all."""
        owed = _Periods(ctx, params.period, params.presence)
        for rep, seat_ivs, links in _linked_reps(ctx, params, kinds):
            for person in sorted(links):
                link = links[person]
                periods = owed(_intersect(seat_ivs, link.intervals))
                for period, counted in zip(periods, index.counters(periods), strict=True):
                    n = counted.get(person, 0)
                    if n >= params.min:
                        continue
                    evidence: list[Event | str] = [*index.visits(period, person)] if n else []
                    cite = link.cite(min(period.end, ctx.as_of))
                    if cite is not None:
                        evidence.append(cite)
                    yield ctx.finding(
                        rule, ctx.unmet(rule, period), rep, period, evidence, "few",
                        key=person, person=person, count=n, min=params.min,
                    )  # fmt: skip

    def _split(
        self, rule: RuleRef, params: ContactFrequencyParams, ctx: KindContext, kinds: frozenset[str] | None
    ) -> Iterator[Finding]:
        """Some person is listed by several reps: each rep's visits split by person."""
        visits = ctx.packed_of(ContactVisit)
        people, dates = visits.column("person"), visits.dates
        by_rep = _visits_by_rep(ctx, kinds)
        owed = _Periods(ctx, params.period, params.presence)
        for rep, seat_ivs, links in _linked_reps(ctx, params, kinds):
            # the hot part of a large log (every contact.visit): the rep's visits (indexes into the
            # columns, in log order) split by person, each person's in log order. For a few people,
            # one comprehension each; for more, a stable sort and groupby (both in C).
            mine_all = by_rep.get(rep, _NO_VISITS)
            buckets: dict[str, list[int]] | None = None
            if len(links) > _FEW_PEOPLE:
                of = people.__getitem__
                buckets = {
                    person: list(done) for person, done in itertools.groupby(sorted(mine_all, key=of), key=of)
                }
            for person in sorted(links):
                link = links[person]
                if buckets is None:
                    done = [k for k in mine_all if people[k] == person]
                else:
                    done = buckets.get(person, _NO_VISITS)
                mine = _Dated(done, list(map(dates.__getitem__, done))) if done else _NONE
                for period in owed(_intersect(seat_ivs, link.intervals)):
                    lo, hi = mine.span(period)
                    if hi - lo >= params.min:
                        continue
                    evidence: list[Event | str] = list(map(visits.event, mine.events[lo:hi]))
                    cite = link.cite(min(period.end, ctx.as_of))
                    if cite is not None:
                        evidence.append(cite)
                    yield ctx.finding(
                        rule,
                        ctx.unmet(rule, period),
                        rep,
                        period,
                        evidence,
                        "few",
                        key=person,
                        person=person,
                        count=hi - lo,
                        min=params.min,
                    )


class CommitteeRoster(RuleKind[CommitteeRosterParams]):
    name = "committee_roster"
    params_model = CommitteeRosterParams
    details = kind_details.COMMITTEE_ROSTER
    consumes = frozenset({"committee.appointed", "committee.assigned"})
    summary = "how many reps or groups each committee member looks after"
    messages: ClassVar = {
        "count": {
            "zh": "党委委员 {subject} 在{period}末联系{of_zh} {count} {unit_zh}，{bound_zh}",
            "en": "committee member {subject} looked after {count} {of} at the end of {period}; {bound_en}",
        },
        "target": {
            "zh": "党委委员 {subject} 在{period}末联系{of_zh} {count} {unit_zh}，{bound_zh}",
            "en": "committee member {subject} looked after {count} {of} at the end of {period}; {bound_en}",
        },
    }

    def probes(
        self, params: CommitteeRosterParams, setting: Setting, choices: Choices
    ) -> Iterator[ProbeSpec]:
        from .probes import committee_roster_probes

        return committee_roster_probes(params, setting, choices)

    def describe(self, params: CommitteeRosterParams) -> list[Duty]:
        return committee_roster_duties(params)

    def evaluate(self, rule: RuleRef, params: CommitteeRosterParams, ctx: KindContext) -> Iterator[Finding]:
        roster = ctx.roster
        unit_zh = "人" if params.of == "reps" else "个"
        words = _band_words(params.count, unit_zh)
        labels = {"of": params.of, "of_zh": "代表" if params.of == "reps" else "代表小组", "unit_zh": unit_zh}
        exists = _existence(roster, params.of)
        for member in sorted(roster.committee):
            office = roster.committee_interval(member)
            for period in ctx.periods(params.period, office, params.presence):
                at = _last_day(period, ctx.as_of, office)
                if at is None:
                    continue
                assignment = roster.committee_at(member, at)
                linked = _targets(assignment, params.of)
                if params.only_current:
                    linked = {t for t in linked if any(iv.contains(at) for iv in exists(t))}
                evidence = [roster.committee[member].id]
                if assignment is not None:
                    evidence.append(assignment.event_id)
                found = _band_finding(
                    rule, ctx, params.count, words, len(linked), member, period, evidence, labels,
                    "count", "target",
                )  # fmt: skip
                if found is not None:
                    yield found


class CommitteeContactFrequency(RuleKind[CommitteeContactFrequencyParams]):
    name = "committee_contact_frequency"
    params_model = CommitteeContactFrequencyParams
    details = kind_details.COMMITTEE_CONTACT_FREQUENCY
    consumes = frozenset({"committee.appointed", "committee.assigned", "committee.visit"})
    summary = "how often a committee member meets the reps or groups they look after"
    messages: ClassVar = {
        "each": {
            "zh": "党委委员 {subject} 在{period}联系{of_zh} {target} {count} 次，应不少于 {min} 次",
            "en": "committee member {subject} met {target} {count} times in {period}; "
            "at least {min} required",
        },
        "total": {
            "zh": "党委委员 {subject} 在{period}联系所联系的{of_zh}共 {count} 次，应不少于 {min} 次",
            "en": "committee member {subject} met the {of} they look after {count} times in {period}; "
            "at least {min} required",
        },
    }

    def probes(
        self, params: CommitteeContactFrequencyParams, setting: Setting, choices: Choices
    ) -> Iterator[ProbeSpec]:
        from .probes import committee_contact_frequency_probes

        return committee_contact_frequency_probes(params, setting, choices)

    def describe(self, params: CommitteeContactFrequencyParams) -> list[Duty]:
        return committee_contact_frequency_duties(params)

    def evaluate(
        self, rule: RuleRef, params: CommitteeContactFrequencyParams, ctx: KindContext
    ) -> Iterator[Finding]:
        roster = ctx.roster
        field_name = "rep" if params.of == "reps" else "group"
        labels = {"of": params.of, "of_zh": "代表" if params.of == "reps" else "代表小组"}
        exists = _existence(roster, params.of)
        visits_by_member = ctx.by("committee.visit", "member")

        def listed(a: Assignment) -> Iterable[str]:
            return a.reps if params.of == "reps" else a.groups

        for member in sorted(roster.committee_assignments):
            office = roster.committee_interval(member)
            if not office:
                continue
            raw = _links(roster.committee_assignments[member], listed)
            linked: dict[str, list[Interval]] = {}
            for target, link in raw.items():
                ivs = _intersect(office, link.intervals)
                if params.only_current:
                    ivs = _intersect(ivs, exists(target))
                if ivs:
                    linked[target] = ivs
            # visits to someone linked on the visit date, by target, in date order
            buckets: dict[str, list[Event]] = {}
            for v in visits_by_member.get(member, ()):
                whom = getattr(v, field_name, None)
                if isinstance(whom, str) and any(iv.contains(v.date) for iv in linked.get(whom, ())):
                    buckets.setdefault(whom, []).append(v)
            appointed = roster.committee[member].id
            if params.per == "each":
                for target in sorted(linked):
                    mine = buckets.get(target, [])
                    for period in ctx.periods(params.period, linked[target], params.presence):
                        done = ctx.within(mine, period)
                        if len(done) >= params.min:
                            continue
                        evidence: list[Event | str] = [*done, appointed]
                        cite = raw[target].cite(min(period.end, ctx.as_of))
                        if cite is not None:
                            evidence.append(cite)
                        yield ctx.finding(
                            rule, ctx.unmet(rule, period), member, period, evidence, "each", key=target,
                            target=target, count=len(done), min=params.min, **labels,
                        )  # fmt: skip
                continue
            anyone = _union([iv for ivs in linked.values() for iv in ivs])
            every = sorted((v for vs in buckets.values() for v in vs), key=lambda e: e.date)
            for period in ctx.periods(params.period, anyone, params.presence):
                done = ctx.within(every, period)
                if len(done) >= params.min:
                    continue
                evidence = [*done, appointed]
                assignment = roster.committee_at(member, min(period.end, ctx.as_of))
                if assignment is not None:
                    evidence.append(assignment.event_id)
                yield ctx.finding(
                    rule, ctx.unmet(rule, period), member, period, evidence, "total",
                    count=len(done), min=params.min, **labels,
                )  # fmt: skip


# ---- helpers ----------------------------------------------------------------
def _visits_by_rep(ctx: KindContext, kinds: frozenset[str] | None) -> Mapping[str, list[int]]:
    """The ``contact.visit`` events by rep, as indexes into their columns (``ctx.packed_of``), in log
    order; with ``kinds``, only the visits to people some assignment lists as one of ``kinds`` (the
    others are never counted)."""
    return ctx.shared(("contacts.visits_by_rep", kinds), lambda: _by_rep(ctx, kinds))


def _listed(roster: Roster, kinds: frozenset[str] | None) -> Iterator[tuple[str, str]]:
    """Each rep and a person one of their assignments, ever, lists (as one of ``kinds``)."""
    for rep, timeline in roster.contacts.items():
        for _, assignment in timeline:
            for c in assignment.contacts:
                if kinds is None or c.kind in kinds:
                    yield rep, c.person


def _by_rep(ctx: KindContext, kinds: frozenset[str] | None) -> dict[str, list[int]]:
    visits = ctx.packed_of(ContactVisit)
    reps, people = visits.column("rep"), visits.column("person")
    picked: Iterable[int] = range(len(reps))
    if kinds is not None:
        wanted = {person for _, person in _listed(ctx.roster, kinds)}
        # many visits are to people of other kinds: passed over in C, in log order
        picked = itertools.compress(picked, map(wanted.__contains__, people))
    out: defaultdict[str, list[int]] = defaultdict(list)
    for k in picked:
        out[reps[k]].append(k)
    return out


class _VisitCounts:
    """The visits each person had from the one rep who lists them (as one of ``kinds``), counted per
    period: one pass over the log keeps them (as indexes into the columns of ``contact.visit``), and
    each period is a slice of them counted in C."""

    def __init__(self, visits: Packed[ContactVisit], kept: list[int]) -> None:
        self._visits = visits
        self._kept = kept  # in log order, so in date order
        self._dates = list(map(visits.dates.__getitem__, kept))
        self._people = list(map(visits.column("person").__getitem__, kept))
        self._counts: dict[Period, tuple[int, int, Counter[str]]] = {}
        self._lists: dict[int, tuple[list[Period], list[Counter[str]]]] = {}
        self._split: dict[Period, dict[str, list[int]]] = {}
        #: how many times each period's visits to one person were asked for, before they were split
        self._asked: dict[Period, int] = {}

    @classmethod
    def build(cls, ctx: KindContext, kinds: frozenset[str] | None) -> _VisitCounts | None:
        """None when some person is listed by more than one rep (their visits are told apart by rep)."""
        owner: dict[str, str] = {}
        for rep, person in _listed(ctx.roster, kinds):
            if owner.setdefault(person, rep) != rep:
                return None
        visits = ctx.packed_of(ContactVisit)
        # the visits to people of other kinds, and others' visits to them, are never counted: the
        # visits whose rep is their person's owner, picked in C
        owned = map(operator.eq, map(owner.get, visits.column("person")), visits.column("rep"))
        return cls(visits, list(itertools.compress(range(len(visits)), owned)))

    def _period(self, period: Period) -> tuple[int, int, Counter[str]]:
        got = self._counts.get(period)
        if got is None:
            lo = bisect.bisect_left(self._dates, period.start)
            hi = bisect.bisect_right(self._dates, period.end)
            got = self._counts[period] = (lo, hi, Counter(self._people[lo:hi]))
        return got

    def counters(self, periods: list[Period]) -> list[Counter[str]]:
        """For each period, how many times each person was visited in it (by the rep who lists
        them); memoised by the list (``_Periods`` hands out the same list for the same stretch)."""
        got = self._lists.get(id(periods))
        if got is None or got[0] is not periods:
            got = self._lists[id(periods)] = (periods, [self._period(p)[2] for p in periods])
        return got[1]

    def visits(self, period: Period, person: str) -> list[ContactVisit]:
        """Those visits, in log order (made from the columns)."""
        by_person = self._split.get(period)
        if by_person is None:
            lo, hi, _ = self._period(period)
            asked = self._asked[period] = self._asked.get(period, 0) + 1
            if asked <= _SCANS:
                # the first few people asked about in a period (a pack's few findings) are picked
                # out of its visits in C: splitting them all by person costs as much as dozens of those
                same = map(operator.eq, self._people[lo:hi], itertools.repeat(person))
                return list(map(self._visits.event, itertools.compress(self._kept[lo:hi], same)))
            # then the period's visits by person, once
            by_person = self._split[period] = {}
            for k, who in zip(self._kept[lo:hi], self._people[lo:hi], strict=True):
                by_person.setdefault(who, []).append(k)
        return list(map(self._visits.event, by_person.get(person, ())))


def _linked_reps(
    ctx: KindContext, params: ContactFrequencyParams, kinds: frozenset[str] | None
) -> Iterator[tuple[str, list[Interval], dict[str, _Link]]]:
    """Each rep (in order) holding a seat the rule applies to and looking after someone of the
    ``kinds`` asked: the seats' intervals, and when each person was linked to them."""
    roster = ctx.roster

    def listed(a: Assignment) -> Iterable[str]:
        return (c.person for c in a.contacts if kinds is None or c.kind in kinds)

    for rep in sorted(roster.contacts):
        seats = _seats(roster, rep, params.applies_to)
        if not seats:
            continue
        links = _links(roster.contacts[rep], listed)
        if links:
            yield rep, [Interval(s.start, s.end) for s in seats], links


class _Periods:
    """``ctx.periods`` memoised by the intervals: many subjects share the same coverage."""

    def __init__(self, ctx: KindContext, kind: str, presence: str | None) -> None:
        self._ctx, self._kind, self._presence = ctx, kind, presence
        self._cache: dict[tuple[Interval, ...], list[Period]] = {}

    def __call__(self, intervals: Sequence[Interval]) -> list[Period]:
        key = tuple(intervals)
        got = self._cache.get(key)
        if got is None:
            got = self._cache[key] = list(self._ctx.periods(self._kind, key, self._presence))
        return got


@dataclass(slots=True)
class _Dated:
    """Events (indexes into their columns) in date order with their dates alongside, to bisect
    without a key function."""

    events: Sequence[int] = field(default_factory=list)
    dates: list[date] = field(default_factory=list)

    def span(self, period: Period) -> tuple[int, int]:
        """The slice ``[lo, hi)`` of the events dated in ``period``."""
        return bisect.bisect_left(self.dates, period.start), bisect.bisect_right(self.dates, period.end)


_NONE = _Dated()
_NO_VISITS: list[int] = []
#: up to this many people a rep looks after, their visits are picked by a comprehension each
_FEW_PEOPLE = 4
#: the people asked about in a period whose visits are picked out one by one, before they are split
_SCANS = 8


@dataclass(slots=True)
class _Link:
    """When one person (rep, group) was linked: half-open intervals, and the assignments listing them."""

    intervals: list[Interval] = field(default_factory=list)
    listed_by: list[tuple[date, str]] = field(default_factory=list)

    def cite(self, d: date) -> str | None:
        """The last assignment listing them dated on or before ``d``."""
        i = bisect.bisect_right(self.listed_by, d, key=lambda entry: entry[0])
        return self.listed_by[i - 1][1] if i else None


def _links(
    timeline: Sequence[tuple[date, Assignment]], listed: Callable[[Assignment], Iterable[str]]
) -> dict[str, _Link]:
    """Who was linked when: from the assignment listing them to the next one that does not."""
    out: dict[str, _Link] = {}
    running: dict[str, date] = {}
    for since, assignment in timeline:
        now = set(listed(assignment))
        for who in [w for w in running if w not in now]:
            out[who].intervals.append(Interval(running.pop(who), since))
        for who in now:
            running.setdefault(who, since)
            out.setdefault(who, _Link()).listed_by.append((since, assignment.event_id))
    for who, since in running.items():
        out[who].intervals.append(Interval(since, None))
    return out


def _intersect(a: Sequence[Interval], b: Sequence[Interval]) -> list[Interval]:
    """The intersection of two sorted lists of disjoint half-open intervals."""
    out: list[Interval] = []
    i = j = 0
    while i < len(a) and j < len(b):
        lo = max(a[i].start, b[j].start)
        ea, eb = a[i].end, b[j].end
        hi = ea if eb is None else eb if ea is None else min(ea, eb)
        if hi is None or lo < hi:
            out.append(Interval(lo, hi))
        if eb is None or (ea is not None and ea <= eb):
            i += 1
        else:
            j += 1
    return out


def _union(intervals: Iterable[Interval]) -> list[Interval]:
    """Merge half-open intervals into a sorted disjoint list."""
    out: list[Interval] = []
    for iv in sorted(intervals, key=lambda x: x.start):
        if out:
            last = out[-1]
            if last.end is None or iv.start <= last.end:
                end = None if last.end is None or iv.end is None else max(last.end, iv.end)
                out[-1] = Interval(last.start, end)
                continue
        out.append(iv)
    return out


def _seats(roster: Roster, rep: str, applies_to: RepFilter | None) -> list[Seat]:
    """The seats of ``rep`` whose ``rep.elected`` passes the filter."""
    seats = roster.seats.get(rep, [])
    if applies_to is None:
        return list(seats)
    return [s for s in seats if applies_to.matches(s.elected)]


def _last_day(period: Period, as_of: date, intervals: Sequence[Interval]) -> date | None:
    """The day to judge ``period`` on: its end, ``as_of`` if earlier, or the subject's last day."""
    at = min(period.end, as_of)
    for iv in reversed(intervals):
        if iv.start <= at:
            if iv.end is not None and at >= iv.end:
                at = iv.end - ONE_DAY
            return at if at >= period.start else None
    return None


def _judged(
    period: Period, as_of: date, seats: Sequence[Seat], intervals: Sequence[Interval] | None = None
) -> tuple[date, Seat] | None:
    """The day to judge ``period`` on and the seat held that day; ``intervals``: the seats' intervals."""
    if intervals is None:
        intervals = [Interval(s.start, s.end) for s in seats]
    at = _last_day(period, as_of, intervals)
    if at is None:
        return None
    for s in seats:
        if s.start <= at and (s.end is None or at < s.end):
            return at, s
    return None  # pragma: no cover - _last_day picks a seated day


def _count_contacts(assignment: Assignment | None, kinds: frozenset[str]) -> int:
    if assignment is None:
        return 0
    return len({c.person for c in assignment.contacts if c.kind in kinds})


def _targets(assignment: Assignment | None, of: str) -> set[str]:
    if assignment is None:
        return set()
    return set(assignment.reps if of == "reps" else assignment.groups)


def _existence(roster: Roster, of: str) -> Callable[[str], list[Interval]]:
    return roster.rep_intervals if of == "reps" else roster.group_interval


def _bound_text(band: Band, unit_zh: str) -> tuple[str, str]:
    """The hard bounds in words: (zh, en)."""
    lo, hi = band.min, band.max
    if lo is not None and hi is not None:
        figure = bound_figure(lo, hi)
        return f"应为 {figure} {unit_zh}", f"required {figure}"
    if lo is not None:
        return f"应不少于 {lo} {unit_zh}", f"at least {lo} required"
    return f"应不超过 {hi} {unit_zh}", f"at most {hi} allowed"


def _target_text(band: Band, unit_zh: str) -> tuple[str, str]:
    """The soft target in words: (zh, en)."""
    t, tol = band.target, band.tolerance
    if tol:
        return (
            f"应为 {t} {unit_zh}左右（{max(0, (t or 0) - tol)}–{(t or 0) + tol} {unit_zh}）",
            f"should be about {t} ({max(0, (t or 0) - tol)}–{(t or 0) + tol})",
        )
    return f"应为 {t} {unit_zh}左右", f"should be about {t}"


def _band_finding(
    rule: RuleRef,
    ctx: KindContext,
    band: Band,
    words: tuple[Mapping[str, Any], Mapping[str, Any]],
    n: int,
    subject: str,
    period: Period,
    evidence: Sequence[Event | str],
    labels: Mapping[str, Any],
    hard_key: str,
    soft_key: str,
) -> Finding | None:
    """At most one finding: the hard bounds first, then the soft target (a warning); ``words``:
    the band's details after the count (``_band_words``)."""
    if not band.hard_ok(n):
        return ctx.finding(
            rule, ctx.unmet(rule, period), subject, period, evidence, hard_key, **labels, count=n, **words[0]
        )
    if not band.soft_ok(n):
        status: Status = "pending" if ctx.is_open(period) else "warning"
        return ctx.finding(rule, status, subject, period, evidence, soft_key, **labels, count=n, **words[1])
    return None


def _band_words(band: Band, unit_zh: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The details after the count of a finding on the hard bounds, and of one on the soft target:
    the same for every finding of a rule (made once a rule; ``ctx.finding`` copies them)."""
    figures = {"min": band.min, "max": band.max, "target": band.target, "tolerance": band.tolerance}
    hard_zh, hard_en = _bound_text(band, unit_zh)
    soft_zh, soft_en = _target_text(band, unit_zh)
    return (
        {**figures, "bound_zh": hard_zh, "bound_en": hard_en},
        {**figures, "bound_zh": soft_zh, "bound_en": soft_en},
    )
