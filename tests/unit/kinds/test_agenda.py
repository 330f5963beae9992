"""agenda_deadline and agenda_threshold: deadlines, co-sponsors, ad hoc items, items that must be listed."""

from __future__ import annotations

import json
from typing import Any

import pytest

from changrenzhi.errors import PackError
from support import make_pack, run, statuses, town

Ev = dict[str, Any]
MEETING_DAY = "2011-06-15"


def held(mid: str = "M1", day: str = MEETING_DAY, kind: str = "annual") -> Ev:
    return {
        "id": f"held-{mid}",
        "type": "meeting.held",
        "date": day,
        "meeting": mid,
        "kind": kind,
        "present": 93,
    }


def proposed(
    pid: str,
    day: str,
    *,
    by: str = "reps",
    item: str = "I1",
    meeting: str = "M1",
    proposers: list[str] | None = None,
    groups: list[str] | None = None,
    ad_hoc: bool = False,
) -> Ev:
    ev: Ev = {"id": pid, "type": "agenda.proposed", "date": day, "meeting": meeting, "item": item, "by": by}
    if proposers is not None:
        ev["proposers"] = proposers
    if groups is not None:
        ev["groups"] = groups
    if ad_hoc:
        ev["ad_hoc"] = True
    return ev


def decided(
    did: str, day: str, *, listed: bool, item: str = "I1", meeting: str = "M1", notified: str | None = None
) -> Ev:
    ev: Ev = {
        "id": did,
        "type": "agenda.decided",
        "date": day,
        "meeting": meeting,
        "item": item,
        "listed": listed,
    }
    if notified is not None:
        ev["notified"] = notified
    return ev


def reps(n: int, start: int = 1) -> list[str]:
    return [f"R{i:02d}" for i in range(start, start + n)]


def groups(n: int = 3) -> list[Ev]:
    """Three groups of the first 30 reps of a town."""
    return [
        {
            "id": f"form-G{g}",
            "type": "group.formed",
            "date": "2011-01-04",
            "group": f"G{g}",
            "members": reps(10, 10 * (g - 1) + 1),
        }
        for g in range(1, n + 1)
    ]


def base(n_reps: int = 93) -> list[Ev]:
    return [*town(n_reps, group=None), *groups()]


# ---- agenda_deadline: proposed ---------------------------------------------
def deadline(days: int = 10, **params: Any) -> Any:
    return make_pack({"kind": "agenda_deadline", "params": {"days": days, **params}})


def test_proposed_exactly_ten_days_before_is_on_time() -> None:
    events = [*base(), proposed("p1", "2011-06-05", proposers=reps(10)), held()]
    assert statuses(run(deadline(), events, "2011-12-31")) == []


def test_proposed_nine_days_before_is_late() -> None:
    events = [*base(), proposed("p1", "2011-06-06", proposers=reps(10)), held()]
    [f] = run(deadline(), events, "2011-12-31").findings
    assert (f.status, f.subject, f.period, f.evidence) == ("violation", "I1", None, ("p1", "held-M1"))
    assert (f.args["deadline"], f.args["days_before"]) == ("2011-06-05", 9)
    assert f.message() == (
        "议题 I1 于 2011-06-06 提出，年会 M1 于 2011-06-15 召开，应在召开 10 天前（2011-06-05 前）提出"
    )
    json.dumps(f.to_json())


def test_no_judgement_until_the_meeting_is_held() -> None:
    events = [*base(), proposed("p1", "2011-06-10", proposers=reps(10)), held()]
    assert statuses(run(deadline(), events, "2011-06-14")) == []  # the meeting is after as_of
    assert statuses(run(deadline(), events, "2011-06-15")) == ["violation"]


def test_ad_hoc_items_are_never_late() -> None:
    events = [*base(), proposed("p1", "2011-06-15", groups=["G1", "G2"], by="group", ad_hoc=True), held()]
    assert statuses(run(deadline(), events, "2011-12-31")) == []
    events[-2] = proposed("p1", "2011-06-15", groups=["G1", "G2"], by="group")
    assert statuses(run(deadline(), events, "2011-12-31")) == ["violation"]


