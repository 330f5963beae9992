"""The error hierarchy. Every error a user can cause derives from ChangrenzhiError.

Errors that come from a file carry one or more :class:`Problem` records, each
naming the file, the line and the field, so that one run reports every problem
it found and every message leads with its place (``pack.yaml:42 rules[3].params.min: ...``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["ChangrenzhiError", "EventLogError", "PackError", "Problem", "UnknownKindError", "UsageError"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, located as precisely as the input allows.

    An input read from a file is located by ``line``. Events given as Python objects (dicts or
    :class:`~changrenzhi.events.Event` objects) have no lines: their problems name the ``index`` of
    the event in the sequence given and, when it has one, its ``event`` id
    (``<events>[3] (id 'e4') date: ...``).
    """

    file: str
    line: int | None
    field: str | None
    message: str
    #: the position of the event in a sequence of Python objects (from 0), when there is no line
    index: int | None = None
    #: the id of the event at fault, for events given as Python objects
    event: str | None = None

    def __str__(self) -> str:
        place = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.index is not None:
            place += f"[{self.index}]"
        if self.event is not None:
            place += f" (id {self.event!r})"
        if self.field:
            return f"{place} {self.field}: {self.message}"
        return f"{place}: {self.message}"


class ChangrenzhiError(Exception):
    """Root of every error raised for bad input or bad usage."""


class UsageError(ChangrenzhiError):
    """The caller asked for something that cannot be done (unknown pack, bad date, ...)."""


class _LocatedError(ChangrenzhiError):
    """An error that carries the located problems of one input file."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        if not self.problems:
            raise ValueError("a located error needs at least one problem")
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def file(self) -> str:
        return self.problems[0].file

    @property
    def line(self) -> int | None:
        return self.problems[0].line

    @property
    def field(self) -> str | None:
        return self.problems[0].field


class PackError(_LocatedError):
    """A policy pack that cannot be loaded: bad YAML, an unknown kind, a bad parameter."""


class EventLogError(_LocatedError):
    """An event log that cannot be read: bad JSON, an unknown type, a missing field."""


class UnknownKindError(ChangrenzhiError, KeyError):
    """A kind name that is not in the registry; ``suggestion`` is the closest known name."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        import difflib

        close = difflib.get_close_matches(name, list(known), n=1)
        self.name = name
        self.suggestion = close[0] if close else None
        super().__init__(name)

    def __str__(self) -> str:
        hint = f" (did you mean {self.suggestion!r}?)" if self.suggestion else ""
        return f"unknown rule kind {self.name!r}{hint}"
