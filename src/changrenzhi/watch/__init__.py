"""Live monitoring (``changrenzhi watch``, docs/WATCH.md): :class:`~.monitor.Monitor` takes events
one at a time and emits, as each day of event time closes, the findings that changed; the pack's
escalations (:mod:`.escalate`, the ``live`` extra: durable-rules) raise alerts over them."""

from __future__ import annotations

from .monitor import Monitor

__all__ = ["Monitor"]
