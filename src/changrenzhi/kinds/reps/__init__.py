"""Kinds about each rep's own duties and standing: ``rep_report``, ``rep_minimum``, ``credentials``,"""

from __future__ import annotations

from .rules import Credentials, Pledge, RepMinimum, RepReport, SeatValidity, TermLength

__all__ = ["Credentials", "Pledge", "RepMinimum", "RepReport", "SeatValidity", "TermLength"]
