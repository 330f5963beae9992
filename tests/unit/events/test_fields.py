"""The checks of an event's fields (``events/fields.py``): strict dates within a range, bounded
numbers and lists, and messages that show a long value short."""

from __future__ import annotations

import io

import pytest

from changrenzhi import EventLogError, read_events
from changrenzhi.events.fields import (
    FIRST_DAY,
    LAST_DAY,
    MAX_COUNT,
    MAX_DAYS,
    MAX_LIST,
    MAX_TERM_YEARS,
    BadValue,
    check_contacts,
    parse_date,
    show,
)

CONGRESS = '{"id": "c1", "type": "congress.opened", "date": "2011-01-04", "term_years": 5}'
ELECT = '{"id": "e1", "type": "rep.elected", "date": "2011-01-04", "rep": "R01"}'


def problem(line: str) -> str:
    """The one problem of a log of a congress, a rep and ``line``, read as a stream and as lines."""
    text = f"{CONGRESS}\n{ELECT}\n{line}\n"
    found = []
    for source in (io.BytesIO(text.encode()), text.splitlines()):
        with pytest.raises(EventLogError) as info:
            read_events(source, name="log.jsonl")
        (only,) = info.value.problems
        found.append(str(only))
    assert found[0] == found[1]
    assert found[0].startswith("log.jsonl:3 ")
    return found[0].removeprefix("log.jsonl:3 ")


def test_the_limits() -> None:
    assert (FIRST_DAY.isoformat(), LAST_DAY.isoformat()) == ("1900-01-01", "2199-12-31")
    assert (MAX_TERM_YEARS, MAX_COUNT, MAX_DAYS, MAX_LIST) == (20, 1_000_000, 366, 5_000)


# ---- dates ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["1900-01-01", "2199-12-31", "2012-02-29", "2011-01-04"])
def test_dates_within_the_range(text: str) -> None:
    assert parse_date(text).isoformat() == text


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("2011-02-30", "'2011-02-30' is not a date: February 2011 has 28 days"),
        ("2011-02-29", "'2011-02-29' is not a date: February 2011 has 28 days"),
        ("2011-13-01", "'2011-13-01' is not a date: there is no month 13 (months run from 01 to 12)"),
        ("2011-00-10", "'2011-00-10' is not a date: there is no month 0 (months run from 01 to 12)"),
        ("0000-01-01", "'0000-01-01' is not a date (year 0 is out of range)"),
        ("1899-12-31", "1899-12-31 is out of range: dates run from 1900-01-01 to 2199-12-31"),
        ("2200-01-01", "2200-01-01 is out of range: dates run from 1900-01-01 to 2199-12-31"),
        ("9999-12-31", "9999-12-31 is out of range: dates run from 1900-01-01 to 2199-12-31"),
        ("0001-01-01", "0001-01-01 is out of range: dates run from 1900-01-01 to 2199-12-31"),
        # not written as YYYY-MM-DD
        ("2011-W05-1", "expected a date YYYY-MM-DD, got '2011-W05-1'"),
        ("2011-031", "expected a date YYYY-MM-DD, got '2011-031'"),
        ("20110131", "expected a date YYYY-MM-DD, got '20110131'"),
        ("1262304000", "expected a date YYYY-MM-DD, got '1262304000'"),
        ("+2011-01-01", "expected a date YYYY-MM-DD, got '+2011-01-01'"),
        ("2011-01-01T00:00:00", "expected a date YYYY-MM-DD, got '2011-01-01T00:00:00'"),
        ("２０１１-01-01", "expected a date YYYY-MM-DD, got '２０１１-01-01'"),
        ("2011-0１-01", "expected a date YYYY-MM-DD, got '2011-0１-01'"),
        (1262304000, "expected a date YYYY-MM-DD, got 1262304000"),
        (20110104.0, "expected a date YYYY-MM-DD, got 20110104.0"),
        (None, "expected a date YYYY-MM-DD, got None"),
    ],
)
def test_what_is_not_a_date(value: object, said: str) -> None:
    with pytest.raises(BadValue) as info:
        parse_date(value)
    assert str(info.value) == said


def ev(etype: str, fields: str) -> str:
    """A line of JSON: an event of ``etype`` with the fields written as ``fields``."""
    return f'{{"id": "x", "type": "{etype}", "date": "2011-01-04", {fields}}}'


