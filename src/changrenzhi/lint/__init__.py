"""``changrenzhi lint``: every problem of a draft pack in one run, each with file, line, field and a code.

The loader (:func:`changrenzhi.pack.load_pack`) refuses a pack at its first
broken layer: bad YAML, then the document's shape, then the rules. A person
writing a draft wants the whole list at once, and wants more than the loader
asks for: ranges that make sense, rules that contradict or shadow each other,
citations that quote their source exactly. :func:`lint_paths` reads every pack
given, collects the schema errors of the whole document, then runs the
semantic checks on every part that did validate.

Every problem has a code (``CRZ...``, :data:`CODES`), a severity (``error`` or
``warning``), the file, line and field, and a message from the ``lint``
section of the catalogue (Chinese and English). Lint exits 1 when any problem
is an error, 0 otherwise; an unreadable file is a usage error (2).
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from ..errors import PackError, UnknownKindError, UsageError
from ..kinds.base import Registry, RuleKind
from ..messages import CATALOGUE
from ..pack.build import build_pack
from ..pack.dated import DATED, has_dated, is_dated, resolve
from ..pack.issues import MISSING, UNKNOWN, validation_issues
from ..pack.model import NotEncoded, PackModel, Rule, RuleSpec, SourceRange, find_pack
from ..pack.provenance import locate
from ..pack.yamlsafe import MAX_BYTES, LineMap, format_path, load_yaml

__all__ = [
    "CODES",
    "LINT_FORMAT",
    "Code",
    "LintProblem",
    "LintResult",
    "lint_paths",
    "lint_text",
    "read_sources",
]

LINT_FORMAT = "changrenzhi.lint/1"
Severity = Literal["error", "warning"]
Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Code:
    """One sort of problem: its code, severity and the catalogue key of its one-line title."""

    code: str
    severity: Severity
    slug: str


#: every lint code, in the order they are documented (titles: ``CATALOGUE["lint-codes"]``)
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
    )
}

TITLES = CATALOGUE.section(
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
    },
)

MSG = CATALOGUE.section(
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

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
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

    def codes(self) -> list[str]:
        """The codes that occur, in :data:`CODES` order."""
        seen = {p.code for p in self.problems}
        return [c for c in CODES if c in seen]

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "format": LINT_FORMAT,
            "files": list(self.files),
            "problems": [p.to_json(lang) for p in self.problems],
            "summary": {"error": self.errors, "warning": self.warnings},
        }


# ---- sources ------------------------------------------------------------------
def read_sources(paths: Iterable[str | Path]) -> dict[str, list[str]]:
    """Source texts by file name (what ``citation.source`` names) -> their lines."""
    out: dict[str, list[str]] = {}
    for p in paths:
        path = Path(p)
        try:
            text = path.read_bytes().decode("utf-8")
        except OSError as exc:
            raise UsageError(f"{path}: cannot read the source text: {exc.strerror or exc}") from None
        except UnicodeDecodeError as exc:
            raise UsageError(f"{path}: the source text is not UTF-8 (byte {exc.start})") from None
        out[path.name] = text.splitlines()
    return out


# ---- the run --------------------------------------------------------------------
def lint_paths(
    refs: Sequence[str | Path],
    sources: Mapping[str, Sequence[str]] | None = None,
    registry: Registry | None = None,
) -> LintResult:
    """Lint every pack given (folder, ``pack.yaml`` or shipped name). A missing or
    unreadable file is a :class:`~changrenzhi.errors.UsageError`."""
    from ..registry import default_registry

    reg = registry if registry is not None else default_registry()
    files: list[str] = []
    problems: list[LintProblem] = []
    for ref in refs:
        path = find_pack(ref)
        label = str(path)
        try:
            with path.open("rb") as handle:
                raw = handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise UsageError(f"{label}: cannot read: {exc.strerror or exc}") from None
        files.append(label)
        problems.extend(_lint_bytes(raw, label, reg, sources or {}, path))
    return LintResult(tuple(files), tuple(problems))


def lint_text(
    text: str,
    file: str = "<pack>",
    sources: Mapping[str, Sequence[str]] | None = None,
    registry: Registry | None = None,
) -> list[LintProblem]:
    """Lint a pack held in memory (tests, editors)."""
    from ..registry import default_registry

    reg = registry if registry is not None else default_registry()
    return _Linter(file, reg, sources or {}, None).run_text(text)


def _lint_bytes(
    raw: bytes, label: str, reg: Registry, sources: Mapping[str, Sequence[str]], path: Path
) -> list[LintProblem]:
    linter = _Linter(label, reg, sources, path)
    if len(raw) > MAX_BYTES:
        linter.add("CRZ001", None, (), "yaml", detail=f"file larger than {MAX_BYTES} bytes")
        return linter.done()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        linter.problems.append(
            LintProblem("CRZ001", label, line, None, "yaml", {"detail": f"not UTF-8 (byte {exc.start})"})
        )
        return linter.done()
    return linter.run_text(text)


# ---- band helpers ---------------------------------------------------------------
def _band_pairs(params: Mapping[str, Any]) -> dict[str, tuple[str | None, str | None]]:
    """Band name -> (key of its lower bound, key of its upper bound), for the keys present.

    ``min``/``max``; ``X_min``/``X_max``; ``min_X``/``max_X``.
    """
    out: dict[str, tuple[str | None, str | None]] = {}

    def put(name: str, lo: str | None, hi: str | None) -> None:
        cur = out.get(name, (None, None))
        out[name] = (lo or cur[0], hi or cur[1])

    for key in params:
        if key == "min":
            put("min/max", key, None)
        elif key == "max":
            put("min/max", None, key)
        elif key.endswith("_min"):
            put(key[:-4], key, None)
        elif key.endswith("_max"):
            put(key[:-4], None, key)
        elif key.startswith("min_"):
            put(key[4:], key, None)
        elif key.startswith("max_"):
            put(key[4:], None, key)
    return out


_BAND_KEYS_EXTRA = frozenset({"target", "tolerance", "presence"})


def _number(v: Any) -> Fraction | None:
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, int):
        return Fraction(v)
    if isinstance(v, float):
        return Fraction(str(v))
    if isinstance(v, Fraction):
        return v
    return None


def _is_share_key(key: str) -> bool:
    return key in ("share", "ratio", "fraction", "majority") or key.endswith(
        ("_share", "_ratio", "_fraction", "_majority")
    )


def _is_count_key(key: str) -> bool:
    return (
        key in ("min", "max", "days", "target", "tolerance")
        or key.endswith(("_min", "_max", "_days"))
        or key.startswith(("min_", "max_", "days_"))
    )


def _figure(lo: Any, hi: Any) -> str:
    if lo is not None and hi is not None:
        return str(lo) if lo == hi else f"{lo}–{hi}"
    if lo is not None:
        return f"≥{lo}"
    return f"≤{hi}" if hi is not None else "—"


def _interval(params: Mapping[str, Any], pair: tuple[str | None, str | None]) -> tuple[Any, Any] | None:
    """The band's (lo, hi), or None when it checks nothing (no bound, or only a lower bound of 0)."""
    lo = params.get(pair[0]) if pair[0] else None
    hi = params.get(pair[1]) if pair[1] else None
    lo_n, hi_n = _number(lo), _number(hi)
    if lo_n is not None and lo_n <= 0 and hi_n is None:
        return None
    if lo_n is None and hi_n is None:
        return None
    return lo_n, hi_n


