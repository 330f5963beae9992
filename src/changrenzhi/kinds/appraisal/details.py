"""What the findings of the appraisal kind hold in their details (:mod:`..detailing`)."""

from __future__ import annotations

from ..detailing import Detail, Details

APPRAISAL: Details = {
    "year": Detail("int", "the year appraised"),
    "subject_zh": Detail("text", "who is rated, in Chinese"),
    "subject_en": Detail("text", "who is rated, in English"),
    "date": Detail("date", "the day of the rating, or of the appraisal round"),
    "done_late_on": Detail("date", "the day the duty was met, after its deadline: done late, still broken"),
    "window": Detail(
        "interval", "the days the rating or round must fall in (param window, or rating_window)"
    ),
    "rating": Detail("code", "the rating given"),
    "rating_zh": Detail("text", "the rating, in Chinese"),
    "allowed": Detail("codes", "the ratings allowed (param allowed)"),
    "allowed_zh": Detail("text", "the same, in Chinese"),
    "allowed_en": Detail("text", "the same, in English"),
    "recorded": Detail("bool", "whether the round records whether it was secret"),
    "secret_zh": Detail("text", "what is wrong with the form, in Chinese"),
    "secret_en": Detail("text", "what is wrong with the form, in English"),
    "min": Detail("int", "the fewest dimensions required (param min_dimensions)"),
    "dimensions": Detail("int", "the dimensions rated", nullable=True),
    "dimensions_zh": Detail(("int", "text"), "the dimensions rated, or in Chinese that none are recorded"),
    "dimensions_en": Detail(("int", "text"), "the dimensions rated, or in English that none are recorded"),
    "size": Detail("int", "members of the panel"),
    "bound": Detail("text", "the panel size required, as a figure: 3–5, ≥3"),
    "panel_min": Detail("int", "the smallest panel (param panel_min)", nullable=True),
    "panel_max": Detail("int", "the largest panel (param panel_max)", nullable=True),
    "panel_leader": Detail("id", "the panel leader the round names", nullable=True),
    "leader_zh": Detail("text", "what is wrong with the panel leader, in Chinese"),
    "leader_en": Detail("text", "what is wrong with the panel leader, in English"),
    "panel_from": Detail("code", "whom the panel must be drawn from (param panel_from)"),
    "absent": Detail("ids", "group officers missing from the panel"),
    "absent_zh": Detail("text", "the same, listed in Chinese"),
    "absent_en": Detail("text", "the same, listed in English"),
    "outsiders": Detail("ids", "panel members who are not group officers"),
    "outsiders_zh": Detail("text", "the same, listed in Chinese"),
    "outsiders_en": Detail("text", "the same, listed in English"),
    "officer_zh": Detail("text", "the officers meant, in Chinese"),
    "officer_en": Detail("text", "the officers meant, in English"),
    "verb": Detail("text", "is or are, to agree with outsiders (English)"),
}
