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

import jsonschema
import pytest

from changrenzhi import evaluate, load_pack, read_events, shipped_packs
from changrenzhi.cli import main
from changrenzhi.findings import Report
from changrenzhi.lint import LintResult, lint_paths
from changrenzhi.outputs.formats import FORMATS, OutputFormat, render_report, rule_place
from changrenzhi.outputs.reports import REPORTERS, report_json, report_text
from changrenzhi.pack.model import Pack
from support import DATA, run_cli, shipped_pack

PACK = DATA / "packs" / "minimal"
SMALL = DATA / "logs" / "small_group.jsonl"
# The SARIF 2.1.0 JSON schema, byte for byte as Microsoft's SARIF SDK ships it (sarif-2.1.0.json in the npm
# package @microsoft/sarif-multitool-linux 5.7.0), and the release candidate rtm.5 (@microsoft/jest-sarif):
# our output must satisfy both, so older consumers that pinned rtm.5 read it too.
SARIF_SCHEMAS = [
    json.loads((DATA / name).read_text(encoding="utf-8"))
    for name in ("sarif-schema-2.1.0.json", "sarif-schema-2.1.0-rtm.5.json")
]
SARIF = [jsonschema.validators.validator_for(s)(s) for s in SARIF_SCHEMAS]


def sarif_errors(doc: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for v in SARIF for e in v.iter_errors(doc)]


def test_the_sarif_schemas_are_the_2_1_0_ones() -> None:
    final, rc = SARIF_SCHEMAS
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
    assert list(FORMATS) == ["text", "json", "sarif", "junit", "github"]
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
        assert result["partialFingerprints"]["changrenzhiFinding/v1"] == report.id_of(finding)
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
