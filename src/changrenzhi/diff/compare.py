"""Comparing two packs: rules aligned, probed and witnessed (see :mod:`changrenzhi.diff`)."""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Literal

from ..engine.core import evaluate
from ..events import read_events
from ..findings import Finding
from ..pack.model import Pack, Rule
from ..probes import Budget, Probe, has_probes, probes, setting_of
from .model import DUTY_SUBJECT, RANK, SEMANTIC, FieldChange, Label, PackDiff, RuleDiff, Witness, verdict

# ---- comparing ------------------------------------------------------------------


def _rank(status: str | None) -> int:
    return 0 if status is None else RANK[status]


def _flatten(value: Any, prefix: str) -> dict[str, Any]:
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for k, v in value.items():
            out.update(_flatten(v, f"{prefix}.{k}" if prefix else str(k)))
        return out
    return {prefix: value}


def _view(rule: Rule) -> dict[str, Any]:
    """A rule as comparable fields: the spec, and each parameter as loaded (typed); a parameter
    that changes between epochs (dated values) is shown as ``{epoch: value}``."""
    spec = rule.spec.model_dump(mode="json", exclude_none=True, exclude={"params", "id"})
    out = _flatten(spec, "")
    epochs = [(ep.describe(), ep.params) for ep in rule.epochs] or [("", rule.params)]
    per_epoch = [(name, _flatten(p.to_json(), "params")) for name, p in epochs]
    for key in sorted({k for _, flat in per_epoch for k in flat}):
        values = [(name, flat.get(key)) for name, flat in per_epoch]
        if len({json.dumps(v, sort_keys=True) for _, v in values}) == 1:
            out[key] = values[0][1]
        else:
            out[key] = dict(values)
    return out


def _fields(old: Rule, new: Rule) -> tuple[FieldChange, ...]:
    a, b = _view(old), _view(new)
    out = [FieldChange(k, a.get(k), b.get(k)) for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]
    if old.id != new.id:
        out.insert(0, FieldChange("id", old.id, new.id))
    return tuple(out)


def _duty(rule: Rule) -> str:
    params = rule.params.to_json()
    subject = {k: params[k] for k in DUTY_SUBJECT if k in params}
    return json.dumps([rule.kind, subject], sort_keys=True, ensure_ascii=False)


def _align(old: Pack, new: Pack) -> list[tuple[Rule | None, Rule | None]]:
    """Pairs (old, new): by id, then by kind and duty subject when that pairs one with one."""
    new_ids = {r.id: r for r in new.rules}
    old_ids = {r.id: r for r in old.rules}
    pairs: list[tuple[Rule | None, Rule | None]] = [(r, new_ids[r.id]) for r in old.rules if r.id in new_ids]
    lone_old = [r for r in old.rules if r.id not in new_ids]
    lone_new = [r for r in new.rules if r.id not in old_ids]
    by_duty_old: dict[str, list[Rule]] = {}
    by_duty_new: dict[str, list[Rule]] = {}
    for r in lone_old:
        by_duty_old.setdefault(_duty(r), []).append(r)
    for r in lone_new:
        by_duty_new.setdefault(_duty(r), []).append(r)
    paired: set[int] = set()
    for key, olds in by_duty_old.items():
        news = by_duty_new.get(key, [])
        if len(olds) == 1 and len(news) == 1:
            pairs.append((olds[0], news[0]))
            paired.update({id(olds[0]), id(news[0])})
    pairs.extend((r, None) for r in lone_old if id(r) not in paired)
    pairs.extend((None, r) for r in lone_new if id(r) not in paired)
    return pairs


def _moved(pairs: Sequence[tuple[Rule | None, Rule | None]]) -> dict[int, tuple[int, int]]:
    """The pairs that moved relative to the others: those outside a longest run kept in order."""
    both = sorted((o.index, n.index, i) for i, (o, n) in enumerate(pairs) if o is not None and n is not None)
    seq = [n for _, n, _ in both]
    tail_values: list[int] = []
    tail_at: list[int] = []
    prev = [-1] * len(seq)
    for i, v in enumerate(seq):
        j = bisect.bisect_left(tail_values, v)
        if j == len(tail_values):
            tail_values.append(v)
            tail_at.append(i)
        else:
            tail_values[j] = v
            tail_at[j] = i
        prev[i] = tail_at[j - 1] if j else -1
    keep: set[int] = set()
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        keep.add(k)
        k = prev[k]
    return {both[i][2]: (both[i][0] + 1, both[i][1] + 1) for i in range(len(seq)) if i not in keep}


