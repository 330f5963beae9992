"""The reps' own duties and standing: rep_report, rep_minimum, credentials, term_length,
seat_validity, pledge."""

from __future__ import annotations

from typing import Any

import pytest

from changrenzhi import Report
from changrenzhi.errors import PackError
from support import make_pack, run, town

Row = tuple[str, str, str | None, str | None, tuple[str, ...]]
Y2011 = ("2011-01-01", "2011-12-31")
Y2012 = ("2012-01-01", "2012-12-31")


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


def pack(kind: str, term_years: int | None = None, **params: Any) -> Any:
    return make_pack({"kind": kind, "params": params}, term_years=term_years)


def ev(eid: str, etype: str, day: str, **fields: Any) -> dict[str, Any]:
    return {"id": eid, "type": etype, "date": day, **fields}


def elect(rep: str, day: str, **fields: Any) -> dict[str, Any]:
    return ev(f"elect-{rep}", "rep.elected", day, rep=rep, **fields)


def disqualify(rep: str, day: str, eid: str | None = None) -> dict[str, Any]:
    return ev(eid or f"dq-{rep}", "rep.disqualified", day, rep=rep, reason="membership_transferred")


def report_ev(eid: str, rep: str, day: str, to: str | None = None) -> dict[str, Any]:
    return ev(eid, "rep.reported", day, rep=rep, **({"to": to} if to else {}))


# ---- rep_report -----------------------------------------------------------
def test_report_yearly_and_open_year_pending() -> None:
    events = [
        *town(2, group=None),
        report_ev("r1", "R01", "2011-12-20"),
        report_ev("r2", "R01", "2012-03-01"),
    ]
    report = run(pack("rep_report"), events, "2012-06-30")
    assert rows(report) == [
        ("violation", "R02", *Y2011, ("elect-R02",)),
        ("pending", "R02", *Y2012, ("elect-R02",)),
    ]
    assert report.findings[0].message() == "代表 R02 在2011年述职 0 次，应不少于 1 次"
    assert report.findings[0].message("en") == "rep R02 reported 0 times in 2011; at least 1 required"


def test_report_to_filter_and_v1_reports_without_to_are_to_the_unit() -> None:
    events = [
        *town(3, group=None),
        report_ev("r1", "R01", "2011-12-20"),  # no 'to': the electoral unit (v1)
        report_ev("r2", "R02", "2011-12-20", to="branch"),
        report_ev("r3", "R03", "2011-12-20", to="unit"),
    ]
    unit = run(pack("rep_report", to=["unit"]), events, "2011-12-31")
    assert [f.subject for f in unit.findings] == ["R02"]
    assert unit.findings[0].message() == "代表 R02 在2011年向选举单位党员述职 0 次，应不少于 1 次"
    branch = run(pack("rep_report", to=["branch"]), events, "2011-12-31")
    assert [f.subject for f in branch.findings] == ["R01", "R03"]
    assert [
        f.subject for f in run(pack("rep_report", to=["unit", "branch"]), events, "2011-12-31").findings
    ] == []


def test_report_window_months_and_a_passed_window_closes_an_open_year() -> None:
    events = [
        *town(2, group=None),
        report_ev("r1", "R01", "2011-11-30"),
        report_ev("r2", "R02", "2011-12-01"),
    ]
    assert [f.subject for f in run(pack("rep_report", months=[12]), events, "2011-12-31").findings] == ["R01"]
    f = run(pack("rep_report", months=[12]), events, "2011-12-31").findings[0]
    assert f.message("en") == "rep R01 reported 0 times in 2011 (in December); at least 1 required"
    mid = [*town(1, group=None)]
    assert [f.status for f in run(pack("rep_report", months=[6]), mid, "2011-06-29").findings] == ["pending"]
    assert [f.status for f in run(pack("rep_report", months=[6]), mid, "2011-06-30").findings] == [
        "violation"
    ]


