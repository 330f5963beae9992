"""The semantic difference between two packs, with witnesses (``changrenzhi diff OLD NEW``).

Rules are aligned by id, then (for the rest) by kind and the subject of the
duty (the parameters that say *whom* or *what* it is about: ``meeting_kinds``,
``of``, ``kinds``, ``applies_to`` ...), when that pairs exactly one old rule with
one new rule. For each pair whose kind, severity or parameters differ, the
boundary probes of *both* versions (:mod:`changrenzhi.probes`; per epoch for
dated parameters) are run through each version alone; a probe on which the new
version judges the subject more severely than the old one (no finding < ``info``
< ``warning`` < ``violation``; ``pending`` counts as no finding) is a
*stricter* witness, the reverse a *looser* one. Before it is reported, a witness
is verified by evaluating the rule in each pack, with the pack's settings, on its log
(rules are evaluated independently: the other rules of a pack change nothing of a rule's
findings, so they are not run again for every witness). The label is
``stricter`` (only stricter witnesses), ``looser`` (only looser), ``different``
(both), ``no_effect`` (no probe splits them: a reworded title, a new citation, a
rule only moved in the file) or ``unknown`` (the kind has no probe builder, or the
rule's bounds are too large to probe: :data:`~changrenzhi.probes.MAX_PROBE_EVENTS`, so
nothing can be shown). An added rule is ``stricter`` with a witness on which it
fires, a removed one ``looser``.

The work is linear in the packs: each rule's probes hold a bounded number of events
(:class:`~changrenzhi.probes.Budget`), each is run through one rule.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from .engine.core import evaluate
from .events import read_events
from .findings import Finding, FindingJson
from .jsontypes import Day, NotRequired, Schema, TypedDict
from .messages import Section, plain
from .pack.model import Pack, Rule
from .probes import MAX_PROBE_EVENTS, Budget, Probe, has_probes, probes, setting_of

__all__ = [
    "DIFF_FORMAT",
    "FieldChange",
    "PackDiff",
    "RuleDiff",
    "Witness",
    "diff_packs",
    "render_diff",
    "write_witnesses",
]

DiffFormat = Literal["changrenzhi.diff/1"]
DIFF_FORMAT: DiffFormat = "changrenzhi.diff/1"
Label = Literal["stricter", "looser", "different", "no_effect", "unknown"]
Change = Literal["changed", "added", "removed", "unchanged"]


class FieldChangeJson(TypedDict):
    """A field of a rule (``params.share``, ``severity``...) or of the term settings: old and new value."""

    path: str
    old: Any
    new: Any


class ProbeJson(TypedDict):
    """The probe behind a witness: the parameter, the side of its bound, the epoch it tests."""

    param: str
    side: str
    label: str
    epoch: str | None


class VerdictJson(TypedDict):
    """One pack's verdict on a witness: its most severe status but pending (null: none), its findings."""

    status: Annotated[str | None, Schema(enum=["violation", "warning", "info", None])]
    findings: list[FindingJson]


class WitnessJson(TypedDict):
    """A probe log the two packs judge differently; its events as schema/events.schema.json has them."""

    direction: Literal["stricter", "looser"]
    probe: ProbeJson
    as_of: Day
    subject: str
    events: list[dict[str, Any]]
    old: VerdictJson
    new: VerdictJson


class RuleDiffJson(TypedDict):
    """How one rule changed and what that does (``label``), with witness logs."""

    change: Change
    old_id: str | None
    new_id: str | None
    kind: str
    label: Label
    reordered: bool
    fields: list[FieldChangeJson]
    witnesses: list[WitnessJson]
    #: present (true) when the rule's probes were cut at the work bound, so no witness was sought
    too_large: NotRequired[bool]


SideJson = TypedDict("SideJson", {"pack": str, "path": str | None})
#: the number of rule differences of each label
DiffSummaryJson = TypedDict(
    "DiffSummaryJson", {"stricter": int, "looser": int, "different": int, "no_effect": int, "unknown": int}
)


class DiffJson(TypedDict):
    """What ``changrenzhi diff --format json`` prints."""

    format: DiffFormat
    old: SideJson
    new: SideJson
    effective: bool
    settings: list[FieldChangeJson]
    rules: list[RuleDiffJson]
    summary: DiffSummaryJson


