"""The meetings family in words: the names of meeting kinds, matters, ballots and shares (for its
findings and the agenda kinds' too), and what ``compare`` says of each of its rules."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from ...text import Text
from ..describing import Duty, count, per_period
from .params import (
    AnnualMeetingParams,
    AttendanceDisciplineParams,
    BallotMethodParams,
    QuorumParams,
    ResolutionChangeParams,
    VoteMajorityParams,
)

MEETING_KIND_ZH = {
    "annual": "年会",
    "group": "代表小组会议",
    "committee": "党委会议",
    # the matters on which reps are invited to attend (宝应 000:L8)
    "development_plan": "发展规划会议",
    "awards": "评先评优会议",
    "personnel": "重要人事会议",
}
MEETING_EN = {"annual": "annual meeting", "group": "group meeting", "committee": "committee meeting"}
MATTER_ZH = {"election": "选举", "personnel": "人事", "other": "其他事项"}
MATTER_EN = {"election": "election", "personnel": "personnel", "other": "other"}
METHOD_ZH = {"secret": "无记名投票", "hands": "举手表决"}
METHOD_EN = {"secret": "secret ballot", "hands": "show of hands"}
#: the usual values of convened_by / chaired_by, in the texts' words; others are shown as given
PERSON_ZH = {"committee": "党委", "secretary": "党委书记", "presidium": "大会主席团", "office": "办公室"}
#: what a vote_majority's share is taken of
BASE_ZH = {"seated": "应到代表", "present": "到会代表", "cast": "投票数"}
BASE_EN = {"seated": "the seated reps", "present": "the reps present", "cast": "the votes cast"}
_DIGITS = "零一二三四五六七八九"


def kind_zh(kind: str) -> str:
    """The Chinese name of a meeting kind (the kind itself when there is none)."""
    return MEETING_KIND_ZH.get(kind, kind)


def number_zh(n: int) -> str:
    """Small whole numbers in Chinese numerals: 4 -> 四, 10 -> 十, 12 -> 十二, 25 -> 二十五."""
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        head = "十" if tens == 1 else _DIGITS[tens] + "十"
        return head + (_DIGITS[ones] if ones else "")
    return str(n)


def share_zh(share: Fraction) -> str:
    """A share as the texts write it: 4/5 -> 五分之四, 1/2 -> 半数, 1 -> 全体."""
    if share == 1:
        return "全体"
    if share == Fraction(1, 2):
        return "半数"
    if share.denominator < 100:
        return f"{number_zh(share.denominator)}分之{number_zh(share.numerator)}"
    return str(share)


def share_words(share: Fraction) -> Text:
    """A share in both languages: 三分之二 / 2/3."""
    return share_zh(share), str(share)


def meeting(kind: str) -> Text:
    """A meeting kind in both languages: 年会 / annual meeting."""
    return kind_zh(kind), MEETING_EN.get(kind, f"{kind} meeting")


def meetings(kinds: Sequence[str] | None) -> Text:
    """Meeting kinds in both languages (any meeting when ``kinds`` is empty)."""
    if not kinds:
        return "会议", "meeting"
    return "、".join(kind_zh(k) for k in kinds), " / ".join(MEETING_EN.get(k, k) for k in kinds)


# ---- what compare says of each kind ---------------------------------------------
def annual_meeting_duties(p: AnnualMeetingParams) -> list[Duty]:
    mk = p.meeting_kind
    mz, me = meeting(mk)
    out: list[Duty] = []
    if p.min > 0 or p.max is not None:
        fig = per_period(p.period, count(p.min or None, p.max, "次"))
        out.append(Duty(f"annual_meeting:{mk}:count", (f"{mz}召开次数", f"{me}s held"), fig, 0))
    for rank, (who, role, zh, en) in enumerate(
        ((p.convened_by, "convener", "召集", "convenes"), (p.chaired_by, "chair", "主持", "chairs")), 1
    ):
        if who is not None:
            label = (f"{mz}由谁{zh}", f"who {en} the {me}")
            out.append(Duty(f"annual_meeting:{mk}:{role}", label, (PERSON_ZH.get(who, who), who), rank))
    for rank, (allowed, form, zh, en) in enumerate(
        (
            (p.presidium, "presidium", "主席团", "a presidium"),
            (p.preparatory, "preparatory", "预备会议", "a preparatory meeting"),
        ),
        3,
    ):
        if allowed is not None:
            fig = ("可设", "allowed") if allowed else ("不设", "not provided for")
            out.append(Duty(f"annual_meeting:{mk}:{form}", (f"{mz}{zh}", f"{me}: {en}"), fig, rank))
    return out


def quorum_duties(p: QuorumParams) -> list[Duty]:
    sz, se = share_words(p.share)
    fig = (
        (f"在任代表的{sz}以上", f"at least {se} of the seated reps")
        if p.inclusive
        else (f"超过在任代表的{sz}", f"more than {se} of the seated reps")
    )
    return [
        Duty(f"quorum:{mk}", (f"{meeting(mk)[0]}到会人数", f"quorum of the {meeting(mk)[1]}"), fig)
        for mk in p.meeting_kinds
    ]


def vote_majority_duties(p: VoteMajorityParams) -> list[Duty]:
    sz, se = share_words(p.share)
    bz, be = BASE_ZH[p.base], BASE_EN[p.base]
    fig = (
        (f"超过{bz}的{sz}", f"more than {se} of {be}")
        if p.strict
        else (f"{bz}的{sz}以上", f"at least {se} of {be}")
    )
    if not p.matters:
        return [Duty("vote_majority:any", ("表决通过所需票数", "yes votes a decision needs"), fig)]
    return [
        Duty(
            f"vote_majority:{m}",
            (f"{MATTER_ZH[m]}事项表决通过所需票数", f"yes votes a decision on {MATTER_EN[m]} needs"),
            fig,
            list(MATTER_ZH).index(m) + 1,
        )
        for m in p.matters
    ]


def ballot_method_duties(p: BallotMethodParams) -> list[Duty]:
    return [
        Duty(
            f"ballot_method:{m}",
            (f"{MATTER_ZH[m]}事项的表决方式", f"how {MATTER_EN[m]} matters are voted on"),
            (METHOD_ZH[p.method], METHOD_EN[p.method]),
            list(MATTER_ZH).index(m),
        )
        for m in p.matters
    ]


def attendance_discipline_duties(p: AttendanceDisciplineParams) -> list[Duty]:
    return [
        Duty(
            f"attendance_discipline:{mk}",
            (f"{meeting(mk)[0]}不得无故缺席", f"no absence from the {meeting(mk)[1]} without leave"),
            ("未请假缺席即违规", "absent without leave: a finding"),
        )
        for mk in p.meeting_kinds
    ]


def resolution_change_duties(p: ResolutionChangeParams) -> list[Duty]:
    mz, me = meetings(p.meeting_kinds)
    if p.without_consent == "forbidden":
        fig = (f"须经{mz}同意", f"only with the {me}'s consent")
    else:
        fig = (
            f"须经{mz}同意；否则 {p.notify_days} 天内通报代表",
            f"with the {me}'s consent; otherwise the reps told within {p.notify_days} days",
        )
    return [Duty("resolution_change", ("决议的变更", "changing a resolution"), fig)]
