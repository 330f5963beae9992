"""group_size: members per group within bounds, officers, every rep in a group."""

from __future__ import annotations

from typing import Any

import pytest

from changrenzhi import Report
from changrenzhi.errors import PackError
from changrenzhi.findings import Finding
from changrenzhi.kinds.groups.params import ActivityDayParams
from changrenzhi.registry import default_registry
from support import make_pack, run, statuses, town

Q1 = ("2011-01-01", "2011-03-31")
Q2 = ("2011-04-01", "2011-06-30")


def rows(report: Report) -> list[tuple[str, str, str, str, tuple[str, ...]]]:
    out: list[tuple[str, str, str, str, tuple[str, ...]]] = []
    for f in report.findings:
        assert f.period is not None
        out.append((f.status, f.subject, f.period.start.isoformat(), f.period.end.isoformat(), f.evidence))
    return out


def size_pack(**params: Any) -> Any:
    return make_pack({"kind": "group_size", "params": params})


def reps(first: int, last: int) -> list[str]:
    return [f"R{i:02d}" for i in range(first, last + 1)]


def group(gid: str, day: str, members: list[str], **officers: str) -> dict[str, Any]:
    ev = {"id": f"form-{gid}", "type": "group.formed", "date": day, "group": gid, "members": members}
    return ev | officers


def disqualify(rep: str, day: str) -> dict[str, Any]:
    return {"id": f"dq-{rep}", "type": "rep.disqualified", "date": day, "rep": rep, "reason": "moved"}


def test_size_bounds_are_inclusive() -> None:
    events = [
        *town(50, group=None),
        group("GA", "2011-01-04", reps(1, 10)),  # 10: the lower bound
        group("GB", "2011-01-04", reps(11, 25)),  # 15: the upper bound
        group("GC", "2011-01-04", reps(26, 34)),  # 9
        group("GD", "2011-01-04", reps(35, 50)),  # 16
    ]
    report = run(size_pack(min=10, max=15), events, "2011-03-31")
    assert rows(report) == [("violation", "GC", *Q1, ("form-GC",)), ("violation", "GD", *Q1, ("form-GD",))]
    assert report.findings[0].args == {"count": 9, "bound": "10–15", "min": 10, "max": 15}
    assert report.findings[1].args["count"] == 16
    assert (
        report.findings[0].message("en")
        == "group GC had 9 seated members at the end of 2011 Q1; required 10–15"
    )


def test_size_open_quarter_is_pending() -> None:
    events = [*town(9, group=None), group("GA", "2011-01-04", reps(1, 9))]
    assert rows(run(size_pack(min=10), events, "2011-05-01")) == [
        ("violation", "GA", *Q1, ("form-GA",)),
        ("pending", "GA", *Q2, ("form-GA",)),
    ]


def test_size_counts_only_seated_members_and_cites_the_disqualification() -> None:
    events = [*town(10, group=None), group("GA", "2011-01-04", reps(1, 10)), disqualify("R10", "2011-05-01")]
    report = run(size_pack(min=10, max=15), events, "2011-06-30")
    assert rows(report) == [("violation", "GA", *Q2, ("form-GA", "dq-R10"))]
    assert report.findings[0].args["count"] == 9


def test_size_missing_officer() -> None:
    events = [*town(10, group=None), group("GA", "2011-01-04", reps(1, 10), leader="R01")]
    report = run(size_pack(officers=["leader", "deputy"]), events, "2011-03-31")
    assert rows(report) == [("violation", "GA", *Q1, ("form-GA",))]
    f = report.findings[0]
    assert f.args == {"role": "deputy", "role_zh": "副组长", "officer": None}
    assert f.message() == "代表小组 GA 在2011年第1季度末没有在任的副组长"