def test_deadline_by_and_meeting_kinds_filters() -> None:
    events = [
        *base(),
        proposed("p1", "2011-06-14", by="committee"),
        proposed("p2", "2011-06-14", by="group", item="I2", groups=["G1"]),
        held(),
    ]
    assert [f.subject for f in run(deadline(), events, "2011-12-31").findings] == ["I1", "I2"]
    assert [f.subject for f in run(deadline(by=["group"]), events, "2011-12-31").findings] == ["I2"]
    assert statuses(run(deadline(meeting_kinds=["group"]), events, "2011-12-31")) == []


def test_deadline_uses_the_first_sitting_of_the_meeting() -> None:
    events = [*base(), proposed("p1", "2011-06-06", proposers=reps(10)), held(), held(day="2011-06-16")]
    events[-1]["id"] = "held-M1-day2"
    assert statuses(run(deadline(), events, "2011-12-31")) == ["violation"]


# ---- agenda_deadline: notified ---------------------------------------------
def test_notice_before_the_meeting_day() -> None:
    pack = deadline(days=1, what="notified")
    on_time = [*base(), decided("d1", "2011-06-01", listed=True, notified="2011-06-14"), held()]
    late = [*base(), decided("d1", "2011-06-01", listed=True, notified="2011-06-15"), held()]
    missing = [*base(), decided("d1", "2011-06-01", listed=True), held()]
    unlisted = [*base(), decided("d1", "2011-06-01", listed=False), held()]
    assert statuses(run(pack, on_time, "2011-12-31")) == []
    [f] = run(pack, late, "2011-12-31").findings
    assert (f.status, f.subject, f.evidence) == ("violation", "I1", ("d1", "held-M1"))
    assert f.args["deadline"] == "2011-06-14"
    [g] = run(pack, missing, "2011-12-31").findings
    assert g.args["notified"] is None and "未记录通知" in g.message()
    assert statuses(run(pack, unlisted, "2011-12-31")) == []
    assert statuses(run(pack, missing, "2011-06-14")) == []  # the meeting has not sat yet


def test_notice_zero_days_allows_the_meeting_day() -> None:
    pack = deadline(days=0, what="notified")
    same_day = [*base(), decided("d1", "2011-06-01", listed=True, notified="2011-06-15"), held()]
    after = [*base(), decided("d1", "2011-06-01", listed=True, notified="2011-06-16"), held()]
    assert statuses(run(pack, same_day, "2011-12-31")) == []
    assert statuses(run(pack, after, "2011-12-31")) == ["violation"]


# ---- agenda_threshold -------------------------------------------------------
ZJG = {
    "allowed": ["committee", "group", "reps"],
    "reps_min": 10,
    "groups_min": 1,
    "ad_hoc": {"groups_min": 2, "reps_share": "1/10"},
    "must_list": {"reps_min": 10, "groups_min": 2},
}


def threshold(**params: Any) -> Any:
    return make_pack({"kind": "agenda_threshold", "params": params or ZJG})


def test_ten_co_sponsors_are_enough_nine_are_not() -> None:
    ten = [
        *base(),
        proposed("p1", "2011-06-01", proposers=reps(10)),
        decided("d1", "2011-06-02", listed=True),
        held(),
    ]
    assert statuses(run(threshold(), ten, "2011-12-31")) == []
    nine = [*base(), proposed("p1", "2011-06-01", proposers=reps(9)), held()]
    [f] = run(threshold(), nine, "2011-12-31").findings
    assert (f.status, f.subject, f.evidence, f.args["count"]) == ("violation", "I1", ("p1", "held-M1"), 9)
    assert f.message() == "议题 I1（会议 M1）由 9 名代表联名提出，应 10 名以上"
    json.dumps(f.to_json())


def test_a_disqualified_co_sponsor_does_not_count() -> None:
    events = [
        *base(),
        {"type": "rep.disqualified", "date": "2011-05-01", "rep": "R10", "reason": "moved"},
        proposed("p1", "2011-06-01", proposers=reps(10)),
        decided("d1", "2011-06-02", listed=True),
        held(),
    ]
    [f] = run(threshold(), events, "2011-12-31").findings
    assert f.args["count"] == 9
    # a by-election before the proposal brings a new co-sponsor who counts
    events[-3] = proposed("p1", "2011-06-01", proposers=[*reps(9), "R94"])
    events.insert(0, {"type": "rep.elected", "date": "2011-05-20", "rep": "R94"})
    assert statuses(run(threshold(), events, "2011-12-31")) == []


