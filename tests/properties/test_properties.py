"""Invariants over every shipped pack and generated town logs (see strategies.py).

The default profile keeps these quick; ``pytest --slow`` searches much harder.
"""

from __future__ import annotations

import functools
import json
import random
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import assume, event, given
from hypothesis import strategies as st

from changrenzhi import EventLog, EventLogError, Finding, Pack, Report, evaluate, read_events, shipped_packs
from changrenzhi.engine.core import types_packed, types_read
from changrenzhi.findings import STATUSES
from changrenzhi.outputs import render_report
from changrenzhi.pack.model import PackModel
from support import Ev, Town, is_roster, shipped_pack, towns

#: kinds that count how often something happened in a period: an open period can only be short so far
FREQUENCY_KINDS = frozenset(
    {"contact_frequency", "committee_contact_frequency", "study_frequency", "study_days", "training_coverage"}
)


@functools.cache
def _packs() -> tuple[Pack, ...]:
    # a shipped pack that does not load fails every property here, loudly: never a skip
    return tuple(shipped_pack(name) for name in sorted(shipped_packs()))


def packs() -> tuple[Pack, ...]:
    found = _packs()
    assert found, "no shipped packs found"
    return found


def check(pack: Pack, log: EventLog, as_of: date) -> Report:
    return evaluate(pack, log, as_of)


def as_json(report: Report) -> str:
    return json.dumps(report.to_json(), ensure_ascii=False, sort_keys=True)


def reorder(events: list[Ev], rnd: random.Random) -> list[Ev]:
    """Shuffle the file: activities anywhere, roster events keeping their relative order."""
    roster = [e for e in events if is_roster(e)]
    activities = [e for e in events if not is_roster(e)]
    rnd.shuffle(activities)
    slots = [True] * len(roster) + [False] * len(activities)
    rnd.shuffle(slots)
    r, a = iter(roster), iter(activities)
    return [next(r) if is_r else next(a) for is_r in slots]


# ---- properties over generated logs -------------------------------------------
@given(towns())
def test_deterministic(town: Town) -> None:
    for pack in packs():
        first = check(pack, town.log(), town.as_of)
        second = check(pack, town.log(), town.as_of)
        assert as_json(first) == as_json(second), pack.id
        assert render_report(first, "text") == render_report(second, "text")


@given(towns(), st.randoms(use_true_random=False))
def test_order_within_the_file_changes_nothing(town: Town, rnd: random.Random) -> None:
    shuffled = town.log(reorder(town.events, rnd))
    for pack in packs():
        assert as_json(check(pack, shuffled, town.as_of)) == as_json(check(pack, town.log(), town.as_of)), (
            pack.id
        )


@given(towns(), st.randoms(use_true_random=False))
def test_reading_as_check_does_changes_nothing(town: Town, rnd: random.Random) -> None:
    """Read keeping only the types a pack reads, those of ``types_packed`` as columns (as ``check``
    reads), in file order or not: the same report as the whole log read as objects."""
    for lines in (town.lines(), town.lines(reorder(town.events, rnd))):
        for pack in packs():
            narrow = read_events(lines, name="town.jsonl", keep=types_read(pack), packed=types_packed(pack))
            assert as_json(check(pack, narrow, town.as_of)) == as_json(check(pack, town.log(), town.as_of)), (
                pack.id
            )


@given(towns())
def test_findings_are_well_formed(town: Town) -> None:
    ids = town.ids
    for pack in packs():
        report = check(pack, town.log(), town.as_of)
        kinds = {r.id: r.kind for r in pack.rules}
        for f in report.findings:
            assert f.status in STATUSES
            assert set(f.evidence) <= ids, (pack.id, f.rule, set(f.evidence) - ids)
            assert f.kind == kinds[f.rule]
            assert f.message("zh") and f.message("en")
            if f.period is not None:
                assert f.period.start <= f.period.end
                assert f.period.start <= town.as_of, "a period that has not begun owes nothing yet"
            if f.kind in FREQUENCY_KINDS and f.period is not None and f.period.is_open(town.as_of):
                over_a_ceiling = f.args.get("max") is not None and f.args.get("count", -1) > f.args["max"]
                assert f.status != "violation" or over_a_ceiling, (pack.id, f.to_json())
        assert report.summary == {s: sum(f.status == s for f in report.findings) for s in STATUSES}


