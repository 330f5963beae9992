"""Renderers of reports and rule listings.

The formats of ``check`` and ``lint`` live in one registry, :data:`changrenzhi.outputs.FORMATS`
(one class per format); this module keeps the text and JSON renderers of a report that the
registry's ``text`` and ``json`` formats use, and the rule listings of ``rules``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any, ParamSpec

import pydantic_core

from ..collector import paused_gc
from ..findings import STATUSES, FilterJson, Finding, Report, ReportJson, check_lang, messages_of
from ..messages import LANGS, Section, counted
from ..pack.model import Pack
from ..periods import PeriodJson, PerPeriod
from .places import shown
from .provenance import pack_lines, rule_lines
from .terminal import paint

__all__ = [
    "REPORTERS",
    "RULE_LISTERS",
    "counted",
    "render_rules",
    "report_text",
    "report_text_lines",
    "summary_line",
    "write_lines",
]

STATUS_ZH = {"violation": "违反", "warning": "提醒", "pending": "待定", "info": "提示"}


def not_utf8(exc: pydantic_core.PydanticSerializationError) -> bool:
    """Whether the encoder refused a string that is not UTF-8 (a file name that Python carries as
    lone surrogates): such a document is written with ``\\u`` escapes instead (:func:`_json`)."""
    return "surrogates not allowed" in str(exc)


def _json(obj: Any) -> str:
    # pydantic-core's encoder writes the same text as json.dumps(indent=2, ensure_ascii=False)
    # for the plain values a report holds, about five times faster on large reports
    try:
        return pydantic_core.to_json(obj, indent=2).decode("utf-8") + "\n"
    except pydantic_core.PydanticSerializationError as exc:
        if not not_utf8(exc):
            raise
        # a file name that is not UTF-8 (Python carries its bytes as lone surrogates): as \u
        # escapes, which JSON allows, and the output stays UTF-8
        return json.dumps(obj, indent=2, ensure_ascii=True) + "\n"


_P = ParamSpec("_P")


def _doc(report: Report, lang: str, filtered: FilterJson | None) -> ReportJson:
    return _with_filter(report.to_json(lang), filtered)


def _with_filter(doc: ReportJson, filtered: FilterJson | None) -> ReportJson:
    """``doc`` with the filter that chose its findings, when one did (the key comes last)."""
    if filtered is not None:
        doc["filter"] = filtered
    return doc


def report_json(report: Report, lang: str, filtered: FilterJson | None = None) -> str:
    """The findings contract; ``filtered``: the filter that chose the report's findings."""
    try:
        return report_json_bytes(report, lang, filtered).decode("utf-8")
    except pydantic_core.PydanticSerializationError as exc:
        if not not_utf8(exc):
            raise
        return _json(_doc(report, lang, filtered))  # as \u escapes (see _json)


def report_json_bytes(report: Report, lang: str, filtered: FilterJson | None = None) -> bytes:
    """``report_json(report, lang)`` encoded as UTF-8, without decoding the encoder's bytes first."""
    parts: list[bytes] = []
    write_report_json(report, lang, parts.append, filtered)
    return b"".join(parts)


#: the findings a streamed report encodes at a time
STREAM_CHUNK = 1000
_HOLE = "changrenzhi: the findings go here"


def write_report_json(
    report: Report,
    lang: str,
    write: Callable[[bytes], object],
    filtered: FilterJson | None = None,
    jobs: int = 1,
) -> None:
    """``report_json_bytes(report, lang, filtered)`` written a few findings at a time: neither the
    report's dicts nor its text are ever held whole (a large report runs to 100 MB). ``jobs`` 2 or
    more: a report of :data:`~.halves.SPLIT_FINDINGS` findings or more has the last of its findings
    (:data:`~.halves.FIRST_SHARE`) encoded by a child at the same time as the others here
    (:mod:`.halves`), into a file in memory, written after them."""
    if lang not in LANGS:
        check_lang("Report.to_json", lang)
    doc = _with_filter(report.json_with(_HOLE), filtered)
    head, tail = pydantic_core.to_json(doc, indent=2).split(f'"{_HOLE}"'.encode())
    if not report.findings:
        write(head + b"[]" + tail + b"\n")
        return
    write(head + b"[\n")
    with paused_gc():
        for chunk in _findings_json(report, lang, jobs):
            write(chunk)
    write(b"\n  ]" + tail + b"\n")


def _findings_json(report: Report, lang: str, jobs: int) -> Iterator[bytes]:
    """The text of the report's findings, in pieces to write one after the other."""
    from .halves import FIRST_SHARE, SPLIT_FINDINGS, in_two, joined

    n = len(report.findings)
    if jobs < 2 or n < max(SPLIT_FINDINGS, 2):
        return joined(findings_json(report, lang))
    report.listed_ids()  # the ids, worked out once, before the fork, for both
    cut = min(max(round(n * FIRST_SHARE), 1), n - 1)
    return in_two(lambda: findings_json(report, lang, stop=cut), lambda: findings_json(report, lang, cut))


