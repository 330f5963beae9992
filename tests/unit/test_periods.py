"""Calendar periods and the presence rule (docs/EVENTS.md "Time")."""

from __future__ import annotations

from datetime import date

import pytest

from changrenzhi.periods import (
    Interval,
    Period,
    add_years,
    calendar_period,
    calendar_periods,
    overlap_days,
    presence_met,
)

D = date.fromisoformat


@pytest.mark.parametrize(
    ("kind", "day", "start", "end"),
    [
        ("month", "2011-01-01", "2011-01-01", "2011-01-31"),
        ("month", "2011-12-31", "2011-12-01", "2011-12-31"),
        ("month", "2012-02-29", "2012-02-01", "2012-02-29"),  # leap year
        ("month", "2011-02-14", "2011-02-01", "2011-02-28"),
        ("month", "2100-02-01", "2100-02-01", "2100-02-28"),  # not a leap year
        ("quarter", "2011-03-31", "2011-01-01", "2011-03-31"),
        ("quarter", "2011-04-01", "2011-04-01", "2011-06-30"),
        ("quarter", "2011-12-31", "2011-10-01", "2011-12-31"),
        ("half", "2011-06-30", "2011-01-01", "2011-06-30"),
        ("half", "2011-07-01", "2011-07-01", "2011-12-31"),
        ("year", "2012-02-29", "2012-01-01", "2012-12-31"),
    ],
)
def test_calendar_period(kind: str, day: str, start: str, end: str) -> None:
    assert calendar_period(kind, D(day)) == Period(D(start), D(end), kind)


def test_calendar_period_refuses_other_kinds() -> None:
    with pytest.raises(ValueError, match="not a calendar period kind"):
        calendar_period("term", D("2011-01-01"))


def test_period_days_across_leap_years() -> None:
    assert calendar_period("year", D("2012-05-05")).days == 366
    assert calendar_period("year", D("2011-05-05")).days == 365
    assert calendar_period("half", D("2012-01-01")).days == 182
    assert calendar_period("half", D("2011-01-01")).days == 181
    assert calendar_period("half", D("2011-12-01")).days == 184


def test_calendar_periods_cover_the_span_in_order() -> None:
    got = list(calendar_periods("quarter", D("2011-02-15"), D("2012-01-01")))
    assert [(p.start, p.end) for p in got] == [
        (D("2011-01-01"), D("2011-03-31")),
        (D("2011-04-01"), D("2011-06-30")),
        (D("2011-07-01"), D("2011-09-30")),
        (D("2011-10-01"), D("2011-12-31")),
        (D("2012-01-01"), D("2012-03-31")),
    ]
    assert list(calendar_periods("year", D("2011-01-02"), D("2011-01-01"))) == []
    assert len(list(calendar_periods("month", D("2011-12-31"), D("2012-01-01")))) == 2


def test_period_is_open_until_its_last_day() -> None:
    q1 = calendar_period("quarter", D("2011-02-01"))
    assert q1.is_open(D("2011-03-30"))
    assert not q1.is_open(D("2011-03-31"))
    assert q1.contains(D("2011-03-31")) and not q1.contains(D("2011-04-01"))


def test_labels() -> None:
    assert calendar_period("quarter", D("2011-05-01")).label() == "2011年第2季度"
    assert calendar_period("quarter", D("2011-05-01")).label("en") == "2011 Q2"
    assert calendar_period("half", D("2011-07-01")).label() == "2011年下半年"
    assert calendar_period("half", D("2011-07-01")).label("en") == "2011 H2"
    assert calendar_period("month", D("2011-07-01")).label("en") == "2011-07"
    assert Period(D("2011-01-04"), D("2016-01-03"), "term").label() == "任期（2011-01-04至2016-01-03）"


def test_interval_is_half_open() -> None:
    iv = Interval(D("2011-01-04"), D("2011-02-10"))
    assert iv.contains(D("2011-01-04")) and iv.contains(D("2011-02-09"))
    assert not iv.contains(D("2011-02-10")) and not iv.contains(D("2011-01-03"))
    assert Interval(D("2011-01-04")).contains(D("2099-01-01"))


def test_overlap_days() -> None:
    april = calendar_period("month", D("2011-04-01"))
    assert overlap_days(april, [Interval(D("2011-01-01"))]) == 30
    assert overlap_days(april, [Interval(D("2011-04-10"), D("2011-04-12"))]) == 2
    assert overlap_days(april, [Interval(D("2011-03-01"), D("2011-04-01"))]) == 0
    two = [Interval(D("2011-04-01"), D("2011-04-06")), Interval(D("2011-04-26"), None)]
    assert overlap_days(april, two) == 10


@pytest.mark.parametrize(
    ("start", "end", "met"),
    [
        ("2011-04-16", None, True),  # exactly 15 of April's 30 days: half counts
        ("2011-04-17", None, False),  # 14 days
        (None, "2011-04-16", True),  # seated 1-15 April (the seat ends on the 16th)
        (None, "2011-04-15", False),
    ],
)
def test_presence_half_in_an_even_month(start: str | None, end: str | None, met: bool) -> None:
    april = calendar_period("month", D("2011-04-01"))
    iv = Interval(D(start) if start else D("2011-01-01"), D(end) if end else None)
    assert presence_met(april, [iv], "half") is met


def test_presence_half_in_an_odd_month_needs_more_than_half_a_day_over() -> None:
    may = calendar_period("month", D("2011-05-01"))  # 31 days: 15.5 is half, so 16 days are needed
    assert presence_met(may, [Interval(D("2011-05-16"))], "half")
    assert not presence_met(may, [Interval(D("2011-05-17"))], "half")


def test_presence_half_in_a_leap_february() -> None:
    feb = calendar_period("month", D("2012-02-01"))  # 29 days
    assert presence_met(feb, [Interval(D("2012-02-15"))], "half")  # 15 days
    assert not presence_met(feb, [Interval(D("2012-02-16"))], "half")  # 14 days


def test_presence_half_of_a_year_by_two_stretches() -> None:
    year = calendar_period("year", D("2011-01-01"))  # 365 days
    stretches = [Interval(D("2011-01-01"), D("2011-04-01")), Interval(D("2011-09-01"), None)]  # 90 + 122
    assert overlap_days(year, stretches) == 212
    assert presence_met(year, stretches, "half")
    assert not presence_met(year, stretches[:1], "half")


def test_presence_any_and_full() -> None:
    q = calendar_period("quarter", D("2011-01-01"))
    last_day = [Interval(D("2011-03-31"))]
    assert presence_met(q, last_day, "any")
    assert not presence_met(q, last_day, "half")
    assert not presence_met(q, [Interval(D("2011-04-01"))], "any")
    assert presence_met(q, [Interval(D("2010-12-31"))], "full")
    assert presence_met(q, [Interval(D("2011-01-01"), D("2011-04-01"))], "full")
    assert not presence_met(q, [Interval(D("2011-01-02"))], "full")
    assert not presence_met(q, [Interval(D("2011-01-01"), D("2011-03-31"))], "full")


@pytest.mark.parametrize(
    ("day", "years", "result"),
    [("2011-01-04", 5, "2016-01-04"), ("2012-02-29", 1, "2013-02-28"), ("2012-02-29", 4, "2016-02-29")],
)
def test_add_years(day: str, years: int, result: str) -> None:
    assert add_years(D(day), years) == D(result)
