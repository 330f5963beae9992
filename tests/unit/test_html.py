"""``check --format html`` (:mod:`changrenzhi.outputs.html`) without a browser: what the page holds."""

from __future__ import annotations

import re
from datetime import date

import pytest

from changrenzhi.engine.core import evaluate
from changrenzhi.events import read_events
from changrenzhi.explain import lines_at
from changrenzhi.outputs import html as page
from changrenzhi.outputs.formats import render_report
from support import ROOT, run_cli, shipped_pack

LOG = ROOT / "policies/guoyuan/examples/guoyuan-2009-2010.jsonl"
AS_OF = date(2010, 9, 20)


def _page(log_text: str | None = None, lang: str = "zh") -> tuple[str, object]:
    pack = shipped_pack("guoyuan")
    log = read_events(str(LOG)) if log_text is None else read_events(log_text.splitlines(), name="t.jsonl")
    report = evaluate(pack, log, AS_OF)
    raw = (lambda ns: lines_at(str(LOG), ns)) if log_text is None else None
    return page.render_check_html(report, pack, lang, log, raw), report


def test_every_finding_with_its_trace_under_its_rules_quote() -> None:
    out, report = _page()
    ids = report.finding_ids()  # type: ignore[attr-defined]
    assert len(ids) == 27  # the guoyuan example at 2010-09-20: 11 violations, 2 warnings, 10 pending, 4 info
    for fid in ids:
        assert f'<li id="f-{fid}"' in out
    assert out.count('<div class="trace">\n<dl>') == len(ids)
    assert out.count('<article class="rule"') == len({f.rule for f in report.findings})  # type: ignore[attr-defined]
    assert "「由代表小组组长负责召集并组织学习，每季度不得少于一次」" in out
    assert "代表小组 G4 在2009年第4季度组织集中学习 0 次，应不少于 1 次" in out
    # the evidence as the log writes it
    assert "L50</span> <code>{&quot;id&quot;: &quot;grp-0004&quot;" in out
    # the grid: G4 among the groups, its 2009 Q4 a violation
    groups = out.split("代表小组（1）")[1].split("</table>")[0]
    assert '<th class="subj">G4</th>' in groups and groups.count('class="c v"') == 1


def test_traces_past_the_limit_name_the_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(page, "MAX_TRACES", 3)
    out, _ = _page()
    assert out.count('<div class="trace">\n<dl>') == 3
    assert out.count("changrenzhi explain ") == 24


def test_without_the_log_no_traces_but_the_command() -> None:
    pack = shipped_pack("guoyuan")
    report = evaluate(pack, read_events(str(LOG)), AS_OF)
    out = render_report(report, "html", "en", pack)
    assert '<div class="trace">\n<dl>' not in out and "changrenzhi explain " in out
    assert '<html lang="en">' in out and "Findings by rule" in out


def test_hostile_subjects_are_text() -> None:
    evil = "<img src=x onerror=alert(1)>"
    out, _ = _page(LOG.read_text(encoding="utf-8").replace('"G4"', f'"{evil}"'))
    assert evil not in out and "&lt;img src=x onerror=alert(1)&gt;" in out
    assert not re.search(r"<(img|iframe|object|embed|link)\b", out)


def test_cli_writes_the_page_and_exits_as_check_does() -> None:
    r = run_cli("check", "policies/guoyuan", str(LOG), "--as-of", "2010-09-20", "--format", "html")
    assert r.returncode == 1 and r.stdout.startswith("<!DOCTYPE html>")
    assert r.stdout.count('<div class="trace">\n<dl>') == 27
