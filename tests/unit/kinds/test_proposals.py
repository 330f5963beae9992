"""The proposal kinds: proposal_sponsors, proposal_response."""

from __future__ import annotations

from typing import Any

import pytest

from changrenzhi import Report
from changrenzhi.errors import PackError
from support import make_pack, run, town

Row = tuple[str, str, str | None, str | None, tuple[str, ...]]


def rows(report: Report) -> list[Row]:
    """(status, subject, period start, period end, evidence) of every finding, in report order."""
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


def names(first: int, last: int) -> list[str]:
    return [f"R{i:02d}" for i in range(first, last + 1)]


def filed(pid: str, day: str, form: str, sponsors: list[str], due: str | None = None) -> dict[str, Any]:
    ev: dict[str, Any] = {
        "id": f"f-{pid}",
        "type": "proposal.filed",
        "date": day,
        "proposal": pid,
        "form": form,
        "sponsors": sponsors,
    }
    if due:
        ev["due"] = due
    return ev


def answered(aid: str, pid: str, day: str, mode: str | None = None) -> dict[str, Any]:
    ev: dict[str, Any] = {"id": aid, "type": "proposal.answered", "date": day, "proposal": pid}
    if mode:
        ev["mode"] = mode
    return ev


def disqualify(rep: str, day: str) -> dict[str, Any]:
    return {"id": f"dq-{rep}", "type": "rep.disqualified", "date": day, "rep": rep, "reason": "moved"}


def sponsors_pack(**params: Any) -> Any:
    return make_pack({"kind": "proposal_sponsors", "params": params})


def response_pack(**params: Any) -> Any:
    return make_pack({"kind": "proposal_response", "params": params})


# ---- proposal_sponsors ----------------------------------------------------
def test_sponsors_bound_is_inclusive() -> None:
    events = [
        *town(12),
        filed("P9", "2011-03-01", "proposal", names(1, 9)),
        filed("P10", "2011-03-01", "proposal", names(1, 10)),
        filed("P11", "2011-03-01", "proposal", names(1, 11)),
        filed("S0", "2011-03-01", "suggestion", []),
        filed("S1", "2011-03-01", "suggestion", ["R01"]),
        filed("Q0", "2011-03-01", "inquiry", []),  # inquiries are not in min: not checked
    ]
    report = run(sponsors_pack(min={"proposal": 10, "suggestion": 1}), events, "2011-12-31")
    assert rows(report) == [
        ("violation", "P9", None, None, ("f-P9",)),
        ("violation", "S0", None, None, ("f-S0",)),
    ]
    f = report.findings[0]
    assert f.args["count"] == 9
    assert f.args["min"] == 10
    assert f.message() == "提案 P9 于 2011-03-01 提出，联名的在任代表 9 人，应为 10 人以上"
    assert f.message("en") == "proposal P9 filed on 2011-03-01 had 9 seated sponsors; 10 or more required"


def test_sponsors_count_only_reps_seated_on_the_filing_day() -> None:
    events = [
        *town(12),
        disqualify("R10", "2011-03-01"),  # lost the seat that very day: not seated at its end
        filed("P1", "2011-03-01", "proposal", names(1, 10)),
        filed("P2", "2011-02-28", "proposal", names(1, 10)),  # the day before: still seated
    ]
    report = run(sponsors_pack(min={"proposal": 10}), events, "2011-12-31")
    assert rows(report) == [("violation", "P1", None, None, ("dq-R10", "f-P1"))]
    assert report.findings[0].args["unseated"] == ["R10"]


def test_sponsors_elected_later_do_not_count() -> None:
    events = [
        *town(9),
        filed("P1", "2011-03-01", "proposal", [*names(1, 9), "R50"]),
        {"id": "elect-R50", "type": "rep.elected", "date": "2011-03-02", "rep": "R50"},
    ]
    assert rows(run(sponsors_pack(min={"proposal": 10}), events, "2011-12-31")) == [
        ("violation", "P1", None, None, ("f-P1",))
    ]


def test_sponsors_params_are_checked() -> None:
    with pytest.raises(PackError):
        sponsors_pack(min={})
    with pytest.raises(PackError):
        sponsors_pack(min={"proposal": 0})
    with pytest.raises(PackError):
        sponsors_pack(min={"motion": 10})
    with pytest.raises(PackError):
        sponsors_pack()


# ---- proposal_response ----------------------------------------------------
def test_response_by_due_date_inclusive() -> None:
    events = [
        *town(3),
        filed("A", "2011-03-01", "suggestion", ["R01"], due="2011-04-30"),
        answered("ans-A", "A", "2011-04-30"),  # on the due date: in time
        filed("B", "2011-03-01", "suggestion", ["R01"], due="2011-04-30"),
        answered("ans-B", "B", "2011-05-01"),  # one day late
        filed("C", "2011-03-01", "suggestion", ["R01"], due="2011-04-30"),  # never answered
    ]
    report = run(response_pack(), events, "2011-06-30")
    assert rows(report) == [
        ("violation", "B", "2011-03-01", "2011-04-30", ("f-B", "ans-B")),
        ("violation", "C", "2011-03-01", "2011-04-30", ("f-C",)),
    ]
    late, missing = report.findings
    assert late.args["days_late"] == 1
    assert late.message("en") == (
        "suggestion B filed on 2011-03-01 was answered on 2011-05-01, after its deadline 2011-04-30"
    )
    assert missing.message() == "建议意见 C 于 2011-03-01 提出，至期限 2011-04-30 未答复"


