"""The county dashboard (``changrenzhi dashboard``): the dataset read strictly, the page escaped."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from changrenzhi.outputs.dashboard import (
    DatasetError,
    read_dataset,
    render_dashboard,
    report_href,
    safe_name,
    write_reports,
)
from support import EXAMPLE_TOWNS, run_cli, write_dataset

HOSTILE = "\"'><img src=x onerror=alert(1)><script>alert(2)</script>"


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    towns = dict(EXAMPLE_TOWNS)
    towns["坏镇"] = ("guoyuan", "missing.jsonl", "2010-09-20")
    return write_dataset(tmp_path_factory.mktemp("ds"), towns)


def test_towns_add_up_to_what_check_found(dataset: Path) -> None:
    data = read_dataset(dataset)
    assert [t.town for t in data.towns] == sorted([*EXAMPLE_TOWNS, "坏镇"])
    for t in data.towns:
        if t.status != "ok":
            assert t.town == "坏镇" and t.error is not None
            continue
        for status, n in t.counts.items():
            assert sum(f.get(status, 0) for f in t.families.values()) == n, (t.town, status)
    guoyuan = next(t for t in data.towns if t.town == "果园乡")
    assert guoyuan.families["study"]["violation"] == 4
    assert guoyuan.quarters[(2009, 4)]["violation"] >= 1  # G4 missed study in 2009 Q4


def test_the_page_links_each_town_to_its_report(dataset: Path) -> None:
    out = render_dashboard(read_dataset(dataset), "zh")
    assert out.startswith("<!DOCTYPE html>") and "<svg" in out
    assert not re.search(r"(src|href)\s*=\s*\"(https?:|//)", out)
    for town in EXAMPLE_TOWNS:
        assert f'href="{report_href(town)}"' in out
    assert "坏镇" in out and "no such event log" in out
    assert "代表小组" in render_dashboard(read_dataset(dataset), "zh")
    assert "groups" in render_dashboard(read_dataset(dataset), "en")


def test_hostile_town_names_are_text_and_links_stay_beside(tmp_path: Path) -> None:
    folder = write_dataset(
        tmp_path / "ds", {HOSTILE: EXAMPLE_TOWNS["果园乡"], "../../etc": EXAMPLE_TOWNS["某区"]}
    )
    out = render_dashboard(read_dataset(folder), "en")
    assert "<img" not in out and "<script>alert" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out
    assert 'href="reports/..%2F..%2Fetc.html"' in out
    assert not safe_name(HOSTILE) and not safe_name("../../etc") and safe_name("果园乡")
    notes = write_reports(read_dataset(folder), tmp_path / "out" / "reports", "zh")
    assert len(notes) == 2 and not list((tmp_path / "out" / "reports").iterdir())


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("not json", None),
        ('{"town": 3, "status": "ok", "counts": {}, "as_of": "2010-01-01"}', "town"),
        ('{"town": "a", "status": "maybe", "counts": {}, "as_of": "2010-01-01"}', "status"),
        (
            '{"town": "a", "status": "ok", "counts": {"violation": -1}, "as_of": "2010-01-01"}',
            "counts.violation",
        ),
        ('{"town": "a", "status": "ok", "counts": {}, "as_of": "2010-02-30"}', "as_of"),
    ],
)
def test_a_bad_line_is_named_by_file_line_and_field(tmp_path: Path, line: str, field: str | None) -> None:
    ok = json.dumps({"town": "0", "status": "error", "counts": {}, "as_of": "2010-01-01", "error": None})
    (tmp_path / "towns.jsonl").write_text(ok + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(DatasetError) as got:
        read_dataset(tmp_path)
    assert got.value.line == 2 and got.value.field == field
    r = run_cli("dashboard", str(tmp_path))
    assert r.returncode == 2 and "towns.jsonl:2" in r.stderr and "Traceback" not in r.stderr


def test_a_bad_finding_is_named_too(dataset: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "ds"
    shutil.copytree(dataset, copy)
    path = copy / "findings" / "town=果园乡" / "findings.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace('"status": "', '"status": "x')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DatasetError) as got:
        read_dataset(copy)
    assert got.value.file == str(path) and got.value.line == 3 and got.value.field == "status"


def test_cli_writes_the_page_and_the_reports(dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "site" / "dashboard.html"
    out.parent.mkdir()  # -o FILE writes into a folder that is there (as for every command)
    r = run_cli("dashboard", str(dataset), "-o", str(out), "--reports")
    assert r.returncode == 0, r.stderr
    assert out.is_file()
    written = sorted(p.name for p in (out.parent / "reports").iterdir())
    assert written == sorted(f"{t}.html" for t in EXAMPLE_TOWNS)
    assert "代表小组 G4 在2009年第4季度组织集中学习 0 次" in (
        out.parent / "reports" / "果园乡.html"
    ).read_text(encoding="utf-8")
    r = run_cli("dashboard", str(dataset), "--reports")
    assert r.returncode == 2 and "-o FILE" in r.stderr
    r = run_cli("dashboard", str(tmp_path / "nowhere"))
    assert r.returncode == 2 and "not a folder" in r.stderr


@pytest.mark.parametrize("out", ["county/findings", "out/ds"])
def test_reports_find_logs_relative_to_the_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, out: str
) -> None:
    # check-many reads a manifest's relative paths from the manifest's folder; --reports finds them
    # there too (the manifest.json names it), or beside the folder holding the dataset
    county = tmp_path / "county"
    (county / "logs").mkdir(parents=True)
    example = Path(__file__).parents[2] / "policies" / "guoyuan" / "examples" / "guoyuan-2009-2010.jsonl"
    (county / "logs" / "g.jsonl").write_bytes(example.read_bytes())
    (county / "manifest.csv").write_text("town,pack,log,as_of\n果园乡,guoyuan,logs/g.jsonl,2010-09-20\n")
    monkeypatch.chdir(tmp_path)
    assert run_cli("check-many", "county/manifest.csv", "--out", out, "--quiet").returncode == 1
    r = run_cli("dashboard", out, "-o", "page.html", "--reports")
    assert r.returncode == 0 and "no report written" not in r.stderr, r.stderr
    assert (tmp_path / "reports" / "果园乡.html").is_file()
    if out == "county/findings":  # from another folder: beside the dataset's folder
        (tmp_path / "reports" / "果园乡.html").unlink()
        monkeypatch.chdir(tmp_path / "county" / "logs")
        r = run_cli("dashboard", str(tmp_path / out), "-o", str(tmp_path / "page.html"), "--reports")
        assert r.returncode == 0 and "no report written" not in r.stderr, r.stderr
        assert (tmp_path / "reports" / "果园乡.html").is_file()
