"""The output formats of ``check`` and ``lint`` (one registry): text and json unchanged, SARIF valid
against the SARIF 2.1.0 JSON schema and pointing at the rules' lines, JUnit one case per rule,
GitHub annotations escaped."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

import pytest

from changrenzhi import (
    EventLogError,
    Problem,
    UsageError,
    evaluate,
    load_pack,
    loads_pack,
    read_events,
    shipped_packs,
)
from changrenzhi.cli import main
from changrenzhi.findings import Report
from changrenzhi.lint import CODES, LintResult, lint_paths, read_sources
from changrenzhi.outputs.formats import (
    FORMATS,
    KINDS_URI,
    OutputFormat,
    _gh_prop,
    render_errors,
    render_report,
    rule_place,
)
from changrenzhi.outputs.places import Failure, failures_of, shown
from changrenzhi.outputs.reports import REPORTERS, report_json, report_text
from changrenzhi.pack.model import Pack
from support import DATA, ROOT, SARIF_SCHEMAS, SEED, run_cli, sarif_errors, shipped_pack, town

PACK = DATA / "packs" / "minimal"
SMALL = DATA / "logs" / "small_group.jsonl"
SEEDS = DATA / "seeds"
AS_OF = date(2011, 6, 30)


def test_the_sarif_schemas_are_the_2_1_0_ones() -> None:
    final, rc = (json.loads(path.read_text(encoding="utf-8")) for path in SARIF_SCHEMAS)
    assert final["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert final["properties"]["version"]["enum"] == ["2.1.0"]
    assert "rtm.5" in rc["title"]
    # a schema that rejects nothing would make every SARIF test pass: it must reject a wrong version
    assert sarif_errors({"version": "2.0.0", "runs": []})


def small_report() -> tuple[Report, Pack]:
    pack = load_pack(PACK)
    return evaluate(pack, read_events(SMALL), date(2011, 6, 30)), pack


def example_reports() -> list[Any]:
    out = []
    for name, folder in sorted(shipped_packs().items()):
        pack = shipped_pack(name)
        for ex in pack.model.examples:
            out.append(pytest.param(name, folder / ex.file, ex.as_of, id=f"{name}:{ex.file}"))
    return out


def test_the_registry() -> None:
    assert list(FORMATS) == ["text", "json", "sarif", "junit", "github", "html"]
    assert all(FORMATS[name].name == name for name in FORMATS)


def test_a_new_format_is_one_class_and_its_entry(capsys: pytest.CaptureFixture[str]) -> None:
    class Count(OutputFormat):
        name: ClassVar[str] = "count"

        def report(self, report: Report, pack: Pack | None, lang: str) -> str:
            return f"{len(report.findings)}\n"

        def lint(self, result: LintResult, lang: str) -> str:
            return f"{len(result.problems)}\n"

    FORMATS["count"] = Count()
    try:
        assert main(["check", str(PACK), str(SMALL), "--as-of", "2011-06-30", "--format", "count"]) == 1
        assert capsys.readouterr().out == "2\n"
        assert main(["lint", str(DATA / "lint" / "ranges"), "--format", "count"]) == 1
        assert capsys.readouterr().out == "8\n"
    finally:
        del FORMATS["count"]


@pytest.mark.parametrize("batch", [1, 3, 4096])
@pytest.mark.parametrize(
    "options",
    [{}, {"color": True, "code": 0}, {"summary_only": True}, {"filtered": "--status violation", "total": 9}],
)
def test_text_written_a_few_lines_at_a_time_is_the_same_text(batch: int, options: dict[str, Any]) -> None:
    from changrenzhi.outputs.reports import report_text_lines, write_lines

    report, _ = small_report()
    empty = dataclasses.replace(report, findings=(), _ids={})
    for r in (report, empty):
        for lang in ("zh", "en"):
            pieces: list[str] = []
            write_lines(report_text_lines(r, lang, **options), pieces.append, batch)
            text = report_text(r, lang, **options)
            assert "".join(pieces) == text
            assert len(pieces) == -(-text.count("\n") // batch)  # that many lines at a time, the last fewer


def test_sarif_is_written_as_its_results_are_encoded(monkeypatch: pytest.MonkeyPatch) -> None:
    """``Sarif.write`` writes each piece as soon as it is encoded: the first before most results
    are made, and all of them the same bytes as the log in one string."""
    from changrenzhi.outputs import formats, sarif

    pack = shipped_pack("guoyuan")
    example = pack.model.examples[0]
    report = evaluate(pack, read_events(shipped_packs()["guoyuan"] / example.file), example.as_of)
    assert len(report.findings) >= 6
    monkeypatch.setattr(sarif, "RESULTS_CHUNK", 2)
    made: list[int] = []
    results = formats.Sarif._results

    def counted(self: Any, *args: Any) -> Any:
        for k, result in enumerate(results(self, *args), 1):
            made.append(k)
            yield result

    monkeypatch.setattr(formats.Sarif, "_results", counted)
    pieces: list[bytes] = []
    seen_at_write: list[int] = []

    def write(piece: bytes) -> None:
        pieces.append(piece)
        seen_at_write.append(len(made))

    formats.Sarif().write(report, pack, "zh", write)
    total = len(report.findings)
    assert len(pieces) > total // 2  # two results a piece
    assert seen_at_write[0] <= 3 < total  # the first piece written once two results were made
    made.clear()
    assert b"".join(pieces) == formats.Sarif().report(report, pack, "zh").encode()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_text_and_json_are_the_reports_renderers(lang: str) -> None:
    report, pack = small_report()
    assert render_report(report, "text", lang, pack) == report_text(report, lang)
    assert render_report(report, "json", lang, pack) == report_json(report, lang)
    assert REPORTERS["text"](report, lang) == report_text(report, lang)


@pytest.mark.parametrize(("name", "log", "as_of"), example_reports())
def test_check_sarif_points_at_each_rule_in_pack_yaml(name: str, log: Path, as_of: date) -> None:
    pack = shipped_pack(name)
    report = evaluate(pack, read_events(log), as_of)
    doc = json.loads(render_report(report, "sarif", "zh", pack))
    assert sarif_errors(doc) == []
    [run] = doc["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.id for r in pack.rules]
    text = Path(pack.path or "").read_text(encoding="utf-8").splitlines()
    assert len(run["results"]) == len(report.findings)
    for result, finding in zip(run["results"], report.findings, strict=True):
        assert result["ruleId"] == finding.rule == rules[result["ruleIndex"]]["id"]
        assert result["partialFingerprints"] == {"changrenzhiFinding/v2": finding.id}
        loc = result["locations"][0]["physicalLocation"]
        line = loc["region"]["startLine"]
        assert text[line - 1].strip() == f"- id: {finding.rule}", (line, text[line - 1])
        assert loc["artifactLocation"]["uri"].endswith("pack.yaml")
        level = {"violation": "error", "warning": "warning"}.get(finding.status, "note")
        assert result["level"] == level


def test_check_sarif_of_an_extending_pack_points_at_the_file_that_wrote_the_rule() -> None:
    pack = load_pack(DATA / "packs" / "extends" / "zjg-draft")
    own = rule_place(pack, pack.rule("zjg-draft.group.floor"))
    inherited = rule_place(pack, pack.rule("zjg.annual-meeting.yearly"))
    assert own[0] is not None and own[0].endswith("extends/zjg-draft/pack.yaml")
    assert inherited[0] is not None and inherited[0].endswith("zhangjiagang/pack.yaml")
    parent = Path(inherited[0]).read_text(encoding="utf-8").splitlines()
    assert inherited[1] is not None
    assert parent[inherited[1] - 1].strip() == "- id: zjg.annual-meeting.yearly"


def test_lint_sarif_is_valid_and_lists_every_code() -> None:
    result = lint_paths(sorted(p for p in (DATA / "lint").iterdir() if p.is_dir()))
    doc = json.loads(FORMATS["sarif"].lint(result, "en"))
    assert sarif_errors(doc) == []
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules][:3] == ["CRZ001", "CRZ002", "CRZ003"]
    assert len(doc["runs"][0]["results"]) == len(result.problems)


def test_sarif_without_a_line_has_no_region() -> None:
    result = lint_paths([DATA / "lint" / "ranges"])
    doc = json.loads(FORMATS["sarif"].lint(result, "zh"))
    assert all("region" in r["locations"][0]["physicalLocation"] for r in doc["runs"][0]["results"])
    report, _ = small_report()
    doc = json.loads(render_report(report, "sarif"))  # no pack: rules from the findings, no locations
    assert sarif_errors(doc) == []
    assert all("locations" not in r for r in doc["runs"][0]["results"])


def test_junit_one_case_per_rule_failing_on_violations(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(PACK), str(SMALL), "--as-of", "2011-06-30", "--format", "junit"]) == 1
    root = ET.fromstring(capsys.readouterr().out)
    pack = load_pack(PACK)
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert list(cases) == [r.id for r in pack.rules]
    report, _ = small_report()
    violating = {f.rule for f in report.findings if f.status == "violation"}
    for rid, case in cases.items():
        assert (case.find("failure") is not None) == (rid in violating)
    [suite] = root.iter("testsuite")
    assert suite.get("failures") == str(len(violating))
    assert root.get("tests") == str(len(pack.rules))


def test_github_annotations(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(PACK), str(SMALL), "--as-of", "2011-06-30", "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    report, pack = small_report()
    assert len(lines) == len(report.findings) + 1
    file, line = rule_place(pack, pack.rule("t.group.size"))
    assert file is not None
    assert lines[0].startswith(
        f"::error file=tests/data/packs/minimal/pack.yaml,line={line},title=t.group.size"
    )
    assert lines[-1].startswith("changrenzhi check minimal")


def test_github_escapes_data_and_properties() -> None:
    from changrenzhi.outputs.formats import _annotation

    got = _annotation("error", "a,b:c.yaml", 3, "T: x, y", "50% done\nnext line\r")
    assert got == "::error file=a%2Cb%3Ac.yaml,line=3,title=T%3A x%2C y::50%25 done%0Anext line%0D"


# ---- where things are: the pack file, paths GitHub can place ------------------------------------
@pytest.mark.parametrize(("name", "log", "as_of"), example_reports())
def test_check_sarif_describes_rules_and_the_run(
    name: str, log: Path, as_of: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    pack = load_pack(f"policies/{name}")
    report = evaluate(pack, read_events(log), as_of)
    doc = json.loads(render_report(report, "sarif", "en", pack))
    assert sarif_errors(doc) == []
    [run] = doc["runs"]
    for rule, r in zip(run["tool"]["driver"]["rules"], pack.rules, strict=True):
        assert rule["fullDescription"]["text"].startswith(f"{r.kind} ({r.severity}): {r.impl.summary}")
        assert r.citation.text in rule["help"]["text"]
        assert f"> {r.citation.text}" in rule["help"]["markdown"]
        assert rule["helpUri"] == KINDS_URI and KINDS_URI.startswith("https://")
    assert run["invocations"] == [{"executionSuccessful": True, "exitCode": report.exit_code}]
    place = {"uri": f"policies/{name}/pack.yaml", "uriBaseId": "%SRCROOT%"}
    assert run["artifacts"] == [{"location": place, "roles": ["userSpecifiedConfiguration"]}]
    for result in run["results"]:
        assert result["locations"][0]["physicalLocation"]["artifactLocation"] == place


def test_text_header_names_the_pack_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    report, _ = small_report()
    assert report.pack_file == str(PACK / "pack.yaml")
    lines = report_text(report, "en").splitlines()
    assert lines[1] == "pack file: tests/data/packs/minimal/pack.yaml"
    assert "pack_file" not in report.to_json()  # not part of the findings contract
    text_pack = evaluate(
        loads_pack((PACK / "pack.yaml").read_text(encoding="utf-8")), read_events(SMALL), AS_OF
    )
    assert text_pack.pack_file is None
    assert not report_text(text_pack, "en").splitlines()[1]


def test_a_pack_outside_the_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file GitHub cannot place (outside the repository) is an absolute file URI in SARIF, with
    no %SRCROOT%, and a plain absolute path in annotations and the text header."""
    folder = tmp_path / "pack"
    shutil.copytree(PACK, folder)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    pack = load_pack(folder)
    report = evaluate(pack, read_events(SMALL), AS_OF)
    doc = json.loads(render_report(report, "sarif", "zh", pack))
    assert sarif_errors(doc) == []
    where = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert where == {"uri": (folder / "pack.yaml").as_uri()}
    github = render_report(report, "github", "zh", pack)
    assert github.startswith(f"::error file={_gh_prop(str(folder / 'pack.yaml'))},line=")
    assert f"pack file: {folder / 'pack.yaml'}" in report_text(report, "en")


