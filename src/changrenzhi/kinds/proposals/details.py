"""What the findings of the proposal kinds hold in their details (:mod:`..detailing`)."""

from __future__ import annotations

from ..detailing import Detail, Details

#: the proposal
FILED: Details = {
    "form": Detail("code", "the form: proposal, suggestion or inquiry"),
    "form_zh": Detail("text", "the form, in Chinese"),
    "filed": Detail("date", "the day it was filed"),
}

PROPOSAL_SPONSORS: Details = {
    **FILED,
    "count": Detail("int", "sponsors seated at the end of the filing day"),
    "min": Detail("int", "the fewest required for the form (param min)"),
    "sponsors": Detail("ids", "every sponsor listed"),
    "unseated": Detail("ids", "the sponsors not seated that day"),
}

PROPOSAL_RESPONSE: Details = {
    **FILED,
    "deadline": Detail("date", "the day an answer was due"),
    "due_given": Detail("bool", "whether the deadline is the proposal's own due date"),
    "how_zh": Detail("text", "the modes that count, in Chinese (empty: any)"),
    "how_en": Detail("text", "the modes that count, in English (empty: any)"),
    "answers": Detail("ids", "every proposal.answered event since the filing"),
    "modes_given": Detail("codes", "the mode of each of them (null: not recorded)", null_items=True),
    "answered": Detail("date", "the day of the first answer that counts"),
    "days_late": Detail("int", "days past the deadline"),
}
