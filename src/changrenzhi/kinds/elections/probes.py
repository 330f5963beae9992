"""Probe builders of ``composition``, ``election_margin``, ``publicity`` and ``rep_listing``
(see :mod:`changrenzhi.kinds.probing`).

Shares are probed on an exact multiple of their denominator, so that 以上 (``min``) and 超过
(``above``) are told apart; candidates per seat on the margin and one below it; what is posted on
its deadline day and the day after.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

from ...periods import ONE_DAY, Period, add_years
from ..probing import (
    Choices,
    ProbeLog,
    ProbeSpec,
    Setting,
    Side,
    bound_spec,
    day_in,
    deadline_sides,
    probe_spec,
    rep_ids,
)
from .params import (
    CompositionParams,
    ElectionMarginParams,
    PublicityItem,
    PublicityParams,
    RepListingParams,
    ShareSpec,
)

__all__ = ["composition_probes", "election_margin_probes", "publicity_probes", "rep_listing_probes"]


def _share_broken(spec: ShareSpec, share: Fraction) -> bool:
    """Whether ``share`` breaks one figure of a composition share (min/max 以上/以下, above/below
    超过/不到, target ± tolerance)."""
    return (
        (spec.min is not None and share < spec.min)
        or (spec.above is not None and share <= spec.above)
        or (spec.max is not None and share > spec.max)
        or (spec.below is not None and share >= spec.below)
        or (spec.target is not None and abs(share - spec.target) > spec.tolerance)
    )


def _matching(spec: ShareSpec, year: int) -> dict[str, Any]:
    """``rep.elected`` attributes of a rep a composition share counts."""
    out: dict[str, Any] = {}
    if spec.category:
        out["category"] = spec.category[0]
    if spec.gender:
        out["gender"] = spec.gender
    age = spec.age_min if spec.age_min is not None else spec.age_max
    if age is not None:
        out["birth_year"] = year - age
    return out


def _not_matching(spec: ShareSpec, year: int) -> list[dict[str, Any]]:
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


def composition_probes(p: CompositionParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    on = s.start  # the term's first day: no general ballot in the log (at: election), or as_of
    as_of = s.start if p.at == "as_of" else s.start + timedelta(days=c.integer(0, 60))
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
                log = ProbeLog(s)
                log.town([])
                # the reps the share does not count: each breaks one selector (drawn once per probe),
                # or (unknown: count) records none of them
                first = c.integer(0, len(others) - 1)
                blank = p.unknown == "count" and c.choice([False, True])
                for i, rep in enumerate(rep_ids(n)):
                    if i < hit:
                        attrs = _matching(spec, on.year)
                    else:
                        attrs = {} if blank and i % 2 else others[(first + i) % len(others)]
                    log.add("rep.elected", s.start, rep=rep, **attrs)
                if p.unknown == "exclude":
                    for rep in rep_ids(c.integer(0, 2), "U"):  # left out of the base
                        log.add("rep.elected", s.start, rep=rep)
                share = Fraction(hit, n)
                param = f"shares.{spec.name}.{key}"
                what = f"{hit} of {n} seated"
                yield bound_spec(log, param, side, what, "", as_of, spec.name, _share_broken(spec, share))


def _ballot_fails(
    p: ElectionMarginParams,
    category: str,
    seats: int,
    candidates: int,
    steps: Sequence[str],
    elected: int | None = None,
    method: str | None = None,
) -> bool:
    """What :class:`~changrenzhi.kinds.elections.ElectionMargin` finds about one ballot."""
    if p.filled and elected is not None and elected < seats:
        return True
    if p.secret and method is not None and method != "secret":
        return True
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


def election_margin_probes(p: ElectionMarginParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    day = s.start - timedelta(days=c.integer(1, 60))  # the general election before the congress opens
    by_election = p.ballots == "by_election"
    if by_election:
        day = s.start + timedelta(days=c.integer(100, 300))
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
        elected: int | None = None,
        method: str | None = None,
    ) -> ProbeSpec:
        cat = category if category is not None else c.choice(judged)
        log = ProbeLog(s)
        log.town(rep_ids(2))
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
            elected=elected,
            method=method,
        )
        fails = _ballot_fails(p, cat, seats, candidates, took, elected, method)
        expect = fails and (by is None or p.ballots == "all")
        return bound_spec(log, param, side, what, "", max(day, s.start), "U1", expect)

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
    # a contested ballot, within any margin, so that only the count elected or the method decides
    wide = (5, 5 + max(p.min_extra or 0, 5 if p.margin is None else math.ceil(p.margin * 5 * 5)))
    if p.filled:
        yield ballot("filled", "at", "every seat filled", *wide, elected=wide[0])
        yield ballot("filled", "past", "one seat left empty", *wide, elected=wide[0] - 1)
    if p.secret:
        yield ballot("secret", "inside", "secret ballot", *wide, method="secret")
        yield ballot("secret", "outside", "by show of hands", *wide, method="hands")
    if p.ballots != "all":  # a ballot of the other sort is not judged
        yield ballot(
            "ballots", "outside", "a failing ballot of the other sort", 5, 5, by=not by_election, taken=[]
        )


def publicity_probes(p: PublicityParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    by_election = p.ballots == "by_election"
    first = s.start + timedelta(days=c.integer(60, 200))
    last = first + timedelta(days=c.integer(0, 3))
    after = max((i.lead for i in p.items if i.when == "after"), default=0)
    as_of = last + timedelta(days=after + 2)

    def deadline(item: PublicityItem) -> date:
        return (
            first - timedelta(days=item.lead) if item.when == "before" else last + timedelta(days=item.lead)
        )

    def build(posted: dict[int, date | None], by: bool = by_election) -> ProbeLog:
        log = ProbeLog(s)
        log.town(rep_ids(2))
        ballots = [(first, "a"), (last, "b")] if last > first else [(first, "a")]  # one or two days
        for held, category in ballots:
            log.add("election.held", held, unit="U1", category=category, seats=5, candidates=7,
                    by_election=True if by else None)  # fmt: skip
        for i, item in enumerate(p.items):
            day = posted.get(i, deadline(item) if item.when == "before" else last)
            if day is not None:
                log.add("publicity.posted", day, what=item.what, unit="U1")
        return log

    for i, item in enumerate(p.items):
        due = deadline(item)
        for side, day in deadline_sides(due):
            name = f"items.{item.what}.{item.when}"
            ballot = f"first ballot {first}" if item.when == "before" else f"last ballot {last}"
            what = f"posted {day} ({ballot})"
            yield bound_spec(build({i: day}), name, side, what, "", as_of, "U1", day > due)
        if item.when == "after":
            name = f"items.{item.what}.{item.when}"
            yield probe_spec(
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
        yield probe_spec(
            log,
            "ballots",
            "outside",
            "ballots: nothing posted for a ballot of the other sort",
            as_of,
            "U1",
            False,
        )


def rep_listing_probes(p: RepListingParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    elected = s.start + timedelta(days=c.integer(0, 30))
    deadline = elected + timedelta(days=p.days)
    lapses = add_years(s.start, s.term_years) <= deadline
    what = p.what or "listing"

    def build(last_day: date | None, last_what: str = what) -> ProbeLog:
        log = ProbeLog(s)
        log.town([])
        rep = log.town(["R001"], day=elected)[0]
        for place in p.places[:-1]:
            log.add(
                "publicity.posted",
                day_in(c, Period(elected, deadline, "window")),
                what=what,
                rep=rep,
                place=place,
            )
        if last_day is not None:
            log.add("publicity.posted", last_day, what=last_what, rep=rep, place=p.places[-1])
        return log

    for side, day in deadline_sides(deadline):
        posted = f"{p.places[-1]} posted {(day - elected).days} days after election"
        yield bound_spec(
            build(day), "days", side, posted, "", day + ONE_DAY, "R001", day > deadline and not lapses
        )
    yield probe_spec(
        build(None),
        "places",
        "outside",
        f"places: nothing posted at {p.places[-1]}",
        deadline + ONE_DAY,
        "R001",
        not lapses,
    )
    if p.what is not None:
        yield probe_spec(
            build(elected, what + "-other"),
            "what",
            "outside",
            f"what: {p.places[-1]} posts another what",
            deadline + ONE_DAY,
            "R001",
            not lapses,
        )
