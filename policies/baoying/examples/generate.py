#!/usr/bin/env python3
"""Write guangyanghu-2009.jsonl: an illustrative first pilot year in 广洋湖镇
under the "三个三" scheme (000:L1-L9).

The source gives no year ("今年4月份以来", L3); the log assumes 2009 for illustration, and compresses the
text's story (a congress, a qualification review, by-elections) into one year.
Deterministic, standard library only: `python generate.py` rewrites the log next to it.
The town is mostly compliant; the deliberate lapses (see ../README.md) are marked LAPSE.
Check it with:
    changrenzhi check policies/baoying policies/baoying/examples/guangyanghu-2009.jsonl --as-of 2010-02-15
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

OUT = Path(__file__).resolve().parent / "guangyanghu-2009.jsonl"
AS_OF = date(2010, 2, 15)  # the check date the README uses; nothing is logged after it
SURNAMES = "王朱陈刘张李徐杨孙周吴胡沈顾蒋葛潘夏季薛"
GIVEN = [
    "长林",
    "桂香",
    "志成",
    "国华",
    "小琴",
    "宏伟",
    "凤兰",
    "加宝",
    "正祥",
    "月琴",
    "德顺",
    "春燕",
    "如松",
    "玉芳",
    "宝山",
    "红梅",
]

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


# ---- the term and the roster --------------------------------------------------------------------------
CONGRESS = date(2009, 3, 30)
emit(
    "cong",
    "congress.opened",
    CONGRESS,
    term_years=5,
    x_name="广洋湖镇第十三次党代表大会第一次会议（示例日期）",
)

# R001-R008 are 镇机关单位党代表: category "town_agency" is the pack's convention (L6)
VILLAGES = ["广洋村", "湖西村", "鲁垛村", "沙沟村", "东荡村"]
CATEGORY_CYCLE = ["village_cadre", "farmer", "enterprise", "education_health"]
REPS = [f"R{i:03d}" for i in range(1, 49)]
category: dict[str, str] = {}
for i, rep in enumerate(REPS, 1):
    if i <= 8:
        cat, unit = "town_agency", "镇机关"
    else:
        cat, unit = CATEGORY_CYCLE[i % 4], VILLAGES[(i - 9) // 8]
    category[rep] = cat
    emit(
        "rep",
        "rep.elected",
        CONGRESS,
        rep=rep,
        unit=unit,
        category=cat,
        gender="female" if i % 5 == 0 else "male",
        birth_year=1952 + (i * 9) % 32,
        x_name=name(i),
    )

COMMITTEE = [f"C{i:02d}" for i in range(1, 8)]
for m in COMMITTEE[:6]:
    emit("com", "committee.appointed", CONGRESS, member=m, x_name=name(60 + int(m[1:])))
emit("com", "committee.appointed", "2009-04-10", member="C07", x_name=name(67))  # a deputy secretary arrives

# six groups of eight, "地域相连、行业特点相似": G1 is the town agencies, G2-G6 the villages
GROUPS = {f"G{k + 1}": REPS[8 * k : 8 * k + 8] for k in range(6)}
for g, members in GROUPS.items():
    liaison = "R037" if g == "G5" else members[1]
    emit(
        "grp",
        "group.formed",
        "2009-04-16",
        group=g,
        members=members,
        leader=members[0],
        liaison=liaison,
        x_name=("镇机关" if g == "G1" else VILLAGES[int(g[1]) - 2]) + "党代表活动小组",
    )

# each committee member links one group (L6); C07 is linked only in August -- LAPSE for 2009 Q2
for k, m in enumerate(COMMITTEE[:6]):
    emit("cas", "committee.assigned", "2009-04-18", member=m, groups=[f"G{k + 1}"])
emit("cas", "committee.assigned", "2009-08-01", member="C07", groups=["G6"])

# 三联: agency reps link 1 village and 2 poor households; every rep links 1-2 members (L6)
members_of: dict[str, list[str]] = {}
for i, rep in enumerate(REPS, 1):
    n = 3 if rep == "R020" else 1 + i % 2  # LAPSE: R020 links three members until July
    members_of[rep] = [f"{rep}-M{k}" for k in range(1, n + 1)]
    contacts = [{"person": p, "kind": "member"} for p in members_of[rep]]
    if category[rep] == "town_agency":
        contacts.append({"person": VILLAGES[i % 5], "kind": "village"})
        households = 1 if rep == "R005" else 2  # LAPSE: R005 links one poor household until August
        contacts += [{"person": f"{rep}-H{k}", "kind": "household"} for k in range(1, households + 1)]
    emit("cas", "contact.assigned", "2009-04-25", rep=rep, contacts=contacts)
members_of["R020"] = members_of["R020"][:2]
emit(
    "cas",
    "contact.assigned",
    "2009-07-20",
    rep="R020",
    contacts=[{"person": p, "kind": "member"} for p in members_of["R020"]],
)
emit(
    "cas",
    "contact.assigned",
    "2009-08-20",
    rep="R005",
    contacts=[
        {"person": "R005-M1", "kind": "member"},
        {"person": VILLAGES[0], "kind": "village"},
        {"person": "R005-H1", "kind": "household"},
        {"person": "R005-H2", "kind": "household"},
    ],
)

# ---- the qualification review and a by-election (L4) --------------------------------------------------
# R037's party membership moved to the county town in August; the review of 5 September withdrew the seat (L4)
emit("mtr", "member.transferred", "2009-08-24", rep="R037", x_to="宝应县城某单位党支部")
emit("dq", "rep.disqualified", "2009-09-05", rep="R037", reason="membership_transferred")  # G5's liaison
emit("dq", "rep.disqualified", "2009-09-05", rep="R046", reason="work_transferred")
emit("grc", "group.changed", "2009-09-08", group="G5", remove=["R037"])  # LAPSE: no new liaison until January
emit("grc", "group.changed", "2009-09-08", group="G6", remove=["R046"])
# the by-election, one ballot per village (L4: six steps, more candidates than seats)
STEPS = ["登记", "报名", "推选", "公示", "审查", "直选"]
emit(
    "elc",
    "election.held",
    "2009-11-10",
    unit="鲁垛村",
    category="village_cadre",
    seats=1,
    candidates=2,
    by_election=True,
    steps=STEPS,
)
# LAPSE: 沙沟村 put up a single candidate for its seat and skipped the 公示 of the candidate
emit(
    "elc",
    "election.held",
    "2009-11-10",
    unit="沙沟村",
    category="farmer",
    seats=1,
    candidates=1,
    by_election=True,
    steps=[s for s in STEPS if s != "公示"],
)
emit(
    "rep",
    "rep.elected",
    "2009-11-10",
    rep="R049",
    unit="鲁垛村",
    category="village_cadre",
    gender="male",
    birth_year=1975,
    x_name=name(49),
)
emit(
    "rep",
    "rep.elected",
    "2009-11-10",
    rep="R050",
    unit="沙沟村",
    category="farmer",
    gender="female",
    birth_year=1969,
    x_name=name(50),
)
emit("grc", "group.changed", "2009-11-12", group="G5", add=["R050"])
emit("cas", "contact.assigned", "2009-12-01", rep="R049", contacts=[{"person": "R049-M1", "kind": "member"}])
emit(
    "cas",
    "contact.assigned",
    "2009-12-01",
    rep="R050",
    contacts=[{"person": "R050-M1", "kind": "member"}, {"person": "R050-M2", "kind": "member"}],
)
# LAPSE: R049 joins a group only in January, so ends 2009 Q4 in none
emit("grc", "group.changed", "2010-01-12", group="G6", add=["R049"])
emit("grc", "group.changed", "2010-01-12", group="G5", liaison="R038")
# (pending) R012's membership moved on 28 January 2010; the seat is to be withdrawn within 30 days
emit("mtr", "member.transferred", "2010-01-28", rep="R012", x_to="扬州市某企业党委")

GONE = {"R037": date(2009, 9, 5), "R046": date(2009, 9, 5)}
JOINED = {"R050": ("G5", date(2009, 11, 12)), "R049": ("G6", date(2010, 1, 12))}


def members_on(g: str, day: date) -> list[str]:
    """The group's seated members on ``day`` (as the group.formed / group.changed events above say)."""
    base = [r for r in GROUPS[g] if r not in GONE or day < GONE[r]]
    return base + [r for r, (jg, since) in JOINED.items() if jg == g and day >= since]