# ---- JUnit: what did not run is skipped ----------------------------------------------------------
def test_junit_skips_the_rules_that_had_nothing_to_check() -> None:
    pack = shipped_pack("guoyuan")
    report = evaluate(pack, town(6), date(2011, 12, 31))  # a congress, reps, one group; nothing else
    present = {e["type"] for e in town(6)}
    found = {f.rule for f in report.findings}
    assert report.unchecked
    for rule in pack.rules:
        nothing_read = bool(rule.impl.consumes) and rule.impl.consumes.isdisjoint(present)
        assert (rule.id in report.unchecked) == (nothing_read and rule.id not in found), rule.id
    root = ET.fromstring(render_report(report, "junit", "en", pack))
    [suite] = root.iter("testsuite")
    skipped = {c.get("name"): c.find("skipped") for c in root.iter("testcase")}
    assert {name for name, s in skipped.items() if s is not None} == set(report.unchecked)
    assert suite.get("skipped") == root.get("skipped") == str(len(report.unchecked))
    example = skipped[report.unchecked[0]]
    assert example is not None and "not checked: the log has no event of the types" in example.get(
        "message", ""
    )
    props = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert props == {"pack_file": shown(str(pack.path))}


def test_junit_lint_skips_what_did_not_run() -> None:
    def skipped(result: LintResult) -> dict[str, str]:
        root = ET.fromstring(FORMATS["junit"].lint(result, "en"))
        out = {}
        for case in root.iter("testcase"):
            s = case.find("skipped")
            if s is not None:
                out[case.get("name", "").split()[0]] = s.get("message", "")
        return out

    # quotations are not checked without a source text
    plain = skipped(lint_paths([DATA / "lint" / "ranges"]))
    assert set(plain) == {"CRZ121", "CRZ122"} and "--source" in plain["CRZ121"]
    assert skipped(lint_paths([DATA / "lint" / "ranges"], read_sources([SEEDS / SEED]))) == {}
    # a file whose YAML cannot be read: nothing but CRZ001 ran
    broken = lint_paths([DATA / "packs" / "invalid" / "duplicate_key"])
    assert [p.code for p in broken.problems] == ["CRZ001"]
    got = skipped(broken)
    assert set(got) == set(CODES) - {"CRZ001"}
    assert all("YAML cannot be read" in m for m in got.values())


