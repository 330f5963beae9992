"""contact_roster, contact_frequency, committee_roster, committee_contact_frequency:
boundaries, the roster over time, the calendar, filters and parameter checks.

Quarters of 2011: Q1 has 90 days, Q2 91, Q3 and Q4 92; a subject owes a quarter
when it existed for at least half of it (46 of 91 days, 46 of 92).
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from typing import Any

import pytest

from changrenzhi import Report, evaluate
from changrenzhi.errors import PackError
from changrenzhi.events import CongressOpened, Contact, ContactAssigned, ContactVisit, EventLog, RepElected
from support import make_pack, run, statuses, town

Ev = dict[str, Any]
Row = tuple[str, str, str, tuple[str, ...]]


# ---- builders ---------------------------------------------------------------
def assign(rep: str, day: str, *people: str | tuple[str, str], eid: str | None = None) -> Ev:
    """A contact.assigned event; a bare person id is a ``member``."""
    contacts = [
        {"person": p, "kind": "member"} if isinstance(p, str) else {"person": p[0], "kind": p[1]}
        for p in people
    ]
    return {
        "id": eid or f"as-{rep}-{day}",
        "type": "contact.assigned",
        "date": day,
        "rep": rep,
        "contacts": contacts,
    }


def visits(rep: str, person: str, *days: str) -> list[Ev]:
    return [
        {"id": f"v-{rep}-{person}-{i}-{d}", "type": "contact.visit", "date": d, "rep": rep, "person": person}
        for i, d in enumerate(days)
    ]


def appoint(member: str, day: str = "2011-01-04") -> Ev:
    return {"id": f"ap-{member}", "type": "committee.appointed", "date": day, "member": member}


def cassign(
    member: str,
    day: str,
    *,
    reps: list[str] | None = None,
    groups: list[str] | None = None,
    eid: str | None = None,
) -> Ev:
    ev: Ev = {"id": eid or f"ca-{member}-{day}", "type": "committee.assigned", "date": day, "member": member}
    if reps is not None:
        ev["reps"] = reps
    if groups is not None:
        ev["groups"] = groups
    return ev


def cvisits(member: str, *days: str, rep: str | None = None, group: str | None = None) -> list[Ev]:
    out = []
    for i, d in enumerate(days):
        ev: Ev = {
            "id": f"cv-{member}-{rep or group}-{i}-{d}",
            "type": "committee.visit",
            "date": d,
            "member": member,
        }
        if rep is not None:
            ev["rep"] = rep
        if group is not None:
            ev["group"] = group
        out.append(ev)
    return out


def elect(rep: str, day: str, eid: str | None = None, **attrs: Any) -> Ev:
    return {"id": eid or f"elect-{rep}", "type": "rep.elected", "date": day, "rep": rep, **attrs}


def disqualify(rep: str, day: str) -> Ev:
    return {
        "id": f"dq-{rep}",
        "type": "rep.disqualified",
        "date": day,
        "rep": rep,
        "reason": "membership_transferred",
    }


def rows(report: Report) -> list[Row]:
    """(subject, period start, status, evidence) of every finding, in report order."""
    return [
        (f.subject, f.period.start.isoformat() if f.period else "", f.status, f.evidence)
        for f in report.findings
    ]


def roster_pack(**params: Any) -> Any:
    base: dict[str, Any] = {"kinds": ["member", "citizen"], "count": {"min": 3, "max": 5}}
    base.update(params)
    return make_pack({"kind": "contact_roster", "params": base})


def freq_pack(**params: Any) -> Any:
    base: dict[str, Any] = {"period": "quarter", "min": 2}
    base.update(params)
    return make_pack({"kind": "contact_frequency", "params": base})


def croster_pack(**params: Any) -> Any:
    base: dict[str, Any] = {"count": {"min": 1, "max": 2}}
    base.update(params)
    return make_pack({"kind": "committee_roster", "params": base})


def cfreq_pack(**params: Any) -> Any:
    base: dict[str, Any] = {"period": "quarter", "min": 1}
    base.update(params)
    return make_pack({"kind": "committee_contact_frequency", "params": base})


# ==== contact_roster =========================================================
def test_roster_bounds_are_inclusive() -> None:
    log = [
        *town(4, group=None),
        assign("R01", "2011-01-04", "P1", "P2"),  # 2: one below min
        assign("R02", "2011-01-04", "P1", "P2", "P3"),  # 3: exactly min
        assign("R03", "2011-01-04", "P1", "P2", "P3", "P4", "P5"),  # 5: exactly max
        assign("R04", "2011-01-04", "P1", "P2", "P3", "P4", "P5", "P6"),  # 6: one above max
    ]
    report = run(roster_pack(), log, "2011-03-31")
    assert rows(report) == [
        ("R01", "2011-01-01", "violation", ("as-R01-2011-01-04", "elect-R01")),  # same day: by id
        ("R04", "2011-01-01", "violation", ("as-R04-2011-01-04", "elect-R04")),
    ]
    assert [(f.args["count"], f.args["min"], f.args["max"]) for f in report.findings] == [
        (2, 3, 5),
        (6, 3, 5),
    ]


def test_roster_message_and_details() -> None:
    log = [*town(1, group=None), assign("R01", "2011-01-04", "P1", ("P2", "citizen"))]
    report = run(roster_pack(), log, "2011-06-30")
    f = report.findings[1]
    assert f.message() == "代表 R01 在2011年第2季度末联系党员、群众 2 人，应为 3–5 人"
    assert f.message("en") == "rep R01 looked after 2 members/citizens at the end of 2011 Q2; required 3–5"
    out = f.to_json()
    assert out["details"]["count"] == 2
    assert out["details"]["kinds"] == ["member", "citizen"]
    assert out["period"] == {"start": "2011-04-01", "end": "2011-06-30"}
    json.dumps(out, ensure_ascii=False)  # details must be JSON-able


def test_roster_one_sided_bounds_messages() -> None:
    log = [*town(2, group=None), assign("R02", "2011-01-04", "P1", "P2", "P3")]
    low = run(roster_pack(count={"min": 1}), log, "2011-03-31")
    assert rows(low) == [("R01", "2011-01-01", "violation", ("elect-R01",))]
    assert low.findings[0].message() == "代表 R01 在2011年第1季度末联系党员、群众 0 人，应不少于 1 人"
    high = run(roster_pack(count={"max": 2}), log, "2011-03-31")
    assert rows(high) == [("R02", "2011-01-01", "violation", ("as-R02-2011-01-04", "elect-R02"))]
    assert high.findings[0].message("en") == (
        "rep R02 looked after 3 members/citizens at the end of 2011 Q1; at most 2 allowed"
    )


def test_roster_counts_only_listed_kinds() -> None:
    log = [
        *town(1, group=None),
        assign("R01", "2011-01-04", "P1", ("P2", "activist"), ("P3", "village"), ("P4", "citizen")),
    ]
    report = run(roster_pack(kinds=["member"], count={"min": 1, "max": 1}), log, "2011-03-31")
    assert report.findings == ()
    report = run(roster_pack(kinds=["member", "activist"], count={"min": 3}), log, "2011-03-31")
    assert [f.args["count"] for f in report.findings] == [2]


def test_roster_activist_rule_alongside_member_target() -> None:
    # 果园: about 10 members and one activist each
    pack = make_pack(
        {"kind": "contact_roster", "params": {"kinds": ["member"], "count": {"target": 10, "tolerance": 2}}},
        {"kind": "contact_roster", "params": {"kinds": ["activist"], "count": {"min": 1, "max": 1}}},
    )
    members = [f"P{i}" for i in range(10)]
    log = [
        *town(2, group=None),
        assign("R01", "2011-01-04", *members, ("A1", "activist")),
        assign("R02", "2011-01-04", *members[:7]),
    ]
    report = run(pack, log, "2011-03-31")
    assert [(f.rule, f.subject, f.status) for f in report.findings] == [
        ("t.rule-0", "R02", "warning"),
        ("t.rule-1", "R02", "violation"),
    ]


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "violation"), (7, "warning"), (8, None), (10, None), (12, None), (13, "warning")],
)
def test_roster_soft_target_is_a_warning_and_hard_bound_a_violation(n: int, expected: str | None) -> None:
    log = [*town(1, group=None), assign("R01", "2011-01-04", *[f"P{i}" for i in range(n)])]
    report = run(roster_pack(count={"min": 1, "target": 10, "tolerance": 2}), log, "2011-03-31")
    assert statuses(report) == ([expected] if expected else [])


def test_roster_soft_target_message() -> None:
    log = [*town(1, group=None), assign("R01", "2011-01-04", "P1", "P2")]
    report = run(roster_pack(kinds=["member"], count={"target": 10, "tolerance": 2}), log, "2011-03-31")
    (f,) = report.findings
    assert f.status == "warning"
    assert f.message() == "代表 R01 在2011年第1季度末联系党员 2 人，应为 10 人左右（8–12 人）"
    assert f.args["target"] == 10
    assert f.args["tolerance"] == 2


def test_roster_soft_target_in_open_period_is_pending() -> None:
    log = [*town(1, group=None), assign("R01", "2011-01-04", "P1")]
    report = run(roster_pack(count={"target": 10}), log, "2011-05-15")
    assert [(s, p, st) for s, p, st, _ in rows(report)] == [
        ("R01", "2011-01-01", "warning"),
        ("R01", "2011-04-01", "pending"),
    ]


def test_roster_no_assignment_counts_zero_with_seat_as_evidence() -> None:
    report = run(roster_pack(), town(1, group=None), "2011-03-31")
    assert rows(report) == [("R01", "2011-01-01", "violation", ("elect-R01",))]
    assert report.findings[0].args["count"] == 0


def test_roster_judges_assignment_in_force_at_period_end() -> None:
    log = [
        *town(1, group=None),
        assign("R01", "2011-01-04", "P1", "P2"),
        assign("R01", "2011-05-15", "P1", "P2", "P3", "P4"),  # fixed in Q2
        assign("R01", "2011-09-30", "P1"),  # broken on the last day of Q3
    ]
    report = run(roster_pack(), log, "2011-12-31")
    assert rows(report) == [
        ("R01", "2011-01-01", "violation", ("as-R01-2011-01-04", "elect-R01")),
        ("R01", "2011-07-01", "violation", ("elect-R01", "as-R01-2011-09-30")),
        ("R01", "2011-10-01", "violation", ("elect-R01", "as-R01-2011-09-30")),
    ]


def test_roster_open_period_is_pending_and_later_events_change_nothing() -> None:
    log = [*town(1, group=None), assign("R01", "2011-01-04", "P1")]
    future = [assign("R01", "2011-05-20", "P1", "P2", "P3")]
    report = run(roster_pack(), log, "2011-05-15")
    assert [(s, p, st) for s, p, st, _ in rows(report)] == [
        ("R01", "2011-01-01", "violation"),
        ("R01", "2011-04-01", "pending"),
    ]
    assert run(roster_pack(), log + future, "2011-05-15").to_json() == report.to_json()
    # once the fix is dated on or before as_of, the open quarter is met
    assert statuses(run(roster_pack(), log + future, "2011-05-20")) == ["violation"]


def test_roster_open_period_over_max_is_pending_not_violation() -> None:
    log = [*town(1, group=None), assign("R01", "2011-01-04", *[f"P{i}" for i in range(7)])]
    assert statuses(run(roster_pack(), log, "2011-02-10")) == ["pending"]


def test_roster_disqualified_rep_owes_no_later_periods() -> None:
    # seated Apr 1 - Apr 30 of Q2 (30 of 91 days): Q2 not owed, nor anything later
    log = [
        *town(2, group=None),
        assign("R02", "2011-01-04", "P1", "P2", "P3"),
        disqualify("R01", "2011-05-01"),
    ]
    report = run(roster_pack(), log, "2011-12-31")
    assert rows(report) == [("R01", "2011-01-01", "violation", ("elect-R01",))]


def test_roster_disqualified_rep_is_judged_on_last_seated_day() -> None:
    # seated Apr 1 - May 31 (61 of 91 days): Q2 owed, judged on May 31
    log = [
        *town(1, group=None),
        assign("R01", "2011-01-04", "P1", "P2", "P3"),
        assign("R01", "2011-05-31", "P1", eid="shrunk"),
        disqualify("R01", "2011-06-01"),
        assign("R01", "2011-06-10", "P1", "P2", "P3", "P4", eid="late"),
    ]
    report = run(roster_pack(), log, "2011-12-31")
    assert rows(report) == [("R01", "2011-04-01", "violation", ("elect-R01", "shrunk"))]


@pytest.mark.parametrize(("day", "owed"), [("2011-05-16", True), ("2011-05-17", False)])
def test_roster_by_election_owes_quarter_only_if_seated_half(day: str, owed: bool) -> None:
    # May 16 - Jun 30 is 46 of 91 days (owed); May 17 - Jun 30 is 45 (not owed)
    log = [*town(1, group=None), elect("R09", day)]
    report = run(roster_pack(), log, "2011-09-30")
    r09 = [(p, st) for s, p, st, _ in rows(report) if s == "R09"]
    assert r09 == ([("2011-04-01", "violation")] if owed else []) + [("2011-07-01", "violation")]


def test_roster_presence_override() -> None:
    log = [*town(1, group=None), elect("R09", "2011-04-02")]
    full = run(roster_pack(presence="full"), log, "2011-06-30")
    assert [(s, p) for s, p, _, _ in rows(full)] == [("R01", "2011-04-01")]
    anyday = run(
        roster_pack(presence="any", period="year"),
        [*town(1, group=None)[:1], elect("R09", "2011-12-31")],
        "2011-12-31",
    )
    assert [(s, p) for s, p, _, _ in rows(anyday)] == [("R09", "2011-01-01")]


def test_roster_applies_to_filters_by_category_and_unit() -> None:
    log = [
        town(0, group=None)[0],
        elect("R01", "2011-01-04", category="cadre", unit="乡机关"),
        elect("R02", "2011-01-04", category="worker", unit="乡机关"),
        elect("R03", "2011-01-04", category="cadre", unit="一村"),
        elect("R04", "2011-01-04"),
    ]
    only_cadres = run(roster_pack(applies_to={"category": ["cadre"]}), log, "2011-03-31")
    assert [s for s, _, _, _ in rows(only_cadres)] == ["R01", "R03"]
    both = run(
        roster_pack(applies_to={"category": ["cadre", "worker"], "unit": ["乡机关"]}), log, "2011-03-31"
    )
    assert [s for s, _, _, _ in rows(both)] == ["R01", "R02"]
    everyone = run(roster_pack(), log, "2011-03-31")
    assert [s for s, _, _, _ in rows(everyone)] == ["R01", "R02", "R03", "R04"]


def test_roster_applies_to_is_judged_per_seat() -> None:
    # R01 sits Jan 4 - Feb 28 as a cadre (56 of 90 days of Q1), then from Apr 20 as a worker (72 of 91 of Q2)
    log = [
        town(0, group=None)[0],
        elect("R01", "2011-01-04", category="cadre"),
        disqualify("R01", "2011-03-01"),
        elect("R01", "2011-04-20", eid="re-elect-R01", category="worker"),
    ]
    workers = run(roster_pack(applies_to={"category": ["worker"]}), log, "2011-06-30")
    assert rows(workers) == [("R01", "2011-04-01", "violation", ("re-elect-R01",))]
    everyone = run(roster_pack(), log, "2011-06-30")
    assert rows(everyone) == [
        ("R01", "2011-01-01", "violation", ("elect-R01",)),
        ("R01", "2011-04-01", "violation", ("re-elect-R01",)),
    ]
    log.append(assign("R01", "2011-01-04", "P1"))
    freq = run(freq_pack(min=1, applies_to={"category": ["cadre"]}), log, "2011-06-30")
    assert rows(freq) == [("R01", "2011-01-01", "violation", ("as-R01-2011-01-04",))]


def test_roster_order_within_a_day_does_not_matter() -> None:
    base = town(2, group=None)
    extra = [
        assign("R01", "2011-03-31", "P1"),
        disqualify("R02", "2011-03-31"),
        assign("R02", "2011-03-31", "P9"),
    ]
    a = run(roster_pack(), base + extra, "2011-06-30")
    b = run(roster_pack(), base + extra[::-1], "2011-06-30")
    assert a.to_json() == b.to_json()
    assert rows(a) == [
        ("R01", "2011-01-01", "violation", ("elect-R01", "as-R01-2011-03-31")),
        ("R02", "2011-01-01", "violation", ("elect-R02",)),
        ("R01", "2011-04-01", "violation", ("elect-R01", "as-R01-2011-03-31")),
    ]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"kinds": ["member"], "count": {"min": 5, "max": 3}}, "rules[0].params.count"),
        ({"kinds": ["member"], "count": {}}, "rules[0].params.count"),
        ({"kinds": ["member"], "count": {"min": -1}}, "rules[0].params.count.min"),
        ({"kinds": [], "count": {"min": 1}}, "rules[0].params.kinds"),
        ({"kinds": ["member", "member"], "count": {"min": 1}}, "rules[0].params"),
        ({"kinds": ["friend"], "count": {"min": 1}}, "rules[0].params.kinds[0]"),
        ({"kinds": ["member"], "count": {"min": 1}, "period": "week"}, "rules[0].params.period"),
        (
            {"kinds": ["member"], "count": {"min": 1}, "applies_to": {"category": []}},
            "rules[0].params.applies_to",
        ),
        (
            {"kinds": ["member"], "count": {"min": 1}, "applies_to": {"role": ["x"]}},
            "rules[0].params.applies_to.role",
        ),
        ({"kinds": ["member"], "count": {"min": 1}, "every": 3}, "rules[0].params.every"),
    ],
)
def test_roster_bad_params_rejected_at_load(params: dict[str, Any], field: str) -> None:
    with pytest.raises(PackError) as exc:
        make_pack({"kind": "contact_roster", "params": params})
    assert exc.value.field == field


def test_min_greater_than_max_names_count_with_a_reason() -> None:
    with pytest.raises(PackError) as exc:
        roster_pack(count={"min": 5, "max": 3})
    assert exc.value.field == "rules[0].params.count"
    assert "min (5) is greater than max (3)" in str(exc.value)


# ==== contact_frequency ======================================================
def test_frequency_bounds() -> None:
    log = [
        *town(1, group=None),
        assign("R01", "2011-01-04", "P1", "P2", "P3"),
        *visits("R01", "P1", "2011-01-10", "2011-03-31"),  # exactly min: met
        *visits("R01", "P2", "2011-02-01"),  # one below
    ]
    report = run(freq_pack(), log, "2011-03-31")
    assert rows(report) == [
        ("R01", "2011-01-01", "violation", ("as-R01-2011-01-04",)),
        ("R01", "2011-01-01", "violation", ("as-R01-2011-01-04", "v-R01-P2-0-2011-02-01")),
    ]
    assert sorted((f.args["person"], f.args["count"], f.args["min"]) for f in report.findings) == [
        ("P2", 1, 2),
        ("P3", 0, 2),
    ]


def test_frequency_message() -> None:
    log = [*town(1, group=None), assign("R01", "2011-01-04", "P3"), *visits("R01", "P3", "2011-04-02")]
    (f,) = run(freq_pack(), log, "2011-06-30").findings[1:]
    assert f.message() == "代表 R01 在2011年第2季度走访联系对象 P3 1 次，应不少于 2 次"
    assert f.message("en") == "rep R01 visited P3 1 time in 2011 Q2; at least 2 required"
    assert f.to_json()["details"] == {"person": "P3", "count": 1, "min": 2}


def test_frequency_counts_only_this_reps_visits_to_this_person_in_the_period() -> None:
    log = [
        *town(2, group=None),
        assign("R01", "2011-01-04", "P1"),
        *visits("R02", "P1", "2011-02-01", "2011-02-02"),  # another rep
        *visits("R01", "P9", "2011-02-01", "2011-02-02"),  # not assigned
        *visits("R01", "P1", "2010-12-31", "2011-04-01"),  # outside Q1
        *visits("R01", "P1", "2011-01-01"),
    ]
    report = run(freq_pack(), log, "2011-03-31")
    assert rows(report) == [
        ("R01", "2011-01-01", "violation", ("v-R01-P1-0-2011-01-01", "as-R01-2011-01-04"))
    ]


def test_frequency_kinds_filter() -> None:
    log = [*town(1, group=None), assign("R01", "2011-01-04", "P1", ("A1", "activist"), ("V1", "village"))]
    report = run(freq_pack(min=1, kinds=["activist", "village"]), log, "2011-03-31")
    assert sorted(f.args["person"] for f in report.findings) == ["A1", "V1"]
    report = run(freq_pack(min=1), log, "2011-03-31")
    assert sorted(f.args["person"] for f in report.findings) == ["A1", "P1", "V1"]


@pytest.mark.parametrize(
    ("counted", "few", "scans"), [(True, 4, 0), (True, 4, 100), (False, 0, 8), (False, 100, 8)]
)
def test_frequency_same_findings_however_the_visits_are_split_by_person(
    counted: bool, few: int, scans: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each person listed by one rep: a period's visits counted per person for all reps at once,
    and the visits a finding cites picked out of the period's (the first few people asked about) or
    split by person (then). Otherwise a rep's visits split by person, with a comprehension each (a
    few people) or a sort (more). Every way, the same visits counted and cited in the same order:
    the same findings."""
    from changrenzhi.kinds.contacts import rules as contact_rules

    rng = random.Random(11)
    people = [f"P{k}" for k in range(7)]
    log = [*town(2, group=None), assign("R01", "2011-01-04", *people), assign("R02", "2011-01-04", "P9")]
    # R02 visits P0 too, whom R01 looks after: those visits never count (R01's two in Q1 are short)
    log += visits("R01", "P0", "2011-02-01", "2011-03-01") + visits("R02", "P0", "2011-03-02")
    days = [date(2011, 4, 1) + timedelta(days=rng.randrange(270)) for _ in range(80)]
    for n, day in enumerate(sorted(days)):
        rep, person = ("R02", rng.choice(["P0", "P9"])) if n % 7 == 0 else ("R01", rng.choice(people))
        log.append(
            {"id": f"v{n}", "type": "contact.visit", "date": day.isoformat(), "rep": rep, "person": person}
        )
    want = report_json(run(freq_pack(min=3), log, "2011-12-31"))
    assert sum(1 for f in want if len(f["evidence"]) > 2) > 5  # findings citing several visits
    (q1,) = (f for f in want if f["details"]["person"] == "P0" and f["period"]["start"] == "2011-01-01")
    assert q1["details"]["count"] == 2
    if not counted:
        monkeypatch.setattr(contact_rules._VisitCounts, "build", lambda ctx, kinds: None)
    monkeypatch.setattr(contact_rules, "_FEW_PEOPLE", few)
    monkeypatch.setattr(contact_rules, "_SCANS", scans)
    assert report_json(run(freq_pack(min=3), log, "2011-12-31")) == want


