"""The contacts family in words: the kinds of people and places a rep looks after (for its findings
too), and what ``compare`` says of each of its rules."""

from __future__ import annotations

from ...text import Text
from ..base import Band
from ..describing import Duty, count, per_period, suffix
from .params import (
    CommitteeContactFrequencyParams,
    CommitteeRosterParams,
    ContactFrequencyParams,
    ContactRosterParams,
    RepFilter,
)

KIND_ZH = {
    "member": "党员",
    "citizen": "群众",
    "activist": "入党积极分子",
    "village": "村",
    "household": "户",
}
KIND_EN = {
    "member": "members",
    "citizen": "citizens",
    "activist": "activists",
    "village": "villages",
    "household": "households",
}
PERSON_KINDS = frozenset({"member", "citizen", "activist"})
#: the order of the contact kinds' rows in compare
CONTACT_ORDER = tuple(KIND_ZH)
CONTACT_UNIT_ZH = {"village": "个", "household": "户"}


def band(b: Band, unit_zh: str, unit_en: str = "") -> Text:
    """A :class:`~changrenzhi.kinds.base.Band`: hard bounds, and a soft target (左右)."""
    zh: list[str] = []
    en: list[str] = []
    if b.min is not None or b.max is not None:
        z, e = count(b.min, b.max, unit_zh, unit_en)
        zh.append(z)
        en.append(e)
    if b.target is not None:
        tol = f"（±{b.tolerance}）" if b.tolerance else ""
        zh.append(f"{b.target} {unit_zh}左右{tol}")
        en.append(f"about {b.target}" + (f" (±{b.tolerance})" if b.tolerance else ""))
    return "；".join(zh), "; ".join(en)


def rep_filter(applies_to: RepFilter | None) -> Text:
    """``applies_to`` as a suffix: （限 category 为 X 的代表） / (reps of category X only)."""
    if applies_to is None:
        return "", ""
    zh: list[str] = []
    en: list[str] = []
    for name, values in (("category", applies_to.category), ("unit", applies_to.unit)):
        if values:
            zh.append(f"{name} 为 {'/'.join(values)}")
            en.append(f"{name} {'/'.join(values)}")
    return f"（限 {'、'.join(zh)} 的代表）", f" (reps of {', '.join(en)} only)"


# ---- what compare says of each kind ---------------------------------------------
def contact_roster_duties(p: ContactRosterParams) -> list[Duty]:
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


def contact_frequency_duties(p: ContactFrequencyParams) -> list[Duty]:
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


def committee_roster_duties(p: CommitteeRosterParams) -> list[Duty]:
    zh, en, unit = _of(p.of)
    label = (f"每名党委委员联系的{zh}", f"{en} each committee member looks after")
    return [
        Duty(f"committee_roster:committee→{p.of}", label, band(p.count, unit), 0 if p.of == "reps" else 1)
    ]


def committee_contact_frequency_duties(p: CommitteeContactFrequencyParams) -> list[Duty]:
    zh, en, _ = _of(p.of)
    label = (f"党委委员走访所联系的{zh}", f"visits of a committee member to the {en} they look after")
    if p.per == "each":
        fig = suffix(per_period(p.period, count(p.min, None, "次")), ("（每个对象）", ", each"))
    else:
        fig = suffix(per_period(p.period, count(p.min, None, "次")), ("（合计）", " in all"))
    return [Duty(f"committee_contact_frequency:committee→{p.of}", label, fig, 0 if p.of == "reps" else 1)]
