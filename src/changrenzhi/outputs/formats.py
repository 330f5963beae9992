"""Output formats of ``check`` and ``lint``: one class per format, listed in :data:`FORMATS`.

A format renders a check report (:meth:`OutputFormat.report`, given the report
and the pack it came from) and a lint result (:meth:`OutputFormat.lint`). A new
format is one class and its entry in :data:`FORMATS` (the command line offers
the dict's keys)::

    class Sarif(OutputFormat):
        name = "sarif"
        def report(self, report, pack, lang): ...
        def lint(self, result, lang): ...

Formats: ``text`` and ``json`` (``check``'s long-standing output, unchanged;
:mod:`changrenzhi.reports` holds them), ``sarif`` (SARIF 2.1.0, for code
scanning: lint results point at the pack's YAML line, check results at the
rule's line in the pack), ``junit`` (one test case per rule, failing when the
rule has violations) and ``github`` (workflow annotations).
"""

from __future__ import annotations

import os
import re
import urllib.parse
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from .._version import __version__
from ..findings import Finding, Report
from ..messages import Section
from ..pack.model import Pack, Rule
from .reports import _json, report_json, report_text

if TYPE_CHECKING:  # lint and xml.sax are imported where used: ``check`` needs neither
    from ..lint import LintProblem, LintResult