def report_json(report: Report) -> list[Any]:
    return [f.to_json() for f in report.findings]


@pytest.mark.parametrize(
    ("day", "p1_owes_q3", "p4_owes_q3"),
    [("2011-08-15", False, True), ("2011-08-16", True, True), ("2011-08-17", True, False)],
)
def test_frequency_reassignment_mid_quarter(day: str, p1_owes_q3: bool, p4_owes_q3: bool) -> None:
    # Q3 has 92 days. Reassigned on Aug 16: P1 linked Jul 1 - Aug 15 (46 days), P4 Aug 16 - Sep 30 (46):
    # both owe Q3. A day earlier P1 has 45 (not owed); a day later P4 has 45 (not owed).
    log = [
        *town(1, group=None),
        assign("R01", "2011-01-04", "P1"),
        assign("R01", day, "P4"),
    ]
    report = run(freq_pack(min=1), log, "2011-12-31")
    got = sorted(
        (f.period.start.isoformat() if f.period else "", f.args["person"], f.evidence)
        for f in report.findings
    )
    first = ("as-R01-2011-01-04",)
    second = (f"as-R01-{day}",)
    expected = [("2011-01-01", "P1", first), ("2011-04-01", "P1", first)]
    expected += [("2011-07-01", "P1", first)] if p1_owes_q3 else []
    expected += [("2011-07-01", "P4", second)] if p4_owes_q3 else []
    expected += [("2011-10-01", "P4", second)]
    assert got == sorted(expected)


