"""``compare`` as one self-contained HTML page for people: the table, filters, sorting, print style.

Each cell shows the figure, the rule id and the quoted clause with where it is (the document's
title, the clause, the line; the file name on hover), on screen and in print. Above the table:
keep the duties shared by at least N packs, only those whose figures differ between the packs
that have them, a search over every word of a row, and three orders. Long codes wrap inside their
column at any width. The style and the script are package data (``static/compare.css``,
``static/compare.js``), written into the page; nothing comes from the network.
"""

from __future__ import annotations

import functools
import html
from importlib import resources

from ..text import pick
from .model import MSG, Comparison, Entry

__all__ = ["render_html"]


@functools.cache
def static(name: str) -> str:
    """The text of ``static/<name>``, shipped beside this module."""
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _entry(e: Entry, title: str, lang: str) -> str:
    fig = esc(pick(e.figure, lang))
    if e.severity in ("warning", "info"):
        fig += f'<span class="sev">{esc(MSG("severity", lang, severity=MSG(e.severity, lang)))}</span>'
    # the document's title heads the column (and every printed page); the cell names the clause
    # and the line, the title and the file on hover
    where = [e.clause] if e.clause else []
    where.append(MSG("line", lang, line=e.line))
    sep = "，" if lang != "en" else ", "
    doc = f"《{title}》" if lang != "en" else f"“{title}”"
    return (
        '<div class="entry">'
        f'<div class="fig">{fig}</div>'
        f'<div class="rule">{esc(e.rule)}</div>'
        f'<blockquote class="quote">「{esc(e.quote)}」'
        f'<cite title="{esc(doc)} {esc(e.source)}:L{e.line}">{esc(sep.join(where))}</cite></blockquote>'
        "</div>"
    )


def render_html(cmp: Comparison, lang: str) -> str:
    title = cmp.title(lang)
    n = len(cmp.packs)
    titles = [p.model.document.title for p in cmp.packs]
    options = "".join(f'<option value="{k}">{k}</option>' for k in range(1, n + 1))
    select = f'<select id="min-shared">{options}</select>'
    search = esc(MSG("search", lang))
    sorts = "".join(
        f'<option value="{v}">{esc(MSG("sort_" + v, lang))}</option>' for v in ("default", "shared", "label")
    )
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{"en" if lang == "en" else "zh-CN"}">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">",
        f"<title>{esc(title)}</title>",
        f"<style>\n{static('compare.css')}</style>",
        "</head>",
        "<body>",
        f"<h1>{esc(title)}</h1>",
        f'<p class="note">{esc(MSG("html_note", lang))}</p>',
        '<ul class="packs">',
    ]
    for p, t in zip(cmp.packs, titles, strict=True):
        out.append(
            f"<li><b>{esc(p.id)}</b> {esc(p.name)}（{esc(p.model.locality)}）"
            f'<span class="doc">{esc(MSG("document", lang, title=t))}</span></li>'
        )
    out += [
        "</ul>",
        '<form class="controls" id="controls" onsubmit="return false">',
        f"<label>{MSG('min_shared', lang, select=select)}</label>",
        f'<label><input type="checkbox" id="differ"> {esc(MSG("only_differ", lang))}</label>',
        f'<input type="search" id="q" placeholder="{search}" aria-label="{search}">',
        f'<label>{esc(MSG("sort", lang))} <select id="sort">{sorts}</select></label>',
        f'<output id="shown" data-template="{esc(MSG("shown", lang, shown="{shown}", total="{total}"))}">'
        f"{esc(MSG('shown', lang, shown=len(cmp.rows), total=len(cmp.rows)))}</output>",
        "</form>",
        f'<table style="--packs:{n}">',
        '<colgroup><col class="duty">' + '<col class="pack">' * n + "</colgroup>",
        "<thead><tr>",
        f"<th>{esc(MSG('duty', lang))}</th>",
    ]
    for p, t in zip(cmp.packs, titles, strict=True):
        doc = f'<small class="doc">{esc(t)}</small>'
        out.append(f"<th>{esc(p.id)}<small>{esc(p.model.locality)}</small>{doc}</th>")
    out.append("</tr></thead>")
    out.append("<tbody>")
    for i, row in enumerate(cmp.rows):
        label = pick(row.label, lang)
        cls = " ".join(c for c in ("same" if row.same else "", "differs" if row.differs else "") if c)
        out.append(
            f'<tr data-key="{esc(row.key)}" data-order="{i}" data-shared="{row.shared}" '
            f'data-label="{esc(label)}"' + (f' class="{cls}"' if cls else "") + ">"
        )
        badge = MSG("shared_badge", lang, n=row.shared, of=n)
        shared = f'<span class="shared">{esc(badge)}</span>'
        out.append(f'<td class="duty">{esc(label)}<code>{esc(row.key)}</code>{shared}</td>')
        for cell, t in zip(row.cells, titles, strict=True):
            if not cell:
                out.append(f'<td class="missing" title="{esc(MSG("missing", lang))}">—</td>')
                continue
            out.append(f'<td class="entry">{"".join(_entry(e, t, lang) for e in cell)}</td>')
        out.append("</tr>")
    out += ["</tbody>", "</table>", f"<script>\n{static('compare.js')}</script>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
