"""One run of lint: read each pack with the loader, name what it refuses, then run lint's own checks."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from ..errors import PackError, UsageError
from ..kinds.base import Registry
from ..loading import pack_root
from ..pack.build import check_pack
from ..pack.extends import compose_pack, is_extending
from ..pack.model import find_pack, parse_pack_bytes, read_bounded
from ..pack.yamlsafe import LineMap, load_yaml
from ..registry import default_registry
from .checks import line_accounting, overrides, quotes, ranges
from .load import name_issues, refused, unreadable
from .model import LintProblem, LintResult, Loc, Recorder
from .overlaps import overlaps

__all__ = ["lint_paths", "lint_text", "read_sources"]

Sources = Mapping[str, Sequence[str]]


def read_sources(paths: Iterable[str | Path]) -> dict[str, list[str]]:
    """Source texts by file name (what ``citation.source`` names) -> their lines."""
    out: dict[str, list[str]] = {}
    for p in paths:
        path = Path(p)
        try:
            text = path.read_bytes().decode("utf-8")
        except OSError as exc:
            raise UsageError(f"{path}: cannot read the source text: {exc.strerror or exc}") from None
        except UnicodeDecodeError as exc:
            raise UsageError(f"{path}: the source text is not UTF-8 (byte {exc.start})") from None
        out[path.name] = text.splitlines()
    return out


def lint_paths(
    refs: Sequence[str | Path],
    sources: Sources | None = None,
    registry: Registry | None = None,
    *,
    root: str | Path | None = None,
) -> LintResult:
    """Lint every pack given (folder, ``pack.yaml`` or shipped name). A missing or
    unreadable file is a :class:`~changrenzhi.errors.UsageError`. ``root``: the tree a
    path in ``extends:`` must stay in (default: each pack's own folder)."""
    reg = registry if registry is not None else default_registry()
    tree = pack_root(root)
    files: list[str] = []
    problems: list[LintProblem] = []
    for ref in refs:
        path = find_pack(ref)
        label = str(path)
        try:
            raw = read_bounded(path)
        except OSError as exc:
            raise UsageError(f"{label}: cannot read: {exc.strerror or exc}") from None
        files.append(label)
        parse = partial(parse_pack_bytes, raw, label)
        problems.extend(_lint_file(label, parse, path, reg, sources or {}, tree))
    return LintResult(tuple(files), tuple(problems), tuple(sorted(sources or {})))


def lint_text(
    text: str,
    file: str = "<pack>",
    sources: Sources | None = None,
    registry: Registry | None = None,
    *,
    root: str | Path | None = None,
) -> list[LintProblem]:
    """Lint a pack held in memory (tests, editors); ``root`` as for
    :func:`~changrenzhi.loading.loads_pack`."""
    reg = registry if registry is not None else default_registry()
    return _lint_file(file, partial(load_yaml, text, file), None, reg, sources or {}, pack_root(root))


def _lint_file(
    file: str,
    parse: Callable[[], tuple[Any, LineMap]],
    path: Path | None,
    reg: Registry,
    sources: Sources,
    root: Path | None,
) -> list[LintProblem]:
    """The problems of one file: its YAML cannot be read (CRZ001), or all the rest."""
    rec = Recorder(file)
    try:
        data, lines = parse()
    except PackError as exc:
        unreadable(rec, exc)
    else:
        _lint(rec, data, lines, path, reg, sources, root)
    return rec.done()


def _lint(
    rec: Recorder,
    data: Any,
    lines: LineMap,
    path: Path | None,
    reg: Registry,
    sources: Sources,
    root: Path | None,
) -> None:
    """Ranges on each rule's own params; the loader's checks (a pack that extends another composed
    and checked as ``check`` loads it, a plain one with every problem collected); lint's other
    checks on what the loader accepted; last, CRZ009 for what the loader refuses and nothing named."""
    rec.lines = lines
    flagged: set[Loc] = set()
    raw_rules = data.get("rules") if isinstance(data, dict) else None
    for i, raw in enumerate(raw_rules if isinstance(raw_rules, list) else []):
        if isinstance(raw, dict):
            flagged |= ranges(rec, raw.get("params"), ("rules", i, "params"))
    if is_extending(data):
        # its own entries may be partial: the loader checks the merged pack, whose line map leads
        # every value back to the file that wrote it
        try:
            pack = compose_pack(data, lines, path, reg, file=rec.file, root=root)
        except PackError as exc:
            refused(rec, exc.problems)
            return
        rec.lines = pack.lines
        quotes(rec, sources, pack.model.model_dump(mode="json"))
        overlaps(rec, pack.rules)
        overrides(rec, pack.rules)
        if isinstance(data, dict) and "lines" in data:  # the parent's accounting is the parent's to lint
            line_accounting(rec, pack.model)
        return
    checked = check_pack(data, reg, file=rec.file, lines=lines, collect=True)
    rest = name_issues(rec, checked.issues, flagged)
    if isinstance(data, dict):  # (else the loader's one issue says it all)
        quotes(rec, sources, data)
        overlaps(rec, checked.rules)
        if checked.model is not None:
            line_accounting(rec, checked.model)
    refused(rec, rest)
