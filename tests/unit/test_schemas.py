"""``changrenzhi schema [NAME]``: every schema is generated from the code, and shipped in ``schema/``.

The format-specific tests are beside their formats: the pack's in ``pack/test_schema.py``, the event
log's in ``events/test_schema.py``, the outputs' in ``test_output_schemas.py``.
"""

from __future__ import annotations

import json

import jsonschema
import pytest

from changrenzhi.cli import main
from changrenzhi.schemas import SCHEMAS, schema_text
from support import ROOT

SHIPPED = ROOT / "schema"


def test_pack_comes_first_and_is_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert next(iter(SCHEMAS)) == "pack"
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == schema_text("pack") == schema_text()


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_the_shipped_copy_is_up_to_date(name: str) -> None:
    path = SHIPPED / f"{name}.schema.json"
    assert path.is_file() and path.read_text(encoding="utf-8") == schema_text(name), (
        f"schema/{name}.schema.json is out of date: run "
        f"`changrenzhi schema {name} > schema/{name}.schema.json`"
    )


def test_nothing_else_is_shipped() -> None:
    # and the service's OpenAPI document, which tests/unit/test_serve.py keeps current
    expected = [*(f"{n}.schema.json" for n in SCHEMAS), "openapi.json"]
    assert sorted(p.name for p in SHIPPED.iterdir()) == sorted(expected)


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_the_command_prints_a_draft_7_schema(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", name]) == 0
    out = capsys.readouterr().out
    assert out == schema_text(name)
    doc = json.loads(out)
    jsonschema.Draft7Validator.check_schema(doc)
    assert doc["$schema"] == "http://json-schema.org/draft-07/schema#"


def test_an_unknown_name_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["schema", "packs"])
    assert info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
