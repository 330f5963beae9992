"""Kinds about each rep's own duties and standing: ``rep_report``, ``rep_minimum``, ``credentials``,
``term_length``, ``seat_validity``, ``pledge``.

Shared notions:

- A rep *owes* a period when their seats (only the seats whose ``rep.elected``
  passes ``applies_to``) cover it per the presence rule; only acts dated while
  the rep held a seat count.
- A deadline-bound duty (a credential, a disqualification, a pledge) runs over
  the span from the day it starts to its deadline: ``pending`` while the deadline
  is after ``as_of``, a finding of the rule's severity once it has passed; the
  deadline day itself still counts.
"""

from __future__ import annotations

import bisect
import calendar
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar

from ...events import (
    EVENT_TYPES,
    CongressOpened,
    Event,
    MemberTransferred,
    PledgeDone,
    PledgeMade,
    ProposalFiled,
    RepDisqualified,
    RepReported,
)
from ...periods import ONE_DAY, Interval, Period, add_years, covered
from ...roster import DEFAULT_TERM_YEARS
from ..base import KindContext, RuleKind, RuleRef
from ..contacts.params import RepFilter
from ..describing import Duty
from ..proposals.describe import FORM_ZH
from ..proposals.rules import span
from . import details as kind_details
from .describe import (
    ACT_EN,
    ACT_ZH,
    ROLE_EN,
    ROLE_ZH,
    TO_EN,
    TO_ZH,
    credentials_duties,
    pledge_duties,
    rep_minimum_duties,
    rep_report_duties,
    seat_validity_duties,
    term_length_duties,
)
from .params import (
    ACT_FIELDS,
    ACTING_FIELDS,
    CredentialsParams,
    PledgeParams,
    RepMinimumParams,
    RepReportParams,
    SeatValidityParams,
    TermLengthParams,
)

if TYPE_CHECKING:
    from ...findings import Finding, Status
    from ...roster import Roster, Seat
    from ..probing import Choices, ProbeSpec, Setting

__all__ = ["Credentials", "Pledge", "RepMinimum", "RepReport", "SeatValidity", "TermLength"]


def _seats(roster: Roster, rep: str, applies_to: RepFilter | None) -> list[Seat]:
    """The seats of ``rep`` whose ``rep.elected`` passes the filter."""
    seats = roster.seats.get(rep, [])
    return list(seats) if applies_to is None else [s for s in seats if applies_to.matches(s.elected)]


def _seated_slices(
    ctx: KindContext, acts: Sequence[Event], period: Period, seats: Sequence[Seat]
) -> list[Sequence[Event]]:
    """The slices of the date-ordered ``acts`` within ``period`` on days one of ``seats`` was held."""
    return [ctx.within(acts, Period(lo, hi, period.kind)) for lo, hi in covered(period, seats)]


def _in_order(slices: Iterable[Sequence[Event]]) -> list[Event]:
    """The acts of ``slices`` in (date, id) order, so that a day's order in the log changes nothing."""
    return sorted((e for sl in slices for e in sl), key=lambda e: (e.date, e.id))


def _elections(seats: Sequence[Seat], period: Period) -> list[Event]:
    """The elections that made a rep owe ``period``: cited beside the acts counted."""
    return [s.elected for s in seats if s.start <= period.end]


# ---- rep_report -----------------------------------------------------------
def _window_end(period: Period, months: Sequence[int] | None) -> date:
    """The last day of ``period`` that falls in one of ``months`` (the period's end without months)."""
    if not months:
        return period.end
    d = period.end
    while d >= period.start:
        if d.month in months:
            return d
        d = d.replace(day=1) - ONE_DAY
    return period.end


