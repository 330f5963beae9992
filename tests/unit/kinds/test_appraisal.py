"""appraisal: who is rated each year, when, with which ratings; the form and panel of each round."""

from __future__ import annotations

from typing import Any

import pytest

from changrenzhi import Report
from changrenzhi.errors import PackError
from changrenzhi.findings import Finding
from changrenzhi.kinds.appraisal.rules import Appraisal
from support import make_pack, run, town

WINDOW = {"start": "12-01", "end": "01-20"}  # 12月上旬 .. 次年1月中旬


def pack(**params: Any) -> Any:
    return make_pack({"kind": "appraisal", "params": params})


def rows(report: Report) -> list[tuple[str, str, str | None, tuple[str, ...]]]:
    out: list[tuple[str, str, str | None, tuple[str, ...]]] = []
    for f in report.findings:
        end = f.period.end.isoformat() if f.period is not None else None
        out.append((f.status, f.subject, end, f.evidence))
    return out


def key_of(f: Finding) -> str:
    """The message key of a finding."""
    return next(k for k, t in Appraisal.messages.items() if t is f.template)


def appoint(member: str, day: str = "2011-01-04") -> dict[str, Any]:
    return {"id": f"appoint-{member}", "type": "committee.appointed", "date": day, "member": member}


def rate(rid: str, person: str, year: int, rating: str, day: str) -> dict[str, Any]:
    return {"id": rid, "type": "rating.given", "date": day, "person": person, "year": year, "rating": rating}


def held(aid: str, day: str, year: int, **kw: Any) -> dict[str, Any]:
    return {"id": aid, "type": "appraisal.held", "date": day, "year": year} | kw


def committee_log(*extra: dict[str, Any]) -> list[dict[str, Any]]:
    # a one-year term: only 2011 is owed (the window for it runs into 2012)
    return [*town(6, term_years=1), appoint("C1"), appoint("C2"), *extra]


# ---- the yearly rating of committee members ---------------------------------------
@pytest.mark.parametrize(
    ("day", "outside"),
    [("2011-11-30", True), ("2011-12-01", False), ("2012-01-20", False), ("2012-01-21", True)],
)
def test_window_from_early_december_to_mid_january(day: str, outside: bool) -> None:
    events = committee_log(
        rate("r1", "C1", 2011, "competent", day), rate("r2", "C2", 2011, "excellent", "2011-12-15")
    )
    report = run(pack(subjects="committee", window=WINDOW), events, "2012-03-01")
    if day == "2012-01-21":  # after the window: late, not done, under the id of the missing rating
        assert rows(report) == [("violation", "C1", "2012-01-20", ("appoint-C1", "r1"))]
        assert (report.findings[0].message_key, report.findings[0].args["done_late_on"]) == ("late", day)
        return
    assert rows(report) == ([("violation", "C1", "2011-12-31", ("r1",))] if outside else [])
    if outside:
        assert report.findings[0].args["window"] == "2011-12-01/2012-01-20"


ROUND = {"start": "12-01", "end": "12-10"}  # the round begins in 12月上旬 (000:L205)
SETTLED = {"start": "01-01", "end": "01-20", "next_year": True}  # ratings settled in 1月上、中旬 (L206, L213)


@pytest.mark.parametrize(
    ("day", "outside"),
    [
        ("2011-12-15", True),
        ("2011-12-31", True),
        ("2012-01-01", False),
        ("2012-01-20", False),
        ("2012-01-21", True),
    ],
)
def test_ratings_settled_in_january_not_anywhere_in_the_window(day: str, outside: bool) -> None:
    events = committee_log(
        rate("r1", "C1", 2011, "competent", day), rate("r2", "C2", 2011, "excellent", "2012-01-15")
    )
    p = pack(subjects="committee", window=ROUND, rating_window=SETTLED)
    report = run(p, events, "2012-03-01")
    late = day > "2012-01-20"
    expected = [("C1", "late" if late else "outside")] if outside else []
    assert [(f.subject, f.message_key) for f in report.findings] == expected
    if outside and not late:
        assert report.findings[0].args["window"] == "2012-01-01/2012-01-20"
    # the old reading: anywhere from 1 December to 20 January
    old = run(pack(subjects="committee", window=WINDOW), events, "2012-03-01")
    assert [f.subject for f in old.findings] == (["C1"] if day == "2012-01-21" else [])


