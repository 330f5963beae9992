"""The probe builders of the activity, committee and meeting-discipline kinds
(``group_*``, ``activity_day``, ``committee_*``, ``attendance_discipline``, ``resolution_change``)
on parameters the shipped packs do not use, and
the exact bounds they probe."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from changrenzhi.kinds.committee.probes import months_back
from changrenzhi.probes import Probe, has_probes, kinds_without_builder, probes, setting_of
from changrenzhi.registry import default_registry
from support import Case, case_id, check_default_probes, check_drawn_probes, make_pack

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


def sides(kind: str, **params: Any) -> dict[tuple[str, str], list[bool]]:
    """(param, side) -> the predictions of the default probes."""
    pack = make_pack({"kind": kind, "params": params})
    out: dict[tuple[str, str], list[bool]] = {}
    for p in probes(pack.rules[0], setting_of(pack)):
        out.setdefault((p.param, p.side), []).append(p.expect_finding)
    return out


def test_every_kind_of_this_module_has_a_builder() -> None:
    registry = default_registry()
    assert all(k in registry and has_probes(registry.get(k)) for k in KINDS)
    assert not set(KINDS) & set(kinds_without_builder())
    assert {k for k, _ in RULES} == set(KINDS)


@pytest.mark.parametrize("case", RULES, ids=case_id)
def test_default_probes_come_out_as_predicted(case: Case) -> None:
    check_default_probes(case)


@pytest.mark.parametrize("case", RULES, ids=case_id)
@settings(max_examples=max(3, settings().max_examples // 3))  # many cases: a third of the profile each
@given(data=st.data())
def test_drawn_probes_come_out_as_predicted(case: Case, data: st.DataObject) -> None:
    check_drawn_probes(case, data)


def the(kind: str, param: str, side: str, **params: Any) -> Probe:
    """The one default probe of ``param`` on ``side``."""
    pack = make_pack({"kind": kind, "params": params})
    found = [p for p in probes(pack.rules[0], setting_of(pack)) if (p.param, p.side) == (param, side)]
    assert len(found) == 1, [p.label for p in found]
    return found[0]


def dated(probe: Probe, etype: str) -> list[str]:
    return [e["date"] for e in probe.events if e["type"] == etype]


def test_every_bound_of_a_rule_is_probed_on_both_sides() -> None:
    got = sides("committee_reception", min=1, max=2, posted_days=1, recorded=True, visitors_officers=True)
    assert got == {
        ("min", "at"): [False], ("min", "past"): [True], ("max", "at"): [False], ("max", "past"): [True],
        ("posted_days", "at"): [False], ("posted_days", "past"): [True], ("posted_days", "outside"): [True],
        ("recorded", "inside"): [False], ("recorded", "outside"): [True],
        ("visitors_officers", "inside"): [False], ("visitors_officers", "outside"): [True],
        ("rotation", "inside"): [False], ("rotation", "outside"): [True],
    }  # fmt: skip
    got = sides("committee_visit_month", max=1, groups={"min": 1, "max": 2}, scheduled_months=1, minutes=True)
    assert set(got) == {
        ("min", "at"), ("min", "past"), ("max", "at"), ("max", "past"),
        ("groups.min", "at"), ("groups.min", "past"), ("groups.max", "at"), ("groups.max", "past"),
        ("scheduled_months", "at"), ("scheduled_months", "past"), ("scheduled_months", "outside"),
        ("minutes", "at"), ("minutes", "past"), ("minutes", "outside"),
    }  # fmt: skip
    got = sides("group_activity", min=2, days={"min": 2, "max": 3})
    assert {k: v for k, v in got.items() if k[0].startswith("days")} == {
        ("days.min", "at"): [False], ("days.min", "past"): [True],
        ("days.max", "at"): [False], ("days.max", "past"): [True],
    }  # fmt: skip


@pytest.mark.parametrize(
    ("band", "totals"),
    [
        ({"min": 2, "max": 3}, {("days.min", "at"): 2, ("days.min", "past"): 1, ("days.max", "past"): 4}),
        ({"min": 2.5}, {("days.min", "at"): 2.5, ("days.min", "past"): 2}),
        ({"max": 1.2}, {("days.max", "at"): 1.2, ("days.max", "past"): 1.3}),
    ],
)
def test_days_of_activity_are_probed_in_the_unit_the_bound_is_written_in(
    band: dict[str, float], totals: dict[tuple[str, str], float]
) -> None:
    """累计2～3天: 2 days is enough, 1 is not; 2.5 is probed against 2, 1.2 against 1.3."""
    pack = make_pack({"kind": "group_activity", "params": {"min": 1, "days": band}})
    for p in probes(pack.rules[0], setting_of(pack)):
        if (p.param, p.side) in totals:
            days = sum(e["days"] for e in p.events if e["type"] == "group.activity")
            assert days == pytest.approx(totals[p.param, p.side]), p.label


def test_activity_day_is_probed_on_the_last_day_of_its_window() -> None:
    """七一前后15天: 16 June and 16 July are in, 15 June and 17 July out; the meeting's own day is out."""
    at = the("activity_day", "around", "at", around=15)
    past = the("activity_day", "around", "past", around=15)
    assert dated(at, "group.activity") == ["2011-07-16"] and not at.expect_finding
    assert dated(past, "group.activity") == ["2011-07-17"] and past.expect_finding
    at = the("activity_day", "before_meeting", "at", before_meeting=30)
    past = the("activity_day", "before_meeting", "past", before_meeting=30)
    same = the("activity_day", "before_meeting", "outside", before_meeting=30)
    for probe, gap in ((at, 30), (past, 31), (same, 0)):
        meeting = date.fromisoformat(dated(probe, "meeting.held")[0])
        activity = date.fromisoformat(dated(probe, "group.activity")[0])
        assert (meeting - activity).days == gap and probe.expect_finding == (gap != 30)


