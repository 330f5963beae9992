"""The yearly appraisal: ``appraisal``.

One kind covers the appraisal clauses: committee members appraised by the reps every
year within a window of the calendar (张家港 000:L198–L218), every rep's yearly review
(×区 003:L32), the ratings allowed, and the form of each round (``appraisal.held``:
secret forms, the dimensions rated, the panel and its leader). A pack writes one rule
per clause, each switching on the checks its clause makes.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, cast

from ...events import AppraisalHeld, Event, RatingGiven
from ...periods import Period
from ..base import KindContext, RuleKind, RuleRef
from ..describing import Duty
from ..study.describe import RATING_ZH
from . import details as kind_details
from .describe import SUBJECT_EN, SUBJECT_ZH, appraisal_duties
from .params import AppraisalParams

if TYPE_CHECKING:
    from ...findings import Finding
    from ..probing import Choices, ProbeSpec, Setting


class Appraisal(RuleKind[AppraisalParams]):
    name = "appraisal"
    params_model = AppraisalParams
    details = kind_details.APPRAISAL
    consumes = frozenset(
        {"rating.given", "appraisal.held", "committee.appointed", "rep.elected", "group.formed"}
    )
    summary = "the yearly appraisal: who is rated, when, with which ratings, by what panel and form"
    messages: ClassVar = {
        "missing": {
            "zh": "{subject_zh} {subject} 未获{year}年度评议等次（应在{period}完成）",
            "en": "{subject_en} {subject} was given no rating for {year} (due in {period})",
        },
        "late": {
            "zh": "{subject_zh} {subject} 的{year}年度评议等次于 {done_late_on} 才评定，"
            "晚于期限（应在{period}完成）",
            "en": "{subject_en} {subject} was rated for {year} only on {done_late_on}, "
            "after it was due (in {period})",
        },
        "outside": {
            "zh": "{subject_zh} {subject} 的{year}年度评议等次于 {date} 评定，不在规定时间{window}内",
            "en": "{subject_en} {subject} was rated for {year} on {date}, outside the window {window}",
        },
        "rating": {
            "zh": "{subject_zh} {subject} 的{year}年度评议等次为{rating_zh}，等次只能是{allowed_zh}",
            "en": "{subject_en} {subject} was rated {rating} for {year}; the ratings are {allowed_en}",
        },
        "no_round": {
            "zh": "{year}年度没有开展民主评议（应在{period}完成）",
            "en": "no appraisal round was held for {year} (due in {period})",
        },
        "round_late": {
            "zh": "{year}年度民主评议于 {done_late_on} 才开展，晚于期限（应在{period}完成）",
            "en": "the appraisal round for {year} was held only on {done_late_on}, "
            "after it was due (in {period})",
        },
        "round_outside": {
            "zh": "{year}年度民主评议 {subject} 于 {date} 开展，不在规定时间{window}内",
            "en": "the appraisal round {subject} for {year} was held on {date}, outside the window {window}",
        },
        "secret": {
            "zh": "{year}年度民主评议 {subject}（{date}）{secret_zh}，应以无记名方式填写评议表",
            "en": "the appraisal round {subject} for {year} ({date}) {secret_en}; secret forms required",
        },
        "dimensions": {
            "zh": "{year}年度民主评议 {subject}（{date}）测评 {dimensions_zh} 个方面，应不少于 {min} 个",
            "en": "the appraisal round {subject} for {year} ({date}) rated {dimensions_en} dimensions; "
            "at least {min} required",
        },
        "panel_size": {
            "zh": "{year}年度民主评议 {subject}（{date}）的评议组有 {size} 人，应为 {bound} 人",
            "en": "the panel of the appraisal round {subject} for {year} ({date}) had {size} members; "
            "required {bound}",
        },
        "panel_leader": {
            "zh": "{year}年度民主评议 {subject}（{date}）{leader_zh}",
            "en": "the appraisal round {subject} for {year} ({date}) {leader_en}",
        },
        "panel_incomplete": {
            "zh": "{year}年度民主评议 {subject}（{date}）的评议组缺少代表小组{officer_zh} {absent_zh}",
            "en": "the panel of the appraisal round {subject} for {year} ({date}) leaves out the group "
            "{officer_en} {absent_en}",
        },
        "panel_member": {
            "zh": "{year}年度民主评议 {subject}（{date}）的评议组成员 {outsiders_zh} "
            "不是代表小组{officer_zh}",
            "en": "the panel of the appraisal round {subject} for {year} ({date}) includes {outsiders_en}, "
            "who {verb} not {officer_en} of a group",
        },
    }

    def probes(self, params: AppraisalParams, setting: Setting, choices: Choices) -> Iterator[ProbeSpec]:
        from .probes import appraisal_probes

        return appraisal_probes(params, setting, choices)

    def describe(self, params: AppraisalParams) -> list[Duty]:
        return appraisal_duties(params)

    def evaluate(self, rule: RuleRef, params: AppraisalParams, ctx: KindContext) -> Iterator[Finding]:
        if params.subjects is not None:
            yield from self._ratings(rule, params, ctx)
        rounds = sorted(ctx.of(AppraisalHeld), key=lambda e: (e.date, e.id))
        if params.rounds:
            yield from self._rounds(rule, params, ctx, rounds)
        for r in rounds:
            yield from self._form(rule, params, ctx, r)

    # ---- the subjects' ratings ------------------------------------------------
    def _ratings(self, rule: RuleRef, params: AppraisalParams, ctx: KindContext) -> Iterator[Finding]:
        roster = ctx.roster
        who = params.subjects
        people = sorted(roster.committee) if who == "committee" else sorted(roster.seats)
        by_person = ctx.by(RatingGiven, "person")
        words: dict[str, Any] = {
            "subject_zh": SUBJECT_ZH[cast(str, who)],
            "subject_en": SUBJECT_EN[cast(str, who)],
        }
        broken = ctx.broken(rule)
        window = params.ratings_window
        due_in: dict[int, Period] = {}  # the same for every subject
        for person in people:
            given = sorted(by_person.get(person, []), key=lambda r: (r.year, r.date, r.id))
            years: dict[int, list[RatingGiven]] = {}
            for r in given:
                years.setdefault(r.year, []).append(r)
            if who == "committee":
                intervals = roster.committee_interval(person)
                basis: list[Event] = [roster.committee[person]]
            else:
                intervals = roster.rep_intervals(person)
                basis = [s.elected for s in roster.seats[person]]
            told_late: set[str] = set()  # ratings a "late" finding already names
            for period in ctx.periods("year", intervals, params.presence) if params.every_year else ():
                year = period.start.year
                due = due_in.get(year)
                if due is None:
                    due = due_in[year] = params.rating_due(year)
                if year in years:
                    # late is not done: the year's ratings all dated after the deadline leave it
                    # broken, under the id of the missing rating, and say when it came
                    if years[year][0].date <= due.end:
                        continue
                    late = years[year][0]
                    if window is not None:
                        told_late.update(r.id for r in years[year])
                    made = [e for e in basis if e.date <= period.end]
                    yield ctx.finding(
                        rule, broken, person, due, [*made, late], "late",
                        year=year, done_late_on=late.date.isoformat(), **words,
                    )  # fmt: skip
                    continue
                if due.start > ctx.as_of:  # nothing is owed before the window opens
                    continue
                made = [e for e in basis if e.date <= period.end]
                yield ctx.finding(
                    rule, ctx.unmet(rule, due), person, due, made, "missing", year=year, **words
                )
            for r in given if window is not None or params.allowed is not None else ():
                year_period = Period(date(r.year, 1, 1), date(r.year, 12, 31), "year")
                common = {"year": r.year, "date": r.date.isoformat(), "rating": r.rating, **words}
                if window is not None and r.id not in told_late:
                    span = window.span(r.year)
                    if not span.contains(r.date):
                        yield ctx.finding(
                            rule, broken, person, year_period, [r], "outside", key=(r.id, "window"),
                            window=_window_label(span), **common,
                        )  # fmt: skip
                if params.allowed is not None and r.rating not in params.allowed:
                    yield ctx.finding(
                        rule, broken, person, year_period, [r], "rating", key=(r.id, "rating"),
                        rating_zh=RATING_ZH[r.rating], allowed=list(params.allowed),
                        allowed_zh="、".join(RATING_ZH[a] for a in params.allowed),
                        allowed_en=", ".join(params.allowed), **common,
                    )  # fmt: skip

    # ---- the rounds ---------------------------------------------------------------
    def _rounds(
        self, rule: RuleRef, params: AppraisalParams, ctx: KindContext, rounds: list[AppraisalHeld]
    ) -> Iterator[Finding]:
        intervals = [t.interval for t in ctx.roster.terms]
        told_late: set[str] = set()
        held: dict[int, AppraisalHeld] = {}
        for r in rounds:  # in (date, id) order: the first round of each year
            held.setdefault(r.year, r)
        for period in ctx.periods("year", intervals, params.presence):
            year = period.start.year
            due = params.due(year)
            if year in held:
                # late is not done: a first round after the deadline leaves the year broken, under
                # the id of the missing round (and is not reported again as outside the window)
                first = held[year]
                if first.date > due.end:
                    told_late.add(first.id)
                    yield ctx.finding(
                        rule, ctx.broken(rule), "appraisal", due, [first], "round_late",
                        key=(), year=year, done_late_on=first.date.isoformat(),
                    )  # fmt: skip
                continue
            if due.start > ctx.as_of:  # nothing is owed before the window opens
                continue
            yield ctx.finding(rule, ctx.unmet(rule, due), "appraisal", due, [], "no_round", year=year)
        if params.window is None:
            return
        for r in rounds:
            window = params.window.span(r.year)
            if r.id not in told_late and not window.contains(r.date):
                yield ctx.finding(
                    rule, ctx.broken(rule), r.id, None, [r], "round_outside", key="window",
                    year=r.year, date=r.date.isoformat(), window=_window_label(window),
                )  # fmt: skip

    def _form(
        self, rule: RuleRef, params: AppraisalParams, ctx: KindContext, r: AppraisalHeld
    ) -> Iterator[Finding]:
        status = ctx.broken(rule)
        common: dict[str, Any] = {"year": r.year, "date": r.date.isoformat()}
        if params.secret and r.secret is not True:
            recorded = r.secret is not None
            yield ctx.finding(
                rule, status, r.id, None, [r], "secret", key="secret", recorded=recorded,
                secret_zh="未采用无记名方式" if recorded else "未记录是否无记名",
                secret_en="was not secret" if recorded else "does not record whether it was secret",
                **common,
            )  # fmt: skip
        if params.min_dimensions is not None and (
            r.dimensions is None or r.dimensions < params.min_dimensions
        ):
            yield ctx.finding(
                rule, status, r.id, None, [r], "dimensions", key="dimensions",
                min=params.min_dimensions, dimensions=r.dimensions,
                dimensions_zh="（未记录）" if r.dimensions is None else r.dimensions,
                dimensions_en="an unrecorded number of" if r.dimensions is None else r.dimensions,
                **common,
            )  # fmt: skip
        size = len(r.panel)
        lo, hi = params.panel_min, params.panel_max
        if (lo is not None and size < lo) or (hi is not None and size > hi):
            bound = str(lo) if lo == hi else f"{lo}–{hi}" if lo and hi else f"≥{lo}" if lo else f"≤{hi}"
            yield ctx.finding(
                rule, status, r.id, None, [r], "panel_size", key="panel_size",
                size=size, bound=bound, panel_min=lo, panel_max=hi, **common,
            )  # fmt: skip
        if params.panel_leader and (r.panel_leader is None or r.panel_leader not in r.panel):
            named = r.panel_leader is not None
            yield ctx.finding(
                rule, status, r.id, None, [r], "panel_leader", key="panel_leader",
                panel_leader=r.panel_leader,
                leader_zh=f"的评议组组长 {r.panel_leader} 不是评议组成员" if named else "未明确评议组组长",
                leader_en=f"names {r.panel_leader} as panel leader, who is not on the panel"
                if named else "names no panel leader",
                **common,
            )  # fmt: skip
        if params.panel_from is not None:
            yield from self._panel_from(rule, params.panel_from, params.panel_complete, ctx, r, common)

    @staticmethod
    def _panel_from(
        rule: RuleRef,
        panel_from: str,
        complete: bool,
        ctx: KindContext,
        r: AppraisalHeld,
        common: dict[str, Any],
    ) -> Iterator[Finding]:
        roster = ctx.roster
        officers: set[str] = set()
        states: list[str] = []
        for g in sorted(roster.groups):
            if not any(iv.contains(r.date) for iv in roster.group_interval(g)):
                continue  # a group ends with its term
            state = roster.group_state(g, r.date)
            if state is None:
                continue
            roles = [state.leader] + ([state.deputy] if panel_from == "group_officers" else [])
            for person in roles:
                if person is not None and roster.is_seated(person, r.date):
                    officers.add(person)
            states.append(state.event_id)
        people = list(r.panel) + (
            [r.panel_leader] if r.panel_leader and r.panel_leader not in r.panel else []
        )
        outsiders = sorted(p for p in people if p not in officers)
        leaders_only = panel_from == "group_leaders"
        absent = sorted(officers - set(people)) if complete else []
        if absent:
            yield ctx.finding(
                rule, ctx.broken(rule), r.id, None, [r, *states], "panel_incomplete", key="panel_incomplete",
                absent=absent, absent_zh="、".join(absent), absent_en=", ".join(absent),
                officer_zh="组长" if leaders_only else "组长或副组长",
                officer_en="leaders" if leaders_only else "leaders or deputies", panel_from=panel_from,
                **common,
            )  # fmt: skip
        if not outsiders:
            return
        yield ctx.finding(
            rule, ctx.broken(rule), r.id, None, [r, *states], "panel_member", key="panel_member",
            outsiders=outsiders, outsiders_zh="、".join(outsiders), outsiders_en=", ".join(outsiders),
            verb="is" if len(outsiders) == 1 else "are",
            officer_zh="组长" if leaders_only else "组长或副组长",
            officer_en="the leader" if leaders_only else "the leader or deputy", panel_from=panel_from,
            **common,
        )  # fmt: skip


def _window_label(p: Period) -> str:
    return f"{p.start.isoformat()}/{p.end.isoformat()}"
