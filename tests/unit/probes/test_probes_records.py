"""The probe builders of the proposals, inspections, reps, elections, appraisal and named-activity
kinds on parameters the shipped packs do not use: other forms, modes and deadlines, ceilings,
strict shares, other bases, switches turned the other way."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from changrenzhi.probes import Probe, has_probes, kinds_without_builder, probes, setting_of
from changrenzhi.registry import default_registry
from support import Case, case_id, check_default_probes, check_drawn_probes, make_pack

#: (kind, params): every numeric parameter and switch of these kinds
RULES: list[Any] = [
    ("proposal_sponsors", {"min": {"proposal": 10, "suggestion": 1}}),
    ("proposal_sponsors", {"min": {"inquiry": 3}}),
    ("proposal_response", {"forms": ["inquiry"], "fallback": "year"}),
    ("proposal_response", {"days": 30, "modes": ["face_to_face"], "use_due": False}),
    (
        "proposal_response",
        {"days": 0, "forms": ["proposal", "suggestion"], "modes": ["written", "at_meeting"]},
    ),
    ("proposal_response", {"fallback": "term", "use_due": True}),
    ("inspection_notice", {"min_days": 5, "max_days": 10}),
    ("inspection_notice", {"min_days": 0, "max_days": 0, "require_notice": False}),
    ("inspection_notice", {"max_days": 3}),
    ("inspection_frequency", {"min": 1, "max": 2}),
    ("inspection_frequency", {"period": "half", "min": 2}),
    ("inspection_frequency", {"period": "quarter", "min": 0, "max": 1}),
    ("inspection_report", {"days": 15}),
    ("inspection_report", {"days": 0}),
    ("inspection_report", {"fallback": "term"}),
    ("rep_report", {"period": "year", "min": 1, "months": [12], "to": ["unit"]}),
    ("rep_report", {"period": "half", "min": 2, "to": ["branch", "group"]}),
    ("rep_report", {"period": "term", "min": 3, "applies_to": {"category": ["city_rep"]}}),
    ("rep_report", {"period": "year", "min": 1, "months": [6, 7]}),
    ("rep_minimum", {"events": ["rep.suggested"]}),
    ("rep_minimum", {"events": ["proposal.filed"], "forms": ["proposal"], "min": 2, "period": "year"}),
    (
        "rep_minimum",
        {
            "events": [
                "contact.visit",
                "study.session",
                "group.activity",
                "activity.held",
                "inspection.held",
                "training.held",
                "pledge.made",
                "rep.reported",
            ],
            "min": 3,
            "period": "half",
            "applies_to": {"unit": ["U1"]},
        },
    ),
    ("credentials", {"days": 30}),
    ("credentials", {"days": 0, "applies_to": {"category": ["a"]}}),
    ("term_length", {"years": 5}),
    ("term_length", {"years": 3, "missing": "finding", "early": False}),
    ("term_length", {"years": 1}),
    ("seat_validity", {"days": 30}),
    ("seat_validity", {"days": 0, "acting": False}),
    (
        "seat_validity",
        {"days": 10, "acting_events": ["meeting.held", "committee.reception", "proposal.filed"]},
    ),
    # a grace period longer than the rest of the term: the seat lapses with its term, and a
    # disqualification dated after that takes no seat (roster), so nothing is late
    ("seat_validity", {"days": 2000}),
    ("pledge", {}),
    (
        "composition",
        {
            "shares": [
                {"label": "女", "gender": "female", "min": "1/4"},
                {"category": ["leader", "cadre"], "max": "1/2", "above": "1/5"},
            ]
        },
    ),
    (
        "composition",
        {
            "at": "as_of",
            "unknown": "count",
            "shares": [{"age_max": 50, "below": "2/3"}, {"age_min": 30, "target": "49/100"}],
        },
    ),
    ("composition", {"shares": [{"label": "军警", "category": "army", "target": "1/100", "tolerance": 0}]}),
    (
        "election_margin",
        {"ballots": "general", "margin": "2/5", "exempt": ["boss"], "categories": ["boss", "a"]},
    ),
    ("election_margin", {"margin": "1/5", "base": "candidates", "min_extra": 2}),
    (
        "election_margin",
        {"ballots": "by_election", "min_extra": 1, "independent": True, "categories": ["a", "b"]},
    ),
    ("election_margin", {"steps": ["登记", "推选", "公示", "直选"]}),
    (
        "publicity",
        {"items": [{"what": "voters", "when": "before"}, {"what": "results", "when": "after", "days": 3}]},
    ),
    (
        "publicity",
        {
            "ballots": "all",
            "items": [
                {"what": "candidates", "when": "before", "days": 5},
                {"what": "results", "when": "after", "days": 0},
            ],
        },
    ),
    ("publicity", {"ballots": "by_election", "items": [{"what": "results", "when": "after", "days": 7}]}),
    ("rep_listing", {"places": ["residence", "unit"], "what": "rep_listing", "days": 60}),
    ("rep_listing", {"places": ["board"], "days": 0}),
    ("appraisal", {"subjects": "reps"}),
    (
        "appraisal",
        {
            "subjects": "committee",
            "window": {"start": "12-01", "end": "01-20"},
            "allowed": ["excellent", "competent", "incompetent"],
        },
    ),
    ("appraisal", {"subjects": "reps", "every_year": False, "window": {"start": "03-01", "end": "03-31"}}),
    (
        "appraisal",
        {
            "rounds": True,
            "secret": True,
            "min_dimensions": 3,
            "panel_min": 2,
            "panel_max": 4,
            "panel_leader": True,
        },
    ),
    ("appraisal", {"panel_from": "group_leaders", "panel_complete": True}),
    ("appraisal", {"panel_from": "group_officers", "panel_min": 1}),
    ("named_activity", {"activities": ["座谈会"], "min": 1}),
    (
        "named_activity",
        {
            "activities": [{"name": "接待日", "aliases": ["信访接待日"]}, "座谈会"],
            "period": "quarter",
            "min": 1,
            "max": 2,
            "per": "group",
        },
    ),
    ("named_activity", {"activities": ["走访"], "period": "month", "min": 2}),
    ("meeting_invitation", {"meeting_kinds": ["party_committee"], "min_invited": 2}),
    ("meeting_invitation", {"meeting_kinds": ["a", "b"], "seated_only": False}),
    ("pledge", {"require_published": False, "skip_unseated": True}),
]


@pytest.mark.parametrize("case", RULES, ids=case_id)
def test_default_probes_come_out_as_predicted(case: Case) -> None:
    check_default_probes(case)


@pytest.mark.parametrize("case", RULES, ids=case_id)
@settings(max_examples=max(3, settings().max_examples // 3))  # many cases: a third of the profile each
@given(data=st.data())
def test_drawn_probes_come_out_as_predicted(case: Case, data: st.DataObject) -> None:
    check_drawn_probes(case, data)


MINE = {
    "proposal_sponsors",
    "proposal_response",
    "inspection_notice",
    "inspection_frequency",
    "inspection_report",
    "rep_report",
    "rep_minimum",
    "credentials",
    "term_length",
    "seat_validity",
    "pledge",
    "composition",
    "election_margin",
    "publicity",
    "rep_listing",
    "appraisal",
    "named_activity",
    "meeting_invitation",
}


def test_every_kind_of_the_module_has_a_builder_and_a_case() -> None:
    registry = default_registry()
    assert all(k in registry and has_probes(registry.get(k)) for k in MINE)
    assert not MINE & set(kinds_without_builder())
    cases = {(c.values[0] if hasattr(c, "values") else c)[0] for c in RULES}
    assert cases == MINE


def _sides(kind: str, params: dict[str, Any]) -> dict[tuple[str, str], list[Probe]]:
    pack = make_pack({"kind": kind, "params": params})
    out: dict[tuple[str, str], list[Probe]] = {}
    for p in probes(pack.rules[0], setting_of(pack)):
        out.setdefault((p.param, p.side), []).append(p)
    return out


def test_shares_of_a_composition_are_probed_on_an_exact_multiple() -> None:
    """以上 (min) is met on the bound itself, 超过 (above) is not; one more rep meets both."""
    incl = _sides("composition", {"shares": [{"gender": "female", "min": "1/4"}]})
    strict = _sides("composition", {"shares": [{"gender": "female", "above": "1/4"}]})
    for sides, at in ((incl, False), (strict, True)):
        key = next(k for k in sides if k[1] == "at")
        probe = sides[key][0]
        seated = sum(e["type"] == "rep.elected" for e in probe.events)
        women = sum(e.get("gender") == "female" for e in probe.events)
        assert 4 * women == seated  # exactly a quarter
        assert probe.expect_finding is at
        assert [p.expect_finding for p in sides[key[0], "past"]] == [True]
    assert [p.expect_finding for p in strict["shares.gender=female.above", "inside"]] == [False]


def test_deadlines_are_probed_on_the_day_and_the_day_after() -> None:
    sides = _sides("proposal_response", {"days": 30, "forms": ["inquiry"]})
    at, past = sides["days", "at"][0], sides["days", "past"][0]
    filed = date.fromisoformat(next(e for e in at.events if e["type"] == "proposal.filed")["date"])
    answered = [date.fromisoformat(e["date"]) for p in (at, past) for e in p.events
                if e["type"] == "proposal.answered"]  # fmt: skip
    assert [(d - filed).days for d in answered] == [30, 31]
    assert (at.expect_finding, past.expect_finding) == (False, True)
    assert past.as_of > answered[1]  # the late answer is in the log the rule sees


def test_counts_are_probed_on_the_bound_and_one_past_it() -> None:
    sides = _sides("inspection_frequency", {"min": 1, "max": 2})
    got = {k: [p.expect_finding for p in v] for k, v in sides.items()}
    assert got == {
        ("min", "at"): [False],
        ("min", "past"): [True],
        ("max", "at"): [False],
        ("max", "past"): [True],
    }
    assert sides["max", "past"][0].label == "max one past the bound: 3 inspections"


def test_a_rule_about_an_event_names_it_as_the_subject() -> None:
    """term_length and the form of an appraisal round speak about an event: its id is the subject."""
    for kind, params in (("term_length", {"years": 5}), ("appraisal", {"secret": True})):
        for probe in (p for ps in _sides(kind, params).values() for p in ps):
            assert probe.subject in {e["id"] for e in probe.events}, probe.label


def test_switches_turned_off_predict_no_finding() -> None:
    off = _sides("inspection_notice", {"min_days": 5, "require_notice": False})
    assert [p.expect_finding for p in off["require_notice", "outside"]] == [False]
    on = _sides("inspection_notice", {"min_days": 5})
    assert [p.expect_finding for p in on["require_notice", "outside"]] == [True]
    lax = _sides("seat_validity", {"days": 30, "acting": False})
    assert [p.expect_finding for p in lax["acting", "outside"]] == [False]
