#!/usr/bin/env python3
"""Write guoyuan-2009-2010.jsonl: an illustrative township run under the Guoyuan rules (000:L69-L90).

Deterministic, standard library only: `python generate.py` rewrites the log next to it.
The township is mostly compliant; the deliberate lapses (see ../README.md) are marked LAPSE.
Check it with:
    changrenzhi check policies/guoyuan policies/guoyuan/examples/guoyuan-2009-2010.jsonl --as-of 2010-09-20
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

OUT = Path(__file__).resolve().parent / "guoyuan-2009-2010.jsonl"
AS_OF = date(2010, 9, 20)  # the check date the README uses; nothing is logged after it
SURNAMES = "王李张刘陈杨赵黄周吴马孙朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董"
GIVEN = [
    "永福",
    "玉梅",
    "建军",
    "占国",
    "秀兰",
    "进财",
    "丽萍",
    "富贵",
    "学文",
    "春花",
    "世忠",
    "红英",
    "有才",
    "桂兰",
    "明德",
    "金花",
    "长青",
    "兰英",
    "兴旺",
    "淑珍",
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
    return SURNAMES[(i * 11) % len(SURNAMES)] + GIVEN[(i * 3) % len(GIVEN)]


# ---- the term and the roster: 40 reps, 4 groups by 党总支 (L74 has 4 党总支), 4 committee members ------
CONGRESS = date(2008, 12, 18)
emit("cong", "congress.opened", CONGRESS, term_years=5, x_name="果园乡第十次党代表大会（示例）")
UNITS = ["东湾村党总支", "西沟村党总支", "新丰村党总支", "乡直机关党总支"]
REPS = [f"R{i:03d}" for i in range(1, 41)]
for i, rep in enumerate(REPS, 1):
    unit = UNITS[(i - 1) // 10]
    fields: dict[str, object] = {
        "rep": rep,
        "unit": unit,
        "category": "township_agency" if unit.startswith("乡直") else "village",
        "gender": "female" if i % 6 == 0 else "male",
        "birth_year": 1948 + (i * 7) % 30,
        "education": "college" if i % 5 == 0 else "secondary",
        "x_name": name(i),
    }
    if i in (17, 34):
        fields["ethnic_minority"] = True
    emit("rep", "rep.elected", CONGRESS, **fields)
    # the 代表证 and 工作手册 (L76), within 30 days of the election; R040 was away working in the county town
    # and received them only at the first annual meeting -- LAPSE (deadline 2009-01-17)
    emit("cred", "rep.credentialed", "2009-02-20" if rep == "R040" else "2009-01-05", rep=rep)

COMMITTEE = ["C01", "C02", "C03", "C04"]
for i, m in enumerate(COMMITTEE, 1):
    emit("com", "committee.appointed", CONGRESS, member=m, x_name=name(60 + i))

GROUPS = {f"G{k + 1}": REPS[10 * k : 10 * k + 10] for k in range(4)}
for g, members in GROUPS.items():
    emit(
        "grp",
        "group.formed",
        "2008-12-25",
        group=g,
        members=members,
        leader=members[0],
        deputy=members[1],
        x_name=UNITS[int(g[1]) - 1].replace("党总支", "代表小组"),
    )

# committee members look after about 10 reps each (L80); LAPSE: C04 has 7 in 2009
ASSIGN_2009 = {"C01": REPS[0:10], "C02": REPS[10:21], "C03": REPS[21:33], "C04": REPS[33:40]}
ASSIGN_2010 = {"C01": REPS[0:10], "C02": REPS[10:21], "C03": REPS[21:31], "C04": REPS[31:40]}
for m, reps in ASSIGN_2009.items():
    emit("cas", "committee.assigned", "2008-12-28", member=m, reps=reps)
for m in ("C03", "C04"):
    emit("cas", "committee.assigned", "2010-01-10", member=m, reps=ASSIGN_2010[m])

# each rep looks after about 10 members and one activist (L80)
members_of: dict[str, list[str]] = {}
for i, rep in enumerate(REPS, 1):
    n = 14 if rep == "R012" else 9 + i % 3  # LAPSE: R012 looks after 14 members in 2009 (warning)
    members_of[rep] = [f"{rep}-M{k:02d}" for k in range(1, n + 1)]
    contacts = [{"person": p, "kind": "member"} for p in members_of[rep]]
    if rep != "R027":  # LAPSE: R027 has no activist in 2009
        contacts.append({"person": f"{rep}-A1", "kind": "activist"})
    emit("cas", "contact.assigned", "2009-01-05", rep=rep, contacts=contacts)
members_of_2010 = dict(members_of)
members_of_2010["R012"] = members_of["R012"][:10]
emit(
    "cas",
    "contact.assigned",
    "2010-01-08",
    rep="R012",
    contacts=[{"person": p, "kind": "member"} for p in members_of_2010["R012"]]
    + [{"person": "R012-A1", "kind": "activist"}],
)
emit(
    "cas",
    "contact.assigned",
    "2010-02-03",
    rep="R027",
    contacts=[{"person": p, "kind": "member"} for p in members_of["R027"]]
    + [{"person": "R027-A1", "kind": "activist"}],
)

DISQUALIFIED = {"R038": date(2010, 5, 10)}

QUARTERS = [(2009, 1), (2009, 2), (2009, 3), (2009, 4), (2010, 1), (2010, 2), (2010, 3)]


def seated(rep: str, day: date) -> bool:
    gone = DISQUALIFIED.get(rep)
    return gone is None or day < gone


# ---- reps visit each member they look after once a quarter (L81) ------------------------------------------
for year, q in QUARTERS:
    roster = members_of if year == 2009 else members_of_2010
    for i, rep in enumerate(REPS, 1):
        for k, person in enumerate(roster[rep]):
            day = date(year, 3 * q - 2 + k % 2, 3 + (i + 2 * k) % 24)
            if not seated(rep, day) or day > AS_OF:
                continue
            if rep == "R033" and (year, q) == (2009, 3) and k == 2:
                continue  # LAPSE: R033 did not visit R033-M03 in 2009 Q3
            if rep == "R005" and (year, q) == (2010, 3) and k >= 8:
                continue  # LAPSE (pending): three members (M09-M11) still to visit in late September 2010
            emit("vis", "contact.visit", day, rep=rep, person=person)
        # the activist is visited too, though L81 only requires the members' visits
        activist_day = date(year, 3 * q - 1, 20)
        has_activist = rep != "R027" or activist_day >= date(2010, 2, 3)
        if has_activist and seated(rep, activist_day) and activist_day <= AS_OF:
            emit("vis", "contact.visit", activist_day, rep=rep, person=f"{rep}-A1")

# ---- committee members visit each of their reps once a quarter (L80) ------------------------------------
for year, q in QUARTERS:
    assign = ASSIGN_2009 if year == 2009 else ASSIGN_2010
    for mi, (m, reps) in enumerate(assign.items()):
        for k, rep in enumerate(reps):
            day = date(year, 3 * q - 2 + k % 3, 4 + 2 * mi + k % 5)
            if not seated(rep, day) or day > AS_OF:
                continue
            if (m, rep, year, q) == ("C02", "R014", 2009, 2):
                continue  # LAPSE: C02 did not visit R014 in 2009 Q2
            if m == "C03" and (year, q) == (2010, 3) and rep in ("R030", "R031"):
                continue  # LAPSE (pending): two visits still to make by the end of September 2010
            emit("cvis", "committee.visit", day, member=m, rep=rep)

# ---- group study, once a quarter at least (L81) -----------------------------------------------------------
# absences: rep -> {(year, quarter): "excused" | "unexcused"}
ABSENT = {
    "R015": {(2009, 2): "excused", (2009, 3): "excused"},  # two in a row: cannot be rated excellent for 2009
    "R022": {(2009, 4): "unexcused"},  # one without excuse: the literal reading fixes 2009 at unqualified
    "R030": {(2009, 1): "excused"},  # one excused absence: no consequence
    "R036": {(2009, 1): "unexcused"},  # rated unqualified for 2009, as the rule requires
    "R008": {(2010, 1): "excused", (2010, 2): "excused"},  # two in a row in 2010: barred from excellent
    "R019": {},
}
for year, q in QUARTERS:
    for gi, (g, members) in enumerate(GROUPS.items()):
        if g == "G4" and (year, q) in ((2009, 4), (2010, 3)):
            continue  # LAPSE: G4 held no session in 2009 Q4; (pending) none yet in 2010 Q3 by 20 September
        day = date(year, 3 * q - 1 + (1 if gi % 2 else 0), 10 + 3 * gi)
        if day > AS_OF:
            continue
        here = [r for r in members if seated(r, day)]
        attendees = [r for r in here if (year, q) not in ABSENT.get(r, {})]
        excused = [r for r in here if ABSENT.get(r, {}).get((year, q)) == "excused"]
        fields = {"group": g, "attendees": attendees, "days": 1, "x_theme": "党章与党代表任期制实施办法"}
        if excused:
            fields["excused"] = excused
        emit("study", "study.session", day, **fields)

# ---- concentrated training: 3 days a year (with four 1-day sessions, five days in all) ---------------
# LAPSE: R019 missed it, 4 days in 2009
emit(
    "trn",
    "training.held",
    "2009-05-12",
    participants=[r for r in REPS if r != "R019"],
    days=3,
    x_theme="乡党代表集中培训（2009）",
)
emit(
    "trn",
    "training.held",
    "2010-04-20",
    participants=[r for r in REPS if r != "R038"],
    days=3,
    x_theme="乡党代表集中培训（2010）",
)

# ---- annual meetings (L78) ---------------------------------------------------------------------------------
absent_2009 = {"R004", "R013", "R019", "R026", "R037", "R039"}
emit(
    "mtg",
    "meeting.held",
    "2009-02-20",
    meeting="M2009",
    kind="annual",
    attendees=[r for r in REPS if r not in absent_2009],
    convened_by="committee",
    chaired_by="committee",
    x_name="乡第十次党代会第一次年会",
)
absent_2010 = {"R003", "R006", "R009", "R016", "R020", "R024", "R029", "R035"}  # exactly 32 of 40 present
emit(
    "mtg",
    "meeting.held",
    "2010-02-26",
    meeting="M2010",
    kind="annual",
    attendees=[r for r in REPS if r not in absent_2010],
    convened_by="committee",
    chaired_by="committee",
    x_name="乡第十次党代会第二次年会",
)
# ---- opinions and suggestions, answered face to face (L81) -------------------------------------------------
# 2009: the first annual meeting received 14 (L78, "提交会议意见建议14条"), due for an answer by 2009-05-20
for k in range(1, 15):
    pid = f"P2009-{k:02d}"
    emit(
        "prop",
        "proposal.filed",
        "2009-02-20",
        proposal=pid,
        form="suggestion",
        sponsors=[REPS[(k * 7) % 40]],
        due="2009-05-20",
    )
    if k == 9:  # LAPSE: answered by letter, never face to face
        emit("pans", "proposal.answered", "2009-04-15", proposal=pid, mode="written")
    elif k == 12:  # LAPSE: answered face to face, but on 2 June, after the due date
        emit("pans", "proposal.answered", "2009-06-02", proposal=pid, mode="face_to_face")
    else:
        emit("pans", "proposal.answered", date(2009, 3 + k % 2, 10 + k), proposal=pid, mode="face_to_face")
# 2010: six from the second annual meeting, with no due date: the pack's reading gives them to the end of 2010
for k in range(1, 7):
    pid = f"P2010-{k:02d}"
    form = "proposal" if k == 1 else "suggestion"
    sponsors = REPS[0:10] if form == "proposal" else [REPS[(k * 5) % 40]]
    emit("prop", "proposal.filed", "2010-02-26", proposal=pid, form=form, sponsors=sponsors)
    if k == 6:
        continue  # pending: not yet answered on 20 September
    emit("pans", "proposal.answered", date(2010, 4 + k % 3, 8 + k), proposal=pid, mode="face_to_face")

# ---- inspections (L81: one or two a year) ------------------------------------------------------------------
emit("insp", "inspection.held", "2009-06-18", inspection="V2009-1", participants=REPS[0:12], unit="乡农技站")
emit(
    "insp",
    "inspection.held",
    "2009-10-22",
    inspection="V2009-2",
    participants=REPS[20:32],
    unit="村级道路工程",
)
# LAPSE under the pack's reading of "一至二次": a third inspection in 2009
emit(
    "insp",
    "inspection.held",
    "2009-12-08",
    inspection="V2009-3",
    participants=REPS[30:40],
    unit="冬季农田水利建设",
)
emit("insp", "inspection.held", "2010-06-24", inspection="V2010-1", participants=REPS[8:20], unit="乡卫生院")

# ---- reps report to the members of their electoral unit (L79), in December 2009; R007 and R040 not yet -----
for i, rep in enumerate(REPS):
    if rep not in ("R007", "R040"):
        emit("rpt", "rep.reported", f"2009-12-{10 + i % 10:02d}", rep=rep, to="unit")

# ---- a seat lost -------------------------------------------------------------------------------------------
emit("dq", "rep.disqualified", DISQUALIFIED["R038"], rep="R038", reason="membership_transferred")
emit("grc", "group.changed", "2010-05-12", group="G4", remove=["R038"])

# ---- 民主评议党员 for 2009, given in January 2010 ----------------------------------------------------------
RATING_2009 = {r: "qualified" for r in REPS}
RATING_2009.update(
    {
        "R001": "excellent",
        "R011": "excellent",
        "R025": "excellent",
        "R033": "excellent",
        "R036": "unqualified",
    }
)
RATING_2009["R015"] = "excellent"  # LAPSE: missed two sessions in a row, yet rated excellent
RATING_2009["R022"] = "qualified"  # LAPSE: missed a session without excuse, yet not rated unqualified
for rep in REPS:
    emit("rat", "rating.given", "2010-01-22", person=rep, year=2009, rating=RATING_2009[rep])

events = [e for e in events if str(e["date"]) <= AS_OF.isoformat()]
events.sort(key=lambda e: str(e["date"]))  # a log in date order, as a register would export it
with OUT.open("w", encoding="utf-8") as fh:
    fh.write("# 果园乡（示例）党代表任期制工作记录，2008-12 至 2010-09；由 generate.py 生成，勿手改\n")
    for e in events:
        fh.write(json.dumps(e, ensure_ascii=False) + "\n")
print(f"wrote {len(events)} events to {OUT.name}")
