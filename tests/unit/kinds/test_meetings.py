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
#: the congress sits in December 2010: the annual meetings of 2011 and later years are owed
CONGRESS = "2010-12-01"


def annual(**params: Any) -> Any:
    return make_pack({"kind": "annual_meeting", "params": params, "citation": ZJG})


@pytest.mark.parametrize("day", ["2011-01-04", "2011-03-15", "2011-12-31"])
def test_the_year_of_the_congress_owes_no_annual_meeting(day: str) -> None:
    """Annual meetings are held between congresses: the year the congress sits in comes before the
    first annual meeting, whatever its month (000:L112, L28 闭会期间)."""
    events = town(5, day=day)
    assert statuses(run(annual(min=1), events, "2011-12-31")) == []
    report = run(annual(min=1), events, "2012-12-31")
    assert [(f.status, f.period and f.period.start.isoformat()) for f in report.findings] == [
        ("violation", "2012-01-01")
    ]
    # the other reading: the congress year owes one when the term covers half of it
    other = run(annual(min=1, congress_year="presence"), events, "2011-12-31")
    assert statuses(other) == ([] if day == "2011-12-31" else ["violation"])
    # a new congress: its year is excused too, and the term before it ends the day before
    again = [*events, {"id": "c2", "type": "congress.opened", "date": "2013-03-01", "term_years": 5}]
    report = run(annual(min=1), again, "2013-12-31")
    assert [f.period and f.period.start.year for f in report.findings] == [2012]


def test_a_meeting_below_its_quorum_is_not_the_years_annual_meeting() -> None:
    """必须有五分之四以上的代表到会方能举行 (000:L114): below the quorum it cannot be held."""
    p = annual(min=1, quorum="4/5")
    for present, owed in ((4, False), (3, True)):  # 4 of 5 is four fifths (以上: inclusive)
        events = [*town(5, day=CONGRESS), meeting("M2011", "2011-06-01", present=present)]
        assert statuses(run(p, events, "2011-12-31")) == (["violation"] if owed else [])
    # a second sitting of the meeting does not mend the first; a later meeting with a quorum does
    short = [*town(5, day=CONGRESS), meeting("M1", "2011-06-01", present=3)]
    [f] = run(p, short, "2011-12-31").findings  # the meeting below its quorum is cited, not counted
    assert (f.args["count"], f.args["inquorate"], f.evidence) == (0, ["M1"], ("held-M1-2011-06-01",))
    assert statuses(run(p, [*short, meeting("M1", "2011-06-02", present=5)], "2011-12-31")) == ["violation"]
    assert statuses(run(p, [*short, meeting("M2", "2011-09-02", present=5)], "2011-12-31")) == []
    # the roster on the day: a rep disqualified before the sitting lowers the count
    dq = {"id": "dq", "type": "rep.disqualified", "date": "2011-05-01", "rep": "R05", "reason": "moved"}
    assert statuses(run(p, [*short, dq], "2011-12-31")) == ["violation"]  # 3 of 4 < 4/5
    assert (
        statuses(
            run(p, [*town(5, day=CONGRESS), dq, meeting("M1", "2011-06-01", attendees=reps(4))], "2011-12-31")
        )
        == []
    )
    # without the quorum parameter, any meeting counts
    assert statuses(run(annual(min=1), short, "2011-12-31")) == []


def test_one_meeting_a_year_is_enough() -> None:
    events = [
        *town(5, day=CONGRESS),
        meeting("M2011", "2011-06-01", present=5),
        meeting("M2012", "2012-06-01", present=5),
    ]
    assert statuses(run(annual(min=1, max=1), events, "2012-12-31")) == []


def test_a_closed_year_without_a_meeting_is_a_violation() -> None:
    events = [*town(5, day=CONGRESS), meeting("M2011", "2011-06-01", present=5)]
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
    events = [*town(5, day=CONGRESS), meeting("M2011", "2011-06-01", present=5)]
    report = run(annual(min=1), events, "2012-12-30")
    assert statuses(report) == ["pending"]
    assert report.findings[0].period is not None
    assert report.findings[0].period.end.isoformat() == "2012-12-31"


def test_two_meetings_in_one_year_with_max_one() -> None:
    one = [*town(5, day=CONGRESS), meeting("M1", "2011-03-01", present=5)]
    two = [*one, meeting("M2", "2011-11-01", present=5)]
    assert statuses(run(annual(min=1, max=1), one, "2011-12-31")) == []
    report = run(annual(min=1, max=1), two, "2011-11-01")  # the year is open, yet the ceiling is passed
    [f] = report.findings
    assert f.status == "violation" and f.args["count"] == 2
    assert f.evidence == ("held-M1-2011-03-01", "held-M2-2011-11-01")


def test_a_meeting_over_several_days_counts_once() -> None:
    events = [
        *town(5, day=CONGRESS),
        meeting("M1", "2011-03-01", present=5),
        meeting("M1", "2011-03-02", present=5),
    ]
    assert statuses(run(annual(min=1, max=1), events, "2011-12-31")) == []


