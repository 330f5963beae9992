"""Finding ids (docs/FINDING-IDS.md): what they are made of, what they outlive, and the engine's
refusal of two findings about one thing."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterator
from datetime import date
from typing import Any, ClassVar

import pytest

from changrenzhi import evaluate, read_events
from changrenzhi.findings import DuplicateFindingError, Finding, Report, check_unique, finding_id
from changrenzhi.kinds.base import KindContext, KindParams, Registry, RuleKind, RuleRef
from changrenzhi.loading import loads_pack
from changrenzhi.periods import Period
from changrenzhi.registry import BUILTIN_KINDS
from support import ROOT, SEED, make_pack, run, shipped_pack, town

ZJG_LOG = ROOT / "policies" / "zhangjiagang" / "examples" / "gangxi-2007-2008.jsonl"
SIZE = {"id": "t.size", "kind": "group_size", "params": {"min": 10, "max": 15, "period": "quarter"}}
VISITS = {"id": "t.visits", "kind": "contact_frequency", "params": {"period": "year", "min": 2}}


def contact_log() -> list[dict[str, Any]]:
    """R01 looks after P1 and P2 from 2011-01-10 and visits P1 once in 2011; nobody else is visited."""
    return [
        *town(12),
        {"id": "ca1", "type": "contact.assigned", "date": "2011-01-10", "rep": "R01",
         "contacts": [{"person": "P1", "kind": "member"}, {"person": "P2", "kind": "member"}]},
        {"id": "v1", "type": "contact.visit", "date": "2011-05-02", "rep": "R01", "person": "P1"},
    ]  # fmt: skip


def ids_by_person(report: Report) -> dict[tuple[str, int], str]:
    """The contact_frequency findings' ids by (person, year)."""
    return {
        (f.args["person"], f.period.start.year): report.id_of(f)
        for f in report.findings
        if f.period is not None
    }


# ---- what an id is -------------------------------------------------------------------------
def test_an_id_is_16_hex_digits_of_the_hash_of_rule_subject_period_and_key() -> None:
    p = Period(date(2010, 7, 1), date(2010, 9, 30), "quarter")
    text = "guoyuan.contact.visits\x1fR005\x1fquarter:2010-07-01\x1fR005-M09"
    expected = hashlib.blake2b(text.encode(), digest_size=8).hexdigest()
    assert finding_id("guoyuan.contact.visits", "R005", p, ("R005-M09",)) == expected
    assert len(expected) == 16
    no_period = hashlib.blake2b(b"r\x1fs\x1f-", digest_size=8).hexdigest()
    assert finding_id("r", "s", None) == no_period


def test_ids_are_unique_and_the_same_in_every_run() -> None:
    pack = shipped_pack("zhangjiagang")
    first = evaluate(pack, read_events(ZJG_LOG), date(2008, 12, 31))
    again = evaluate(pack, read_events(ZJG_LOG), date(2008, 12, 31))
    ids = first.finding_ids()
    assert ids == again.finding_ids()
    assert len(set(ids)) == len(ids) > 10
    assert all(len(i) == 16 and int(i, 16) >= 0 for i in ids)
    assert ids == tuple(f.id for f in first.findings)


def test_two_findings_of_one_rule_subject_and_period_are_told_apart_by_their_key() -> None:
    report = run(make_pack(VISITS), contact_log(), "2012-01-31")
    few = [f for f in report.findings if f.period is not None and f.period.start.year == 2011]
    assert sorted(f.args["person"] for f in few) == ["P1", "P2"]
    for f in few:
        assert f.key == (f.args["person"],)
        assert report.id_of(f) == f.id == finding_id("t.visits", "R01", f.period, f.key)
    assert few[0].id != few[1].id


def test_mending_one_lapse_leaves_the_other_ids_alone() -> None:
    """The bug of suffixed ids: P1's finding used to take the plain id and P2's the ``-2``; once
    P1 was visited enough, P2's finding took over the plain id (and pointed at someone else)."""
    pack = make_pack(VISITS)
    before = ids_by_person(run(pack, contact_log(), "2012-01-31"))
    mend = {"id": "v2", "type": "contact.visit", "date": "2011-06-02", "rep": "R01", "person": "P1"}
    after = ids_by_person(run(pack, [*contact_log(), mend], "2012-01-31"))
    assert ("P1", 2011) in before and ("P1", 2011) not in after
    assert after == {k: v for k, v in before.items() if k != ("P1", 2011)}


