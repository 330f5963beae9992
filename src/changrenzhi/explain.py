"""The trace of one finding (``changrenzhi explain``): why the engine concluded what it did.

A trace holds the rule (id, kind, severity, citation), the parameters in force,
the period and whether it is still open at ``as_of``, what the roster says of
the subject then (seat, group, assignment), every evidence event in full (its
line in the log and the line itself), the counts against the bound (the
finding's details), the status and the message.

Findings are named by the ids of :meth:`changrenzhi.findings.Report.finding_ids`
(what ``check`` prints after ``#``).
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from pydantic import ConfigDict, with_config

from .engine.core import evaluate
from .errors import UsageError
from .events import Event, EventLog, open_log
from .findings import CitationJson, Finding, FindingJson, Report, Status
from .jsontypes import Day, NotRequired, TypedDict
from .messages import Section, counted, plain
from .pack.model import Pack, Rule, Severity
from .periods import PeriodJson
from .roster import Roster

__all__ = [
    "EXPLAIN_FORMAT",
    "FORMATS",
    "Fact",
    "RawLines",
    "Trace",
    "explain",
    "find_finding",
    "lines_at",
    "near_ids",
    "render",
    "subject_facts",
    "trace",
    "trace_all",
]

ExplainFormat = Literal["changrenzhi.explain/1"]
EXPLAIN_FORMAT: ExplainFormat = "changrenzhi.explain/1"


SubjectKind = Literal["rep", "group", "member", "other"]
RuleTraceJson = TypedDict(
    "RuleTraceJson",
    {"id": str, "kind": str, "severity": Severity, "citation": CitationJson, "summary": str,
     "title": NotRequired[str]},
)  # fmt: skip


class PeriodTraceJson(PeriodJson):
    """The finding's period, its kind and label, and whether it is still open at ``as_of``."""

    kind: str
    label: str
    open: bool


@with_config(ConfigDict(extra="allow"))
class FactJson(TypedDict):
    """What the roster says of the subject (``fact``, ``text``, the ``events`` behind it), then its values."""

    fact: str
    text: str
    events: list[str]


SubjectJson = TypedDict(
    "SubjectJson", {"id": str, "is": SubjectKind, "at": Day, "text": str, "facts": list[FactJson]}
)
#: an evidence event: its type, date, line in the log and the line as written (null: not in the log)
EvidenceJson = TypedDict(
    "EvidenceJson",
    {"id": str, "type": str | None, "date": Day | None, "line": int | None, "json": str | None},
)


class TraceJson(TypedDict):
    """What ``changrenzhi explain --format json`` prints."""

    format: ExplainFormat
    pack: str
    as_of: Day
    finding: FindingJson
    rule: RuleTraceJson
    params: dict[str, Any]
    params_at: Day | None
    period: PeriodTraceJson | None
    period_text: str
    subject: SubjectJson
    details: dict[str, Any]
    evidence: list[EvidenceJson]
    status: Status
    message: str


#: lines of the log by number, as written: ``raw_lines([3, 8]) -> {3: '{"id": ...}', 8: ...}``
RawLines = Callable[[Sequence[int]], Mapping[int, str]]
ROSTER_LIMIT = 30  # names listed in one roster fact before "(+n)"

