"""What ``compare`` says of each rule of the reports family."""

from __future__ import annotations

from ..describing import Duty
from .params import MeetingReportParams


def meeting_report_duties(p: MeetingReportParams) -> list[Duty]:
    reports = ", ".join(p.reports)
    how_zh = "".join(("，经小组讨论" if p.discussed else "", "，付表决" if p.voted else ""))
    how_en = "".join((", discussed in groups" if p.discussed else "", ", put to a vote" if p.voted else ""))
    return [
        Duty(
            f"meeting_report:{reports}",
            (f"会议听取报告（{reports}）", f"reports heard by the meeting ({reports})"),
            (f"每次会议{how_zh}", f"at every meeting{how_en}"),
            0,
        )
    ]