def _alone(pack: Pack, rule: Rule) -> Pack:
    return Pack(pack.model, (rule,), pack.path)


def _findings(pack: Pack, rule_id: str, probe: Probe) -> tuple[Finding, ...]:
    log = read_events(probe.lines(), name=f"{probe.rule}.jsonl")
    report = evaluate(pack, log, probe.as_of)
    return tuple(f for f in report.findings if f.rule == rule_id and f.subject == probe.subject)


def _probes_of(pack: Pack, rule: Rule, budget: Budget) -> Iterator[Probe]:
    yield from probes(rule, setting_of(pack), budget=budget)


Compared = tuple[Label, tuple[Witness, ...], bool]


def _compare(old: Pack, new: Pack, o: Rule, n: Rule) -> Compared:
    """Run the probes of both versions through each; verify a witness of each direction with the
    rule in its own pack (its settings, its term). Also says whether some probes were not built."""
    if not has_probes(o.impl) and not has_probes(n.impl):
        return "unknown", (), False
    alone_old, alone_new = _alone(old, o), _alone(new, n)
    found: dict[str, Witness] = {}
    budgets = Budget(), Budget()
    for probe in [*_probes_of(old, o, budgets[0]), *_probes_of(new, n, budgets[1])]:
        a = _findings(alone_old, o.id, probe)
        b = _findings(alone_new, n.id, probe)
        va, vb = _rank(verdict(a)), _rank(verdict(b))
        if va == vb:
            continue
        direction: Literal["stricter", "looser"] = "stricter" if vb > va else "looser"
        if direction not in found:
            found[direction] = Witness(direction, probe, a, b)
        if len(found) == 2:
            break
    cut = budgets[0].cut or budgets[1].cut
    if not found:
        return ("unknown" if cut else "no_effect"), (), cut
    label: Label = "different" if len(found) == 2 else "stricter" if "stricter" in found else "looser"
    return label, tuple(found[d] for d in ("stricter", "looser") if d in found), cut


def _one_sided(pack: Pack, rule: Rule, added: bool) -> Compared:
    """A witness on which an added (removed) rule fires in the pack that has it."""
    if not has_probes(rule.impl):
        return "unknown", (), False
    budget = Budget()
    alone = _alone(pack, rule)
    for probe in _probes_of(pack, rule, budget):
        if not probe.expect_finding:
            continue
        mine = _findings(alone, rule.id, probe)
        if verdict(mine) is None:
            continue
        if added:
            return "stricter", (Witness("stricter", probe, (), mine),), budget.cut
        return "looser", (Witness("looser", probe, mine, ()),), budget.cut
    return "unknown", (), budget.cut


def diff_packs(old: Pack, new: Pack) -> PackDiff:
    """The semantic difference between two loaded packs."""
    pairs = _align(old, new)
    moved = _moved(pairs)
    out: list[RuleDiff] = []
    for i, (o, n) in enumerate(pairs):
        if o is not None and n is not None:
            fields = _fields(o, n)
            semantic = [f for f in fields if f.path.split(".")[0] in SEMANTIC]
            if not fields:
                if i in moved:
                    out.append(RuleDiff("unchanged", o, n, "no_effect", (), moved[i]))
                continue
            label, witnesses, cut = _compare(old, new, o, n) if semantic else ("no_effect", (), False)
            out.append(RuleDiff("changed", o, n, label, fields, moved.get(i), witnesses, cut))
        elif n is not None:
            label, witnesses, cut = _one_sided(new, n, added=True)
            out.append(RuleDiff("added", None, n, label, (), None, witnesses, cut))
        elif o is not None:
            label, witnesses, cut = _one_sided(old, o, added=False)
            out.append(RuleDiff("removed", o, None, label, (), None, witnesses, cut))
    settings = []
    if old.term_length != new.term_length:
        settings.append(FieldChange("term.years", old.term_length, new.term_length))
    if old.presence != new.presence:
        settings.append(FieldChange("term.presence", old.presence, new.presence))
    return PackDiff(old, new, tuple(out), tuple(settings))
