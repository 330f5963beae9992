"""Probe builders for proposals, inspections, reps' own duties, elections, appraisal and activities.

The kinds of :mod:`changrenzhi.kinds.proposals`, ``inspections``, ``reps``,
``elections``, ``appraisal`` and the ``named_activity``/``meeting_invitation``
kinds of ``activities``. Each builder is registered with
:func:`changrenzhi.probes.builder`; :mod:`changrenzhi.probes` imports this module,
so they are there whenever probes are used.

Deadlines are probed on the deadline day (``at``: met) and the day after (``past``:
a finding); counts on the bound and one past it; shares on an exact multiple of
their denominator (so 以上 and 超过 are told apart); switches and lists of allowed
values by one log inside and one outside. A probe's ``as_of`` closes what it
judges, so an unmet duty is a finding, never ``pending``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

from .periods import Period, add_years
from .probes import (
    ONE_DAY,
    Choices,
    Setting,
    Side,
    _bound_sides,
    _day,
    _label,
    _Log,
    _period,
    _rep_attrs,
    _reps,
    _spec,
    _Spec,
    builder,
)

__all__: list[str] = []

FORMS = ("proposal", "suggestion", "inquiry")
MODES = ("face_to_face", "written", "at_meeting")


def _days(n: int) -> timedelta:
    return timedelta(days=n)


def _fallback_deadline(s: Setting, start: date, days: int | None, fallback: str) -> date:
    """What :func:`~changrenzhi.kinds.proposals.deadline_after` gives in a probe's term."""
    if days is not None:
        return start + _days(days)
    if fallback == "term":
        return add_years(s.start, s.term_years) - ONE_DAY
    return date(start.year, 12, 31)


def _deadline_sides(deadline: date) -> list[tuple[Side, date]]:
    """Done on the deadline day (met) and on the day after (a finding)."""
    return [("at", deadline), ("past", deadline + ONE_DAY)]