@pytest.mark.parametrize("field", ["date", "due"])
def test_a_date_out_of_range_in_a_log(field: str) -> None:
    line = ev("pledge.made", '"pledge": "P", "rep": "R01", "due": "2011-09-01"')
    line = line.replace(f'"{field}": "2011-', f'"{field}": "2311-')
    day = "2311-01-04" if field == "date" else "2311-09-01"
    assert problem(line) == f"{field}: {day} is out of range: dates run from 1900-01-01 to 2199-12-31"


# ---- numbers --------------------------------------------------------------------------------------
VOTE = '"meeting": "M", "item": "I", "matter": "other", "method": "hands", "declared": "passed", "no": 0, '
WHOLE = "expected a whole number"
DAYS = "expected a positive number"
TRAINED = '"participants": ["R01"], "days": '


@pytest.mark.parametrize(
    ("line", "said"),
    [
        (ev("congress.opened", '"term_years": 21'), f"term_years: {WHOLE} from 1 to 20, got 21"),
        (ev("congress.opened", '"term_years": 0'), f"term_years: {WHOLE} from 1 to 20, got 0"),
        (ev("congress.opened", '"term_years": 100000'), f"term_years: {WHOLE} from 1 to 20"),
        (ev("congress.opened", '"term_years": "5"'), f"term_years: {WHOLE} >= 0, got '5'"),
        (ev("congress.opened", '"term_years": 5.0'), f"term_years: {WHOLE} >= 0, got 5.0"),
        (ev("congress.opened", '"term_years": true'), f"term_years: {WHOLE} >= 0, got True"),
        (ev("rep.elected", '"rep": "R2", "birth_year": 1899'), f"birth_year: {WHOLE} from 1900 to 2199"),
        (ev("rep.elected", f'"rep": "R2", "birth_year": {10**20}'), f"birth_year: {WHOLE} from 1900 to 2199"),
        (ev("vote.held", VOTE + '"yes": 1000001'), f"yes: {WHOLE} from 0 to 1000000, got 1000001"),
        (ev("vote.held", VOTE + '"yes": -1'), f"yes: {WHOLE} >= 0, got -1"),
        (ev("vote.held", VOTE + f'"yes": {2**64}'), f"yes: {WHOLE} from 0 to 1000000, got {2**64}"),
        (ev("vote.held", VOTE + '"yes": ' + "9" * 4000), f"yes: {WHOLE} from 0 to 1000000, got a number of"),
        (ev("training.held", TRAINED + '367'), f"days: {DAYS} up to 366, got 367"),
        (ev("training.held", TRAINED + '1e300'), f"days: {DAYS} up to 366, got 1e+300"),
        (ev("training.held", TRAINED + "9" * 400), f"days: {DAYS} up to 366, got a number of 400"),
        (ev("training.held", TRAINED + '"1"'), f"days: {DAYS}, got '1'"),
        (ev("training.held", TRAINED + 'false'), f"days: {DAYS}, got False"),
        (ev("training.held", TRAINED + '0'), f"days: {DAYS}, got 0"),
    ],
)  # fmt: skip
def test_numbers_within_bounds(line: str, said: str) -> None:
    assert problem(line).startswith(said)


@pytest.mark.parametrize("n", [MAX_LIST + 1])
def test_a_list_holds_at_most_max_list_items(n: int) -> None:
    reps = ", ".join(f'"R{i}"' for i in range(n))
    assert problem(ev("training.held", f'"days": 1, "participants": [{reps}]')) == (
        f"participants: lists {n} items; a list may hold at most 5000"
    )
    # so many contacts do not fit in a line (64 KiB): the check is for lines made in Python
    with pytest.raises(BadValue, match="lists 5001 items; a list may hold at most 5000"):
        check_contacts([{"person": f"P{i}", "kind": "member"} for i in range(n)])


# ---- messages show long values short -----------------------------------------------------------------
def test_show_cuts_long_values_short() -> None:
    assert show("R01") == "'R01'"
    assert show(True) == "True"
    assert show("x" * 1000) == "'" + "x" * 60 + "'... (1000 characters)"
    assert len(show(list(range(10_000)))) < 100
    assert show(10**5000) == "a number of thousands of digits"
    assert show(-(10**300)) == "a number of 302 digits"


def test_a_long_value_is_shown_short_in_a_message() -> None:
    said = problem(ev("rep.elected", '"rep": ["%s"]' % ("长" * 20_000)))
    assert said.startswith("rep: expected a non-empty id, got ['长长长") and len(said) < 150
    said = problem(ev("rep.elected", '"rep": "R02", "%s": 1' % ("k" * 20_000)))
    assert said.startswith("'kkkk") and "... (20000 characters): unknown field for rep.elected" in said
    assert len(said) < 200
