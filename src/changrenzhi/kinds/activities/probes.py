"""Probe builders of ``named_activity`` and ``meeting_invitation`` (see :mod:`changrenzhi.kinds.probing`).

Activities held per period and reps invited are probed on each bound and one past it; an invitee
who lost the seat, and a meeting of another kind, by one log each.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from ..probing import (
    Choices,
    ProbeLog,
    ProbeSpec,
    Setting,
    bound_sides,
    bound_spec,
    day_in,
    first_period,
    probe_spec,
    rep_ids,
)
from .params import MeetingInvitationParams, NamedActivityParams

__all__ = ["meeting_invitation_probes", "named_activity_probes"]


def named_activity_probes(p: NamedActivityParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    period = first_period(p.period, s)
    spec = p.activities[0]
    subject = spec.name if p.per == "town" else "G1"
    for name, side, n in bound_sides(p.min, p.max, "min", "max"):
        log = ProbeLog(s)
        reps = log.town(rep_ids(2))
        group = None
        if p.per == "group":
            log.group("G1", reps)
            group = "G1"
        for act in p.activities:
            times = n if act is spec else p.min
            for _ in range(times):
                log.add(
                    "activity.held",
                    day_in(c, period),
                    activity=c.choice(act.names),
                    group=group,
                    participants=reps,
                )
        expect = n < p.min or (p.max is not None and n > p.max)
        yield bound_spec(log, name, side, n, f"{spec.name} held", period.end, subject, expect)


def meeting_invitation_probes(p: MeetingInvitationParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    day = s.start + timedelta(days=c.integer(30, 300))
    kind = c.choice(list(p.meeting_kinds))

    def build(seated: int, gone: int = 0, k: str = kind) -> ProbeLog:
        log = ProbeLog(s)
        reps = log.town(rep_ids(seated + 2))
        lost = log.town(rep_ids(gone, "X"))
        for r in lost:
            log.add("rep.disqualified", day - timedelta(days=c.integer(1, 20)), rep=r, reason="other")
        log.add(
            "meeting.held", day, meeting="M1", kind=k, attendees=reps[seated:], invited=reps[:seated] + lost
        )
        return log

    for name, side, n in bound_sides(p.min_invited, None, "min_invited", ""):
        yield bound_spec(build(n), name, side, n, "seated reps invited", day, "M1", n < p.min_invited)
    n = p.min_invited - 1
    yield probe_spec(
        build(n, 1),
        "seated_only",
        "inside" if p.seated_only else "outside",
        f"seated_only: {n} seated and 1 unseated rep invited",
        day,
        "M1",
        p.seated_only,
    )
    yield probe_spec(
        build(0, k=kind + "-other"),
        "meeting_kinds",
        "outside",
        "meeting_kinds: another kind, none invited",
        day,
        "M1",
        False,
    )