MSG = Section(
    "explain",
    {
        "title": {
            "zh": "changrenzhi explain：发现 {id}（{pack}，截至 {as_of}）",
            "en": "changrenzhi explain: finding {id} ({pack}, as of {as_of})",
        },
        "conclusion": {"zh": "结论", "en": "conclusion"},
        "rule": {"zh": "规则", "en": "rule"},
        "params": {"zh": "参数（{day} 时有效）", "en": "parameters (in force on {day})"},
        "params_undated": {"zh": "参数", "en": "parameters"},
        "period": {"zh": "期间", "en": "period"},
        "subject": {"zh": "对象", "en": "subject"},
        "details": {"zh": "计数与标准", "en": "counts and bound"},
        "evidence": {"zh": "证据（{count} 条事件）", "en": "evidence ({count})"},
        "no_evidence": {
            "zh": "（无证据事件：义务未履行本身即是发现）",
            "en": "(no events: the duty not met is the finding)",
        },
        "not_in_log": {"zh": "（不在日志中）", "en": "(not in the log)"},
        "open": {
            "zh": "{label}（{start} 至 {end}），在 {as_of} 尚未结束：未满足的义务记为 pending",
            "en": "{label} ({start} to {end}), still open on {as_of}: a duty not yet met is pending",
        },
        "closed": {
            "zh": "{label}（{start} 至 {end}），已于 {end} 结束，早于 {as_of}："
            "按规则的严重程度 {severity} 判断",
            "en": "{label} ({start} to {end}), ended on {end}, before {as_of}: judged at the rule's "
            "severity, {severity}",
        },
        "no_period": {
            "zh": "不按期间判断：一经发生即成定局",
            "en": "not judged by period: settled once it happened",
        },
        "subject_rep": {
            "zh": "代表 {subject}（按 {at} 日终的名册）",
            "en": "rep {subject} (roster at the end of {at})",
        },
        "subject_group": {
            "zh": "代表小组 {subject}（按 {at} 日终的名册）",
            "en": "group {subject} (roster at the end of {at})",
        },
        "subject_member": {
            "zh": "党委委员 {subject}（按 {at} 日终的名册）",
            "en": "committee member {subject} (roster at the end of {at})",
        },
        "subject_other": {
            "zh": "{subject}（不是名册中的代表、小组或党委委员）",
            "en": "{subject} (not a rep, group or committee member of the roster)",
        },
        "seat_open": {
            "zh": "{start} 当选（{event}），至今在任",
            "en": "elected {start} ({event}), still seated",
        },
        "seat_ended": {
            "zh": "{start} 当选（{event}），{end} 起不再在任（任期结束）",
            "en": "elected {start} ({event}); not seated from {end} (term ended)",
        },
        "seat_disqualified": {
            "zh": "{start} 当选（{event}），{end} 被取消代表资格（{by}：{reason}）",
            "en": "elected {start} ({event}); disqualified on {end} ({by}: {reason})",
        },
        "seated": {"zh": "{at} 日终在任", "en": "seated at the end of {at}"},
        "not_seated": {"zh": "{at} 日终不在任", "en": "not seated at the end of {at}"},
        "in_groups": {"zh": "所在代表小组：{groups}", "en": "member of {groups}"},
        "in_no_group": {"zh": "未编入任何代表小组", "en": "in no group"},
        "contacts": {
            "zh": "联系对象 {count} 个（{since} 起，{event}）：{listing}",
            "en": "looks after {count} (since {since}, {event}): {listing}",
        },
        "no_contacts": {"zh": "没有联系对象的分工", "en": "no contacts assigned"},
        "group_formed": {"zh": "{date} 成立（{event}）", "en": "formed {date} ({event})"},
        "group_ends": {"zh": "存续至 {end}（任期结束）", "en": "exists until {end} (end of its term)"},
        "group_state": {
            "zh": "名单（{since} 起，{event}）{listed} 人，其中在任 {seated} 人：{members}",
            "en": "roster (since {since}, {event}): {listed} listed, {seated} seated: {members}",
        },
        "group_unseated": {"zh": "名单中不在任：{reps}", "en": "listed but not seated: {reps}"},
        "officers": {
            "zh": "组长 {leader}，副组长 {deputy}，联络员 {liaison}",
            "en": "leader {leader}, deputy {deputy}, liaison {liaison}",
        },
        "appointed": {
            "zh": "{date} 任党委委员（{event}）",
            "en": "appointed to the committee {date} ({event})",
        },
        "assignment": {
            "zh": "联系代表 {reps}；联系代表小组 {groups}（{since} 起，{event}）",
            "en": "looks after reps {reps}; groups {groups} (since {since}, {event})",
        },
        "no_assignment": {"zh": "尚无联系分工", "en": "no assignment yet"},
        "none": {"zh": "无", "en": "none"},
        "unknown": {
            "zh": "截至 {as_of}，{pack} 的报告中没有发现 {id}。{near}",
            "en": "no finding {id} in the report of {pack} as of {as_of}. {near}",
        },
        "near": {"zh": "相近的编号：{ids}", "en": "near ids: {ids}"},
        "ambiguous": {
            "zh": "编号前缀 {id} 不唯一：截至 {as_of}，{pack} 的报告中有 {count} 项发现以它开头："
            "{ids}；请多给几位",
            "en": "the id prefix {id} is ambiguous: {count} findings of {pack} as of {as_of} begin with it: "
            "{ids}; give more characters",
        },
        "of_rule": {"zh": "规则 {rule} 的发现：{ids}", "en": "findings of rule {rule}: {ids}"},
        "no_findings": {"zh": "该报告没有任何发现。", "en": "the report has no findings."},
        "no_near": {
            "zh": "没有相近的编号；用 check 列出全部发现（#后为编号）。",
            "en": "no id is close; list them all with check (the id follows #).",
        },
    },
)


