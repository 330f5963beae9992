"""Named activities and invitations: ``named_activity``, ``meeting_invitation``.

``named_activity`` counts ``activity.held`` events by their ``activity`` name (宝应 "五个一":
党代表座谈会, 党代表调研月 ...); ``meeting_invitation`` asks that meetings on certain matters
invite reps to attend (列席: the ``invited`` field of ``meeting.held``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from ...events import ActivityHeld, MeetingHeld
from ..base import KindContext, RuleKind, RuleRef
from ..describing import Duty
from ..meetings.describe import kind_zh
from . import details as kind_details
from .describe import meeting_invitation_duties, named_activity_duties
from .params import MeetingInvitationParams, NamedActivityParams

if TYPE_CHECKING:
    from ...findings import Finding
    from ..probing import Choices, ProbeSpec, Setting


class NamedActivity(RuleKind[NamedActivityParams]):
    name = "named_activity"
    params_model = NamedActivityParams
    details = kind_details.NAMED_ACTIVITY
    consumes = frozenset({"activity.held", "congress.opened", "group.formed"})
    summary = "named activities held at least so many times per period"
    messages: ClassVar = {
        "few": {
            "zh": "{where_zh}{period}开展“{activity}”{count} 次，应不少于 {min} 次",
            "en": "{where_en}held {activity!r} {count} times in {period}; at least {min} required",
        },
        "many": {
            "zh": "{where_zh}{period}开展“{activity}”{count} 次，应不超过 {max} 次",
            "en": "{where_en}held {activity!r} {count} times in {period}; at most {max} allowed",
        },
    }

    def probes(self, params: NamedActivityParams, setting: Setting, choices: Choices) -> Iterator[ProbeSpec]:
        from .probes import named_activity_probes

        return named_activity_probes(params, setting, choices)

    def describe(self, params: NamedActivityParams) -> list[Duty]:
        return named_activity_duties(params)

    def evaluate(self, rule: RuleRef, params: NamedActivityParams, ctx: KindContext) -> Iterator[Finding]:
        by_name = ctx.by(ActivityHeld, "activity")
        for spec in params.activities:
            held = sorted((e for n in spec.names for e in by_name.get(n, [])), key=lambda e: (e.date, e.id))
            if params.per == "town":
                intervals = [t.interval for t in ctx.roster.terms]
                yield from self._count(rule, params, ctx, spec.name, intervals, held, spec.name, {})
            else:
                by_group: dict[str, list[ActivityHeld]] = {}
                for e in held:
                    if e.group is not None:
                        by_group.setdefault(e.group, []).append(e)
                for g in sorted(ctx.roster.groups):
                    where = {"where_zh": f"代表小组 {g} 在", "where_en": f"group {g} "}
                    intervals = ctx.roster.group_interval(g)
                    yield from self._count(
                        rule, params, ctx, g, intervals, by_group.get(g, []), spec.name, where
                    )

    @staticmethod
    def _count(
        rule: RuleRef,
        params: NamedActivityParams,
        ctx: KindContext,
        subject: str,
        intervals: Any,
        held: list[ActivityHeld],
        activity: str,
        where: dict[str, str],
    ) -> Iterator[Finding]:
        words = {"where_zh": "", "where_en": ""} | where
        for period in ctx.periods(params.period, intervals, params.presence):
            within = list(ctx.within(held, period))
            n = len(within)
            args = {"activity": activity, "count": n, "events": [e.id for e in within], **words}
            if n < params.min:
                yield ctx.finding(
                    rule, ctx.unmet(rule, period), subject, period, within, "few", key=activity,
                    min=params.min, **args,
                )  # fmt: skip
            elif params.max is not None and n > params.max:
                yield ctx.finding(
                    rule, ctx.broken(rule), subject, period, within, "many", key=activity,
                    max=params.max, **args,
                )  # fmt: skip


class MeetingInvitation(RuleKind[MeetingInvitationParams]):
    name = "meeting_invitation"
    params_model = MeetingInvitationParams
    details = kind_details.MEETING_INVITATION
    consumes = frozenset({"meeting.held", "rep.elected", "rep.disqualified"})
    summary = "meetings on given matters invite reps to attend"
    messages: ClassVar = {
        "few": {
            "zh": "{kind_zh} {subject}（{date}）邀请 {count} 名党代表列席，应不少于 {min} 名",
            "en": "meeting {subject} ({date}, {kind}) invited {count} reps to attend; "
            "at least {min} required",
        },
    }

    def probes(
        self, params: MeetingInvitationParams, setting: Setting, choices: Choices
    ) -> Iterator[ProbeSpec]:
        from .probes import meeting_invitation_probes

        return meeting_invitation_probes(params, setting, choices)

    def describe(self, params: MeetingInvitationParams) -> list[Duty]:
        return meeting_invitation_duties(params)

    def evaluate(self, rule: RuleRef, params: MeetingInvitationParams, ctx: KindContext) -> Iterator[Finding]:
        kinds = set(params.meeting_kinds)
        roster = ctx.roster
        for m in ctx.of(MeetingHeld):
            if m.kind not in kinds:
                continue
            invited = [r for r in m.invited if not params.seated_only or roster.is_seated(r, m.date)]
            if len(invited) >= params.min_invited:
                continue
            yield ctx.finding(
                rule, ctx.broken(rule), m.meeting, None, [m], "few", key=m.id,
                kind=m.kind, kind_zh=kind_zh(m.kind), date=m.date.isoformat(), count=len(invited),
                min=params.min_invited, invited=invited, listed=list(m.invited),
            )  # fmt: skip
