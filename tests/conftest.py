"""Shared pytest setup.

Its presence makes pytest put ``tests/`` on ``sys.path`` (rootdir-based
"prepend" import mode), so test modules anywhere below it can
``from support import ...`` (the one module of shared helpers).

It also adds ``--slow``, which switches Hypothesis from the quick profile (small
enough that the whole suite runs well under a minute on two cores) to one that
searches much harder, and runs the tests marked ``slow`` (large generated logs);
use it before a release, or when a property has failed.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

_COMMON: dict[str, Any] = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
if os.environ.get("CI"):
    # the same examples on every CI run, and no example database carried between runs
    _COMMON |= {"derandomize": True, "database": None}
settings.register_profile("quick", max_examples=10, **_COMMON)
settings.register_profile("slow", max_examples=300, **_COMMON)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--slow", action="store_true", default=False, help="run Hypothesis properties with many more examples"
    )


def pytest_configure(config: pytest.Config) -> None:
    settings.load_profile("slow" if config.getoption("--slow") else "quick")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``slow`` (large generated logs) run only with ``--slow``."""
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="large generated input: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