@given(towns(), st.data())
def test_events_after_as_of_change_nothing(town: Town, data: st.DataObject) -> None:
    """Events dated after as_of change no finding; but an impossible roster is refused wherever it
    is dated, so roster events after as_of either change nothing or are refused, by their line."""
    # copies of any events (roster ones too, even impossible ones) dated after as_of
    copies = data.draw(st.lists(st.sampled_from(town.events), min_size=1, max_size=15))
    later = [
        {
            **e,
            "id": f"later-{i}",
            "date": (town.as_of + timedelta(days=data.draw(st.integers(1, 400)))).isoformat(),
        }
        for i, e in enumerate(copies)
    ]
    every = town.events + later
    extended = town.log(every)
    for pack in packs():
        try:
            found = check(pack, extended, town.as_of)
        except EventLogError as exc:  # each problem at a roster event after as_of (a copy, or the town's)
            for problem in exc.problems:
                assert problem.line is not None, pack.id
                refused = every[problem.line - 1]
                assert is_roster(refused) and refused["date"] > town.as_of.isoformat(), (pack.id, str(exc))
            continue
        assert as_json(found) == as_json(check(pack, town.log(), town.as_of)), pack.id


def _violations(report: Report, kind: str) -> set[tuple[Any, ...]]:
    return {
        (f.rule, f.subject, f.period) for f in report.findings if f.kind == kind and f.status == "violation"
    }


@given(towns(), st.data())
def test_a_visit_never_adds_a_contact_frequency_violation(town: Town, data: st.DataObject) -> None:
    assume(town.contacts and town.as_of > town.start)
    rep = data.draw(st.sampled_from(sorted(town.contacts)))
    person = data.draw(st.sampled_from(town.contacts[rep]))
    when = town.start + timedelta(days=data.draw(st.integers(0, (town.as_of - town.start).days)))
    visit = {
        "id": "extra-visit",
        "type": "contact.visit",
        "date": when.isoformat(),
        "rep": rep,
        "person": person,
    }
    with_visit = town.log([*town.events, visit])
    for pack in packs():
        before = _violations(check(pack, town.log(), town.as_of), "contact_frequency")
        after = _violations(check(pack, with_visit, town.as_of), "contact_frequency")
        assert after <= before, (pack.id, after - before)


def _mending(f: Finding, day: date) -> list[Ev]:
    """Events dated ``day`` (in the finding's period) that meet the duty ``f`` says is unmet:
    the visits or the study sessions it is short of."""
    short = f.args["min"] - f.args["count"]
    if f.kind == "contact_frequency":
        what: Ev = {"type": "contact.visit", "rep": f.subject, "person": f.args["person"]}
    else:  # study_frequency
        what = {"type": "study.session", "group": f.subject, "attendees": [], "days": 0.5}
    return [{"id": f"mend-{i}", "date": day.isoformat(), **what} for i in range(short)]


#: kinds whose lapses ``_mending`` knows how to mend
MENDABLE = frozenset({"contact_frequency", "study_frequency"})


def _said(f: Finding) -> str:
    """What a finding says: its JSON without its id."""
    return json.dumps({k: v for k, v in f.to_json().items() if k != "id"}, ensure_ascii=False, sort_keys=True)


def _ids_by_content(report: Report) -> dict[str, set[str]]:
    """What each finding says, and the ids (as the report names them) of the findings saying it."""
    out: dict[str, set[str]] = {}
    for f in report.findings:
        out.setdefault(_said(f), set()).add(report.id_of(f))
    return out


