"""What the findings of the group kinds hold in their details (:mod:`..detailing`)."""

from __future__ import annotations

from ..detailing import Detail, Details

GROUP_SIZE: Details = {
    "count": Detail("int", "seated members at the end of the period"),
    "min": Detail("int", "the fewest allowed (param min)", nullable=True),
    "max": Detail("int", "the most allowed (param max)", nullable=True),
    "bound": Detail("text", "the bounds as a figure: 10–15, ≥3, ≤5"),
    "role": Detail("code", "the office left without a seated holder: leader, deputy or liaison"),
    "role_zh": Detail("text", "the office, in Chinese"),
    "officer": Detail("id", "the rep the group names to it, if any (no longer seated)", nullable=True),
}

GROUP_ACTIVITY: Details = {
    "count": Detail("int", "activities counted in the period"),
    "min": Detail("int", "the fewest required (param min)"),
    "whole_group": Detail("bool", "whether only whole-group activities count (param whole_group)"),
    "what_zh": Detail("text", "what is counted, in Chinese"),
    "what_en": Detail("text", "what is counted, in English"),
    "activities": Detail("ids", "the group.activity events counted (days: every one in the period)"),
    "partial": Detail("ids", "the period's activities not counted (not the whole group)"),
    "days": Detail("text", "days of activity in the period, as a figure: 1.5"),
    "bound": Detail("text", "the days expected, as a figure: 2–3, ≥2"),
    "min_days": Detail("number", "the fewest days (param days.min)", nullable=True),
    "max_days": Detail("number", "the most days (param days.max)", nullable=True),
}

ACTIVITY_DAY: Details = {
    "count": Detail("int", "activities held within the window in the period"),
    "min": Detail("int", "the fewest required (param min)"),
    "window_zh": Detail("text", "the window, in Chinese"),
    "window_en": Detail("text", "the window, in English"),
    "activities": Detail("ids", "the group.activity events within the window"),
    "outside": Detail("ids", "the period's activities outside it"),
}

GROUP_PLAN: Details = {
    "year": Detail("int", "the year of the plan"),
    "deadline": Detail("date", "the last day to settle the plan, or to announce the activity"),
    "planned": Detail("date", "the day the plan was settled"),
    "activity": Detail("id", "the group.activity event"),
    "date": Detail("date", "the day of the activity"),
    "days": Detail("int", "days of notice required (param announce_days)"),
    "announced": Detail("date", "the day the activity was announced"),
}

GROUP_REPORT: Details = {
    "meeting": Detail("id", "the meeting reported for"),
    "kind_zh": Detail("text", "the kind of meeting, in Chinese"),
    "meeting_date": Detail("date", "the day of its first sitting"),
    "days": Detail("int", "days before the meeting the report is due (param days)"),
    "deadline": Detail("date", "the last day to report"),
    "reported": Detail("date", "the day of the first report, if any", nullable=True),
}
