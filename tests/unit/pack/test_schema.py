"""``changrenzhi schema pack``: the JSON Schema of the pack format (shipped as schema/pack.schema.json,
kept up to date by ``tests/unit/test_schemas.py``)."""

from __future__ import annotations

import datetime
from fractions import Fraction
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from changrenzhi import PackError, loads_pack, shipped_packs
from changrenzhi.pack.yamlsafe import load_yaml
from changrenzhi.registry import default_registry
from changrenzhi.schemas import pack_schema
from support import ROOT

MINIMAL = ROOT / "tests" / "data" / "packs" / "minimal" / "pack.yaml"
VALIDATOR = jsonschema.Draft7Validator(pack_schema())


def plain(value: Any) -> Any:
    """YAML as an editor's language server sees it: dates are strings."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def errors(path: Path, edit: Any = None) -> list[str]:
    data, _ = load_yaml(path.read_text(encoding="utf-8"), str(path))
    data = plain(data)
    if edit is not None:
        edit(data)
    return [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(data)]


def test_every_kind_has_its_params() -> None:
    rule = pack_schema()["$defs"]["RuleSpec"]
    kinds = default_registry().names()
    assert rule["properties"]["kind"]["enum"] == kinds
    assert [c["if"]["properties"]["kind"]["const"] for c in rule["allOf"]] == kinds


@pytest.mark.parametrize("name", sorted(shipped_packs()))
def test_the_shipped_packs_validate(name: str) -> None:
    assert errors(shipped_packs()[name] / "pack.yaml") == []


def test_the_minimal_pack_validates() -> None:
    assert errors(MINIMAL) == []


def _set(path: list[Any], value: Any) -> Any:
    def edit(data: Any) -> None:
        for key in path[:-1]:
            data = data[key]
        data[path[-1]] = value

    return edit


@pytest.mark.parametrize(
    ("path", "value", "fragment"),
    [
        (["rules", 0, "params", "minimum"], 1, "Additional properties"),  # an unknown param of the kind
        (["rules", 0, "params", "period"], "week", "is not valid"),
        (["rules", 0, "params", "min"], "one", "is not valid"),
        (["rules", 0, "kind"], "study_frequncy", "is not one of"),
        (["rules", 0, "severity"], "fatal", "is not one of"),
        (["authority"], "x", "Additional properties"),
    ],
)
def test_an_editor_sees_the_mistakes(path: list[Any], value: Any, fragment: str) -> None:
    found = errors(MINIMAL, _set(path, value))
    assert found and any(fragment in e for e in found), found


def test_params_of_one_kind_are_refused_under_another() -> None:
    def swap(data: Any) -> None:
        data["rules"][0]["kind"] = "group_size"
        data["rules"][0]["params"] = {"days": 3}

    assert any("days" in e for e in errors(MINIMAL, swap))


def test_a_dated_value_is_accepted_and_checked() -> None:
    dated = {"dated": [{"from": "2006-02-20", "value": 3}, {"from": "2010-01-01", "value": 4}]}
    assert errors(MINIMAL, _set(["rules", 0, "params", "min"], dated)) == []
    bad = {"dated": [{"from": "2006-02-20", "val": 3}]}
    assert errors(MINIMAL, _set(["rules", 0, "params", "min"], bad)) != []


@pytest.mark.parametrize("name", ["zjg-draft", "grandchild"])
def test_a_pack_that_extends_another_validates(name: str) -> None:
    assert errors(ROOT / "tests" / "data" / "packs" / "extends" / name / "pack.yaml") == []


def test_without_extends_rules_need_kind_and_citation() -> None:
    def partial(data: Any) -> None:
        del data["rules"][0]["citation"]

    assert errors(MINIMAL, partial) == ["['rules', 0]: 'citation' is a required property"]


def _quorum(share: Any, kind: str = "quorum", key: str = "share") -> Any:
    def edit(data: Any) -> None:
        data["rules"][0]["kind"] = kind
        data["rules"][0]["params"] = {key: share}

    return edit


def _loads(edit: Any) -> Any:
    """The minimal pack with ``edit`` made, through the loader (dates written back as YAML dates)."""
    import yaml

    data, _ = load_yaml(MINIMAL.read_text(encoding="utf-8"), str(MINIMAL))
    edit(data)
    return loads_pack(yaml.safe_dump(data, allow_unicode=True), file=str(MINIMAL))


@pytest.mark.parametrize("share", [0.8, "4/5", "0.8", ".8", 1, "1", " 2/3 "])
def test_a_share_as_a_number_or_as_text_passes_both_the_loader_and_the_schema(share: Any) -> None:
    assert errors(MINIMAL, _quorum(share)) == []
    rule = _loads(_quorum(share)).rules[0]
    assert rule.params.to_json()["share"] == str(Fraction(str(share).strip()))


@pytest.mark.parametrize("share", [0, 1.5, "0", "5/0", "1.5", "x", True, None, -0.2])
def test_a_share_out_of_range_or_not_a_share_fails_both(share: Any) -> None:
    assert errors(MINIMAL, _quorum(share)) != []
    with pytest.raises(PackError):
        _loads(_quorum(share))


@pytest.mark.parametrize(
    ("value", "ok"), [(0, True), ("1/200", True), (0.005, True), ("0", True), (1, False)]
)
def test_a_tolerance_is_a_share_in_zero_to_one(value: Any, ok: bool) -> None:
    def edit(data: Any) -> None:
        data["rules"][0]["kind"] = "composition"
        data["rules"][0]["params"] = {"shares": [{"category": ["farmer"], "min": "1/2", "tolerance": value}]}

    assert (errors(MINIMAL, edit) == []) is ok
    if ok:
        _loads(edit)
    else:
        with pytest.raises(PackError):
            _loads(edit)
