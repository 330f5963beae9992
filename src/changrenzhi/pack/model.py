"""Policy packs: the YAML format, its pydantic models, the loaded :class:`Pack`, and its files.

A pack is a folder ``policies/<name>/`` with a ``pack.yaml`` (and example
logs). It is checked completely when loaded (:mod:`.build`): the document, every
rule's kind (known to the registry), its parameters (typed by the kind), its
citation and its id. Every error names ``file:line`` and the field path.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, GetPydanticSchema, field_validator, model_validator

from ..errors import PackError, Problem, UsageError
from ..findings import CitationJson
from ..jsontypes import NotRequired, TypedDict
from ..kinds.base import KindParams, RuleKind
from ..roster import DEFAULT_TERM_YEARS
from .dated import DatedEntry, Day, Epoch, EpochJson, epoch_at
from .provenance import Origin, ProvenanceJson
from .yamlsafe import MAX_BYTES, LineMap, load_yaml

__all__ = [
    "MAX_ESCALATIONS",
    "Ambiguity",
    "Citation",
    "Clause",
    "Document",
    "Escalation",
    "LineNote",
    "NotEncoded",
    "Pack",
    "PackModel",
    "Rule",
    "RuleSpec",
    "find_pack",
    "parse_pack_bytes",
    "read_bounded",
    "read_pack_file",
    "shipped_packs",
]

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"


#: the highest line a citation or a source range may name
MAX_LINE = 1_000_000
#: the most ``lines:`` notes a pack may hold
MAX_LINE_NOTES = 20_000


class _Model(BaseModel):
    """Unknown keys are errors, values frozen, and no coercion: a number is a number, a flag
    ``true``/``false``, a day a day (:data:`~.dated.Day`)."""

    # defer_build: a model's validator is built when it first validates, so a run builds those
    # of the models its pack uses, not of every class it imports (25-45 ms less at each start)
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False, defer_build=True)


class Citation(_Model):
    """Where in the source text a rule comes from: ``text`` is an exact phrase of ``line``."""

    source: str = Field(min_length=1)
    line: int = Field(ge=1, le=MAX_LINE)
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
    first_line: int = Field(ge=1, le=MAX_LINE)
    last_line: int = Field(ge=1, le=MAX_LINE)


class DatedFact(_Model):
    """A date as the text gives it (the text may give several that disagree)."""

    value: Day
    role: str
    citation: Citation


class Document(_Model):
    title: str
    issuer: str | None = None
    number: str | None = None
    number_citation: Citation | None = None
    dates: list[DatedFact] = []
    effective: Day | None = None
    effective_reason: str | None = None
    conflicts: list[str] = []
    sources: list[SourceRange] = Field(min_length=1)


class TermSpec(_Model):
    years: int | None = Field(default=None, ge=1, le=20)
    citation: Citation | None = None
    #: how long a subject must exist in a period for the period to count (docs/EVENTS.md: half)
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


class LineNote(_Model):
    """How one line of the source range is accounted for (docs/COVERAGE.md, "Every line").

    A line that a rule's or a ``not_encoded`` entry's citation names is accounted for by it; a note
    accounts for any other line: a duty ``encoded`` by rules that cite another line (``rules``), a
    duty ``not_checkable`` or a fact to ``record`` (``reason``), or a line that states ``no_duty``
    (background, facts, a report of results: ``reason`` says which). ``text`` is an exact phrase of
    the line, checked like a rule's citation."""

    source: str = Field(min_length=1)
    line: int = Field(ge=1, le=MAX_LINE)
    text: str = Field(min_length=1)
    status: Literal["encoded", "not_checkable", "record", "no_duty"]
    rules: list[str] = []
    reason: str | None = None

    @field_validator("text")
    @classmethod
    def _no_padding(cls, v: str) -> str:
        if v != v.strip():
            raise ValueError("the quoted phrase must not start or end with white space")
        return v


#: at most this many escalations in a pack, rules named by one, and periods in a run
MAX_ESCALATIONS = 100
MAX_ESCALATION_RULES = 50
MAX_ESCALATION_COUNT = 12
#: the longest a finding may stay open before an ``open_for`` escalation (ten years)
MAX_ESCALATION_DAYS = 3660


