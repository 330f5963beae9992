"""``changrenzhi dashboard DATASET``: a county's towns on one page, from a ``check-many`` dataset.

The dataset (what ``check-many`` writes; docs/DASHBOARD.md):

- ``towns.jsonl``: one object per town, sorted by town: ``town``, ``pack``, ``log``, ``as_of``,
  ``status`` (``ok`` or ``error``), ``events`` (a count or null), ``counts`` (``violation``,
  ``warning``, ``pending``, ``info``) and ``error`` (null, or ``message``, ``file``, ``line``,
  ``field``);
- ``findings/town=<town>/findings.jsonl``: the town's findings, one a line, each the object an
  element of ``check --format json``'s ``findings`` is, preceded by ``town`` and ``as_of``.

The page: the totals; the violations of the whole county quarter by quarter over the term (an SVG
drawn here); a table of towns by families of rules (groups, study, contacts...), each cell the
town's findings of that family, linking to the town's own report, ``reports/<town>.html`` beside
the dashboard (written by ``dashboard --reports``, or by ``check --format html`` by hand), with
each town's violations per quarter drawn small beside it; and the towns that could not be checked,
with their error. Everything read is checked as it is read, within bounds, and every problem is
named by file, line and field; everything shown is escaped.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..errors import Problem, _LocatedError
from ..findings import STATUSES
from ..messages import Section
from .html import MSG as PAGE_MSG
from .html import esc, page, static

__all__ = [
    "MAX_LINE",
    "MAX_TOWNS",
    "Dataset",
    "DatasetError",
    "Town",
    "read_dataset",
    "render_dashboard",
    "report_href",
    "safe_name",
    "write_reports",
]

#: the longest line read from a dataset file, in bytes
MAX_LINE = 1 << 20
#: the most towns a dataset may list
MAX_TOWNS = 10_000

MSG = Section(
    "dashboard",
    {
        "title": {"zh": "县级汇总：{towns} 个乡镇", "en": "County overview: {towns} towns"},
        "meta": {"zh": "数据集 {folder}｜截至 {as_of}", "en": "dataset {folder} | as of {as_of}"},
        "checked": {"zh": "已检查乡镇", "en": "towns checked"},
        "failed": {"zh": "无法检查", "en": "could not be checked"},
        "trend": {
            "zh": "全县各季度判定的发现",
            "en": "Findings of the county by the quarter they were judged in",
        },
        "trend_note": {
            "zh": "每季度一根柱：违反、提醒、待定的条数（按期间最后一天所在季度）。",
            "en": "One bar per quarter: violations, warnings and pending findings (by the quarter of "
            "the period's last day).",
        },
        "table": {"zh": "乡镇 × 规则类别", "en": "Towns × families of rules"},
        "table_note": {
            "zh": "每格：违反条数（小字为提醒/待定）；颜色越深违反越多。点击乡镇或一格打开该乡镇的报告"
            "（reports/乡镇名.html）；点击列头排序。",
            "en": "Each cell: violations (small: warnings/pending); the darker, the more. Click a town "
            "or a cell for its report (reports/<town>.html); click a heading to sort.",
        },
        "town": {"zh": "乡镇", "en": "town"},
        "total": {"zh": "违反合计", "en": "violations"},
        "by_quarter": {"zh": "各季度违反", "en": "violations per quarter"},
        "errors": {"zh": "无法检查的乡镇", "en": "Towns that could not be checked"},
        "no_towns": {"zh": "数据集中没有乡镇。", "en": "The dataset lists no town."},
        "family_activities": {"zh": "活动", "en": "activities"},
        "family_agenda": {"zh": "议题", "en": "agenda"},
        "family_appraisal": {"zh": "评议", "en": "appraisal"},
        "family_committee": {"zh": "党委委员联系", "en": "committee"},
        "family_contacts": {"zh": "代表联系党员", "en": "contacts"},
        "family_elections": {"zh": "选举", "en": "elections"},
        "family_groups": {"zh": "代表小组", "en": "groups"},
        "family_inspections": {"zh": "视察", "en": "inspections"},
        "family_meetings": {"zh": "会议", "en": "meetings"},
        "family_proposals": {"zh": "提案建议", "en": "proposals"},
        "family_reports": {"zh": "工作报告", "en": "reports"},
        "family_reps": {"zh": "代表履职", "en": "reps"},
        "family_study": {"zh": "学习", "en": "study"},
        "family_other": {"zh": "其他", "en": "other"},
    },
)


class DatasetError(_LocatedError):
    """A ``check-many`` dataset that cannot be read: a missing file, bad JSON, a missing field."""


@dataclass(slots=True)
class Town:
    """One line of ``towns.jsonl`` and what its findings add up to."""

    town: str
    pack: str
    log: str
    as_of: str
    status: str
    events: int | None
    counts: dict[str, int]
    error: dict[str, Any] | None
    #: family -> status -> findings
    families: dict[str, dict[str, int]] = field(default_factory=dict)
    #: (year, quarter) -> status -> findings
    quarters: dict[tuple[int, int], dict[str, int]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Dataset:
    folder: Path
    towns: tuple[Town, ...]


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """(number, line) of a file read in bounded pieces; a line over :data:`MAX_LINE` is an error."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise DatasetError([Problem(str(path), None, None, f"cannot read: {exc.strerror or exc}")]) from None
    with handle:
        for n, raw in enumerate(iter(lambda: handle.readline(MAX_LINE + 1), b""), 1):
            if len(raw) > MAX_LINE:
                raise DatasetError([Problem(str(path), n, None, f"line longer than {MAX_LINE} bytes")])
            if raw.strip():
                yield n, raw


