"""Kinds about the rep groups themselves: ``group_size``, ``group_activity``, ``activity_day``,"""

from __future__ import annotations

from .rules import ActivityDay, GroupActivityKind, GroupPlanKind, GroupReportKind, GroupSize

__all__ = ["ActivityDay", "GroupActivityKind", "GroupPlanKind", "GroupReportKind", "GroupSize"]
