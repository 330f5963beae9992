"""The engine: evaluate a pack against an event log as of a date."""

from __future__ import annotations

from .core import Context, evaluate

__all__ = ["Context", "evaluate"]