def test_report_presence_for_reps_elected_mid_year_and_disqualified() -> None:
    events = [
        *town(1, group=None),
        elect("R02", "2011-07-02"),  # 183 of 365 days: owes 2011
        elect("R03", "2011-07-04"),  # 181 days: does not
        report_ev("r1", "R01", "2011-03-01"),
        disqualify("R01", "2011-04-01"),
        report_ev("r2", "R02", "2011-12-01"),
        report_ev("r3", "R03", "2011-12-01"),
    ]
    report = run(pack("rep_report"), events, "2011-12-31")
    assert report.findings == ()  # R01 held the seat 87 days: not owed; R02 reported
    any_day = run(pack("rep_report", presence="any"), events, "2011-12-31")
    assert rows(any_day) == []  # with presence any, R01 owes 2011 and reported while seated
    # a report after the seat was lost does not count
    late = [*town(1, group=None), disqualify("R01", "2011-10-01"), report_ev("r1", "R01", "2011-11-01")]
    assert rows(run(pack("rep_report"), late, "2011-12-31")) == [("violation", "R01", *Y2011, ("elect-R01",))]


def test_report_applies_to_city_level_reps_only() -> None:
    events = [
        ev("congress", "congress.opened", "2011-01-04", term_years=5),
        elect("R01", "2011-01-04", category="city"),
        elect("R02", "2011-01-04", category="town"),
    ]
    report = run(
        pack("rep_report", to=["annual_meeting"], applies_to={"category": ["city"]}), events, "2011-12-31"
    )
    assert [f.subject for f in report.findings] == ["R01"]
    assert report.findings[0].message() == "代表 R01 在2011年向党代表年会述职 0 次，应不少于 1 次"


def test_report_params_are_checked() -> None:
    bad: dict[str, Any]
    for bad in (
        {"min": 0},
        {"months": [13]},
        {"months": []},
        {"months": [12, 12]},
        {"to": []},
        {"period": "decade"},
        {"applies_to": {"category": []}},
    ):
        with pytest.raises(PackError):
            pack("rep_report", **bad)


# ---- rep_minimum ----------------------------------------------------------
def test_minimum_per_term_pending_until_the_term_ends() -> None:
    events = [
        *town(3, group=None, term_years=2),
        ev("s1", "rep.suggested", "2011-05-01", rep="R01"),
        ev("s2", "rep.suggested", "2011-06-01", rep="R01"),
        ev("s3", "rep.suggested", "2011-06-01", rep="R02"),
    ]
    term = ("2011-01-04", "2013-01-03")
    open_term = run(pack("rep_minimum", events=["rep.suggested"], min=2), events, "2013-01-02")
    assert rows(open_term) == [
        ("pending", "R02", *term, ("elect-R02", "s3")),
        ("pending", "R03", *term, ("elect-R03",)),
    ]
    closed = run(pack("rep_minimum", events=["rep.suggested"], min=2), events, "2013-01-03")
    assert [f.status for f in closed.findings] == ["violation", "violation"]
    assert closed.findings[0].message() == (
        "代表 R02 在任期（2011-01-04至2013-01-03）提出建设性意见建议 1 次，应不少于 2 次"
    )
    assert closed.findings[0].message("en") == (
        "rep R02 has 1 constructive suggestions in 2011-01-04 to 2013-01-03; at least 2 required"
    )


def test_minimum_counts_several_events_and_sponsorship_by_form() -> None:
    events = [
        *town(3, group=None, term_years=1),
        ev("s1", "rep.suggested", "2011-05-01", rep="R01"),
        ev("p1", "proposal.filed", "2011-05-01", proposal="P1", form="suggestion", sponsors=["R02"]),
        ev("p2", "proposal.filed", "2011-05-01", proposal="P2", form="inquiry", sponsors=["R03"]),
    ]
    params: dict[str, Any] = {
        "events": ["rep.suggested", "proposal.filed"],
        "forms": ["proposal", "suggestion"],
    }
    report = run(pack("rep_minimum", **params), events, "2012-12-31")
    assert [f.subject for f in report.findings] == ["R03"]
    assert report.findings[0].message() == (
        "代表 R03 在任期（2011-01-04至2012-01-03）"
        "提出建设性意见建议或联名提出提案或建议意见 0 次，应不少于 1 次"
    )