__all__ = ["FORMATS", "OutputFormat", "render_report"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
TOOL_URI = "https://pypi.org/project/changrenzhi/"

MSG = Section(
    "outputs",
    {
        "lint-head": {"zh": "changrenzhi lint：{files} 个文件", "en": "changrenzhi lint: {files} file(s)"},
        "lint-clean": {"zh": "没有发现问题。", "en": "No problems found."},
        "lint-summary": {
            "zh": "合计：错误 {errors}，警告 {warnings} -> exit {code}",
            "en": "Summary: {errors} error(s), {warnings} warning(s) -> exit {code}",
        },
        "error": {"zh": "错误", "en": "error"},
        "warning": {"zh": "警告", "en": "warning"},
        "junit-check-suite": {"zh": "{pack} 截至 {as_of}", "en": "{pack} as of {as_of}"},
        "junit-violations": {
            "zh": "规则 {rule} 有 {count} 项违反",
            "en": "rule {rule} has {count} violation(s)",
        },
        "junit-problems": {
            "zh": "{code} 有 {count} 个错误",
            "en": "{code}: {count} error(s)",
        },
        "github-check-summary": {
            "zh": "changrenzhi check {pack}：违反 {violation}，提醒 {warning}，待定 {pending}，提示 {info}",
            "en": "changrenzhi check {pack}: {violation} violation(s), {warning} warning(s), "
            "{pending} pending, {info} info",
        },
        "rule-title": {"zh": "{kind}（{severity}）", "en": "{kind} ({severity})"},
        "rule-help": {"zh": "依据 {source} 第 {line} 行：「{text}」", "en": "{source} line {line}: “{text}”"},
    },
)

#: finding status -> SARIF level / GitHub annotation command
SARIF_LEVEL = {"violation": "error", "warning": "warning", "pending": "note", "info": "note"}
GITHUB_LEVEL = {"violation": "error", "warning": "warning", "pending": "notice", "info": "notice"}
SEVERITY_LEVEL = {"error": "error", "warning": "warning"}


class OutputFormat:
    """One output format: ``name`` and a renderer for each of ``check`` and ``lint``."""

    name: ClassVar[str]

    def report(self, report: Report, pack: Pack | None, lang: str) -> str:  # pragma: no cover
        raise NotImplementedError

    def lint(self, result: LintResult, lang: str) -> str:  # pragma: no cover
        raise NotImplementedError


def render_report(report: Report, fmt: str = "text", lang: str = "zh", pack: Pack | None = None) -> str:
    return FORMATS[fmt].report(report, pack, lang)


# ---- places ------------------------------------------------------------------------
def uri(file: str) -> str:
    """A file as SARIF and GitHub want it: relative to the working directory when inside it.

    A name that is not text (bytes that are not UTF-8, which Python carries as lone surrogates) has
    those bytes percent-encoded, as a file URI has: output is always UTF-8."""
    path = Path(file)
    try:
        rel = os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        rel = str(path)
    if rel.startswith(".."):
        return path.resolve().as_uri() if path.is_absolute() or path.exists() else _utf8(file)
    return _utf8(Path(rel).as_posix())


def _utf8(name: str) -> str:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return urllib.parse.quote(os.fsencode(name), safe="/:")
    return name


def rule_place(pack: Pack | None, rule: Rule | None) -> tuple[str | None, int | None]:
    """The file and line where a rule is written (for a pack that extends another, the file
    of the pack that last set the rule)."""
    if pack is None or rule is None:
        return None, None
    origin = rule.provenance.get("id")
    if origin is not None and origin.file:
        return origin.file, origin.line
    at = pack.lines.line(("rules", rule.index)) if pack.lines is not None else None
    return (str(pack.path) if pack.path is not None else None), at


def _rules_of(report: Report, pack: Pack | None) -> list[tuple[str, Rule | None]]:
    """Every rule of the pack (or, without it, every rule that has findings), in pack order."""
    if pack is not None:
        return [(r.id, r) for r in pack.rules]
    seen: dict[str, None] = {}
    for f in report.findings:
        seen.setdefault(f.rule, None)
    return [(rid, None) for rid in seen]


def _place(p: LintProblem) -> str:
    """``pack.yaml:30 rules[1].params.min``."""
    place = p.file if p.line is None else f"{p.file}:{p.line}"
    return f"{place} {p.field}" if p.field else place


def _lint_summary(result: LintResult, lang: str) -> str:
    return MSG("lint-summary", lang, errors=result.errors, warnings=result.warnings, code=result.exit_code)


# ---- text, json ------------------------------------------------------------------------
class Text(OutputFormat):
    name = "text"

    def report(self, report: Report, pack: Pack | None, lang: str) -> str:
        return report_text(report, lang)

    def lint(self, result: LintResult, lang: str) -> str:
        lines = [MSG("lint-head", lang, files=len(result.files)), ""]
        for p in result.problems:
            lines.append(f"{_place(p)}: {p.code} {MSG(p.severity, lang)}: {p.message(lang)}")
        if result.problems:
            lines.append("")
        else:
            lines.extend([MSG("lint-clean", lang), ""])
        lines.append(_lint_summary(result, lang))
        return "\n".join(lines) + "\n"


class Json(OutputFormat):
    name = "json"

    def report(self, report: Report, pack: Pack | None, lang: str) -> str:
        return report_json(report, lang)

    def lint(self, result: LintResult, lang: str) -> str:
        return _json(result.to_json(lang))


# ---- SARIF 2.1.0 --------------------------------------------------------------------------
def _location(file: str | None, line: int | None) -> list[dict[str, Any]]:
    if file is None:
        return []
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri(file)}}
    if line is not None:
        physical["region"] = {"startLine": line}
    return [{"physicalLocation": physical}]


def _sarif(rules: list[dict[str, Any]], results: list[dict[str, Any]], props: dict[str, Any]) -> str:
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "changrenzhi",
                        "version": __version__,
                        "informationUri": TOOL_URI,
                        "rules": rules,
                    }
                },
                "results": results,
                "columnKind": "unicodeCodePoints",
                "properties": props,
            }
        ],
    }
    return _json(log)


