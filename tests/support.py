"""Helpers shared by the tests: build packs and logs in memory, run the engine."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import yaml

from changrenzhi import EventLog, Pack, Report, evaluate, loads_pack, read_events

SEED = "000_4d6d1418da65ff90.txt"


def make_pack(*rules: Mapping[str, Any], term_years: int | None = None, presence: str = "half") -> Pack:
    """A pack around the given rules. Each rule needs ``kind`` and ``params``; id and citation default."""
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


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m changrenzhi`` as a separate process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "changrenzhi", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
