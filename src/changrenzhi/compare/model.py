"""The comparison itself: the rules of several packs aligned by duty, one row per duty.

:func:`describe` asks a rule's kind what duties the rule states (:meth:`RuleKind.describe
<changrenzhi.kinds.base.RuleKind.describe>`; :func:`generic` for a kind that says nothing), once
per stretch of time for dated parameters; :func:`compare` puts the duties of every pack in rows
(:class:`Row`), each with one cell per pack holding that pack's rules on the duty (:class:`Entry`).
The renderers (:mod:`.render_text`, :mod:`.render_html`, :mod:`.formats`) only walk the rows.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ..findings import CitationJson
from ..jsontypes import TypedDict
from ..kinds.base import KindParams
from ..kinds.describing import Duty, suffix
from ..messages import Section
from ..pack.model import Pack, Rule
from ..registry import BUILTIN_KINDS
from ..text import Text, pick

__all__ = ["COMPARE_FORMAT", "MSG", "Comparison", "Entry", "Row", "compare", "describe", "generic"]

CompareFormat = Literal["changrenzhi.compare/1"]
COMPARE_FORMAT: CompareFormat = "changrenzhi.compare/1"


class EntryJson(TypedDict):
    """One rule of one pack in a cell: the figure it sets (in the language asked for) and its citation."""

    rule: str
    severity: str
    figure: str
    citation: CitationJson


class RowJson(TypedDict):
    """One duty across the packs: a cell per pack, in the order of ``packs`` (null: the pack lacks it)."""

    key: str
    kind: str
    duty: str
    same: bool
    cells: list[list[EntryJson] | None]


class PackJson(TypedDict):
    id: str
    name: str
    locality: str


class CompareJson(TypedDict):
    """What ``changrenzhi compare --format json`` prints."""

    format: CompareFormat
    packs: list[PackJson]
    rows: list[RowJson]


MSG = Section(
    "compare",
    {
        "title": {
            "zh": "changrenzhi compare：{packs}（{rows} 项职责）",
            "en": "changrenzhi compare: {packs} ({rows} duties)",
        },
        "duty": {"zh": "职责", "en": "duty"},
        "key": {"zh": "键", "en": "key"},
        "kind": {"zh": "规则类型", "en": "kind"},
        "rule": {"zh": "规则", "en": "rule"},
        "citation": {"zh": "出处", "en": "citation"},
        "figure": {"zh": "要求", "en": "figure"},
        "missing": {"zh": "—（无此项）", "en": "— (none)"},
        "severity": {"zh": "（{severity}）", "en": " ({severity})"},
        "warning": {"zh": "提醒", "en": "warning"},
        "info": {"zh": "提示", "en": "info"},
        "defaults": {"zh": "（默认参数）", "en": "(default parameters)"},
        "only_differ": {
            "zh": "只看要求不同的（在具备该职责的包之间）",
            "en": "only duties whose figures differ (between the packs that have them)",
        },
        "html_note": {
            "zh": "每格：要求、规则编号、原文引文及出处（条款、行号）；列头为文件标题。",
            "en": "Each cell: the figure, the rule id, the quoted text and where it is (clause, line).",
        },
        "min_shared": {"zh": "至少 {select} 个包共有", "en": "shared by at least {select} packs"},
        "search": {"zh": "搜索职责、要求、规则、原文", "en": "search duties, figures, rules, quotes"},
        "sort": {"zh": "排序", "en": "sort"},
        "sort_default": {"zh": "按规则类型", "en": "by kind"},
        "sort_shared": {"zh": "按共有包数（多到少）", "en": "by packs sharing (most first)"},
        "sort_label": {"zh": "按职责名称", "en": "by duty name"},
        "shown": {"zh": "显示 {shown} / {total} 项职责", "en": "{shown} of {total} duties shown"},
        "shared_badge": {"zh": "{n}/{of} 个包", "en": "{n}/{of} packs"},
        "line": {"zh": "第 {line} 行", "en": "line {line}"},
        "document": {"zh": "依据《{title}》", "en": "based on “{title}”"},
        "no_openpyxl": {
            "zh": "--format xlsx 需要 openpyxl：pip install 'changrenzhi[xlsx]'",
            "en": "--format xlsx needs openpyxl: pip install 'changrenzhi[xlsx]'",
        },
        "no_packs": {"zh": "至少要给出一个政策包", "en": "give at least one pack"},
    },
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One rule of one pack in a cell: the figure it sets and where the text says so."""

    rule: str
    severity: str
    figure: Text
    source: str
    line: int
    quote: str
    clause: str | None = None

    def to_json(self, lang: str) -> EntryJson:
        cite: CitationJson = {"source": self.source, "line": self.line, "text": self.quote}
        if self.clause:
            cite["clause"] = self.clause
        return {
            "rule": self.rule,
            "severity": self.severity,
            "figure": pick(self.figure, lang),
            "citation": cite,
        }

    def cite(self) -> str:
        """Where the text says so: ``source:L12「quote」``."""
        return f"{self.source}:L{self.line}「{self.quote}」"

    def figure_with_severity(self, lang: str) -> str:
        fig = pick(self.figure, lang)
        if self.severity in ("warning", "info"):
            fig += MSG("severity", lang, severity=MSG(self.severity, lang))
        return fig