EFFECTIVE: frozenset[str] = frozenset({"stricter", "looser", "different", "unknown"})
_RANK = {"info": 1, "warning": 2, "violation": 3}
#: rule fields that change what a rule finds; the others (title, citation, notes) do not
SEMANTIC = ("kind", "severity", "params")
#: parameters that say whom or what a duty is about, for aligning rules whose id changed
DUTY_SUBJECT = ("meeting_kind", "meeting_kinds", "of", "kinds", "applies_to", "matters", "what", "by", "span")

MSG = Section(
    "diff",
    {
        "header": {
            "zh": "规则包差异：{old} → {new}",
            "en": "pack difference: {old} → {new}",
        },
        "summary": {
            "zh": "共 {effective} 条规则有实际差异（更严 {stricter}，更宽 {looser}，有严有宽 {different}，"
            "无法判断 {unknown}），{no_effect} 条无影响",
            "en": "{effective} rules differ in effect ({stricter} stricter, {looser} looser, "
            "{different} different, {unknown} unknown), {no_effect} without effect",
        },
        "nothing": {"zh": "两个规则包的规则完全相同", "en": "the two packs have the same rules"},
        "label.stricter": {"zh": "更严", "en": "stricter"},
        "label.looser": {"zh": "更宽", "en": "looser"},
        "label.different": {"zh": "有严有宽", "en": "different"},
        "label.no_effect": {"zh": "无影响", "en": "no effect"},
        "label.unknown": {"zh": "无法判断", "en": "unknown"},
        "change.changed": {"zh": "修改", "en": "changed"},
        "change.added": {"zh": "新增", "en": "added"},
        "change.removed": {"zh": "删除", "en": "removed"},
        "change.unchanged": {"zh": "未改", "en": "unchanged"},
        "rule": {"zh": "[{label}] {rule}（{kind}，{change}）", "en": "[{label}] {rule} ({kind}, {change})"},
        "renamed": {
            "zh": "    规则编号 {old_id} 改为 {new_id}",
            "en": "    rule id {old_id} renamed {new_id}",
        },
        "field": {"zh": "    {path}: {old} → {new}", "en": "    {path}: {old} → {new}"},
        "reordered": {
            "zh": "    只调整了在规则包中的顺序（第 {old_pos} 条 → 第 {new_pos} 条），没有影响",
            "en": "    only reordered in the pack (rule {old_pos} → rule {new_pos}); no effect",
        },
        "moved_too": {
            "zh": "    另外调整了顺序（第 {old_pos} 条 → 第 {new_pos} 条）",
            "en": "    also reordered (rule {old_pos} → rule {new_pos})",
        },
        "no_split": {
            "zh": "    没有任何边界探针使两版判断不同：没有影响",
            "en": "    no boundary probe tells the two versions apart: no effect",
        },
        "no_builder": {
            "zh": "    规则类型 {kind} 没有边界探针，无法给出见证",
            "en": "    kind {kind} has no boundary probes: no witness can be given",
        },
        "too_large": {
            "zh": "    规则的界限太大，无法全部探测（探针超过 {events} 条事件），没有找到见证",
            "en": "    the rule's bounds are too large to probe in full (probes past {events} events): "
            "no witness found",
        },
        "witness": {
            "zh": "    见证（{direction}）：{probe}；{events} 条事件，截至 {as_of}，对象 {subject}",
            "en": "    witness ({direction}): {probe}; {events} events, as of {as_of}, subject {subject}",
        },
        "verdict": {"zh": "      {side}：{verdict}", "en": "      {side}: {verdict}"},
        "side.old": {"zh": "旧版 {pack}", "en": "old {pack}"},
        "side.new": {"zh": "新版 {pack}", "en": "new {pack}"},
        "none": {"zh": "无发现", "en": "no finding"},
        "status.violation": {"zh": "违规", "en": "violation"},
        "status.warning": {"zh": "警告", "en": "warning"},
        "status.info": {"zh": "提示", "en": "info"},
        "status.pending": {"zh": "待定", "en": "pending"},
        "found": {"zh": "{status} — {message}", "en": "{status} — {message}"},
        "setting": {
            "zh": "[有差异] 任期设置 {path}: {old} → {new}（影响所有规则，无探针）",
            "en": "[differs] term setting {path}: {old} → {new} (affects every rule; not probed)",
        },
        "file.header": {
            "zh": "# changrenzhi diff 见证：规则 {rule}（{kind}），{direction}\n"
            "# 探针：{probe}\n"
            "# 旧版 {old}：{old_verdict}\n"
            "# 新版 {new}：{new_verdict}\n"
            "# 复核：changrenzhi check PACK 本文件 --as-of {as_of}",
            "en": "# changrenzhi diff witness: rule {rule} ({kind}), {direction}\n"
            "# probe: {probe}\n"
            "# old {old}: {old_verdict}\n"
            "# new {new}: {new_verdict}\n"
            "# re-check: changrenzhi check PACK this-file --as-of {as_of}",
        },
    },
)


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of a rule (``params.share``, ``severity``, ``title``...) and its two values."""

    path: str
    old: Any
    new: Any

    def to_json(self) -> FieldChangeJson:
        return {"path": self.path, "old": self.old, "new": self.new}


@dataclass(frozen=True, slots=True)
class Witness:
    """A probe log the two packs judge differently, with the findings each whole pack gave."""

    direction: Literal["stricter", "looser"]
    probe: Probe
    old: tuple[Finding, ...]
    new: tuple[Finding, ...]

    @property
    def old_status(self) -> str | None:
        return _verdict(self.old)

    @property
    def new_status(self) -> str | None:
        return _verdict(self.new)

    def to_json(self, lang: str = "zh") -> WitnessJson:
        p = self.probe
        return {
            "direction": self.direction,
            "probe": {"param": p.param, "side": p.side, "label": p.label, "epoch": p.epoch},
            "as_of": p.as_of.isoformat(),
            "subject": p.subject,
            "events": [dict(e) for e in p.events],
            "old": {"status": self.old_status, "findings": [f.to_json(lang) for f in self.old]},
            "new": {"status": self.new_status, "findings": [f.to_json(lang) for f in self.new]},
        }


@dataclass(frozen=True, slots=True)
class RuleDiff:
    """How one rule changed between the packs, and what that does."""

    change: Change
    old: Rule | None
    new: Rule | None
    label: Label
    fields: tuple[FieldChange, ...] = ()
    #: (old position, new position), 1-based, when the rule moved relative to the others
    moved: tuple[int, int] | None = None
    witnesses: tuple[Witness, ...] = ()
    #: some probes were not built: the bounds ask for more events than a probe may hold
    cut: bool = False

    @property
    def rule(self) -> Rule:
        """The rule as the new pack has it, or as the old one had it when it was removed."""
        rule = self.new or self.old
        if rule is None:
            raise ValueError("a rule difference has an old rule, a new rule or both")
        return rule

    @property
    def id(self) -> str:
        return self.rule.id

    @property
    def kind(self) -> str:
        return self.rule.kind

    @property
    def effective(self) -> bool:
        return self.label in EFFECTIVE

    def to_json(self, lang: str = "zh") -> RuleDiffJson:
        out: RuleDiffJson = {
            "change": self.change,
            "old_id": self.old.id if self.old else None,
            "new_id": self.new.id if self.new else None,
            "kind": self.kind,
            "label": self.label,
            "reordered": self.moved is not None,
            "fields": [f.to_json() for f in self.fields],
            "witnesses": [w.to_json(lang) for w in self.witnesses],
        }
        if self.cut:
            out["too_large"] = True
        return out


@dataclass(frozen=True, slots=True)
class PackDiff:
    old: Pack
    new: Pack
    rules: tuple[RuleDiff, ...]
    settings: tuple[FieldChange, ...] = field(default=())

    @property
    def effective(self) -> bool:
        return bool(self.settings) or any(r.effective for r in self.rules)

    @property
    def exit_code(self) -> int:
        """0 when the packs judge alike, 1 when they do not (or cannot be shown to)."""
        return 1 if self.effective else 0

    def counts(self) -> DiffSummaryJson:
        out: DiffSummaryJson = {"stricter": 0, "looser": 0, "different": 0, "no_effect": 0, "unknown": 0}
        for r in self.rules:
            out[r.label] += 1
        return out

    def to_json(self, lang: str = "zh") -> DiffJson:
        return {
            "format": DIFF_FORMAT,
            "old": {"pack": self.old.id, "path": str(self.old.path) if self.old.path else None},
            "new": {"pack": self.new.id, "path": str(self.new.path) if self.new.path else None},
            "effective": self.effective,
            "settings": [s.to_json() for s in self.settings],
            "rules": [r.to_json(lang) for r in self.rules],
            "summary": self.counts(),
        }


# ---- comparing ------------------------------------------------------------------
def _verdict(findings: Iterable[Finding]) -> str | None:
    """The most severe non-pending status among ``findings`` (None: none)."""
    best: str | None = None
    for f in findings:
        if f.status in _RANK and (best is None or _RANK[f.status] > _RANK[best]):
            best = f.status
    return best


def _rank(status: str | None) -> int:
    return 0 if status is None else _RANK[status]


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
        va, vb = _rank(_verdict(a)), _rank(_verdict(b))
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
        if _verdict(mine) is None:
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


# ---- rendering ------------------------------------------------------------------
def _value(v: Any) -> str:
    return "—" if v is None else plain(v)


def _verdict_text(findings: Sequence[Finding], lang: str) -> str:
    status = _verdict(findings)
    if status is None:
        return MSG("none", lang)
    f = next(f for f in findings if f.status == status)
    return MSG("found", lang, status=MSG(f"status.{status}", lang), message=f.message(lang))


def render_text(d: PackDiff, lang: str = "zh") -> str:
    lines = [MSG("header", lang, old=d.old.id, new=d.new.id)]
    for s in d.settings:
        lines.append(MSG("setting", lang, path=s.path, old=_value(s.old), new=_value(s.new)))
    for r in d.rules:
        lines.append(
            MSG("rule", lang, label=MSG(f"label.{r.label}", lang), rule=r.id, kind=r.kind,
                change=MSG(f"change.{r.change}", lang))
        )  # fmt: skip
        for f in r.fields:
            if f.path == "id":
                lines.append(MSG("renamed", lang, old_id=f.old, new_id=f.new))
            else:
                lines.append(MSG("field", lang, path=f.path, old=_value(f.old), new=_value(f.new)))
        if r.moved is not None:
            key = "reordered" if r.change == "unchanged" else "moved_too"
            lines.append(MSG(key, lang, old_pos=r.moved[0], new_pos=r.moved[1]))
        if r.change == "changed" and r.label == "no_effect":
            lines.append(MSG("no_split", lang))
        if r.label == "unknown":
            if r.cut:
                lines.append(MSG("too_large", lang, events=MAX_PROBE_EVENTS))
            else:
                lines.append(MSG("no_builder", lang, kind=r.kind))
        for w in r.witnesses:
            p = w.probe
            lines.append(
                MSG("witness", lang, direction=MSG(f"label.{w.direction}", lang), probe=p.label,
                    events=len(p.events), as_of=p.as_of.isoformat(), subject=p.subject)
            )  # fmt: skip
            for side, pack, found in (("old", d.old, w.old), ("new", d.new, w.new)):
                lines.append(
                    MSG("verdict", lang, side=MSG(f"side.{side}", lang, pack=pack.id),
                        verdict=_verdict_text(found, lang))
                )  # fmt: skip
    if not d.rules and not d.settings:
        lines.append(MSG("nothing", lang))
    c = d.counts()
    effective = c["stricter"] + c["looser"] + c["different"] + c["unknown"]
    lines.append(MSG("summary", lang, effective=effective, **c))
    return "\n".join(lines) + "\n"


def render_diff(d: PackDiff, fmt: str = "text", lang: str = "zh") -> str:
    if fmt == "json":
        return json.dumps(d.to_json(lang), ensure_ascii=False, indent=2) + "\n"
    return render_text(d, lang)


def write_witnesses(d: PackDiff, folder: Path, lang: str = "zh") -> list[Path]:
    """Each witness as ``NN-<rule id>-<direction>.jsonl`` under ``folder``, with a comment header."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    n = 0
    for r in d.rules:
        for w in r.witnesses:
            n += 1
            path = folder / f"{n:02d}-{r.id}-{w.direction}.jsonl"
            p = w.probe
            header = MSG(
                "file.header", lang, rule=r.id, kind=r.kind, direction=MSG(f"label.{w.direction}", lang),
                probe=p.label, old=d.old.id, new=d.new.id, old_verdict=_verdict_text(w.old, lang),
                new_verdict=_verdict_text(w.new, lang), as_of=p.as_of.isoformat(),
            )  # fmt: skip
            path.write_text(header + "\n" + "\n".join(p.lines()) + "\n", encoding="utf-8")
            written.append(path)
    return written