@dataclass(frozen=True, slots=True)
class Fact:
    """One thing the roster says of the subject: a catalogue key, its arguments, the events behind it."""

    key: str
    args: dict[str, Any]
    events: tuple[str, ...] = ()

    def text(self, lang: str) -> str:
        return MSG(self.key, lang, **self.args)

    def to_json(self, lang: str) -> FactJson:
        out: FactJson = {"fact": self.key, "text": self.text(lang), "events": list(self.events)}
        out.update(self.args)  # type: ignore[typeddict-item]  # the fact's own values (FactJson allows them)
        return out


@dataclass(frozen=True, slots=True)
class Trace:
    """Everything behind one finding."""

    pack: Pack
    as_of: date
    finding: Finding
    finding_id: str
    rule: Rule
    params: dict[str, Any]
    params_day: date | None  #: the day the params were taken at (None: the rule has no dated params)
    subject_kind: SubjectKind
    at: date  #: the day the roster facts describe
    facts: tuple[Fact, ...]
    evidence: tuple[tuple[str, Event | None, str | None], ...]  #: (id, event, its line in the log)

    @property
    def open(self) -> bool | None:
        p = self.finding.period
        return None if p is None else p.is_open(self.as_of)

    def period_text(self, lang: str) -> str:
        p = self.finding.period
        if p is None:
            return MSG("no_period", lang)
        key = "open" if p.is_open(self.as_of) else "closed"
        return MSG(
            key,
            lang,
            label=p.label(lang),
            start=p.start.isoformat(),
            end=p.end.isoformat(),
            as_of=self.as_of.isoformat(),
            severity=self.rule.severity,
        )

    def subject_text(self, lang: str) -> str:
        return MSG(f"subject_{self.subject_kind}", lang, subject=self.finding.subject, at=self.at.isoformat())

    def to_json(self, lang: str = "zh") -> TraceJson:
        f, r, p = self.finding, self.rule, self.finding.period
        rule: RuleTraceJson = {
            "id": r.id,
            "kind": r.kind,
            "severity": r.spec.severity,
            "citation": r.citation_json(),
            "summary": r.impl.summary,
        }
        if r.spec.title:
            rule["title"] = r.spec.title
        return {
            "format": EXPLAIN_FORMAT,
            "pack": self.pack.id,
            "as_of": self.as_of.isoformat(),
            "finding": f.to_json(lang, self.finding_id),
            "rule": rule,
            "params": self.params,
            "params_at": None if self.params_day is None else self.params_day.isoformat(),
            "period": None
            if p is None
            else {
                "start": p.start.isoformat(),
                "end": p.end.isoformat(),
                "kind": p.kind,
                "label": p.label(lang),
                "open": p.is_open(self.as_of),
            },
            "period_text": self.period_text(lang),
            "subject": {
                "id": f.subject,
                "is": self.subject_kind,
                "at": self.at.isoformat(),
                "text": self.subject_text(lang),
                "facts": [x.to_json(lang) for x in self.facts],
            },
            "details": dict(f.args),
            "evidence": [
                {
                    "id": eid,
                    "type": None if ev is None else ev.type,
                    "date": None if ev is None else ev.date.isoformat(),
                    "line": None if ev is None else ev.line,
                    "json": raw,
                }
                for eid, ev, raw in self.evidence
            ],
            "status": f.status,
            "message": f.message(lang),
        }


# ---- finding the finding -----------------------------------------------------------
def _normal(fid: str) -> str:
    return fid.strip().lstrip("#").lower()


