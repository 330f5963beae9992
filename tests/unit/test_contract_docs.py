"""docs/EVENTS.md, the contract in the repository, says what the code does.

The listing of each kind's details is generated (``python -m changrenzhi.schemas --write``) and must be
up to date; the tables of event types name every type and every field the reader knows, and mark the
additions to version 1 as the code lists them.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from changrenzhi.events.fields import SPECS
from changrenzhi.events.types import EXTENSION_FIELDS, EXTENSION_TYPES
from changrenzhi.schemas import BEGIN, END, SCHEMAS, details_markdown, main, with_details, write
from support import ROOT

EVENTS_MD = ROOT / "docs" / "EVENTS.md"
DOC = EVENTS_MD.read_text(encoding="utf-8")


def rows() -> dict[str, str]:
    """The rows of the event tables, by the type they start with."""
    out = {}
    for line in DOC.splitlines():
        m = re.match(r"\| `([a-z_]+\.[a-z_]+)`( \*\*addition\*\*)? \|", line)
        if m:
            assert m.group(1) not in out, f"{m.group(1)} has two rows"
            out[m.group(1)] = line
    return out


def test_the_details_listing_is_up_to_date() -> None:
    assert DOC.count(BEGIN) == 1 and DOC.count(END) == 1
    assert with_details(DOC) == DOC, (
        "docs/EVENTS.md: the details listing is out of date: run `python -m changrenzhi.schemas --write`"
    )
    assert details_markdown() in DOC


def test_every_event_type_has_its_row_with_every_field() -> None:
    table = rows()
    assert set(table) == set(SPECS)
    for etype, spec in SPECS.items():
        row = table[etype]
        fields = row.split("|")[2]
        for f in spec.fields:
            assert f"`{f.name}`" in fields, f"{etype}: field {f.name} is not in its row"


def test_the_additions_are_marked() -> None:
    table = rows()
    for etype, row in table.items():
        assert (f"`{etype}` **addition**" in row) == (etype in EXTENSION_TYPES), etype
    for etype, name in EXTENSION_FIELDS:
        fields = table[etype].split("|")[2]
        marked = fields.partition("**addition")[2]
        assert f"`{name}`" in marked, f"{etype}.{name}: not marked as an addition"
    for etype, row in table.items():
        if etype in EXTENSION_TYPES:
            continue
        fields = row.split("|")[2]
        names = {f.name for f in SPECS[etype].fields}
        for name in set(re.findall(r"`(\w+)`", fields.partition("**addition")[2])) & names:
            assert (etype, name) in EXTENSION_FIELDS, f"{etype}.{name} is marked but is version 1"


def test_nothing_points_at_the_contract_outside_the_repository() -> None:
    stale = []
    for path in [
        ROOT / "README.md",
        *ROOT.glob("docs/*.md"),
        *ROOT.glob("src/**/*.py"),
        *ROOT.glob("tests/**/*.py"),
    ]:
        if path in (EVENTS_MD, Path(__file__)):
            continue
        if "shared/EVENTS.md" in path.read_text(encoding="utf-8"):
            stale.append(str(path.relative_to(ROOT)))
    assert stale == []


def test_write_refreshes_every_generated_file(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "schema").mkdir()
    shutil.copy(EVENTS_MD, tmp_path / "docs" / "EVENTS.md")
    for name in SCHEMAS:
        shutil.copy(ROOT / "schema" / f"{name}.schema.json", tmp_path / "schema")
    assert write(tmp_path) == []  # up to date: nothing written
    (tmp_path / "schema" / "lint.schema.json").write_text("{}", encoding="utf-8")
    (tmp_path / "docs" / "EVENTS.md").write_text(DOC.replace("| `count` |", "| `cnt` |", 1), encoding="utf-8")
    assert write(tmp_path) == [tmp_path / "schema" / "lint.schema.json", tmp_path / "docs" / "EVENTS.md"]
    assert (tmp_path / "docs" / "EVENTS.md").read_text(encoding="utf-8") == DOC


def test_the_marks_must_be_there() -> None:
    with pytest.raises(ValueError, match="marks"):
        with_details(DOC.replace(END, ""))


def test_usage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "usage" in capsys.readouterr().err
    assert main(["--write", str(tmp_path)]) == 2
    assert "not a checkout" in capsys.readouterr().err
    assert main(["--write", str(ROOT)]) == 0  # up to date: writes nothing
    assert capsys.readouterr().out == ""
