"""The engine: evaluate a pack against an event log as of a date."""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import reprlib
from collections import defaultdict
from collections.abc import Callable, Container, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from os import PathLike
from typing import Any, TypeVar, overload

from ..collector import paused_gc
from ..errors import UsageError
from ..events import Event, EventLog, read_objects
from ..events.fields import FIRST_DAY, LAST_DAY
from ..events.log import Packed
from ..findings import Finding, FindingKey, Report, Status, check_unique, ids_of
from ..kinds.base import RuleRef
from ..pack.model import Pack, Rule
from ..periods import CALENDAR_KINDS, ONE_DAY, Interval, Period, calendar_periods, presence_met
from ..roster import ROSTER_TYPES, Roster
from . import shared as sharing
from .dated import evaluate_dated
from .shared import found_by_rule

__all__ = ["Context", "evaluate", "types_packed", "types_read"]

E = TypeVar("E", bound=Event)
T = TypeVar("T")
_STATUS_ORDER = {"violation": 0, "warning": 1, "pending": 2, "info": 3}


@dataclass
class Context:
    """What a rule kind sees: the date, the roster, the events up to ``as_of``, and helpers."""

    as_of: date
    log: EventLog
    roster: Roster
    pack: Pack
    _index: dict[tuple[str, str], dict[str, list[Event]]] = field(default_factory=dict)
    _periods: dict[tuple[str, tuple[Interval, ...], str], list[Period]] = field(default_factory=dict)
    _rules: dict[int, _Shared] = field(default_factory=dict)
    _shared: dict[Hashable, Any] = field(default_factory=dict)

    @property
    def labels(self) -> Mapping[str, Any]:
        """The pack's names for its own codes (``labels:``)."""
        return self.pack.labels

    @property
    def term_years(self) -> int | None:
        """The pack's term length in years, when it gives one."""
        return self.pack.term_years

    @overload
    def of(self, event_type: type[E]) -> list[E]: ...
    @overload
    def of(self, event_type: str) -> list[Event]: ...
    def of(self, event_type: type[E] | str) -> list[E] | list[Event]:
        """Events of one type dated on or before ``as_of``, in log order (see :meth:`EventLog.of`)."""
        return self.log.of(event_type)

    def packed_of(self, event_type: type[E]) -> Packed[E]:
        """The events of one type as columns (see :meth:`EventLog.packed_of`), memoised."""
        return self.shared(("packed_of", event_type.TYPE), lambda: self.log.packed_of(event_type))

    @overload
    def by(self, event_type: type[E], attr: str) -> dict[str, list[E]]: ...
    @overload
    def by(self, event_type: str, attr: str) -> dict[str, list[Event]]: ...
    def by(self, event_type: type[E] | str, attr: str) -> dict[str, list[E]] | dict[str, list[Event]]:
        """Events of one type grouped by the value of one field (``"group"``, ``"rep"``...), memoised."""
        name = event_type if isinstance(event_type, str) else event_type.TYPE
        cached = self._index.get((name, attr))
        if cached is None:
            groups: defaultdict[Any, list[Event]] = defaultdict(list)
            get = operator.attrgetter(attr)
            for ev in self.log.of(name):
                groups[get(ev)].append(ev)
            groups.pop(None, None)
            cached = self._index[name, attr] = dict(groups)
        return cached

    def shared(self, key: Hashable, build: Callable[[], T]) -> T:
        """What ``build()`` returns, built the first time a rule asks for ``key`` and kept for the run.

        For the indexes several rules read (a group's activities, the sittings of each meeting,
        the visits of each rep to each person): built once per evaluation, lazily, and shared.
        ``key`` names what is built (and whatever it depends on); a rule must not change it.
        """
        try:
            return self._shared[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._shared[key] = build()
            return value

    @overload
    def by_some(self, event_type: type[E], attr: str, keys: Container[Any]) -> dict[str, list[E]]: ...
    @overload
    def by_some(self, event_type: str, attr: str, keys: Container[Any]) -> dict[str, list[Event]]: ...
    def by_some(
        self, event_type: type[E] | str, attr: str, keys: Container[Any]
    ) -> dict[str, list[E]] | dict[str, list[Event]]:
        """``by(event_type, attr)`` for the values in ``keys`` only, each list in log order.

        Uses ``by``'s index when it is built already; otherwise one pass that keeps only
        those events, without building the whole index (a few reps out of thousands).
        """
        name = event_type if isinstance(event_type, str) else event_type.TYPE
        cached = self._index.get((name, attr))
        if cached is not None:
            return {k: v for k, v in cached.items() if k in keys}
        out: dict[str, list[Event]] = {}
        get = operator.attrgetter(attr)
        for ev in self.log.of(name):
            value = get(ev)
            if value is not None and value in keys:
                got = out.get(value)
                if got is None:
                    out[value] = [ev]
                else:
                    got.append(ev)
        return out

    @staticmethod
    def within(events: Sequence[E], period: Period) -> Sequence[E]:
        """The slice of date-ordered ``events`` that falls in ``period``."""
        lo = bisect.bisect_left(events, period.start, key=_event_date)
        hi = bisect.bisect_right(events, period.end, key=_event_date)
        return events[lo:hi]

    def is_open(self, period: Period) -> bool:
        return period.is_open(self.as_of)

    def presence(self, override: str | None = None) -> str:
        return override or self.pack.presence

    def periods(
        self, kind: str, intervals: Sequence[Interval], presence: str | None = None
    ) -> Iterator[Period]:
        """The periods of ``kind`` in which a subject existing over ``intervals`` owes its duty.

        Only periods that have begun by ``as_of`` are yielded; a subject owes a
        period when it existed for at least half of it (or as ``presence`` says).
        """
        if not intervals:
            return iter(())
        how = presence or self.pack.presence
        # memoised: most subjects exist over the same stretch (the whole term)
        key = (kind, tuple(intervals), how)
        owed = self._periods.get(key)
        if owed is None:
            owed = self._periods[key] = list(self._owed(kind, key[1], how))
        return iter(owed)  # not a generator: asked for per subject and per rule, thousands of times

    def _owed(self, kind: str, intervals: Sequence[Interval], how: str) -> Iterator[Period]:
        if kind == "term":
            for term in self.roster.terms:
                p = term.period
                if p.start <= self.as_of and presence_met(p, intervals, how):
                    yield p
            return
        if kind not in CALENDAR_KINDS:
            raise ValueError(f"unknown period kind {kind!r}")
        first = min(iv.start for iv in intervals)
        ends = [iv.end for iv in intervals if iv.end is not None]
        last = self.as_of if len(ends) < len(intervals) else min(self.as_of, max(ends) - ONE_DAY)
        for p in calendar_periods(kind, first, last):
            if presence_met(p, intervals, how):
                yield p

    def unmet(self, rule: RuleRef, period: Period | None) -> Status:
        """The status of a duty not met: ``pending`` while its period is open, else the rule's severity."""
        if period is not None and self.is_open(period):
            return "pending"
        return self.broken(rule)

    @staticmethod
    def broken(rule: RuleRef) -> Status:
        """The status of a duty broken for good (no later event can mend it): the rule's severity."""
        sev = rule.severity
        return "warning" if sev == "warning" else "info" if sev == "info" else "violation"

    def finding(
        self,
        rule: RuleRef,
        status: Status,
        subject: str,
        period: Period | None,
        evidence: Iterable[Event | str],
        message: str,
        *,
        key: str | FindingKey = (),
        **args: Any,
    ) -> Finding:
        """Build a finding of ``rule``; ``message`` is a key of the kind's ``messages``; ``key``
        tells it apart from the rule's other findings about ``subject`` in ``period``; ``args`` are
        its details (each a key the kind declares, if it declares its details)."""
        # what the rule's findings share, looked up once per rule (they only read it)
        shared = self._rules.get(id(rule))
        if shared is None or shared.rule is not rule:
            shared = self._rules[id(rule)] = _Shared(rule, self.pack.labels)
        declared = shared.declared
        if declared is not None and not args.keys() <= declared:
            extra = sorted(args.keys() - declared)
            raise ValueError(f"kind {rule.kind}: details {extra} are not declared in the kind's details")
        # evidence in (date, id) order, so that reordering a day's events changes nothing
        dates: dict[str, date] = {}
        roster_events = self.roster.events
        for e in evidence:
            if isinstance(e, str):
                if e not in dates:
                    known = roster_events.get(e)
                    dates[e] = known.date if known is not None else date.min
            else:
                i = e.id
                if i not in dates:
                    dates[i] = e.date
        if len(dates) < 2:
            ordered = tuple(dates)
        else:
            ordered = tuple([i for _, i in sorted(zip(dates.values(), dates, strict=True))])
        # positional: the fields in Finding's order (its keyword __init__ costs half as much again)
        return Finding(
            shared.id,
            shared.kind,
            status,
            subject,
            period,
            ordered,
            shared.citation,
            shared.messages[message],
            message,
            args,
            shared.labels,
            (key,) if isinstance(key, str) else key,
        )


class _Shared:
    """What every finding of one rule shares, worked out once per run (:meth:`Context.finding`):
    its id and kind, its citation mapping (one for all its findings: they only read it), its kind's
    messages and declared details, the pack's labels."""

    __slots__ = ("citation", "declared", "id", "kind", "labels", "messages", "rule")

    def __init__(self, rule: RuleRef, labels: Mapping[str, Any]) -> None:
        self.rule = rule
        self.id = rule.id
        self.kind = rule.kind
        self.citation = rule.citation_json()
        self.messages = rule.impl.messages
        details = rule.impl.details
        self.declared = None if details is None else frozenset(details)
        self.labels = labels


def _event_date(ev: Event) -> date:
    return ev.date


def _sort_key(f: Finding, index: int) -> tuple[Any, ...]:
    """The order of findings, but for the last key, the message: see :func:`_in_order`."""
    p = f.period
    return (
        index,
        p.start if p else date.min,
        p.end if p else date.min,
        f.subject,
        _STATUS_ORDER[f.status],
        f.evidence,
    )


_first = operator.itemgetter(0)
_second = operator.itemgetter(1)


def _message(f: Finding) -> str:
    return f.message()


def _in_order(keyed: list[tuple[tuple[Any, ...], Finding]]) -> tuple[Finding, ...]:
    """Sort by ``_sort_key`` and then by message, formatting messages only to break ties."""
    keyed.sort(key=_first)  # stable: findings with equal keys keep their order, until the messages
    out = list(map(_second, keyed))
    keys = list(map(_first, keyed))
    # the places whose key equals the one before (rare): each run of equal keys sorted by message
    tied = itertools.compress(itertools.count(1), map(operator.eq, keys, itertools.islice(keys, 1, None)))
    start = end = -1
    for i in tied:
        if i != end:
            if end > start + 1:
                out[start:end] = sorted(out[start:end], key=_message)
            start = i - 1
        end = i + 1
    if end > start + 1:
        out[start:end] = sorted(out[start:end], key=_message)
    return tuple(out)


def evaluate(
    pack: Pack, events: EventLog | Iterable[Event | Mapping[str, Any]], as_of: date, *, jobs: int = 1
) -> Report:
    """Check ``events`` against ``pack`` as of ``as_of``.

    ``events`` is an :class:`EventLog` from :func:`~changrenzhi.read_events` (trusted as read), or
    events as Python objects: :class:`Event` objects or dicts, in any iterable (an ``EventLog``
    built by hand counts as such). Those are validated first exactly as ``read_events`` validates
    them (types and fields, dates that are :class:`datetime.date` objects, ids unique, every rep,
    group and committee member named defined in the log), and :class:`EventLogError` says what is
    wrong, naming each event by its index and id. To check a file, read it first:
    ``evaluate(pack, read_events(path), as_of)``.

    Only events dated on or before ``as_of`` count (though the roster events after it must be
    possible too); a period that ends after ``as_of`` is open, and a duty not yet met in it is
    ``pending``. ``as_of`` lies within the dates a log may name (1900-01-01 to 2199-12-31). The result
    is deterministic: findings come in pack rule order, then by period, subject
    and status. Two findings about one thing (rule, subject, period and key: their id) are a
    bug in a kind, and raise :class:`~changrenzhi.findings.DuplicateFindingError`. Raises
    :class:`TypeError` for arguments of the wrong sort (a pack's name instead of a :class:`Pack`,
    a string or a ``datetime`` for ``as_of``, a path for ``events``).

    ``jobs``: 2 or more lets a child process evaluate rules too (see :mod:`.shared`), for a log of
    100,000 events or more, on Linux, from a process running no other thread, with two CPUs: the
    report is the same as with ``jobs=1`` (the default), which evaluates every rule here.
    """
    _check_arguments(pack, events, as_of)
    if type(jobs) is not int or jobs < 1:
        raise TypeError(f"evaluate: jobs must be a whole number >= 1, got {jobs!r}")
    if not FIRST_DAY <= as_of <= LAST_DAY:
        raise UsageError(f"as of {as_of.isoformat()}: dates run from {FIRST_DAY} to {LAST_DAY}")
    log = events if isinstance(events, EventLog) and events.checked else read_objects(_objects(events))
    _check_kept(pack, log)
    seen = log.until(as_of)
    # The cyclic collector is paused while the rules run: they build indexes and findings,
    # no cycles, and a collection would traverse the whole log (a quarter of a second for a
    # million events, each time one falls due).
    with paused_gc():
        if seen is not log:
            # an impossible roster is refused wherever it is dated, after as_of too: built from the
            # whole log first, so that every problem is reported (only what as_of sees is used)
            Roster.build(
                log.events, default_term_years=pack.term_length, name=log.name, positions=log.positions
            )
        roster = Roster.build(
            seen.events, default_term_years=pack.term_length, name=log.name, positions=log.positions
        )
        ctx = Context(as_of, seen, roster, pack)
        present = seen.types()
        rules = pack.rules
        # each rule's findings put in order (and checked unique) where the rule ran, when the report's
        # order is then the rules' (so in the child that shares the rules: see shared.py); else at once
        apart = len({r.index for r in rules}) == len({r.id for r in rules}) == len(rules)
        # and where the rules are shared, their findings' ids worked out there too (see Report)
        with_ids = apart and jobs >= 2 and len(seen) >= sharing.SHARED_FROM

        def run(rule: Rule) -> tuple[list[Finding], list[str] | None]:
            # a rule with dated params runs once per epoch (dated.py); the others, once
            found = evaluate_dated(rule, ctx) if rule.epochs else rule.impl.evaluate(rule, rule.params, ctx)
            if not apart:
                return list(found), None
            settled = list(_in_order([(_sort_key(f, rule.index), f) for f in found]))
            check_unique(settled)  # ids name what a finding is about: two about one thing are a bug
            return settled, list(ids_of(settled)) if with_ids else None

        by_rule = found_by_rule(rules, run, functools.partial(_weight, seen), jobs, len(seen))
        unchecked = [
            rule.id
            for rule, (found, _) in zip(rules, by_rule, strict=True)
            if not found and rule.impl.consumes and rule.impl.consumes.isdisjoint(present)
        ]
        ids: list[str] = []
        if apart:  # the order of the rules (their index), each rule's findings in theirs
            ordered = [
                got for _, got in sorted(zip((r.index for r in rules), by_rule, strict=True), key=_first)
            ]
            findings = tuple(itertools.chain.from_iterable(found for found, _ in ordered))
            if with_ids:
                ids = list(itertools.chain.from_iterable(got or () for _, got in ordered))
        else:
            findings = _in_order(
                [
                    (_sort_key(f, rule.index), f)
                    for rule, (found, _) in zip(rules, by_rule, strict=True)
                    for f in found
                ]
            )
            check_unique(findings)
    file = str(pack.path) if pack.path is not None else None
    report = Report(pack.id, pack.name, as_of, findings, len(seen), file, tuple(unchecked))
    if len(ids) == len(findings):
        report._worked_out[:] = ids
    return report


def types_read(pack: Pack) -> frozenset[str] | None:
    """The event types that evaluating ``pack`` reads: the roster's and those each rule reads (its
    kind's ``reads(params)``, ``consumes`` unless its params choose); None when some kind does not
    say (then every type is read). ``check`` keeps the events of these types only
    (``read_events(keep=...)``)."""
    read = set(ROSTER_TYPES)
    for rule in pack.rules:
        types = _rule_reads(rule)
        if not types:
            return None
        read |= types
    return frozenset(read)


def types_packed(pack: Pack) -> frozenset[str]:
    """The event types ``check`` reads as columns for ``pack`` (``read_events(packed=...)``): those
    that some rule reads and every rule reading reads as columns (its kind's ``packs``), and that
    the roster does not read."""
    readers: dict[str, list[frozenset[str]]] = {}
    for rule in pack.rules:
        for t in _rule_reads(rule):
            readers.setdefault(t, []).append(rule.impl.packs)
    return frozenset(
        t for t, packs in readers.items() if t not in ROSTER_TYPES and all(t in p for p in packs)
    )


def _weight(log: EventLog, rule: Rule) -> int:
    """How much work evaluating a rule is, roughly: the events of the types it reads (of every type,
    when its kind does not say), once per epoch of its params (the order of the rules in
    ``found_by_rule``'s queue: the heaviest first)."""
    types = _rule_reads(rule) or log.by_type.keys() | log.packed.keys()
    n = sum(len(log.by_type.get(t, ())) + (len(log.packed[t]) if t in log.packed else 0) for t in types)
    return n * max(1, len(rule.epochs))


def _rule_reads(rule: Rule) -> frozenset[str]:
    """What one rule reads, whatever params are in force (every epoch's)."""
    impl = rule.impl
    if not rule.epochs:
        return impl.reads(rule.params)
    return frozenset().union(*(impl.reads(e.params) for e in rule.epochs))


def _check_kept(pack: Pack, log: EventLog) -> None:
    """A log that let go of events of some types (``read_events(keep=...)``) must keep all that the
    pack reads; and the roster is built from events, so a log must not hold its types packed."""
    roster_packed = sorted(ROSTER_TYPES & log.packed.keys())
    if roster_packed:
        raise UsageError(
            f"the log {log.name} holds {', '.join(roster_packed)} as columns, which the roster reads "
            "as events: read it with read_events(..., packed=types_packed(pack))"
        )
    if log.kept is None:
        return
    needed = types_read(pack)
    missing = sorted(needed - log.kept) if needed is not None else ["(every type)"]
    if missing:
        raise UsageError(
            f"the log {log.name} was read keeping only some event types, and pack {pack.id} reads "
            f"{', '.join(missing)} too: read it with read_events(..., keep=types_read(pack))"
        )


def _check_arguments(pack: Any, events: Any, as_of: Any) -> None:
    """A TypeError that says what to pass, for arguments of the wrong sort."""
    if not isinstance(pack, Pack):
        hint = (
            f": load it first, load_pack({pack!r})"
            if isinstance(pack, str | PathLike)
            else ": load it with load_pack(path) or loads_pack(text)"
        )
        raise TypeError(f"evaluate: pack must be a Pack, got {_what(pack)}{hint}")
    if isinstance(events, str | bytes | PathLike) or events is None:
        raise TypeError(
            f"evaluate: events must be an EventLog or an iterable of events, got {_what(events)}: "
            "read a file first, read_events(path)"
        )
    if isinstance(events, Mapping | Event) or not isinstance(events, Iterable):
        raise TypeError(f"evaluate: events must be an EventLog or an iterable of events, got {_what(events)}")
    if isinstance(as_of, datetime):
        raise TypeError(f"evaluate: as_of must be a datetime.date, not a datetime ({as_of!r}): use .date()")
    if not isinstance(as_of, date):
        hint = f": date.fromisoformat({as_of!r})" if isinstance(as_of, str) else ""
        raise TypeError(f"evaluate: as_of must be a datetime.date, got {_what(as_of)}{hint}")


def _objects(events: EventLog | Iterable[Any]) -> Iterable[Any]:
    return events.events if isinstance(events, EventLog) else events


def _what(value: Any) -> str:
    return "None" if value is None else f"{type(value).__name__} {reprlib.repr(value)}"
