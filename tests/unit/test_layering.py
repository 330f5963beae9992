"""The package's layers: every import goes down, never up, and no module imports itself back.

Every import counts: module level, inside functions, and under ``TYPE_CHECKING``. The layers, from
the bottom (a module may import any module of a lower layer, and modules of its own unit):

- ``_version``, ``errors``, ``jsontypes``, ``collector``; then ``periods``, ``messages``, ``text``,
  ``forking``: leaves
- ``events``: reading the log
- ``roster``: who is who on any date
- ``findings``: the findings and the report (data); ``kinds.probing``, ``kinds.describing`` and
  ``kinds.detailing``: what the kinds' probe builders, describers and details declarations share
  (below ``kinds.base``, which names their types)
- ``kinds.base``: the contract a rule kind sees
- ``pack``: the pack model, dated values, provenance, ``extends:``
- ``kinds.<family>``: the built-in kinds
- ``registry``: the list of built-in kinds
- ``loading``: finding and loading a pack with a registry
- ``engine``: evaluating a pack against a log
- ``coverage``, ``explain``, ``lint``, ``compare``, ``probes``: what is built on the engine and packs
- ``outputs``: renderers of reports, rule listings and lint results
- ``diff``: comparing two packs by probing them; ``many``: checking many towns at once
- ``schemas``: the JSON Schemas of every format, generated from the modules below
- ``serve``: the HTTP service (``changrenzhi serve``), the commands' work over HTTP
- ``commands``; ``cli``; the package root; ``__main__``
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import changrenzhi
from changrenzhi.commands import COMMANDS

PACKAGE = Path(changrenzhi.__file__).resolve().parent
#: the modules that import by name at run time, and what they may import: see ``imports_of``
LAZY_IMPORTERS = ("changrenzhi", "changrenzhi.cli", "changrenzhi.registry")

#: (module prefix, layer): the longest matching prefix decides a module's layer
LAYERS: dict[str, int] = {
    "changrenzhi._version": 0,
    "changrenzhi.errors": 0,
    "changrenzhi.jsontypes": 0,
    "changrenzhi.forking": 1,
    "changrenzhi.collector": 0,
    "changrenzhi.periods": 1,
    "changrenzhi.messages": 1,
    "changrenzhi.text": 1,
    "changrenzhi.events": 2,
    "changrenzhi.roster": 3,
    "changrenzhi.findings": 4,
    "changrenzhi.kinds.base": 5,
    "changrenzhi.kinds.probing": 4,
    "changrenzhi.kinds.describing": 4,
    "changrenzhi.kinds.detailing": 4,
    "changrenzhi.pack": 6,
    "changrenzhi.kinds": 7,
    "changrenzhi.registry": 8,
    "changrenzhi.loading": 9,
    "changrenzhi.engine": 10,
    "changrenzhi.coverage": 11,
    "changrenzhi.explain": 11,
    "changrenzhi.lint": 11,
    "changrenzhi.compare": 11,
    "changrenzhi.probes": 11,
    "changrenzhi.testcases": 11,
    "changrenzhi.watch": 11,
    "changrenzhi.outputs": 12,
    "changrenzhi.diff": 13,
    "changrenzhi.many": 13,
    "changrenzhi.schemas": 14,
    "changrenzhi.serve": 15,
    "changrenzhi.commands": 16,
    "changrenzhi.cli": 17,
    "changrenzhi": 18,
    "changrenzhi.__main__": 19,
}


def module_name(path: Path) -> tuple[str, bool]:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    is_pkg = parts[-1] == "__init__"
    if is_pkg:
        parts = parts[:-1]
    return ".".join(parts), is_pkg


def modules() -> dict[str, Path]:
    return {module_name(p)[0]: p for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> tuple[str, int]:
    parts = module.split(".")
    for n in range(len(parts), 0, -1):
        prefix = ".".join(parts[:n])
        if prefix in LAYERS:
            return prefix, LAYERS[prefix]
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def imports_of(path: Path, known: set[str]) -> list[tuple[int, str]]:
    """(line, module) for every import of a changrenzhi module in ``path``, wherever it stands."""
    name, is_pkg = module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_pkg else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.split(".")[0] != "changrenzhi":
                continue
            for alias in node.names:  # ``from . import x`` may import the submodule x
                sub = f"{target}.{alias.name}"
                out.append((node.lineno, sub if sub in known else target))
        elif isinstance(node, ast.Import):
            out.extend((node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "changrenzhi")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, (ast.Attribute, ast.Name))
            and (node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id) == "import_module"
            and name not in LAZY_IMPORTERS
        ):
            out.append((node.lineno, "<import_module>"))
    if name == "changrenzhi":  # the package's public names, imported when first used
        out.extend((0, f"changrenzhi.{m}") for m in sorted(set(changrenzhi._LAZY.values())))
    if name == "changrenzhi.cli":  # each command's module, imported when that command runs
        out.extend((0, f"changrenzhi.commands.{m}") for _, m in COMMANDS.values())
    if name == "changrenzhi.registry":  # each family of kinds, imported when one of its kinds is asked for
        from changrenzhi.registry import BUILTIN_NAMES

        out.extend((0, f"changrenzhi.kinds.{f}") for f in sorted({f for f, _ in BUILTIN_NAMES.values()}))
    return out


def graph() -> dict[str, list[tuple[int, str]]]:
    mods = modules()
    known = set(mods)
    return {m: [(ln, t) for ln, t in imports_of(p, known) if t != m] for m, p in mods.items()}


def test_every_module_has_a_layer() -> None:
    for m in modules():
        layer_of(m)


def test_no_import_goes_up() -> None:
    bad = []
    for m, deps in graph().items():
        unit, mine = layer_of(m)
        for line, target in deps:
            if target == "<import_module>":
                bad.append(f"{m}:{line} imports a module by name at run time")
                continue
            their_unit, theirs = layer_of(target)
            if theirs > mine or (
                theirs == mine and their_unit != unit and not _same_family(unit, their_unit)
            ):
                bad.append(f"{m}:{line} imports {target} (layer {theirs} above {mine})")
    assert not bad, "imports that go up the layers:\n" + "\n".join(bad)


def _same_family(a: str, b: str) -> bool:
    """Two units of one layer may import each other only where it is one unit; kind families may
    build on one another (checked for cycles below)."""
    return a == b


def test_no_import_cycles() -> None:
    g = {m: sorted({t for _, t in deps if t != "<import_module>"}) for m, deps in graph().items()}
    # a package's __init__ re-exporting its submodules, and a submodule importing a sibling through
    # the package, would be a cycle too: the package counts as its own node
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in g.get(node, []):
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for m in sorted(g):
        if m not in state:
            visit(m, [])
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


@pytest.mark.parametrize("module", ["changrenzhi.cli", "changrenzhi.commands.rules"])
def test_the_cli_does_not_load_every_kind_to_start(module: str) -> None:
    import subprocess
    import sys

    code = f"import sys, {module}; print(sum(m.startswith('changrenzhi.kinds.') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "0" or module != "changrenzhi.cli", out