def test_a_missing_rating_falls_due_at_the_end_of_the_rating_window() -> None:
    events = committee_log(rate("r1", "C1", 2011, "competent", "2012-01-10"))
    p = pack(subjects="committee", window=ROUND, rating_window=SETTLED)
    assert run(p, events, "2011-12-31").findings == ()  # nothing owed before 1 January
    assert [(f.status, f.subject) for f in run(p, events, "2012-01-19").findings] == [("pending", "C2")]
    [f] = run(p, events, "2012-01-20").findings
    assert (f.status, f.subject, f.period and f.period.end.isoformat()) == ("violation", "C2", "2012-01-20")


def test_the_round_keeps_to_its_own_window() -> None:
    events = [*committee_log(), held("a2011", "2011-11-30", 2011)]
    p = pack(rounds=True, window=ROUND)
    [f] = run(p, events, "2012-03-01").findings
    assert (f.message_key, f.args["window"]) == ("round_outside", "2011-12-01/2011-12-10")
    # begun after early December: late, not done (the missing round's finding, saying when)
    late = run(p, [*committee_log(), held("a2011", "2011-12-11", 2011)], "2012-03-01").findings
    assert [(f.subject, f.message_key, f.args["done_late_on"]) for f in late] == [
        ("appraisal", "round_late", "2011-12-11")
    ]
    assert [f.id for f in late] == [f.id for f in run(p, committee_log(), "2012-03-01").findings]
    assert run(p, [*committee_log(), held("a2011", "2011-12-10", 2011)], "2012-03-01").findings == ()


def test_rating_window_needs_subjects() -> None:
    with pytest.raises(PackError, match="rating_window needs subjects"):
        pack(rounds=True, rating_window=SETTLED)


def test_missing_rating_is_pending_until_the_window_closes() -> None:
    events = committee_log(rate("r1", "C1", 2011, "competent", "2011-12-15"))
    p = pack(subjects="committee", window=WINDOW)
    assert rows(run(p, events, "2012-01-19")) == [("pending", "C2", "2012-01-20", ("appoint-C2",))]
    # nothing is owed before the window opens, on 1 December
    assert rows(run(p, events, "2011-11-30")) == []
    assert [f.subject for f in run(p, events, "2011-12-01").findings] == ["C1", "C2"]  # C1 rated on 12-15
    report = run(p, events, "2012-01-20")
    assert rows(report) == [("violation", "C2", "2012-01-20", ("appoint-C2",))]
    assert (
        report.findings[0].message() == "党委委员 C2 未获2011年度评议等次（应在2011-12-01至2012-01-20完成）"
    )
    assert (
        report.findings[0].message("en")
        == "committee member C2 was given no rating for 2011 (due in 2011-12-01 to 2012-01-20)"
    )


def test_committee_member_appointed_late_in_the_year_owes_the_next_year() -> None:
    # 2011 has 365 days: appointed 2 July (183 days left) owes 2011, appointed 3 July (182) does not
    events = [*town(3), appoint("C1", "2011-07-02"), appoint("C2", "2011-07-03")]
    report = run(pack(subjects="committee", window=WINDOW), events, "2012-12-01")
    assert [(f.status, f.subject, f.args["year"]) for f in report.findings] == [
        ("violation", "C1", 2011),
        ("pending", "C1", 2012),
        ("pending", "C2", 2012),
    ]
    # before the 2012 window opens only 2011 is owed
    report = run(pack(subjects="committee", window=WINDOW), events, "2012-11-30")
    assert [(f.status, f.subject, f.args["year"]) for f in report.findings] == [("violation", "C1", 2011)]


@pytest.mark.parametrize(
    ("rating", "bad"), [("excellent", False), ("incompetent", False), ("qualified", True)]
)
def test_only_three_ratings(rating: str, bad: bool) -> None:
    events = committee_log(
        rate("r1", "C1", 2011, rating, "2011-12-15"), rate("r2", "C2", 2011, "competent", "2011-12-15")
    )
    report = run(
        pack(subjects="committee", allowed=["excellent", "competent", "incompetent"]), events, "2012-03-01"
    )
    # (no window: the ratings are due by the end of 2011, and given in time)
    assert rows(report) == ([("violation", "C1", "2011-12-31", ("r1",))] if bad else [])
    if bad:
        assert (
            report.findings[0].message()
            == "党委委员 C1 的2011年度评议等次为合格，等次只能是优秀、称职、不称职"
        )
    # every_year: false checks the ratings given without asking for one each year
    only = pack(subjects="committee", every_year=False, allowed=["excellent", "competent", "incompetent"])
    assert [f.subject for f in run(only, events[:-1], "2012-03-01").findings] == (["C1"] if bad else [])


