#!/usr/bin/env python3
r"""Write qingxi-2010-2012.jsonl: an illustrative township working to the model plan (000:L10-L54).

清溪乡 is fictional; the plan names no township and no date, so the log assumes a congress in January 2010.
Deterministic, standard library only: `python generate.py` rewrites the log next to it.
The township is mostly compliant; the deliberate lapses (see ../README.md) are marked LAPSE.
Check it with:
    changrenzhi check policies/model-plan \
        policies/model-plan/examples/qingxi-2010-2012.jsonl --as-of 2012-08-15
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parent / "qingxi-2010-2012.jsonl"
AS_OF = date(2012, 8, 15)  # the check date the README uses; nothing is logged after it
SURNAMES = "李王张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = [
    "建国",
    "秀英",
    "德明",
    "桂兰",
    "志强",
    "玉梅",
    "文华",
    "淑珍",
    "永福",
    "海燕",
    "春生",
    "丽华",
    "国庆",
    "晓东",
    "金凤",
    "树林",
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


def d(s: str) -> date:
    return date.fromisoformat(s)


# ---- the term and the roster ------------------------------------------------------------------------------
CONGRESS = d("2010-01-12")
emit("cong", "congress.opened", CONGRESS, term_years=5, x_name="清溪乡第十二次党代表大会（示例）")
REPS = [f"R{i:03d}" for i in range(1, 51)]
CITY = {"R048", "R049", "R050"}  # 本乡范围内的市党代表 (L39): category "city_rep" is the pack's convention
VILLAGES = ["清溪村", "石门村", "柳湾村", "新桥村", "乡直机关"]
for i, rep in enumerate(REPS, 1):
    emit(
        "rep",
        "rep.elected",
        CONGRESS,
        rep=rep,
        unit=VILLAGES[(i - 1) // 10],
        category="city_rep" if rep in CITY else ("cadre" if i % 4 == 0 else "grassroots"),
        gender="female" if i % 3 == 0 else "male",
        birth_year=1950 + (i * 7) % 35,
        x_name=name(i),
    )
for m in range(1, 8):
    emit("com", "committee.appointed", CONGRESS, member=f"C{m:02d}", x_name=name(70 + m))

# three groups "根据区域、工作性质、人数适中" (L45): 17, 18 and 15 reps
GROUPS = {"G1": REPS[0:17], "G2": REPS[17:35], "G3": REPS[35:50]}
for g, members in GROUPS.items():
    emit("grp", "group.formed", "2010-01-15", group=g, members=members, leader=members[0], deputy=members[1])

# each rep looks after 3-5 or more members or citizens (L34)
contacts_of: dict[str, list[dict[str, str]]] = {}
for i, rep in enumerate(REPS, 1):
    n = 3 + i % 3
    if rep == "R012":
        n = 2  # LAPSE: R012 lists only two people until May 2010
    if rep == "R027":
        n = 6  # more than five: allowed, "3～5名以上" sets no ceiling
    contacts_of[rep] = [
        {"person": f"{rep}-P{k}", "kind": "member" if k % 2 else "citizen"} for k in range(1, n + 1)
    ]
    emit("cas", "contact.assigned", "2010-02-20", rep=rep, contacts=contacts_of[rep])
contacts_of["R012"] = contacts_of["R012"] + [{"person": "R012-P3", "kind": "member"}]
emit("cas", "contact.assigned", "2010-05-06", rep="R012", contacts=contacts_of["R012"])

# R045 (G3) loses the seat: membership transferred; G3 falls to 14 until the by-election
emit("mtr", "member.transferred", "2011-06-28", rep="R045")
emit("dq", "rep.disqualified", "2011-07-05", rep="R045", reason="membership_transferred")
# LAPSE: G3 has 14 at the end of Q3 2011
emit("grc", "group.changed", "2011-07-06", group="G3", remove=["R045"])
emit(
    "elc",
    "election.held",
    "2011-11-18",
    unit="柳湾村",
    category="grassroots",
    seats=1,
    candidates=2,
    by_election=True,
)
emit(
    "rep",
    "rep.elected",
    "2011-11-18",
    rep="R051",
    unit="柳湾村",
    category="grassroots",
    gender="female",
    birth_year=1978,
    x_name=name(51),
)
emit("grc", "group.changed", "2011-11-20", group="G3", add=["R051"])
emit(
    "cas",
    "contact.assigned",
    "2011-12-01",
    rep="R051",
    contacts=[{"person": f"R051-P{k}", "kind": "member"} for k in range(1, 4)],
)
GONE = {"R045": d("2011-07-05")}


def seated(day: date) -> list[str]:
    out = [r for r in REPS if r not in GONE or day < GONE[r]]
    return out + (["R051"] if day >= d("2011-11-18") else [])


def members_on(g: str, day: date) -> list[str]:
    base = [r for r in GROUPS[g] if r not in GONE or day <= GONE[r]]
    return base + (["R051"] if g == "G3" and day >= d("2011-11-20") else [])


# ---- the committee's meetings on the standing system (专题会议, L41): one each July; 2012's is still to come
for day in (d("2010-07-09"), d("2011-07-08")):
    emit(
        "rev",
        "meeting.held",
        day,
        meeting=f"REV{day.year}",
        kind="review",
        present=7,
        convened_by="committee",
    )


# ---- the annual meetings (党代表会议 / 年会, L27-L29) ------------------------------------------------------
MEETINGS = {2010: d("2010-03-20"), 2011: d("2011-03-18"), 2012: d("2012-03-16")}
for year, day in MEETINGS.items():
    mid = f"M{year}"
    absent = {seated(day)[(year * 3) % 40], seated(day)[(year * 7) % 40]}
    fields: dict[str, object] = {
        "meeting": mid,
        "kind": "annual",
        "attendees": [r for r in seated(day) if r not in absent],
        "convened_by": "committee",
        "chaired_by": "secretary",
        "presidium": False,
        "preparatory": False,
    }
    if year == 2011:
        fields["chaired_by"] = "deputy_secretary"  # LAPSE: the secretary did not chair the 2011 meeting
    if year == 2012:
        fields["preparatory"] = True  # LAPSE: a preparatory meeting was held in 2012
    emit("mtg", "meeting.held", day, **fields)

    # the committee's items, 20 days ahead (L29)
    lead = 12 if year == 2011 else 24  # LAPSE: the committee's 2011 work report came only 12 days ahead
    for k in (1, 2):
        item = f"I{year}-0{k}"
        emit(
            "agd",
            "agenda.proposed",
            day - timedelta(days=lead + k - 1),
            meeting=mid,
            item=item,
            by="committee",
        )
        emit(
            "agd",
            "agenda.decided",
            day - timedelta(days=lead - 2),
            meeting=mid,
            item=item,
            listed=True,
            notified=(day - timedelta(days=lead - 3)).isoformat(),
        )
    # proposals from groups and reps, 15 days ahead (L29)
    if year == 2010:
        emit(
            "agd",
            "agenda.proposed",
            day - timedelta(days=16),
            meeting=mid,
            item="I2010-03",
            by="group",
            groups=["G2"],
        )
        emit(
            "agd",
            "agenda.decided",
            day - timedelta(days=14),
            meeting=mid,
            item="I2010-03",
            listed=True,
            notified=(day - timedelta(days=10)).isoformat(),
        )
    if year == 2011:
        # LAPSE: seven reps are not "代表十人以上"; the committee declined it
        # (its discretion, no finding for that)
        emit(
            "agd",
            "agenda.proposed",
            day - timedelta(days=20),
            meeting=mid,
            item="I2011-03",
            by="reps",
            proposers=REPS[20:27],
        )
        emit("agd", "agenda.decided", day - timedelta(days=17), meeting=mid, item="I2011-03", listed=False)
    if year == 2012:
        # LAPSE: ten reps, but only 10 days ahead
        emit(
            "agd",
            "agenda.proposed",
            day - timedelta(days=10),
            meeting=mid,
            item="I2012-03",
            by="reps",
            proposers=REPS[0:10],
        )
        emit(
            "agd",
            "agenda.decided",
            day - timedelta(days=8),
            meeting=mid,
            item="I2012-03",
            listed=True,
            notified=(day - timedelta(days=6)).isoformat(),
        )
    # the city reps report at the annual meeting (L39)
    for rep in sorted(CITY):
        if year == 2011 and rep == "R050":
            continue  # LAPSE: R050 did not report at the 2011 meeting
        emit("rpt", "rep.reported", day, rep=rep, to="annual_meeting")

# ---- 党代表活动日 (L32): by group, around 七一 or before the meeting ---------------------------------------
for year in (2010, 2011, 2012):
    for gi, g in enumerate(GROUPS):
        if year == 2011 and g == "G2":
            day = d("2011-08-20")  # LAPSE: G2's only 2011 activity fell outside both windows
        elif year == 2012 and g == "G3":
            day = d("2012-03-02")  # 14 days before the 2012 meeting: the other window
        else:
            day = date(year, 6, 26 + 2 * gi)
        emit("act", "group.activity", day, group=g, attendees=members_on(g, day), theme="党代表活动日")

# ---- proposals and suggestions (L35), inquiries (L37) ------------------------------------------------------
emit(
    "prp",
    "proposal.filed",
    "2010-03-19",
    proposal="P2010-01",
    form="proposal",
    sponsors=REPS[0:12],
    due="2010-09-30",
    x_title="关于修缮清溪村饮水工程的提案",
)
emit("prp", "proposal.answered", "2010-08-25", proposal="P2010-01", mode="written")
# LAPSE: eight sponsors, ten needed
emit(
    "prp",
    "proposal.filed",
    "2011-03-17",
    proposal="P2011-02",
    form="proposal",
    sponsors=REPS[30:38],
    due="2011-09-30",
    x_title="关于乡村道路养护的提案",
)
emit("prp", "proposal.answered", "2011-09-10", proposal="P2011-02", mode="written")
emit(
    "prp",
    "proposal.filed",
    "2011-04-12",
    proposal="S2011-01",
    form="suggestion",
    sponsors=["R014"],
    due="2011-06-30",
    x_title="建议增设农资服务点",
)
# LAPSE: after its due date
emit("prp", "proposal.answered", "2011-07-15", proposal="S2011-01", mode="face_to_face")
# no due date, not answered yet: open until the end of 2012
emit(
    "prp",
    "proposal.filed",
    "2012-05-08",
    proposal="S2012-01",
    form="suggestion",
    sponsors=["R033"],
    x_title="建议公开村级财务",
)
# LAPSE: never answered
emit(
    "prp",
    "proposal.filed",
    "2011-10-10",
    proposal="Q2011-01",
    form="inquiry",
    sponsors=["R041"],
    x_title="质询：柳湾村土地流转费用去向",
)
emit(
    "prp",
    "proposal.filed",
    "2012-03-16",
    proposal="Q2012-01",
    form="inquiry",
    sponsors=["R006"],
    x_title="质询：乡卫生院收费",
)
emit("prp", "proposal.answered", "2012-04-20", proposal="Q2012-01", mode="at_meeting")

# ---- inspections and their reports (L36) -------------------------------------------------------------------
emit("ins", "inspection.held", "2010-06-10", inspection="IN2010-01", participants=REPS[5:20], unit="乡卫生院")
emit("ins", "inspection.reported", "2010-06-30", inspection="IN2010-01")
emit(
    "ins", "inspection.held", "2011-09-15", inspection="IN2011-01", participants=REPS[20:34], unit="乡农技站"
)
# LAPSE: no report of IN2011-01
emit(
    "ins", "inspection.held", "2012-05-22", inspection="IN2012-01", participants=REPS[34:48], unit="清溪中学"
)
# IN2012-01 has no report yet: due by the end of 2012

# ---- reps report to their branch (L39: "定期"; the pack reads once a year) ---------------------------------
for i, rep in enumerate(REPS, 1):
    for year in (2010, 2011, 2012):
        if rep == "R045" and year == 2012:
            continue  # R045 left in July 2011
        if (rep, year) in (("R020", 2011), ("R020", 2012)):
            continue  # LAPSE: R020 skipped 2011; its 2012 report is still to come (pending)
        day = date(year, 11, 1 + i % 28) if year < 2012 else date(2012, 6, 1 + i % 28)
        if rep == "R045" and year == 2011:
            day = d("2011-05-20")  # before leaving: seated for more than half of 2011, it owes 2011
        if rep == "R030" and year == 2010:
            day = d("2011-01-10")  # LAPSE: the 2010 report came in January 2011: late, not done
        emit("rpt", "rep.reported", day, rep=rep, to="branch")
emit("rpt", "rep.reported", "2012-06-18", rep="R051", to="branch")  # by-elected in November 2011: owes 2012

events = [e for e in events if str(e["date"]) <= AS_OF.isoformat()]
events.sort(key=lambda e: str(e["date"]))  # a log in date order, as a register would export it
with OUT.open("w", encoding="utf-8") as fh:
    fh.write(
        "# 清溪乡（虚构）按《关于试行党代表大会代表常任制的工作方案》运行的记录；"
        "由 generate.py 生成，勿手改\n"
    )
    for e in events:
        fh.write(json.dumps(e, ensure_ascii=False) + "\n")
print(f"wrote {len(events)} events to {OUT.name}")