@dataclass(slots=True)
class Row:
    """One duty across the packs: ``cells[i]`` lists the entries of pack ``i`` (empty: the pack lacks it)."""

    key: str
    kind: str
    label: Text
    order: tuple[int, str, int, str]
    cells: list[list[Entry]] = field(default_factory=list)

    @property
    def same(self) -> bool:
        """Every pack has the duty, with the same figures."""
        figures = [sorted(e.figure for e in c) for c in self.cells]
        return all(figures) and all(f == figures[0] for f in figures)

    @property
    def shared(self) -> int:
        """How many packs have the duty."""
        return sum(1 for c in self.cells if c)

    @property
    def differs(self) -> bool:
        """At least two packs have the duty, and their figures are not all the same."""
        figures = [sorted(e.figure for e in c) for c in self.cells if c]
        return len(figures) >= 2 and any(f != figures[0] for f in figures)

    def to_json(self, lang: str) -> RowJson:
        return {
            "key": self.key,
            "kind": self.kind,
            "duty": pick(self.label, lang),
            "same": self.same,
            "cells": [[e.to_json(lang) for e in c] if c else None for c in self.cells],
        }


@dataclass(frozen=True, slots=True)
class Comparison:
    packs: tuple[Pack, ...]
    rows: tuple[Row, ...]

    @property
    def keys(self) -> list[str]:
        return [r.key for r in self.rows]

    def title(self, lang: str) -> str:
        return MSG("title", lang, packs=", ".join(p.id for p in self.packs), rows=len(self.rows))

    def to_json(self, lang: str = "zh") -> CompareJson:
        return {
            "format": COMPARE_FORMAT,
            "packs": [{"id": p.id, "name": p.name, "locality": p.model.locality} for p in self.packs],
            "rows": [r.to_json(lang) for r in self.rows],
        }


def _plain(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def generic(rule: Rule, params: KindParams | None = None) -> list[Duty]:
    """The fallback for a kind that does not describe its rules: one duty named after the kind, its
    parameters listed."""
    given = (rule.params if params is None else params).model_dump(mode="json", exclude_unset=True)
    if given:
        text = ", ".join(f"{k}={_plain(v)}" for k, v in given.items())
        fig = (text, text)
    else:
        fig = (MSG("defaults", "zh"), MSG("defaults", "en"))
    summary = rule.impl.summary or rule.kind
    return [Duty(rule.kind, (rule.kind, summary), fig)]


def _describe(rule: Rule, params: KindParams) -> list[Duty]:
    duties = rule.impl.describe(params)
    return generic(rule, params) if duties is None else duties


def describe(rule: Rule) -> list[Duty]:
    """The duties one rule states (its kind's ``describe``, else :func:`generic`).

    A rule with dated parameters states each duty once, its figure listing the
    figure of every stretch of time: ``至 2009-12-31：10–15 人；2010-01-01 起：10–12 人``.
    """
    if not rule.epochs:
        return _describe(rule, rule.params)
    merged: dict[str, tuple[Duty, list[Text]]] = {}
    for epoch in rule.epochs:
        zh, en = epoch.span()
        for duty in _describe(rule, epoch.params):
            merged.setdefault(duty.key, (duty, []))[1].append(suffix((f"{zh}：", f"{en}: "), duty.figure))
    return [
        Duty(d.key, d.label, ("；".join(z for z, _ in figs), "; ".join(e for _, e in figs)), d.rank)
        for d, figs in merged.values()
    ]


#: a built-in kind's place among the rows: its place in :data:`~changrenzhi.registry.BUILTIN_KINDS`
KIND_RANK: Mapping[str, int] = {k.name: i for i, k in enumerate(BUILTIN_KINDS)}


def _kind_order(kind: str) -> tuple[int, str]:
    """Built-in kinds in the registry's order, then any other kind by name."""
    return (KIND_RANK[kind], "") if kind in KIND_RANK else (len(KIND_RANK), kind)


def compare(packs: Sequence[Pack]) -> Comparison:
    """Align the rules of ``packs`` by duty."""
    rows: dict[str, Row] = {}
    for i, pack in enumerate(packs):
        for rule in pack.rules:
            c = rule.citation
            for duty in describe(rule):
                row = rows.get(duty.key)
                if row is None:
                    kr, kn = _kind_order(rule.kind)
                    row = rows[duty.key] = Row(
                        duty.key, rule.kind, duty.label, (kr, kn, duty.rank, duty.key), [[] for _ in packs]
                    )
                row.cells[i].append(
                    Entry(rule.id, rule.severity, duty.figure, c.source, c.line, c.text, c.clause)
                )
    ordered = sorted(rows.values(), key=lambda r: r.order)
    return Comparison(tuple(packs), tuple(ordered))