def test_size_officer_disqualified_until_replaced() -> None:
    events = [
        *town(10, group=None),
        group("GA", "2011-01-04", reps(1, 10), leader="R01", deputy="R02"),
        disqualify("R01", "2011-03-01"),
        {"id": "new-leader", "type": "group.changed", "date": "2011-04-15", "group": "GA", "leader": "R03"},
    ]
    report = run(size_pack(officers=["leader", "deputy"]), events, "2011-06-30")
    assert rows(report) == [("violation", "GA", *Q1, ("form-GA", "dq-R01"))]
    assert report.findings[0].args == {"role": "leader", "role_zh": "组长", "officer": "R01"}


def test_size_group_formed_mid_quarter_owes_it_only_if_it_existed_half_of_it() -> None:
    # Q1 2011 has 90 days: formed 14 Feb exists 46 days (owes Q1), formed 20 Feb 40 days (does not)
    events = [
        *town(18, group=None),
        group("GA", "2011-02-14", reps(1, 9)),
        group("GB", "2011-02-20", reps(10, 18)),
    ]
    assert rows(run(size_pack(min=10), events, "2011-06-30")) == [
        ("violation", "GA", *Q1, ("form-GA",)),
        ("violation", "GA", *Q2, ("form-GA",)),
        ("violation", "GB", *Q2, ("form-GB",)),
    ]
    assert rows(run(size_pack(min=10, presence="any"), events, "2011-03-31")) == [
        ("violation", "GA", *Q1, ("form-GA",)),
        ("violation", "GB", *Q1, ("form-GB",)),
    ]


def test_every_rep_in_group() -> None:
    events = [
        *town(4, group=None),
        group("GA", "2011-01-04", reps(1, 3)),
        {"id": "mv", "type": "group.changed", "date": "2011-05-01", "group": "GA", "remove": ["R03"]},
    ]
    report = run(size_pack(every_rep_in_group=True), events, "2011-06-30")
    assert rows(report) == [
        ("violation", "R04", *Q1, ("elect-R04",)),
        ("violation", "R03", *Q2, ("elect-R03",)),
        ("violation", "R04", *Q2, ("elect-R04",)),
    ]
    assert report.findings[0].message("en") == "rep R04 belonged to no group at the end of 2011 Q1"


def test_every_rep_in_group_ignores_groups_of_an_ended_term() -> None:
    events = [
        *town(3, term_years=1),
        disqualify("R01", "2011-12-01"),  # (the roster does not let a seated rep be elected again)
        {"id": "congress-2", "type": "congress.opened", "date": "2012-01-04", "term_years": 1},
        {"id": "reelect-R01", "type": "rep.elected", "date": "2012-01-04", "rep": "R01"},
    ]
    # G1 of the first term still lists R01, but it ended with that term
    assert rows(run(size_pack(every_rep_in_group=True), events, "2012-03-31")) == [
        ("violation", "R01", "2012-01-01", "2012-03-31", ("reelect-R01",)),
    ]


def test_params_are_checked() -> None:
    with pytest.raises(PackError):
        size_pack(min=16, max=15)
    with pytest.raises(PackError):
        size_pack()
    with pytest.raises(PackError):
        size_pack(officers=["leader", "leader"])


# ---- group_activity ---------------------------------------------------------
H1 = ("2011-01-01", "2011-06-30")
H2 = ("2011-07-01", "2011-12-31")
Y2011 = ("2011-01-01", "2011-12-31")


def activity(aid: str, day: str, attendees: list[str], gid: str = "G1", **extra: Any) -> dict[str, Any]:
    ev = {"id": aid, "type": "group.activity", "date": day, "group": gid, "attendees": attendees}
    return ev | extra


def activity_pack(severity: str = "violation", **params: Any) -> Any:
    return make_pack({"kind": "group_activity", "params": params, "severity": severity})


