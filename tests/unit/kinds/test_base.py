"""What every kind's parameters share (kinds/base.py): strict types, a bound on every number, a
bound on every list, shares as bounded fractions (docs/PACKS.md, "Bounds")."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from typing import Any

import pytest
from pydantic import ValidationError

from changrenzhi.kinds.base import MAX_COUNT, MAX_DENOMINATOR, MAX_ITEMS, KindParams, parse_share
from changrenzhi.kinds.elections.params import ShareSpec
from changrenzhi.kinds.groups.params import GroupSizeParams
from changrenzhi.kinds.meetings.params import QuorumParams
from changrenzhi.kinds.study.params import StudyDaysParams
from changrenzhi.registry import default_registry


def numbers(schema: Any, where: str = "") -> Iterator[tuple[str, Any]]:
    """Every integer or number of a JSON schema, with where it is."""
    if isinstance(schema, dict):
        if schema.get("type") in ("integer", "number"):
            yield where, schema
        for key, value in schema.items():
            yield from numbers(value, f"{where}.{key}")
    elif isinstance(schema, list):
        for i, value in enumerate(schema):
            yield from numbers(value, f"{where}[{i}]")


def test_every_number_of_every_kind_has_a_bound() -> None:
    reg = default_registry()
    unbounded = []
    seen = 0
    for name in reg.names():
        for where, schema in numbers(reg.get(name).params_model.model_json_schema()):
            seen += 1
            if "maximum" not in schema and "exclusiveMaximum" not in schema:
                unbounded.append(f"{name}{where}")
    assert seen > 50 and unbounded == []


def err(model: type[KindParams], data: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return str(info.value)


@pytest.mark.parametrize("value", ["3", True, 3.0, [3], float("nan")])
def test_a_count_is_a_whole_number_nothing_else(value: Any) -> None:
    assert "min" in err(GroupSizeParams, {"min": value, "max": 5})


@pytest.mark.parametrize("value", [1, "true", "yes", None])
def test_a_flag_is_true_or_false(value: Any) -> None:
    assert "every_rep_in_group" in err(GroupSizeParams, {"every_rep_in_group": value})


@pytest.mark.parametrize("value", [MAX_COUNT + 1, 10**400, -1])
def test_a_count_out_of_its_bounds(value: int) -> None:
    assert "min" in err(GroupSizeParams, {"min": value})


@pytest.mark.parametrize("value", [float("inf"), float("nan"), 1e308, 367, "5", 0])
def test_an_amount_of_days_is_finite_and_bounded(value: Any) -> None:
    assert "min_days" in err(StudyDaysParams, {"min_days": value})


def test_numbers_in_range_still_load() -> None:
    assert GroupSizeParams.model_validate({"min": MAX_COUNT, "max": MAX_COUNT}).min == MAX_COUNT
    assert StudyDaysParams.model_validate({"min_days": 366}).min_days == 366
    assert StudyDaysParams.model_validate({"min_days": 5}).min_days == 5  # an int for a float


@pytest.mark.parametrize(
    ("value", "share"),
    [(0.8, Fraction(4, 5)), ("4/5", Fraction(4, 5)), (" 2/3 ", Fraction(2, 3)), (".5", Fraction(1, 2)),
     (1, Fraction(1)), ("1", Fraction(1)), (0.005, Fraction(1, 200)), ("999/1000", Fraction(999, 1000)),
     (Fraction(1, 3), Fraction(1, 3))],
)  # fmt: skip
def test_shares_as_documented(value: Any, share: Fraction) -> None:
    assert QuorumParams.model_validate({"share": value}).share == share


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1e-400", "expected a share such as '4/5' or 0.8, got '1e-400'"),
        ("1e-99999999", "expected a share such as '4/5' or 0.8, got '1e-99999999'"),
        ("10**400", "expected a share such as '4/5' or 0.8, got '10**400'"),
        ("1/0", "expected a share such as '4/5' or 0.8, got '1/0'"),
        ("nan", "got 'nan'"),
        (float("nan"), "got nan"),
        (float("inf"), "got inf"),
        (True, "expected a share such as '4/5' or 0.8"),
        (1e-300, f"a share is a fraction with a denominator of at most {MAX_DENOMINATOR}"),
        ("1/1001", f"a share is a fraction with a denominator of at most {MAX_DENOMINATOR}"),
        (0.0001, f"a share is a fraction with a denominator of at most {MAX_DENOMINATOR}"),
        (1e308, "expected a share such as '4/5' or 0.8, got 1e+308"),
        (10**400, "expected a share such as '4/5' or 0.8, got 1000000000000000000000000000000000000000…"),
        ("5/4", "a share must be in (0, 1], got 5/4"),
        (0, "a share must be in (0, 1], got 0"),
    ],
)
def test_shares_out_of_bounds(value: Any, message: str) -> None:
    text = err(QuorumParams, {"share": value})
    assert message in text
    assert len(text) < 400


def test_a_tolerance_may_be_zero_and_is_bounded_too() -> None:
    base = {"category": ["x"], "target": "1/2"}
    assert ShareSpec.model_validate({**base, "tolerance": 0}).tolerance == 0
    assert "denominator" in err(ShareSpec, {**base, "tolerance": "1/5000"})
    with pytest.raises(ValueError, match="denominator"):
        parse_share("1/2000", "x")


def test_lists_hold_at_most_max_items() -> None:
    kinds = [f"k{i}" for i in range(MAX_ITEMS)]
    assert (
        len(QuorumParams.model_validate({"share": "1/2", "meeting_kinds": kinds}).meeting_kinds) == MAX_ITEMS
    )
    text = err(QuorumParams, {"share": "1/2", "meeting_kinds": [*kinds, "one-more"]})
    assert f"meeting_kinds lists {MAX_ITEMS + 1} values: at most {MAX_ITEMS}" in text


def test_the_registry_names_every_builtin_kind_in_order_and_imports_a_family_when_asked() -> None:
    import subprocess
    import sys

    from changrenzhi.registry import BUILTIN_KINDS, BUILTIN_NAMES

    assert [(k.name, k.__module__.split(".")[2], k.__name__) for k in BUILTIN_KINDS] == [
        (name, *where) for name, where in BUILTIN_NAMES.items()
    ]
    registry = default_registry()
    assert registry.names() == sorted(BUILTIN_NAMES)
    assert "quorum" in registry and "no_such_kind" not in registry
    assert type(registry.get("quorum")).__name__ == "Quorum"
    assert registry.get("quorum") is registry.get("quorum")
    with pytest.raises(ValueError, match="already registered"):
        registry.register(type(registry.get("pledge")))
    # in a fresh process, asking for one kind imports its family only
    probe = (
        "import sys; from changrenzhi.registry import default_registry; default_registry().get('quorum');"
        "print(' '.join(m for m in sys.modules if m.startswith('changrenzhi.kinds.')))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    families = {m.split(".")[2] for m in out.split()}
    assert "meetings" in families and "elections" not in families and "appraisal" not in families


def test_a_lazy_kind_must_carry_the_name_it_is_registered_under() -> None:
    from changrenzhi.kinds.base import Registry

    registry = Registry()
    registry.register_lazy("quorum_too", lambda name: type(default_registry().get("quorum")))
    with pytest.raises(ValueError, match="registered as 'quorum_too' but named 'quorum'"):
        registry.get("quorum_too")
