"""Kinds about electing the reps: ``composition``, ``election_margin``, ``publicity``, ``rep_listing``."""

from __future__ import annotations

from .rules import Composition, ElectionMargin, Publicity, RepListing

__all__ = ["Composition", "ElectionMargin", "Publicity", "RepListing"]
