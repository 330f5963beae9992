"""annual_meeting, quorum, vote_majority and ballot_method: boundaries, the roster over time, the calendar."""

from __future__ import annotations

import json
from typing import Any

import pytest

from changrenzhi.errors import PackError
from support import make_pack, run, statuses, town

Ev = dict[str, Any]
ZJG = {"source": "000_4d6d1418da65ff90.txt", "line": 112, "text": "一般每年召开一次年会"}


def meeting(
    mid: str,
    day: str,
    *,
    kind: str = "annual",
    present: int | None = None,
    attendees: list[str] | None = None,
    **extra: Any,
) -> Ev:
    ev: Ev = {"id": f"held-{mid}-{day}", "type": "meeting.held", "date": day, "meeting": mid, "kind": kind}
    if attendees is not None:
        ev["attendees"] = attendees
    else:
        ev["present"] = present if present is not None else 0
    ev.update(extra)
    return ev


def vote(
    vid: str,
    day: str,
    *,
    yes: int,
    no: int = 0,
    abstain: int = 0,
    declared: str = "passed",
    meeting_id: str = "M1",
    matter: str = "other",
    method: str = "hands",
) -> Ev:
    return {
        "id": vid,
        "type": "vote.held",
        "date": day,
        "meeting": meeting_id,
        "item": vid.upper(),
        "matter": matter,
        "method": method,
        "yes": yes,
        "no": no,
        "abstain": abstain,
        "declared": declared,
    }


def reps(n: int) -> list[str]:
    return [f"R{i:02d}" for i in range(1, n + 1)]


# ---- annual_meeting -------------------------------------------------------
def annual(**params: Any) -> Any:
    return make_pack({"kind": "annual_meeting", "params": params, "citation": ZJG})


def test_one_meeting_a_year_is_enough() -> None:
    events = [*town(5), meeting("M2011", "2011-06-01", present=5), meeting("M2012", "2012-06-01", present=5)]
    assert statuses(run(annual(min=1, max=1), events, "2012-12-31")) == []


def test_a_closed_year_without_a_meeting_is_a_violation() -> None:
    events = [*town(5), meeting("M2011", "2011-06-01", present=5)]
    report = run(annual(min=1), events, "2012-12-31")
    [f] = report.findings
    assert (f.status, f.subject, f.period and f.period.start.isoformat()) == (
        "violation",
        "annual",
        "2012-01-01",
    )
    assert f.args["count"] == 0
    assert "2012年召开年会 0 次" in f.message()


def test_a_year_still_open_at_as_of_is_pending_never_violation() -> None:
    events = [*town(5), meeting("M2011", "2011-06-01", present=5)]
    report = run(annual(min=1), events, "2012-12-30")
    assert statuses(report) == ["pending"]
    assert report.findings[0].period is not None
    assert report.findings[0].period.end.isoformat() == "2012-12-31"


def test_two_meetings_in_one_year_with_max_one() -> None:
    one = [*town(5), meeting("M1", "2011-03-01", present=5)]
    two = [*one, meeting("M2", "2011-11-01", present=5)]
    assert statuses(run(annual(min=1, max=1), one, "2011-12-31")) == []
    report = run(annual(min=1, max=1), two, "2011-11-01")  # the year is open, yet the ceiling is passed
    [f] = report.findings
    assert f.status == "violation" and f.args["count"] == 2
    assert f.evidence == ("held-M1-2011-03-01", "held-M2-2011-11-01")


def test_a_meeting_over_several_days_counts_once() -> None:
    events = [*town(5), meeting("M1", "2011-03-01", present=5), meeting("M1", "2011-03-02", present=5)]
    assert statuses(run(annual(min=1, max=1), events, "2011-12-31")) == []


def test_other_kinds_of_meeting_do_not_count() -> None:
    events = [*town(5), meeting("G1-1", "2011-03-01", kind="group", present=5)]
    assert statuses(run(annual(min=1), events, "2011-12-31")) == ["violation"]


def test_no_congress_no_findings() -> None:
    events = [e for e in town(5) if e["type"] != "congress.opened"]
    assert statuses(run(annual(min=1), events, "2013-12-31")) == []


