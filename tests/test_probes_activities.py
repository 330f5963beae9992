"""The probe builders of the activity, committee and meeting-discipline kinds
(:mod:`changrenzhi.probes_activities`) on parameters the shipped packs do not use, and
the exact bounds they probe."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any, TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from changrenzhi import evaluate, read_events
from changrenzhi.pack import Pack
from changrenzhi.probes import BUILDERS, Probe, Setting, kinds_without_builder, probes, setting_of
from support import make_pack

T = TypeVar("T")

KINDS = (
    "group_activity",
    "activity_day",
    "group_plan",
    "group_report",
    "committee_reception",
    "committee_visit_month",
    "attendance_discipline",
    "resolution_change",
)

#: (kind, params): every numeric parameter and every requirement of these kinds, and their variants
RULES: list[tuple[str, dict[str, Any]]] = [
    ("group_activity", {}),
    ("group_activity", {"period": "quarter", "min": 2, "whole_group": False}),
    ("group_activity", {"min": None, "days": {"min": 2, "max": 3}}),
    ("group_activity", {"min": 1, "days": {"min": 2.5, "period": "half"}}),
    ("group_activity", {"period": "year", "min": 2, "days": {"max": 1.5, "period": "quarter"}}),
    ("group_activity", {"period": "quarter", "whole_group": False, "days": {"min": 0.5, "max": 4}}),
    ("group_activity", {"period": "month", "min": 1, "days": {"min": 1, "max": 2, "period": "quarter"}}),
    ("activity_day", {"around": 15}),
    ("activity_day", {"around": 15, "before_meeting": 30, "min": 2}),
    ("activity_day", {"before_meeting": 10, "meeting_kinds": ["group", "annual"], "whole_group": True}),
    ("activity_day", {"anchor": "12-25", "around": 10, "before_meeting": 7}),
    ("activity_day", {"anchor": "01-03", "around": 5, "whole_group": True, "min": 3}),
    ("activity_day", {"around": 0}),
    ("group_plan", {}),
    ("group_plan", {"plan_by": "03-31", "announce_days": 3, "theme": True, "attendance": True}),
    ("group_plan", {"plan_by": None, "announce_days": 0}),
    ("group_plan", {"plan_by": "12-31", "theme": True}),
    ("group_plan", {"plan_by": None, "attendance": True, "announce_days": 1}),
    ("group_report", {}),
    ("group_report", {"days": 0, "meeting_kinds": ["group"]}),
    ("group_report", {"days": 40, "meeting_kinds": ["annual", "committee"]}),
    ("committee_reception", {}),
    ("committee_reception", {"min": 2, "max": 3, "period": "quarter", "rotation": False}),
    ("committee_reception", {"min": None, "max": 1, "posted_days": 1, "recorded": True}),
    ("committee_reception", {"posted_days": 0, "visitors_officers": True, "period": "half"}),
    ("committee_reception", {"min": None, "rotation": False, "recorded": True}),
    ("committee_visit_month", {}),
    ("committee_visit_month", {"min": 1, "max": 1, "groups": {"min": 1, "max": 2}}),
    ("committee_visit_month", {"min": 0, "scheduled_months": 1, "minutes": True}),
    ("committee_visit_month", {"period": "year", "min": 2, "groups": {"min": 3}, "scheduled_months": 2}),
    ("committee_visit_month", {"period": "quarter", "min": 0, "groups": {"max": 1}, "scheduled_months": 0}),
    ("attendance_discipline", {}),
    ("attendance_discipline", {"meeting_kinds": ["group", "annual"]}),
    ("resolution_change", {}),
    ("resolution_change", {"notify_days": 0, "meeting_kinds": ["annual", "committee"]}),
    ("resolution_change", {"without_consent": "forbidden"}),
]


class Drawn:
    def __init__(self, data: st.DataObject) -> None:
        self.data = data

    def integer(self, lo: int, hi: int) -> int:
        return self.data.draw(st.integers(lo, hi))

    def choice(self, options: Sequence[T]) -> T:
        return self.data.draw(st.sampled_from(list(options)))


def judged(pack: Pack, probe: Probe) -> bool:
    lines = [json.dumps(e, ensure_ascii=False) for e in probe.events]
    report = evaluate(pack, read_events(lines, name="probe.jsonl"), probe.as_of)
    return any(f.subject == probe.subject and f.status != "pending" for f in report.findings)


def _id(case: tuple[str, dict[str, Any]]) -> str:
    return case[0] + "-" + "-".join(f"{k}={v}" for k, v in sorted(case[1].items()))[:60]


def sides(kind: str, **params: Any) -> dict[tuple[str, str], list[bool]]:
    """(param, side) -> the predictions of the default probes."""
    pack = make_pack({"kind": kind, "params": params})
    out: dict[tuple[str, str], list[bool]] = {}
    for p in probes(pack.rules[0], setting_of(pack)):
        out.setdefault((p.param, p.side), []).append(p.expect_finding)
    return out


def test_every_kind_of_this_module_has_a_builder() -> None:
    assert all(k in BUILDERS for k in KINDS)
    assert not set(KINDS) & set(kinds_without_builder())
    assert {k for k, _ in RULES} == set(KINDS)


@pytest.mark.parametrize("case", RULES, ids=_id)
def test_default_probes_come_out_as_predicted(case: tuple[str, dict[str, Any]]) -> None:
    kind, params = case
    pack = make_pack({"kind": kind, "params": params})
    found = list(probes(pack.rules[0], setting_of(pack)))
    assert any(p.expect_finding for p in found) and any(not p.expect_finding for p in found)
    for probe in found:
        assert probe.rule == "t.rule-0" and probe.kind == kind
        read_events(probe.lines(), name="p.jsonl")  # a valid log
        assert judged(pack, probe) == probe.expect_finding, probe.label


@pytest.mark.parametrize("case", RULES, ids=_id)
@settings(max_examples=max(3, settings().max_examples // 3))
@given(data=st.data())
def test_drawn_probes_come_out_as_predicted(case: tuple[str, dict[str, Any]], data: st.DataObject) -> None:
    kind, params = case
    pack = make_pack({"kind": kind, "params": params}, term_years=data.draw(st.sampled_from([3, 5])))
    year = data.draw(st.integers(2005, 2020))
    for probe in probes(pack.rules[0], Setting(pack.term_years or 5, date(year, 1, 1)), Drawn(data)):
        assert judged(pack, probe) == probe.expect_finding, (probe.label, probe.events)
