"""Probe builders of ``rep_report``, ``rep_minimum``, ``credentials``, ``term_length``,
``seat_validity`` and ``pledge`` (see :mod:`changrenzhi.kinds.probing`).

Deadlines are probed on the deadline day (``at``: met) and the day after (``past``: a finding),
counts on the bound and one past it, switches and lists of allowed values by one log inside and
one outside.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import Any, get_args

from ...periods import ONE_DAY, Period, add_years
from ..contacts.probes import rep_attrs
from ..probing import (
    Choices,
    ProbeLog,
    ProbeSpec,
    Setting,
    Side,
    bound_sides,
    bound_spec,
    day_in,
    deadline_sides,
    first_period,
    probe_spec,
    rep_ids,
)
from .params import (
    ActingName,
    CredentialsParams,
    FormName,
    PledgeParams,
    RepMinimumParams,
    RepReportParams,
    SeatValidityParams,
    TermLengthParams,
)

__all__ = [
    "credentials_probes",
    "pledge_probes",
    "rep_minimum_probes",
    "rep_report_probes",
    "seat_validity_probes",
    "term_length_probes",
]

FORMS: tuple[str, ...] = get_args(FormName)


def _month_days(period: Period, months: Sequence[int] | None) -> list[date]:
    """The days of ``period`` in one of ``months`` (every day without months), first day of each month."""
    out = []
    d = period.start
    while d <= period.end:
        if months is None or d.month in months:
            out.append(d)
        d = (d.replace(day=28) + timedelta(days=4)).replace(day=1)
    return out


def rep_report_probes(p: RepReportParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    period = first_period(p.period, s)
    attrs = rep_attrs(p.applies_to)
    firsts = _month_days(period, p.months)
    if not firsts:
        return
    audience = p.to[0] if p.to is not None else c.choice([None, "unit"])
    elsewhere = [] if p.months is None else [m for m in range(1, 13) if m not in p.months]

    def build(n: int, to: str | None, months_ok: bool = True) -> ProbeLog:
        log = ProbeLog(s)
        rep = log.town(["R001"], **attrs)[0]
        days = firsts if months_ok else _month_days(period, elsewhere)
        for _ in range(n):
            first = c.choice(days)
            log.add("rep.reported", first + timedelta(days=c.integer(0, 27)), rep=rep, to=to)
        for other in log.town(rep_ids(c.integer(0, 2), "Q"), **attrs):  # reps who report enough
            for _ in range(p.min):
                log.add("rep.reported", c.choice(firsts), rep=other, to=audience)
        return log

    for name, side, n in bound_sides(p.min, None, "min", ""):
        yield bound_spec(build(n, audience), name, side, n, "reports", period.end, "R001", n < p.min)
    if p.to is not None:
        others = [t for t in ("unit", "branch", "group", "annual_meeting") if t not in p.to]
        if others:
            log = build(p.min, others[0])
            yield probe_spec(
                log, "to", "outside", f"to: {p.min} reports to {others[0]}", period.end, "R001", True
            )
    if p.months is not None and _month_days(period, elsewhere):
        log = build(p.min, audience, months_ok=False)
        yield probe_spec(
            log, "months", "outside", f"months: {p.min} reports in other months", period.end, "R001", True
        )


def _act(log: ProbeLog, etype: str, day: date, rep: str, i: int, form: str = "suggestion") -> None:
    """One event of ``etype`` naming ``rep`` as the one who acts (the group ``G1`` and committee
    member ``C01`` exist)."""
    n = f"{i + 1:03d}"
    every: dict[str, dict[str, Any]] = {
        "meeting.held": {"meeting": f"M{n}", "kind": "annual", "attendees": [rep]},
        "study.session": {"group": "G1", "attendees": [rep]},
        "training.held": {"participants": [rep], "days": 1},
        "group.activity": {"group": "G1", "attendees": [rep]},
        "contact.visit": {"rep": rep, "person": f"P{n}"},
        "proposal.filed": {"proposal": f"P{n}", "form": form, "sponsors": [rep]},
        "inspection.held": {"inspection": f"I{n}", "participants": [rep]},
        "rep.reported": {"rep": rep},
        "rep.suggested": {"rep": rep},
        "activity.held": {"activity": f"A{n}", "participants": [rep]},
        "committee.reception": {"member": "C01", "visitors": [rep]},
        "pledge.made": {"pledge": f"PL{n}", "rep": rep, "due": (day + timedelta(days=30)).isoformat()},
    }
    log.add(etype, day, **every[etype])


def _act_town(log: ProbeLog, reps: Sequence[str], **attrs: Any) -> list[str]:
    names = log.town(reps, **attrs)
    log.group("G1", names)
    log.add("committee.appointed", log.setting.start, member="C01")
    return names


def rep_minimum_probes(p: RepMinimumParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    period = first_period(p.period, s)
    attrs = rep_attrs(p.applies_to)
    good_forms = list(p.forms) if p.forms else list(FORMS)

    def build(n: int, form: str | None = None) -> ProbeLog:
        log = ProbeLog(s)
        rep = _act_town(log, ["R001"], **attrs)[0]
        for i in range(n):
            etype = c.choice(list(p.events)) if form is None else "proposal.filed"
            _act(log, etype, day_in(c, period), rep, i, form or c.choice(good_forms))
        return log

    for name, side, n in bound_sides(p.min, None, "min", ""):
        yield bound_spec(build(n), name, side, n, "acts", period.end, "R001", n < p.min)
    if p.forms is not None:
        other = [f for f in FORMS if f not in p.forms]
        if other:
            log = build(p.min, other[0])
            yield probe_spec(
                log, "forms", "outside", f"forms: {p.min} {other[0]}s sponsored", period.end, "R001", True
            )


def credentials_probes(p: CredentialsParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    attrs = rep_attrs(p.applies_to)
    elected = s.start + timedelta(days=c.integer(0, 20))
    deadline = elected + timedelta(days=p.days)
    term_end = add_years(s.start, s.term_years)
    for side, day in deadline_sides(deadline):
        log = ProbeLog(s)
        log.town([], **attrs)
        rep = log.town(["R001"], day=elected, **attrs)[0]
        log.add("rep.credentialed", day, rep=rep)
        expect = day > deadline and term_end > deadline
        what = f"credentialed {(day - elected).days} days after election"
        yield bound_spec(log, "days", side, what, "", deadline + timedelta(days=5), rep, expect)


def term_length_probes(p: TermLengthParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    sides: list[tuple[Side, int]] = [("at", p.years), ("past", p.years + 1)]
    if p.years > 1:
        sides.append(("past", p.years - 1))
    for side, years in sides:
        log = ProbeLog(s)
        ev = log.add("congress.opened", s.start, term_years=years)
        yield bound_spec(log, "years", side, years, "years declared", s.start, ev["id"], years != p.years)
    log = ProbeLog(s)
    ev = log.add("congress.opened", s.start)
    expect = p.missing == "finding" or s.term_years != p.years
    yield probe_spec(log, "missing", "outside", "missing: no term_years recorded", s.start, ev["id"], expect)
    if p.early:
        end = add_years(s.start, p.years) - ONE_DAY
        for side, opened in (("at", end + ONE_DAY), ("past", end)):
            log = ProbeLog(s)
            log.add("congress.opened", s.start, term_years=p.years)
            ev = log.add("congress.opened", opened, term_years=p.years)
            what = f"next congress {opened}"
            yield bound_spec(log, "early", side, what, "", opened, ev["id"], side == "past")


def seat_validity_probes(p: SeatValidityParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    moved = s.start + timedelta(days=c.integer(30, 200))
    deadline = moved + timedelta(days=p.days)
    lapses = deadline >= add_years(s.start, s.term_years) - ONE_DAY
    for side, day in deadline_sides(deadline):
        log = ProbeLog(s)
        rep = log.town(["R001"])[0]
        log.add("member.transferred", moved, rep=rep)
        log.add("rep.disqualified", day, rep=rep, reason="membership_transferred")
        what = f"seat withdrawn {(day - moved).days} days after the transfer"
        expect = day > deadline and not lapses
        yield bound_spec(log, "days", side, what, "", deadline + timedelta(days=5), rep, expect)
    etypes = list(p.acting_events) if p.acting_events is not None else ["rep.suggested", "meeting.held"]
    lost = s.start + timedelta(days=c.integer(30, 200))
    for side, offset in (("inside", 0), ("outside", 1)):
        log = ProbeLog(s)
        rep = _act_town(log, ["R001", "R002"])[0]
        log.add("rep.disqualified", lost, rep=rep, reason="other")
        etype = c.choice(etypes)
        day = lost + timedelta(days=offset)
        _act(log, etype, day, rep, 0)
        what = f"{etype} on the {'day of' if offset == 0 else 'day after'} losing the seat"
        expect = bool(p.acting) and offset > 0
        yield probe_spec(log, "acting", side, f"acting: {what}", day + ONE_DAY, rep, expect)
    if p.days >= 2:  # acting_from: acting the day after the move, the withdrawal recorded in time after it
        log = ProbeLog(s)
        rep = _act_town(log, ["R001", "R002"])[0]
        log.add("member.transferred", moved, rep=rep)
        etype = c.choice(etypes)
        _act(log, etype, moved + ONE_DAY, rep, 0)
        log.add("rep.disqualified", moved + timedelta(days=2), rep=rep, reason="membership_transferred")
        from_transfer = p.acting_from == "transfer"
        what = f"acting_from: {etype} the day after the move, withdrawn two days after it"
        yield probe_spec(
            log, "acting_from", "outside" if from_transfer else "inside", what, deadline + timedelta(days=5),
            rep, bool(p.acting) and from_transfer,
        )  # fmt: skip
    if p.acting_events is not None:
        other = [e for e in get_args(ActingName) if e not in p.acting_events]
        if other:
            log = ProbeLog(s)
            rep = _act_town(log, ["R001", "R002"])[0]
            log.add("rep.disqualified", lost, rep=rep, reason="other")
            _act(log, other[0], lost + ONE_DAY, rep, 0)
            yield probe_spec(
                log,
                "acting_events",
                "outside",
                f"acting_events: {other[0]} after losing the seat",
                lost + timedelta(days=2),
                rep,
                False,
            )


def pledge_probes(p: PledgeParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    made = s.start + timedelta(days=c.integer(10, 100))
    due = made + timedelta(days=c.integer(0, 120))

    def build(done: date | None, published: bool = True, lose: date | None = None) -> ProbeLog:
        log = ProbeLog(s)
        rep = log.town(["R001"])[0]
        log.add(
            "pledge.made",
            made,
            pledge="PL1",
            rep=rep,
            due=due.isoformat(),
            published=None if published else False,
        )
        if lose is not None:
            log.add("rep.disqualified", lose, rep=rep, reason="other")
        if done is not None:
            log.add("pledge.done", done, pledge="PL1")
        return log

    for side, day in deadline_sides(due):
        what = f"done {(day - made).days} days after the pledge, due after {(due - made).days}"
        yield bound_spec(build(day), "due", side, what, "", due + timedelta(days=5), "PL1", day > due)
    for side, published in (("inside", True), ("outside", False)):
        yield probe_spec(
            build(due, published),
            "require_published",
            side,
            f"require_published: {'published' if published else 'not published'}",
            due + ONE_DAY,
            "PL1",
            p.require_published and not published,
        )
    if made < due:  # the rep loses the seat before the due date and the pledge is not done
        log = build(None, lose=made + timedelta(days=c.integer(1, (due - made).days)))
        yield probe_spec(
            log,
            "skip_unseated",
            "inside" if p.skip_unseated else "outside",
            "skip_unseated: seat lost before the due date, not done",
            due + ONE_DAY,
            "PL1",
            not p.skip_unseated,
        )
