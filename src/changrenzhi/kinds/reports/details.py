"""What the findings of ``meeting_report`` hold in their details (:mod:`..detailing`)."""

from __future__ import annotations

from ..detailing import Detail, Details

MEETING_REPORT: Details = {
    "meeting_date": Detail("date", "the day the meeting sat"),
    "kind": Detail("code", "the kind of meeting"),
    "report": Detail("code", "the report due (one of param reports)"),
    "report_zh": Detail("text", "the report, in Chinese (the pack's label, else its code)"),
    "report_en": Detail("text", "the report, in English (the pack's label, else its code)"),
    "item": Detail("id", "the agenda item the report was to be voted under", nullable=True),
}
