"""What a difference of two packs is: the JSON types, the messages, the dataclasses."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from ..findings import Finding, FindingJson
from ..jsontypes import Day, NotRequired, Schema, TypedDict
from ..messages import Section
from ..pack.model import Pack, Rule
from ..probes import Probe

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
RANK = {"info": 1, "warning": 2, "violation": 3}
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
            "en": "{effective} in effect ({stricter} stricter, {looser} looser, "
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
        return verdict(self.old)

    @property
    def new_status(self) -> str | None:
        return verdict(self.new)

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


def verdict(findings: Iterable[Finding]) -> str | None:
    """The most severe non-pending status among ``findings`` (None: none)."""
    best: str | None = None
    for f in findings:
        if f.status in RANK and (best is None or RANK[f.status] > RANK[best]):
            best = f.status
    return best
