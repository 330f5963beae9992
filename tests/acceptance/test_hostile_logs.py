"""The corpus of hostile logs and command lines: ``check`` and ``explain`` on logs written to hurt (issue 9).

``data/hostile/logs/<case>/`` holds the log of one case (``log.*``), ``args.txt`` (the command line:
``{log}`` stands for the log, ``{case}`` for the case's folder) and ``expected.txt``, one line each:

- ``exit 2`` (or ``exit 0|1``): the exit statuses allowed;
- a fragment the output must hold (stderr and stdout together; ``{log}`` as in ``args.txt``), or
  ``!fragment``, one it must not (``!U+001B``: that character);
- ``parse json`` / ``parse xml`` / ``parse github``: stdout must parse as such (GitHub: each line an
  annotation command or the summary);
- ``where: file`` (the message names the file but no line: the whole file is at fault),
  ``where: argument`` (a usage error names the argument), ``where: stdin`` (the log is ``<stdin>``);
  else an exit 2 names the log and the line (``log.jsonl:7``);
- ``generate: NAME[:ARG]``: the log is written by the test (:data:`GENERATORS`: too large to keep);
- ``stdin: FILE``: that file of the case is standard input; ``stream: NAME[:ARG]``: standard input
  is what the generator makes, written as it is made (larger than the memory the case may take);
- ``process``: the case runs in its own process, under ``RLIMIT_AS`` of :data:`MEMORY` and a timeout
  of :data:`SECONDS`; the others run in this process, under the same timeout (an alarm);
- ``# ...``: what the case is.

Every case is copied to a temporary folder first. Every case must: exit as allowed, with no traceback;
on exit 2 print nothing on stdout and say where; print no control character (but tab and line feed),
no bidirectional formatting character and no lone surrogate; finish within the bound.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from support import DATA, ROOT, Outcome, run_bounded

CORPUS = DATA / "hostile" / "logs"
CASES = sorted(p for p in CORPUS.iterdir() if p.is_dir())
#: the bound of every case: wall-clock seconds, and the address space of a case in its own process
SECONDS = 10.0
MEMORY = 1 << 30
#: what no output may hold: control characters but tab and line feed, bidirectional formatting, surrogates
ODD = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

BASE = (
    b'{"id": "c1", "type": "congress.opened", "date": "2011-01-04", "term_years": 5}\n'
    b'{"id": "e1", "type": "rep.elected", "date": "2011-01-04", "rep": "R01"}\n'
    b'{"id": "e2", "type": "rep.elected", "date": "2011-01-04", "rep": "R02"}\n'
    b'{"id": "e3", "type": "rep.elected", "date": "2011-01-04", "rep": "R03"}\n'
    b'{"id": "g1", "type": "group.formed", "date": "2011-01-06", "group": "G1", '
    b'"members": ["R01", "R02", "R03"], "leader": "R01"}\n'
    b'{"id": "m1", "type": "committee.appointed", "date": "2011-01-06", "member": "C01"}\n'
)
CONGRESS = b'{"id": "c1", "type": "congress.opened", "date": "2011-01-04", "term_years": 5'


def _padded(size: int) -> bytes:
    """The congress line padded with a producer's own field to exactly ``size`` bytes."""
    head = CONGRESS + b', "x_pad": "'
    return head + b"y" * (size - len(head) - 2) + b'"}'


def _exact(size: str, end: bytes = b"\n") -> Iterator[bytes]:
    """The base log, its first line exactly ``size`` bytes long, each line ended by ``end``."""
    lines = BASE.split(b"\n")[:-1]
    lines[0] = _padded(int(size))
    yield end.join(lines) + end


def _event(etype: str, fields: str, eid: str = "x1", day: str = "2011-03-01") -> bytes:
    """A line of an event of ``etype``, its fields written as ``fields`` (with no line end)."""
    return f'{{"id": "{eid}", "type": "{etype}", "date": "{day}", {fields}}}'.encode()


def _suggestion(size: str) -> bytes:
    """A suggestion whose last field is ``size`` bytes long and never closed."""
    return _event("rep.suggested", '"rep": "R01", "x": "')[:-1] + b"z" * int(size)


def _huge_line(size: str) -> Iterator[bytes]:
    """The base log and a line of ``size`` bytes, made as it is written (never whole in memory)."""
    yield BASE
    yield from _repeat(b"{", int(size))
    yield b"\n"


def _endless(size: str) -> Iterator[bytes]:
    """``size`` bytes of one line that never ends."""
    yield from _repeat(b"[", int(size))


