"""Policy packs: the safe YAML reader, the pack model, the loader's checks, dated values, provenance
and ``extends:``.

:func:`changrenzhi.loading.load_pack` is how a caller loads one; this package builds and checks a
pack for whatever kind registry it is given, and knows nothing of the built-in kinds. Its modules,
from the bottom: ``yamlsafe`` (reading YAML safely, with the line of every value), ``provenance``
(which file and line wrote a value), ``issues`` (what the loader finds wrong, before it is worded),
``dated`` (values that change over time), ``model`` (the format's models, the loaded
:class:`Pack`, its files), ``build`` (every check of the loader), ``extends`` (a pack built on another).
"""

from __future__ import annotations

from .build import Checked, build_pack, check_pack
from .extends import compose_pack, is_extending
from .model import Pack, PackModel, Rule, find_pack, read_pack_file, shipped_packs

__all__ = [
    "Checked",
    "Pack",
    "PackModel",
    "Rule",
    "build_pack",
    "check_pack",
    "compose_pack",
    "find_pack",
    "is_extending",
    "read_pack_file",
    "shipped_packs",
]
