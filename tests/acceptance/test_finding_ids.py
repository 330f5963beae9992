"""Finding ids on the shipped packs and examples (docs/FINDING-IDS.md): unique in every report the
golden outputs cover, and unmoved by a lapse mended elsewhere."""

from __future__ import annotations

import functools
import json
from datetime import date

import pytest

from changrenzhi import EventLog, Report, evaluate, read_events
from support import ROOT, shipped_pack

from .golden import EXAMPLES, EXTRA_DATES, log_of


@functools.cache
def _lines(name: str) -> tuple[str, ...]:
    return tuple((ROOT / log_of(name)).read_text(encoding="utf-8").splitlines())


def _log(name: str, *more: dict[str, str]) -> EventLog:
    return read_events([*_lines(name), *(json.dumps(e) for e in more)], name=f"{name}.jsonl")


@pytest.mark.parametrize("pack", sorted(EXAMPLES))
def test_ids_are_unique_in_every_report_of_the_examples(pack: str) -> None:
    """Every shipped pack on every example log, at the examples' dates and the golden ones: the
    engine refuses two findings about one thing, and no two ids agree."""
    checked = 0
    for log in sorted(EXAMPLES):
        events = _log(log)
        for day in sorted({EXAMPLES[log][1], *EXTRA_DATES}):
            report = evaluate(shipped_pack(pack), events, date.fromisoformat(day))
            ids = report.finding_ids()
            assert len(set(ids)) == len(ids), (pack, log, day)
            checked += len(ids)
    assert checked > 100


def _by_id(report: Report) -> dict[str, str]:
    return {report.id_of(f): json.dumps(f.to_json(), ensure_ascii=False) for f in report.findings}


def test_mending_r005_m09_moves_no_other_id() -> None:
    """guoyuan as of 2010-09-20: R005 has visited neither R005-M09 nor R005-M10 in 2010 Q3. With
    suffixed ids, R005-M09's finding had ``9f56a3c7`` and R005-M10's ``9f56a3c7-2``; a visit to
    R005-M09 handed ``9f56a3c7`` to R005-M10. Now the visit takes away one finding, and every
    other finding keeps its id (and all the rest of it)."""
    pack, as_of = shipped_pack("guoyuan"), date(2010, 9, 20)
    before = _by_id(evaluate(pack, _log("guoyuan"), as_of))
    visit = {
        "id": "mend-1",
        "type": "contact.visit",
        "date": "2010-09-01",
        "rep": "R005",
        "person": "R005-M09",
    }
    after = _by_id(evaluate(pack, _log("guoyuan", visit), as_of))
    [mended] = [i for i in before if i not in after]
    assert "R005-M09" in before[mended] and "2010-07-01" in before[mended]
    assert after == {i: f for i, f in before.items() if i != mended}
    assert any("R005-M10" in f for f in after.values())
