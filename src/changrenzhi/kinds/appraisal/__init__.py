"""The yearly appraisal: ``appraisal``."""

from __future__ import annotations

from .rules import Appraisal

__all__ = ["Appraisal"]
