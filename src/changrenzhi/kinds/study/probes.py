"""Probe builders of ``study_frequency``, ``study_days``, ``study_absence_penalty`` and
``training_coverage`` (see :mod:`changrenzhi.kinds.probing`).

Sessions and trainings are counted on each bound and one past it; days of study on the minimum
and one step (a day, half a day, a tenth) below it, split into sessions in ways left to the
choices; absences on the run or count that fires the penalty and one short of it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date, timedelta
from fractions import Fraction

from ...periods import Period
from ..probing import (
    Choices,
    ProbeLog,
    ProbeSpec,
    Setting,
    Side,
    bound_sides,
    bound_spec,
    day_in,
    day_step,
    first_period,
    json_number,
    rep_ids,
)
from .params import (
    StudyAbsencePenaltyParams,
    StudyDaysParams,
    StudyFrequencyParams,
    TrainingCoverageParams,
)

__all__ = [
    "study_absence_penalty_probes",
    "study_days_probes",
    "study_frequency_probes",
    "training_coverage_probes",
]


def study_frequency_probes(p: StudyFrequencyParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    period = first_period(p.period, s)
    sides = bound_sides(p.min, p.max, "min", "max")
    for name, side, n in sides:
        log = ProbeLog(s)
        members = log.town(rep_ids(3))
        log.group("G1", members, {"leader": members[0]})
        for _ in range(n):
            log.add("study.session", day_in(c, period), group="G1", attendees=members)
        for g in range(c.integer(0, 1)):  # another group that complies
            more = log.town(rep_ids(2, f"H{g}R"))
            log.group(f"H{g}", more)
            for _ in range(p.min):
                log.add("study.session", day_in(c, period), group=f"H{g}", attendees=more)
        expect = n < p.min or (p.max is not None and n > p.max)
        yield bound_spec(log, name, side, n, "sessions", period.end, "G1", expect)


def _split_days(total: Fraction, c: Choices) -> list[Fraction]:
    """``total`` days as events of whole days and one fraction (how many pieces is free)."""
    whole = math.floor(total)
    parts: list[Fraction] = []
    while whole > 0:
        k = c.integer(1, whole)
        parts.append(Fraction(k))
        whole -= k
    if total - math.floor(total):
        parts.append(total - math.floor(total))
    return parts


def study_days_probes(p: StudyDaysParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    period = first_period(p.period, s)
    need = Fraction(str(p.min_days))
    step = min(day_step(need), need / 2)
    for side, total in (("at", need), ("past", need - step)):
        log = ProbeLog(s)
        members = log.town(rep_ids(2))
        log.group("G1", members)
        for part in _split_days(total, c):
            source = c.choice(list(p.sources))
            if source == "study":
                log.add(
                    "study.session", day_in(c, period), group="G1", attendees=members, days=json_number(part)
                )
            else:
                log.add("training.held", day_in(c, period), participants=members, days=json_number(part))
        yield bound_spec(
            log, "min_days", side, json_number(total), "days", period.end, members[0], total < need
        )


def study_absence_penalty_probes(p: StudyAbsencePenaltyParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    year = Period(date(s.start.year, 1, 1), date(s.start.year, 12, 31), "year")
    cases: list[tuple[str, Side, list[str]]] = []
    if p.consecutive is not None:
        how = "excused" if p.consecutive_counts_excused else "absent"
        run = p.consecutive
        cases.append(("consecutive", "at", [how] * run))
        cases.append(("consecutive", "past", [how] * (run - 1) + ["attended"]))
    if p.unexcused is not None:
        k = p.unexcused
        cases.append(("unexcused", "at", ["absent", "attended"] * k))
        cases.append(("unexcused", "past", ["absent", "attended"] * (k - 1) + ["attended"]))
    for name, side, pattern in cases:
        log = ProbeLog(s)
        members = log.town(rep_ids(2))
        log.group("G1", members)
        gap = max(1, 360 // len(pattern))
        offset = c.integer(0, gap - 1)
        days = [year.start + timedelta(days=min(offset + i * gap, 364)) for i in range(len(pattern))]
        for day, how in zip(days, pattern, strict=True):
            attendees = members if how == "attended" else members[1:]
            excused = [members[0]] if how == "excused" else None
            log.add("study.session", day, group="G1", attendees=attendees, excused=excused)
        # the consequence each clause attaches, predicted from the pattern
        runs = longest = 0
        for how in pattern:
            counts = how == "absent" or (how == "excused" and p.consecutive_counts_excused)
            runs = runs + 1 if counts else 0
            longest = max(longest, runs)
        fires = (p.consecutive is not None and longest >= p.consecutive) or (
            p.unexcused is not None and pattern.count("absent") >= p.unexcused
        )
        what = f"{pattern.count('absent')} unexcused, {pattern.count('excused')} excused absences"
        yield bound_spec(log, name, side, what, "", year.end, members[0], fires)


def training_coverage_probes(p: TrainingCoverageParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    period = first_period(p.span, s)
    for side, n in (("at", p.min), ("past", p.min - 1)):
        log = ProbeLog(s)
        reps = log.town(rep_ids(1 + c.integer(0, 2)))
        for _ in range(n):
            log.add("training.held", day_in(c, period), participants=reps, days=1)
        for _ in range(p.min - n):  # trainings the others took: the subject was not there
            if len(reps) > 1:
                log.add("training.held", day_in(c, period), participants=reps[1:], days=1)
        yield bound_spec(log, "min", side, n, "trainings", period.end, reps[0], n < p.min)
