"""Kinds about the committee's own duties towards the groups: ``committee_reception`` (the monthly"""

from __future__ import annotations

from .rules import CommitteeReceptionKind, CommitteeVisitMonthKind

__all__ = ["CommitteeReceptionKind", "CommitteeVisitMonthKind"]
