"""``changrenzhi test``: a pack's test cases as data (tests/*.yaml), their checks and their verdicts."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from changrenzhi import PackError, load_pack
from changrenzhi.testcases import load_test_file, pack_test_files, run_pack_tests
from support import SEED, run_cli

RULE = {
    "id": "t.study",
    "kind": "study_frequency",
    "citation": {"source": SEED, "line": 81, "text": "每季度不得少于一次"},
    "params": {"min": 1, "period": "quarter"},
}
TOWN = [
    {"id": "c", "type": "congress.opened", "date": "2011-01-01", "term_years": 5},
    {"id": "e1", "type": "rep.elected", "date": "2011-01-01", "rep": "R1"},
    {
        "id": "g",
        "type": "group.formed",
        "date": "2011-01-01",
        "group": "G1",
        "members": ["R1"],
        "leader": "R1",
    },
]
STUDY = {"id": "s1", "type": "study.session", "date": "2011-02-01", "group": "G1", "attendees": ["R1"]}
Q1 = {"start": "2011-01-01", "end": "2011-03-31"}


def make(tmp_path: Path, files: dict[str, Any]) -> Path:
    folder = tmp_path / "p"
    (folder / "tests").mkdir(parents=True)
    doc = {
        "format": "changrenzhi.pack/1", "id": "p", "name": "p", "locality": "x",
        "document": {"title": "t", "sources": [{"file": SEED, "first_line": 1, "last_line": 225}]},
        "rules": [RULE],
    }  # fmt: skip
    (folder / "pack.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    for name, body in files.items():
        text = body if isinstance(body, str) else yaml.safe_dump(body, allow_unicode=True)
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def case(**kw: Any) -> dict[str, Any]:
    return {"name": "c1", "as_of": "2011-03-31", "rules": ["t.study"], "log": TOWN, **kw}


def suite(*cases: dict[str, Any]) -> dict[str, Any]:
    return {"format": "changrenzhi.test/1", "cases": list(cases)}


def verdicts(folder: Path) -> list[tuple[str, bool, tuple[str, ...], tuple[str, ...]]]:
    results = run_pack_tests([load_pack(folder)])
    return [(r.case.name, r.passed, r.missing, r.unexpected) for r in results.results]


def test_a_case_passes_when_the_findings_are_exactly_those_expected(tmp_path: Path) -> None:
    expect = [{"rule": "t.study", "subject": "G1", "status": "violation", "period": Q1}]
    folder = make(tmp_path, {"tests/a.yaml": suite(case(expect=expect), case(name="c2", log=[*TOWN, STUDY]))})
    assert verdicts(folder) == [("c1", True, (), ()), ("c2", True, (), ())]


def test_a_missing_or_unexpected_finding_fails_the_case(tmp_path: Path) -> None:
    wrong = [{"rule": "t.study", "subject": "G1", "status": "warning"}]
    folder = make(tmp_path, {"tests/a.yaml": suite(case(expect=wrong), case(name="c2", expect=[]))})
    got = verdicts(folder)
    assert got[0][:3] == ("c1", False, ("t.study G1 warning",))
    assert got[0][3] == ("t.study G1 2011-01-01..2011-03-31 violation",)
    assert got[1][1] is False and got[1][3]


def test_the_period_when_given_must_match(tmp_path: Path) -> None:
    q2 = {"start": "2011-04-01", "end": "2011-06-30"}
    expect = [{"rule": "t.study", "subject": "G1", "status": "violation", "period": q2}]
    assert verdicts(make(tmp_path, {"tests/a.yaml": suite(case(expect=expect))}))[0][1] is False


def test_absent_findings(tmp_path: Path) -> None:
    absent = [{"rule": "t.study", "subject": "G1"}]
    folder = make(tmp_path, {"tests/a.yaml": suite(case(rules=None, absent=absent, log=[*TOWN, STUDY]),
                                                   case(name="c2", rules=None, absent=absent))})  # fmt: skip
    assert [v[1] for v in verdicts(folder)] == [True, False]


def test_a_log_file_inside_the_pack(tmp_path: Path) -> None:
    log = "".join(json.dumps(e) + "\n" for e in [*TOWN, STUDY])
    c = {"name": "c1", "as_of": "2011-03-31", "rules": ["t.study"], "log_file": "logs/ok.jsonl", "expect": []}
    folder = make(tmp_path, {"tests/logs/ok.jsonl": log, "tests/a.yaml": suite(c)})
    assert verdicts(folder) == [("c1", True, (), ())]


@pytest.mark.parametrize(
    ("body", "field", "fragment"),
    [
        (suite({**case(), "log_file": "../../outside.jsonl"}), "cases[0]", "not both"),
        (
            suite({**{k: v for k, v in case().items() if k != "log"}, "log_file": "../../outside.jsonl"}),
            "cases[0].log_file",
            "outside the pack's folder",
        ),
        (
            suite({**{k: v for k, v in case().items() if k != "log"}, "log_file": "/etc/passwd"}),
            "cases[0].log_file",
            "relative",
        ),
        (
            suite({**{k: v for k, v in case().items() if k != "log"}, "log_file": "nope.jsonl"}),
            "cases[0].log_file",
            "no such file",
        ),
        (suite(case(rules=["t.nope"])), "cases[0].rules[0]", "unknown rule id 't.nope'"),
        (
            suite(case(expect=[{"rule": "t.nope", "subject": "G1", "status": "violation"}])),
            "cases[0].expect[0].rule",
            "unknown rule id",
        ),
        (suite(case(), case()), "cases[1].name", "duplicate case name"),
        (suite(case(rules=None)), "cases[0]", "names its rules"),
        (suite(case(as_of="2011-02-30")), "cases[0].as_of", ""),
        (
            suite(case(expect=[{"rule": "t.study", "subject": "G1", "status": "bad"}])),
            "cases[0].expect[0].status",
            "",
        ),
        (suite(case(extra=1)), "cases[0].extra", "unknown field"),
        ({"format": "changrenzhi.test/9", "cases": [case()]}, "format", ""),
    ],
)
def test_a_bad_test_file_names_file_line_and_field(
    tmp_path: Path, body: Any, field: str, fragment: str
) -> None:
    (tmp_path / "outside.jsonl").write_text("", encoding="utf-8")
    folder = make(tmp_path, {"tests/a.yaml": body})
    pack = load_pack(folder)
    with pytest.raises(PackError) as exc:
        load_test_file(pack_test_files(pack)[0], pack)
    problems = exc.value.problems
    assert any(p.field == field and fragment in p.message and p.line for p in problems), problems
    r = run_cli("test", str(folder))
    assert r.returncode == 2 and "Traceback" not in r.stderr and "a.yaml:" in r.stderr


def test_a_bad_log_is_a_case_in_error(tmp_path: Path) -> None:
    folder = make(
        tmp_path, {"tests/a.yaml": suite(case(log=[{"id": "x", "type": "nope", "date": "2011-01-01"}]))}
    )
    [r] = run_pack_tests([load_pack(folder)]).results
    assert not r.passed and r.error and "nope" in r.error


def test_a_pack_without_tests_is_bad_input(tmp_path: Path) -> None:
    folder = make(tmp_path, {})
    r = run_cli("test", str(folder))
    assert r.returncode == 2 and "no test files" in r.stderr


def test_the_command_formats_and_exit_codes(tmp_path: Path) -> None:
    expect = [{"rule": "t.study", "subject": "G1", "status": "violation"}]
    good = make(tmp_path / "good", {"tests/a.yaml": suite(case(expect=expect))})
    bad = make(tmp_path / "bad", {"tests/a.yaml": suite(case(expect=[]))})
    r = run_cli("test", str(good))
    assert r.returncode == 0 and "PASS  a.yaml::c1" in r.stdout and "1 passed, 0 failed" in r.stdout
    r = run_cli("test", str(good), str(bad), "--format", "json")
    doc = json.loads(r.stdout)
    assert r.returncode == 1 and doc["format"] == "changrenzhi.test-results/1"
    assert doc["summary"] == {"cases": 2, "passed": 1, "failed": 1} and doc["untested"] == {"p": []}
    r = run_cli("test", str(bad), "--format", "junit")
    root = ET.fromstring(r.stdout)
    assert r.returncode == 1 and root.find(".//failure") is not None


def test_the_text_counts_cases_grammatically(tmp_path: Path) -> None:
    one = run_cli("test", str(make(tmp_path / "a", {"tests/a.yaml": suite(case(expect=[]))})))
    two = run_cli("test", str(make(tmp_path / "b", {"tests/a.yaml": suite(case(), case(name="c2"))})))
    assert one.stdout.splitlines()[0].endswith(": 1 case") and "(s)" not in one.stdout
    assert two.stdout.splitlines()[0].endswith(": 2 cases")
