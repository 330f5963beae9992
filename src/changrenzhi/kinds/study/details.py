"""What the findings of the study kinds hold in their details (:mod:`..detailing`)."""

from __future__ import annotations

from ..detailing import Detail, Details

STUDY_FREQUENCY: Details = {
    "count": Detail("int", "study sessions held in the period"),
    "min": Detail("int", "the fewest required (param min)"),
    "max": Detail("int", "the most foreseen (param max)"),
}

STUDY_DAYS: Details = {
    "days": Detail("number", "days of study and training while seated in the period"),
    "min_days": Detail("number", "the days a whole period requires (param min_days)"),
    "required": Detail("number", "the days required of this rep (prorated to the time seated: 2 decimals)"),
    "counted": Detail("ids", "the study.session and training.held events counted"),
}

STUDY_ABSENCE_PENALTY: Details = {
    "sessions": Detail("ids", "the study.session events missed"),
    "dates": Detail("dates", "their dates"),
    "listing": Detail("text", "the sessions missed with their dates, in Chinese"),
    "listing_en": Detail("text", "the sessions missed with their dates, in English"),
    "appraisal_year": Detail("int", "the year of the appraisal the absences weigh on"),
    "consecutive": Detail("int", "missed sessions in a row that cap the rating (param consecutive)"),
    "excused": Detail("ids", "the sessions of the run missed with leave"),
    "barred": Detail("codes", "the ratings the rep may not receive (param barred)"),
    "barred_zh": Detail("text", "those ratings, in Chinese"),
    "barred_en": Detail("text", "those ratings, in English"),
    "count": Detail("int", "sessions missed without leave in the year"),
    "unexcused": Detail("int", "misses without leave that require the rating (param unexcused)"),
    "required": Detail("code", "the rating required (param unexcused_rating)"),
    "required_zh": Detail("text", "that rating, in Chinese"),
    "rating": Detail("code", "the rating given against it"),
    "rating_zh": Detail("text", "that rating, in Chinese"),
    "rating_event": Detail("id", "the rating.given event"),
}

TRAINING_COVERAGE: Details = {
    "count": Detail("int", "trainings taken part in during the span"),
    "min": Detail("int", "the fewest required (param min)"),
    "trainings": Detail("ids", "the training.held events counted"),
}
