"""committee_reception and committee_visit_month: counts per period, rotation, notices, records."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from changrenzhi import Report
from changrenzhi.errors import PackError
from changrenzhi.findings import Finding
from changrenzhi.kinds.committee.rules import months_before
from changrenzhi.registry import default_registry
from support import make_pack, run, statuses, town

Ev = dict[str, Any]
ZJG = {"source": "000_4d6d1418da65ff90.txt", "line": 158, "text": "每月一次"}


def key(f: Finding) -> str:
    """The message key of a finding, found by its template."""
    messages = default_registry().get(f.kind).messages
    return next(k for k, t in messages.items() if t == f.template)


def rows(report: Report) -> list[tuple[str, str, str, tuple[str, ...]]]:
    return [(f.status, f.subject, key(f), f.evidence) for f in report.findings]


def committee(*members: str, day: str = "2011-01-04") -> list[Ev]:
    return [{"id": f"appoint-{m}", "type": "committee.appointed", "date": day, "member": m} for m in members]


def reception(rid: str, day: str, member: str, **extra: Any) -> Ev:
    return {"id": rid, "type": "committee.reception", "date": day, "member": member} | extra


def reception_pack(**params: Any) -> Any:
    return make_pack({"kind": "committee_reception", "params": params, "citation": ZJG})


BASE = [*town(6), *committee("A", "B", "C")]


# ---- committee_reception: how often -----------------------------------------
def test_one_reception_every_month() -> None:
    events = [*BASE, reception("r1", "2011-01-20", "A"), reception("r3", "2011-03-10", "B")]
    report = run(reception_pack(rotation=False), events, "2011-04-15")
    assert [(f.status, f.subject, f.period and f.period.start.isoformat()) for f in report.findings] == [
        ("violation", "committee", "2011-02-01"),
        ("pending", "committee", "2011-04-01"),
    ]
    f = report.findings[0]
    assert f.args == {"count": 0, "bound": "≥1", "min": 1, "max": None}
    assert f.message() == "2011年2月党委委员接待日 0 次，应为 ≥1 次"


def test_at_most_one_reception_a_month_is_final_at_once() -> None:
    events = [*BASE, reception("r1", "2011-01-20", "A"), reception("r2", "2011-01-25", "B")]
    report = run(reception_pack(rotation=False, max=1), events, "2011-01-25")
    assert rows(report) == [("violation", "committee", "count", ("r1", "r2"))]
    assert statuses(run(reception_pack(rotation=False, max=2), events, "2011-01-31")) == []


def test_months_are_owed_only_within_the_term() -> None:
    # a one-year term from 4 January 2011: December 2011 is owed, nothing after the term
    events = [*town(3, term_years=1), *committee("A")]
    events += [reception(f"r{m}", f"2011-{m:02d}-15", "A") for m in range(1, 13)]
    assert statuses(run(reception_pack(), events, "2012-06-30")) == []


# ---- committee_reception: rotation --------------------------------------------
def test_rotation_every_member_before_a_second_turn() -> None:
    events = [
        *BASE,
        reception("r1", "2011-01-10", "A"),
        reception("r2", "2011-02-10", "B"),
        reception("r3", "2011-03-10", "A"),  # C has not had a turn
        reception("r4", "2011-04-10", "C"),  # the round closes: A, B, C
        reception("r5", "2011-05-10", "C"),  # a new round: C may start it
        reception("r6", "2011-06-10", "B"),
    ]
    report = run(reception_pack(min=None), events, "2011-06-30")
    assert rows(report) == [("violation", "A", "rotation", ("r1", "r3"))]
    f = report.findings[0]
    assert f.args["waiting"] == ["C"]
    assert f.message() == "党委委员 A 于 2011-03-10 第二次接待（r3），本轮尚未轮到的委员：C"


def test_rotation_follows_appointments_and_terms() -> None:
    events = [
        *town(3, term_years=1),
        *committee("A", "B"),
        reception("r1", "2011-01-10", "A"),
        *committee("D", day="2011-01-20"),  # joins the round under way
        reception("r2", "2011-02-10", "B"),
        reception("r3", "2011-03-10", "A"),  # D still waits
        reception("r4", "2011-04-10", "D"),
        # a new congress (a new term) starts a new round
        {"id": "congress-2", "type": "congress.opened", "date": "2012-01-04", "term_years": 1},
        *committee("E", day="2012-01-04"),
        reception("r5", "2012-01-10", "E"),
    ]
    report = run(reception_pack(min=None), events, "2012-01-31")
    assert rows(report) == [("violation", "A", "rotation", ("r1", "r3"))]
    assert report.findings[0].args["waiting"] == ["D"]


def test_reception_by_someone_not_in_office() -> None:
    events = [*town(3, term_years=1), *committee("A"), reception("r1", "2012-01-10", "A")]
    report = run(reception_pack(min=None), events, "2012-01-31")
    assert rows(report) == [("violation", "A", "not_member", ("r1",))]


# ---- committee_reception: schedule, record, visitors --------------------------
def test_schedule_posted_in_advance() -> None:
    pack = reception_pack(min=None, rotation=False, posted_days=1)
    on_time = reception("r1", "2011-01-10", "A", posted="2011-01-09")
    assert statuses(run(pack, [*BASE, on_time], "2011-12-31")) == []
    report = run(pack, [*BASE, on_time | {"posted": "2011-01-10"}], "2011-12-31")
    assert rows(report) == [("violation", "A", "late_post", ("r1",))]
    assert report.findings[0].message("en") == (
        "the schedule for reception r1 (2011-01-10) was posted on 2011-01-10; it was due by 2011-01-09"
    )
    assert rows(run(pack, [*BASE, reception("r1", "2011-01-10", "A")], "2011-12-31")) == [
        ("violation", "A", "unposted", ("r1",))
    ]
    same_day = reception_pack(min=None, rotation=False, posted_days=0)
    assert statuses(run(same_day, [*BASE, on_time | {"posted": "2011-01-10"}], "2011-12-31")) == []


def test_record_kept() -> None:
    pack = reception_pack(min=None, rotation=False, recorded=True)
    events = [
        *BASE,
        reception("r1", "2011-01-10", "A", recorded=True),
        reception("r2", "2011-02-10", "B", recorded=False),
        reception("r3", "2011-03-10", "C"),  # not said: no record
    ]
    assert rows(run(pack, events, "2011-12-31")) == [
        ("violation", "B", "unrecorded", ("r2",)),
        ("violation", "C", "unrecorded", ("r3",)),
    ]


def test_visitors_are_group_leaders_or_deputies_that_day() -> None:
    # town(): R01 leads G1, R02 is deputy, R03 liaison
    pack = reception_pack(min=None, rotation=False, visitors_officers=True)
    events = [
        *BASE,
        reception("r1", "2011-01-10", "A", visitors=["R01", "R02"]),
        reception("r2", "2011-02-10", "B", visitors=["R03"]),
        {"id": "new-deputy", "type": "group.changed", "date": "2011-03-01", "group": "G1", "deputy": "R03"},
        reception("r3", "2011-03-10", "C", visitors=["R03", "R02"]),
    ]
    report = run(pack, events, "2011-12-31")
    assert [(f.subject, f.args["visitor"]) for f in report.findings] == [("B", "R03"), ("C", "R02")]


def test_reception_params_are_checked() -> None:
    bad: dict[str, Any]
    for bad in ({"min": 2, "max": 1}, {"min": 0}, {"posted_days": -1}, {"period": "week"}, {"rota": True},
                {"min": None, "rotation": False}):  # fmt: skip
        with pytest.raises(PackError):
            reception_pack(**bad)


# ---- committee_visit_month ------------------------------------------------------
def visit_month(mid: str, start: str, end: str, **extra: Any) -> Ev:
    return {"id": mid, "type": "visit_month.held", "date": end, "start": start, "end": end} | extra


def visit(vid: str, day: str, member: str, group: str | None = None) -> Ev:
    ev: Ev = {"id": vid, "type": "committee.visit", "date": day, "member": member}
    return ev | ({"group": group} if group else {"rep": "R01"})


def month_pack(**params: Any) -> Any:
    return make_pack({"kind": "committee_visit_month", "params": params, "citation": ZJG | {"line": 165}})


GROUPS = [
    *town(6, group=None),
    *committee("A", "B"),
    *(
        {"id": f"form-{g}", "type": "group.formed", "date": "2011-01-04", "group": g, "members": [f"R0{i}"]}
        for i, g in enumerate(("G1", "G2", "G3"), 1)
    ),
]


def test_one_visit_month_per_half_year() -> None:
    events = [*GROUPS, visit_month("vm1", "2011-05-01", "2011-05-31")]
    report = run(month_pack(), events, "2012-03-01")
    assert [(f.status, f.subject, f.period and f.period.start.isoformat()) for f in report.findings] == [
        ("violation", "committee", "2011-07-01"),
        ("pending", "committee", "2012-01-01"),
    ]
    two = [*events, visit_month("vm2", "2011-06-01", "2011-06-30")]
    report = run(month_pack(max=1), two, "2011-06-30")
    assert rows(report) == [("violation", "committee", "count", ("vm1", "vm2"))]
    assert report.findings[0].message() == "2011年上半年确定党委委员走访代表小组工作月 2 个，应为 1 个"


def test_each_member_visits_one_or_two_groups_in_the_month() -> None:
    pack = month_pack(min=0, groups={"min": 1, "max": 2})
    events = [
        *GROUPS,
        visit_month("vm1", "2011-05-01", "2011-05-31", date="2011-05-01"),  # logged as it began
        visit("v0", "2011-04-30", "A", "G1"),  # before the month
        visit("v1", "2011-05-01", "A", "G1"),
        visit("v2", "2011-05-31", "A", "G2"),
        visit("v3", "2011-05-20", "A", "G2"),  # the same group again: still two groups
        visit("v4", "2011-05-10", "B"),  # a rep, not a group
        visit("v5", "2011-06-01", "B", "G3"),  # after the month
    ]
    report = run(pack, events, "2011-12-31")
    assert rows(report) == [("violation", "B", "groups", ("appoint-B", "vm1"))]
    assert (
        report.findings[0].message()
        == "党委委员 B 在走访工作月（2011-05-01至2011-05-31）走访代表小组 0 个，应为 1–2 个"
    )
    assert report.findings[0].args["count"] == 0
    three = [*events, visit("v6", "2011-05-15", "A", "G3")]
    report = run(pack, three, "2011-05-20")  # past the ceiling before the month is out
    assert [(f.status, f.subject, f.args["count"]) for f in report.findings] == [
        ("violation", "A", 3),
        ("pending", "B", 0),
    ]


def test_visits_pending_while_the_month_runs_and_members_appointed_later_are_not_counted() -> None:
    pack = month_pack(min=0, groups={"min": 1})
    events = [*GROUPS, visit_month("vm1", "2011-05-01", "2011-05-31", date="2011-05-01")]
    events += committee("C", day="2011-05-02")
    assert [(f.status, f.subject) for f in run(pack, events, "2011-05-30").findings] == [
        ("pending", "A"),
        ("pending", "B"),
    ]
    assert statuses(run(pack, events, "2011-05-31")) == ["violation", "violation"]


def test_schedule_a_month_ahead_and_minutes_after() -> None:
    pack = month_pack(min=0, scheduled_months=1, minutes=True)
    good = visit_month("vm1", "2011-05-31", "2011-06-29", scheduled="2011-04-30", minutes="2011-06-30")
    assert statuses(run(pack, [*GROUPS, good], "2011-12-31")) == []
    late = good | {"scheduled": "2011-05-01", "minutes": "2011-06-29"}
    report = run(pack, [*GROUPS, late], "2011-12-31")
    assert sorted((f.subject, key(f), f.args.get("deadline")) for f in report.findings) == [
        ("2011-05-31", "early_minutes", None),  # a visit month is named by its first day
        ("2011-05-31", "late_schedule", "2011-04-30"),
    ]
    assert all(f.evidence == ("vm1",) for f in report.findings)
    bare = visit_month("vm1", "2011-05-31", "2011-06-29")
    assert [(f.status, key(f)) for f in run(pack, [*GROUPS, bare], "2011-06-30").findings] == [
        ("violation", "unscheduled"),
        ("violation", "no_minutes"),
    ]
    # minutes may still come while the half-year of the month's end is open
    assert [(f.status, key(f)) for f in run(pack, [*GROUPS, bare], "2011-06-29").findings] == [
        ("violation", "unscheduled"),
        ("pending", "no_minutes"),
    ]
    # late is not done: minutes dated after the half-year (30 June) are a violation that says so
    after = visit_month("vm1", "2011-05-31", "2011-06-29", scheduled="2011-04-30", minutes="2011-07-01")
    done_late = run(pack, [*GROUPS, after], "2011-12-31").findings
    assert [(f.status, key(f), f.args["done_late_on"], f.args["due"]) for f in done_late] == [
        ("violation", "late_minutes", "2011-07-01", "2011-06-30")
    ]
    assert done_late[0].id == run(pack, [*GROUPS, after | {"minutes": None}], "2011-12-31").findings[0].id
    # seen on a day before the minutes' date, they are not there yet
    assert [(f.status, key(f)) for f in run(pack, [*GROUPS, after], "2011-06-30").findings] == [
        ("violation", "no_minutes")
    ]
    early = visit_month("vm1", "2011-05-31", "2011-06-29", date="2011-03-01")  # logged when planned
    assert [(f.status, key(f)) for f in run(pack, [*GROUPS, early], "2011-04-01").findings] == [
        ("pending", "unscheduled"),
        ("pending", "no_minutes"),
    ]


def test_months_before() -> None:
    assert months_before(date(2011, 3, 31), 1).isoformat() == "2011-02-28"
    assert months_before(date(2011, 1, 15), 1).isoformat() == "2010-12-15"
    assert months_before(date(2011, 1, 15), 13).isoformat() == "2009-12-15"


def test_visit_month_params_are_checked() -> None:
    bad: dict[str, Any]
    for bad in (
        {"min": 2, "max": 1},
        {"groups": {}},
        {"groups": {"min": 3, "max": 2}},
        {"scheduled_months": -1},
        {"min": -1},
        {"min": 0},
    ):
        with pytest.raises(PackError):
            month_pack(**bad)
