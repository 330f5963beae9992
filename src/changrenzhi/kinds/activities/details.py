"""What the findings of the activity kinds hold in their details (:mod:`..detailing`)."""

from __future__ import annotations

from ..detailing import Detail, Details

NAMED_ACTIVITY: Details = {
    "activity": Detail("code", "the activity, by the name the pack gives it"),
    "count": Detail("int", "activities of that name held in the period"),
    "events": Detail("ids", "the activity.held events counted"),
    "min": Detail("int", "the fewest required (param min)"),
    "max": Detail("int", "the most allowed (param max)"),
    "where_zh": Detail("text", "the group, in Chinese (empty: town-wide)"),
    "where_en": Detail("text", "the group, in English (empty: town-wide)"),
}

MEETING_INVITATION: Details = {
    "kind": Detail("code", "the kind of meeting"),
    "kind_zh": Detail("text", "the kind of meeting, in Chinese"),
    "date": Detail("date", "the day of the sitting"),
    "count": Detail("int", "reps invited who count (seated, when the rule says so)"),
    "min": Detail("int", "the fewest required (param min_invited)"),
    "invited": Detail("ids", "those reps"),
    "listed": Detail("ids", "every rep the meeting lists as invited"),
}
