"""Kinds about inspections (视察): ``inspection_notice``, ``inspection_frequency``, ``inspection_report``."""

from __future__ import annotations

from .rules import InspectionFrequency, InspectionNotice, InspectionReport

__all__ = ["InspectionFrequency", "InspectionNotice", "InspectionReport"]
