"""Packs side by side: one row per duty, one column per pack (``changrenzhi compare``).

A *duty* is what a rule asks of whom, as a key: ``group_size:members`` (members
per group), ``contact_frequency:rep→member`` (a rep visiting the members they
look after), ``quorum:annual`` (the quorum of the annual meeting). Each kind says
what duties a rule of it states, each with a label and a *figure* (``10–15 人``,
``每年至少 2 次``) in Chinese and English. Rules of different packs with the same
duty key share a row; a kind that says nothing gets one row named after the kind,
its parameters summarised (:func:`generic`).

Rows come in a fixed order whatever the order of the packs: by the kind's place
among the built-in kinds (unknown kinds after, by name), then by the rank the
kind gives each duty, then by key. Every renderer walks the same rows.

- :mod:`.model`: :class:`Comparison`, :class:`Row`, :class:`Entry`; :func:`compare`, :func:`describe`
- :mod:`.render_text`: the text table; :mod:`.render_html`: the HTML page (its style and script
  in ``static/``); :mod:`.formats`: markdown, csv, json, and :func:`render` for any of them
"""

from __future__ import annotations

from ..kinds.describing import Duty
from ..text import text_width, wrap
from .formats import FORMATS, render
from .model import COMPARE_FORMAT, Comparison, Entry, Row, compare, describe, generic

__all__ = [
    "COMPARE_FORMAT",
    "FORMATS",
    "Comparison",
    "Duty",
    "Entry",
    "Row",
    "compare",
    "describe",
    "generic",
    "render",
    "text_width",
    "wrap",
]
