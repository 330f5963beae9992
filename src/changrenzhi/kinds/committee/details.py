"""What the findings of the committee kinds hold in their details (:mod:`..detailing`)."""

from __future__ import annotations

from ..detailing import Detail, Details

#: a count against bounds, as a figure and as numbers
COUNT: Details = {
    "count": Detail("int", "how many in the period"),
    "bound": Detail("text", "the bounds as a figure: 1, 1–2, ≥1"),
    "min": Detail("int", "the fewest required (param min)", nullable=True),
    "max": Detail("int", "the most allowed (param max)", nullable=True),
}

COMMITTEE_RECEPTION: Details = {
    **COUNT,
    "reception": Detail("id", "the committee.reception event"),
    "date": Detail("date", "the day of the reception"),
    "days": Detail("int", "days ahead the schedule is due (param posted_days)"),
    "deadline": Detail("date", "the last day to post the schedule"),
    "posted": Detail("date", "the day it was posted"),
    "visitor": Detail("id", "a rep received who was not a group leader or deputy that day"),
    "earlier": Detail("id", "the member's earlier reception in the round"),
    "waiting": Detail("ids", "the members still waiting for their turn"),
    "waiting_zh": Detail("text", "the same, listed in Chinese"),
    "waiting_en": Detail("text", "the same, listed in English"),
}

COMMITTEE_VISIT_MONTH: Details = {
    **COUNT,
    "months": Detail("ids", "the visit_month.held events counted"),
    "visit_month": Detail("id", "the visit_month.held event"),
    "start": Detail("date", "the first day of the visit month"),
    "end": Detail("date", "its last day"),
    "groups": Detail("ids", "the groups the member visited in it"),
    "deadline": Detail("date", "the last day to issue the schedule"),
    "scheduled": Detail("date", "the day it was issued"),
    "minutes": Detail("date", "the date of the minutes"),
    "done_late_on": Detail("date", "the day the minutes came, after they were due: done late, still broken"),
    "due": Detail("date", "the last day for the minutes: the end of the period holding the month's end"),
}
