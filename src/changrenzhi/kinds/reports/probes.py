"""Probe builder of ``meeting_report`` (see :mod:`changrenzhi.kinds.probing`).

One meeting of the first kind the rule names: with every report made (discussed and voted as the
parameters ask), then without one report, without the discussion, without the vote.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from ..probing import Choices, ProbeLog, ProbeSpec, Setting, probe_spec, rep_ids
from .params import MeetingReportParams

__all__ = ["meeting_report_probes"]


def meeting_report_probes(p: MeetingReportParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    day = s.start + timedelta(days=c.integer(60, 300))
    kind = p.meeting_kinds[0]
    cases: list[tuple[str, str, str, str | None]] = [("reports", "inside", "every report made", None)]
    cases.append(("reports", "outside", f"report {p.reports[-1]} not made", "report"))
    if p.discussed:
        cases.append(("discussed", "outside", f"report {p.reports[-1]} not discussed in groups", "discussed"))
    if p.voted:
        cases.append(("voted", "outside", f"report {p.reports[-1]} not put to a vote", "voted"))
    for param, side, label, spoil in cases:
        log = ProbeLog(s)
        reps = log.town(rep_ids(3))
        log.add("meeting.held", day, meeting="M1", kind=kind, attendees=reps, convened_by="committee")
        for n, code in enumerate(p.reports):
            last = n == len(p.reports) - 1
            if last and spoil == "report":
                continue
            item = f"item-{n + 1}"
            discussed = True if p.discussed and not (last and spoil == "discussed") else None
            log.add("report.made", day, meeting="M1", report=code, item=item, discussed=discussed)
            if p.voted and not (last and spoil == "voted"):
                log.add(
                    "vote.held", day, meeting="M1", item=item, matter="other", method="hands",
                    yes=3, no=0, declared="passed",
                )  # fmt: skip
        yield probe_spec(log, param, side, label, day + timedelta(days=1), "M1", spoil is not None)
