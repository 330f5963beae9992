"""Packs side by side: one row per duty, one column per pack (``changrenzhi compare``).

A *duty* is what a rule asks of whom, as a key: ``group_size:members`` (members
per group), ``contact_frequency:rep→member`` (a rep visiting the members they
look after), ``quorum:annual`` (the quorum of the annual meeting). The table
:data:`DESCRIBERS` holds, for each kind, a function from a rule's parameters
to its duties, each with a label and a *figure* (``10–15 人``, ``每年至少 2 次``)
in Chinese and English. Rules of different packs with the same duty key share a
row; a kind without an entry gets one row named after the kind, its parameters
summarised (:func:`generic`).

Rows come in a fixed order whatever the order of the packs: by the kind's place
in :data:`DESCRIBERS` (unknown kinds after, by name), then by the rank the
describer gives each duty, then by key. Every renderer walks the same rows.
"""

from __future__ import annotations

import csv
import html
import io
import json
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .kinds.agenda import BY_ZH
from .kinds.contacts import KIND_EN, KIND_ZH, PERSON_KINDS
from .kinds.groups import OFFICER_ZH
from .kinds.meetings import MATTER_ZH, METHOD_ZH, PERSON_ZH, kind_zh, share_zh
from .kinds.study import RATING_ZH
from .messages import CATALOGUE
from .pack import Pack, Rule

__all__ = [
    "COMPARE_FORMAT",
    "DESCRIBERS",
    "FORMATS",
    "Comparison",
    "Duty",
    "Entry",
    "Row",
    "compare",
    "describe",
    "generic",
    "render",
    "text_width",
    "wrap",
]

COMPARE_FORMAT = "changrenzhi.compare/1"

MSG = CATALOGUE.section(
    "compare",
    {
        "title": {
            "zh": "changrenzhi compare：{packs}（{rows} 项职责）",
            "en": "changrenzhi compare: {packs} ({rows} duties)",
        },
        "duty": {"zh": "职责", "en": "duty"},
        "key": {"zh": "键", "en": "key"},
        "kind": {"zh": "规则类型", "en": "kind"},
        "rule": {"zh": "规则", "en": "rule"},
        "citation": {"zh": "出处", "en": "citation"},
        "figure": {"zh": "要求", "en": "figure"},
        "missing": {"zh": "—（无此项）", "en": "— (none)"},
        "severity": {"zh": "（{severity}）", "en": " ({severity})"},
        "warning": {"zh": "提醒", "en": "warning"},
        "info": {"zh": "提示", "en": "info"},
        "defaults": {"zh": "（默认参数）", "en": "(default parameters)"},
        "only_differ": {"zh": "只看各包不同的职责", "en": "only duties that differ between packs"},
        "html_note": {
            "zh": "每格：要求、规则编号、出处行号；鼠标停在行号上显示原文。",
            "en": "Each cell: the figure, the rule id, the source line; hover over the line for the quote.",
        },
        "no_packs": {"zh": "至少要给出一个政策包", "en": "give at least one pack"},
    },
)

Text = tuple[str, str]  # (Chinese, English)


def pick(text: Text, lang: str) -> str:
    return text[1] if lang == "en" else text[0]


# ---- the model ----------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Duty:
    """One duty a rule states: its key, label and figure (each in Chinese and English)."""

    key: str
    label: Text
    figure: Text
    #: the duty's place among the duties of its kind (rows sort by kind, rank, key)
    rank: int = 0


@dataclass(frozen=True, slots=True)
class Entry:
    """One rule of one pack in a cell: the figure it sets and where the text says so."""

    rule: str
    severity: str
    figure: Text
    source: str
    line: int
    quote: str
    clause: str | None = None

    def to_json(self, lang: str) -> dict[str, Any]:
        cite: dict[str, Any] = {"source": self.source, "line": self.line, "text": self.quote}
        if self.clause:
            cite["clause"] = self.clause
        return {
            "rule": self.rule,
            "severity": self.severity,
            "figure": pick(self.figure, lang),
            "citation": cite,
        }

    def figure_with_severity(self, lang: str) -> str:
        fig = pick(self.figure, lang)
        if self.severity in ("warning", "info"):
            fig += MSG("severity", lang, severity=MSG(self.severity, lang))
        return fig