def test_reps_reviewed_every_year() -> None:
    events = [
        *town(3, term_years=1),
        {"id": "dq", "type": "rep.disqualified", "date": "2011-05-01", "rep": "R03", "reason": "moved"},
        rate("r1", "R01", 2011, "qualified", "2011-12-20"),
    ]
    assert rows(run(pack(subjects="reps"), events, "2011-12-30")) == [
        ("pending", "R02", "2011-12-31", ("elect-R02",))
    ]
    # R03 left before serving half of 2011: nothing owed; committee members are not reps
    assert rows(run(pack(subjects="reps"), [*events, appoint("C1")], "2011-12-31")) == [
        ("violation", "R02", "2011-12-31", ("elect-R02",))
    ]
    # late is not done: a rating given after the year (no window) leaves 2011 broken, done late
    late = [*events, rate("r2", "R02", 2011, "qualified", "2012-01-05")]
    report = run(pack(subjects="reps"), late, "2012-01-05")
    assert rows(report) == [("violation", "R02", "2011-12-31", ("elect-R02", "r2"))]
    assert report.findings[0].args["done_late_on"] == "2012-01-05"
    assert report.findings[0].id == run(pack(subjects="reps"), events, "2012-01-05").findings[0].id
    assert report.findings[0].message() == (
        "代表 R02 的2011年度评议等次于 2012-01-05 才评定，晚于期限（应在2011-01-01至2011-12-31完成）"
    )
    # on the last day of the year it is still in time
    on_time = [*events, rate("r2", "R02", 2011, "qualified", "2011-12-31")]
    assert run(pack(subjects="reps"), on_time, "2012-01-05").findings == ()


def test_a_round_held_after_its_year_is_late_not_done() -> None:
    events = [*town(6, term_years=1), held("a2011", "2012-01-10", 2011)]
    report = run(pack(rounds=True), events, "2012-02-01")
    assert rows(report) == [("violation", "appraisal", "2011-12-31", ("a2011",))]
    assert report.findings[0].args["done_late_on"] == "2012-01-10"
    missing = run(pack(rounds=True), events[:-1], "2012-02-01").findings[0]
    assert missing.status == "violation" and missing.id == report.findings[0].id
    assert run(pack(rounds=True), [*events[:-1], held("a", "2011-12-31", 2011)], "2012-02-01").findings == ()


# ---- the rounds ---------------------------------------------------------------------
def test_a_round_every_year_within_the_window() -> None:
    two_years = [*town(6, term_years=2), appoint("C1")]  # owes 2011 and 2012
    events = [*two_years, held("a2011", "2012-01-10", 2011), held("a2012", "2012-11-25", 2012)]
    report = run(pack(rounds=True, window=WINDOW), events, "2013-01-20")
    assert rows(report) == [("violation", "a2012", None, ("a2012",))]
    assert report.findings[0].args["window"] == "2012-12-01/2013-01-20"
    # the round of 2013 is not due yet; without any round for 2012 it is pending until 20 January
    only_2011 = [*two_years, held("a2011", "2012-01-10", 2011)]
    assert rows(run(pack(rounds=True, window=WINDOW), only_2011, "2013-01-19")) == [
        ("pending", "appraisal", "2013-01-20", ())
    ]
    assert rows(run(pack(rounds=True, window=WINDOW), only_2011, "2012-11-30")) == []
    assert [f.status for f in run(pack(rounds=True, window=WINDOW), only_2011, "2013-01-20").findings] == [
        "violation"
    ]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"secret": True, "dimensions": 10}, []),
        ({"secret": True, "dimensions": 11}, []),
        ({"secret": True, "dimensions": 9}, ["dimensions"]),
        ({"secret": True}, ["dimensions"]),
        ({"secret": False, "dimensions": 10}, ["secret"]),
        ({"dimensions": 10}, ["secret"]),
    ],
)
def test_secret_forms_over_ten_dimensions(fields: dict[str, Any], expected: list[str]) -> None:
    events = committee_log(held("a", "2012-01-10", 2011, **fields))
    report = run(pack(secret=True, min_dimensions=10), events, "2012-03-01")
    assert [key_of(f) for f in report.findings] == expected
    if expected == ["secret"]:
        assert report.findings[0].args["recorded"] == ("secret" in fields)


