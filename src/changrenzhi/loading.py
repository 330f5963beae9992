"""Loading a pack: find it, read it safely, compose its ``extends:`` chain, check it against a registry.

This sits above the registry (it picks the built-in kinds when the caller gives none) and above
:mod:`changrenzhi.pack` (which builds and checks a pack for whatever registry it is given).
"""

from __future__ import annotations

import os
import reprlib
from pathlib import Path
from typing import Any

from .errors import UsageError
from .kinds.base import Registry
from .pack.build import build_pack
from .pack.extends import compose_pack, is_extending
from .pack.model import Pack, find_pack, read_pack_file
from .pack.yamlsafe import LineMap, load_yaml
from .registry import default_registry

__all__ = ["checkout_copy", "load_pack", "loads_pack", "pack_root"]


def load_pack(
    ref: str | os.PathLike[str],
    registry: Registry | None = None,
    *,
    root: str | os.PathLike[str] | None = None,
) -> Pack:
    """Load and fully check a pack given as a folder, a ``pack.yaml`` or a shipped pack's name.

    Raises :class:`~changrenzhi.errors.UsageError` when there is no such pack,
    :class:`~changrenzhi.errors.PackError` (every problem, each with its line and field) when the
    pack is broken, and :class:`TypeError` for an argument of the wrong sort (``None``, ``bytes``,
    YAML text: that is :func:`loads_pack`'s). ``extends:`` may name a shipped pack, or a pack
    inside ``root`` (default: the pack's own folder): see :func:`changrenzhi.pack.compose_pack`.
    """
    if isinstance(ref, Pack):
        raise TypeError("load_pack: got a Pack, which is loaded already: use it as it is")
    if not isinstance(ref, str | os.PathLike):
        raise TypeError(
            f"load_pack: expected a pack folder, a pack.yaml path or a shipped pack's name (a str or "
            f"a Path), got {_what(ref)}{_HINTS.get(type(ref), '')}"
        )
    if isinstance(ref, str) and "\n" in ref and not os.path.exists(ref):
        raise TypeError("load_pack: this string holds YAML text, not a path: use loads_pack(text)")
    _check_registry("load_pack", registry)
    path = find_pack(ref if isinstance(ref, str) else Path(ref))
    data, lines = read_pack_file(path)
    return _build(data, lines, registry, str(path), path, None if root is None else Path(root))


def loads_pack(
    text: str, registry: Registry | None = None, *, file: str = "<pack>", root: str | Path | None = None
) -> Pack:
    """Load a pack from YAML text (for tests and tools that hold the text in memory); a relative
    ``extends:`` is found from ``root`` (default: the working folder), and must stay inside it.
    ``file`` names the text in problems.

    Raises :class:`~changrenzhi.errors.PackError` when the pack is broken, and :class:`TypeError`
    for an argument of the wrong sort (a path: that is :func:`load_pack`'s; ``bytes``: decode them).
    """
    if not isinstance(text, str):
        hint = (
            ": for a file, use load_pack(path)"
            if isinstance(text, os.PathLike)
            else ": decode them first, text.decode('utf-8')"
            if isinstance(text, bytes | bytearray)
            else ""
        )
        raise TypeError(f"loads_pack: expected the YAML text of a pack (a str), got {_what(text)}{hint}")
    if not isinstance(file, str):
        raise TypeError(f"loads_pack: file must be a str (a name for the text), got {_what(file)}")
    _check_registry("loads_pack", registry)
    data, lines = load_yaml(text, file)
    return _build(data, lines, registry, file, None, root)


_HINTS = {bytes: ": decode it, or for YAML text use loads_pack(text)"}


def _what(value: Any) -> str:
    return "None" if value is None else f"{type(value).__name__} {reprlib.repr(value)}"


def _check_registry(caller: str, registry: Any) -> None:
    if registry is not None and not isinstance(registry, Registry):
        raise TypeError(
            f"{caller}: registry must be a Registry (default_registry() or your own), got {_what(registry)}"
        )


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


def checkout_copy(name: str) -> tuple[Path | None, Path | None]:
    """The working folder's copy of the shipped pack ``name`` (``policies/<name>/pack.yaml``, as in a
    source checkout), against the installed one: ``(folder, None)`` when the copy holds the same
    bytes and extends nothing, so that it can be loaded in its place and outputs name a file of the
    repository rather than a path in site-packages; ``(None, installed)`` when it differs (the
    installed ``pack.yaml``, for a note); ``(None, None)`` when there is no copy or no such pack."""
    from .pack.model import shipped_packs

    local = Path("policies", name, "pack.yaml")
    if not local.is_file():
        return None, None
    folder = shipped_packs().get(name)
    if folder is None:
        return None, None
    installed = folder / "pack.yaml"
    try:
        data = local.read_bytes()
        same = installed.resolve() == local.resolve() or installed.read_bytes() == data
    except OSError:
        return None, None
    if not same:
        return None, installed
    # a pack that extends another could resolve its parent elsewhere
    return (None, None) if b"extends:" in data else (local.parent, None)
