"""Findings and the report: version 1 of the findings contract in EVENTS.md."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from .periods import Period

__all__ = ["FINDINGS_FORMAT", "STATUSES", "Finding", "Report", "Status"]

FINDINGS_FORMAT = "changrenzhi.findings/1"
Status = Literal["violation", "warning", "pending", "info"]
STATUSES: tuple[Status, ...] = ("violation", "warning", "pending", "info")
#: bytes of hash in a finding id (8 hexadecimal digits)
ID_BYTES = 4

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
    citation: Mapping[str, Any]
    template: Mapping[str, str]
    #: the key of ``template`` in its kind's ``messages``: part of the finding's id
    message_key: str
    args: Mapping[str, Any] = field(default_factory=dict)
    #: the pack's names for its own codes (``labels:`` in pack.yaml: code -> a label with ``zh``, ``en``)
    labels: Mapping[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "zh") -> str:
        text = self.template.get(lang) or self.template["zh"]
        period = self.period.label(lang) if self.period is not None else ""
        args = self.args
        if self.labels:  # a code of the pack's vocabulary reads as the pack names it; details keep the code
            names = self.labels
            args = {k: _named(names, v, lang) for k, v in args.items()}
        out = text.format(subject=self.subject, period=period, **args)
        return _one_of(out) if lang == "en" else out

    @property
    def id(self) -> str:
        """A short id computed from the rule, subject, period, status and message key.

        Deterministic: the same finding gets the same id in every run and at
        every ``as_of`` while its status is the same. Two findings of one report
        may share it (a rep who missed two contacts in one period); the report
        tells them apart with a suffix, see :meth:`Report.finding_ids`.
        """
        # _base_ids computes the same for a whole report: keep the two alike
        p = self.period
        span = f"{p.start.isoformat()}..{p.end.isoformat()}" if p is not None else "-"
        text = "\x1f".join((self.rule, self.subject, span, self.status, self.message_key))
        # surrogatepass: a subject made in Python may hold a lone surrogate (no log can); any other
        # text hashes as its UTF-8
        return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=ID_BYTES).hexdigest()

    def to_json(self, lang: str = "zh", finding_id: str | None = None) -> dict[str, Any]:
        return {
            "id": self.id if finding_id is None else finding_id,
            "rule": self.rule,
            "kind": self.kind,
            "status": self.status,
            "subject": self.subject,
            "period": self.period.to_json() if self.period is not None else None,
            "evidence": list(self.evidence),
            "citation": dict(self.citation),
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
    #: the findings' ids, computed when first asked for (ids cost a hash each: only renderers pay)
    _ids: dict[int, str] = field(default_factory=dict, repr=False, compare=False)

    def finding_ids(self) -> tuple[str, ...]:
        """The id of every finding, in order; unique within the report.

        A finding whose :attr:`Finding.id` an earlier finding already has gets
        ``-2``, ``-3``... in report order (which is deterministic).
        """
        return tuple(self.id_of(f) for f in self.findings)

    def id_of(self, finding: Finding) -> str:
        """The id of one of this report's findings (unique within the report)."""
        ids = self._ids
        if not ids and self.findings:
            seen: dict[str, int] = {}
            for f, base in zip(self.findings, _base_ids(self.findings), strict=True):
                n = seen[base] = seen.get(base, 0) + 1
                ids[id(f)] = base if n == 1 else f"{base}-{n}"
        return ids[id(finding)]

    @property
    def summary(self) -> dict[str, int]:
        counts: dict[str, int] = dict.fromkeys(STATUSES, 0)
        for f in self.findings:
            counts[f.status] += 1
        return counts

    @property
    def has_violations(self) -> bool:
        return any(f.status == "violation" for f in self.findings)

    @property
    def exit_code(self) -> int:
        """0 when there is no violation, 1 when there is (EVENTS.md)."""
        return 1 if self.has_violations else 0

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "format": FINDINGS_FORMAT,
            "pack": self.pack,
            "as_of": self.as_of.isoformat(),
            "findings": [f.to_json(lang, self.id_of(f)) for f in self.findings],
            "summary": self.summary,
        }


def _base_ids(findings: Iterable[Finding]) -> Iterator[str]:
    """``f.id`` of each finding, with each period's span and each template's key worked out once."""
    spans: dict[int, tuple[Period, str]] = {}
    blake2b = hashlib.blake2b
    for f in findings:
        p = f.period
        if p is None:
            span = "-"
        else:
            got = spans.get(id(p))
            if got is None or got[0] is not p:
                got = spans[id(p)] = (p, f"{p.start.isoformat()}..{p.end.isoformat()}")
            span = got[1]
        text = "\x1f".join((f.rule, f.subject, span, f.status, f.message_key))
        yield blake2b(text.encode("utf-8", "surrogatepass"), digest_size=ID_BYTES).hexdigest()
