"""Kinds about agenda items: ``agenda_deadline``, ``agenda_threshold``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import timedelta
from typing import TYPE_CHECKING, ClassVar

from ...events import AgendaDecided, AgendaProposed, Event, MeetingHeld
from ..base import KindContext, RuleKind, RuleRef
from ..describing import Duty
from ..meetings.describe import kind_zh, share_zh
from ..meetings.rules import at_least, kind_ok, meetings_by_id
from . import details as kind_details
from .describe import BY_ZH, agenda_deadline_duties, agenda_threshold_duties, groups_phrase
from .params import AdHocThreshold, AgendaDeadlineParams, AgendaThresholdParams, MustList

if TYPE_CHECKING:
    from ...findings import Finding, Status
    from ..probing import Choices, ProbeSpec, Setting


class AgendaDeadline(RuleKind[AgendaDeadlineParams]):
    name = "agenda_deadline"
    params_model = AgendaDeadlineParams
    details = kind_details.AGENDA_DEADLINE
    consumes = frozenset({"agenda.proposed", "agenda.decided", "meeting.held"})
    summary = "how many days before a meeting an item must be proposed (or notified)"
    messages: ClassVar = {
        "late": {
            "zh": "议题 {subject} 于 {proposed} 提出，{kind_zh} {meeting} 于 {meeting_date} 召开，"
            "应在召开 {days} 天前（{deadline} 前）提出",
            "en": "item {subject} was proposed on {proposed} for meeting {meeting} held on {meeting_date}; "
            "it was due {days} days before ({deadline})",
        },
        "late_notice": {
            "zh": "正式议题 {subject} 于 {notified} 通知代表，{kind_zh} {meeting} 于 {meeting_date} 召开，"
            "应在 {deadline} 前通知",
            "en": "listed item {subject} was notified to the reps on {notified} for meeting {meeting} "
            "held on {meeting_date}; notice was due by {deadline}",
        },
        "no_notice": {
            "zh": "正式议题 {subject} 未记录通知代表的日期，{kind_zh} {meeting} 已于 {meeting_date} 召开，"
            "应在 {deadline} 前通知",
            "en": "listed item {subject} records no notice to the reps; meeting {meeting} was held on "
            "{meeting_date} and notice was due by {deadline}",
        },
    }

    def probes(self, params: AgendaDeadlineParams, setting: Setting, choices: Choices) -> Iterator[ProbeSpec]:
        from .probes import agenda_deadline_probes

        return agenda_deadline_probes(params, setting, choices)

    def describe(self, params: AgendaDeadlineParams) -> list[Duty]:
        return agenda_deadline_duties(params)

    def evaluate(self, rule: RuleRef, params: AgendaDeadlineParams, ctx: KindContext) -> Iterator[Finding]:
        meetings = meetings_by_id(ctx)
        status = ctx.broken(rule)
        lead = timedelta(days=params.days)
        if params.what == "proposed":
            by = set(params.by)
            for p in ctx.of("agenda.proposed"):
                if not isinstance(p, AgendaProposed) or p.ad_hoc or p.by not in by:
                    continue  # ad hoc items are raised during the meeting: never late
                sittings = meetings.get(p.meeting)
                if not sittings or not kind_ok(sittings, params.meeting_kinds):
                    continue  # not held by as_of: the deadline is not yet judged
                m = sittings[0]
                if (m.date - p.date).days >= params.days:
                    continue
                yield ctx.finding(
                    rule,
                    status,
                    p.item,
                    None,
                    [p, m],
                    "late",
                    key=p.id,
                    meeting=p.meeting,
                    kind_zh=kind_zh(m.kind),
                    by=p.by,
                    proposed=p.date.isoformat(),
                    meeting_date=m.date.isoformat(),
                    deadline=(m.date - lead).isoformat(),
                    days=params.days,
                    days_before=(m.date - p.date).days,
                )
            return
        for d in ctx.of("agenda.decided"):
            if not isinstance(d, AgendaDecided) or not d.listed:
                continue
            sittings = meetings.get(d.meeting)
            if not sittings or not kind_ok(sittings, params.meeting_kinds):
                continue
            m = sittings[0]
            if d.notified is not None and (m.date - d.notified).days >= params.days:
                continue
            yield ctx.finding(
                rule,
                status,
                d.item,
                None,
                [d, m],
                "no_notice" if d.notified is None else "late_notice",
                key=d.id,
                meeting=d.meeting,
                kind_zh=kind_zh(m.kind),
                notified=None if d.notified is None else d.notified.isoformat(),
                meeting_date=m.date.isoformat(),
                deadline=(m.date - lead).isoformat(),
                days=params.days,
            )


class AgendaThreshold(RuleKind[AgendaThresholdParams]):
    name = "agenda_threshold"
    params_model = AgendaThresholdParams
    details = kind_details.AGENDA_THRESHOLD
    consumes = frozenset({"agenda.proposed", "agenda.decided", "meeting.held"})
    summary = "who may propose an item, the ad hoc threshold, and items that must be listed"
    messages: ClassVar = {
        "not_allowed": {
            "zh": "议题 {subject}（会议 {meeting}）由{by_zh}提出，只能由{allowed_zh}提出",
            "en": "item {subject} (meeting {meeting}) was proposed by {by}; only {allowed_en} may propose",
        },
        "few_reps": {
            "zh": "议题 {subject}（会议 {meeting}）由 {count} 名代表联名提出，应 {min} 名以上",
            "en": "item {subject} (meeting {meeting}) was proposed jointly by {count} seated reps; "
            "at least {min} required",
        },
        "few_groups": {
            "zh": "议题 {subject}（会议 {meeting}）由 {count} 个代表小组提出，应 {min} 个以上",
            "en": "item {subject} (meeting {meeting}) was proposed by {count} groups; "
            "at least {min} required",
        },
        "ad_hoc_short": {
            "zh": "临时议题 {subject}（会议 {meeting}）由 {groups} 个代表小组、{reps} 名代表提出，"
            "应有 {need_zh}",
            "en": "ad hoc item {subject} (meeting {meeting}) was raised by {groups} groups and {reps} "
            "seated reps; it needs {need_en}",
        },
        "not_listed": {
            "zh": "议题 {subject} 由 {reps} 名代表、{groups} 个代表小组提出，"
            "必须列为会议 {meeting} 的正式议题，却未列入",
            "en": "item {subject}, proposed by {reps} reps and {groups} groups, must be listed for meeting "
            "{meeting} but was not",
        },
        "listed_late": {
            "zh": "议题 {subject} 由 {reps} 名代表、{groups} 个代表小组提出，"
            "必须列为会议 {meeting} 的正式议题，会议于 {meeting_date} 召开，{done_late_on} 才确定列入",
            "en": "item {subject}, proposed by {reps} reps and {groups} groups, must be listed for meeting "
            "{meeting}, held on {meeting_date}; it was listed only on {done_late_on}",
        },
        "undecided": {
            "zh": "议题 {subject} 由 {reps} 名代表、{groups} 个代表小组提出，"
            "必须列为会议 {meeting} 的正式议题，未见党委会确定列入",
            "en": "item {subject}, proposed by {reps} reps and {groups} groups, must be listed for meeting "
            "{meeting}; no decision listing it is recorded",
        },
    }

    def probes(
        self, params: AgendaThresholdParams, setting: Setting, choices: Choices
    ) -> Iterator[ProbeSpec]:
        from .probes import agenda_threshold_probes

        return agenda_threshold_probes(params, setting, choices)

    def describe(self, params: AgendaThresholdParams) -> list[Duty]:
        return agenda_threshold_duties(params)

    def evaluate(self, rule: RuleRef, params: AgendaThresholdParams, ctx: KindContext) -> Iterator[Finding]:
        meetings = meetings_by_id(ctx)
        proposals: dict[tuple[str, str], list[AgendaProposed]] = {}
        for p in ctx.of("agenda.proposed"):
            if isinstance(p, AgendaProposed):
                proposals.setdefault((p.meeting, p.item), []).append(p)
        decisions: dict[tuple[str, str], list[AgendaDecided]] = {}
        for d in ctx.of("agenda.decided"):
            if isinstance(d, AgendaDecided):
                decisions.setdefault((d.meeting, d.item), []).append(d)
        for key in sorted(proposals):
            sittings = meetings.get(key[0])
            if not kind_ok(sittings, params.meeting_kinds):
                continue
            props = sorted(proposals[key], key=lambda p: (p.date, p.id))
            held = sittings[0] if sittings else None
            yield from self._item(rule, params, ctx, props, decisions.get(key, []), held)

    def _item(
        self,
        rule: RuleRef,
        params: AgendaThresholdParams,
        ctx: KindContext,
        props: list[AgendaProposed],
        decs: list[AgendaDecided],
        held: MeetingHeld | None,
    ) -> Iterator[Finding]:
        meeting, item = props[0].meeting, props[0].item
        definite = ctx.broken(rule)
        # support can still be gathered until the meeting sits: a shortfall before then is pending
        until_held: Status = definite if held is not None else "pending"
        tail: list[Event] = [held] if held is not None else []
        evidence: list[Event] = [*props, *decs, *tail]
        allowed = set(params.allowed)
        ad_hoc = [p for p in props if params.ad_hoc is not None and p.ad_hoc]
        regular = [p for p in props if p not in ad_hoc]
        for p in regular:
            if p.by not in allowed:
                yield ctx.finding(
                    rule,
                    definite,
                    item,
                    None,
                    [p, *tail],
                    "not_allowed",
                    key=(meeting, "proposer", p.id),
                    meeting=meeting,
                    by=p.by,
                    by_zh=BY_ZH[p.by],
                    allowed=list(params.allowed),
                    allowed_zh="、".join(BY_ZH[a] for a in params.allowed),
                    allowed_en=", ".join(params.allowed),
                )
        by_reps = [p for p in regular if p.by == "reps"]
        if by_reps and "reps" in allowed and params.reps_min is not None:
            n = len(_seated_proposers(ctx, by_reps))
            if n < params.reps_min:
                yield ctx.finding(
                    rule, until_held, item, None, [*by_reps, *tail], "few_reps", key=(meeting, "reps"),
                    meeting=meeting, count=n, min=params.reps_min,
                )  # fmt: skip
        by_group = [p for p in regular if p.by == "group"]
        if by_group and "group" in allowed:
            n = len(_groups(ctx, by_group))
            if n < params.groups_min:
                yield ctx.finding(
                    rule, until_held, item, None, [*by_group, *tail], "few_groups", key=(meeting, "groups"),
                    meeting=meeting, count=n, min=params.groups_min,
                )  # fmt: skip
        if ad_hoc and params.ad_hoc is not None:
            yield from self._ad_hoc(rule, params.ad_hoc, ctx, ad_hoc, tail, until_held)
        if params.must_list is not None:
            yield from self._must_list(rule, params.must_list, ctx, props, decs, held, evidence)

    def _ad_hoc(
        self,
        rule: RuleRef,
        threshold: AdHocThreshold,
        ctx: KindContext,
        props: list[AgendaProposed],
        tail: list[Event],
        status: Status,
    ) -> Iterator[Finding]:
        groups = len(_groups(ctx, props))
        reps = len(_seated_proposers(ctx, props))
        when = max(p.date for p in props)
        seated = ctx.roster.seated_count(when)
        need_reps = (
            None if threshold.reps_share is None else at_least(threshold.reps_share, seated, strict=False)
        )
        if threshold.groups_min is not None and groups >= threshold.groups_min:
            return
        if need_reps is not None and reps >= need_reps:
            return
        zh: list[str] = []
        en: list[str] = []
        if threshold.groups_min is not None:
            gz, ge = groups_phrase(threshold.groups_min)
            zh.append(gz)
            en.append(ge)
        if threshold.reps_share is not None:
            zh.append(
                f"{share_zh(threshold.reps_share)}以上代表联名（在任 {seated} 名，至少 {need_reps} 名）"
            )
            en.append(f"{threshold.reps_share} of the {seated} seated reps ({need_reps})")
        yield ctx.finding(
            rule,
            status,
            props[0].item,
            None,
            [*props, *tail],
            "ad_hoc_short",
            key=(props[0].meeting, "ad_hoc"),
            meeting=props[0].meeting,
            groups=groups,
            reps=reps,
            seated=seated,
            groups_min=threshold.groups_min,
            reps_share=None if threshold.reps_share is None else str(threshold.reps_share),
            reps_needed=need_reps,
            need_zh="，或".join(zh),
            need_en=" or ".join(en),
        )

    def _must_list(
        self,
        rule: RuleRef,
        must: MustList,
        ctx: KindContext,
        props: list[AgendaProposed],
        decs: list[AgendaDecided],
        held: MeetingHeld | None,
        evidence: list[Event],
    ) -> Iterator[Finding]:
        def reaches(reps: int, groups: int) -> bool:
            return (must.reps_min is not None and reps >= must.reps_min) or (
                must.groups_min is not None and groups >= must.groups_min
            )

        # one proposal naming the reps or groups together (同时提出), or all the item's proposals
        batches = [props] if must.joint == "combined" else [[p] for p in props]
        for batch in batches:
            reps = len(_seated_proposers(ctx, batch))
            groups = len(_groups(ctx, batch))
            if reaches(reps, groups):
                break
        else:
            return
        common = {"meeting": props[0].meeting, "reps": reps, "groups": groups}
        key = (props[0].meeting, "listed")  # not listed, or no decision yet: one duty
        if held is not None:
            # late is not done: a decision after the meeting sat does not list the item for it
            late = sorted((d for d in decs if d.date > held.date and d.listed), key=lambda d: (d.date, d.id))
            decs = [d for d in decs if d.date <= held.date]
            if late and not decs:
                yield ctx.finding(
                    rule, ctx.broken(rule), props[0].item, None, evidence, "listed_late", key=key,
                    done_late_on=late[0].date.isoformat(), meeting_date=held.date.isoformat(), **common,
                )  # fmt: skip
                return
        if decs:
            last = max(d.date for d in decs)  # the committee's final word; a same-day "not listed" wins
            if all(d.listed for d in decs if d.date == last):
                return
            yield ctx.finding(
                rule, ctx.broken(rule), props[0].item, None, evidence, "not_listed", key=key, **common
            )
            return
        status: Status = ctx.broken(rule) if held is not None else "pending"
        yield ctx.finding(rule, status, props[0].item, None, evidence, "undecided", key=key, **common)


def _seated_proposers(ctx: KindContext, props: Iterable[AgendaProposed]) -> set[str]:
    """Distinct reps who signed, each counted only if seated on the day of their proposal."""
    return {rep for p in props for rep in p.proposers if ctx.roster.is_seated(rep, p.date)}


def _groups(ctx: KindContext, props: Iterable[AgendaProposed]) -> set[str]:
    """Distinct groups that proposed, each counted only if formed by the day of the proposal."""
    return {g for p in props for g in p.groups if ctx.roster.group_state(g, p.date) is not None}
