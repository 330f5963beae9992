"""Policy packs: the YAML format, its pydantic models, and the safe loader.

A pack is a folder ``policies/<name>/`` with a ``pack.yaml`` (and example
logs). It is checked completely when loaded: the document, every rule's kind
(known to the registry), its parameters (typed by the kind), its citation and
its id. Every error names ``file:line`` and the field path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import PackError, Problem, UsageError
from .kinds.base import KindParams, Registry, RuleKind, UnknownKindError
from .yamlsafe import MAX_BYTES, LineMap, format_path, load_yaml

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
    "find_pack",
    "load_pack",
    "shipped_packs",
]

PACK_FORMAT = "changrenzhi.pack/1"
ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(_Model):
    """Where in the source text a rule comes from: ``text`` is an exact phrase of ``line``."""

    source: str = Field(min_length=1)
    line: int = Field(ge=1)
    text: str = Field(min_length=1)
    clause: str | None = None

    @field_validator("text")
    @classmethod
    def _no_padding(cls, v: str) -> str:
        if v != v.strip():
            raise ValueError("the quoted phrase must not start or end with white space")
        return v


class Ambiguity(_Model):
    """A place where the text reads two ways: the reading encoded, and the other one."""

    about: str
    reading: str
    alternative: str
    parameter: str | None = None


class SourceRange(_Model):
    file: str = Field(min_length=1)
    first_line: int = Field(ge=1)
    last_line: int = Field(ge=1)


class DatedFact(_Model):
    """A date as the text gives it (the text may give several that disagree)."""

    value: date
    role: str
    citation: Citation


class Document(_Model):
    title: str
    issuer: str | None = None
    number: str | None = None
    number_citation: Citation | None = None
    dates: list[DatedFact] = []
    effective: date | None = None
    effective_reason: str | None = None
    conflicts: list[str] = []
    sources: list[SourceRange] = Field(min_length=1)


class TermSpec(_Model):
    years: int | None = Field(default=None, ge=1, le=20)
    citation: Citation | None = None
    #: how long a subject must exist in a period for the period to count (EVENTS.md: half)
    presence: Literal["half", "any", "full"] = "half"


class RuleSpec(_Model):
    id: str = Field(pattern=ID_PATTERN, max_length=80)
    kind: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    severity: Literal["violation", "warning", "info"] = "violation"
    title: str | None = None
    citation: Citation
    params: dict[str, Any] = {}
    ambiguities: list[Ambiguity] = []
    note: str | None = None
    #: ids of the clauses (``clauses:``) this rule encodes, in whole or in part (docs/COVERAGE.md)
    covers: list[str] = []


class NotEncoded(_Model):
    """A clause of the source that is not (yet) a rule, and why."""

    clause: str
    citation: Citation
    status: Literal["record", "not_checkable", "kind_pending"]
    reason: str
    kind: str | None = None
    #: the id of the clause (``clauses:``) this entry accounts for (docs/COVERAGE.md)
    covers: str | None = None


class Clause(_Model):
    """One clause of the source text: the pack's inventory (DOMAIN.md), which coverage checks."""

    id: str = Field(pattern=ID_PATTERN, max_length=80)
    title: str = Field(min_length=1)
    citation: Citation
    status: Literal["check", "record"]
    note: str | None = None


class Example(_Model):
    file: str
    as_of: date
    description: str


class PackModel(_Model):
    """The whole ``pack.yaml``."""

    format: Literal["changrenzhi.pack/1"]
    id: str = Field(pattern=ID_PATTERN, max_length=60)
    name: str
    locality: str
    document: Document
    term: TermSpec = TermSpec()
    rules: list[RuleSpec] = Field(min_length=1, max_length=2000)
    not_encoded: list[NotEncoded] = []
    clauses: list[Clause] = []
    examples: list[Example] = []