def test_other_kinds_of_meeting_do_not_count() -> None:
    events = [*town(5, day=CONGRESS), meeting("G1-1", "2011-03-01", kind="group", present=5)]
    assert statuses(run(annual(min=1), events, "2011-12-31")) == ["violation"]


def test_no_congress_no_findings() -> None:
    events = [e for e in town(5) if e["type"] != "congress.opened"]
    assert statuses(run(annual(min=1), events, "2013-12-31")) == []


def test_events_after_as_of_change_nothing() -> None:
    base = [*town(5, day=CONGRESS), meeting("M1", "2011-03-01", present=5)]
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


def test_a_vote_at_a_meeting_below_its_quorum_carries_nothing() -> None:
    """A meeting below its quorum cannot be held (000:L114): a result declared there is a finding."""
    p = majority(quorum="4/5")
    for present, short in ((80, False), (75, False), (74, True)):  # 93 seated: 75 is four fifths
        held = [*town(93), meeting("M1", "2011-06-01", present=present)]
        report = run(p, [*held, vote("v1", "2011-06-01", yes=60)], "2011-12-31")
        assert [f.message_key for f in report.findings] == (["inquorate"] if short else []), present
        # a result declared failed asks nothing of the quorum
        assert (
            run(p, [*held, vote("v1", "2011-06-01", yes=10, declared="failed")], "2011-12-31").findings == ()
        )
    [f] = report.findings
    assert (f.status, f.args["present"], f.args["seated"], f.args["required"]) == ("violation", 74, 93, 75)
    assert "不能举行，表决无效" in f.message()
    # the sitting that stands on the vote's day: a second sitting with a quorum counts for its votes
    two = [*held, meeting("M1", "2011-06-02", present=90), vote("v2", "2011-06-02", yes=60)]
    assert [f.subject for f in run(p, two, "2011-12-31").findings] == []
    # without the parameter, only the majority is judged
    assert run(majority(), [*held, vote("v1", "2011-06-01", yes=60)], "2011-12-31").findings == ()


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


# ---- the model plan's meeting form (000:L29) ------------------------------------
MODEL_PLAN = {
    "source": "000_4d6d1418da65ff90.txt",
    "line": 29,
    "text": "党代表会议由党委召集，不设大会主席团，不召开预备会议",
}


def test_annual_meeting_encodes_the_model_plan_form() -> None:
    # 由党委召集，不设大会主席团，不召开预备会议。会议主持由党委书记担任: the existing params suffice
    pack = make_pack(
        {
            "kind": "annual_meeting",
            "citation": MODEL_PLAN,
            "params": {
                "min": 0,
                "convened_by": "committee",
                "chaired_by": "secretary",
                "presidium": False,
                "preparatory": False,
            },
        }
    )
    form: dict[str, Any] = {
        "convened_by": "committee",
        "chaired_by": "secretary",
        "presidium": False,
        "preparatory": False,
    }
    good = meeting("M1", "2011-06-01", present=5, **form)
    assert statuses(run(pack, [*town(5), good], "2011-12-31")) == []
    bad = meeting("M1", "2011-06-01", present=5, **(form | {"chaired_by": "committee", "presidium": True}))
    report = run(pack, [*town(5), bad], "2011-12-31")
    assert sorted(f.message() for f in report.findings) == [
        "年会 M1（2011-06-01）由党委主持，应由党委书记主持",
        "年会 M1（2011-06-01）设立了主席团，本制度不设主席团",
    ]
    # a preparatory meeting is a finding; one not recorded (absent field) is not
    prep = meeting("M1", "2011-06-01", present=5, **(form | {"preparatory": True}))
    assert statuses(run(pack, [*town(5), prep], "2011-12-31")) == ["violation"]
    unknown = meeting("M1", "2011-06-01", present=5, convened_by="committee", chaired_by="secretary")
    assert statuses(run(pack, [*town(5), unknown], "2011-12-31")) == []


# ---- attendance_discipline ----------------------------------------------------
def discipline(**params: Any) -> Any:
    cite = {"source": "000_4d6d1418da65ff90.txt", "line": 131, "text": "代表不能无故缺席党的代表大会年会"}
    return make_pack({"kind": "attendance_discipline", "params": params, "citation": cite})


def test_absent_without_leave() -> None:
    events = [
        *town(5),
        meeting("M1", "2011-06-01", attendees=["R01", "R02", "R03"], excused=["R04"]),
    ]
    report = run(discipline(), events, "2011-12-31")
    assert [(f.status, f.subject, f.evidence) for f in report.findings] == [
        ("violation", "R05", ("elect-R05", "held-M1-2011-06-01"))
    ]
    f = report.findings[0]
    assert f.message() == "代表 R05 未出席年会 M1（2011-06-01），也未请假"
    assert f.message("en") == "rep R05 was absent from meeting M1 (2011-06-01) without leave"


