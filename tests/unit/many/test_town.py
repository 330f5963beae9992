"""check_town: the per-town function every engine runs; a town's failure is its row, never a raise."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import changrenzhi.engine.core
from changrenzhi.many.town import TownJob, check_town, jsonl

LOG = Path(__file__).resolve().parents[3] / "policies" / "guoyuan" / "examples" / "guoyuan-2009-2010.jsonl"


def job(tmp_path: Path, pack: str = "guoyuan", log: str | None = None, town: str = "t") -> TownJob:
    path = log if log is not None else str(LOG)
    return TownJob(town, pack, "log.jsonl", "2010-09-20", pack, path, str(tmp_path), str(tmp_path / "out"))


def test_ok_writes_the_partition(tmp_path: Path) -> None:
    j = job(tmp_path)
    assert pickle.loads(pickle.dumps(j)) == j
    result = check_town(j)
    assert result.ok and result.row["events"] == 3645 and result.pack_file is not None
    lines = (tmp_path / "out" / "findings" / "town=t" / "findings.jsonl").read_bytes().splitlines()
    assert len(lines) == sum(result.row["counts"].values()) > 0
    assert result.row["error"] is None and list(result.row) == [
        "town", "pack", "log", "as_of", "status", "events", "counts", "error"
    ]  # fmt: skip
    assert not list((tmp_path / "out" / "findings" / "town=t").glob(".*"))  # no temporary file left


def test_failures_are_rows_and_remove_the_partition(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert check_town(job(tmp_path)).ok
    result = check_town(job(tmp_path, pack="nosuchpack"))
    assert result.row["status"] == "error" and "nosuchpack" in result.row["error"]["message"]
    assert not (tmp_path / "out" / "findings" / "town=t").exists()
    folder = check_town(job(tmp_path, log=str(tmp_path)))
    assert folder.row["error"] == {
        "message": "a folder, not an event log",
        "file": "log.jsonl",
        "line": None,
        "field": None,
    }

    def boom(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(changrenzhi.engine.core, "evaluate", boom)
    crashed = check_town(job(tmp_path))
    assert crashed.row["error"]["message"] == "internal error: RuntimeError: boom"


def test_bad_pack_is_located(tmp_path: Path) -> None:
    pack = tmp_path / "p" / "pack.yaml"
    pack.parent.mkdir()
    pack.write_text("id: x\nrules: [\n", encoding="utf-8")
    result = check_town(job(tmp_path, pack=str(pack.parent)))
    assert result.row["status"] == "error" and result.row["error"]["file"] == "p/pack.yaml"
    assert result.row["error"]["line"] is not None


def test_jsonl_lines() -> None:
    assert jsonl({"a": "城", "b": None}) == '{"a":"城","b":null}\n'.encode()
    assert jsonl({"f": "\udcff"}) == b'{"f":"\\udcff"}\n'


def test_a_pack_name_that_names_no_pack_is_placed_at_its_manifest_line(tmp_path: Path) -> None:
    manifest = tmp_path / "county.csv"
    j = job(tmp_path, pack="nosuchpack")
    j = TownJob(**{**{f: getattr(j, f) for f in TownJob.__slots__}, "manifest": str(manifest), "line": 3})
    error = check_town(j).row["error"]
    assert (error["file"], error["line"], error["field"]) == ("county.csv", 3, "pack")
    assert "nosuchpack" in error["message"]
    # without a manifest (a library call) the error stays as the loader says it
    assert check_town(job(tmp_path, pack="nosuchpack")).row["error"]["file"] is None
