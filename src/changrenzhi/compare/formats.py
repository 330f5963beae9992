"""The formats of ``compare``: text, markdown, csv, json and html, and :func:`render`."""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Callable

from ..text import pick
from .model import MSG, Comparison
from .render_html import render_html
from .render_text import render_text

__all__ = ["FORMATS", "render", "render_csv", "render_html", "render_json", "render_markdown", "render_text"]


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


def render_csv(cmp: Comparison, lang: str) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    head = [MSG("key", lang), MSG("kind", lang), MSG("duty", lang)]
    for p in cmp.packs:
        head += [p.id, f"{p.id} {MSG('rule', lang)}", f"{p.id} {MSG('citation', lang)}"]
    w.writerow(head)
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
        w.writerow(out)
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


def render(cmp: Comparison, fmt: str = "text", lang: str = "zh", *, width: int | None = None) -> str:
    """``cmp`` in one of :data:`FORMATS`; ``width`` (columns) only matters to ``text``."""
    if fmt == "text":
        return render_text(cmp, lang, width or 100)
    return FORMATS[fmt](cmp, lang)
