"""named_activity, meeting_invitation."""

from __future__ import annotations

from typing import Any

import pytest

from changrenzhi import Report
from changrenzhi.errors import PackError
from support import make_pack, run, town

FIVE = ["党代表座谈会", "党代表调研月", "党代表评议乡镇直部门", "信访接待日", "党代表满意度测评"]


def pack(kind: str, **params: Any) -> Any:
    return make_pack({"kind": kind, "params": params})


def rows(report: Report) -> list[tuple[str, str, str | None, tuple[str, ...]]]:
    out: list[tuple[str, str, str | None, tuple[str, ...]]] = []
    for f in report.findings:
        end = f.period.end.isoformat() if f.period is not None else None
        out.append((f.status, f.subject, end, f.evidence))
    return out


def activity(aid: str, name: str, day: str, **kw: Any) -> dict[str, Any]:
    return {"id": aid, "type": "activity.held", "date": day, "activity": name} | kw


# ---- named_activity --------------------------------------------------------------
def test_each_of_the_five_once_a_year() -> None:
    events = [*town(3, term_years=2), *(activity(f"a{i}", n, "2011-06-01") for i, n in enumerate(FIVE[:4]))]
    report = run(pack("named_activity", activities=FIVE), events, "2012-03-01")
    assert rows(report) == [
        ("violation", "党代表满意度测评", "2011-12-31", ()),
        *(("pending", n, "2012-12-31", ()) for n in sorted(FIVE)),
    ]
    f = report.findings[0]
    assert f.message() == "2011年开展“党代表满意度测评”0 次，应不少于 1 次"
    assert f.message("en") == "held '党代表满意度测评' 0 times in 2011; at least 1 required"


def test_aliases_min_and_max() -> None:
    spec = [{"name": "信访接待日", "aliases": ["接待日"]}]
    events = [
        *town(3, term_years=1),
        activity("a1", "接待日", "2011-03-01"),
        activity("a2", "信访接待日", "2011-09-01"),
    ]
    assert run(pack("named_activity", activities=spec, min=2), events, "2011-12-31").findings == ()
    report = run(pack("named_activity", activities=spec, min=3), events, "2011-12-31")
    assert rows(report) == [("violation", "信访接待日", "2011-12-31", ("a1", "a2"))]
    assert report.findings[0].args["count"] == 2
    report = run(pack("named_activity", activities=spec, max=1), events, "2011-09-01")
    assert rows(report) == [
        ("violation", "信访接待日", "2011-12-31", ("a1", "a2"))
    ]  # already past the ceiling
    # an unlisted name does not count
    assert len(run(pack("named_activity", activities=["信访接待日"]), events, "2011-12-31").findings) == 0
    assert len(run(pack("named_activity", activities=["座谈会"]), events, "2011-12-31").findings) == 1


def test_term_begun_mid_year_owes_the_year_only_if_half_of_it_is_left() -> None:
    # 2011 has 365 days: opened 2 July owes 2011 (183 days), opened 3 July does not
    early = [*town(2, day="2011-07-02", term_years=1, group=None)]
    late = [*town(2, day="2011-07-03", term_years=1, group=None)]
    assert [
        f.args["count"]
        for f in run(pack("named_activity", activities=["座谈会"]), early, "2011-12-31").findings
    ] == [0]
    assert run(pack("named_activity", activities=["座谈会"]), late, "2011-12-31").findings == ()


def test_per_group() -> None:
    events = [
        *town(4, group=None, term_years=1),
        {"id": "fA", "type": "group.formed", "date": "2011-01-04", "group": "GA", "members": ["R01", "R02"]},
        {"id": "fB", "type": "group.formed", "date": "2011-01-04", "group": "GB", "members": ["R03", "R04"]},
        activity("a1", "座谈会", "2011-05-01", group="GA"),
        activity("a2", "座谈会", "2011-05-01"),  # town-wide: no group's
    ]
    report = run(pack("named_activity", activities=["座谈会"], per="group"), events, "2011-12-31")
    assert rows(report) == [("violation", "GB", "2011-12-31", ())]
    assert report.findings[0].message() == "代表小组 GB 在2011年开展“座谈会”0 次，应不少于 1 次"


