"""Findings and the report: version 1 of the findings contract in docs/EVENTS.md; finding ids as
docs/FINDING-IDS.md describes them."""

from __future__ import annotations

import hashlib
import re
import string
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from .errors import UsageError
from .jsontypes import Day, NotRequired, TypedDict
from .messages import LANGS
from .periods import Period, PeriodJson, PerPeriod

__all__ = [
    "FINDINGS_FORMAT",
    "STATUSES",
    "CitationJson",
    "DuplicateFindingError",
    "FilterJson",
    "Finding",
    "FindingJson",
    "FindingKey",
    "Report",
    "ReportJson",
    "Status",
    "SummaryJson",
    "check_unique",
    "finding_id",
    "messages_of",
]

FindingsFormat = Literal["changrenzhi.findings/1"]
FINDINGS_FORMAT: FindingsFormat = "changrenzhi.findings/1"
Status = Literal["violation", "warning", "pending", "info"]
STATUSES: tuple[Status, ...] = ("violation", "warning", "pending", "info")


class CitationJson(TypedDict):
    """Where a rule is written in its source text: the file, the line, the phrase quoted from it,
    and the clause when the pack names it."""

    source: str
    line: int
    text: str
    clause: NotRequired[str]


class FindingJson(TypedDict):
    """One finding (docs/EVENTS.md, "The findings"). ``details`` holds what its kind declares."""

    id: str
    rule: str
    kind: str
    status: Status
    subject: str
    period: PeriodJson | None
    evidence: list[str]
    citation: CitationJson
    message: str
    details: dict[str, Any]


class SummaryJson(TypedDict):
    """The number of findings of each status."""

    violation: int
    warning: int
    pending: int
    info: int


class FilterJson(TypedDict):
    """The filter of a run that showed some findings only (``check --rule``, ``--status``): the
    rule id patterns and the statuses asked for (empty: all), and how many findings there were
    before it."""

    rules: list[str]
    statuses: list[Status]
    total: int


class ReportJson(TypedDict):
    """What ``changrenzhi check --format json`` prints (``filter``: only when one was asked for;
    ``findings`` and ``summary`` are then of the findings it kept)."""

    format: FindingsFormat
    pack: str
    as_of: Day
    findings: list[FindingJson]
    summary: SummaryJson
    filter: NotRequired[FilterJson]


#: bytes of hash in a finding id (16 hexadecimal digits: see docs/FINDING-IDS.md for why 64 bits)
ID_BYTES = 8
#: what tells a finding apart from the other findings of its rule about the same subject and period
#: (``ctx.finding(..., key=...)``): a tuple of strings, ``()`` when there is only ever one
FindingKey = tuple[str, ...]
#: how an id names the period of a finding without one (a period is named by its kind and first day)
_NO_PERIOD = "-"

#: the nouns English templates put after a count, and their singular
_SINGULAR = {
    "days": "day", "times": "time", "groups": "group", "reps": "rep", "years": "year",
    "meetings": "meeting", "inspections": "inspection", "candidates": "candidate", "seats": "seat",
    "trainings": "training", "points": "point", "dimensions": "dimension", "members": "member",
    "activities": "activity", "contacts": "contact", "visits": "visit", "sessions": "session",
    "records": "record", "reports": "report", "receptions": "reception", "suggestions": "suggestion",
    "months": "month", "invitees": "invitee", "sponsors": "sponsor", "votes": "vote", "people": "person",
}  # fmt: skip
_COUNT_OF_ONE = re.compile(r"(?<![\d.,/])1 (" + "|".join(_SINGULAR) + r")\b")


def _one_of(text: str) -> str:
    """English agreement after a count of one: "1 times" -> "1 time" (the templates write plurals)."""
    return _COUNT_OF_ONE.sub(lambda m: "1 " + _SINGULAR[m.group(1)], text) if "1 " in text else text


def _named(names: Mapping[str, Any], value: Any, lang: str) -> Any:
    """A code of the pack's vocabulary as the pack names it in ``lang`` (English: the code itself
    when the pack gives no English name); any other value as it is."""
    if type(value) is not str or value not in names:
        return value
    label = names[value]
    return label.zh if lang != "en" else (label.en or value)


#: the names a message template writes (``{count}``, ``{to_zh}``...) by template, each template
#: parsed once; None for a template whose fields cannot all be named so (``{0}``, ``{x:{width}}``)
_FIELDS: dict[str, frozenset[str] | None] = {}


