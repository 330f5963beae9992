"""Building a pack from its plain data: every check the loader makes, in one place.

:func:`check_pack` runs the checks and returns what they found (:class:`Checked`): the
document model, the rules whose kind and parameters hold, and every :class:`~.issues.Issue`.
:func:`build_pack` is the loader's use of it: any issue refuses the pack (:class:`PackError`,
each problem located at ``file:line field``).

The checks, in the order their issues are listed:

- ``shape``: the top of the pack is a mapping;
- ``schema``: the document fits :class:`~.model.PackModel` (pydantic's errors as
  :func:`~.issues.validation_issues` words them);
- per rule: ``rule-id`` (ids unique), ``citation`` (the cited source and line are the document's),
  ``kind`` (known to the registry), ``params`` (they fit the kind's model) or, for dated values,
  ``dated`` (docs/PACKS.md) and ``dated-citation`` (each dated value's citation);
- ``citation`` of every ``not_encoded`` entry; ``clauses``: the clause inventory (unique ids,
  citations, every ``covers`` naming a clause).

The loader stops at the first broken layer: when the document does not fit the schema, the rest
is not checked. ``check_pack(..., collect=True)`` (what ``lint`` asks for) goes on: every rule and
entry that fits its own model is checked, against the sources that fit theirs; the clause
inventory, which needs the whole document, is checked only on a document that fits.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import PackError, UnknownKindError
from ..kinds.base import KindParams, Registry, RuleKind
from .dated import DatedEntry, Epoch, has_dated, is_dated, resolve
from .issues import Issue, validation_issues
from .model import Citation, LineNote, NotEncoded, Pack, PackModel, Rule, RuleSpec, SourceRange
from .provenance import Origin, locate
from .yamlsafe import LineMap
from .yamlsafe import Path as DataPath

__all__ = ["Checked", "build_pack", "check_pack"]

_M = TypeVar("_M", bound=BaseModel)
_NO_ORIGIN = Origin("", "", None)


@dataclass(frozen=True, slots=True)
class Checked:
    """What the checks found in one pack's data."""

    #: the whole document, when it fits the schema
    model: PackModel | None
    #: every rule whose kind is known and whose parameters hold, in the pack's order
    rules: tuple[Rule, ...]
    issues: tuple[Issue, ...]


def build_pack(
    data: Any,
    registry: Registry,
    *,
    file: str = "<pack>",
    lines: LineMap | None = None,
    path: Path | None = None,
    parent: Pack | None = None,
) -> Pack:
    """Validate plain data (as parsed from YAML) into a :class:`Pack`; raises :class:`PackError`.

    ``parent`` is the pack this one extends (extends.py merges the data and passes it)."""
    checked = check_pack(data, registry, file=file, lines=lines, parent=parent)
    if checked.issues:
        raise PackError([issue.problem(file, lines) for issue in checked.issues])
    assert checked.model is not None  # no issue: the document fits
    return Pack(checked.model, checked.rules, path, lines, parent)