def test_minimum_acts_outside_the_seat_do_not_count() -> None:
    events = [
        *town(1, group=None, term_years=1),
        disqualify("R01", "2011-10-01"),
        ev("s1", "rep.suggested", "2011-10-01", rep="R01"),  # the day the seat was lost
    ]
    assert [
        f.status for f in run(pack("rep_minimum", events=["rep.suggested"]), events, "2012-06-30").findings
    ] == ["violation"]


def test_minimum_params_are_checked() -> None:
    bad: dict[str, Any]
    for bad in (
        {"events": []},
        {"events": ["meeting.held"]},
        {"events": ["rep.suggested", "rep.suggested"]},
        {"events": ["rep.suggested"], "forms": ["proposal"]},
        {"events": ["rep.suggested"], "min": 0},
        {},
    ):
        with pytest.raises(PackError):
            pack("rep_minimum", **bad)


# ---- credentials ----------------------------------------------------------
def cred(eid: str, rep: str, day: str) -> dict[str, Any]:
    return ev(eid, "rep.credentialed", day, rep=rep)


def test_credentials_within_days_inclusive() -> None:
    events = [
        *town(4, group=None),
        cred("c1", "R01", "2011-02-03"),  # day 30: in time
        cred("c2", "R02", "2011-02-04"),  # day 31: late
        cred("c0", "R04", "2011-01-03"),  # before the election: not for this seat
    ]
    span = ("2011-01-04", "2011-02-03")
    report = run(pack("credentials", days=30), events, "2011-06-30")
    assert rows(report) == [
        ("violation", "R02", *span, ("elect-R02", "c2")),
        ("violation", "R03", *span, ("elect-R03",)),
        ("violation", "R04", *span, ("elect-R04",)),
    ]
    assert (
        report.findings[1].message()
        == "代表 R03 于 2011-01-04 当选，至期限 2011-02-03 未颁发代表证和工作手册"
    )
    pending = run(pack("credentials", days=30), events[:-3], "2011-02-02")
    assert {f.status for f in pending.findings} == {"pending"}
    assert pending.findings[0].message("en") == (
        "rep R01, elected on 2011-01-04, has no certificate and handbook yet; due by 2011-02-03"
    )
    assert {f.status for f in run(pack("credentials", days=30), events[:-3], "2011-02-03").findings} == {
        "violation"
    }


def test_credentials_seat_lost_within_grace_owes_nothing_and_each_seat_needs_its_own() -> None:
    events = [
        *town(2, group=None, term_years=1),
        cred("c1", "R01", "2011-01-10"),
        cred("c2", "R02", "2011-01-10"),
        disqualify("R02", "2011-01-05"),  # before the credential: it came after the seat was lost
        ev("congress-2", "congress.opened", "2012-01-04", term_years=1),
        ev("reelect-R01", "rep.elected", "2012-01-04", rep="R01"),
    ]
    report = run(pack("credentials", days=30), events, "2012-06-30")
    assert rows(report) == [("violation", "R01", "2012-01-04", "2012-02-03", ("reelect-R01",))]


def test_credentials_params_are_checked() -> None:
    for bad in ({}, {"days": -1}):
        with pytest.raises(PackError):
            pack("credentials", **bad)


# ---- term_length ----------------------------------------------------------
def congress(eid: str, day: str, years: int | None = None) -> dict[str, Any]:
    return ev(eid, "congress.opened", day, **({"term_years": years} if years is not None else {}))


