"""The message catalogue: every sentence the tools print for people, in Chinese and English.

A module declares its messages once, as a module-level :class:`Section` (a constant: nothing
is registered anywhere by importing it)::

    MSG = Section("lint", {
        "min-gt-max": {"zh": "{field} 的下限 {min} 大于上限 {max}",
                       "en": "{field}: min {min} is above max {max}"},
    })
    MSG("min-gt-max", lang, field="params.min", min=3, max=2)

Chinese is the default language; a key missing in the language asked for falls
back to Chinese. ``tests/unit/test_messages.py`` finds every module's sections and checks
that every entry has both languages with the same placeholders and that section names are
unique. Finding messages are the kinds' ``messages`` templates (see
:mod:`changrenzhi.kinds.base`); :func:`changrenzhi.registry.kind_messages` lists them beside
the sections so that one test covers them all.
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from typing import Any

__all__ = ["LANGS", "Section", "counted", "placeholders", "plain"]

LANGS = ("zh", "en")
Entry = Mapping[str, str]


def placeholders(template: str) -> frozenset[str]:
    """The names a template fills in (``{count}`` -> ``count``; ``{x:>3}`` -> ``x``)."""
    fields = (name for _, name, _, _ in string.Formatter().parse(template) if name)
    return frozenset(name.split(".")[0].split("[")[0] for name in fields)


class Section:
    """The messages of one module: call it with a key, a language and the arguments."""

    def __init__(self, name: str, entries: Mapping[str, Entry]) -> None:
        self.name = name
        self.entries = dict(entries)

    def __call__(self, key: str, lang: str = "zh", /, **args: Any) -> str:
        entry = self.entries[key]
        text = entry.get(lang) or entry["zh"]
        return text.format(**args) if args else text

    def get(self, key: str, lang: str = "zh") -> str:
        """The template itself, unformatted (for tables that fill it in later)."""
        entry = self.entries[key]
        return entry.get(lang) or entry["zh"]


def plain(value: Any) -> str:
    """A value as a sentence shows it: a string as it is, anything else as compact JSON."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)


def counted(n: int, singular: str, lang: str = "en", plural: str | None = None) -> str:
    """A count as a sentence shows it: in English with its noun agreeing (``1 event``, ``2 events``);
    in Chinese the number alone (the template holds the measure word)."""
    if lang != "en":
        return str(n)
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"
