"""Helpers shared by the tests: build packs and logs in memory, run the engine."""

from __future__ import annotations

import functools
import io
import json
import subprocess
import sys
import sysconfig
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from changrenzhi import EventLog, Pack, PackError, Report, evaluate, load_pack, loads_pack, read_events
from changrenzhi.cli import main

SEED = "000_4d6d1418da65ff90.txt"


@functools.cache
def shipped_pack(name: str) -> Pack:
    """A shipped pack by name, loaded once per test session (a :class:`Pack` is immutable).

    For tests that use a shipped pack; the tests of loading itself call ``load_pack``."""
    return load_pack(name)


@functools.cache
def refusal(folder: Path) -> PackError | None:
    """What ``load_pack(folder)`` raises (None when it loads), once per test session.

    The corpus of broken packs is checked against the loader's refusal by more than one
    module (test_invalid_packs, test_lint); some cases (an alias bomb) take a while to refuse."""
    try:
        load_pack(folder)
    except PackError as exc:
        return exc
    return None


#: packs made by :func:`make_pack`, by the ``repr`` of its arguments
_MADE: dict[str, Pack] = {}


def make_pack(*rules: Mapping[str, Any], term_years: int | None = None, presence: str = "half") -> Pack:
    """A pack around the given rules. Each rule needs ``kind`` and ``params``; id and citation default.

    Written as YAML and read by :func:`loads_pack`, as a pack file is; the same arguments give
    the same pack, so it is made once per test session (a :class:`Pack` is immutable). A pack
    that does not load raises :class:`PackError` every time (nothing is kept)."""
    key = repr(([dict(r) for r in rules], term_years, presence))
    made = _MADE.get(key)
    if made is None:
        made = _MADE[key] = _make_pack(rules, term_years, presence)
    return made


def _make_pack(rules: Iterable[Mapping[str, Any]], term_years: int | None, presence: str) -> Pack:
    full = []
    for i, r in enumerate(rules):
        rule = {"id": f"t.rule-{i}", "citation": {"source": SEED, "line": 81, "text": "每季度不得少于一次"}}
        rule.update(r)
        full.append(rule)
    doc: dict[str, Any] = {
        "format": "changrenzhi.pack/1",
        "id": "test",
        "name": "测试",
        "locality": "测试乡",
        "document": {"title": "测试", "sources": [{"file": SEED, "first_line": 1, "last_line": 225}]},
        "term": {"presence": presence} | ({"years": term_years} if term_years else {}),
        "rules": full,
    }
    return loads_pack(yaml.safe_dump(doc, allow_unicode=True), file="test-pack.yaml")


def make_log(events: Iterable[Mapping[str, Any]]) -> EventLog:
    """Events as dicts -> a validated log. Missing ids are filled in as e1, e2, ..."""
    lines = []
    for i, e in enumerate(events, 1):
        ev = dict(e)
        ev.setdefault("id", f"e{i}")
        lines.append(json.dumps(ev, ensure_ascii=False))
    return read_events(lines, name="test.jsonl")


def run(pack: Pack, events: Iterable[Mapping[str, Any]] | EventLog, as_of: str | date) -> Report:
    log = events if isinstance(events, EventLog) else make_log(events)
    when = as_of if isinstance(as_of, date) else date.fromisoformat(as_of)
    return evaluate(pack, log, when)


def town(
    reps: int = 12,
    *,
    day: str = "2011-01-04",
    group: str | None = "G1",
    prefix: str = "R",
    term_years: int = 5,
) -> list[dict[str, Any]]:
    """A congress, ``reps`` reps elected on ``day`` and (optionally) one group holding them all,
    led by the first rep with the second as deputy and the third as liaison."""
    names = [f"{prefix}{i:02d}" for i in range(1, reps + 1)]
    out: list[dict[str, Any]] = [
        {"id": "congress", "type": "congress.opened", "date": day, "term_years": term_years}
    ]
    out += [{"id": f"elect-{n}", "type": "rep.elected", "date": day, "rep": n} for n in names]
    if group:
        out.append(
            {
                "id": f"form-{group}",
                "type": "group.formed",
                "date": day,
                "group": group,
                "members": names,
                "leader": names[0],
                "deputy": names[1],
                "liaison": names[2],
            }
        )
    return out


def statuses(report: Report, rule: str | None = None) -> list[str]:
    return [f.status for f in report.findings if rule is None or f.rule == rule]


STREAMS = ("stdin", "stdout", "stderr")


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command line in this process, as :func:`run_process` runs it in another one.

    ``changrenzhi.cli.main(args)`` with stdin, stdout and stderr replaced by UTF-8 buffers;
    an argparse exit becomes the return code. An exception that escapes ``main`` is not
    caught: it fails the test, which is stricter than looking for "Traceback" on stderr.
    Starting a Python process costs about half a second, so only the tests about the
    process itself (the installed script, its exit status, stdin, no traceback) use
    :func:`run_process`; the CLI's output and exit status are the same either way.
    """
    raw = {name: io.BytesIO(b"" if name != "stdin" else (stdin or "").encode("utf-8")) for name in STREAMS}
    streams = {name: io.TextIOWrapper(raw[name], encoding="utf-8", newline="") for name in STREAMS}
    saved = {name: getattr(sys, name) for name in STREAMS}
    try:
        for name in STREAMS:
            setattr(sys, name, streams[name])
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse: usage errors, --version, --help
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    finally:
        for name in STREAMS:
            setattr(sys, name, saved[name])
    out = []
    for name in ("stdout", "stderr"):
        streams[name].flush()
        # read back as subprocess.run(text=True) does: UTF-8 with universal newlines
        out.append(io.TextIOWrapper(io.BytesIO(raw[name].getvalue()), encoding="utf-8").read())
    return subprocess.CompletedProcess(["changrenzhi", *args], code, out[0], out[1])


def _script() -> list[str]:
    """The installed ``changrenzhi`` console script, or ``python -m changrenzhi`` without one."""
    script = Path(sysconfig.get_path("scripts")) / "changrenzhi"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "changrenzhi"]


def run_process(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed ``changrenzhi`` script as a separate process, as a user would."""
    return subprocess.run(
        [*_script(), *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
