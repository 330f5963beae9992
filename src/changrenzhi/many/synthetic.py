"""A synthetic county of many towns, for the tests and the benchmark of ``check-many``.

Each town is one congress over a five-year term (2011-07-01 to 2016-06-30), every v1 event type,
every reference valid, scaled to the events asked for: 30 reps or more (3 per 1,000 events), 12 per
group. ``benchmarks/generate.py`` builds its county log with :class:`Town` too, ``extended`` (every
extension type and field as well). Town sizes vary
about fourfold around the mean (a few large towns, many small ones), and the towns cycle through
several shipped packs. Standard library only; deterministic for a given seed, number of towns
and number of events (byte for byte).

    python -m changrenzhi.many.synthetic OUT --towns 20 --events 1000000

writes ``OUT/logs/<town>.jsonl`` and ``OUT/manifest.csv`` (town, pack, log, as_of), ready for
``changrenzhi check-many OUT/manifest.csv --out DIR``. The smallest town this makes has about
1,300 events (its meetings, activities and quarterly visits), whatever size is asked for.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

__all__ = ["AS_OF", "PACKS", "SyntheticTown", "Town", "generate_county", "main", "town_names"]

START = date(2011, 7, 1)
#: the as-of date of every town of a synthetic county: the last day of the term
AS_OF = date(2016, 6, 30)
TERM_YEARS = 5
#: the shipped packs the towns follow, in turn
PACKS = ("guoyuan", "baoying", "zhangjiagang", "xianfeng", "district", "model-plan")
_NAMES = (
    "城关镇", "新港镇", "东坝镇", "西湖乡", "南山镇", "北桥镇", "青石乡", "白沙镇", "红星乡", "金塘镇",
    "长乐镇", "永安乡", "平安镇", "兴隆镇", "太平乡", "和平镇", "三河镇", "五里乡", "双桥镇", "清水镇",
)  # fmt: skip

CATEGORIES = ("cadre", "worker", "farmer", "technical", "enterprise", "other")
CATEGORY_WEIGHTS = (30, 15, 25, 15, 10, 5)
EDUCATION = ("postgraduate", "college", "secondary", "primary")
CONTACT_KINDS = ("member", "citizen", "activist", "village", "household")
DISQUALIFY_REASONS = ("membership_transferred", "deceased", "resigned", "disciplined")
THEMES = ("调研", "视察", "走访", "座谈", "学习交流", "志愿服务")
RATINGS = ("excellent", "competent", "qualified", "unqualified", "incompetent")
RATING_WEIGHTS = (25, 55, 17, 2, 1)
REPORTED_TO = ("unit", "branch", "group", "annual_meeting")
STEPS = ("登记", "报名", "推选", "公示", "审查", "直选")


class Town:
    """One town's log: builds the events in memory, bucketed by day, then writes them in date order.

    ``extended``: the county log of ``benchmarks/generate.py``, which adds every extension type and
    field (docs/EVENTS.md) and an inspection a week however few the reps."""

    def __init__(self, target: int, seed: int, start: date, *, extended: bool = False) -> None:
        self.rng = random.Random(seed)
        self.extended = extended
        # the extension types and fields come from a second generator, so that the v1 events
        # stay as they were before the extensions were added
        self.xrng = random.Random(seed + 1)
        self.target = target
        self.start = start
        self.end = start.replace(year=start.year + TERM_YEARS) - timedelta(days=1)  # inclusive
        self.start_o = start.toordinal()
        self.end_o = self.end.toordinal()
        self.days: dict[int, list[str]] = {}
        self.counts: dict[str, int] = {}
        self.n = 0
        self._iso: dict[int, str] = {}
        # scale: 3,000 reps for a million events, never fewer than 30
        self.n_reps = max(30, min(3000, round(3 * target / 1000)))
        self.n_groups = max(2, self.n_reps // 12)
        self.n_committee = max(3, min(25, self.n_reps // 120))
        self.n_units = max(3, self.n_reps // 50)

    # ---- helpers ------------------------------------------------------
    def iso(self, o: int) -> str:
        s = self._iso.get(o)
        if s is None:
            s = self._iso[o] = date.fromordinal(o).isoformat()
        return s

    def emit(self, etype: str, day: int, prefix: str, **fields: Any) -> str:
        self.n += 1
        c = self.counts[etype] = self.counts.get(etype, 0) + 1
        eid = f"{prefix}{c:07d}"
        obj = {"id": eid, "type": etype, "date": self.iso(day), **fields}
        self.days.setdefault(day, []).append(json.dumps(obj, ensure_ascii=False, separators=(",", ":")))
        return eid

    def day_in(self, lo: int, hi: int) -> int:
        """A random day in ``[lo, hi]``."""
        return self.rng.randint(lo, hi)

    def seated(self, rep: str, day: int) -> bool:
        s, e = self.seat[rep]
        return s <= day < e

    def seated_list(self, reps: Sequence[str], day: int) -> list[str]:
        return [r for r in reps if self.seat[r][0] <= day < self.seat[r][1]]

    def members_at(self, g: str, day: int) -> list[str]:
        """Seated group members at the end of ``day``: the formation list, then changes up to ``day``."""
        members = set(self.group_initial[g])
        for when, op, rep in self.group_changes[g]:
            if when > day:
                break
            if op == "+":
                members.add(rep)
            else:
                members.discard(rep)
        return self.seated_list(sorted(members), day)

    def quarters(self) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        y, m = self.start.year, (self.start.month - 1) // 3 * 3 + 1
        while True:
            s = date(y, m, 1)
            if s > self.end:
                return out
            ny, nm = (y + 1, 1) if m == 10 else (y, m + 3)
            e = date(ny, nm, 1) - timedelta(days=1)
            out.append((max(s, self.start).toordinal(), min(e, self.end).toordinal()))
            y, m = ny, nm

    def months(self) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        y, m = self.start.year, self.start.month
        while True:
            s = date(y, m, 1)
            if s > self.end:
                return out
            ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
            e = date(ny, nm, 1) - timedelta(days=1)
            out.append((s.toordinal(), min(e, self.end).toordinal()))
            y, m = ny, nm

    # ---- the town -----------------------------------------------------
    def build(self) -> None:
        rng = self.rng
        s0 = self.start_o
        units = [f"U{i:03d}" for i in range(1, self.n_units + 1)]
        self.emit("congress.opened", s0, "congress-", term_years=TERM_YEARS)

        # elections: one ballot per unit and category, then the reps it seats
        reps = [f"R{i:04d}" for i in range(1, self.n_reps + 1)]
        self.attrs: dict[str, tuple[str, str]] = {}
        per_ballot: dict[tuple[str, str], int] = {}
        for r in reps:
            unit = rng.choice(units)
            cat = rng.choices(CATEGORIES, CATEGORY_WEIGHTS)[0]
            self.attrs[r] = (unit, cat)
            per_ballot[unit, cat] = per_ballot.get((unit, cat), 0) + 1
        for (unit, cat), seats in sorted(per_ballot.items()):
            cands = seats + max(1, round(seats * rng.uniform(0.1, 0.3)))
            steps = {"steps": list(STEPS)} if self.extended else {}
            self.emit(
                "election.held",
                s0 - 30,
                "ballot-",
                unit=unit,
                category=cat,
                seats=seats,
                candidates=cands,
                **steps,
            )
            if self.extended:
                self.publicity("candidates", s0 - 40, unit=unit)
        self.seat: dict[str, tuple[int, int]] = {}
        for r in reps:
            self.elect(r, s0)

        # groups of 10-16
        rng.shuffle(reps)
        self.group_initial: dict[str, list[str]] = {}
        self.group_changes: dict[str, list[tuple[int, str, str]]] = {}
        self.group_of: dict[str, str] = {}
        self.officers: dict[str, dict[str, str]] = {}
        groups = [f"G{i:03d}" for i in range(1, self.n_groups + 1)]
        for i, g in enumerate(groups):
            ms = sorted(reps[i :: self.n_groups])
            self.group_initial[g] = ms
            self.group_changes[g] = []
            for m in ms:
                self.group_of[m] = g
            leader, deputy, liaison = rng.sample(ms, 3)
            self.officers[g] = {"leader": leader, "deputy": deputy, "liaison": liaison}
            self.emit(
                "group.formed",
                s0 + 1,
                "form-",
                group=g,
                members=ms,
                leader=leader,
                deputy=deputy,
                liaison=liaison,
            )
        self.groups = groups
        reps.sort()

        # contacts: 3-10 each, reassigned for some reps halfway through
        self.contact_tl: dict[str, list[tuple[int, list[str]]]] = {}
        for r in reps:
            self.assign_contacts(r, s0 + 2)

        # committee
        members = [f"C{i:02d}" for i in range(1, self.n_committee + 1)]
        for m in members:
            self.emit("committee.appointed", s0, "appoint-", member=m)
        self.committee_reps: dict[str, list[str]] = {}
        self.committee_groups: dict[str, list[str]] = {}
        linked = self.rng.sample(reps, min(len(reps), 10 * len(members)))
        for i, m in enumerate(members):
            self.committee_reps[m] = sorted(linked[i :: len(members)])
            self.committee_groups[m] = [groups[i % len(groups)]]
            self.emit(
                "committee.assigned",
                s0 + 3,
                "cassign-",
                member=m,
                reps=self.committee_reps[m],
                groups=self.committee_groups[m],
            )
        self.members = members

        self.turnover(reps)
        self.meetings()
        self.activities()
        if self.extended:
            self.extensions()
        self.visits()

    def elect(self, r: str, day: int) -> None:
        unit, cat = self.attrs[r]
        rng = self.rng
        self.emit(
            "rep.elected",
            day,
            "elect-",
            rep=r,
            unit=unit,
            category=cat,
            gender="female" if rng.random() < 0.3 else "male",
            birth_year=rng.randint(1950, 1988),
            ethnic_minority=rng.random() < 0.06,
            education=rng.choice(EDUCATION),
        )
        self.seat[r] = (day, self.end_o + 1)
        self.emit("rep.credentialed", day + self.rng.randint(1, 20), "cred-", rep=r)

    def assign_contacts(self, r: str, day: int) -> None:
        rng = self.rng
        # 1-2 party members, 2-3 citizens, one activist, up to two villages and households: 4-10 in all
        kinds = ["member"] * rng.randint(1, 2) + ["citizen"] * rng.randint(2, 3) + ["activist"]
        kinds += ["village"] * rng.randint(0, 2) + ["household"] * rng.randint(0, 2)
        num = r[1:]
        people = [{"person": f"P{num}-{k}", "kind": kind} for k, kind in enumerate(kinds)]
        n = len(people)
        self.contact_tl[r] = [(day, [p["person"] for p in people])]
        self.emit("contact.assigned", day, "contacts-", rep=r, contacts=people)
        if rng.random() < 0.1:  # a reassignment later in the term: two citizens replaced
            later = day + rng.randint(400, 1200)
            if later < self.seat[r][1] - 30:
                kept = [p for p in people if p["kind"] != "citizen"]
                cits = [p for p in people if p["kind"] == "citizen"]
                people = (
                    kept + cits[2:] + [{"person": f"P{num}-{n + j}", "kind": "citizen"} for j in range(2)]
                )
                self.contact_tl[r].append((later, [p["person"] for p in people]))
                self.emit("contact.assigned", later, "contacts-", rep=r, contacts=people)

    def turnover(self, reps: list[str]) -> None:
        """Disqualifications (5%), by-elections into the same seat and group, officer changes."""
        rng = self.rng
        gone = [
            (self.day_in(self.start_o + 120, self.end_o - 200), r)
            for r in sorted(rng.sample(reps, max(1, len(reps) // 20)))
        ]
        next_num = len(reps) + 1
        for day, r in sorted(gone):
            self.emit("rep.disqualified", day, "disq-", rep=r, reason=rng.choice(DISQUALIFY_REASONS))
            self.seat[r] = (self.seat[r][0], day)
            g = self.group_of[r]
            self._change(g, day, "-", r)
            change: dict[str, Any] = {"remove": [r]}
            for role, who in sorted(self.officers[g].items()):
                if who == r:
                    pick = [m for m in self.members_at(g, day) if m not in self.officers[g].values()]
                    if pick:
                        self.officers[g][role] = change[role] = rng.choice(pick)
            self.emit("group.changed", day, "gchange-", group=g, **change)
            if rng.random() < 0.8:  # a by-election
                new = f"R{next_num:04d}"
                next_num += 1
                self.attrs[new] = self.attrs[r]
                bday = day + rng.randint(30, 150)
                unit, cat = self.attrs[new]
                more = {"by_election": True, "steps": list(STEPS)} if self.extended else {}
                self.emit(
                    "election.held", bday, "ballot-", unit=unit, category=cat, seats=1, candidates=2, **more
                )
                if self.extended:
                    self.publicity("candidates", bday - 10, unit=unit)
                    self.emit("member.transferred", day, "transfer-", rep=r)
                self.elect(new, bday)
                self.group_of[new] = g
                self._change(g, bday, "+", new)
                self.emit("group.changed", bday, "gchange-", group=g, add=[new])
                self.assign_contacts(new, bday + 5)
                for m in self.members:  # the new rep takes over the committee link of the one who left
                    if r in self.committee_reps[m]:
                        self.committee_reps[m] = sorted([*self.committee_reps[m], new])
                        self.emit(
                            "committee.assigned",
                            bday + 10,
                            "cassign-",
                            member=m,
                            reps=self.committee_reps[m],
                            groups=self.committee_groups[m],
                        )
        # a few officer reshuffles with no seat change
        for g in rng.sample(self.groups, max(1, len(self.groups) // 10)):
            day = self.day_in(self.start_o + 400, self.end_o - 100)
            pick = [m for m in self.members_at(g, day) if m not in self.officers[g].values()]
            if pick:
                self.officers[g]["liaison"] = who = rng.choice(pick)
                self.emit("group.changed", day, "gchange-", group=g, liaison=who)
        self.all_reps = sorted(self.seat)

    def _change(self, g: str, day: int, op: str, rep: str) -> None:
        changes = self.group_changes[g]
        changes.append((day, op, rep))
        changes.sort(key=lambda c: c[0])

    def meetings(self) -> None:
        """The congress (first annual meeting) and one annual meeting a year, with agenda, votes,
        proposals and group reports; quarterly committee meetings."""
        rng = self.rng
        days = [self.start_o]
        for y in range(self.start.year + 1, self.end.year + 1):
            days.append(date(y, 3, 1).toordinal() + rng.randint(0, 20))
        groups = self.groups
        for n, day in enumerate(days, 1):
            mid = f"annual-{date.fromordinal(day).year}"
            seated = self.seated_list(self.all_reps, day)
            # agenda: proposed 20-60 days before (the first congress: on the day), decided before
            items = []
            for k in range(1, 13):
                item = f"{mid}-item{k:02d}"
                by = ("committee", "group", "reps")[k % 3]
                before = 0 if n == 1 else rng.randint(15, 60)
                fields: dict[str, Any] = {"meeting": mid, "item": item, "by": by}
                if by == "reps":
                    fields["proposers"] = rng.sample(seated, min(len(seated), rng.randint(5, 40)))
                elif by == "group":
                    fields["groups"] = rng.sample(groups, min(len(groups), rng.randint(1, 4)))
                if k == 12:
                    fields["ad_hoc"] = True
                self.emit("agenda.proposed", day - before, "agenda-", **fields)
                listed = rng.random() < 0.85
                decided = dict(meeting=mid, item=item, listed=listed)
                if n > 1:
                    decided["notified"] = self.iso(day - rng.randint(5, 14))
                self.emit("agenda.decided", day - (before // 2), "decide-", **decided)
                if listed:
                    items.append(item)
            if n > 1:
                prep = [r for r in seated if rng.random() < 0.3]
                self.emit(
                    "meeting.held",
                    day - 1,
                    "meeting-",
                    meeting=f"{mid}-prep",
                    kind="annual",
                    attendees=prep,
                    preparatory=True,
                    convened_by="committee",
                )
            attendees = [r for r in seated if rng.random() < 0.93]
            excused: dict[str, list[str]] = {}
            if self.extended:
                absent = [r for r in seated if r not in set(attendees)]
                excused["excused"] = [r for r in absent if self.xrng.random() < 0.7]
                excused["invited"] = self.xrng.sample(attendees, min(5, len(attendees)))
            self.emit(
                "meeting.held",
                day,
                "meeting-",
                meeting=mid,
                kind="annual",
                attendees=attendees,
                **excused,
                convened_by="committee",
                chaired_by="presidium",
                presidium=True,
            )
            present = len(attendees)
            for item in items:
                yes = rng.randint(present * 3 // 5, present)
                no = rng.randint(0, present - yes)
                abstain = present - yes - no
                matter = rng.choice(("election", "personnel", "other", "other"))
                method = "secret" if matter != "other" or rng.random() < 0.2 else "hands"
                self.emit(
                    "vote.held",
                    day,
                    "vote-",
                    meeting=mid,
                    item=item,
                    matter=matter,
                    method=method,
                    yes=yes,
                    no=no,
                    abstain=abstain,
                    declared="passed" if 2 * yes > len(seated) else "failed",
                )
            for g in groups:
                self.emit("group.report", day - rng.randint(3, 30), "greport-", group=g, meeting=mid)
            # proposals, suggestions, inquiries filed at the meeting; most answered within 3 months
            for k in range(max(3, len(seated) // 5)):
                pid = f"{mid}-p{k:04d}"
                form = rng.choices(("proposal", "suggestion", "inquiry"), (3, 6, 1))[0]
                sponsors = rng.sample(seated, min(len(seated), rng.randint(1, 12)))
                due = day + 90
                self.emit(
                    "proposal.filed",
                    day,
                    "filed-",
                    proposal=pid,
                    form=form,
                    sponsors=sponsors,
                    due=self.iso(due),
                )
                if rng.random() < 0.92:
                    when = min(self.end_o, day + rng.randint(10, 120))
                    self.emit(
                        "proposal.answered",
                        when,
                        "answer-",
                        proposal=pid,
                        mode=rng.choice(("face_to_face", "written", "at_meeting")),
                    )
        for q, (qs, qe) in enumerate(self.quarters()):
            day = self.day_in(qs, qe)
            self.emit(
                "meeting.held",
                day,
                "meeting-",
                meeting=f"committee-q{q + 1:02d}",
                kind="committee",
                present=self.rng.randint(len(self.members) * 2 // 3, len(self.members)),
            )

    def activities(self) -> None:
        rng = self.rng
        quarters = self.quarters()
        self.absences: dict[tuple[str, int], list[bool]] = {}  # (rep, year) -> excused?, per absence
        # study sessions: 1-2 a quarter per group (now and then none), groups' activities: 2 a quarter
        for g in self.groups:
            for qs, qe in quarters:
                roll = rng.random()
                n = 0 if roll < 0.03 else 2 if roll > 0.8 else 1
                for _ in range(n):
                    day = self.day_in(qs, qe)
                    ms = self.members_at(g, day)
                    absent = rng.sample(ms, min(len(ms) - 1, rng.choice((0, 0, 0, 0, 1, 1, 2))))
                    excused = [a for a in absent if rng.random() < 0.9]
                    year = date.fromordinal(day).year
                    for a in absent:
                        self.absences.setdefault((a, year), []).append(a in excused)
                    att = [m for m in ms if m not in absent]
                    fields: dict[str, Any] = {"group": g, "attendees": att}
                    if excused:
                        fields["excused"] = excused
                    if rng.random() < 0.15:
                        fields["days"] = 0.5 if rng.random() < 0.5 else 2
                    self.emit("study.session", day, "study-", **fields)
                for _ in range(2):
                    day = self.day_in(qs, qe)
                    ms = self.members_at(g, day)
                    att = [m for m in ms if rng.random() < 0.85] or ms[:1]
                    fields = {"group": g, "attendees": att, "theme": rng.choice(THEMES)}
                    if len(att) == len(ms):
                        fields["whole_group"] = True
                    if rng.random() < 0.2:
                        fields["days"] = 2
                    if self.extended and self.xrng.random() < 0.9:
                        fields["announced"] = self.iso(day - self.xrng.randint(1, 10))
                    self.emit("group.activity", day, "gact-", **fields)
            for y in range(self.start.year, self.end.year + 1):
                day = max(self.start_o + 5, date(y, 1, 1).toordinal() + rng.randint(0, 40))
                if day <= self.end_o:
                    self.emit("group.plan", day, "plan-", group=g, year=y)
        # concentrated training twice a year
        for y in range(self.start.year, self.end.year + 1):
            for m in (4, 10):
                day = date(y, m, 10).toordinal() + rng.randint(0, 10)
                if self.start_o <= day <= self.end_o:
                    seated = self.seated_list(self.all_reps, day)
                    part = [r for r in seated if rng.random() < 0.9]
                    self.emit("training.held", day, "train-", participants=part, days=rng.choice((2, 3)))
        # committee members: a rep or two and a group each month, a reception day each quarter
        for member in self.members:
            for ms_, me in self.months():
                day = self.day_in(ms_, me)
                self.emit(
                    "committee.visit",
                    day,
                    "cvisit-",
                    member=member,
                    group=rng.choice(self.committee_groups[member]),
                )
            for qs, qe in quarters:
                for r in self.committee_reps[member]:
                    s, e = self.seat[r]
                    lo, hi = max(qs, s), min(qe, e - 1)
                    if lo <= hi and rng.random() < 0.98:
                        self.emit("committee.visit", self.day_in(lo, hi), "cvisit-", member=member, rep=r)
                self.reception(member, self.day_in(qs, qe))
        # inspections: about one a week (a town: one for every three reps, at least 10)
        weeks = (self.end_o - self.start_o) // 7
        for k in range(weeks if self.extended else min(weeks, max(10, self.n_reps // 3))):
            day = self.day_in(self.start_o + 30, self.end_o - 10)
            seated = self.seated_list(self.all_reps, day)
            iid = f"insp-{k:05d}"
            fields = {
                "inspection": iid,
                "participants": rng.sample(seated, min(len(seated), rng.randint(5, 15))),
                "unit": f"U{rng.randint(1, self.n_units):03d}",
            }
            if rng.random() < 0.9:
                fields["notified"] = self.iso(day - rng.randint(1, 10))
            self.emit("inspection.held", day, "insp-", **fields)
            if rng.random() < 0.95:
                self.emit(
                    "inspection.reported",
                    min(self.end_o, day + rng.randint(5, 30)),
                    "ireport-",
                    inspection=iid,
                )
        # each rep: a yearly report to their unit, a couple of suggestions, a yearly rating
        for r in self.all_reps:
            s, e = self.seat[r]
            for y in range(self.start.year, self.end.year + 1):
                lo = max(s, date(y, 11, 1).toordinal())
                hi = min(e - 1, date(y, 12, 31).toordinal(), self.end_o)
                if lo <= hi:
                    to = {"to": self.xrng.choice(REPORTED_TO)} if self.extended else {}
                    self.emit("rep.reported", self.day_in(lo, hi), "reported-", rep=r, **to)
                rday = date(y + 1, 1, 20).toordinal()
                if s <= date(y, 12, 31).toordinal() and rday < e and rday <= self.end_o:
                    # the appraisal mostly follows missed study: any absence bars "excellent",
                    # one without leave means "unqualified" (now and then the record says otherwise)
                    missed = self.absences.get((r, y), [])
                    rating = rng.choices(RATINGS, RATING_WEIGHTS)[0]
                    if rng.random() < 0.97:
                        if not all(missed):
                            rating = "unqualified"
                        elif missed and rating == "excellent":
                            rating = "competent"
                    self.emit("rating.given", rday, "rating-", person=r, year=y, rating=rating)
            for _ in range(rng.randint(0, 4)):
                self.emit("rep.suggested", self.day_in(s, e - 1), "suggest-", rep=r)

    def reception(self, member: str, day: int) -> None:
        """A committee member's reception day (extended: when the schedule was posted, the group
        leaders received, whether it was recorded)."""
        if not self.extended:
            self.emit("committee.reception", day, "recept-", member=member)
            return
        picked = self.xrng.sample(self.groups, min(3, len(self.groups)))
        visitors = sorted({self.officers[g]["leader"] for g in picked})
        self.emit(
            "committee.reception",
            day,
            "recept-",
            member=member,
            posted=self.iso(day - self.xrng.randint(3, 20)),
            visitors=[v for v in visitors if self.seated(v, day)],
            recorded=self.xrng.random() < 0.95,
        )

    def publicity(self, what: str, day: int, **fields: Any) -> None:
        place = self.xrng.choice(("公告栏", "网站", "村务公开栏"))
        self.emit("publicity.posted", day, "public-", what=what, place=place, **fields)

    def extensions(self) -> None:
        """The extension types (docs/EVENTS.md): pledges, appraisals, visit months, resolutions
        changed, activities, publicity (members transferred and candidates' publicity come with
        the turnover and the elections)."""
        x = self.xrng
        years = range(self.start.year, self.end.year + 1)
        for y in years:
            lo, hi = (
                max(self.start_o, date(y, 1, 1).toordinal()),
                min(self.end_o, date(y, 12, 31).toordinal()),
            )
            if lo > hi:
                continue
            # a visit month each year (scheduled before, minutes after)
            month_start = max(lo, date(y, 5, 1).toordinal())
            month_end = min(hi, month_start + 30)
            if month_start < month_end:
                self.emit(
                    "visit_month.held",
                    month_start,
                    "vmonth-",
                    start=self.iso(month_start),
                    end=self.iso(month_end),
                    scheduled=self.iso(month_start - x.randint(5, 20)),
                    minutes=self.iso(min(self.end_o, month_end + x.randint(1, 10))),
                )
            # the yearly appraisal, by a panel of seated reps
            aday = min(hi, max(lo, date(y, 12, 10).toordinal()))
            seated = self.seated_list(self.all_reps, aday)
            panel = x.sample(seated, min(len(seated), 7))
            self.emit(
                "appraisal.held",
                aday,
                "appraisal-",
                year=y,
                panel=panel,
                panel_leader=panel[0],
                secret=x.random() < 0.9,
                dimensions=x.choice((3, 4, 5)),
            )
            # resolutions changed with the committee's consent
            for k in range(x.randint(1, 3)):
                day = x.randint(lo, hi)
                self.emit(
                    "resolution.changed",
                    day,
                    "resolution-",
                    resolution=f"res-{y}-{k}",
                    consented_by="committee",
                    notified=self.iso(min(self.end_o, day + x.randint(1, 15))),
                )
        # a pledge a year from about a third of the reps, most kept
        for r in self.all_reps:
            s, e = self.seat[r]
            for y in years:
                if x.random() >= 0.35:
                    continue
                lo, hi = max(s, date(y, 1, 1).toordinal()), min(e - 1, date(y, 6, 30).toordinal(), self.end_o)
                if lo > hi:
                    continue
                day = x.randint(lo, hi)
                pid = f"pledge-{r}-{y}"
                due = day + x.randint(60, 240)
                self.emit(
                    "pledge.made",
                    day,
                    "pledge-",
                    pledge=pid,
                    rep=r,
                    due=self.iso(due),
                    published=x.random() < 0.9,
                )
                if x.random() < 0.8 and due <= self.end_o:
                    self.emit("pledge.done", x.randint(day, due), "pdone-", pledge=pid)
        # each group's own activities (活动), a few a year
        for g in self.groups:
            for y in years:
                for k in range(x.randint(1, 3)):
                    lo = max(self.start_o + 10, date(y, 1, 1).toordinal())
                    hi = min(self.end_o, date(y, 12, 31).toordinal())
                    if lo > hi:
                        continue
                    day = x.randint(lo, hi)
                    ms = self.members_at(g, day)
                    part = [m for m in ms if x.random() < 0.8] or ms[:1]
                    self.emit(
                        "activity.held", day, "act-", activity=f"act-{g}-{y}-{k}", group=g, participants=part
                    )
        # results posted after each annual meeting
        for y in years:
            day = min(self.end_o, max(self.start_o, date(y, 3, 25).toordinal()))
            self.publicity("results", day)

    def visits(self) -> None:
        """Fill up to the target with ``contact.visit``, shared out by contact-days."""
        rng = self.rng
        slots: list[tuple[str, int, int, list[str]]] = []  # rep, from, to (exclusive), contacts
        weights: list[int] = []
        for r in self.all_reps:
            e = self.seat[r][1]
            tl = self.contact_tl[r]
            for i, (since, people) in enumerate(tl):
                until = min(e, tl[i + 1][0] if i + 1 < len(tl) else e)
                if until > since:
                    slots.append((r, since, until, people))
                    weights.append((until - since) * len(people))
        quarters = self.quarters()
        for r, since, until, people in slots:
            for qs, qe in quarters:
                lo, hi = max(qs, since), min(qe, until - 1)
                if lo > hi:
                    continue
                for person in people:
                    if rng.random() < 0.98 and self.n < self.target:
                        self.emit("contact.visit", rng.randint(lo, hi), "visit-", rep=r, person=person)
        left = max(0, self.target - self.n)
        total = sum(weights)
        made = 0
        for (r, since, until, people), w in zip(slots, weights, strict=True):
            share = left * w // total
            made += share
            for _ in range(share):
                self.emit(
                    "contact.visit", rng.randrange(since, until), "visit-", rep=r, person=rng.choice(people)
                )
        for i in range(left - made):  # the rounding remainder
            r, since, until, people = slots[i % len(slots)]
            self.emit(
                "contact.visit", rng.randrange(since, until), "visit-", rep=r, person=rng.choice(people)
            )

    def write(self, out: Path) -> None:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_suffix(out.suffix + ".tmp")
        with tmp.open("w", encoding="utf-8", newline="\n") as f:
            f.write(
                f"# changrenzhi synthetic {'county' if self.extended else 'town'} log: {self.n} events, "
                f"{len(self.seat)} reps, "
                f"{len(self.groups)} groups\n"
            )
            for day in sorted(self.days):
                f.write("\n".join(self.days[day]))
                f.write("\n")
        os.replace(tmp, out)


@dataclass(frozen=True, slots=True)
class SyntheticTown:
    """One town of a generated county: its name, pack, log file (relative to the county's
    folder) and the number of events written."""

    town: str
    pack: str
    log: str
    events: int


def town_names(n: int) -> list[str]:
    """``n`` distinct town names, safe as path segments: ``T001-城关镇``, ``T002-新港镇``..."""
    return [f"T{i + 1:03d}-{_NAMES[i % len(_NAMES)]}" for i in range(n)]


def _sizes(towns: int, events: int, rng: random.Random) -> list[int]:
    """``towns`` sizes adding up to about ``events``: weights from 1 to 4, a few large towns."""
    weights = [1 + 3 * rng.random() ** 2 for _ in range(towns)]
    total = sum(weights)
    return [max(1, round(events * w / total)) for w in weights]


def generate_county(
    out: str | os.PathLike[str], *, towns: int = 20, events: int = 1_000_000, seed: int = 20110701
) -> list[SyntheticTown]:
    """Write a county of ``towns`` towns with about ``events`` events in all under ``out``:
    ``logs/<town>.jsonl`` and ``manifest.csv``. Returns the towns written."""
    if towns < 1:
        raise ValueError("a county needs at least one town")
    folder = Path(out)
    (folder / "logs").mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    made: list[SyntheticTown] = []
    for i, (name, size) in enumerate(zip(town_names(towns), _sizes(towns, events, rng), strict=True)):
        town = Town(size, seed + 1 + i, START)
        town.build()
        log = f"logs/{name}.jsonl"
        town.write(folder / log)
        made.append(SyntheticTown(name, PACKS[i % len(PACKS)], log, town.n))
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["town", "pack", "log", "as_of"])
    for t in made:
        writer.writerow([t.town, t.pack, t.log, AS_OF.isoformat()])
    (folder / "manifest.csv").write_text(text.getvalue(), encoding="utf-8")
    return made


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m changrenzhi.many.synthetic",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("out", metavar="OUT", help="the folder to write the county into")
    p.add_argument("--towns", type=int, default=20, help="how many towns (default 20)")
    p.add_argument("--events", type=int, default=1_000_000, help="about how many events in all")
    p.add_argument("--seed", type=int, default=20110701)
    args = p.parse_args(argv)
    made = generate_county(args.out, towns=args.towns, events=args.events, seed=args.seed)
    total = sum(t.events for t in made)
    sys.stderr.write(f"wrote {args.out}/manifest.csv: {len(made)} towns, {total} events\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
