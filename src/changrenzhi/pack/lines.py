"""Every line of a pack's source range, and what accounts for it (docs/COVERAGE.md, "Every line").

A line is accounted for by the citations that name it (a rule's: the duty is ``encoded``; a
``not_encoded`` entry's: ``record``, ``not_checkable``, or still ``kind_pending``), by the clause
inventory's rows that cite it (a row is accounted for as its covering rules and entries are), and
by a ``lines:`` note. :func:`line_accounts` answers, per line of every source range, one status:

- ``encoded``: a rule cites the line, or a note names the rules that encode it;
- ``missing``: nothing accounts for the line, or only a ``kind_pending`` entry does;
- ``not_checkable``, ``record``: the entries or the note say so, with their reasons;
- ``no_duty``: a note says the line states no duty (background, facts, results), and why.

:func:`conflicts` lists the notes that say otherwise than a citation of the same line (a line a
rule encodes noted as ``no_duty``): ``lint`` reports them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from .model import NotEncoded, PackModel

__all__ = ["LINE_STATUSES", "LineAccount", "LineStatus", "conflicts", "line_accounts"]

LineStatus = Literal["encoded", "not_checkable", "record", "no_duty", "missing"]
LINE_STATUSES: tuple[LineStatus, ...] = ("encoded", "not_checkable", "record", "no_duty", "missing")
#: the most lines the accounting walks, all ranges together (a range is at most this long)
MAX_ACCOUNTED_LINES = 100_000


@dataclass(frozen=True, slots=True)
class LineAccount:
    """One line of a source range and what accounts for it."""

    source: str
    line: int
    status: LineStatus
    #: the rules that encode it: citing it, covering a clause that cites it, or named by its note
    rules: tuple[str, ...]
    #: the reasons of the entries (or the note) that decide a status other than ``encoded``
    reasons: tuple[str, ...]
    #: the quoted phrase of the note, or of the first citation of the line
    text: str | None
    #: where the account comes from: ``rule``, ``not_encoded``, ``clause``, ``note``
    by: tuple[str, ...]


@dataclass
class _Acc:
    rules: list[str]
    entries: list[NotEncoded]
    text: str | None = None

    def rule(self, rid: str) -> None:
        if rid not in self.rules:
            self.rules.append(rid)


def _walk(model: PackModel) -> Iterator[tuple[str, int]]:
    budget = MAX_ACCOUNTED_LINES
    for src in model.document.sources:
        last = min(src.last_line, src.first_line + budget - 1)
        for n in range(src.first_line, last + 1):
            yield src.file, n
        budget -= max(0, last - src.first_line + 1)
        if budget <= 0:
            return


def line_accounts(model: PackModel) -> list[LineAccount]:
    """One account per line of each of ``model.document.sources``, in the document's order."""
    accs: dict[tuple[str, int], _Acc] = {}
    by: dict[tuple[str, int], list[str]] = {}

    def acc(source: str, line: int, text: str, origin: str) -> _Acc:
        a = accs.setdefault((source, line), _Acc([], [], text))
        kinds = by.setdefault((source, line), [])
        if origin not in kinds:
            kinds.append(origin)
        return a

    covering: dict[str, list[str]] = {}
    for r in model.rules:
        acc(r.citation.source, r.citation.line, r.citation.text, "rule").rule(r.id)
        for cid in r.covers:
            covering.setdefault(cid, []).append(r.id)
    entries_of: dict[str, list[NotEncoded]] = {}
    for e in model.not_encoded:
        acc(e.citation.source, e.citation.line, e.citation.text, "not_encoded").entries.append(e)
        if e.covers is not None:
            entries_of.setdefault(e.covers, []).append(e)
    for cl in model.clauses:
        row = acc(cl.citation.source, cl.citation.line, cl.citation.text, "clause")
        for rid in covering.get(cl.id, []):
            row.rule(rid)
        for e in entries_of.get(cl.id, []):
            if e not in row.entries:
                row.entries.append(e)
    notes = {(n.source, n.line): n for n in model.lines}
    out: list[LineAccount] = []
    for key in _walk(model):
        a = accs.get(key)
        note = notes.get(key)
        origins = tuple(by.get(key, ())) + (("note",) if note is not None else ())
        rules = list(a.rules) if a is not None else []
        entries = list(a.entries) if a is not None else []
        if note is not None and note.status == "encoded":
            for rid in note.rules:
                if rid not in rules:
                    rules.append(rid)
        text = note.text if note is not None else (a.text if a is not None else None)
        status, reasons = _decide(
            rules, entries, note.status if note else None, note.reason if note else None
        )
        out.append(LineAccount(key[0], key[1], status, tuple(rules), reasons, text, origins))
    return out


def _decide(
    rules: list[str], entries: list[NotEncoded], note: str | None, why: str | None
) -> tuple[LineStatus, tuple[str, ...]]:
    if rules:
        return "encoded", ()
    statuses = {e.status for e in entries}
    if "kind_pending" in statuses:
        return "missing", tuple(e.reason.strip() for e in entries if e.status == "kind_pending")
    for status in ("not_checkable", "record"):
        picked = [e.reason.strip() for e in entries if e.status == status]
        if note == status and why:
            picked.append(why.strip())
        if picked:
            return ("not_checkable" if status == "not_checkable" else "record"), tuple(picked)
    if note == "no_duty" and why:
        return "no_duty", (why.strip(),)
    return "missing", ()


def conflicts(model: PackModel) -> list[tuple[int, str]]:
    """The notes (by index in ``lines:``) that contradict a citation of the same line: a line that a
    rule encodes, or an entry records or finds not checkable, noted otherwise. With the message."""
    cited: dict[tuple[str, int], set[str]] = {}
    for r in model.rules:
        cited.setdefault((r.citation.source, r.citation.line), set()).add("encoded")
    for e in model.not_encoded:
        status = "missing" if e.status == "kind_pending" else e.status
        cited.setdefault((e.citation.source, e.citation.line), set()).add(status)
    out: list[tuple[int, str]] = []
    for k, note in enumerate(model.lines):
        said = cited.get((note.source, note.line), set())
        if said and note.status not in said:
            out.append((k, ", ".join(sorted(said))))
    return out
