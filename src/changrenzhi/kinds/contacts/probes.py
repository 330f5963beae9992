"""Probe builders of ``contact_roster``, ``contact_frequency``, ``committee_roster`` and
``committee_contact_frequency`` (see :mod:`changrenzhi.kinds.probing`).

A roster's count is probed on each bound of its band and one past it, and on the edges of its
soft target (``target ± tolerance``); a visit frequency on its minimum and one below it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from ..base import Band
from ..probing import (
    Choices,
    ProbeLog,
    ProbeSpec,
    Setting,
    Side,
    bound_sides,
    bound_spec,
    comply,
    day_in,
    first_period,
    rep_ids,
)
from .params import (
    CommitteeContactFrequencyParams,
    CommitteeRosterParams,
    ContactFrequencyParams,
    ContactRosterParams,
    RepFilter,
)

__all__ = [
    "committee_contact_frequency_probes",
    "committee_roster_probes",
    "contact_frequency_probes",
    "contact_roster_probes",
    "rep_attrs",
]


def _band_sides(band: Band, prefix: str) -> list[tuple[str, Side, int]]:
    """Hard bounds and the soft target's edges (``target ± tolerance``) of a :class:`Band`."""
    out = bound_sides(band.min, band.max, f"{prefix}.min", f"{prefix}.max")
    if band.target is not None:
        lo, hi = band.target - band.tolerance, band.target + band.tolerance
        if lo >= 0:
            out.append((f"{prefix}.target", "at", lo))
            if lo > 0:
                out.append((f"{prefix}.target", "past", lo - 1))
        out.append((f"{prefix}.target", "at", hi))
        out.append((f"{prefix}.target", "past", hi + 1))
    return out


def _band_expect(band: Band, n: int) -> bool:
    return not band.hard_ok(n) or not band.soft_ok(n)


def rep_attrs(applies_to: RepFilter | None) -> dict[str, Any]:
    """``rep.elected`` attributes that pass a rule's ``applies_to`` filter."""
    if applies_to is None:
        return {}
    out: dict[str, Any] = {}
    if applies_to.category:
        out["category"] = applies_to.category[0]
    if applies_to.unit:
        out["unit"] = applies_to.unit[0]
    return out


def _band_comply(band: Band) -> int:
    if band.target is not None and band.hard_ok(band.target):
        return int(band.target)
    return comply(band.min, band.max)


def contact_roster_probes(p: ContactRosterParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    period = first_period(p.period, s)
    attrs = rep_attrs(p.applies_to)
    kinds = list(p.kinds)

    def contacts(rep: str, n: int) -> list[dict[str, str]]:
        return [{"person": f"P-{rep}-{i:02d}", "kind": kinds[i % len(kinds)]} for i in range(n)]

    for name, side, n in _band_sides(p.count, "count"):
        log = ProbeLog(s)
        rep = log.town(["R001"], **attrs)[0]
        if n and c.choice([False, True]):
            # first a different roster, replaced during the period: the one in force at its end counts
            log.add("contact.assigned", s.start, rep=rep, contacts=contacts(rep, n + 1))
            log.add("contact.assigned", day_in(c, period, 1), rep=rep, contacts=contacts(rep, n))
        elif n:
            log.add("contact.assigned", s.start, rep=rep, contacts=contacts(rep, n))
        for other in log.town(rep_ids(c.integer(0, 2), "Q"), **attrs):
            log.add("contact.assigned", s.start, rep=other, contacts=contacts(other, _band_comply(p.count)))
        expect = _band_expect(p.count, n)
        yield bound_spec(log, name, side, n, "contacts", period.end, rep, expect)


def contact_frequency_probes(p: ContactFrequencyParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    period = first_period(p.period, s)
    attrs = rep_attrs(p.applies_to)
    kind = p.kinds[0] if p.kinds else "member"
    for side, n in (("at", p.min), ("past", p.min - 1)):
        log = ProbeLog(s)
        rep = log.town(["R001"], **attrs)[0]
        others = [f"P{i:02d}" for i in range(2, 2 + c.integer(0, 2))]  # people visited often enough
        people = [{"person": who, "kind": kind} for who in ["P01", *others]]
        log.add("contact.assigned", s.start, rep=rep, contacts=people)
        for who, times in [("P01", n), *[(o, p.min) for o in others]]:
            for _ in range(times):
                log.add("contact.visit", day_in(c, period), rep=rep, person=who)
        if c.choice([False, True]):  # a visit after as_of does not count
            log.add("contact.visit", period.end + timedelta(days=c.integer(1, 40)), rep=rep, person="P01")
        yield bound_spec(log, "min", side, n, "visits", period.end, rep, n < p.min)


def _targets(log: ProbeLog, of: str, n: int, prefix: str) -> list[str]:
    """``n`` reps, or ``n`` groups of one rep each, for a committee member to look after."""
    reps = log.town(rep_ids(n, f"{prefix}R"))
    if of == "reps":
        return reps
    groups = [f"{prefix}G{i:02d}" for i in range(1, n + 1)]
    for g, r in zip(groups, reps, strict=True):
        log.group(g, [r])
    return groups


def committee_roster_probes(p: CommitteeRosterParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    period = first_period(p.period, s)
    key = p.of
    for name, side, n in _band_sides(p.count, "count"):
        log = ProbeLog(s)
        log.town([])
        log.add("committee.appointed", s.start, member="C01")
        targets = _targets(log, p.of, n + 1, "A")
        if n and c.choice([False, True]):
            log.add("committee.assigned", s.start, member="C01", **{key: targets})
            log.add("committee.assigned", day_in(c, period, 1), member="C01", **{key: targets[:n]})
        elif n:
            log.add("committee.assigned", s.start, member="C01", **{key: targets[:n]})
        for i in range(c.integer(0, 2)):
            member = f"C{i + 2:02d}"
            log.add("committee.appointed", s.start, member=member)
            mine = _targets(log, p.of, _band_comply(p.count), f"B{i}")
            log.add("committee.assigned", s.start, member=member, **{key: mine})
        expect = _band_expect(p.count, n)
        yield bound_spec(log, name, side, n, p.of, period.end, "C01", expect)


def committee_contact_frequency_probes(
    p: CommitteeContactFrequencyParams, s: Setting, c: Choices
) -> Iterator[ProbeSpec]:
    period = first_period(p.period, s)
    fld = "rep" if p.of == "reps" else "group"
    for side, n in (("at", p.min), ("past", p.min - 1)):
        log = ProbeLog(s)
        log.town([])
        log.add("committee.appointed", s.start, member="C01")
        targets = _targets(log, p.of, c.integer(1, 3), "A")
        log.add("committee.assigned", s.start, member="C01", **{p.of: targets})
        if p.per == "each":
            counts = [n] + [p.min] * (len(targets) - 1)
        else:
            counts = [0] * len(targets)
            for _ in range(n):
                counts[c.integer(0, len(targets) - 1)] += 1
        for target, times in zip(targets, counts, strict=True):
            for _ in range(times):
                log.add("committee.visit", day_in(c, period), member="C01", **{fld: target})
        what = f"visits to {targets[0]}" if p.per == "each" else "visits in all"
        yield bound_spec(log, "min", side, n, what, period.end, "C01", n < p.min)
