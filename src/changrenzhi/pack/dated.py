"""Parameters whose value changes over time (docs/PACKS.md, "Dated values").

Any top-level value of a rule's ``params`` may be written as::

    max: {dated: [{from: 2006-02-20, value: 15}, {from: 2010-01-01, value: 12}]}

The ``from`` dates of one parameter strictly increase; before a parameter's first
``from`` its first value applies. The rule's *epochs* are the stretches of time
between the dates where any of its parameters changes; each epoch's full
parameters are validated by the kind's model at load time, and the engine
evaluates the rule once per epoch, keeping a finding only when its anchor date
(the first day of its period; for a finding without a period, the date of its
latest evidence event) falls in that epoch.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..jsontypes import Day, TypedDict
from ..kinds.base import KindParams
from ..periods import ONE_DAY
from ..text import Text
from .issues import validation_issues
from .yamlsafe import Path

__all__ = [
    "DATED",
    "DatedEntry",
    "Epoch",
    "EpochJson",
    "epoch_at",
    "has_dated",
    "is_dated",
    "resolve",
    "span_words",
]

DATED = "dated"


def is_dated(value: Any) -> bool:
    """Whether a parameter value is written as ``{dated: [...]}``."""
    return isinstance(value, dict) and DATED in value


def has_dated(params: Mapping[str, Any]) -> bool:
    return any(isinstance(v, dict) and DATED in v for v in params.values())


class DatedEntry(BaseModel):
    """One value of a dated parameter and the day it takes effect."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    start: date = Field(alias="from")
    value: Any
    #: where the text sets this value (checked like a rule's citation); optional
    citation: dict[str, Any] | None = None
    note: str | None = None

    @field_validator("start", mode="before")
    @classmethod
    def _a_day(cls, v: Any) -> Any:
        # YAML gives a date for 2006-02-20 and a string for "2006-02-20": take both, nothing else
        if isinstance(v, datetime):
            raise ValueError("expected a date YYYY-MM-DD, not a date and time")
        if isinstance(v, date):
            return v
        if isinstance(v, str) and len(v.strip()) == 10:
            try:
                return date.fromisoformat(v.strip())
            except ValueError:
                pass
        raise ValueError(f"expected a date YYYY-MM-DD, got {v!r}")


#: a stretch of a rule's dated parameters in ``rules --format json``: from, until (inclusive; null:
#: unbounded), and the params over it
EpochJson = TypedDict("EpochJson", {"from": Day | None, "until": Day | None, "params": dict[str, Any]})


