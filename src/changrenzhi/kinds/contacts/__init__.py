"""Kinds about who looks after whom, and how often they meet: ``contact_roster``,"""

from __future__ import annotations

from .rules import CommitteeContactFrequency, CommitteeRoster, ContactFrequency, ContactRoster

__all__ = ["CommitteeContactFrequency", "CommitteeRoster", "ContactFrequency", "ContactRoster"]