class RepReport(RuleKind[RepReportParams]):
    name = "rep_report"
    params_model = RepReportParams
    details = kind_details.REP_REPORT
    consumes = frozenset({"rep.reported", "rep.elected", "rep.disqualified"})
    summary = "each rep reports to the members who elected them, every year"
    messages: ClassVar = {
        "few": {
            "zh": "代表 {subject} 在{period}{to_zh}述职 {count} 次，应不少于 {min} 次{window_zh}",
            "en": "rep {subject} reported{to_en} {count} times in {period}{window_en}; "
            "at least {min} required",
        },
    }

    def probes(self, params: RepReportParams, setting: Setting, choices: Choices) -> Iterator[ProbeSpec]:
        from .probes import rep_report_probes

        return rep_report_probes(params, setting, choices)

    def describe(self, params: RepReportParams) -> list[Duty]:
        return rep_report_duties(params)

    def evaluate(self, rule: RuleRef, params: RepReportParams, ctx: KindContext) -> Iterator[Finding]:
        roster = ctx.roster
        audiences = None if params.to is None else set(params.to)
        months = None if params.months is None else set(params.months)
        to_zh = "" if params.to is None else "向" + "或".join(TO_ZH.get(t, t) for t in params.to)
        to_en = "" if params.to is None else " to " + " or ".join(TO_EN.get(t, t) for t in params.to)
        window_zh = window_en = ""
        if params.months:
            window_zh = "（应在" + "、".join(f"{m}月" for m in sorted(params.months)) + "）"
            window_en = " (in " + ", ".join(calendar.month_name[m] for m in sorted(params.months)) + ")"
        by_rep = ctx.by(RepReported, "rep")
        # the status of a period: judged on the window's last day (the same for every rep)
        status_of: dict[Period, Status] = {}
        for rep in sorted(roster.seats):
            seats = _seats(roster, rep, params.applies_to)
            if not seats:
                continue
            # in (date, id) order, so that the reports of any stretch of days are a slice in order
            mine = sorted(
                (
                    r
                    for r in by_rep.get(rep, ())
                    if (audiences is None or (r.to or "unit") in audiences)
                    and (months is None or r.date.month in months)
                ),
                key=_date_and_id,
            )
            dates = [r.date for r in mine]
            for period in ctx.periods(
                params.period, [Interval(s.start, s.end) for s in seats], params.presence
            ):
                # the reports made on days a seat was held (seats are disjoint and in order)
                counted: list[Event] = []
                for lo, hi in covered(period, seats):
                    counted += mine[bisect.bisect_left(dates, lo) : bisect.bisect_right(dates, hi)]
                if len(counted) >= params.min:
                    continue
                status = status_of.get(period)
                if status is None:
                    judged = span(period.start, _window_end(period, params.months))
                    status = status_of[period] = ctx.unmet(rule, judged)
                yield ctx.finding(
                    rule, status, rep, period, [*counted, *_elections(seats, period)], "few",
                    count=len(counted), min=params.min, to=params.to, months=params.months,
                    to_zh=to_zh, to_en=to_en, window_zh=window_zh, window_en=window_en,
                    reports=[r.id for r in counted],
                )  # fmt: skip


def _date_and_id(ev: Event) -> tuple[date, str]:
    return (ev.date, ev.id)


# ---- rep_minimum ----------------------------------------------------------


def _act_zh(etype: str, forms: Sequence[str] | None) -> str:
    if etype == "proposal.filed" and forms:
        return "联名提出" + "或".join(FORM_ZH[f] for f in forms)
    return ACT_ZH[etype]


def _act_en(etype: str, forms: Sequence[str] | None) -> str:
    if etype == "proposal.filed" and forms:
        return " or ".join(f"{f}s" for f in forms) + " sponsored"
    return ACT_EN[etype]


def _named(ev: Event, fields: tuple[str, ...]) -> Iterator[str]:
    """The reps an event names in ``fields`` (a name from :data:`ACT_FIELDS`/:data:`ACTING_FIELDS`)."""
    for name in fields:
        value = getattr(ev, name)
        if value is None:
            continue
        if isinstance(value, str):
            yield value
        else:
            yield from value