@dataclass(frozen=True, slots=True)
class Epoch:
    """A stretch of time ``[start, end]`` (``None``: unbounded) over which a rule's parameters hold still."""

    start: date | None
    end: date | None
    params: KindParams

    def contains(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def span(self) -> Text:
        """The stretch in words, Chinese and English: see :func:`span_words`."""
        return span_words(self.start, self.end)

    def describe(self) -> str:
        """The stretch in English: ``until 2009-12-31``, ``from 2010-01-01``, ``from … to …``."""
        return self.span()[1]

    def to_json(self) -> EpochJson:
        return {
            "from": self.start.isoformat() if self.start else None,
            "until": self.end.isoformat() if self.end else None,
            "params": self.params.to_json(),
        }


def span_words(start: date | None, end: date | None) -> Text:
    """A stretch of time from ``start`` to ``end`` (``None``: unbounded) in words, (Chinese, English):
    ``至 2009-12-31`` / ``until 2009-12-31``, ``2010-01-01 起`` / ``from 2010-01-01``,
    ``2010-01-01 至 2011-12-31`` / ``from 2010-01-01 to 2011-12-31``, ``始终`` / ``always``."""
    if start is None and end is None:
        return "始终", "always"
    if start is None:
        return f"至 {end}", f"until {end}"
    if end is None:
        return f"{start} 起", f"from {start}"
    return f"{start} 至 {end}", f"from {start} to {end}"


def epoch_at(epochs: Sequence[Epoch], day: date) -> Epoch:
    """The epoch that contains ``day`` (epochs cover all time, in order)."""
    lo, hi = 0, len(epochs) - 1
    while lo < hi:  # the last epoch whose start is on or before day
        mid = (lo + hi + 1) // 2
        start = epochs[mid].start
        if start is not None and start > day:
            hi = mid - 1
        else:
            lo = mid
    return epochs[lo]


Report = Callable[[Path, str], None]


def resolve(
    model: type[KindParams], raw: Mapping[str, Any], report: Report
) -> tuple[KindParams | None, tuple[Epoch, ...], dict[str, tuple[DatedEntry, ...]]]:
    """Validate params that hold dated values.

    Returns the params in force last (at the latest ``from``), the epochs (empty when the
    values never change, so the rule runs as an undated one), and each dated parameter's
    entries. Problems go to ``report(path, message)``, ``path`` relative to ``params``;
    on any problem the params returned are ``None``.
    """
    entries: dict[str, tuple[DatedEntry, ...]] = {}
    failed = False
    for key, value in raw.items():
        if not is_dated(value):
            continue
        if set(value) != {DATED}:
            extra = sorted(str(k) for k in value if k != DATED)
            report((key, extra[0]), "unknown field (a dated value has only the key 'dated')")
            failed = True
            continue
        items = value[DATED]
        if not isinstance(items, list) or not items:
            report((key, DATED), "expected a non-empty list of {from: YYYY-MM-DD, value: ...} entries")
            failed = True
            continue
        got: list[DatedEntry] = []
        for j, item in enumerate(items):
            if not isinstance(item, dict):
                report((key, DATED, j), "expected a mapping {from: YYYY-MM-DD, value: ...}")
                failed = True
                continue
            try:
                entry = DatedEntry.model_validate(item)
            except ValidationError as exc:
                for issue in validation_issues(exc, "dated", (key, DATED, j)):
                    report(issue.loc, issue.message)
                failed = True
                continue
            if got and entry.start <= got[-1].start:
                report(
                    (key, DATED, j, "from"),
                    f"the dates must strictly increase: {entry.start} is not after {got[-1].start}",
                )
                failed = True
            got.append(entry)
        entries[key] = tuple(got)
    if failed:
        return None, (), entries
    # a parameter's first 'from' changes nothing (its first value applies before it too)
    changes = sorted({e.start for es in entries.values() for e in es[1:]})
    starts: list[date | None] = [None, *changes]
    epochs: list[Epoch] = []
    seen: set[tuple[Path, str]] = set()
    for n, start in enumerate(starts):
        end = changes[n] - ONE_DAY if n < len(changes) else None
        chosen: dict[str, int] = {}
        values = dict(raw)
        for key, es in entries.items():
            k = 0
            if start is not None:
                for j, e in enumerate(es):
                    if e.start <= start:
                        k = j
            chosen[key] = k
            values[key] = es[k].value
        try:
            params = model.model_validate(values)
        except ValidationError as exc:
            span = span_words(start, end)[1]
            for issue in validation_issues(exc, "dated"):
                loc, msg = issue.loc, issue.message
                if loc and loc[0] in entries:
                    key = str(loc[0])
                    loc = (key, DATED, chosen[key], "value", *loc[1:])
                elif not loc:
                    # a check across values (min <= max): blame the entry that begins this epoch
                    opening = [k for k in entries if chosen[k] > 0 and entries[k][chosen[k]].start == start]
                    key = opening[0] if opening else next(iter(entries))
                    loc = (key, DATED, chosen[key])
                    msg = f"in force {span}: {msg}"
                if (loc, msg) not in seen:
                    seen.add((loc, msg))
                    report(loc, msg)
            failed = True
            continue
        epochs.append(Epoch(start, end, params))
    if failed:
        return None, (), entries
    return epochs[-1].params, (tuple(epochs) if len(epochs) > 1 else ()), entries
