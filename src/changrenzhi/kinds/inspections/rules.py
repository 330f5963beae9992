"""Kinds about inspections (视察): ``inspection_notice``, ``inspection_frequency``, ``inspection_report``.

An *inspection* is the ``inspection`` id of ``inspection.held`` events. One that
spans several days may be logged as several events with the same id: it
begins with the first (the notice is judged against that day) and ends with the
last (the report is due after that day), and it counts once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from pydantic import Field, model_validator

from ...events import InspectionHeld, InspectionReported
from ...periods import Interval
from ..base import CalendarPeriodName, KindContext, KindParams, PresenceName, RuleKind, RuleRef, bound_figure
from ..proposals.rules import DeadlineFallback, deadline_after, span

if TYPE_CHECKING:
    from ...findings import Finding

__all__ = ["InspectionFrequency", "InspectionNotice", "InspectionReport"]


def _inspections(ctx: KindContext) -> dict[str, list[InspectionHeld]]:
    """The ``inspection.held`` events of each inspection, in (date, id) order."""
    out: dict[str, list[InspectionHeld]] = {}
    for ev in ctx.of(InspectionHeld):
        out.setdefault(ev.inspection, []).append(ev)
    for evs in out.values():
        evs.sort(key=lambda e: (e.date, e.id))
    return out


# ---- inspection_notice ----------------------------------------------------
class InspectionNoticeParams(KindParams):
    """The inspected unit is notified between ``min_days`` and ``max_days`` days before the
    inspection (both bounds count: 提前5～10天 is met by 5 and by 10 days).

    ``notified`` on the first ``inspection.held`` of an inspection is the day of
    notice; an inspection with no ``notified`` is a finding unless
    ``require_notice`` is false.
    """

    min_days: int | None = Field(default=None, ge=0)
    max_days: int | None = Field(default=None, ge=0)
    require_notice: bool = True

    @model_validator(mode="after")
    def _consistent(self) -> InspectionNoticeParams:
        if self.min_days is None and self.max_days is None:
            raise ValueError("give min_days, max_days or both")
        if self.min_days is not None and self.max_days is not None and self.min_days > self.max_days:
            raise ValueError(f"min_days ({self.min_days}) is greater than max_days ({self.max_days})")
        return self


class InspectionNotice(RuleKind[InspectionNoticeParams]):
    name = "inspection_notice"
    params_model = InspectionNoticeParams
    consumes = frozenset({"inspection.held"})
    summary = "notice given to an inspected unit"
    messages: ClassVar = {
        "notice": {
            "zh": "视察 {subject} 于 {held} 进行，{notified} 通报被视察单位，"
            "提前 {days} 天，应提前 {bound} 天",
            "en": "inspection {subject} on {held} was notified to the unit on {notified}, {days} days ahead; "
            "required {bound} days",
        },
        "missing": {
            "zh": "视察 {subject} 于 {held} 进行，未记录向被视察单位通报视察方案的日期，"
            "应提前 {bound} 天通报",
            "en": "inspection {subject} on {held} records no notice to the inspected unit; "
            "required {bound} days ahead",
        },
    }

    def evaluate(self, rule: RuleRef, params: InspectionNoticeParams, ctx: KindContext) -> Iterator[Finding]:
        bound = bound_figure(params.min_days, params.max_days)
        for inspection, held in sorted(_inspections(ctx).items()):
            first = held[0]
            args = {
                "held": first.date.isoformat(),
                "unit": first.unit,
                "bound": bound,
                "min_days": params.min_days,
                "max_days": params.max_days,
            }
            if first.notified is None:
                if params.require_notice:
                    yield ctx.finding(rule, ctx.broken(rule), inspection, None, [first], "missing", **args)
                continue
            days = (first.date - first.notified).days
            if (params.min_days is None or days >= params.min_days) and (
                params.max_days is None or days <= params.max_days
            ):
                continue
            yield ctx.finding(
                rule, ctx.broken(rule), inspection, None, [first], "notice",
                **args, notified=first.notified.isoformat(), days=days,
            )  # fmt: skip


# ---- inspection_frequency -------------------------------------------------
class InspectionFrequencyParams(KindParams):
    """The committee organises ``min`` to ``max`` inspections per ``period`` (一至二次: both count).

    Periods run over the terms of the roster (from the first ``rep.elected`` when
    the log opens no congress); an inspection counts in the period of its first day.
    """

    period: CalendarPeriodName = "year"
    min: int = Field(default=1, ge=0)
    max: int | None = Field(default=None, ge=1)
    presence: PresenceName | None = None

    @model_validator(mode="after")
    def _consistent(self) -> InspectionFrequencyParams:
        if self.max is not None and self.max < self.min:
            raise ValueError(f"max ({self.max}) is less than min ({self.min})")
        if self.min == 0 and self.max is None:
            raise ValueError("the rule checks nothing: give min of 1 or more, or max")
        return self


class InspectionFrequency(RuleKind[InspectionFrequencyParams]):
    name = "inspection_frequency"
    params_model = InspectionFrequencyParams
    consumes = frozenset({"inspection.held", "congress.opened"})
    summary = "inspections per year"
    messages: ClassVar = {
        "few": {
            "zh": "{period}组织代表视察 {count} 次，应为 {bound} 次",
            "en": "{count} inspections were organised in {period}; required {bound}",
        },
        "many": {
            "zh": "{period}组织代表视察 {count} 次，应不多于 {max} 次",
            "en": "{count} inspections were organised in {period}; at most {max} foreseen",
        },
    }

    def evaluate(
        self, rule: RuleRef, params: InspectionFrequencyParams, ctx: KindContext
    ) -> Iterator[Finding]:
        roster = ctx.roster
        intervals = [t.interval for t in roster.terms]
        if not intervals:
            starts = [s.start for seats in roster.seats.values() for s in seats]
            if not starts:
                return
            intervals = [Interval(min(starts))]
        firsts = sorted((held[0] for held in _inspections(ctx).values()), key=lambda e: (e.date, e.id))
        bound = bound_figure(params.min, params.max)
        for period in ctx.periods(params.period, intervals, params.presence):
            counted = ctx.within(firsts, period)
            n = len(counted)
            args = {"count": n, "bound": bound, "min": params.min, "max": params.max}
            if n < params.min:
                yield ctx.finding(rule, ctx.unmet(rule, period), "committee", period, counted, "few", **args)
            elif params.max is not None and n > params.max:
                # already past the ceiling: no later event can undo it
                yield ctx.finding(rule, ctx.broken(rule), "committee", period, counted, "many", **args)


# ---- inspection_report ----------------------------------------------------
class InspectionReportParams(KindParams):
    """Every inspection is followed by an ``inspection.reported`` (写出视察报告, 形成专题报告).

    The report is due ``days`` after the inspection's last day (that day still
    counts), or, when ``days`` is not given, by the end of the calendar year
    (``fallback: year``) or of the term (``fallback: term``) of that day: the texts
    name no deadline. Before the deadline a missing report is ``pending``.
    """

    days: int | None = Field(default=None, ge=0)
    fallback: DeadlineFallback = "year"


class InspectionReport(RuleKind[InspectionReportParams]):
    name = "inspection_report"
    params_model = InspectionReportParams
    consumes = frozenset({"inspection.held", "inspection.reported", "congress.opened"})
    summary = "a report written after each inspection"
    messages: ClassVar = {
        "missing": {
            "zh": "视察 {subject}（{held}）至期限 {deadline} 未写出视察报告",
            "en": "inspection {subject} ({held}) had no report by its deadline {deadline}",
        },
        "open": {
            "zh": "视察 {subject}（{held}）尚未写出视察报告，期限为 {deadline}",
            "en": "inspection {subject} ({held}) has no report yet; due by {deadline}",
        },
        "late": {
            "zh": "视察 {subject}（{held}）的报告 {reported} 才写出，晚于期限 {deadline}",
            "en": "the report of inspection {subject} ({held}) came on {reported}, "
            "after its deadline {deadline}",
        },
    }

    def evaluate(self, rule: RuleRef, params: InspectionReportParams, ctx: KindContext) -> Iterator[Finding]:
        reports = ctx.by(InspectionReported, "inspection")
        for inspection, held in sorted(_inspections(ctx).items()):
            first, last = held[0], held[-1]
            deadline = deadline_after(ctx, last.date, params.days, params.fallback)
            after = sorted(
                (r for r in reports.get(inspection, []) if r.date >= first.date),
                key=lambda r: (r.date, r.id),
            )
            if after and after[0].date <= deadline:
                continue
            period = span(last.date, deadline)
            args = {"held": last.date.isoformat(), "deadline": deadline.isoformat()}
            if after:
                r = after[0]
                yield ctx.finding(
                    rule, ctx.broken(rule), inspection, period, [last, r], "late",
                    **args, reported=r.date.isoformat(), days_late=(r.date - deadline).days,
                )  # fmt: skip
                continue
            status = ctx.unmet(rule, period)
            key = "open" if status == "pending" else "missing"
            yield ctx.finding(rule, status, inspection, period, [first, last], key, **args)
