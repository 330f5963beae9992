"""The live monitor: events one at a time, days closed by the watermark, and what changed.

The batch engine stays the single definition of a finding: each time days close, the monitor
evaluates the pack as of the last closed day (:func:`~changrenzhi.engine.evaluate`, on the events
accepted so far, late ones included) and emits the difference from what it emitted before, keyed
by the findings' stable ids (docs/FINDING-IDS.md). So the open findings after any close are exactly
what ``check --as-of`` that day reports on the same events. The monitor imports no rules engine:
escalations (:mod:`.escalate`, durable-rules) run on its records when the pack has any.
"""

from __future__ import annotations

import ast
import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any, Protocol

from ..engine import evaluate
from ..errors import EventLogError, Problem, UsageError
from ..events import Event, EventLog, read_events
from ..events.types import REFERENCES
from ..findings import Finding, Report
from ..pack.model import Pack
from ..roster import ROSTER_TYPES, Roster
from .records import (
    CHECKPOINT_FORMAT,
    AlertRecord,
    AlertStateJson,
    CheckpointRecord,
    FindingRecord,
    RefusedRecord,
    SnapshotJson,
    WatchRecord,
    WithdrawnRecord,
)

__all__ = ["MAX_LATENESS", "Escalator", "Monitor", "snapshot"]

#: the most days of allowed lateness (a year)
MAX_LATENESS = 366
_ONE_DAY = timedelta(days=1)
#: an unknown reference as the reader words it: "unknown rep 'R1': no rep.elected in the log"
_UNKNOWN_REF = re.compile(r"^unknown (rep|group|committee member) ('.*'|\".*\"): no \S+ in the log$")
_WHAT = {ref.what: i for i, ref in enumerate(REFERENCES)}
#: the fields a definition needs besides its id, type, date and the id it defines
_STAND_IN_FIELDS: dict[str, dict[str, Any]] = {"group.formed": {"members": []}}


class Escalator(Protocol):
    """What runs a pack's escalations over the monitor's records (:mod:`.escalate`)."""

    def step(
        self, day: date, before: Mapping[str, SnapshotJson], after: Mapping[str, SnapshotJson]
    ) -> list[AlertRecord]: ...

    def restore(
        self, day: date | None, findings: Mapping[str, SnapshotJson], alerts: Mapping[str, AlertStateJson]
    ) -> None: ...

    def alerts(self) -> dict[str, AlertStateJson]: ...


def snapshot(f: Finding, since: str) -> SnapshotJson:
    """An open finding as the monitor keeps it (docs/WATCH.md)."""
    p = f.period
    return {
        "status": f.status,
        "rule": f.rule,
        "subject": f.subject,
        "period": p.kind if p is not None else None,
        "start": p.start.isoformat() if p is not None else None,
        "end": p.end.isoformat() if p is not None else None,
        "key": list(f.key),
        "since": since,
    }