def test_attendance_follows_the_roster_on_the_day() -> None:
    events = [
        *town(5),
        {"id": "dq-R05", "type": "rep.disqualified", "date": "2011-06-01", "rep": "R05", "reason": "moved"},
        {"id": "elect-R06", "type": "rep.elected", "date": "2011-06-01", "rep": "R06"},
        {"id": "elect-R07", "type": "rep.elected", "date": "2011-06-02", "rep": "R07"},
        meeting("M1", "2011-06-01", attendees=["R01", "R02", "R03", "R04"]),
        meeting("M1", "2011-06-02", attendees=["R01", "R02", "R03", "R04", "R06"]),
    ]
    # R05 lost the seat that day, R06 took one (absent on day 1), R07 was seated only on day 2
    report = run(discipline(), events, "2011-12-31")
    assert [(f.subject, f.args["date"]) for f in report.findings] == [
        ("R06", "2011-06-01"),
        ("R07", "2011-06-02"),
    ]


def test_a_head_count_cannot_be_judged_and_other_kinds_are_ignored() -> None:
    events = [
        *town(5),
        meeting("M1", "2011-06-01", present=3),
        meeting("C1", "2011-07-01", kind="committee", attendees=[]),
    ]
    assert statuses(run(discipline(), events, "2011-12-31")) == []
    assert len(run(discipline(meeting_kinds=["committee"]), events, "2011-12-31").findings) == 5
    with pytest.raises(PackError):
        discipline(meeting_kinds=[])


# ---- resolution_change ------------------------------------------------------------
def change(cid: str, day: str, **extra: Any) -> Ev:
    return {"id": cid, "type": "resolution.changed", "date": day, "resolution": "D1"} | extra


def resolution(**params: Any) -> Any:
    cite = {
        "source": "000_4d6d1418da65ff90.txt",
        "line": 128,
        "text": "未经代表大会年会讨论同意，原则上不得更改",
    }
    return make_pack({"kind": "resolution_change", "params": params, "citation": cite})


def test_change_with_the_annual_meeting_consent() -> None:
    events = [*town(5), meeting("M1", "2011-06-01", present=5), change("c1", "2011-06-01", consented_by="M1")]
    assert statuses(run(resolution(), events, "2012-12-31")) == []


def test_change_without_consent_needs_timely_notice() -> None:
    base = town(5)
    pack = resolution(notify_days=30)
    assert statuses(run(pack, [*base, change("c1", "2011-06-01", notified="2011-07-01")], "2012-12-31")) == []
    report = run(pack, [*base, change("c1", "2011-06-01", notified="2011-07-02")], "2012-12-31")
    assert [(f.status, f.subject, f.evidence) for f in report.findings] == [("violation", "D1", ("c1",))]
    assert report.findings[0].message() == (
        "决议 D1 于 2011-06-01 未经年会同意而变更，2011-07-02 才向代表通报，应于 2011-07-01 前通报"
    )
    # no notice yet: pending while the 30 days run
    silent = [*base, change("c1", "2011-06-01")]
    assert statuses(run(pack, silent, "2011-06-30")) == ["pending"]
    assert statuses(run(pack, silent, "2011-07-01")) == ["violation"]
    # a notice before the change will do
    assert statuses(run(pack, [*base, change("c1", "2011-06-01", notified="2011-05-20")], "2012-12-31")) == []


def test_consent_must_come_from_a_held_meeting_of_the_kind_before_the_change() -> None:
    base = [
        *town(5),
        meeting("C1", "2011-05-01", kind="committee", present=5),
        meeting("M2", "2011-07-01", present=5),
    ]
    for consent, why in (
        ("C1", "（未见年会 C1 召开）"),
        ("M2", "（会议 M2 于 2011-07-01 召开，在变更之后）"),
        ("M9", "（未见年会 M9 召开）"),
    ):
        events = [*base, change("c1", "2011-06-01", consented_by=consent)]
        report = run(resolution(without_consent="forbidden"), events, "2012-12-31")
        [f] = report.findings
        assert f.message() == f"决议 D1 于 2011-06-01 变更，未经年会讨论同意{why}", consent
        # under the literal reading the same change is fine once the reps are told in time
        told = [*base, change("c1", "2011-06-01", consented_by=consent, notified="2011-06-05")]
        assert statuses(run(resolution(), told, "2012-12-31")) == []
    assert (
        statuses(
            run(
                resolution(meeting_kinds=["committee"]),
                [*base, change("c1", "2011-06-01", consented_by="C1")],
                "2012-12-31",
            )
        )
        == []
    )


def test_resolution_params_are_checked() -> None:
    bad: dict[str, Any]
    for bad in ({"notify_days": -1}, {"without_consent": "never"}, {"meeting_kinds": []}):
        with pytest.raises(PackError):
            resolution(**bad)