# ---- input errors in each machine format ----------------------------------------------------------
FAILURES = [
    Failure("tests/data/logs/invalid/duplicate_id.jsonl", 7, "id", "duplicate id 'e1'"),
    Failure("<stdin>", 3, None, "not valid JSON"),
    Failure(None, None, "--as-of", "expected a date YYYY-MM-DD, got '2010-02-30'"),
    Failure(None, None, None, "nothere.jsonl: no such event log"),
]


def test_errors_in_json() -> None:
    doc = json.loads(render_errors(FAILURES, "json", "check"))
    assert doc == {"format": "changrenzhi.error/1", "errors": [f.to_json() for f in FAILURES]}
    assert doc["errors"][2] == {
        "file": None,
        "line": None,
        "field": "--as-of",
        "message": "expected a date YYYY-MM-DD, got '2010-02-30'",
    }


def test_errors_in_sarif_are_a_run_that_did_not_succeed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    doc = json.loads(render_errors(FAILURES, "sarif", "check", "en"))
    assert sarif_errors(doc) == []
    [run] = doc["runs"]
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is False and invocation["exitCode"] == 2
    notes = invocation["toolExecutionNotifications"]
    assert [n["message"]["text"] for n in notes] == [
        "id: duplicate id 'e1'",
        "not valid JSON",
        "--as-of: expected a date YYYY-MM-DD, got '2010-02-30'",
        "nothere.jsonl: no such event log",
    ]
    assert [r["message"] for r in run["results"]] == [n["message"] for n in notes]
    assert {r["ruleId"] for r in run["results"]} == {"input-error"}
    # only a real file is located: a label (<stdin>) or no file is not
    assert [len(n.get("locations", [])) for n in notes] == [1, 0, 0, 0]
    where = notes[0]["locations"][0]["physicalLocation"]
    assert where == {
        "artifactLocation": {"uri": "tests/data/logs/invalid/duplicate_id.jsonl", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 7},
    }