class Escalation(_Model):
    """A pattern over the findings a monitor emits (``changrenzhi watch``) that raises an alert
    (docs/WATCH.md): data only, each number bounded.

    - ``consecutive``: one subject has a finding of ``rules`` with a status of ``statuses`` in
      ``count`` consecutive periods (each begins the day after the one before ends);
    - ``open_for``: a finding of ``rules`` keeps a status of ``statuses`` for ``days`` days of
      event time;
    - ``together``: ``count`` different subjects have findings of ``rules`` about the same thing:
      the same rule, period and key (``same: key``: the same sitting...) or rule and period
      (``same: period``).
    """

    id: str = Field(pattern=ID_PATTERN, max_length=80)
    when: Literal["consecutive", "open_for", "together"]
    rules: list[str] = Field(min_length=1, max_length=MAX_ESCALATION_RULES)
    statuses: list[Literal["violation", "warning", "pending", "info"]] = Field(
        default=["violation"], min_length=1, max_length=4
    )
    count: int | None = Field(default=None, ge=2, le=MAX_ESCALATION_COUNT)
    days: int | None = Field(default=None, ge=1, le=MAX_ESCALATION_DAYS)
    same: Literal["key", "period"] | None = None
    title: str = Field(min_length=1, max_length=200)
    citation: Citation
    reading: str | None = None

    @model_validator(mode="after")
    def _fits_when(self) -> Escalation:
        need = {"consecutive": ("count",), "open_for": ("days",), "together": ("count",)}[self.when]
        for name in ("count", "days", "same"):
            given = getattr(self, name) is not None
            if name in need and not given:
                raise ValueError(f"an escalation when: {self.when} needs {name}")
            if given and name not in need and not (name == "same" and self.when == "together"):
                raise ValueError(f"an escalation when: {self.when} takes no {name}")
        return self


class Example(_Model):
    file: str
    as_of: Day
    description: str


class Label(_Model):
    """The names of one code of the pack's vocabulary: ``farmer`` -> 农民代表 / farmers."""

    zh: str = Field(min_length=1)
    en: str | None = None


class PackModel(_Model):
    """The whole ``pack.yaml``."""

    format: Literal["changrenzhi.pack/1"]
    id: str = Field(pattern=ID_PATTERN, max_length=60)
    #: the pack this one extends, as written (docs/PACKS.md); resolved by compose.py
    extends: str | None = None
    name: str
    locality: str
    document: Document
    term: TermSpec = TermSpec()
    rules: list[RuleSpec] = Field(min_length=1, max_length=2000)
    #: alerts raised over the findings a monitor emits (``changrenzhi watch``, docs/WATCH.md)
    escalations: list[Escalation] = Field(default=[], max_length=MAX_ESCALATIONS)
    not_encoded: list[NotEncoded] = []
    clauses: list[Clause] = []
    #: how each line of the source range that no citation names is accounted for (docs/COVERAGE.md)
    lines: list[LineNote] = Field(default=[], max_length=MAX_LINE_NOTES)
    #: how the pack's own codes (categories, places, meeting kinds, ...) read in messages
    labels: dict[str, Label] = {}
    examples: list[Example] = []


# ---- what ``rules --format json`` prints ---------------------------------------
def _as_model(model: type[BaseModel]) -> GetPydanticSchema:
    """For the schema of a value that is ``model`` dumped as JSON: the model's schema."""
    return GetPydanticSchema(lambda _type, handler: handler(model))


Severity = Literal["violation", "warning", "info"]
#: the document as pack.yaml gives it (unset fields left out)
DocumentJson = Annotated[dict[str, Any], _as_model(Document)]
#: an entry of not_encoded as pack.yaml gives it (unset fields left out)
NotEncodedJson = Annotated[dict[str, Any], _as_model(NotEncoded)]


class RuleJson(TypedDict):
    """A rule as loaded: ``params`` as a pack would write them (the values in force last), ``epochs``
    when they change over time, and where each field was written."""

    id: str
    kind: str
    params: dict[str, Any]
    severity: Severity
    citation: CitationJson
    epochs: NotRequired[list[EpochJson]]
    provenance: dict[str, ProvenanceJson]


class PackRefJson(TypedDict):
    """A pack of the chain, by id and file."""

    id: str
    file: str | None


class RulesJson(TypedDict):
    """What ``changrenzhi rules --format json`` prints: the pack, its rules, the clauses it leaves out,
    and the packs it is made of (itself first, then the pack it extends...)."""

    pack: str
    name: str
    document: DocumentJson
    rules: list[RuleJson]
    not_encoded: list[NotEncodedJson]
    extends: NotRequired[str]
    packs: list[PackRefJson]