@dataclass(slots=True)
class Row:
    """One duty across the packs: ``cells[i]`` lists the entries of pack ``i`` (empty: the pack lacks it)."""

    key: str
    kind: str
    label: Text
    order: tuple[int, str, int, str]
    cells: list[list[Entry]] = field(default_factory=list)

    @property
    def same(self) -> bool:
        """Every pack has the duty, with the same figures."""
        figures = [sorted(e.figure for e in c) for c in self.cells]
        return all(figures) and all(f == figures[0] for f in figures)

    def to_json(self, lang: str) -> dict[str, Any]:
        return {
            "key": self.key,
            "kind": self.kind,
            "duty": pick(self.label, lang),
            "same": self.same,
            "cells": [[e.to_json(lang) for e in c] if c else None for c in self.cells],
        }


@dataclass(frozen=True, slots=True)
class Comparison:
    packs: tuple[Pack, ...]
    rows: tuple[Row, ...]

    @property
    def keys(self) -> list[str]:
        return [r.key for r in self.rows]

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "format": COMPARE_FORMAT,
            "packs": [{"id": p.id, "name": p.name, "locality": p.model.locality} for p in self.packs],
            "rows": [r.to_json(lang) for r in self.rows],
        }


# ---- words ----------------------------------------------------------------------
PERIOD_ZH = {"month": "每月", "quarter": "每季度", "half": "每半年", "year": "每年", "term": "每届任期"}
PERIOD_EN = {"month": "month", "quarter": "quarter", "half": "half-year", "year": "year", "term": "term"}
MEETING_EN = {"annual": "annual meeting", "group": "group meeting", "committee": "committee meeting"}
BY_EN = {"committee": "the committee", "group": "a group", "reps": "reps jointly"}
OFFICER_EN = {"leader": "leader", "deputy": "deputy leader", "liaison": "liaison"}
MATTER_EN = {"election": "election", "personnel": "personnel", "other": "other"}
METHOD_EN = {"secret": "secret ballot", "hands": "show of hands"}
BASE_ZH = {"seated": "应到代表", "present": "到会代表", "cast": "投票数"}
BASE_EN = {"seated": "the seated reps", "present": "the reps present", "cast": "the votes cast"}
CONTACT_ORDER = ("member", "citizen", "activist", "village", "household")
CONTACT_UNIT_ZH = {"village": "个", "household": "户"}


def meeting(kind: str) -> Text:
    return kind_zh(kind), MEETING_EN.get(kind, f"{kind} meeting")


def meetings(kinds: Sequence[str] | None) -> Text:
    if not kinds:
        return "会议", "meeting"
    return "、".join(kind_zh(k) for k in kinds), " / ".join(MEETING_EN.get(k, k) for k in kinds)


def count(lo: int | None, hi: int | None, unit_zh: str, unit_en: str = "") -> Text:
    """Inclusive bounds in words: 至少 3 人 / at least 3; 3–5 人 / 3–5; 1 人 / exactly 1."""
    tail = f" {unit_en}" if unit_en else ""
    if lo is not None and hi is not None:
        if lo == hi:
            return f"{lo} {unit_zh}", f"exactly {lo}{tail}"
        return f"{lo}–{hi} {unit_zh}", f"{lo}–{hi}{tail}"
    if lo is not None:
        return f"至少 {lo} {unit_zh}", f"at least {lo}{tail}"
    return f"至多 {hi} {unit_zh}", f"at most {hi}{tail}"


def per_period(period: str, text: Text) -> Text:
    return f"{PERIOD_ZH.get(period, period)}{text[0]}", f"{text[1]} per {PERIOD_EN.get(period, period)}"


def band(params: Any, unit_zh: str, unit_en: str = "") -> Text:
    """A :class:`~changrenzhi.kinds.base.Band`: hard bounds, and a soft target (左右)."""
    zh: list[str] = []
    en: list[str] = []
    if params.min is not None or params.max is not None:
        z, e = count(params.min, params.max, unit_zh, unit_en)
        zh.append(z)
        en.append(e)
    if params.target is not None:
        tol = f"（±{params.tolerance}）" if params.tolerance else ""
        zh.append(f"{params.target} {unit_zh}左右{tol}")
        en.append(f"about {params.target}" + (f" (±{params.tolerance})" if params.tolerance else ""))
    return "；".join(zh), "; ".join(en)


