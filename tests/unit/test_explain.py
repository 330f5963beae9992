"""``changrenzhi explain``: finding a finding by its id, and the trace of one finding."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from changrenzhi import evaluate, read_events
from changrenzhi.errors import UsageError
from changrenzhi.explain import explain, find_finding, lines_at, render
from support import ROOT, make_log, make_pack, run, run_cli, shipped_pack, town

ZJG_LOG = ROOT / "policies" / "zhangjiagang" / "examples" / "gangxi-2007-2008.jsonl"
AS_OF = date(2008, 12, 31)

SIZE = {"id": "t.size", "kind": "group_size", "params": {"min": 10, "max": 15, "period": "quarter"}}


def contact_log() -> list[dict[str, Any]]:
    """R01 looks after P1 and P2 from 2011-01-10 and visits P1 once in 2011; nobody else is visited."""
    return [
        *town(12),
        {"id": "ca1", "type": "contact.assigned", "date": "2011-01-10", "rep": "R01",
         "contacts": [{"person": "P1", "kind": "member"}, {"person": "P2", "kind": "member"}]},
        {"id": "v1", "type": "contact.visit", "date": "2011-05-02", "rep": "R01", "person": "P1"},
    ]  # fmt: skip


VISITS = {"id": "t.visits", "kind": "contact_frequency", "params": {"period": "year", "min": 2}}


# ---- ids in the reports (what an id is: test_findings.py) ------------------------------------
def test_the_json_report_carries_the_ids_and_the_text_report_shows_them() -> None:
    pack, log = shipped_pack("zhangjiagang"), read_events(ZJG_LOG)
    report = evaluate(pack, log, AS_OF)
    doc = report.to_json()
    assert [f["id"] for f in doc["findings"]] == list(report.finding_ids())
    assert list(doc["findings"][0])[:2] == ["id", "rule"]
    r = run_cli("check", "zhangjiagang", str(ZJG_LOG), "--as-of", "2008-12-31")
    assert r.returncode == 1
    for f, i in zip(report.findings, report.finding_ids(), strict=True):
        assert f"  [{f.rule}] {f.message()}  #{i}\n" in r.stdout


# ---- finding the finding ------------------------------------------------------------------
def test_a_finding_is_found_by_id_hash_prefix_or_unique_prefix() -> None:
    report = run(make_pack(SIZE), town(8), "2011-04-30")
    target, fid = report.findings[0], report.finding_ids()[0]
    assert find_finding(report, fid) == (target, fid)
    assert find_finding(report, f" #{fid.upper()} ") == (target, fid)
    assert find_finding(report, fid[:5]) == (target, fid)


def test_an_unknown_id_names_the_near_ones() -> None:
    report = run(make_pack(SIZE), town(8), "2011-04-30")
    fid = report.finding_ids()[0]
    wrong = fid[:6] + ("0" if fid[6] != "0" else "1") + fid[7:]
    with pytest.raises(UsageError) as exc:
        find_finding(report, wrong, "en")
    assert str(exc.value) == f"no finding {wrong} in the report of test as of 2011-04-30. near ids: {fid}"
    with pytest.raises(UsageError) as exc:
        find_finding(report, "t.size")
    assert "规则 t.size 的发现：" in str(exc.value) and fid in str(exc.value)
    empty = run(make_pack(SIZE), town(8), "2010-12-31")
    with pytest.raises(UsageError, match="the report has no findings"):
        find_finding(empty, "abcd1234", "en")


# ---- the trace ------------------------------------------------------------------------------
def test_the_trace_of_a_group_size_violation() -> None:
    pack, log = shipped_pack("zhangjiagang"), read_events(ZJG_LOG)
    report = evaluate(pack, log, AS_OF)
    i = next(k for k, f in enumerate(report.findings) if f.rule == "zjg.group.size")
    fid = report.finding_ids()[i]
    t = explain(pack, log, AS_OF, fid, lambda ns: lines_at(str(ZJG_LOG), ns))
    doc: Any = t.to_json("en")
    assert doc["format"] == "changrenzhi.explain/1"
    assert doc["finding"]["id"] == fid and doc["status"] == "violation"
    assert doc["rule"]["citation"]["text"] == "每个代表小组一般由10-15人组成"
    assert doc["params"]["min"] == 10 and doc["params"]["max"] == 15
    assert doc["period"]["open"] is False
    assert doc["details"]["count"] < 10 and doc["details"]["bound"] == "10–15"
    subject = doc["subject"]
    assert (subject["id"], subject["is"], subject["at"]) == ("G3", "group", doc["period"]["end"])
    state = next(x for x in subject["facts"] if x["fact"] == "group_state")
    assert state["seated"] == doc["details"]["count"]
    # every evidence event in full: its line in the log, and that line as written
    lines = ZJG_LOG.read_text(encoding="utf-8").splitlines()
    assert [e["id"] for e in doc["evidence"]] == doc["finding"]["evidence"]
    for e in doc["evidence"]:
        assert e["json"] == lines[e["line"] - 1]
        assert json.loads(e["json"])["id"] == e["id"]


def test_an_open_period_is_pending_and_says_so() -> None:
    pack = make_pack(SIZE)
    log = make_log(town(8))
    report = evaluate(pack, log, date(2011, 2, 15))
    t = explain(pack, log, date(2011, 2, 15), report.finding_ids()[0])
    assert t.open is True and t.finding.status == "pending"
    text = render(t, "text", "en")
    assert (
        "2011 Q1 (2011-01-01 to 2011-03-31), still open on 2011-02-15: a duty not yet met is pending" in text
    )
    assert "conclusion: pending" in text
    zh = render(t, "text", "zh")
    assert "在 2011-02-15 尚未结束：未满足的义务记为 pending" in zh


def test_the_roster_facts_of_a_rep_disqualified_mid_period() -> None:
    events = [
        *contact_log(),
        {"id": "dq", "type": "rep.disqualified", "date": "2011-11-20", "rep": "R01", "reason": "transferred"},
    ]
    pack = make_pack(VISITS)
    log = make_log(events)
    report = evaluate(pack, log, date(2012, 1, 31))
    fid = next(
        i for f, i in zip(report.findings, report.finding_ids(), strict=True) if f.args["person"] == "P2"
    )
    t = explain(pack, log, date(2012, 1, 31), fid)
    facts = {x.key: x for x in t.facts}
    assert t.subject_kind == "rep" and t.at == date(2011, 12, 31)
    assert facts["seat_disqualified"].args == {
        "start": "2011-01-04", "event": "elect-R01", "end": "2011-11-20", "by": "dq", "reason": "transferred",
    }  # fmt: skip
    assert "not_seated" in facts  # at the end of the period judged
    assert facts["contacts"].args["count"] == 2
    assert t.finding.args == {"person": "P2", "count": 0, "min": 2}
    text = render(t, "text", "en")
    assert "elected 2011-01-04 (elect-R01); disqualified on 2011-11-20 (dq: transferred)" in text
    assert "person: P2\n  count: 0\n  min: 2\n" in text


def test_a_finding_without_a_period_takes_params_at_its_latest_event() -> None:
    pack = make_pack(
        {"id": "t.q", "kind": "quorum",
         "params": {"share": {"dated": [{"from": "2011-01-01", "value": "1/2"},
                                        {"from": "2012-01-01", "value": "4/5"}]}}},
    )  # fmt: skip
    events = [
        *town(10),
        {
            "id": "m1",
            "type": "meeting.held",
            "date": "2012-03-01",
            "meeting": "M1",
            "kind": "annual",
            "present": 7,
        },
    ]
    log = make_log(events)
    report = evaluate(pack, log, date(2012, 12, 31))
    assert [f.rule for f in report.findings] == ["t.q"]  # 7 of 10 is short of 4/5, not of 1/2
    t = explain(pack, log, date(2012, 12, 31), report.finding_ids()[0])
    assert t.params_day == date(2012, 3, 1) and t.params["share"] == "4/5"
    assert t.subject_kind == "other" and t.open is None
    assert "parameters (in force on 2012-03-01):" in render(t, "text", "en")


# ---- cli ----------------------------------------------------------------------------------
def test_cli_explain_text_and_json(tmp_path: Path) -> None:
    pack, log = shipped_pack("zhangjiagang"), read_events(ZJG_LOG)
    fid = evaluate(pack, log, AS_OF).finding_ids()[0]
    r = run_cli("explain", "zhangjiagang", str(ZJG_LOG), "--as-of", "2008-12-31", "--finding", "#" + fid)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"changrenzhi explain：发现 {fid}（zhangjiagang，截至 2008-12-31）\n")
    assert "证据（1 条事件）:" in r.stdout
    r = run_cli(
        "explain", "zhangjiagang", "-", "--as-of", "2008-12-31", "--finding", fid, "--format", "json",
        stdin=ZJG_LOG.read_text(encoding="utf-8"),
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["finding"]["id"] == fid and doc["evidence"][0]["json"].startswith('{"id": ')


def test_cli_unknown_finding_exits_2_with_near_ids() -> None:
    r = run_cli("explain", "zhangjiagang", str(ZJG_LOG), "--as-of", "2008-12-31", "--finding", "zjg.quorum",
                "--lang", "en")  # fmt: skip
    assert r.returncode == 2
    assert r.stderr.startswith("changrenzhi: error: no finding zjg.quorum in the report of zhangjiagang")
    assert "findings of rule zjg.quorum: " in r.stderr and "Traceback" not in r.stderr