class Sarif(OutputFormat):
    name = "sarif"

    def report(self, report: Report, pack: Pack | None, lang: str) -> str:
        listed = _rules_of(report, pack)
        index = {rid: i for i, (rid, _) in enumerate(listed)}
        rules = [self._rule(rid, rule, lang) for rid, rule in listed]
        places = {rid: rule_place(pack, rule) for rid, rule in listed}
        results = []
        for f in report.findings:
            if f.rule not in index:  # pragma: no cover - a finding of a rule the pack lacks
                index[f.rule] = len(rules)
                rules.append(self._rule(f.rule, None, lang))
                places[f.rule] = (None, None)
            file, line = places[f.rule]
            result: dict[str, Any] = {
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": SARIF_LEVEL[f.status],
                "message": {"text": f.message(lang)},
                "locations": _location(file, line),
                "partialFingerprints": {"changrenzhiFinding/v1": report.id_of(f)},
                "properties": self._finding_props(f),
            }
            if not result["locations"]:
                del result["locations"]
            results.append(result)
        props = {"pack": report.pack, "as_of": report.as_of.isoformat(), "summary": report.summary}
        return _sarif(rules, results, props)

    @staticmethod
    def _finding_props(f: Finding) -> dict[str, Any]:
        out: dict[str, Any] = {"status": f.status, "kind": f.kind, "subject": f.subject}
        if f.period is not None:
            out["period"] = f.period.to_json()
        out["evidence"] = list(f.evidence)
        out["citation"] = dict(f.citation)
        return out

    @staticmethod
    def _rule(rid: str, rule: Rule | None, lang: str) -> dict[str, Any]:
        out: dict[str, Any] = {"id": rid}
        if rule is None:
            return out
        c = rule.citation
        title = rule.spec.title or MSG("rule-title", lang, kind=rule.kind, severity=rule.severity)
        out["shortDescription"] = {"text": title}
        out["help"] = {"text": MSG("rule-help", lang, source=c.source, line=c.line, text=c.text)}
        out["defaultConfiguration"] = {"level": SARIF_LEVEL[rule.severity]}
        out["properties"] = {"kind": rule.kind, "citation": rule.citation_json()}
        return out

    def lint(self, result: LintResult, lang: str) -> str:
        from ..lint import CODES, TITLES

        codes = list(CODES)
        rules = [
            {
                "id": code,
                "name": CODES[code].slug,
                "shortDescription": {"text": TITLES(code, lang)},
                "defaultConfiguration": {"level": SEVERITY_LEVEL[CODES[code].severity]},
            }
            for code in codes
        ]
        results = []
        for p in result.problems:
            r: dict[str, Any] = {
                "ruleId": p.code,
                "ruleIndex": codes.index(p.code),
                "level": SEVERITY_LEVEL[p.severity],
                "message": {"text": self._lint_text(p, lang)},
                "locations": _location(p.file, p.line),
            }
            if p.field:
                r["properties"] = {"field": p.field}
            results.append(r)
        return _sarif(rules, results, {"files": [uri(f) for f in result.files]})

    @staticmethod
    def _lint_text(p: LintProblem, lang: str) -> str:
        return f"{p.field}: {p.message(lang)}" if p.field else p.message(lang)


