"""check-many end to end on a generated county: the three engines write the same bytes, a broken
town is an error row and the others are complete, re-runs are idempotent, extras are optional.

The county here is 20 towns of about 1,800 events each (the smallest town the generator makes;
36k events in all, so that the suite stays quick). The 1M-event county of the benchmark is
``benchmarks/many.py``'s (docs/MANY.md, "Figures")."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from changrenzhi.many.run import run_many
from changrenzhi.many.synthetic import generate_county
from support import run_cli

TOWNS = 20


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("county")
    made = generate_county(folder, towns=TOWNS, events=TOWNS * 500, seed=7)
    assert len(made) == TOWNS and len({t.pack for t in made}) == 6
    return folder / "manifest.csv"


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def serial(county: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("serial") / "out"
    done = run_cli("check-many", str(county), "--out", str(out))
    assert done.returncode == 1, done.stderr  # the synthetic towns have violations
    assert f"[{TOWNS}/{TOWNS}]" in done.stderr and "20 checked, 0 with errors" in done.stderr
    return files(out)


def test_dataset_layout(serial: dict[str, bytes], county: Path) -> None:
    rows = [json.loads(line) for line in serial["towns.jsonl"].decode().splitlines()]
    assert [r["town"] for r in rows] == sorted(r["town"] for r in rows) and len(rows) == TOWNS
    first = rows[0]
    assert list(first) == ["town", "pack", "log", "as_of", "status", "events", "counts", "error"]
    assert first["status"] == "ok" and first["error"] is None and first["events"] > 1000
    assert list(first["counts"]) == ["violation", "warning", "pending", "info"]
    # each town's partition: the objects of check --format json, after town and as_of
    town = first["town"]
    lines = serial[f"findings/town={town}/findings.jsonl"].decode().splitlines()
    assert len(lines) == sum(first["counts"].values())
    log = county.parent / first["log"]
    checked = run_cli("check", first["pack"], str(log), "--as-of", first["as_of"], "--format", "json")
    expected = json.loads(checked.stdout)["findings"]
    assert [json.loads(line) for line in lines] == [
        {"town": town, "as_of": first["as_of"], **f} for f in expected
    ]
    assert list(json.loads(lines[0]))[:3] == ["town", "as_of", "id"]
    meta = json.loads(serial["manifest.json"])
    assert meta["format"] == "changrenzhi-many/1" and len(meta["towns"]) == TOWNS
    assert meta["towns"][0]["pack_file"].endswith("pack.yaml")


def test_process_pool_is_byte_identical(county: Path, serial: dict[str, bytes], tmp_path: Path) -> None:
    done = run_cli("check-many", str(county), "--out", str(tmp_path / "out"), "--jobs", "2", "--quiet")
    assert done.returncode == 1 and "[1/" not in done.stderr
    assert files(tmp_path / "out") == serial


def test_dask_local_cluster_is_byte_identical(county: Path, serial: dict[str, bytes], tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    # a local cluster of two single-threaded worker processes, on loopback, closed at the end
    done = run_cli(
        "check-many", str(county), "--out", str(tmp_path / "out"), "--scheduler", "local", "--jobs", "2"
    )
    assert done.returncode == 1, done.stderr
    assert files(tmp_path / "out") == serial


def test_broken_town(county: Path, serial: dict[str, bytes], tmp_path: Path) -> None:
    county2 = tmp_path / "county"
    shutil.copytree(county.parent, county2)
    rows = [json.loads(line) for line in serial["towns.jsonl"].decode().splitlines()]
    broken, missing = rows[3], rows[7]
    log = county2 / broken["log"]
    lines = log.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[41] = '{"id": "x", "type": "contact.visit", "date": "2014-02-30", "rep": "R0001", "person": "p"}\n'
    log.write_text("".join(lines), encoding="utf-8")
    (county2 / missing["log"]).unlink()
    out = tmp_path / "out"
    done = run_cli("check-many", str(county2 / "manifest.csv"), "--out", str(out), "--jobs", "2")
    assert done.returncode == 2
    assert (
        f"town {broken['town']!r} not checked" in done.stderr and "18 checked, 2 with errors" in done.stderr
    )
    # the closing lines place each error (file, line, field) as the progress lines do
    assert f"town {broken['town']!r} not checked: {broken['log']}:42 date: " in done.stderr
    got = files(out)
    new_rows = {r["town"]: r for r in map(json.loads, got["towns.jsonl"].decode().splitlines())}
    err = new_rows[broken["town"]]
    assert err["status"] == "error" and err["events"] is None
    assert err["error"] == {
        "message": err["error"]["message"],
        "file": broken["log"],
        "line": 42,
        "field": "date",
    }
    assert new_rows[missing["town"]]["error"] == {
        "message": "no such event log", "file": missing["log"], "line": None, "field": None
    }  # fmt: skip
    for town in (broken["town"], missing["town"]):
        assert not (out / "findings" / f"town={town}").exists()
    # every other town: its findings complete, the same bytes as in the clean run
    others = {k: v for k, v in serial.items() if k.startswith("findings/")}
    for key in (
        f"findings/town={broken['town']}/findings.jsonl",
        f"findings/town={missing['town']}/findings.jsonl",
    ):
        others.pop(key)
    assert {k: v for k, v in got.items() if k.startswith("findings/")} == others
    # mended and run again into the same folder: the clean dataset, byte for byte
    shutil.copy(county.parent / broken["log"], log)
    shutil.copy(county.parent / missing["log"], county2 / missing["log"])
    assert run_cli("check-many", str(county2 / "manifest.csv"), "--out", str(out), "--quiet").returncode == 1
    again = files(out)
    assert again.pop("manifest.json") != serial["manifest.json"]  # it names the other manifest
    assert again == {k: v for k, v in serial.items() if k != "manifest.json"}


def test_rerun_is_idempotent_and_prunes(county: Path, serial: dict[str, bytes], tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(county.parent, tmp_path / "c")
    manifest = tmp_path / "c" / "manifest.csv"
    assert run_cli("check-many", str(county), "--out", str(out), "--quiet").returncode == 1
    assert files(out) == serial
    assert run_cli("check-many", str(county), "--out", str(out), "--quiet").returncode == 1
    assert files(out) == serial
    kept = manifest.read_text(encoding="utf-8").splitlines(keepends=True)[:3]  # header and two towns
    manifest.write_text("".join(kept), encoding="utf-8")
    assert run_cli("check-many", str(manifest), "--out", str(out), "--quiet").returncode == 1
    assert sorted(p.name for p in (out / "findings").iterdir()) == sorted(
        "town=" + line.split(",")[0] for line in kept[1:]
    )


def test_out_folder_and_manifest_refused(county: Path, tmp_path: Path) -> None:
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine", encoding="utf-8")
    done = run_cli("check-many", str(county), "--out", str(tmp_path / "other"))
    assert done.returncode == 2 and "'notes.txt', which is no part of a check-many dataset" in done.stderr
    assert (tmp_path / "other" / "notes.txt").read_text(encoding="utf-8") == "mine"
    bad = tmp_path / "bad.csv"
    bad.write_text("town,pack,log,as_of\na/b,guoyuan,a.jsonl,2016-06-30\n", encoding="utf-8")
    done = run_cli("check-many", str(bad), "--out", str(tmp_path / "o"))
    assert done.returncode == 2
    assert f"{bad}:2 town: a town's name may not hold '/'" in done.stderr
    assert not (tmp_path / "o").exists()
    assert run_cli("check-many", str(county), "--out", str(tmp_path / "o"), "--jobs", "0").returncode == 2


def test_parquet(county: Path, serial: dict[str, bytes], tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    import pyarrow.dataset as ds  # type: ignore[import-untyped]

    out = tmp_path / "out"
    assert run_cli("check-many", str(county), "--out", str(out), "--parquet", "--quiet").returncode == 1
    table = ds.dataset(out / "parquet", format="parquet", partitioning="hive").to_table()
    rows = [json.loads(line) for line in serial["towns.jsonl"].decode().splitlines()]
    assert table.num_rows == sum(sum(r["counts"].values()) for r in rows)
    got = files(out)
    assert {k: v for k, v in got.items() if k.startswith("findings/") or k == "towns.jsonl"} == {
        k: v for k, v in serial.items() if k != "manifest.json"
    }
    # without --parquet next time: no stale Parquet left beside the new findings
    assert run_cli("check-many", str(county), "--out", str(out), "--quiet").returncode == 1
    assert files(out) == serial


def test_missing_extras_named(county: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "distributed", None)
    done = run_cli("check-many", str(county), "--out", str(tmp_path / "a"), "--parquet")
    assert done.returncode == 2 and "pip install 'changrenzhi[parquet]'" in done.stderr
    done = run_cli("check-many", str(county), "--out", str(tmp_path / "b"), "--scheduler", "local")
    assert done.returncode == 2 and "pip install 'changrenzhi[dask]'" in done.stderr


def test_spark_recipe(county: Path, serial: dict[str, bytes], tmp_path: Path) -> None:
    pytest.importorskip("pyspark")  # not installed by the extras: a site with Hadoop has its own
    from pyspark.sql import SparkSession  # type: ignore[import-not-found, unused-ignore]

    from changrenzhi.many.spark import run_spark

    spark = SparkSession.builder.master("local[2]").appName("changrenzhi-test").getOrCreate()
    try:
        result = run_spark(spark, str(county), str(tmp_path / "out"))
    finally:
        spark.stop()
    assert result.exit_code == 1
    assert files(tmp_path / "out") == serial


def test_library_call(county: Path, serial: dict[str, bytes], tmp_path: Path) -> None:
    result = run_many(str(county), str(tmp_path / "out"))
    assert result.exit_code == 1 and not result.errors and len(result.rows) == TOWNS
    assert files(tmp_path / "out") == serial