def _repeat(piece: bytes, size: int) -> Iterator[bytes]:
    block = piece * (1 << 20)
    for _ in range(size // len(block)):
        yield block
    yield piece * (size % len(block))


def _long_lines(count_size: str) -> Iterator[bytes]:
    count, size = (int(x) for x in count_size.split("x"))
    yield BASE
    yield (b'{"x": "' + b"a" * size + b'"}\n') * count


def _list(n: str) -> Iterator[bytes]:
    reps = ", ".join(f'"R{i}"' for i in range(int(n)))
    yield BASE + _event("training.held", f'"days": 1, "participants": [{reps}]') + b"\n"


def _long_value(n: str) -> Iterator[bytes]:
    value = "长" * int(n)
    yield BASE + _event("rep.suggested", f'"rep": ["{value}"]') + b"\n"


def _long_key(n: str) -> Iterator[bytes]:
    key = "k" * int(n)
    yield BASE + _event("rep.suggested", f'"rep": "R01", "{key}": 1') + b"\n"


def _visits(n: str) -> Iterator[bytes]:
    yield BASE
    yield b'{"id": "a1", "type": "contact.assigned", "date": "2011-01-04", "rep": "R01", "contacts": '
    yield b'[{"person": "P1", "kind": "member"}]}\n'
    for i in range(int(n)):
        day = f"2011-{i % 12 + 1:02d}-{i % 28 + 1:02d}"
        yield _event("contact.visit", '"rep": "R01", "person": "P1"', f"v{i}", day) + b"\n"


#: the logs too large to keep, by name; each takes the ARG of ``generate: NAME:ARG``
GENERATORS: dict[str, Callable[[str], Iterator[bytes]]] = {
    "exact": _exact,
    "exact_crlf": lambda size: _exact(size, b"\r\n"),
    "long_comment": lambda n: iter([b"# " + "注".encode() * int(n) + b"\n" + BASE]),
    "long_last_line": lambda size: iter([BASE, _suggestion(size), b'"}']),
    "huge_line": _huge_line,
    "endless": _endless,
    "long_lines": _long_lines,
    "list": _list,
    "long_value": _long_value,
    "long_key": _long_key,
    "visits": _visits,
}


def generated(what: str) -> Iterator[bytes]:
    make, _, arg = what.partition(":")
    return GENERATORS[make](arg)


@dataclass
class Spec:
    """What ``expected.txt`` and ``args.txt`` of a case say."""

    args: list[str]
    exits: set[int] = field(default_factory=set)
    present: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    parse: str | None = None
    where: str = "line"
    process: bool = False
    generate: str | None = None
    stdin: str | None = None
    stream: str | None = None


def spec(case: Path) -> Spec:
    s = Spec(shlex.split((case / "args.txt").read_text(encoding="utf-8")))
    for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        if line.startswith("exit "):
            s.exits = {int(x) for x in line[5:].split("|")}
        elif line.startswith("parse "):
            s.parse = line[6:]
        elif line.startswith("where: "):
            s.where = line[7:]
        elif line == "process":
            s.process = True
        elif line.startswith("generate: "):
            s.generate = line[10:]
        elif line.startswith("stdin: "):
            s.stdin = line[7:]
        elif line.startswith("stream: "):
            s.stream = line[8:]
        elif line.startswith("!"):
            char = re.fullmatch(r"!U\+([0-9A-F]{4,6})", line)
            s.absent.append(chr(int(char.group(1), 16)) if char else line[1:])
        else:
            s.present.append(line)
    return s


def prepare(case: Path, s: Spec, tmp: Path) -> tuple[Path, Path | None]:
    """The case copied to ``tmp`` with its generated log written: (the folder, the log)."""
    folder = tmp / case.name
    shutil.copytree(case, folder)
    if s.generate is not None:
        with (folder / "log.jsonl").open("wb") as out:
            for piece in generated(s.generate):
                out.write(piece)
    logs = sorted(folder.glob("log.*"))
    assert len(logs) <= 1, logs
    return folder, logs[0] if logs else None


#: the command in a child that first limits its own address space to its first argument
_CHILD = (
    "import resource, runpy, sys; "
    "resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[1]),) * 2); "
    "sys.argv = ['changrenzhi', *sys.argv[2:]]; "
    "runpy.run_module('changrenzhi', run_name='__main__')"
)


def _in_a_process(args: list[str], stdin: bytes | Iterator[bytes]) -> Outcome:
    """The installed command in its own process, under ``RLIMIT_AS`` and a timeout; standard input
    written from a thread as it is made."""
    start = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(MEMORY), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    ) as child:
        writer = threading.Thread(target=_feed, args=(child, stdin), daemon=True)
        writer.start()
        try:
            out, err = _drain(child)
        finally:
            child.kill()
            writer.join()
    took = time.perf_counter() - start
    return Outcome(child.returncode, out.decode("utf-8"), err.decode("utf-8"), took)


