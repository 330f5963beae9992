"""Hypothesis strategies: valid town event logs in which every reference resolves.

A drawn :class:`Town` holds the events as dicts (each with a unique ``id``), an
``as_of`` date within or just past the generated span, and what the properties
need to build variations (who looks after whom, which events are roster events).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

from changrenzhi import EventLog, read_events
from changrenzhi.roster import ROSTER_TYPES

Ev = dict[str, Any]
CONTACT_KINDS = ("member", "citizen", "activist", "village", "household")
RATINGS = ("excellent", "competent", "qualified", "unqualified", "incompetent")


@dataclass
class Town:
    events: list[Ev]
    as_of: date
    start: date
    end: date
    #: rep -> the people they look after (any assignment, any time)
    contacts: dict[str, list[str]] = field(default_factory=dict)

    def lines(self, events: list[Ev] | None = None) -> list[str]:
        return [json.dumps(e, ensure_ascii=False) for e in (self.events if events is None else events)]

    def log(self, events: list[Ev] | None = None) -> EventLog:
        return read_events(self.lines(events), name="town.jsonl")

    @property
    def ids(self) -> set[str]:
        return {e["id"] for e in self.events}


def is_roster(e: Ev) -> bool:
    return e["type"] in ROSTER_TYPES


class _Ids:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self, prefix: str) -> str:
        self.n += 1
        return f"{prefix}{self.n:04d}"


@st.composite
def towns(draw: st.DrawFn, max_reps: int = 16) -> Town:
    """A congress, its reps and groups, the committee, then two or so years of activity."""
    new_id = _Ids()
    start = date(2008, 1, 1) + timedelta(days=draw(st.integers(0, 4 * 365)))
    term_years = draw(st.sampled_from([3, 5]))
    span = draw(st.integers(60, 3 * 365 // 2))
    end = start + timedelta(days=span)

    def day(lo: date = start, hi: date = end) -> date:
        return lo + timedelta(days=draw(st.integers(0, max((hi - lo).days, 0))))

    def ev(etype: str, when: date, **fields: Any) -> Ev:
        return {"id": new_id(etype[:3] + "-"), "type": etype, "date": when.isoformat(), **fields}

    def some(items: list[str], lo: int = 0) -> list[str]:
        if not items:
            return []
        return draw(st.lists(st.sampled_from(sorted(items)), min_size=min(lo, len(items)), unique=True))

    events: list[Ev] = [ev("congress.opened", start, term_years=term_years)]
    n = draw(st.integers(6, max_reps))
    reps = [f"R{i:02d}" for i in range(1, n + 1)]
    events += [
        ev("rep.elected", start, rep=r, category=draw(st.sampled_from(["worker", "farmer", "cadre"])))
        for r in reps
    ]
    formed = start + timedelta(days=draw(st.integers(0, 20)))
    n_groups = draw(st.integers(1, 3))
    groups = [f"G{i}" for i in range(1, n_groups + 1)]
    members: dict[str, list[str]] = {g: reps[i::n_groups] for i, g in enumerate(groups)}
    for g in groups:
        ms = members[g]
        officers = {"leader": ms[0]} | ({"deputy": ms[1]} if len(ms) > 1 and draw(st.booleans()) else {})
        events.append(ev("group.formed", formed, group=g, members=ms, **officers))
    committee = [f"C{i}" for i in range(1, draw(st.integers(1, 3)) + 1)]
    for c in committee:
        events.append(ev("committee.appointed", formed, member=c))
        mine = some(reps, 1)
        events.append(ev("committee.assigned", formed, member=c, reps=mine, groups=some(groups)))

    town = Town(events, start, start, end)
    for r in some(reps, 1):
        people = [f"P{r[1:]}{k}" for k in range(draw(st.integers(1, 4)))]
        town.contacts[r] = people
        contacts = [{"person": p, "kind": draw(st.sampled_from(CONTACT_KINDS))} for p in people]
        events.append(ev("contact.assigned", day(start, formed), rep=r, contacts=contacts))

    # disqualifications, then by-elections into the same groups
    seated = dict.fromkeys(reps, start)  # rep -> the day the seat was taken
    for k in range(draw(st.integers(0, 3))):
        if len(seated) <= 3:
            break
        gone = draw(st.sampled_from(sorted(seated)))
        lost = day(max(formed, seated.pop(gone)) + timedelta(days=1))
        events.append(ev("rep.disqualified", lost, rep=gone, reason="membership_transferred"))
        if draw(st.booleans()):
            newcomer = f"R{90 + k}"
            joined = day(lost)
            events.append(ev("rep.elected", joined, rep=newcomer))
            g = next(g for g in groups if gone in members[g])
            events.append(ev("group.changed", joined, group=g, add=[newcomer], remove=[gone]))
            members[g] = [m for m in members[g] if m != gone] + [newcomer]
            seated[newcomer] = joined
    everyone = sorted({e["rep"] for e in events if e["type"] == "rep.elected"})

    # activities
    for _ in range(draw(st.integers(0, 40))):
        what = draw(st.sampled_from(["study", "study", "training", "visit", "visit", "cvisit", "rating"]))
        when = day(formed)
        if what == "study":
            g = draw(st.sampled_from(groups))
            came = some(members[g])
            rest = [m for m in members[g] if m not in came]
            events.append(
                ev(
                    "study.session",
                    when,
                    group=g,
                    attendees=came,
                    excused=some(rest),
                    days=draw(st.sampled_from([0.5, 1, 2])),
                )
            )
        elif what == "training":
            events.append(
                ev("training.held", when, participants=some(everyone, 1), days=draw(st.integers(1, 5)))
            )
        elif what == "visit" and town.contacts:
            r = draw(st.sampled_from(sorted(town.contacts)))
            events.append(ev("contact.visit", when, rep=r, person=draw(st.sampled_from(town.contacts[r]))))
        elif what == "cvisit":
            target = (
                {"rep": draw(st.sampled_from(everyone))}
                if draw(st.booleans())
                else {"group": draw(st.sampled_from(groups))}
            )
            events.append(ev("committee.visit", when, member=draw(st.sampled_from(committee)), **target))
        elif what == "rating":
            events.append(
                ev(
                    "rating.given",
                    when,
                    person=draw(st.sampled_from(everyone)),
                    year=when.year,
                    rating=draw(st.sampled_from(RATINGS)),
                )
            )

    # meetings, each with its agenda and votes
    for m in range(draw(st.integers(0, 3))):
        meeting = f"M{m + 1}"
        held = day(formed + timedelta(days=10))
        present = some(everyone, 1)
        attendance = {"attendees": present} if draw(st.booleans()) else {"present": len(present)}
        events.append(
            ev(
                "meeting.held",
                held,
                meeting=meeting,
                kind=draw(st.sampled_from(["annual", "group"])),
                convened_by="committee",
                chaired_by=draw(st.sampled_from(["committee", "presidium"])),
                **attendance,
            )
        )
        for i in range(draw(st.integers(0, 3))):
            item = f"{meeting}-I{i + 1}"
            by = draw(st.sampled_from(["committee", "group", "reps"]))
            extra: Ev = {}
            if by == "group":
                extra["groups"] = some(groups, 1)
            elif by == "reps":
                extra["proposers"] = some(everyone, 1)
            proposed = held - timedelta(days=draw(st.integers(0, 30)))
            ad_hoc = proposed == held and draw(st.booleans())
            events.append(
                ev("agenda.proposed", proposed, meeting=meeting, item=item, by=by, ad_hoc=ad_hoc, **extra)
            )
            events.append(
                ev("agenda.decided", proposed, meeting=meeting, item=item, listed=draw(st.booleans()))
            )
            if draw(st.booleans()):
                yes = draw(st.integers(0, len(present)))
                no = draw(st.integers(0, len(present) - yes))
                events.append(
                    ev(
                        "vote.held",
                        held,
                        meeting=meeting,
                        item=item,
                        matter=draw(st.sampled_from(["election", "personnel", "other"])),
                        method=draw(st.sampled_from(["secret", "hands"])),
                        yes=yes,
                        no=no,
                        abstain=len(present) - yes - no,
                        declared="passed" if yes * 2 > len(present) else "failed",
                    )
                )

    town.as_of = start + timedelta(days=draw(st.integers(0, span + 200)))
    return town