def test_frequency_person_kept_across_reassignments_is_continuous() -> None:
    log = [
        *town(1, group=None),
        assign("R01", "2011-01-04", "P1"),
        assign("R01", "2011-02-15", "P1", "P2"),
        *visits("R01", "P1", "2011-01-20"),
    ]
    report = run(freq_pack(min=1), log, "2011-03-31")
    # P1 owes Q1 (met); P2 was linked Feb 15 - Mar 31, 45 of 90 days: owed, not met, cites its assignment
    assert [(f.args["person"], f.evidence) for f in report.findings] == [("P2", ("as-R01-2011-02-15",))]


def test_frequency_cites_the_latest_assignment_listing_the_person() -> None:
    log = [
        *town(1, group=None),
        assign("R01", "2011-01-04", "P1", "P2"),
        assign("R01", "2011-05-10", "P1", "P3"),  # P1 kept, P2 dropped (linked 39 of 91 days of Q2)
    ]
    report = run(freq_pack(min=1), log, "2011-06-30")
    got = [
        (f.period.start.isoformat() if f.period else "", f.args["person"], f.evidence)
        for f in report.findings
    ]
    assert sorted(got) == [
        ("2011-01-01", "P1", ("as-R01-2011-01-04",)),
        ("2011-01-01", "P2", ("as-R01-2011-01-04",)),
        ("2011-04-01", "P1", ("as-R01-2011-05-10",)),
        ("2011-04-01", "P3", ("as-R01-2011-05-10",)),
    ]


