"""changrenzhi (常任制): charters of the Party congress standing system as checkable policy.

Load a policy pack, read an event log, evaluate one against the other::

    from datetime import date
    import changrenzhi

    pack = changrenzhi.load_pack("guoyuan")
    log = changrenzhi.read_events("events.jsonl")
    report = changrenzhi.evaluate(pack, log, date(2009, 12, 31))
    for finding in report.findings:
        print(finding.status, finding.rule, finding.message())

``read_events`` also takes a file object, lines, JSON Lines held in a string (``text=...``), and
events as Python objects (dicts, ``Event`` objects), all checked alike; ``evaluate`` validates events
given as objects the same way. Arguments of the wrong sort raise ``TypeError``; bad input raises a
``ChangrenzhiError`` (``PackError``, ``EventLogError`` with every problem located).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .errors import ChangrenzhiError, EventLogError, PackError, Problem, UnknownKindError, UsageError

if TYPE_CHECKING:
    from .engine import Context, evaluate
    from .events import Event, EventLog, read_events
    from .findings import Finding, Report
    from .kinds.base import KindContext, KindParams, Registry, RuleKind, RuleRef
    from .loading import load_pack, loads_pack
    from .pack import Pack, Rule, shipped_packs
    from .periods import Period
    from .registry import default_registry
    from .watch import Monitor

#: the public names that live in submodules, imported when first used, so that importing the
#: package (or its command line, to print its version) does not load every rule kind
_LAZY = {
    "Context": "engine",
    "evaluate": "engine",
    "Event": "events",
    "EventLog": "events",
    "read_events": "events",
    "Finding": "findings",
    "Report": "findings",
    "KindContext": "kinds.base",
    "KindParams": "kinds.base",
    "RuleKind": "kinds.base",
    "RuleRef": "kinds.base",
    "load_pack": "loading",
    "loads_pack": "loading",
    "Pack": "pack",
    "Rule": "pack",
    "shipped_packs": "pack",
    "Period": "periods",
    "Registry": "kinds.base",
    "default_registry": "registry",
    "Monitor": "watch",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'changrenzhi' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "ChangrenzhiError",
    "Context",
    "Event",
    "EventLog",
    "EventLogError",
    "Finding",
    "KindContext",
    "KindParams",
    "Monitor",
    "Pack",
    "PackError",
    "Period",
    "Problem",
    "Registry",
    "Report",
    "Rule",
    "RuleKind",
    "RuleRef",
    "UnknownKindError",
    "UsageError",
    "__version__",
    "default_registry",
    "evaluate",
    "load_pack",
    "loads_pack",
    "read_events",
    "shipped_packs",
]