class RepMinimum(RuleKind[RepMinimumParams]):
    name = "rep_minimum"
    params_model = RepMinimumParams
    details = kind_details.REP_MINIMUM
    consumes = frozenset({*ACT_FIELDS, "rep.elected", "rep.disqualified", "congress.opened"})
    summary = "each rep does a given act at least N times per period (e.g. a suggestion per term)"
    messages: ClassVar = {
        "few": {
            "zh": "代表 {subject} 在{period}{what_zh} {count} 次，应不少于 {min} 次",
            "en": "rep {subject} has {count} {what_en} in {period}; at least {min} required",
        },
    }

    def probes(self, params: RepMinimumParams, setting: Setting, choices: Choices) -> Iterator[ProbeSpec]:
        from .probes import rep_minimum_probes

        return rep_minimum_probes(params, setting, choices)

    def describe(self, params: RepMinimumParams) -> list[Duty]:
        return rep_minimum_duties(params)

    def reads(self, params: RepMinimumParams) -> frozenset[str]:
        return frozenset({*params.events, "rep.elected", "rep.disqualified", "congress.opened"})

    def evaluate(self, rule: RuleRef, params: RepMinimumParams, ctx: KindContext) -> Iterator[Finding]:
        roster = ctx.roster
        forms = None if params.forms is None else set(params.forms)
        # each source: date-ordered acts by rep; single-rep events come from the shared ctx.by index
        sources: list[Mapping[str, list[Event]]] = []
        for etype in params.events:
            fields = ACT_FIELDS[etype]
            if fields == ("rep",):
                sources.append(ctx.by(etype, "rep"))
                continue
            by_rep: dict[str, list[Event]] = {}
            for ev in ctx.of(etype):
                if forms is not None and isinstance(ev, ProposalFiled) and ev.form not in forms:
                    continue
                for rep in set(_named(ev, fields)):
                    by_rep.setdefault(rep, []).append(ev)
            sources.append(by_rep)
        what_zh = "或".join(_act_zh(e, params.forms) for e in params.events)
        what_en = " or ".join(_act_en(e, params.forms) for e in params.events)
        for rep in sorted(roster.seats):
            seats = _seats(roster, rep, params.applies_to)
            if not seats:
                continue
            mine = [src[rep] for src in sources if rep in src]
            for period in ctx.periods(
                params.period, [Interval(s.start, s.end) for s in seats], params.presence
            ):
                slices = [sl for acts in mine for sl in _seated_slices(ctx, acts, period, seats)]
                if sum(map(len, slices)) >= params.min:
                    continue
                counted = _in_order(slices)
                yield ctx.finding(
                    rule, ctx.unmet(rule, period), rep, period, [*counted, *_elections(seats, period)], "few",
                    count=len(counted), min=params.min, events=list(params.events),
                    what_zh=what_zh, what_en=what_en, counted=[e.id for e in counted],
                )  # fmt: skip


# ---- credentials ----------------------------------------------------------