def test_term_length_years_and_missing() -> None:
    events = [congress("c1", "2011-01-04", 3)]
    report = run(pack("term_length", years=5), events, "2011-12-31")
    assert rows(report) == [("violation", "c1", None, None, ("c1",))]
    assert report.findings[0].message() == "2011-01-04 召开的党代会任期为 3 年，应为 5 年"
    missing = [congress("c1", "2011-01-04")]
    assert run(pack("term_length", years=5), missing, "2011-12-31").findings == ()  # engine default 5
    from_pack = run(pack("term_length", term_years=3, years=5), missing, "2011-12-31")
    assert from_pack.findings[0].args["from_pack"] is True
    strict = run(pack("term_length", years=5, missing="finding"), missing, "2011-12-31")
    assert strict.findings[0].message("en") == (
        "the congress opened on 2011-01-04 records no term length; required 5 years"
    )


def test_term_length_next_congress_not_before_the_term_is_over() -> None:
    on_time = [congress("c1", "2011-01-04", 5), congress("c2", "2016-01-04", 5)]
    assert run(pack("term_length", years=5), on_time, "2016-12-31").findings == ()
    early = [congress("c1", "2011-01-04", 5), congress("c2", "2016-01-03", 5)]
    report = run(pack("term_length", years=5), early, "2016-12-31")
    assert rows(report) == [("violation", "c2", None, None, ("c1", "c2"))]
    assert report.findings[0].args["expected_end"] == "2016-01-03"
    assert run(pack("term_length", years=5, early=False), early, "2016-12-31").findings == ()


def test_term_length_params_are_checked() -> None:
    for bad in ({}, {"years": 0}, {"years": 21}, {"years": 5, "missing": "ignore"}):
        with pytest.raises(PackError):
            pack("term_length", **bad)


# ---- seat_validity --------------------------------------------------------
def transfer(rep: str, day: str) -> dict[str, Any]:
    return ev(f"tr-{rep}", "member.transferred", day, rep=rep)


def test_seat_lost_within_days_of_transfer() -> None:
    events = [
        *town(4, group=None),
        transfer("R01", "2011-03-01"),
        disqualify("R01", "2011-03-31"),  # day 30: in time
        transfer("R02", "2011-03-01"),
        disqualify("R02", "2011-04-01"),  # day 31: late
        transfer("R03", "2011-03-01"),  # never
    ]
    span = ("2011-03-01", "2011-03-31")
    report = run(pack("seat_validity", days=30, acting=False), events, "2011-06-30")
    assert rows(report) == [
        ("violation", "R02", *span, ("tr-R02", "dq-R02")),
        ("violation", "R03", *span, ("tr-R03",)),
    ]
    assert (
        report.findings[1].message()
        == "代表 R03 的组织关系于 2011-03-01 调离，至期限 2011-03-31 未取消代表资格"
    )
    pending = run(pack("seat_validity", days=30), [*events[:-5], events[-1]], "2011-03-30")
    assert rows(pending) == [("pending", "R03", *span, ("tr-R03",))]


def test_seat_validity_term_end_within_grace_and_transfer_without_seat() -> None:
    events = [
        *town(2, group=None, term_years=1),  # the term ends 2012-01-03
        transfer("R01", "2011-12-20"),
        disqualify("R02", "2011-06-01"),
        transfer("R02", "2011-07-01"),  # no seat by then
    ]
    assert run(pack("seat_validity", days=30), events, "2012-06-30").findings == ()
    assert [f.subject for f in run(pack("seat_validity", days=10), events, "2012-06-30").findings] == ["R01"]