def _fields_of(text: str) -> frozenset[str] | None:
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:  # format() raises the same
        return None
    names = set()
    for _, name, spec, _ in parsed:
        if name is None:
            continue
        base = re.split(r"[.\[]", name, maxsplit=1)[0]
        if not base or base.isdigit() or (spec and "{" in spec):
            return None
        names.add(base)
    return frozenset(names - {"subject", "period"})  # the finding's own, not its arguments


def _labelled(text: str, args: Mapping[str, Any], names: Mapping[str, Any], lang: str) -> Mapping[str, Any]:
    """``args`` with each code of the pack's vocabulary that ``text`` writes named as the pack names
    it (:func:`_named`); the arguments the template does not write stay as they are (the sentence is
    the same), and ``args`` itself comes back when none of them is such a code."""
    try:
        used = _FIELDS[text]
    except KeyError:
        used = _FIELDS[text] = _fields_of(text)
    if used is None:
        return {k: _named(names, v, lang) for k, v in args.items()}
    out: dict[str, Any] | None = None
    for name in used:
        value = args.get(name)
        if type(value) is str and value in names:
            if out is None:
                out = dict(args)
            out[name] = _named(names, value, lang)
    return args if out is None else out


@dataclass(frozen=True, slots=True)
class Finding:
    """One conclusion of one rule about one subject in one period.

    The message is kept as a template per language plus its arguments, so a
    report renders it in the language asked for; the arguments double as the
    finding's machine-readable ``details``.
    """

    rule: str
    kind: str
    status: Status
    subject: str
    period: Period | None
    evidence: tuple[str, ...]
    citation: CitationJson
    template: Mapping[str, str]
    #: the key of ``template`` in its kind's ``messages`` (not part of the id: the verdict may change)
    message_key: str
    args: Mapping[str, Any] = field(default_factory=dict)
    #: the pack's names for its own codes (``labels:`` in pack.yaml: code -> a label with ``zh``, ``en``)
    labels: Mapping[str, Any] = field(default_factory=dict)
    #: what tells this finding apart from its rule's other findings about the same subject and
    #: period (the person visited, the meeting, the event...): part of the id
    key: FindingKey = ()

    def __reduce__(self) -> tuple[type[Finding], tuple[Any, ...]]:
        # pickled as its constructor's arguments (to another process: ``evaluate(jobs=...)``,
        # ``check-many``): a frozen dataclass with slots would otherwise be rebuilt field by field
        # through a Python __setstate__, several times as slow
        return (
            Finding,
            (self.rule, self.kind, self.status, self.subject, self.period, self.evidence, self.citation,
             self.template, self.message_key, self.args, self.labels, self.key),
        )  # fmt: skip

    def message(self, lang: str = "zh") -> str:
        """The finding's sentence in ``lang`` (``"zh"`` or ``"en"``)."""
        if lang not in LANGS:
            check_lang("Finding.message", lang)
        return self.message_with(lang, self.period.label(lang) if self.period is not None else "")

    def message_with(self, lang: str, period: str) -> str:
        """:meth:`message` given the label of the finding's period in ``lang`` (``""`` without one):
        what a renderer calls, with each period's label worked out once per report."""
        text = self.template.get(lang) or self.template["zh"]
        args = self.args
        if self.labels:  # a code of the pack's vocabulary reads as the pack names it; details keep the code
            args = _labelled(text, args, self.labels, lang)
        out = text.format(subject=self.subject, period=period, **args)
        return _one_of(out) if lang == "en" else out

    @property
    def identity(self) -> tuple[str, str, str, FindingKey]:
        """What the finding is about, and all its id is made of: the rule, the subject, the period
        (its kind and first day) and the key. Unique within a report (the engine checks it)."""
        return (self.rule, self.subject, _period_name(self.period), self.key)

    @property
    def id(self) -> str:
        """A short id that names what the finding is about (docs/FINDING-IDS.md).

        A hash of :attr:`identity`: neither the status, nor the message, nor the details, nor the
        finding's place in the report. The same finding keeps its id in every run, at every
        ``as_of`` (a ``pending`` duty that becomes a ``violation`` too), and in every version of the
        log that leaves what it is about alone.
        """
        return finding_id(self.rule, self.subject, self.period, self.key)

    def to_json(self, lang: str = "zh", finding_id: str | None = None) -> FindingJson:
        """The finding as the findings contract writes it (``finding_id``: the id its report gives
        it, :meth:`Report.id_of`; by default :attr:`id`)."""
        if finding_id is not None and not isinstance(finding_id, str):
            raise TypeError(f"Finding.to_json: finding_id must be a str, got {finding_id!r}")
        return {
            "id": self.id if finding_id is None else finding_id,
            "rule": self.rule,
            "kind": self.kind,
            "status": self.status,
            "subject": self.subject,
            "period": self.period.to_json() if self.period is not None else None,
            "evidence": list(self.evidence),
            "citation": self.citation.copy(),
            "message": self.message(lang),
            "details": dict(self.args),
        }


