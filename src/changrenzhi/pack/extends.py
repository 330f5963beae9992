"""``extends:``: a pack built on another pack (docs/PACKS.md, "Extending a pack").

The child names its parent (a shipped pack's name, or a path relative to the child's
file that stays inside the pack's tree: see :func:`compose_pack`). The parent is loaded and
checked on its own; the two are merged as plain data;
the merge is checked as one pack. The merged line map (:class:`~.provenance.SourceMap`)
leads every value back to the file and line that wrote it, so errors and provenance
name the right pack.

Merge: top-level fields the child gives replace the parent's (``document``, ``term``,
``not_encoded``, ``clauses``... each as a whole); the others are inherited, except
``format``, ``id`` and ``name`` (the child gives its own) and ``examples`` (never
inherited: they name files next to the parent). Rules: an entry whose id is a parent
rule's overrides it (each field given replaces the parent's; ``params`` are merged name
by name); other entries are new rules, added after the parent's in the child's order;
``remove: [ids]`` drops parent rules.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import PackError, Problem
from ..kinds.base import Registry
from .build import build_pack
from .model import ID_PATTERN, Pack, read_pack_file, shipped_packs
from .provenance import SourceMap
from .yamlsafe import LineMap, format_path
from .yamlsafe import Path as DataPath

__all__ = ["MAX_EXTENDS", "compose_pack", "is_extending"]

#: at most this many ``extends:`` links from a pack to its farthest ancestor
MAX_EXTENDS = 8
#: top-level fields a child never inherits
_OWN = ("format", "id", "name", "extends", "remove", "rules", "examples")

#: the suffixes of a pack file that ``extends:`` may name
PACK_SUFFIXES = (".yaml", ".yml")

_Chain = tuple[tuple[str, Path | None], ...]


@dataclass(frozen=True, slots=True)
class _Tree:
    """The folder a path in ``extends:`` must stay in: as messages name it, and resolved."""

    shown: Path
    real: Path

    @classmethod
    def of(cls, folder: Path) -> _Tree:
        return cls(folder, folder.resolve())

    def holds(self, path: Path) -> bool:
        """Whether ``path``, every ``..`` and symbolic link resolved, is the tree or lies in it.
        A link loop, or a path the system cannot resolve, is outside."""
        try:
            return path.resolve().is_relative_to(self.real)
        except (OSError, RuntimeError, ValueError):
            return False


def compose_pack(
    data: dict[str, Any],
    lines: LineMap,
    path: Path | None,
    registry: Registry,
    *,
    file: str | None = None,
    root: Path | None = None,
) -> Pack:
    """Build the effective pack of a child pack (its data has ``extends:``); raises :class:`PackError`.

    A path in ``extends:`` (of this pack or of any pack it reaches) must lead, once every ``..``
    and symbolic link is resolved, to a file inside ``root``: by default the folder of ``path``
    (the top pack's folder), or the working folder for a pack without a file. An absolute path,
    or one that leads outside, is refused before anything is opened, and the message says only
    what the child wrote. A shipped pack named as a parent is its own tree.
    """
    label = file if file is not None else str(path)
    if root is None:
        root = path.parent if path is not None else Path.cwd()
    pack, _, _ = _compose(data, lines, path, registry, label, (), _Tree.of(root))
    return pack


def is_extending(data: Any) -> bool:
    """Whether a pack's plain data builds on another pack (``extends:``; a ``remove:`` without it is
    refused by :func:`compose_pack`), so that :func:`compose_pack` builds it, not ``build_pack``."""
    return isinstance(data, dict) and ("extends" in data or "remove" in data)


def _load(
    path: Path, real: Path, registry: Registry, chain: _Chain, root: _Tree
) -> tuple[Pack, dict[str, Any], SourceMap]:
    """The parent named ``path`` in messages, read from ``real`` (its resolved path, checked)."""
    data, lines = read_pack_file(real, label=str(path))
    label = str(path)
    if is_extending(data):
        return _compose(data, lines, path, registry, label, chain, root)
    pack = build_pack(data, registry, file=label, lines=lines, path=path)
    return pack, data, SourceMap(pack.id, label, lines)


class _Problems:
    def __init__(self, label: str, lines: LineMap) -> None:
        self.label = label
        self.lines = lines
        self.found: list[Problem] = []

    def add(self, loc: DataPath, message: str) -> None:
        self.found.append(Problem(self.label, self.lines.line(loc), format_path(loc) or None, message))

    def fail(self, loc: DataPath, message: str) -> PackError:
        self.add(loc, message)
        return PackError(self.found)

    def check(self) -> None:
        if self.found:
            raise PackError(self.found)


def _compose(
    data: dict[str, Any],
    lines: LineMap,
    path: Path | None,
    registry: Registry,
    label: str,
    chain: _Chain,
    root: _Tree,
) -> tuple[Pack, dict[str, Any], SourceMap]:
    problems = _Problems(label, lines)
    chain = (*chain, (label, path.resolve() if path is not None else None))
    if "extends" not in data:
        raise problems.fail(("remove",), "remove: needs extends: (the pack whose rules it removes)")
    ref = data["extends"]
    if not isinstance(ref, str) or not ref.strip():
        raise problems.fail(
            ("extends",),
            "expected the name of a shipped pack, or a relative path to a pack folder or pack.yaml",
        )
    parent_path, real, parent_root = _resolve(ref, path, root, problems)
    names = [lbl for lbl, _ in chain]
    if any(real == p for _, p in chain):
        raise problems.fail(("extends",), "extends: cycle: " + " -> ".join([*names, str(parent_path)]))
    if len(chain) > MAX_EXTENDS:
        raise problems.fail(
            ("extends",),
            f"extends: more than {MAX_EXTENDS} levels: " + " -> ".join([*names, str(parent_path)]),
        )
    parent, pdata, pmap = _load(parent_path, real, registry, chain, parent_root)

    child_id = data.get("id")
    child = SourceMap(child_id if isinstance(child_id, str) else "?", label, lines)  # the child's own file
    merged_map = SourceMap(child.pack, label, lines)
    ancestor: Pack | None = parent
    while ancestor is not None:
        if ancestor.id == child_id:
            where = f" ({ancestor.path})" if ancestor.path is not None else ""
            problems.add(
                ("id",),
                f"{child_id!r} is also the id of a pack it extends{where}: give the new pack its own id",
            )
        ancestor = ancestor.parent

    merged: dict[str, Any] = {}
    for key, value in data.items():
        if key not in ("remove", "rules"):
            merged[key] = value
    for key, value in pdata.items():
        if key not in _OWN and key not in merged:
            merged[key] = value
            merged_map.link((key,), pmap, (key,))
    merged["rules"] = _merge_rules(data, pdata, parent, pmap, child, merged_map, problems)
    if "lines" not in data and isinstance(pdata.get("lines"), list):
        merged["lines"] = _inherited_lines(data, pdata["lines"], pmap, merged_map)
    problems.check()
    pack = build_pack(merged, registry, file=label, lines=merged_map, path=path, parent=parent)
    return pack, merged, merged_map


def _inherited_lines(
    data: dict[str, Any], notes: list[Any], pmap: SourceMap, merged_map: SourceMap
) -> list[Any]:
    """The parent's ``lines:`` notes without the rules the child removes: a note left naming no rule
    is dropped (its line is then the child's to account for: coverage calls it missing)."""
    remove = data.get("remove")
    gone = {r for r in remove if isinstance(r, str)} if isinstance(remove, list) else set()
    if not gone:
        return notes
    out: list[Any] = []
    for k, note in enumerate(notes):
        rules = note.get("rules") if isinstance(note, dict) else None
        kept = note
        if isinstance(rules, list) and any(r in gone for r in rules):
            left = [r for r in rules if r not in gone]
            if not left:
                continue
            kept = {**note, "rules": left}
        merged_map.link(("lines", len(out)), pmap, ("lines", k))
        out.append(kept)
    return out


def _resolve(ref: str, path: Path | None, root: _Tree, problems: _Problems) -> tuple[Path, Path, _Tree]:
    """The parent's file as messages name it, its resolved path, and the tree its own ``extends:``
    may reach: a path next to the child (a folder with a pack.yaml, or a pack file) inside ``root``
    first, else a shipped pack's name (its folder is its tree).

    Nothing outside ``root`` is opened (resolving a path reads links, no file): an absolute path
    and a path that leads outside once ``..`` and symbolic links are resolved are refused as
    written, and the file read is the resolved one that was checked."""
    if Path(ref).is_absolute() or ref.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", ref):
        raise problems.fail(
            ("extends",),
            f"{ref!r}: an absolute path is not allowed: name a shipped pack, or a path relative to "
            "this pack inside its tree",
        )
    base = path.parent if path is not None else root.shown
    cand = Path(os.path.normpath(base / ref))  # a/../b -> b, for the messages and the provenance
    outside = (
        f"{ref!r} leads outside the pack's tree ({root.shown}): name a shipped pack, or a pack in that folder"
    )
    if not root.holds(cand):
        raise problems.fail(("extends",), outside)
    if cand.is_dir():
        file = cand / "pack.yaml"
        if not root.holds(file):
            raise problems.fail(("extends",), outside)
        if file.is_file():
            return file, file.resolve(), root
        raise problems.fail(("extends",), f"{ref!r}: no pack.yaml in the folder {cand}")
    if cand.is_file():
        if cand.suffix not in PACK_SUFFIXES:
            raise problems.fail(
                ("extends",), f"{ref!r}: not a pack file (a folder with a pack.yaml, or a .yaml file)"
            )
        return cand, cand.resolve(), root
    shipped = shipped_packs()
    if re.fullmatch(ID_PATTERN, ref) and ref in shipped:
        folder = shipped[ref]
        return folder / "pack.yaml", (folder / "pack.yaml").resolve(), _Tree.of(folder)
    known = ", ".join(sorted(shipped)) or "none found"
    raise problems.fail(
        ("extends",),
        f"{ref!r}: no such pack folder or file next to this pack, and not a shipped pack (shipped: {known})",
    )


def _merge_rules(
    data: dict[str, Any],
    pdata: dict[str, Any],
    parent: Pack,
    pmap: SourceMap,
    child: SourceMap,
    merged_map: SourceMap,
    problems: _Problems,
) -> list[Any]:
    prules: list[dict[str, Any]] = pdata["rules"]  # the parent is a checked pack: a list of rule mappings
    index = {r["id"]: k for k, r in enumerate(prules)}
    crules = data.get("rules", [])
    if not isinstance(crules, list):
        raise problems.fail(("rules",), "expected a list of rules (new rules, or overrides by id)")
    if "rules" not in data:
        merged_map.link(("rules",), pmap, ("rules",))
    remove = data.get("remove", [])
    if not isinstance(remove, list):
        raise problems.fail(("remove",), "expected a list of rule ids")
    removed: set[str] = set()
    for n, rid in enumerate(remove):
        if not isinstance(rid, str) or rid not in index:
            problems.add(("remove", n), f"unknown rule id {rid!r}: {parent.id} has no such rule")
        elif rid in removed:
            problems.add(("remove", n), f"rule {rid!r} is removed twice")
        if isinstance(rid, str):
            removed.add(rid)
    overrides: dict[int, tuple[int, dict[str, Any]]] = {}
    new: list[tuple[int, Any]] = []
    for j, entry in enumerate(crules):
        rid = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(entry, dict) or not isinstance(rid, str) or rid not in index:
            new.append((j, entry))
            continue
        k = index[rid]
        if rid in removed:
            problems.add(("rules", j, "id"), f"rule {rid!r} is both removed (remove:) and overridden here")
            continue
        if k in overrides:
            problems.add(
                ("rules", j, "id"), f"rule {rid!r} is overridden twice (first at rules[{overrides[k][0]}])"
            )
            continue
        if "kind" in entry and entry["kind"] != prules[k]["kind"]:
            problems.add(
                ("rules", j, "kind"),
                f"an override cannot change the kind ({prules[k]['kind']} in {parent.id}): "
                "remove the rule and add one with a new id",
            )
            continue
        overrides[k] = (j, entry)
    out: list[Any] = []
    for k, prule in enumerate(prules):
        if prule["id"] in removed:
            continue
        m = len(out)
        merged_map.link(("rules", m), pmap, ("rules", k))
        if k not in overrides:
            out.append(prule)
            continue
        j, entry = overrides[k]
        rule = dict(prule)
        for name, value in entry.items():
            old = prule.get("params")
            if name == "params" and isinstance(value, dict) and isinstance(old, dict):
                merged_map.link(("rules", m, "params"), child, ("rules", j, "params"))
                for pk in old:
                    if pk not in value:
                        merged_map.link(("rules", m, "params", pk), pmap, ("rules", k, "params", pk))
                rule["params"] = {**old, **value}
            else:
                rule[name] = value
                merged_map.link(("rules", m, name), child, ("rules", j, name))
        out.append(rule)
    for j, entry in new:
        merged_map.link(("rules", len(out)), child, ("rules", j))
        out.append(entry)
    return out
