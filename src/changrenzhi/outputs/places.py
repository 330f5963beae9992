"""Where things are, as outputs name them: a file shown to people, a file as SARIF and GitHub want it
(relative to the working directory, which CI runs from the repository root), the line a rule is
written on, and one input error located (:class:`Failure`).
"""

from __future__ import annotations

import os
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ChangrenzhiError, Problem
from ..findings import Report
from ..pack.model import Pack, Rule

__all__ = ["SRCROOT", "Failure", "artifact_location", "relative", "rule_place", "rules_of", "shown", "uri"]

#: the SARIF base of every relative location: the root of the repository being analysed (GitHub's
#: code scanning resolves it to the checkout; no absolute path of this machine goes in the log)
SRCROOT = "%SRCROOT%"


def relative(file: str) -> str | None:
    """``file`` relative to the working directory (POSIX separators), or None when it is outside."""
    path = Path(file)
    try:
        rel = os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return None
    if rel == ".." or rel.startswith(("../", "..\\")):
        return None
    return _utf8(Path(rel).as_posix())


def shown(file: str) -> str:
    """A file as people read it: relative to the working directory when inside it, else absolute."""
    rel = relative(file)
    if rel is not None:
        return rel
    path = Path(file)
    return _utf8(str(path.resolve()) if path.is_absolute() or path.exists() else file)


def uri(file: str) -> str:
    """A file as SARIF wants it: relative to the working directory when inside it, else a
    ``file:`` URI (or the name as it is, for a name that is no file: ``<pack>``).

    A name that is not text (bytes that are not UTF-8, which Python carries as lone surrogates) has
    those bytes percent-encoded, as a file URI has: output is always UTF-8."""
    rel = relative(file)
    if rel is not None:
        return rel
    path = Path(file)
    return path.resolve().as_uri() if path.is_absolute() or path.exists() else _utf8(file)


def _utf8(name: str) -> str:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return urllib.parse.quote(os.fsencode(name), safe="/:")
    return name


def artifact_location(file: str) -> dict[str, Any]:
    """A SARIF ``artifactLocation``: relative to ``%SRCROOT%`` when inside the working directory."""
    rel = relative(file)
    return {"uri": rel, "uriBaseId": SRCROOT} if rel is not None else {"uri": uri(file)}


def rule_place(pack: Pack | None, rule: Rule | None) -> tuple[str | None, int | None]:
    """The file and line where a rule is written (for a pack that extends another, the file
    of the pack that last set the rule)."""
    if pack is None or rule is None:
        return None, None
    origin = rule.provenance.get("id")
    if origin is not None and origin.file:
        return origin.file, origin.line
    at = pack.lines.line(("rules", rule.index)) if pack.lines is not None else None
    return (str(pack.path) if pack.path is not None else None), at


def rules_of(report: Report, pack: Pack | None) -> list[tuple[str, Rule | None]]:
    """Every rule of the pack (or, without it, every rule that has findings), in pack order."""
    if pack is not None:
        return [(r.id, r) for r in pack.rules]
    seen: dict[str, None] = {}
    for f in report.findings:
        seen.setdefault(f.rule, None)
    return [(rid, None) for rid in seen]


@dataclass(frozen=True, slots=True)
class Failure:
    """One input error (a broken pack or log, a bad argument) as the machine formats write it."""

    file: str | None
    line: int | None
    field: str | None
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "field": self.field, "message": self.message}

    @classmethod
    def of(cls, problem: Problem) -> Failure:
        return cls(problem.file or None, problem.line, problem.field, problem.message)


def failures_of(exc: BaseException) -> tuple[Failure, ...]:
    """The input errors an exception reports: each located problem, or its message."""
    problems = getattr(exc, "problems", None)
    if isinstance(exc, ChangrenzhiError) and problems:
        return tuple(Failure.of(p) for p in problems)
    return (Failure(None, None, None, str(exc)),)
