"""Every command's output on the shipped packs and examples, byte for byte (see ``golden.py``)."""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import subprocess
import sys

import pytest

from .golden import GOLDEN, ROOT, load_cases, render

CASES = load_cases()


def _diff(expected: bytes, actual: bytes) -> str:
    lines = difflib.unified_diff(
        expected.decode("utf-8", "replace").splitlines(),
        actual.decode("utf-8", "replace").splitlines(),
        "golden",
        "now",
        lineterm="",
        n=1,
    )
    return "\n".join(list(lines)[:60])


@pytest.mark.parametrize(("name", "args"), CASES, ids=[n for n, _ in CASES])
def test_output_is_the_golden_one(name: str, args: list[str]) -> None:
    expected = (GOLDEN / f"{name}.out").read_bytes()
    actual = render(args)
    assert actual == expected, f"{name} differs from its golden output:\n{_diff(expected, actual)}"


def test_every_golden_file_has_a_case() -> None:
    names = {n for n, _ in CASES}
    files = {p.name.removesuffix(".out") for p in GOLDEN.glob("*.out")}
    assert files == names


#: the cases run again in fresh interpreters under other hash seeds: every output format of
#: check, and the commands whose output is built from sets and dicts of the packs (rules,
#: coverage, compare, diff, lint)
SEEDED = [
    n
    for n, _ in CASES
    if (n.startswith("check-") and n.endswith(("-json-zh", "-text-en", "-sarif-zh")))
    or n in ("compare-all-json-zh", "compare-all-text-zh", "compare-all-html-en")
    or (n.startswith(("rules-", "coverage-")) and n.endswith("-json-zh"))
    or (n.startswith(("diff-", "lint-")) and n.endswith("-json"))
]

_RUNNER = """
import hashlib, json, sys
sys.path.insert(0, sys.argv[1])
from tests.acceptance.golden import load_cases, render
wanted = set(json.loads(sys.argv[2]))
for name, args in load_cases():
    if name in wanted:
        print(name, hashlib.sha256(render(args)).hexdigest())
"""


@pytest.mark.parametrize("seed", ["0", "1", "4242"])
def test_outputs_do_not_depend_on_the_hash_seed(seed: str) -> None:
    """Each fresh interpreter has its own string hashing: a set's order that leaks into output
    shows here as a difference from the golden output (recorded under another seed)."""
    env = {**os.environ, "PYTHONHASHSEED": seed}
    proc = subprocess.run(
        [sys.executable, "-c", _RUNNER, str(ROOT), json.dumps(SEEDED)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    got = dict(line.split(" ", 1) for line in proc.stdout.splitlines())
    assert set(got) == set(SEEDED)
    differ = [n for n in SEEDED if got[n] != hashlib.sha256((GOLDEN / f"{n}.out").read_bytes()).hexdigest()]
    assert not differ, f"under PYTHONHASHSEED={seed} these outputs differ from the golden ones: {differ}"
