"""A pack's escalations run by durable-rules over the monitor's records (docs/WATCH.md).

Each escalation compiles to a durable-rules ruleset in its JSON form (:func:`ruleset`): a rule that
takes the findings of the escalation's rules, and one that takes ``tick`` events. durable-rules
keeps each subject's state (``sid``) and dispatches to actions; the actions keep the subject's open
findings and work out which alerts hold, and the host emits the difference. Its limits are worked
around in the open:

- **time**: its timers run on the wall clock; deadlines here are event time. ``open_for`` deadlines
  are kept by the host and become ``tick`` events when a close passes them (the watermark);
- **subjects**: a ruleset holds at most 1,024 of them, so each escalation is sharded over rulesets
  of at most :data:`SUBJECTS_PER_RULESET`, and a subject with nothing open is deleted;
- **threads**: it is not thread-safe, and its host starts dispatch threads of its own: the host here
  starts none, runs every action in the caller's thread, and refuses calls from any other thread;
- **errors**: it swallows an action's exception into the state; every action here catches its own
  and the host raises :class:`EscalationError` after the call;
- **warnings**: on Python 3.12 it warns on every action (``datetime.utcfromtimestamp``): silenced
  around its calls only.

durable-rules is the ``live`` extra, imported when a host is made: without it,
:class:`~changrenzhi.errors.UsageError` names ``pip install 'changrenzhi[live]'``.
"""

from __future__ import annotations

import contextlib
import hashlib
import heapq
import threading
import warnings
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from types import ModuleType
from typing import Any

from ..errors import ChangrenzhiError, UsageError
from ..pack.model import Escalation, Pack
from .records import AlertRecord, AlertStateJson, SnapshotJson

__all__ = ["SUBJECTS_PER_RULESET", "EscalationError", "EscalationHost", "durable_engine", "ruleset"]

#: subjects per durable-rules ruleset (its limit is 1,024)
SUBJECTS_PER_RULESET = 1000
#: open findings one subject of an escalation may hold (its state is copied through JSON per action)
MAX_ITEMS = 400
INSTALL = "pip install 'changrenzhi[live]'"


class EscalationError(ChangrenzhiError):
    """An action of an escalation failed (durable-rules would have swallowed it)."""


def durable_engine() -> ModuleType:
    """durable-rules' engine module, or a UsageError that says how to install it."""
    try:
        from durable import engine
    except ImportError as exc:
        raise UsageError(
            f"this pack has escalations, which run on durable-rules ({exc}): {INSTALL} "
            "(Python 3.11 or 3.12), or watch without them (--no-escalations)"
        ) from None
    module: ModuleType = engine
    return module


def ruleset(esc: Escalation) -> dict[str, Any]:
    """The durable-rules ruleset (its JSON form, actions named by rule) of one escalation: a rule for
    the findings of its rules, one for ticks."""
    rules: list[dict[str, Any]] = [{"rule": r} for r in esc.rules]
    which: dict[str, Any] = rules[0] if len(rules) == 1 else {"$or": rules}
    return {
        "finding": {"all": [{"m": {"$and": [{"t": "finding"}, which]}}]},
        "tick": {"all": [{"m": {"t": "tick"}}]},
    }


def _hash(*parts: str) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def _sid(esc: Escalation, fid: str, snap: SnapshotJson) -> str:
    """The durable-rules subject a finding belongs to, for one escalation."""
    if esc.when == "consecutive":
        return _hash(snap["rule"], snap["subject"])
    if esc.when == "open_for":
        return fid
    period = f"{snap['period']}:{snap['start']}"
    return _hash(snap["rule"], period, *(snap["key"] if esc.same != "period" else ()))


#: an alert as an action works it out: id -> (subject, findings)
Alerts = dict[str, tuple[str, list[str]]]