def test_errors_in_junit_and_github() -> None:
    root = ET.fromstring(render_errors(FAILURES, "junit", "check", "en"))
    assert root.get("errors") == "4" and root.get("failures") == "0"
    cases = list(root.iter("testcase"))
    assert [c.get("name") for c in cases] == [
        "tests/data/logs/invalid/duplicate_id.jsonl:7 id",
        "<stdin>:3",
        "--as-of",
        "input",
    ]
    assert [c.find("error").get("message") for c in cases] == [f.message for f in FAILURES]  # type: ignore[union-attr]
    lines = render_errors(FAILURES, "github", "check", "en").splitlines()
    head = "::error title=changrenzhi check%3A input error::"
    assert lines == [
        "::error file=tests/data/logs/invalid/duplicate_id.jsonl,line=7,"
        "title=changrenzhi check%3A input error::id: duplicate id 'e1'",
        head + "not valid JSON",
        head + "--as-of: expected a date YYYY-MM-DD, got '2010-02-30'",
        head + "nothere.jsonl: no such event log",
    ]
    assert render_errors(FAILURES, "text", "check") == ""
    assert render_errors(FAILURES, "csv", "compare") == ""


def test_failures_of_an_error() -> None:
    exc = EventLogError(
        [Problem("a.jsonl", 3, "id", "duplicate id 'x'"), Problem("a.jsonl", None, None, "stop")]
    )
    assert failures_of(exc) == (
        Failure("a.jsonl", 3, "id", "duplicate id 'x'"),
        Failure("a.jsonl", None, None, "stop"),
    )
    assert failures_of(UsageError("x: no such event log")) == (
        Failure(None, None, None, "x: no such event log"),
    )


