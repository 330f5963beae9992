"""Named activities and invitations: ``named_activity``, ``meeting_invitation``.

``named_activity`` counts ``activity.held`` events by their ``activity`` name (宝应 "五个一":
党代表座谈会, 党代表调研月 ...); ``meeting_invitation`` asks that meetings on certain matters
invite reps to attend (列席: the ``invited`` field of ``meeting.held``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import Field, GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core.core_schema import CoreSchema

from ...events import ActivityHeld, MeetingHeld
from ..base import CalendarPeriodName, KindContext, KindParams, PresenceName, RuleKind, RuleRef
from ..meetings.rules import kind_zh

if TYPE_CHECKING:
    from ...findings import Finding


class ActivitySpec(KindParams):
    """An activity by its name in the log (``activity``), and other names a producer may use for it."""

    name: str = Field(min_length=1)
    aliases: list[str] = []

    @model_validator(mode="before")
    @classmethod
    def _plain_name(cls, v: Any) -> Any:
        return {"name": v} if isinstance(v, str) else v

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        # a bare name is accepted too (see _plain_name): the schema says so, for editors and lint
        return {"anyOf": [{"type": "string", "minLength": 1}, handler(core_schema)]}

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


class NamedActivityParams(KindParams):
    """Each activity of ``activities`` is held at least ``min`` (at most ``max``) times per ``period``:
    town-wide over the term (``per: town``, the activity is the subject), or by every group
    (``per: group``, counting the ``activity.held`` that name the group)."""

    activities: list[ActivitySpec] = Field(min_length=1)
    period: CalendarPeriodName = "year"
    min: int = Field(default=1, ge=1)
    max: int | None = Field(default=None, ge=1)
    per: Literal["town", "group"] = "town"
    presence: PresenceName | None = None

    @model_validator(mode="after")
    def _consistent(self) -> NamedActivityParams:
        if self.max is not None and self.max < self.min:
            raise ValueError(f"max ({self.max}) is less than min ({self.min})")
        names = [n for a in self.activities for n in a.names]
        dup = next((n for n in names if names.count(n) > 1), None)
        if dup is not None:
            raise ValueError(f"the activity name {dup!r} is listed twice")
        return self


class NamedActivity(RuleKind[NamedActivityParams]):
    name = "named_activity"
    params_model = NamedActivityParams
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
                    rule, ctx.unmet(rule, period), subject, period, within, "few", min=params.min, **args
                )
            elif params.max is not None and n > params.max:
                yield ctx.finding(
                    rule, ctx.broken(rule), subject, period, within, "many", max=params.max, **args
                )


class MeetingInvitationParams(KindParams):
    """Every ``meeting.held`` whose ``kind`` is one of ``meeting_kinds`` invites at least
    ``min_invited`` reps to attend (``invited``; with ``seated_only``, only reps holding a seat
    that day count)."""

    meeting_kinds: list[str] = Field(min_length=1)
    min_invited: int = Field(default=1, ge=1)
    seated_only: bool = True

    @model_validator(mode="after")
    def _distinct(self) -> MeetingInvitationParams:
        if len(set(self.meeting_kinds)) != len(self.meeting_kinds):
            raise ValueError("meeting_kinds lists a kind twice")
        return self


class MeetingInvitation(RuleKind[MeetingInvitationParams]):
    name = "meeting_invitation"
    params_model = MeetingInvitationParams
    consumes = frozenset({"meeting.held", "rep.elected", "rep.disqualified"})
    summary = "meetings on given matters invite reps to attend"
    messages: ClassVar = {
        "few": {
            "zh": "{kind_zh} {subject}（{date}）邀请 {count} 名党代表列席，应不少于 {min} 名",
            "en": "meeting {subject} ({date}, {kind}) invited {count} reps to attend; "
            "at least {min} required",
        },
    }

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
                rule, ctx.broken(rule), m.meeting, None, [m], "few",
                kind=m.kind, kind_zh=kind_zh(m.kind), date=m.date.isoformat(), count=len(invited),
                min=params.min_invited, invited=invited, listed=list(m.invited),
            )  # fmt: skip
