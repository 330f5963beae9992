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
from typing import Any, get_args

from ..events import Rating
from ..kinds.reps.rules import ACTING_FIELDS
from ..periods import Period, add_years
from .core import (
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
    _Spec,
    _spec,
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
        yield _spec(
            log,
            "use_due",
            side,
            _label("use_due", side, what, ""),
            max(deadline, day) + ONE_DAY,
            "P1",
            expect,
        )
    if p.modes is not None:
        other = [m for m in MODES if m not in p.modes]
        cases: list[tuple[Side, str | None, bool]] = [("inside", p.modes[0], False), ("outside", None, True)]
        if other:
            cases.append(("outside", other[0], True))
        for side, mode, expect in cases:
            log = build([(filed, mode)])
            yield _spec(
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
        yield _spec(
            build(n, audience), name, side, _label(name, side, n, "reports"), period.end, "R001", n < p.min
        )
    if p.to is not None:
        others = [t for t in ("unit", "branch", "group", "annual_meeting") if t not in p.to]
        if others:
            log = build(p.min, others[0])
            yield _spec(log, "to", "outside", f"to: {p.min} reports to {others[0]}", period.end, "R001", True)
    if p.months is not None and _month_days(period, [m for m in range(1, 13) if m not in p.months]):
        log = build(p.min, audience, months_ok=False)
        yield _spec(
            log, "months", "outside", f"months: {p.min} reports in other months", period.end, "R001", True
        )


def _act(log: _Log, etype: str, day: date, rep: str, i: int, form: str = "suggestion") -> None:
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
        "pledge.made": {"pledge": f"PL{n}", "rep": rep, "due": (day + _days(30)).isoformat()},
    }
    log.add(etype, day, **every[etype])


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
            yield _spec(
                log, "forms", "outside", f"forms: {p.min} {other[0]}s sponsored", period.end, "R001", True
            )


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
        yield _spec(
            log,
            "years",
            side,
            _label("years", side, years, "years declared"),
            s.start,
            ev["id"],
            years != p.years,
        )
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
        other = [e for e in ACTING_FIELDS if e not in p.acting_events]
        if other:
            log = _Log(s)
            rep = _act_town(log, ["R001", "R002"])[0]
            log.add("rep.disqualified", lost, rep=rep, reason="other")
            _act(log, other[0], lost + ONE_DAY, rep, 0)
            yield _spec(
                log,
                "acting_events",
                "outside",
                f"acting_events: {other[0]} after losing the seat",
                lost + _days(2),
                rep,
                False,
            )


@builder("pledge")
def _pledge(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    made = s.start + _days(c.integer(10, 100))
    due = made + _days(c.integer(0, 120))

    def build(done: date | None, published: bool = True, lose: date | None = None) -> _Log:
        log = _Log(s)
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

    for side, day in _deadline_sides(due):
        what = f"done {(day - made).days} days after the pledge, due after {(due - made).days}"
        yield _spec(build(day), "due", side, _label("due", side, what, ""), due + _days(5), "PL1", day > due)
    for side, published in (("inside", True), ("outside", False)):
        yield _spec(
            build(due, published),
            "require_published",
            side,
            f"require_published: {'published' if published else 'not published'}",
            due + ONE_DAY,
            "PL1",
            p.require_published and not published,
        )
    if made < due:  # the rep loses the seat before the due date and the pledge is not done
        log = build(None, lose=made + _days(c.integer(1, (due - made).days)))
        yield _spec(
            log,
            "skip_unseated",
            "inside" if p.skip_unseated else "outside",
            "skip_unseated: seat lost before the due date, not done",
            due + ONE_DAY,
            "PL1",
            not p.skip_unseated,
        )


# ---- elections ------------------------------------------------------------------
def _lcm(*ns: int) -> int:
    out = 1
    for n in ns:
        out = out * n // math.gcd(out, n)
    return out


def _share_broken(spec: Any, share: Fraction) -> bool:
    """Whether ``share`` breaks one figure of a composition share (min/max 以上/以下, above/below
    超过/不到, target ± tolerance)."""
    return (
        (spec.min is not None and share < spec.min)
        or (spec.above is not None and share <= spec.above)
        or (spec.max is not None and share > spec.max)
        or (spec.below is not None and share >= spec.below)
        or (spec.target is not None and abs(share - spec.target) > spec.tolerance)
    )


def _matching(spec: Any, year: int) -> dict[str, Any]:
    """``rep.elected`` attributes of a rep a composition share counts."""
    out: dict[str, Any] = {}
    if spec.category:
        out["category"] = spec.category[0]
    if spec.gender:
        out["gender"] = spec.gender
    if spec.age_min is not None or spec.age_max is not None:
        age = spec.age_min if spec.age_min is not None else spec.age_max
        out["birth_year"] = year - age
    return out


def _not_matching(spec: Any, year: int) -> list[dict[str, Any]]:
    """Attributes of reps the share does not count (each breaks one selector, the rest match)."""
    base = _matching(spec, year)
    out = []
    if spec.category:
        out.append(base | {"category": "-".join(spec.category) + "-other"})
    if spec.gender:
        out.append(base | {"gender": spec.gender + "-other"})
    if spec.age_max is not None and year - spec.age_max - 1 >= 0:
        out.append(base | {"birth_year": year - spec.age_max - 1})
    if spec.age_min is not None and spec.age_min > 0:
        out.append(base | {"birth_year": year - spec.age_min + 1})
    return out


@builder("composition")
def _composition(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    on = s.start  # the term's first day: no general ballot in the log (at: election), or as_of
    as_of = s.start if p.at == "as_of" else s.start + _days(c.integer(0, 60))
    if p.at == "as_of":
        on = as_of
    for spec in p.shares:
        others = _not_matching(spec, on.year)
        if not others:
            continue
        bounds: list[tuple[str, Fraction, bool]] = []  # (param, bound, a lower bound)
        for key, low in (("min", True), ("above", True), ("max", False), ("below", False)):
            if getattr(spec, key) is not None:
                bounds.append((key, getattr(spec, key), low))
        if spec.target is not None:
            bounds.append(("target", spec.target - spec.tolerance, True))
            bounds.append(("target", spec.target + spec.tolerance, False))
        for key, bound, low in bounds:
            if not 0 <= bound <= 1:
                continue
            lo = max(1, math.ceil(3 / bound.denominator))
            n = bound.denominator * (c.integer(lo, lo + 1) if bound.denominator < 50 else lo)
            k = int(bound * n)
            step = -1 if low else 1
            sides: list[tuple[Side, int]] = [("at", k), ("past", k + step)]
            if key in ("above", "below"):  # a strict bound is broken on itself: one more meets it
                sides.append(("inside", k - step))
            for side, hit in sides:
                if not 0 <= hit <= n:
                    continue
                log = _Log(s)
                log.town([])
                # the reps the share does not count: each breaks one selector (drawn once per probe),
                # or (unknown: count) records none of them
                first = c.integer(0, len(others) - 1)
                blank = p.unknown == "count" and c.choice([False, True])
                for i, rep in enumerate(_reps(n)):
                    if i < hit:
                        attrs = _matching(spec, on.year)
                    else:
                        attrs = {} if blank and i % 2 else others[(first + i) % len(others)]
                    log.add("rep.elected", s.start, rep=rep, **attrs)
                if p.unknown == "exclude":
                    for rep in _reps(c.integer(0, 2), "U"):  # left out of the base
                        log.add("rep.elected", s.start, rep=rep)
                share = Fraction(hit, n)
                param = f"shares.{spec.name}.{key}"
                what = f"{hit} of {n} seated"
                yield _spec(
                    log,
                    param,
                    side,
                    _label(param, side, what, ""),
                    as_of,
                    spec.name,
                    _share_broken(spec, share),
                )


def _ballot_fails(p: Any, category: str, seats: int, candidates: int, steps: Sequence[str]) -> bool:
    """What :class:`~changrenzhi.kinds.elections.ElectionMargin` finds about one ballot."""
    if p.independent and p.categories is not None and category not in p.categories:
        return True
    if category not in p.exempt and seats > 0:
        extra = candidates - seats
        den = seats if p.base == "seats" else candidates
        if p.margin is not None and Fraction(extra, den) < p.margin:
            return True
        if p.min_extra is not None and extra < p.min_extra:
            return True
    if p.steps is not None:
        taken = list(steps)
        if any(x not in taken for x in p.steps):
            return True
        positions = [taken.index(x) for x in p.steps]
        return positions != sorted(positions)
    return False


@builder("election_margin")
def _election_margin(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    day = s.start - _days(c.integer(1, 60))  # the general election before the congress opens
    by_election = p.ballots == "by_election"
    if by_election:
        day = s.start + _days(c.integer(100, 300))
    judged = [x for x in (p.categories or ["general"]) if x not in p.exempt] or ["general"]
    steps = list(p.steps or [])

    def ballot(
        param: str,
        side: Side,
        what: str,
        seats: int,
        candidates: int,
        category: str | None = None,
        taken: Sequence[str] | None = None,
        by: bool | None = None,
    ) -> _Spec:
        cat = category if category is not None else c.choice(judged)
        log = _Log(s)
        log.town(_reps(2))
        took = steps if taken is None else list(taken)
        b = by_election if by is None else by
        log.add(
            "election.held",
            day,
            unit="U1",
            category=cat,
            seats=seats,
            candidates=candidates,
            by_election=True if b else None,
            steps=took or None,
        )
        expect = _ballot_fails(p, cat, seats, candidates, took) and (by is None or p.ballots == "all")
        return _spec(log, param, side, _label(param, side, what, ""), max(day, s.start), "U1", expect)

    if p.margin is not None and p.margin < 1:
        m = p.margin
        k = c.integer(max(1, math.ceil(3 / m.denominator)), 3)
        for side, dx in (("at", 0), ("past", -1), ("inside", 1)):
            if p.base == "seats":
                seats = m.denominator * k
                extra = int(m * seats) + dx
            else:
                total = m.denominator * k
                extra = int(m * total)
                seats = total - extra
                extra += dx
            if extra < 0 or seats < 1:
                continue
            what = f"{seats + extra} candidates for {seats} seats"
            yield ballot("margin", side, what, seats, seats + extra)
    if p.min_extra is not None:
        for side, extra in (("at", p.min_extra), ("past", p.min_extra - 1)):
            seats = 1
            if p.margin is not None and p.margin > 0:  # as many seats as the margin allows
                seats = max(1, math.floor(p.min_extra / p.margin) if p.base == "seats" else seats)
            yield ballot(
                "min_extra", side, f"{seats + extra} candidates for {seats} seats", seats, seats + extra
            )
    for x in p.exempt:
        yield ballot("exempt", "inside", f"exempt: {x}, as many candidates as seats", 5, 5, category=x)
        break
    if p.independent:
        yield ballot("categories", "outside", "category outside the list", 5, 10, category="-other-")
        yield ballot("categories", "inside", f"category {judged[0]}", 5, 10, category=judged[0])
    if steps:
        yield ballot("steps", "inside", "steps: all, in order", 5, 10, taken=steps)
        yield ballot("steps", "outside", "steps: the last missing", 5, 10, taken=steps[:-1])
        if len(steps) > 1:
            yield ballot("steps", "outside", "steps: in reverse order", 5, 10, taken=steps[::-1])
    if p.ballots != "all":  # a ballot of the other sort is not judged
        yield ballot(
            "ballots", "outside", "a failing ballot of the other sort", 5, 5, by=not by_election, taken=[]
        )


@builder("publicity")
def _publicity(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    by_election = p.ballots == "by_election"
    first = s.start + _days(c.integer(60, 200))
    last = first + _days(c.integer(0, 3))
    after = max((i.lead for i in p.items if i.when == "after"), default=0)
    as_of = last + _days(after + 2)

    def deadline(item: Any) -> date:
        return first - _days(item.lead) if item.when == "before" else last + _days(item.lead)

    def build(posted: dict[int, date | None], by: bool = by_election) -> _Log:
        log = _Log(s)
        log.town(_reps(2))
        log.add(
            "election.held",
            first,
            unit="U1",
            category="a",
            seats=5,
            candidates=7,
            by_election=True if by else None,
        )
        if last > first:
            log.add(
                "election.held",
                last,
                unit="U1",
                category="b",
                seats=5,
                candidates=7,
                by_election=True if by else None,
            )
        for i, item in enumerate(p.items):
            day = posted.get(i, deadline(item) if item.when == "before" else last)
            if day is not None:
                log.add("publicity.posted", day, what=item.what, unit="U1")
        return log

    for i, item in enumerate(p.items):
        due = deadline(item)
        for side, day in _deadline_sides(due):
            name = f"items.{item.what}.{item.when}"
            ballot = f"first ballot {first}" if item.when == "before" else f"last ballot {last}"
            what = f"posted {day} ({ballot})"
            yield _spec(build({i: day}), name, side, _label(name, side, what, ""), as_of, "U1", day > due)
        if item.when == "after":
            name = f"items.{item.what}.{item.when}"
            yield _spec(
                build({i: last - ONE_DAY}),
                name,
                "outside",
                f"{name}: posted before the last ballot",
                as_of,
                "U1",
                True,
            )
    if p.ballots != "all":
        log = build({i: None for i in range(len(p.items))}, by=not by_election)
        yield _spec(
            log,
            "ballots",
            "outside",
            "ballots: nothing posted for a ballot of the other sort",
            as_of,
            "U1",
            False,
        )


@builder("rep_listing")
def _rep_listing(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    elected = s.start + _days(c.integer(0, 30))
    deadline = elected + _days(p.days)
    lapses = add_years(s.start, s.term_years) <= deadline
    what = p.what or "listing"

    def build(last_day: date | None, last_what: str = what) -> _Log:
        log = _Log(s)
        log.town([])
        rep = log.town(["R001"], day=elected)[0]
        for place in p.places[:-1]:
            log.add(
                "publicity.posted",
                _day(c, Period(elected, deadline, "window")),
                what=what,
                rep=rep,
                place=place,
            )
        if last_day is not None:
            log.add("publicity.posted", last_day, what=last_what, rep=rep, place=p.places[-1])
        return log

    for side, day in _deadline_sides(deadline):
        label = _label("days", side, f"{p.places[-1]} posted {(day - elected).days} days after election", "")
        yield _spec(build(day), "days", side, label, day + ONE_DAY, "R001", day > deadline and not lapses)
    yield _spec(
        build(None),
        "places",
        "outside",
        f"places: nothing posted at {p.places[-1]}",
        deadline + ONE_DAY,
        "R001",
        not lapses,
    )
    if p.what is not None:
        yield _spec(
            build(elected, what + "-other"),
            "what",
            "outside",
            f"what: {p.places[-1]} posts another what",
            deadline + ONE_DAY,
            "R001",
            not lapses,
        )


# ---- appraisal ------------------------------------------------------------------
@builder("appraisal")
def _appraisal(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    year = s.start.year
    due = p.due(year)
    rating = p.allowed[0] if p.allowed else "competent"

    def town(log: _Log) -> str:
        log.town(_reps(2))
        if p.subjects == "committee":
            log.add("committee.appointed", s.start, member="C01")
            return "C01"
        return "R001"

    def rate(log: _Log, person: str, day: date, value: str = rating) -> None:
        log.add("rating.given", day, person=person, year=year, rating=value)

    def rate_others(log: _Log, person: str) -> None:
        people = ["R001", "R002"] if p.subjects == "reps" else ["C01"]
        for other in people:
            if other != person:
                rate(log, other, _day(c, due))

    if p.subjects is not None:
        if p.every_year:
            for side, rated in (("inside", True), ("outside", False)):
                log = _Log(s)
                person = town(log)
                rate_others(log, person)
                if rated:
                    rate(log, person, _day(c, due))
                what = "rated" if rated else "not rated"
                yield _spec(
                    log, "every_year", side, f"every_year: {what} for {year}", due.end, person, not rated
                )
        if p.window is not None:
            sides = [
                ("at", due.start),
                ("past", due.start - ONE_DAY),
                ("at", due.end),
                ("past", due.end + ONE_DAY),
            ]
            for side, day in sides:
                log = _Log(s)
                person = town(log)
                rate_others(log, person)
                rate(log, person, day)
                label = _label("window", side, f"rated on {day} for {year}", "")
                yield _spec(log, "window", side, label, max(due.end, day), person, not due.contains(day))
        if p.allowed is not None:
            other = [r for r in get_args(Rating) if r not in p.allowed]
            for side, value in (("inside", p.allowed[-1]), *([("outside", other[0])] if other else [])):
                log = _Log(s)
                person = town(log)
                rate_others(log, person)
                rate(log, person, _day(c, due), value)
                yield _spec(
                    log, "allowed", side, f"allowed: rated {value}", due.end, person, side == "outside"
                )
    if p.rounds:
        for side, held in (("inside", True), ("outside", False)):
            log = _Log(s)
            town(log)
            if held:
                log.add("appraisal.held", _day(c, due), year=year, **_round(p, log))
            yield _spec(
                log,
                "rounds",
                side,
                f"rounds: {'a' if held else 'no'} round for {year}",
                due.end,
                "appraisal",
                not held,
            )
    # the form of a round: the subject is the round's event
    checks: list[tuple[str, Side, str, dict[str, Any], bool]] = []
    if p.secret:
        checks.append(("secret", "inside", "secret", {"secret": True}, False))
        checks.append(("secret", "outside", "not secret", {"secret": False}, True))
        checks.append(("secret", "outside", "secret not recorded", {"secret": None}, True))
    if p.min_dimensions is not None:
        for name, side, d in _bound_sides(p.min_dimensions, None, "min_dimensions", ""):
            checks.append((name, side, f"{d} dimensions", {"dimensions": d or None}, d < p.min_dimensions))
    if p.panel_leader:
        checks.append(("panel_leader", "outside", "no panel leader", {"panel_leader": None}, True))
        checks.append(("panel_leader", "outside", "leader off the panel", {"panel_leader": "X001"}, True))
    for name, side, n in _bound_sides(p.panel_min, p.panel_max, "panel_min", "panel_max"):
        bad = (p.panel_min is not None and n < p.panel_min) or (p.panel_max is not None and n > p.panel_max)
        checks.append((name, side, f"a panel of {n}", {"size": n}, bad))
    if p.panel_from is not None:
        checks.append(("panel_from", "inside", "the panel: group officers", {}, False))
        checks.append(("panel_from", "outside", "an ordinary rep on the panel", {"outsider": True}, True))
        if p.panel_from == "group_officers":
            checks.append(("panel_from", "inside", "a deputy on the panel", {"deputy": True}, False))
        checks.append(
            (
                "panel_complete",
                "outside" if p.panel_complete else "inside",
                "a group leader off the panel",
                {"absent": True},
                p.panel_complete,
            )
        )
    for name, side, what, over, expect in checks:
        log = _Log(s)
        fields = _round(p, log, over)
        day = _day(c, due)
        ev = log.add("appraisal.held", day, year=year, **fields)
        yield _spec(log, name, side, _label(name, side, what, ""), due.end, ev["id"], expect)


def _round(p: Any, log: _Log, over: dict[str, Any] | None = None) -> dict[str, Any]:
    """The fields of an ``appraisal.held`` that passes every check of ``p``, changed by ``over``.

    Its panel members are elected, each the leader of a group of their own (with
    ``over["deputy"]``, the first is the deputy of a leader also on the panel); ``outsider``
    adds an ordinary rep to the panel, ``absent`` a group leader left off it; ``size`` is the
    panel's size.
    """
    over = over or {}
    size = over.get("size", p.panel_min or min(p.panel_max or 3, 3))
    panel = log.town(_reps(size, "J"))
    for i, member in enumerate(panel):
        if over.get("deputy") and i == 0 and size > 1:
            log.group(f"JG{i:03d}", [panel[1], member], {"leader": panel[1], "deputy": member})
        elif not (over.get("deputy") and i == 1 and size > 1):
            log.group(f"JG{i:03d}", [member], {"leader": member})
    if over.get("outsider"):
        panel.append(log.town(["O001"])[0])
    if over.get("absent"):
        lone = log.town(["L001"])[0]
        log.group("LG001", [lone], {"leader": lone})
    fields: dict[str, Any] = {"secret": True, "dimensions": p.min_dimensions, "panel": panel or None}
    fields["panel_leader"] = panel[0] if panel else None
    for key in ("secret", "dimensions", "panel_leader"):
        if key in over:
            fields[key] = over[key]
    if over.get("panel_leader") == "X001":
        log.town(["X001"])
    return fields


# ---- activities -----------------------------------------------------------------
@builder("named_activity")
def _named_activity(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    period = _period(p.period, s)
    spec = p.activities[0]
    subject = spec.name if p.per == "town" else "G1"
    for name, side, n in _bound_sides(p.min, p.max, "min", "max"):
        log = _Log(s)
        reps = log.town(_reps(2))
        group = None
        if p.per == "group":
            log.group("G1", reps)
            group = "G1"
        for act in p.activities:
            times = n if act is spec else p.min
            for _ in range(times):
                log.add(
                    "activity.held",
                    _day(c, period),
                    activity=c.choice(act.names),
                    group=group,
                    participants=reps,
                )
        expect = n < p.min or (p.max is not None and n > p.max)
        yield _spec(log, name, side, _label(name, side, n, f"{spec.name} held"), period.end, subject, expect)


@builder("meeting_invitation")
def _meeting_invitation(p: Any, s: Setting, c: Choices) -> Iterator[_Spec]:
    day = s.start + _days(c.integer(30, 300))
    kind = c.choice(list(p.meeting_kinds))

    def build(seated: int, gone: int = 0, k: str = kind) -> _Log:
        log = _Log(s)
        reps = log.town(_reps(seated + 2))
        lost = log.town(_reps(gone, "X"))
        for r in lost:
            log.add("rep.disqualified", day - _days(c.integer(1, 20)), rep=r, reason="other")
        log.add(
            "meeting.held", day, meeting="M1", kind=k, attendees=reps[seated:], invited=reps[:seated] + lost
        )
        return log

    for name, side, n in _bound_sides(p.min_invited, None, "min_invited", ""):
        yield _spec(
            build(n), name, side, _label(name, side, n, "seated reps invited"), day, "M1", n < p.min_invited
        )
    n = p.min_invited - 1
    yield _spec(
        build(n, 1),
        "seated_only",
        "inside" if p.seated_only else "outside",
        f"seated_only: {n} seated and 1 unseated rep invited",
        day,
        "M1",
        p.seated_only,
    )
    yield _spec(
        build(0, k=kind + "-other"),
        "meeting_kinds",
        "outside",
        "meeting_kinds: another kind, none invited",
        day,
        "M1",
        False,
    )
