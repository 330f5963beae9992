"""``changrenzhi lint``: every problem of a draft pack in one run, each with file, line, field and a code.

The loader (:func:`changrenzhi.loading.load_pack`) refuses a pack at its first
broken layer: bad YAML, then the document's shape, then the rules. A person
writing a draft wants the whole list at once, and wants more than the loader
asks for: ranges that make sense, rules that contradict or shadow each other,
citations that quote their source exactly. :func:`lint_paths` reads every pack
given with the loader, asks it for every problem it finds (:mod:`.load`), then
runs lint's own checks on every part that did validate (:mod:`.checks`).

Every problem has a code (``CRZ...``, :data:`CODES`), a severity (``error`` or
``warning``), the file, line and field, and a message from the ``lint``
section of the catalogue (Chinese and English) (:mod:`.model`). Lint exits 1
when any problem is an error, 0 otherwise; an unreadable file is a usage error (2).
"""

from __future__ import annotations

from .model import CODES, LINT_FORMAT, TITLES, Code, LintProblem, LintResult
from .run import lint_paths, lint_text, read_sources

__all__ = [
    "CODES",
    "LINT_FORMAT",
    "TITLES",
    "Code",
    "LintProblem",
    "LintResult",
    "lint_paths",
    "lint_text",
    "read_sources",
]
