"""Dated parameter values (docs/PACKS.md): loading, the epochs, params_at, and the engine per epoch."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from changrenzhi import Pack, PackError, loads_pack
from changrenzhi.kinds.base import KindParams
from changrenzhi.outputs.reports import render_rules
from changrenzhi.pack.dated import MAX_ENTRIES, MAX_EPOCHS, Epoch, epoch_at
from support import run, statuses, town

SEED = "000_4d6d1418da65ff90.txt"
# params start on line 13 of every pack built by pack(): the line numbers below count from there
HEAD = """format: changrenzhi.pack/1
id: dated-test
name: 测试
locality: 测试乡
document:
  title: 测试
  sources: [{file: SEED, first_line: 1, last_line: 225}]
rules:
  - id: t.rule
    kind: KIND
    citation: {source: SEED, line: 135, text: 每个代表小组一般由10-15人组成}
    params:
"""


def fig(params: KindParams, name: str) -> Any:
    """One figure of a kind's params (typed by the kind, which mypy does not know here)."""
    return getattr(params, name)


def pack(params: str, kind: str = "group_size") -> Pack:
    body = "".join(f"      {line}\n" for line in params.strip("\n").splitlines())
    return loads_pack(HEAD.replace("SEED", SEED).replace("KIND", kind) + body, file="dated.yaml")


def problems(params: str, kind: str = "group_size") -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(PackError) as info:
        pack(params, kind)
    return [(p.line, p.field, p.message) for p in info.value.problems]


def size(change: str, first: str = "2011-01-01") -> Pack:
    return pack(
        f"""
min: 10
max:
  dated:
    - {{from: {first}, value: 15}}
    - {{from: {change}, value: 12}}
period: quarter
"""
    )


# ---- loading ----------------------------------------------------------------
def test_epochs_and_params_at_on_the_boundary() -> None:
    [rule] = size("2012-04-01").rules
    assert [(e.start, e.end) for e in rule.epochs] == [(None, date(2012, 3, 31)), (date(2012, 4, 1), None)]
    assert fig(rule.params, "max") == 12  # the value in force last
    assert fig(rule.params_at(date(2012, 3, 31)), "max") == 15
    assert fig(rule.params_at(date(2012, 4, 1)), "max") == 12
    assert fig(rule.params_at(date(2012, 4, 2)), "max") == 12
    # before the first 'from', the first value applies
    assert fig(rule.params_at(date(1990, 1, 1)), "max") == 15
    assert fig(rule.params_at(date(2012, 4, 1)), "min") == 10  # undated values hold in every epoch
    assert [e.start for e in rule.dated["max"]] == [date(2011, 1, 1), date(2012, 4, 1)]


def test_a_rule_without_dated_values_has_no_epochs() -> None:
    [rule] = pack("min: 10\nmax: 15").rules
    assert rule.epochs == () and rule.dated == {}
    assert rule.params_at(date(2012, 1, 1)) is rule.params


def test_a_single_dated_value_runs_as_an_undated_rule() -> None:
    [rule] = pack("min: 10\nmax: {dated: [{from: 2011-01-01, value: 12}]}").rules
    assert rule.epochs == () and fig(rule.params, "max") == 12
    assert fig(rule.params_at(date(2000, 1, 1)), "max") == 12


def test_epochs_of_two_dated_values_interleave() -> None:
    [rule] = pack(
        """
min: {dated: [{from: 2010-01-01, value: 8}, {from: 2012-01-01, value: 10}]}
max: {dated: [{from: 2010-01-01, value: 15}, {from: 2011-07-01, value: 14}, {from: 2013-01-01, value: 12}]}
"""
    ).rules
    got = [(e.start, fig(e.params, "min"), fig(e.params, "max")) for e in rule.epochs]
    assert got == [
        (None, 8, 15),
        (date(2011, 7, 1), 8, 14),
        (date(2012, 1, 1), 10, 14),
        (date(2013, 1, 1), 10, 12),
    ]
    assert fig(epoch_at(rule.epochs, date(2011, 12, 31)).params, "max") == 14
    assert fig(epoch_at(rule.epochs, date(2012, 12, 31)).params, "min") == 10


def test_quoted_dates_are_dates_too() -> None:
    [rule] = pack(
        'min: 10\nmax: {dated: [{from: "2011-01-01", value: 15}, {from: "2012-01-01", value: 12}]}'
    ).rules
    assert rule.epochs[1].start == date(2012, 1, 1)


@pytest.mark.parametrize("second", ["2012-01-01", "2011-06-30"])
def test_dates_must_strictly_increase(second: str) -> None:
    got = problems(
        f"min: 10\nmax: {{dated: [{{from: 2012-01-01, value: 15}},\n  {{from: {second}, value: 12}}]}}"
    )
    assert got == [
        (
            15,
            "rules[0].params.max.dated[1].from",
            f"the dates must strictly increase: {second} is not after 2012-01-01",
        )
    ]