def test_acting_after_losing_the_seat() -> None:
    events = [
        *town(3),
        disqualify("R02", "2011-03-01"),
        ev("s1", "study.session", "2011-03-01", group="G1", attendees=["R01", "R02"]),  # the same day
        ev("s2", "study.session", "2011-03-02", group="G1", attendees=["R01", "R02"]),
        ev("m1", "meeting.held", "2011-03-03", meeting="M1", kind="annual", present=2),
        ev("p1", "proposal.filed", "2011-03-04", proposal="P1", form="suggestion", sponsors=["R02"]),
        ev("v1", "contact.visit", "2011-03-05", rep="R02", person="P9"),
    ]
    report = run(pack("seat_validity", days=0), events, "2011-06-30")
    assert rows(report) == [
        ("violation", "R02", None, None, ("dq-R02", "p1")),
        ("violation", "R02", None, None, ("dq-R02", "s2")),
        ("violation", "R02", None, None, ("dq-R02", "v1")),
    ]
    assert report.findings[1].message() == (
        "代表 R02 已于 2011-03-01 取消代表资格，2011-03-02 仍以代表身份出席（study.session s2）"
    )
    assert report.findings[0].message("en") == (
        "rep R02 lost the seat on 2011-03-01 but appears as a sponsor in proposal.filed p1 on 2011-03-04"
    )
    only_study = run(pack("seat_validity", days=0, acting_events=["study.session"]), events, "2011-06-30")
    assert [f.evidence for f in only_study.findings] == [("dq-R02", "s2")]


def test_acting_after_the_membership_moved_away_with_no_grace() -> None:
    """自行取消资格 (000:L4): the seat lapses the day the membership moves, not when it is recorded."""
    events = [
        *town(3),
        transfer("R02", "2011-03-01"),
        ev("s1", "study.session", "2011-03-01", group="G1", attendees=["R02"]),  # the same day: still a rep
        ev("s2", "study.session", "2011-03-02", group="G1", attendees=["R02"]),  # within the 30 days
        disqualify("R02", "2011-03-20"),  # recorded in time
        ev("s3", "study.session", "2011-03-25", group="G1", attendees=["R02"]),
    ]
    report = run(pack("seat_validity", days=30), events, "2011-06-30")
    assert [(f.message_key, f.evidence) for f in report.findings] == [
        ("acting", ("dq-R02", "s3")),
        ("acting_transferred", ("tr-R02", "s2")),
    ]
    assert report.findings[1].message() == (
        "代表 R02 的组织关系已于 2011-03-01 调离，代表资格自行取消，"
        "2011-03-02 仍以代表身份出席（study.session s2）"
    )
    # the other reading: only after the recorded withdrawal
    old = run(pack("seat_validity", days=30, acting_from="disqualified"), events, "2011-06-30")
    assert [f.evidence for f in old.findings] == [("dq-R02", "s3")]
    # moved and withdrawn on the same day: the withdrawal stands for both
    same_day = [*town(3), transfer("R02", "2011-03-01"), disqualify("R02", "2011-03-01"), events[-3]]
    assert [f.message_key for f in run(pack("seat_validity", days=30), same_day, "2011-06-30").findings] == [
        "acting"
    ]
    # elected again at the next congress: acting then is fine
    again = [
        *town(2, group=None, term_years=1),
        transfer("R02", "2011-03-01"),
        ev("congress-2", "congress.opened", "2012-01-04", term_years=1),
        ev("reelect-R02", "rep.elected", "2012-01-04", rep="R02"),
        ev("r1", "rep.reported", "2012-02-01", rep="R02"),
    ]
    report = run(pack("seat_validity", days=400, acting=True), again, "2012-06-30")
    assert [f.message_key for f in report.findings] == []


def test_acting_after_reelection_is_fine() -> None:
    events = [
        *town(2, group=None, term_years=1),
        disqualify("R02", "2011-03-01"),
        ev("congress-2", "congress.opened", "2012-01-04", term_years=1),
        ev("reelect-R02", "rep.elected", "2012-01-04", rep="R02"),
        ev("r1", "rep.reported", "2012-02-01", rep="R02"),
    ]
    assert run(pack("seat_validity", days=0), events, "2012-06-30").findings == ()


def test_seat_validity_params_are_checked() -> None:
    bad: dict[str, Any]
    for bad in (
        {},
        {"days": -1},
        {"days": 1, "acting_events": []},
        {"days": 1, "acting_events": ["vote.held"]},
    ):
        with pytest.raises(PackError):
            pack("seat_validity", **bad)


