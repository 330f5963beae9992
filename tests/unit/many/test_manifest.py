"""The manifest of check-many: CSV and YAML, every problem located, town names safe as folders."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from changrenzhi.many.manifest import ManifestError, TownEntry, read_manifest, town_problem


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path, as_of: date | None = None) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(ManifestError) as info:
        read_manifest(path, as_of)
    return [(p.line, p.field, p.message) for p in info.value.problems]


def test_csv(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "m.csv",
        "\ufefftown,pack,log,as_of\n# a comment\n城关镇,guoyuan,logs/a.jsonl,2016-06-30\n"
        "\n新港镇, packs/x ,b.jsonl,\n",
    )
    towns = read_manifest(path, date(2015, 1, 1))
    assert towns == [
        TownEntry("城关镇", "guoyuan", "logs/a.jsonl", date(2016, 6, 30), 3),
        TownEntry("新港镇", "packs/x", "b.jsonl", date(2015, 1, 1), 5),
    ]


def test_yaml(tmp_path: Path) -> None:
    text = (
        "as_of: 2016-06-30\ntowns:\n  - {town: a, pack: guoyuan, log: a.jsonl}\n"
        "  - town: b\n    pack: baoying\n    log: b.jsonl\n    as_of: '2015-12-31'\n"
    )
    towns = read_manifest(write(tmp_path, "m.yaml", text))
    assert [(t.town, t.as_of, t.line) for t in towns] == [
        ("a", date(2016, 6, 30), 3),
        ("b", date(2015, 12, 31), 4),
    ]
    assert [
        t.town
        for t in read_manifest(write(tmp_path, "l.yml", "- {town: c, pack: p, log: l, as_of: 2016-01-01}\n"))
    ] == ["c"]


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("a/b", "'/'"),
        ("a\\b", "'/'"),
        ("..", "'..'"),
        ("a..b", "'..'"),
        (".hidden", "'..'"),
        ("a\x07b", "U+0007"),
        ("a\u202eb", "U+202E"),
        (" a", "space"),
        ("", "needs a name"),
        ("x" * 101, "at most 100"),
    ],
)
def test_unsafe_town_names(name: str, why: str) -> None:
    found = town_problem(name)
    assert found is not None and why in found


def test_every_problem_located(tmp_path: Path) -> None:
    text = (
        "town,pack,log,as_of\n"
        "ok,guoyuan,a.jsonl,2016-06-30\n"
        "../up,guoyuan,a.jsonl,2016-06-30\n"
        "OK,guoyuan,b.jsonl,2016-06-30\n"
        "c,,c.jsonl,2016-06-30\n"
        "d,guoyuan,d.jsonl,2016-02-30\n"
        "e,guoyuan,e.jsonl\n"
    )
    found = problems(write(tmp_path, "m.csv", text))
    assert [(line, field) for line, field, _ in found] == [
        (3, "town"), (4, "town"), (5, "pack"), (6, "as_of"), (7, None)
    ]  # fmt: skip
    assert "listed twice (first on line 2)" in found[1][2]
    assert "4 values" not in found[4][2] and "3 values where the header names 4" in found[4][2]


def test_header_and_dates(tmp_path: Path) -> None:
    assert problems(write(tmp_path, "a.csv", "town,pack,logfile\n")) == [
        (1, "logfile", "unknown column (the columns: town, pack, log, as_of)"),
        (1, "log", "missing column"),
    ]
    assert problems(write(tmp_path, "b.csv", "")) == [
        (None, None, "the manifest is empty (it needs a header row)")
    ]
    assert problems(write(tmp_path, "c.csv", "town,pack,log\n")) == [
        (None, None, "the manifest lists no town")
    ]
    missing = problems(write(tmp_path, "d.csv", "town,pack,log\na,guoyuan,a.jsonl\n"))
    assert missing[0][:2] == (2, "as_of") and "--as-of" in missing[0][2]
    assert problems(tmp_path / "none.csv") == [(None, None, "no such manifest")]
    assert problems(write(tmp_path, "e.yaml", "towns: {a: 1}\n"))[0][1:] == (
        "towns",
        "expected a list of towns",
    )
    bad_yaml = problems(
        write(tmp_path, "f.yaml", "towns:\n  - {town: a, pack: p, log: l, as_of: 2016-06-30, x: 1}\n")
    )
    assert bad_yaml == [(2, "towns[0].x", "unknown key")]
    (tmp_path / "g.csv").write_bytes(b"town,pack,log,as_of\n\xff,p,l,2016-01-01\n")
    assert problems(tmp_path / "g.csv") == [(2, None, "not UTF-8 text")]
