"""Probe builders for proposals, inspections, reps, elections, appraisal and activities.

Registered with :func:`changrenzhi.probes.builder`; :mod:`changrenzhi.probes` imports
this module, so these builders are there whenever probes are used.
"""

from __future__ import annotations

from .probes import builder  # noqa: F401
