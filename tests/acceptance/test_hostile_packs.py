"""The corpus of hostile packs: every pack command on packs written to hurt (issue 9).

``data/hostile/packs/<case>/`` holds the pack files of one case, ``args.txt`` (the command line,
``{case}`` standing for the case's folder) and ``expected.txt``, one line each:

- ``exit 2`` (or ``exit 0|1``): the exit statuses allowed;
- a fragment the output must hold (stderr and stdout together), or ``!fragment``, one it must not
  (the content of a file outside the pack's tree; ``!U+202E``: that character);
- ``parse json`` / ``parse xml``: stdout must parse as such;
- ``where: file``: the message names the file but no line (the whole file is at fault);
- ``generate: NAME``: the pack is written by the test (:data:`GENERATORS`: files too large to keep);
- ``process``: the case runs in its own process, under ``RLIMIT_AS`` of :data:`MEMORY` and a
  timeout of :data:`SECONDS`; the others run in this process, under the same timeout (an alarm);
- ``# ...``: what the case is.

``links.txt`` lists the symbolic links the test makes (``path -> target``; git does not keep links
out of the repository well). Every case is copied to a temporary folder first, so links and
generated files never touch the repository.

Every case must: exit as allowed, with no traceback; on exit 2 name the pack file and line (``x.yaml:N``)
and print nothing on stdout; print no control, bidirectional or invisible formatting character (but tab
and line feed) and no lone surrogate; keep its output within a few times its input; finish within the
bound.
"""

from __future__ import annotations

import json
import re
import resource
import shlex
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from changrenzhi.pack.yamlsafe import ODD
from support import DATA, ROOT, Outcome, run_bounded

CORPUS = DATA / "hostile" / "packs"
CASES = sorted(p for p in CORPUS.iterdir() if p.is_dir())
#: the bound of every case: wall-clock seconds, and the address space of a case in its own process
SECONDS = 10.0
MEMORY = 1 << 30
#: output may be this many times the input, plus a fixed allowance (a shipped pack's listing)
OUTPUT_FACTOR = 4
OUTPUT_SLACK = 400_000

SEED = "000_4d6d1418da65ff90.txt"
HEAD = f"""format: changrenzhi.pack/1
id: generated
name: 生成的包
locality: 果园乡
document:
  title: 生成
  sources:
    - {{file: {SEED}, first_line: 75, last_line: 86}}
"""
CITE = f"{{source: {SEED}, line: 81, text: 代表学习以代表小组为单位}}"


def _rules(n: int, cite: str = CITE, covers: str = "") -> str:
    return "rules:\n" + "".join(
        f"  - {{id: r.{i}, kind: group_size, citation: {cite},{covers} "
        f"params: {{min: {(i * 7) % 500 + 1}, max: {(i * 7) % 500 + 1 + i % 13}}}}}\n"
        for i in range(n)
    )


def _huge_file() -> str:
    return HEAD + _rules(1) + "note: |\n" + ("  " + "长" * 60 + "\n") * 17_000  # 3 MB


def _many_values() -> str:
    return HEAD + _rules(1) + "padding: [" + "1," * 250_000 + "1]\n"


def _many_clauses() -> str:
    head = HEAD.replace("document:", "clauses:\n" + "".join(
        f"  - {{id: c{i}, title: 条款, citation: {CITE}, status: check}}\n" for i in range(3000)
    ) + "document:")  # fmt: skip
    return head + _rules(2000, covers=" covers: [nope],")


def _many_sources() -> str:
    sources = "".join(f"    - {{file: s{i}.txt, first_line: 1, last_line: 9}}\n" for i in range(3000))
    return HEAD.replace("  sources:\n", "  sources:\n" + sources) + _rules(
        2000, cite="{source: nope.txt, line: 1, text: x}"
    )


GENERATORS: dict[str, Callable[..., str]] = {
    "huge_file": _huge_file,
    "many_values": _many_values,
    "many_rules": lambda n: HEAD + _rules(int(n)),
    "many_clauses": _many_clauses,
    "many_sources": _many_sources,
}


@dataclass
class Spec:
    """What ``expected.txt`` and ``args.txt`` of a case say."""

    args: list[str]
    exits: set[int] = field(default_factory=set)
    present: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    parse: str | None = None
    where_file: bool = False
    process: bool = False
    generate: str | None = None