def _object(path: Path, n: int, raw: bytes) -> dict[str, Any]:
    try:
        got = json.loads(raw.decode("utf-8-sig" if n == 1 else "utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise DatasetError([Problem(str(path), n, None, f"not a JSON object: {exc}")]) from None
    if not isinstance(got, dict):
        raise DatasetError([Problem(str(path), n, None, "not a JSON object")])
    return got


def _field(path: Path, n: int, obj: dict[str, Any], key: str, types: tuple[type, ...], what: str) -> Any:
    value = obj.get(key)
    if key not in obj or not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
        raise DatasetError([Problem(str(path), n, key, f"expected {what}, got {json.dumps(value)[:80]}")])
    return value


def _day(path: Path, n: int, key: str, text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise DatasetError(
            [Problem(str(path), n, key, f"expected a date YYYY-MM-DD, got {text[:40]!r}")]
        ) from None


def _families() -> dict[str, str]:
    from ..registry import BUILTIN_KINDS

    return {k.name: k.__module__.split(".")[2] for k in BUILTIN_KINDS}


def _quarter(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def read_dataset(folder: str | os.PathLike[str]) -> Dataset:
    """The towns of a dataset and their findings added up by family and by quarter."""
    root = Path(folder)
    listing = root / "towns.jsonl"
    if not root.is_dir():
        raise DatasetError(
            [Problem(str(root), None, None, "not a folder (give the folder check-many wrote)")]
        )
    families = _families()
    towns: list[Town] = []
    seen: set[str] = set()
    for n, raw in _lines(listing):
        obj = _object(listing, n, raw)
        if len(towns) >= MAX_TOWNS:
            raise DatasetError([Problem(str(listing), n, None, f"more than {MAX_TOWNS} towns")])
        name = _field(listing, n, obj, "town", (str,), "a name")
        if not name or name in seen:
            raise DatasetError([Problem(str(listing), n, "town", f"empty or listed twice: {name[:80]!r}")])
        seen.add(name)
        status = _field(listing, n, obj, "status", (str,), '"ok" or "error"')
        if status not in ("ok", "error"):
            raise DatasetError(
                [Problem(str(listing), n, "status", f'expected "ok" or "error", got {status!r}')]
            )
        counts_obj = _field(listing, n, obj, "counts", (dict,), "an object of counts")
        counts: dict[str, int] = {}
        for s in STATUSES:
            v = counts_obj.get(s, 0)
            if not isinstance(v, int) or isinstance(v, bool) or v < 0:
                raise DatasetError([Problem(str(listing), n, f"counts.{s}", f"expected a count, got {v!r}")])
            counts[s] = v
        events = obj.get("events")
        if events is not None and (not isinstance(events, int) or isinstance(events, bool)):
            raise DatasetError(
                [Problem(str(listing), n, "events", f"expected a count or null, got {events!r}")]
            )
        error = obj.get("error")
        if error is not None and not isinstance(error, dict):
            raise DatasetError([Problem(str(listing), n, "error", "expected an object or null")])
        as_of = _field(listing, n, obj, "as_of", (str,), "a date")
        _day(listing, n, "as_of", as_of)
        town = Town(
            name,
            str(obj.get("pack", "")),
            str(obj.get("log", "")),
            as_of,
            status,
            events,
            counts,
            error,
        )
        if status == "ok":
            _add_findings(root, town, families)
        towns.append(town)
    return Dataset(root, tuple(towns))


def _add_findings(root: Path, town: Town, families: dict[str, str]) -> None:
    path = root / "findings" / f"town={town.town}" / "findings.jsonl"
    if not path.exists():  # a town with no finding may have no file
        return
    as_of = date.fromisoformat(town.as_of)
    for n, raw in _lines(path):
        obj = _object(path, n, raw)
        status = _field(path, n, obj, "status", (str,), "a status")
        if status not in STATUSES:
            raise DatasetError([Problem(str(path), n, "status", f"not a status: {status[:40]!r}")])
        kind = _field(path, n, obj, "kind", (str,), "a kind")
        fam = families.get(kind, "other")
        town.families.setdefault(fam, dict.fromkeys(STATUSES, 0))[status] += 1
        period = obj.get("period")
        if period is None:
            continue
        if not isinstance(period, dict):
            raise DatasetError([Problem(str(path), n, "period", "expected an object or null")])
        start = _day(path, n, "period.start", str(period.get("start")))
        end = _day(path, n, "period.end", str(period.get("end")))
        q = _quarter(max(start, min(end, as_of)))
        town.quarters.setdefault(q, dict.fromkeys(STATUSES, 0))[status] += 1


# ---- the page ------------------------------------------------------------------------------------
def report_href(town: str) -> str:
    """The link to a town's report, relative to the dashboard (a name quoted whole: no folders)."""
    return "reports/" + quote(town, safe="") + ".html"


def _span(towns: tuple[Town, ...]) -> list[tuple[int, int]]:
    got = [q for t in towns for q in t.quarters]
    if not got:
        return []
    (y, q), last = min(got), max(got)
    out: list[tuple[int, int]] = []
    while (y, q) <= last and len(out) < 400:
        out.append((y, q))
        y, q = (y, q + 1) if q < 4 else (y + 1, 1)
    return out


def _county_chart(towns: tuple[Town, ...], quarters: list[tuple[int, int]], lang: str) -> str:
    """Stacked bars, one per quarter: violations, warnings, pending of every town."""
    shown = ("violation", "warning", "pending")
    totals = [{s: sum(t.quarters.get(q, {}).get(s, 0) for t in towns) for s in shown} for q in quarters]
    top = max([sum(v.values()) for v in totals] + [1])
    bar, gap, h, left, bottom = 28, 8, 180, 40, 36
    width = left + len(quarters) * (bar + gap) + gap
    out = [
        f'<svg class="chart" role="img" width="{width}" height="{h + bottom + 10}" '
        f'viewBox="0 0 {width} {h + bottom + 10}" aria-label="{esc(MSG("trend", lang))}">'
    ]
    for frac in (0, 0.5, 1):
        gy = 10 + h - round(h * frac)
        out.append(f'<line x1="{left}" y1="{gy}" x2="{width}" y2="{gy}" class="grid"/>')
        out.append(
            f'<text x="{left - 6}" y="{gy + 4}" class="ax" text-anchor="end">{round(top * frac)}</text>'
        )
    for i, ((year, qn), v) in enumerate(zip(quarters, totals, strict=True)):
        x = left + gap + i * (bar + gap)
        y = float(10 + h)
        tip = ", ".join(f"{PAGE_MSG(s, lang)} {v[s]}" for s in shown)
        out.append(f"<g><title>{year} Q{qn}: {esc(tip)}</title>")
        for s in shown:
            hh = h * v[s] / top
            if hh:
                y -= hh
                out.append(f'<rect x="{x}" y="{y:.1f}" width="{bar}" height="{hh:.1f}" class="{s[0]}"/>')
        out.append("</g>")
        out.append(f'<text x="{x + bar / 2}" y="{10 + h + 14}" class="ax" text-anchor="middle">Q{qn}</text>')
        if qn == 1 or i == 0:
            out.append(f'<text x="{x}" y="{10 + h + 30}" class="ax">{year}</text>')
    out.append("</svg>")
    return "".join(out)


def _spark(town: Town, quarters: list[tuple[int, int]]) -> str:
    """The town's violations per quarter, drawn small on the county's axis."""
    if not quarters:
        return ""
    vals = [town.quarters.get(q, {}).get("violation", 0) for q in quarters]
    top = max([*vals, 1])
    w, h = 4, 22
    out = [f'<svg class="spark" width="{len(vals) * (w + 1)}" height="{h}" aria-hidden="true">']
    for i, v in enumerate(vals):
        if v:
            hh = max(1.0, h * v / top)
            out.append(f'<rect x="{i * (w + 1)}" y="{h - hh:.1f}" width="{w}" height="{hh:.1f}"/>')
    out.append("</svg>")
    return "".join(out)


def render_dashboard(data: Dataset, lang: str = "zh") -> str:
    towns = data.towns
    ok = [t for t in towns if t.status == "ok"]
    bad = [t for t in towns if t.status != "ok"]
    as_ofs = sorted({t.as_of for t in towns})
    title = MSG("title", lang, towns=len(towns))
    folder = data.folder.name or str(data.folder)
    body = [
        f"<h1>{esc(title)}</h1>",
        f'<p class="meta">{esc(MSG("meta", lang, folder=folder, as_of=", ".join(as_ofs) or "—"))}</p>',
        '<div class="summary">',
        f'<div class="tile"><b>{len(ok)}</b><span>{esc(MSG("checked", lang))}</span></div>',
        f'<div class="tile v"><b>{len(bad)}</b><span>{esc(MSG("failed", lang))}</span></div>',
    ]
    for s in STATUSES:
        n = sum(t.counts[s] for t in ok)
        body.append(f'<div class="tile {s[0]}"><b>{n}</b><span>{esc(PAGE_MSG(s, lang))}</span></div>')
    body.append("</div>")
    if not towns:
        body.append(f'<p class="note">{esc(MSG("no_towns", lang))}</p>')
    quarters = _span(tuple(ok))
    if quarters:
        body.append(f"<h2>{esc(MSG('trend', lang))}</h2>")
        body.append(f'<p class="note">{esc(MSG("trend_note", lang))}</p>')
        body.append(f'<div class="gridwrap">{_county_chart(tuple(ok), quarters, lang)}</div>')
    order = [*_families().values(), "other"]
    fams = sorted(
        {f for t in ok for f in t.families}, key=lambda f: (order.index(f) if f in order else len(order), f)
    )
    if ok:
        body.append(f"<h2>{esc(MSG('table', lang))}</h2>")
        body.append(f'<p class="note">{esc(MSG("table_note", lang))}</p>')
        top = max([t.families.get(f, {}).get("violation", 0) for t in ok for f in fams] + [1])
        body.append('<div class="gridwrap"><table class="grid dash" id="dash"><thead><tr>')
        body.append(f'<th class="subj" data-sort="text">{esc(MSG("town", lang))}</th>')
        for f in fams:
            body.append(f'<th class="b" data-sort="num">{esc(MSG("family_" + f, lang))}</th>')
        body.append(f'<th class="b" data-sort="num">{esc(MSG("total", lang))}</th>')
        body.append(f'<th class="b">{esc(MSG("by_quarter", lang))}</th></tr></thead><tbody>')
        for t in ok:
            href = esc(report_href(t.town))
            row = [f'<tr><th class="subj"><a href="{href}">{esc(t.town)}</a></th>']
            for f in fams:
                c = t.families.get(f, {})
                v, w, p = c.get("violation", 0), c.get("warning", 0), c.get("pending", 0)
                if not (v or w or p or c.get("info", 0)):
                    row.append('<td class="c" data-v="0"></td>')
                    continue
                shade = 0 if not v else 1 + min(4, math.ceil(4 * v / top))
                small = f"<small>{w}/{p}</small>" if w or p else ""
                row.append(f'<td class="c h{shade}" data-v="{v}"><a href="{href}">{v}{small}</a></td>')
            row.append(f'<td class="n" data-v="{t.counts["violation"]}">{t.counts["violation"]}</td>')
            row.append(f'<td class="sp">{_spark(t, quarters)}</td></tr>')
            body.append("".join(row))
        body.append("</tbody></table></div>")
    if bad:
        body.append(f'<h2>{esc(MSG("errors", lang))}</h2><ul class="errors">')
        for t in bad:
            e = t.error or {}
            place = ":".join(str(x) for x in (e.get("file"), e.get("line")) if x is not None)
            where = " ".join(str(x) for x in (place, e.get("field")) if x)
            body.append(
                f"<li><b>{esc(t.town)}</b> <code>{esc(where)}</code> {esc(e.get('message', ''))}</li>"
            )
        body.append("</ul>")
    return page(title, body, lang, static("report.css") + static("dashboard.css"), static("dashboard.js"))


# ---- the towns' own reports --------------------------------------------------------------------
def safe_name(town: str) -> bool:
    """Whether a town's name can be a file name as it is (the link quotes it; the browser unquotes it)."""
    return (
        0 < len(town.encode("utf-8", "surrogatepass")) <= 200
        and not town.startswith(".")
        and not any(ch in town for ch in "/\\:")
        and all(ch.isprintable() for ch in town)
    )


def _bases(root: Path) -> list[Path]:
    """The folders a relative pack or log path of ``towns.jsonl`` may be relative to, besides the
    working folder: the manifest's folder (``check-many`` reads the manifest's paths from there; the
    dataset's ``manifest.json`` names it), the dataset's folder, and the folder holding the dataset."""
    bases: list[Path] = []
    try:
        recorded = json.loads((root / "manifest.json").read_text(encoding="utf-8")).get("manifest")
    except (OSError, ValueError, AttributeError):
        recorded = None
    if isinstance(recorded, str) and recorded:
        bases.append(Path(recorded).parent)
    return [*bases, root, root.parent]


def _find(ref: str, root: Path) -> str:
    """A pack or log path of towns.jsonl: as written (from the working folder), else beside the
    manifest, the dataset, or the dataset's folder (see :func:`_bases`)."""
    if not ref or os.path.exists(ref) or os.path.isabs(ref):
        return ref
    for base in _bases(root):
        beside = base / ref
        if beside.exists():
            return str(beside)
    return ref


def write_reports(data: Dataset, folder: Path, lang: str = "zh") -> list[str]:
    """Each checked town's report (``check --format html``) as ``folder/<town>.html``, from the pack,
    log and date its line names; returns notes on the towns left out (and why)."""
    from ..engine.core import evaluate
    from ..errors import ChangrenzhiError
    from ..events import read_events
    from ..explain import lines_at
    from ..loading import load_pack
    from .html import render_check_html

    notes: list[str] = []
    folder.mkdir(parents=True, exist_ok=True)
    for t in data.towns:
        if t.status != "ok":
            continue
        if not safe_name(t.town):
            notes.append(f"{t.town!r}: no report written (the name cannot be a file name)")
            continue
        pack_ref, log = _find(t.pack, data.folder), _find(t.log, data.folder)
        try:
            pack = load_pack(pack_ref)
            events = read_events(log)
            report = evaluate(pack, events, date.fromisoformat(t.as_of))
        except (ChangrenzhiError, OSError) as exc:
            notes.append(f"{t.town}: no report written ({str(exc).splitlines()[0]})")
            continue

        def raw(ns: Any, path: str = log) -> Any:
            return lines_at(path, ns)

        page_text = render_check_html(report, pack, lang, events, raw)
        (folder / f"{t.town}.html").write_text(page_text, encoding="utf-8")
    return notes
