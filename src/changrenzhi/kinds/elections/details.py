"""What the findings of the election kinds hold in their details (:mod:`..detailing`)."""

from __future__ import annotations

from ..detailing import Detail, Details

COMPOSITION: Details = {
    "on": Detail("date", "the reference day whose seated reps are counted"),
    "count": Detail("int", "seated reps the share counts"),
    "base": Detail("int", "seated reps it is a share of (without those whose record lacks the attribute)"),
    "unknown": Detail("int", "seated reps left out of the base for lack of the attribute"),
    "share": Detail("share", "count / base, exact"),
    "percent": Detail("text", "the share in percent, as a figure: 81.25"),
    "bound": Detail("text", "the bound broken, in percent, as a figure"),
    "bound_share": Detail("share", "the bound broken (param min, above, max or below)"),
    "target": Detail("text", "the reported share, in percent, as a figure"),
    "target_share": Detail("share", "the reported share (param target)"),
    "tolerance": Detail("text", "the tolerance, in percentage points, as a figure"),
}

ELECTION_MARGIN: Details = {
    "date": Detail("date", "the day of the ballot"),
    "category": Detail("code", "the category of reps elected"),
    "candidates": Detail("int", "candidates"),
    "seats": Detail("int", "seats"),
    "by_election": Detail("bool", "whether the ballot is a by-election"),
    "ballot_zh": Detail("text", "补选 for a by-election, else empty"),
    "ballot_en": Detail("text", "'by-election ' for a by-election, else empty"),
    "listing": Detail("text", "the categories allowed, listed"),
    "categories": Detail("codes", "the categories allowed (param categories)"),
    "margin": Detail("share", "the margin: (candidates − seats) / the base, exact"),
    "percent": Detail("text", "the margin in percent, as a figure"),
    "required": Detail(
        ("text", "codes"),
        "message margin: the margin required in percent, as a figure (text); messages steps and "
        "order: the steps required, in order (param steps)",
    ),
    "required_share": Detail("share", "the margin required (param margin)"),
    "base": Detail("code", "what the margin is a share of (param base): seats or candidates"),
    "min_extra": Detail("int", "candidates required beyond the seats (param min_extra)"),
    "elected": Detail("int", "reps the ballot elected"),
    "taken": Detail("codes", "the steps taken, in order"),
    "missing": Detail("codes", "the steps required and not taken"),
    "missing_zh": Detail("text", "the same, listed in Chinese"),
    "missing_en": Detail("text", "the same, listed in English"),
    "required_zh": Detail("text", "the steps required, in Chinese"),
    "required_en": Detail("text", "the steps required, in English"),
    "taken_zh": Detail("text", "the steps taken, in Chinese"),
    "taken_en": Detail("text", "the steps taken, in English"),
}

PUBLICITY: Details = {
    "what": Detail("code", "what must be made public (param items[].what)"),
    "first": Detail("date", "the day of the unit's first ballot in the round"),
    "last": Detail("date", "the day of its last ballot"),
    "deadline": Detail("date", "the last day to make it public"),
    "late": Detail("ids", "publicity.posted events that came too late"),
    "done_late_on": Detail("date", "the day it was made public, after its deadline: done late, still broken"),
}

REP_LISTING: Details = {
    "start": Detail("date", "the first day of the seat"),
    "deadline": Detail("date", "the last day to list the rep"),
    "missing": Detail("codes", "the places where the rep is not listed (param places)"),
    "missing_zh": Detail("text", "the same, listed in Chinese"),
    "missing_en": Detail("text", "the same, listed in English"),
    "done_late_on": Detail(
        "date",
        "the day the rep was listed at the last of those places, after the deadline: done late, still broken",
    ),
}
