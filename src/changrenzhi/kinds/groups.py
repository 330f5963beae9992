"""Kinds about the rep groups themselves: ``group_size``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field, model_validator

from .base import CalendarPeriodName, KindParams, PresenceName, RuleKind, bound_figure

if TYPE_CHECKING:
    from ..engine import Context
    from ..findings import Finding
    from ..pack import Rule

ONE_DAY = timedelta(days=1)
Officer = Literal["leader", "deputy", "liaison"]
OFFICER_ZH = {"leader": "组长", "deputy": "副组长", "liaison": "联络员"}


class GroupSizeParams(KindParams):
    """Members per group within ``[min, max]`` (inclusive); each role in ``officers`` filled by a member.

    The roster is judged as it stands at the end of every ``period`` (and on
    ``as_of`` for the period still open), counting only members who hold a seat.
    """

    min: int | None = Field(default=None, ge=0)
    max: int | None = Field(default=None, ge=1)
    officers: list[Officer] = []
    every_rep_in_group: bool = False
    period: CalendarPeriodName = "quarter"
    presence: PresenceName | None = None

    @model_validator(mode="after")
    def _consistent(self) -> GroupSizeParams:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min ({self.min}) is greater than max ({self.max})")
        if self.min is None and self.max is None and not self.officers and not self.every_rep_in_group:
            raise ValueError("the rule checks nothing: give min, max, officers or every_rep_in_group")
        if len(set(self.officers)) != len(self.officers):
            raise ValueError("an officer role is listed twice")
        return self


class GroupSize(RuleKind[GroupSizeParams]):
    name = "group_size"
    params_model = GroupSizeParams
    consumes = frozenset({"group.formed", "group.changed", "rep.elected", "rep.disqualified"})
    summary = "members per group within bounds; the officers a group must have"
    messages: ClassVar = {
        "size": {
            "zh": "代表小组 {subject} 在{period}末有在任代表 {count} 人，应为 {bound} 人",
            "en": "group {subject} had {count} seated members at the end of {period}; required {bound}",
        },
        "officer": {
            "zh": "代表小组 {subject} 在{period}末没有在任的{role_zh}",
            "en": "group {subject} had no seated {role} at the end of {period}",
        },
        "ungrouped": {
            "zh": "代表 {subject} 在{period}末未编入任何代表小组",
            "en": "rep {subject} belonged to no group at the end of {period}",
        },
    }

    def evaluate(self, rule: Rule, params: GroupSizeParams, ctx: Context) -> Iterator[Finding]:
        roster = ctx.roster
        for group in sorted(roster.groups):
            intervals = roster.group_interval(group)
            for period in ctx.periods(params.period, intervals, params.presence):
                at = min(period.end, ctx.as_of)
                end = intervals[0].end
                if end is not None and at >= end:
                    at = end - ONE_DAY  # the last day the group existed
                state = roster.group_state(group, at)
                if state is None:
                    continue
                members = roster.group_members(group, at)
                evidence = [roster.group_formed[group].id, state.event_id]
                lost = [
                    s.disqualified
                    for m in state.members - members
                    for s in roster.seats.get(m, ())
                    if s.disqualified is not None and s.disqualified.date <= at
                ]
                evidence.extend(d.id for d in lost if d is not None)
                n = len(members)
                if (params.min is not None and n < params.min) or (params.max is not None and n > params.max):
                    bound = bound_figure(params.min, params.max)
                    yield ctx.finding(
                        rule,
                        ctx.unmet(rule, period),
                        group,
                        period,
                        evidence,
                        "size",
                        count=n,
                        bound=bound,
                        min=params.min,
                        max=params.max,
                    )
                for role in params.officers:
                    officer = state.officer(role)
                    if officer is None or officer not in members:
                        yield ctx.finding(
                            rule,
                            ctx.unmet(rule, period),
                            group,
                            period,
                            evidence,
                            "officer",
                            role=role,
                            role_zh=OFFICER_ZH[role],
                            officer=officer,
                        )
        if params.every_rep_in_group:
            yield from self._ungrouped(rule, params, ctx)

    def _ungrouped(self, rule: Rule, params: GroupSizeParams, ctx: Context) -> Iterator[Finding]:
        roster = ctx.roster
        grouped: dict[date, set[str]] = {}
        for rep in sorted(roster.seats):
            intervals = roster.rep_intervals(rep)
            for period in ctx.periods(params.period, intervals, params.presence):
                at = min(period.end, ctx.as_of)
                seat = roster.seat_at(rep, at)
                if seat is None:
                    continue
                if at not in grouped:
                    grouped[at] = set()
                    for g in roster.groups:
                        # a group ends with its term: its last state no longer groups anyone
                        if not any(iv.contains(at) for iv in roster.group_interval(g)):
                            continue
                        state = roster.group_state(g, at)
                        if state is not None:
                            grouped[at] |= state.members
                if rep not in grouped[at]:
                    yield ctx.finding(rule, ctx.unmet(rule, period), rep, period, [seat.elected], "ungrouped")
