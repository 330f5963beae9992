"""What the loader finds wrong with a pack, before it is worded for one reader.

The loader checks a pack's data and finds :class:`Issue` records: the check that found each,
the path of the value in the data, the loader's message, and the facts behind the message.
:func:`changrenzhi.pack.build.build_pack` turns them into located :class:`~changrenzhi.errors.Problem`
records (``file:line field: message``) and refuses the pack; ``lint`` words the same issues in its
own codes and catalogue.

:func:`validation_issues` is the one place where pydantic's errors become messages: a field the
model does not have is an ``unknown field``, a missing one is ``required``, anything else keeps
pydantic's message.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from ..errors import Problem
from .provenance import locate
from .yamlsafe import LineMap, Path, format_path

__all__ = ["MISSING", "UNKNOWN", "Issue", "validation_issues"]

#: pydantic's error types for a missing field and for a field the model does not have
MISSING = "missing"
UNKNOWN = "extra_forbidden"


@dataclass(frozen=True, slots=True)
class Issue:
    """One thing the loader refuses in a pack's data, at a path of that data."""

    #: the check that found it: ``shape``, ``schema``, ``rule-id``, ``citation``, ``kind``, ``params``,
    #: ``dated``, ``dated-citation`` or ``clauses`` (see :mod:`changrenzhi.pack.build`)
    check: str
    loc: Path
    message: str
    #: the facts behind the message, for a reader that words it another way (``lint``)
    facts: Mapping[str, Any] = field(default_factory=dict)
    #: the line to name when it is not the line of ``loc``
    line: int | None = None

    @property
    def error_type(self) -> str | None:
        """Pydantic's error type, for an issue that is a validation error."""
        value = self.facts.get("type")
        return value if isinstance(value, str) else None

    def problem(self, file: str, lines: LineMap | None) -> Problem:
        """The issue located in the file that wrote its value (a merged pack's map leads to the parent's)."""
        at = locate(lines, self.loc, file, "")
        line = self.line if self.line is not None else at.line
        return Problem(at.file, line, format_path(at.path) or None, self.message)


def validation_issues(
    exc: ValidationError, check: str, prefix: Path = (), facts: Mapping[str, Any] | None = None
) -> list[Issue]:
    """Pydantic's errors as issues of ``check``, each at ``prefix`` + the error's path."""
    out: list[Issue] = []
    for err in exc.errors(include_url=False):
        kind = err["type"]
        if kind == UNKNOWN:
            message = "unknown field"
        elif kind == MISSING:
            message = "required"
        else:
            message = str(err["msg"])
        out.append(Issue(check, (*prefix, *err["loc"]), message, {**(facts or {}), "type": kind}))
    return out
