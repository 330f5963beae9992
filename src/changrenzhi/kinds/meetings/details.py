"""What the findings of the meeting kinds hold in their details (:mod:`..detailing`)."""

from __future__ import annotations

from ..detailing import Detail, Details

#: the kind of meeting in Chinese (``年会``): the pack's label or the texts' word
KIND_ZH = Detail("text", "the kind of meeting, in Chinese")

ANNUAL_MEETING: Details = {
    "count": Detail("int", "meetings of the kind held in the period"),
    "min": Detail("int", "the fewest required (param min)"),
    "max": Detail("int", "the most allowed (param max)"),
    "meetings": Detail("ids", "the meetings counted"),
    "inquorate": Detail("ids", "meetings held in the period below their quorum, not counted (param quorum)"),
    "kind_zh": KIND_ZH,
    "date": Detail("date", "the day of the sitting"),
    "role": Detail("code", "the role: convened_by or chaired_by"),
    "role_zh": Detail("text", "the role, in Chinese"),
    "role_en": Detail("text", "the role, in English"),
    "expected": Detail("code", "who must fill the role (param convened_by or chaired_by)"),
    "expected_zh": Detail("text", "who must fill the role, in Chinese"),
    "actual": Detail("code", "who filled it, as the log says"),
    "actual_zh": Detail("text", "who filled it, in Chinese (empty when the log does not say)"),
    "form": Detail("code", "the form the meeting had and must not: presidium or preparatory"),
    "form_zh": Detail("text", "the form, in Chinese"),
    "form_en": Detail("text", "the form, in English"),
}

QUORUM: Details = {
    "kind_zh": KIND_ZH,
    "date": Detail("date", "the day of the sitting"),
    "present": Detail("int", "seated reps present"),
    "seated": Detail("int", "reps seated that day"),
    "required": Detail("int", "the fewest present that meet the share"),
    "share": Detail("share", "the share required (param share)"),
    "share_zh": Detail("text", "the share, in Chinese words"),
    "inclusive": Detail("bool", "whether exactly the share suffices (param inclusive)"),
}

VOTE_MAJORITY: Details = {
    "meeting": Detail("id", "the meeting that voted"),
    "yes": Detail("int", "yes votes"),
    "no": Detail("int", "no votes"),
    "abstain": Detail("int", "abstentions"),
    "declared": Detail("code", "the result declared: passed or failed"),
    "base": Detail("code", "whom the share counts (param base): seated, present or cast"),
    "base_zh": Detail("text", "the base, in Chinese"),
    "base_count": Detail("int", "the size of the base"),
    "needed": Detail("int", "the fewest yes votes that pass"),
    "share": Detail("share", "the share required (param share)"),
    "strict": Detail("bool", "whether the share itself is not enough (param strict)"),
    "need_zh": Detail("text", "the majority needed, in Chinese"),
    "present": Detail("int", "reps present at the sitting that voted"),
    "seated": Detail("int", "reps seated on its day"),
    "required": Detail("int", "the fewest present for the sitting to be held (param quorum)"),
    "quorum": Detail("share", "the quorum, a share of the seated reps (param quorum)"),
    "quorum_zh": Detail("text", "the quorum, in Chinese"),
}

BALLOT_METHOD: Details = {
    "meeting": Detail("id", "the meeting that voted"),
    "matter": Detail("code", "the matter voted on: election, personnel or other"),
    "matter_zh": Detail("text", "the matter, in Chinese"),
    "actual": Detail("code", "the method used: secret or hands"),
    "actual_zh": Detail("text", "the method used, in Chinese"),
    "expected": Detail("code", "the method required (param method)"),
    "expected_zh": Detail("text", "the method required, in Chinese"),
}

ATTENDANCE_DISCIPLINE: Details = {
    "meeting": Detail("id", "the meeting missed"),
    "kind_zh": KIND_ZH,
    "date": Detail("date", "the day of the sitting"),
}

RESOLUTION_CHANGE: Details = {
    "date": Detail("date", "the day the resolution changed"),
    "consented_by": Detail("id", "the meeting the log names as consenting", nullable=True),
    "kinds_zh": Detail("text", "the kinds of meeting whose consent counts, in Chinese"),
    "kinds_en": Detail("text", "the kinds of meeting whose consent counts (param meeting_kinds), listed"),
    "why_zh": Detail("text", "why the consent named does not count, in Chinese (empty: none named)"),
    "why_en": Detail("text", "why the consent named does not count, in English (empty: none named)"),
    "notify_days": Detail("int", "days allowed to tell the reps (param notify_days)"),
    "deadline": Detail("date", "the last day to tell them"),
    "notified": Detail("date", "the day they were told"),
}