def panel_log(panel: list[str], leader: str | None, *extra: dict[str, Any]) -> list[dict[str, Any]]:
    groups = [
        {"id": f"form-G{i}", "type": "group.formed", "date": "2011-01-04", "group": f"G{i}",
         "members": [f"R{2 * i - 1:02d}", f"R{2 * i:02d}"],
         "leader": f"R{2 * i - 1:02d}", "deputy": f"R{2 * i:02d}"}
        for i in (1, 2, 3)
    ]  # fmt: skip
    kw: dict[str, Any] = {"panel": panel} | ({"panel_leader": leader} if leader else {})
    return [*town(6, group=None), *groups, *extra, held("a", "2011-12-05", 2011, **kw)]


PANEL = {"panel_min": 3, "panel_max": 3, "panel_leader": True, "panel_from": "group_leaders"}


def test_panel_of_three_group_leaders_with_a_leader() -> None:
    assert run(pack(**PANEL), panel_log(["R01", "R03", "R05"], "R01"), "2012-03-01").findings == ()


@pytest.mark.parametrize(
    ("panel", "leader", "subjects"),
    [
        (["R01", "R03"], "R01", ["panel_size"]),
        (["R01", "R03", "R05", "R02"], "R01", ["panel_size", "panel_member"]),
        (["R01", "R03", "R05"], None, ["panel_leader"]),
        (["R01", "R03", "R05"], "R02", ["panel_leader", "panel_member"]),
        (["R01", "R03", "R06"], "R01", ["panel_member"]),
    ],
)
def test_panel_breaches(panel: list[str], leader: str | None, subjects: list[str]) -> None:
    report = run(pack(**PANEL), panel_log(panel, leader), "2012-03-01")
    assert sorted(key_of(f) for f in report.findings) == sorted(subjects)


def test_panel_members_judged_on_the_day_of_the_round() -> None:
    # R05 stopped leading G3 before the round; R06 took over
    change = {"id": "chg", "type": "group.changed", "date": "2011-11-01", "group": "G3", "leader": "R06"}
    report = run(pack(**PANEL), panel_log(["R01", "R03", "R05"], "R01", change), "2012-03-01")
    assert rows(report) == [("violation", "a", None, ("form-G1", "form-G2", "chg", "a"))]
    f = report.findings[0]
    assert f.args["outsiders"] == ["R05"]
    assert f.message("en") == (
        "the panel of the appraisal round a for 2011 (2011-12-05) includes R05, "
        "who is not the leader of a group"
    )
    # deputies count with panel_from: group_officers
    officers = PANEL | {"panel_from": "group_officers"}
    assert run(pack(**officers), panel_log(["R01", "R03", "R06"], "R01"), "2012-03-01").findings == ()
    # a leader who lost the seat is no longer a group leader
    dq = {"id": "dq", "type": "rep.disqualified", "date": "2011-11-01", "rep": "R05", "reason": "moved"}
    report = run(pack(**PANEL), panel_log(["R01", "R03"], "R01", dq), "2012-03-01")
    assert [f.args.get("size") for f in report.findings] == [2]


def test_panel_made_up_of_all_group_leaders() -> None:
    complete = PANEL | {"panel_max": None, "panel_complete": True}
    assert run(pack(**complete), panel_log(["R01", "R03", "R05"], "R01"), "2012-03-01").findings == ()
    report = run(pack(**complete), panel_log(["R01", "R03"], "R01"), "2012-03-01")
    assert [(key_of(f), f.args.get("absent")) for f in report.findings] == [
        ("panel_size", None),
        ("panel_incomplete", ["R05"]),
    ]
    assert report.findings[1].message() == "2011年度民主评议 a（2011-12-05）的评议组缺少代表小组组长 R05"


def test_appraisal_params_are_checked() -> None:
    bad: list[dict[str, Any]] = [
        {},
        {"window": WINDOW},  # a window alone checks nothing
        {"subjects": "reps", "window": {"start": "13-01", "end": "01-20"}},
        {"subjects": "reps", "window": {"start": "02-29", "end": "03-20"}},
        {"subjects": "reps", "window": {"start": "12-1", "end": "01-20"}},
        {"allowed": ["excellent"], "rounds": True},  # whose ratings?
        {"subjects": "reps", "allowed": ["excellent", "excellent"]},
        {"subjects": "reps", "allowed": ["splendid"]},
        {"subjects": "everyone"},
        {"panel_min": 4, "panel_max": 3},
        {"panel_min": 0},
        {"min_dimensions": 0},
        {"subjects": "committee", "every_year": False},
        {"panel_min": 3, "panel_complete": True},
    ]
    for params in bad:
        with pytest.raises(PackError):
            pack(**params)
