"""The test cases every shipped pack brings (policies/<pack>/tests/*.yaml): all pass, every rule has a
case, and ``changrenzhi test`` on all six exits 0."""

from __future__ import annotations

import pytest

from changrenzhi import shipped_packs
from changrenzhi.testcases import load_test_file, pack_test_files, run_pack_tests
from support import run_cli, shipped_pack

PACKS = sorted(shipped_packs())
READINGS = {"late-not-done", "joint-proposals", "congress-year", "quorum-base"}


@pytest.mark.parametrize("name", PACKS)
def test_every_case_passes_and_every_rule_has_one(name: str) -> None:
    pack = shipped_pack(name)
    results = run_pack_tests([pack])
    failed = [(r.case.name, r.missing, r.unexpected, r.error) for r in results.results if not r.passed]
    assert failed == []
    assert results.untested() == {pack.id: []}
    # a finding case and a clean case for each rule, where its probes give both
    assert len(results.results) >= len(pack.rules)


@pytest.mark.parametrize("name", PACKS)
def test_cases_are_small_and_say_what_readings_they_rest_on(name: str) -> None:
    pack = shipped_pack(name)
    for path in pack_test_files(pack):
        for case in load_test_file(path, pack).cases:
            assert case.log is not None and len(case.log) <= 200, (path.name, case.name)
            assert set(case.depends_on) <= READINGS, case.depends_on
            assert case.rules is not None and len(case.rules) == 1  # one rule in scope: focused


def test_the_command_on_every_shipped_pack() -> None:
    r = run_cli("test", *PACKS)
    assert r.returncode == 0, r.stdout[-2000:]
    assert "0 failed -> exit 0" in r.stdout
