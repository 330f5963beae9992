"""Kinds about study and training: ``study_frequency``, ``study_days``,"""

from __future__ import annotations

from .rules import StudyAbsencePenalty, StudyDays, StudyFrequency, TrainingCoverage

__all__ = ["StudyAbsencePenalty", "StudyDays", "StudyFrequency", "TrainingCoverage"]
