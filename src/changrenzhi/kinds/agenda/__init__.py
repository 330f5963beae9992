"""Kinds about agenda items: ``agenda_deadline``, ``agenda_threshold``."""

from __future__ import annotations

from .rules import AgendaDeadline, AgendaThreshold

__all__ = ["AgendaDeadline", "AgendaThreshold"]