@pytest.mark.parametrize(
    "bad",
    [
        "2012-1-1",
        '"2012-02-30"',
        "2012",
        "2012-01-01T08:00:00",
        "[]",
        "1325376000",  # a Unix time
        '"2012-W01-1"',  # an ISO week date
        '"20120101"',
        '"2012-001"',  # an ordinal date
        "true",
    ],
)
def test_from_must_be_a_day(bad: str) -> None:
    [(line, field, message)] = problems(
        f"max:\n  dated:\n    - {{from: 2011-01-01, value: 15}}\n    - {{from: {bad}, value: 12}}"
    )
    assert (line, field) == (16, "rules[0].params.max.dated[1].from")
    if bad == '"2012-02-30"':  # a day that does not exist is said precisely
        assert "'2012-02-30' is not a date: February 2012 has 29 days" in message
    else:
        assert "expected a date YYYY-MM-DD" in message


def test_each_epoch_is_checked_by_the_kind_and_blamed_on_its_entry() -> None:
    got = problems(
        """
min: 10
max:
  dated:
    - {from: 2011-01-01, value: 15}
    - {from: 2012-01-01, value: 8}
"""
    )
    assert got == [
        (
            17,
            "rules[0].params.max.dated[1]",
            "in force from 2012-01-01: Value error, min (10) is greater than max (8)",
        )
    ]


def test_a_bad_value_points_at_its_entry() -> None:
    got = problems(
        "min: 10\nmax:\n  dated:\n    - {from: 2011-01-01, value: 15}\n    - {from: 2012-01-01, value: many}"
    )
    [(line, field, message)] = got
    assert (line, field) == (17, "rules[0].params.max.dated[1].value")
    assert "integer" in message


@pytest.mark.parametrize(
    ("params", "where", "message"),
    [
        ("max: {dated: []}", (13, "rules[0].params.max.dated"), "expected a non-empty list"),
        ("max: {dated: [{from: 2011-01-01}]}", (13, "rules[0].params.max.dated[0].value"), "required"),
        ("max: {dated: [{value: 3}]}", (13, "rules[0].params.max.dated[0].from"), "required"),
        (
            "max: {dated: [{from: 2011-01-01, value: 3, when: x}]}",
            (13, "rules[0].params.max.dated[0].when"),
            "unknown",
        ),
        (
            "max: {dated: [{from: 2011-01-01, value: 3}], value: 4}",
            (13, "rules[0].params.max.value"),
            "only the key",
        ),
        ("max: {dated: [12]}", (13, "rules[0].params.max.dated[0]"), "expected a mapping"),
    ],
)
def test_malformed_dated_values(params: str, where: tuple[int, str], message: str) -> None:
    [(line, field, msg)] = problems(params)
    assert (line, field) == where
    assert message in msg


def test_an_entry_citation_is_checked_against_the_document() -> None:
    got = problems(
        """
max:
  dated:
    - {from: 2011-01-01, value: 15}
    - from: 2012-01-01
      value: 12
      citation: {source: other.txt, line: 3, text: 十二人}
"""
    )
    assert got == [
        (
            18,
            "rules[0].params.max.dated[1].citation.source",
            f"'other.txt' is not one of the document's sources ({SEED})",
        )
    ]
    ok = pack(
        f"""
max:
  dated:
    - {{from: 2011-01-01, value: 15}}
    - from: 2012-01-01
      value: 12
      citation: {{source: {SEED}, line: 135, text: 每个代表小组一般由10-15人组成}}
"""
    )
    assert ok.rules[0].dated["max"][1].citation == {
        "source": SEED,
        "line": 135,
        "text": "每个代表小组一般由10-15人组成",
    }


# ---- the engine: a period's findings use the value in force on its first day -------------
def size_statuses(change: str, as_of: str) -> list[tuple[str, str]]:
    report = run(size(change), town(13, day="2011-01-04"), as_of)
    return [(f.period.start.isoformat() if f.period else "", f.status) for f in report.findings]


def test_a_change_on_a_period_start_applies_to_that_period() -> None:
    # 13 members: within 10-15 until the change, above 12 after it
    assert size_statuses("2012-04-01", "2012-12-31") == [
        ("2012-04-01", "violation"),
        ("2012-07-01", "violation"),
        ("2012-10-01", "violation"),
    ]


def test_a_change_the_day_after_a_period_start_waits_for_the_next_period() -> None:
    assert size_statuses("2012-04-02", "2012-12-31") == [
        ("2012-07-01", "violation"),
        ("2012-10-01", "violation"),
    ]


