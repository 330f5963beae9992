#!/usr/bin/env python3
"""Write district-2011-2012.jsonl: an illustrative district that adopted
the survey's recommendations (003:L16-L33).

The district is fictional (the report hides its name, ×区); the log assumes a congress in June 2011.
Deterministic, standard library only: `python generate.py` rewrites the log next to it.
The district is mostly compliant; the deliberate lapses (see ../README.md) are marked LAPSE.
Check it with:
    changrenzhi check policies/district policies/district/examples/district-2011-2012.jsonl --as-of 2012-12-31
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

OUT = Path(__file__).resolve().parent / "district-2011-2012.jsonl"
AS_OF = date(2012, 12, 31)  # the check date the README uses; nothing is logged after it
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦许何"
GIVEN = ["立新", "雅琴", "振华", "秀梅", "广平", "慧敏", "宏图", "淑华", "健民", "晓红", "中原", "美玲"]

events: list[dict[str, object]] = []
counters: dict[str, int] = {}


def emit(prefix: str, etype: str, when: date | str, **fields: object) -> str:
    counters[prefix] = counters.get(prefix, 0) + 1
    eid = f"{prefix}-{counters[prefix]:04d}"
    when_s = when if isinstance(when, str) else when.isoformat()
    events.append({"id": eid, "type": etype, "date": when_s, **fields})
    return eid


def name(i: int) -> str:
    return SURNAMES[(i * 7) % len(SURNAMES)] + GIVEN[(i * 5) % len(GIVEN)]


# ---- the term and the roster -------------------------------------------------------------------------------
CONGRESS = date(2011, 6, 20)
emit("cong", "congress.opened", CONGRESS, term_years=5, x_name="×区第八次党代表大会（示例日期）")
UNITS = ["东街街道", "西街街道", "南关街道", "区直机关", "区医院", "第一中学"]
REPS = [f"R{i:03d}" for i in range(1, 31)]
for i, rep in enumerate(REPS, 1):
    emit(
        "rep",
        "rep.elected",
        CONGRESS,
        rep=rep,
        unit=UNITS[(i - 1) % 6],
        category=["cadre", "professional", "model_worker"][i % 3],
        gender="female" if i % 3 == 0 else "male",
        birth_year=1955 + (i * 11) % 30,
        x_name=name(i),
    )
# R030 leaves in March 2012 (work transferred out of the district): seated less than half of 2012
emit("dq", "rep.disqualified", "2012-03-10", rep="R030", reason="work_transferred")
# a by-election in September 2012: R031 holds the seat for less than half of 2012
emit(
    "elc",
    "election.held",
    "2012-09-12",
    unit="第一中学",
    category="professional",
    seats=1,
    candidates=2,
    by_election=True,
)
emit(
    "rep",
    "rep.elected",
    "2012-09-12",
    rep="R031",
    unit="第一中学",
    category="professional",
    gender="female",
    birth_year=1976,
    x_name=name(31),
)
SEATED_2012 = [r for r in REPS if r != "R030"] + ["R031"]

# ---- training on the charter and the term regulations (L22) ------------------------------------------------
emit(
    "trn",
    "training.held",
    "2011-09-22",
    participants=REPS[0:15],
    days=2,
    x_topic="《党章》与代表任期制暂行条例",
)
# R022 missed the second batch; R031 came in later: both still owe a training in the term (pending)
emit(
    "trn",
    "training.held",
    "2012-04-18",
    participants=[r for r in REPS[15:29] if r != "R022"],
    days=2,
    x_topic="《党章》与代表任期制暂行条例",
)

# ---- year-end reports to the electoral unit (L32) ----------------------------------------------------------
for year, reps in ((2011, REPS), (2012, SEATED_2012)):
    for i, rep in enumerate(reps, 1):
        if rep == "R031":
            continue  # seated in September 2012: owes no 2012 report (less than half the year)
        if year == 2011 and rep == "R007":
            continue  # LAPSE: R007 made no report for 2011
        if year == 2011 and rep == "R013":
            # LAPSE: in January, not at year end
            emit("rpt", "rep.reported", "2012-01-10", rep=rep, to="unit")
            continue
        if year == 2012 and rep == "R025":
            # LAPSE: mid-year, not at year end
            emit("rpt", "rep.reported", "2012-06-28", rep=rep, to="unit")
            continue
        emit("rpt", "rep.reported", date(year, 12, 5 + i % 20), rep=rep, to="unit")
        # the yearly review (L32): a rating for every rep who reported (R007, R013 and R025 have none)
        emit(
            "rat",
            "rating.given",
            date(year, 12, 28),
            person=rep,
            year=year,
            rating="excellent" if i % 7 == 0 else "competent",
        )

# ---- members' inquiries to reps (L32) ----------------------------------------------------------------------
emit(
    "inq",
    "proposal.filed",
    "2011-11-03",
    proposal="Q2011-01",
    form="inquiry",
    sponsors=["R004"],
    x_asked_by="东街街道党员甲",
    x_title="社区活动室何时开放",
)
emit("inq", "proposal.answered", "2011-11-20", proposal="Q2011-01", mode="face_to_face")
# LAPSE: never answered
emit(
    "inq",
    "proposal.filed",
    "2012-05-14",
    proposal="Q2012-01",
    form="inquiry",
    sponsors=["R019"],
    x_asked_by="区医院党员乙",
    x_title="夜间门诊人手不足",
)
emit(
    "inq",
    "proposal.filed",
    "2012-08-02",
    proposal="Q2012-02",
    form="inquiry",
    sponsors=["R011"],
    due="2012-09-01",
    x_asked_by="南关街道党员丙",
    x_title="老旧小区改造进度",
)
# LAPSE: after its due date
emit("inq", "proposal.answered", "2012-09-20", proposal="Q2012-02", mode="written")
# open: due in January
emit(
    "inq",
    "proposal.filed",
    "2012-12-18",
    proposal="Q2012-03",
    form="inquiry",
    sponsors=["R002"],
    due="2013-01-18",
    x_asked_by="西街街道党员丁",
    x_title="冬季供暖",
)

# ---- public listing of every rep's role and contact details at residence and unit (L32) --------------------
for i, rep in enumerate(REPS, 1):
    for place in ("residence", "unit"):
        if rep == "R016" and place == "residence":
            continue  # LAPSE: R016 is listed at the unit only
        emit("pub", "publicity.posted", date(2011, 7, 10 + i % 15), what="rep_listing", rep=rep, place=place)
for place in ("residence", "unit"):
    emit("pub", "publicity.posted", "2012-09-25", what="rep_listing", rep="R031", place=place)

events = [e for e in events if str(e["date"]) <= AS_OF.isoformat()]
events.sort(key=lambda e: str(e["date"]))  # a log in date order, as a register would export it
with OUT.open("w", encoding="utf-8") as fh:
    fh.write("# ×区（虚构示例）采纳调研报告建议后的党代表履职记录；由 generate.py 生成，勿手改\n")
    for e in events:
        fh.write(json.dumps(e, ensure_ascii=False) + "\n")
print(f"wrote {len(events)} events to {OUT.name}")
