"""What ``compare`` says of each rule of the activities family."""

from __future__ import annotations

from ..describing import Duty, count, per_period, suffix
from ..meetings.describe import meeting
from .params import MeetingInvitationParams, NamedActivityParams


def named_activity_duties(p: NamedActivityParams) -> list[Duty]:
    fig = per_period(p.period, count(p.min, p.max, "次"))
    if p.per == "group":
        fig = suffix(fig, ("（每个代表小组）", " (each group)"))
    return [
        Duty(f"named_activity:{a.name}", (f"活动：{a.name}", f"activity: {a.name}"), fig, i)
        for i, a in enumerate(p.activities)
    ]


def meeting_invitation_duties(p: MeetingInvitationParams) -> list[Duty]:
    fig = count(p.min_invited, None, "人", "reps")
    if p.seated_only:
        fig = suffix(fig, ("（在任代表）", " (seated)"))
    return [
        Duty(
            f"meeting_invitation:{mk}",
            (f"{meeting(mk)[0]}邀请代表列席", f"reps invited to the {meeting(mk)[1]}"),
            fig,
        )
        for mk in p.meeting_kinds
    ]
