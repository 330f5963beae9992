"""The ``meeting_report`` kind: the reports a meeting must hear, discussed in groups and put to a vote.

A *meeting* is the ``meeting`` id of ``meeting.held`` events of the rule's ``meeting_kinds`` (the
first event of an id gives its day and kind). A report is a ``report.made`` event naming the meeting
and the report's code; it is voted when a ``vote.held`` of the same meeting names its ``item``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from ...events import MeetingHeld, ReportMade, VoteHeld
from ..base import KindContext, RuleKind, RuleRef
from ..describing import Duty
from . import details as kind_details
from .describe import meeting_report_duties
from .params import MeetingReportParams

if TYPE_CHECKING:
    from ...findings import Finding
    from ..probing import Choices, ProbeSpec, Setting

__all__ = ["MeetingReport"]


class MeetingReport(RuleKind[MeetingReportParams]):
    name = "meeting_report"
    params_model = MeetingReportParams
    details = kind_details.MEETING_REPORT
    consumes = frozenset({"meeting.held", "report.made", "vote.held"})
    summary = "reports a meeting must hear, discussed in groups and put to a vote"
    messages: ClassVar = {
        "missing": {
            "zh": "会议 {subject}（{meeting_date}）没有听取{report_zh}",
            "en": "meeting {subject} ({meeting_date}) heard no {report_en}",
        },
        "undiscussed": {
            "zh": "会议 {subject}（{meeting_date}）的{report_zh}未经代表小组讨论",
            "en": "the {report_en} at meeting {subject} ({meeting_date}) was not discussed in the rep groups",
        },
        "unvoted": {
            "zh": "会议 {subject}（{meeting_date}）的{report_zh}没有付诸表决",
            "en": "the {report_en} at meeting {subject} ({meeting_date}) was not put to a vote",
        },
    }

    def probes(self, params: MeetingReportParams, setting: Setting, choices: Choices) -> Iterator[ProbeSpec]:
        from .probes import meeting_report_probes

        return meeting_report_probes(params, setting, choices)

    def describe(self, params: MeetingReportParams) -> list[Duty]:
        return meeting_report_duties(params)

    def evaluate(self, rule: RuleRef, params: MeetingReportParams, ctx: KindContext) -> Iterator[Finding]:
        meetings: dict[str, MeetingHeld] = {}
        for m in ctx.of(MeetingHeld):
            if m.meeting not in meetings:
                meetings[m.meeting] = m
        reports = ctx.by(ReportMade, "meeting")
        votes = ctx.by(VoteHeld, "meeting")
        for mid, m in sorted(meetings.items(), key=lambda kv: (kv[1].date, kv[0])):
            if m.kind not in params.meeting_kinds:
                continue
            made = reports.get(mid, [])
            voted = {v.item: v for v in votes.get(mid, [])}
            for code in params.reports:
                label = ctx.labels.get(code)
                args: dict[str, Any] = {
                    "meeting_date": m.date.isoformat(),
                    "kind": m.kind,
                    "report": code,
                    "report_zh": label.zh if label is not None else f" {code} 报告",
                    "report_en": (label.en or code) if label is not None else f"{code} report",
                }
                mine = [r for r in made if r.report == code]
                if not mine:
                    yield ctx.finding(rule, ctx.broken(rule), mid, None, [m], "missing", key=code, **args)
                    continue
                if params.discussed and not any(r.discussed for r in mine):
                    yield ctx.finding(
                        rule, ctx.broken(rule), mid, None, [m, *mine], "undiscussed", key=(code, "discussed"),
                        **args,
                    )  # fmt: skip
                if params.voted:
                    items = [r.item for r in mine if r.item is not None]
                    votes_of = [voted[i] for i in items if i in voted]
                    if not votes_of:
                        yield ctx.finding(
                            rule, ctx.broken(rule), mid, None, [m, *mine], "unvoted", key=(code, "voted"),
                            **args, item=items[0] if items else None,
                        )  # fmt: skip