@dataclass(frozen=True, slots=True)
class Report:
    """Everything ``evaluate`` concluded, findings in a stable order."""

    pack: str
    pack_name: str
    as_of: date
    findings: tuple[Finding, ...]
    events: int = 0
    #: the file the pack was loaded from (as its :class:`~changrenzhi.pack.Pack` names it), when
    #: it was loaded from one; not part of the findings contract (``to_json``)
    pack_file: str | None = None
    #: the rules that checked nothing: no event of any type their kind reads was dated on or before
    #: ``as_of``, and they found nothing (JUnit marks them skipped); in pack order
    unchecked: tuple[str, ...] = ()
    #: the exit status a command decided on instead of :attr:`exit_code`'s default (``check
    #: --fail-on``), which the outputs that show one report (SARIF's invocation, the text summary)
    fail_code: int | None = field(default=None, repr=False, compare=False)
    #: the findings' ids, computed when first asked for (ids cost a hash each: only renderers pay)
    _ids: dict[int, str] = field(default_factory=dict, repr=False, compare=False)
    #: the same ids in the findings' order (:meth:`listed_ids`); new in each copy of the report
    _listed: list[str] = field(default_factory=list, init=False, repr=False, compare=False)
    #: the ids ``evaluate`` worked out with the findings, where it shared the rules with a child
    #: (each process those of its own rules'), in the findings' order: :meth:`listed_ids` takes them
    #: (and checks them) instead of computing them; new (empty) in each copy of the report
    _worked_out: list[str] = field(default_factory=list, init=False, repr=False, compare=False)

    def finding_ids(self) -> tuple[str, ...]:
        """The id of every finding, in order (:attr:`Finding.id`); unique within the report."""
        return tuple(self.listed_ids())

    def listed_ids(self) -> list[str]:
        """:meth:`finding_ids` as the report keeps it (computed once; do not change it): what a
        renderer that goes through the findings in order reads."""
        listed = self._listed
        if len(listed) != len(self.findings):
            findings = self.findings
            known = self._worked_out
            ids = known if len(known) == len(findings) else list(ids_of(findings))
            if len(set(ids)) < len(ids):  # a bug (or a finding listed twice): which one
                seen: dict[str, Finding] = {}
                for f, fid in zip(findings, ids, strict=True):
                    other = seen.setdefault(fid, f)
                    if other is not f:
                        raise DuplicateFindingError(other, f, fid)
            listed[:] = ids
        return listed

    def id_of(self, finding: Finding) -> str:
        """The id of one of this report's findings: :attr:`Finding.id`, computed once per report.

        Raises :class:`DuplicateFindingError` if two findings share an id: two findings about
        the same thing (the engine refuses those) or two different things whose 64-bit hashes
        agree (docs/FINDING-IDS.md: about 3 chances in 10^8 for a report of a million findings).

        Raises :class:`TypeError` for anything but a :class:`Finding`, and
        :class:`~changrenzhi.errors.UsageError` for a finding of another report.
        """
        ids = self._ids
        if not ids and self.findings:  # by the finding object, from the ids in order
            ids.update(zip(map(id, self.findings), self.listed_ids(), strict=True))
        got = ids.get(id(finding))
        if got is None:
            if not isinstance(finding, Finding):
                raise TypeError(f"Report.id_of: expected a Finding, got {type(finding).__name__}")
            raise UsageError(
                f"Report.id_of: this finding ({finding.rule}, {finding.subject}) is not one of the report's"
            )
        return got

    @property
    def summary(self) -> SummaryJson:
        counts: dict[str, int] = dict.fromkeys(STATUSES, 0)
        for f in self.findings:
            counts[f.status] += 1
        return {
            "violation": counts["violation"],
            "warning": counts["warning"],
            "pending": counts["pending"],
            "info": counts["info"],
        }

    @property
    def has_violations(self) -> bool:
        return any(f.status == "violation" for f in self.findings)

    @property
    def exit_code(self) -> int:
        """0 when there is no violation, 1 when there is (docs/EVENTS.md); or :attr:`fail_code`, the
        status a command decided on (``check --fail-on``)."""
        if self.fail_code is not None:
            return self.fail_code
        return 1 if self.has_violations else 0

    def to_json(self, lang: str = "zh") -> ReportJson:
        """The findings contract (EVENTS.md), messages in ``lang`` (``"zh"`` or ``"en"``)."""
        if lang not in LANGS:
            check_lang("Report.to_json", lang)
        return self.json_with([f.to_json(lang, self.id_of(f)) for f in self.findings])

    def json_with(self, findings: Any) -> ReportJson:
        """:meth:`to_json` with ``findings`` in place of the findings (what a renderer that writes
        them a few at a time writes around them)."""
        return {
            "format": FINDINGS_FORMAT,
            "pack": self.pack,
            "as_of": self.as_of.isoformat(),
            "findings": findings,
            "summary": self.summary,
        }