def test_events_after_as_of_change_nothing() -> None:
    base = [*town(5), meeting("M1", "2011-03-01", present=5)]
    later = [*base, meeting("M2", "2012-01-05", present=5, convened_by="other")]
    a = run(annual(min=1, max=1, convened_by="committee"), base, "2011-12-31")
    b = run(annual(min=1, max=1, convened_by="committee"), later, "2011-12-31")
    assert [f.to_json() for f in a.findings] == [f.to_json() for f in b.findings]
    assert statuses(a) == ["violation"]  # M1 does not record its convener


def test_convener_and_chair() -> None:
    events = [
        *town(5),
        meeting("M1", "2011-03-01", present=5, convened_by="committee", chaired_by="committee"),
        meeting("M2", "2012-03-01", present=5, convened_by="committee", chaired_by="presidium"),
        meeting("M3", "2013-03-01", present=5, chaired_by="committee"),
    ]
    report = run(annual(convened_by="committee", chaired_by="committee"), events, "2013-06-30")
    got = sorted((f.subject, f.args["role"], f.args["actual"]) for f in report.findings)
    assert got == [("M2", "chaired_by", "presidium"), ("M3", "convened_by", None)]
    assert all(f.status == "violation" and f.period is None for f in report.findings)
    m2 = next(f for f in report.findings if f.subject == "M2")
    assert m2.evidence == ("held-M2-2012-03-01",)
    assert m2.message() == "年会 M2（2012-03-01）由大会主席团主持，应由党委主持"
    json.dumps(m2.to_json())


def test_presidium_and_preparatory_forbidden() -> None:
    events = [
        *town(5),
        meeting("M1", "2011-03-01", present=5, presidium=False, preparatory=True),
        meeting("M2", "2012-03-01", present=5, presidium=True),
    ]
    forbidding = run(annual(presidium=False, preparatory=False), events, "2012-06-30")
    assert sorted((f.subject, f.args["form"]) for f in forbidding.findings) == [
        ("M1", "preparatory"),
        ("M2", "presidium"),
    ]
    allowing = run(annual(presidium=True, preparatory=True), events, "2012-06-30")
    assert statuses(allowing) == []


def test_annual_meeting_params_validated() -> None:
    with pytest.raises(PackError):
        annual(min=2, max=1)


# ---- quorum ---------------------------------------------------------------
def quorum(share: str = "4/5", **params: Any) -> Any:
    return make_pack({"kind": "quorum", "params": {"share": share, **params}})


def test_quorum_exactly_four_fifths_is_enough() -> None:
    events = [*town(10), meeting("M1", "2011-06-01", attendees=reps(8))]
    assert statuses(run(quorum(), events, "2011-12-31")) == []


def test_quorum_one_fewer_is_a_violation() -> None:
    events = [*town(10), meeting("M1", "2011-06-01", attendees=reps(7))]
    [f] = run(quorum(), events, "2011-12-31").findings
    assert (f.status, f.subject, f.period, f.evidence) == ("violation", "M1", None, ("held-M1-2011-06-01",))
    assert (f.args["present"], f.args["seated"], f.args["required"], f.args["share"]) == (7, 10, 8, "4/5")
    assert f.message() == "年会 M1（2011-06-01）到会 7 人，应到 10 人，不足五分之四（至少 8 人）"
    json.dumps(f.to_json())


def test_quorum_with_93_reps_needs_75() -> None:
    ok = [*town(93), meeting("M1", "2011-06-01", present=75)]
    short = [*town(93), meeting("M1", "2011-06-01", present=74)]
    assert statuses(run(quorum(), ok, "2011-12-31")) == []
    [f] = run(quorum(), short, "2011-12-31").findings
    assert f.args["required"] == 75


def test_quorum_not_inclusive_needs_more_than_the_share() -> None:
    events = [*town(10), meeting("M1", "2011-06-01", present=8)]
    assert statuses(run(quorum(inclusive=False), events, "2011-12-31")) == ["violation"]
    events = [*town(10), meeting("M1", "2011-06-01", present=9)]
    assert statuses(run(quorum(inclusive=False), events, "2011-12-31")) == []