def find_finding(report: Report, fid: str, lang: str = "zh") -> tuple[Finding, str]:
    """The finding whose id is ``fid`` (a leading ``#`` is ignored; a unique prefix of 4 or more
    characters will do); raises :class:`UsageError` listing near ids."""
    want = _normal(fid)
    ids = report.finding_ids()
    for f, i in zip(report.findings, ids, strict=True):
        if i == want:
            return f, i
    if len(want) >= 4:
        prefixed = [(f, i) for f, i in zip(report.findings, ids, strict=True) if i.startswith(want)]
        if len(prefixed) == 1:
            return prefixed[0]
        if prefixed:
            raise UsageError(
                MSG(
                    "ambiguous",
                    lang,
                    id=fid.strip(),
                    count=len(prefixed),
                    pack=report.pack,
                    as_of=report.as_of.isoformat(),
                    ids=_listing([i for _, i in prefixed], 12),
                )
            )
    raise UsageError(_unknown_message(report, fid, ids, lang))


def near_ids(report: Report, fid: str) -> tuple[str, list[str]]:
    """Ids close to ``fid``: ``("rule", ids)`` when ``fid`` names a rule (its findings), else
    ``("near", ids)`` sharing its first characters or spelled alike (possibly none)."""
    ids = report.finding_ids()
    want = _normal(fid)
    of_rule = [i for f, i in zip(report.findings, ids, strict=True) if f.rule == fid.strip()]
    if of_rule:
        return "rule", of_rule
    close = [i for i in ids if want and i.startswith(want[:4])]
    close += [i for i in difflib.get_close_matches(want, ids, n=6, cutoff=0.5) if i not in close]
    return "near", close


def _unknown_message(report: Report, fid: str, ids: Sequence[str], lang: str) -> str:
    how, close = near_ids(report, fid)
    if not ids:
        near = MSG("no_findings", lang)
    elif how == "rule":
        near = MSG("of_rule", lang, rule=fid.strip(), ids=_listing(close, 12))
    elif close:
        near = MSG("near", lang, ids=_listing(close, 6))
    else:
        near = MSG("no_near", lang)
    return MSG("unknown", lang, id=fid, pack=report.pack, as_of=report.as_of.isoformat(), near=near)


def _listing(items: Sequence[str], limit: int = ROSTER_LIMIT) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" (+{len(items) - limit})" if len(items) > limit else "")


# ---- the subject in the roster ---------------------------------------------------
def _rep_facts(roster: Roster, rep: str, at: date) -> list[Fact]:
    facts: list[Fact] = []
    for s in roster.seats.get(rep, ()):
        base = {"start": s.start.isoformat(), "event": s.elected.id}
        if s.disqualified is not None:
            d = s.disqualified
            ended = {**base, "end": d.date.isoformat(), "by": d.id, "reason": d.reason}
            facts.append(Fact("seat_disqualified", ended, (s.elected.id, d.id)))
        elif s.end is not None:
            facts.append(Fact("seat_ended", {**base, "end": s.end.isoformat()}, (s.elected.id,)))
        else:
            facts.append(Fact("seat_open", base, (s.elected.id,)))
    seat = roster.seat_at(rep, at)
    facts.append(Fact("seated" if seat is not None else "not_seated", {"at": at.isoformat()}))
    groups = sorted(g for g, tl in roster.groups.items() if tl and rep in _members(roster, g, at))
    if groups:
        events = tuple(st.event_id for g in groups if (st := roster.group_state(g, at)) is not None)
        facts.append(Fact("in_groups", {"groups": ", ".join(groups)}, events))
    elif rep in roster.seats:
        facts.append(Fact("in_no_group", {}))
    contacts = roster.contacts_at(rep, at)
    if contacts is not None:
        listing = _listing([f"{c.person} ({c.kind})" for c in contacts.contacts])
        assigned: dict[str, Any] = {
            "count": len(contacts.contacts),
            "since": contacts.since.isoformat(),
            "event": contacts.event_id,
            "listing": listing,
        }
        facts.append(Fact("contacts", assigned, (contacts.event_id,)))
    elif rep in roster.contacts:
        facts.append(Fact("no_contacts", {}))
    return facts


def _members(roster: Roster, group: str, at: date) -> frozenset[str]:
    """The group's listed members at ``at`` while it exists (a group ends with its term)."""
    if not any(iv.contains(at) for iv in roster.group_interval(group)):
        return frozenset()
    state = roster.group_state(group, at)
    return state.members if state is not None else frozenset()


