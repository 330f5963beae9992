"""Probe builders of ``agenda_deadline`` and ``agenda_threshold`` (see :mod:`changrenzhi.kinds.probing`).

An item is proposed (or notified) on the last day allowed before the meeting and the day after;
proposers and groups are counted on each threshold and one below it, an ad hoc share on its exact
bound.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from ..probing import (
    Choices,
    ProbeLog,
    ProbeSpec,
    Setting,
    Side,
    bound_sides,
    bound_spec,
    needed,
    probe_spec,
    rep_ids,
    share_base,
    share_sides,
)
from .params import AgendaDeadlineParams, AgendaThresholdParams

__all__ = ["agenda_deadline_probes", "agenda_threshold_probes"]


def agenda_deadline_probes(p: AgendaDeadlineParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    held = s.start + timedelta(days=c.integer(120, 300))
    kind = p.meeting_kinds[0] if p.meeting_kinds else "annual"
    for side, before in (("at", p.days), ("past", p.days - 1)):
        log = ProbeLog(s)
        reps = log.town(rep_ids(3))
        log.group("G1", reps)
        when = held - timedelta(days=before)
        if p.what == "proposed":
            by = c.choice(list(p.by))
            who: dict[str, Any] = (
                {"proposers": reps} if by == "reps" else {"groups": ["G1"]} if by == "group" else {}
            )
            log.add("agenda.proposed", when, meeting="M1", item="I1", by=by, **who)
        else:
            log.add("agenda.proposed", when - timedelta(days=30), meeting="M1", item="I1", by="committee")
            log.add(
                "agenda.decided",
                when - timedelta(days=c.integer(1, 20)),
                meeting="M1",
                item="I1",
                listed=True,
                notified=when.isoformat(),
            )
        log.add("meeting.held", held, meeting="M1", kind=kind, attendees=reps)
        what = f"{before} days before the meeting"
        yield bound_spec(log, "days", side, what, p.what, held + timedelta(days=30), "I1", before < p.days)


def agenda_threshold_probes(p: AgendaThresholdParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    held = s.start + timedelta(days=c.integer(120, 300))
    kind = p.meeting_kinds[0] if p.meeting_kinds else "annual"
    allowed = set(p.allowed)

    def predict(by: str, reps: int, groups: int, ad_hoc: bool, listed: bool, seated: int) -> bool:
        found = False
        if ad_hoc and p.ad_hoc is not None:
            t = p.ad_hoc
            enough = (t.groups_min is not None and groups >= t.groups_min) or (
                t.reps_share is not None and reps >= needed(t.reps_share, seated, False)
            )
            found = not enough
        else:
            found = by not in allowed
            if by == "reps" and "reps" in allowed and p.reps_min is not None and reps < p.reps_min:
                found = True
            if by == "group" and "group" in allowed and groups < p.groups_min:
                found = True
        m = p.must_list
        if m is not None and not listed:
            due = (m.reps_min is not None and reps >= m.reps_min) or (
                m.groups_min is not None and groups >= m.groups_min
            )
            found = found or due
        return found

    def item(param: str, side: Side, by: str, reps: int, groups: int, ad_hoc: bool = False,
             listed: bool = True, seated: int | None = None) -> ProbeSpec:  # fmt: skip
        log = ProbeLog(s)
        n = seated if seated is not None else max(reps, 3) + c.integer(0, 2)
        names = log.town(rep_ids(n))
        gs = [f"G{i:02d}" for i in range(1, groups + 1)]
        for i, g in enumerate(gs):
            log.group(g, [names[i % len(names)]])
        when = held if ad_hoc else held - timedelta(days=c.integer(15, 40))
        log.add(
            "agenda.proposed", when, meeting="M1", item="I1", by=by,
            proposers=names[:reps] if reps else None, groups=gs or None, ad_hoc=True if ad_hoc else None,
        )  # fmt: skip
        if not ad_hoc:
            log.add(
                "agenda.decided",
                held - timedelta(days=c.integer(1, 10)),
                meeting="M1",
                item="I1",
                listed=listed,
            )
        log.add("meeting.held", held, meeting="M1", kind=kind, attendees=names)
        expect = predict(by, reps, groups, ad_hoc, listed and not ad_hoc, n)
        what = f"by {by}, {reps} reps, {groups} groups" + (", ad hoc" if ad_hoc else "")
        what += "" if listed else ", not listed"
        return bound_spec(log, param, side, what, "", held + timedelta(days=30), "I1", expect)

    for by in ("committee", "group", "reps"):
        reps, groups = (
            (0, 0) if by == "committee" else (0, p.groups_min) if by == "group" else (p.reps_min or 1, 0)
        )
        yield item("allowed", "inside" if by in allowed else "outside", by, reps, groups)
    if p.reps_min is not None and "reps" in allowed:
        for name, side, k in bound_sides(p.reps_min, None, "reps_min", ""):
            yield item(name, side, "reps", k, 0)
    if "group" in allowed:
        for name, side, k in bound_sides(p.groups_min, None, "groups_min", ""):
            yield item(name, side, "group", 0, k)
    if p.ad_hoc is not None:
        if p.ad_hoc.groups_min is not None:
            for name, side, k in bound_sides(p.ad_hoc.groups_min, None, "ad_hoc.groups_min", ""):
                yield item(name, side, "group", 0, k, ad_hoc=True)
        if p.ad_hoc.reps_share is not None:
            seated = share_base(p.ad_hoc.reps_share, c)
            for side, k in share_sides(p.ad_hoc.reps_share, seated):
                yield item("ad_hoc.reps_share", side, "reps", k, 0, ad_hoc=True, seated=seated)
    if p.must_list is not None:
        if p.must_list.reps_min is not None:
            for name, side, k in bound_sides(p.must_list.reps_min, None, "must_list.reps_min", ""):
                yield item(name, side, "reps", k, 0, listed=False)
        if p.must_list.groups_min is not None:
            for name, side, k in bound_sides(p.must_list.groups_min, None, "must_list.groups_min", ""):
                yield item(name, side, "group", 0, k, listed=False)
        yield from _split_proposals(p, s, c, held, kind)


def _split_proposals(
    p: AgendaThresholdParams, s: Setting, c: Choices, held: date, kind: str
) -> Iterator[ProbeSpec]:
    """must_list.joint: the groups (or reps) of the threshold split over two proposals of one item,
    each below it, not listed: a duty only when separate proposals are added up (``combined``)."""
    m = p.must_list
    assert m is not None
    split_by = "group" if m.groups_min is not None and m.groups_min >= 2 else "reps"
    need = m.groups_min if split_by == "group" else m.reps_min
    if need is None or need < 2 or split_by not in p.allowed:
        return
    log = ProbeLog(s)
    names = log.town(rep_ids(max(need, 3)))
    groups = [f"G{i:02d}" for i in range(1, need + 1)] if split_by == "group" else []
    for i, g in enumerate(groups):
        log.group(g, [names[i % len(names)]])
    half = need // 2
    for n, part in enumerate((slice(0, half), slice(half, need))):
        fields = {"groups": groups[part]} if split_by == "group" else {"proposers": names[part]}
        when = held - timedelta(days=c.integer(15, 40) + n)
        log.add("agenda.proposed", when, meeting="M1", item="I1", by=split_by, **fields)
    log.add("agenda.decided", held - timedelta(days=c.integer(1, 10)), meeting="M1", item="I1", listed=False)
    log.add("meeting.held", held, meeting="M1", kind=kind, attendees=names)
    combined = m.joint == "combined"
    # the other checks of the rule count the item's proposals together
    few = (split_by == "group" and need < p.groups_min) or (
        split_by == "reps" and p.reps_min is not None and "reps" in p.allowed and need < p.reps_min
    )
    what = (
        f"must_list.joint: {need} {'groups' if split_by == 'group' else 'reps'} in two proposals, not listed"
    )
    yield probe_spec(
        log,
        "must_list.joint",
        "outside" if combined else "inside",
        what,
        held + timedelta(days=30),
        "I1",
        combined or few,
    )
