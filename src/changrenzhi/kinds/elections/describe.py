"""The elections family in words: which ballots a rule is about (for its findings too), and what
``compare`` says of each of its rules."""

from __future__ import annotations

from fractions import Fraction

from ...text import Text
from ..base import bound_figure
from ..describing import Duty, suffix
from .params import CompositionParams, ElectionMarginParams, PublicityParams, RepListingParams, ShareSpec

BALLOTS_ZH = {"all": "", "general": "换届", "by_election": "补选"}
BALLOTS_EN = {"all": "", "general": " (general elections)", "by_election": " (by-elections)"}


def percent(x: Fraction) -> str:
    """A share as a percentage, in findings and in compare: ``49/100`` -> ``49``, ``100/204`` -> ``49.02``
    (to two places, an exact half to even: ``23/160`` -> ``14.38``)."""
    p = x * 100
    if p.denominator == 1:
        return str(p.numerator)
    return f"{float(p):.2f}".rstrip("0").rstrip(".")


def _pct(x: Fraction) -> str:
    return f"{percent(x)}%"


def _share_selector(spec: ShareSpec) -> str:
    parts: list[str] = []
    if spec.category:
        parts.append("category=" + "/".join(spec.category))
    if spec.gender:
        parts.append(f"gender={spec.gender}")
    if spec.age_min is not None or spec.age_max is not None:
        parts.append("age " + bound_figure(spec.age_min, spec.age_max))
    return ", ".join(parts) or "all"


# ---- what compare says of each kind ---------------------------------------------
def composition_duties(p: CompositionParams) -> list[Duty]:
    out: list[Duty] = []
    for i, spec in enumerate(p.shares):
        name = spec.label or _share_selector(spec)
        zh: list[str] = []
        en: list[str] = []
        for v, z, e in ((spec.min, "不低于", "at least"), (spec.max, "不高于", "at most"),
                        (spec.above, "高于", "above"), (spec.below, "低于", "below")):  # fmt: skip
            if v is not None:
                zh.append(f"{z} {_pct(v)}")
                en.append(f"{e} {_pct(v)}")
        if spec.target is not None:
            zh.append(f"{_pct(spec.target)} 左右（±{_pct(spec.tolerance)}）")
            en.append(f"about {_pct(spec.target)} (±{_pct(spec.tolerance)})")
        label = (f"代表构成：{name}", f"share of reps: {name}")
        out.append(Duty(f"composition:{name}", label, ("，".join(zh), ", ".join(en)), i))
    return out


def election_margin_duties(p: ElectionMarginParams) -> list[Duty]:
    out: list[Duty] = []
    which = (f"（{BALLOTS_ZH[p.ballots]}）" if BALLOTS_ZH.get(p.ballots) else "", BALLOTS_EN[p.ballots])
    zh: list[str] = []
    en: list[str] = []
    if p.margin is not None:
        base = ("应选人数", "seats") if p.base == "seats" else ("候选人数", "candidates")
        zh.append(f"候选人多于应选人 {_pct(p.margin)} 以上（以{base[0]}为基数）")
        en.append(f"candidates exceed seats by {_pct(p.margin)} of the {base[1]} or more")
    if p.min_extra is not None:
        zh.append(f"候选人至少多 {p.min_extra} 名")
        en.append(f"at least {p.min_extra} more candidates than seats")
    if zh:
        fig = suffix(("；".join(zh), "; ".join(en)), which)
        if p.exempt:
            fig = suffix(fig, (f"（{'、'.join(p.exempt)} 除外）", f" (except {', '.join(p.exempt)})"))
        out.append(Duty("election_margin:margin", ("差额选举", "contested ballots"), fig, 0))
    if p.steps:
        fig = ("→".join(p.steps), " → ".join(p.steps))
        out.append(
            Duty("election_margin:steps", ("选举的程序步骤", "steps of a ballot"), suffix(fig, which), 1)
        )
    if p.filled or p.secret:
        parts = [x for x in (("足额产生", "every seat filled") if p.filled else None,
                             ("无记名投票", "secret ballot") if p.secret else None) if x]  # fmt: skip
        fig = ("；".join(z for z, _ in parts), "; ".join(e for _, e in parts))
        out.append(
            Duty(
                "election_margin:filled",
                ("选举的结果与方式", "outcome and method of a ballot"),
                suffix(fig, which),
                3,
            )
        )
    if p.categories:
        fig = ("、".join(p.categories), ", ".join(p.categories))
        if p.independent:
            fig = suffix(fig, ("（每次选举单列一类）", " (one category per ballot)"))
        out.append(Duty("election_margin:categories", ("选举的代表类别", "categories of a ballot"), fig, 2))
    return out


def publicity_duties(p: PublicityParams) -> list[Duty]:
    out: list[Duty] = []
    for i, item in enumerate(p.items):
        if item.when == "before":
            n = 1 if item.days is None else item.days
            fig: Text = (f"选举前至少 {n} 天", f"at least {n} days before the ballot")
        else:
            fig = (f"选举后 {item.days} 天内", f"within {item.days} days after the ballot")
        label = (f"公示：{item.what}", f"made public: {item.what}")
        out.append(Duty(f"publicity:{item.what}", label, fig, i))
    return out


def rep_listing_duties(p: RepListingParams) -> list[Duty]:
    fig = (f"就任后 {p.days} 天内", f"within {p.days} days of taking the seat")
    return [
        Duty(
            f"rep_listing:{place}",
            (f"代表身份与联系方式公示于{place}", f"reps' contacts posted at {place}"),
            fig,
            i,
        )
        for i, place in enumerate(p.places)
    ]
