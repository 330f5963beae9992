"""Kinds about reps' proposals, suggestions and inquiries: ``proposal_sponsors``, ``proposal_response``.

A filing is one ``proposal.filed`` event; its answers are the ``proposal.answered``
events naming the same ``proposal`` id, dated on or after the filing. Each filing
is judged on its own, so a proposal filed twice is judged twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar, cast

from ...events import ProposalAnswered, ProposalFiled
from ...periods import Period
from ..base import KindContext, RuleKind, RuleRef
from ..describing import Duty
from . import details as kind_details
from .describe import FORM_ZH, MODE_EN, MODE_ZH, proposal_response_duties, proposal_sponsors_duties
from .params import DeadlineFallback, ProposalResponseParams, ProposalSponsorsParams

if TYPE_CHECKING:
    from ...findings import Finding
    from ..probing import Choices, ProbeSpec, Setting

__all__ = [
    "ProposalResponse",
    "ProposalSponsors",
    "deadline_after",
    "span",
]


def deadline_after(ctx: KindContext, start: date, days: int | None, fallback: DeadlineFallback) -> date:
    """The last day of a duty that started on ``start``: ``days`` later (the day ``start + days``
    still counts), or else the end of the year or of the term ``start`` falls in (the year's end
    when no term covers ``start``)."""
    if days is not None:
        return start + timedelta(days=days)
    if fallback == "term":
        term = ctx.roster.term_at(start)
        if term is not None:
            return term.end
    return date(start.year, 12, 31)


def span(start: date, end: date) -> Period:
    """The stretch a deadline-bound duty runs: ``[start, end]`` (a period of kind ``span``).

    ``ctx.unmet`` calls it open, hence ``pending``, while ``end`` is after ``as_of``."""
    return Period(min(start, end), end, "span")


def _filings(ctx: KindContext) -> list[ProposalFiled]:
    return ctx.of(ProposalFiled)

    return cast("list[ProposalFiled]", ctx.of("proposal.filed"))


# ---- proposal_sponsors ----------------------------------------------------


class ProposalSponsors(RuleKind[ProposalSponsorsParams]):
    name = "proposal_sponsors"
    params_model = ProposalSponsorsParams
    details = kind_details.PROPOSAL_SPONSORS
    consumes = frozenset({"proposal.filed", "rep.elected", "rep.disqualified"})
    summary = "co-sponsors a proposal needs"
    messages: ClassVar = {
        "few": {
            "zh": "{form_zh} {subject} 于 {filed} 提出，联名的在任代表 {count} 人，应为 {min} 人以上",
            "en": "{form} {subject} filed on {filed} had {count} seated sponsors; {min} or more required",
        },
    }

    def probes(
        self, params: ProposalSponsorsParams, setting: Setting, choices: Choices
    ) -> Iterator[ProbeSpec]:
        from .probes import proposal_sponsors_probes

        return proposal_sponsors_probes(params, setting, choices)

    def describe(self, params: ProposalSponsorsParams) -> list[Duty]:
        return proposal_sponsors_duties(params)

    def evaluate(self, rule: RuleRef, params: ProposalSponsorsParams, ctx: KindContext) -> Iterator[Finding]:
        """Count the distinct sponsors seated at the end of the filing day.

        A sponsor who lost the seat on or before that day does not count (the
        roster's rule: disqualified on day D is not seated on D); the
        disqualification is cited as evidence.
        """
        roster = ctx.roster
        for f in _filings(ctx):
            need = params.min.get(f.form)
            if need is None:
                continue
            seated = [r for r in f.sponsors if roster.is_seated(r, f.date)]
            if len(seated) >= need:
                continue
            unseated = [r for r in f.sponsors if r not in seated]
            lost = [
                s.disqualified
                for r in unseated
                for s in roster.seats.get(r, ())
                if s.disqualified is not None and s.disqualified.date <= f.date
            ]
            yield ctx.finding(
                rule,
                ctx.broken(rule),
                f.proposal,
                None,
                [f, *(d for d in lost if d is not None)],
                "few",
                key=f.id,
                form=f.form,
                form_zh=FORM_ZH[f.form],
                filed=f.date.isoformat(),
                count=len(seated),
                min=need,
                sponsors=list(f.sponsors),
                unseated=unseated,
            )


# ---- proposal_response ----------------------------------------------------


class ProposalResponse(RuleKind[ProposalResponseParams]):
    name = "proposal_response"
    params_model = ProposalResponseParams
    details = kind_details.PROPOSAL_RESPONSE
    consumes = frozenset({"proposal.filed", "proposal.answered", "congress.opened"})
    summary = "answering proposals, suggestions and inquiries: by when, how"
    messages: ClassVar = {
        "unanswered": {
            "zh": "{form_zh} {subject} 于 {filed} 提出，至期限 {deadline} 未{how_zh}答复",
            "en": "{form} {subject} filed on {filed} was not answered{how_en} by its deadline {deadline}",
        },
        "open": {
            "zh": "{form_zh} {subject} 于 {filed} 提出，尚未{how_zh}答复，期限为 {deadline}",
            "en": "{form} {subject} filed on {filed} is not yet answered{how_en}; due by {deadline}",
        },
        "late": {
            "zh": "{form_zh} {subject} 于 {filed} 提出，{answered} 才{how_zh}答复，晚于期限 {deadline}",
            "en": "{form} {subject} filed on {filed} was answered{how_en} on {answered}, "
            "after its deadline {deadline}",
        },
    }

    def probes(
        self, params: ProposalResponseParams, setting: Setting, choices: Choices
    ) -> Iterator[ProbeSpec]:
        from .probes import proposal_response_probes

        return proposal_response_probes(params, setting, choices)

    def describe(self, params: ProposalResponseParams) -> list[Duty]:
        return proposal_response_duties(params)

    def evaluate(self, rule: RuleRef, params: ProposalResponseParams, ctx: KindContext) -> Iterator[Finding]:
        answers = ctx.by(ProposalAnswered, "proposal")
        forms = set(params.forms)
        modes = None if params.modes is None else set(params.modes)
        how_zh = "" if params.modes is None else "以" + "或".join(MODE_ZH[m] for m in params.modes) + "方式"
        how_en = "" if params.modes is None else " " + " or ".join(MODE_EN[m] for m in params.modes)
        for f in _filings(ctx):
            if f.form not in forms:
                continue
            due = f.due if params.use_due else None
            deadline = due if due is not None else deadline_after(ctx, f.date, params.days, params.fallback)
            given = sorted(
                (a for a in answers.get(f.proposal, []) if a.date >= f.date),
                key=lambda a: (a.date, a.id),
            )
            good = [a for a in given if modes is None or a.mode in modes]
            if good and good[0].date <= deadline:
                continue
            period = span(f.date, deadline)
            args = {
                "form": f.form,
                "form_zh": FORM_ZH[f.form],
                "filed": f.date.isoformat(),
                "deadline": deadline.isoformat(),
                "due_given": due is not None,
                "how_zh": how_zh,
                "how_en": how_en,
                "answers": [a.id for a in given],
                "modes_given": [a.mode for a in given],
            }
            if good:
                first = good[0]
                yield ctx.finding(
                    rule, ctx.broken(rule), f.proposal, period, [f, first], "late", key=f.id,
                    **args, answered=first.date.isoformat(), days_late=(first.date - deadline).days,
                )  # fmt: skip
                continue
            status = ctx.unmet(rule, period)
            message = "open" if status == "pending" else "unanswered"
            yield ctx.finding(rule, status, f.proposal, period, [f, *given], message, key=f.id, **args)