def findings_json(
    report: Report, lang: str, start: int = 0, stop: int | None = None, size: int = STREAM_CHUNK
) -> Iterator[bytes]:
    """The report's findings from ``start`` to ``stop`` as its JSON document writes them
    (:meth:`Report.to_json`), ``size`` at a time: each piece the lines of its findings, indented as
    the document's ``findings`` list holds them, separated by ``,\n``, without the brackets.

    Each finding's dict shares the finding's own evidence, citation and details (no copies), and
    each period's JSON and label are worked out once per report."""
    findings = report.findings
    ids = report.listed_ids()
    json_and_label = PerPeriod(lambda p: (p.to_json(), p.label(lang)))
    stop = len(findings) if stop is None else stop
    for at in range(start, stop, size):
        rows = []
        end = min(at + size, stop)
        for f, fid in zip(findings[at:end], ids[at:end], strict=True):
            period: PeriodJson | None
            period, label = (None, "") if f.period is None else json_and_label(f.period)
            rows.append(
                {
                    "id": fid,
                    "rule": f.rule,
                    "kind": f.kind,
                    "status": f.status,
                    "subject": f.subject,
                    "period": period,
                    "evidence": f.evidence,
                    "citation": f.citation,
                    "message": f.message_with(lang, label),
                    "details": f.args,
                }
            )
        # wrapped as the document holds them, so that the encoder indents them as it does there
        yield pydantic_core.to_json({"findings": rows}, indent=2)[_LEAD:-_TRAIL]


#: what the layout of ``{"findings": [...]}`` at ``indent=2`` puts before and after the findings
_LEAD = len(b'{\n  "findings": [\n')
_TRAIL = len(b"\n  ]\n}")


MSG = Section(
    "reports",
    {
        "head": {
            "zh": "changrenzhi check：{pack}（{name}），截至 {as_of}，检查事件 {events} 个",
            "en": "changrenzhi check: {pack} ({name}), as of {as_of}, {events}",
        },
        "pack-file": {"zh": "包文件：{file}", "en": "pack file: {file}"},
        "evidence": {"zh": "证据：{ids}", "en": "evidence: {ids}"},
        "no-findings": {"zh": "无发现。", "en": "No findings."},
        "document": {"zh": "  文件：{title}", "en": "  document: {title}"},
        "duty": {"zh": "      义务：{label}：{figure}", "en": "      duty: {label}: {figure}"},
        "params": {"zh": "      参数：{params}", "en": "      params: {params}"},
        "not-encoded": {"zh": "  未编码的条款（{count}）：", "en": "  not encoded ({count}):"},
        "rules-total": {
            "zh": "规则 {rules} 条，未编码条款 {clauses} 条",
            "en": "{rules}, {clauses} not encoded",
        },
        "summary": {
            "zh": "合计：违反 {violation}，提醒 {warning}，待定 {pending}，提示 {info} -> exit {code}",
            "en": "Summary: {violation}, {warning}, {pending}, {info} -> exit {code}",
        },
        "filtered": {
            "zh": "（已筛选：{what}；显示 {shown} 项，共 {total} 项）",
            "en": " (filtered: {what}; {shown} of {total} shown)",
        },
    },
)

#: English nouns of the counts a report shows
_NOUNS = frozenset({"violation", "warning"})  # pending and info take no plural


def summary_line(report: Report, lang: str, code: int, *, filtered: str | None = None, total: int = 0) -> str:
    """The closing line of the text report: the count of each status and the exit status, and what
    a filter left out when one is active (``filtered``: the filter as the command line wrote it)."""
    s = report.summary
    if lang == "en":
        parts = {k: counted(s[k], k) if k in _NOUNS else f"{s[k]} {k}" for k in STATUSES}
    else:
        parts = {k: str(s[k]) for k in STATUSES}
    line = MSG("summary", lang, code=code, **parts)
    if filtered is not None:
        line += MSG("filtered", lang, what=filtered, shown=len(report.findings), total=total)
    return line


