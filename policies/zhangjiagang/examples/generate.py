#!/usr/bin/env python3
r"""Write gangxi-2007-2008.jsonl: a fictional town (港西镇) under the Zhangjiagang charter.

Deterministic, standard library only: `python generate.py` rewrites the log next to it.
The town is mostly compliant; the deliberate lapses (see ../README.md) are marked LAPSE.
Check it with:
    changrenzhi check policies/zhangjiagang \
        policies/zhangjiagang/examples/gangxi-2007-2008.jsonl --as-of 2008-12-15
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parent / "gangxi-2007-2008.jsonl"
SURNAMES = (
    "张王李赵陈刘杨黄周吴徐孙朱马胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈"
)
GIVEN = [
    "建华",
    "国平",
    "秀英",
    "志刚",
    "海燕",
    "卫东",
    "丽娟",
    "明辉",
    "晓峰",
    "春梅",
    "永强",
    "玉兰",
    "金龙",
    "红霞",
    "德明",
    "桂芳",
    "建国",
    "雪芬",
    "立新",
    "美华",
    "振宇",
    "小燕",
    "文斌",
    "凤英",
]

events: list[dict[str, object]] = []
counters: dict[str, int] = {}


def d(s: str) -> date:
    return date.fromisoformat(s)


def emit(prefix: str, etype: str, when: date | str, **fields: object) -> str:
    counters[prefix] = counters.get(prefix, 0) + 1
    eid = f"{prefix}-{counters[prefix]:04d}"
    when_s = when if isinstance(when, str) else when.isoformat()
    events.append({"id": eid, "type": etype, "date": when_s, **fields})
    return eid


def name(i: int) -> str:
    return SURNAMES[(i * 7) % len(SURNAMES)] + GIVEN[(i * 5) % len(GIVEN)]


# ---- the term and the roster ----------------------------------------------------
CONGRESS = d("2006-12-12")
AS_OF = d("2008-12-15")  # the check date the README uses; nothing is logged after it
emit("cong", "congress.opened", CONGRESS, term_years=5, x_name="港西镇第一次党代表大会")

UNITS = ["港西村", "东港村", "新南村", "金港社区", "镇机关", "港西中心小学", "镇卫生院", "华联纺织有限公司"]
CATEGORIES = {
    "港西村": "village_cadre",
    "东港村": "village_cadre",
    "新南村": "village_cadre",
    "金港社区": "community",
    "镇机关": "town_agency",
    "港西中心小学": "professional",
    "镇卫生院": "professional",
    "华联纺织有限公司": "enterprise",
}
REPS = [f"R{i:03d}" for i in range(1, 46)]
for i, rep in enumerate(REPS, 1):
    unit = UNITS[(i - 1) % len(UNITS)]
    emit(
        "rep",
        "rep.elected",
        CONGRESS,
        rep=rep,
        unit=unit,
        category=CATEGORIES[unit],
        gender="female" if i % 4 == 0 else "male",
        birth_year=1950 + (i * 13) % 32,
        x_name=name(i),
    )

COMMITTEE = [f"C{i:02d}" for i in range(1, 10)]
for i, m in enumerate(COMMITTEE, 1):
    emit("com", "committee.appointed", CONGRESS, member=m, x_name=name(100 + i))

GROUPS = {"G1": REPS[0:12], "G2": REPS[12:23], "G3": REPS[23:33], "G4": REPS[33:45]}
GROUP_NAMES = {
    "G1": "港西片代表小组",
    "G2": "东港片代表小组",
    "G3": "新南片代表小组",
    "G4": "机关企事业代表小组",
}
for g, members in GROUPS.items():
    emit(
        "grp",
        "group.formed",
        "2006-12-20",
        group=g,
        members=members,
        leader=members[0],
        deputy=members[1],
        x_name=GROUP_NAMES[g],
    )

# committee members each look after 1-2 reps (L171), "以党代表小组为单位"
COMMITTEE_REPS = {
    "C01": ["R001", "R002"],
    "C02": ["R013", "R014"],
    "C03": ["R024", "R025"],
    "C04": ["R034", "R035"],
    "C05": ["R003", "R015"],
    "C06": ["R026", "R036"],
    "C07": ["R004"],
    "C08": ["R016"],
    "C09": ["R027"],
}
for m, reps in COMMITTEE_REPS.items():
    emit("cas", "committee.assigned", "2006-12-28", member=m, reps=reps)
# LAPSE: C06 takes on a third rep for the third quarter of 2008 (L171 allows 1-2)
emit("cas", "committee.assigned", "2008-07-01", member="C06", reps=["R026", "R036", "R037"])
emit("cas", "committee.assigned", "2008-10-08", member="C06", reps=["R026", "R036"])

# each rep looks after 3-5 ordinary members or citizens of their branch (L179)
contacts: dict[str, list[dict[str, str]]] = {}
for i, rep in enumerate(REPS, 1):
    n = 3 + i % 3
    contacts[rep] = [
        {"person": f"{rep}-P{k}", "kind": "member" if k % 3 else "citizen"} for k in range(1, n + 1)
    ]
    if rep == "R017":  # LAPSE: only two contacts in the first quarter of 2007, completed in May
        emit("cas", "contact.assigned", "2007-01-10", rep=rep, contacts=contacts[rep][:2])
        emit("cas", "contact.assigned", "2007-05-08", rep=rep, contacts=contacts[rep])
    else:
        emit("cas", "contact.assigned", "2007-01-10", rep=rep, contacts=contacts[rep])

# ---- group plans and activities (L136-L137) --------------------------------------------------------------
THEMES = {5: "视察本镇中心工作", 10: "讨论镇党委年度工作、开展民主评议"}
for year in (2007, 2008):
    for gi, g in enumerate(GROUPS):
        plan_day = date(year, 1, 8 + gi)
        if year == 2008 and g == "G2":
            plan_day = d("2008-02-20")  # LAPSE: the 2008 plan settled only after the Spring Festival
        emit("plan", "group.plan", plan_day, group=g, year=year)
        for half_month in (5, 10):
            day = date(year, half_month, 10 + 3 * gi)
            members = [r for r in GROUPS[g] if r != "R031" or day < d("2008-04-15")]
            fields: dict[str, object] = {
                "group": g,
                "attendees": members,
                "days": 1,
                "whole_group": True,
                "theme": THEMES[half_month],
                "announced": (day - timedelta(days=7)).isoformat(),
            }
            if (year, g, half_month) == (2007, "G3", 10):
                fields["announced"] = day.isoformat()  # LAPSE: the reps were told on the day itself
            if (year, g, half_month) == (2008, "G2", 10):
                fields["attendees"] = []  # LAPSE: the leader kept no attendance list
            if (year, g, half_month) == (2008, "G4", 5):
                # LAPSE: only a half-day topical meeting of part of the group in the first half of 2008
                fields.update(
                    attendees=members[:5], days=0.5, whole_group=False, theme="镇区停车管理专题调研"
                )
            emit("act", "group.activity", day, **fields)
# activities of part of a group ("穿插安排", L136): they count towards the days (累计), not the half-year.
# LAPSE (warning): G1's two-day study trip brings its 2007 total to 4 days
emit(
    "act",
    "group.activity",
    "2007-08-21",
    group="G1",
    attendees=GROUPS["G1"][:6],
    days=2,
    theme="考察先进地区党代表大会常任制工作",
    announced="2007-08-10",
)
emit(
    "act",
    "group.activity",
    "2008-09-09",
    group="G4",
    attendees=GROUPS["G4"][4:10],
    days=0.5,
    theme="企业用工情况专题调研",
    announced="2008-09-02",
)

# ---- the committee's reception day for group leaders (L158-L163) ------------------------------------------
# one member a month, in rotation, schedule posted at the start of the month, a record kept.
# LAPSE: no reception day in December 2006, the congress's own month (the first is in January 2007)
LEADERS = {g: members[0] for g, members in GROUPS.items()}
DEPUTIES = {g: members[1] for g, members in GROUPS.items()}
turn = 0
for year in (2007, 2008):
    for month in range(1, 13):
        day = date(year, month, 6)
        if day > AS_OF:
            break
        if (year, month) == (2008, 6):
            member = "C08"  # LAPSE: C09 away on a training course; C08 takes a second turn before C09 had one
        else:
            member = COMMITTEE[turn % 9]
            turn += 1
        g = list(GROUPS)[(month - 1) % 4]
        visitors = [LEADERS[g]] if month % 3 else [LEADERS[g], DEPUTIES[g]]
        posted = date(year, month, 1)
        recorded = True
        if (year, month) == (2007, 8):
            posted = day  # LAPSE: the name posted on the reception day itself
        if (year, month) == (2008, 2):
            recorded = False  # LAPSE: no record of the February 2008 reception
        if (year, month) == (2008, 9):
            visitors = ["R020"]  # LAPSE: G2's leader sent an ordinary rep in his place
        emit(
            "rcp",
            "committee.reception",
            day,
            member=member,
            posted=posted.isoformat(),
            visitors=visitors,
            recorded=recorded,
        )

# ---- the committee's visit month (L165-L169): one per half-year, each member visits 1-2 groups ----------
# LAPSE: no visit month in the second half of 2007
VISIT_MONTHS = [  # start, end, schedule issued, minutes circulated
    ("2007-04-01", "2007-04-30", "2007-02-26", None),  # LAPSE: no minutes after the April 2007 visit month
    ("2008-04-01", "2008-04-30", "2008-02-25", "2008-05-09"),
    ("2008-11-01", "2008-11-30", "2008-10-15", "2008-12-09"),  # LAPSE: schedule issued two weeks late
]
for start, end, scheduled, minutes in VISIT_MONTHS:
    vm: dict[str, object] = {"start": start, "end": end, "scheduled": scheduled}
    if minutes:
        vm["minutes"] = minutes
    emit("vm", "visit_month.held", end, **vm)
    for mi, m in enumerate(COMMITTEE):
        if start == "2008-04-01" and m == "C07":
            continue  # LAPSE: C07 visited no group in the April 2008 visit month
        groups = [list(GROUPS)[mi % 4]] + ([list(GROUPS)[(mi + 1) % 4]] if mi % 2 else [])
        for k, g in enumerate(groups):
            emit("cvm", "committee.visit", d(start) + timedelta(days=3 + 2 * mi + 7 * k), member=m, group=g)

# ---- committee members contact their reps (L172: at least 6 times a year) -----------------------------
PER_YEAR = {"C01": 7, "C02": 6, "C03": 8, "C04": 6, "C05": 6, "C06": 6, "C07": 6, "C08": 7, "C09": 6}
for year in (2007, 2008):
    for mi, (m, reps) in enumerate(COMMITTEE_REPS.items()):
        n = PER_YEAR[m]
        if year == 2007 and m == "C04":
            n = 5  # LAPSE: five contacts in 2007
        if year == 2008 and m == "C05":
            n = 4  # LAPSE (pending): four contacts by mid-December 2008
        for k in range(n):
            day = date(year, 1 + (k * 11) // max(n, 1), 12 + mi)
            emit("cvis", "committee.visit", day, member=m, rep=reps[k % len(reps)])

# ---- reps visit their contacts (L192: each at least twice a year) --------------------------------------
for year in (2007, 2008):
    for i, rep in enumerate(REPS, 1):
        if rep == "R031" and year == 2008:
            continue  # disqualified in April 2008
        for k, c in enumerate(contacts[rep]):
            first = date(year, 3 + k % 3, 5 + i % 20)
            second = date(year, 9 + k % 2, 3 + i % 25)
            if rep == "R017" and year == 2007:
                first = date(2007, 6, 2 + k)
            emit("vis", "contact.visit", first, rep=rep, person=c["person"])
            if rep == "R023" and year == 2007 and k == 0:
                continue  # LAPSE: R023 visited their first contact only once in 2007
            if rep == "R040" and year == 2008 and k == 1:
                continue  # LAPSE (pending): second visit not yet made by mid-December 2008
            emit("vis", "contact.visit", second, rep=rep, person=c["person"])


# ---- the annual meetings -------------------------------------------------------------------------------
def proposed(meeting: str, item: str, when: str, by: str, **kw: object) -> None:
    emit("agp", "agenda.proposed", when, meeting=meeting, item=item, by=by, **kw)


def decided(meeting: str, item: str, when: str, listed: bool, notified: str | None = None) -> None:
    fields: dict[str, object] = {"meeting": meeting, "item": item, "listed": listed}
    if notified:
        fields["notified"] = notified
    emit("agd", "agenda.decided", when, **fields)


def vote(
    meeting: str, item: str, when: str, matter: str, method: str, yes: int, no: int, abstain: int
) -> None:
    emit(
        "vote",
        "vote.held",
        when,
        meeting=meeting,
        item=item,
        matter=matter,
        method=method,
        yes=yes,
        no=no,
        abstain=abstain,
        declared="passed",
    )


# 2007: the first annual meeting (第二次会议), 41 of 45 present
for g in GROUPS:
    emit("grep", "group.report", "2007-03-02", group=g, meeting="M2007")
proposed("M2007", "I2007-01", "2007-02-16", "committee", x_title="镇党委2006年度工作报告")
proposed("M2007", "I2007-04", "2007-02-16", "committee", x_title="选举出席市第十次党代会代表")
proposed("M2007", "I2007-05", "2007-02-16", "committee", x_title="推荐镇纪委委员候选人")
proposed("M2007", "I2007-03", "2007-03-01", "reps", proposers=REPS[0:12], x_title="发展村级集体经济")
proposed("M2007", "I2007-02", "2007-03-05", "group", groups=["G1"], x_title="农村环境综合整治")
for item in ("I2007-01", "I2007-04", "I2007-05"):
    decided("M2007", item, "2007-02-26", True, "2007-03-06")
decided("M2007", "I2007-03", "2007-03-08", True, "2007-03-12")
decided("M2007", "I2007-02", "2007-03-08", True, "2007-03-12")
absent_2007 = {"R005", "R019", "R028", "R041"}
emit(
    "mtg",
    "meeting.held",
    "2007-03-20",
    meeting="M2007",
    kind="annual",
    attendees=[r for r in REPS if r not in absent_2007],
    excused=sorted(absent_2007),  # all four asked for leave
    convened_by="committee",
    chaired_by="committee",
)
vote("M2007", "I2007-01", "2007-03-20", "other", "hands", 39, 0, 2)
vote("M2007", "I2007-02", "2007-03-20", "other", "hands", 37, 2, 2)
vote("M2007", "I2007-03", "2007-03-20", "other", "hands", 35, 4, 2)
vote("M2007", "I2007-04", "2007-03-20", "election", "secret", 38, 2, 1)
# LAPSE: a nomination by show of hands
vote("M2007", "I2007-05", "2007-03-20", "personnel", "hands", 36, 3, 2)


# 2008: the second annual meeting (第三次会议), 35 of 45 present -- LAPSE: short of 4/5 (36)
for g in GROUPS:  # LAPSE: G4 reports on 2008-03-07, 11 days before the meeting (15 required)
    emit("grep", "group.report", "2008-03-07" if g == "G4" else "2008-03-01", group=g, meeting="M2008")
proposed("M2008", "I2008-01", "2008-02-20", "committee", x_title="镇党委2007年度工作报告")
# 11 reps
proposed("M2008", "I2008-03", "2008-02-25", "reps", proposers=REPS[12:23], x_title="新南村道路改造")
# 8 reps: LAPSE
proposed("M2008", "I2008-04", "2008-02-28", "reps", proposers=REPS[33:41], x_title="镇区停车管理")
# 8 days: LAPSE
proposed("M2008", "I2008-02", "2008-03-10", "group", groups=["G2"], x_title="东港片区排涝工程")
decided("M2008", "I2008-01", "2008-02-27", True, "2008-03-07")
decided("M2008", "I2008-03", "2008-03-05", False)  # LAPSE: 11 reps jointly, yet not listed
decided("M2008", "I2008-04", "2008-03-05", False)
decided("M2008", "I2008-02", "2008-03-12", True, "2008-03-12")
absent_2008 = {"R006", "R007", "R009", "R018", "R020", "R029", "R030", "R038", "R042", "R044"}
present_2008 = [r for r in REPS if r not in absent_2008]
emit(
    "mtg",
    "meeting.held",
    "2008-03-18",
    meeting="M2008",
    kind="annual",
    attendees=present_2008,
    excused=sorted(absent_2008 - {"R044"}),  # LAPSE: R044 stayed away without asking for leave
    convened_by="committee",
    chaired_by="committee",
)
# raised during the meeting: two groups jointly (enough), four reps (LAPSE: 1/10 of 45 seated is 4.5)
proposed("M2008", "I2008-06", "2008-03-18", "group", groups=["G1", "G4"], ad_hoc=True, x_title="秸秆禁烧")
proposed(
    "M2008",
    "I2008-05",
    "2008-03-18",
    "reps",
    proposers=["R010", "R011", "R012", "R014"],
    ad_hoc=True,
    x_title="菜场改造",
)
decided("M2008", "I2008-06", "2008-03-18", True, "2008-03-18")
decided("M2008", "I2008-05", "2008-03-18", False)
vote("M2008", "I2008-01", "2008-03-18", "other", "hands", 33, 1, 1)
# LAPSE: 22 is not more than half of 45 seated
vote("M2008", "I2008-02", "2008-03-18", "other", "hands", 22, 9, 4)
vote("M2008", "I2008-06", "2008-03-18", "other", "hands", 30, 3, 2)

# ---- the reports the annual meetings hear (L128, L129) -------------------------------------------------
# the committee's and the discipline committee's work reports, discussed in the groups and voted, and the
# committee's report on how the congress's resolutions were carried out
proposed("M2007", "I2007-06", "2007-02-16", "committee", x_title="镇纪委2006年度工作报告")
decided("M2007", "I2007-06", "2007-02-26", True, "2007-03-06")
vote("M2007", "I2007-06", "2007-03-20", "other", "hands", 40, 0, 1)
emit(
    "rpt",
    "report.made",
    "2007-03-20",
    meeting="M2007",
    report="committee_work",
    item="I2007-01",
    discussed=True,
)
emit(
    "rpt",
    "report.made",
    "2007-03-20",
    meeting="M2007",
    report="discipline_work",
    item="I2007-06",
    discussed=True,
)
emit("rpt", "report.made", "2007-03-20", meeting="M2007", report="execution")
proposed("M2008", "I2008-07", "2008-02-20", "committee", x_title="镇纪委2007年度工作报告")
decided("M2008", "I2008-07", "2008-02-27", True, "2008-03-07")
emit(
    "rpt",
    "report.made",
    "2008-03-18",
    meeting="M2008",
    report="committee_work",
    item="I2008-01",
    discussed=True,
)
# LAPSE: the discipline committee's report was discussed in the groups but never put to a vote
emit(
    "rpt",
    "report.made",
    "2008-03-18",
    meeting="M2008",
    report="discipline_work",
    item="I2008-07",
    discussed=True,
)
emit("rpt", "report.made", "2008-03-18", meeting="M2008", report="execution")

# ---- changes to the congress's resolutions (L128) -------------------------------------------------------
# without the annual meeting's consent, told to the reps in 17 days (the exception the text allows)
emit(
    "res",
    "resolution.changed",
    "2007-09-03",
    resolution="D2007-03",
    notified="2007-09-20",
    x_title="村级集体经济发展资金改为分两年拨付",
)
# changed by the 2008 annual meeting itself
emit(
    "res",
    "resolution.changed",
    "2008-03-18",
    resolution="D2007-02",
    consented_by="M2008",
    x_title="农村环境综合整治范围扩大到东港村",
)
# LAPSE: changed without consent and told to the reps after 38 days (30 allowed)
emit(
    "res",
    "resolution.changed",
    "2008-08-05",
    resolution="D2008-01",
    notified="2008-09-12",
    x_title="年度工作报告确定的镇区道路工程推迟开工",
)

# ---- a seat lost, and a by-election --------------------------------------------------------------------
emit("dq", "rep.disqualified", "2008-04-15", rep="R031", reason="membership_transferred")
emit("grc", "group.changed", "2008-04-20", group="G3", remove=["R031"])  # LAPSE: G3 down to 9 until October
emit("elc", "election.held", "2008-10-20", unit="新南村", category="village_cadre", seats=1, candidates=2)
emit(
    "rep",
    "rep.elected",
    "2008-10-20",
    rep="R046",
    unit="新南村",
    category="village_cadre",
    gender="female",
    birth_year=1972,
    x_name=name(46),
)
emit("grc", "group.changed", "2008-10-22", group="G3", add=["R046"])
emit(
    "cas",
    "contact.assigned",
    "2008-11-05",
    rep="R046",
    contacts=[
        {"person": "R046-P1", "kind": "member"},
        {"person": "R046-P2", "kind": "member"},
        {"person": "R046-P3", "kind": "citizen"},
    ],
)

# ---- inspections (L152-L153): the plan notified 5-10 days ahead, a report afterwards ---------------------
INSPECTIONS = [  # id, day, notified, participants, unit, report
    ("V2007-1", "2007-06-15", "2007-06-07", REPS[0:8], "镇污水处理厂", "2007-06-25"),
    ("V2007-2", "2007-11-08", "2007-11-06", REPS[33:38], "镇农贸市场", None),  # LAPSE: 2 days, no report
    ("V2008-1", "2008-06-12", "2008-06-04", REPS[20:28], "镇敬老院", "2008-06-20"),
    ("V2008-2", "2008-11-18", "2008-11-10", REPS[12:17], "东港村排涝站", "2008-11-28"),
]
for insp, day_s, notified, participants, unit, report in INSPECTIONS:
    emit(
        "insp",
        "inspection.held",
        day_s,
        inspection=insp,
        participants=participants,
        notified=notified,
        unit=unit,
    )
    if report:
        emit("insr", "inspection.reported", report, inspection=insp)

# ---- reps' yearly reports to their electoral unit (L193) ------------------------------------------------
for year in (2007, 2008):
    for i, rep in enumerate(REPS, 1):
        if year == 2008 and rep == "R031":
            continue  # no longer a rep
        day = date(year, 12, 1 + i % 10)
        # LAPSE: in 2007 R008 reported to their rep group, not to the members of the electoral unit
        to = "group" if (year, rep) == (2007, "R008") else "unit"
        emit("rrep", "rep.reported", day, rep=rep, to=to)

# ---- reps' yearly reports to their group on their contacts (L197) ---------------------------------------
for year in (2007, 2008):
    for i, rep in enumerate(REPS, 1):
        if year == 2008 and rep == "R031":
            continue  # no longer a rep
        if (year, rep) == (2007, "R008"):
            continue  # the report above, to the group, was this one
        if (year, rep) == (2007, "R021"):
            continue  # LAPSE: R021 never told the group about the contacts in 2007
        emit("rrep", "rep.reported", date(year, 11, 1 + i % 20), rep=rep, to="group")

# ---- constructive suggestions (L194): at least one per rep per term ------------------------------------
for i, rep in enumerate(REPS, 1):
    if rep in ("R009", "R038"):
        continue  # none yet: pending while the term runs (as is R046, elected in October 2008)
    topic = ["村道养护", "河道保洁", "外来人口服务", "农民专业合作社", "学校周边交通"][i % 5]
    emit(
        "sug",
        "rep.suggested",
        date(2007 + i % 2, 4 + i % 8, 3 + i % 20),
        rep=rep,
        x_title=f"关于{topic}的建议",
    )

# ---- appraisal of the committee members (L198-L218) -----------------------------------------------------
# each round opens in early December; its panel is the four group leaders, led by G1's leader
emit(
    "apr",
    "appraisal.held",
    "2007-12-05",
    year=2007,
    panel=[LEADERS[g] for g in GROUPS],
    panel_leader="R001",
    secret=True,
    dimensions=10,
)
# LAPSE: the 2008 panel seats G3's deputy R025 instead of its leader R024, and the form rates 8 dimensions
emit(
    "apr",
    "appraisal.held",
    "2008-12-04",
    year=2008,
    panel=["R001", "R013", "R025", "R034"],
    panel_leader="R001",
    secret=True,
    dimensions=8,
)
for i, m in enumerate(COMMITTEE):
    rating = "excellent" if i in (0, 2) else "competent"
    if m == "C09":
        rating = "qualified"  # LAPSE: rated 合格, a grade of the cadre scale, not one of the three (L214)
    # LAPSE: C05's rating for 2007 was settled on 25 January, after mid-January (L204)
    when = "2008-01-25" if m == "C05" else "2008-01-15"
    emit("rat", "rating.given", when, person=m, year=2007, rating=rating)
# the ratings for 2008 fall in January 2009, after the check date

events = [e for e in events if e["date"] <= AS_OF.isoformat()]
events.sort(key=lambda e: str(e["date"]))  # a log in date order, as a register would export it
with OUT.open("w", encoding="utf-8") as fh:
    fh.write("# 港西镇（虚构）党代表大会常任制工作记录，2006-12 至 2008-12；由 generate.py 生成，勿手改\n")
    for e in events:
        fh.write(json.dumps(e, ensure_ascii=False) + "\n")
print(f"wrote {len(events)} events to {OUT.name}")
