"""What ``changrenzhi watch`` writes, one JSON object per line (docs/WATCH.md): the types of its
records, for mypy and for the JSON Schema (``changrenzhi schema watch``)."""

from __future__ import annotations

from typing import Literal

from ..findings import CitationJson, FindingJson, Status
from ..jsontypes import Day, NotRequired, TypedDict

__all__ = [
    "CHECKPOINT_FORMAT",
    "AlertRecord",
    "AlertStateJson",
    "CheckpointRecord",
    "FindingRecord",
    "RefusedRecord",
    "SnapshotJson",
    "WatchRecord",
    "WithdrawnRecord",
]

CheckpointFormat = Literal["changrenzhi.watch/1"]
CHECKPOINT_FORMAT: CheckpointFormat = "changrenzhi.watch/1"


class FindingRecord(TypedDict):
    """A finding that appeared (``opened``) or changed status (``changed``) when ``day`` closed;
    ``was`` is its status before (``changed`` only)."""

    record: Literal["opened", "changed"]
    day: Day
    id: str
    status: Status
    was: Status | None
    finding: FindingJson


class WithdrawnRecord(TypedDict):
    """A finding that is no longer there when ``day`` closed (a late record mended it...)."""

    record: Literal["withdrawn"]
    day: Day
    id: str
    was: Status
    rule: str
    subject: str


class RefusedRecord(TypedDict):
    """A record of the input refused, with where it is (its line, or its index among objects)
    and why; the monitor goes on."""

    record: Literal["refused"]
    file: str
    line: int | None
    index: int | None
    field: str | None
    message: str


class AlertRecord(TypedDict):
    """An escalation of the pack raised (``state: raised``) or no longer met (``withdrawn``) when
    ``day`` closed, on the findings it rests on."""

    record: Literal["alert"]
    day: Day
    id: str
    state: Literal["raised", "withdrawn"]
    escalation: str
    when: Literal["consecutive", "open_for", "together"]
    subject: str
    findings: list[str]
    title: str
    citation: CitationJson


class SnapshotJson(TypedDict):
    """An open finding as the monitor keeps it: enough to tell what changed and to run escalations."""

    status: Status
    rule: str
    subject: str
    #: the period's kind and days, or null for a finding without a period
    period: str | None
    start: Day | None
    end: Day | None
    key: list[str]
    #: the day its status was first emitted
    since: Day


class AlertStateJson(TypedDict):
    """A raised alert as a checkpoint keeps it."""

    escalation: str
    subject: str
    findings: list[str]
    day: Day


class CheckpointRecord(TypedDict):
    """What was emitted up to the last closed day (``day``) after ``position`` records of the input:
    with the log, all a restart needs (``--checkpoint FILE``)."""

    record: Literal["checkpoint"]
    format: CheckpointFormat
    pack: str
    day: Day | None
    position: int
    lateness: int
    findings: dict[str, SnapshotJson]
    alerts: dict[str, AlertStateJson]
    #: the ids of events refused at the end of the input (waiting for a rep, group or member)
    reported: list[str]
    #: with ``watch --output FILE``: the bytes of FILE that hold the records this checkpoint covers
    output: NotRequired[int]


#: one line of ``changrenzhi watch``'s output
WatchRecord = FindingRecord | WithdrawnRecord | RefusedRecord | AlertRecord | CheckpointRecord
