"""Output formats of ``check`` and ``lint``: one class per format, listed in :data:`FORMATS`.

A format renders a check report (:meth:`OutputFormat.report`, given the report
and the pack it came from), a lint result (:meth:`OutputFormat.lint`) and the
input errors of a run that could not go on (:meth:`OutputFormat.errors`). A new
format is one class and its entry in :data:`FORMATS` (the command line offers
the dict's keys)::

    class Sarif(OutputFormat):
        name = "sarif"
        def report(self, report, pack, lang): ...
        def lint(self, result, lang): ...
        def errors(self, failures, command, lang): ...

Formats: ``text`` and ``json`` (``check``'s long-standing output;
:mod:`changrenzhi.outputs.reports` holds them), ``sarif`` (SARIF 2.1.0, for code
scanning: lint results point at the pack's YAML line, check results at the
rule's line in the pack), ``junit`` (one test case per rule, failing when the
rule has violations, skipped when it had nothing to check), ``github``
(workflow annotations) and ``html`` (one page for people: :mod:`.html`). Every format
but ``text`` also writes input errors (a
broken pack or log, a bad date) on standard output, so that CI reads them where
it reads results: the JSON error document, a SARIF run that did not succeed, a
JUnit suite with an error, ``::error`` annotations.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import pydantic_core

from ..collector import paused_gc
from ..findings import Finding, Report, messages_of
from ..messages import Section, counted
from ..pack.model import Pack, Rule
from ..periods import Period, PeriodJson, PerPeriod
from .junit import Case, junit_xml
from .places import Failure, rule_place, rules_of, shown, uri
from .reports import _json, not_utf8, report_json, report_text
from .sarif import is_file, location, sarif_log, sarif_log_parts
from .terminal import paint

if TYPE_CHECKING:  # lint and xml.sax are imported where used: ``check`` needs neither
    from ..lint import LintProblem, LintResult

__all__ = ["ERROR_FORMAT", "FORMATS", "Failure", "OutputFormat", "lint_text", "render_report", "rule_place"]

#: the repository's documentation, where SARIF rules send readers (``helpUri``); the one place
#: that names the repository's address
DOCS_URI = "https://github.com/changrenzhi/changrenzhi/blob/main/"
KINDS_URI = DOCS_URI + "README.md#kinds"
CODES_URI = DOCS_URI + "docs/CI.md#codes"
ERRORS_URI = DOCS_URI + "README.md#exit-status"
#: the JSON document of a run stopped by input errors (``--format json``)
ERROR_FORMAT = "changrenzhi.error/1"
#: the SARIF rule of input errors
INPUT_RULE = "input-error"

MSG = Section(
    "outputs",
    {
        "lint-head": {"zh": "changrenzhi lint：{files} 个文件", "en": "changrenzhi lint: {files}"},
        "lint-clean": {"zh": "没有发现问题。", "en": "No problems found."},
        "lint-summary": {
            "zh": "合计：错误 {errors}，警告 {warnings} -> exit {code}",
            "en": "Summary: {errors}, {warnings} -> exit {code}",
        },
        "error": {"zh": "错误", "en": "error"},
        "warning": {"zh": "警告", "en": "warning"},
        "junit-check-suite": {"zh": "{pack} 截至 {as_of}", "en": "{pack} as of {as_of}"},
        "junit-violations": {
            "zh": "规则 {rule} 有 {count} 项违反",
            "en": "rule {rule} has {count}",
        },
        "junit-problems": {
            "zh": "{code} 有 {count} 个错误",
            "en": "{code}: {count}",
        },
        "junit-unchecked": {
            "zh": "未检查：截至 {as_of} 日志中没有本规则读取的事件（{types}）",
            "en": "not checked: the log has no event of the types this rule reads ({types}) by {as_of}",
        },
        "junit-unreadable": {
            "zh": "未运行：YAML 无法读取（见 CRZ001）",
            "en": "not run: the YAML cannot be read (see CRZ001)",
        },
        "junit-no-source": {
            "zh": "未运行：没有用 --source 给出原文，引文未核对",
            "en": "not run: no source text given with --source, quotations not checked",
        },
        "github-check-summary": {
            "zh": "changrenzhi check {pack}：违反 {violation}，提醒 {warning}，待定 {pending}，提示 {info}",
            "en": "changrenzhi check {pack}: {violation}, {warning}, {pending} pending, {info} info",
        },
        "rule-title": {"zh": "{kind}（{severity}）", "en": "{kind} ({severity})"},
        "rule-help": {"zh": "依据 {source} 第 {line} 行：「{text}」", "en": "{source} line {line}: “{text}”"},
        "rule-full": {
            "zh": "{kind}（{severity}）：{summary}；参数：{params}",
            "en": "{kind} ({severity}): {summary}. Parameters: {params}",
        },
        "rule-help-md": {
            "zh": "**{title}**\n\n> {text}\n\n依据 {source} 第 {line} 行。kind [`{kind}`]({uri})：{summary}；"
            "参数：`{params}`",
            "en": "**{title}**\n\n> {text}\n\n{source} line {line}. Kind [`{kind}`]({uri}): {summary}. "
            "Parameters: `{params}`",
        },
        "code-full": {
            "zh": "{code} {slug}（{severity}）：{title}",
            "en": "{code} {slug} ({severity}): {title}",
        },
        "code-help": {"zh": "{title}。各代码见 docs/CI.md。", "en": "{title}. The codes: docs/CI.md."},
        "code-help-md": {
            "zh": "**{code}** {title}。各代码见 [docs/CI.md]({uri})。",
            "en": "**{code}** {title}. The codes: [docs/CI.md]({uri}).",
        },
        "input-title": {"zh": "changrenzhi {command}：输入错误", "en": "changrenzhi {command}: input error"},
        "input-help": {
            "zh": "包、日志或参数有误，命令没有运行（exit 2）。",
            "en": "A broken pack or log, or a bad argument: the command did not run (exit 2).",
        },
    },
)

#: finding status -> SARIF level / GitHub annotation command
SARIF_LEVEL = {"violation": "error", "warning": "warning", "pending": "note", "info": "note"}
#: the key of a result's ``partialFingerprints``: the finding's id (docs/FINDING-IDS.md), which names
#: what the finding is about; ``/v2`` since ids stopped depending on status and report order
FINGERPRINT = "changrenzhiFinding/v2"
GITHUB_LEVEL = {"violation": "error", "warning": "warning", "pending": "notice", "info": "notice"}
SEVERITY_LEVEL = {"error": "error", "warning": "warning"}


class OutputFormat:
    """One output format: ``name`` and a renderer for each of ``check`` and ``lint``."""

    name: ClassVar[str]

    def report(self, report: Report, pack: Pack | None, lang: str) -> str:  # pragma: no cover
        raise NotImplementedError

    def lint(self, result: LintResult, lang: str) -> str:  # pragma: no cover
        raise NotImplementedError

    def errors(self, failures: Sequence[Failure], command: str, lang: str) -> str:
        """What goes on standard output when input errors stop ``command`` (they go on standard
        error as text in any case): nothing by default."""
        return ""


def render_report(report: Report, fmt: str = "text", lang: str = "zh", pack: Pack | None = None) -> str:
    return FORMATS[fmt].report(report, pack, lang)


def render_errors(failures: Sequence[Failure], fmt: str, command: str, lang: str = "zh") -> str:
    """Input errors in format ``fmt`` (any command's ``--format json`` writes the JSON document;
    a format that is not here, ``compare``'s ``csv`` say, writes nothing)."""
    out = FORMATS.get(fmt)
    return out.errors(failures, command, lang) if out is not None else ""


# ---- lint places ------------------------------------------------------------------------
def _place(p: LintProblem) -> str:
    """``pack.yaml:30 rules[1].params.min``."""
    place = p.file if p.line is None else f"{p.file}:{p.line}"
    return f"{place} {p.field}" if p.field else place


def _lint_summary(result: LintResult, lang: str) -> str:
    return MSG(
        "lint-summary",
        lang,
        errors=counted(result.errors, "error", lang),
        warnings=counted(result.warnings, "warning", lang),
        code=result.exit_code,
    )


# ---- text, json ------------------------------------------------------------------------
class Text(OutputFormat):
    name = "text"

    def report(self, report: Report, pack: Pack | None, lang: str) -> str:
        return report_text(report, lang)

    def lint(self, result: LintResult, lang: str) -> str:
        return lint_text(result, lang)


def lint_text(result: LintResult, lang: str, *, color: bool = False) -> str:
    """``lint``'s text output (``color``: with ANSI colours, errors red and warnings yellow)."""
    lines = [paint(MSG("lint-head", lang, files=counted(len(result.files), "file", lang)), "head", color), ""]
    for p in result.problems:
        level = paint(MSG(p.severity, lang), p.severity, color)
        lines.append(f"{_place(p)}: {p.code} {level}: {p.message(lang)}")
    if result.problems:
        lines.append("")
    else:
        lines.extend([MSG("lint-clean", lang), ""])
    lines.append(paint(_lint_summary(result, lang), "bad" if result.exit_code else "ok", color))
    return "\n".join(lines) + "\n"


class Json(OutputFormat):
    name = "json"

    def report(self, report: Report, pack: Pack | None, lang: str) -> str:
        return report_json(report, lang)

    def lint(self, result: LintResult, lang: str) -> str:
        return _json(result.to_json(lang))

    def errors(self, failures: Sequence[Failure], command: str, lang: str) -> str:
        return _json({"format": ERROR_FORMAT, "errors": [f.to_json() for f in failures]})


# ---- SARIF 2.1.0 --------------------------------------------------------------------------
#: a rule's file and line (:func:`rule_place`)
_Place = tuple[str | None, int | None]


class Sarif(OutputFormat):
    name = "sarif"

    @paused_gc()
    def report(self, report: Report, pack: Pack | None, lang: str) -> str:
        try:
            return b"".join(self.report_bytes(report, pack, lang)).decode("utf-8")
        except pydantic_core.PydanticSerializationError as exc:
            if not not_utf8(exc):
                raise
        # a name that is not UTF-8: the whole log at once, which _json writes with \u escapes
        rules, props, artifacts, results = self._parts(report, pack, lang)
        return sarif_log(rules, list(results), props, exit_code=report.exit_code, artifacts=artifacts)

    @paused_gc()
    def write(self, report: Report, pack: Pack | None, lang: str, write: Callable[[bytes], object]) -> None:
        """:meth:`report` encoded as UTF-8 and written a piece at a time, as the pieces are encoded
        (no tree of the whole log's dicts, and never the whole log held, as bytes or as a string).

        A name that is not UTF-8 can only be a file's, and every file the results name is an
        artifact of the head (the results' locations are the rules', whose files the artifacts list,
        percent-encoded where they are not UTF-8): so the encoder refuses such a name in the first
        piece or not at all, before anything is written, and then :meth:`report` writes it escaped."""
        rules, props, artifacts, results = self._parts(report, pack, lang)
        pieces = sarif_log_parts(rules, results, props, exit_code=report.exit_code, artifacts=artifacts)
        try:
            first = next(pieces)
        except pydantic_core.PydanticSerializationError as exc:
            if not not_utf8(exc):
                raise
            write(self.report(report, pack, lang).encode("utf-8"))
            return
        write(first)
        for piece in pieces:
            write(piece)

    def report_bytes(self, report: Report, pack: Pack | None, lang: str) -> list[bytes]:
        """:meth:`report` as UTF-8, in pieces: the results encoded a chunk at a time. Raises
        pydantic-core's error for a name that is not UTF-8 (:meth:`report` writes those escaped)."""
        rules, props, artifacts, results = self._parts(report, pack, lang)
        return list(sarif_log_parts(rules, results, props, exit_code=report.exit_code, artifacts=artifacts))

    def _parts(
        self, report: Report, pack: Pack | None, lang: str
    ) -> tuple[list[dict[str, Any]], dict[str, Any], list[tuple[str, str]], Iterator[dict[str, Any]]]:
        """The rules, the run's properties and files, and the results one by one."""
        listed = rules_of(report, pack)
        index = {rid: i for i, (rid, _) in enumerate(listed)}
        rules = [self._rule(rid, rule, lang) for rid, rule in listed]
        places = {rid: rule_place(pack, rule) for rid, rule in listed}
        for f in report.findings:
            if f.rule not in index:  # pragma: no cover - a finding of a rule the pack lacks
                index[f.rule] = len(rules)
                rules.append(self._rule(f.rule, None, lang))
                places[f.rule] = (None, None)
        props = {"pack": report.pack, "as_of": report.as_of.isoformat(), "summary": report.summary}
        # the pack file loaded, then any file of a pack it extends that wrote a rule
        files = [report.pack_file, *(file for file, _ in places.values())]
        artifacts = [(file, "userSpecifiedConfiguration") for file in files if file is not None]
        return rules, props, artifacts, self._results(report, lang, index, places)

    def _results(
        self,
        report: Report,
        lang: str,
        index: dict[str, int],
        places: dict[str, tuple[str | None, int | None]],
    ) -> Iterator[dict[str, Any]]:
        # each rule's location, worked out once (resolving a file is slow): its results share it
        where = {rid: location(file, line) for rid, (file, line) in places.items()}
        periods = PerPeriod(Period.to_json)
        messages = messages_of(report.findings, lang)
        for f, fid, message in zip(report.findings, report.listed_ids(), messages, strict=True):
            result: dict[str, Any] = {
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": SARIF_LEVEL[f.status],
                "message": {"text": message},
                "locations": where[f.rule],
                "partialFingerprints": {FINGERPRINT: fid},
                "properties": self._finding_props(f, periods),
            }
            if not result["locations"]:
                del result["locations"]
            yield result

    @staticmethod
    def _finding_props(f: Finding, periods: PerPeriod[PeriodJson]) -> dict[str, Any]:
        """A result's properties; ``periods``: each period's JSON, worked out once."""
        out: dict[str, Any] = {"status": f.status, "kind": f.kind, "subject": f.subject}
        if f.period is not None:
            out["period"] = periods(f.period)
        out["evidence"] = f.evidence  # written as it is, now: no copy
        out["citation"] = f.citation
        return out

    @staticmethod
    def _rule(rid: str, rule: Rule | None, lang: str) -> dict[str, Any]:
        """A rule's descriptor: its title, what its kind checks and with which parameters, the
        line of the source text it rests on, and a link to the table of kinds."""
        out: dict[str, Any] = {"id": rid}
        if rule is None:
            return out
        c = rule.citation
        title = rule.spec.title or MSG("rule-title", lang, kind=rule.kind, severity=rule.severity)
        params = json.dumps(rule.params.to_json(), ensure_ascii=False)
        about = {"kind": rule.kind, "severity": rule.severity, "summary": rule.impl.summary, "params": params}
        out["shortDescription"] = {"text": title}
        out["fullDescription"] = {"text": MSG("rule-full", lang, **about)}
        quote = MSG("rule-help", lang, source=c.source, line=c.line, text=c.text)
        markdown = MSG(
            "rule-help-md",
            lang,
            title=title,
            text=c.text,
            source=c.source,
            line=c.line,
            uri=KINDS_URI,
            **about,
        )
        out["help"] = {"text": f"{quote}\n{MSG('rule-full', lang, **about)}", "markdown": markdown}
        out["helpUri"] = KINDS_URI
        out["defaultConfiguration"] = {"level": SARIF_LEVEL[rule.severity]}
        out["properties"] = {"kind": rule.kind, "citation": rule.citation_json()}
        return out

    def lint(self, result: LintResult, lang: str) -> str:
        from ..lint import CODES, TITLES

        codes = list(CODES)
        rules = []
        for code, spec in CODES.items():
            title = TITLES(code, lang)
            rules.append(
                {
                    "id": code,
                    "name": spec.slug,
                    "shortDescription": {"text": title},
                    "fullDescription": {
                        "text": MSG(
                            "code-full", lang, code=code, slug=spec.slug, severity=spec.severity, title=title
                        )
                    },
                    "help": {
                        "text": MSG("code-help", lang, title=title),
                        "markdown": MSG("code-help-md", lang, code=code, title=title, uri=CODES_URI),
                    },
                    "helpUri": CODES_URI,
                    "defaultConfiguration": {"level": SEVERITY_LEVEL[spec.severity]},
                }
            )
        results = []
        for p in result.problems:
            r: dict[str, Any] = {
                "ruleId": p.code,
                "ruleIndex": codes.index(p.code),
                "level": SEVERITY_LEVEL[p.severity],
                "message": {"text": self._lint_text(p, lang)},
                "locations": location(p.file, p.line),
            }
            if p.field:
                r["properties"] = {"field": p.field}
            results.append(r)
        files = [(f, "analysisTarget") for f in (*result.files, *(p.file for p in result.problems))]
        props = {"files": [uri(f) for f in result.files]}
        return sarif_log(rules, results, props, exit_code=result.exit_code, artifacts=files)

    @staticmethod
    def _lint_text(p: LintProblem, lang: str) -> str:
        return f"{p.field}: {p.message(lang)}" if p.field else p.message(lang)

    def errors(self, failures: Sequence[Failure], command: str, lang: str) -> str:
        """A run that did not succeed (exit 2): each error a tool notification and a result of the
        rule ``input-error``, at its file and line when it has them."""
        title = MSG("input-title", lang, command=command)
        rule = {
            "id": INPUT_RULE,
            "shortDescription": {"text": title},
            "help": {"text": MSG("input-help", lang)},
            "helpUri": ERRORS_URI,
            "defaultConfiguration": {"level": "error"},
        }
        notes, results = [], []
        for f in failures:
            text = f"{f.field}: {f.message}" if f.field else f.message
            file = f.file if f.file is not None and is_file(f.file) else None
            located = {"message": {"text": text}, "locations": location(file, f.line)}
            if not located["locations"]:
                del located["locations"]
            notes.append({"level": "error", **located})
            results.append({"ruleId": INPUT_RULE, "ruleIndex": 0, "level": "error", **located})
        artifacts = [(f.file, "analysisTarget") for f in failures if f.file is not None and is_file(f.file)]
        props = {"command": command}
        return sarif_log([rule], results, props, exit_code=2, artifacts=artifacts, notifications=notes)


# ---- JUnit XML -------------------------------------------------------------------------------
class Junit(OutputFormat):
    name = "junit"

    def report(self, report: Report, pack: Pack | None, lang: str) -> str:
        by_rule: dict[str, list[Finding]] = {}
        for f in report.findings:
            by_rule.setdefault(f.rule, []).append(f)
        unchecked = set(report.unchecked)
        cases: list[Case] = []
        for rid, rule in rules_of(report, pack):
            fs = by_rule.get(rid, [])
            details = "\n".join(f"[{f.status}] {f.message(lang)}  #{report.id_of(f)}" for f in fs)
            violations = sum(1 for f in fs if f.status == "violation")
            failure = (
                MSG("junit-violations", lang, rule=rid, count=counted(violations, "violation", lang))
                if violations
                else None
            )
            skipped = None
            if rid in unchecked and rule is not None:
                types = ", ".join(sorted(rule.impl.consumes))
                skipped = MSG("junit-unchecked", lang, types=types, as_of=report.as_of.isoformat())
            cases.append(Case(report.pack, rid, failure, details, skipped))
        suite = MSG("junit-check-suite", lang, pack=report.pack, as_of=report.as_of.isoformat())
        props = {"pack_file": shown(report.pack_file)} if report.pack_file is not None else {}
        return junit_xml([(suite, cases, props)])

    def lint(self, result: LintResult, lang: str) -> str:
        from ..lint import CODES

        quotes = {"CRZ121", "CRZ122"}  # checked only against the source texts given
        suites: list[tuple[str, list[Case], dict[str, str]]] = []
        for file in result.files:
            mine = [p for p in result.problems if p.file == file]
            unreadable = any(p.code == "CRZ001" for p in mine)
            cases: list[Case] = []
            for code, spec in CODES.items():
                ps = [p for p in mine if p.code == code]
                details = "\n".join(f"{_place(p)}: {p.message(lang)}" for p in ps)
                errors = sum(1 for p in ps if p.severity == "error")
                failure = (
                    MSG("junit-problems", lang, code=code, count=counted(errors, "error", lang))
                    if errors
                    else None
                )
                skipped = None
                if not ps and unreadable:
                    skipped = MSG("junit-unreadable", lang)
                elif not ps and code in quotes and not result.sources:
                    skipped = MSG("junit-no-source", lang)
                cases.append(Case(uri(file), f"{code} {spec.slug}", failure, details, skipped))
            suites.append((uri(file), cases, {}))
        return junit_xml(suites)

    def errors(self, failures: Sequence[Failure], command: str, lang: str) -> str:
        """One suite of the command, a test case in error per input error."""
        title = MSG("input-title", lang, command=command)
        cases = []
        for f in failures:
            place = f.file if f.line is None or f.file is None else f"{f.file}:{f.line}"
            name = " ".join(part for part in (place, f.field) if part) or "input"
            cases.append(Case(f.file or f"changrenzhi {command}", name, details=f.message, error=f.message))
        return junit_xml([(title, cases, {})])


# ---- GitHub workflow annotations ---------------------------------------------------------------
def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(level: str, file: str | None, line: int | None, title: str, message: str) -> str:
    """One workflow command; ``file`` relative to the working directory (the repository's root in
    CI) when inside it, which is where GitHub can place it, else as a plain path."""
    props = []
    if file is not None:
        props.append(f"file={_gh_prop(shown(file))}")
        if line is not None:
            props.append(f"line={line}")
    props.append(f"title={_gh_prop(title)}")
    return f"::{level} {','.join(props)}::{_gh_data(message)}"


class Github(OutputFormat):
    name = "github"

    def report(self, report: Report, pack: Pack | None, lang: str) -> str:
        places = {rid: rule_place(pack, rule) for rid, rule in rules_of(report, pack)}
        out = []
        for f in report.findings:
            file, line = places.get(f.rule, (None, None))
            title = f"{f.rule} ({f.status})"
            out.append(
                _annotation(
                    GITHUB_LEVEL[f.status], file, line, title, f"{f.message(lang)} #{report.id_of(f)}"
                )
            )
        s = report.summary
        out.append(
            MSG(
                "github-check-summary",
                lang,
                pack=report.pack,
                violation=counted(s["violation"], "violation", lang),
                warning=counted(s["warning"], "warning", lang),
                pending=s["pending"],
                info=s["info"],
            )
        )
        return "\n".join(out) + "\n"

    def lint(self, result: LintResult, lang: str) -> str:
        from ..lint import TITLES

        out = []
        for p in result.problems:
            message = f"{p.field}: {p.message(lang)}" if p.field else p.message(lang)
            out.append(_annotation(p.severity, p.file, p.line, f"{p.code} {TITLES(p.code, lang)}", message))
        out.append(_lint_summary(result, lang))
        return "\n".join(out) + "\n"

    def errors(self, failures: Sequence[Failure], command: str, lang: str) -> str:
        title = MSG("input-title", lang, command=command)
        out = []
        for f in failures:
            file = f.file if f.file is not None and is_file(f.file) else None
            message = f"{f.field}: {f.message}" if f.field else f.message
            out.append(_annotation("error", file, f.line, title, message))
        return "\n".join(out) + "\n"


# ---- HTML for people ---------------------------------------------------------------------------
class Html(OutputFormat):
    """One self-contained page (:mod:`changrenzhi.outputs.html`); ``check`` passes the log too, so
    that each finding carries its trace."""

    name = "html"

    def report(self, report: Report, pack: Pack | None, lang: str) -> str:
        from .html import render_check_html

        return render_check_html(report, pack, lang)

    def lint(self, result: LintResult, lang: str) -> str:
        from .html import esc, page, static

        title = MSG("lint-head", lang, files=len(result.files))
        body = [f"<h1>{esc(title)}</h1>", '<table class="kv">']
        for p in result.problems:
            body.append(
                f"<tr><th>{esc(_place(p))}</th><td>{esc(p.code)}</td><td>{esc(MSG(p.severity, lang))}</td>"
                f"<td>{esc(p.message(lang))}</td></tr>"
            )
        body.append("</table>")
        if not result.problems:
            body.append(f"<p>{esc(MSG('lint-clean', lang))}</p>")
        body.append(f'<p class="meta">{esc(_lint_summary(result, lang))}</p>')
        return page(title, body, lang, static("report.css"))


#: the formats by name, in the order the help lists them
FORMATS: dict[str, OutputFormat] = {f.name: f for f in (Text(), Json(), Sarif(), Junit(), Github(), Html())}