def messages_of(findings: Iterable[Finding], lang: str) -> Iterator[str]:
    """Each finding's :meth:`~Finding.message` in ``lang``, each period's label worked out once
    (what a renderer of a whole report calls)."""
    label = PerPeriod(lambda p: p.label(lang))
    for f in findings:
        if lang not in LANGS:
            check_lang("Finding.message", lang)
        yield f.message_with(lang, "" if f.period is None else label(f.period))


def check_lang(caller: str, lang: object) -> None:
    """Raise for a language that is not one of :data:`~changrenzhi.messages.LANGS`: a
    :class:`TypeError` for a value that is not a string, else a :class:`UsageError`."""
    if lang in LANGS:
        return
    message = f"{caller}: lang must be one of {', '.join(map(repr, LANGS))}, got {lang!r}"
    raise UsageError(message) if isinstance(lang, str) else TypeError(message)


class DuplicateFindingError(RuntimeError):
    """Two findings of one report with the same identity (or, far less likely, the same id).

    A bug, never the input's fault: a kind that yields two findings about one subject and
    period must tell them apart with ``key`` (``ctx.finding(..., key=...)``).
    """

    def __init__(self, first: Finding, second: Finding, fid: str | None = None) -> None:
        self.first, self.second = first, second
        rule, subject, period, key = second.identity
        what = "id " + fid if fid is not None else "identity"
        super().__init__(
            f"two findings share one {what}: rule {rule}, subject {subject}, period {period}, "
            f"key {key!r} ({first.message_key!r} and {second.message_key!r}); "
            f"the kind {second.kind!r} must tell them apart with ctx.finding(..., key=...)"
        )


def check_unique(findings: Iterable[Finding]) -> None:
    """Raise :class:`DuplicateFindingError` if two of ``findings`` have the same :attr:`Finding.identity`."""
    seen: set[tuple[str, str, tuple[str, date] | None, FindingKey]] = set()
    # a period as the id names it, its kind and first day, worked out once per Period object
    periods: dict[int, tuple[Period, tuple[str, date]]] = {}
    listed = list(findings)
    for f in listed:
        p = f.period
        if p is None:
            name = None
        else:
            got = periods.get(id(p))
            if got is None or got[0] is not p:
                got = periods[id(p)] = (p, (p.kind, p.start))
            name = got[1]
        seen.add((f.rule, f.subject, name, f.key))
    if len(seen) < len(listed):
        first: dict[tuple[str, str, str, FindingKey], Finding] = {}
        for f in listed:
            other = first.setdefault(f.identity, f)
            if other is not f:
                raise DuplicateFindingError(other, f)


def _period_name(p: Period | None) -> str:
    """A period as a finding's id names it: its kind and first day (``quarter:2010-07-01``).

    Not its last day: that can move while the finding stays the same (a term ends early when
    the next congress opens; a deadline that falls at the end of the term moves with it)."""
    return _NO_PERIOD if p is None else f"{p.kind}:{p.start.isoformat()}"


def finding_id(rule: str, subject: str, period: Period | None, key: FindingKey = ()) -> str:
    """The id of the finding of ``rule`` about ``subject`` in ``period`` told apart by ``key``:
    the BLAKE2b hash with an 8-byte digest of those, joined by U+001F, in 16 hexadecimal digits."""
    text = "\x1f".join((rule, subject, _period_name(period), *key))
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=ID_BYTES).hexdigest()


def ids_of(findings: Iterable[Finding]) -> Iterator[str]:
    """``f.id`` of each finding, each period's name worked out once."""
    names: dict[int, tuple[Period, str]] = {}
    blake2b = hashlib.blake2b
    for f in findings:
        p = f.period
        if p is None:
            name = _NO_PERIOD
        else:
            got = names.get(id(p))
            if got is None or got[0] is not p:
                got = names[id(p)] = (p, _period_name(p))
            name = got[1]
        text = "\x1f".join((f.rule, f.subject, name, *f.key))
        yield blake2b(text.encode("utf-8", "surrogatepass"), digest_size=ID_BYTES).hexdigest()