def _contains(outer: tuple[Any, Any], inner: tuple[Any, Any]) -> bool:
    lo_ok = outer[0] is None or (inner[0] is not None and inner[0] >= outer[0])
    hi_ok = outer[1] is None or (inner[1] is not None and inner[1] <= outer[1])
    return lo_ok and hi_ok


def _disjoint(a: tuple[Any, Any], b: tuple[Any, Any]) -> bool:
    return (a[0] is not None and b[1] is not None and a[0] > b[1]) or (
        b[0] is not None and a[1] is not None and b[0] > a[1]
    )


def _fig(iv: tuple[Any, Any]) -> str:
    return _figure(*(None if v is None else (int(v) if v.denominator == 1 else str(v)) for v in iv))


def _same_scope(a: Mapping[str, Any], b: Mapping[str, Any], band_keys: set[str]) -> bool:
    """Two rules of one kind apply to overlapping subjects: every other parameter equal
    (lists: sharing a member, or both empty)."""
    for key in set(a) | set(b):
        if key in band_keys or key in _BAND_KEYS_EXTRA:
            continue
        va, vb = a.get(key), b.get(key)
        if isinstance(va, list) and isinstance(vb, list):
            if (va or vb) and not any(x in vb for x in va):
                return False
        elif va != vb:
            return False
    return True


