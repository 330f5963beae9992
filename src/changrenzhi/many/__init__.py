"""Checking many towns at once: a manifest of towns, one run, one findings dataset (docs/MANY.md)."""
