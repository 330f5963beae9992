"""What the findings of the kinds about reps' own duties hold in their details (:mod:`..detailing`)."""

from __future__ import annotations

from ..detailing import Detail, Details

REP_REPORT: Details = {
    "count": Detail("int", "reports that count in the period"),
    "min": Detail("int", "the fewest required (param min)"),
    "to": Detail("codes", "to whom a report counts (param to; null: any)", nullable=True),
    "months": Detail("ints", "the months a report counts in (param months; null: any)", nullable=True),
    "to_zh": Detail("text", "to whom, in Chinese (empty: any)"),
    "to_en": Detail("text", "to whom, in English (empty: any)"),
    "window_zh": Detail("text", "the months, in Chinese (empty: any)"),
    "window_en": Detail("text", "the months, in English (empty: any)"),
    "reports": Detail("ids", "the rep.reported events counted"),
}

REP_MINIMUM: Details = {
    "count": Detail("int", "events that count in the period"),
    "min": Detail("int", "the fewest required (param min)"),
    "events": Detail("codes", "the event types counted (param events)"),
    "what_zh": Detail("text", "what is counted, in Chinese"),
    "what_en": Detail("text", "what is counted, in English"),
    "counted": Detail("ids", "the events counted"),
}

CREDENTIALS: Details = {
    "elected": Detail("date", "the first day of the seat"),
    "deadline": Detail("date", "the last day to issue the certificate and handbook"),
    "days": Detail("int", "days allowed (param days)"),
    "credentialed": Detail("date", "the day they were issued"),
}

TERM_LENGTH: Details = {
    "opened": Detail("date", "the day the congress opened"),
    "years": Detail("int", "the term required (param years)"),
    "declared": Detail("int", "the term the log gives (or, when it gives none, the pack's)"),
    "from_pack": Detail("bool", "whether declared is the pack's, the congress.opened giving none"),
    "previous": Detail("date", "the day the previous congress opened"),
    "expected_end": Detail("date", "the last day of the previous term"),
}

SEAT_VALIDITY: Details = {
    "transferred": Detail("date", "the day the rep's membership moved away"),
    "deadline": Detail("date", "the last day to withdraw the seat"),
    "days": Detail("int", "days allowed (param days)"),
    "disqualified": Detail("date", "the day the seat was withdrawn"),
    "acted": Detail("date", "the day of the event the rep took part in afterwards"),
    "event": Detail("id", "that event"),
    "event_type": Detail("code", "its type"),
    "role": Detail("code", "the field naming the rep in it: rep, attendees, participants, ..."),
    "role_zh": Detail("text", "the part taken, in Chinese"),
    "role_en": Detail("text", "the part taken, in English"),
}

PLEDGE: Details = {
    "rep": Detail("id", "the rep who pledged"),
    "made": Detail("date", "the day of the pledge"),
    "due": Detail("date", "the day it is due"),
    "done": Detail("date", "the day it was carried out"),
    "days_late": Detail("int", "days past the due day"),
}