def test_an_id_outlives_the_status_and_as_of_but_not_the_period() -> None:
    pack = make_pack(SIZE)
    pending = run(pack, town(8), "2011-02-15").findings  # Q1 still open: pending
    closed = run(pack, town(8), "2011-04-30").findings  # Q1 closed: violation; Q2 pending
    later = run(pack, town(8), "2011-05-31").findings
    assert [f.status for f in pending] == ["pending"]
    assert [f.status for f in closed] == ["violation", "pending"]
    assert pending[0].id == closed[0].id  # the same duty, now broken: the same finding
    assert closed[1].id != closed[0].id  # another quarter, another finding
    assert [f.id for f in later[:2]] == [f.id for f in closed]


def test_an_id_outlives_a_move_of_its_period_end() -> None:
    """A term's end moves when the next congress opens early; its findings keep their ids."""
    pack = make_pack({"id": "t.train", "kind": "training_coverage", "params": {"span": "term", "min": 1}})
    early = run(pack, town(3), "2012-06-30")
    next_congress = {"id": "congress2", "type": "congress.opened", "date": "2013-01-04", "term_years": 5}
    late = run(pack, [*town(3), next_congress], "2013-06-30")
    assert {f.status for f in early.findings} == {"pending"}
    assert {f.status for f in late.findings} == {"violation"}
    assert {f.period.end for f in early.findings if f.period} == {date(2016, 1, 3)}  # five years
    assert {f.period.end for f in late.findings if f.period} == {date(2013, 1, 3)}  # cut short
    assert early.finding_ids() == late.finding_ids()


def test_an_id_leaves_out_the_message_and_the_details() -> None:
    """Credentials not yet issued (``open``, pending) and then issued late (``late``): one finding."""
    pack = make_pack({"id": "t.cred", "kind": "credentials", "params": {"days": 30}})
    pending = run(pack, town(3), "2011-01-20")
    issued = {"id": "cr1", "type": "rep.credentialed", "date": "2011-03-01", "rep": "R01"}
    late = run(pack, [*town(3), issued], "2011-03-31")
    [first] = [f for f in pending.findings if f.subject == "R01"]
    [last] = [f for f in late.findings if f.subject == "R01"]
    assert (first.message_key, last.message_key) == ("open", "late")
    assert (first.status, last.status) == ("pending", "violation")
    assert first.id == last.id


# ---- two findings about one thing: a bug, refused -------------------------------------------
class _NoParams(KindParams):
    pass


class _Twice(RuleKind[_NoParams]):
    """A kind with a bug: two findings about one subject, not told apart."""

    name = "twice"
    params_model = _NoParams
    messages: ClassVar = {"one": {"zh": "{subject} 一", "en": "{subject} one"}}
    keyed = False

    def evaluate(self, rule: RuleRef, params: _NoParams, ctx: KindContext) -> Iterator[Finding]:
        for which in ("a", "b"):
            key = which if self.keyed else ()
            yield ctx.finding(rule, "violation", "X", None, [], "one", key=key)


class _TwiceKeyed(_Twice):
    name = "twice_keyed"
    keyed = True


def _pack_of(kind: str) -> Any:
    text = f"""
format: changrenzhi.pack/1
id: test
name: 测试
locality: 测试乡
document: {{title: 测试, sources: [{{file: {SEED}, first_line: 1, last_line: 225}}]}}
rules:
  - id: t.twice
    kind: {kind}
    citation: {{source: {SEED}, line: 81, text: 每季度不得少于一次}}
    params: {{}}
"""
    return loads_pack(text, Registry([*BUILTIN_KINDS, _Twice, _TwiceKeyed]), file="test-pack.yaml")


def test_the_engine_refuses_two_findings_about_one_thing() -> None:
    with pytest.raises(DuplicateFindingError, match=r"rule t\.twice, subject X, period -, key \(\)"):
        evaluate(_pack_of("twice"), [], date(2011, 1, 1))
    report = evaluate(_pack_of("twice_keyed"), [], date(2011, 1, 1))
    assert [f.key for f in report.findings] == [("a",), ("b",)]
    assert len(set(report.finding_ids())) == 2


def test_findings_that_differ_only_in_what_the_id_leaves_out_are_one_thing() -> None:
    pack = make_pack(SIZE)
    f = run(pack, town(8), "2011-04-30").findings[0]
    other_end = Period(f.period.start, date(2011, 6, 30), "quarter") if f.period else None
    twin = dataclasses.replace(f, status="info", period=other_end)
    with pytest.raises(DuplicateFindingError):
        check_unique([f, twin])
    with pytest.raises(DuplicateFindingError, match="share one id"):
        Report("test", "测试", date(2011, 4, 30), (f, twin)).finding_ids()
    check_unique([f, dataclasses.replace(f, key=("other",))])
