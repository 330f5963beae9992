"""Probe builders of ``inspection_notice``, ``inspection_frequency`` and ``inspection_report``
(see :mod:`changrenzhi.kinds.probing`).

Days of notice and inspections per period are probed on each bound and one past it; a report on
its deadline day and the day after. An inspection may last two or three days, one event a day.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import Any

from ...periods import ONE_DAY
from ..probing import (
    Choices,
    ProbeLog,
    ProbeSpec,
    Setting,
    bound_sides,
    bound_spec,
    day_in,
    fallback_deadline,
    first_period,
    probe_spec,
    rep_ids,
)
from .params import InspectionFrequencyParams, InspectionNoticeParams, InspectionReportParams

__all__ = ["inspection_frequency_probes", "inspection_notice_probes", "inspection_report_probes"]


def _inspection(log: ProbeLog, day: date, iid: str, reps: Sequence[str], c: Choices, **fields: Any) -> date:
    """An inspection on ``day``, maybe over two or three days (one event per day); its last day."""
    log.add("inspection.held", day, inspection=iid, participants=list(reps), **fields)
    last = day
    for k in range(c.integer(0, 2)):
        last = day + timedelta(days=k + 1)
        log.add("inspection.held", last, inspection=iid, participants=list(reps))
    return last


def inspection_notice_probes(p: InspectionNoticeParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    held = s.start + timedelta(days=c.integer(60, 300))

    def ok(d: int) -> bool:
        return (p.min_days is None or d >= p.min_days) and (p.max_days is None or d <= p.max_days)

    for name, side, d in bound_sides(p.min_days, p.max_days, "min_days", "max_days"):
        log = ProbeLog(s)
        reps = log.town(rep_ids(2))
        _inspection(log, held, "I1", reps, c, notified=(held - timedelta(days=d)).isoformat(), unit="U1")
        yield bound_spec(log, name, side, d, "days' notice", held + timedelta(days=5), "I1", not ok(d))
    for side, notified in (("inside", True), ("outside", False)):
        log = ProbeLog(s)
        reps = log.town(rep_ids(2))
        d = next(x for x in (p.min_days, p.max_days) if x is not None)  # the params give one
        when = (held - timedelta(days=d)).isoformat() if notified else None
        _inspection(log, held, "I1", reps, c, notified=when, unit="U1")
        what = "notice recorded" if notified else "no notice recorded"
        expect = not ok(d) if notified else bool(p.require_notice)
        yield probe_spec(
            log, "require_notice", side, f"require_notice: {what}", held + timedelta(days=5), "I1", expect
        )


def inspection_frequency_probes(p: InspectionFrequencyParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    period = first_period(p.period, s)
    lo = p.min if p.min > 0 else None
    for name, side, n in bound_sides(lo, p.max, "min", "max"):
        log = ProbeLog(s)
        reps = log.town(rep_ids(2))
        starts = sorted(day_in(c, period) for _ in range(n))
        for i, day in enumerate(starts):
            log.add("inspection.held", day, inspection=f"I{i + 1}", participants=reps)
        if n and c.choice([False, True]):  # a second day of the first inspection counts once
            log.add("inspection.held", starts[0] + ONE_DAY, inspection="I1", participants=reps)
        if c.choice([False, True]):  # one in the next period counts there
            log.add("inspection.held", period.end + ONE_DAY, inspection="I-next", participants=reps)
        expect = n < p.min or (p.max is not None and n > p.max)
        yield bound_spec(log, name, side, n, "inspections", period.end, "committee", expect)


def inspection_report_probes(p: InspectionReportParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    held = s.start + timedelta(days=c.integer(30, 300))
    name = "days" if p.days is not None else "fallback"
    for side in ("at", "past"):
        log = ProbeLog(s)
        reps = log.town(rep_ids(2))
        last = _inspection(log, held, "I1", reps, c)
        deadline = fallback_deadline(s, last, p.days, p.fallback)
        day = deadline if side == "at" else deadline + ONE_DAY
        log.add("inspection.reported", day, inspection="I1")
        what = f"report {(day - last).days} days after the inspection's last day"
        yield bound_spec(log, name, side, what, "", deadline + timedelta(days=5), "I1", side == "past")