def test_response_not_yet_due_is_pending_and_the_due_day_closes_it() -> None:
    events = [*town(3), filed("C", "2011-03-01", "inquiry", ["R01"], due="2011-04-30")]
    before = run(response_pack(), events, "2011-04-29")
    assert rows(before) == [("pending", "C", "2011-03-01", "2011-04-30", ("f-C",))]
    assert before.findings[0].message("en") == (
        "inquiry C filed on 2011-03-01 is not yet answered; due by 2011-04-30"
    )
    assert rows(run(response_pack(), events, "2011-04-30")) == [
        ("violation", "C", "2011-03-01", "2011-04-30", ("f-C",))
    ]


def test_response_mode_face_to_face() -> None:
    events = [
        *town(3),
        filed("A", "2011-03-01", "proposal", ["R01"], due="2011-04-30"),
        answered("ans-A1", "A", "2011-03-10", "written"),
        filed("B", "2011-03-01", "proposal", ["R01"], due="2011-04-30"),
        answered("ans-B1", "B", "2011-03-10"),  # no mode recorded: does not show face to face
        filed("C", "2011-03-01", "proposal", ["R01"], due="2011-04-30"),
        answered("ans-C1", "C", "2011-03-10", "written"),
        answered("ans-C2", "C", "2011-04-01", "face_to_face"),
    ]
    report = run(response_pack(modes=["face_to_face"]), events, "2011-06-30")
    assert rows(report) == [
        ("violation", "A", "2011-03-01", "2011-04-30", ("f-A", "ans-A1")),
        ("violation", "B", "2011-03-01", "2011-04-30", ("f-B", "ans-B1")),
    ]
    assert report.findings[0].args["modes_given"] == ["written"]
    assert report.findings[0].message() == "提案 A 于 2011-03-01 提出，至期限 2011-04-30 未以面对面方式答复"


def test_response_default_days_and_fallbacks() -> None:
    events = [*town(3, term_years=2), filed("A", "2011-03-01", "suggestion", ["R01"])]
    # days: the 30th day after filing still counts
    assert rows(run(response_pack(days=30), events, "2011-03-30")) == [
        ("pending", "A", "2011-03-01", "2011-03-31", ("f-A",))
    ]
    assert statuses_at(response_pack(days=30), events, "2011-03-31") == ["violation"]
    # no days: by the end of the year of filing, or of the term (2011-01-04 + 2 years - 1 day)
    assert rows(run(response_pack(), events, "2011-12-30")) == [
        ("pending", "A", "2011-03-01", "2011-12-31", ("f-A",))
    ]
    assert statuses_at(response_pack(), events, "2011-12-31") == ["violation"]
    assert rows(run(response_pack(fallback="term"), events, "2012-06-30")) == [
        ("pending", "A", "2011-03-01", "2013-01-03", ("f-A",))
    ]
    answered_late = [*events, answered("ans", "A", "2012-01-02")]
    assert statuses_at(response_pack(fallback="term"), answered_late, "2013-06-30") == []
    assert statuses_at(response_pack(), answered_late, "2013-06-30") == ["violation"]


def test_response_due_beats_days_unless_use_due_is_false() -> None:
    events = [
        *town(3),
        filed("A", "2011-03-01", "suggestion", ["R01"], due="2011-06-30"),
        answered("ans", "A", "2011-05-01"),
    ]
    assert statuses_at(response_pack(days=30), events, "2011-12-31") == []
    assert statuses_at(response_pack(days=30, use_due=False), events, "2011-12-31") == ["violation"]


def test_response_forms_and_answers_before_filing() -> None:
    events = [
        *town(3),
        answered("early", "Q", "2011-02-01"),  # an answer dated before the filing is not its answer
        filed("Q", "2011-03-01", "inquiry", ["R01"], due="2011-04-30"),
        filed("S", "2011-03-01", "suggestion", ["R01"], due="2011-04-30"),
    ]
    report = run(response_pack(forms=["inquiry"]), events, "2011-06-30")
    assert rows(report) == [("violation", "Q", "2011-03-01", "2011-04-30", ("f-Q",))]


def test_response_params_are_checked() -> None:
    bad: dict[str, Any]
    for bad in (
        {"forms": []},
        {"forms": ["inquiry", "inquiry"]},
        {"modes": []},
        {"modes": ["phone"]},
        {"days": -1},
        {"fallback": "month"},
    ):
        with pytest.raises(PackError):
            response_pack(**bad)


def statuses_at(pack: Any, events: list[dict[str, Any]], as_of: str) -> list[str]:
    return [f.status for f in run(pack, events, as_of).findings]
