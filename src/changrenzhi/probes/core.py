"""Boundary probes of a rule: its kind's builder run with the rule's parameters, once per epoch.

For a loaded :class:`~changrenzhi.pack.Rule` (and the pack's term settings), :func:`probes`
yields :class:`Probe` objects: a label naming the parameter and the side of its bound (``at``
the bound, or one ``past`` it), the events (plain dicts in the docs/EVENTS.md format, ready for
:func:`~changrenzhi.events.read_events`), an ``as_of``, the subject the rule would speak about,
and ``expect_finding``: whether the parameters predict a finding of a non-pending status for that
subject (``violation``, ``warning`` or ``info``).

A kind builds its probes in its ``probes`` method (:meth:`RuleKind.probes
<changrenzhi.kinds.base.RuleKind.probes>`, with the builders of ``kinds/<family>/probes.py``; what
they share, :class:`Setting`, :class:`Choices` and :data:`DEFAULTS` among it, is in
:mod:`changrenzhi.kinds.probing`). A kind that does not override it yields no probes and is listed
by :func:`kinds_without_builder`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ..kinds.base import KindParams, RuleKind
from ..kinds.probing import DEFAULT_START, DEFAULTS, MAX_PROBE_EVENTS, Choices, Ev, Setting, Side, Unprobeable
from ..pack.dated import LAST_DAY

if TYPE_CHECKING:
    from ..kinds.base import Registry
    from ..pack.model import Pack, Rule

__all__ = [
    "MAX_PROBE_EVENTS",
    "MAX_RULE_PROBE_EVENTS",
    "Budget",
    "Probe",
    "has_probes",
    "kinds_without_builder",
    "probes",
    "setting_of",
]

#: how far past the end of its term a probe's days may reach, in years (a deadline of MAX_DAYS)
_SPAN_YEARS = 11
#: the most events all the probes of one rule hold together (over all its epochs): a rule whose
#: parameters ask for more is probed that far, and its :class:`Budget` says it was cut
MAX_RULE_PROBE_EVENTS = 10_000


@dataclass
class Budget:
    """The events the probes of one rule may still hold, and whether some were left unbuilt
    (too many events, or more days than a period has: :class:`Unprobeable`)."""

    events: int = MAX_RULE_PROBE_EVENTS
    cut: bool = False


def setting_of(pack: Pack, start: date | None = None) -> Setting:
    """The probe setting of a pack: its term length (5 years when it gives none) and presence rule."""
    return Setting(pack.term_years or 5, start or DEFAULT_START, pack.presence)


@dataclass(frozen=True, slots=True)
class Probe:
    """One small event log at one side of one bound, and what the parameters predict for it."""

    rule: str
    kind: str
    param: str
    side: Side
    label: str
    events: tuple[Ev, ...]
    as_of: date
    subject: str
    expect_finding: bool
    #: the span of the epoch whose parameters the probe tests (dated parameters), else None
    epoch: str | None = None

    def lines(self) -> list[str]:
        """The events as JSON Lines (for :func:`~changrenzhi.events.read_events`)."""
        import json

        return [json.dumps(e, ensure_ascii=False) for e in self.events]


def has_probes(kind: RuleKind[Any]) -> bool:
    """Whether ``kind`` builds boundary probes (overrides :meth:`RuleKind.probes`)."""
    return type(kind).probes is not RuleKind.probes


def probes(
    rule: Rule,
    setting: Setting | None = None,
    choices: Choices | None = None,
    *,
    params: KindParams | None = None,
    budget: Budget | None = None,
) -> Iterator[Probe]:
    """The boundary probes of ``rule`` (with ``params`` instead of its own, e.g. one epoch's values).

    A rule with dated parameters is probed once per epoch: each epoch's probes start their
    term on the first 1 January in it, with that epoch's parameters, and carry its span in
    ``epoch``; an epoch that holds no whole calendar year is not probed (a probe's period
    or meeting could fall outside it), nor is one whose probes could reach past the last day a pack
    may name (:data:`~changrenzhi.pack.dated.LAST_DAY`: a term and ten years of deadlines from it).

    The work is bounded whatever the parameters say: no probe holds more than
    :data:`MAX_PROBE_EVENTS` events, all of a rule's probes no more than ``budget.events``
    (:data:`MAX_RULE_PROBE_EVENTS`). A builder that would go past either stops there (the
    probes after it are not built) and sets ``budget.cut``.
    """
    if not has_probes(rule.impl):
        return
    left = budget if budget is not None else Budget()
    base = setting or Setting()
    if params is not None or not rule.epochs:
        yield from _built(rule, rule.params if params is None else params, base, choices, None, left)
        return
    for ep in rule.epochs:
        start = _epoch_start(ep.start, ep.end, base.start)
        if start is not None and start.year + base.term_years + _SPAN_YEARS <= LAST_DAY.year:
            at = Setting(base.term_years, start, base.presence)
            yield from _built(rule, ep.params, at, choices, ep.describe(), left)
            if left.cut:
                return


def _built(
    rule: Rule,
    params: KindParams,
    setting: Setting,
    choices: Choices | None,
    epoch: str | None,
    budget: Budget,
) -> Iterator[Probe]:
    try:
        for s in rule.impl.probes(params, setting, choices or DEFAULTS):
            if len(s.events) > budget.events:
                budget.cut = True
                return
            budget.events -= len(s.events)
            label = s.label if epoch is None else f"[{epoch}] {s.label}"
            yield Probe(
                rule.id,
                rule.kind,
                s.param,
                s.side,
                label,
                tuple(s.events),
                s.as_of,
                s.subject,
                s.expect,
                epoch,
            )
    except Unprobeable:
        budget.cut = True


def _epoch_start(start: date | None, end: date | None, default: date) -> date | None:
    """The first 1 January of an epoch whose whole year lies in it (None: there is none)."""
    if start is None:
        year = default.year if end is None else min(default.year, end.year - 1)
    else:
        year = start.year if (start.month, start.day) == (1, 1) else start.year + 1
    if end is not None and date(year, 12, 31) > end:
        return None
    return date(year, 1, 1)


def kinds_without_builder(registry: Registry | None = None) -> list[str]:
    """The kinds of ``registry`` (default: the built-in kinds) that build no probes."""
    if registry is None:
        from ..registry import default_registry

        registry = default_registry()
    return [k for k in registry.names() if not has_probes(registry.get(k))]