def suffix(text: Text, more: Text) -> Text:
    return text[0] + more[0], text[1] + more[1]


def rep_filter(applies_to: Any) -> Text:
    """``applies_to`` as a suffix: （限 category 为 X 的代表） / (reps of category X only)."""
    if applies_to is None:
        return "", ""
    zh: list[str] = []
    en: list[str] = []
    for name in ("category", "unit"):
        values = getattr(applies_to, name)
        if values:
            zh.append(f"{name} 为 {'/'.join(values)}")
            en.append(f"{name} {'/'.join(values)}")
    return f"（限{'、'.join(zh)}的代表）", f" (reps of {', '.join(en)} only)"


def share_words(share: Fraction) -> Text:
    return share_zh(share), str(share)


# ---- per-kind knowledge ---------------------------------------------------------------
def _annual_meeting(p: Any) -> list[Duty]:
    mk = p.meeting_kind
    mz, me = meeting(mk)
    out: list[Duty] = []
    if p.min > 0 or p.max is not None:
        fig = per_period(p.period, count(p.min or None, p.max, "次"))
        out.append(Duty(f"annual_meeting:{mk}:count", (f"{mz}召开次数", f"{me}s held"), fig, 0))
    for rank, (fld, zh, en) in enumerate(
        (("convened_by", "召集", "convenes"), ("chaired_by", "主持", "chairs")), 1
    ):
        who = getattr(p, fld)
        if who is not None:
            role = "convener" if fld == "convened_by" else "chair"
            label = (f"{mz}由谁{zh}", f"who {en} the {me}")
            out.append(Duty(f"annual_meeting:{mk}:{role}", label, (PERSON_ZH.get(who, who), who), rank))
    for rank, (form, zh, en) in enumerate(
        (("presidium", "主席团", "a presidium"), ("preparatory", "预备会议", "a preparatory meeting")), 3
    ):
        allowed = getattr(p, form)
        if allowed is not None:
            fig = ("可设", "allowed") if allowed else ("不设", "not provided for")
            out.append(Duty(f"annual_meeting:{mk}:{form}", (f"{mz}{zh}", f"{me}: {en}"), fig, rank))
    return out


def _quorum(p: Any) -> list[Duty]:
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


def _agenda_deadline(p: Any) -> list[Duty]:
    mz, me = meetings(p.meeting_kinds)
    if p.what == "notified":
        fig = (
            (f"不晚于{mz}召开当天", f"by the day of the {me}")
            if p.days == 0
            else (f"{mz}召开 {p.days} 天前", f"{p.days} days before the {me}")
        )
        return [
            Duty(
                "agenda_deadline:notified", ("正式议题通知代表", "notice of listed items to the reps"), fig, 9
            )
        ]
    fig = (f"{mz}召开 {p.days} 天前", f"{p.days} days before the {me}")
    return [
        Duty(
            f"agenda_deadline:proposed:{by}",
            (f"议题提出期限（{BY_ZH[by]}）", f"deadline for items proposed by {BY_EN[by]}"),
            fig,
            list(BY_ZH).index(by),
        )
        for by in p.by
    ]


