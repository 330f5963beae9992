"""The study kinds: study_frequency, study_days, study_absence_penalty, training_coverage."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from changrenzhi import Report
from changrenzhi.errors import PackError
from support import make_pack, run, town

Row = tuple[str, str, str, str, tuple[str, ...]]


def rows(report: Report) -> list[Row]:
    """(status, subject, period start, period end, evidence) of every finding, in report order."""
    out: list[Row] = []
    for f in report.findings:
        assert f.period is not None
        out.append((f.status, f.subject, f.period.start.isoformat(), f.period.end.isoformat(), f.evidence))
    return out


def village(reps: int, *, term_years: int = 5) -> list[dict[str, Any]]:
    """``support.town`` with its one group G1 (and no officers), for any number of reps."""
    names = [f"R{i:02d}" for i in range(1, reps + 1)]
    return [*town(reps, group=None, term_years=term_years), group("G1", "2011-01-04", names)]


def session(
    sid: str,
    day: str,
    attendees: list[str],
    *,
    group: str = "G1",
    excused: list[str] | None = None,
    days: float | None = None,
) -> dict[str, Any]:
    ev: dict[str, Any] = {
        "id": sid,
        "type": "study.session",
        "date": day,
        "group": group,
        "attendees": attendees,
    }
    if excused:
        ev["excused"] = excused
    if days is not None:
        ev["days"] = days
    return ev


def training(tid: str, day: str, participants: list[str], days: float = 1) -> dict[str, Any]:
    return {"id": tid, "type": "training.held", "date": day, "participants": participants, "days": days}


def rating(rid: str, day: str, person: str, year: int, value: str) -> dict[str, Any]:
    return {"id": rid, "type": "rating.given", "date": day, "person": person, "year": year, "rating": value}


def group(gid: str, day: str, members: list[str], **officers: str) -> dict[str, Any]:
    return {
        "id": f"form-{gid}",
        "type": "group.formed",
        "date": day,
        "group": gid,
        "members": members,
    } | officers


def elect(rep: str, day: str) -> dict[str, Any]:
    return {"id": f"elect-{rep}", "type": "rep.elected", "date": day, "rep": rep}


def disqualify(rep: str, day: str) -> dict[str, Any]:
    return {"id": f"dq-{rep}", "type": "rep.disqualified", "date": day, "rep": rep, "reason": "moved"}


Q1 = ("2011-01-01", "2011-03-31")
Y2011 = ("2011-01-01", "2011-12-31")
Y2012 = ("2012-01-01", "2012-12-31")


# ---- study_frequency ------------------------------------------------------
def freq_pack(**params: Any) -> Any:
    return make_pack({"kind": "study_frequency", "params": {"period": "quarter", "min": 1} | params})


def test_frequency_one_session_a_quarter_is_enough_none_is_a_violation() -> None:
    events = [*village(3), session("S1", "2011-02-01", ["R01"])]
    assert rows(run(freq_pack(), events, "2011-06-30")) == [
        ("violation", "G1", "2011-04-01", "2011-06-30", ("form-G1",)),
    ]


def test_frequency_open_quarter_is_pending_until_a_session_is_held() -> None:
    events = [*village(3), session("S1", "2011-02-01", ["R01"])]
    assert rows(run(freq_pack(), events, "2011-05-15")) == [
        ("pending", "G1", "2011-04-01", "2011-06-30", ("form-G1",))
    ]
    events.append(session("S2", "2011-05-15", ["R01"]))
    assert rows(run(freq_pack(), events, "2011-05-15")) == []
    # a session after as_of does not count
    events[-1] = session("S2", "2011-05-16", ["R01"])
    assert rows(run(freq_pack(), events, "2011-05-15")) == [
        ("pending", "G1", "2011-04-01", "2011-06-30", ("form-G1",))
    ]


def test_frequency_group_formed_mid_quarter_owes_it_only_if_it_existed_half_of_it() -> None:
    # Q1 2011 has 90 days: formed 14 Feb exists 46 days (owes Q1), formed 20 Feb 40 days (does not)
    events = [
        *town(6, group=None),
        group("GA", "2011-02-14", ["R01", "R02", "R03"]),
        group("GB", "2011-02-20", ["R04", "R05", "R06"]),
    ]
    assert rows(run(freq_pack(), events, "2011-03-31")) == [("violation", "GA", *Q1, ("form-GA",))]
    assert rows(run(freq_pack(), events, "2011-06-30")) == [
        ("violation", "GA", *Q1, ("form-GA",)),
        ("violation", "GA", "2011-04-01", "2011-06-30", ("form-GA",)),
        ("violation", "GB", "2011-04-01", "2011-06-30", ("form-GB",)),
    ]


def test_frequency_max_exceeded_is_a_violation_even_while_the_period_is_open() -> None:
    events = [
        *village(3),
        session("S1", "2011-01-10", ["R01"]),
        session("S2", "2011-02-10", ["R01"]),
        session("S3", "2011-04-10", ["R01"]),
    ]
    report = run(freq_pack(max=1), events, "2011-04-10")
    assert rows(report) == [("violation", "G1", *Q1, ("S1", "S2"))]
    assert report.findings[0].args == {"count": 2, "max": 1}
    events.append(session("S4", "2011-04-10", ["R02"]))
    assert rows(run(freq_pack(max=1), events, "2011-04-10")) == [
        ("violation", "G1", *Q1, ("S1", "S2")),
        ("violation", "G1", "2011-04-01", "2011-06-30", ("S3", "S4")),
    ]


def test_frequency_max_exceeded_follows_an_info_severity() -> None:
    pack = make_pack({"kind": "study_frequency", "severity": "info", "params": {"min": 1, "max": 1}})
    events = [*village(3), session("S1", "2011-01-10", ["R01"]), session("S2", "2011-02-10", ["R01"])]
    assert rows(run(pack, events, "2011-03-31")) == [("info", "G1", *Q1, ("S1", "S2"))]


def test_frequency_max_below_min_is_rejected() -> None:
    with pytest.raises(PackError):
        freq_pack(min=2, max=1)


# ---- study_days -----------------------------------------------------------
def days_pack(**params: Any) -> Any:
    return make_pack({"kind": "study_days", "params": {"min_days": 5} | params})


def test_days_exactly_five_is_enough_four_and_a_half_is_not() -> None:
    events = [
        *village(2),
        session("S1", "2011-03-01", ["R01", "R02"], days=2),
        training("T1", "2011-06-01", ["R01"], days=3),
        training("T2", "2011-09-01", ["R02"], days=2.5),
    ]
    report = run(days_pack(), events, "2011-12-31")
    assert rows(report) == [("violation", "R02", *Y2011, ("S1", "T2"))]
    assert report.findings[0].args["days"] == 4.5
    assert report.findings[0].args["min_days"] == 5
    assert report.findings[0].args["counted"] == ["S1", "T2"]
    assert report.findings[0].message("en") == (
        "rep R02 spent 4.5 days in study and training in 2011; at least 5 required"
    )


def test_days_tenths_add_up_exactly() -> None:
    # 4 days + ten trainings of 0.1 day: a float sum would fall short of 5 (0.1 * 10 != 1.0)
    events = [*village(1), *(session(f"S{i}", f"2011-0{i}-15", ["R01"]) for i in range(1, 5))]
    events += [training(f"T{i}", f"2011-{i:02d}-20", ["R01"], days=0.1) for i in range(1, 11)]
    assert rows(run(days_pack(), events, "2011-12-31")) == []
    events.pop()
    assert run(days_pack(), events, "2011-12-31").findings[0].args["days"] == 4.9


def test_days_open_year_is_pending_closed_year_is_a_violation() -> None:
    events = [*village(1), session("S1", "2011-03-01", ["R01"], days=4)]
    assert rows(run(days_pack(), events, "2011-12-30")) == [("pending", "R01", *Y2011, ("S1",))]
    assert rows(run(days_pack(), events, "2011-12-31")) == [("violation", "R01", *Y2011, ("S1",))]


def test_days_sources_limit_what_counts() -> None:
    events = [
        *village(1),
        session("S1", "2011-03-01", ["R01"], days=1),
        training("T1", "2011-04-01", ["R01"], 4),
    ]
    assert rows(run(days_pack(), events, "2011-12-31")) == []
    assert rows(run(days_pack(sources=["study"]), events, "2011-12-31")) == [
        ("violation", "R01", *Y2011, ("S1",))
    ]
    assert rows(run(days_pack(sources=["training"]), events, "2011-12-31")) == [
        ("violation", "R01", *Y2011, ("T1",))
    ]


def test_days_excused_and_absent_reps_get_nothing_for_a_session() -> None:
    events = [*village(2), session("S1", "2011-03-01", ["R01"], excused=["R02"], days=5)]
    assert rows(run(days_pack(), events, "2011-12-31")) == [("violation", "R02", *Y2011, ())]


def test_days_by_election_rep_counts_only_days_while_seated_and_prorates_on_request() -> None:
    # R09 seated 1 July: 184 of 365 days, so they owe 2011 (presence: half)
    events = [
        *village(1),
        elect("R09", "2011-07-01"),
        training("T0", "2011-03-01", ["R01", "R09"], days=5),
        training("T1", "2011-08-01", ["R01", "R09"], days=3),
    ]
    report = run(days_pack(), events, "2011-12-31")
    assert rows(report) == [("violation", "R09", *Y2011, ("T1",))]
    assert report.findings[0].args["days"] == 3
    # prorated: 5 * 184/365 = 2.52 days required, 3 is enough
    assert rows(run(days_pack(prorate=True), events, "2011-12-31")) == []
    events[-1] = training("T1", "2011-08-01", ["R01", "R09"], days=2.5)
    report = run(days_pack(prorate=True), events, "2011-12-31")
    assert rows(report) == [("violation", "R09", *Y2011, ("T1",))]
    assert report.findings[0].args["required"] == 2.52
    assert report.findings[0].args["min_days"] == 5


def test_days_rep_disqualified_early_owes_nothing_late_owes_the_year() -> None:
    events = [*village(2), disqualify("R01", "2011-03-01"), disqualify("R02", "2011-09-01")]
    assert rows(run(days_pack(), events, "2011-12-31")) == [("violation", "R02", *Y2011, ())]


def test_days_events_after_as_of_change_nothing() -> None:
    events = [*village(1), session("S1", "2011-03-01", ["R01"], days=4)]
    before = rows(run(days_pack(), events, "2012-01-01"))
    assert before == [("violation", "R01", *Y2011, ("S1",)), ("pending", "R01", *Y2012, ())]
    later = [*events, session("S2", "2012-01-02", ["R01"], days=5), training("T9", "2012-01-02", ["R01"], 1)]
    assert rows(run(days_pack(), later, "2012-01-01")) == before


def test_days_rejects_a_zero_minimum() -> None:
    with pytest.raises(PackError):
        days_pack(min_days=0)


# ---- study_absence_penalty -------------------------------------------------
def penalty_pack(**params: Any) -> Any:
    return make_pack({"kind": "study_absence_penalty", "params": params})


def by_message(report: Report) -> list[tuple[str, str, str, tuple[str, ...], str]]:
    return [
        (f.status, f.subject, f.period.start.isoformat() if f.period else "", f.evidence, _key(f.template))
        for f in report.findings
    ]


def _key(template: Any) -> str:
    from changrenzhi.kinds.study.rules import StudyAbsencePenalty

    for key, tpl in StudyAbsencePenalty.messages.items():
        if tpl == template:
            return key
    raise AssertionError(template)


def test_penalty_two_consecutive_absences_cap_the_rating_two_apart_do_not() -> None:
    events = [
        *village(3),
        session("S1", "2011-03-01", ["R01", "R02"], excused=["R03"]),
        session("S2", "2011-06-01", ["R01", "R03"], excused=["R02"]),
        session("S3", "2011-09-01", ["R01", "R02"], excused=["R03"]),
        session("S4", "2011-11-01", ["R01"], excused=["R03"]),
    ]
    # R02 missed S2 and S4 (S3 attended in between); R03 missed S3 and S4 in a row
    report = run(penalty_pack(unexcused=None), events, "2011-12-31")
    assert by_message(report) == [("info", "R03", "2011-01-01", ("S3", "S4"), "cap")]
    f = report.findings[0]
    assert f.period is not None and (f.period.start, f.period.end) == (date(2011, 1, 1), date(2011, 12, 31))
    assert f.args["sessions"] == ["S3", "S4"]
    assert f.args["excused"] == ["S3", "S4"]
    assert f.message("en") == (
        "rep R03 missed 2 study sessions in a row (S3 (2011-09-01), S4 (2011-11-01)): "
        "cannot be rated excellent in the appraisal of 2011"
    )
    assert (
        f.message()
        == "代表 R03 连续 2 次不参加学习（S3 2011-09-01、S4 2011-11-01），2011年民主评议不能评为优秀等次"
    )


def test_penalty_single_absence_is_not_a_run_and_a_longer_run_is_one_finding() -> None:
    events = [
        *village(2),
        session("S1", "2011-03-01", ["R01"], excused=["R02"]),
        session("S2", "2011-04-01", ["R02"], excused=["R01"]),
        session("S3", "2011-05-01", ["R02"], excused=["R01"]),
        session("S4", "2011-06-01", ["R02"], excused=["R01"]),
    ]
    report = run(penalty_pack(unexcused=None), events, "2011-12-31")
    assert by_message(report) == [("info", "R01", "2011-01-01", ("S2", "S3", "S4"), "cap")]


def test_penalty_excused_absences_count_unless_the_pack_says_otherwise() -> None:
    events = [
        *village(2),
        session("S1", "2011-03-01", ["R01"], excused=["R02"]),
        session("S2", "2011-06-01", ["R01"]),
        session("S3", "2011-09-01", ["R01"]),
    ]
    # R02: excused S1, unexcused S2 and S3
    counts = run(penalty_pack(unexcused=None), events, "2011-12-31")
    assert by_message(counts) == [("info", "R02", "2011-01-01", ("S1", "S2", "S3"), "cap")]
    assert counts.findings[0].args["excused"] == ["S1"]
    strict = run(penalty_pack(unexcused=None, consecutive_counts_excused=False), events, "2011-12-31")
    assert by_message(strict) == [("info", "R02", "2011-01-01", ("S2", "S3"), "cap")]
    # an excused absence between two unexcused ones breaks the run when excused do not count
    events[-3:] = [
        session("S1", "2011-03-01", ["R01"]),
        session("S2", "2011-06-01", ["R01"], excused=["R02"]),
        session("S3", "2011-09-01", ["R01"]),
    ]
    strict = run(penalty_pack(unexcused=None, consecutive_counts_excused=False), events, "2011-12-31")
    assert by_message(strict) == []


def test_penalty_literal_reading_one_unexcused_absence_means_unqualified() -> None:
    events = [
        *village(3),
        session("S1", "2011-03-01", ["R01", "R03"], excused=["R02"]),
        session("S2", "2011-06-01", ["R01", "R02"]),
    ]
    # R02 excused once: nothing; R03 missed S2 without excuse: must be rated unqualified
    report = run(penalty_pack(consecutive=None), events, "2011-12-31")
    assert by_message(report) == [("info", "R03", "2011-01-01", ("S2",), "unqualified")]
    f = report.findings[0]
    assert f.args["sessions"] == ["S2"]
    assert f.args["count"] == 1
    assert f.message("en") == (
        "rep R03 missed 1 study sessions without excuse (S2 (2011-06-01)): "
        "must be rated unqualified in the appraisal of 2011"
    )
    assert "定为不合格等次" in f.message()
    # a pack that reads it as a habit: two unexcused absences in the year
    assert by_message(run(penalty_pack(consecutive=None, unexcused=2), events, "2011-12-31")) == []


def test_penalty_default_params_give_both_clauses() -> None:
    events = [*village(2), session("S1", "2011-03-01", ["R01"]), session("S2", "2011-06-01", ["R01"])]
    assert sorted(by_message(run(penalty_pack(), events, "2011-12-31"))) == [
        ("info", "R02", "2011-01-01", ("S1", "S2"), "cap"),
        ("info", "R02", "2011-01-01", ("S1", "S2"), "unqualified"),
    ]


def test_penalty_rating_that_contradicts_the_cap_is_a_violation_one_that_agrees_is_not() -> None:
    base = [
        *village(3),
        session("S1", "2011-03-01", ["R01"], excused=["R02", "R03"]),
        session("S2", "2011-06-01", ["R01"], excused=["R02", "R03"]),
        rating("RT1", "2012-01-10", "R01", 2011, "excellent"),
        rating("RT2", "2012-01-10", "R02", 2011, "excellent"),
        rating("RT3", "2012-01-10", "R03", 2011, "competent"),
    ]
    report = run(penalty_pack(), base, "2012-01-31")
    assert by_message(report) == [
        ("violation", "R02", "2011-01-01", ("S1", "S2", "RT2"), "cap_broken"),
        ("info", "R02", "2011-01-01", ("S1", "S2"), "cap"),
        ("info", "R03", "2011-01-01", ("S1", "S2"), "cap"),
    ]
    v = report.findings[0]
    assert v.args["rating"] == "excellent" and v.args["rating_event"] == "RT2"
    assert v.args["sessions"] == ["S1", "S2"]
    assert v.message("en") == (
        "rep R02 was rated excellent for 2011 despite missing 2 consecutive study sessions "
        "(S1 (2011-03-01), S2 (2011-06-01))"
    )
    assert report.exit_code == 1
    # the rating is not yet given at as_of: only the consequence
    assert by_message(run(penalty_pack(), base, "2012-01-09")) == [
        ("info", "R02", "2011-01-01", ("S1", "S2"), "cap"),
        ("info", "R03", "2011-01-01", ("S1", "S2"), "cap"),
    ]


def test_penalty_a_later_rating_replaces_an_earlier_one() -> None:
    events = [
        *village(2),
        session("S1", "2011-03-01", ["R01"], excused=["R02"]),
        session("S2", "2011-06-01", ["R01"], excused=["R02"]),
        rating("RT1", "2012-01-10", "R02", 2011, "excellent"),
        rating("RT2", "2012-01-20", "R02", 2011, "competent"),
    ]
    assert by_message(run(penalty_pack(), events, "2012-01-15")) == [
        ("violation", "R02", "2011-01-01", ("S1", "S2", "RT1"), "cap_broken"),
        ("info", "R02", "2011-01-01", ("S1", "S2"), "cap"),
    ]
    assert by_message(run(penalty_pack(), events, "2012-01-31")) == [
        ("info", "R02", "2011-01-01", ("S1", "S2"), "cap")
    ]


def test_penalty_unexcused_rating_other_than_unqualified_is_a_violation() -> None:
    events = [
        *village(3),
        session("S1", "2011-03-01", ["R01"]),
        rating("RT1", "2012-01-10", "R01", 2011, "excellent"),
        rating("RT2", "2012-01-10", "R02", 2011, "qualified"),
        rating("RT3", "2012-01-10", "R03", 2011, "unqualified"),
    ]
    report = run(penalty_pack(consecutive=None), events, "2012-01-31")
    assert by_message(report) == [
        ("violation", "R02", "2011-01-01", ("S1", "RT2"), "unqualified_broken"),
        ("info", "R02", "2011-01-01", ("S1",), "unqualified"),
        ("info", "R03", "2011-01-01", ("S1",), "unqualified"),
    ]
    assert report.findings[0].args["rating"] == "qualified"
    assert report.findings[0].args["required"] == "unqualified"
    assert report.findings[0].message("en") == (
        "rep R02 was rated qualified for 2011 although they missed 1 study sessions without excuse "
        "(S1 (2011-03-01)) and must be rated unqualified"
    )


def test_penalty_follows_a_rep_who_changes_group() -> None:
    events = [
        *town(6, group=None),
        group("G1", "2011-01-04", ["R01", "R02", "R03"]),
        group("G2", "2011-01-04", ["R04", "R05", "R06"]),
        session("S1", "2011-03-01", ["R01", "R02"], group="G1", excused=["R03"]),
        {"id": "mv-out", "type": "group.changed", "date": "2011-04-01", "group": "G1", "remove": ["R03"]},
        {"id": "mv-in", "type": "group.changed", "date": "2011-04-01", "group": "G2", "add": ["R03"]},
        # R03 is no longer expected at G1: missing from its attendees is no absence
        session("S2", "2011-06-01", ["R01", "R02"], group="G1"),
        session("S3", "2011-06-02", ["R04", "R05", "R06"], group="G2", excused=["R03"]),
    ]
    report = run(penalty_pack(unexcused=None), events, "2011-12-31")
    assert by_message(report) == [("info", "R03", "2011-01-01", ("S1", "S3"), "cap")]
    # attending the new group's session breaks the run
    events[-1] = session("S3", "2011-06-02", ["R03", "R04", "R05", "R06"], group="G2")
    assert by_message(run(penalty_pack(unexcused=None), events, "2011-12-31")) == []


def test_penalty_rep_disqualified_before_a_session_is_not_absent() -> None:
    events = [
        *village(3),
        session("S1", "2011-03-01", ["R01", "R02"], excused=["R03"]),
        disqualify("R03", "2011-05-01"),
        session("S2", "2011-06-01", ["R01", "R02"]),
    ]
    assert by_message(run(penalty_pack(), events, "2011-12-31")) == []
    # disqualified on the day of the session: not seated at the end of that day, not expected
    events[-2] = disqualify("R03", "2011-06-01")
    assert by_message(run(penalty_pack(), events, "2011-12-31")) == []
    # disqualified the day after: expected, and absent without excuse
    events[-2] = disqualify("R03", "2011-06-02")
    assert by_message(run(penalty_pack(), events, "2011-12-31")) == [
        ("info", "R03", "2011-01-01", ("S1", "S2"), "cap"),
        ("info", "R03", "2011-01-01", ("S2",), "unqualified"),
    ]


def test_penalty_by_election_rep_is_expected_only_once_seated_and_in_the_group() -> None:
    events = [
        *village(2),
        session("S1", "2011-03-01", ["R01", "R02"]),
        elect("R09", "2011-04-01"),
        {"id": "add-R09", "type": "group.changed", "date": "2011-04-01", "group": "G1", "add": ["R09"]},
        session("S2", "2011-06-01", ["R01", "R02"], excused=["R09"]),
        session("S3", "2011-09-01", ["R01", "R02"], excused=["R09"]),
    ]
    assert by_message(run(penalty_pack(), events, "2011-12-31")) == [
        ("info", "R09", "2011-01-01", ("S2", "S3"), "cap"),
    ]


def test_penalty_run_over_new_year_caps_both_years_and_next_year_shifts() -> None:
    events = [
        *village(2),
        session("S1", "2011-11-01", ["R01"], excused=["R02"]),
        session("S2", "2011-12-01", ["R01"], excused=["R02"]),
        session("S3", "2012-01-05", ["R01"], excused=["R02"]),
    ]
    report = run(penalty_pack(unexcused=None), events, "2012-03-31")
    assert by_message(report) == [
        ("info", "R02", "2011-01-01", ("S1", "S2"), "cap"),
        ("info", "R02", "2012-01-01", ("S2", "S3"), "cap"),
    ]
    nxt = run(penalty_pack(unexcused=None, appraisal_year="next"), events, "2012-03-31")
    assert by_message(nxt) == [
        ("info", "R02", "2012-01-01", ("S1", "S2"), "cap"),
        ("info", "R02", "2013-01-01", ("S2", "S3"), "cap"),
    ]
    assert nxt.findings[1].period is not None and nxt.findings[1].period.end == date(2013, 12, 31)


def test_penalty_group_of_an_ended_term_expects_no_one() -> None:
    events = [
        *village(2, term_years=1),
        disqualify("R02", "2011-12-01"),
        {"id": "congress-2", "type": "congress.opened", "date": "2012-01-04", "term_years": 1},
        {"id": "reelect-R02", "type": "rep.elected", "date": "2012-01-04", "rep": "R02"},
        session("S1", "2012-03-01", ["R01"]),
        session("S2", "2012-06-01", ["R01"]),
    ]
    assert by_message(run(penalty_pack(), events, "2012-12-31")) == []


def test_penalty_events_after_as_of_change_nothing() -> None:
    events = [
        *village(2),
        session("S1", "2011-03-01", ["R01"], excused=["R02"]),
        session("S2", "2011-06-01", ["R01", "R02"]),
    ]
    before = by_message(run(penalty_pack(), events, "2011-06-01"))
    assert before == []
    later = [
        *events,
        session("S3", "2011-06-02", ["R01"]),
        rating("RT", "2011-06-02", "R02", 2011, "excellent"),
    ]
    assert by_message(run(penalty_pack(), later, "2011-06-01")) == before


def test_penalty_same_day_order_does_not_matter() -> None:
    a = session("S1", "2011-03-01", ["R01"], excused=["R02"])
    b = session("S2", "2011-03-01", ["R01", "R02"])
    c = session("S3", "2011-06-01", ["R01"], excused=["R02"])
    one = by_message(run(penalty_pack(unexcused=None), [*village(2), a, b, c], "2011-12-31"))
    two = by_message(run(penalty_pack(unexcused=None), [*village(2), b, a, c], "2011-12-31"))
    assert one == two == []


def test_penalty_needs_a_clause() -> None:
    with pytest.raises(PackError):
        penalty_pack(consecutive=None, unexcused=None)


# ---- training_coverage ----------------------------------------------------
def coverage_pack(**params: Any) -> Any:
    return make_pack({"kind": "training_coverage", "params": params})


TERM = ("2011-01-04", "2012-01-03")  # town(term_years=1)


def test_coverage_open_term_is_pending_ended_term_is_a_violation() -> None:
    events = [*village(3, term_years=1), training("T1", "2011-05-01", ["R01"])]
    assert rows(run(coverage_pack(), events, "2012-01-02")) == [
        ("pending", "R02", *TERM, ("elect-R02",)),
        ("pending", "R03", *TERM, ("elect-R03",)),
    ]
    report = run(coverage_pack(), events, "2012-01-03")
    assert rows(report) == [
        ("violation", "R02", *TERM, ("elect-R02",)),
        ("violation", "R03", *TERM, ("elect-R03",)),
    ]
    assert report.findings[0].args == {"count": 0, "min": 1, "trainings": []}


def test_coverage_min_two_counts_the_trainings_it_cites() -> None:
    events = [
        *village(2, term_years=1),
        training("T1", "2011-05-01", ["R01", "R02"]),
        training("T2", "2011-09-01", ["R01"]),
    ]
    report = run(coverage_pack(min=2), events, "2012-06-30")
    assert rows(report) == [("violation", "R02", *TERM, ("elect-R02", "T1"))]
    assert report.findings[0].message("en") == (
        "rep R02 took part in 1 training in 2011-01-04 to 2012-01-03; at least 2 required"
    )


def test_coverage_by_election_rep_training_before_the_seat_does_not_count() -> None:
    events = [
        *village(1, term_years=1),
        training("T1", "2011-02-01", ["R01", "R09"]),
        elect("R09", "2011-03-01"),
    ]
    assert rows(run(coverage_pack(), events, "2012-01-03")) == [("violation", "R09", *TERM, ("elect-R09",))]
    events.append(training("T2", "2011-04-01", ["R09"]))
    assert rows(run(coverage_pack(), events, "2012-01-03")) == []


def test_coverage_rep_seated_less_than_half_the_term_owes_nothing() -> None:
    events = [*village(2, term_years=1), disqualify("R02", "2011-03-01"), elect("R09", "2011-10-01")]
    assert rows(run(coverage_pack(), events, "2012-01-03")) == [("violation", "R01", *TERM, ("elect-R01",))]
    assert rows(run(coverage_pack(presence="any"), events, "2012-01-03")) == [
        ("violation", "R01", *TERM, ("elect-R01",)),
        ("violation", "R02", *TERM, ("elect-R02",)),
        ("violation", "R09", *TERM, ("elect-R09",)),
    ]


def test_coverage_calendar_span() -> None:
    events = [*village(1), training("T1", "2011-05-01", ["R01"])]
    assert rows(run(coverage_pack(span="year"), events, "2012-12-31")) == [
        ("violation", "R01", *Y2012, ("elect-R01",))
    ]


def test_coverage_events_after_as_of_change_nothing() -> None:
    events = [*village(1, term_years=1)]
    before = rows(run(coverage_pack(), events, "2012-01-03"))
    assert before == [("violation", "R01", *TERM, ("elect-R01",))]
    assert (
        rows(run(coverage_pack(), [*events, training("T1", "2012-01-04", ["R01"])], "2012-01-03")) == before
    )
