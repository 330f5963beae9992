"""The inspection kinds: inspection_notice, inspection_frequency, inspection_report."""

from __future__ import annotations

from typing import Any

import pytest

from changrenzhi import Report
from changrenzhi.errors import PackError
from support import make_pack, run, town

Row = tuple[str, str, str | None, str | None, tuple[str, ...]]


def rows(report: Report) -> list[Row]:
    out: list[Row] = []
    for f in report.findings:
        p = f.period
        out.append(
            (
                f.status,
                f.subject,
                p.start.isoformat() if p else None,
                p.end.isoformat() if p else None,
                f.evidence,
            )
        )
    return out


def held(
    iid: str, day: str, *, notified: str | None = None, eid: str | None = None, unit: str | None = None
) -> dict[str, Any]:
    ev: dict[str, Any] = {
        "id": eid or f"h-{iid}",
        "type": "inspection.held",
        "date": day,
        "inspection": iid,
        "participants": ["R01", "R02"],
    }
    if notified:
        ev["notified"] = notified
    if unit:
        ev["unit"] = unit
    return ev


def reported(iid: str, day: str, eid: str | None = None) -> dict[str, Any]:
    return {"id": eid or f"r-{iid}", "type": "inspection.reported", "date": day, "inspection": iid}


def pack(kind: str, **params: Any) -> Any:
    return make_pack({"kind": kind, "params": params})


# ---- inspection_notice ----------------------------------------------------
def test_notice_bounds_are_inclusive() -> None:
    events = [
        *town(3),
        held("I4", "2011-05-20", notified="2011-05-16"),  # 4 days
        held("I5", "2011-05-20", notified="2011-05-15"),  # 5
        held("I10", "2011-05-20", notified="2011-05-10"),  # 10
        held("I11", "2011-05-20", notified="2011-05-09"),  # 11
        held("IX", "2011-05-20", unit="乡卫生院"),  # no notice recorded
    ]
    report = run(pack("inspection_notice", min_days=5, max_days=10), events, "2011-05-20")
    assert rows(report) == [
        ("violation", "I11", None, None, ("h-I11",)),
        ("violation", "I4", None, None, ("h-I4",)),
        ("violation", "IX", None, None, ("h-IX",)),
    ]
    i11, i4, ix = report.findings
    assert i4.args["days"] == 4
    assert i11.args["days"] == 11
    assert i4.message() == "视察 I4 于 2011-05-20 进行，2011-05-16 通报被视察单位，提前 4 天，应提前 5–10 天"
    assert ix.args["unit"] == "乡卫生院"
    assert ix.message("en") == (
        "inspection IX on 2011-05-20 records no notice to the inspected unit; required 5–10 days ahead"
    )
    lenient = run(
        pack("inspection_notice", min_days=5, max_days=10, require_notice=False), events, "2011-05-20"
    )
    assert [f.subject for f in lenient.findings] == ["I11", "I4"]


def test_notice_judges_the_first_day_of_a_multi_day_inspection() -> None:
    events = [
        *town(3),
        held("I1", "2011-05-20", notified="2011-05-14", eid="h1"),  # 6 days before the first day
        held("I1", "2011-05-23", eid="h2"),  # second day: no notice of its own, none needed
    ]
    assert rows(run(pack("inspection_notice", min_days=5, max_days=10), events, "2011-06-30")) == []


def test_notice_params_are_checked() -> None:
    for bad in ({}, {"min_days": 10, "max_days": 5}, {"min_days": -1}, {"min_days": 5, "extra": 1}):
        with pytest.raises(PackError):
            pack("inspection_notice", **bad)


# ---- inspection_frequency -------------------------------------------------
def test_frequency_one_to_two_a_year() -> None:
    events = [
        *town(3),
        # 2011: none; 2012: one (two events of one inspection count once); 2013: two; 2014: three
        held("A", "2012-04-01", eid="a1"),
        held("A", "2012-04-02", eid="a2"),
        held("B", "2013-04-01"),
        held("C", "2013-09-01"),
        held("D", "2014-03-01"),
        held("E", "2014-04-01"),
        held("F", "2014-05-01"),
    ]
    report = run(pack("inspection_frequency", min=1, max=2), events, "2015-06-30")
    assert rows(report) == [
        ("violation", "committee", "2011-01-01", "2011-12-31", ()),
        ("violation", "committee", "2014-01-01", "2014-12-31", ("h-D", "h-E", "h-F")),
        ("pending", "committee", "2015-01-01", "2015-12-31", ()),
    ]
    assert report.findings[0].message() == "2011年组织代表视察 0 次，应为 1–2 次"
    assert report.findings[1].message("en") == "3 inspections were organised in 2014; at most 2 foreseen"