# ---- 党代表学习日: each group studies once a quarter (L7) --------------------------------------------------
for year, q in [(2009, 2), (2009, 3), (2009, 4), (2010, 1)]:
    for gi, g in enumerate(GROUPS):
        if g == "G3" and (year, q) == (2009, 3):
            continue  # LAPSE: G3 held no study day in 2009 Q3
        if (year, q) == (2010, 1) and g in ("G3", "G5"):
            continue  # LAPSE (pending): G3 and G5 had held no first-quarter study day by 15 February
        month = 3 * q - 2 + (1 if (year, q) != (2010, 1) else 0)
        day = date(year, month, 8 + 2 * gi)
        here = members_on(g, day)
        absent = {here[-1]} if gi % 3 == 0 else set()
        fields: dict[str, object] = {
            "group": g,
            "attendees": [r for r in here if r not in absent],
            "days": 1,
            "x_theme": "党代表学习日：集中政治理论学习",
        }
        if absent:
            fields["excused"] = sorted(absent)
        emit("study", "study.session", day, **fields)

# ---- rotation training, in batches (L7: every rep at least once in the term) -------------------------------
emit("trn", "training.held", "2009-06-18", participants=REPS[0:24], days=2, x_batch="第一期")
emit(
    "trn",
    "training.held",
    "2009-10-15",
    participants=[r for r in REPS[24:48] if r not in ("R037", "R046", "R044")],
    days=2,
    x_batch="第二期",
)
# R044 missed the second batch; R049 and R050 came in by the by-election: all three still to be trained

