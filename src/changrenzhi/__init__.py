"""changrenzhi (常任制): charters of the Party congress standing system as checkable policy.

Load a policy pack, read an event log, evaluate one against the other::

    from datetime import date
    import changrenzhi

    pack = changrenzhi.load_pack("guoyuan")
    log = changrenzhi.read_events("events.jsonl")
    report = changrenzhi.evaluate(pack, log, date(2009, 12, 31))
    for finding in report.findings:
        print(finding.status, finding.rule, finding.message())
"""

from __future__ import annotations

from .engine.core import Context, evaluate
from .errors import ChangrenzhiError, EventLogError, PackError, Problem, UsageError
from .events import Event, EventLog, read_events
from .findings import Finding, Report
from .loading import load_pack, loads_pack
from .pack.model import Pack, Rule, shipped_packs
from .periods import Period
from .registry import Registry, RuleKind, default_registry

__version__ = "0.1.0"

__all__ = [
    "ChangrenzhiError",
    "Context",
    "Event",
    "EventLog",
    "EventLogError",
    "Finding",
    "Pack",
    "PackError",
    "Period",
    "Problem",
    "Registry",
    "Report",
    "Rule",
    "RuleKind",
    "UsageError",
    "__version__",
    "default_registry",
    "evaluate",
    "load_pack",
    "loads_pack",
    "read_events",
    "shipped_packs",
]
