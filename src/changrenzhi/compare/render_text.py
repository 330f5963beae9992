"""``compare`` as a text table that fits a terminal: the duty, then one column per pack."""

from __future__ import annotations

from ..text import clip, pad, pick, text_width, wrap
from .model import MSG, Comparison, Entry

__all__ = ["KEY_BREAKS", "render_text"]

#: where a duty key may break between lines
KEY_BREAKS = ":→_+"


def _cite_short(e: Entry) -> str:
    return f"L{e.line}「{e.quote}」"


def render_text(cmp: Comparison, lang: str, width: int = 100) -> str:
    """The table in ``width`` columns. When the duty column and the packs' columns do not fit side
    by side (many packs, a narrow terminal), each duty's label becomes a line of its own above its
    row, and the packs share the whole width: a label is never cut mid-word to make room."""
    n = len(cmp.packs)
    sep = " │ "
    labels = [text_width(MSG("duty", lang))] + [text_width(pick(r.label, lang)) for r in cmp.rows]
    label_w = max(12, min(26, max(labels)))
    stacked = label_w + n * (12 + len(sep)) > width
    if stacked:
        col_w = max(8, (width - len(sep) * (n - 1)) // max(n, 1))
        widths = [col_w] * n
    else:
        col_w = max(12, (width - label_w - len(sep) * n) // max(n, 1))
        widths = [label_w] + [col_w] * n

    def block(cells: list[list[str]]) -> list[str]:
        height = max(len(c) for c in cells)
        out = []
        for i in range(height):
            parts = [pad(c[i] if i < len(c) else "", w) for c, w in zip(cells, widths, strict=True)]
            out.append(sep.join(parts).rstrip())
        return out

    rule_line = "─┼─".join("─" * w for w in widths)
    head: list[list[str]] = [] if stacked else [wrap(MSG("duty", lang), label_w)]
    for p in cmp.packs:
        head.append(wrap(p.id, col_w, ".-_") + clip(wrap(p.model.locality, col_w), 1, col_w))
    lines = [cmp.title(lang), "", *block(head)]
    for row in cmp.rows:
        if stacked:
            lines.append("═" * min(width, sum(widths) + len(sep) * (n - 1)))
            lines += wrap(f"{pick(row.label, lang)}  {row.key}", width, KEY_BREAKS)
            lines.append(rule_line)
            cells: list[list[str]] = []
        else:
            lines.append(rule_line)
            cells = [wrap(pick(row.label, lang), label_w) + wrap(row.key, label_w, KEY_BREAKS)]
        for cell in row.cells:
            if not cell:
                cells.append(wrap(MSG("missing", lang), col_w))
                continue
            got: list[str] = []
            for e in cell:
                got += wrap(e.figure_with_severity(lang), col_w)
                got += wrap(e.rule, col_w, ".-")
                got += clip(wrap(_cite_short(e), col_w), 2, col_w)
            cells.append(got)
        lines += block(cells)
    return "\n".join(lines) + "\n"
