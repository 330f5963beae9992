"""The probe builders on parameters the shipped packs do not use (ceilings, soft targets,
strict shares, other bases), the registry, and the shape of a probe."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from changrenzhi import read_events
from changrenzhi.kinds.base import Registry, RuleKind
from changrenzhi.kinds.meetings.params import QuorumParams
from changrenzhi.probes import (
    DEFAULTS,
    MAX_PROBE_EVENTS,
    MAX_RULE_PROBE_EVENTS,
    Budget,
    Setting,
    has_probes,
    kinds_without_builder,
    probes,
)
from changrenzhi.registry import BUILTIN_KINDS
from support import Case, case_id, check_default_probes, check_drawn_probes, make_pack

#: (kind, params): every numeric parameter of every kind with a builder, and the variants of their meaning
RULES: list[tuple[str, dict[str, Any]]] = [
    ("group_size", {"min": 3, "max": 5, "officers": ["leader", "deputy", "liaison"]}),
    ("group_size", {"min": 1, "period": "year"}),
    ("group_size", {"max": 2, "period": "month"}),
    ("group_size", {"every_rep_in_group": True, "period": "half"}),
    ("contact_roster", {"kinds": ["member", "citizen"], "count": {"min": 3, "max": 5}}),
    ("contact_roster", {"kinds": ["member"], "count": {"target": 10, "tolerance": 2}, "period": "year"}),
    (
        "contact_roster",
        {"kinds": ["village"], "count": {"min": 1, "max": 1}, "applies_to": {"category": ["a"]}},
    ),
    ("contact_frequency", {"period": "quarter", "min": 1}),
    ("contact_frequency", {"period": "year", "min": 3, "kinds": ["citizen"]}),
    ("committee_roster", {"of": "reps", "count": {"min": 1, "max": 2}}),
    ("committee_roster", {"of": "groups", "count": {"target": 3, "tolerance": 1}, "period": "year"}),
    ("committee_contact_frequency", {"of": "reps", "min": 2, "per": "each", "period": "half"}),
    ("committee_contact_frequency", {"of": "groups", "min": 6, "per": "total"}),
    ("study_frequency", {"period": "quarter", "min": 1, "max": 2}),
    ("study_frequency", {"period": "month", "min": 2}),
    ("study_days", {"min_days": 5}),
    ("study_days", {"min_days": 4.5, "sources": ["training"], "period": "half"}),
    ("study_days", {"min_days": 0.3, "sources": ["study"], "prorate": True}),
    ("study_absence_penalty", {}),
    ("study_absence_penalty", {"consecutive": 3, "consecutive_counts_excused": False, "unexcused": None}),
    ("study_absence_penalty", {"consecutive": None, "unexcused": 3, "appraisal_year": "next"}),
    ("training_coverage", {"span": "term", "min": 1}),
    ("training_coverage", {"span": "year", "min": 2}),
    ("annual_meeting", {"min": 1, "max": 2, "convened_by": "committee", "presidium": False}),
    ("annual_meeting", {"meeting_kind": "group", "period": "quarter", "min": 2, "preparatory": False}),
    ("annual_meeting", {"min": 0, "chaired_by": "secretary"}),
    ("quorum", {"share": "4/5"}),
    ("quorum", {"share": "1/2", "inclusive": False, "meeting_kinds": ["group"]}),
    ("quorum", {"share": 1}),
    ("vote_majority", {"base": "seated", "share": "1/2", "strict": True}),
    ("vote_majority", {"base": "present", "share": "2/3", "strict": False, "matters": ["personnel"]}),
    ("vote_majority", {"base": "cast", "share": "1/2", "meeting_kinds": ["annual"]}),
    ("ballot_method", {"matters": ["election", "personnel"]}),
    ("ballot_method", {"matters": ["other"], "method": "hands"}),
    ("agenda_deadline", {"days": 10}),
    ("agenda_deadline", {"days": 0, "what": "notified", "meeting_kinds": ["annual"]}),
    ("agenda_deadline", {"days": 3, "by": ["group"]}),
    ("agenda_threshold", {"reps_min": 10, "ad_hoc": {"groups_min": 2, "reps_share": "1/10"}}),
    ("agenda_threshold", {"must_list": {"reps_min": 10, "groups_min": 2}}),
    ("agenda_threshold", {"allowed": ["committee", "group"], "groups_min": 2, "must_list": {"reps_min": 3}}),
    ("agenda_threshold", {"ad_hoc": {"reps_share": "1/3"}, "reps_min": 2}),
]


@pytest.mark.parametrize("case", RULES, ids=case_id)
def test_default_probes_come_out_as_predicted(case: Case) -> None:
    check_default_probes(case)


@pytest.mark.parametrize("case", RULES, ids=case_id)
@settings(max_examples=max(3, settings().max_examples // 3))  # many cases: a third of the profile each
@given(data=st.data())
def test_drawn_probes_come_out_as_predicted(case: Case, data: st.DataObject) -> None:
    check_drawn_probes(case, data)


def test_every_numeric_bound_is_probed_on_both_sides() -> None:
    pack = make_pack({"kind": "group_size", "params": {"min": 10, "max": 15}})
    got = {(p.param, p.side): p for p in probes(pack.rules[0])}
    assert set(got) == {("min", "at"), ("min", "past"), ("max", "at"), ("max", "past")}
    assert [got["min", s].expect_finding for s in ("at", "past")] == [False, True]
    assert [got["max", s].expect_finding for s in ("at", "past")] == [False, True]
    assert got["min", "past"].label == "min one past the bound: 9 seated members"
    assert got["min", "at"].subject == "G1" and got["min", "at"].as_of == date(2011, 3, 31)


def test_shares_are_probed_on_the_exact_bound() -> None:
    """4/5 of a multiple of 5: exactly the share is enough (以上), one fewer is not; strict (超过) is not."""
    incl = make_pack({"kind": "quorum", "params": {"share": "4/5"}})
    strict = make_pack({"kind": "quorum", "params": {"share": "4/5", "inclusive": False}})
    at = {p.side: p.expect_finding for p in probes(incl.rules[0])}
    assert at == {"at": False, "past": True, "inside": False}
    at = {p.side: p.expect_finding for p in probes(strict.rules[0])}
    assert at == {"at": True, "past": True, "inside": False}


def test_probes_of_one_epoch_use_the_params_given() -> None:
    pack = make_pack({"kind": "study_frequency", "params": {"min": 1}})
    other = pack.rules[0].impl.params_model.model_validate({"min": 3})
    sides = {p.side: p for p in probes(pack.rules[0], params=other)}
    assert sides["past"].label == "min one past the bound: 2 sessions"


def test_probe_lines_are_a_valid_log() -> None:
    pack = make_pack({"kind": "contact_frequency", "params": {"min": 2}})
    probe = next(probes(pack.rules[0]))
    log = read_events(probe.lines(), name="p.jsonl")
    assert len(log) == len(probe.events)


class _NoProbes(RuleKind[QuorumParams]):
    """A third-party kind that builds no probes (its ``probes`` is :class:`RuleKind`'s)."""

    name = "nope"
    params_model = QuorumParams


def test_kinds_without_builder_are_listed() -> None:
    assert kinds_without_builder() == []
    registry = Registry([*BUILTIN_KINDS, _NoProbes])
    assert kinds_without_builder(registry) == ["nope"]
    assert not has_probes(registry.get("nope"))
    assert has_probes(registry.get("quorum")) and has_probes(registry.get("group_size"))
    pack = make_pack({"kind": "quorum", "params": {"share": "1/2"}})
    rule = pack.rules[0]
    assert list(probes(rule))
    # a kind without a builder yields nothing
    assert isinstance(rule.params, QuorumParams)
    assert list(_NoProbes().probes(rule.params, Setting(), DEFAULTS)) == []
    assert (
        list(probes(type(rule)(rule.spec.model_copy(update={"kind": "nope"}), rule.params, _NoProbes(), 0)))
        == []
    )


def test_every_built_in_kind_builds_its_own_probes() -> None:
    """One place per kind: the kind's class itself declares ``probes`` (none inherits another's)."""
    for kind in BUILTIN_KINDS:
        assert "probes" in vars(kind), kind.name
        assert has_probes(kind()), kind.name


def test_defaults_answer_plainly() -> None:
    assert DEFAULTS.integer(3, 9) == 3 and DEFAULTS.choice(["a", "b"]) == "a"


# ---- bounded work ------------------------------------------------------------------------
def test_a_probe_never_holds_more_than_max_probe_events() -> None:
    # 1000 members is within the bounds of a count; the group's probes of min and max fit
    pack = make_pack({"kind": "group_size", "params": {"min": 1000, "max": 1000}})
    budget = Budget()
    got = list(probes(pack.rules[0], budget=budget))
    assert got and all(len(p.events) <= MAX_PROBE_EVENTS for p in got)
    assert sum(len(p.events) for p in got) <= MAX_RULE_PROBE_EVENTS
    # 100 activities of 100 names each, 1000 times a year per group: far more than a probe holds
    names = [{"name": f"a{i}", "aliases": [f"a{i}-{j}" for j in range(99)]} for i in range(100)]
    big = make_pack({"kind": "named_activity", "params": {"activities": names, "min": 1000, "per": "group"}})
    budget = Budget()
    assert list(probes(big.rules[0], budget=budget)) == [] and budget.cut


def test_a_rule_asking_for_more_days_than_a_period_has_is_cut_not_a_crash() -> None:
    pack = make_pack({"kind": "annual_meeting", "params": {"min": 40, "period": "month"}})
    budget = Budget()
    assert list(probes(pack.rules[0], budget=budget)) == [] and budget.cut


def test_the_probes_of_a_rule_share_one_budget() -> None:
    shares = [{"category": [f"c{i}"], "min": "1/1000"} for i in range(100)]
    pack = make_pack({"kind": "composition", "params": {"shares": shares}})
    budget = Budget()
    got = list(probes(pack.rules[0], budget=budget))
    assert budget.cut and 0 < sum(len(p.events) for p in got) <= MAX_RULE_PROBE_EVENTS


def test_an_epoch_too_late_in_the_calendar_is_not_probed() -> None:
    """Probes of an epoch run a term and some deadlines past its start: none reaches past 2199."""
    dated = {"dated": [{"from": "1900-01-01", "value": 3}, {"from": "2150-01-01", "value": 4},
                       {"from": "2199-12-31", "value": 5}]}  # fmt: skip
    pack = make_pack({"kind": "group_size", "params": {"min": dated}}, term_years=20)
    got = list(probes(pack.rules[0]))
    assert {p.epoch for p in got} == {"until 2149-12-31", "from 2150-01-01 to 2199-12-30"}
    assert max(p.as_of for p in got) <= date(2199, 12, 31)
    assert all(e["date"] <= "2199-12-31" for p in got for e in p.events)