# ---- contact-card visits (no frequency is set by the text), and the five activities ------------------------
for i, rep in enumerate([*REPS, "R049", "R050"], 1):
    for k, person in enumerate(members_of.get(rep, [f"{rep}-M1"])):
        for month in (6, 11):
            day = date(2009, month, 3 + (i + k) % 25)
            if rep in GONE and day >= GONE[rep] and not (rep == "R046" and month == 11):
                continue  # LAPSE: R046 kept visiting his member in November, as a rep, after losing the seat
            if rep in ("R049", "R050") and day < date(2009, 12, 1):
                continue
            emit("vis", "contact.visit", day, rep=rep, person=person)
# the 五个一 activities (L8), each at least once a year;
# LAPSE: the 满意度测评 of 2009 slipped into January 2010
for when, activity in [
    ("2009-05-20", "党代表座谈会"),
    ("2009-07-01", "党代表调研月"),
    ("2009-09-24", "党代表评议乡镇直部门"),
    ("2009-10-15", "信访接待日"),
    ("2010-01-15", "信访接待日"),
    ("2010-01-19", "党代表满意度测评"),
    ("2010-02-05", "党代表座谈会"),
]:
    g = "G" + str(1 + int(when[5:7]) % 6)
    emit(
        "act",
        "activity.held",
        when,
        activity=activity,
        group=g,
        participants=members_on(g, date.fromisoformat(when)),
    )

# 目标承诺书 (L6): every rep's pledge published with its completion date, and carried out
PLEDGES = ["修桥铺路", "村部改造", "促进返乡农民工就业", "建设高效农业园区"]
for i, rep in enumerate(REPS, 1):
    pid = f"PL{i:03d}"
    what = PLEDGES[i % 4]
    due = date(2010, 3, 31) if rep in ("R011", "R027") else date(2009, 12, 31)
    emit("pl", "pledge.made", "2009-05-06", pledge=pid, rep=rep, due=due.isoformat(), x_what=what)
    if rep == "R046":
        continue  # LAPSE: R046 left in September; the bridge he pledged was never finished
    if rep in ("R011", "R027"):
        continue  # (pending) due by the end of March 2010
    if rep == "R031":
        done = date(2010, 1, 20)  # LAPSE: carried out three weeks after the published date
    elif rep in GONE:
        done = date(2009, 8, 10 + i % 10)  # done before leaving
    else:
        done = date(2009, 7 + i % 6, 1 + (i * 3) % 28)
    emit("pld", "pledge.done", done, pledge=pid)

# 列席会议 (L8): meetings on the development plan, awards and personnel changes invite reps to attend;
# `present` counts the committee members at these committee meetings (they are not reps in this log)
# LAPSE: the committee's meeting on the personnel changes after the review invited no rep
emit(
    "mtg",
    "meeting.held",
    "2009-09-10",
    meeting="CM2009-09",
    kind="personnel",
    present=7,
    x_matter="资格审查后的人事调整",
)
emit(
    "mtg",
    "meeting.held",
    "2009-12-28",
    meeting="CM2009-12",
    kind="development_plan",
    present=7,
    invited=["R001", "R009", "R017", "R025", "R033", "R041"],
    x_matter="镇2010年发展规划",
)
emit(
    "mtg",
    "meeting.held",
    "2010-01-26",
    meeting="CM2010-01",
    kind="awards",
    present=6,
    invited=["R010", "R026", "R042"],
    x_matter="2009年度评先评优",
)

events = [e for e in events if str(e["date"]) <= AS_OF.isoformat()]
events.sort(key=lambda e: str(e["date"]))  # a log in date order, as a register would export it
with OUT.open("w", encoding="utf-8") as fh:
    fh.write("# 广洋湖镇（示例，假定为2009年）“三个三”党代表常任制试点记录；由 generate.py 生成，勿手改\n")
    for e in events:
        fh.write(json.dumps(e, ensure_ascii=False) + "\n")
print(f"wrote {len(events)} events to {OUT.name}")
