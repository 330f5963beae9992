"""Where every value of an effective pack came from: which pack, file and line set it.

A pack that ``extends:`` another is merged from several files (docs/PACKS.md). Its
line map is a :class:`SourceMap`: a path of the merged data (``("rules", 3, "params",
"min")``) is followed back, link by link, to the file and the path in that file where
the value was written, so load errors and provenance name the right file, line and field.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..jsontypes import NotRequired, TypedDict
from .yamlsafe import LineMap, Path, format_path

__all__ = ["Origin", "OriginJson", "ProvenanceJson", "SourceMap", "locate"]


class OriginJson(TypedDict):
    """Where a value was written: the pack (by id) and the line of its file."""

    pack: str
    line: int | None


class ProvenanceJson(OriginJson):
    """Where a rule's field was written, and the parent's value it replaced (``extends:``)."""

    overrides: NotRequired[OriginJson]


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

    def to_json(self) -> OriginJson:
        return {"pack": self.pack, "line": self.line}

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
