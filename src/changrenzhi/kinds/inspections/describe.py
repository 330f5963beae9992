"""What ``compare`` says of each rule of the inspections family."""

from __future__ import annotations

from ...text import Text
from ..describing import Duty, count, per_period
from ..proposals.describe import fallback_words
from .params import InspectionFrequencyParams, InspectionNoticeParams, InspectionReportParams


def inspection_notice_duties(p: InspectionNoticeParams) -> list[Duty]:
    if p.min_days is None and p.max_days is None:
        fig: Text = ("须事先通知", "notice required")
    else:
        z, e = count(p.min_days, p.max_days, "天", "days")
        fig = (f"提前 {z}", f"{e} ahead")
    return [Duty("inspection_notice", ("视察前通知被视察单位", "notice to the inspected unit"), fig, 1)]


def inspection_frequency_duties(p: InspectionFrequencyParams) -> list[Duty]:
    fig = per_period(p.period, count(p.min or None, p.max, "次"))
    return [Duty("inspection_frequency", ("视察次数", "inspections held"), fig, 0)]


def inspection_report_duties(p: InspectionReportParams) -> list[Duty]:
    fig = (
        (f"视察后 {p.days} 天内", f"within {p.days} days")
        if p.days is not None
        else fallback_words(p.fallback)
    )
    return [Duty("inspection_report", ("视察后写出报告", "a report after each inspection"), fig, 2)]
