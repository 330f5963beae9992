"""What the findings of the contact kinds hold in their details (:mod:`..detailing`)."""

from __future__ import annotations

from ..detailing import Detail, Details

#: a count judged against a band: its figures and the bound in words
BAND: Details = {
    "count": Detail("int", "how many at the end of the period"),
    "min": Detail("int", "the fewest allowed (param count.min)", nullable=True),
    "max": Detail("int", "the most allowed (param count.max)", nullable=True),
    "target": Detail("int", "the soft target, 左右 (param count.target)", nullable=True),
    "tolerance": Detail("int", "how far from the target is still near it (param count.tolerance)"),
    "bound_zh": Detail("text", "the bound or target in words, in Chinese"),
    "bound_en": Detail("text", "the bound or target in words, in English"),
    "unit_zh": Detail("text", "the counting word, in Chinese: 人 or 个"),
}

CONTACT_ROSTER: Details = {
    **BAND,
    "kinds": Detail("codes", "the kinds of contact counted (param kinds)"),
    "kinds_zh": Detail("text", "those kinds, in Chinese"),
    "kinds_en": Detail("text", "those kinds, in English"),
}

CONTACT_FREQUENCY: Details = {
    "person": Detail("id", "the person looked after"),
    "count": Detail("int", "visits to them in the period"),
    "min": Detail("int", "the fewest required (param min)"),
}

#: whom committee members look after: reps or groups (param of)
OF: Details = {
    "of": Detail("code", "whom the rule counts (param of): reps or groups"),
    "of_zh": Detail("text", "the same, in Chinese"),
}

COMMITTEE_ROSTER: Details = {**BAND, **OF}

COMMITTEE_CONTACT_FREQUENCY: Details = {
    **OF,
    "target": Detail("id", "the rep or group met too seldom (per: each)"),
    "count": Detail("int", "meetings with them (per: total, with all of them) in the period"),
    "min": Detail("int", "the fewest required (param min)"),
}