class Credentials(RuleKind[CredentialsParams]):
    name = "credentials"
    params_model = CredentialsParams
    details = kind_details.CREDENTIALS
    consumes = frozenset({"rep.credentialed", "rep.elected", "rep.disqualified"})
    summary = "every rep holds a certificate and handbook, issued soon after election"
    messages: ClassVar = {
        "missing": {
            "zh": "代表 {subject} 于 {elected} 当选，至期限 {deadline} 未颁发代表证和工作手册",
            "en": "rep {subject}, elected on {elected}, had no certificate and handbook by {deadline}",
        },
        "open": {
            "zh": "代表 {subject} 于 {elected} 当选，尚未颁发代表证和工作手册，期限为 {deadline}",
            "en": "rep {subject}, elected on {elected}, has no certificate and handbook yet; "
            "due by {deadline}",
        },
        "late": {
            "zh": "代表 {subject} 于 {elected} 当选，{credentialed} 才颁发代表证和工作手册，"
            "晚于期限 {deadline}",
            "en": "rep {subject}, elected on {elected}, received a certificate and handbook "
            "on {credentialed}, after the deadline {deadline}",
        },
    }

    def probes(self, params: CredentialsParams, setting: Setting, choices: Choices) -> Iterator[ProbeSpec]:
        from .probes import credentials_probes

        return credentials_probes(params, setting, choices)

    def describe(self, params: CredentialsParams) -> list[Duty]:
        return credentials_duties(params)

    def evaluate(self, rule: RuleRef, params: CredentialsParams, ctx: KindContext) -> Iterator[Finding]:
        roster = ctx.roster
        grace = timedelta(days=params.days)
        for rep in sorted(roster.seats):
            issued = sorted(roster.credentialed.get(rep, []), key=lambda e: (e.date, e.id))
            for seat in _seats(roster, rep, params.applies_to):
                deadline = seat.start + grace
                if seat.end is not None and seat.end <= deadline:
                    continue  # the seat was lost within the grace period: nothing was owed
                mine = [c for c in issued if c.date >= seat.start and (seat.end is None or c.date < seat.end)]
                if mine and mine[0].date <= deadline:
                    continue
                period = span(seat.start, deadline)
                args = {
                    "elected": seat.start.isoformat(),
                    "deadline": deadline.isoformat(),
                    "days": params.days,
                }
                if mine:
                    c = mine[0]
                    yield ctx.finding(
                        rule, ctx.broken(rule), rep, period, [seat.elected, c], "late", key=seat.elected.id,
                        **args, credentialed=c.date.isoformat(),
                    )  # fmt: skip
                    continue
                status = ctx.unmet(rule, period)
                message = "open" if status == "pending" else "missing"
                yield ctx.finding(
                    rule, status, rep, period, [seat.elected], message, key=seat.elected.id, **args
                )


# ---- term_length ----------------------------------------------------------


class TermLength(RuleKind[TermLengthParams]):
    name = "term_length"
    params_model = TermLengthParams
    details = kind_details.TERM_LENGTH
    consumes = frozenset({"congress.opened"})
    summary = "the length of a term, and congresses that open before the previous term is over"
    messages: ClassVar = {
        "years": {
            "zh": "{opened} 召开的党代会任期为 {declared} 年，应为 {years} 年",
            "en": "the congress opened on {opened} has a term of {declared} years; required {years}",
        },
        "missing": {
            "zh": "{opened} 召开的党代会未记录任期年限，应为 {years} 年",
            "en": "the congress opened on {opened} records no term length; required {years} years",
        },
        "early": {
            "zh": "{opened} 召开新一届党代会，上届（{previous} 召开）任期 {years} 年应至 {expected_end} 届满",
            "en": "a new congress opened on {opened}, before the previous one (opened {previous}) "
            "ran its {years} years to {expected_end}",
        },
    }

    def probes(self, params: TermLengthParams, setting: Setting, choices: Choices) -> Iterator[ProbeSpec]:
        from .probes import term_length_probes

        return term_length_probes(params, setting, choices)

    def describe(self, params: TermLengthParams) -> list[Duty]:
        return term_length_duties(params)

    def evaluate(self, rule: RuleRef, params: TermLengthParams, ctx: KindContext) -> Iterator[Finding]:
        default = ctx.term_years or DEFAULT_TERM_YEARS
        congresses = sorted(ctx.of(CongressOpened), key=lambda e: (e.date, e.id))
        status = ctx.broken(rule)
        previous: CongressOpened | None = None
        for c in congresses:
            opened = c.date.isoformat()
            if c.term_years is None and params.missing == "finding":
                yield ctx.finding(
                    rule, status, c.id, None, [c], "missing", key="years", opened=opened, years=params.years
                )
            else:
                declared = c.term_years if c.term_years is not None else default
                if declared != params.years:
                    yield ctx.finding(
                        rule, status, c.id, None, [c], "years", key="years",
                        opened=opened, declared=declared, years=params.years, from_pack=c.term_years is None,
                    )  # fmt: skip
            if params.early and previous is not None:
                expected_end = add_years(previous.date, params.years) - ONE_DAY
                if c.date <= expected_end:
                    yield ctx.finding(
                        rule, status, c.id, None, [previous, c], "early", key="early",
                        opened=opened, previous=previous.date.isoformat(), years=params.years,
                        expected_end=expected_end.isoformat(),
                    )  # fmt: skip
            previous = c


