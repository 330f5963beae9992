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

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from ..jsontypes import Day as DayText
from ..jsontypes import TypedDict
from ..kinds.base import KindParams
from ..periods import ONE_DAY, impossible_date
from ..text import Text
from .issues import validation_issues
from .yamlsafe import Path

__all__ = [
    "DATED",
    "EPOCHS_FACTOR",
    "FIRST_DAY",
    "LAST_DAY",
    "MAX_ENTRIES",
    "MAX_EPOCHS",
    "DatedEntry",
    "Day",
    "Epoch",
    "EpochJson",
    "epoch_at",
    "has_dated",
    "is_dated",
    "resolve",
    "span_words",
    "to_day",
]

DATED = "dated"
#: the days a pack may name (docs/PACKS.md, "Bounds"): every day a pack gives, and every day
#: computed from one (a deadline ten years on, a term of twenty years), stays far from the ends
#: of the calendar
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2199, 12, 31)
#: at most this many entries in one dated value, and epochs in one rule
MAX_ENTRIES = 50
MAX_EPOCHS = 100
#: the epochs of a rule, listed with all their params, take at most this many times the
#: characters of its params as written (and 16 KiB)
EPOCHS_FACTOR = 8
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def to_day(value: Any) -> date:
    """A day as a pack writes it: YAML's ``2006-02-20`` (a date) or the string ``"2006-02-20"``,
    from :data:`FIRST_DAY` to :data:`LAST_DAY`; not a date and time, a number (a Unix time), an
    ISO week (``2006-W08-1``) or an ordinal date."""
    if isinstance(value, datetime):
        raise ValueError("expected a date YYYY-MM-DD, not a date and time")
    day: date | None = None
    if isinstance(value, date):
        day = value
    elif isinstance(value, str) and _DAY.fullmatch(value.strip()):
        try:
            day = date.fromisoformat(value.strip())
        except ValueError as exc:
            wrong = impossible_date(value.strip())
            raise ValueError(wrong or f"expected a date YYYY-MM-DD, got {value.strip()!r} ({exc})") from None
    if day is None:
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:40] + "…"
        raise ValueError(f"expected a date YYYY-MM-DD, got {shown}")
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"{day} is outside the days a pack may name ({FIRST_DAY} to {LAST_DAY})")
    return day


#: a day of a pack (:func:`to_day`)
Day = Annotated[date, BeforeValidator(to_day)]


def is_dated(value: Any) -> bool:
    """Whether a parameter value is written as ``{dated: [...]}``."""
    return isinstance(value, dict) and DATED in value


def has_dated(params: Mapping[str, Any]) -> bool:
    return any(isinstance(v, dict) and DATED in v for v in params.values())


class DatedEntry(BaseModel):
    """One value of a dated parameter and the day it takes effect."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, strict=True, defer_build=True
    )

    #: YAML gives a date for 2006-02-20 and a string for "2006-02-20": both are taken, nothing else
    start: Day = Field(alias="from")
    value: Any
    #: where the text sets this value (checked like a rule's citation); optional
    citation: dict[str, Any] | None = None
    note: str | None = None


#: a stretch of a rule's dated parameters in ``rules --format json``: from, until (inclusive; null:
#: unbounded), and the params over it
EpochJson = TypedDict(
    "EpochJson", {"from": DayText | None, "until": DayText | None, "params": dict[str, Any]}
)


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
        if len(items) > MAX_ENTRIES:
            report((key, DATED), f"{len(items)} dated entries: at most {MAX_ENTRIES}")
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
    if len(changes) + 1 > MAX_EPOCHS:
        first = next(iter(entries))
        report((first, DATED), f"the dated values make {len(changes) + 1} epochs: at most {MAX_EPOCHS}")
        return None, (), entries
    starts: list[date | None] = [None, *changes]
    epochs: list[Epoch] = []
    seen: set[tuple[Path, str]] = set()
    chosen = dict.fromkeys(entries, 0)  # each parameter's entry in force, moved on as time goes
    for n, start in enumerate(starts):
        end = changes[n] - ONE_DAY if n < len(changes) else None
        values = dict(raw)
        for key, es in entries.items():
            k = chosen[key]
            while start is not None and k + 1 < len(es) and es[k + 1].start <= start:
                k += 1
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
    if len(epochs) > 1:
        # every epoch is listed with all its params (rules, explain): no more than a few times
        # what the rule's params take to write
        listed = sum(len(json.dumps(e.params.to_json(), ensure_ascii=False)) for e in epochs)
        written = len(json.dumps(dict(raw), ensure_ascii=False, default=str))
        if listed > EPOCHS_FACTOR * written + 16_384:
            first = next(iter(entries))
            report(
                (first, DATED),
                f"the {len(epochs)} epochs repeat the other parameters {listed} characters in all, "
                f"more than {EPOCHS_FACTOR} times the parameters: give fewer dated entries or shorter values",
            )
            return None, (), entries
    return epochs[-1].params, (tuple(epochs) if len(epochs) > 1 else ()), entries