def _agenda_threshold(p: Any) -> list[Duty]:
    out: list[Duty] = []
    if p.model_fields_set & {"allowed", "reps_min", "groups_min"}:
        zh: list[str] = []
        en: list[str] = []
        for who in p.allowed:
            if who == "reps" and p.reps_min is not None:
                zh.append(f"{p.reps_min} 名以上代表联名")
                en.append(f"{p.reps_min} or more reps jointly")
            elif who == "group" and p.groups_min > 1:
                zh.append(f"{p.groups_min} 个以上代表小组")
                en.append(f"{p.groups_min} or more groups")
            else:
                zh.append(BY_ZH[who])
                en.append(BY_EN[who])
        out.append(Duty("agenda_threshold:proposers", ("谁可以提出议题", "who may propose an item"),
                        ("、".join(zh), ", ".join(en)), 0))  # fmt: skip
    if p.ad_hoc is not None:
        zh, en = [], []
        if p.ad_hoc.groups_min is not None:
            zh.append(f"{p.ad_hoc.groups_min} 个以上代表小组")
            en.append(f"{p.ad_hoc.groups_min} or more groups")
        if p.ad_hoc.reps_share is not None:
            sz, se = share_words(p.ad_hoc.reps_share)
            zh.append(f"{sz}以上代表联名")
            en.append(f"{se} or more of the seated reps jointly")
        out.append(Duty("agenda_threshold:ad_hoc", ("临时议题的提出门槛", "who may raise an ad hoc item"),
                        ("，或".join(zh), " or ".join(en)), 1))  # fmt: skip
    if p.must_list is not None:
        zh, en = [], []
        if p.must_list.reps_min is not None:
            zh.append(f"{p.must_list.reps_min} 名以上代表联名")
            en.append(f"{p.must_list.reps_min} or more reps jointly")
        if p.must_list.groups_min is not None:
            zh.append(f"{p.must_list.groups_min} 个以上代表小组")
            en.append(f"{p.must_list.groups_min} or more groups")
        fig = ("，或".join(zh) + "提出的", "proposed by " + " or ".join(en))
        out.append(
            Duty("agenda_threshold:must_list", ("必须列为正式议题的", "items that must be listed"), fig, 2)
        )
    return out


def _vote_majority(p: Any) -> list[Duty]:
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


def _ballot_method(p: Any) -> list[Duty]:
    return [
        Duty(
            f"ballot_method:{m}",
            (f"{MATTER_ZH[m]}事项的表决方式", f"how {MATTER_EN[m]} matters are voted on"),
            (METHOD_ZH[p.method], METHOD_EN[p.method]),
            list(MATTER_ZH).index(m),
        )
        for m in p.matters
    ]


def _group_size(p: Any) -> list[Duty]:
    out: list[Duty] = []
    if p.min is not None or p.max is not None:
        fig = count(p.min, p.max, "人", "members")
        out.append(Duty("group_size:members", ("每个代表小组的人数", "members per group"), fig, 0))
    if p.officers:
        fig = ("、".join(OFFICER_ZH[o] for o in p.officers), ", ".join(OFFICER_EN[o] for o in p.officers))
        out.append(Duty("group_size:officers", ("代表小组负责人", "officers of a group"), fig, 1))
    if p.every_rep_in_group:
        label = ("每名代表编入代表小组", "every rep belongs to a group")
        out.append(Duty("group_size:every_rep", label, ("须编入", "required"), 2))
    return out


def _contact_roster(p: Any) -> list[Duty]:
    kinds = list(p.kinds)
    unit = "人" if set(kinds) <= PERSON_KINDS else CONTACT_UNIT_ZH.get(kinds[0], "个")
    fig = band(p.count, unit)
    if len(kinds) > 1:
        fig = suffix(
            fig,
            (
                f"（{'、'.join(KIND_ZH[k] for k in kinds)}合计）",
                f" ({' and '.join(KIND_EN[k] for k in kinds)})",
            ),
        )
    fig = suffix(fig, rep_filter(p.applies_to))
    return [
        Duty(
            f"contact_roster:rep→{k}",
            (f"每名代表联系的{KIND_ZH[k]}", f"{KIND_EN[k]} each rep looks after"),
            fig,
            CONTACT_ORDER.index(k),
        )
        for k in kinds
    ]


def _contact_frequency(p: Any) -> list[Duty]:
    fig = suffix(per_period(p.period, count(p.min, None, "次")), ("（每个对象）", ", each"))
    fig = suffix(fig, rep_filter(p.applies_to))
    if not p.kinds:
        label = ("代表走访所联系的对象", "visits of a rep to those they look after")
        return [Duty("contact_frequency:rep→contact", label, fig, len(CONTACT_ORDER))]
    return [
        Duty(
            f"contact_frequency:rep→{k}",
            (f"代表走访所联系的{KIND_ZH[k]}", f"visits of a rep to the {KIND_EN[k]} they look after"),
            fig,
            CONTACT_ORDER.index(k),
        )
        for k in p.kinds
    ]


