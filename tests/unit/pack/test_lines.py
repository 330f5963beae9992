"""Every line of a pack's source range accounted for: ``lines:`` notes, derived accounts, load errors."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from changrenzhi import PackError, loads_pack, shipped_packs
from changrenzhi.coverage import coverage_report, render_coverage
from changrenzhi.pack.lines import conflicts, line_accounts
from support import DATA, SEED

SEED_LINES = (DATA / "seeds" / SEED).read_text(encoding="utf-8").splitlines()


def cite(line: int, text: str) -> dict[str, Any]:
    return {"source": SEED, "line": line, "text": text}


def note(line: int, status: str, **more: Any) -> dict[str, Any]:
    return {"source": SEED, "line": line, "text": SEED_LINES[line - 1].strip()[:6], "status": status, **more}


def pack(
    lines: list[dict[str, Any]], not_encoded: list[dict[str, Any]] | None = None, first: int = 78
) -> Any:
    doc: dict[str, Any] = {
        "format": "changrenzhi.pack/1",
        "id": "probe",
        "name": "探针",
        "locality": "测试乡",
        "document": {"title": "测试", "sources": [{"file": SEED, "first_line": 78, "last_line": 82}]},
        "rules": [
            {
                "id": "r.study",
                "kind": "study_frequency",
                "citation": cite(81, "每季度不得少于一次"),
                "params": {"min": 1},
            }
        ],
        "not_encoded": not_encoded or [],
        "lines": lines,
    }
    return loads_pack(yaml.safe_dump(doc, allow_unicode=True), file="probe.yaml")


def statuses(p: Any) -> dict[int, str]:
    return {a.line: a.status for a in line_accounts(p.model)}


def test_each_status_of_a_line() -> None:
    p = pack(
        [
            note(78, "no_duty", reason="背景"),
            note(79, "encoded", rules=["r.study"]),
            note(80, "not_checkable", reason="没有频次"),
        ],
        not_encoded=[
            {"clause": "x", "citation": cite(82, "三、初步成效"), "status": "record", "reason": "事实"}
        ],
    )
    assert statuses(p) == {78: "no_duty", 79: "encoded", 80: "not_checkable", 81: "encoded", 82: "record"}
    by_line = {a.line: a for a in line_accounts(p.model)}
    assert by_line[81].rules == ("r.study",) and by_line[81].by == ("rule",)
    assert by_line[79].by == ("note",) and by_line[80].reasons == ("没有频次",)
    assert by_line[82].reasons == ("事实",)


def test_a_line_nobody_accounts_for_is_missing_and_coverage_fails() -> None:
    p = pack([note(78, "no_duty", reason="背景")])
    assert statuses(p)[79] == "missing"
    report = coverage_report_of(p)
    assert report.exit_code == 1 and report.line_summary["missing"] == 3
    text = render_coverage(report, "text", "en")
    assert "L79   missing" in text and "no rule, entry or line note accounts for it" in text


def coverage_report_of(p: Any) -> Any:
    # coverage needs a clause inventory: one clause, covered by the rule
    doc = p.model.model_dump(mode="json", exclude_none=True)
    doc["clauses"] = [
        {"id": "c", "title": "c", "status": "check", "citation": cite(81, "每季度不得少于一次")}
    ]
    doc["rules"][0]["covers"] = ["c"]
    return coverage_report(loads_pack(yaml.safe_dump(doc, allow_unicode=True), file="probe.yaml"))


def test_a_kind_pending_entry_leaves_its_line_missing() -> None:
    entry = {
        "clause": "x",
        "citation": cite(82, "三、初步成效"),
        "status": "kind_pending",
        "reason": "待实现",
        "kind": "k",
    }
    p = pack([note(n, "no_duty", reason="x") for n in (78, 79, 80)], not_encoded=[entry])
    assert statuses(p)[82] == "missing"


@pytest.mark.parametrize(
    ("lines", "field", "message"),
    [
        (
            [note(78, "no_duty", reason="a"), note(78, "no_duty", reason="b")],
            "lines[1].line",
            "accounted for twice",
        ),
        ([note(78, "encoded")], "lines[0].rules", "names the rules"),
        ([note(78, "encoded", rules=["nope"])], "lines[0].rules[0]", "unknown rule id 'nope'"),
        ([note(78, "no_duty")], "lines[0].reason", "says why"),
        ([note(78, "record", rules=["r.study"], reason="x")], "lines[0].rules", "only an encoded line"),
        ([{**note(78, "no_duty", reason="x"), "line": 200}], "lines[0].line", "outside the document's lines"),
        ([{**note(78, "no_duty", reason="x"), "source": "other.txt"}], "lines[0].source", "not one of"),
        ([{**note(78, "no_duty", reason="x"), "status": "maybe"}], "lines[0].status", ""),
        ([{**note(78, "no_duty", reason="x"), "text": " 前后有空格 "}], "lines[0].text", "white space"),
    ],
)
def test_a_bad_note_is_refused_with_its_place(lines: list[dict[str, Any]], field: str, message: str) -> None:
    with pytest.raises(PackError) as exc:
        pack(lines)
    problems = exc.value.problems
    assert any(pr.field == field and message in pr.message and pr.line is not None for pr in problems), (
        problems
    )


def test_a_note_against_a_citation_is_a_conflict() -> None:
    p = pack([note(81, "no_duty", reason="并无义务")])
    assert conflicts(p.model) == [(0, "encoded")]
    assert statuses(p)[81] == "encoded"  # the rule still encodes it


@pytest.mark.parametrize("name", sorted(shipped_packs()))
def test_every_shipped_pack_accounts_for_every_line_and_quotes_it(name: str) -> None:
    from support import shipped_pack

    p = shipped_pack(name)
    accounts = line_accounts(p.model)
    assert [a.line for a in accounts if a.status == "missing"] == []
    assert conflicts(p.model) == []
    span = sum(s.last_line - s.first_line + 1 for s in p.model.document.sources)
    assert len(accounts) == span
    texts = {
        s: (DATA / "seeds" / s).read_text(encoding="utf-8").splitlines()
        for s in {n.source for n in p.model.lines}
    }
    for n in p.model.lines:
        assert n.text in texts[n.source][n.line - 1], (name, n.line, n.text)


def test_a_child_that_removes_a_rule_leaves_its_lines_to_account_for(tmp_path: Any) -> None:
    from changrenzhi import load_pack

    (tmp_path / "pack.yaml").write_text(
        "format: changrenzhi.pack/1\nid: zjg-child\nname: child\nextends: zhangjiagang\n"
        "remove: [zjg.appraisal.yearly]\n",
        encoding="utf-8",
    )
    child = load_pack(tmp_path)
    by_line = {a.line: a for a in line_accounts(child.model)}
    assert by_line[218].status == "missing"  # noted "encoded by zjg.appraisal.yearly" in the parent
    assert by_line[213].status == "encoded" and by_line[213].rules == ("zjg.appraisal.ratings",)
    assert by_line[102].status == "no_duty"  # the other notes are inherited as they are