def check_pack(
    data: Any,
    registry: Registry,
    *,
    file: str = "<pack>",
    lines: LineMap | None = None,
    parent: Pack | None = None,
    collect: bool = False,
) -> Checked:
    """Run every check of the loader on plain data; with ``collect``, go on past a schema error."""
    if not isinstance(data, dict):
        return Checked(None, (), (Issue("shape", (), "expected a mapping at the top of the pack", line=1),))
    issues: list[Issue] = []
    try:
        model: PackModel | None = PackModel.model_validate(data)
    except ValidationError as exc:
        issues.extend(validation_issues(exc, "schema"))
        if not collect:
            return Checked(None, (), tuple(issues))
        model = None
    if model is not None:
        sources = {s.file: s for s in model.document.sources}
        specs: list[tuple[int, RuleSpec]] = list(enumerate(model.rules))
        entries: list[tuple[int, NotEncoded]] = list(enumerate(model.not_encoded))
        pack_id = model.id
    else:  # only the parts that fit their own model
        doc = data.get("document")
        sources = {
            s.file: s for _, s in _fitting(SourceRange, doc.get("sources") if isinstance(doc, dict) else None)
        }
        specs = list(_fitting(RuleSpec, data.get("rules")))
        entries = list(_fitting(NotEncoded, data.get("not_encoded")))
        pack_id = str(data.get("id", ""))
    known = _names(sources)
    rules: list[Rule] = []
    seen: dict[str, int] = {}
    inherited = {r.id: r for r in parent.rules} if parent is not None else {}
    for i, spec in specs:
        where: DataPath = ("rules", i)
        if spec.id in seen:
            first = seen[spec.id]
            message = f"duplicate rule id {spec.id!r} (first at rules[{first}])"
            issues.append(Issue("rule-id", (*where, "id"), message, {"id": spec.id, "first": first}))
        seen.setdefault(spec.id, i)
        issues.extend(_citation_issues("citation", spec.citation, sources, known, (*where, "citation")))
        try:
            impl = registry.get(spec.kind)
        except UnknownKindError as exc:
            facts = {"kind": spec.kind, "suggestion": exc.suggestion}
            issues.append(Issue("kind", (*where, "kind"), str(exc), facts))
            continue
        epochs: tuple[Epoch, ...] = ()
        dated: dict[str, tuple[DatedEntry, ...]] = {}
        if has_dated(spec.params):
            got, epochs, dated = _dated_params(impl, spec, sources, known, where, issues)
            if got is None:
                continue
            params = got
        else:
            try:
                params = impl.params_model.model_validate(spec.params)
            except ValidationError as exc:
                issues.extend(validation_issues(exc, "params", (*where, "params"), {"kind": spec.kind}))
                continue
        prov = _rule_provenance(data["rules"][i], where, file, lines, pack_id)
        # the parent's rule, when this pack's own entry overrides it (not when merely inherited)
        over = inherited.get(spec.id) if prov.get("id", _NO_ORIGIN).pack == pack_id else None
        rules.append(Rule(spec, params, impl, i, epochs, prov, over, dated))
    for j, ne in entries:
        issues.extend(
            _citation_issues("citation", ne.citation, sources, known, ("not_encoded", j, "citation"))
        )
    if model is not None:
        issues.extend(_clause_issues(model, sources, known))
        issues.extend(_line_issues(model, sources, known))
        issues.extend(_escalation_issues(model, sources, known))
    return Checked(model, tuple(rules), tuple(issues))


def _fitting(model: type[_M], raw: Any) -> Iterator[tuple[int, _M]]:
    """The items of a list that fit ``model``, with their indexes (the others are schema errors)."""
    for i, item in enumerate(raw if isinstance(raw, list) else []):
        try:
            yield i, model.model_validate(item)
        except ValidationError:
            continue


def _dated_params(
    impl: RuleKind[Any],
    spec: RuleSpec,
    sources: dict[str, SourceRange],
    known: str,
    where: DataPath,
    issues: list[Issue],
) -> tuple[KindParams | None, tuple[Epoch, ...], dict[str, tuple[DatedEntry, ...]]]:
    """Params with dated values (dated.py): every epoch validated, entry citations checked."""

    def report(loc: DataPath, msg: str) -> None:
        issues.append(Issue("dated", (*where, "params", *loc), msg, {"kind": spec.kind}))

    params, epochs, dated = resolve(impl.params_model, spec.params, report)
    if params is not None:
        for key, entries in dated.items():
            for j, entry in enumerate(entries):
                if entry.citation is None:
                    continue
                loc = (*where, "params", key, "dated", j, "citation")
                try:
                    cite = Citation.model_validate(entry.citation)
                except ValidationError as exc:
                    issues.extend(validation_issues(exc, "dated-citation", loc))
                    continue
                issues.extend(_citation_issues("dated-citation", cite, sources, known, loc))
    return params, epochs, dated


def _rule_provenance(
    raw: dict[str, Any], where: DataPath, file: str, lines: LineMap | None, pack: str
) -> dict[str, Origin]:
    """Where each field of a rule was written: ``"kind"``, ``"params.max"``, ``"params.max.dated[0]"``."""
    out: dict[str, Origin] = {}
    for key, value in raw.items():
        if key != "params" or not isinstance(value, dict):
            out[key] = locate(lines, (*where, key), file, pack)
            continue
        for name, v in value.items():
            out[f"params.{name}"] = locate(lines, (*where, key, name), file, pack)
            if is_dated(v) and isinstance(v["dated"], list):
                for j in range(len(v["dated"])):
                    at = (*where, key, name, "dated", j)
                    out[f"params.{name}.dated[{j}]"] = locate(lines, at, file, pack)
    return out