@dataclass(frozen=True, slots=True)
class Rule:
    """A loaded rule: its spec, its parameters typed by its kind, and the kind itself."""

    spec: RuleSpec
    #: the params in force last (at the latest ``from`` of a dated value); see :meth:`params_at`
    params: KindParams
    impl: RuleKind[Any]
    index: int
    #: dated params (docs/PACKS.md): the stretches of time with their params; empty when undated
    epochs: tuple[Epoch, ...] = ()
    #: which pack, file and line set each field (``"kind"``, ``"params.max"``, ``"params.max.dated[1]"``)
    provenance: Mapping[str, Origin] = field(default_factory=dict)
    #: the parent pack's rule of the same id, when this rule overrides it (``extends:``)
    overrides: Rule | None = None
    #: the entries of each dated parameter, by parameter name
    dated: Mapping[str, tuple[DatedEntry, ...]] = field(default_factory=dict)

    def params_at(self, day: date) -> KindParams:
        """The params in force on ``day`` (before a dated value's first ``from``, its first value)."""
        if not self.epochs:
            return self.params
        return epoch_at(self.epochs, day).params

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

    def citation_json(self) -> CitationJson:
        c = self.spec.citation
        out: CitationJson = {"source": c.source, "line": c.line, "text": c.text}
        if c.clause:
            out["clause"] = c.clause
        return out

    def to_json(self) -> RuleJson:
        params, severity, citation = self.params.to_json(), self.spec.severity, self.citation_json()
        if self.epochs:
            epochs = [e.to_json() for e in self.epochs]
            return {
                "id": self.id, "kind": self.kind, "params": params, "severity": severity,
                "citation": citation, "epochs": epochs, "provenance": self.provenance_json(),
            }  # fmt: skip
        return {
            "id": self.id, "kind": self.kind, "params": params, "severity": severity, "citation": citation,
            "provenance": self.provenance_json(),
        }  # fmt: skip

    def provenance_json(self) -> dict[str, ProvenanceJson]:
        """Each field's origin ``{pack, line}``, with ``overrides`` when it replaced the parent's."""
        out: dict[str, ProvenanceJson] = {}
        before = self.overrides.provenance if self.overrides is not None else {}
        for key, origin in self.provenance.items():
            o = origin.to_json()
            entry: ProvenanceJson = {"pack": o["pack"], "line": o["line"]}
            old = before.get(key)
            if old is not None and old != origin:
                entry["overrides"] = old.to_json()
            out[key] = entry
        return out


@dataclass(frozen=True, slots=True)
class Pack:
    """A loaded, fully checked pack."""

    model: PackModel
    rules: tuple[Rule, ...]
    path: Path | None = None
    lines: LineMap | None = None
    #: the pack this one ``extends:`` (loaded and checked on its own), or None
    parent: Pack | None = None

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def name(self) -> str:
        return self.model.name

    @property
    def term_years(self) -> int | None:
        """The term length the pack states (``term.years``), or None."""
        return self.model.term.years

    @property
    def term_length(self) -> int:
        """The term length in years: the pack's, or the default of the standing system."""
        return self.model.term.years or DEFAULT_TERM_YEARS

    @property
    def presence(self) -> str:
        return self.model.term.presence

    @property
    def escalations(self) -> tuple[Escalation, ...]:
        """The pack's ``escalations:`` (docs/WATCH.md), in order."""
        return tuple(self.model.escalations)

    @property
    def labels(self) -> Mapping[str, Label]:
        """The pack's ``labels:``: how its own codes read in messages (by code)."""
        return self.model.labels

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)

    def to_json(self) -> RulesJson:
        """What ``changrenzhi rules --format json`` prints."""
        document = self.model.document.model_dump(mode="json", exclude_none=True)
        rules = [r.to_json() for r in self.rules]
        not_encoded = [n.model_dump(mode="json", exclude_none=True) for n in self.model.not_encoded]
        if self.parent is not None:
            return {
                "pack": self.id, "name": self.name, "document": document, "rules": rules,
                "not_encoded": not_encoded, "extends": self.parent.id, "packs": self.chain_json(),
            }  # fmt: skip
        return {
            "pack": self.id, "name": self.name, "document": document, "rules": rules,
            "not_encoded": not_encoded, "packs": self.chain_json(),
        }  # fmt: skip

    def chain_json(self) -> list[PackRefJson]:
        """This pack and the packs it extends, nearest first: ``{id, file}`` (provenance names them by id)."""
        out: list[PackRefJson] = []
        p: Pack | None = self
        while p is not None:
            out.append({"id": p.id, "file": str(p.path) if p.path is not None else None})
            p = p.parent
        return out


# ---- files ------------------------------------------------------------------
def shipped_packs() -> dict[str, Path]:
    """The packs that ship with the library, by name -> folder."""
    here = Path(__file__).resolve().parent.parent  # the changrenzhi package
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


def read_pack_file(path: Path, *, label: str | None = None) -> tuple[Any, LineMap]:
    """Read one ``pack.yaml`` safely (bounded, UTF-8, safe YAML): its plain data and line map.
    Messages name it ``label`` (default: ``path``)."""
    name = str(path) if label is None else label
    try:
        raw = read_bounded(path)
    except OSError as exc:
        raise PackError([Problem(name, None, None, f"cannot read: {exc.strerror or exc}")]) from None
    return parse_pack_bytes(raw, name)


def read_bounded(path: Path) -> bytes:
    """The bytes of a file, never more than one past :data:`MAX_BYTES` however large it is
    (raises :class:`OSError`)."""
    with path.open("rb") as handle:
        return handle.read(MAX_BYTES + 1)


def parse_pack_bytes(raw: bytes, label: str) -> tuple[Any, LineMap]:
    """The plain data and line map of a pack file's bytes (bounded, UTF-8, safe YAML); raises
    :class:`PackError`."""
    if len(raw) > MAX_BYTES:
        raise PackError([Problem(label, None, None, f"file larger than {MAX_BYTES} bytes")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise PackError([Problem(label, line, None, f"not UTF-8 (byte {exc.start})")]) from None
    return load_yaml(text, label)
