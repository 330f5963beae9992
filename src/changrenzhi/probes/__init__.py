"""Boundary probes: small event logs just inside and just outside each numeric bound of a rule.

:mod:`changrenzhi.probes.core` runs a rule's probes (:func:`probes`, per epoch of dated
parameters); each kind builds its own in its ``probes`` method, with the builders of
``kinds/<family>/probes.py`` and what they share in :mod:`changrenzhi.kinds.probing`
(:class:`Setting`, :class:`Choices`, :data:`DEFAULTS`, re-exported here for callers).
"""

from __future__ import annotations

from ..kinds.probing import DEFAULTS, Choices, Defaults, Setting
from .core import (
    MAX_PROBE_EVENTS,
    MAX_RULE_PROBE_EVENTS,
    Budget,
    Probe,
    has_probes,
    kinds_without_builder,
    probes,
    setting_of,
)

__all__ = [
    "DEFAULTS",
    "MAX_PROBE_EVENTS",
    "MAX_RULE_PROBE_EVENTS",
    "Budget",
    "Choices",
    "Defaults",
    "Probe",
    "Setting",
    "has_probes",
    "kinds_without_builder",
    "probes",
    "setting_of",
]
