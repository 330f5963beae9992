"""Boundary probes: small event logs just inside and just outside each numeric bound of a rule.

See :mod:`changrenzhi.probes.core` for the probe model and the driver; the builders of each kind
are in :mod:`~changrenzhi.probes.core`, :mod:`~changrenzhi.probes.activities` and
:mod:`~changrenzhi.probes.records`, imported here so that every builder is known once the package is.
"""

from __future__ import annotations

from . import activities, records
from .core import (
    BUILDERS,
    DEFAULTS,
    Choices,
    Defaults,
    Probe,
    Setting,
    builder,
    kinds_without_builder,
    probes,
    setting_of,
)

__all__ = [
    "BUILDERS",
    "DEFAULTS",
    "Choices",
    "Defaults",
    "Probe",
    "Setting",
    "builder",
    "kinds_without_builder",
    "probes",
    "setting_of",
]
# the builder modules register their builders when imported (above)
del activities, records