# ---- seat_validity --------------------------------------------------------


class SeatValidity(RuleKind[SeatValidityParams]):
    name = "seat_validity"
    params_model = SeatValidityParams
    details = kind_details.SEAT_VALIDITY
    consumes = frozenset({"member.transferred", "rep.disqualified", "rep.elected", *ACTING_FIELDS})
    #: the acts naming one rep are read as columns
    packs = frozenset(t for t, fields in ACTING_FIELDS.items() if fields == ("rep",))
    summary = "a rep whose membership moved away loses the seat, and a rep without a seat does not act as one"
    messages: ClassVar = {
        "kept": {
            "zh": "代表 {subject} 的组织关系于 {transferred} 调离，至期限 {deadline} 未取消代表资格",
            "en": "rep {subject}'s party membership moved away on {transferred}; "
            "the seat was not withdrawn by {deadline}",
        },
        "open": {
            "zh": "代表 {subject} 的组织关系于 {transferred} 调离，尚未取消代表资格，期限为 {deadline}",
            "en": "rep {subject}'s party membership moved away on {transferred}; "
            "the seat is not yet withdrawn, due by {deadline}",
        },
        "late": {
            "zh": "代表 {subject} 的组织关系于 {transferred} 调离，{disqualified} 才取消代表资格，"
            "晚于期限 {deadline}",
            "en": "rep {subject}'s party membership moved away on {transferred}; the seat was withdrawn on "
            "{disqualified}, after the deadline {deadline}",
        },
        "acting_transferred": {
            "zh": "代表 {subject} 的组织关系已于 {transferred} 调离，代表资格自行取消，"
            "{acted} 仍以代表身份{role_zh}（{event_type} {event}）",
            "en": "rep {subject}'s party membership moved away on {transferred}, which ends the seat, "
            "but the rep appears as {role_en} in {event_type} {event} on {acted}",
        },
        "acting": {
            "zh": "代表 {subject} 已于 {disqualified} 取消代表资格，"
            "{acted} 仍以代表身份{role_zh}（{event_type} {event}）",
            "en": "rep {subject} lost the seat on {disqualified} but appears as {role_en} in {event_type} "
            "{event} on {acted}",
        },
    }

    def probes(self, params: SeatValidityParams, setting: Setting, choices: Choices) -> Iterator[ProbeSpec]:
        from .probes import seat_validity_probes

        return seat_validity_probes(params, setting, choices)

    def describe(self, params: SeatValidityParams) -> list[Duty]:
        return seat_validity_duties(params)

    def evaluate(self, rule: RuleRef, params: SeatValidityParams, ctx: KindContext) -> Iterator[Finding]:
        yield from self._transfers(rule, params, ctx)
        if params.acting:
            yield from self._acting(rule, params, ctx)

    def _transfers(self, rule: RuleRef, params: SeatValidityParams, ctx: KindContext) -> Iterator[Finding]:
        """For each transfer, the seat held at the start of its day must end by the deadline."""
        roster = ctx.roster
        grace = timedelta(days=params.days)
        for t in sorted(ctx.of(MemberTransferred), key=lambda e: (e.date, e.id)):
            seat = next(
                (
                    s
                    for s in roster.seats.get(t.rep, ())
                    if s.start <= t.date and (s.end is None or t.date <= s.end)
                ),
                None,
            )
            if seat is None or (seat.end is not None and seat.end == t.date and seat.disqualified is None):
                continue  # no seat held that day (or it ended with the term the day before)
            deadline = t.date + grace
            d = seat.disqualified
            args = {"transferred": t.date.isoformat(), "deadline": deadline.isoformat(), "days": params.days}
            if d is not None and d.date <= deadline:
                continue
            if d is None and seat.end is not None and seat.end - ONE_DAY <= deadline:
                continue  # the term ended within the grace period: the seat lapsed anyway
            period = span(t.date, deadline)
            if d is not None:
                yield ctx.finding(
                    rule,
                    ctx.broken(rule),
                    t.rep,
                    period,
                    [t, d],
                    "late",
                    key=t.id,
                    **args,
                    disqualified=d.date.isoformat(),
                )
                continue
            status = ctx.unmet(rule, period)
            yield ctx.finding(
                rule, status, t.rep, period, [t], "open" if status == "pending" else "kept", key=t.id, **args
            )

    def _acting(self, rule: RuleRef, params: SeatValidityParams, ctx: KindContext) -> Iterator[Finding]:
        roster = ctx.roster
        lost: dict[str, list[RepDisqualified | MemberTransferred]] = {}
        for rep, seats in roster.seats.items():
            for s in seats:
                if s.disqualified is not None:
                    lost.setdefault(rep, []).append(s.disqualified)
        if params.acting_from == "transfer":  # 自行取消: the seat lapses the day the membership moves
            for t in ctx.of(MemberTransferred):
                if roster.is_seated(t.rep, t.date) or any(
                    s.disqualified is not None and s.disqualified.date == t.date
                    for s in roster.seats.get(t.rep, ())
                ):
                    lost.setdefault(t.rep, []).append(t)
        if not lost:
            return
        status = ctx.broken(rule)
        # an act on or before a rep's first loss follows no loss (_last_loss finds none): passed over
        first = {rep: min(loss.date for loss in losses) for rep, losses in lost.items()}
        etypes: Sequence[str] = params.acting_events or list(ACTING_FIELDS)
        for etype in etypes:
            for fld in ACTING_FIELDS[etype]:
                if fld == "rep":  # one rep per event: look up only the reps who lost a seat
                    # as columns (contact.visit: every visit, packed): the acts of those reps picked
                    # in C, then those after the rep's first loss
                    acts = ctx.packed_of(EVENT_TYPES[etype])
                    reps, days = acts.column("rep"), acts.dates
                    by_rep: dict[str, list[Event]] = {}
                    for k in itertools.compress(range(len(reps)), map(first.__contains__, reps)):
                        if days[k] > first[reps[k]]:
                            by_rep.setdefault(reps[k], []).append(acts.event(k))
                    hits = [(rep, ev) for rep in lost for ev in by_rep.get(rep, ())]
                else:
                    hits = [
                        (rep, ev)
                        for ev in ctx.of(etype)
                        if (named := getattr(ev, fld)) and not lost.keys().isdisjoint(named)
                        for rep in named
                        if rep in first and ev.date > first[rep]
                    ]
                for rep, ev in hits:
                    loss = _last_loss(lost[rep], ev.date)
                    if loss is None:
                        continue
                    seat = roster.seat_at(rep, ev.date)
                    common = {
                        "acted": ev.date.isoformat(), "event_type": etype, "event": ev.id,
                        "role": fld, "role_zh": ROLE_ZH[fld], "role_en": ROLE_EN[fld],
                    }  # fmt: skip
                    if isinstance(loss, MemberTransferred):
                        if seat is not None and seat.start > loss.date:
                            continue  # elected again since the move
                        yield ctx.finding(
                            rule, status, rep, None, [loss, ev], "acting_transferred", key=(ev.id, fld),
                            transferred=loss.date.isoformat(), **common,
                        )  # fmt: skip
                        continue
                    if seat is not None:
                        continue
                    yield ctx.finding(
                        rule, status, rep, None, [loss, ev], "acting", key=(ev.id, fld),
                        disqualified=loss.date.isoformat(), **common,
                    )  # fmt: skip


