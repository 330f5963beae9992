"""Lint's data: the codes (:data:`CODES`), their titles and messages (the ``lint`` catalogue), one
problem (:class:`LintProblem`), the result of a run (:class:`LintResult`), and the record of one
file's problems as the checks find them (:class:`Recorder`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from ..jsontypes import Schema, TypedDict
from ..messages import Section
from ..pack.provenance import locate
from ..pack.yamlsafe import LineMap, format_path
from ..pack.yamlsafe import Path as Loc

__all__ = [
    "CODES",
    "LINT_FORMAT",
    "MSG",
    "TITLES",
    "Code",
    "LintProblem",
    "LintResult",
    "Loc",
    "Recorder",
    "Sub",
]

LintFormat = Literal["changrenzhi.lint/1"]
LINT_FORMAT: LintFormat = "changrenzhi.lint/1"
Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Code:
    """One sort of problem: its code, severity and short name (a SARIF rule's name; its one-line
    title is in :data:`TITLES`, by code)."""

    code: str
    severity: Severity
    slug: str


#: every lint code, in the order they are documented (titles: :data:`TITLES`)
CODES: dict[str, Code] = {
    c.code: c
    for c in (
        Code("CRZ001", "error", "yaml"),
        Code("CRZ002", "error", "schema"),
        Code("CRZ003", "error", "required"),
        Code("CRZ004", "error", "unknown-kind"),
        Code("CRZ005", "error", "params"),
        Code("CRZ006", "error", "duplicate-id"),
        Code("CRZ007", "error", "citation-source"),
        Code("CRZ008", "error", "citation-range"),
        Code("CRZ009", "error", "loader"),
        Code("CRZ101", "error", "min-above-max"),
        Code("CRZ102", "error", "share-range"),
        Code("CRZ103", "error", "negative"),
        Code("CRZ110", "error", "contradiction"),
        Code("CRZ111", "warning", "shadowed"),
        Code("CRZ120", "error", "no-citation"),
        Code("CRZ121", "error", "quote-not-on-line"),
        Code("CRZ122", "error", "line-past-source"),
        Code("CRZ130", "error", "override-range"),
        Code("CRZ140", "error", "line-unaccounted"),
        Code("CRZ141", "error", "line-conflict"),
    )
}


class LintProblemJson(TypedDict):
    """One problem: its code and severity, where it is (file, line, the field's path), and what."""

    code: Annotated[str, Schema(enum=list(CODES))]
    severity: Severity
    file: str
    line: int | None
    field: str | None
    message: str


#: the number of problems of each severity
LintSummaryJson = TypedDict("LintSummaryJson", {"error": int, "warning": int})


class LintJson(TypedDict):
    """What ``changrenzhi lint --format json`` prints."""

    format: LintFormat
    files: list[str]
    problems: list[LintProblemJson]
    summary: LintSummaryJson


TITLES = Section(
    "lint-codes",
    {
        "CRZ001": {"zh": "YAML 无法读取", "en": "the YAML cannot be read"},
        "CRZ002": {"zh": "字段不符合包格式", "en": "a field does not fit the pack format"},
        "CRZ003": {"zh": "缺少必填字段", "en": "a required field is missing"},
        "CRZ004": {"zh": "未知的规则 kind", "en": "unknown rule kind"},
        "CRZ005": {"zh": "规则参数不符合其 kind", "en": "rule parameters do not fit their kind"},
        "CRZ006": {"zh": "规则 id 重复", "en": "duplicate rule id"},
        "CRZ007": {"zh": "引文出处不是文件的来源之一", "en": "citation source is not a document source"},
        "CRZ008": {"zh": "引文行号在文件范围之外", "en": "citation line outside the document"},
        "CRZ009": {"zh": "载入器拒绝此包", "en": "the loader refuses the pack"},
        "CRZ101": {"zh": "下限大于上限", "en": "minimum above maximum"},
        "CRZ102": {"zh": "比例不在 (0, 1] 之内", "en": "share outside (0, 1]"},
        "CRZ103": {"zh": "人数或天数为负", "en": "negative count or number of days"},
        "CRZ110": {"zh": "同类规则互相矛盾", "en": "rules of one kind contradict each other"},
        "CRZ111": {"zh": "同类规则被另一条覆盖", "en": "a rule is shadowed by another of its kind"},
        "CRZ120": {"zh": "缺少引文", "en": "missing citation"},
        "CRZ121": {"zh": "引文不在所引的行上", "en": "quoted phrase not on the cited line"},
        "CRZ122": {"zh": "所引的行超出原文", "en": "cited line past the end of the source"},
        "CRZ130": {"zh": "覆盖规则超出上级包的范围", "en": "override leaves the parent pack's range"},
        "CRZ140": {"zh": "原文的行没有交代", "en": "a line of the source range is not accounted for"},
        "CRZ141": {"zh": "逐行注记与引文矛盾", "en": "a line note contradicts a citation of the line"},
    },
)

MSG = Section(
    "lint",
    {
        "yaml": {"zh": "无法读取：{detail}", "en": "cannot read: {detail}"},
        "schema": {"zh": "格式错误：{detail}", "en": "{detail}"},
        "required": {"zh": "缺少必填字段", "en": "required field missing"},
        "unknown-kind": {"zh": "未知的规则 kind {kind!r}{hint}", "en": "unknown rule kind {kind!r}{hint}"},
        "hint": {"zh": "（是否想写 {name!r}？）", "en": " (did you mean {name!r}?)"},
        "params": {
            "zh": "参数不符合 kind {kind}：{detail}",
            "en": "parameter does not fit kind {kind}: {detail}",
        },
        "duplicate-id": {
            "zh": "规则 id {id!r} 重复（首次出现于第 {first} 行）",
            "en": "duplicate rule id {id!r} (first on line {first})",
        },
        "citation-source": {
            "zh": "{source!r} 不是文件的来源之一（{known}）",
            "en": "{source!r} is not one of the document's sources ({known})",
        },
        "citation-range": {
            "zh": "第 {line} 行不在 {source} 的文件范围 {first}-{last} 之内",
            "en": "line {line} is outside the document's lines {first}-{last} of {source}",
        },
        "loader": {"zh": "载入器拒绝：{detail}", "en": "the loader refuses: {detail}"},
        "min-above-max": {
            "zh": "{low} 为 {lo}，大于 {high} 的 {hi}",
            "en": "{low} is {lo}, above {high} ({hi})",
        },
        "share-range": {
            "zh": "比例 {value} 不在 (0, 1] 之内",
            "en": "share {value} is outside (0, 1]",
        },
        "not-a-share": {
            "zh": "{value!r} 不是比例（应写作 '2/3' 或 0.5）",
            "en": "{value!r} is not a share (write '2/3' or 0.5)",
        },
        "negative": {
            "zh": "{value} 为负数：人数和天数不能小于 0",
            "en": "{value} is negative: a count or a number of days cannot be below 0",
        },
        "contradiction": {
            "zh": "与规则 {other}（第 {other_line} 行）矛盾：{band} 为 {mine}，对方为 {theirs}，"
            "没有同时满足两者的值",
            "en": "contradicts rule {other} (line {other_line}): {band} {mine} here, {theirs} there; "
            "no value meets both",
        },
        "shadowed": {
            "zh": "被规则 {other}（第 {other_line} 行）覆盖：{band} {mine} 包含对方的 {theirs}，"
            "本规则不会单独发现问题",
            "en": "shadowed by rule {other} (line {other_line}): {band} {mine} here contains {theirs} "
            "there, so this rule never finds anything on its own",
        },
        "duplicate-band": {
            "zh": "与规则 {other}（第 {other_line} 行）重复：{band} 同为 {mine}",
            "en": "duplicates rule {other} (line {other_line}): {band} is {mine} in both",
        },
        "no-citation": {
            "zh": "没有引文：每条规则和说明都要引用原文的一句话",
            "en": "no citation: every rule and entry must quote a phrase of its source",
        },
        "quote-not-on-line": {
            "zh": "{source} 第 {line} 行没有「{text}」{where}",
            "en": "{source} line {line} does not contain “{text}”{where}",
        },
        "quote-found-at": {"zh": "（见第 {lines} 行）", "en": " (it is on line {lines})"},
        "quote-nowhere": {"zh": "（全文都没有）", "en": " (nor does any line of the file)"},
        "line-past-source": {
            "zh": "{source} 只有 {count} 行，没有第 {line} 行",
            "en": "{source} has {count} lines, no line {line}",
        },
        "line-unaccounted": {
            "zh": "{source} 第 {lines} 行没有交代（没有规则、逐行注记，或只有 kind_pending 说明；"
            "共 {count} 行）",
            "en": "{source} line(s) {lines} not accounted for (no rule, no line note, or only a "
            "kind_pending entry; {count} in all)",
        },
        "line-conflict": {
            "zh": "第 {line} 行注记为 {status}，但引用此行的规则或说明是 {cited}",
            "en": "line {line} is noted {status}, but the rules or entries citing it say {cited}",
        },
        "override-range": {
            "zh": "覆盖上级包 {parent} 的规则 {rule}：{band} {mine} 超出上级允许的 {theirs}",
            "en": "overrides rule {rule} of parent pack {parent}: {band} {mine} leaves the {theirs} "
            "the parent allows",
        },
    },
)


@dataclass(frozen=True, slots=True)
class Sub:
    """A part of a message that is itself a catalogue entry (rendered in the problem's language)."""

    key: str
    args: Mapping[str, Any]

    def render(self, lang: str) -> str:
        return MSG(self.key, lang, **self.args)


@dataclass(frozen=True, slots=True)
class LintProblem:
    """One problem: code, place (file, line, field) and a message from the ``lint`` catalogue."""

    code: str
    file: str
    line: int | None
    field: str | None
    key: str
    args: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    def message(self, lang: str = "zh") -> str:
        args = {k: (v.render(lang) if isinstance(v, Sub) else v) for k, v in self.args.items()}
        return MSG(self.key, lang, **args)

    def to_json(self, lang: str = "zh") -> LintProblemJson:
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "field": self.field,
            "message": self.message(lang),
        }

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.file, self.line or 0, self.code, self.field or "")


