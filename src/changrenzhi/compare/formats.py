"""The formats of ``compare``: text, markdown, csv, json and html, and :func:`render`; xlsx (bytes,
with the ``xlsx`` extra) in :data:`BINARY_FORMATS`."""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Callable

from ..errors import UsageError
from ..text import pick
from .model import MSG, Comparison
from .render_html import render_html
from .render_text import render_text

__all__ = [
    "BINARY_FORMATS",
    "FORMATS",
    "render",
    "render_csv",
    "render_html",
    "render_json",
    "render_markdown",
    "render_text",
    "render_xlsx",
]


def _md(s: str) -> str:
    return html.escape(s, quote=False).replace("|", "\\|").replace("\n", "<br>")


def render_markdown(cmp: Comparison, lang: str) -> str:
    paren = "{}（{}）" if lang != "en" else "{} ({})"
    head = [MSG("duty", lang), *(paren.format(p.id, p.model.locality) for p in cmp.packs)]
    lines = [f"# {_md(cmp.title(lang))}", "", "| " + " | ".join(_md(h) for h in head) + " |"]
    lines.append("|" + "---|" * len(head))
    for row in cmp.rows:
        cells = [f"{_md(pick(row.label, lang))}<br>`{row.key}`"]
        for cell in row.cells:
            if not cell:
                cells.append(_md(MSG("missing", lang)))
                continue
            cells.append(
                "<br><br>".join(
                    f"**{_md(e.figure_with_severity(lang))}**<br>`{e.rule}`<br>{_md(e.cite())}" for e in cell
                )
            )
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


#: the byte-order mark a CSV starts with, so that Excel (a Chinese Windows' above all) reads it as
#: UTF-8 rather than in the system's code page
BOM = "\ufeff"


def _table(cmp: Comparison, lang: str) -> tuple[list[str], list[list[str]]]:
    """The head and the rows that csv and xlsx write: per pack its figure, rule and citation."""
    head = [MSG("key", lang), MSG("kind", lang), MSG("duty", lang)]
    for p in cmp.packs:
        head += [p.id, f"{p.id} {MSG('rule', lang)}", f"{p.id} {MSG('citation', lang)}"]
    rows = []
    for row in cmp.rows:
        out = [row.key, row.kind, pick(row.label, lang)]
        for cell in row.cells:
            if not cell:
                out += [MSG("missing", lang), "", ""]
                continue
            out += [
                "\n".join(e.figure_with_severity(lang) for e in cell),
                "\n".join(e.rule for e in cell),
                "\n".join(e.cite() for e in cell),
            ]
        rows.append(out)
    return head, rows


def render_csv(cmp: Comparison, lang: str) -> str:
    """Comma-separated, with a byte-order mark (:data:`BOM`)."""
    buf = io.StringIO()
    buf.write(BOM)
    w = csv.writer(buf, lineterminator="\n")
    head, rows = _table(cmp, lang)
    w.writerow(head)
    w.writerows(rows)
    return buf.getvalue()


def _cell_text(text: str) -> str:
    """A cell as a spreadsheet keeps it: no control characters but line ends, and never a formula."""
    text = "".join(ch for ch in text if ch in "\n\t" or ord(ch) >= 0x20)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def render_xlsx(cmp: Comparison, lang: str) -> bytes:
    """The csv table as an Excel workbook (needs the ``xlsx`` extra, openpyxl): the head frozen,
    columns sized, text wrapped; the pack documents on a second sheet."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font
    except ImportError:
        raise UsageError(MSG("no_openpyxl", lang)) from None
    head, rows = _table(cmp, lang)
    wb = Workbook()
    ws = wb.active
    ws.title = "compare"
    ws.append([_cell_text(h) for h in head])
    for row in rows:
        ws.append([_cell_text(v) for v in row])
    wrap = Alignment(wrap_text=True, vertical="top")
    for col in ws.iter_cols():
        for c in col:
            c.alignment = wrap
    for c in ws[1]:
        c.font = Font(bold=True)
    widths = [24, 14, 22] + [22, 20, 40] * len(cmp.packs)
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = w
    ws.freeze_panes = "D2"
    docs = wb.create_sheet("packs")
    docs.append(["id", "name", "locality", "document"])
    for p in cmp.packs:
        docs.append([_cell_text(v) for v in (p.id, p.name, p.model.locality, p.model.document.title)])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def render_json(cmp: Comparison, lang: str) -> str:
    return json.dumps(cmp.to_json(lang), ensure_ascii=False, indent=2) + "\n"


FORMATS: dict[str, Callable[[Comparison, str], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "csv": render_csv,
    "json": render_json,
    "html": render_html,
}

#: the formats written as bytes (a workbook), not text
BINARY_FORMATS: dict[str, Callable[[Comparison, str], bytes]] = {"xlsx": render_xlsx}


def render(cmp: Comparison, fmt: str = "text", lang: str = "zh", *, width: int | None = None) -> str:
    """``cmp`` in one of :data:`FORMATS`; ``width`` (columns) only matters to ``text``."""
    if fmt == "text":
        return render_text(cmp, lang, width or 100)
    return FORMATS[fmt](cmp, lang)
