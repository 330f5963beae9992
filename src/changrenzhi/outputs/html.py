"""``check --format html``: one self-contained page for people (no network, Chinese by default).

The page holds the summary; a grid of subjects (groups, reps, committee members) by quarter,
each cell coloured by the worst status of its findings (a select narrows it to one rule); the
findings grouped by rule, each rule's quoted clause shown above them; and, one click away under
each finding, its trace as ``explain`` gives it (the rule's parameters, the period, the subject
in the roster, the counts, the evidence lines). A print style lays it out on A4.

Everything that comes from a pack or a log is escaped. Style and script are package data
(``static/report.css``, ``static/report.js``) written into the page; the grid is a table, not a
picture, so that it prints and reads with no script at all.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..findings import STATUSES, Finding, Report
from ..messages import Section, plain
from ..pack.model import Pack

if TYPE_CHECKING:
    from ..events import EventLog
    from ..explain import RawLines, Trace
    from ..roster import Roster

__all__ = ["MAX_GRID_ROWS", "MAX_TRACES", "page", "render_check_html", "static"]

#: findings whose trace the page carries (the rest name the ``explain`` command instead)
MAX_TRACES = 2000
#: subjects listed in one grid (the rest are counted; their findings are all listed below)
MAX_GRID_ROWS = 500
#: quarters a grid shows before it counts by year instead
MAX_QUARTERS = 40
#: the order of severity: the worst first
WORST = {s: i for i, s in enumerate(STATUSES)}

MSG = Section(
    "html",
    {
        "title": {"zh": "{name}：检查报告（截至 {as_of}）", "en": "{name}: check report (as of {as_of})"},
        "meta": {
            "zh": "政策包 {pack}｜依据《{document}》｜截至 {as_of}｜日志事件 {events} 条",
            "en": "pack {pack} | based on “{document}” | as of {as_of} | {events} events in the log",
        },
        "violation": {"zh": "违反", "en": "violation"},
        "warning": {"zh": "提醒", "en": "warning"},
        "pending": {"zh": "待定", "en": "pending"},
        "info": {"zh": "提示", "en": "info"},
        "status_help_violation": {"zh": "已结束的期间未履行", "en": "a closed period, duty not met"},
        "status_help_warning": {"zh": "偏离但不算违反", "en": "off the mark, not a violation"},
        "status_help_pending": {"zh": "期间尚未结束", "en": "the period is still open"},
        "status_help_info": {"zh": "供参考", "en": "for information"},
        "nav_summary": {"zh": "概览", "en": "summary"},
        "nav_grid": {"zh": "对象 × 期间", "en": "subjects × periods"},
        "nav_rules": {"zh": "按规则的发现", "en": "findings by rule"},
        "grid_head": {"zh": "对象 × 期间", "en": "Subjects × periods"},
        "grid_note": {
            "zh": "每格为该对象在该{bucket}判定的发现数（期间最后一天所在{bucket}，未结束的期间按截至日；"
            "不按期间判断的发现按其最后一条证据的日期），颜色取最严重的状态；点击一格跳到这些发现。",
            "en": "Each cell: the subject's findings judged in that {bucket} (the one holding the period's "
            "last day, or the as-of date while it is open; a finding without a period by its latest "
            "evidence), coloured by the worst status; click a cell to go to them.",
        },
        "quarter": {"zh": "季度", "en": "quarter"},
        "year": {"zh": "年度", "en": "year"},
        "rule_filter": {"zh": "只看规则", "en": "only rule"},
        "all_rules": {"zh": "全部规则", "en": "all rules"},
        "kind_group": {"zh": "代表小组", "en": "groups"},
        "kind_rep": {"zh": "党代表", "en": "reps"},
        "kind_member": {"zh": "党委委员", "en": "committee members"},
        "kind_other": {"zh": "其他对象", "en": "other subjects"},
        "subject": {"zh": "对象", "en": "subject"},
        "total": {"zh": "合计", "en": "total"},
        "more_rows": {
            "zh": "另有 {count} 个对象未列出（其发现均在下文）。",
            "en": "{count} more subjects not shown (all their findings are listed below).",
        },
        "no_period": {"zh": "无期间", "en": "no period"},
        "no_findings": {"zh": "无发现。", "en": "No findings."},
        "rules_head": {"zh": "按规则的发现", "en": "Findings by rule"},
        "rules_quiet": {
            "zh": "没有发现的规则（{count} 条）：{rules}",
            "en": "Rules with no finding ({count}): {rules}",
        },
        "clause": {"zh": "第 {line} 行", "en": "line {line}"},
        "trace": {"zh": "追溯（explain）", "en": "trace (explain)"},
        "trace_cut": {
            "zh": "本页只附前 {limit} 条发现的追溯；这一条请运行：",
            "en": "The page carries the traces of the first {limit} findings only; for this one run:",
        },
        "conclusion": {"zh": "结论", "en": "conclusion"},
        "params": {"zh": "参数", "en": "parameters"},
        "params_at": {"zh": "参数（{day} 时有效）", "en": "parameters (in force on {day})"},
        "period": {"zh": "期间", "en": "period"},
        "roster": {"zh": "名册", "en": "roster"},
        "details": {"zh": "计数与标准", "en": "counts and bound"},
        "evidence": {"zh": "证据（{count} 条事件）", "en": "evidence ({count} events)"},
        "no_evidence": {
            "zh": "无证据事件：义务未履行本身即是发现。",
            "en": "No events: the duty not met is the finding.",
        },
        "not_in_log": {"zh": "（不在日志中）", "en": "(not in the log)"},
        "command": {"zh": "命令行", "en": "command line"},
        "expand": {"zh": "展开全部追溯", "en": "open every trace"},
        "collapse": {"zh": "收起全部追溯", "en": "close every trace"},
        "footer": {
            "zh": "changrenzhi {version} 生成；本页不联网，可直接打印（A4）。",
            "en": "Made by changrenzhi {version}; the page uses no network and prints on A4.",
        },
    },
)


@functools.cache
def static(name: str) -> str:
    """The text of ``static/<name>``, shipped beside this module."""
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def page(title: str, body: Iterable[str], lang: str, css: str, js: str = "") -> str:
    """A whole page: the head with ``css`` inline, ``body``, then ``js`` inline."""
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{"en" if lang == "en" else "zh-CN"}">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # nothing from the network, whatever a name in a pack tries
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">",
        f"<title>{esc(title)}</title>",
        f"<style>\n{css}</style>",
        "</head>",
        "<body>",
        *body,
    ]
    if js:
        out.append(f"<script>\n{js}</script>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


# ---- the grid --------------------------------------------------------------------------------
def _quarter(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def _quarters(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    out = []
    y, q = first
    while (y, q) <= last:
        out.append((y, q))
        y, q = (y, q + 1) if q < 4 else (y + 1, 1)
    return out


def _buckets_of(f: Finding, as_of: date, dates: Mapping[str, date]) -> list[tuple[int, int]]:
    """The quarter a finding is shown in: where it is judged, the quarter of its period's last day
    (of ``as_of`` while the period is open), so that each finding is counted once: a yearly duty
    missed in 2009 shows in 2009's Q4, a quarterly one in its quarter. A finding without a period
    (one event judged as it happened) shows in the quarter of its latest evidence event, when the
    log is at hand (``dates``: event id -> date)."""
    p = f.period
    if p is None:
        days = [dates[e] for e in f.evidence if e in dates]
        return [_quarter(min(max(days), as_of))] if days else []
    return [_quarter(max(p.start, min(p.end, as_of)))]


@dataclass(slots=True)
class _Row:
    subject: str
    cells: dict[object, list[int]] = field(default_factory=dict)  # bucket -> indices of findings
    loose: list[int] = field(default_factory=list)  # findings without a period
    worst: int = len(STATUSES)
    count: int = 0


def _subject_kind(roster: Roster | None, subject: str) -> str:
    if roster is None:
        return "other"
    if subject in roster.group_formed:
        return "group"
    if subject in roster.seats:
        return "rep"
    if subject in roster.committee:
        return "member"
    return "other"


def _grid(
    report: Report,
    roster: Roster | None,
    rule_index: dict[str, int],
    lang: str,
    dates: Mapping[str, date],
) -> list[str]:
    fs = report.findings
    marks = [_buckets_of(f, report.as_of, dates) for f in fs]
    got = [q for m in marks for q in m]
    if not fs:
        return [f'<p class="none">{esc(MSG("no_findings", lang))}</p>']
    last = _quarter(report.as_of)
    first = min([*got, last])
    if roster is not None and roster.terms:
        first = min(first, _quarter(roster.terms[0].start))
    quarters = _quarters(first, max([*got, last]))
    by_year = len(quarters) > MAX_QUARTERS
    buckets: list[object] = [*sorted({y for y, _ in quarters})] if by_year else [*quarters]
    kinds: dict[str, dict[str, _Row]] = {}
    for i, (f, m) in enumerate(zip(fs, marks, strict=True)):
        row = kinds.setdefault(_subject_kind(roster, f.subject), {}).setdefault(f.subject, _Row(f.subject))
        row.count += 1
        row.worst = min(row.worst, WORST[f.status])
        if not m:
            row.loose.append(i)
        for q in m:
            cell = row.cells.setdefault(q[0] if by_year else q, [])
            if not cell or cell[-1] != i:
                cell.append(i)
    ids = report.finding_ids()
    bucket = MSG("year" if by_year else "quarter", lang)
    out = [
        f'<p class="note">{esc(MSG("grid_note", lang, bucket=bucket))}</p>',
        '<p class="controls"><label>' + esc(MSG("rule_filter", lang)) + ' <select id="rule-filter">',
        f'<option value="">{esc(MSG("all_rules", lang))}</option>',
    ]
    for rid, n in rule_index.items():
        if any(f.rule == rid for f in fs):
            out.append(f'<option value="{n}">{esc(rid)}</option>')
    out.append("</select></label> " + _legend(lang))
    out.append(f'<span id="filter-note" data-label="{esc(MSG("rule_filter", lang))}"></span></p>')
    for kind in ("group", "rep", "member", "other"):
        rows = kinds.get(kind)
        if not rows:
            continue
        ordered = sorted(rows.values(), key=lambda r: (r.worst, -r.count, r.subject))
        out.append(f"<h3>{esc(MSG('kind_' + kind, lang))}（{len(rows)}）</h3>")
        out.append('<div class="gridwrap"><table class="grid"><thead>')
        if by_year:
            out.append(f'<tr><th class="subj">{esc(MSG("subject", lang))}</th>')
            out += [f'<th class="b">{y}</th>' for y in buckets]
        else:
            years: dict[int, int] = {}
            for y, _ in quarters:
                years[y] = years.get(y, 0) + 1
            out.append(f'<tr><th class="subj" rowspan="2">{esc(MSG("subject", lang))}</th>')
            out += [f'<th class="y" colspan="{n}">{y}</th>' for y, n in years.items()]
            out.append(f'<th class="b" rowspan="2">{esc(MSG("no_period", lang))}</th>')
            out.append(f'<th class="b" rowspan="2">{esc(MSG("total", lang))}</th></tr><tr>')
            out += [f'<th class="b">Q{q}</th>' for _, q in quarters]
        if by_year:
            out.append(f'<th class="b">{esc(MSG("no_period", lang))}</th>')
            out.append(f'<th class="b">{esc(MSG("total", lang))}</th>')
        out.append("</tr></thead><tbody>")
        for row in ordered[:MAX_GRID_ROWS]:
            cells = [f'<tr><th class="subj">{esc(row.subject)}</th>']
            for b in [*buckets, None]:
                idx = row.loose if b is None else row.cells.get(b, [])
                cells.append(_cell(idx, fs, ids, rule_index))
            cells.append(f'<td class="n">{row.count}</td></tr>')
            out.append("".join(cells))
        out.append("</tbody></table></div>")
        if len(ordered) > MAX_GRID_ROWS:
            more = MSG("more_rows", lang, count=len(ordered) - MAX_GRID_ROWS)
            out.append(f'<p class="note">{esc(more)}</p>')
    return out


def _cell(idx: Sequence[int], fs: Sequence[Finding], ids: Sequence[str], rule_index: dict[str, int]) -> str:
    if not idx:
        return '<td class="c"></td>'
    worst = min(WORST[fs[i].status] for i in idx)
    status = STATUSES[worst]
    data = " ".join(f"{rule_index.get(fs[i].rule, -1)}{fs[i].status[0]}" for i in idx)
    title = "\n".join(f"{fs[i].rule}: {fs[i].status}" for i in idx[:12])
    ref = " ".join(ids[i] for i in idx)
    return (
        f'<td class="c {status[0]}" data-f="{data}" data-ids="{ref}" title="{esc(title)}">'
        f'<a href="#f-{ids[idx[0]]}">{len(idx)}</a></td>'
    )


def _legend(lang: str) -> str:
    items = "".join(
        f'<span class="lg {s[0]}" title="{esc(MSG("status_help_" + s, lang))}">{esc(MSG(s, lang))}</span>'
        for s in STATUSES
    )
    return f'<span class="legend">{items}</span>'


# ---- findings by rule ------------------------------------------------------------------------
def _kv(values: Mapping[str, Any]) -> str:
    rows = "".join(f"<tr><th>{esc(k)}</th><td>{esc(plain(v))}</td></tr>" for k, v in values.items())
    return f'<table class="kv">{rows}</table>'


def _trace_html(t: Trace, lang: str) -> list[str]:
    r = t.rule
    out = ['<div class="trace">', "<dl>"]
    out.append(f"<dt>{esc(MSG('period', lang))}</dt><dd>{esc(t.period_text(lang))}</dd>")
    out.append(f"<dt>{esc(MSG('roster', lang))}</dt><dd>{esc(t.subject_text(lang))}")
    if t.facts:
        out.append("<ul>" + "".join(f"<li>{esc(x.text(lang))}</li>" for x in t.facts) + "</ul>")
    out.append("</dd>")
    if t.finding.args:
        out.append(f"<dt>{esc(MSG('details', lang))}</dt><dd>{_kv(t.finding.args)}</dd>")
    head = MSG("params_at", lang, day=t.params_day.isoformat()) if t.params_day else MSG("params", lang)
    out.append(f"<dt>{esc(head)}</dt><dd>{_kv(t.params)}")
    out.append(f'<span class="kind">{esc(r.kind)}, {esc(r.severity)}</span></dd>')
    out.append(f"<dt>{esc(MSG('evidence', lang, count=len(t.evidence)))}</dt><dd>")
    if not t.evidence:
        out.append(esc(MSG("no_evidence", lang)))
    else:
        out.append('<ol class="ev">')
        for eid, ev, raw in t.evidence:
            if ev is None:
                out.append(f"<li><code>{esc(eid)}</code> {esc(MSG('not_in_log', lang))}</li>")
                continue
            text = raw if raw is not None else f"{eid} ({ev.type}, {ev.date.isoformat()})"
            out.append(f'<li><span class="ln">L{ev.line}</span> <code>{esc(text)}</code></li>')
        out.append("</ol>")
    out.append("</dd></dl></div>")
    return out


def _command(report: Report, log_name: str | None, fid: str) -> str:
    pack = report.pack_file or report.pack
    as_of = report.as_of.isoformat()
    return f"changrenzhi explain {pack} {log_name or 'EVENTS'} --as-of {as_of} --finding {fid}"


def _quote(pack: Pack | None, f: Finding, lang: str) -> str:
    c = f.citation
    doc = pack.model.document.title if pack is not None else c["source"]
    where = [f"《{doc}》" if lang != "en" else f"“{doc}”"]
    if c.get("clause"):
        where.append(str(c.get("clause")))
    where.append(f"{c['source']} {MSG('clause', lang, line=c['line'])}")
    return (
        f'<blockquote class="quote"><p>「{esc(c["text"])}」</p>'
        f"<cite>{esc('，'.join(where) if lang != 'en' else ', '.join(where))}</cite></blockquote>"
    )


def _rules(
    report: Report,
    pack: Pack | None,
    traces: dict[str, Trace],
    log_name: str | None,
    rule_index: dict[str, int],
    lang: str,
) -> list[str]:
    by_rule: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_rule.setdefault(f.rule, []).append(f)
    out: list[str] = []
    quiet = [rid for rid in rule_index if rid not in by_rule]
    for rid, fs in sorted(by_rule.items(), key=lambda kv: rule_index.get(kv[0], len(rule_index))):
        rule = pack.rule(rid) if pack is not None and rid in rule_index else None
        counts = {s: sum(1 for f in fs if f.status == s) for s in STATUSES}
        badges = "".join(
            f'<span class="badge {s[0]}">{esc(MSG(s, lang))} {n}</span>' for s, n in counts.items() if n
        )
        title = rule.spec.title if rule is not None and rule.spec.title else fs[0].kind
        out.append(f'<article class="rule" id="r-{rule_index.get(rid, 0)}">')
        out.append(f"<h3>{esc(title)} <code>{esc(rid)}</code> {badges}</h3>")
        out.append(_quote(pack, fs[0], lang))
        out.append('<ol class="findings">')
        for f in fs:
            fid = report.id_of(f)
            period = f.period.label(lang) if f.period is not None else ""
            out.append(f'<li id="f-{fid}" class="finding {f.status[0]}"><details><summary>')
            out.append(
                f'<span class="badge {f.status[0]}">{esc(MSG(f.status, lang))}</span> '
                f'<span class="period">{esc(period)}</span> '
                f'<span class="msg">{esc(f.message(lang))}</span> <code class="id">#{fid}</code>'
                f'<span class="more">{esc(MSG("trace", lang))}</span></summary>'
            )
            t = traces.get(fid)
            if t is not None:
                out += _trace_html(t, lang)
            elif log_name is not None or traces:
                out.append(
                    f'<div class="trace"><p>{esc(MSG("trace_cut", lang, limit=MAX_TRACES))}</p>'
                    f"<pre>{esc(_command(report, log_name, fid))}</pre></div>"
                )
            else:
                out.append(f'<div class="trace"><pre>{esc(_command(report, log_name, fid))}</pre></div>')
            out.append("</details></li>")
        out.append("</ol></article>")
    if quiet:
        listing = ", ".join(quiet)
        out.append(f'<p class="quiet">{esc(MSG("rules_quiet", lang, count=len(quiet), rules=listing))}</p>')
    return out


# ---- the page ------------------------------------------------------------------------------------
def render_check_html(
    report: Report,
    pack: Pack | None,
    lang: str = "zh",
    log: EventLog | None = None,
    raw_lines: RawLines | None = None,
) -> str:
    """The report as one page; with the ``log`` (and ``raw_lines``, its lines as written) each of
    the first :data:`MAX_TRACES` findings carries its trace and subjects are sorted by kind."""
    from .._version import __version__

    roster: Roster | None = None
    traces: dict[str, Trace] = {}
    if log is not None and pack is not None:
        from ..explain import trace_all

        roster, listed = trace_all(pack, log, report, raw_lines, MAX_TRACES)
        traces = {t.finding_id: t for t in listed}
    rule_index = {r.id: i for i, r in enumerate(pack.rules)} if pack is not None else {}
    for f in report.findings:
        rule_index.setdefault(f.rule, len(rule_index))
    name = report.pack_name or report.pack
    as_of = report.as_of.isoformat()
    title = MSG("title", lang, name=name, as_of=as_of)
    document = pack.model.document.title if pack is not None else report.pack
    s = report.summary
    body = [
        '<header id="summary">',
        f"<h1>{esc(title)}</h1>",
        '<p class="meta">'
        + esc(MSG("meta", lang, pack=report.pack, document=document, as_of=as_of, events=report.events))
        + "</p>",
        '<div class="summary">',
    ]
    for st in STATUSES:
        body.append(
            f'<div class="tile {st[0]}"><b>{s[st]}</b><span>{esc(MSG(st, lang))}</span>'
            f"<small>{esc(MSG('status_help_' + st, lang))}</small></div>"
        )
    body.append("</div></header>")
    body.append(
        '<nav class="toc">'
        f'<a href="#summary">{esc(MSG("nav_summary", lang))}</a>'
        f'<a href="#grid">{esc(MSG("nav_grid", lang))}</a>'
        f'<a href="#rules">{esc(MSG("nav_rules", lang))}</a>'
        f'<button type="button" id="expand" data-open="{esc(MSG("expand", lang))}" '
        f'data-close="{esc(MSG("collapse", lang))}">{esc(MSG("expand", lang))}</button>'
        "</nav>"
    )
    body.append(f'<section id="grid"><h2>{esc(MSG("grid_head", lang))}</h2>')
    dates: dict[str, date] = {}
    if log is not None:  # the evidence of findings without a period, to place them in time
        wanted = {e for f in report.findings if f.period is None for e in f.evidence}
        if wanted:
            dates = {i: d for i, d in log.dated_ids() if i in wanted}
    body += _grid(report, roster, rule_index, lang, dates)
    body.append("</section>")
    body.append(f'<section id="rules"><h2>{esc(MSG("rules_head", lang))}</h2>')
    body += _rules(report, pack, traces, log.name if log is not None else None, rule_index, lang)
    body.append("</section>")
    body.append(f"<footer>{esc(MSG('footer', lang, version=__version__))}</footer>")
    return page(title, body, lang, static("report.css"), static("report.js"))
