"""The semantic difference between two packs, with witnesses (``changrenzhi diff OLD NEW``).

Rules are aligned by id, then (for the rest) by kind and the subject of the
duty (the parameters that say *whom* or *what* it is about: ``meeting_kinds``,
``of``, ``kinds``, ``applies_to`` ...), when that pairs exactly one old rule with
one new rule. For each pair whose kind, severity or parameters differ, the
boundary probes of *both* versions (:mod:`changrenzhi.probes`; per epoch for
dated parameters) are run through each version alone; a probe on which the new
version judges the subject more severely than the old one (no finding < ``info``
< ``warning`` < ``violation``; ``pending`` counts as no finding) is a
*stricter* witness, the reverse a *looser* one. Before it is reported, a witness
is verified by evaluating the rule in each pack, with the pack's settings, on its log
(rules are evaluated independently: the other rules of a pack change nothing of a rule's
findings, so they are not run again for every witness). The label is
``stricter`` (only stricter witnesses), ``looser`` (only looser), ``different``
(both), ``no_effect`` (no probe splits them: a reworded title, a new citation, a
rule only moved in the file) or ``unknown`` (the kind has no probe builder, or the
rule's bounds are too large to probe: :data:`~changrenzhi.probes.MAX_PROBE_EVENTS`, so
nothing can be shown). An added rule is ``stricter`` with a witness on which it
fires, a removed one ``looser``.

The work is linear in the packs: each rule's probes hold a bounded number of events
(:class:`~changrenzhi.probes.Budget`), each is run through one rule.
"""

from __future__ import annotations

from .compare import diff_packs
from .model import DIFF_FORMAT, DiffJson, FieldChange, PackDiff, RuleDiff, Witness
from .render import render_diff, write_witnesses

__all__ = [
    "DIFF_FORMAT",
    "DiffJson",
    "FieldChange",
    "PackDiff",
    "RuleDiff",
    "Witness",
    "diff_packs",
    "render_diff",
    "write_witnesses",
]