# ---- JUnit XML -------------------------------------------------------------------------------
#: what XML 1.0 cannot hold, not even escaped: most control characters, lone surrogates, U+FFFE, U+FFFF
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: str) -> str:
    """``text`` with each character XML cannot hold written as ``\\uXXXX`` (a free-text field of a log
    may hold one: ids may not)."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _junit(suites: Iterable[tuple[str, list[tuple[str, str, str | None, str]]]]) -> str:
    """Suites of (name, [(classname, test name, failure message or None, details)])."""
    from xml.sax.saxutils import escape as _escape
    from xml.sax.saxutils import quoteattr as _quoteattr

    def escape(text: str) -> str:
        return _escape(_xml_text(text))

    def quoteattr(text: str) -> str:
        return _quoteattr(_xml_text(text))

    body: list[str] = []
    total = failures = 0
    for suite, cases in suites:
        n_fail = sum(1 for c in cases if c[2] is not None)
        total += len(cases)
        failures += n_fail
        body.append(
            f'  <testsuite name={quoteattr(suite)} tests="{len(cases)}" failures="{n_fail}" errors="0">'
        )
        for classname, test, failure, details in cases:
            head = f"    <testcase classname={quoteattr(classname)} name={quoteattr(test)}"
            if failure is None and not details:
                body.append(head + "/>")
                continue
            body.append(head + ">")
            if failure is not None:
                body.append(f"      <failure message={quoteattr(failure)}>{escape(details)}</failure>")
            else:
                body.append(f"      <system-out>{escape(details)}</system-out>")
            body.append("    </testcase>")
        body.append("  </testsuite>")
    top = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites name="changrenzhi" tests="{total}" failures="{failures}" errors="0">',
    ]
    return "\n".join([*top, *body, "</testsuites>"]) + "\n"


class Junit(OutputFormat):
    name = "junit"

    def report(self, report: Report, pack: Pack | None, lang: str) -> str:
        by_rule: dict[str, list[Finding]] = {}
        for f in report.findings:
            by_rule.setdefault(f.rule, []).append(f)
        cases: list[tuple[str, str, str | None, str]] = []
        for rid, _ in _rules_of(report, pack):
            fs = by_rule.get(rid, [])
            details = "\n".join(f"[{f.status}] {f.message(lang)}  #{report.id_of(f)}" for f in fs)
            violations = sum(1 for f in fs if f.status == "violation")
            failure = MSG("junit-violations", lang, rule=rid, count=violations) if violations else None
            cases.append((report.pack, rid, failure, details))
        suite = MSG("junit-check-suite", lang, pack=report.pack, as_of=report.as_of.isoformat())
        return _junit([(suite, cases)])

    def lint(self, result: LintResult, lang: str) -> str:
        from ..lint import CODES

        suites = []
        for file in result.files:
            mine = [p for p in result.problems if p.file == file]
            cases: list[tuple[str, str, str | None, str]] = []
            for code, spec in CODES.items():
                ps = [p for p in mine if p.code == code]
                details = "\n".join(f"{_place(p)}: {p.message(lang)}" for p in ps)
                errors = sum(1 for p in ps if p.severity == "error")
                failure = MSG("junit-problems", lang, code=code, count=errors) if errors else None
                cases.append((uri(file), f"{code} {spec.slug}", failure, details))
            suites.append((uri(file), cases))
        return _junit(suites)


# ---- GitHub workflow annotations ---------------------------------------------------------------
def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(level: str, file: str | None, line: int | None, title: str, message: str) -> str:
    props = []
    if file is not None:
        props.append(f"file={_gh_prop(uri(file))}")
        if line is not None:
            props.append(f"line={line}")
    props.append(f"title={_gh_prop(title)}")
    return f"::{level} {','.join(props)}::{_gh_data(message)}"


class Github(OutputFormat):
    name = "github"

    def report(self, report: Report, pack: Pack | None, lang: str) -> str:
        places = {rid: rule_place(pack, rule) for rid, rule in _rules_of(report, pack)}
        out = []
        for f in report.findings:
            file, line = places.get(f.rule, (None, None))
            title = f"{f.rule} ({f.status})"
            out.append(
                _annotation(
                    GITHUB_LEVEL[f.status], file, line, title, f"{f.message(lang)} #{report.id_of(f)}"
                )
            )
        out.append(MSG("github-check-summary", lang, pack=report.pack, **report.summary))
        return "\n".join(out) + "\n"

    def lint(self, result: LintResult, lang: str) -> str:
        from ..lint import TITLES

        out = []
        for p in result.problems:
            message = f"{p.field}: {p.message(lang)}" if p.field else p.message(lang)
            out.append(_annotation(p.severity, p.file, p.line, f"{p.code} {TITLES(p.code, lang)}", message))
        out.append(
            MSG("lint-summary", lang, errors=result.errors, warnings=result.warnings, code=result.exit_code)
        )
        return "\n".join(out) + "\n"


#: the formats by name, in the order the help lists them
FORMATS: dict[str, OutputFormat] = {f.name: f for f in (Text(), Json(), Sarif(), Junit(), Github())}
