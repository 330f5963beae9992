"""What the probe tests share (test_probes*.py, test_boundaries.py).

:class:`Drawn` answers a probe builder's free choices with Hypothesis; :func:`judged` runs a
probe's log through the engine; :func:`check_default_probes` and :func:`check_drawn_probes` are the
two checks every parameter set of a kind goes through.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any, TypeVar

from hypothesis import strategies as st

from changrenzhi import evaluate, read_events
from changrenzhi.pack.model import Pack
from changrenzhi.probes import Probe, Setting, probes, setting_of
from support import make_pack

T = TypeVar("T")
Case = tuple[str, dict[str, Any]]


class Drawn:
    """:class:`~changrenzhi.probes.Choices` answered by Hypothesis."""

    def __init__(self, data: st.DataObject) -> None:
        self.data = data

    def integer(self, lo: int, hi: int) -> int:
        return self.data.draw(st.integers(lo, hi))

    def choice(self, options: Sequence[T]) -> T:
        return self.data.draw(st.sampled_from(list(options)))


def judged(pack: Pack, probe: Probe, events: Sequence[dict[str, Any]] | None = None) -> bool:
    """Whether ``pack`` finds something settled (not ``pending``) about the probe's subject."""
    lines = [json.dumps(e, ensure_ascii=False) for e in (probe.events if events is None else events)]
    report = evaluate(pack, read_events(lines, name="probe.jsonl"), probe.as_of)
    return any(f.subject == probe.subject and f.status != "pending" for f in report.findings)


def case_id(case: Case) -> str:
    return case[0] + "-" + "-".join(f"{k}={v}" for k, v in sorted(case[1].items()))[:60]


def check_default_probes(case: Case) -> None:
    """The probes of one rule, with the builder's defaults: both outcomes occur, every log is valid,
    and the engine agrees with every prediction."""
    kind, params = case
    pack = make_pack({"kind": kind, "params": params})
    found = list(probes(pack.rules[0], setting_of(pack)))
    assert any(p.expect_finding for p in found) and any(not p.expect_finding for p in found)
    for probe in found:
        assert probe.rule == "t.rule-0" and probe.kind == kind
        read_events(probe.lines(), name="p.jsonl")  # a valid log
        assert judged(pack, probe) == probe.expect_finding, (probe.label, probe.events)


def check_drawn_probes(case: Case, data: st.DataObject) -> None:
    """The same with Hypothesis choosing the term, the year and everything a probe leaves free."""
    kind, params = case
    pack = make_pack({"kind": kind, "params": params}, term_years=data.draw(st.sampled_from([3, 5])))
    year = data.draw(st.integers(2005, 2020))
    for probe in probes(pack.rules[0], Setting(pack.term_years or 5, date(year, 1, 1)), Drawn(data)):
        assert judged(pack, probe) == probe.expect_finding, (probe.label, probe.events)
