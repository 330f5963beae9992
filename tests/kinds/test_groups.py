"""group_size: members per group within bounds, officers, every rep in a group."""

from __future__ import annotations

from typing import Any

import pytest

from changrenzhi import Report
from changrenzhi.errors import PackError
from support import make_pack, run, town

Q1 = ("2011-01-01", "2011-03-31")
Q2 = ("2011-04-01", "2011-06-30")


def rows(report: Report) -> list[tuple[str, str, str, str, tuple[str, ...]]]:
    out = []
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