def test_named_activity_params_are_checked() -> None:
    bad: list[dict[str, Any]] = [
        {"activities": []},
        {"activities": ["座谈会", "座谈会"]},
        {"activities": [{"name": "信访接待日", "aliases": ["座谈会"]}, "座谈会"]},
        {"activities": ["座谈会"], "min": 0},
        {"activities": ["座谈会"], "min": 3, "max": 2},
        {"activities": ["座谈会"], "period": "decade"},
        {"activities": ["座谈会"], "per": "rep"},
        {"activities": [{"name": ""}]},
    ]
    for params in bad:
        with pytest.raises(PackError):
            pack("named_activity", **params)


# ---- meeting_invitation --------------------------------------------------------------
def meeting(mid: str, kind: str, day: str, invited: list[str] | None = None) -> dict[str, Any]:
    ev = {
        "id": f"m-{mid}-{day}",
        "type": "meeting.held",
        "date": day,
        "meeting": mid,
        "kind": kind,
        "present": 7,
    }
    return ev | ({"invited": invited} if invited is not None else {})


KINDS = ["development_plan", "awards", "personnel"]


def test_meetings_on_listed_matters_invite_reps() -> None:
    events = [
        *town(4),
        meeting("M1", "development_plan", "2011-03-01", ["R01"]),
        meeting("M2", "awards", "2011-04-01", []),
        meeting("M3", "personnel", "2011-05-01"),
        meeting("M4", "committee", "2011-06-01"),  # routine: not listed
    ]
    report = run(pack("meeting_invitation", meeting_kinds=KINDS), events, "2011-12-31")
    assert rows(report) == [
        ("violation", "M2", None, ("m-M2-2011-04-01",)),
        ("violation", "M3", None, ("m-M3-2011-05-01",)),
    ]
    assert report.findings[0].message() == "评先评优会议 M2（2011-04-01）邀请 0 名党代表列席，应不少于 1 名"


@pytest.mark.parametrize(
    ("invited", "fails"), [(["R01"], True), (["R01", "R02"], False), (["R01", "R02", "R03"], False)]
)
def test_minimum_invited_inclusive(invited: list[str], fails: bool) -> None:
    events = [*town(4), meeting("M1", "personnel", "2011-03-01", invited)]
    report = run(pack("meeting_invitation", meeting_kinds=["personnel"], min_invited=2), events, "2011-12-31")
    assert [f.status for f in report.findings] == (["violation"] if fails else [])


def test_only_seated_reps_count_as_invited() -> None:
    events = [
        *town(4),
        {"id": "dq", "type": "rep.disqualified", "date": "2011-03-01", "rep": "R02", "reason": "moved"},
        meeting("M1", "personnel", "2011-03-01", ["R02"]),  # disqualified that day
        meeting("M2", "personnel", "2011-02-28", ["R02"]),  # still seated
    ]
    report = run(pack("meeting_invitation", meeting_kinds=["personnel"]), events, "2011-12-31")
    assert [(f.subject, f.args["invited"], f.args["listed"]) for f in report.findings] == [
        ("M1", [], ["R02"])
    ]
    assert (
        run(
            pack("meeting_invitation", meeting_kinds=["personnel"], seated_only=False), events, "2011-12-31"
        ).findings
        == ()
    )


def test_meeting_invitation_params_are_checked() -> None:
    bad: list[dict[str, Any]] = [
        {},
        {"meeting_kinds": []},
        {"meeting_kinds": ["a", "a"]},
        {"meeting_kinds": ["a"], "min_invited": 0},
    ]
    for params in bad:
        with pytest.raises(PackError):
            pack("meeting_invitation", **params)