# ---- what no log may hold in an id, but free text and Python callers may -------------------------
def test_junit_holds_only_what_xml_can() -> None:
    report, pack = small_report()
    assert report.findings
    first = report.findings[0]
    odd = dataclasses.replace(first, subject="R\x00\x1b[31m\ufffe\ud800]]>&<")
    text = FORMATS["junit"].report(
        dataclasses.replace(report, findings=(odd, *report.findings[1:])), pack, "en"
    )
    ET.fromstring(text)  # well-formed XML 1.0
    assert "R\\u0000\\u001b[31m\\ufffe\\ud800]]&gt;&amp;&lt;" in text


def test_a_file_name_that_is_not_utf8_is_percent_encoded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = Path(os.fsdecode(bytes(tmp_path) + b"/p\xff"))
    shutil.copytree(PACK, folder)
    monkeypatch.chdir(tmp_path)
    for fmt in ("sarif", "github"):
        r = run_cli("check", os.fsdecode(b"p\xff"), str(SMALL), "--as-of", "2011-06-30", "--format", fmt)
        assert r.returncode in (0, 1), r.stderr
        assert "p%FF/pack.yaml" in r.stdout or "p%25FF/pack.yaml" in r.stdout
    assert not sarif_errors(json.loads(run_cli("check", "p\udcff", str(SMALL), "--as-of", "2011-06-30",
                                                "--format", "sarif").stdout))  # fmt: skip
    for command in ("rules", "lint"):  # their JSON names the pack's file: \u escapes, valid JSON
        r = run_cli(command, "p\udcff", "--format", "json")
        assert r.returncode == 0, r.stderr
        assert "p\\udcff" in r.stdout and json.loads(r.stdout)


def test_check_offers_every_output_format_without_loading_them() -> None:
    """``check --format``'s choices: the shipped formats' names are written out (parsing a command
    line loads no format), and they are the formats there are; the choices shown are FORMATS'."""
    import subprocess
    import sys

    from changrenzhi.commands.check import FORMAT_NAMES, _Formats
    from changrenzhi.outputs.formats import FORMATS

    assert sorted(FORMAT_NAMES) == sorted(FORMATS) == list(_Formats())
    code = (
        "import sys; from changrenzhi import cli; "
        "cli.parse(['check', 'p', 'l', '--as-of', '2016-06-30', '--format', 'sarif']); "
        "print('changrenzhi.outputs.formats' in sys.modules, 'pydantic' in sys.modules)"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded.stdout.split() == ["False", "False"]