def test_an_anchor_at_the_year_end_is_probed_before_it() -> None:
    """12-25 ± 10: the day after the window would be in the next year; the window's start is probed."""
    past = the("activity_day", "around", "past", anchor="12-25", around=10)
    assert dated(past, "group.activity") == ["2011-12-14"]


def test_a_window_too_wide_for_a_year_gives_no_probe_past_it() -> None:
    pack = make_pack({"kind": "activity_day", "params": {"around": 200}})
    assert {p.param for p in probes(pack.rules[0], setting_of(pack))} == {"min"}


def test_day_offsets_are_probed_on_the_deadline_and_the_day_after() -> None:
    at = the("group_report", "days", "at", days=15)
    past = the("group_report", "days", "past", days=15)
    for probe, gap in ((at, 15), (past, 14)):
        meeting = date.fromisoformat(dated(probe, "meeting.held")[0])
        report = date.fromisoformat(dated(probe, "group.report")[0])
        assert (meeting - report).days == gap
    plan = the("group_plan", "plan_by", "past", plan_by="01-31")
    assert dated(plan, "group.plan") == ["2011-02-01"] and plan.expect_finding
    notice = the("group_plan", "announce_days", "past", plan_by=None, announce_days=0)
    (act,) = (e for e in notice.events if e["type"] == "group.activity")
    told_after = date.fromisoformat(act["announced"]) - date.fromisoformat(act["date"])
    assert told_after.days == 1 and notice.expect_finding  # 0 days: the same day will do, the day after not
    posted = the("committee_reception", "posted_days", "at", posted_days=1)
    (r,) = (e for e in posted.events if e["type"] == "committee.reception")
    assert (date.fromisoformat(r["date"]) - date.fromisoformat(r["posted"])).days == 1
    told = the("resolution_change", "notify_days", "past", notify_days=30)
    (ch,) = (e for e in told.events if e["type"] == "resolution.changed")
    assert (date.fromisoformat(ch["notified"]) - date.fromisoformat(ch["date"])).days == 31


@pytest.mark.parametrize(
    ("start", "months", "due"),
    [
        ("2011-05-31", 1, "2011-04-30"),  # 前一个月: April has no 31st
        ("2011-03-31", 1, "2011-02-28"),
        ("2012-03-30", 1, "2012-02-29"),
        ("2011-01-15", 1, "2010-12-15"),
        ("2011-05-31", 3, "2011-02-28"),
        ("2011-05-31", 0, "2011-05-31"),
    ],
)
def test_schedules_are_probed_whole_calendar_months_before(start: str, months: int, due: str) -> None:
    from changrenzhi.kinds.committee.rules import months_before

    assert months_back(date.fromisoformat(start), months) == date.fromisoformat(due)
    assert months_before(date.fromisoformat(start), months) == date.fromisoformat(due)


def test_a_visit_month_schedule_on_the_deadline_is_on_time() -> None:
    for side, late in (("at", 0), ("past", 1)):
        probe = the("committee_visit_month", "scheduled_months", side, min=0, scheduled_months=1)
        (m,) = (e for e in probe.events if e["type"] == "visit_month.held")
        due = months_back(date.fromisoformat(m["start"]), 1)
        assert (date.fromisoformat(m["scheduled"]) - due).days == late
        assert probe.subject == m["start"] and probe.expect_finding == bool(late)


def test_consent_counts_from_a_meeting_on_the_day_of_the_change() -> None:
    got = sides("resolution_change", without_consent="forbidden")
    assert got[("meeting_kinds", "at")] == [False] and got[("meeting_kinds", "past")] == [True]
    assert got[("without_consent", "outside")] == [True] and ("notify_days", "at") not in got
    assert sides("resolution_change")[("notify_days", "at")] == [False]