def test_activity_whole_group_once_per_half() -> None:
    events = [
        *town(12),
        activity("a1", "2011-03-01", reps(1, 12)),  # every member: whole-group
        activity("a2", "2011-09-01", reps(1, 11)),  # one missing: a partial activity
    ]
    report = run(activity_pack(), events, "2011-12-31")
    assert rows(report) == [("violation", "G1", *H2, ("form-G1", "a2"))]
    f = report.findings[0]
    assert f.args["count"] == 0 and f.args["min"] == 1 and f.args["partial"] == ["a2"]
    assert f.message() == "代表小组 G1 在2011年下半年组织全组集中活动 0 次，应不少于 1 次"
    assert f.message("en") == "group G1 held 0 whole-group activities in 2011 H2; at least 1 required"
    # the flag makes an activity whole-group whoever attended; without whole_group any activity counts
    flagged = [*events[:-1], activity("a2", "2011-09-01", reps(1, 3), whole_group=True)]
    assert rows(run(activity_pack(), flagged, "2011-12-31")) == []
    assert rows(run(activity_pack(whole_group=False), events, "2011-12-31")) == []


def test_activity_min_is_inclusive() -> None:
    events = [*town(3), activity("a1", "2011-02-01", reps(1, 3)), activity("a2", "2011-03-01", reps(1, 3))]
    assert rows(run(activity_pack(min=2), events, "2011-06-30")) == []
    assert rows(run(activity_pack(min=3), events, "2011-06-30")) == [
        ("violation", "G1", *H1, ("form-G1", "a1", "a2"))
    ]


def test_activity_open_half_is_pending() -> None:
    events = [*town(3), activity("a1", "2011-03-01", reps(1, 3))]
    assert rows(run(activity_pack(), events, "2011-08-01")) == [("pending", "G1", *H2, ("form-G1",))]


def test_activity_whole_group_follows_the_roster() -> None:
    events = [
        *town(12),
        disqualify("R12", "2011-03-01"),  # no longer expected
        activity("a1", "2011-04-01", reps(1, 11)),
        {"id": "elect-R13", "type": "rep.elected", "date": "2011-08-01", "rep": "R13"},
        {"id": "add-R13", "type": "group.changed", "date": "2011-08-01", "group": "G1", "add": ["R13"]},
        activity("a2", "2011-09-01", reps(1, 11)),  # R13 now a member and absent
    ]
    report = run(activity_pack(), events, "2011-12-31")
    assert rows(report) == [("violation", "G1", *H2, ("form-G1", "a2"))]


def test_activity_group_formed_mid_half_owes_it_only_if_it_existed_half_of_it() -> None:
    # H1 2011 has 181 days: formed 1 April exists 91 days (owes H1), formed 2 April 90 days (does not)
    events = [
        *town(6, group=None),
        group("GA", "2011-04-01", reps(1, 3)),
        group("GB", "2011-04-02", reps(4, 6)),
    ]
    assert rows(run(activity_pack(), events, "2011-06-30")) == [("violation", "GA", *H1, ("form-GA",))]


def test_activity_ends_with_the_term() -> None:
    events = [
        *town(3, term_years=1),
        activity("a1", "2011-03-01", reps(1, 3)),
        activity("a2", "2011-09-01", reps(1, 3)),
    ]
    # the group lives until 2012-01-03: nothing is owed for 2012 H1
    assert rows(run(activity_pack(), events, "2012-12-31")) == []
    late = [*events, activity("a3", "2012-03-01", reps(1, 3))]
    assert rows(run(activity_pack(days={"max": 2}), late, "2012-12-31")) == []


