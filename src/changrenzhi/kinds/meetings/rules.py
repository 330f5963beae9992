"""Kinds about meetings and votes: ``annual_meeting``, ``quorum``, ``vote_majority``, ``ballot_method``,
``attendance_discipline``, ``resolution_change``.

Also the small helpers the agenda kinds share: meetings indexed by their id (the Chinese names
of meeting kinds and shares are in :mod:`.describe`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, timedelta
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar

from ...events import Event, MeetingHeld, ResolutionChanged, VoteHeld
from ..base import KindContext, RuleKind, RuleRef
from ..describing import Duty
from . import details as kind_details
from .describe import (
    BASE_ZH,
    MATTER_ZH,
    METHOD_ZH,
    PERSON_ZH,
    annual_meeting_duties,
    attendance_discipline_duties,
    ballot_method_duties,
    kind_zh,
    quorum_duties,
    resolution_change_duties,
    share_zh,
    vote_majority_duties,
)
from .params import (
    AnnualMeetingParams,
    AttendanceDisciplineParams,
    BallotMethodParams,
    QuorumParams,
    ResolutionChangeParams,
    VoteMajorityParams,
)

if TYPE_CHECKING:
    from ...findings import Finding, Status
    from ..probing import Choices, ProbeSpec, Setting


# ---- shared helpers -------------------------------------------------------
def at_least(share: Fraction, base: int, *, strict: bool) -> int:
    """The smallest whole count that reaches ``share`` of ``base`` (``strict``: exceeds it)."""
    bound = share * base
    return math.floor(bound) + 1 if strict else math.ceil(bound)


def meetings_by_id(ctx: KindContext) -> dict[str, list[MeetingHeld]]:
    """Every ``meeting.held`` up to ``as_of`` by meeting id, each list in (date, event id) order
    (built once per run and shared by the rules that ask: do not change it)."""
    return ctx.shared("meetings.by_id", lambda: _meetings_by_id(ctx))


def _meetings_by_id(ctx: KindContext) -> dict[str, list[MeetingHeld]]:
    out: dict[str, list[MeetingHeld]] = {}
    for ev in ctx.of("meeting.held"):
        if isinstance(ev, MeetingHeld):
            out.setdefault(ev.meeting, []).append(ev)
    for sittings in out.values():
        sittings.sort(key=lambda m: (m.date, m.id))
    return out


def kind_ok(sittings: Sequence[MeetingHeld] | None, kinds: Iterable[str] | None) -> bool:
    """Whether a meeting passes a ``meeting_kinds`` filter. A meeting with no ``meeting.held`` up to
    ``as_of`` has no known kind and is not filtered out."""
    if kinds is None or not sittings:
        return True
    wanted = set(kinds)
    return any(m.kind in wanted for m in sittings)


def present_count(ctx: KindContext, meeting: MeetingHeld) -> int:
    """Reps present at a sitting: the listed attendees who hold a seat that day, else ``present``."""
    if meeting.attendees is None:
        return meeting.present or 0
    # counted once per run for each sitting (every vote of a meeting asks)
    counted: dict[str, int] = ctx.shared("meetings.present", dict)
    n = counted.get(meeting.id)
    if n is None:
        seated = ctx.roster.seated(meeting.date)
        n = counted[meeting.id] = sum(map(seated.__contains__, meeting.attendees))
    return n


def short_of_quorum(ctx: KindContext, meeting: MeetingHeld, share: Fraction, inclusive: bool) -> bool:
    """Whether a sitting had fewer reps present than ``share`` of the seated reps (``inclusive``:
    exactly the share suffices); every sitting records its attendance (docs/EVENTS.md)."""
    seated = ctx.roster.seated_count(meeting.date)
    return seated > 0 and present_count(ctx, meeting) < at_least(share, seated, strict=not inclusive)


def sitting_on(sittings: Sequence[MeetingHeld], d: date) -> MeetingHeld:
    """The sitting of a meeting that stands on day ``d``: the last one on or before it, else the first."""
    best = sittings[0]
    for m in sittings:
        if m.date <= d:
            best = m
    return best


# ---- annual_meeting -------------------------------------------------------


_ROLE_ZH = {"convened_by": "召集", "chaired_by": "主持"}
_FORM_ZH = {"presidium": "主席团", "preparatory": "预备会议"}


def _person_zh(who: str, ctx: KindContext) -> str:
    """Who convened or chaired, in Chinese: the pack's label, the texts' usual words, or the code."""
    label = ctx.labels.get(who)
    return label.zh if label is not None else PERSON_ZH.get(who, f" {who} ")


_FORM_EN = {"presidium": "presidium", "preparatory": "preparatory meeting"}


class AnnualMeeting(RuleKind[AnnualMeetingParams]):
    name = "annual_meeting"
    params_model = AnnualMeetingParams
    details = kind_details.ANNUAL_MEETING
    consumes = frozenset({"meeting.held", "congress.opened"})
    summary = "meetings per year, who convenes and chairs, their form"
    messages: ClassVar = {
        "few": {
            "zh": "{period}召开{kind_zh} {count} 次，应不少于 {min} 次",
            "en": "{count} meetings of kind {subject} in {period}; at least {min} required",
        },
        "many": {
            "zh": "{period}召开{kind_zh} {count} 次，应不超过 {max} 次",
            "en": "{count} meetings of kind {subject} in {period}; at most {max} allowed",
        },
        "role": {
            "zh": "{kind_zh} {subject}（{date}）由{actual_zh}{role_zh}，应由{expected_zh}{role_zh}",
            "en": "meeting {subject} ({date}) was {role_en} by {actual}; it must be {role_en} by {expected}",
        },
        "role_missing": {
            "zh": "{kind_zh} {subject}（{date}）未记录{role_zh}者，应由{expected_zh}{role_zh}",
            "en": "meeting {subject} ({date}) does not record who {role_en} it; "
            "it must be {role_en} by {expected}",
        },
        "form": {
            "zh": "{kind_zh} {subject}（{date}）设立了{form_zh}，本制度不设{form_zh}",
            "en": "meeting {subject} ({date}) had a {form_en}, which the charter does not provide for",
        },
    }

    def probes(self, params: AnnualMeetingParams, setting: Setting, choices: Choices) -> Iterator[ProbeSpec]:
        from .probes import annual_meeting_probes

        return annual_meeting_probes(params, setting, choices)

    def describe(self, params: AnnualMeetingParams) -> list[Duty]:
        return annual_meeting_duties(params)

    def evaluate(self, rule: RuleRef, params: AnnualMeetingParams, ctx: KindContext) -> Iterator[Finding]:
        sittings = [
            m for m in ctx.of("meeting.held") if isinstance(m, MeetingHeld) and m.kind == params.meeting_kind
        ]
        yield from self._counts(rule, params, ctx, sittings)
        yield from self._form(rule, params, ctx, sittings)

    def _counts(
        self, rule: RuleRef, params: AnnualMeetingParams, ctx: KindContext, sittings: list[MeetingHeld]
    ) -> Iterator[Finding]:
        intervals = [term.interval for term in ctx.roster.terms]
        if not intervals:
            return
        # a meeting that sits over several days counts once, in the period of its first sitting
        first: dict[str, MeetingHeld] = {}
        for m in sorted(sittings, key=lambda m: (m.date, m.id)):
            first.setdefault(m.meeting, m)
        meetings = sorted(first.values(), key=lambda m: (m.date, m.id))
        short: list[MeetingHeld] = []
        if params.quorum is not None:  # a meeting below its quorum cannot be held: it does not count
            share, inclusive = params.quorum, params.quorum_inclusive
            short = [m for m in meetings if short_of_quorum(ctx, m, share, inclusive)]
            meetings = [m for m in meetings if m not in short]
        congresses = {term.start for term in ctx.roster.terms}
        zh = kind_zh(params.meeting_kind)
        for period in ctx.periods(params.period, intervals, params.presence):
            if params.congress_year == "exempt" and any(period.contains(d) for d in congresses):
                continue  # the congress sits this period: annual meetings are held between congresses
            held = ctx.within(meetings, period)
            n = len(held)
            if n < params.min:
                # the meetings that sat below their quorum, and so do not count, are cited too
                below = list(ctx.within(short, period))
                extra: dict[str, Any] = {"inquorate": [m.meeting for m in below]} if params.quorum else {}
                yield ctx.finding(
                    rule,
                    ctx.unmet(rule, period),
                    params.meeting_kind,
                    period,
                    [*held, *below],
                    "few",
                    count=n,
                    min=params.min,
                    kind_zh=zh,
                    meetings=[m.meeting for m in held],
                    **extra,
                )
            elif params.max is not None and n > params.max:
                # already past the ceiling: no later event can undo it
                yield ctx.finding(
                    rule,
                    ctx.broken(rule),
                    params.meeting_kind,
                    period,
                    held,
                    "many",
                    count=n,
                    max=params.max,
                    kind_zh=zh,
                    meetings=[m.meeting for m in held],
                )

    def _form(
        self, rule: RuleRef, params: AnnualMeetingParams, ctx: KindContext, sittings: list[MeetingHeld]
    ) -> Iterator[Finding]:
        status = ctx.broken(rule)
        zh = kind_zh(params.meeting_kind)
        roles = (
            ("convened_by", params.convened_by, "convened"),
            ("chaired_by", params.chaired_by, "chaired"),
        )
        for m in sittings:
            common = {"kind_zh": zh, "date": m.date.isoformat()}
            for fld, expected, role_en in roles:
                actual = getattr(m, fld)
                if expected is None or actual == expected:
                    continue
                yield ctx.finding(
                    rule,
                    status,
                    m.meeting,
                    None,
                    [m],
                    "role_missing" if actual is None else "role",
                    key=(m.id, fld),
                    role=fld,
                    role_zh=_ROLE_ZH[fld],
                    role_en=role_en,
                    expected=expected,
                    expected_zh=_person_zh(expected, ctx),
                    actual=actual,
                    actual_zh=_person_zh(actual, ctx) if actual is not None else "",
                    **common,
                )
            for form, allowed, had in (
                ("presidium", params.presidium, m.presidium),
                ("preparatory", params.preparatory, m.preparatory),
            ):
                if allowed is False and had is True:
                    yield ctx.finding(
                        rule,
                        status,
                        m.meeting,
                        None,
                        [m],
                        "form",
                        key=(m.id, form),
                        form=form,
                        form_zh=_FORM_ZH[form],
                        form_en=_FORM_EN[form],
                        **common,
                    )


# ---- quorum ---------------------------------------------------------------


class Quorum(RuleKind[QuorumParams]):
    name = "quorum"
    params_model = QuorumParams
    details = kind_details.QUORUM
    consumes = frozenset({"meeting.held", "rep.elected", "rep.disqualified"})
    summary = "share of seated reps present for a meeting to be held"
    messages: ClassVar = {
        "short": {
            "zh": "{kind_zh} {subject}（{date}）到会 {present} 人，应到 {seated} 人，"
            "不足{share_zh}（至少 {required} 人）",
            "en": "meeting {subject} ({date}) was held with {present} of {seated} seated reps present; "
            "at least {share} ({required}) required",
        },
        "short_strict": {
            "zh": "{kind_zh} {subject}（{date}）到会 {present} 人，应到 {seated} 人，"
            "未超过{share_zh}（至少 {required} 人）",
            "en": "meeting {subject} ({date}) was held with {present} of {seated} seated reps present; "
            "more than {share} ({required}) required",
        },
    }

    def probes(self, params: QuorumParams, setting: Setting, choices: Choices) -> Iterator[ProbeSpec]:
        from .probes import quorum_probes

        return quorum_probes(params, setting, choices)

    def describe(self, params: QuorumParams) -> list[Duty]:
        return quorum_duties(params)

    def evaluate(self, rule: RuleRef, params: QuorumParams, ctx: KindContext) -> Iterator[Finding]:
        kinds = set(params.meeting_kinds)
        status = ctx.broken(rule)
        for m in ctx.of("meeting.held"):
            if not isinstance(m, MeetingHeld) or m.kind not in kinds:
                continue
            seated = ctx.roster.seated_count(m.date)
            if seated == 0:
                continue  # nobody holds a seat: there is no share to judge
            present = present_count(ctx, m)
            required = at_least(params.share, seated, strict=not params.inclusive)
            if present >= required:
                continue
            yield ctx.finding(
                rule,
                status,
                m.meeting,
                None,
                [m],
                "short" if params.inclusive else "short_strict",
                key=m.id,
                kind_zh=kind_zh(m.kind),
                date=m.date.isoformat(),
                present=present,
                seated=seated,
                required=required,
                share=str(params.share),
                share_zh=share_zh(params.share),
                inclusive=params.inclusive,
            )


# ---- vote_majority --------------------------------------------------------


def _votes(ctx: KindContext) -> Iterator[VoteHeld]:
    for v in ctx.of("vote.held"):
        if isinstance(v, VoteHeld):
            yield v


class VoteMajority(RuleKind[VoteMajorityParams]):
    name = "vote_majority"
    params_model = VoteMajorityParams
    details = kind_details.VOTE_MAJORITY
    consumes = frozenset({"vote.held", "meeting.held", "rep.elected", "rep.disqualified"})
    summary = "the majority a decision needs, and results declared against it"
    messages: ClassVar = {
        "passed_short": {
            "zh": "议题 {subject}（会议 {meeting}）赞成 {yes} 票，{base_zh} {base_count} 人，"
            "{need_zh}（至少 {needed} 票），却宣布通过",
            "en": "item {subject} (meeting {meeting}) was declared passed with {yes} yes votes of "
            "{base_count} ({base}); {needed} required",
        },
        "failed_enough": {
            "zh": "议题 {subject}（会议 {meeting}）赞成 {yes} 票，{base_zh} {base_count} 人，"
            "{need_zh}（至少 {needed} 票）已达到，却宣布未通过",
            "en": "item {subject} (meeting {meeting}) was declared failed with {yes} yes votes of "
            "{base_count} ({base}); {needed} suffice",
        },
        "inquorate": {
            "zh": "议题 {subject} 在会议 {meeting} 上宣布通过，但该次会议到会 {present} 人，"
            "不足应到 {seated} 人的{quorum_zh}（至少 {required} 人），不能举行，表决无效",
            "en": "item {subject} was declared passed at meeting {meeting}, which had {present} of "
            "{seated} seated reps present, short of its quorum of {quorum} ({required}): "
            "a meeting that cannot be held carries no valid vote",
        },
    }

    def probes(self, params: VoteMajorityParams, setting: Setting, choices: Choices) -> Iterator[ProbeSpec]:
        from .probes import vote_majority_probes

        return vote_majority_probes(params, setting, choices)

    def describe(self, params: VoteMajorityParams) -> list[Duty]:
        return vote_majority_duties(params)

    def evaluate(self, rule: RuleRef, params: VoteMajorityParams, ctx: KindContext) -> Iterator[Finding]:
        meetings = meetings_by_id(ctx)
        status = ctx.broken(rule)
        matters = None if params.matters is None else set(params.matters)
        for v in _votes(ctx):
            if matters is not None and v.matter not in matters:
                continue
            sittings = meetings.get(v.meeting)
            if not kind_ok(sittings, params.meeting_kinds):
                continue
            evidence: list[Event] = [v]
            if params.base == "seated":
                base = ctx.roster.seated_count(v.date)
            elif params.base == "cast":
                base = v.yes + v.no + v.abstain
            else:
                if not sittings:
                    continue  # no record of who was present: nothing to judge against
                base = present_count(ctx, sitting_on(sittings, v.date))
            if sittings:
                evidence.append(sitting_on(sittings, v.date))
            needed = at_least(params.share, base, strict=params.strict)
            if params.quorum is not None and v.declared == "passed" and sittings:
                sitting = sitting_on(sittings, v.date)
                if short_of_quorum(ctx, sitting, params.quorum, params.quorum_inclusive):
                    seated = ctx.roster.seated_count(sitting.date)
                    yield ctx.finding(
                        rule, status, v.item, None, evidence, "inquorate", key=v.id,
                        meeting=v.meeting, yes=v.yes, no=v.no, abstain=v.abstain, declared=v.declared,
                        present=present_count(ctx, sitting), seated=seated,
                        required=at_least(params.quorum, seated, strict=not params.quorum_inclusive),
                        quorum=str(params.quorum), quorum_zh=share_zh(params.quorum),
                    )  # fmt: skip
                    continue
            passes = v.yes >= needed
            if passes == (v.declared == "passed"):
                continue
            share_word = share_zh(params.share)
            need_zh = f"超过{share_word}" if params.strict else f"{share_word}以上"
            yield ctx.finding(
                rule,
                status,
                v.item,
                None,
                evidence,
                "failed_enough" if passes else "passed_short",
                key=v.id,
                meeting=v.meeting,
                yes=v.yes,
                no=v.no,
                abstain=v.abstain,
                declared=v.declared,
                base=params.base,
                base_zh=BASE_ZH[params.base],
                base_count=base,
                needed=needed,
                share=str(params.share),
                strict=params.strict,
                need_zh=need_zh,
            )


# ---- ballot_method --------------------------------------------------------


class BallotMethod(RuleKind[BallotMethodParams]):
    name = "ballot_method"
    params_model = BallotMethodParams
    details = kind_details.BALLOT_METHOD
    consumes = frozenset({"vote.held", "meeting.held"})
    summary = "matters that need a secret ballot"
    messages: ClassVar = {
        "method": {
            "zh": "议题 {subject}（会议 {meeting}，{matter_zh}）采用{actual_zh}，应采用{expected_zh}",
            "en": "item {subject} (meeting {meeting}, {matter}) was voted by {actual}; "
            "{expected} is required",
        },
    }

    def probes(self, params: BallotMethodParams, setting: Setting, choices: Choices) -> Iterator[ProbeSpec]:
        from .probes import ballot_method_probes

        return ballot_method_probes(params, setting, choices)

    def describe(self, params: BallotMethodParams) -> list[Duty]:
        return ballot_method_duties(params)

    def evaluate(self, rule: RuleRef, params: BallotMethodParams, ctx: KindContext) -> Iterator[Finding]:
        meetings = meetings_by_id(ctx)
        status = ctx.broken(rule)
        matters = set(params.matters)
        for v in _votes(ctx):
            if v.matter not in matters or v.method == params.method:
                continue
            sittings = meetings.get(v.meeting)
            if not kind_ok(sittings, params.meeting_kinds):
                continue
            evidence: list[Event] = [v]
            if sittings:
                evidence.append(sitting_on(sittings, v.date))
            yield ctx.finding(
                rule,
                status,
                v.item,
                None,
                evidence,
                "method",
                key=v.id,
                meeting=v.meeting,
                matter=v.matter,
                matter_zh=MATTER_ZH[v.matter],
                actual=v.method,
                actual_zh=METHOD_ZH[v.method],
                expected=params.method,
                expected_zh=METHOD_ZH[params.method],
            )


# ---- attendance_discipline --------------------------------------------------


class AttendanceDiscipline(RuleKind[AttendanceDisciplineParams]):
    name = "attendance_discipline"
    params_model = AttendanceDisciplineParams
    details = kind_details.ATTENDANCE_DISCIPLINE
    consumes = frozenset({"meeting.held", "rep.elected", "rep.disqualified"})
    summary = "no seated rep absent from a meeting without leave"
    messages: ClassVar = {
        "absent": {
            "zh": "代表 {subject} 未出席{kind_zh} {meeting}（{date}），也未请假",
            "en": "rep {subject} was absent from meeting {meeting} ({date}) without leave",
        },
    }

    def probes(
        self, params: AttendanceDisciplineParams, setting: Setting, choices: Choices
    ) -> Iterator[ProbeSpec]:
        from .probes import attendance_discipline_probes

        return attendance_discipline_probes(params, setting, choices)

    def describe(self, params: AttendanceDisciplineParams) -> list[Duty]:
        return attendance_discipline_duties(params)

    def evaluate(
        self, rule: RuleRef, params: AttendanceDisciplineParams, ctx: KindContext
    ) -> Iterator[Finding]:
        kinds = set(params.meeting_kinds)
        status = ctx.broken(rule)
        roster = ctx.roster
        for m in ctx.of("meeting.held"):
            if not isinstance(m, MeetingHeld) or m.kind not in kinds or m.attendees is None:
                continue
            accounted = set(m.attendees) | set(m.excused)
            common = {"meeting": m.meeting, "kind_zh": kind_zh(m.kind), "date": m.date.isoformat()}
            for rep in sorted(roster.seated(m.date) - accounted):
                seat = roster.seat_at(rep, m.date)
                evidence: list[Event] = [m] if seat is None else [m, seat.elected]
                yield ctx.finding(rule, status, rep, None, evidence, "absent", key=m.id, **common)


# ---- resolution_change ------------------------------------------------------


class ResolutionChange(RuleKind[ResolutionChangeParams]):
    name = "resolution_change"
    params_model = ResolutionChangeParams
    details = kind_details.RESOLUTION_CHANGE
    consumes = frozenset({"resolution.changed", "meeting.held"})
    summary = "a resolution changed only with the annual meeting's consent, else the reps told in time"
    messages: ClassVar = {
        "unconsented": {
            "zh": "决议 {subject} 于 {date} 变更，未经{kinds_zh}讨论同意{why_zh}",
            "en": "resolution {subject} was changed on {date} without the consent of a meeting "
            "({kinds_en}){why_en}",
        },
        "unnotified": {
            "zh": "决议 {subject} 于 {date} 未经{kinds_zh}同意而变更，未见向代表通报，应于 {deadline} 前通报",
            "en": "resolution {subject} was changed on {date} without consent and the reps were not told; "
            "notice was due by {deadline}",
        },
        "late_notice": {
            "zh": "决议 {subject} 于 {date} 未经{kinds_zh}同意而变更，{notified} 才向代表通报，"
            "应于 {deadline} 前通报",
            "en": "resolution {subject} was changed on {date} without consent and the reps were told on "
            "{notified}; notice was due by {deadline}",
        },
    }

    def probes(
        self, params: ResolutionChangeParams, setting: Setting, choices: Choices
    ) -> Iterator[ProbeSpec]:
        from .probes import resolution_change_probes

        return resolution_change_probes(params, setting, choices)

    def describe(self, params: ResolutionChangeParams) -> list[Duty]:
        return resolution_change_duties(params)

    def evaluate(self, rule: RuleRef, params: ResolutionChangeParams, ctx: KindContext) -> Iterator[Finding]:
        meetings = meetings_by_id(ctx)
        kinds = set(params.meeting_kinds)
        broken = ctx.broken(rule)
        kinds_zh = "、".join(kind_zh(k) for k in params.meeting_kinds)
        for c in ctx.of("resolution.changed"):
            if not isinstance(c, ResolutionChanged):
                continue
            evidence: list[Event] = [c]
            why_zh = why_en = ""
            if c.consented_by is not None:
                sittings = [m for m in meetings.get(c.consented_by, []) if m.kind in kinds]
                before = [m for m in sittings if m.date <= c.date]
                if before:
                    continue
                evidence.extend(sittings)
                if sittings:
                    why_zh = f"（会议 {c.consented_by} 于 {sittings[0].date.isoformat()} 召开，在变更之后）"
                    why_en = (
                        f" (meeting {c.consented_by} sat on {sittings[0].date.isoformat()}, after the change)"
                    )
                else:
                    why_zh = f"（未见{kinds_zh} {c.consented_by} 召开）"
                    why_en = f" (no such meeting {c.consented_by} was held)"
            deadline = c.date + timedelta(days=params.notify_days)
            common = {
                "date": c.date.isoformat(),
                "kinds_zh": kinds_zh,
                "consented_by": c.consented_by,
                "deadline": deadline.isoformat(),
                "notify_days": params.notify_days,
            }
            if params.without_consent == "forbidden":
                yield ctx.finding(
                    rule, broken, c.resolution, None, evidence, "unconsented", key=c.id,
                    why_zh=why_zh, why_en=why_en, kinds_en=", ".join(params.meeting_kinds), **common,
                )  # fmt: skip
                continue
            if c.notified is None:
                status: Status = "pending" if ctx.as_of < deadline else broken
                yield ctx.finding(
                    rule, status, c.resolution, None, evidence, "unnotified", key=c.id, **common
                )
            elif c.notified > deadline:
                yield ctx.finding(
                    rule, broken, c.resolution, None, evidence, "late_notice", key=c.id,
                    notified=c.notified.isoformat(), **common,
                )  # fmt: skip
