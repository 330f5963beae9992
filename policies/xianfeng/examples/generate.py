#!/usr/bin/env python3
"""Write xianfeng-2011.jsonl: an illustrative structured election of 204 county reps
in 37 units (000:L55-L68).

The text gives no reliable year (see ../README.md); the log assumes the elections of September-October 2011.
The term is opened on the first day of the elections (the contract's term starts at congress.opened, and the
ballots must fall in it); the thirteenth congress itself sat after 30 October.
Deterministic, standard library only: `python generate.py` rewrites the log next to it.
The roster reproduces the reported shares (L58) except where marked LAPSE.
Check it with:
    changrenzhi check policies/xianfeng policies/xianfeng/examples/xianfeng-2011.jsonl --as-of 2011-12-31
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parent / "xianfeng-2011.jsonl"
AS_OF = date(2011, 12, 31)  # the check date the README uses; nothing is logged after it

events: list[dict[str, object]] = []
counters: dict[str, int] = {}


def emit(prefix: str, etype: str, when: date | str, **fields: object) -> str:
    counters[prefix] = counters.get(prefix, 0) + 1
    eid = f"{prefix}-{counters[prefix]:04d}"
    when_s = when if isinstance(when, str) else when.isoformat()
    events.append({"id": eid, "type": etype, "date": when_s, **fields})
    return eid


emit("cong", "congress.opened", "2011-09-20", term_years=5, x_name="咸丰县第十三届党代表选举（示例年份）")

# seats per category: 100 leaders (69 + 31 county leaders) = 49.0%, 2 = 1.0%, 41 = 20.1%, 20 = 9.8%,
# 10 = 4.9%, 31 = 15.2% of 204 (L58)
SEATS = {
    "leader": 69,
    "county_leader": 31,
    "army_police": 2,
    "professional": 41,
    "farmer": 20,
    "non_public": 10,
    "grassroots": 31,
}
UNITS = [f"U{k:02d}" for k in range(1, 38)]  # 37 electoral units
# spread each category's seats over the units, round robin, starting at a different unit for each category
seats: dict[tuple[str, str], int] = {}
for ci, (cat, n) in enumerate(SEATS.items()):
    for s in range(n):
        u = UNITS[(ci * 5 + s) % len(UNITS)]
        seats[(u, cat)] = seats.get((u, cat), 0) + 1

FIRST = date(2011, 10, 8)
rep_no = 0
for ui, u in enumerate(UNITS):
    day = FIRST + timedelta(days=ui % 20)  # each unit votes on one day between 8 and 27 October
    # published before the ballot (L65): voters, absentees, preliminary candidates
    emit("pub", "publicity.posted", day - timedelta(days=12), what="voters", unit=u)
    emit("pub", "publicity.posted", day - timedelta(days=12), what="absentees", unit=u)
    if u != "U20":  # LAPSE: U20 never published its preliminary candidates
        emit("pub", "publicity.posted", day - timedelta(days=5), what="candidates", unit=u)
    for cat in SEATS:
        n = seats.get((u, cat), 0)
        if n == 0:
            continue
        # county leaders: 等额 (L67), exempt from the margin;
        # the others: at least 40% more candidates than seats, rounded up
        cands = n if cat == "county_leader" else n + max(1, -(-2 * n // 5))
        category = cat
        if (u, cat) == ("U31", "farmer"):
            # LAPSE: U31 counted farmers and other grassroots reps in one ballot
            category = "farmer+grassroots"
        if (u, cat) == ("U22", "farmer"):
            cands = n  # LAPSE: U22 put up as many farmer candidates as seats (no margin)
        emit("elc", "election.held", day, unit=u, category=category, seats=n, candidates=cands)
        for _ in range(n):
            rep_no += 1
            # LAPSE: 53 women (26.0%), where the report says 27% (55 of 204)
            gender = "female" if rep_no % 4 == 1 or rep_no in (2, 6) else "male"
            # 17 reps born in 1952 (59 in 2011), 187 under 50: 91.7%, reported as 92%
            born = 1952 if rep_no % 12 == 0 else 1962 + rep_no % 15
            emit(
                "rep",
                "rep.elected",
                day,
                rep=f"R{rep_no:03d}",
                unit=u,
                category=cat,
                gender=gender,
                birth_year=born,
            )
    # results announced (L65): within three days of the ballot
    lag = 6 if u == "U05" else 1  # LAPSE: U05 announced its results six days after the ballot
    emit("pub", "publicity.posted", day + timedelta(days=lag), what="results", unit=u)

events.sort(key=lambda e: str(e["date"]))  # a log in date order, as a register would export it
events = [e for e in events if str(e["date"]) <= AS_OF.isoformat()]
with OUT.open("w", encoding="utf-8") as fh:
    fh.write("# 咸丰县县党代表结构制选举（示例，假定为2011年）；由 generate.py 生成，勿手改\n")
    for e in events:
        fh.write(json.dumps(e, ensure_ascii=False) + "\n")
print(f"wrote {len(events)} events to {OUT.name}")