def test_activity_days_band() -> None:
    def log(*days: float) -> list[dict[str, Any]]:
        acts = [activity(f"a{i}", f"2011-0{i + 2}-01", reps(1, 3), days=d) for i, d in enumerate(days)]
        return [*town(3), *acts]

    pack = activity_pack("warning", min=None, days={"min": 2, "max": 3})
    assert rows(run(pack, log(1, 1), "2011-12-31")) == []  # 2: the lower bound
    assert rows(run(pack, log(1, 1, 1), "2011-12-31")) == []  # 3: the upper bound
    report = run(pack, log(1, 0.5), "2011-12-31")
    assert rows(report) == [("warning", "G1", *Y2011, ("form-G1", "a0", "a1"))]
    f = report.findings[0]
    assert f.args["days"] == "1.5" and f.args["bound"] == "2–3"
    assert f.message() == "代表小组 G1 在2011年组织代表活动累计 1.5 天，以 2–3 天为宜"
    assert rows(run(pack, log(1, 0.5), "2011-10-01")) == [("pending", "G1", *Y2011, ("form-G1", "a0", "a1"))]
    # past the ceiling is final even while the year is open
    assert statuses(run(pack, log(1, 1, 1, 0.5), "2011-06-30")) == ["warning"]


def test_activity_params_are_checked() -> None:
    bad: dict[str, Any]
    for bad in (
        {"min": None},
        {"min": 0},
        {"days": {"min": 3, "max": 2}},
        {"days": {}},
        {"days": {"min": -1}},
        {"period": "week"},
        {"whatever": 1},
    ):
        with pytest.raises(PackError):
            activity_pack(**bad)


# ---- activity_day -----------------------------------------------------------
def day_pack(**params: Any) -> Any:
    return make_pack({"kind": "activity_day", "params": params})


def annual_meeting(mid: str, day: str) -> dict[str, Any]:
    return {
        "id": f"held-{mid}",
        "type": "meeting.held",
        "date": day,
        "meeting": mid,
        "kind": "annual",
        "present": 3,
    }


def test_activity_day_around_july_first() -> None:
    pack = day_pack(around=15)
    for day, ok in (("2011-06-16", True), ("2011-06-15", False), ("2011-07-16", True), ("2011-07-17", False)):
        report = run(pack, [*town(3), activity("a1", day, reps(1, 2))], "2011-12-31")
        assert rows(report) == ([] if ok else [("violation", "G1", *Y2011, ("form-G1", "a1"))]), day
    report = run(pack, [*town(3), activity("a1", "2011-06-15", reps(1, 2))], "2011-12-31")
    f = report.findings[0]
    assert f.args["outside"] == ["a1"]
    assert f.message() == "代表小组 G1 在2011年于7月1日前后 15 天内开展活动 0 次，应不少于 1 次"


def test_activity_day_before_the_meeting() -> None:
    pack = day_pack(before_meeting=30)
    meeting = annual_meeting("M1", "2011-11-30")
    for day, ok in (("2011-10-31", True), ("2011-10-30", False), ("2011-11-30", False), ("2011-11-29", True)):
        report = run(pack, [*town(3), activity("a1", day, reps(1, 2)), meeting], "2011-12-31")
        assert statuses(report) == ([] if ok else ["violation"]), day
    # a committee meeting does not open the window
    other = meeting | {"kind": "committee"}
    assert statuses(run(pack, [*town(3), activity("a1", "2011-11-29", reps(1, 2)), other], "2011-12-31")) == [
        "violation"
    ]


def test_activity_day_open_year_and_a_meeting_still_to_come_are_pending() -> None:
    pack = day_pack(before_meeting=30, around=5)
    events = [*town(3), activity("a1", "2011-12-20", reps(1, 2))]
    assert statuses(run(pack, events, "2011-06-30")) == ["pending"]  # the year is open
    assert statuses(run(pack, [*town(3)], "2011-06-30")) == ["pending"]
    # the year is over but a meeting after as_of could still make the activity of 20 December count
    assert statuses(run(pack, events, "2011-12-31")) == ["pending"]
    # 20 December + 30 days is 19 January: from then on no meeting can make it count (2012 is open)
    assert statuses(run(pack, events, "2012-01-18")) == ["pending", "pending"]
    assert statuses(run(pack, events, "2012-01-19")) == ["violation", "pending"]
    assert statuses(run(pack, [*events, annual_meeting("M1", "2012-01-10")], "2012-01-19")) == ["pending"]


