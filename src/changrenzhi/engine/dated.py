"""The engine's side of dated parameters (see :mod:`changrenzhi.pack.dated`): a rule whose values
change over time runs once per epoch, and each epoch keeps the findings anchored in it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

from ..findings import Finding
from ..kinds.base import KindContext
from ..pack.model import Rule

__all__ = ["anchor_date", "evaluate_dated"]


class _Dates:
    """Event id -> date over the log the rules see, built only when needed: first over the events
    held as objects, and over the packed ones (a million visits, say) only when an id is not among
    those (ids are unique in a log, so the answer is the same)."""

    def __init__(self, ctx: KindContext) -> None:
        self.ctx = ctx
        self._objects: dict[str, date] | None = None
        self._packed: dict[str, date] | None = None

    def get(self, event_id: str) -> date | None:
        log = self.ctx.log
        if self._objects is None:
            self._objects = {ev.id: ev.date for ev in log.events}
        got = self._objects.get(event_id)
        if got is not None or not log.packed:
            return got
        if self._packed is None:
            self._packed = {}
            for p in log.packed.values():
                self._packed.update(zip(p.ids, p.dates, strict=True))
        return self._packed.get(event_id)


def anchor_date(finding: Finding, dates: Callable[[str], date | None], as_of: date) -> date:
    """The day whose parameters judge ``finding``: its period's first day (the value in force
    when the period began); without a period, the date of its latest evidence event; with
    neither, ``as_of``."""
    if finding.period is not None:
        return finding.period.start
    best: date | None = None
    for event_id in finding.evidence:
        d = dates(event_id)
        if d is not None and (best is None or d > best):
            best = d
    return best if best is not None else as_of


def evaluate_dated(rule: Rule, ctx: KindContext) -> Iterator[Finding]:
    """Evaluate a rule with dated params: once per epoch, keeping each epoch's own findings."""
    dates = _Dates(ctx)
    for epoch in rule.epochs:
        for f in rule.impl.evaluate(rule, epoch.params, ctx):
            if epoch.contains(anchor_date(f, dates.get, ctx.as_of)):
                yield f
