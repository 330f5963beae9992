"""Coverage: each clause of a pack's source text, and what accounts for it.

A pack lists the clauses of its source under ``clauses:`` (one per row of the
clause inventory, DOMAIN.md); rules name the clauses they encode with
``covers: [ids]`` and ``not_encoded`` entries the clause they account for with
``covers: id``. :func:`coverage` answers, per clause, one status:

- ``encoded``: at least one rule covers it (``pending`` lists the parts still
  waiting for a kind, if any);
- ``missing``: no rule covers it and a ``kind_pending`` entry does, or nothing
  covers it at all;
- ``not_checkable``: only ``not_checkable`` (and perhaps ``record``) entries
  cover it, with their reasons;
- ``record``: only ``record`` entries cover it.

See ``docs/COVERAGE.md`` for the format and the JSON shape.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .errors import UsageError
from .findings import CitationJson
from .jsontypes import NotRequired, TypedDict
from .messages import Section, counted
from .pack.lines import LINE_STATUSES, LineAccount, LineStatus, line_accounts
from .pack.model import Clause, NotEncoded, Pack
from .text import pad, text_width

__all__ = [
    "COVERAGE_FORMAT",
    "STATUSES",
    "CoverageReport",
    "CoverageRow",
    "coverage",
    "coverage_json",
    "coverage_report",
    "coverage_text",
    "render_coverage",
]

CoverageFormat = Literal["changrenzhi.coverage/1"]
COVERAGE_FORMAT: CoverageFormat = "changrenzhi.coverage/1"
Status = Literal["encoded", "record", "not_checkable", "missing"]
STATUSES: tuple[Status, ...] = ("encoded", "record", "not_checkable", "missing")


class EntryJson(TypedDict):
    """A not_encoded entry that accounts for the clause, in part or whole."""

    clause: str
    status: Literal["record", "not_checkable", "kind_pending"]
    reason: str
    kind: NotRequired[str]


class ClauseJson(TypedDict):
    """One clause of the inventory and what accounts for it."""

    clause: str
    title: str
    citation: CitationJson
    inventory: Literal["check", "record"]
    status: Status
    rules: list[str]
    not_encoded: list[EntryJson]
    pending_kinds: list[str]


class CoverageSummaryJson(TypedDict):
    """The number of clauses of each status."""

    encoded: int
    record: int
    not_checkable: int
    missing: int


class UnmappedJson(TypedDict):
    """The rules and not_encoded entries that name no clause."""

    rules: list[str]
    not_encoded: list[str]


class LineJson(TypedDict):
    """One line of the source range and what accounts for it."""

    source: str
    line: int
    status: LineStatus
    rules: list[str]
    reasons: list[str]
    #: the quoted phrase of its note or of the first citation that names it (null: nothing does)
    text: str | None
    #: where the account comes from: rule, not_encoded, clause, note
    by: list[str]


class LineSummaryJson(TypedDict):
    """The number of lines of each status."""

    encoded: int
    not_checkable: int
    record: int
    no_duty: int
    missing: int


class CoverageJson(TypedDict):
    """What ``changrenzhi coverage --format json`` prints."""

    format: CoverageFormat
    pack: str
    clauses: list[ClauseJson]
    summary: CoverageSummaryJson
    unmapped: UnmappedJson
    lines: list[LineJson]
    line_summary: LineSummaryJson


MSG = Section(
    "coverage",
    {
        "head": {
            "zh": "{pack}（{name}）条款覆盖：{clauses} 条",
            "en": "{pack} ({name}) clause coverage: {clauses}",
        },
        "col-clause": {"zh": "条款", "en": "clause"},
        "col-line": {"zh": "行", "en": "line"},
        "col-status": {"zh": "状态", "en": "status"},
        "col-by": {"zh": "依据", "en": "accounted for by"},
        "encoded": {"zh": "已编码", "en": "encoded"},
        "record": {"zh": "备案", "en": "record"},
        "not_checkable": {"zh": "无法检查", "en": "not checkable"},
        "missing": {"zh": "缺失", "en": "missing"},
        "by-rules": {"zh": "规则 {rules}", "en": "rules {rules}"},
        "by-rule": {"zh": "规则 {rules}", "en": "rule {rules}"},
        "by-pending": {"zh": "待实现 kind {kinds}", "en": "kind pending: {kinds}"},
        "partly-pending": {
            "zh": "（另有部分待实现 kind {kinds}）",
            "en": " (parts still pending: kind {kinds})",
        },
        "partly-other": {
            "zh": "（另有 {n} 项备案或无法检查的部分，见 --format json）",
            "en": " (and {n} recorded or not checkable, see --format json)",
        },
        "by-nothing": {"zh": "没有规则或说明涉及此条", "en": "no rule or entry covers it"},
        "lines-head": {
            "zh": "逐行：{source} 第 {first}–{last} 行",
            "en": "Line by line: {source}, lines {first}-{last}",
        },
        "no_duty": {"zh": "无义务", "en": "no duty"},
        "line-nothing": {
            "zh": "没有规则、说明或逐行注记涉及此行",
            "en": "no rule, entry or line note accounts for it",
        },
        "lines-summary": {
            "zh": "逐行合计：已编码 {encoded}，无法检查 {not_checkable}，备案 {record}，"
            "无义务 {no_duty}，缺失 {missing}",
            "en": "Lines: {encoded} encoded, {not_checkable} not checkable, {record} record, "
            "{no_duty} no duty, {missing} missing",
        },
        "demoted": {
            "zh": "清单列为 check，包中判定为{status}",
            "en": "listed as check, judged {status} by the pack",
        },
        "summary": {
            "zh": "合计：已编码 {encoded}，备案 {record}，无法检查 {not_checkable}，"
            "缺失 {missing} -> exit {code}",
            "en": "Summary: {encoded} encoded, {record} record, {not_checkable} not checkable, "
            "{missing} missing -> exit {code}",
        },
        "unmapped-rules": {
            "zh": "未标明所涉条款的规则（covers 为空）：{ids}",
            "en": "rules that name no clause (empty covers): {ids}",
        },
        "unmapped-entries": {
            "zh": "未标明所涉条款的 not_encoded 条目：{ids}",
            "en": "not_encoded entries that name no clause: {ids}",
        },
        "no-inventory": {
            "zh": "{pack}：包中没有 clauses: 条款清单，无法计算覆盖（见 docs/COVERAGE.md）",
            "en": "{pack}: the pack has no clauses: inventory, so coverage cannot be computed "
            "(see docs/COVERAGE.md)",
        },
    },
)


@dataclass(frozen=True, slots=True)
class CoverageRow:
    """One clause and what accounts for it."""

    clause: Clause
    status: Status
    #: ids of the rules that cover the clause, in pack order
    rules: tuple[str, ...]
    #: the not_encoded entries that cover it, in pack order
    entries: tuple[NotEncoded, ...]

    @property
    def pending(self) -> tuple[NotEncoded, ...]:
        """The ``kind_pending`` entries: the whole clause when ``missing``, a part when ``encoded``."""
        return tuple(e for e in self.entries if e.status == "kind_pending")

    @property
    def demoted(self) -> bool:
        """A clause the inventory lists as ``check`` that the pack judges record or not checkable."""
        return self.clause.status == "check" and self.status in ("record", "not_checkable")

    def reasons(self) -> tuple[str, ...]:
        """Why it is not encoded: the reasons of the entries that decide the status."""
        if self.status == "encoded":
            return ()
        wanted = {"missing": "kind_pending", "not_checkable": "not_checkable", "record": "record"}[
            self.status
        ]
        return tuple(e.reason.strip() for e in self.entries if e.status == wanted)

    def to_json(self) -> ClauseJson:
        c = self.clause.citation
        entries: list[EntryJson] = []
        for e in self.entries:
            entry: EntryJson = {"clause": e.clause, "status": e.status, "reason": e.reason.strip()}
            if e.kind:
                entry["kind"] = e.kind
            entries.append(entry)
        return {
            "clause": self.clause.id,
            "title": self.clause.title,
            "citation": {"source": c.source, "line": c.line, "text": c.text},
            "inventory": self.clause.status,
            "status": self.status,
            "rules": list(self.rules),
            "not_encoded": entries,
            "pending_kinds": sorted({e.kind for e in self.pending if e.kind}),
        }


@dataclass(frozen=True, slots=True)
class CoverageReport:
    """The rows of a pack, and the rules and entries that name no clause."""

    pack: Pack
    rows: tuple[CoverageRow, ...]
    unmapped_rules: tuple[str, ...]
    unmapped_entries: tuple[str, ...]
    #: every line of the source ranges (docs/COVERAGE.md, "Every line")
    lines: tuple[LineAccount, ...] = ()

    @property
    def summary(self) -> CoverageSummaryJson:
        def count(status: Status) -> int:
            return sum(1 for r in self.rows if r.status == status)

        return {
            "encoded": count("encoded"),
            "record": count("record"),
            "not_checkable": count("not_checkable"),
            "missing": count("missing"),
        }

    @property
    def line_summary(self) -> LineSummaryJson:
        counts = {s: 0 for s in LINE_STATUSES}
        for a in self.lines:
            counts[a.status] += 1
        return {
            "encoded": counts["encoded"],
            "not_checkable": counts["not_checkable"],
            "record": counts["record"],
            "no_duty": counts["no_duty"],
            "missing": counts["missing"],
        }

    @property
    def has_missing(self) -> bool:
        return any(r.status == "missing" for r in self.rows) or any(a.status == "missing" for a in self.lines)

    @property
    def exit_code(self) -> int:
        return 1 if self.has_missing else 0

    def to_json(self) -> CoverageJson:
        return {
            "format": COVERAGE_FORMAT,
            "pack": self.pack.id,
            "clauses": [r.to_json() for r in self.rows],
            "summary": self.summary,
            "unmapped": {"rules": list(self.unmapped_rules), "not_encoded": list(self.unmapped_entries)},
            "lines": [_line_json(a) for a in self.lines],
            "line_summary": self.line_summary,
        }


def _line_json(a: LineAccount) -> LineJson:
    return {
        "source": a.source,
        "line": a.line,
        "status": a.status,
        "rules": list(a.rules),
        "reasons": list(a.reasons),
        "text": a.text,
        "by": list(a.by),
    }


def _status(rules: Sequence[str], entries: Sequence[NotEncoded]) -> Status:
    if rules:
        return "encoded"
    kinds = {e.status for e in entries}
    if not entries or "kind_pending" in kinds:
        return "missing"
    if "not_checkable" in kinds:
        return "not_checkable"
    return "record"


def coverage(pack: Pack) -> list[CoverageRow]:
    """One row per clause of ``pack.model.clauses``, in inventory order (empty without an inventory)."""
    by_rule: dict[str, list[str]] = {}
    for r in pack.model.rules:
        for cid in r.covers:
            by_rule.setdefault(cid, [])
            if r.id not in by_rule[cid]:
                by_rule[cid].append(r.id)
    by_entry: dict[str, list[NotEncoded]] = {}
    for e in pack.model.not_encoded:
        if e.covers is not None:
            by_entry.setdefault(e.covers, []).append(e)
    rows = []
    for cl in pack.model.clauses:
        rules = by_rule.get(cl.id, [])
        entries = by_entry.get(cl.id, [])
        rows.append(CoverageRow(cl, _status(rules, entries), tuple(rules), tuple(entries)))
    return rows


def coverage_report(pack: Pack, lang: str = "zh") -> CoverageReport:
    """The coverage of ``pack``; raises :class:`UsageError` when it has no ``clauses:`` inventory."""
    if not pack.model.clauses:
        raise UsageError(MSG("no-inventory", lang, pack=pack.id))
    return CoverageReport(
        pack,
        tuple(coverage(pack)),
        tuple(r.id for r in pack.model.rules if not r.covers),
        tuple(e.clause for e in pack.model.not_encoded if e.covers is None),
        tuple(line_accounts(pack.model)),
    )


# ---- rendering ----------------------------------------------------------------
def _by(row: CoverageRow, lang: str) -> str:
    pending = ", ".join(sorted({e.kind or "?" for e in row.pending}))
    if row.status == "encoded":
        text = MSG("by-rule" if len(row.rules) == 1 else "by-rules", lang, rules=", ".join(row.rules))
        others = sum(1 for e in row.entries if e.status != "kind_pending")
        text += MSG("partly-pending", lang, kinds=pending) if pending else ""
        return text + (MSG("partly-other", lang, n=counted(others, "part", lang)) if others else "")
    if row.status == "missing":
        return MSG("by-pending", lang, kinds=pending) if pending else MSG("by-nothing", lang)
    reasons = " / ".join(row.reasons())
    if row.demoted:
        reasons = MSG("demoted", lang, status=MSG(row.status, lang)) + ": " + reasons
    return reasons


def coverage_text(report: CoverageReport, lang: str = "zh") -> str:
    """A readable table: clause, line, status, what accounts for it; headings in ``lang``."""
    pack = report.pack
    head = [MSG("col-clause", lang), MSG("col-line", lang), MSG("col-status", lang), MSG("col-by", lang)]
    body = []
    for row in report.rows:
        c = row.clause.citation
        body.append(
            [f"{row.clause.id} {row.clause.title}", f"L{c.line}", MSG(row.status, lang), _by(row, lang)]
        )
    widths = [max(text_width(r[i]) for r in [head, *body]) for i in range(3)]
    lines = [
        MSG("head", lang, pack=pack.id, name=pack.name, clauses=counted(len(report.rows), "clause", lang)),
        "",
    ]
    for r in [head, *body]:
        lines.append("  ".join(pad(cell, widths[i]) for i, cell in enumerate(r[:3])) + "  " + r[3])
        if r is head:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * text_width(head[3]))
    lines.append("")
    lines.extend(_line_table(report, lang))
    if report.unmapped_rules:
        lines.append(MSG("unmapped-rules", lang, ids=", ".join(report.unmapped_rules)))
    if report.unmapped_entries:
        lines.append(MSG("unmapped-entries", lang, ids=", ".join(report.unmapped_entries)))
    if report.lines:
        lines.append(MSG("lines-summary", lang, **report.line_summary))
    lines.append(MSG("summary", lang, code=report.exit_code, **report.summary))
    return "\n".join(lines) + "\n"


#: the longest quote the text table shows of a line (the JSON gives it whole)
QUOTE_WIDTH = 24


def _line_table(report: CoverageReport, lang: str) -> list[str]:
    out: list[str] = []
    source: str | None = None
    width = max((text_width(MSG(a.status, lang)) for a in report.lines), default=0)
    for a in report.lines:
        if a.source != source:
            source = a.source
            span = [x.line for x in report.lines if x.source == source]
            out.append(MSG("lines-head", lang, source=source, first=span[0], last=span[-1]))
        if a.status == "encoded":
            by = MSG("by-rules", lang, rules=", ".join(a.rules))
        elif a.reasons:
            by = " / ".join(a.reasons)
        else:
            by = MSG("line-nothing", lang)
        quote = _clip(a.text or "", QUOTE_WIDTH)
        out.append(f"  L{a.line:<4} {pad(MSG(a.status, lang), width)}  {pad(quote, QUOTE_WIDTH)}  {by}")
    if out:
        out.append("")
    return out


def _clip(text: str, width: int) -> str:
    if text_width(text) <= width:
        return text
    out = ""
    for ch in text:
        if text_width(out + ch + "…") > width:
            break
        out += ch
    return out + "…"


def coverage_json(report: CoverageReport, lang: str = "zh") -> str:
    """The documented JSON shape (docs/COVERAGE.md); ``lang`` is accepted for symmetry and unused."""
    return json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n"


COVERAGE_FORMATS = {"text": coverage_text, "json": coverage_json}


def render_coverage(report: CoverageReport, fmt: str = "text", lang: str = "zh") -> str:
    return COVERAGE_FORMATS[fmt](report, lang)