@dataclass(frozen=True, slots=True)
class Rule:
    """A loaded rule: its spec, its parameters typed by its kind, and the kind itself."""

    spec: RuleSpec
    params: KindParams
    impl: RuleKind[Any]
    index: int

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def kind(self) -> str:
        return self.spec.kind

    @property
    def severity(self) -> str:
        return self.spec.severity

    @property
    def citation(self) -> Citation:
        return self.spec.citation

    def citation_json(self) -> dict[str, Any]:
        c = self.spec.citation
        out: dict[str, Any] = {"source": c.source, "line": c.line, "text": c.text}
        if c.clause:
            out["clause"] = c.clause
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "params": self.params.model_dump(mode="json", exclude_none=True),
            "severity": self.severity,
            "citation": self.citation_json(),
        }


@dataclass(frozen=True, slots=True)
class Pack:
    """A loaded, fully checked pack."""

    model: PackModel
    rules: tuple[Rule, ...]
    path: Path | None = None
    lines: LineMap | None = None

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def name(self) -> str:
        return self.model.name

    @property
    def term_years(self) -> int | None:
        return self.model.term.years

    @property
    def presence(self) -> str:
        return self.model.term.presence

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)

    def to_json(self) -> dict[str, Any]:
        """What ``changrenzhi rules --format json`` prints."""
        return {
            "pack": self.id,
            "name": self.name,
            "document": self.model.document.model_dump(mode="json", exclude_none=True),
            "rules": [r.to_json() for r in self.rules],
            "not_encoded": [n.model_dump(mode="json", exclude_none=True) for n in self.model.not_encoded],
        }


# ---- loading ----------------------------------------------------------------
def _problems_from(
    exc: ValidationError, file: str, lines: LineMap | None, prefix: tuple[str | int, ...] = ()
) -> list[Problem]:
    out = []
    for err in exc.errors(include_url=False):
        loc = (*prefix, *err["loc"])
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown field"
        elif err["type"] == "missing":
            msg = "required"
        line = lines.line(loc) if lines is not None else None
        out.append(Problem(file, line, format_path(loc) or None, msg))
    return out


def _problem(file: str, lines: LineMap | None, loc: tuple[str | int, ...], msg: str) -> Problem:
    return Problem(file, lines.line(loc) if lines is not None else None, format_path(loc), msg)


def build_pack(
    data: Any,
    registry: Registry,
    *,
    file: str = "<pack>",
    lines: LineMap | None = None,
    path: Path | None = None,
) -> Pack:
    """Validate plain data (as parsed from YAML) into a :class:`Pack`; raises :class:`PackError`."""
    if not isinstance(data, dict):
        raise PackError([Problem(file, 1, None, "expected a mapping at the top of the pack")])
    try:
        model = PackModel.model_validate(data)
    except ValidationError as exc:
        raise PackError(_problems_from(exc, file, lines)) from None
    problems: list[Problem] = []
    rules: list[Rule] = []
    seen: dict[str, int] = {}
    sources = {s.file: s for s in model.document.sources}
    for i, spec in enumerate(model.rules):
        where = ("rules", i)
        if spec.id in seen:
            problems.append(
                _problem(
                    file,
                    lines,
                    (*where, "id"),
                    f"duplicate rule id {spec.id!r} (first at rules[{seen[spec.id]}])",
                )
            )
        seen.setdefault(spec.id, i)
        problems.extend(_citation_problems(spec.citation, sources, file, lines, (*where, "citation")))
        try:
            impl = registry.get(spec.kind)
        except UnknownKindError as exc:
            problems.append(_problem(file, lines, (*where, "kind"), str(exc)))
            continue
        try:
            params = impl.params_model.model_validate(spec.params)
        except ValidationError as exc:
            problems.extend(_problems_from(exc, file, lines, (*where, "params")))
            continue
        rules.append(Rule(spec, params, impl, i))
    for j, ne in enumerate(model.not_encoded):
        problems.extend(_citation_problems(ne.citation, sources, file, lines, ("not_encoded", j, "citation")))
    problems.extend(_clause_problems(model, sources, file, lines))
    if problems:
        raise PackError(problems)
    return Pack(model, tuple(rules), path, lines)