def test_co_sponsors_combine_across_proposals_and_are_distinct() -> None:
    split = [
        *base(),
        proposed("p1", "2011-05-01", proposers=reps(6)),
        proposed("p2", "2011-05-02", proposers=reps(5, 5)),  # R05..R09: one repeat
        held(),
    ]
    [f] = run(threshold(), split, "2011-12-31").findings
    assert (f.args["count"], f.evidence) == (9, ("p1", "p2", "held-M1"))


def test_short_of_co_sponsors_before_the_meeting_is_pending() -> None:
    events = [*base(), proposed("p1", "2011-06-01", proposers=reps(9)), held()]
    assert statuses(run(threshold(), events, "2011-06-14")) == ["pending"]


def test_proposer_not_allowed() -> None:
    pack = threshold(allowed=["committee", "group"])
    events = [*base(), proposed("p1", "2011-06-01", proposers=reps(12)), held()]
    [f] = run(pack, events, "2011-12-31").findings
    assert (f.status, f.args["by"]) == ("violation", "reps")
    assert "只能由党委、代表小组提出" in f.message()
    assert statuses(run(pack, events[:-1], "2011-06-01")) == ["violation"]  # definitive at once


def test_group_proposal_names_groups() -> None:
    pack = threshold(groups_min=2)
    one = [*base(), proposed("p1", "2011-06-01", by="group", groups=["G1"]), held()]
    two = [*base(), proposed("p1", "2011-06-01", by="group", groups=["G1", "G2"]), held()]
    assert [f.args["count"] for f in run(pack, one, "2011-12-31").findings] == [1]
    assert statuses(run(pack, two, "2011-12-31")) == []


def test_ad_hoc_with_two_groups_is_enough_one_is_not() -> None:
    two = [*base(), held(), proposed("p1", MEETING_DAY, by="group", groups=["G1", "G2"], ad_hoc=True)]
    one = [*base(), held(), proposed("p1", MEETING_DAY, by="group", groups=["G1"], ad_hoc=True)]
    listed = decided("d1", MEETING_DAY, listed=True)
    assert statuses(run(threshold(), [*two, listed], "2011-12-31")) == []
    # an ad hoc item with two groups must also be listed (must_list counts every proposal)
    [undecided] = run(threshold(), two, "2011-12-31").findings
    assert "未见党委会确定列入" in undecided.message()
    [f] = run(threshold(), one, "2011-12-31").findings
    assert (f.status, f.args["groups"], f.args["reps_needed"], f.args["seated"]) == ("violation", 1, 10, 93)
    assert "临时议题 I1" in f.message() and "十分之一以上代表联名" in f.message()


def test_ad_hoc_with_a_tenth_of_reps() -> None:
    # 93 seated: 9.3 rounds up to 10
    ten = [*base(), held(), proposed("p1", MEETING_DAY, proposers=reps(10), ad_hoc=True)]
    nine = [*base(), held(), proposed("p1", MEETING_DAY, proposers=reps(9), ad_hoc=True)]
    listed = decided("d1", MEETING_DAY, listed=True)
    assert statuses(run(threshold(), [*ten, listed], "2011-12-31")) == []
    [f] = run(threshold(), nine, "2011-12-31").findings
    assert (f.args["reps"], f.args["reps_needed"]) == (9, 10)
    # with 90 seated a tenth is exactly 9, and 9 suffice
    assert statuses(run(threshold(), [*base(90), *nine[-2:]], "2011-12-31")) == []


def test_ad_hoc_threshold_counts_seats_on_the_day() -> None:
    events = [
        *base(),
        *[
            {"type": "rep.disqualified", "date": "2011-06-01", "rep": r, "reason": "moved"}
            for r in reps(3, 91)
        ],
        held(),
        proposed("p1", MEETING_DAY, proposers=reps(9), ad_hoc=True),
    ]
    assert statuses(run(threshold(), events, "2011-12-31")) == []  # 9 of 90