def test_frequency_assignment_late_in_quarter_owes_nothing_then() -> None:
    log = [*town(1, group=None), assign("R01", "2011-02-20", "P1")]  # Feb 20 - Mar 31: 40 of 90
    report = run(freq_pack(min=1), log, "2011-06-30")
    assert [p for _, p, _, _ in rows(report)] == ["2011-04-01"]


def test_frequency_disqualified_rep_owes_no_later_periods() -> None:
    log = [*town(1, group=None), assign("R01", "2011-01-04", "P1"), disqualify("R01", "2011-05-01")]
    report = run(freq_pack(min=1), log, "2011-12-31")
    assert [p for _, p, _, _ in rows(report)] == ["2011-01-01"]


@pytest.mark.parametrize(("day", "owed"), [("2011-05-16", True), ("2011-05-17", False)])
def test_frequency_by_election_rep(day: str, owed: bool) -> None:
    log = [town(0, group=None)[0], elect("R09", day), assign("R09", "2011-01-04", "P1")]
    report = run(freq_pack(min=1), log, "2011-06-30")
    assert rows(report) == ([("R09", "2011-04-01", "violation", ("as-R09-2011-01-04",))] if owed else [])


def test_frequency_open_period_pending_and_future_visits_ignored() -> None:
    log = [*town(1, group=None), assign("R01", "2011-01-04", "P1"), *visits("R01", "P1", "2011-02-01")]
    future = visits("R01", "P1", "2011-05-20", "2011-05-21")
    report = run(freq_pack(min=2), log, "2011-05-15")
    assert [(p, st) for _, p, st, _ in rows(report)] == [
        ("2011-01-01", "violation"),
        ("2011-04-01", "pending"),
    ]
    assert run(freq_pack(min=2), log + future, "2011-05-15").to_json() == report.to_json()
    assert [(p, st) for _, p, st, _ in rows(run(freq_pack(min=2), log + future, "2011-05-21"))] == [
        ("2011-01-01", "violation")
    ]


