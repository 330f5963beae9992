"""The reports kind: meeting_report (the reports a meeting must hear, discussed in groups and voted)."""

from __future__ import annotations

from typing import Any

import pytest

from changrenzhi.errors import PackError
from support import make_pack, run, town

WORK = {"meeting_kinds": ["annual"], "reports": ["committee_work", "discipline_work"]}


def meeting(mid: str, day: str, kind: str = "annual") -> dict[str, Any]:
    return {
        "id": f"m-{mid}",
        "type": "meeting.held",
        "date": day,
        "meeting": mid,
        "kind": kind,
        "present": 10,
    }


def report(
    mid: str, day: str, code: str, item: str | None = None, discussed: bool | None = None
) -> dict[str, Any]:
    ev: dict[str, Any] = {
        "id": f"r-{mid}-{code}",
        "type": "report.made",
        "date": day,
        "meeting": mid,
        "report": code,
    }
    if item is not None:
        ev["item"] = item
    if discussed is not None:
        ev["discussed"] = discussed
    return ev


def vote(mid: str, day: str, item: str) -> dict[str, Any]:
    return {
        "id": f"v-{mid}-{item}", "type": "vote.held", "date": day, "meeting": mid, "item": item,
        "matter": "other", "method": "hands", "yes": 9, "no": 1, "declared": "passed",
    }  # fmt: skip


def found(
    params: dict[str, Any], events: list[dict[str, Any]], as_of: str = "2012-12-31"
) -> list[tuple[str, str, tuple[str, ...]]]:
    report_ = run(make_pack({"kind": "meeting_report", "params": params}), [*town(10), *events], as_of)
    return [(f.status, f.subject, (f.message_key,)) for f in report_.findings]


def test_every_report_heard_is_clean() -> None:
    events = [meeting("M1", "2012-03-01"), report("M1", "2012-03-01", "committee_work"),
              report("M1", "2012-03-01", "discipline_work")]  # fmt: skip
    assert found(WORK, events) == []


def test_one_report_missing_is_a_violation_of_that_meeting() -> None:
    events = [meeting("M1", "2012-03-01"), report("M1", "2012-03-01", "committee_work")]
    assert found(WORK, events) == [("violation", "M1", ("missing",))]


def test_a_meeting_of_another_kind_owes_nothing() -> None:
    assert found(WORK, [meeting("G1", "2012-03-01", kind="group")]) == []


def test_a_report_made_to_another_meeting_does_not_count() -> None:
    events = [
        meeting("M1", "2012-03-01"),
        meeting("M2", "2013-03-01"),
        report("M2", "2012-03-01", "committee_work"),
        report("M2", "2012-03-01", "discipline_work"),
    ]
    got = found(WORK, events, "2013-12-31")
    assert got == [("violation", "M1", ("missing",)), ("violation", "M1", ("missing",))]


def test_a_meeting_after_as_of_is_not_judged_yet() -> None:
    assert found(WORK, [meeting("M1", "2012-03-01")], as_of="2012-02-28") == []
    # on the meeting's own day it has sat: judged
    assert len(found(WORK, [meeting("M1", "2012-03-01")], as_of="2012-03-01")) == 2


def test_discussed_and_voted() -> None:
    params = {"reports": ["committee_work"], "discussed": True, "voted": True}
    ok = [meeting("M1", "2012-03-01"), report("M1", "2012-03-01", "committee_work", "I1", True),
          vote("M1", "2012-03-01", "I1")]  # fmt: skip
    assert found(params, ok) == []
    undiscussed = [meeting("M1", "2012-03-01"), report("M1", "2012-03-01", "committee_work", "I1"),
                   vote("M1", "2012-03-01", "I1")]  # fmt: skip
    assert found(params, undiscussed) == [("violation", "M1", ("undiscussed",))]
    unvoted = [meeting("M1", "2012-03-01"), report("M1", "2012-03-01", "committee_work", "I1", True)]
    assert found(params, unvoted) == [("violation", "M1", ("unvoted",))]
    # a vote on another item, or at another meeting, is not this report's vote
    elsewhere = [
        *unvoted,
        meeting("M2", "2012-05-01"),
        vote("M2", "2012-05-01", "I1"),
        vote("M1", "2012-03-01", "I9"),
    ]
    assert ("violation", "M1", ("unvoted",)) in found(params, elsewhere)


def test_the_roster_over_time_does_not_matter() -> None:
    # a rep disqualified before the meeting, another elected after: the duty is the meeting's
    events = [
        {
            "id": "dq",
            "type": "rep.disqualified",
            "date": "2011-06-01",
            "rep": "R01",
            "reason": "membership_transferred",
        },
        {"id": "by", "type": "rep.elected", "date": "2012-06-01", "rep": "R99"},
        meeting("M1", "2012-03-01"),
    ]
    assert [s for s, _, _ in found({"reports": ["execution"]}, events)] == ["violation"]


def test_severity_is_the_rules() -> None:
    pack = make_pack({"kind": "meeting_report", "severity": "warning", "params": {"reports": ["execution"]}})
    report_ = run(pack, [*town(3), meeting("M1", "2012-03-01")], "2012-12-31")
    assert [f.status for f in report_.findings] == ["warning"]


def test_labels_name_the_report() -> None:
    events = [meeting("M1", "2012-03-01")]
    report_ = run(
        make_pack({"kind": "meeting_report", "params": {"reports": ["execution"]}}),
        [*town(3), *events],
        "2012-12-31",
    )
    f = report_.findings[0]
    assert "execution" in f.message("en") and f.args["report"] == "execution"


@pytest.mark.parametrize(
    "params",
    [{}, {"reports": []}, {"reports": ["x"], "voted": "yes"}, {"reports": ["x"], "meeting_kinds": []}],
)
def test_bad_params_are_refused(params: dict[str, Any]) -> None:
    with pytest.raises(PackError):
        make_pack({"kind": "meeting_report", "params": params})