def test_a_change_mid_period_waits_for_the_next_one() -> None:
    assert size_statuses("2012-02-15", "2012-06-30") == [("2012-04-01", "violation")]


def test_an_open_period_under_the_new_value_is_pending() -> None:
    assert size_statuses("2012-04-01", "2012-05-15") == [("2012-04-01", "pending")]


def test_periods_before_the_first_from_use_the_first_value() -> None:
    # the first value (15) covers 2011, although its 'from' is 2012-01-01; 2013 uses 12
    assert size_statuses("2013-01-01", "2013-03-31").count(("2013-01-01", "violation")) == 1
    assert [s for s in size_statuses("2013-01-01", "2013-03-31") if s[0] < "2013"] == []
    report = run(size("2013-01-01", first="2012-01-01"), town(13, day="2011-01-04"), "2013-03-31")
    assert [f.period.start.isoformat() for f in report.findings if f.period] == ["2013-01-01"]


def meeting(mid: str, day: str, present: int) -> dict[str, Any]:
    return {
        "id": f"held-{mid}",
        "type": "meeting.held",
        "date": day,
        "meeting": mid,
        "kind": "annual",
        "present": present,
    }


def test_a_finding_without_period_uses_the_value_in_force_on_its_event() -> None:
    quorum = pack(
        """
meeting_kinds: [annual]
share:
  dated:
    - {from: 2011-01-01, value: "3/4"}
    - {from: 2012-06-01, value: "4/5"}
""",
        kind="quorum",
    )
    # 12 seated: 3/4 needs 9, 4/5 needs 10
    events = [
        *town(12, day="2011-01-04"),
        meeting("M0", "2011-06-01", 9),
        meeting("M1", "2012-05-31", 9),
        meeting("M2", "2012-06-01", 9),
        meeting("M3", "2012-06-02", 10),
        meeting("M4", "2012-06-03", 9),
    ]
    report = run(quorum, events, "2012-12-31")
    assert [(f.subject, f.args["required"]) for f in report.findings] == [("M2", 10), ("M4", 10)]
    assert statuses(report) == ["violation", "violation"]


def test_dated_and_undated_rules_agree_where_the_value_never_changes() -> None:
    events = [*town(13, day="2011-01-04")]
    plain = run(pack("min: 10\nmax: 12\nperiod: quarter"), events, "2012-12-31")
    dated = run(
        pack(
            """
min: 10
max: {dated: [{from: 2011-01-01, value: 12}, {from: 2012-01-01, value: 12}]}
period: quarter
"""
        ),
        events,
        "2012-12-31",
    )
    assert len(dated.findings) == 8  # every quarter once, not once per epoch
    assert [f.to_json() for f in dated.findings] == [f.to_json() for f in plain.findings]


# ---- listing ----------------------------------------------------------------
def test_rules_json_lists_the_epochs() -> None:
    doc = json.loads(render_rules(size("2012-04-01"), "json"))
    [rule] = doc["rules"]
    assert rule["params"]["max"] == 12
    assert [(e["from"], e["until"], e["params"]["max"]) for e in rule["epochs"]] == [
        (None, "2012-03-31", 15),
        ("2012-04-01", None, 12),
    ]
    assert rule["provenance"]["params.max"] == {"pack": "dated-test", "line": 14}
    assert rule["provenance"]["params.max.dated[1]"] == {"pack": "dated-test", "line": 17}


def test_rules_text_shows_the_schedule() -> None:
    text = render_rules(size("2012-04-01"), "text", "en")
    assert "      params.max changes over time (dated-test L14):\n" in text
    assert (
        "        from 2011-01-01: 15 (dated-test L16)\n        from 2012-04-01: 12 (dated-test L17)\n" in text
    )
    zh = render_rules(size("2012-04-01"), "text")
    assert "        2012-04-01 起：12（dated-test L17）\n" in zh


def test_epoch_describes_itself() -> None:
    [rule] = size("2012-04-01").rules
    assert [e.describe() for e in rule.epochs] == ["until 2012-03-31", "from 2012-04-01"]
    assert isinstance(rule.epochs[0], Epoch)


@pytest.mark.parametrize(
    ("day", "ok"),
    [
        ("1900-01-01", True),
        ("2199-12-31", True),
        ('"2199-12-31"', True),
        ("1899-12-31", False),
        ("2200-01-01", False),
        ("0001-01-01", False),
        ("9999-12-31", False),
    ],
)
def test_a_day_lies_between_1900_and_2199(day: str, ok: bool) -> None:
    params = f"max:\n  dated:\n    - {{from: {day}, value: 12}}"
    if ok:
        assert pack(params).rules[0].dated["max"][0].start.isoformat() == day.strip('"')
        return
    [(line, field, message)] = problems(params)
    assert (line, field) == (15, "rules[0].params.max.dated[0].from")
    assert "is outside the days a pack may name (1900-01-01 to 2199-12-31)" in message


