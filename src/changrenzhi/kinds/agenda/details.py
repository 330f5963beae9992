"""What the findings of the agenda kinds hold in their details (:mod:`..detailing`)."""

from __future__ import annotations

from ..detailing import Detail, Details

AGENDA_DEADLINE: Details = {
    "meeting": Detail("id", "the meeting the item is for"),
    "kind_zh": Detail("text", "the kind of meeting, in Chinese"),
    "meeting_date": Detail("date", "the day the meeting sat"),
    "days": Detail("int", "days before the meeting required (param days)"),
    "deadline": Detail("date", "the last day to propose the item, or to tell the reps of it"),
    "by": Detail("code", "who proposed it: committee, group or reps"),
    "proposed": Detail("date", "the day it was proposed"),
    "days_before": Detail("int", "days between the proposal and the meeting"),
    "notified": Detail("date", "the day the reps were told of the listed item", nullable=True),
}

AGENDA_THRESHOLD: Details = {
    "meeting": Detail("id", "the meeting the item is for"),
    "by": Detail("code", "who proposed it: committee, group or reps"),
    "by_zh": Detail("text", "the same, in Chinese"),
    "allowed": Detail("codes", "who may propose (param allowed)"),
    "allowed_zh": Detail("text", "the same, in Chinese"),
    "allowed_en": Detail("text", "the same, in English"),
    "count": Detail("int", "seated reps, or groups, who proposed it"),
    "min": Detail("int", "the fewest required (param reps_min or groups_min)"),
    "groups": Detail("int", "groups that proposed it"),
    "reps": Detail("int", "seated reps who proposed it"),
    "seated": Detail("int", "reps seated on the day of the last proposal"),
    "groups_min": Detail(
        "int", "groups that may raise an ad hoc item (param ad_hoc.groups_min)", nullable=True
    ),
    "reps_share": Detail("share", "the share of reps that may (param ad_hoc.reps_share)", nullable=True),
    "reps_needed": Detail("int", "the reps that share comes to", nullable=True),
    "need_zh": Detail("text", "what is needed, in Chinese"),
    "need_en": Detail("text", "what is needed, in English"),
    "meeting_date": Detail("date", "the day the meeting sat"),
    "done_late_on": Detail(
        "date", "the day the item was listed, after the meeting sat: done late, still broken"
    ),
}