def alerts_of(esc: Escalation, items: Mapping[str, SnapshotJson], day: date) -> Alerts:
    """The alerts ``esc`` raises on one subject's open findings (``items``, by id) as of ``day``."""
    out: Alerts = {}
    if esc.when == "consecutive":
        count = esc.count or 2
        runs = sorted((s["start"] or "", s["end"] or "", fid) for fid, s in items.items() if s["start"])
        run: list[tuple[str, str, str]] = []
        for item in runs:
            if run and date.fromisoformat(item[0]) != date.fromisoformat(run[-1][1]) + timedelta(days=1):
                run = []
            run.append(item)
            if len(run) >= count:
                snap = items[item[2]]
                aid = _hash(esc.id, snap["rule"], snap["subject"], item[0])
                out[aid] = (snap["subject"], [fid for _, _, fid in run[-count:]])
    elif esc.when == "open_for":
        for fid, snap in items.items():
            if date.fromisoformat(snap["since"]) + timedelta(days=esc.days or 0) <= day:
                out[_hash(esc.id, fid)] = (snap["subject"], [fid])
    else:
        subjects = {s["subject"] for s in items.values()}
        if len(subjects) >= (esc.count or 2):
            # the items share their rule and period (and key, with same: key): the sid's own
            one = items[min(items)]
            key = one["key"] if esc.same != "period" else []
            what = "/".join(key) or f"{one['period']}:{one['start']}"
            aid = _hash(esc.id, one["rule"], str(one["start"]), *key)
            out[aid] = (what, sorted(items))
    return out