def test_ad_hoc_without_an_ad_hoc_threshold_is_an_ordinary_proposal() -> None:
    params = {k: v for k, v in ZJG.items() if k != "ad_hoc"}
    events = [*base(), held(), proposed("p1", MEETING_DAY, proposers=reps(9), ad_hoc=True)]
    [f] = run(threshold(**params), events, "2011-12-31").findings
    assert f.args["count"] == 9 and "联名提出" in f.message()


def test_must_list_item_not_listed() -> None:
    events = [
        *base(),
        proposed("p1", "2011-05-01", by="group", groups=["G1", "G2"]),
        decided("d1", "2011-05-10", listed=False),
        held(),
    ]
    [f] = run(threshold(), events, "2011-12-31").findings
    assert (f.status, f.subject, f.evidence) == ("violation", "I1", ("p1", "d1", "held-M1"))
    assert "必须列为会议 M1 的正式议题，却未列入" in f.message()
    events[-2] = decided("d1", "2011-05-10", listed=True)
    assert statuses(run(threshold(), events, "2011-12-31")) == []


def test_a_joint_proposal_is_one_proposal() -> None:
    """两个以上代表小组同时提出 / 10名以上代表联合提出 (000:L118): named together in one proposal."""
    apart = [
        *base(),
        proposed("p1", "2011-05-01", by="group", groups=["G1"]),
        proposed("p2", "2011-05-03", by="group", groups=["G2"]),
        proposed("p3", "2011-05-04", proposers=reps(6)),
        proposed("p4", "2011-05-05", proposers=reps(5, 7)),
        decided("d1", "2011-05-10", listed=False),
        held(),
    ]
    # G1 on one day and G2 on another are not two groups; 6 + 5 reps apart are not 11 together
    assert statuses(run(threshold(), apart, "2011-12-31")) == []
    # the other reading adds the proposals up
    combined = dict(ZJG, must_list={"reps_min": 10, "groups_min": 2, "joint": "combined"})
    [f] = run(threshold(**combined), apart, "2011-12-31").findings
    assert (f.message_key, f.args["groups"], f.args["reps"]) == ("not_listed", 2, 11)
    # one proposal naming both groups, or ten reps, must be listed, beside proposals of fewer
    together = [*apart[:-2], proposed("p5", "2011-05-06", by="group", groups=["G1", "G2"]), *apart[-2:]]
    [f] = run(threshold(), together, "2011-12-31").findings
    assert (f.message_key, f.args["groups"], f.args["reps"]) == ("not_listed", 2, 0)
    ten = [*apart[:-2], proposed("p5", "2011-05-06", proposers=reps(10)), *apart[-2:]]
    [f] = run(threshold(), ten, "2011-12-31").findings
    assert (f.args["groups"], f.args["reps"]) == (0, 10)


def test_listed_only_after_the_meeting_is_late_not_listed() -> None:
    events = [*base(), proposed("p1", "2011-05-01", proposers=reps(10)), held()]
    undecided = run(threshold(), events, "2011-12-31").findings
    late = run(threshold(), [*events, decided("d1", "2011-06-16", listed=True)], "2011-12-31").findings
    assert [(f.status, f.message_key, f.args.get("done_late_on")) for f in late] == [
        ("violation", "listed_late", "2011-06-16")
    ]
    assert [f.id for f in late] == [f.id for f in undecided]
    # decided on the meeting day itself is in time
    on_the_day = [*events, decided("d1", MEETING_DAY, listed=True)]
    assert run(threshold(), on_the_day, "2011-12-31").findings == ()


def test_item_below_must_list_threshold_may_be_left_out() -> None:
    events = [
        *base(),
        proposed("p1", "2011-05-01", by="group", groups=["G1"]),
        decided("d1", "2011-05-10", listed=False),
        held(),
    ]
    assert statuses(run(threshold(), events, "2011-12-31")) == []