def test_activity_day_whole_group_and_min() -> None:
    events = [*town(3), activity("a1", "2011-07-01", reps(1, 2)), activity("a2", "2011-07-02", reps(1, 3))]
    assert statuses(run(day_pack(around=3, whole_group=True), events, "2011-12-31")) == []
    assert statuses(run(day_pack(around=3, whole_group=True, min=2), events, "2011-12-31")) == ["violation"]
    assert statuses(run(day_pack(around=3, min=2), events, "2011-12-31")) == []


def test_activity_day_params_are_checked() -> None:
    for bad in ({}, {"around": -1}, {"around": 3, "anchor": "02-30"}, {"around": 3, "anchor": "7/1"},
                {"before_meeting": 0}, {"around": 1, "meeting_kinds": []}):  # fmt: skip
        with pytest.raises(PackError):
            day_pack(**bad)
    assert day_pack(around=1, anchor="7-1").rules[0].params == ActivityDayParams(around=1, anchor="07-01")


# ---- group_plan -------------------------------------------------------------
def plan(pid: str, day: str, year: int, gid: str = "G1") -> dict[str, Any]:
    return {"id": pid, "type": "group.plan", "date": day, "group": gid, "year": year}


def plan_pack(**params: Any) -> Any:
    return make_pack({"kind": "group_plan", "params": params})


def test_plan_by_the_end_of_january() -> None:
    base = town(3, day="2010-12-01")  # the group exists from before 2011
    assert rows(run(plan_pack(), [*base, plan("p1", "2011-01-31", 2011)], "2011-12-31")) == []
    report = run(plan_pack(), [*base, plan("p1", "2011-02-01", 2011)], "2011-12-31")
    assert rows(report) == [("violation", "G1", *Y2011, ("form-G1", "p1"))]
    assert (
        report.findings[0].message()
        == "代表小组 G1 的2011年活动计划于 2011-02-01 确定，应于 2011-01-31 前确定"
    )
    # a plan for another year does not count; none at all is pending until the deadline passes
    other = [*base, plan("p0", "2011-01-10", 2012)]
    assert rows(run(plan_pack(), other, "2011-01-30")) == [("pending", "G1", *Y2011, ("form-G1",))]
    assert rows(run(plan_pack(), other, "2011-01-31")) == [("violation", "G1", *Y2011, ("form-G1",))]
    assert rows(run(plan_pack(plan_by="02-15"), [*base, plan("p1", "2011-02-01", 2011)], "2011-12-31")) == []


def test_plan_of_a_group_formed_during_the_year() -> None:
    # formed 1 March: 30 days from formation, as the others have from 1 January to 31 January
    base = [*town(3, day="2010-12-01", group=None), group("GA", "2011-03-01", reps(1, 3))]
    assert rows(run(plan_pack(), [*base, plan("p1", "2011-03-31", 2011, "GA")], "2011-12-31")) == []
    assert statuses(run(plan_pack(), [*base, plan("p1", "2011-04-01", 2011, "GA")], "2011-12-31")) == [
        "violation"
    ]
    # formed in October: it does not owe a plan for 2011 (less than half the year)
    late = [*town(3, day="2010-12-01", group=None), group("GB", "2011-10-01", reps(1, 3))]
    assert rows(run(plan_pack(), late, "2011-12-31")) == []