def test_frequency_ceiling_is_broken_at_once_in_an_open_year() -> None:
    events = [*town(3), held("D", "2011-03-01"), held("E", "2011-04-01"), held("F", "2011-05-01")]
    assert [
        f.status for f in run(pack("inspection_frequency", min=1, max=2), events, "2011-06-30").findings
    ] == ["violation"]


def test_frequency_follows_the_term_and_the_presence_rule() -> None:
    # term from 2011-09-01 for one year: 2011 (122 days) is less than half a year: not owed
    events = [*town(3, day="2011-09-01", term_years=1)]
    report = run(pack("inspection_frequency", min=1), events, "2013-06-30")
    assert rows(report) == [("violation", "committee", "2012-01-01", "2012-12-31", ())]
    with_any = run(pack("inspection_frequency", min=1, presence="any"), events, "2013-06-30")
    assert [f.period.start.year for f in with_any.findings if f.period] == [2011, 2012]


def test_frequency_params_are_checked() -> None:
    for bad in ({"min": 3, "max": 2}, {"min": 0}, {"max": 0}, {"period": "term"}):
        with pytest.raises(PackError):
            pack("inspection_frequency", **bad)


# ---- inspection_report ----------------------------------------------------
def test_report_within_days_inclusive() -> None:
    events = [
        *town(3),
        held("A", "2011-05-01"),
        reported("A", "2011-05-31"),  # 30 days: in time
        held("B", "2011-05-01"),
        reported("B", "2011-06-01"),  # 31 days: late
        held("C", "2011-05-01"),
    ]
    report = run(pack("inspection_report", days=30), events, "2011-05-31")  # B's report is not in yet
    assert rows(report) == [
        ("violation", "B", "2011-05-01", "2011-05-31", ("h-B",)),
        ("violation", "C", "2011-05-01", "2011-05-31", ("h-C",)),
    ]
    later = run(pack("inspection_report", days=30), events, "2011-06-30")
    assert rows(later) == [
        ("violation", "B", "2011-05-01", "2011-05-31", ("h-B", "r-B")),
        ("violation", "C", "2011-05-01", "2011-05-31", ("h-C",)),
    ]
    assert later.findings[0].message() == "视察 B（2011-05-01）的报告 2011-06-01 才写出，晚于期限 2011-05-31"
    early = run(pack("inspection_report", days=30), [*town(3), held("C", "2011-05-01")], "2011-05-30")
    assert rows(early) == [("pending", "C", "2011-05-01", "2011-05-31", ("h-C",))]
    assert early.findings[0].message("en") == "inspection C (2011-05-01) has no report yet; due by 2011-05-31"


def test_report_default_is_the_end_of_the_year_or_term() -> None:
    events = [*town(3, term_years=2), held("A", "2011-05-01"), reported("A", "2012-03-01")]
    assert rows(run(pack("inspection_report"), [*events[:-1]], "2011-12-30")) == [
        ("pending", "A", "2011-05-01", "2011-12-31", ("h-A",))
    ]
    assert [f.status for f in run(pack("inspection_report"), events, "2012-12-31").findings] == ["violation"]
    assert run(pack("inspection_report", fallback="term"), events, "2013-12-31").findings == ()


def test_report_is_due_after_the_last_day_and_a_report_before_the_inspection_does_not_count() -> None:
    events = [
        *town(3),
        reported("A", "2011-04-01", eid="stale"),
        held("A", "2011-05-01", eid="a1"),
        held("A", "2011-05-10", eid="a2"),
        reported("A", "2011-06-09"),  # 30 days after the last day
    ]
    assert run(pack("inspection_report", days=30), events, "2011-12-31").findings == ()
    assert rows(run(pack("inspection_report", days=30), events[:-1], "2011-12-31")) == [
        ("violation", "A", "2011-05-10", "2011-06-09", ("a1", "a2"))
    ]


def test_report_params_are_checked() -> None:
    for bad in ({"days": -1}, {"fallback": "quarter"}):
        with pytest.raises(PackError):
            pack("inspection_report", **bad)
