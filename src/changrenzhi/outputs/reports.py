"""Renderers of reports and rule listings.

The formats of ``check`` and ``lint`` live in one registry, :data:`changrenzhi.outputs.FORMATS`
(one class per format); this module keeps the text and JSON renderers of a report that the
registry's ``text`` and ``json`` formats use, and the rule listings of ``rules``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pydantic_core

from ..findings import STATUSES, Report, check_lang
from ..messages import LANGS
from ..pack.model import Pack
from .places import shown
from .provenance import pack_lines, rule_lines

__all__ = ["REPORTERS", "RULE_LISTERS", "render_rules"]

STATUS_ZH = {"violation": "违反", "warning": "提醒", "pending": "待定", "info": "提示"}
STATUS_EN = {"violation": "violations", "warning": "warnings", "pending": "pending", "info": "info"}


def _json(obj: Any) -> str:
    # pydantic-core's encoder writes the same text as json.dumps(indent=2, ensure_ascii=False)
    # for the plain values a report holds, about five times faster on large reports
    try:
        return pydantic_core.to_json(obj, indent=2).decode("utf-8") + "\n"
    except pydantic_core.PydanticSerializationError as exc:
        if "surrogates not allowed" not in str(exc):
            raise
        # a file name that is not UTF-8 (Python carries its bytes as lone surrogates): as \u
        # escapes, which JSON allows, and the output stays UTF-8
        return json.dumps(obj, indent=2, ensure_ascii=True) + "\n"


def report_json(report: Report, lang: str) -> str:
    return _json(report.to_json(lang))


def report_json_bytes(report: Report, lang: str) -> bytes:
    """``report_json(report, lang)`` encoded as UTF-8, without decoding the encoder's bytes first."""
    return pydantic_core.to_json(report.to_json(lang), indent=2) + b"\n"


#: the findings a streamed report encodes at a time
STREAM_CHUNK = 1000
_HOLE = "changrenzhi: the findings go here"


def write_report_json(report: Report, lang: str, write: Callable[[bytes], object]) -> None:
    """``report_json_bytes(report, lang)`` written a few findings at a time: neither the report's
    dicts nor its text are ever held whole (a large report runs to 100 MB)."""
    if lang not in LANGS:
        check_lang("Report.to_json", lang)
    findings = report.findings
    if not findings:
        write(report_json_bytes(report, lang))
        return
    head, tail = pydantic_core.to_json(report.json_with(_HOLE), indent=2).split(f'"{_HOLE}"'.encode())
    write(head + b"[\n")
    id_of = report.id_of
    for start in range(0, len(findings), STREAM_CHUNK):
        part = [f.to_json(lang, id_of(f)) for f in findings[start : start + STREAM_CHUNK]]
        # the list as the whole report indents it: one level deeper than on its own
        text = pydantic_core.to_json(part, indent=2)[2:-2].replace(b"\n", b"\n  ")
        write((b",\n  " if start else b"  ") + text)
    write(b"\n  ]" + tail + b"\n")


def report_text(report: Report, lang: str) -> str:
    zh = lang != "en"
    head = (
        f"changrenzhi check: {report.pack} ({report.pack_name}), as of {report.as_of.isoformat()}, "
        f"{report.events} events"
    )
    lines = [head]
    if report.pack_file is not None:  # which file: a shipped name may be an installed copy
        lines.append(f"pack file: {shown(report.pack_file)}")
    lines.append("")
    for status in STATUSES:
        fs = [f for f in report.findings if f.status == status]
        if not fs:
            continue
        title = f"{STATUS_ZH[status]} {status.upper()} ({len(fs)})" if zh else f"{status.upper()} ({len(fs)})"
        lines.append(title)
        for f in fs:
            c = f.citation
            lines.append(f"  [{f.rule}] {f.message(lang)}  #{report.id_of(f)}")
            cite = f"{c['source']}:L{c['line']} 「{c['text']}」"
            ev = ", ".join(f.evidence[:8]) + (f" (+{len(f.evidence) - 8})" if len(f.evidence) > 8 else "")
            lines.append(f"      {cite}" + (f"  evidence: {ev}" if ev else ""))
        lines.append("")
    s = report.summary
    parts = [f"{s[k]} {STATUS_EN[k]}" for k in STATUSES]
    if not report.findings:
        lines.append("No findings." if not zh else "无发现 (no findings).")
    lines.append("Summary: " + ", ".join(parts) + (" -> exit 1" if report.has_violations else " -> exit 0"))
    return "\n".join(lines) + "\n"


def rules_json(pack: Pack, lang: str) -> str:
    return _json(pack.to_json())


def rules_text(pack: Pack, lang: str) -> str:
    m = pack.model
    lines = [f"{pack.id}: {m.name}", f"  document: {m.document.title}", *pack_lines(pack, lang), ""]
    for r in pack.rules:
        params = json.dumps(r.params.to_json(), ensure_ascii=False)
        c = r.citation
        lines.append(f"  {r.id}  [{r.kind}, {r.severity}]")
        lines.append(f"      {c.source}:L{c.line} 「{c.text}」")
        lines.append(f"      params: {params}")
        lines.extend(rule_lines(r, pack, lang))  # where each value comes from (extends:, dated values)
    if m.not_encoded:
        lines.append("")
        lines.append(f"  not encoded ({len(m.not_encoded)}):")
        for n in m.not_encoded:
            lines.append(f"  - {n.clause} (L{n.citation.line}, {n.status}): {n.reason}")
    lines.append("")
    lines.append(f"{len(pack.rules)} rules, {len(m.not_encoded)} clauses not encoded")
    return "\n".join(lines) + "\n"


#: the report formats that need only the report (every format: ``changrenzhi.outputs.FORMATS``)
REPORTERS: dict[str, Callable[[Report, str], str]] = {"text": report_text, "json": report_json}
RULE_LISTERS: dict[str, Callable[[Pack, str], str]] = {"text": rules_text, "json": rules_json}


def render_rules(pack: Pack, fmt: str = "text", lang: str = "zh") -> str:
    return RULE_LISTERS[fmt](pack, lang)