def test_activity_announced_themed_and_attended() -> None:
    base = town(3)
    pack = plan_pack(plan_by=None, announce_days=1, theme=True, attendance=True)
    good = activity("a1", "2011-03-10", reps(1, 3), announced="2011-03-09", theme="视察")
    assert rows_open(run(pack, [*base, good], "2011-12-31")) == []
    same_day = good | {"announced": "2011-03-10"}
    report = run(pack, [*base, same_day], "2011-12-31")
    assert [(f.status, f.subject, f.evidence) for f in report.findings] == [("violation", "G1", ("a1",))]
    assert report.findings[0].message("en") == (
        "activity a1 of group G1 (2011-03-10) was announced on 2011-03-10; notice was due by 2011-03-09"
    )
    assert statuses(run(plan_pack(plan_by=None, announce_days=0), [*base, same_day], "2011-12-31")) == []
    bare = activity("a1", "2011-03-10", [])
    report = run(pack, [*base, bare], "2011-12-31")
    assert sorted(f.args.get("activity", "") + ":" + key(f) for f in report.findings) == [
        "a1:no_attendance",
        "a1:no_theme",
        "a1:unannounced",
    ]


def test_plan_params_are_checked() -> None:
    for bad in ({"plan_by": "13-01"}, {"plan_by": None}, {"announce_days": -1}, {"plan_by": "02-29"}):
        with pytest.raises(PackError):
            plan_pack(**bad)


# ---- group_report -----------------------------------------------------------
def report_of(rid: str, day: str, gid: str, meeting_id: str = "M1") -> dict[str, Any]:
    return {"id": rid, "type": "group.report", "date": day, "group": gid, "meeting": meeting_id}


def report_pack(**params: Any) -> Any:
    return make_pack({"kind": "group_report", "params": params})


def test_report_fifteen_days_before_is_on_time() -> None:
    base = [
        *town(6, group=None),
        group("GA", "2011-01-04", reps(1, 3)),
        group("GB", "2011-01-04", reps(4, 6)),
    ]
    events = [
        *base,
        report_of("r-a", "2011-05-31", "GA"),  # 15 days before 15 June
        report_of("r-b", "2011-06-01", "GB"),  # 14 days
        annual_meeting("M1", "2011-06-15"),
    ]
    report = run(report_pack(), events, "2011-12-31")
    assert [(f.status, f.subject, f.evidence) for f in report.findings] == [
        ("violation", "GB", ("form-GB", "r-b", "held-M1"))
    ]
    assert report.findings[0].message() == (
        "代表小组 GB 就年会 M1（2011-06-15）于 2011-06-01 作书面汇报，应在召开 15 天前（2011-05-31 前）汇报"
    )
    missing = run(
        report_pack(),
        [*base, report_of("r-a", "2011-05-31", "GA"), annual_meeting("M1", "2011-06-15")],
        "2011-12-31",
    )
    assert [(f.subject, key(f)) for f in missing.findings] == [("GB", "missing")]
    assert statuses(run(report_pack(days=14), events, "2011-12-31")) == []


def test_report_only_once_the_meeting_sits_and_only_by_groups_that_existed() -> None:
    base = [
        *town(6, group=None),
        group("GA", "2011-01-04", reps(1, 3)),
        group("GB", "2011-06-01", reps(4, 6)),
    ]
    assert statuses(run(report_pack(), base, "2011-12-31")) == []  # no meeting known yet
    events = [*base, report_of("r-a", "2011-05-31", "GA"), annual_meeting("M1", "2011-06-15")]
    assert statuses(run(report_pack(), events, "2011-12-31")) == []  # GB formed after the deadline
    committee = [*base, annual_meeting("M1", "2011-06-15") | {"kind": "committee"}]
    assert statuses(run(report_pack(), committee, "2011-12-31")) == []
    assert statuses(run(report_pack(meeting_kinds=["committee"]), committee, "2011-12-31")) == ["violation"]


def test_report_params_are_checked() -> None:
    bad: dict[str, Any]
    for bad in ({"days": -1}, {"meeting_kinds": []}):
        with pytest.raises(PackError):
            report_pack(**bad)


def key(f: Finding) -> str:
    """The message key of a finding, found by its template."""
    messages = default_registry().get(f.kind).messages
    return next(k for k, t in messages.items() if t == f.template)


def rows_open(report: Report) -> list[tuple[str, str]]:
    return [(f.status, f.subject) for f in report.findings]
