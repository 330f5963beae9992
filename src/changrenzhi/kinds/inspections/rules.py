"""Kinds about inspections (视察): ``inspection_notice``, ``inspection_frequency``, ``inspection_report``.

An *inspection* is the ``inspection`` id of ``inspection.held`` events. One that
spans several days may be logged as several events with the same id: it
begins with the first (the notice is judged against that day) and ends with the
last (the report is due after that day), and it counts once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from ...events import InspectionHeld, InspectionReported
from ...periods import Interval
from ..base import KindContext, RuleKind, RuleRef, bound_figure
from ..describing import Duty
from ..proposals.rules import deadline_after, span
from . import details as kind_details
from .describe import inspection_frequency_duties, inspection_notice_duties, inspection_report_duties
from .params import InspectionFrequencyParams, InspectionNoticeParams, InspectionReportParams

if TYPE_CHECKING:
    from ...findings import Finding
    from ..probing import Choices, ProbeSpec, Setting

__all__ = ["InspectionFrequency", "InspectionNotice", "InspectionReport"]


def _inspections(ctx: KindContext) -> dict[str, list[InspectionHeld]]:
    """The ``inspection.held`` events of each inspection, in (date, id) order (built once per run
    and shared by the inspection rules: do not change it)."""
    return ctx.shared("inspections.by_id", lambda: _inspections_by_id(ctx))


def _inspections_by_id(ctx: KindContext) -> dict[str, list[InspectionHeld]]:
    out: dict[str, list[InspectionHeld]] = {}
    for ev in ctx.of(InspectionHeld):
        out.setdefault(ev.inspection, []).append(ev)
    for evs in out.values():
        evs.sort(key=lambda e: (e.date, e.id))
    return out


# ---- inspection_notice ----------------------------------------------------


class InspectionNotice(RuleKind[InspectionNoticeParams]):
    name = "inspection_notice"
    params_model = InspectionNoticeParams
    details = kind_details.INSPECTION_NOTICE
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

    def probes(
        self, params: InspectionNoticeParams, setting: Setting, choices: Choices
    ) -> Iterator[ProbeSpec]:
        from .probes import inspection_notice_probes

        return inspection_notice_probes(params, setting, choices)

    def describe(self, params: InspectionNoticeParams) -> list[Duty]:
        return inspection_notice_duties(params)

    def evaluate(self, rule: RuleRef, params: InspectionNoticeParams, ctx: KindContext) -> Iterator[Finding]:
        bound = bound_figure(params.min_days, params.max_days)
        for inspection, held in sorted(_inspections(ctx).items()):
            first = held[0]
            args: dict[str, Any] = {
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


class InspectionFrequency(RuleKind[InspectionFrequencyParams]):
    name = "inspection_frequency"
    params_model = InspectionFrequencyParams
    details = kind_details.INSPECTION_FREQUENCY
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

    def probes(
        self, params: InspectionFrequencyParams, setting: Setting, choices: Choices
    ) -> Iterator[ProbeSpec]:
        from .probes import inspection_frequency_probes

        return inspection_frequency_probes(params, setting, choices)

    def describe(self, params: InspectionFrequencyParams) -> list[Duty]:
        return inspection_frequency_duties(params)

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
            args: dict[str, Any] = {"count": n, "bound": bound, "min": params.min, "max": params.max}
            if n < params.min:
                yield ctx.finding(rule, ctx.unmet(rule, period), "committee", period, counted, "few", **args)
            elif params.max is not None and n > params.max:
                # already past the ceiling: no later event can undo it
                yield ctx.finding(rule, ctx.broken(rule), "committee", period, counted, "many", **args)


# ---- inspection_report ----------------------------------------------------


class InspectionReport(RuleKind[InspectionReportParams]):
    name = "inspection_report"
    params_model = InspectionReportParams
    details = kind_details.INSPECTION_REPORT
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

    def probes(
        self, params: InspectionReportParams, setting: Setting, choices: Choices
    ) -> Iterator[ProbeSpec]:
        from .probes import inspection_report_probes

        return inspection_report_probes(params, setting, choices)

    def describe(self, params: InspectionReportParams) -> list[Duty]:
        return inspection_report_duties(params)

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
            args: dict[str, Any] = {"held": last.date.isoformat(), "deadline": deadline.isoformat()}
            if after:
                r = after[0]
                yield ctx.finding(
                    rule, ctx.broken(rule), inspection, period, [last, r], "late",
                    **args, reported=r.date.isoformat(), days_late=(r.date - deadline).days,
                )  # fmt: skip
                continue
            status = ctx.unmet(rule, period)
            message = "open" if status == "pending" else "missing"
            yield ctx.finding(rule, status, inspection, period, [first, last], message, **args)