def _feed(child: subprocess.Popen[bytes], data: bytes | Iterator[bytes]) -> None:
    assert child.stdin is not None
    try:
        for piece in [data] if isinstance(data, bytes) else data:
            child.stdin.write(piece)
        child.stdin.close()
    except (BrokenPipeError, ValueError):  # the child stopped reading: it is done with the input
        pass


def _drain(child: subprocess.Popen[bytes]) -> tuple[bytes, bytes]:
    """Its stdout and stderr, read to the end, within :data:`SECONDS`."""
    out: list[bytes] = []
    err: list[bytes] = []
    readers = [
        threading.Thread(target=lambda s=stream, into=into: into.append(s.read()), daemon=True)
        for stream, into in ((child.stdout, out), (child.stderr, err))
    ]
    for r in readers:
        r.start()
    child.wait(timeout=SECONDS)
    for r in readers:
        r.join()
    return b"".join(out), b"".join(err)


def _parse(kind: str, out: str) -> None:
    if kind == "json":
        json.loads(out)
    elif kind == "xml":
        ET.fromstring(out)
    elif kind == "github":
        for line in out.splitlines():
            assert line.startswith(("::error ", "::warning ", "::notice ", "changrenzhi check ")), line[:300]
    else:  # pragma: no cover - a typo in expected.txt
        raise AssertionError(f"parse what? {kind!r}")


#: what each case gave, for the tally
RESULTS: dict[str, tuple[int, bool, float]] = {}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_log(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    s = spec(case)
    assert s.exits, f"{case.name}: expected.txt says no exit status"
    folder, log = prepare(case, s, tmp_path)
    places = {"{case}": str(folder), "{log}": str(log)}
    args = [_fill(a, places) for a in s.args]
    stdin = (folder / s.stdin).read_bytes() if s.stdin else b""
    monkeypatch.chdir(ROOT)
    if s.process:
        got = _in_a_process(args, generated(s.stream) if s.stream else stdin)
    else:
        got = run_bounded(args, SECONDS, stdin)
    text = got.err + got.out
    assert "Traceback" not in text, got.err[-2000:]
    assert got.status in s.exits, f"exit {got.status}: {got.err[-1000:]}"
    assert got.seconds <= SECONDS, got.seconds
    for fragment in s.present:
        assert _fill(fragment, places) in text, f"{fragment!r} not in the output: {text[:1500]!r}"
    for fragment in s.absent:
        assert _fill(fragment, places) not in text, f"{fragment!r} is in the output"
    odd = ODD.search(text)
    assert odd is None, f"{odd.group()!r} in the output" if odd else ""
    if got.status == 2:
        # a machine format writes the error document on stdout too (docs/CI.md); text writes nothing
        machine = any(a in args for a in ("json", "sarif", "junit", "github"))
        assert machine or got.out == "", got.out[:500]
        place = {
            "line": re.escape(str(log)) + r":\d+[ :]",
            "file": r"changrenzhi: error: \S",
            "argument": r"error: (argument \S+: |the following arguments are required: |argument COMMAND: )",
            "stdin": r"<stdin>:\d+[ :]",
        }[s.where]
        assert re.search(place, got.err), got.err[:500]
    if s.parse is not None:
        _parse(s.parse, got.out)
    RESULTS[case.name] = (got.status, s.process, got.seconds)


def _fill(text: str, places: dict[str, str]) -> str:
    for key, value in places.items():
        text = text.replace(key, value)
    return text


def test_the_corpus_and_its_tally(capsys: pytest.CaptureFixture[str]) -> None:
    """At least 80 cases, each with its command and expectations; the tally of the cases run."""
    assert len(CASES) >= 80
    for case in CASES:
        s = spec(case)
        assert s.exits, case.name
        assert s.generate is None or s.generate.partition(":")[0] in GENERATORS, case.name
        assert len(list(case.glob("log.*"))) + (s.generate is not None) <= 1, case.name
    if RESULTS:
        statuses = sorted({status for status, _, _ in RESULTS.values()})
        by_status = ", ".join(
            f"exit {st}: {sum(1 for v in RESULTS.values() if v[0] == st)}" for st in statuses
        )
        process = sum(1 for _, p, _ in RESULTS.values() if p)
        slowest = max(RESULTS.items(), key=lambda kv: kv[1][2])
        with capsys.disabled():
            print(
                f"\nhostile logs: {len(RESULTS)} of {len(CASES)} cases passed ({by_status}); "
                f"{process} in their own process under RLIMIT_AS {MEMORY >> 20} MiB, all within "
                f"{SECONDS:.0f} s (slowest {slowest[0]}: {slowest[1][2]:.1f} s)"
            )
