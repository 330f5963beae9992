"""Loading a pack: find it, read it safely, compose its ``extends:`` chain, check it against a registry.

This sits above the registry (it picks the built-in kinds when the caller gives none) and above
:mod:`changrenzhi.pack` (which builds and checks a pack for whatever registry it is given).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import UsageError
from .kinds.base import Registry
from .pack.build import build_pack
from .pack.extends import compose_pack, is_extending
from .pack.model import Pack, find_pack, read_pack_file
from .pack.yamlsafe import LineMap, load_yaml
from .registry import default_registry

__all__ = ["load_pack", "loads_pack", "pack_root"]


def load_pack(ref: str | Path, registry: Registry | None = None, *, root: str | Path | None = None) -> Pack:
    """Load and fully check a pack given as a folder, a ``pack.yaml`` or a shipped pack's name.

    ``extends:`` may name a shipped pack, or a pack inside ``root`` (default: the pack's own
    folder): see :func:`changrenzhi.pack.compose_pack`."""
    path = find_pack(ref)
    data, lines = read_pack_file(path)
    return _build(data, lines, registry, str(path), path, root)


def loads_pack(
    text: str, registry: Registry | None = None, *, file: str = "<pack>", root: str | Path | None = None
) -> Pack:
    """Load a pack from YAML text (for tests and tools that hold the text in memory); a relative
    ``extends:`` is found from ``root`` (default: the working folder), and must stay inside it."""
    data, lines = load_yaml(text, file)
    return _build(data, lines, registry, file, None, root)


def _build(
    data: Any,
    lines: LineMap,
    registry: Registry | None,
    file: str,
    path: Path | None,
    root: str | Path | None,
) -> Pack:
    reg = registry if registry is not None else default_registry()
    if is_extending(data):
        return compose_pack(data, lines, path, reg, file=file, root=pack_root(root))
    return build_pack(data, reg, file=file, lines=lines, path=path)


def pack_root(root: str | Path | None) -> Path | None:
    """A root given by a caller, checked: an existing folder (:class:`UsageError` otherwise)."""
    if root is None:
        return None
    folder = Path(root)
    if not folder.is_dir():
        raise UsageError(f"{folder}: no such folder (the pack root)")
    return folder