def _clause_issues(model: PackModel, sources: dict[str, SourceRange], known_sources: str) -> list[Issue]:
    """The clause inventory: unique ids, citations in range, and every ``covers`` naming a clause."""
    issues: list[Issue] = []
    ids: dict[str, int] = {}
    for k, cl in enumerate(model.clauses):
        if cl.id in ids:
            msg = f"duplicate clause id {cl.id!r} (first at clauses[{ids[cl.id]}])"
            issues.append(Issue("clauses", ("clauses", k, "id"), msg))
        ids.setdefault(cl.id, k)
        issues.extend(
            _citation_issues("clauses", cl.citation, sources, known_sources, ("clauses", k, "citation"))
        )

    names = sorted(ids)
    known = "no clauses: declared" if not names else "known: " + ", ".join(names[:8])
    known += f", ... ({len(names)} in all)" if len(names) > 8 else ""

    def unknown(cid: str, loc: DataPath) -> None:
        if cid not in ids:
            issues.append(Issue("clauses", loc, f"unknown clause id {cid!r} ({known})"))

    for i, spec in enumerate(model.rules):
        for n, cid in enumerate(spec.covers):
            unknown(cid, ("rules", i, "covers", n))
    for j, ne in enumerate(model.not_encoded):
        if ne.covers is not None:
            unknown(ne.covers, ("not_encoded", j, "covers"))
    return issues


def _line_issues(model: PackModel, sources: dict[str, SourceRange], known_sources: str) -> list[Issue]:
    """The ``lines:`` notes: each in range, one note per line, rules for an ``encoded`` line and a
    reason for any other (docs/COVERAGE.md, "Every line")."""
    issues: list[Issue] = []
    rule_ids = {r.id for r in model.rules}
    first: dict[tuple[str, int], int] = {}
    for k, note in enumerate(model.lines):
        at: DataPath = ("lines", k)
        issues.extend(_citation_issues("lines", _as_citation(note), sources, known_sources, at))
        key = (note.source, note.line)
        if key in first:
            msg = f"line {note.line} of {note.source} accounted for twice (first at lines[{first[key]}])"
            issues.append(Issue("lines", (*at, "line"), msg))
        first.setdefault(key, k)
        if note.status == "encoded":
            if not note.rules:
                issues.append(
                    Issue("lines", (*at, "rules"), "an encoded line names the rules that encode it")
                )
            for n, rid in enumerate(note.rules):
                if rid not in rule_ids:
                    issues.append(Issue("lines", (*at, "rules", n), f"unknown rule id {rid!r}"))
        else:
            if note.rules:
                msg = f"only an encoded line names rules (this one is {note.status})"
                issues.append(Issue("lines", (*at, "rules"), msg))
            if not (note.reason or "").strip():
                issues.append(Issue("lines", (*at, "reason"), f"a line that is {note.status} says why"))
    return issues


def _as_citation(note: LineNote) -> Citation:
    return Citation(source=note.source, line=note.line, text=note.text)


def _escalation_issues(model: PackModel, sources: dict[str, SourceRange], known: str) -> list[Issue]:
    """Escalations: unique ids, citations in range, and every rule they name a rule of the pack."""
    issues: list[Issue] = []
    rule_ids = {r.id for r in model.rules}
    ids: dict[str, int] = {}
    for k, esc in enumerate(model.escalations):
        where: DataPath = ("escalations", k)
        if esc.id in ids:
            msg = f"duplicate escalation id {esc.id!r} (first at escalations[{ids[esc.id]}])"
            issues.append(Issue("escalations", (*where, "id"), msg))
        ids.setdefault(esc.id, k)
        issues.extend(_citation_issues("escalations", esc.citation, sources, known, (*where, "citation")))
        for n, rid in enumerate(esc.rules):
            if rid not in rule_ids:
                msg = f"unknown rule id {rid!r}: an escalation names rules of the pack"
                issues.append(Issue("escalations", (*where, "rules", n), msg))
    return issues


def _names(sources: dict[str, SourceRange]) -> str:
    """The document's sources as a message lists them: the first 8, and how many in all."""
    names = sorted(sources)
    return ", ".join(names[:8]) + (f", ... ({len(names)} in all)" if len(names) > 8 else "")


def _citation_issues(
    check: str, c: Citation, sources: dict[str, SourceRange], known: str, loc: DataPath
) -> list[Issue]:
    """A citation of a source the document does not list (``known``: :func:`_names`), or of a line
    outside its range (nothing when no source fits: the schema error about ``document.sources``
    says it)."""
    if not sources:
        return []
    src = sources.get(c.source)
    if src is None:
        message = f"{c.source!r} is not one of the document's sources ({known})"
        return [Issue(check, (*loc, "source"), message, {"source": c.source, "known": known})]
    if not src.first_line <= c.line <= src.last_line:
        message = (
            f"line {c.line} is outside the document's lines {src.first_line}-{src.last_line} of {c.source}"
        )
        facts = {"line": c.line, "source": c.source, "first": src.first_line, "last": src.last_line}
        return [Issue(check, (*loc, "line"), message, facts)]
    return []
