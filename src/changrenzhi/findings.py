"""Findings and the report: version 1 of the findings contract in EVENTS.md."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from .periods import Period

__all__ = ["FINDINGS_FORMAT", "STATUSES", "Finding", "Report", "Status"]

FINDINGS_FORMAT = "changrenzhi.findings/1"
Status = Literal["violation", "warning", "pending", "info"]
STATUSES: tuple[Status, ...] = ("violation", "warning", "pending", "info")


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
    args: Mapping[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "zh") -> str:
        text = self.template.get(lang) or self.template["zh"]
        period = self.period.label(lang) if self.period is not None else ""
        return text.format(subject=self.subject, period=period, **self.args)

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        return {
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
            "findings": [f.to_json(lang) for f in self.findings],
            "summary": self.summary,
        }
