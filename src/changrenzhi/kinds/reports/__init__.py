"""Kinds about reports made to a meeting: ``meeting_report``."""

from __future__ import annotations

from .rules import MeetingReport

__all__ = ["MeetingReport"]
