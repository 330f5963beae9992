"""What a kind tells ``compare`` about a rule: the :class:`Duty` it states, and the phrases for figures.

A kind's :meth:`~changrenzhi.kinds.base.RuleKind.describe` turns a rule's parameters into
duties: each a *key* (``group_size:members``; rules of different packs with the same key
share a row of the comparison), a *label* (what is asked of whom) and a *figure* (how much:
``10–15 人``, ``每年至少 2 次``), both in Chinese and English (:data:`~changrenzhi.text.Text`).
The built-in families write theirs in ``kinds/<family>/describe.py``, with the phrases below
for counts and periods; a phrase that needs a family's own words stays in that family.

This module sits below :mod:`changrenzhi.kinds.base` (which names :class:`Duty`) and knows no kind.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..text import Text

__all__ = ["PERIOD_EN", "PERIOD_ZH", "Duty", "count", "per_period", "suffix", "whole"]


@dataclass(frozen=True, slots=True)
class Duty:
    """One duty a rule states: its key, label and figure (each in Chinese and English)."""

    key: str
    label: Text
    figure: Text
    #: the duty's place among the duties of its kind (rows sort by kind, rank, key)
    rank: int = 0


PERIOD_ZH = {"month": "每月", "quarter": "每季度", "half": "每半年", "year": "每年", "term": "每届任期"}
PERIOD_EN = {"month": "month", "quarter": "quarter", "half": "half-year", "year": "year", "term": "term"}


def count(lo: float | None, hi: float | None, unit_zh: str, unit_en: str = "") -> Text:
    """Inclusive bounds in words: 至少 3 人 / at least 3; 3–5 人 / 3–5; 1 人 / exactly 1."""

    def tail(n: float | None) -> str:
        unit = unit_en[:-1] if n == 1 and unit_en.endswith("s") else unit_en
        return f" {unit}" if unit else ""

    if lo is not None and hi is not None:
        if lo == hi:
            return f"{lo} {unit_zh}", f"exactly {lo}{tail(lo)}"
        return f"{lo}–{hi} {unit_zh}", f"{lo}–{hi}{tail(hi)}"
    if lo is not None:
        return f"至少 {lo} {unit_zh}", f"at least {lo}{tail(lo)}"
    return f"至多 {hi} {unit_zh}", f"at most {hi}{tail(hi)}"


def per_period(period: str, text: Text) -> Text:
    """``text`` in each ``period``: 每季度至少 1 次 / at least 1 per quarter."""
    return f"{PERIOD_ZH.get(period, period)}{text[0]}", f"{text[1]} per {PERIOD_EN.get(period, period)}"


def suffix(text: Text, more: Text) -> Text:
    """``text`` followed by ``more``, in each language."""
    return text[0] + more[0], text[1] + more[1]


def whole(x: float) -> int | float:
    """A number as a figure shows it: ``5`` rather than ``5.0``, ``4.5`` as is."""
    return int(x) if float(x).is_integer() else x
