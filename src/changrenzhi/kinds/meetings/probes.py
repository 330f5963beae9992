"""Probe builders of ``annual_meeting``, ``quorum``, ``vote_majority``, ``ballot_method``,
``attendance_discipline`` and ``resolution_change`` (see :mod:`changrenzhi.kinds.probing`).

Meetings per period are probed on each bound and one past it; shares (a quorum, a majority) on the
exact bound of a base that makes it a whole number, one below and one above; who convenes and
chairs, the ballot method, an absence and a consent by one log inside and one outside.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from ...periods import ONE_DAY, add_years, calendar_period
from ..probing import (
    Choices,
    ProbeLog,
    ProbeSpec,
    Setting,
    Side,
    bound_sides,
    bound_spec,
    day_in,
    distinct_days,
    first_period,
    needed,
    offset_words,
    other_kind,
    probe_spec,
    rep_ids,
    share_base,
    share_sides,
    side_label,
)
from .params import (
    AnnualMeetingParams,
    AttendanceDisciplineParams,
    BallotMethodParams,
    QuorumParams,
    ResolutionChangeParams,
    VoteMajorityParams,
)

__all__ = [
    "annual_meeting_probes",
    "attendance_discipline_probes",
    "ballot_method_probes",
    "quorum_probes",
    "resolution_change_probes",
    "vote_majority_probes",
]


def annual_meeting_probes(p: AnnualMeetingParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    period = first_period(p.period, s)
    if p.congress_year == "exempt":  # the congress's own period owes nothing: probe the next one
        period = calendar_period(p.period, period.end + ONE_DAY)
    form = {"convened_by": p.convened_by, "chaired_by": p.chaired_by}

    def town() -> ProbeLog:
        log = ProbeLog(s)
        log.town(rep_ids(5))
        return log

    def meeting(log: ProbeLog, mid: str, day: date, **over: Any) -> None:
        fields = form | over
        log.add("meeting.held", day, meeting=mid, kind=p.meeting_kind, present=5, **fields)

    lo = p.min if p.min > 0 else None
    in_term = period.start < add_years(s.start, s.term_years)
    if p.quorum is not None and p.min >= 1 and in_term:  # the period's only meeting, at its quorum's edge
        seated = share_base(p.quorum, c)
        for side, present in share_sides(p.quorum, seated):
            log = ProbeLog(s)
            log.town(rep_ids(seated))
            log.add("meeting.held", day_in(c, period), meeting="M1", kind=p.meeting_kind, present=present,
                    **{k: v for k, v in form.items() if v is not None})  # fmt: skip
            short = present < needed(p.quorum, seated, not p.quorum_inclusive)
            what = f"its one meeting with {present} of {seated} seated present"
            yield bound_spec(log, "quorum", side, what, "", period.end, p.meeting_kind, short or p.min > 1)
    for name, side, n in bound_sides(lo, p.max, "min", "max") if in_term else ():
        log = town()
        days = distinct_days(c, period, n, 1)  # one meeting each
        for i, day in enumerate(days):
            meeting(log, f"M{i + 1}", day)
        if n and c.choice([False, True]):  # a second sitting of the same meeting counts once
            meeting(log, "M1", days[0] + ONE_DAY)
        expect = n < p.min or (p.max is not None and n > p.max)
        yield bound_spec(log, name, side, n, "meetings", period.end, p.meeting_kind, expect)
    day = day_in(c, period)
    for role, expected in form.items():
        if expected is None:
            continue
        for side, actual in (("inside", expected), ("outside", expected + "-other")):
            log = town()
            meeting(log, "M1", day, **{role: actual})
            yield probe_spec(log, role, side, f"{role}: {actual}", period.end, "M1", actual != expected)
    for flag in ("presidium", "preparatory"):
        if getattr(p, flag) is False:
            for side, had in (("inside", False), ("outside", True)):
                log = town()
                meeting(log, "M1", day, **{flag: had})
                yield probe_spec(log, flag, side, f"{flag}: {had}", period.end, "M1", had)


def quorum_probes(p: QuorumParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    day = s.start + timedelta(days=c.integer(30, 300))
    base = share_base(p.share, c)
    for side, present in share_sides(p.share, base):
        log = ProbeLog(s)
        reps = log.town(rep_ids(base))
        attendees: list[str] | None = reps[:present]
        if c.choice([False, True]):  # a rep who lost the seat signs in too: not counted, not seated
            gone = log.town(["X001"])[0]
            log.add("rep.disqualified", day - ONE_DAY, rep=gone, reason="membership_transferred")
            attendees = [*reps[:present], gone]
        fields: dict[str, Any] = {"attendees": attendees}
        if c.choice([False, True]):
            fields = {"present": present}
        log.add("meeting.held", day, meeting="M1", kind=p.meeting_kinds[0], **fields)
        expect = present < needed(p.share, base, not p.inclusive)
        what = f"{present} of {base} seated present"
        yield bound_spec(log, "share", side, what, "", day, "M1", expect)


def vote_majority_probes(p: VoteMajorityParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    day = s.start + timedelta(days=c.integer(30, 300))
    kind = p.meeting_kinds[0] if p.meeting_kinds else "annual"
    matter = p.matters[0] if p.matters else c.choice(["other", "election", "personnel"])
    base = share_base(p.share, c)
    seated = base if p.base != "present" else base + c.integer(0, 3)
    for side, yes in share_sides(p.share, base):
        for declared in ("passed", "failed"):
            log = ProbeLog(s)
            reps = log.town(rep_ids(seated))
            log.add("meeting.held", day, meeting="M1", kind=kind, attendees=reps[:base])
            abstain = c.integer(0, base - yes) if p.base == "cast" else 0
            log.add(
                "vote.held", day, meeting="M1", item="I1", matter=matter, method="secret",
                yes=yes, no=base - yes - abstain, abstain=abstain, declared=declared,
            )  # fmt: skip
            passes = yes >= needed(p.share, base, p.strict)
            what = f"yes {yes} of {base} ({p.base}), declared {declared}"
            yield bound_spec(log, "share", side, what, "", day, "I1", passes != (declared == "passed"))
    if p.quorum is not None:  # a result declared passed at a sitting below its quorum
        q_seated = share_base(p.quorum, c)
        for side, present in share_sides(p.quorum, q_seated):
            if present < 1:
                continue
            log = ProbeLog(s)
            reps = log.town(rep_ids(q_seated))
            log.add("meeting.held", day, meeting="M1", kind=kind, attendees=reps[:present])
            # every present rep votes yes, every absent one counts against: the majority is judged too
            log.add(
                "vote.held", day, meeting="M1", item="I1", matter=matter, method="secret",
                yes=present, no=0, abstain=0, declared="passed",
            )  # fmt: skip
            vbase = q_seated if p.base == "seated" else present
            short = present < needed(p.quorum, q_seated, not p.quorum_inclusive)
            expect = short or present < needed(p.share, vbase, p.strict)
            what = f"{present} of {q_seated} seated present, declared passed"
            yield bound_spec(log, "quorum", side, what, "", day, "I1", expect)


def ballot_method_probes(p: BallotMethodParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    day = s.start + timedelta(days=c.integer(30, 300))
    kind = p.meeting_kinds[0] if p.meeting_kinds else "annual"
    other = "hands" if p.method == "secret" else "secret"
    for matter in p.matters:
        for side, method in (("inside", p.method), ("outside", other)):
            log = ProbeLog(s)
            reps = log.town(rep_ids(5))
            log.add("meeting.held", day, meeting="M1", kind=kind, attendees=reps)
            log.add(
                "vote.held", day, meeting="M1", item="I1", matter=matter, method=method,
                yes=5, no=0, declared="passed",
            )  # fmt: skip
            yield probe_spec(
                log, "matters", side, f"matters: {matter} by {method}", day, "I1", method != p.method
            )


def attendance_discipline_probes(
    p: AttendanceDisciplineParams, s: Setting, c: Choices
) -> Iterator[ProbeSpec]:
    day = s.start + timedelta(days=c.integer(30, 300))
    kind = c.choice(list(p.meeting_kinds))
    other = other_kind(p.meeting_kinds)
    cases: list[tuple[Side, str]] = [
        ("inside", "attended"),
        ("inside", "excused"),
        ("inside", "other kind"),
        ("inside", "head count only"),
        ("inside", "seat lost before"),
        ("outside", "absent"),
    ]
    for side, how in cases:
        log = ProbeLog(s)
        reps = log.town(rep_ids(3 + c.integer(0, 2)))
        rest = reps[1:]
        if how == "seat lost before":
            log.add("rep.disqualified", day - timedelta(days=c.integer(1, 20)), rep=reps[0],
                    reason="membership_transferred")  # fmt: skip
        fields: dict[str, Any] = {"attendees": rest}
        if how == "attended":
            fields["attendees"] = reps
        elif how == "excused":
            fields["excused"] = [reps[0]]
        elif how == "head count only":
            fields = {"present": len(rest)}
        log.add("meeting.held", day, meeting="M1", kind=other if how == "other kind" else kind, **fields)
        what = f"meeting_kinds: {reps[0]} {how}"
        yield probe_spec(log, "meeting_kinds", side, what, day, reps[0], side == "outside")


def resolution_change_probes(p: ResolutionChangeParams, s: Setting, c: Choices) -> Iterator[ProbeSpec]:
    changed = s.start + timedelta(days=c.integer(30, 300))
    kind = c.choice(list(p.meeting_kinds))
    notify = p.without_consent == "notify"
    k = p.notify_days

    def probe(name: str, side: Side, what: str, *, sat: date | None, of_kind: str = kind,
              notified: date | None = None, expect: bool) -> ProbeSpec:  # fmt: skip
        log = ProbeLog(s)
        reps = log.town(rep_ids(3))
        if sat is not None:
            log.add("meeting.held", sat, meeting="M1", kind=of_kind, attendees=reps)
        if sat is not None or c.choice([False, True]):  # without a meeting it may still name one
            consent: str | None = "M1"
        else:
            consent = None
        log.add("resolution.changed", changed, resolution="D1", consented_by=consent,
                notified=None if notified is None else notified.isoformat())  # fmt: skip
        as_of = max(changed + timedelta(days=k + 1), sat or changed)
        return probe_spec(log, name, side, what, as_of, "D1", expect)

    # consent: a meeting of the kinds that sat on or before the day of the change; without it, no notice
    yield probe(
        "meeting_kinds",
        "at",
        "meeting_kinds: consent of a meeting on the day of the change",
        sat=changed,
        expect=False,
    )
    earlier = changed - timedelta(days=c.integer(1, 29))
    yield probe(
        "meeting_kinds", "inside", "meeting_kinds: consent of an earlier meeting", sat=earlier, expect=False
    )
    after = "meeting_kinds: consent of a meeting the day after the change"
    yield probe("meeting_kinds", "past", after, sat=changed + ONE_DAY, expect=True)
    other = other_kind(p.meeting_kinds)
    what = "meeting_kinds: consent of a meeting of another kind"
    yield probe("meeting_kinds", "outside", what, sat=changed, of_kind=other, expect=True)
    yield probe(
        "meeting_kinds", "outside", "meeting_kinds: no consent, reps never told", sat=None, expect=True
    )
    if notify:
        for side, days in (("at", k), ("past", k + 1)):
            what = side_label("notify_days", side, "notified " + offset_words(-days, "the change"), "")
            yield probe("notify_days", side, what, sat=None, notified=changed + timedelta(days=days),
                        expect=days > k)  # fmt: skip
    else:
        what = "without_consent: forbidden, notified the same day"
        yield probe("without_consent", "outside", what, sat=None, notified=changed, expect=True)