def _clause_problems(
    model: PackModel, sources: dict[str, SourceRange], file: str, lines: LineMap | None
) -> list[Problem]:
    """The clause inventory: unique ids, citations in range, and every ``covers`` naming a clause."""
    problems: list[Problem] = []
    ids: dict[str, int] = {}
    for k, cl in enumerate(model.clauses):
        if cl.id in ids:
            msg = f"duplicate clause id {cl.id!r} (first at clauses[{ids[cl.id]}])"
            problems.append(_problem(file, lines, ("clauses", k, "id"), msg))
        ids.setdefault(cl.id, k)
        problems.extend(_citation_problems(cl.citation, sources, file, lines, ("clauses", k, "citation")))

    def unknown(cid: str, loc: tuple[str | int, ...]) -> None:
        if cid not in ids:
            names = sorted(ids)
            known = "no clauses: declared" if not names else "known: " + ", ".join(names[:8])
            known += f", ... ({len(names)} in all)" if len(names) > 8 else ""
            problems.append(_problem(file, lines, loc, f"unknown clause id {cid!r} ({known})"))

    for i, spec in enumerate(model.rules):
        for n, cid in enumerate(spec.covers):
            unknown(cid, ("rules", i, "covers", n))
    for j, ne in enumerate(model.not_encoded):
        if ne.covers is not None:
            unknown(ne.covers, ("not_encoded", j, "covers"))
    return problems


def _citation_problems(
    c: Any, sources: dict[str, SourceRange], file: str, lines: LineMap | None, loc: tuple[str | int, ...]
) -> list[Problem]:
    src = sources.get(c.source)
    if src is None:
        return [
            _problem(
                file,
                lines,
                (*loc, "source"),
                f"{c.source!r} is not one of the document's sources ({', '.join(sorted(sources))})",
            )
        ]
    if not src.first_line <= c.line <= src.last_line:
        return [
            _problem(
                file,
                lines,
                (*loc, "line"),
                f"line {c.line} is outside the document's lines {src.first_line}-{src.last_line} "
                f"of {c.source}",
            )
        ]
    return []


def shipped_packs() -> dict[str, Path]:
    """The packs that ship with the library, by name -> folder."""
    here = Path(__file__).resolve().parent
    found: dict[str, Path] = {}
    for root in (here / "_policies", here.parent.parent / "policies"):
        if root.is_dir():
            for d in sorted(root.iterdir()):
                if (d / "pack.yaml").is_file():
                    found.setdefault(d.name, d)
    return found


def find_pack(ref: str | Path) -> Path:
    """Resolve a pack folder, a ``pack.yaml`` path, or the name of a shipped pack to a file."""
    p = Path(ref)
    if p.is_dir():
        f = p / "pack.yaml"
        if not f.is_file():
            raise UsageError(f"{p}: no pack.yaml in this folder")
        return f
    if p.is_file():
        return p
    shipped = shipped_packs()
    if isinstance(ref, str) and re.fullmatch(ID_PATTERN, ref) and ref in shipped:
        return shipped[ref] / "pack.yaml"
    names = ", ".join(sorted(shipped)) or "none found"
    raise UsageError(f"{ref}: no such pack folder or file, and not a shipped pack (shipped: {names})")


def load_pack(ref: str | Path, registry: Registry | None = None) -> Pack:
    """Load and fully check a pack given as a folder, a ``pack.yaml`` or a shipped pack's name."""
    from .kinds import default_registry

    reg = registry if registry is not None else default_registry()
    path = find_pack(ref)
    label = str(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)  # never read more than the bound, however large the file
    except OSError as exc:
        raise PackError([Problem(label, None, None, f"cannot read: {exc.strerror or exc}")]) from None
    if len(raw) > MAX_BYTES:
        raise PackError([Problem(label, None, None, f"file larger than {MAX_BYTES} bytes")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise PackError([Problem(label, line, None, f"not UTF-8 (byte {exc.start})")]) from None
    data, lines = load_yaml(text, label)
    return build_pack(data, reg, file=label, lines=lines, path=path)


def loads_pack(text: str, registry: Registry | None = None, *, file: str = "<pack>") -> Pack:
    """Load a pack from YAML text (for tests and tools that hold the text in memory)."""
    from .kinds import default_registry

    data, lines = load_yaml(text, file)
    return build_pack(data, registry if registry is not None else default_registry(), file=file, lines=lines)
