"""The roster over time: seats, terms, groups and assignments, by the state at the end of each day."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import pytest

from changrenzhi import EventLogError
from changrenzhi.events import CongressOpened
from changrenzhi.roster import Roster
from support import make_log, town

D = date.fromisoformat


def roster(events: Iterable[Mapping[str, Any]]) -> Roster:
    return Roster.build(make_log(events).events, name="test.jsonl")


def elect(rep: str, day: str) -> dict[str, Any]:
    return {"id": f"elect-{rep}-{day}", "type": "rep.elected", "date": day, "rep": rep}


def disqualify(rep: str, day: str) -> dict[str, Any]:
    return {
        "id": f"dq-{rep}-{day}",
        "type": "rep.disqualified",
        "date": day,
        "rep": rep,
        "reason": "membership_transferred",
    }


def test_seated_count_across_disqualification_and_by_election() -> None:
    r = roster([*town(5), disqualify("R02", "2011-03-10"), elect("R06", "2011-05-01")])
    assert r.seated_count(D("2011-01-03")) == 0
    assert r.seated_count(D("2011-01-04")) == 5
    assert r.seated_count(D("2011-03-09")) == 5
    assert r.seated_count(D("2011-03-10")) == 4  # not seated on the day the seat is lost
    assert r.seated_count(D("2011-04-30")) == 4
    assert r.seated_count(D("2011-05-01")) == 5
    assert r.seated(D("2011-05-01")) == {"R01", "R03", "R04", "R05", "R06"}
    assert r.is_seated("R02", D("2011-03-09")) and not r.is_seated("R02", D("2011-03-10"))


def test_same_day_by_election_keeps_the_count() -> None:
    r = roster([*town(3), disqualify("R03", "2011-06-01"), elect("R04", "2011-06-01")])
    assert r.seated_count(D("2011-05-31")) == 3
    assert r.seated_count(D("2011-06-01")) == 3
    assert r.seated(D("2011-06-01")) == {"R01", "R02", "R04"}


def test_the_same_rep_may_be_elected_again_after_losing_the_seat() -> None:
    r = roster([*town(3), disqualify("R02", "2011-03-01"), elect("R02", "2011-03-01")])
    assert [(iv.start, iv.end) for iv in r.rep_intervals("R02")] == [
        (D("2011-01-04"), D("2011-03-01")),
        (D("2011-03-01"), D("2016-01-04")),
    ]
    assert r.is_seated("R02", D("2011-03-01"))


def test_elected_and_disqualified_on_one_day_never_sits() -> None:
    r = roster([*town(3), elect("R09", "2011-03-01"), disqualify("R09", "2011-03-01")])
    assert not r.is_seated("R09", D("2011-03-01"))
    assert r.seated_count(D("2011-03-01")) == 3


def test_the_term_end_closes_every_seat() -> None:
    r = roster(town(3, term_years=5))
    [term] = r.terms
    assert (term.start, term.end) == (D("2011-01-04"), D("2016-01-03"))
    assert r.is_seated("R01", D("2016-01-03"))
    assert not r.is_seated("R01", D("2016-01-04"))
    assert r.seated_count(D("2016-01-03")) == 3
    assert r.seated_count(D("2016-01-04")) == 0
    assert r.term_at(D("2016-01-04")) is None
    assert r.group_interval("G1")[0].end == D("2016-01-04")


def test_a_new_congress_ends_the_running_term() -> None:
    events = [
        *town(3, term_years=5),
        {"id": "c2", "type": "congress.opened", "date": "2014-01-10", "term_years": 3},
        elect("R01", "2014-01-10"),
    ]
    r = roster(events)
    assert [(t.start, t.end) for t in r.terms] == [
        (D("2011-01-04"), D("2014-01-09")),
        (D("2014-01-10"), D("2017-01-09")),
    ]
    assert not r.is_seated("R02", D("2014-01-10"))
    assert r.is_seated("R01", D("2014-01-10"))
    assert r.seated_count(D("2014-01-10")) == 1


def test_term_years_default_comes_from_the_caller() -> None:
    events = [{"id": "c", "type": "congress.opened", "date": "2011-01-04"}]
    r = Roster.build(make_log(events).events, default_term_years=3)
    assert r.terms[0].end == D("2014-01-03")


def test_group_changes_over_time() -> None:
    events = [
        *town(6, group=None),
        {
            "id": "g",
            "type": "group.formed",
            "date": "2011-01-06",
            "group": "G1",
            "members": ["R01", "R02", "R03"],
            "leader": "R01",
        },
        {
            "id": "ch1",
            "type": "group.changed",
            "date": "2011-04-01",
            "group": "G1",
            "add": ["R04"],
            "remove": ["R01"],
            "leader": "R02",
        },
        {"id": "ch2", "type": "group.changed", "date": "2011-07-01", "group": "G1", "add": ["R05"]},
        {
            "id": "ch3",
            "type": "group.changed",
            "date": "2011-07-01",
            "group": "G1",
            "add": ["R06"],
            "deputy": "R06",
        },
        disqualify("R03", "2011-08-01"),
    ]
    r = roster(events)
    assert r.group_state("G1", D("2011-01-05")) is None
    assert r.group_members("G1", D("2011-01-05")) == frozenset()
    assert r.group_members("G1", D("2011-03-31")) == {"R01", "R02", "R03"}
    state = r.group_state("G1", D("2011-04-01"))
    assert state is not None and state.leader == "R02" and state.event_id == "ch1"
    assert r.group_members("G1", D("2011-04-01")) == {"R02", "R03", "R04"}
    # two changes on one day: the state at the end of the day has both
    state = r.group_state("G1", D("2011-07-01"))
    assert state is not None and state.members == {"R02", "R03", "R04", "R05", "R06"}
    assert state.leader == "R02" and state.deputy == "R06" and state.event_id == "ch3"
    # a disqualified member stays on the list but is not counted
    assert r.group_members("G1", D("2011-08-01")) == {"R02", "R04", "R05", "R06"}
    assert r.groups_of("R04", D("2011-08-01")) == ["G1"]
    assert r.groups_of("R01", D("2011-08-01")) == []


def test_assignments_later_the_same_day_replace_earlier_ones() -> None:
    events = [
        *town(3),
        {
            "id": "a1",
            "type": "contact.assigned",
            "date": "2011-02-01",
            "rep": "R01",
            "contacts": [{"person": "P1", "kind": "member"}],
        },
        {
            "id": "a2",
            "type": "contact.assigned",
            "date": "2011-02-01",
            "rep": "R01",
            "contacts": [{"person": "P2", "kind": "citizen"}],
        },
        {"id": "a3", "type": "contact.assigned", "date": "2011-06-01", "rep": "R01", "contacts": []},
        {"id": "m", "type": "committee.appointed", "date": "2011-01-05", "member": "C1"},
        {
            "id": "ca",
            "type": "committee.assigned",
            "date": "2011-01-05",
            "member": "C1",
            "reps": ["R01", "R02"],
            "groups": ["G1"],
        },
    ]
    r = roster(events)
    assert r.contacts_at("R01", D("2011-01-31")) is None
    a = r.contacts_at("R01", D("2011-02-01"))
    assert a is not None and [c.person for c in a.contacts] == ["P2"] and a.event_id == "a2"
    a = r.contacts_at("R01", D("2011-06-01"))
    assert a is not None and a.contacts == ()
    c = r.committee_at("C1", D("2011-01-05"))
    assert c is not None and c.reps == ("R01", "R02") and c.groups == ("G1",)
    assert r.committee_interval("C1")[0].start == D("2011-01-05")
    assert r.committee_interval("C9") == []


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        ([elect("R01", "2011-02-01")], "rep 'R01' is already seated (elected 2011-01-04)"),
        (
            [disqualify("R01", "2011-02-01"), disqualify("R01", "2011-03-01")],
            "rep 'R01' holds no seat on 2011-03-01",
        ),
        (
            [{"id": "x", "type": "group.formed", "date": "2011-02-01", "group": "G1", "members": []}],
            "group 'G1' was already formed on 2011-01-04",
        ),
    ],
)
def test_impossible_rosters(extra: list[dict[str, Any]], fragment: str) -> None:
    with pytest.raises(EventLogError) as info:
        roster([*town(3), *extra])
    assert fragment in str(info.value)
    assert str(info.value).startswith(f"test.jsonl:{len(town(3)) + len(extra)} ")


@pytest.mark.parametrize("years", [0, 21, 10**6])
def test_a_term_length_out_of_range_is_refused(years: int) -> None:
    """The reader refuses it (term_years from 1 to 20); events made in Python meet the roster's check."""
    with pytest.raises(EventLogError, match=r"term_years: expected a whole number from 1 to 20"):
        make_log([{"type": "congress.opened", "date": "2011-01-04", "term_years": years}])
    opened = CongressOpened("c", date(2011, 1, 4), 1, term_years=years)
    with pytest.raises(EventLogError, match=f"t:1 term_years: must be from 1 to 20, not {years}"):
        Roster.build([opened], name="t")