def _of(of: str) -> tuple[str, str, str]:
    return ("代表", "reps", "人") if of == "reps" else ("代表小组", "groups", "个")


def _committee_roster(p: Any) -> list[Duty]:
    zh, en, unit = _of(p.of)
    label = (f"每名党委委员联系的{zh}", f"{en} each committee member looks after")
    return [
        Duty(f"committee_roster:committee→{p.of}", label, band(p.count, unit), 0 if p.of == "reps" else 1)
    ]


def _committee_contact_frequency(p: Any) -> list[Duty]:
    zh, en, _ = _of(p.of)
    label = (f"党委委员走访所联系的{zh}", f"visits of a committee member to the {en} they look after")
    if p.per == "each":
        fig = suffix(per_period(p.period, count(p.min, None, "次")), ("（每个对象）", ", each"))
    else:
        fig = suffix(per_period(p.period, count(p.min, None, "次")), ("（合计）", " in all"))
    return [Duty(f"committee_contact_frequency:committee→{p.of}", label, fig, 0 if p.of == "reps" else 1)]


def _study_frequency(p: Any) -> list[Duty]:
    fig = per_period(p.period, count(p.min, p.max, "次"))
    return [Duty("study_frequency:group", ("代表小组集中学习", "study sessions of a group"), fig)]


def _study_days(p: Any) -> list[Duty]:
    n = int(p.min_days) if float(p.min_days).is_integer() else p.min_days
    fig = per_period(p.period, (f"至少 {n} 天", f"at least {n} days"))
    if list(p.sources) == ["study"]:
        fig = suffix(fig, ("（仅集中学习）", " (study only)"))
    elif list(p.sources) == ["training"]:
        fig = suffix(fig, ("（仅培训）", " (training only)"))
    if p.prorate:
        fig = suffix(fig, ("（按在任时间折算）", " (prorated to the time seated)"))
    return [Duty("study_days:rep", ("每名代表学习培训天数", "days of study and training per rep"), fig)]


def _study_absence_penalty(p: Any) -> list[Duty]:
    out: list[Duty] = []
    if p.consecutive is not None:
        barred = ("、".join(RATING_ZH[r] for r in p.barred), " or ".join(p.barred))
        fig = (
            f"连续 {p.consecutive} 次：不能评为{barred[0]}",
            f"{p.consecutive} in a row: not rated {barred[1]}",
        )
        label = ("连续缺席学习的后果", "consequence of consecutive missed study")
        out.append(Duty("study_absence_penalty:consecutive", label, fig, 0))
    if p.unexcused is not None:
        rating = p.unexcused_rating
        fig = (f"{p.unexcused} 次：定为{RATING_ZH[rating]}", f"{p.unexcused}: rated {rating}")
        label = ("无故缺席学习的后果", "consequence of study missed without excuse")
        out.append(Duty("study_absence_penalty:unexcused", label, fig, 1))
    return out


def _training_coverage(p: Any) -> list[Duty]:
    fig = per_period(p.span, count(p.min, None, "次"))
    return [Duty("training_coverage:rep", ("每名代表参加培训", "trainings per rep"), fig)]


Describer = Callable[[Any], list[Duty]]

#: kind -> its duties from a rule's parameters; the order here is the order of the rows
DESCRIBERS: dict[str, Describer] = {
    "annual_meeting": _annual_meeting,
    "quorum": _quorum,
    "agenda_deadline": _agenda_deadline,
    "agenda_threshold": _agenda_threshold,
    "vote_majority": _vote_majority,
    "ballot_method": _ballot_method,
    "group_size": _group_size,
    "committee_roster": _committee_roster,
    "committee_contact_frequency": _committee_contact_frequency,
    "contact_roster": _contact_roster,
    "contact_frequency": _contact_frequency,
    "study_frequency": _study_frequency,
    "study_days": _study_days,
    "study_absence_penalty": _study_absence_penalty,
    "training_coverage": _training_coverage,
}