def test_frequency_severity_warning_rule() -> None:
    pack = make_pack({"kind": "contact_frequency", "severity": "warning", "params": {"period": "quarter"}})
    log = [*town(1, group=None), assign("R01", "2011-01-04", "P1")]
    assert statuses(run(pack, log, "2011-05-01")) == ["warning", "pending"]


def test_frequency_applies_to() -> None:
    log = [
        town(0, group=None)[0],
        elect("R01", "2011-01-04", unit="乡机关"),
        elect("R02", "2011-01-04", unit="一村"),
        assign("R01", "2011-01-04", "P1"),
        assign("R02", "2011-01-04", "P2"),
    ]
    report = run(freq_pack(min=1, applies_to={"unit": ["一村"]}), log, "2011-03-31")
    assert [(s, f.args["person"]) for f, (s, _, _, _) in zip(report.findings, rows(report), strict=True)] == [
        ("R02", "P2")
    ]


def test_frequency_same_day_order_does_not_matter() -> None:
    log = [
        *town(1, group=None),
        assign("R01", "2011-01-04", "P1", "P2"),
        *visits("R01", "P1", "2011-03-01"),
        *visits("R01", "P2", "2011-03-01"),
    ]
    shuffled = log[:-2] + log[-2:][::-1]
    a, b = run(freq_pack(), log, "2011-03-31"), run(freq_pack(), shuffled, "2011-03-31")
    assert a.to_json() == b.to_json()
    assert len(a.findings) == 2


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"min": 0}, "rules[0].params.min"),
        ({"period": "term"}, "rules[0].params.period"),
        ({"kinds": []}, "rules[0].params.kinds"),
        ({"presence": "most"}, "rules[0].params.presence"),
        ({"per": "each"}, "rules[0].params.per"),
    ],
)
def test_frequency_bad_params_rejected_at_load(params: dict[str, Any], field: str) -> None:
    with pytest.raises(PackError) as exc:
        make_pack({"kind": "contact_frequency", "params": params})
    assert exc.value.field == field