def test_a_disqualification_after_the_term_ended_takes_no_seat() -> None:
    log = make_log(
        [
            {"type": "congress.opened", "date": "2011-01-04", "term_years": 1},
            {"type": "rep.elected", "date": "2011-01-04", "rep": "R1"},
            {"type": "rep.disqualified", "date": "2012-02-01", "rep": "R1", "reason": "late record"},
        ]
    )
    roster = Roster.build(log.events, default_term_years=5, name="t")
    (seat,) = roster.seats["R1"]
    assert seat.end == date(2012, 1, 4)  # the day after the term's last day
    assert seat.disqualified is None


def test_a_day_s_roster_lines_may_come_in_any_order() -> None:
    """docs/EVENTS.md: events may come in any order. What refers to a rep, group or committee member may
    come before the line that introduces them, on the same day."""
    day = "2011-01-04"
    lines: list[dict[str, Any]] = [
        {"id": "ca", "type": "committee.assigned", "date": day, "member": "C1", "reps": ["R1"],
         "groups": ["G1"]},
        {"id": "gc", "type": "group.changed", "date": day, "group": "G1", "add": ["R2"]},
        {"id": "ct", "type": "contact.assigned", "date": day, "rep": "R2",
         "contacts": [{"person": "P", "kind": "member"}]},
        {"id": "gf", "type": "group.formed", "date": day, "group": "G1", "members": ["R1"], "leader": "R1"},
        {"id": "cp", "type": "committee.appointed", "date": day, "member": "C1"},
        {"id": "e2", "type": "rep.elected", "date": day, "rep": "R2"},
        {"id": "e1", "type": "rep.elected", "date": day, "rep": "R1"},
        {"id": "c", "type": "congress.opened", "date": day, "term_years": 5},
    ]  # fmt: skip
    backwards = Roster.build(make_log(lines).events, name="t")
    forwards = Roster.build(make_log(reversed(lines)).events, name="t")
    d = date(2011, 1, 4)
    for r in (backwards, forwards):
        assert r.group_members("G1", d) == {"R1", "R2"}
        assert r.seated_count(d) == 2 and [t.start for t in r.terms] == [d]
        assert r.committee_at("C1", d) is not None
        assigned = r.contacts_at("R2", d)
        assert assigned is not None and [c.person for c in assigned.contacts] == ["P"]


