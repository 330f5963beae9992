"""Kinds about study and training: ``study_frequency``, ``study_days``,
``study_absence_penalty``, ``training_coverage``."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator, Sequence
from datetime import date
from fractions import Fraction
from math import lcm
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from ...events import Event, RatingGiven, StudySession, TrainingHeld
from ...periods import Interval, Period, covered, overlap_days
from ..base import KindContext, RuleKind, RuleRef
from ..describing import Duty
from . import details as kind_details
from .describe import (
    RATING_ZH,
    study_absence_penalty_duties,
    study_days_duties,
    study_frequency_duties,
    training_coverage_duties,
)
from .params import StudyAbsencePenaltyParams, StudyDaysParams, StudyFrequencyParams, TrainingCoverageParams

if TYPE_CHECKING:
    from ...findings import Finding
    from ..probing import Choices, ProbeSpec, Setting

Attended = StudySession | TrainingHeld
E = TypeVar("E", bound=Event)


def _sessions(ctx: KindContext) -> list[StudySession]:
    return ctx.of(StudySession)


def _trainings(ctx: KindContext) -> list[TrainingHeld]:
    return ctx.of(TrainingHeld)


def _while_seated(
    ctx: KindContext,
    events: Sequence[E],
    period: Period,
    intervals: Sequence[Interval],
    dates: Sequence[date] | None = None,
) -> list[E]:
    """The ``events`` within ``period`` on days the subject held a seat, in (date, id) order.

    Ordering by id within a day (not by file position) keeps the findings' details
    the same however the events of one day are ordered in the log. ``dates``, when
    given, are the events' dates (bisected without a key function).
    """
    out: list[E] = []
    for lo, hi in covered(period, intervals):
        if dates is None:
            out.extend(ctx.within(events, Period(lo, hi, period.kind)))
        else:
            out.extend(events[bisect.bisect_left(dates, lo) : bisect.bisect_right(dates, hi)])
    if len(out) > 1:
        out.sort(key=_date_and_id)
    return out


def _date_and_id(ev: Event) -> tuple[date, str]:
    return (ev.date, ev.id)


def _number(x: Fraction) -> int | float:
    """A day count for details and messages: ``5`` rather than ``5.0``, ``4.5`` as is."""
    return x.numerator if x.denominator == 1 else float(x)


class StudyFrequency(RuleKind[StudyFrequencyParams]):
    name = "study_frequency"
    params_model = StudyFrequencyParams
    details = kind_details.STUDY_FREQUENCY
    consumes = frozenset({"study.session", "group.formed"})
    summary = "group study sessions per period"
    messages: ClassVar = {
        "few": {
            "zh": "代表小组 {subject} 在{period}组织集中学习 {count} 次，应不少于 {min} 次",
            "en": "group {subject} held {count} study sessions in {period}; at least {min} required",
        },
        "many": {
            "zh": "代表小组 {subject} 在{period}组织集中学习 {count} 次，规定为 {max} 次",
            "en": "group {subject} held {count} study sessions in {period}; at most {max} foreseen",
        },
    }

    def probes(self, params: StudyFrequencyParams, setting: Setting, choices: Choices) -> Iterator[ProbeSpec]:
        from .probes import study_frequency_probes

        return study_frequency_probes(params, setting, choices)

    def describe(self, params: StudyFrequencyParams) -> list[Duty]:
        return study_frequency_duties(params)

    def evaluate(self, rule: RuleRef, params: StudyFrequencyParams, ctx: KindContext) -> Iterator[Finding]:
        sessions = ctx.by("study.session", "group")
        for group in sorted(ctx.roster.groups):
            mine = sessions.get(group, [])
            for period in ctx.periods(params.period, ctx.roster.group_interval(group), params.presence):
                held = ctx.within(mine, period)
                n = len(held)
                if n < params.min:
                    # the sessions held, and the formation that made the group owe them
                    evidence = [*held, ctx.roster.formed_at(group, period.end)]
                    yield ctx.finding(
                        rule, ctx.unmet(rule, period), group, period, evidence, "few", count=n, min=params.min
                    )
                elif params.max is not None and n > params.max:
                    # already past the ceiling: no later event can undo it
                    yield ctx.finding(
                        rule, ctx.broken(rule), group, period, held, "many", count=n, max=params.max
                    )


class StudyDays(RuleKind[StudyDaysParams]):
    name = "study_days"
    params_model = StudyDaysParams
    details = kind_details.STUDY_DAYS
    consumes = frozenset({"study.session", "training.held"})
    summary = "days of study and training per rep per period"
    messages: ClassVar = {
        "few": {
            "zh": "代表 {subject} 在{period}参加集中学习培训 {days} 天，应不少于 {required} 天",
            "en": "rep {subject} spent {days} days in study and training in {period}; "
            "at least {required} required",
        },
    }

    def probes(self, params: StudyDaysParams, setting: Setting, choices: Choices) -> Iterator[ProbeSpec]:
        from .probes import study_days_probes

        return study_days_probes(params, setting, choices)

    def describe(self, params: StudyDaysParams) -> list[Duty]:
        return study_days_duties(params)

    def evaluate(self, rule: RuleRef, params: StudyDaysParams, ctx: KindContext) -> Iterator[Finding]:
        """Sum the days of the sessions a rep attended and the trainings they took part in.

        Only days while the rep held a seat count. The per-rep lists are built
        in one pass over the events; each period is then a bisection of them.
        """
        roster = ctx.roster
        sources: list[Attended] = []
        if "study" in params.sources:
            sources.extend(_sessions(ctx))
        if "training" in params.sources:
            sources.extend(_trainings(ctx))
        # in (date, id) order, once: so is each rep's list, and the events of a stretch of days are
        # a slice of it, in the order they are counted
        sources.sort(key=_date_and_id)
        mine: dict[str, list[Attended]] = {}
        for e in sources:
            for rep in e.attendees if isinstance(e, StudySession) else e.participants:
                got = mine.get(rep)
                if got is None:
                    mine[rep] = [e]
                else:
                    got.append(e)
        # exact decimal arithmetic, fast: every event's days as a whole number of 1/unit days
        exact = {d: Fraction(str(d)) for d in {e.days for e in sources}}
        unit = lcm(1, *{f.denominator for f in exact.values()})
        units = {d: int(f * unit) for d, f in exact.items()}
        minimum = Fraction(str(params.min_days))
        need = minimum * unit  # in 1/unit days, when not prorated
        need_units: int | Fraction = int(need) if need.denominator == 1 else need
        for rep in sorted(roster.seats):
            intervals = roster.rep_intervals(rep)
            attended = mine.get(rep, [])
            dates = [e.date for e in attended]
            # the days attended before each event, to sum any slice by two lookups
            before = list(itertools.accumulate([units[e.days] for e in attended], initial=0))
            for period in ctx.periods(params.period, intervals, params.presence):
                total = 0
                spans: list[tuple[int, int]] = []
                for lo, hi in covered(period, intervals):  # the days of the period while a seat was held
                    a, b = bisect.bisect_left(dates, lo), bisect.bisect_right(dates, hi)
                    total += before[b] - before[a]
                    spans.append((a, b))
                required = minimum
                if params.prorate:
                    required = minimum * Fraction(overlap_days(period, intervals), period.days)
                if total < (required * unit if params.prorate else need_units):
                    counted = [e for a, b in spans for e in attended[a:b]]
                    yield ctx.finding(
                        rule,
                        ctx.unmet(rule, period),
                        rep,
                        period,
                        counted,
                        "few",
                        days=_number(Fraction(total, unit)),
                        min_days=_number(minimum),
                        required=round(float(required), 2) if params.prorate else _number(required),
                        counted=[e.id for e in counted],
                    )


class StudyAbsencePenalty(RuleKind[StudyAbsencePenaltyParams]):
    name = "study_absence_penalty"
    params_model = StudyAbsencePenaltyParams
    details = kind_details.STUDY_ABSENCE_PENALTY
    consumes = frozenset({"study.session", "rating.given", "group.formed", "group.changed"})
    summary = "the appraisal consequence of missed study, and ratings that contradict it"
    messages: ClassVar = {
        "cap": {
            "zh": "代表 {subject} 连续 {consecutive} 次不参加学习（{listing}），"
            "{period}民主评议不能评为{barred_zh}等次",
            "en": "rep {subject} missed {consecutive} study sessions in a row ({listing_en}): "
            "cannot be rated {barred_en} in the appraisal of {period}",
        },
        "cap_broken": {
            "zh": "代表 {subject} 连续 {consecutive} 次不参加学习（{listing}），"
            "{period}民主评议却被评为{rating_zh}",
            "en": "rep {subject} was rated {rating} for {period} despite missing {consecutive} "
            "consecutive study sessions ({listing_en})",
        },
        "unqualified": {
            "zh": "代表 {subject} 无故不参加学习 {count} 次（{listing}），"
            "{period}民主评议应定为{required_zh}等次",
            "en": "rep {subject} missed {count} study sessions without excuse ({listing_en}): "
            "must be rated {required} in the appraisal of {period}",
        },
        "unqualified_broken": {
            "zh": "代表 {subject} 无故不参加学习 {count} 次（{listing}），"
            "{period}民主评议应定为{required_zh}，却被评为{rating_zh}",
            "en": "rep {subject} was rated {rating} for {period} although they missed {count} study "
            "sessions without excuse ({listing_en}) and must be rated {required}",
        },
    }

    def probes(
        self, params: StudyAbsencePenaltyParams, setting: Setting, choices: Choices
    ) -> Iterator[ProbeSpec]:
        from .probes import study_absence_penalty_probes

        return study_absence_penalty_probes(params, setting, choices)

    def describe(self, params: StudyAbsencePenaltyParams) -> list[Duty]:
        return study_absence_penalty_duties(params)

    def evaluate(
        self, rule: RuleRef, params: StudyAbsencePenaltyParams, ctx: KindContext
    ) -> Iterator[Finding]:
        """The consequences of each rep's absences, and the ratings that ignore them.

        A rep is *expected* at a study session when they are a seated member of the
        session's group at the end of its day (``roster.group_members``): a rep
        disqualified before (or on) that day is not expected, a rep who moved to
        another group is expected at the new group's sessions. *Absent* means
        expected and not among the attendees; *excused* means absent and listed in
        ``excused``. A rep's expected sessions, across all their groups, are taken
        in (date, id) order.

        (a) ``consecutive``: every absence that completes a run of ``consecutive``
        absences among the rep's expected sessions (an attended session breaks a
        run; an excused absence counts, or, with ``consecutive_counts_excused:
        false``, breaks it) caps the appraisal of the year of that absence (or the
        next year, ``appraisal_year: next``). A longer run caps again each year in
        which one of its windows ends, so a run over New Year caps both years.

        (b) ``unexcused``: ``unexcused`` or more absences without excuse whose
        year (or next year) is the appraisal year fix the rating at
        ``unexcused_rating``. Literal reading: with the default 1, one unexcused
        absence is decisive (DOMAIN.md, guoyuan).

        Each consequence is an ``info`` finding per (rep, appraisal year, clause)
        whose evidence and ``sessions`` detail are the absences counted. The
        rating in force for that year is the one given last (all those of the last
        day, so that order within a day does not matter); one that contradicts the
        consequence is a finding of the rule's severity citing the sessions and the
        rating.
        """
        roster = ctx.roster
        shift = 1 if params.appraisal_year == "next" else 0
        expected: dict[str, list[tuple[StudySession, str]]] = {}
        members_at: dict[tuple[str, date], frozenset[str]] = {}
        for s in sorted(_sessions(ctx), key=lambda e: (e.date, e.id)):
            key = (s.group, s.date)
            members = members_at.get(key)
            if members is None:
                alive = any(iv.contains(s.date) for iv in roster.group_interval(s.group))
                # a group ends with its term: its last members are no longer expected
                members = roster.group_members(s.group, s.date) if alive else frozenset()
                members_at[key] = members
            if not members:
                continue
            attendees, excused = frozenset(s.attendees), frozenset(s.excused)
            for rep in members:
                how = "attended" if rep in attendees else "excused" if rep in excused else "absent"
                expected.setdefault(rep, []).append((s, how))
        ratings: dict[tuple[str, int], list[RatingGiven]] = {}
        for r in ctx.of(RatingGiven):
            ratings.setdefault((r.person, r.year), []).append(r)

        for rep in sorted(expected):
            timeline = expected[rep]
            if params.consecutive is not None:
                yield from self._consecutive(rule, params, ctx, rep, timeline, ratings, shift)
            if params.unexcused is not None:
                yield from self._unexcused(rule, params, ctx, rep, timeline, ratings, shift)

    def _consecutive(
        self,
        rule: RuleRef,
        params: StudyAbsencePenaltyParams,
        ctx: KindContext,
        rep: str,
        timeline: list[tuple[StudySession, str]],
        ratings: dict[tuple[str, int], list[RatingGiven]],
        shift: int,
    ) -> Iterator[Finding]:
        n = params.consecutive
        if n is None:
            return
        run: list[tuple[StudySession, str]] = []
        capped: dict[int, dict[str, tuple[StudySession, str]]] = {}
        for s, how in timeline:
            if how == "attended" or (how == "excused" and not params.consecutive_counts_excused):
                run = []
                continue
            run.append((s, how))
            if len(run) >= n:
                window = capped.setdefault(s.date.year + shift, {})
                for entry in run[-n:]:
                    window.setdefault(entry[0].id, entry)
        barred = list(params.barred)
        for year in sorted(capped):
            absences = sorted(capped[year].values(), key=lambda e: (e[0].date, e[0].id))
            sessions = [s for s, _ in absences]
            period = _year(year)
            args = _session_args(sessions) | {
                "consecutive": n,
                "excused": [s.id for s, how in absences if how == "excused"],
                "appraisal_year": year,
                "barred": barred,
                "barred_zh": "、".join(RATING_ZH[b] for b in barred),
                "barred_en": " or ".join(barred),
            }
            in_force = _in_force(ratings.get((rep, year), []))
            yield from _consequence(
                rule, ctx, rep, period, sessions, args, "consecutive", ("cap", "cap_broken"),
                [r for r in in_force if r.rating in params.barred],
            )  # fmt: skip

    def _unexcused(
        self,
        rule: RuleRef,
        params: StudyAbsencePenaltyParams,
        ctx: KindContext,
        rep: str,
        timeline: list[tuple[StudySession, str]],
        ratings: dict[tuple[str, int], list[RatingGiven]],
        shift: int,
    ) -> Iterator[Finding]:
        n = params.unexcused
        if n is None:
            return
        by_year: dict[int, list[StudySession]] = {}
        for s, how in timeline:
            if how == "absent":
                by_year.setdefault(s.date.year + shift, []).append(s)
        required = params.unexcused_rating
        for year in sorted(by_year):
            sessions = by_year[year]
            if len(sessions) < n:
                continue
            period = _year(year)
            args = _session_args(sessions) | {
                "count": len(sessions),
                "unexcused": n,
                "appraisal_year": year,
                "required": required,
                "required_zh": RATING_ZH[required],
            }
            in_force = _in_force(ratings.get((rep, year), []))
            yield from _consequence(
                rule, ctx, rep, period, sessions, args, "unexcused", ("unqualified", "unqualified_broken"),
                [r for r in in_force if r.rating != required],
            )  # fmt: skip


def _consequence(
    rule: RuleRef,
    ctx: KindContext,
    rep: str,
    period: Period,
    sessions: list[StudySession],
    args: dict[str, Any],
    clause: str,
    keys: tuple[str, str],
    contradicting: list[RatingGiven],
) -> Iterator[Finding]:
    """The consequence the text attaches (``info``), then each rating in force that contradicts it;
    ``clause`` names the consequence (the key of the first, and with the rating, of the others)."""
    stated, broken = keys
    yield ctx.finding(rule, "info", rep, period, sessions, stated, key=clause, **args)
    for r in contradicting:
        yield ctx.finding(
            rule, ctx.broken(rule), rep, period, [*sessions, r], broken, key=(clause, r.id),
            **args, rating=r.rating, rating_zh=RATING_ZH[r.rating], rating_event=r.id,
        )  # fmt: skip


def _year(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), "year")


def _session_args(sessions: Sequence[StudySession]) -> dict[str, object]:
    return {
        "sessions": [s.id for s in sessions],
        "dates": [s.date.isoformat() for s in sessions],
        "listing": "、".join(f"{s.id} {s.date.isoformat()}" for s in sessions),
        "listing_en": ", ".join(f"{s.id} ({s.date.isoformat()})" for s in sessions),
    }


def _in_force(given: Sequence[RatingGiven]) -> list[RatingGiven]:
    """The ratings of the last day on which one was given (a later rating replaces an earlier one)."""
    if not given:
        return []
    last = max(r.date for r in given)
    return sorted((r for r in given if r.date == last), key=lambda r: r.id)


class TrainingCoverage(RuleKind[TrainingCoverageParams]):
    name = "training_coverage"
    params_model = TrainingCoverageParams
    details = kind_details.TRAINING_COVERAGE
    consumes = frozenset({"training.held"})
    summary = "every rep trained at least once in a span (e.g. the term)"
    messages: ClassVar = {
        "few": {
            "zh": "代表 {subject} 在{period}参加培训 {count} 次，应不少于 {min} 次",
            "en": "rep {subject} took part in {count} trainings in {period}; at least {min} required",
        },
    }

    def probes(
        self, params: TrainingCoverageParams, setting: Setting, choices: Choices
    ) -> Iterator[ProbeSpec]:
        from .probes import training_coverage_probes

        return training_coverage_probes(params, setting, choices)

    def describe(self, params: TrainingCoverageParams) -> list[Duty]:
        return training_coverage_duties(params)

    def evaluate(self, rule: RuleRef, params: TrainingCoverageParams, ctx: KindContext) -> Iterator[Finding]:
        """Count each rep's trainings in each span they owe, while they held a seat.

        ``span: term`` uses the terms of the roster; an unmet span is ``pending``
        while it is open and a finding of the rule's severity once it has ended.
        """
        roster = ctx.roster
        mine: dict[str, list[TrainingHeld]] = {}
        for t in _trainings(ctx):
            for rep in t.participants:
                mine.setdefault(rep, []).append(t)
        for rep in sorted(roster.seats):
            intervals = roster.rep_intervals(rep)
            trained = mine.get(rep, [])
            dates = [t.date for t in trained]
            for period in ctx.periods(params.span, intervals, params.presence):
                counted = _while_seated(ctx, trained, period, intervals, dates)
                if len(counted) < params.min:
                    # the trainings counted, and the election(s) that made the rep owe them
                    seats = [s.elected for s in roster.seats[rep] if s.start <= period.end]
                    yield ctx.finding(
                        rule,
                        ctx.unmet(rule, period),
                        rep,
                        period,
                        [*counted, *seats],
                        "few",
                        count=len(counted),
                        min=params.min,
                        trainings=[t.id for t in counted],
                    )