def _group_facts(roster: Roster, group: str, at: date, lang_none: str = "—") -> list[Fact]:
    formed = roster.group_formed[group]
    facts = [Fact("group_formed", {"date": formed.date.isoformat(), "event": formed.id}, (formed.id,))]
    for iv in roster.group_interval(group):
        if iv.end is not None:
            facts.append(Fact("group_ends", {"end": iv.end.isoformat()}))
    state = roster.group_state(group, at)
    if state is not None:
        seated = roster.group_members(group, at)
        args: dict[str, Any] = {
            "since": state.since.isoformat(),
            "event": state.event_id,
            "listed": len(state.members),
            "seated": len(seated),
            "members": _listing(sorted(seated)),
        }
        facts.append(Fact("group_state", args, (state.event_id,)))
        unseated = sorted(state.members - seated)
        if unseated:
            facts.append(Fact("group_unseated", {"reps": _listing(unseated)}))
        officers = {role: state.officer(role) or lang_none for role in ("leader", "deputy", "liaison")}
        facts.append(Fact("officers", officers, (state.event_id,)))
    return facts


def _member_facts(roster: Roster, member: str, at: date) -> list[Fact]:
    appointed = roster.committee[member]
    facts = [Fact("appointed", {"date": appointed.date.isoformat(), "event": appointed.id}, (appointed.id,))]
    a = roster.committee_at(member, at)
    if a is None:
        facts.append(Fact("no_assignment", {}))
    else:
        listed = {
            "reps": _listing(list(a.reps)) or "—",
            "groups": _listing(list(a.groups)) or "—",
            "since": a.since.isoformat(),
            "event": a.event_id,
        }
        facts.append(Fact("assignment", listed, (a.event_id,)))
    return facts


def subject_facts(roster: Roster, subject: str, at: date) -> tuple[SubjectKind, list[Fact]]:
    """What the roster says of ``subject`` at the end of ``at``: (rep/group/member/other, facts)."""
    if subject in roster.group_formed:
        return "group", _group_facts(roster, subject, at)
    if subject in roster.seats:
        return "rep", _rep_facts(roster, subject, at)
    if subject in roster.committee:
        return "member", _member_facts(roster, subject, at)
    return "other", []


# ---- the trace ----------------------------------------------------------------------
def trace(
    pack: Pack,
    log: EventLog,
    as_of: date,
    finding: Finding,
    finding_id: str,
    raw_lines: RawLines | None = None,
    *,
    roster: Roster | None = None,
    by_id: Mapping[str, Event] | None = None,
) -> Trace:
    """The trace of ``finding`` (from ``evaluate(pack, log, as_of)``); ``raw_lines(ns)`` gives the
    lines ``ns`` of the log as written (without it the evidence carries only the parsed events).
    ``roster`` and ``by_id`` (the roster and the events by id, as of ``as_of``) save building them
    again when many findings of one report are traced (:func:`trace_all`)."""
    rule = pack.rule(finding.rule)
    seen = log.until(as_of) if by_id is None or roster is None else log
    wanted = set(finding.evidence)
    if by_id is None:
        events = {e.id: e for e in seen.events if e.id in wanted}
    else:
        events = {eid: by_id[eid] for eid in finding.evidence if eid in by_id}
    p = finding.period
    at = min(p.end, as_of) if p is not None else as_of
    # the day whose params apply: the period's first day, else the latest evidence event's date
    dated = bool(getattr(rule, "epochs", ()))
    day = p.start if p is not None else max((e.date for e in events.values()), default=as_of)
    params_at = getattr(rule, "params_at", None)
    params = params_at(day) if dated and params_at is not None else rule.params
    if roster is None:
        roster = Roster.build(seen.events, default_term_years=pack.term_length, name=log.name)
    kind, facts = subject_facts(roster, finding.subject, at)
    raw = raw_lines([e.line for e in events.values()]) if raw_lines is not None else {}
    evidence = tuple(
        (eid, events.get(eid), raw.get(events[eid].line) if eid in events else None)
        for eid in finding.evidence
    )
    return Trace(
        pack=pack,
        as_of=as_of,
        finding=finding,
        finding_id=finding_id,
        rule=rule,
        params=params.to_json(),
        params_day=day if dated else None,
        subject_kind=kind,
        at=at,
        facts=tuple(facts),
        evidence=evidence,
    )


