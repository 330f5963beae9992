"""Probe builder of ``appraisal`` (see :mod:`changrenzhi.kinds.probing`).

Ratings are probed for a subject rated and one not, on each edge of the window and one day past
it, with an allowed rating and another; a round's form (secret, dimensions, panel) by one round
that passes every check but the one probed.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any, get_args

from ...events import Rating
from ...periods import ONE_DAY
from ..probing import (
    Choices,
    ProbeLog,
    ProbeSpec,
    Setting,
    Side,
    bound_sides,
    bound_spec,
    day_in,
    probe_spec,
    rep_ids,
)
from .params import AppraisalParams

__all__ = ["appraisal_probes"]


def appraisal_probes(p: AppraisalParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    year = s.start.year
    due = p.due(year)  # the round's
    rdue = p.rating_due(year)  # the ratings'
    rating = p.allowed[0] if p.allowed else "competent"

    def town(log: ProbeLog) -> str:
        log.town(rep_ids(2))
        if p.subjects == "committee":
            log.add("committee.appointed", s.start, member="C01")
            return "C01"
        return "R001"

    def rate(log: ProbeLog, person: str, day: date, value: str = rating) -> None:
        log.add("rating.given", day, person=person, year=year, rating=value)

    def rate_others(log: ProbeLog, person: str) -> None:
        people = ["R001", "R002"] if p.subjects == "reps" else ["C01"]
        for other in people:
            if other != person:
                rate(log, other, day_in(c, rdue))

    if p.subjects is not None:
        if p.every_year:
            for side, rated in (("inside", True), ("outside", False)):
                log = ProbeLog(s)
                person = town(log)
                rate_others(log, person)
                if rated:
                    rate(log, person, day_in(c, rdue))
                what = "rated" if rated else "not rated"
                yield probe_spec(
                    log, "every_year", side, f"every_year: {what} for {year}", rdue.end, person, not rated
                )
        if p.ratings_window is not None:
            param = "rating_window" if p.rating_window is not None else "window"
            sides = [
                ("at", rdue.start),
                ("past", rdue.start - ONE_DAY),
                ("at", rdue.end),
                ("past", rdue.end + ONE_DAY),
            ]
            for side, day in sides:
                log = ProbeLog(s)
                person = town(log)
                rate_others(log, person)
                rate(log, person, day)
                what = f"rated on {day} for {year}"
                yield bound_spec(
                    log, param, side, what, "", max(rdue.end, day), person, not rdue.contains(day)
                )
        if p.allowed is not None:
            other = [r for r in get_args(Rating) if r not in p.allowed]
            for side, value in (("inside", p.allowed[-1]), *([("outside", other[0])] if other else [])):
                log = ProbeLog(s)
                person = town(log)
                rate_others(log, person)
                rate(log, person, day_in(c, rdue), value)
                yield probe_spec(
                    log, "allowed", side, f"allowed: rated {value}", rdue.end, person, side == "outside"
                )
    if p.rounds:
        for side, held in (("inside", True), ("outside", False)):
            log = ProbeLog(s)
            town(log)
            if held:
                log.add("appraisal.held", day_in(c, due), year=year, **_round(p, log))
            yield probe_spec(
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
        for name, side, d in bound_sides(p.min_dimensions, None, "min_dimensions", ""):
            checks.append((name, side, f"{d} dimensions", {"dimensions": d or None}, d < p.min_dimensions))
    if p.panel_leader:
        checks.append(("panel_leader", "outside", "no panel leader", {"panel_leader": None}, True))
        checks.append(("panel_leader", "outside", "leader off the panel", {"panel_leader": "X001"}, True))
    for name, side, n in bound_sides(p.panel_min, p.panel_max, "panel_min", "panel_max"):
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
        log = ProbeLog(s)
        fields = _round(p, log, over)
        day = day_in(c, due)
        ev = log.add("appraisal.held", day, year=year, **fields)
        yield bound_spec(log, name, side, what, "", due.end, ev["id"], expect)


def _round(p: AppraisalParams, log: ProbeLog, over: dict[str, Any] | None = None) -> dict[str, Any]:
    """The fields of an ``appraisal.held`` that passes every check of ``p``, changed by ``over``.

    Its panel members are elected, each the leader of a group of their own (with
    ``over["deputy"]``, the first is the deputy of a leader also on the panel); ``outsider``
    adds an ordinary rep to the panel, ``absent`` a group leader left off it; ``size`` is the
    panel's size.
    """
    over = over or {}
    size = over.get("size", p.panel_min or min(p.panel_max or 3, 3))
    panel = log.town(rep_ids(size, "J"))
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
