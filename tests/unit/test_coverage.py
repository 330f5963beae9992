"""``changrenzhi coverage``: each clause of a pack's source, encoded / record / not checkable / missing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from changrenzhi import UsageError, loads_pack, shipped_packs
from changrenzhi.cli import main
from changrenzhi.coverage import COVERAGE_FORMAT, STATUSES, coverage, coverage_report
from support import DATA, SEED, run_cli, shipped_pack

SEEDS = DATA / "seeds"  # the source texts, vendored (test_seeds.py)


def cite(line: int, text: str) -> dict[str, Any]:
    return {"source": SEED, "line": line, "text": text}


STUDY = cite(81, "每季度不得少于一次")


def pack_with(
    clauses: list[dict[str, Any]],
    rules: list[dict[str, Any]] | None = None,
    not_encoded: list[dict[str, Any]] | None = None,
) -> Any:
    doc: dict[str, Any] = {
        "format": "changrenzhi.pack/1",
        "id": "probe",
        "name": "探针",
        "locality": "测试乡",
        "document": {"title": "测试", "sources": [{"file": SEED, "first_line": 81, "last_line": 81}]},
        "rules": rules
        or [{"id": "r.study", "kind": "study_frequency", "citation": STUDY, "params": {"min": 1}}],
        "not_encoded": not_encoded or [],
        "clauses": clauses,
    }
    return loads_pack(yaml.safe_dump(doc, allow_unicode=True), file="probe.yaml")


def clause(
    cid: str, status: str = "check", line: int = 81, text: str = "每季度不得少于一次"
) -> dict[str, Any]:
    return {"id": cid, "title": cid, "status": status, "citation": cite(line, text)}


def entry(status: str, covers: str | None, kind: str | None = None) -> dict[str, Any]:
    e: dict[str, Any] = {
        "clause": f"{status} entry",
        "citation": STUDY,
        "status": status,
        "reason": f"why {status}",
    }
    if covers is not None:
        e["covers"] = covers
    if kind is not None:
        e["kind"] = kind
    return e


def rule(rid: str, covers: list[str]) -> dict[str, Any]:
    return {"id": rid, "kind": "study_frequency", "citation": STUDY, "params": {"min": 1}, "covers": covers}


# ---- the status of a clause ------------------------------------------------------
def test_each_status() -> None:
    pack = pack_with(
        [clause("a"), clause("b"), clause("c"), clause("d", "record"), clause("e"), clause("f")],
        rules=[rule("r1", ["a"]), rule("r2", ["a", "f"])],
        not_encoded=[
            entry("kind_pending", "b", "group_activity"),
            entry("not_checkable", "c"),
            entry("record", "d"),
            entry("kind_pending", "f", "group_activity"),
        ],
    )
    rows = {r.clause.id: r for r in coverage(pack)}
    assert [r.clause.id for r in coverage(pack)] == ["a", "b", "c", "d", "e", "f"]  # inventory order
    assert rows["a"].status == "encoded" and rows["a"].rules == ("r1", "r2")
    assert rows["b"].status == "missing" and [e.kind for e in rows["b"].pending] == ["group_activity"]
    assert rows["c"].status == "not_checkable" and rows["c"].reasons() == ("why not_checkable",)
    assert rows["c"].demoted  # the inventory says check, the pack says not checkable
    assert rows["d"].status == "record" and not rows["d"].demoted
    assert rows["e"].status == "missing" and rows["e"].entries == ()  # nothing covers it
    # a rule covers part of f, a kind still pending covers the rest: encoded, the pending part listed
    assert rows["f"].status == "encoded" and rows["f"].rules == ("r2",) and len(rows["f"].pending) == 1
    report = coverage_report(pack)
    assert report.summary == {"encoded": 2, "record": 1, "not_checkable": 1, "missing": 2}
    assert report.exit_code == 1


def test_pending_beside_not_checkable_is_still_missing() -> None:
    pack = pack_with(
        [clause("a")],
        rules=[rule("r1", [])],
        not_encoded=[entry("not_checkable", "a"), entry("kind_pending", "a", "committee_reception")],
    )
    (row,) = coverage(pack)
    assert row.status == "missing"


def test_record_beside_not_checkable_is_not_checkable() -> None:
    pack = pack_with(
        [clause("a", "record")],
        rules=[rule("r1", [])],
        not_encoded=[entry("record", "a"), entry("not_checkable", "a")],
    )
    assert [r.status for r in coverage(pack)] == ["not_checkable"]


def test_nothing_missing_exits_0_and_unmapped_are_listed() -> None:
    pack = pack_with(
        [clause("a"), clause("b", "record")],
        rules=[rule("r1", ["a"]), rule("r2", [])],
        not_encoded=[entry("record", "b"), entry("not_checkable", None)],
    )
    report = coverage_report(pack)
    assert report.exit_code == 0 and not report.has_missing
    assert report.unmapped_rules == ("r2",)
    assert report.unmapped_entries == ("not_checkable entry",)


def test_a_pack_without_inventory_is_a_usage_error() -> None:
    pack = pack_with([])
    assert coverage(pack) == []
    with pytest.raises(UsageError, match="clauses:"):
        coverage_report(pack, "en")


def test_unknown_clause_ids_are_load_errors() -> None:
    from changrenzhi import PackError

    with pytest.raises(PackError) as info:
        pack_with([clause("a")], rules=[rule("r1", ["a", "zz"])], not_encoded=[entry("record", "yy")])
    fields = [p.field for p in info.value.problems]
    assert fields == ["rules[0].covers[1]", "not_encoded[0].covers"]
    assert all(p.line is not None for p in info.value.problems)
    assert "unknown clause id 'zz' (known: a)" in str(info.value)


# ---- the command -------------------------------------------------------------------
def _pack_file(tmp_path: Path, missing: bool) -> Path:
    doc = {
        "format": "changrenzhi.pack/1",
        "id": "probe",
        "name": "探针",
        "locality": "测试乡",
        "document": {"title": "测试", "sources": [{"file": SEED, "first_line": 81, "last_line": 81}]},
        "clauses": [clause("a"), clause("b")],
        "rules": [rule("r1", ["a"])],
        "not_encoded": [entry("kind_pending" if missing else "not_checkable", "b", "group_activity")],
    }
    (tmp_path / "pack.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return tmp_path


def test_cli_text_zh_and_en(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _pack_file(tmp_path, missing=True)
    assert main(["coverage", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "条款" in out and "状态" in out and "缺失" in out and "已编码" in out
    assert "待实现 kind group_activity" in out
    assert out.rstrip().endswith("exit 1")
    assert main(["coverage", str(folder), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "clause" in out and "missing" in out and "kind pending: group_activity" in out


def test_cli_json_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _pack_file(tmp_path, missing=False)
    assert main(["coverage", str(folder), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["format"] == COVERAGE_FORMAT and doc["pack"] == "probe"
    assert set(doc["summary"]) == set(STATUSES)
    assert doc["summary"] == {"encoded": 1, "record": 0, "not_checkable": 1, "missing": 0}
    a, b = doc["clauses"]
    assert a == {
        "clause": "a",
        "title": "a",
        "citation": {"source": SEED, "line": 81, "text": "每季度不得少于一次"},
        "inventory": "check",
        "status": "encoded",
        "rules": ["r1"],
        "not_encoded": [],
        "pending_kinds": [],
    }
    assert b["status"] == "not_checkable" and b["not_encoded"][0]["reason"] == "why not_checkable"
    assert doc["unmapped"] == {"rules": [], "not_encoded": []}


def test_cli_bad_input_exits_2(tmp_path: Path) -> None:
    r = run_cli("coverage", str(DATA / "packs" / "invalid" / "clause_unknown_in_covers"))
    assert r.returncode == 2 and "rules[0].covers[1]" in r.stderr and "Traceback" not in r.stderr
    r = run_cli("coverage", str(DATA / "packs" / "minimal"))
    assert r.returncode == 2 and "clauses:" in r.stderr and "Traceback" not in r.stderr


# ---- the shipped packs -------------------------------------------------------------
SHIPPED = sorted(shipped_packs())


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_pack_has_an_inventory_that_quotes_its_lines(name: str) -> None:
    pack = shipped_pack(name)
    assert pack.model.clauses, f"{name}: no clauses: inventory"
    for cl in pack.model.clauses:
        c = cl.citation
        lines = (SEEDS / c.source).read_text(encoding="utf-8").splitlines()
        assert c.text in lines[c.line - 1], (name, cl.id, c.line, c.text)
    report = coverage_report(pack)
    # every rule and every not_encoded entry says which clause it accounts for
    assert report.unmapped_rules == () and report.unmapped_entries == (), name
    for row in report.rows:
        # a clause is missing only because a kind is pending (with its planned name), never by oversight
        if row.status == "missing":
            assert row.pending and all(e.kind for e in row.pending), (name, row.clause.id)