def test_a_group_id_may_be_formed_again_in_a_later_term() -> None:
    """A group ends with the term it was formed in: the next term may form a group of that id."""
    second: list[dict[str, Any]] = [
        {"id": "congress-2", "type": "congress.opened", "date": "2012-01-04", "term_years": 1},
        *({"id": f"re-{n}", "type": "rep.elected", "date": "2012-01-04", "rep": n} for n in ("R01", "R02")),
        {"id": "G1-again", "type": "group.formed", "date": "2012-01-04", "group": "G1", "members": ["R02"]},
    ]
    r = roster([*town(3, term_years=1), *second])
    assert [iv.start for iv in r.group_interval("G1")] == [D("2011-01-04"), D("2012-01-04")]
    assert [iv.end for iv in r.group_interval("G1")] == [D("2012-01-04"), D("2013-01-04")]
    assert r.group_formed["G1"].id == "form-G1"  # the first formation
    assert r.formed_at("G1", D("2011-12-31")).id == "form-G1"
    assert r.formed_at("G1", D("2012-01-04")).id == "G1-again"
    state = r.group_state("G1", D("2012-06-01"))
    assert state is not None and state.members == frozenset({"R02"}) and state.leader is None
    # within the same term it is still refused, on the last day of the term too
    again = {"id": "x", "type": "group.formed", "date": "2012-01-03", "group": "G1", "members": []}
    with pytest.raises(EventLogError, match="group 'G1' was already formed on 2011-01-04"):
        roster([*town(3, term_years=1), again])
    # and a third formation in the same new term as the second
    third = {"id": "y", "type": "group.formed", "date": "2012-03-01", "group": "G1", "members": []}
    with pytest.raises(EventLogError, match="group 'G1' was already formed on 2012-01-04"):
        roster([*town(3, term_years=1), *second, third])