def _plain(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def generic(rule: Rule) -> list[Duty]:
    """The fallback for a kind without an entry: one duty named after the kind, its parameters listed."""
    given = rule.spec.params
    if given:
        text = ", ".join(f"{k}={_plain(v)}" for k, v in given.items())
        fig = (text, text)
    else:
        fig = (MSG("defaults", "zh"), MSG("defaults", "en"))
    summary = getattr(rule.impl, "summary", "") or rule.kind
    return [Duty(rule.kind, (rule.kind, summary), fig)]


def describe(rule: Rule) -> list[Duty]:
    """The duties one rule states (the kind's describer, else :func:`generic`)."""
    fn = DESCRIBERS.get(rule.kind)
    return fn(rule.params) if fn is not None else generic(rule)


def _kind_order(kind: str) -> tuple[int, str]:
    ranks = _RANKS
    return (ranks[kind], "") if kind in ranks else (len(ranks), kind)


_RANKS = {k: i for i, k in enumerate(DESCRIBERS)}


def compare(packs: Sequence[Pack]) -> Comparison:
    """Align the rules of ``packs`` by duty."""
    rows: dict[str, Row] = {}
    for i, pack in enumerate(packs):
        for rule in pack.rules:
            c = rule.citation
            for duty in describe(rule):
                row = rows.get(duty.key)
                if row is None:
                    kr, kn = _kind_order(rule.kind)
                    row = rows[duty.key] = Row(
                        duty.key, rule.kind, duty.label, (kr, kn, duty.rank, duty.key), [[] for _ in packs]
                    )
                row.cells[i].append(
                    Entry(rule.id, rule.severity, duty.figure, c.source, c.line, c.text, c.clause)
                )
    ordered = sorted(rows.values(), key=lambda r: r.order)
    return Comparison(tuple(packs), tuple(ordered))


# ---- display width --------------------------------------------------------------
def char_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def text_width(s: str) -> int:
    """Columns ``s`` takes in a terminal: wide (CJK) characters count two."""
    return sum(char_width(ch) for ch in s)


def _tokens(s: str) -> list[str]:
    """Words to wrap at: runs of narrow non-space characters, single wide characters, single spaces."""
    out: list[str] = []
    word = ""
    for ch in s:
        if ch == " " or char_width(ch) == 2:
            if word:
                out.append(word)
                word = ""
            out.append(ch)
        else:
            word += ch
    if word:
        out.append(word)
    return out


def wrap(s: str, width: int) -> list[str]:
    """Wrap ``s`` to lines of at most ``width`` columns (at spaces, or between wide characters)."""
    width = max(width, 2)
    lines: list[str] = []
    for para in s.split("\n"):
        line, used = "", 0
        for tok in _tokens(para):
            w = text_width(tok)
            if tok == " " and not line:
                continue
            if used + w <= width:
                line, used = line + tok, used + w
                continue
            if line.strip():
                lines.append(line.rstrip())
            line, used = "", 0
            if tok == " ":
                continue
            rest = tok
            while w > width:  # a word longer than a line: cut it
                cut, cw = "", 0
                for ch in rest:
                    if cw + char_width(ch) > width:
                        break
                    cut, cw = cut + ch, cw + char_width(ch)
                lines.append(cut)
                rest = rest[len(cut) :]
                w = text_width(rest)
            line, used = rest, w
        lines.append(line.rstrip())
    return lines


def clip(lines: list[str], n: int, width: int) -> list[str]:
    """At most ``n`` lines; the last one ends with … when some were cut."""
    if len(lines) <= n:
        return lines
    last = lines[n - 1]
    while last and text_width(last) + 1 > width:
        last = last[:-1]
    return [*lines[: n - 1], last + "…"]


def pad(s: str, width: int) -> str:
    return s + " " * max(0, width - text_width(s))


# ---- renderers --------------------------------------------------------------------
def _cite_short(e: Entry) -> str:
    return f"L{e.line}「{e.quote}」"


def _cite_full(e: Entry) -> str:
    return f"{e.source}:L{e.line}「{e.quote}」"


def _title(cmp: Comparison, lang: str) -> str:
    return MSG("title", lang, packs=", ".join(p.id for p in cmp.packs), rows=len(cmp.rows))


def render_text(cmp: Comparison, lang: str, width: int = 100) -> str:
    n = len(cmp.packs)
    sep = " │ "
    label_w = min(
        26, max([text_width(MSG("duty", lang))] + [text_width(pick(r.label, lang)) for r in cmp.rows])
    )
    label_w = max(label_w, 12)
    col_w = max(14, (width - label_w - len(sep) * n) // max(n, 1))
    widths = [label_w] + [col_w] * n

    def block(cells: list[list[str]]) -> list[str]:
        height = max(len(c) for c in cells)
        out = []
        for i in range(height):
            parts = [pad(c[i] if i < len(c) else "", w) for c, w in zip(cells, widths, strict=True)]
            out.append(sep.join(parts).rstrip())
        return out

    rule_line = "─┼─".join("─" * w for w in widths)
    head: list[list[str]] = [wrap(MSG("duty", lang), label_w)]
    for p in cmp.packs:
        head.append(wrap(p.id, col_w) + clip(wrap(p.model.locality, col_w), 1, col_w))
    lines = [_title(cmp, lang), "", *block(head)]
    for row in cmp.rows:
        lines.append(rule_line)
        cells = [wrap(pick(row.label, lang), label_w) + wrap(row.key, label_w)]
        for cell in row.cells:
            if not cell:
                cells.append(wrap(MSG("missing", lang), col_w))
                continue
            got: list[str] = []
            for e in cell:
                got += wrap(e.figure_with_severity(lang), col_w)
                got += wrap(e.rule, col_w)
                got += clip(wrap(_cite_short(e), col_w), 2, col_w)
            cells.append(got)
        lines += block(cells)
    return "\n".join(lines) + "\n"


def _md(s: str) -> str:
    return html.escape(s, quote=False).replace("|", "\\|").replace("\n", "<br>")


def render_markdown(cmp: Comparison, lang: str) -> str:
    paren = "{}（{}）" if lang != "en" else "{} ({})"
    head = [MSG("duty", lang), *(paren.format(p.id, p.model.locality) for p in cmp.packs)]
    lines = [f"# {_md(_title(cmp, lang))}", "", "| " + " | ".join(_md(h) for h in head) + " |"]
    lines.append("|" + "---|" * len(head))
    for row in cmp.rows:
        cells = [f"{_md(pick(row.label, lang))}<br>`{row.key}`"]
        for cell in row.cells:
            if not cell:
                cells.append(_md(MSG("missing", lang)))
                continue
            cells.append(
                "<br><br>".join(
                    f"**{_md(e.figure_with_severity(lang))}**<br>`{e.rule}`<br>{_md(_cite_full(e))}"
                    for e in cell
                )
            )
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def render_csv(cmp: Comparison, lang: str) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    head = [MSG("key", lang), MSG("kind", lang), MSG("duty", lang)]
    for p in cmp.packs:
        head += [p.id, f"{p.id} {MSG('rule', lang)}", f"{p.id} {MSG('citation', lang)}"]
    w.writerow(head)
    for row in cmp.rows:
        out = [row.key, row.kind, pick(row.label, lang)]
        for cell in row.cells:
            if not cell:
                out += [MSG("missing", lang), "", ""]
                continue
            out += [
                "\n".join(e.figure_with_severity(lang) for e in cell),
                "\n".join(e.rule for e in cell),
                "\n".join(_cite_full(e) for e in cell),
            ]
        w.writerow(out)
    return buf.getvalue()


def render_json(cmp: Comparison, lang: str) -> str:
    return json.dumps(cmp.to_json(lang), ensure_ascii=False, indent=2) + "\n"


_CSS = """
body{
  font-family:system-ui,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;
  margin:1.5rem;
  color:#1d2330
}
h1{
  font-size:1.25rem;
  margin:0 0 .3rem
}
p.note{
  color:#5b6475;
  font-size:.85rem;
  margin:.2rem 0 .8rem
}
label.only{
  font-size:.85rem;
  display:inline-block;
  margin-bottom:.6rem;
  cursor:pointer
}
table{
  border-collapse:collapse;
  width:100%;
  font-size:.9rem
}
th,td{
  border:1px solid #d5dae3;
  padding:.45rem .55rem;
  vertical-align:top;
  text-align:left
}
thead th{
  position:sticky;
  top:0;
  background:#27344d;
  color:#fff;
  z-index:2
}
thead th small{
  display:block;
  font-weight:normal;
  color:#c9d2e3
}
td.duty{
  background:#f5f7fb;
  min-width:12rem
}
td.duty code{
  display:block;
  color:#7a8294;
  font-size:.75rem;
  margin-top:.2rem
}
td.missing{
  color:#a0a6b2;
  background:repeating-linear-gradient(45deg,#fafbfc,#fafbfc 6px,#f1f3f6 6px,#f1f3f6 12px)
}
tr.same td.entry{
  background:#f3faf4
}
div.entry+div.entry{
  border-top:1px dashed #d5dae3;
  margin-top:.4rem;
  padding-top:.4rem
}
.fig{
  font-weight:600
}
.sev{
  font-weight:normal;
  color:#9a6700
}
.rule{
  display:block;
  color:#5b6475;
  font-size:.75rem;
  font-family:ui-monospace,monospace
}
.cite{
  position:relative;
  display:inline-block;
  font-size:.75rem;
  color:#2459c4;
  border-bottom:1px dotted #2459c4;
  cursor:help
}
.cite .tip{
  display:none;
  position:absolute;
  left:0;
  top:1.3rem;
  z-index:5;
  width:22rem;
  max-width:60vw;
  padding:.5rem .6rem;
 background:#1d2330;
  color:#fff;
  border-radius:4px;
  font-size:.85rem;
  line-height:1.45;
  box-shadow:0 2px 8px rgba(0,0,0,.3)
}
.cite:hover .tip,.cite:focus .tip{
  display:block
}
body.only-differ tr.same{
  display:none
}
"""

_JS = """
document.getElementById('only').addEventListener('change', function (e) {
  document.body.classList.toggle('only-differ', e.target.checked);
});
"""


def render_html(cmp: Comparison, lang: str) -> str:
    esc = html.escape
    title = _title(cmp, lang)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{"en" if lang == "en" else "zh-CN"}">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{esc(title)}</h1>",
        f'<p class="note">{esc(MSG("html_note", lang))}</p>',
        f'<label class="only"><input type="checkbox" id="only"> {esc(MSG("only_differ", lang))}</label>',
        "<table>",
        "<thead><tr>",
        f"<th>{esc(MSG('duty', lang))}</th>",
    ]
    for p in cmp.packs:
        out.append(f"<th>{esc(p.id)}<small>{esc(p.name)}<br>{esc(p.model.locality)}</small></th>")
    out.append("</tr></thead>")
    out.append("<tbody>")
    for row in cmp.rows:
        cls = ' class="same"' if row.same else ""
        out.append(f'<tr data-key="{esc(row.key)}"{cls}>')
        out.append(f'<td class="duty">{esc(pick(row.label, lang))}<code>{esc(row.key)}</code></td>')
        for cell in row.cells:
            if not cell:
                out.append(f'<td class="missing">{esc(MSG("missing", lang))}</td>')
                continue
            parts = []
            for e in cell:
                fig = esc(pick(e.figure, lang))
                if e.severity in ("warning", "info"):
                    sev = MSG("severity", lang, severity=MSG(e.severity, lang))
                    fig += f'<span class="sev">{esc(sev)}</span>'
                quote = _cite_full(e) + (f" ({e.clause})" if e.clause else "")
                parts.append(
                    '<div class="entry">'
                    f'<span class="fig">{fig}</span>'
                    f'<span class="rule">{esc(e.rule)}</span>'
                    f'<span class="cite" tabindex="0" title="{esc(quote)}">L{e.line}'
                    f'<span class="tip">{esc(quote)}</span></span>'
                    "</div>"
                )
            out.append(f'<td class="entry">{"".join(parts)}</td>')
        out.append("</tr>")
    out += ["</tbody>", "</table>", f"<script>{_JS}</script>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


FORMATS: dict[str, Callable[[Comparison, str], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "csv": render_csv,
    "json": render_json,
    "html": render_html,
}


def render(cmp: Comparison, fmt: str = "text", lang: str = "zh", *, width: int | None = None) -> str:
    """``cmp`` in one of :data:`FORMATS`; ``width`` (columns) only matters to ``text``."""
    if fmt == "text":
        return render_text(cmp, lang, width or 100)
    return FORMATS[fmt](cmp, lang)