@given(towns(), st.data())
def test_mending_one_lapse_moves_no_other_id(town: Town, data: st.DataObject) -> None:
    """Adding the events that mend one lapse (or, read the other way, removing them) takes that
    finding away and changes no other finding's id: a finding that says the same before and
    after has the same id (suffixed ids in report order broke this), and ids stay unique."""
    plain = town.log()
    for pack in packs():
        before = check(pack, plain, town.as_of)
        lapses = [
            f for f in before.findings
            if f.kind in MENDABLE and f.message_key == "few" and f.period is not None
        ]  # fmt: skip
        if not lapses:
            continue
        lapse = data.draw(st.sampled_from(lapses))
        event(f"mended a lapse of {lapse.kind}")
        assert lapse.period is not None
        last = min(lapse.period.end, town.as_of)
        day = lapse.period.start + timedelta(days=data.draw(st.integers(0, (last - lapse.period.start).days)))
        after = check(pack, town.log([*town.events, *_mending(lapse, day)]), town.as_of)
        for report in (before, after):
            ids = report.finding_ids()
            assert len(set(ids)) == len(ids), pack.id
        assert before.id_of(lapse) not in after.finding_ids(), (pack.id, lapse.to_json())
        old, new = _ids_by_content(before), _ids_by_content(after)
        for content in old.keys() & new.keys():
            assert old[content] == new[content], (pack.id, content)
        # the rules that do not read what was added, and the lapse's own rule but for the lapse,
        # conclude what they did, under the same ids
        added = _mending(lapse, day)[0]["type"]
        untouched = {r.id for r in pack.rules if added not in r.impl.consumes} | {lapse.rule}
        gone = before.id_of(lapse)
        assert _of_rules(before, untouched, gone) == _of_rules(after, untouched, gone), pack.id


def _of_rules(report: Report, rules: set[str], leave_out: str) -> dict[str, str]:
    """The findings of ``rules`` by id (as the report names them), but the one ``leave_out``."""
    out = {}
    for f in report.findings:
        fid = report.id_of(f)
        if f.rule in rules and fid != leave_out:
            out[fid] = _said(f)
    return out


# ---- properties of the packs themselves ---------------------------------------
def _pack_names() -> list[str]:
    return sorted(shipped_packs())


@pytest.mark.parametrize("name", _pack_names())
def test_pack_round_trips_through_its_model(name: str) -> None:
    pack = shipped_pack(name)
    dumped = pack.model.model_dump(mode="json")
    assert PackModel.model_validate(dumped) == pack.model
    assert PackModel.model_validate(json.loads(json.dumps(dumped))) == pack.model
    for rule in pack.rules:
        params = rule.params.model_dump(mode="json")
        assert type(rule.params).model_validate(params) == rule.params, rule.id
        assert rule.impl.params_model.model_validate(rule.to_json()["params"]) == rule.params, rule.id


@pytest.mark.parametrize("name", _pack_names())
def test_pack_rules_are_cited_and_unique(name: str) -> None:
    pack = shipped_pack(name)
    ids = [r.id for r in pack.rules]
    assert len(ids) == len(set(ids))
    sources = {s.file: s for s in pack.model.document.sources}
    for rule in pack.rules:
        src = sources[rule.citation.source]
        assert src.first_line <= rule.citation.line <= src.last_line


def test_same_day_activities_in_either_order() -> None:
    """A fixed case of the order property that the generated logs find only now and then."""
    base: list[Ev] = [
        {"id": "c", "type": "congress.opened", "date": "2011-01-04", "term_years": 5},
        *({"id": f"e{i}", "type": "rep.elected", "date": "2011-01-04", "rep": f"R{i}"} for i in range(1, 9)),
        {
            "id": "g",
            "type": "group.formed",
            "date": "2011-01-04",
            "group": "G1",
            "members": [f"R{i}" for i in range(1, 9)],
            "leader": "R1",
        },
    ]
    same_day: list[Ev] = [
        {
            "id": "s-b",
            "type": "study.session",
            "date": "2011-03-10",
            "group": "G1",
            "attendees": ["R1", "R2"],
            "days": 0.5,
        },
        {
            "id": "s-a",
            "type": "study.session",
            "date": "2011-03-10",
            "group": "G1",
            "attendees": ["R1", "R3"],
            "excused": ["R2"],
            "days": 0.5,
        },
        {"id": "t-a", "type": "training.held", "date": "2011-03-10", "participants": ["R1", "R2"], "days": 1},
    ]
    as_of = date(2011, 12, 31)
    town = Town(base + same_day, as_of, date(2011, 1, 4), as_of)
    for pack in packs():
        forward = as_json(check(pack, town.log(), as_of))
        backward = as_json(check(pack, town.log(base + same_day[::-1]), as_of))
        assert forward == backward, pack.id
