"""Probe builders of ``proposal_sponsors`` and ``proposal_response`` (see :mod:`changrenzhi.kinds.probing`).

Sponsors are counted on each form's minimum and one below it; an answer on the deadline day
(``at``: met) and the day after (``past``: a finding), against the rule's days, its fallback or the
filing's own due date; modes and forms by one log inside and one outside.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import get_args

from ...periods import ONE_DAY
from ..probing import (
    Choices,
    ProbeLog,
    ProbeSpec,
    Setting,
    Side,
    bound_sides,
    bound_spec,
    deadline_sides,
    fallback_deadline,
    probe_spec,
    rep_ids,
)
from .params import FormName, ModeName, ProposalResponseParams, ProposalSponsorsParams

__all__ = ["proposal_response_probes", "proposal_sponsors_probes"]


FORMS: tuple[str, ...] = get_args(FormName)
MODES: tuple[str, ...] = get_args(ModeName)


def proposal_sponsors_probes(p: ProposalSponsorsParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    day = s.start + timedelta(days=c.integer(30, 300))
    for form, need in p.min.items():
        for name, side, n in bound_sides(need, None, f"min.{form}", ""):
            log = ProbeLog(s)
            sponsors = log.town(rep_ids(n))
            if c.choice([False, True]):  # a sponsor who lost the seat by the filing day does not count
                gone = log.town(["X001"])[0]
                log.add("rep.disqualified", day - timedelta(days=c.integer(0, 20)), rep=gone, reason="other")
                sponsors = [*sponsors, gone]
            log.add("proposal.filed", day, proposal="P1", form=form, sponsors=sponsors)
            yield bound_spec(log, name, side, n, "seated sponsors", day, "P1", n < need)
    other = [f for f in FORMS if f not in p.min]
    if other:  # a form the rule does not name is not checked
        log = ProbeLog(s)
        log.town(["R001"])
        log.add("proposal.filed", day, proposal="P1", form=other[0], sponsors=[])
        yield probe_spec(log, "min", "outside", f"min: a {other[0]} with no sponsor", day, "P1", False)


def proposal_response_probes(p: ProposalResponseParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    filed = s.start + timedelta(days=c.integer(20, 200))
    form = c.choice(list(p.forms))
    good_mode = p.modes[0] if p.modes else c.choice([None, *MODES])

    def build(answers: Sequence[tuple[date, str | None]], due: date | None = None, f: str = form) -> ProbeLog:
        log = ProbeLog(s)
        log.town(rep_ids(2))
        log.add(
            "proposal.filed",
            filed,
            proposal="P1",
            form=f,
            sponsors=["R001", "R002"],
            due=due and due.isoformat(),
        )
        for day, mode in answers:
            log.add("proposal.answered", day, proposal="P1", mode=mode)
        return log

    deadline = fallback_deadline(s, filed, p.days, p.fallback)
    name = "days" if p.days is not None else "fallback"
    for side, day in deadline_sides(deadline):
        what = f"answered {(day - filed).days} days after filing" + (
            "" if p.days is not None else f" ({day})"
        )
        log = build([(day, good_mode)])
        yield bound_spec(log, name, side, what, "", deadline + timedelta(days=5), "P1", day > deadline)
    # a due date of the filing's own: honoured with use_due, else the days/fallback deadline holds
    due = filed + timedelta(days=c.integer(0, 10))
    for side, day in deadline_sides(due):
        log = build([(day, good_mode)], due=due)
        expect = day > (due if p.use_due else deadline)
        what = f"answered {(day - due).days} days after the filing's due date"
        yield bound_spec(log, "use_due", side, what, "", max(deadline, day) + ONE_DAY, "P1", expect)
    if p.modes is not None:
        other = [m for m in MODES if m not in p.modes]
        cases: list[tuple[Side, str | None, bool]] = [("inside", p.modes[0], False), ("outside", None, True)]
        if other:
            cases.append(("outside", other[0], True))
        for side, mode, expect in cases:
            log = build([(filed, mode)])
            yield probe_spec(
                log,
                "modes",
                side,
                f"modes: answered {mode or 'in no recorded mode'}",
                deadline + ONE_DAY,
                "P1",
                expect,
            )
    for f in FORMS:  # an unanswered filing is a finding only for the forms the rule names
        if f not in p.forms:
            log = build([], f=f)
            d = fallback_deadline(s, filed, p.days, p.fallback)
            yield probe_spec(log, "forms", "outside", f"forms: an unanswered {f}", d + ONE_DAY, "P1", False)
            log = build([])
            yield probe_spec(log, "forms", "inside", f"forms: an unanswered {form}", d + ONE_DAY, "P1", True)
            break
