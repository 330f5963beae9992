"""Provenance in the ``rules`` listing: where each rule and value of a pack came from
(``extends:`` and dated values; see :mod:`changrenzhi.pack.provenance` for the data)."""

from __future__ import annotations

import json
from typing import Any

from ..messages import Section
from ..pack.model import Pack, Rule
from ..pack.provenance import Origin

__all__ = ["pack_lines", "rule_lines"]


MSG = Section(
    "provenance",
    {
        "extends": {"zh": "  继承：{parent}（{file}）", "en": "  extends: {parent} ({file})"},
        "inherited": {"zh": "      来自 {origin}", "en": "      from {origin}"},
        "overrides": {"zh": "覆盖 {origin}", "en": "overrides {origin}"},
        "rule-overrides": {"zh": "      {origin}，{overrides}", "en": "      {origin}; {overrides}"},
        "field": {"zh": "      {field}（{where}）", "en": "      {field} ({where})"},
        "param": {"zh": "      {field} = {value}（{where}）", "en": "      {field} = {value} ({where})"},
        "dated": {
            "zh": "      {field} 随时间变化（{where}）：",
            "en": "      {field} changes over time ({where}):",
        },
        "entry": {
            "zh": "        {day} 起：{value}（{where}）",
            "en": "        from {day}: {value} ({where})",
        },
        "first": {
            "zh": "        （首个日期之前适用第一个值）",
            "en": "        (before the first date, the first value applies)",
        },
    },
)


def _where(origin: Origin, old: Origin | None, lang: str) -> str:
    sep = "；" if lang != "en" else "; "
    text = origin.label()
    if old is not None and old != origin:
        text += sep + MSG("overrides", lang, origin=old.label())
    return text


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def pack_lines(pack: Pack, lang: str) -> list[str]:
    """The header lines of a listing that say which pack this one extends."""
    if pack.parent is None:
        return []
    file = str(pack.parent.path) if pack.parent.path is not None else "-"
    return [MSG("extends", lang, parent=pack.parent.id, file=file)]


def rule_lines(rule: Rule, pack: Pack, lang: str) -> list[str]:
    """Where a rule and its values come from, for a pack that extends another or a dated rule.

    Rules of a plain pack without dated values get no lines (the listing stays as it was)."""
    if pack.parent is None and not rule.dated:
        return []
    out: list[str] = []
    prov = rule.provenance
    before = rule.overrides.provenance if rule.overrides is not None else {}
    head = prov.get("id")
    if head is not None and head.pack != pack.id:
        out.append(MSG("inherited", lang, origin=head.label()))
    elif head is not None and rule.overrides is not None:
        old = before.get("id")
        if old is not None:
            over = MSG("overrides", lang, origin=old.label())
            out.append(MSG("rule-overrides", lang, origin=head.label(), overrides=over))
    params = rule.params.to_json()
    for key, origin in prov.items():
        if key == "id" or ".dated[" in key:
            continue
        old = before.get(key)
        name = key.removeprefix("params.")
        dated = rule.dated.get(name) if key.startswith("params.") else None
        if dated:
            out.append(MSG("dated", lang, field=key, where=_where(origin, old, lang)))
            for j, entry in enumerate(dated):
                at = prov.get(f"{key}.dated[{j}]", origin)
                out.append(
                    MSG(
                        "entry",
                        lang,
                        day=entry.start.isoformat(),
                        value=_json(entry.value),
                        where=at.label(),
                    )
                )
            out.append(MSG("first", lang))
            continue
        if rule.overrides is None or origin.pack != pack.id or old == origin:
            continue  # inherited unchanged (the "from" line says so), or a new rule's own value
        if key.startswith("params."):
            value = _json(params.get(name))
            out.append(MSG("param", lang, field=key, value=value, where=_where(origin, old, lang)))
        else:
            out.append(MSG("field", lang, field=key, where=_where(origin, old, lang)))
    return out