class Monitor:
    """Check events as they arrive; emit, as each day closes, the findings that changed.

    Feed it records one at a time (:meth:`feed`: a line of JSON Lines as ``str`` or ``bytes``, or an
    event as a dict or an :class:`Event`); each is checked as ``read_events`` checks a line, and a
    refused record comes back as a ``refused`` record with its place, the monitor going on. Days
    close when the watermark (the latest date seen) passes them by more than ``lateness`` days
    (``None``: never by themselves), or when :meth:`close` is called. Each close evaluates the
    pack as of the last closed day and returns ``opened``, ``changed`` and ``withdrawn`` records
    (and ``alert`` records from ``escalator``). A record dated in a closed day is still taken:
    the next close emits what it changes. ``checkpoint`` (from :meth:`checkpoint`) restarts a
    monitor: feed it the same input from the start and it emits only what changed after it.
    """

    def __init__(
        self,
        pack: Pack,
        *,
        lateness: int | None = 0,
        name: str = "<events>",
        lang: str = "zh",
        escalator: Escalator | None = None,
        checkpoint: CheckpointRecord | None = None,
    ) -> None:
        if not isinstance(pack, Pack):
            raise TypeError(f"Monitor: pack must be a Pack, got {type(pack).__name__}")
        if lateness is not None and (type(lateness) is not int or not 0 <= lateness <= MAX_LATENESS):
            raise UsageError(f"lateness: a whole number of days from 0 to {MAX_LATENESS}, got {lateness!r}")
        self.pack = pack
        self.lateness = lateness
        self.name = name
        self.lang = lang
        self.escalator = escalator
        self.position = 0  # records fed so far (lines counted from 1, objects from index 0)
        self.watermark: date | None = None
        self.closed: date | None = None
        self._events: list[Event] = []
        self._by_type: dict[str, list[Event]] = {}
        self._ids: set[str] = set()
        self._known: tuple[set[str], ...] = tuple(set() for _ in REFERENCES)
        # events waiting for a rep, group or member defined later: by (sort, id)
        self._waiting: dict[tuple[int, str], list[tuple[Event, list[tuple[int, str, str]]]]] = {}
        self._roster: list[Event] = []
        self._emitted: dict[str, SnapshotJson] = {}
        self._replay_until = 0
        self._late = False
        self._reported: set[str] = set()  # events refused at the end of the input
        if checkpoint is not None:
            self._restore(checkpoint)

    # ---- input ------------------------------------------------------------
    def feed(self, item: str | bytes | Mapping[str, Any] | Event) -> list[WatchRecord]:
        """Take one record; return what it causes: a ``refused`` record, or the records of the days
        it closes (nothing while replaying up to a checkpoint's position)."""
        self.position += 1
        replaying = self.position <= self._replay_until
        got = self._check(item)
        if isinstance(got, Problem):
            return [] if replaying else [_refused(got)]
        if got is None:
            return []
        out: list[WatchRecord] = []
        for refused in self._accept(got):
            if not replaying:
                out.append(_refused(refused))
        if not replaying and self.watermark is not None and self.lateness is not None:
            due = self.watermark - timedelta(days=self.lateness) - _ONE_DAY
            if self.closed is None or due > self.closed:
                out.extend(self.close(due))
        return out

    def feed_all(self, items: Iterable[str | bytes | Mapping[str, Any] | Event]) -> list[WatchRecord]:
        """:meth:`feed` each of ``items``; every record they cause, in order."""
        out: list[WatchRecord] = []
        for item in items:
            out.extend(self.feed(item))
        return out

    def finish(self) -> list[WatchRecord]:
        """The end of the input: events still waiting for a definition are refused (as ``check``
        refuses a log that names an undefined rep). Days are not closed: :meth:`close` does that."""
        out: list[WatchRecord] = []
        waiting = sorted(
            {id(ev): (ev, refs) for evs in self._waiting.values() for ev, refs in evs}.values(),
            key=lambda er: er[0].line,
        )
        self._waiting.clear()
        for ev, refs in waiting:
            if ev.id in self._reported:
                continue  # refused before a restart
            self._reported.add(ev.id)
            i, ident, fld = refs[0]
            ref = REFERENCES[i]
            message = f"unknown {ref.what} {ident!r}: no {ref.defined_by} in the log"
            out.append(_refused(self._problem(ev.line, fld, message, ev.id)))
        return out

    # ---- closing days -----------------------------------------------------
    def close(self, through: date) -> list[WatchRecord]:
        """Close every day up to ``through`` (the operator's close): evaluate as of it and return
        what changed since the last close. Closing the last closed day again emits what the records
        dated in it or before, taken since, change; an earlier day closes nothing."""
        if self.closed is not None and (through < self.closed or (through == self.closed and not self._late)):
            return []
        self._late = False
        report = self.report(through)
        self.closed = through
        day = through.isoformat()
        before = self._emitted
        after: dict[str, SnapshotJson] = {}
        out: list[WatchRecord] = []
        for f in report.findings:
            fid = report.id_of(f)
            old = before.get(fid)
            if old is None:
                after[fid] = snapshot(f, day)
                out.append(self._finding("opened", day, fid, f, None))
            elif old["status"] != f.status:
                after[fid] = snapshot(f, day)
                out.append(self._finding("changed", day, fid, f, old["status"]))
            else:
                after[fid] = old
        for fid, old in before.items():
            if fid not in after:
                gone: WithdrawnRecord = {
                    "record": "withdrawn", "day": day, "id": fid, "was": old["status"],
                    "rule": old["rule"], "subject": old["subject"],
                }  # fmt: skip
                out.append(gone)
        self._emitted = after
        if self.escalator is not None:
            out.extend(self.escalator.step(through, before, after))
        return out

    def report(self, as_of: date) -> Report:
        """What ``check`` reports as of ``as_of`` on the events accepted so far."""
        log = EventLog(self.name, self._events, dict(self._by_type), checked=True, positions="line")
        return evaluate(self.pack, log, as_of)

    @property
    def events(self) -> tuple[Event, ...]:
        """The events taken so far, in date order (not those waiting for a definition)."""
        return tuple(self._events)

    @property
    def findings(self) -> dict[str, SnapshotJson]:
        """The open findings as of the last close, by id."""
        return dict(self._emitted)

    def checkpoint(self) -> CheckpointRecord:
        """What a restart needs besides the input: what was emitted, up to which record and day."""
        return {
            "record": "checkpoint",
            "format": CHECKPOINT_FORMAT,
            "pack": self.pack.id,
            "day": self.closed.isoformat() if self.closed is not None else None,
            "position": self.position,
            "lateness": self.lateness if self.lateness is not None else -1,
            "findings": dict(self._emitted),
            "alerts": self.escalator.alerts() if self.escalator is not None else {},
            "reported": sorted(self._reported),
        }

    # ---- internals --------------------------------------------------------
    def _restore(self, cp: CheckpointRecord) -> None:
        if not isinstance(cp, dict) or cp.get("format") != CHECKPOINT_FORMAT:
            raise UsageError(f"checkpoint: not a {CHECKPOINT_FORMAT} checkpoint")
        if cp.get("pack") != self.pack.id:
            raise UsageError(f"checkpoint: written for pack {cp.get('pack')!r}, not {self.pack.id!r}")
        from pydantic import TypeAdapter, ValidationError

        try:
            checked = TypeAdapter(CheckpointRecord).validate_python(cp, strict=True)
            day = date.fromisoformat(checked["day"]) if checked["day"] is not None else None
        except (ValidationError, ValueError) as exc:
            first = str(exc).splitlines()[:3]
            raise UsageError(f"checkpoint: malformed ({' '.join(first)})") from None
        if checked["position"] < 0:
            raise UsageError("checkpoint: malformed (a negative position)")
        self._replay_until = checked["position"]
        self._reported = set(checked["reported"])
        self.closed = day
        self._emitted = dict(checked["findings"])
        if self.escalator is not None:
            self.escalator.restore(day, self._emitted, checked["alerts"])

    def _finding(self, record: Any, day: str, fid: str, f: Finding, was: Any) -> FindingRecord:
        return {
            "record": record, "day": day, "id": fid, "status": f.status, "was": was,
            "finding": f.to_json(self.lang, fid),
        }  # fmt: skip

    def _problem(self, pos: int, fld: str | None, message: str, event: str | None = None) -> Problem:
        if self._objects:
            return Problem(self.name, None, fld, message, index=pos, event=event)
        return Problem(self.name, pos, fld, message)

    _objects = False

    def _check(self, item: Any) -> Event | Problem | None:
        """One record checked as ``read_events`` checks it, placed at its position: the event, the
        first problem, or None for a blank line or a comment."""
        objects = not isinstance(item, str | bytes)
        if self.position == 1:
            self._objects = objects
        pos = self.position - 1 if self._objects else self.position
        source: list[Any] = [item]
        try:
            got = read_events(source, name=self.name, max_errors=100_000)
        except EventLogError as exc:
            stand_ins = _stand_ins(exc.problems)
            if stand_ins is None:
                p = exc.problems[0]
                return self._problem(pos, p.field, p.message, p.event if self._objects else None)
            # only references unknown to a log of one event: check it again with stand-ins for them
            import json

            try:
                if objects:
                    got = read_events([*stand_ins, item], name=self.name)
                else:
                    got = read_events([*(json.dumps(s) for s in stand_ins), item], name=self.name)
            except EventLogError as again:
                p = again.problems[0]
                return self._problem(pos, p.field, p.message, p.event if self._objects else None)
        except TypeError as exc:
            return self._problem(pos, None, str(exc))
        evs = [ev for ev in got.events if not ev.id.startswith(_STAND_IN)]
        if not evs:
            return None
        ev = evs[0]
        ev.line = pos
        if ev.id in self._ids:
            return self._problem(pos, "id", f"duplicate id {ev.id!r}", ev.id)
        return ev

    def _accept(self, ev: Event) -> list[Problem]:
        """Take a checked event, or keep it until what it names is defined; the problems of the
        events it lets in (or of itself) that cannot be."""
        missing = [r for r in _refs(ev) if r[1] not in self._known[r[0]]]
        self._ids.add(ev.id)
        if missing:
            for i, ident, _ in missing:
                self._waiting.setdefault((i, ident), []).append((ev, missing))
            return []
        problems: list[Problem] = []
        queue = [ev]
        while queue:
            e = queue.pop()
            refused = self._insert(e)
            if refused is not None:
                problems.append(refused)
                continue
            for i, ref in enumerate(REFERENCES):
                if ref.defined_by == e.TYPE:
                    ident = getattr(e, ref.key)
                    self._known[i].add(ident)
                    for w, refs in self._waiting.pop((i, ident), []):
                        if all(r[1] in self._known[r[0]] for r in refs) and w not in queue:
                            queue.append(w)
        return problems

    def _insert(self, ev: Event) -> Problem | None:
        if ev.TYPE in ROSTER_TYPES:
            roster = self._roster
            at = bisect.bisect_right(roster, (ev.date, ev.line), key=_order)
            roster.insert(at, ev)
            try:
                Roster.build(roster, default_term_years=self.pack.term_length, name=self.name)
            except EventLogError as exc:
                del roster[at]
                self._ids.discard(ev.id)
                p = exc.problems[0]
                return self._problem(ev.line, p.field, p.message, ev.id)
        key = (ev.date, ev.line)
        self._events.insert(bisect.bisect_right(self._events, key, key=_order), ev)
        same = self._by_type.setdefault(ev.TYPE, [])
        same.insert(bisect.bisect_right(same, key, key=_order), ev)
        if self.watermark is None or ev.date > self.watermark:
            self.watermark = ev.date
        if self.closed is not None and ev.date <= self.closed:
            self._late = True  # a record for a closed day: the next close re-evaluates
        return None