def test_must_list_undecided_pending_until_the_meeting() -> None:
    events = [*base(), proposed("p1", "2011-05-01", proposers=reps(10)), held()]
    assert statuses(run(threshold(), events, "2011-06-14")) == ["pending"]
    assert statuses(run(threshold(), events, "2011-06-15")) == ["violation"]


def test_must_list_final_decision_counts() -> None:
    events = [
        *base(),
        proposed("p1", "2011-05-01", proposers=reps(10)),
        decided("d1", "2011-05-10", listed=False),
        decided("d2", "2011-05-12", listed=True),
        held(),
    ]
    assert statuses(run(threshold(), events, "2011-12-31")) == []
    # decisions after as_of change nothing
    assert statuses(run(threshold(), events, "2011-05-11")) == ["violation"]


def test_same_day_events_in_any_order_give_the_same_findings() -> None:
    events = [
        *base(),
        proposed("p1", "2011-05-01", proposers=reps(10)),
        proposed("p2", "2011-05-01", proposers=reps(4, 7)),
        decided("d1", "2011-05-10", listed=True),
        decided("d2", "2011-05-10", listed=False),
        held(),
    ]
    swapped = [*events[:-5], events[-4], events[-5], events[-2], events[-3], events[-1]]
    a = run(threshold(), events, "2011-12-31")
    b = run(threshold(), swapped, "2011-12-31")
    assert [f.to_json() for f in a.findings] == [f.to_json() for f in b.findings]
    # 10 co-sponsors in one proposal; on the day of the final decision a "not listed" wins
    [f] = a.findings
    assert (f.status, f.args["reps"], f.evidence) == ("violation", 10, ("p1", "p2", "d1", "d2", "held-M1"))


def test_threshold_meeting_kinds() -> None:
    events = [*base(), proposed("p1", "2011-05-01", proposers=reps(9)), held(kind="group")]
    assert statuses(run(threshold(**ZJG, meeting_kinds=["annual"]), events, "2011-12-31")) == []
    assert statuses(run(threshold(**ZJG, meeting_kinds=["group"]), events, "2011-12-31")) == ["violation"]


def test_params_validated() -> None:
    with pytest.raises(PackError):
        threshold(must_list={})
    with pytest.raises(PackError):
        threshold(ad_hoc={})
    with pytest.raises(PackError):
        deadline(days=-1)


# ---- the model plan's agenda deadlines (000:L29) ------------------------------------
def test_agenda_deadline_encodes_the_model_plan_day_counts_by_proposer() -> None:
    # 会议题一般在年会召开前二十天由党委提出 ... 代表小组或代表联名提出的建议议题，应在会议召开前十五天内
    # 向党委提出: two rules of the existing kind, one per proposer, each with its own day count
    cite = {
        "source": "000_4d6d1418da65ff90.txt",
        "line": 29,
        "text": "会议题一般在年会召开前二十天由党委提出",
    }
    pack = make_pack(
        {"id": "mp.agenda.committee", "kind": "agenda_deadline", "citation": cite,
         "params": {"days": 20, "by": ["committee"]}},
        {"id": "mp.agenda.suggested", "kind": "agenda_deadline",
         "citation": cite | {"text": "代表小组或代表联名提出的建议议题，应在会议召开前十五天内向党委提出"},
         "params": {"days": 15, "by": ["group", "reps"]}},
    )  # fmt: skip
    events = [
        *base(),
        proposed("c20", "2011-05-26", by="committee", item="C20"),  # 20 days before 15 June
        proposed("c19", "2011-05-27", by="committee", item="C19"),
        proposed("g15", "2011-05-31", by="group", item="G15", groups=["G1"]),  # 15 days
        proposed("g14", "2011-06-01", by="group", item="G14", groups=["G1"]),
        proposed("r15", "2011-05-31", item="R15", proposers=reps(10)),
        proposed("r14", "2011-06-01", item="R14", proposers=reps(10)),
        held(),
    ]
    report = run(pack, events, "2011-12-31")
    assert [(f.rule, f.subject, f.args["days"]) for f in report.findings] == [
        ("mp.agenda.committee", "C19", 20),
        ("mp.agenda.suggested", "G14", 15),
        ("mp.agenda.suggested", "R14", 15),
    ]