def trace_all(
    pack: Pack,
    log: EventLog,
    report: Report,
    raw_lines: RawLines | None = None,
    limit: int | None = None,
) -> tuple[Roster, list[Trace]]:
    """The roster as of the report's date and the traces of the report's first ``limit`` findings
    (all when None), the roster built once and the log's lines read once."""
    as_of = report.as_of
    seen = log.until(as_of)
    roster = Roster.build(seen.events, default_term_years=pack.term_length, name=log.name)
    chosen = report.findings if limit is None else report.findings[:limit]
    wanted = {eid for f in chosen for eid in f.evidence}
    by_id = {e.id: e for e in seen.events if e.id in wanted}
    raw: Mapping[int, str] = {}
    if raw_lines is not None and by_id:
        raw = raw_lines(sorted({e.line for e in by_id.values()}))

    def cached(ns: Sequence[int]) -> Mapping[int, str]:
        return {n: raw[n] for n in ns if n in raw}

    traces = [trace(pack, log, as_of, f, report.id_of(f), cached, roster=roster, by_id=by_id) for f in chosen]
    return roster, traces


def explain(
    pack: Pack,
    log: EventLog,
    as_of: date,
    finding_id: str,
    raw_lines: RawLines | None = None,
    lang: str = "zh",
) -> Trace:
    """Evaluate, find the finding named ``finding_id`` and trace it (``lang``: of the error
    naming near ids when there is no such finding)."""
    report = evaluate(pack, log, as_of)
    finding, fid = find_finding(report, finding_id, lang)
    return trace(pack, log, as_of, finding, fid, raw_lines)


# ---- rendering -----------------------------------------------------------------------
def render_text(t: Trace, lang: str) -> str:
    f, r = t.finding, t.rule
    c = r.citation
    out = [MSG("title", lang, id=t.finding_id, pack=t.pack.id, as_of=t.as_of.isoformat()), ""]
    out.append(f"{MSG('conclusion', lang)}: {f.status} — {f.message(lang)}")
    out.append("")
    out.append(f"{MSG('rule', lang)}: {r.id} [{r.kind}, {r.severity}]")
    clause = f" ({c.clause})" if c.clause else ""
    out.append(f"  {c.source}:L{c.line}「{c.text}」{clause}")
    if r.spec.title and r.spec.title != c.text:
        out.append(f"  {r.spec.title}")
    head = (
        MSG("params", lang, day=t.params_day.isoformat())
        if t.params_day is not None
        else MSG("params_undated", lang)
    )
    out.append(f"  {head}:")
    out += [f"    {k}: {plain(v)}" for k, v in t.params.items()]
    out.append("")
    out.append(f"{MSG('period', lang)}: {t.period_text(lang)}")
    out.append("")
    out.append(f"{MSG('subject', lang)}: {t.subject_text(lang)}")
    out += [f"  - {x.text(lang)}" for x in t.facts]
    out.append("")
    out.append(f"{MSG('details', lang)}:")
    out += [f"  {k}: {plain(v)}" for k, v in f.args.items()]
    out.append("")
    out.append(f"{MSG('evidence', lang, count=counted(len(t.evidence), 'event', lang))}:")
    if not t.evidence:
        out.append(f"  {MSG('no_evidence', lang)}")
    for eid, ev, raw in t.evidence:
        if ev is None:
            out.append(f"  {eid} {MSG('not_in_log', lang)}")
            continue
        out.append(
            f"  L{ev.line}  {raw if raw is not None else eid + ' (' + ev.type + ', ' + str(ev.date) + ')'}"
        )
    return "\n".join(out) + "\n"


def render_json(t: Trace, lang: str) -> str:
    return json.dumps(t.to_json(lang), ensure_ascii=False, indent=2) + "\n"


FORMATS: dict[str, Callable[[Trace, str], str]] = {"text": render_text, "json": render_json}


def render(t: Trace, fmt: str = "text", lang: str = "zh") -> str:
    return FORMATS[fmt](t, lang)


def lines_at(path: str, wanted: Iterable[int]) -> dict[int, str]:
    """Lines ``wanted`` (1-based) of the file at ``path``, as text without the line end."""
    want = set(wanted)
    got: dict[int, str] = {}
    if not want:
        return got
    last = max(want)
    with open_log(path) as handle:  # a .gz log too
        for n, raw in enumerate(handle, 1):
            if n in want:
                got[n] = raw.decode("utf-8", "replace").strip().removeprefix("\ufeff")
            if n >= last:
                break
    return got
