"""The proposals family in words: the forms of a motion and the ways of answering one (for its
findings and the reps kinds' too), and what ``compare`` says of each of its rules."""

from __future__ import annotations

from ...text import Text
from ..describing import Duty, count, suffix
from .params import DeadlineFallback, ProposalResponseParams, ProposalSponsorsParams

FORM_ZH = {"proposal": "提案", "suggestion": "建议意见", "inquiry": "质询"}
FORM_EN = {"proposal": "proposal", "suggestion": "suggestion", "inquiry": "inquiry"}
MODE_ZH = {"face_to_face": "面对面", "written": "书面", "at_meeting": "在会议上"}
MODE_EN = {"face_to_face": "face to face", "written": "in writing", "at_meeting": "at a meeting"}
#: a form with its article, for compare's labels
_A_FORM_EN = {"proposal": "a proposal", "suggestion": "a suggestion", "inquiry": "an inquiry"}
#: the order of the forms' rows in compare
FORM_ORDER = tuple(FORM_ZH)


def fallback_words(fallback: DeadlineFallback) -> Text:
    """The deadline when a rule gives no days: within the year, or the term."""
    return ("当年内", "within the year") if fallback == "year" else ("任期内", "within the term")


# ---- what compare says of each kind ---------------------------------------------
def proposal_sponsors_duties(p: ProposalSponsorsParams) -> list[Duty]:
    return [
        Duty(
            f"proposal_sponsors:{form}",
            (f"{FORM_ZH[form]}的联名人数", f"sponsors of {_A_FORM_EN[form]}"),
            count(n, None, "人", "reps"),
            FORM_ORDER.index(form),
        )
        for form, n in sorted(p.min.items(), key=lambda kv: FORM_ORDER.index(kv[0]))
    ]


def proposal_response_duties(p: ProposalResponseParams) -> list[Duty]:
    by = (f"{p.days} 天内", f"within {p.days} days") if p.days is not None else fallback_words(p.fallback)
    if p.use_due:
        by = (f"有截止日期的按截止日期，否则{by[0]}", f"by its due date, else {by[1]}")
    if p.modes:
        by = suffix(by, (f"（{'、'.join(MODE_ZH[m] for m in p.modes)}）", f" ({', '.join(p.modes)})"))
    return [
        Duty(
            f"proposal_response:{form}",
            (f"{FORM_ZH[form]}的答复", f"answering {_A_FORM_EN[form]}"),
            by,
            FORM_ORDER.index(form),
        )
        for form in p.forms
    ]