def spec(case: Path) -> Spec:
    s = Spec(shlex.split((case / "args.txt").read_text(encoding="utf-8")))
    for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        if line.startswith("exit "):
            s.exits = {int(x) for x in line[5:].split("|")}
        elif line.startswith("parse "):
            s.parse = line[6:]
        elif line == "where: file":
            s.where_file = True
        elif line == "process":
            s.process = True
        elif line.startswith("generate: "):
            s.generate = line[10:]
        elif line.startswith("!"):
            char = re.fullmatch(r"!U\+([0-9A-F]{4,6})", line)
            s.absent.append(chr(int(char.group(1), 16)) if char else line[1:])
        else:
            s.present.append(line)
    return s


def prepare(case: Path, s: Spec, tmp: Path) -> Path:
    """The case copied to ``tmp``, with its links made and its generated pack written."""
    folder = tmp / case.name
    shutil.copytree(case, folder, symlinks=True)
    links = case / "links.txt"
    for line in links.read_text(encoding="utf-8").splitlines() if links.is_file() else []:
        name, target = (part.strip() for part in line.split("->"))
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).symlink_to(target)
    if s.generate is not None:
        make, _, arg = s.generate.partition(":")
        text = GENERATORS[make](arg) if arg else GENERATORS[make]()
        (folder / "pack.yaml").write_text(text, encoding="utf-8")
    return folder


def _limits() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _in_a_process(args: list[str]) -> Outcome:
    start = time.perf_counter()
    r = subprocess.run(
        [sys.executable, "-m", "changrenzhi", *args],
        capture_output=True,
        timeout=SECONDS,
        preexec_fn=_limits,
        cwd=ROOT,
        check=False,
    )
    took = time.perf_counter() - start
    return Outcome(r.returncode, r.stdout.decode("utf-8"), r.stderr.decode("utf-8"), took)


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


#: what each case gave, for the tally
RESULTS: dict[str, tuple[int, bool, float]] = {}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_pack(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    s = spec(case)
    assert s.exits, f"{case.name}: expected.txt says no exit status"
    folder = prepare(case, s, tmp_path)
    args = [a.replace("{case}", str(folder)) for a in s.args]
    monkeypatch.chdir(ROOT)
    got = _in_a_process(args) if s.process else run_bounded(args, SECONDS)
    text = got.err + got.out
    assert "Traceback" not in text, got.err[-2000:]
    assert got.status in s.exits, f"exit {got.status}: {got.err[-1000:]}"
    assert got.seconds <= SECONDS, got.seconds
    for fragment in s.present:
        assert fragment in text, f"{fragment!r} not in the output: {text[:1500]!r}"
    for fragment in s.absent:
        assert fragment not in text, f"{fragment!r} is in the output"
    odd = ODD.search(text)
    assert odd is None, f"{odd.group()!r} in the output" if odd else ""
    if got.status == 2:
        # a machine format writes the error document on stdout too (docs/CI.md); text writes nothing
        machine = any(a in args for a in ("json", "sarif", "junit", "github"))
        assert machine or got.out == "", got.out[:500]
        assert got.err.startswith("changrenzhi: error: ")
        place = r"\S+\.ya?ml: " if s.where_file else r"\S+\.ya?ml:\d+[ :]"
        assert re.search(place, got.err), got.err[:500]
    if s.parse == "json":
        json.loads(got.out)
    elif s.parse == "xml":
        ET.fromstring(got.out)
    assert len(got.out) + len(got.err) <= OUTPUT_FACTOR * _size(folder) + OUTPUT_SLACK
    RESULTS[case.name] = (got.status, s.process, got.seconds)


def test_the_corpus_and_its_tally(capsys: pytest.CaptureFixture[str]) -> None:
    """At least 80 cases, each with its command and expectations; the tally of the cases run."""
    assert len(CASES) >= 80
    for case in CASES:
        assert spec(case).exits, case.name
    if RESULTS:
        statuses = sorted({status for status, _, _ in RESULTS.values()})
        by_status = ", ".join(
            f"exit {st}: {sum(1 for v in RESULTS.values() if v[0] == st)}" for st in statuses
        )
        process = sum(1 for _, p, _ in RESULTS.values() if p)
        slowest = max(RESULTS.items(), key=lambda kv: kv[1][2])
        with capsys.disabled():
            print(
                f"\nhostile packs: {len(RESULTS)} of {len(CASES)} cases passed ({by_status}); "
                f"{process} in their own process under RLIMIT_AS {MEMORY >> 20} MiB, all within "
                f"{SECONDS:.0f} s (slowest {slowest[0]}: {slowest[1][2]:.1f} s)"
            )