def _last_loss(
    losses: Iterable[RepDisqualified | MemberTransferred] | None, d: date
) -> RepDisqualified | MemberTransferred | None:
    """The last loss of a seat (a disqualification, or a move that ends it) dated strictly before
    ``d``; on one day a disqualification stands for the move."""
    best: RepDisqualified | MemberTransferred | None = None
    for loss in losses or ():
        if loss.date < d and (
            best is None
            or loss.date > best.date
            or (loss.date == best.date and isinstance(loss, RepDisqualified))
        ):
            best = loss
    return best


# ---- pledge ---------------------------------------------------------------


class Pledge(RuleKind[PledgeParams]):
    name = "pledge"
    params_model = PledgeParams
    details = kind_details.PLEDGE
    consumes = frozenset({"pledge.made", "pledge.done", "rep.disqualified"})
    summary = "pledges published with a completion date, and carried out by it"
    messages: ClassVar = {
        "overdue": {
            "zh": "代表 {rep} 的承诺 {subject} 应于 {due} 前完成，到期未完成",
            "en": "pledge {subject} of rep {rep} was due by {due} and was not carried out",
        },
        "open": {
            "zh": "代表 {rep} 的承诺 {subject} 尚未完成，期限为 {due}",
            "en": "pledge {subject} of rep {rep} is not carried out yet; due by {due}",
        },
        "late": {
            "zh": "代表 {rep} 的承诺 {subject} 于 {done} 完成，晚于公布的期限 {due}",
            "en": "pledge {subject} of rep {rep} was carried out on {done}, after its published date {due}",
        },
        "unpublished": {
            "zh": "代表 {rep} 的承诺 {subject} 未公布于众",
            "en": "pledge {subject} of rep {rep} was not published",
        },
    }

    def probes(self, params: PledgeParams, setting: Setting, choices: Choices) -> Iterator[ProbeSpec]:
        from .probes import pledge_probes

        return pledge_probes(params, setting, choices)

    def describe(self, params: PledgeParams) -> list[Duty]:
        return pledge_duties(params)

    def evaluate(self, rule: RuleRef, params: PledgeParams, ctx: KindContext) -> Iterator[Finding]:
        roster = ctx.roster
        done_by = ctx.by(PledgeDone, "pledge")
        for p in sorted(ctx.of(PledgeMade), key=lambda e: (e.date, e.id)):
            base = {"rep": p.rep, "made": p.date.isoformat(), "due": p.due.isoformat()}
            if params.require_published and not p.published:
                yield ctx.finding(
                    rule, ctx.broken(rule), p.pledge, None, [p], "unpublished",
                    key=(p.id, "published"), **base,
                )  # fmt: skip
            if params.skip_unseated and not _seated_through(roster, p.rep, p.date, p.due):
                continue
            done = sorted(
                (d for d in done_by.get(p.pledge, []) if d.date >= p.date),
                key=lambda d: (d.date, d.id),
            )
            if done and done[0].date <= p.due:
                continue
            period = span(p.date, p.due)
            if done:
                yield ctx.finding(
                    rule, ctx.broken(rule), p.pledge, period, [p, done[0]], "late", key=p.id,
                    **base, done=done[0].date.isoformat(), days_late=(done[0].date - p.due).days,
                )  # fmt: skip
                continue
            status = ctx.unmet(rule, period)
            yield ctx.finding(
                rule, status, p.pledge, period, [p], "open" if status == "pending" else "overdue",
                key=p.id, **base,
            )  # fmt: skip


def _seated_through(roster: Roster, rep: str, start: date, end: date) -> bool:
    """Whether one seat of ``rep`` covers every day from ``start`` to ``end``."""
    return any(s.start <= start and (s.end is None or s.end > end) for s in roster.seats.get(rep, ()))
