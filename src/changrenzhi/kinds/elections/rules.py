"""Kinds about electing the reps: ``composition``, ``election_margin``, ``publicity``, ``rep_listing``.

They read ``election.held`` (one unit's ballot for one category; the extension fields
``by_election`` and ``steps``), ``rep.elected`` (its ``unit``, ``category``, ``gender``,
``birth_year``) and ``publicity.posted`` (its ``what``, ``unit``, ``rep``, ``place``).
The values of the free-text fields (categories, what was posted, places) are the
pack's vocabulary: each kind names, in its parameters, the values it looks for.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar

from ...events import ElectionHeld, Event, PublicityPosted, RepElected
from ...periods import ONE_DAY, Period
from ..base import KindContext, RuleKind, RuleRef
from ..describing import Duty
from . import details as kind_details
from .describe import (
    composition_duties,
    election_margin_duties,
    percent,
    publicity_duties,
    rep_listing_duties,
)
from .params import Ballots, CompositionParams, ElectionMarginParams, PublicityParams, RepListingParams

if TYPE_CHECKING:
    from ...findings import Finding
    from ..probing import Choices, ProbeSpec, Setting


def _ballots(ctx: KindContext, which: Ballots) -> list[ElectionHeld]:
    """The ``election.held`` events a rule is about, in (date, id) order."""
    out = [e for e in ctx.of(ElectionHeld) if which == "all" or e.by_election == (which == "by_election")]
    out.sort(key=lambda e: (e.date, e.id))
    return out


def _date_and_id(ev: Event) -> tuple[date, str]:
    return (ev.date, ev.id)


def _rounds(ctx: KindContext, ballots: Sequence[ElectionHeld]) -> list[list[ElectionHeld]]:
    """Ballots split by the term they fall in (all in one round when the log opens no congress)."""
    terms = ctx.roster.terms
    if not terms:
        return [list(ballots)] if ballots else []
    by_term: dict[int, list[ElectionHeld]] = {}
    for b in ballots:
        for i, t in enumerate(terms):
            if t.start <= b.date <= t.end:
                by_term.setdefault(i, []).append(b)
                break
        else:  # before the first congress: the election that led up to it
            by_term.setdefault(-1, []).append(b)
    return [by_term[i] for i in sorted(by_term)]


# ---- composition ----------------------------------------------------------


def _outside(key: str, share: Fraction, bound: Fraction) -> bool:
    """Whether ``share`` breaks the bound named by ``key`` (inclusive 以上/以下, strict 超过/不到)."""
    if key == "low":
        return share < bound
    if key == "low_strict":
        return share <= bound
    if key == "high":
        return share > bound
    return share >= bound


class Composition(RuleKind[CompositionParams]):
    name = "composition"
    params_model = CompositionParams
    details = kind_details.COMPOSITION
    consumes = frozenset({"rep.elected", "rep.disqualified", "election.held", "congress.opened"})
    summary = "shares of categories among seated reps"
    messages: ClassVar = {
        "target": {
            "zh": "{on}在任代表中“{subject}”占 {count}/{base}（{percent}%），"
            "与报告的 {target}% 不符（允许误差 {tolerance} 个百分点）",
            "en": "on {on}, {subject} made up {count} of {base} seated reps ({percent}%), "
            "not the reported {target}% (tolerance {tolerance} points)",
        },
        "low": {
            "zh": "{on}在任代表中“{subject}”占 {count}/{base}（{percent}%），应不低于 {bound}%",
            "en": "on {on}, {subject} made up {count} of {base} seated reps ({percent}%); "
            "at least {bound}% required",
        },
        "low_strict": {
            "zh": "{on}在任代表中“{subject}”占 {count}/{base}（{percent}%），应高于 {bound}%",
            "en": "on {on}, {subject} made up {count} of {base} seated reps ({percent}%); "
            "more than {bound}% required",
        },
        "high": {
            "zh": "{on}在任代表中“{subject}”占 {count}/{base}（{percent}%），应不高于 {bound}%",
            "en": "on {on}, {subject} made up {count} of {base} seated reps ({percent}%); "
            "at most {bound}% allowed",
        },
        "high_strict": {
            "zh": "{on}在任代表中“{subject}”占 {count}/{base}（{percent}%），应低于 {bound}%",
            "en": "on {on}, {subject} made up {count} of {base} seated reps ({percent}%); "
            "less than {bound}% required",
        },
    }

    def probes(self, params: CompositionParams, setting: Setting, choices: Choices) -> Iterator[ProbeSpec]:
        from .probes import composition_probes

        return composition_probes(params, setting, choices)

    def describe(self, params: CompositionParams) -> list[Duty]:
        return composition_duties(params)

    def evaluate(self, rule: RuleRef, params: CompositionParams, ctx: KindContext) -> Iterator[Finding]:
        for on, period, ballots in self._references(params, ctx):
            roster = ctx.roster
            elected: list[RepElected] = []
            for rep in sorted(roster.seated(on)):
                seat = roster.seat_at(rep, on)
                if seat is not None:
                    elected.append(seat.elected)
            for spec in params.shares:
                base = [e for e in elected if params.unknown == "count" or spec.known(e)]
                if not base:
                    continue
                hit = [e for e in base if spec.matches(e, on)]
                share = Fraction(len(hit), len(base))
                common: dict[str, Any] = {
                    "on": on.isoformat(),
                    "count": len(hit),
                    "base": len(base),
                    "share": str(share),
                    "percent": percent(share),
                    "unknown": len(elected) - len(base),
                }
                evidence: list[Event] = [*ballots, *hit]
                status = ctx.unmet(rule, period)
                for which, bound in (
                    ("low", spec.min),
                    ("low_strict", spec.above),
                    ("high", spec.max),
                    ("high_strict", spec.below),
                ):
                    if bound is not None and _outside(which, share, bound):
                        yield ctx.finding(
                            rule, status, spec.name, period, evidence, which, key=which,
                            bound=percent(bound), bound_share=str(bound), **common,
                        )  # fmt: skip
                if spec.target is not None and abs(share - spec.target) > spec.tolerance:
                    yield ctx.finding(
                        rule, "pending" if status == "pending" else "warning", spec.name, period, evidence,
                        "target", key="target", target=percent(spec.target), target_share=str(spec.target),
                        tolerance=percent(spec.tolerance), **common,
                    )  # fmt: skip

    @staticmethod
    def _references(
        params: CompositionParams, ctx: KindContext
    ) -> Iterator[tuple[date, Period | None, list[ElectionHeld]]]:
        """The days the composition is judged on, each with its period and the ballots behind it."""
        if params.at == "as_of":
            yield ctx.as_of, None, []
            return
        rounds = _rounds(ctx, _ballots(ctx, "general"))
        ballot_terms = set()
        for ballots in rounds:
            first, last = ballots[0].date, ballots[-1].date
            ballot_terms.add(ctx.roster.term_at(last))
            yield last, Period(first, last, "election"), ballots
        for term in ctx.roster.terms:
            if term.start <= ctx.as_of and term not in ballot_terms:
                yield term.start, Period(term.start, term.start, "election"), []


# ---- election_margin -------------------------------------------------------


class ElectionMargin(RuleKind[ElectionMarginParams]):
    name = "election_margin"
    params_model = ElectionMarginParams
    details = kind_details.ELECTION_MARGIN
    consumes = frozenset({"election.held"})
    summary = "candidates per seat in a ballot; the categories and steps of a ballot"
    messages: ClassVar = {
        "margin": {
            "zh": "选举单位 {subject} {date} 的{ballot_zh}“{category}”类代表选举，候选人 {candidates} 名、"
            "应选 {seats} 名，差额幅度 {percent}%，应在 {required}% 以上",
            "en": "the {ballot_en}ballot of unit {subject} for {category} on {date} had {candidates} "
            "candidates for {seats} seats, a margin of {percent}%; at least {required}% required",
        },
        "extra": {
            "zh": "选举单位 {subject} {date} 的{ballot_zh}“{category}”类代表选举，候选人 {candidates} 名、"
            "应选 {seats} 名，候选人应至少多于应选人数 {min_extra} 名（差额选举）",
            "en": "the {ballot_en}ballot of unit {subject} for {category} on {date} had {candidates} "
            "candidates for {seats} seats; at least {min_extra} more candidates than seats required",
        },
        "category": {
            "zh": "选举单位 {subject} {date} 的选举类别为“{category}”，不是规定的代表类别之一（{listing}）",
            "en": "the ballot of unit {subject} on {date} is for {category!r}, not one of the "
            "categories {listing}",
        },
        "steps": {
            "zh": "选举单位 {subject} {date} 的{ballot_zh}选举缺少步骤：{missing_zh}"
            "（应依次为{required_zh}）",
            "en": "the {ballot_en}ballot of unit {subject} on {date} lacks the steps {missing_en} "
            "(required in order: {required_en})",
        },
        "unfilled": {
            "zh": "选举单位 {subject} {date} 的{ballot_zh}“{category}”类代表选举应选 {seats} 名，"
            "只选出 {elected} 名，未足额产生",
            "en": "the {ballot_en}ballot of unit {subject} for {category} on {date} elected {elected} of "
            "{seats} seats; every seat must be filled",
        },
        "open": {
            "zh": "选举单位 {subject} {date} 的{ballot_zh}“{category}”类代表选举以举手方式进行，应无记名投票",
            "en": "the {ballot_en}ballot of unit {subject} for {category} on {date} was by show of hands; "
            "a secret ballot is required",
        },
        "order": {
            "zh": "选举单位 {subject} {date} 的{ballot_zh}选举步骤顺序为{taken_zh}，应依次为{required_zh}",
            "en": "the {ballot_en}ballot of unit {subject} on {date} took its steps in the order "
            "{taken_en}; required {required_en}",
        },
    }

    def probes(self, params: ElectionMarginParams, setting: Setting, choices: Choices) -> Iterator[ProbeSpec]:
        from .probes import election_margin_probes

        return election_margin_probes(params, setting, choices)

    def describe(self, params: ElectionMarginParams) -> list[Duty]:
        return election_margin_duties(params)

    def evaluate(self, rule: RuleRef, params: ElectionMarginParams, ctx: KindContext) -> Iterator[Finding]:
        status = ctx.broken(rule)  # a ballot held is over: nothing later mends it
        exempt = set(params.exempt)
        for b in _ballots(ctx, params.ballots):
            common: dict[str, Any] = {
                "date": b.date.isoformat(),
                "category": b.category,
                "candidates": b.candidates,
                "seats": b.seats,
                "by_election": b.by_election,
                "ballot_zh": "补选" if b.by_election else "",
                "ballot_en": "by-election " if b.by_election else "",
            }
            if params.independent and params.categories is not None and b.category not in params.categories:
                yield ctx.finding(
                    rule, status, b.unit, None, [b], "category", key=(b.id, "category"),
                    listing="、".join(params.categories), categories=list(params.categories), **common,
                )  # fmt: skip
            if b.category not in exempt and b.seats > 0:
                extra = b.candidates - b.seats
                if params.margin is not None:
                    denominator = b.seats if params.base == "seats" else b.candidates
                    margin = Fraction(extra, denominator)
                    if margin < params.margin:
                        yield ctx.finding(
                            rule, status, b.unit, None, [b], "margin", key=(b.id, "margin"),
                            margin=str(margin), percent=percent(margin), required=percent(params.margin),
                            required_share=str(params.margin), base=params.base, **common,
                        )  # fmt: skip
                if params.min_extra is not None and extra < params.min_extra:
                    yield ctx.finding(
                        rule, status, b.unit, None, [b], "extra", key=(b.id, "extra"),
                        min_extra=params.min_extra, **common,
                    )  # fmt: skip
            if params.filled and b.elected is not None and b.elected < b.seats:
                yield ctx.finding(
                    rule, status, b.unit, None, [b], "unfilled", key=(b.id, "filled"),
                    elected=b.elected, **common,
                )  # fmt: skip
            if params.secret and b.method is not None and b.method != "secret":
                yield ctx.finding(rule, status, b.unit, None, [b], "open", key=(b.id, "secret"), **common)
            if params.steps is not None:
                yield from self._steps(rule, params.steps, ctx, b, status, common)

    @staticmethod
    def _steps(
        rule: RuleRef,
        required: list[str],
        ctx: KindContext,
        b: ElectionHeld,
        status: Any,
        common: dict[str, Any],
    ) -> Iterator[Finding]:
        taken = list(b.steps)
        shown = {
            "required": list(required),
            "taken": taken,
            "required_zh": "→".join(required),
            "required_en": " → ".join(required),
            "taken_zh": "→".join(taken) or "（无）",
            "taken_en": " → ".join(taken) or "(none)",
        }
        missing = [s for s in required if s not in taken]
        if missing:
            yield ctx.finding(
                rule, status, b.unit, None, [b], "steps", key=(b.id, "steps"),
                missing=missing, missing_zh="、".join(missing), missing_en=", ".join(missing),
                **shown, **common,
            )  # fmt: skip
            return
        # every required step is there: are they in order (the first time each was taken)?
        positions = [taken.index(s) for s in required]
        if positions != sorted(positions):
            yield ctx.finding(
                rule, status, b.unit, None, [b], "order", key=(b.id, "steps"), **shown, **common
            )


# ---- publicity ---------------------------------------------------------------


class Publicity(RuleKind[PublicityParams]):
    name = "publicity"
    params_model = PublicityParams
    details = kind_details.PUBLICITY
    consumes = frozenset({"election.held", "publicity.posted"})
    summary = "what must be made public before and after a unit's election"
    messages: ClassVar = {
        "before": {
            "zh": "选举单位 {subject} 在 {first} 选举前未公开“{what}”（应不晚于 {deadline}）",
            "en": "unit {subject} did not publish {what!r} before its election on {first} "
            "(due by {deadline})",
        },
        "after": {
            "zh": "选举单位 {subject} 在 {last} 选举结束后未公开“{what}”（应不晚于 {deadline}）",
            "en": "unit {subject} did not publish {what!r} after its election ended on {last} "
            "(due by {deadline})",
        },
        "before_late": {
            "zh": "选举单位 {subject} 在 {first} 选举前未公开“{what}”，"
            "{done_late_on} 才公开（应不晚于 {deadline}）",
            "en": "unit {subject} published {what!r} only on {done_late_on}, not before its election on "
            "{first} (due by {deadline})",
        },
        "after_late": {
            "zh": "选举单位 {subject} 在 {last} 选举结束后，"
            "{done_late_on} 才公开“{what}”（应不晚于 {deadline}）",
            "en": "unit {subject} published {what!r} only on {done_late_on}, after its election ended on "
            "{last} (due by {deadline})",
        },
    }

    def probes(self, params: PublicityParams, setting: Setting, choices: Choices) -> Iterator[ProbeSpec]:
        from .probes import publicity_probes

        return publicity_probes(params, setting, choices)

    def describe(self, params: PublicityParams) -> list[Duty]:
        return publicity_duties(params)

    def evaluate(self, rule: RuleRef, params: PublicityParams, ctx: KindContext) -> Iterator[Finding]:
        posts: dict[tuple[str, str], list[PublicityPosted]] = {}
        for p in ctx.of(PublicityPosted):
            if p.unit is not None:
                posts.setdefault((p.unit, p.what), []).append(p)
        by_unit: dict[str, list[ElectionHeld]] = {}
        for b in _ballots(ctx, params.ballots):
            by_unit.setdefault(b.unit, []).append(b)
        for unit in sorted(by_unit):
            previous_end: date | None = None
            for ballots in _rounds(ctx, by_unit[unit]):
                first, last = ballots[0].date, ballots[-1].date
                for item in params.items:
                    mine = posts.get((unit, item.what), [])
                    if item.when == "before":
                        deadline = first - timedelta(days=item.lead)
                        lo = previous_end + ONE_DAY if previous_end is not None else date.min
                        window = Period(lo, deadline, "window")
                        counted = [p for p in mine if lo <= p.date <= deadline]
                        period = None  # the ballot was held: the chance has passed
                    else:
                        deadline = last + timedelta(days=item.lead)
                        window = period = Period(last, deadline, "window")
                        counted = [p for p in mine if last <= p.date <= deadline]
                    if counted:
                        continue
                    late = sorted((p for p in mine if window.end < p.date <= ctx.as_of), key=_date_and_id)
                    if item.when == "before":
                        late = [p for p in late if p.date <= last]
                    # late is not done: published after the deadline, the duty stays broken, done late
                    done_late = {"done_late_on": late[0].date.isoformat()} if late else {}
                    yield ctx.finding(
                        rule, ctx.unmet(rule, period), unit, period, [*ballots, *late],
                        f"{item.when}_late" if late else item.when,
                        key=(ballots[0].id, item.when, item.what),
                        what=item.what, first=first.isoformat(), last=last.isoformat(),
                        deadline=deadline.isoformat(), late=[p.id for p in late], **done_late,
                    )  # fmt: skip
                previous_end = last


# ---- rep_listing ---------------------------------------------------------------


class RepListing(RuleKind[RepListingParams]):
    name = "rep_listing"
    params_model = RepListingParams
    details = kind_details.REP_LISTING
    consumes = frozenset({"rep.elected", "rep.disqualified", "publicity.posted"})
    summary = "every rep's role and contact details posted at the required places"
    messages: ClassVar = {
        "missing": {
            "zh": "代表 {subject} 自 {start} 当选后未在{missing_zh}公示职务和联系方式（应不晚于 {deadline}）",
            "en": "rep {subject}, seated on {start}, was not listed at {missing_en} (due by {deadline})",
        },
        "late": {
            "zh": "代表 {subject} 自 {start} 当选后，{done_late_on} 才在{missing_zh}公示职务和联系方式"
            "（应不晚于 {deadline}）",
            "en": "rep {subject}, seated on {start}, was listed at {missing_en} only on {done_late_on} "
            "(due by {deadline})",
        },
    }

    def probes(self, params: RepListingParams, setting: Setting, choices: Choices) -> Iterator[ProbeSpec]:
        from .probes import rep_listing_probes

        return rep_listing_probes(params, setting, choices)

    def describe(self, params: RepListingParams) -> list[Duty]:
        return rep_listing_duties(params)

    def evaluate(self, rule: RuleRef, params: RepListingParams, ctx: KindContext) -> Iterator[Finding]:
        posts = ctx.by(PublicityPosted, "rep")
        for rep in sorted(ctx.roster.seats):
            mine = [p for p in posts.get(rep, []) if params.what is None or p.what == params.what]
            for seat in ctx.roster.seats[rep]:
                deadline = seat.start + timedelta(days=params.days)
                if seat.end is not None and seat.end <= deadline:
                    continue  # the seat was lost before the listing fell due
                window = Period(seat.start, deadline, "window")
                done = {p.place for p in ctx.within(mine, window)}
                missing = [place for place in params.places if place not in done]
                if not missing:
                    continue
                counted = [p for p in ctx.within(mine, window) if p.place in params.places]
                # late is not done: listed at every missing place only after the deadline
                end = seat.end if seat.end is not None else ctx.as_of + ONE_DAY
                late: dict[str, PublicityPosted] = {}
                for p in mine:
                    if deadline < p.date < end and p.place in missing:
                        late.setdefault(p.place, p)
                done_late: dict[str, str] = {}
                if len(late) == len(missing):
                    done_late = {"done_late_on": max(p.date for p in late.values()).isoformat()}
                    counted += late.values()
                yield ctx.finding(
                    rule, ctx.unmet(rule, window), rep, window, [seat.elected, *counted],
                    "late" if done_late else "missing", key=seat.elected.id, **done_late,
                    missing=missing, missing_zh="、".join(missing), missing_en=", ".join(missing),
                    start=seat.start.isoformat(), deadline=deadline.isoformat(),
                )  # fmt: skip