class EscalationHost:
    """The pack's escalations on one durable-rules host, owned by the thread that made it."""

    def __init__(self, pack: Pack) -> None:
        engine = durable_engine()

        class _Host(engine.Host):  # type: ignore[misc, name-defined]
            def _run(self) -> None:  # no dispatch threads of its own: actions run in post()
                return None

        self._not_handled: type[BaseException] = engine.MessageNotHandledException
        self._host = _Host()
        self._owner = threading.get_ident()
        self.escalations = {e.id: e for e in pack.escalations}
        self._by_rule: dict[str, list[Escalation]] = {}
        for esc in pack.escalations:
            for r in esc.rules:
                self._by_rule.setdefault(r, []).append(esc)
        self._shards: dict[str, list[int]] = {e.id: [] for e in pack.escalations}  # subjects per shard
        self._shard_of: dict[tuple[str, str], int] = {}
        self._errors: list[str] = []
        self._out: list[AlertRecord] = []
        self._raised: dict[str, AlertStateJson] = {}
        self._deadlines: list[tuple[date, str, str]] = []  # (due, escalation, sid)
        self._day = date.min
        self._restoring: Mapping[str, AlertStateJson] | None = None

    # ---- the Escalator protocol -----------------------------------------------
    def step(
        self, day: date, before: Mapping[str, SnapshotJson], after: Mapping[str, SnapshotJson]
    ) -> list[AlertRecord]:
        """Post the findings that changed when ``day`` closed, then the ticks due by ``day``;
        return the alerts raised and withdrawn."""
        self._day = day
        for fid, snap in after.items():
            old = before.get(fid)
            if old is None or old["status"] != snap["status"]:
                self._post_finding(fid, snap)
        for fid, old in before.items():
            if fid not in after:
                self._post_finding(fid, old, gone=True)
        while self._deadlines and self._deadlines[0][0] <= day:
            _, esc_id, sid = heapq.heappop(self._deadlines)
            self._post(self.escalations[esc_id], sid, {"t": "tick", "day": day.isoformat()})
        out, self._out = self._out, []
        return out

    def restore(
        self, day: date | None, findings: Mapping[str, SnapshotJson], alerts: Mapping[str, AlertStateJson]
    ) -> None:
        """Rebuild the state a checkpoint stands for: its open findings, its raised alerts."""
        self._day = day or date.min
        self._restoring = alerts
        try:
            for fid, snap in findings.items():
                self._post_finding(fid, snap)
        finally:
            self._restoring = None
        self._raised = {aid: a for aid, a in alerts.items() if aid in self._raised}
        self._out = []

    def alerts(self) -> dict[str, AlertStateJson]:
        return dict(self._raised)

    # ---- posting ------------------------------------------------------------
    def _post_finding(self, fid: str, snap: SnapshotJson, *, gone: bool = False) -> None:
        for esc in self._by_rule.get(snap["rule"], ()):
            message = {"t": "finding", "rule": snap["rule"], "fid": fid, "snap": None if gone else snap}
            self._post(esc, _sid(esc, fid, snap), message)

    def _post(self, esc: Escalation, sid: str, message: dict[str, Any]) -> None:
        if threading.get_ident() != self._owner:
            raise RuntimeError("an escalation host is used only by the thread that made it")
        name = self._ruleset_for(esc, sid)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            with contextlib.suppress(self._not_handled):  # a finding no rule of the shard takes
                self._host.post(name, {**message, "sid": sid})
        if self._errors:
            errors, self._errors = self._errors, []
            raise EscalationError(f"escalation {esc.id}: an action failed: {'; '.join(errors)}")

    def _ruleset_for(self, esc: Escalation, sid: str) -> str:
        """The ruleset (shard) that holds ``sid``: a new shard when the others are full."""
        shards = self._shards[esc.id]
        at = self._shard_of.get((esc.id, sid))
        if at is None:
            at = next((i for i, n in enumerate(shards) if n < SUBJECTS_PER_RULESET), len(shards))
            if at == len(shards):
                shards.append(0)
                definition = ruleset(esc)
                definition["finding"]["run"] = self._action(esc, at, self._on_finding)
                definition["tick"]["run"] = self._action(esc, at, self._on_tick)
                self._host.set_rulesets({f"{esc.id}#{at}": definition})
            shards[at] += 1
            self._shard_of[esc.id, sid] = at
        return f"{esc.id}#{at}"

    def _action(
        self, esc: Escalation, shard: int, body: Callable[[Escalation, int, Any], None]
    ) -> Callable[[Any], None]:
        def run(c: Any) -> None:  # durable-rules swallows what an action raises: keep it
            try:
                body(esc, shard, c)
            except Exception as exc:
                self._errors.append(f"{type(exc).__name__}: {exc}")

        return run

    # ---- actions --------------------------------------------------------------
    def _on_finding(self, esc: Escalation, shard: int, c: Any) -> None:
        state: dict[str, Any] = c.s._d
        m: dict[str, Any] = c._m
        m = m.get("m", m)  # the event as matched by the rule's one term, named "m"
        items: dict[str, SnapshotJson] = state.get("items") or {}
        snap = m.get("snap")
        if snap is not None and snap["status"] in esc.statuses:
            items[m["fid"]] = snap
            if len(items) > MAX_ITEMS:
                raise ValueError(f"subject {state['sid']} holds more than {MAX_ITEMS} open findings")
            if esc.when == "open_for":
                due = date.fromisoformat(snap["since"]) + timedelta(days=esc.days or 0)
                heapq.heappush(self._deadlines, (due, esc.id, state["sid"]))
        else:
            items.pop(m["fid"], None)
        state["items"] = items
        self._judge(esc, shard, state)
        self._forget_if_empty(esc, shard, c)

    def _on_tick(self, esc: Escalation, shard: int, c: Any) -> None:
        self._judge(esc, shard, c.s._d)
        self._forget_if_empty(esc, shard, c)

    def _forget_if_empty(self, esc: Escalation, shard: int, c: Any) -> None:
        """Delete a subject with nothing open and no alert raised: it leaves its shard."""
        state: dict[str, Any] = c.s._d
        if not state.get("items") and not state.get("raised") and self._restoring is None:
            c.delete_state()
            self._shards[esc.id][shard] -= 1
            self._shard_of.pop((esc.id, state["sid"]), None)

    def _judge(self, esc: Escalation, shard: int, state: dict[str, Any]) -> None:
        items: dict[str, SnapshotJson] = state.get("items") or {}
        raised: dict[str, Any] = state.get("raised") or {}
        now = alerts_of(esc, items, self._day) if items else {}
        day = self._day.isoformat()
        if self._restoring is not None:
            raised = {aid: v for aid, v in now.items() if aid in self._restoring}
            for aid in raised:
                self._raised[aid] = self._restoring[aid]
        else:
            for aid, (subject, fids) in now.items():
                if aid not in raised:
                    self._alert("raised", esc, aid, subject, fids, day)
                    self._raised[aid] = {
                        "escalation": esc.id,
                        "subject": subject,
                        "findings": fids,
                        "day": day,
                    }
            for aid, (subject, fids) in raised.items():
                if aid not in now:
                    self._alert("withdrawn", esc, aid, subject, fids, day)
                    self._raised.pop(aid, None)
            raised = {aid: list(v) for aid, v in now.items()}
        state["raised"] = raised

    def _alert(self, how: Any, esc: Escalation, aid: str, subject: str, fids: list[str], day: str) -> None:
        c = esc.citation
        citation: Any = {"source": c.source, "line": c.line, "text": c.text}
        if c.clause:
            citation["clause"] = c.clause
        self._out.append(
            {
                "record": "alert",
                "day": day,
                "id": aid,
                "state": how,
                "escalation": esc.id,
                "when": esc.when,
                "subject": subject,
                "findings": list(fids),
                "title": esc.title,
                "citation": citation,
            }
        )
