"""Loading a pack: find it, read it safely, compose its ``extends:`` chain, check it against a registry.

This sits above the registry (it picks the built-in kinds when the caller gives none) and above
:mod:`changrenzhi.pack` (which builds and checks a pack for whatever registry it is given).
"""

from __future__ import annotations

from pathlib import Path

from .kinds.base import Registry
from .pack.extends import compose_pack
from .pack.model import Pack, build_pack, find_pack, read_pack_file
from .pack.yamlsafe import load_yaml
from .registry import default_registry

__all__ = ["load_pack", "loads_pack"]


def load_pack(ref: str | Path, registry: Registry | None = None) -> Pack:
    """Load and fully check a pack given as a folder, a ``pack.yaml`` or a shipped pack's name."""
    reg = registry if registry is not None else default_registry()
    path = find_pack(ref)
    data, lines = read_pack_file(path)
    if isinstance(data, dict) and ("extends" in data or "remove" in data):
        return compose_pack(data, lines, path, reg)
    return build_pack(data, reg, file=str(path), lines=lines, path=path)


def loads_pack(text: str, registry: Registry | None = None, *, file: str = "<pack>") -> Pack:
    """Load a pack from YAML text (for tests and tools that hold the text in memory)."""
    data, lines = load_yaml(text, file)
    reg = registry if registry is not None else default_registry()
    if isinstance(data, dict) and ("extends" in data or "remove" in data):
        return compose_pack(data, lines, None, reg, file=file)  # relative 'extends' from the working folder
    return build_pack(data, reg, file=file, lines=lines)