def report_text_lines(
    report: Report,
    lang: str,
    *,
    code: int | None = None,
    color: bool = False,
    summary_only: bool = False,
    filtered: str | None = None,
    total: int = 0,
) -> Iterator[str]:
    """The report for people, a line at a time: a head, the findings by status, the summary line
    (:data:`report_text` joins them; ``check`` writes them with :func:`write_lines`).

    ``code`` is the exit status the summary line shows (default: the report's own, 1 when there is
    a violation); ``color`` adds ANSI colours; ``summary_only`` leaves out the findings; ``filtered``
    (the filter, as the command line wrote it) and ``total`` (the findings before it) say that a
    filter is active."""
    zh = lang != "en"
    code = report.exit_code if code is None else code
    events = str(report.events) if zh else counted(report.events, "event")
    head = MSG(
        "head", lang, pack=report.pack, name=report.pack_name, as_of=report.as_of.isoformat(), events=events
    )
    yield paint(head, "head", color)
    if report.pack_file is not None:  # which file: a shipped name may be an installed copy
        yield MSG("pack-file", lang, file=shown(report.pack_file))
    yield ""
    # the findings of each status, in the report's order, with their ids
    by_status: dict[str, tuple[list[Finding], list[str]]] = {
        s: ([], []) for s in (() if summary_only else STATUSES)
    }
    if by_status:
        for f, fid in zip(report.findings, report.listed_ids(), strict=True):
            got = by_status.get(f.status)
            if got is not None:
                got[0].append(f)
                got[1].append(fid)
    evidence = MSG.get("evidence", lang)
    cites: dict[int, tuple[object, str]] = {}  # each citation's line, worked out once (a rule shares one)
    for status, (fs, fids) in by_status.items():
        if not fs:
            continue
        title = f"{STATUS_ZH[status]} {status.upper()} ({len(fs)})" if zh else f"{status.upper()} ({len(fs)})"
        yield paint(title, status, color)
        for f, fid, message in zip(fs, fids, messages_of(fs, lang), strict=True):
            c = f.citation
            cite = cites.get(id(c))
            if cite is None or cite[0] is not c:
                cite = cites[id(c)] = (c, f"      {c['source']}:L{c['line']} 「{c['text']}」")
            yield f"  [{f.rule}] {message}  " + (paint(f"#{fid}", "id", True) if color else f"#{fid}")
            ev = f.evidence
            ids = ", ".join(ev[:8]) + (f" (+{len(ev) - 8})" if len(ev) > 8 else "")
            yield cite[1] + "  " + evidence.format(ids=ids) if ids else cite[1]
        yield ""
    if not report.findings and not summary_only:
        yield MSG("no-findings", lang)
    line = summary_line(report, lang, code, filtered=filtered, total=total)
    yield paint(line, "bad" if code else "ok", color)


def _joined(lines: Callable[_P, Iterable[str]]) -> Callable[_P, str]:
    """A function giving the lines of ``lines`` (given the same arguments) as one text, each line
    ended by a line break."""

    def text(*args: _P.args, **kwargs: _P.kwargs) -> str:
        with paused_gc():
            return "\n".join(lines(*args, **kwargs)) + "\n"

    return text


#: the report for people as one text: :func:`report_text_lines`, joined (same arguments)
report_text = _joined(report_text_lines)


def write_lines(lines: Iterable[str], write: Callable[[str], object], batch: int = 4096) -> None:
    """``lines``, each ended by a line break, written ``batch`` at a time: the text that joining them
    gives, never held whole."""
    with paused_gc():
        held: list[str] = []
        for line in lines:
            held.append(line)
            if len(held) == batch:
                write("\n".join(held) + "\n")
                held.clear()
        if held:
            write("\n".join(held) + "\n")


def rules_json(pack: Pack, lang: str) -> str:
    return _json(pack.to_json())


def rules_text(pack: Pack, lang: str) -> str:
    """The rules of a pack for people: each rule's id, kind and severity, the line it rests on, the
    duties it states (in the language asked for: what ``compare`` shows) and its parameters."""
    from ..compare.model import describe

    en = lang == "en"
    m = pack.model
    lines = [
        f"{pack.id}: {m.name}",
        MSG("document", lang, title=m.document.title),
        *pack_lines(pack, lang),
        "",
    ]
    for r in pack.rules:
        params = json.dumps(r.params.to_json(), ensure_ascii=False)
        c = r.citation
        lines.append(f"  {r.id}  [{r.kind}, {r.severity}]")
        lines.append(f"      {c.source}:L{c.line} 「{c.text}」")
        for duty in describe(r):
            label, figure = (duty.label[1], duty.figure[1]) if en else (duty.label[0], duty.figure[0])
            lines.append(MSG("duty", lang, label=label, figure=figure))
        lines.append(MSG("params", lang, params=params))
        lines.extend(rule_lines(r, pack, lang))  # where each value comes from (extends:, dated values)
    if m.not_encoded:
        lines.append("")
        lines.append(MSG("not-encoded", lang, count=len(m.not_encoded)))
        for n in m.not_encoded:
            lines.append(f"  - {n.clause} (L{n.citation.line}, {n.status}): {n.reason}")
    lines.append("")
    if en:
        rules, clauses = counted(len(pack.rules), "rule"), counted(len(m.not_encoded), "clause")
    else:
        rules, clauses = str(len(pack.rules)), str(len(m.not_encoded))
    lines.append(MSG("rules-total", lang, rules=rules, clauses=clauses))
    return "\n".join(lines) + "\n"


#: the report formats that need only the report (every format: ``changrenzhi.outputs.FORMATS``)
REPORTERS: dict[str, Callable[[Report, str], str]] = {"text": report_text, "json": report_json}
RULE_LISTERS: dict[str, Callable[[Pack, str], str]] = {"text": rules_text, "json": rules_json}


def render_rules(pack: Pack, fmt: str = "text", lang: str = "zh") -> str:
    return RULE_LISTERS[fmt](pack, lang)