_STAND_IN = "\U0001f6a7stand-in:"


def _order(ev: Event) -> tuple[date, int]:
    return (ev.date, ev.line)


def _stand_ins(problems: Sequence[Problem]) -> list[dict[str, Any]] | None:
    """Definitions standing in for the reps, groups and members a lone event names, when its only
    problems are those references (a log of one event defines none of them); else None.

    References are checked against the whole log, which a monitor does not have yet: the event is
    checked alone (every other check, with the reader's own messages), then again beside stand-ins
    for what it names, to get the event; the monitor checks the references itself (``_accept``)."""
    out: list[dict[str, Any]] = []
    for n, p in enumerate(problems):
        m = _UNKNOWN_REF.match(p.message)
        if m is None:
            return None
        ref = REFERENCES[_WHAT[m.group(1)]]
        stand_in = {"id": f"{_STAND_IN}{n}", "type": ref.defined_by, "date": "2000-01-01"}
        out.append(
            {**stand_in, ref.key: ast.literal_eval(m.group(2)), **_STAND_IN_FIELDS.get(ref.defined_by, {})}
        )
    return out


def _refs(ev: Event) -> list[tuple[int, str, str]]:
    """The (sort, id, field) of every rep, group and member ``ev`` names, but what it defines."""
    out: list[tuple[int, str, str]] = []
    for i, ref in enumerate(REFERENCES):
        own = getattr(ev, ref.key) if ref.defined_by == ev.TYPE else None
        for fld in ref.fields:
            value = getattr(ev, fld, None)
            if value is None:
                continue
            for ident in (value,) if isinstance(value, str) else value:
                if ident != own:
                    out.append((i, ident, fld))
    return out


def _refused(p: Problem) -> RefusedRecord:
    return {
        "record": "refused", "file": p.file, "line": p.line, "index": p.index, "field": p.field,
        "message": p.message,
    }  # fmt: skip