def test_disqualification_before_the_meeting_lowers_the_seat_count() -> None:
    # 10 seated, 7 present: short. One absentee disqualified before: 7 of 9 is still short (needs 8),
    # two disqualified: 7 of 8 needs 7 (6.4 -> 7) -> held with quorum.
    base = [*town(10), meeting("M1", "2011-06-01", attendees=reps(7))]
    one = [*base, {"type": "rep.disqualified", "date": "2011-05-01", "rep": "R10", "reason": "moved"}]
    two = [*one, {"type": "rep.disqualified", "date": "2011-05-02", "rep": "R09", "reason": "moved"}]
    assert statuses(run(quorum(), base, "2011-12-31")) == ["violation"]
    [f] = run(quorum(), one, "2011-12-31").findings
    assert f.args["seated"] == 9
    assert statuses(run(quorum(), two, "2011-12-31")) == []


def test_disqualified_on_the_meeting_day_is_not_seated() -> None:
    events = [
        *town(10),
        {"type": "rep.disqualified", "date": "2011-06-01", "rep": "R08", "reason": "moved"},
        meeting("M1", "2011-06-01", attendees=reps(8)),
    ]
    [f] = run(quorum(), events, "2011-12-31").findings
    # R08 is listed but holds no seat that day: 7 of 9 present, 8 needed
    assert (f.args["present"], f.args["seated"], f.args["required"]) == (7, 9, 8)


def test_by_election_raises_the_seat_count() -> None:
    base = [*town(10), meeting("M1", "2011-06-01", present=8)]
    more = [*base, {"type": "rep.elected", "date": "2011-03-01", "rep": "R11"}]
    assert statuses(run(quorum(), base, "2011-12-31")) == []
    [f] = run(quorum(), more, "2011-12-31").findings  # 8 of 11 < 8.8
    assert (f.args["seated"], f.args["required"]) == (11, 9)
    after = [*base, {"type": "rep.elected", "date": "2011-06-02", "rep": "R11"}]
    assert statuses(run(quorum(), after, "2011-12-31")) == []


def test_quorum_only_for_the_listed_meeting_kinds() -> None:
    events = [*town(10), meeting("G", "2011-06-01", kind="group", present=1)]
    assert statuses(run(quorum(), events, "2011-12-31")) == []
    assert statuses(run(quorum(meeting_kinds=["annual", "group"]), events, "2011-12-31")) == ["violation"]


# ---- vote_majority --------------------------------------------------------
def majority(**params: Any) -> Any:
    return make_pack({"kind": "vote_majority", "params": params})


def test_majority_of_93_seated() -> None:
    held = [*town(93), meeting("M1", "2011-06-01", present=80)]
    for yes, declared, expect in [
        (47, "passed", []),
        (46, "passed", ["violation"]),
        (46, "failed", []),
        (47, "failed", ["violation"]),
    ]:
        report = run(majority(), [*held, vote("v1", "2011-06-01", yes=yes, declared=declared)], "2011-12-31")
        assert statuses(report) == expect, (yes, declared)


def test_exactly_half_is_not_more_than_half() -> None:
    events = [*town(92), meeting("M1", "2011-06-01", present=92), vote("v1", "2011-06-01", yes=46, no=46)]
    [f] = run(majority(), events, "2011-12-31").findings
    assert (f.status, f.subject, f.args["needed"], f.args["base_count"]) == ("violation", "V1", 47, 92)
    assert f.evidence == ("held-M1-2011-06-01", "v1")
    assert "超过半数" in f.message()
    json.dumps(f.to_json())
    events[-1] = vote("v1", "2011-06-01", yes=46, no=46, declared="failed")
    assert statuses(run(majority(), events, "2011-12-31")) == []
    # not strict (半数以上): exactly half is enough
    events[-1] = vote("v1", "2011-06-01", yes=46, no=46)
    assert statuses(run(majority(strict=False), events, "2011-12-31")) == []