@dataclass(frozen=True, slots=True)
class LintResult:
    """The problems of every file linted in one run, in file and line order."""

    files: tuple[str, ...]
    problems: tuple[LintProblem, ...]
    #: the file names of the source texts given (``--source``): without any, quotations
    #: (CRZ121, CRZ122) are not checked
    sources: tuple[str, ...] = ()

    def count(self, severity: Severity) -> int:
        return sum(1 for p in self.problems if p.severity == severity)

    @property
    def errors(self) -> int:
        return self.count("error")

    @property
    def warnings(self) -> int:
        return self.count("warning")

    @property
    def exit_code(self) -> int:
        """1 when any problem is an error, else 0."""
        return 1 if self.errors else 0

    def to_json(self, lang: str = "zh") -> LintJson:
        return {
            "format": LINT_FORMAT,
            "files": list(self.files),
            "problems": [p.to_json(lang) for p in self.problems],
            "summary": {"error": self.errors, "warning": self.warnings},
        }


class Recorder:
    """The problems of one file, as the checks find them: each named by its code, the path of the
    value in the pack's data (led back to the file and line that wrote it) and a catalogue key."""

    def __init__(self, file: str) -> None:
        self.file = file
        #: the line map of the data the paths are in (a merged pack's leads to the parent's file)
        self.lines: LineMap | None = None
        self.problems: list[LintProblem] = []

    def line(self, loc: Loc) -> int | None:
        return self.lines.line(loc) if self.lines is not None else None

    def add(self, code: str, loc: Loc, key: str, /, *, on_line: int | None = None, **args: Any) -> None:
        """A problem at ``loc`` (on ``on_line`` when given, else the line that wrote ``loc``)."""
        origin = locate(self.lines, loc, self.file, "")
        at = on_line if on_line is not None else origin.line
        field = format_path(origin.path) or None
        self.problems.append(LintProblem(code, origin.file, at, field, key, args))

    def done(self) -> list[LintProblem]:
        """The problems in file and line order, each once."""
        seen: set[tuple[str, int | None, str | None, str]] = set()
        out = []
        for p in sorted(self.problems, key=LintProblem.sort_key):
            ident = (p.code, p.line, p.field, p.message("en"))
            if ident not in seen:
                seen.add(ident)
                out.append(p)
        return out
