"""Named activities and invitations: ``named_activity``, ``meeting_invitation``."""

from __future__ import annotations

from .rules import MeetingInvitation, NamedActivity

__all__ = ["MeetingInvitation", "NamedActivity"]
