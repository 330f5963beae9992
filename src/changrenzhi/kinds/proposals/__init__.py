"""Kinds about reps' proposals, suggestions and inquiries: ``proposal_sponsors``, ``proposal_response``."""

from __future__ import annotations

from .describe import FORM_EN, FORM_ZH
from .params import DeadlineFallback
from .rules import (
    ProposalResponse,
    ProposalSponsors,
    deadline_after,
    span,
)

__all__ = [
    "FORM_EN",
    "FORM_ZH",
    "DeadlineFallback",
    "ProposalResponse",
    "ProposalSponsors",
    "deadline_after",
    "span",
]
