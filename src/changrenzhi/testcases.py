"""Test cases as data: a pack's ``tests/*.yaml`` (docs/TESTS.md), each case a small log, an as-of
date and the findings expected, run by ``changrenzhi test PACK``.

A case compares the findings of the rules in its scope (``rules:``, by default the rules its
``expect`` names) with ``expect``: every expected finding must be there (rule, subject, status,
and the period when given), and no other finding of those rules may be (``pending`` included).
``absent`` lists findings that must not appear, whatever the scope. A log is given inline
(``log:``, events as docs/EVENTS.md writes them) or as a file of the pack's tree (``log_file:``,
relative to the test file, never outside the pack's folder).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .engine import evaluate
from .errors import EventLogError, PackError, Problem, UsageError
from .events.reader import read_events, read_objects
from .findings import Finding
from .jsontypes import TypedDict
from .messages import counted
from .pack.dated import Day
from .pack.issues import validation_issues
from .pack.model import ID_PATTERN, Pack, parse_pack_bytes, read_bounded

__all__ = [
    "TEST_FORMAT",
    "TEST_RESULTS_FORMAT",
    "CaseResult",
    "TestCase",
    "TestFile",
    "TestResults",
    "case_failure",
    "load_test_file",
    "pack_test_files",
    "render_json",
    "render_text",
    "results_json",
    "run_case",
    "run_pack_tests",
]

TestFormat = Literal["changrenzhi.test/1"]
TEST_FORMAT: TestFormat = "changrenzhi.test/1"
ResultsFormat = Literal["changrenzhi.test-results/1"]
TEST_RESULTS_FORMAT: ResultsFormat = "changrenzhi.test-results/1"
#: the most cases one file may hold, and events one inline log
MAX_CASES = 2000
MAX_INLINE_EVENTS = 5000
#: the folder of a pack that holds its test files
TESTS_FOLDER = "tests"

Status = Literal["violation", "warning", "pending", "info"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False, defer_build=True)


class PeriodSpec(_Model):
    start: Day
    end: Day


class Expected(_Model):
    """A finding a case expects: its rule, subject and status, and its period when given."""

    rule: str = Field(min_length=1)
    subject: str = Field(min_length=1)
    status: Status
    period: PeriodSpec | None = None


class Absent(_Model):
    """A finding that must not appear: of ``rule``, about ``subject`` when given, of ``status`` when given."""

    rule: str = Field(min_length=1)
    subject: str | None = None
    status: Status | None = None


class TestCase(_Model):
    """One case: a log (inline or a file of the pack's tree), an as-of date, the findings expected."""

    __test__ = False  # not a pytest class

    name: str = Field(pattern=ID_PATTERN, max_length=120)
    description: str | None = None
    as_of: Day
    log: list[dict[str, Any]] | None = Field(default=None, max_length=MAX_INLINE_EVENTS)
    log_file: str | None = Field(default=None, min_length=1)
    rules: list[str] | None = Field(default=None, min_length=1)
    expect: list[Expected] = []
    absent: list[Absent] = []
    #: the readings of the pack this case's outcome rests on (for a reader changing them)
    depends_on: list[str] = []


class TestFile(_Model):
    """A whole test file."""

    __test__ = False

    format: TestFormat
    cases: list[TestCase] = Field(min_length=1, max_length=MAX_CASES)


def pack_test_files(pack: Pack) -> list[Path]:
    """The pack's test files: ``tests/*.yaml`` (and ``*.yml``) beside its ``pack.yaml``, sorted."""
    if pack.path is None:
        return []
    folder = pack.path.parent / TESTS_FOLDER
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def load_test_file(path: Path, pack: Pack) -> TestFile:
    """Read and check one test file: safe YAML, the model, rule ids of ``pack``, log files inside the
    pack's folder. Raises :class:`PackError` with every problem located (file, line, field)."""
    label = str(path)
    try:
        raw = read_bounded(path)
    except OSError as exc:
        raise PackError([Problem(label, None, None, f"cannot read: {exc.strerror or exc}")]) from None
    data, lines = parse_pack_bytes(raw, label)
    try:
        model = TestFile.model_validate(data)
    except ValidationError as exc:
        raise PackError([i.problem(label, lines) for i in validation_issues(exc, "test")]) from None
    problems: list[Problem] = []

    def bad(loc: tuple[str | int, ...], message: str) -> None:
        from .pack.issues import Issue

        problems.append(Issue("test", loc, message).problem(label, lines))

    known = {r.id for r in pack.rules}
    names: dict[str, int] = {}
    for i, case in enumerate(model.cases):
        if case.name in names:
            bad(
                ("cases", i, "name"),
                f"duplicate case name {case.name!r} (first at cases[{names[case.name]}])",
            )
        names.setdefault(case.name, i)
        if (case.log is None) == (case.log_file is None):
            bad(("cases", i), "give the log either inline (log:) or as a file (log_file:), not both")
        if case.log_file is not None:
            where = _confined(path, case.log_file, pack)
            if where is not None:
                bad(("cases", i, "log_file"), where)
        if case.rules is None and not case.expect and not case.absent:
            bad(
                ("cases", i),
                "a case names its rules (rules:), or expects (expect:) or excludes (absent:) findings",
            )
        for n, rid in enumerate(case.rules or []):
            if rid not in known:
                bad(("cases", i, "rules", n), f"unknown rule id {rid!r} in pack {pack.id}")
        named = [("expect", n, e.rule) for n, e in enumerate(case.expect)]
        named += [("absent", n, a.rule) for n, a in enumerate(case.absent)]
        for field2, n, rid in named:
            if rid not in known:
                bad(("cases", i, field2, n, "rule"), f"unknown rule id {rid!r} in pack {pack.id}")
    if problems:
        raise PackError(problems)
    return model


def _confined(test_file: Path, ref: str, pack: Pack) -> str | None:
    """Why ``ref`` (a log file named by a case) is refused, or None: it must be a relative path that
    stays inside the pack's folder, every ``..`` and link resolved."""
    assert pack.path is not None  # test files are found beside a pack file
    if Path(ref).is_absolute():
        return f"log_file {ref!r}: give a path relative to the test file, inside the pack's folder"
    root = pack.path.parent.resolve()
    target = (test_file.parent / ref).resolve()
    if target != root and root not in target.parents:
        return f"log_file {ref!r} leads outside the pack's folder {pack.path.parent}"
    if not target.is_file():
        return f"log_file {ref!r}: no such file"
    return None


# ---- running ------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CaseResult:
    """The outcome of one case: ``passed``, or the expected findings missing and the unexpected ones."""

    file: str
    case: TestCase
    missing: tuple[str, ...]
    unexpected: tuple[str, ...]
    error: str | None = None

    @property
    def passed(self) -> bool:
        return not self.missing and not self.unexpected and self.error is None


def _shown(f: Finding) -> str:
    period = f" {f.period.start}..{f.period.end}" if f.period is not None else ""
    return f"{f.rule} {f.subject}{period} {f.status}"


def _matches(f: Finding, e: Expected) -> bool:
    if (f.rule, f.subject, f.status) != (e.rule, e.subject, e.status):
        return False
    if e.period is None:
        return True
    return f.period is not None and (f.period.start, f.period.end) == (e.period.start, e.period.end)


def run_case(pack: Pack, file: Path, case: TestCase) -> CaseResult:
    """Run one case of ``file``: read its log, evaluate the pack at ``as_of``, compare."""
    label = str(file)
    try:
        if case.log_file is not None:
            log = read_events(str(file.parent / case.log_file))
        else:
            log = read_objects(case.log or [], name=f"{label} case {case.name}")
        report = evaluate(pack, log, case.as_of)
    except (EventLogError, UsageError) as exc:
        return CaseResult(label, case, (), (), str(exc))
    scope = set(case.rules) if case.rules is not None else {e.rule for e in case.expect}
    found = [f for f in report.findings if f.rule in scope]
    used = [False] * len(found)
    missing: list[str] = []
    for e in case.expect:
        for k, f in enumerate(found):
            if not used[k] and _matches(f, e):
                used[k] = True
                break
        else:
            period = f" {e.period.start}..{e.period.end}" if e.period is not None else ""
            missing.append(f"{e.rule} {e.subject}{period} {e.status}")
    unexpected = [_shown(f) for k, f in enumerate(found) if not used[k]]
    for a in case.absent:
        for f in report.findings:
            if f.rule == a.rule and a.subject in (None, f.subject) and a.status in (None, f.status):
                unexpected.append(_shown(f) + " (absent:)")
    return CaseResult(label, case, tuple(missing), tuple(unexpected))


@dataclass(frozen=True, slots=True)
class TestResults:
    """The results of every case of every pack given."""

    __test__ = False

    packs: tuple[tuple[Pack, tuple[CaseResult, ...]], ...]

    @property
    def results(self) -> list[CaseResult]:
        return [r for _, rs in self.packs for r in rs]

    @property
    def exit_code(self) -> int:
        return 0 if all(r.passed for r in self.results) else 1

    def untested(self) -> dict[str, list[str]]:
        """By pack: its rules that no case names (in ``rules``, ``expect`` or ``absent``)."""
        out: dict[str, list[str]] = {}
        for pack, results in self.packs:
            named: set[str] = set()
            for r in results:
                named |= (
                    set(r.case.rules or [])
                    | {e.rule for e in r.case.expect}
                    | {a.rule for a in r.case.absent}
                )
            out[pack.id] = [rule.id for rule in pack.rules if rule.id not in named]
        return out


def run_pack_tests(packs: Sequence[Pack]) -> TestResults:
    """Load every test file of every pack (a bad file raises :class:`PackError`), then run each case."""
    loaded = []
    for pack in packs:
        files = pack_test_files(pack)
        if not files:
            raise UsageError(f"{pack.id}: no test files ({TESTS_FOLDER}/*.yaml beside its pack.yaml)")
        loaded.append((pack, [(f, load_test_file(f, pack)) for f in files]))
    out = []
    for pack, tfs in loaded:
        out.append((pack, tuple(run_case(pack, f, c) for f, tf in tfs for c in tf.cases)))
    return TestResults(tuple(out))


# ---- rendering ------------------------------------------------------------------
class CaseJson(TypedDict):
    pack: str
    file: str
    case: str
    passed: bool
    missing: list[str]
    unexpected: list[str]
    error: str | None


class TestSummaryJson(TypedDict):
    cases: int
    passed: int
    failed: int


class TestResultsJson(TypedDict):
    """What ``changrenzhi test --format json`` prints."""

    format: ResultsFormat
    cases: list[CaseJson]
    untested: dict[str, list[str]]
    summary: TestSummaryJson


def results_json(results: TestResults) -> TestResultsJson:
    cases: list[CaseJson] = []
    for pack, rs in results.packs:
        for r in rs:
            cases.append(
                {
                    "pack": pack.id,
                    "file": r.file,
                    "case": r.case.name,
                    "passed": r.passed,
                    "missing": list(r.missing),
                    "unexpected": list(r.unexpected),
                    "error": r.error,
                }
            )
    passed = sum(1 for c in cases if c["passed"])
    return {
        "format": TEST_RESULTS_FORMAT,
        "cases": cases,
        "untested": results.untested(),
        "summary": {"cases": len(cases), "passed": passed, "failed": len(cases) - passed},
    }


def render_json(results: TestResults) -> str:
    return json.dumps(results_json(results), ensure_ascii=False, indent=2) + "\n"


def render_text(results: TestResults) -> str:
    lines: list[str] = []
    for pack, rs in results.packs:
        lines.append(f"{pack.id}: {counted(len(rs), 'case')}")
        for r in rs:
            lines.append(f"  {'PASS' if r.passed else 'FAIL'}  {Path(r.file).name}::{r.case.name}")
            if r.error:
                lines.append(f"        error: {r.error}")
            lines.extend(f"        missing:    {m}" for m in r.missing)
            lines.extend(f"        unexpected: {u}" for u in r.unexpected)
        untested = results.untested()[pack.id]
        if untested:
            lines.append(f"  rules no case names: {', '.join(untested)}")
    s = results_json(results)["summary"]
    lines.append(f"Summary: {s['passed']} passed, {s['failed']} failed -> exit {results.exit_code}")
    return "\n".join(lines) + "\n"


def case_failure(r: CaseResult) -> str | None:
    """What a failed case lacks and has too many of, as one text (None when it passed)."""
    if r.passed:
        return None
    if r.error:
        return r.error
    parts = [f"missing: {m}" for m in r.missing] + [f"unexpected: {u}" for u in r.unexpected]
    return "\n".join(parts)
