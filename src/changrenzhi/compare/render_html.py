"""``compare`` as one self-contained HTML page: the table, its style and a filter for rows that differ.

The style and the script are package data (``static/compare.css``, ``static/compare.js``),
written into the page.
"""

from __future__ import annotations

import functools
import html
from importlib import resources

from ..text import pick
from .model import MSG, Comparison

__all__ = ["render_html"]


@functools.cache
def static(name: str) -> str:
    """The text of ``static/<name>``, shipped beside this module."""
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")


def render_html(cmp: Comparison, lang: str) -> str:
    esc = html.escape
    title = cmp.title(lang)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{"en" if lang == "en" else "zh-CN"}">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        f"<style>\n{static('compare.css')}</style>",
        "</head>",
        "<body>",
        f"<h1>{esc(title)}</h1>",
        f'<p class="note">{esc(MSG("html_note", lang))}</p>',
        f'<label class="only"><input type="checkbox" id="only"> {esc(MSG("only_differ", lang))}</label>',
        "<table>",
        "<thead><tr>",
        f"<th>{esc(MSG('duty', lang))}</th>",
    ]
    for p in cmp.packs:
        out.append(f"<th>{esc(p.id)}<small>{esc(p.name)}<br>{esc(p.model.locality)}</small></th>")
    out.append("</tr></thead>")
    out.append("<tbody>")
    for row in cmp.rows:
        cls = ' class="same"' if row.same else ""
        out.append(f'<tr data-key="{esc(row.key)}"{cls}>')
        out.append(f'<td class="duty">{esc(pick(row.label, lang))}<code>{esc(row.key)}</code></td>')
        for cell in row.cells:
            if not cell:
                out.append(f'<td class="missing">{esc(MSG("missing", lang))}</td>')
                continue
            parts = []
            for e in cell:
                fig = esc(pick(e.figure, lang))
                if e.severity in ("warning", "info"):
                    sev = MSG("severity", lang, severity=MSG(e.severity, lang))
                    fig += f'<span class="sev">{esc(sev)}</span>'
                quote = e.cite() + (f" ({e.clause})" if e.clause else "")
                parts.append(
                    '<div class="entry">'
                    f'<span class="fig">{fig}</span>'
                    f'<span class="rule">{esc(e.rule)}</span>'
                    f'<span class="cite" tabindex="0" title="{esc(quote)}">L{e.line}'
                    f'<span class="tip">{esc(quote)}</span></span>'
                    "</div>"
                )
            out.append(f'<td class="entry">{"".join(parts)}</td>')
        out.append("</tr>")
    out += ["</tbody>", "</table>", f"<script>\n{static('compare.js')}</script>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
