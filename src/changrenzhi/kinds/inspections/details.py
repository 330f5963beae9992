"""What the findings of the inspection kinds hold in their details (:mod:`..detailing`)."""

from __future__ import annotations

from ..detailing import Detail, Details

INSPECTION_NOTICE: Details = {
    "held": Detail("date", "the day of the inspection's first visit"),
    "unit": Detail("id", "the unit inspected", nullable=True),
    "bound": Detail("text", "the days of notice required, as a figure: 5–10, ≥3"),
    "min_days": Detail("int", "the fewest days of notice (param min_days)", nullable=True),
    "max_days": Detail("int", "the most days of notice (param max_days)", nullable=True),
    "notified": Detail("date", "the day the unit was notified"),
    "days": Detail("int", "days of notice given"),
}

INSPECTION_FREQUENCY: Details = {
    "count": Detail("int", "inspections in the period"),
    "bound": Detail("text", "the bounds as a figure: 1–2, ≥1"),
    "min": Detail("int", "the fewest required (param min)"),
    "max": Detail("int", "the most foreseen (param max)", nullable=True),
}

INSPECTION_REPORT: Details = {
    "held": Detail("date", "the day of the inspection's last visit"),
    "deadline": Detail("date", "the day the report was due"),
    "reported": Detail("date", "the day of the first report"),
    "days_late": Detail("int", "days past the deadline"),
}