# ---- proposals ------------------------------------------------------------------
@builder("proposal_sponsors")
def _proposal_sponsors(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    day = s.start + _days(c.integer(30, 300))
    for form, need in p.min.items():
        for name, side, n in _bound_sides(need, None, f"min.{form}", ""):
            log = _Log(s)
            sponsors = log.town(_reps(n))
            if c.choice([False, True]):  # a sponsor who lost the seat by the filing day does not count
                gone = log.town(["X001"])[0]
                log.add("rep.disqualified", day - _days(c.integer(0, 20)), rep=gone, reason="other")
                sponsors = [*sponsors, gone]
            log.add("proposal.filed", day, proposal="P1", form=form, sponsors=sponsors)
            yield _spec(log, name, side, _label(name, side, n, "seated sponsors"), day, "P1", n < need)
    other = [f for f in FORMS if f not in p.min]
    if other:  # a form the rule does not name is not checked
        log = _Log(s)
        log.town(["R001"])
        log.add("proposal.filed", day, proposal="P1", form=other[0], sponsors=[])
        yield _spec(log, "min", "outside", f"min: a {other[0]} with no sponsor", day, "P1", False)


@builder("proposal_response")
def _proposal_response(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    filed = s.start + _days(c.integer(20, 200))
    form = c.choice(list(p.forms))
    good_mode = p.modes[0] if p.modes else c.choice([None, *MODES])

    def build(answers: Sequence[tuple[date, str | None]], due: date | None = None, f: str = form) -> _Log:
        log = _Log(s)
        log.town(_reps(2))
        log.add("proposal.filed", filed, proposal="P1", form=f, sponsors=["R001", "R002"], due=due and due.isoformat())
        for day, mode in answers:
            log.add("proposal.answered", day, proposal="P1", mode=mode)
        return log

    deadline = _fallback_deadline(s, filed, p.days, p.fallback)
    name = "days" if p.days is not None else "fallback"
    for side, day in _deadline_sides(deadline):
        what = f"answered {(day - filed).days} days after filing" + (
            "" if p.days is not None else f" ({day})"
        )
        log = build([(day, good_mode)])
        yield _spec(log, name, side, _label(name, side, what, ""), deadline + _days(5), "P1", day > deadline)
    # a due date of the filing's own: honoured with use_due, else the days/fallback deadline holds
    due = filed + _days(c.integer(0, 10))
    for side, day in _deadline_sides(due):
        log = build([(day, good_mode)], due=due)
        expect = day > (due if p.use_due else deadline)
        what = f"answered {(day - due).days} days after the filing's due date"
        yield _spec(log, "use_due", side, _label("use_due", side, what, ""), max(deadline, day) + ONE_DAY,
                    "P1", expect)  # fmt: skip
    if p.modes is not None:
        other = [m for m in MODES if m not in p.modes]
        cases: list[tuple[Side, str | None, bool]] = [("inside", p.modes[0], False), ("outside", None, True)]
        if other:
            cases.append(("outside", other[0], True))
        for side, mode, expect in cases:
            log = build([(filed, mode)])
            yield _spec(log, "modes", side, f"modes: answered {mode or 'in no recorded mode'}",
                        deadline + ONE_DAY, "P1", expect)  # fmt: skip
    for f in FORMS:  # an unanswered filing is a finding only for the forms the rule names
        if f not in p.forms:
            log = build([], f=f)
            d = _fallback_deadline(s, filed, p.days, p.fallback)
            yield _spec(log, "forms", "outside", f"forms: an unanswered {f}", d + ONE_DAY, "P1", False)
            log = build([])
            yield _spec(log, "forms", "inside", f"forms: an unanswered {form}", d + ONE_DAY, "P1", True)
            break


# ---- inspections ----------------------------------------------------------------
def _inspection(log: _Log, day: date, iid: str, reps: Sequence[str], c: Choices, **fields: Any) -> date:
    """An inspection on ``day``, maybe over two or three days (one event per day); its last day."""
    log.add("inspection.held", day, inspection=iid, participants=list(reps), **fields)
    last = day
    for k in range(c.integer(0, 2)):
        last = day + _days(k + 1)
        log.add("inspection.held", last, inspection=iid, participants=list(reps))
    return last


@builder("inspection_notice")
def _inspection_notice(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    held = s.start + _days(c.integer(60, 300))

    def ok(d: int) -> bool:
        return (p.min_days is None or d >= p.min_days) and (p.max_days is None or d <= p.max_days)

    for name, side, d in _bound_sides(p.min_days, p.max_days, "min_days", "max_days"):
        log = _Log(s)
        reps = log.town(_reps(2))
        _inspection(log, held, "I1", reps, c, notified=(held - _days(d)).isoformat(), unit="U1")
        yield _spec(log, name, side, _label(name, side, d, "days' notice"), held + _days(5), "I1", not ok(d))
    for side, notified in (("inside", True), ("outside", False)):
        log = _Log(s)
        reps = log.town(_reps(2))
        d = p.min_days if p.min_days is not None else p.max_days
        when = (held - _days(d)).isoformat() if notified else None
        _inspection(log, held, "I1", reps, c, notified=when, unit="U1")
        what = "notice recorded" if notified else "no notice recorded"
        expect = not ok(d) if notified else bool(p.require_notice)
        yield _spec(log, "require_notice", side, f"require_notice: {what}", held + _days(5), "I1", expect)


@builder("inspection_frequency")
def _inspection_frequency(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    period = _period(p.period, s)
    lo = p.min if p.min > 0 else None
    for name, side, n in _bound_sides(lo, p.max, "min", "max"):
        log = _Log(s)
        reps = log.town(_reps(2))
        starts = sorted(_day(c, period) for _ in range(n))
        for i, day in enumerate(starts):
            log.add("inspection.held", day, inspection=f"I{i + 1}", participants=reps)
        if n and c.choice([False, True]):  # a second day of the first inspection counts once
            log.add("inspection.held", starts[0] + ONE_DAY, inspection="I1", participants=reps)
        if c.choice([False, True]):  # one in the next period counts there
            log.add("inspection.held", period.end + ONE_DAY, inspection="I-next", participants=reps)
        expect = n < p.min or (p.max is not None and n > p.max)
        yield _spec(log, name, side, _label(name, side, n, "inspections"), period.end, "committee", expect)


@builder("inspection_report")
def _inspection_report(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    held = s.start + _days(c.integer(30, 300))
    name = "days" if p.days is not None else "fallback"
    for side in ("at", "past"):
        log = _Log(s)
        reps = log.town(_reps(2))
        last = _inspection(log, held, "I1", reps, c)
        deadline = _fallback_deadline(s, last, p.days, p.fallback)
        day = deadline if side == "at" else deadline + ONE_DAY
        log.add("inspection.reported", day, inspection="I1")
        what = f"report {(day - last).days} days after the inspection's last day"
        yield _spec(log, name, side, _label(name, side, what, ""), deadline + _days(5), "I1", side == "past")


# ---- reps' own duties ------------------------------------------------------------
def _month_days(period: Period, months: Sequence[int] | None) -> list[date]:
    """The days of ``period`` in one of ``months`` (every day without months), first day of each month."""
    out = []
    d = period.start
    while d <= period.end:
        if months is None or d.month in months:
            out.append(d)
        d = (d.replace(day=28) + _days(4)).replace(day=1)
    return out


@builder("rep_report")
def _rep_report(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    period = _period(p.period, s)
    attrs = _rep_attrs(p.applies_to)
    firsts = _month_days(period, p.months)
    if not firsts:
        return
    audience = p.to[0] if p.to is not None else c.choice([None, "unit"])

    def build(n: int, to: str | None, months_ok: bool = True) -> _Log:
        log = _Log(s)
        rep = log.town(["R001"], **attrs)[0]
        days = firsts if months_ok else _month_days(period, [m for m in range(1, 13) if m not in p.months])
        for _ in range(n):
            first = c.choice(days)
            log.add("rep.reported", first + _days(c.integer(0, 27)), rep=rep, to=to)
        for other in log.town(_reps(c.integer(0, 2), "Q"), **attrs):  # reps who report enough
            for _ in range(p.min):
                log.add("rep.reported", c.choice(firsts), rep=other, to=audience)
        return log

    for name, side, n in _bound_sides(p.min, None, "min", ""):
        yield _spec(build(n, audience), name, side, _label(name, side, n, "reports"), period.end, "R001",
                    n < p.min)  # fmt: skip
    if p.to is not None:
        others = [t for t in ("unit", "branch", "group", "annual_meeting") if t not in p.to]
        if others:
            log = build(p.min, others[0])
            yield _spec(log, "to", "outside", f"to: {p.min} reports to {others[0]}", period.end, "R001", True)
    if p.months is not None and _month_days(period, [m for m in range(1, 13) if m not in p.months]):
        log = build(p.min, audience, months_ok=False)
        yield _spec(log, "months", "outside", f"months: {p.min} reports in other months", period.end,
                    "R001", True)  # fmt: skip


def _act(log: _Log, etype: str, day: date, rep: str, i: int, form: str = "suggestion") -> None:
    """One event of ``etype`` naming ``rep`` as the one who acts (the group ``G1`` and committee
    member ``C01`` exist)."""
    n = f"{i + 1:03d}"
    fields: dict[str, Any] = {
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
        "pledge.made": {"pledge": f"PL{n}", "rep": rep, "due": (day + _days(30)).isoformat()},
    }[etype]
    log.add(etype, day, **fields)


def _act_town(log: _Log, reps: Sequence[str], **attrs: Any) -> list[str]:
    names = log.town(reps, **attrs)
    log.group("G1", names)
    log.add("committee.appointed", log.setting.start, member="C01")
    return names


@builder("rep_minimum")
def _rep_minimum(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    period = _period(p.period, s)
    attrs = _rep_attrs(p.applies_to)
    good_forms = list(p.forms) if p.forms else list(FORMS)

    def build(n: int, form: str | None = None) -> _Log:
        log = _Log(s)
        rep = _act_town(log, ["R001"], **attrs)[0]
        for i in range(n):
            etype = c.choice(list(p.events)) if form is None else "proposal.filed"
            _act(log, etype, _day(c, period), rep, i, form or c.choice(good_forms))
        return log

    for name, side, n in _bound_sides(p.min, None, "min", ""):
        yield _spec(build(n), name, side, _label(name, side, n, "acts"), period.end, "R001", n < p.min)
    if p.forms is not None:
        other = [f for f in FORMS if f not in p.forms]
        if other:
            log = build(p.min, other[0])
            yield _spec(log, "forms", "outside", f"forms: {p.min} {other[0]}s sponsored", period.end,
                        "R001", True)  # fmt: skip


@builder("credentials")
def _credentials(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    attrs = _rep_attrs(p.applies_to)
    elected = s.start + _days(c.integer(0, 20))
    deadline = elected + _days(p.days)
    term_end = add_years(s.start, s.term_years)
    for side, day in _deadline_sides(deadline):
        log = _Log(s)
        log.town([], **attrs)
        rep = log.town(["R001"], day=elected, **attrs)[0]
        log.add("rep.credentialed", day, rep=rep)
        expect = day > deadline and term_end > deadline
        what = f"credentialed {(day - elected).days} days after election"
        yield _spec(log, "days", side, _label("days", side, what, ""), deadline + _days(5), rep, expect)


@builder("term_length")
def _term_length(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    sides: list[tuple[Side, int]] = [("at", p.years), ("past", p.years + 1)]
    if p.years > 1:
        sides.append(("past", p.years - 1))
    for side, years in sides:
        log = _Log(s)
        ev = log.add("congress.opened", s.start, term_years=years)
        yield _spec(log, "years", side, _label("years", side, years, "years declared"), s.start, ev["id"],
                    years != p.years)  # fmt: skip
    log = _Log(s)
    ev = log.add("congress.opened", s.start)
    expect = p.missing == "finding" or s.term_years != p.years
    yield _spec(log, "missing", "outside", "missing: no term_years recorded", s.start, ev["id"], expect)
    if p.early:
        end = add_years(s.start, p.years) - ONE_DAY
        for side, opened in (("at", end + ONE_DAY), ("past", end)):
            log = _Log(s)
            log.add("congress.opened", s.start, term_years=p.years)
            ev = log.add("congress.opened", opened, term_years=p.years)
            what = f"next congress {opened}"
            yield _spec(log, "early", side, _label("early", side, what, ""), opened, ev["id"], side == "past")


@builder("seat_validity")
def _seat_validity(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    moved = s.start + _days(c.integer(30, 200))
    deadline = moved + _days(p.days)
    lapses = deadline >= add_years(s.start, s.term_years) - ONE_DAY
    for side, day in _deadline_sides(deadline):
        log = _Log(s)
        rep = log.town(["R001"])[0]
        log.add("member.transferred", moved, rep=rep)
        log.add("rep.disqualified", day, rep=rep, reason="membership_transferred")
        what = f"seat withdrawn {(day - moved).days} days after the transfer"
        expect = day > deadline and not lapses
        yield _spec(log, "days", side, _label("days", side, what, ""), deadline + _days(5), rep, expect)
    etypes = list(p.acting_events) if p.acting_events is not None else ["rep.suggested", "meeting.held"]
    lost = s.start + _days(c.integer(30, 200))
    for side, offset in (("inside", 0), ("outside", 1)):
        log = _Log(s)
        rep = _act_town(log, ["R001", "R002"])[0]
        log.add("rep.disqualified", lost, rep=rep, reason="other")
        etype = c.choice(etypes)
        day = lost + _days(offset)
        _act(log, etype, day, rep, 0)
        what = f"{etype} on the {'day of' if offset == 0 else 'day after'} losing the seat"
        expect = bool(p.acting) and offset > 0
        yield _spec(log, "acting", side, f"acting: {what}", day + ONE_DAY, rep, expect)
    if p.acting_events is not None:
        from .kinds.reps import ACTING_FIELDS

        other = [e for e in ACTING_FIELDS if e not in p.acting_events]
        if other:
            log = _Log(s)
            rep = _act_town(log, ["R001", "R002"])[0]
            log.add("rep.disqualified", lost, rep=rep, reason="other")
            _act(log, other[0], lost + ONE_DAY, rep, 0)
            yield _spec(log, "acting_events", "outside", f"acting_events: {other[0]} after losing the seat",
                        lost + _days(2), rep, False)  # fmt: skip


@builder("pledge")
def _pledge(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    made = s.start + _days(c.integer(10, 100))
    due = made + _days(c.integer(0, 120))

    def build(done: date | None, published: bool = True, lose: date | None = None) -> _Log:
        log = _Log(s)
        rep = log.town(["R001"])[0]
        log.add("pledge.made", made, pledge="PL1", rep=rep, due=due.isoformat(),
                published=None if published else False)  # fmt: skip
        if lose is not None:
            log.add("rep.disqualified", lose, rep=rep, reason="other")
        if done is not None:
            log.add("pledge.done", done, pledge="PL1")
        return log

    for side, day in _deadline_sides(due):
        what = f"done {(day - made).days} days after the pledge, due after {(due - made).days}"
        yield _spec(build(day), "due", side, _label("due", side, what, ""), due + _days(5), "PL1", day > due)
    for side, published in (("inside", True), ("outside", False)):
        yield _spec(build(due, published), "require_published", side,
                    f"require_published: {'published' if published else 'not published'}", due + ONE_DAY, "PL1",
                    p.require_published and not published)  # fmt: skip
    if made < due:  # the rep loses the seat before the due date and the pledge is not done
        log = build(None, lose=made + _days(c.integer(1, (due - made).days)))
        yield _spec(log, "skip_unseated", "inside" if p.skip_unseated else "outside",
                    "skip_unseated: seat lost before the due date, not done", due + ONE_DAY, "PL1",
                    not p.skip_unseated)  # fmt: skip
