"""What every built-in kind's parameter model declares, checked across all of them."""

from __future__ import annotations

import inspect
import typing

from changrenzhi.kinds.base import KindParams
from changrenzhi.lint.checks import band_pairs
from changrenzhi.registry import BUILTIN_KINDS


def _models() -> list[type[KindParams]]:
    """Every KindParams model of the built-in kinds, nested ones included."""
    found: list[type[KindParams]] = []

    def walk(model: type[KindParams]) -> None:
        if model in found:
            return
        found.append(model)
        for info in model.model_fields.values():
            for arg in typing.get_args(info.annotation) or (info.annotation,):
                for inner in typing.get_args(arg) or (arg,):
                    if inspect.isclass(inner) and issubclass(inner, KindParams):
                        walk(inner)

    for kind in BUILTIN_KINDS:
        walk(kind.params_model)
    return found


def test_every_pair_of_bounds_is_declared_ordered() -> None:
    """A model with ``min``/``max`` (or ``X_min``/``X_max``, ``min_X``/``max_X``) declares the pair in
    ``ordered``, so the loader refuses crossing bounds; lint names the same pairs."""
    for model in _models():
        fields = dict.fromkeys(model.model_fields, 0)
        pairs = {pair for pair in band_pairs(fields).values() if None not in pair}
        assert pairs == set(model.ordered), f"{model.__name__}: bounds {pairs}, declared {model.ordered}"