@pytest.mark.slow
def test_frequency_scales() -> None:
    """3,000 reps x 5 contacts x 20 quarters with 300,000 visits: one visit per person per
    quarter except for a known few, found exactly. (Speed is measured by benchmarks/, not here.)"""
    rng = random.Random(7)
    start = date(2011, 1, 1)
    events: list[Any] = [CongressOpened(id="c", date=start, line=1, term_years=5)]
    for i in range(3000):
        events.append(RepElected(id=f"el{i}", date=start, line=1, rep=f"R{i}"))
        people = tuple(Contact(f"P{i}_{k}", "member") for k in range(5))
        events.append(ContactAssigned(id=f"as{i}", date=start, line=1, rep=f"R{i}", contacts=people))
    missed = {(17, 3, 0), (2999, 4, 19), (1500, 0, 7)}
    quarters = [date(2011 + q // 4, q % 4 * 3 + 1, 1) for q in range(20)]
    n = 0
    for q, qstart in enumerate(quarters):
        for i in range(3000):
            for k in range(5):
                day = qstart + timedelta(days=rng.randrange(89))
                if (i, k, q) in missed:
                    day = qstart - timedelta(days=1)  # in the previous quarter instead
                n += 1
                events.append(ContactVisit(id=f"v{n}", date=day, line=1, rep=f"R{i}", person=f"P{i}_{k}"))
    assert n == 300_000
    events.sort(key=lambda e: e.date)
    log = EventLog("big", events)
    pack = freq_pack(min=1)
    report = evaluate(pack, log, date(2015, 12, 31))
    got = sorted((f.subject, f.args["person"], f.period.start) for f in report.findings if f.period)
    expected = sorted((f"R{i}", f"P{i}_{k}", quarters[q]) for i, k, q in missed if q != 0)
    expected += [("R17", "P17_3", quarters[0])]  # its Q1 visit fell on 2010-12-31
    assert got == sorted(expected)


# ==== committee_roster =======================================================
def test_committee_roster_bounds() -> None:
    log = [
        *town(4, group=None),
        appoint("C1"),
        appoint("C2"),
        appoint("C3"),
        appoint("C4"),
        cassign("C2", "2011-01-04", reps=["R01"]),
        cassign("C3", "2011-01-04", reps=["R01", "R02"]),
        cassign("C4", "2011-01-04", reps=["R01", "R02", "R03"]),
    ]
    report = run(croster_pack(), log, "2011-03-31")
    assert rows(report) == [
        ("C1", "2011-01-01", "violation", ("ap-C1",)),
        ("C4", "2011-01-01", "violation", ("ap-C4", "ca-C4-2011-01-04")),
    ]
    assert [f.args["count"] for f in report.findings] == [0, 3]
    assert report.findings[1].message() == "党委委员 C4 在2011年第1季度末联系代表 3 人，应为 1–2 人"
    assert report.findings[1].message("en") == (
        "committee member C4 looked after 3 reps at the end of 2011 Q1; required 1–2"
    )


def test_committee_roster_groups() -> None:
    log = [
        *town(3, group="G1"),
        appoint("C1"),
        appoint("C2"),
        cassign("C1", "2011-01-04", reps=["R01"], groups=["G1"]),
        cassign("C2", "2011-01-04", reps=["R01", "R02"]),
    ]
    report = run(croster_pack(of="groups", count={"min": 1, "max": 1}), log, "2011-03-31")
    assert rows(report) == [("C2", "2011-01-01", "violation", ("ap-C2", "ca-C2-2011-01-04"))]
    assert report.findings[0].message() == "党委委员 C2 在2011年第1季度末联系代表小组 0 个，应为 1 个"


def test_committee_roster_soft_target() -> None:
    reps = [f"R{i:02d}" for i in range(1, 13)]
    log = [
        *town(12, group=None),
        appoint("C1"),
        appoint("C2"),
        appoint("C3"),
        cassign("C1", "2011-01-04", reps=reps[:10]),
        cassign("C2", "2011-01-04", reps=reps[:8]),
        cassign("C3", "2011-01-04", reps=reps[:7]),
    ]
    report = run(croster_pack(count={"target": 10, "tolerance": 2}), log, "2011-05-31")
    assert [(s, p, st) for s, p, st, _ in rows(report)] == [
        ("C3", "2011-01-01", "warning"),
        ("C3", "2011-04-01", "pending"),
    ]


def test_committee_roster_counts_only_seated_reps_by_default() -> None:
    log = [
        *town(2, group=None),
        appoint("C1"),
        cassign("C1", "2011-01-04", reps=["R01", "R02"]),
        disqualify("R02", "2011-03-01"),
    ]
    report = run(croster_pack(count={"min": 2}), log, "2011-03-31")
    assert rows(report) == [("C1", "2011-01-01", "violation", ("ap-C1", "ca-C1-2011-01-04"))]
    assert report.findings[0].args["count"] == 1
    assert run(croster_pack(count={"min": 2}, only_current=False), log, "2011-03-31").findings == ()


def test_committee_roster_over_time() -> None:
    log = [
        *town(3, group=None),
        appoint("C1"),
        appoint("C2", "2011-05-17"),  # 45 of 91 days of Q2: owes from Q3
        cassign("C1", "2011-01-04", reps=["R01"]),
        cassign("C1", "2011-06-30", reps=["R01", "R02", "R03"]),
        cassign("C1", "2011-08-01", reps=["R01", "R02"]),
    ]
    report = run(croster_pack(), log, "2011-09-30")
    assert rows(report) == [
        ("C1", "2011-04-01", "violation", ("ap-C1", "ca-C1-2011-06-30")),
        ("C2", "2011-07-01", "violation", ("ap-C2",)),
    ]


def test_committee_roster_ends_with_the_term() -> None:
    log = [*town(1, group=None, term_years=1), appoint("C1")]
    report = run(croster_pack(period="half"), log, "2012-12-31")
    # term: 2011-01-04 .. 2012-01-03; only 2011 halves are owed
    assert [p for _, p, _, _ in rows(report)] == ["2011-01-01", "2011-07-01"]


def test_committee_roster_bad_params() -> None:
    with pytest.raises(PackError) as exc:
        croster_pack(count={"min": 3, "max": 2})
    assert exc.value.field == "rules[0].params.count"
    with pytest.raises(PackError) as exc:
        croster_pack(of="villages")
    assert exc.value.field == "rules[0].params.of"


# ==== committee_contact_frequency ============================================
def test_committee_frequency_each_bounds() -> None:
    log = [
        *town(3, group=None),
        appoint("C1"),
        cassign("C1", "2011-01-04", reps=["R01", "R02", "R03"]),
        *cvisits("C1", "2011-01-10", "2011-03-31", rep="R01"),  # exactly 2
        *cvisits("C1", "2011-02-10", rep="R02"),  # one below
    ]
    report = run(cfreq_pack(min=2), log, "2011-03-31")
    assert rows(report) == [
        ("C1", "2011-01-01", "violation", ("ap-C1", "ca-C1-2011-01-04")),
        ("C1", "2011-01-01", "violation", ("ap-C1", "ca-C1-2011-01-04", "cv-C1-R02-0-2011-02-10")),
    ]
    got = sorted((f.args["target"], f.args["count"]) for f in report.findings)
    assert got == [("R02", 1), ("R03", 0)]
    f = next(f for f in report.findings if f.args["target"] == "R02")
    assert f.message() == "党委委员 C1 在2011年第1季度联系代表 R02 1 次，应不少于 2 次"
    assert f.message("en") == "committee member C1 met R02 1 time in 2011 Q1; at least 2 required"


def test_committee_frequency_counts_only_visits_to_reps_linked_that_day() -> None:
    log = [
        *town(3, group=None),
        appoint("C1"),
        appoint("C2"),
        cassign("C1", "2011-01-04", reps=["R01"]),
        *cvisits("C1", "2011-01-20", rep="R02"),  # R02 not yet linked
        cassign("C1", "2011-02-01", reps=["R01", "R02"]),  # R02 linked Feb 1 - Mar 31: 59 of 90 days
        *cvisits("C1", "2011-02-05", rep="R01"),
        *cvisits("C1", "2011-02-06", rep="R03"),  # never linked
        *cvisits("C2", "2011-02-07", rep="R02"),  # another member
    ]
    report = run(cfreq_pack(), log, "2011-03-31")
    assert rows(report) == [("C1", "2011-01-01", "violation", ("ap-C1", "ca-C1-2011-02-01"))]
    assert report.findings[0].args["target"] == "R02"


def test_committee_frequency_reassignment_shares() -> None:
    # R01 dropped Aug 16 (linked 46 of 92 days of Q3: owed); R02 linked from Aug 16 (46 days: owed)
    log = [
        *town(2, group=None),
        appoint("C1"),
        cassign("C1", "2011-01-04", reps=["R01"]),
        cassign("C1", "2011-08-16", reps=["R02"]),
        *cvisits("C1", "2011-01-05", "2011-04-05", rep="R01"),
        *cvisits("C1", "2011-08-20", rep="R01"),  # no longer linked: does not count for R01 in Q3
    ]
    report = run(cfreq_pack(), log, "2011-12-31")
    got = [
        (f.args["target"], f.period.start.isoformat() if f.period else "", f.evidence)
        for f in report.findings
    ]
    assert sorted(got) == [
        ("R01", "2011-07-01", ("ap-C1", "ca-C1-2011-01-04")),
        ("R02", "2011-07-01", ("ap-C1", "ca-C1-2011-08-16")),
        ("R02", "2011-10-01", ("ap-C1", "ca-C1-2011-08-16")),
    ]


def test_committee_frequency_disqualified_rep_owes_nothing_after() -> None:
    log = [
        *town(2, group=None),
        appoint("C1"),
        cassign("C1", "2011-01-04", reps=["R01", "R02"]),
        *cvisits("C1", "2011-01-05", "2011-04-05", "2011-07-05", "2011-10-05", rep="R01"),
        disqualify("R02", "2011-05-01"),
    ]
    report = run(cfreq_pack(), log, "2011-12-31")
    assert [(f.args["target"], p) for f, (_, p, _, _) in zip(report.findings, rows(report), strict=True)] == [
        ("R02", "2011-01-01")
    ]
    loose = run(cfreq_pack(only_current=False), log, "2011-12-31")
    assert [p for _, p, _, _ in rows(loose)] == ["2011-01-01", "2011-04-01", "2011-07-01", "2011-10-01"]


def test_committee_frequency_groups() -> None:
    log = [
        *town(3, group="G1"),
        appoint("C1"),
        cassign("C1", "2011-01-04", groups=["G1"]),
        *cvisits("C1", "2011-02-01", rep="R01"),  # a rep, not the group
    ]
    report = run(cfreq_pack(of="groups"), log, "2011-03-31")
    assert rows(report) == [("C1", "2011-01-01", "violation", ("ap-C1", "ca-C1-2011-01-04"))]
    assert report.findings[0].message() == "党委委员 C1 在2011年第1季度联系代表小组 G1 0 次，应不少于 1 次"
    log += cvisits("C1", "2011-03-01", group="G1")
    assert run(cfreq_pack(of="groups"), log, "2011-03-31").findings == ()


@pytest.mark.parametrize(("extra", "expected"), [(0, ["violation"]), (1, [])])
def test_committee_frequency_total(extra: int, expected: list[str]) -> None:
    # 六次以上 a year across all linked reps: 5 is one short, 6 exactly meets it
    days = ["2011-02-01", "2011-04-01", "2011-06-01", "2011-08-01", "2011-10-01", "2011-12-01"]
    log = [
        *town(3, group=None),
        appoint("C1"),
        cassign("C1", "2011-01-04", reps=["R01", "R02"]),
        *cvisits("C1", *days[:3], rep="R01"),
        *cvisits("C1", *days[3 : 5 + extra], rep="R02"),
        *cvisits("C1", "2011-11-11", rep="R03"),  # not linked
    ]
    report = run(cfreq_pack(period="year", min=6, per="total"), log, "2011-12-31")
    assert statuses(report) == expected
    if expected:
        (f,) = report.findings
        assert f.subject == "C1"
        assert f.args["count"] == 5
        assert len(f.evidence) == 7  # five visits, the appointment, the assignment
        assert "cv-C1-R03-0-2011-11-11" not in f.evidence
        assert f.message() == "党委委员 C1 在2011年联系所联系的代表共 5 次，应不少于 6 次"


def test_committee_frequency_total_open_year_is_pending_and_future_ignored() -> None:
    log = [*town(1, group=None), appoint("C1"), cassign("C1", "2011-01-04", reps=["R01"])]
    future = cvisits("C1", "2011-07-01", rep="R01")
    pack = cfreq_pack(period="year", min=1, per="total")
    report = run(pack, log, "2011-06-30")
    assert statuses(report) == ["pending"]
    assert run(pack, log + future, "2011-06-30").to_json() == report.to_json()
    assert statuses(run(pack, log + future, "2011-07-01")) == []


def test_committee_frequency_member_without_anyone_linked_owes_no_visits() -> None:
    log = [*town(1, group=None), appoint("C1"), appoint("C2"), cassign("C2", "2011-11-01", reps=["R01"])]
    for per in ("each", "total"):
        # C1: no one to visit (committee_roster reports that); C2 linked 61 of 365 days of 2011
        assert run(cfreq_pack(period="year", per=per), log, "2011-12-31").findings == ()
    assert [p for _, p, _, _ in rows(run(cfreq_pack(per="total"), log, "2011-12-31"))] == ["2011-10-01"]


def test_committee_frequency_open_quarter_each_is_pending() -> None:
    log = [*town(1, group=None), appoint("C1"), cassign("C1", "2011-01-04", reps=["R01"])]
    assert statuses(run(cfreq_pack(), log, "2011-05-15")) == ["violation", "pending"]


def test_committee_frequency_bad_params() -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"per": "average"}, "rules[0].params.per"),
        ({"min": 0}, "rules[0].params.min"),
    ]
    for params, field in cases:
        with pytest.raises(PackError) as exc:
            cfreq_pack(**params)
        assert exc.value.field == field