@pytest.mark.parametrize(
    ("where", "value"),
    [
        ("effective", "1325376000"),
        ("effective", '"2012-W01-1"'),
        ("effective", "9999-12-31"),
        ("effective", "2012-01-01 08:00:00"),
    ],
)
def test_the_documents_days_are_days_too(where: str, value: str) -> None:
    text = HEAD.replace("SEED", SEED).replace("KIND", "group_size") + "      min: 3\n"
    text = text.replace("  title: 测试\n", f"  title: 测试\n  {where}: {value}\n")
    with pytest.raises(PackError) as info:
        loads_pack(text, file="dated.yaml")
    [problem] = info.value.problems
    assert (problem.line, problem.field) == (7, f"document.{where}")


def test_dated_entries_and_epochs_are_bounded() -> None:
    many = "".join(f"    - {{from: {2000 + i}-01-01, value: {10 + i % 2}}}\n" for i in range(MAX_ENTRIES + 1))
    [(_, field, message)] = problems("max:\n  dated:\n" + many)
    assert (field, message) == ("rules[0].params.max.dated", f"51 dated entries: at most {MAX_ENTRIES}")
    ok = "".join(f"    - {{from: {1950 + i}-01-01, value: {10 + i % 2}}}\n" for i in range(MAX_ENTRIES))
    assert len(pack("max:\n  dated:\n" + ok).rules[0].epochs) == MAX_ENTRIES
    low = "".join(f"    - {{from: {1950 + i}-04-01, value: {i % 2}}}\n" for i in range(MAX_ENTRIES))
    name = "".join(
        f"    - {{from: {1950 + i}-07-01, value: {('quarter', 'half')[i % 2]}}}\n" for i in range(3)
    )
    two = "max:\n  dated:\n" + ok + "min:\n  dated:\n" + low
    assert len(pack(two + "period:\n  dated:\n" + name[: name.index("\n") + 1]).rules[0].epochs) == 99
    [(_, field, message)] = problems(two + "period:\n  dated:\n" + name)
    assert field == "rules[0].params.max.dated"
    assert message == f"the dated values make 101 epochs: at most {MAX_EPOCHS}"


def test_epochs_may_not_repeat_long_params_too_often() -> None:
    """100 epochs, each listed with 100 long meeting kinds, would print 100 times what the pack wrote."""
    kinds = "[" + ", ".join(f"kind-{i}-" + "x" * 60 for i in range(100)) + "]"
    share = "".join(f"    - {{from: {1950 + i}-01-01, value: '{1 + i % 2}/3'}}\n" for i in range(50))
    text = f"share:\n  dated:\n{share}meeting_kinds: {kinds}"
    [(_, field, message)] = problems(text, kind="quorum")
    assert field == "rules[0].params.share.dated"
    assert message.startswith("the 50 epochs repeat the other parameters") and "more than 8 times" in message
    few = "".join(f"    - {{from: {1950 + i}-01-01, value: '{1 + i % 2}/3'}}\n" for i in range(3))
    assert len(pack(f"share:\n  dated:\n{few}meeting_kinds: {kinds}", kind="quorum").rules[0].epochs) == 3


def test_the_dates_of_evidence_are_found_among_objects_first_and_packed_events_when_needed() -> None:
    """What anchors a finding without a period (the date of its latest evidence) is looked up in
    the events held as objects, and in the packed ones (a million visits, say) only on a miss."""
    from types import SimpleNamespace

    from changrenzhi import read_events
    from changrenzhi.engine.dated import _Dates

    events = [
        *town(3, day="2011-01-04"),
        {"id": "v1", "type": "contact.visit", "date": "2011-03-01", "rep": "R01", "person": "P1"},
        {"id": "v2", "type": "contact.visit", "date": "2011-04-02", "rep": "R02", "person": "P2"},
    ]
    log = read_events(text="\n".join(map(json.dumps, events)), packed=["contact.visit"])
    assert "contact.visit" in log.packed
    dates = _Dates(SimpleNamespace(log=log))
    assert dates.get("elect-R01") == date(2011, 1, 4)
    assert not {"v1", "v2"} & dates._known.keys()  # packed events not looked at: the id was an object's
    assert dates.get("v2") == date(2011, 4, 2) and dates.get("v1") == date(2011, 3, 1)
    assert dates.get("nowhere") is None
    assert dict(log.dated_ids()) == dates._known
