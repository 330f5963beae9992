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
    """Event id -> date over the log the rules see, learnt only as far as needed: the log's ids and
    dates (:meth:`EventLog.dated_ids`: the events held as objects first) are gone through until the
    id asked for turns up, so the packed ones (a million visits, say) only for an id not among the
    objects."""

    def __init__(self, ctx: KindContext) -> None:
        self.ctx = ctx
        self._known: dict[str, date] = {}
        self._rest: Iterator[tuple[str, date]] | None = None

    def get(self, event_id: str) -> date | None:
        got = self._known.get(event_id)
        if got is None:
            if self._rest is None:
                self._rest = self.ctx.log.dated_ids()
            for i, d in self._rest:
                self._known[i] = d
                if i == event_id:
                    return d
        return got


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