# ---- pledge ---------------------------------------------------------------
def pledge(pid: str, rep: str, day: str, due: str, published: bool | None = None) -> dict[str, Any]:
    extra = {} if published is None else {"published": published}
    return ev(f"m-{pid}", "pledge.made", day, pledge=pid, rep=rep, due=due, **extra)


def done(pid: str, day: str) -> dict[str, Any]:
    return ev(f"d-{pid}", "pledge.done", day, pledge=pid)


def test_pledge_due_date_inclusive() -> None:
    events = [
        *town(2, group=None),
        pledge("A", "R01", "2011-04-01", "2011-09-30"),
        done("A", "2011-09-30"),
        pledge("B", "R01", "2011-04-01", "2011-09-30"),
        done("B", "2011-10-01"),
        pledge("C", "R02", "2011-04-01", "2011-09-30"),
    ]
    span = ("2011-04-01", "2011-09-30")
    report = run(pack("pledge"), events, "2011-12-31")
    assert rows(report) == [
        ("violation", "B", *span, ("m-B", "d-B")),
        ("violation", "C", *span, ("m-C",)),
    ]
    assert report.findings[0].message() == "代表 R01 的承诺 B 于 2011-10-01 完成，晚于公布的期限 2011-09-30"
    assert (
        report.findings[1].message("en")
        == "pledge C of rep R02 was due by 2011-09-30 and was not carried out"
    )
    before = run(pack("pledge"), events, "2011-09-29")
    assert [(f.subject, f.status) for f in before.findings] == [
        ("A", "pending"),
        ("B", "pending"),
        ("C", "pending"),
    ]
    on_due = run(pack("pledge"), events, "2011-09-30")
    assert [(f.subject, f.status) for f in on_due.findings] == [("B", "violation"), ("C", "violation")]


def test_pledge_unpublished() -> None:
    events = [
        *town(1, group=None),
        pledge("A", "R01", "2011-04-01", "2011-09-30", published=False),
        done("A", "2011-05-01"),
    ]
    report = run(pack("pledge"), events, "2011-12-31")
    assert rows(report) == [("violation", "A", None, None, ("m-A",))]
    assert report.findings[0].message() == "代表 R01 的承诺 A 未公布于众"
    assert run(pack("pledge", require_published=False), events, "2011-12-31").findings == ()


def test_pledge_of_a_rep_who_lost_the_seat() -> None:
    events = [
        *town(1, group=None),
        pledge("A", "R01", "2011-04-01", "2011-09-30"),
        disqualify("R01", "2011-06-01"),
    ]
    assert [f.status for f in run(pack("pledge"), events, "2011-12-31").findings] == ["violation"]
    assert run(pack("pledge", skip_unseated=True), events, "2011-12-31").findings == ()


def test_pledge_params_are_checked() -> None:
    with pytest.raises(PackError):
        pack("pledge", grace=3)


def test_minimum_by_election_late_in_the_term_owes_nothing_under_the_half_rule() -> None:
    events = [
        *town(1, group=None, term_years=2),  # term 2011-01-04 .. 2013-01-03
        elect("R02", "2012-03-01"),  # seated 309 of 731 days: less than half
    ]
    report = run(pack("rep_minimum", events=["rep.suggested"]), events, "2013-06-30")
    assert [f.subject for f in report.findings] == ["R01"]
    anyone = run(pack("rep_minimum", events=["rep.suggested"], presence="any"), events, "2013-06-30")
    assert [f.subject for f in anyone.findings] == ["R01", "R02"]


def test_every_message_has_both_languages() -> None:
    from changrenzhi.registry import default_registry

    mine = [
        "proposal_sponsors", "proposal_response", "inspection_notice", "inspection_frequency",
        "inspection_report", "rep_report", "rep_minimum", "credentials", "term_length",
        "seat_validity", "pledge",
    ]  # fmt: skip
    registry = default_registry()
    for name in mine:
        kind = registry.get(name)
        assert kind.summary
        assert kind.consumes
        for key, tpl in kind.messages.items():
            assert set(tpl) == {"zh", "en"}, (name, key)