# ---- the linter of one file -------------------------------------------------------
class _Linter:
    def __init__(
        self, file: str, registry: Registry, sources: Mapping[str, Sequence[str]], path: Path | None
    ) -> None:
        self.file = file
        self.registry = registry
        self.sources = sources
        self.path = path
        self.lines: LineMap | None = None
        self.problems: list[LintProblem] = []

    # -- recording
    def line(self, loc: Loc) -> int | None:
        return self.lines.line(loc) if self.lines is not None else None

    def add(self, code: str, at: int | None, loc: Loc, key: str, /, **args: Any) -> None:
        # in a pack that extends another, a path may lead back to the parent's file
        origin = locate(self.lines, loc, self.file, "")
        line = at if at is not None else origin.line
        field = format_path(origin.path) or None
        self.problems.append(LintProblem(code, origin.file, line, field, key, args))

    def done(self) -> list[LintProblem]:
        seen: set[tuple[str, int | None, str | None, str]] = set()
        out = []
        for p in sorted(self.problems, key=LintProblem.sort_key):
            ident = (p.code, p.line, p.field, p.message("en"))
            if ident not in seen:
                seen.add(ident)
                out.append(p)
        return out

    # -- the layers
    def run_text(self, text: str) -> list[LintProblem]:
        try:
            data, self.lines = load_yaml(text, self.file)
        except PackError as exc:
            for pr in exc.problems:
                self.problems.append(
                    LintProblem("CRZ001", self.file, pr.line, pr.field, "yaml", {"detail": pr.message})
                )
            return self.done()
        if not isinstance(data, dict):
            self.add("CRZ002", 1, (), "schema", detail="expected a mapping at the top of the pack")
            return self.done()
        if "extends" in data or "remove" in data:
            return self.run_extending(data)
        self.schema(data)
        rules = self.rules(data)
        self.citations_against_sources(data, ())
        self.overlaps(rules)
        self.loader(data)
        return self.done()

    def run_extending(self, data: dict[str, Any]) -> list[LintProblem]:
        """A pack that ``extends:`` another (docs/PACKS.md): its own entries may be partial, so
        the schema is the merged pack's; ranges are checked on the pack's own entries, the rest
        on the effective pack, whose line map leads every value back to the file that wrote it."""
        from ..pack.extends import compose_pack

        raw_rules = data.get("rules")
        for i, raw in enumerate(raw_rules if isinstance(raw_rules, list) else []):
            if isinstance(raw, dict):
                self.ranges(raw.get("params"), ("rules", i, "params"))
        own = self.lines
        try:
            pack = compose_pack(data, own or LineMap(), self.path, self.registry, file=self.file)
        except PackError as exc:
            self.loader_problems(exc)
            return self.done()
        self.lines = pack.lines
        self.citations_against_sources(pack.model.model_dump(mode="json"), ())
        self.overlaps(list(pack.rules))
        self.overrides(list(pack.rules))
        return self.done()

    def schema(self, data: dict[str, Any]) -> None:
        try:
            PackModel.model_validate(data)
        except ValidationError as exc:
            for issue in validation_issues(exc, "schema"):
                loc = issue.loc
                if issue.error_type == MISSING:
                    if loc and loc[-1] == "citation":
                        self.add("CRZ120", None, loc, "no-citation")
                    else:
                        self.add("CRZ003", None, loc, "required")
                else:
                    self.add("CRZ002", None, loc, "schema", detail=issue.message)

    def document_sources(self, data: dict[str, Any]) -> dict[str, SourceRange]:
        doc = data.get("document")
        raw = doc.get("sources") if isinstance(doc, dict) else None
        out: dict[str, SourceRange] = {}
        for item in raw if isinstance(raw, list) else []:
            try:
                s = SourceRange.model_validate(item)
            except ValidationError:
                continue
            out.setdefault(s.file, s)
        return out

    def citation_in_document(self, c: Any, sources: dict[str, SourceRange], loc: Loc) -> None:
        if not sources:
            return  # the schema error about document.sources says it already
        src = sources.get(c.source)
        if src is None:
            known = ", ".join(sorted(sources))
            self.add("CRZ007", None, (*loc, "source"), "citation-source", source=c.source, known=known)
        elif not src.first_line <= c.line <= src.last_line:
            self.add(
                "CRZ008",
                None,
                (*loc, "line"),
                "citation-range",
                line=c.line,
                source=c.source,
                first=src.first_line,
                last=src.last_line,
            )

    def rules(self, data: dict[str, Any]) -> list[Rule]:
        sources = self.document_sources(data)
        raw_rules = data.get("rules")
        out: list[Rule] = []
        first_line: dict[str, int | None] = {}
        for i, raw in enumerate(raw_rules if isinstance(raw_rules, list) else []):
            where: Loc = ("rules", i)
            if not isinstance(raw, dict):
                continue
            ranged = self.ranges(raw.get("params"), (*where, "params"))
            try:
                spec = RuleSpec.model_validate(raw)
            except ValidationError:
                continue  # reported by the schema layer
            if spec.id in first_line:
                self.add(
                    "CRZ006", None, (*where, "id"), "duplicate-id", id=spec.id, first=first_line[spec.id]
                )
            else:
                first_line[spec.id] = self.line((*where, "id"))
            self.citation_in_document(spec.citation, sources, (*where, "citation"))
            try:
                impl = self.registry.get(spec.kind)
            except UnknownKindError as exc:
                hint: Any = Sub("hint", {"name": exc.suggestion}) if exc.suggestion else ""
                self.add("CRZ004", None, (*where, "kind"), "unknown-kind", kind=spec.kind, hint=hint)
                continue
            rule = self.params(spec, impl, i, ranged)
            if rule is not None:
                out.append(rule)
        raw_ne = data.get("not_encoded")
        for j, raw in enumerate(raw_ne if isinstance(raw_ne, list) else []):
            try:
                ne = NotEncoded.model_validate(raw)
            except ValidationError:
                continue
            self.citation_in_document(ne.citation, sources, ("not_encoded", j, "citation"))
        return out

    def params(self, spec: RuleSpec, impl: RuleKind[Any], i: int, ranged: set[Loc]) -> Rule | None:
        where: Loc = ("rules", i, "params")
        if has_dated(spec.params):
            failed = False

            def report(at: Loc, message: str) -> None:
                nonlocal failed
                failed = True
                if (*where, *at) not in ranged:
                    self.add("CRZ005", None, (*where, *at), "params", kind=spec.kind, detail=message)

            got, _, _ = resolve(impl.params_model, spec.params, report)
            return Rule(spec, got, impl, i) if got is not None and not failed else None
        try:
            params = impl.params_model.model_validate(spec.params)
        except ValidationError as exc:
            for issue in validation_issues(exc, "params", where):
                loc = issue.loc
                # a range problem already named this value (or the model-level check that caught it)
                if loc in ranged or (ranged and loc == where):
                    continue
                if issue.error_type == MISSING:
                    self.add("CRZ003", None, loc, "required")
                    continue
                detail = "unknown parameter" if issue.error_type == UNKNOWN else issue.message
                self.add("CRZ005", None, loc, "params", kind=spec.kind, detail=detail)
            return None
        return Rule(spec, params, impl, i)

    def ranges(self, params: Any, where: Loc) -> set[Loc]:
        """min <= max, shares in (0, 1], counts and days >= 0, anywhere in a rule's params (raw,
        so that they are checked whatever the kind, known or not). Returns the paths flagged."""
        flagged: set[Loc] = set()
        if not isinstance(params, dict):
            return flagged
        for lo_key, hi_key in _band_pairs(params).values():
            if lo_key is None or hi_key is None:
                continue
            lo, hi = _number(params[lo_key]), _number(params[hi_key])
            if lo is not None and hi is not None and lo > hi:
                self.add(
                    "CRZ101",
                    None,
                    (*where, lo_key),
                    "min-above-max",
                    low=lo_key,
                    lo=params[lo_key],
                    high=hi_key,
                    hi=params[hi_key],
                )
                flagged.update({(*where, lo_key), (*where, hi_key)})
        for key, value in params.items():
            loc: Loc = (*where, key)
            if is_dated(value) and isinstance(value.get(DATED), list):
                for j, entry in enumerate(value[DATED]):
                    if isinstance(entry, dict) and "value" in entry:
                        vloc: Loc = (*loc, DATED, j, "value")
                        if self.scalar(key, entry["value"], vloc):
                            flagged.add(vloc)
            elif isinstance(value, dict):
                flagged |= self.ranges(value, loc)
            elif self.scalar(key, value, loc):
                flagged.add(loc)
        return flagged

    def scalar(self, key: str, value: Any, loc: Loc) -> bool:
        """A share in (0, 1], a count or a number of days not below 0; True when flagged."""
        if _is_share_key(key) and value is not None:
            share = _share(value)
            if share is None:
                self.add("CRZ102", None, loc, "not-a-share", value=value)
                return True
            if not 0 < share <= 1:
                self.add("CRZ102", None, loc, "share-range", value=value)
                return True
        elif _is_count_key(key):
            n = _number(value)
            if n is not None and n < 0:
                self.add("CRZ103", None, loc, "negative", value=value)
                return True
        return False

    def citations_against_sources(self, node: Any, loc: Loc) -> None:
        """Every citation anywhere in the pack whose source text was given: the quoted phrase
        must be on the cited line."""
        if isinstance(node, dict):
            src, line, text = node.get("source"), node.get("line"), node.get("text")
            if (
                isinstance(src, str)
                and isinstance(line, int)
                and isinstance(text, str)
                and src in self.sources
            ):
                self.quote(src, line, text, loc)
            for k, v in node.items():
                self.citations_against_sources(v, (*loc, k))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                self.citations_against_sources(v, (*loc, i))

    def quote(self, source: str, line: int, text: str, loc: Loc) -> None:
        lines = self.sources[source]
        if line < 1 or line > len(lines):
            self.add(
                "CRZ122", None, (*loc, "line"), "line-past-source", source=source, count=len(lines), line=line
            )
            return
        if text in lines[line - 1]:
            return
        found = [str(n) for n, ln in enumerate(lines, 1) if text in ln]
        if found:
            shown = ", ".join(found[:5]) + ("…" if len(found) > 5 else "")
            where = Sub("quote-found-at", {"lines": shown})
        else:
            where = Sub("quote-nowhere", {})
        self.add(
            "CRZ121",
            None,
            (*loc, "text"),
            "quote-not-on-line",
            source=source,
            line=line,
            text=text,
            where=where,
        )

    def overlaps(self, rules: list[Rule]) -> None:
        """Two rules of one kind over overlapping subjects: disjoint bands contradict each other
        (CRZ110), a band inside another leaves the wider rule nothing to find (CRZ111)."""
        by_kind: dict[str, list[tuple[Rule, dict[str, Any]]]] = {}
        for r in rules:
            by_kind.setdefault(r.kind, []).append((r, r.params.model_dump()))
        for group in by_kind.values():
            for (a, pa), (b, pb) in itertools.combinations(group, 2):
                pairs_a, pairs_b = _band_pairs(pa), _band_pairs(pb)
                band_keys = {k for pr in (*pairs_a.values(), *pairs_b.values()) for k in pr if k}
                if not _same_scope(pa, pb, band_keys):
                    continue
                for name in sorted(set(pairs_a) & set(pairs_b)):
                    ia, ib = _interval(pa, pairs_a[name]), _interval(pb, pairs_b[name])
                    if ia is None or ib is None:
                        continue
                    self.compare(a, ia, b, ib, name)

    def compare(self, a: Rule, ia: tuple[Any, Any], b: Rule, ib: tuple[Any, Any], name: str) -> None:
        band = name if name != "min/max" else "min–max"

        def report(code: str, key: str, at: Rule, other: Rule, mine: Any, theirs: Any) -> None:
            self.add(
                code,
                None,
                ("rules", at.index, "params"),
                key,
                other=other.id,
                other_line=self.line(("rules", other.index)),
                band=band,
                mine=_fig(mine),
                theirs=_fig(theirs),
            )

        if _disjoint(ia, ib):
            report("CRZ110", "contradiction", b, a, ib, ia)
        elif a.severity != b.severity:
            return  # a narrower warning before a wider violation is a graded duty, not a shadow
        elif ia == ib:
            report("CRZ111", "duplicate-band", b, a, ib, ia)
        elif _contains(ia, ib):  # a is wider: b finds everything a finds
            report("CRZ111", "shadowed", a, b, ia, ib)
        elif _contains(ib, ia):
            report("CRZ111", "shadowed", b, a, ib, ia)

    def overrides(self, rules: list[Rule]) -> None:
        """An override whose band leaves the band of the parent's rule (CRZ130)."""
        for r in rules:
            parent = _parent_rule(r)
            if parent is None:
                continue
            mine, theirs = r.params.model_dump(), parent.params.model_dump()
            pairs_mine, pairs_theirs = _band_pairs(mine), _band_pairs(theirs)
            for name in sorted(set(pairs_mine) & set(pairs_theirs)):
                im, it = _interval(mine, pairs_mine[name]), _interval(theirs, pairs_theirs[name])
                if it is None:
                    continue
                if im is None or not _contains(it, im):
                    self.add(
                        "CRZ130",
                        None,
                        ("rules", r.index, "params"),
                        "override-range",
                        parent=_parent_pack(r),
                        rule=r.id,
                        band=name if name != "min/max" else "min–max",
                        mine=_fig(im if im is not None else _raw_interval(mine, pairs_mine[name])),
                        theirs=_fig(it),
                    )

    def loader(self, data: dict[str, Any]) -> None:
        """What the loader itself refuses and no check above named (so lint never passes a pack
        that ``check`` refuses)."""
        try:
            build_pack(data, self.registry, file=self.file, lines=self.lines, path=self.path)
        except PackError as exc:
            self.loader_problems(exc)

    def loader_problems(self, exc: PackError) -> None:
        """The loader's problems that no check of lint named already, as CRZ009."""
        seen = {(p.file, p.line) for p in self.problems}
        fields = [(p.file, p.field) for p in self.problems if p.field]
        for pr in exc.problems:
            if pr.field is None and (pr.file, pr.line) in seen:
                continue
            if pr.field is not None and any(
                file == pr.file and (f.startswith(pr.field) or pr.field.startswith(f)) for file, f in fields
            ):
                continue
            self.problems.append(
                LintProblem("CRZ009", pr.file, pr.line, pr.field, "loader", {"detail": pr.message})
            )


def _share(value: Any) -> Fraction | None:
    if isinstance(value, bool):
        return None
    try:
        if isinstance(value, float):
            return Fraction(str(value))
        if isinstance(value, int | Fraction):
            return Fraction(value)
        if isinstance(value, str):
            return Fraction(value.strip())
    except (ValueError, ZeroDivisionError):
        return None
    return None


def _parent_rule(rule: Rule) -> Rule | None:
    """The parent pack's version of an overridden rule (``extends:``, docs/PACKS.md)."""
    return rule.overrides


def _parent_pack(rule: Rule) -> str:
    """The id of the pack that wrote the parent's version of an overridden rule."""
    parent = rule.overrides
    origin = parent.provenance.get("id") if parent is not None else None
    return origin.pack if origin is not None and origin.pack else "?"


def _raw_interval(params: Mapping[str, Any], pair: tuple[str | None, str | None]) -> tuple[Any, Any]:
    return (
        _number(params.get(pair[0])) if pair[0] else None,
        _number(params.get(pair[1])) if pair[1] else None,
    )