def test_majority_of_seated_not_of_present() -> None:
    # 60 of 93 present, 40 yes: a majority of those present but not of the seated
    events = [*town(93), meeting("M1", "2011-06-01", present=60), vote("v1", "2011-06-01", yes=40, no=20)]
    assert statuses(run(majority(), events, "2011-12-31")) == ["violation"]
    assert statuses(run(majority(base="present"), events, "2011-12-31")) == []
    assert statuses(run(majority(base="cast"), events, "2011-12-31")) == []


def test_majority_base_present_uses_seated_attendees() -> None:
    events = [*town(10), meeting("M1", "2011-06-01", attendees=reps(6)), vote("v1", "2011-06-01", yes=3)]
    # 3 of 6 present is exactly half: not more than half
    assert statuses(run(majority(base="present"), events, "2011-12-31")) == ["violation"]
    events[-1] = vote("v1", "2011-06-01", yes=4)
    assert statuses(run(majority(base="present"), events, "2011-12-31")) == []


def test_majority_seat_count_on_the_vote_date() -> None:
    events = [
        *town(10),
        meeting("M1", "2011-06-01", present=9),
        {"type": "rep.disqualified", "date": "2011-05-01", "rep": "R10", "reason": "moved"},
        vote("v1", "2011-06-01", yes=5),  # 5 of 9 seated passes; of 10 it would not
    ]
    assert statuses(run(majority(), events, "2011-12-31")) == []
    assert statuses(run(majority(), events[:-2] + events[-1:], "2011-12-31")) == ["violation"]


def test_majority_filters_matters_and_meeting_kinds() -> None:
    events = [
        *town(10),
        meeting("M1", "2011-06-01", present=9),
        meeting("G1", "2011-07-01", kind="group", present=9),
        vote("v1", "2011-06-01", yes=2, matter="election"),
        vote("v2", "2011-07-01", yes=2, meeting_id="G1"),
    ]
    assert [f.subject for f in run(majority(), events, "2011-12-31").findings] == ["V1", "V2"]
    assert [f.subject for f in run(majority(matters=["election"]), events, "2011-12-31").findings] == ["V1"]
    kinds = run(majority(meeting_kinds=["annual"]), events, "2011-12-31")
    assert [f.subject for f in kinds.findings] == ["V1"]


# ---- ballot_method --------------------------------------------------------
def ballot(**params: Any) -> Any:
    return make_pack({"kind": "ballot_method", "params": {"matters": ["election", "personnel"], **params}})


def test_elections_by_secret_ballot() -> None:
    held = [*town(10), meeting("M1", "2011-06-01", present=10)]
    secret = vote("v1", "2011-06-01", yes=9, matter="election", method="secret")
    hands = vote("v1", "2011-06-01", yes=9, matter="election", method="hands")
    other_hands = vote("v1", "2011-06-01", yes=9, matter="other", method="hands")
    assert statuses(run(ballot(), [*held, secret], "2011-12-31")) == []
    assert statuses(run(ballot(), [*held, other_hands], "2011-12-31")) == []
    [f] = run(ballot(), [*held, hands], "2011-12-31").findings
    assert (f.status, f.subject, f.evidence) == ("violation", "V1", ("held-M1-2011-06-01", "v1"))
    assert f.message() == "议题 V1（会议 M1，选举）采用举手表决，应采用无记名投票"


def test_ballot_after_as_of_is_not_judged() -> None:
    events = [*town(10), vote("v1", "2012-01-02", yes=9, matter="personnel", method="hands")]
    assert statuses(run(ballot(), events, "2011-12-31")) == []
    assert statuses(run(ballot(), events, "2012-01-02")) == ["violation"]


def test_ballot_method_meeting_kinds() -> None:
    events = [
        *town(10),
        meeting("G1", "2011-06-01", kind="group", present=10),
        vote("v1", "2011-06-01", yes=9, matter="personnel", method="hands", meeting_id="G1"),
    ]
    assert statuses(run(ballot(meeting_kinds=["annual"]), events, "2011-12-31")) == []
    assert statuses(run(ballot(meeting_kinds=["group"]), events, "2011-12-31")) == ["violation"]
