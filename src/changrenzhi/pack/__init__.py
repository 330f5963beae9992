"""Policy packs: the safe YAML reader, the pack model, dated values, provenance and ``extends:``.

:func:`changrenzhi.loading.load_pack` is how a caller loads one; this package builds and checks a
pack for whatever kind registry it is given, and knows nothing of the built-in kinds.
"""

from __future__ import annotations

from .build import build_pack
from .model import (
    PACK_FORMAT,
    Ambiguity,
    Citation,
    Clause,
    Document,
    NotEncoded,
    Pack,
    PackModel,
    Rule,
    RuleSpec,
    find_pack,
    read_pack_file,
    shipped_packs,
)

__all__ = [
    "PACK_FORMAT",
    "Ambiguity",
    "Citation",
    "Clause",
    "Document",
    "NotEncoded",
    "Pack",
    "PackModel",
    "Rule",
    "RuleSpec",
    "build_pack",
    "find_pack",
    "read_pack_file",
    "shipped_packs",
]
