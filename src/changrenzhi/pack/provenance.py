"""Where every value of an effective pack came from: which pack, file and line set it.

A pack that ``extends:`` another is merged from several files (docs/PACKS.md). Its
line map is a :class:`SourceMap`: a path of the merged data (``("rules", 3, "params",
"min")``) is followed back, link by link, to the file and the path in that file where
the value was written, so load errors and provenance name the right file, line and field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..messages import CATALOGUE
from .yamlsafe import LineMap, Path, format_path

if TYPE_CHECKING:
    from .model import Pack, Rule

__all__ = ["Origin", "SourceMap", "locate", "pack_lines", "rule_lines"]


@dataclass(frozen=True, slots=True)
class Origin:
    """One place a value was written: the pack (its id), the file, the line and the path in that file."""

    pack: str
    file: str
    line: int | None
    path: Path = ()

    @property
    def field(self) -> str:
        return format_path(self.path)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"pack": self.pack, "line": self.line}
        return out

    def label(self) -> str:
        """``zjg-draft L31``."""
        return f"{self.pack} L{self.line}" if self.line is not None else self.pack


class SourceMap(LineMap):
    """The line map of a merged pack: every path leads back to the file that wrote it.

    ``base`` is the line map of the pack's own file (paths not linked elsewhere are
    looked up there); ``link(path, source, source_path)`` sends ``path`` and everything
    under it to ``source_path`` in another map (the parent's), unless a longer linked
    path says otherwise.
    """

    def __init__(self, pack: str, file: str, base: LineMap | None) -> None:
        super().__init__()
        self.pack = pack
        self.file = file
        self.base = base
        self._links: dict[Path, tuple[SourceMap, Path]] = {}

    def link(self, path: Path, source: SourceMap, source_path: Path) -> None:
        self._links[tuple(path)] = (source, tuple(source_path))

    def locate(self, path: Path) -> Origin:
        probe = tuple(path)
        if self._links:
            for n in range(len(probe), -1, -1):
                hit = self._links.get(probe[:n])
                if hit is not None:
                    source, at = hit
                    return source.locate((*at, *probe[n:]))
        line = self.base.line(probe) if self.base is not None else None
        return Origin(self.pack, self.file, line, probe)

    def line(self, path: Path) -> int | None:
        return self.locate(path).line


def locate(lines: LineMap | None, path: Path, file: str, pack: str) -> Origin:
    """The origin of ``path`` in a pack read from ``file`` (one file, or merged: a :class:`SourceMap`)."""
    if isinstance(lines, SourceMap):
        return lines.locate(path)
    return Origin(pack, file, lines.line(path) if lines is not None else None, tuple(path))


# ---- the text listing (``changrenzhi rules``) ------------------------------------
MSG = CATALOGUE.section(
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


def _value(value: Any) -> str:
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
                        value=_value(entry.value),
                        where=at.label(),
                    )
                )
            out.append(MSG("first", lang))
            continue
        if rule.overrides is None or origin.pack != pack.id or old == origin:
            continue  # inherited unchanged (the "from" line says so), or a new rule's own value
        if key.startswith("params."):
            value = _value(params.get(name))
            out.append(MSG("param", lang, field=key, value=value, where=_where(origin, old, lang)))
        else:
            out.append(MSG("field", lang, field=key, where=_where(origin, old, lang)))
    return out
