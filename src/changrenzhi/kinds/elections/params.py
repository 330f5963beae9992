"""The parameter models of the elections kinds: what a pack writes under ``params:``.

Kept apart from the kinds (:mod:`.rules`) so that what the kinds call, such as the family's
probe builders, can be typed with these models without importing the kinds back.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, PlainSerializer, field_validator, model_validator

from ...events import RepElected
from ..base import MAX_COUNT, KindParams, Share, parse_share, share_schema

#: which ballots a rule is about: every ballot, the general election only, or by-elections (补选) only
Ballots = Literal["all", "general", "by_election"]


def _to_tolerance(value: Any) -> Fraction:
    """A share in ``[0, 1)``: like :data:`Share`, but zero is allowed (an exact match)."""
    frac = parse_share(value, "'1/200' or 0.005")
    if not 0 <= frac < 1:
        raise ValueError(f"a tolerance must be in [0, 1), got {frac}")
    return frac


#: a tolerance as text: ``"1/200"``, ``"0.005"``, ``"0"``
TOLERANCE_PATTERN = r"^\s*([0-9]+/0*[1-9][0-9]*|0*\.[0-9]+|0+(\.[0-9]*)?)\s*$"
Tolerance = Annotated[
    Fraction,
    BeforeValidator(_to_tolerance),
    PlainSerializer(str, return_type=str),
    share_schema({"minimum": 0, "exclusiveMaximum": 1}, TOLERANCE_PATTERN, "'1/200' or 0.005, in [0, 1)"),
]


class ShareSpec(KindParams):
    """One share of the seated reps: who is counted (``category``, ``gender``, age), and its figure.

    Selectors combine (a rep must match all given). Age is ``year(reference day) − birth_year``
    (the age reached in that year: the log has no birthday), bounded by ``age_min``/``age_max``
    inclusive (50岁以下 is ``age_max: 50``).

    Figures: ``target`` is a figure the text reports ("占49%"): the actual share must lie
    within ``target ± tolerance`` (inclusive), else a ``warning``. The default tolerance,
    half a percentage point, accepts every roster a reporter rounding to whole percent could
    have described with ``target`` (48.5% and 49.5% both print as 49% under one rounding or
    the other). ``min``/``max`` are inclusive bounds (以上/以下), ``above``/``below``
    exclusive ones (超过/不到); outside them is a finding of the rule's severity.
    """

    label: str | None = Field(default=None, min_length=1)
    category: list[str] | None = Field(default=None, min_length=1)
    gender: str | None = Field(default=None, min_length=1)
    age_min: int | None = Field(default=None, ge=0, le=150)
    age_max: int | None = Field(default=None, ge=0, le=150)
    target: Share | None = None
    tolerance: Tolerance = Fraction(1, 200)
    min: Share | None = None
    max: Share | None = None
    above: Share | None = None
    below: Share | None = None

    ordered = (("age_min", "age_max"), ("min", "max"))

    @field_validator("category", mode="before")
    @classmethod
    def _one_or_many(cls, v: Any) -> Any:
        return [v] if isinstance(v, str) else v

    @model_validator(mode="after")
    def _consistent(self) -> ShareSpec:
        if self.category is None and self.gender is None and self.age_min is None and self.age_max is None:
            raise ValueError("say whom the share counts: category, gender, age_min or age_max")
        if all(x is None for x in (self.target, self.min, self.max, self.above, self.below)):
            raise ValueError("give the figure: target, min, max, above or below")
        lo = [x for x in (self.min, self.above) if x is not None]
        hi = [x for x in (self.max, self.below) if x is not None]
        if lo and hi and max(lo) > min(hi):
            raise ValueError(f"the lower bound ({max(lo)}) is above the upper bound ({min(hi)})")
        if (self.above is not None and self.max is not None and self.above >= self.max) or (
            self.min is not None and self.below is not None and self.min >= self.below
        ):
            raise ValueError("the bounds leave no share possible")
        if self.above is not None and self.below is not None and self.above >= self.below:
            raise ValueError(f"above ({self.above}) is not below below ({self.below})")
        return self

    @property
    def name(self) -> str:
        """The share's subject: its ``label``, else its selectors (``category=leader``, ``age<=50``)."""
        if self.label:
            return self.label
        parts = []
        if self.category:
            parts.append("category=" + "+".join(self.category))
        if self.gender:
            parts.append(f"gender={self.gender}")
        if self.age_min is not None:
            parts.append(f"age>={self.age_min}")
        if self.age_max is not None:
            parts.append(f"age<={self.age_max}")
        return ",".join(parts)

    def known(self, e: RepElected) -> bool:
        """Whether the rep's record says enough to tell if they match."""
        if self.category is not None and e.category is None:
            return False
        if self.gender is not None and e.gender is None:
            return False
        return not ((self.age_min is not None or self.age_max is not None) and e.birth_year is None)

    def matches(self, e: RepElected, on: date) -> bool:
        if self.category is not None and e.category not in self.category:
            return False
        if self.gender is not None and e.gender != self.gender:
            return False
        if self.age_min is not None or self.age_max is not None:
            if e.birth_year is None:
                return False
            age = on.year - e.birth_year
            if (self.age_min is not None and age < self.age_min) or (
                self.age_max is not None and age > self.age_max
            ):
                return False
        return True


class CompositionParams(KindParams):
    """Shares of categories among the seated reps on a reference day.

    ``at: election`` (default): for each term, the end of the day of the last general-election
    ``election.held`` in it up to ``as_of`` (for a log that records no ballot, the term's first
    day); ``at: as_of``: the roster on ``as_of``.
    ``unknown``: a rep whose record lacks the attribute a share counts is left out of that
    share's base (``exclude``, default) or counted as not matching (``count``).
    """

    shares: list[ShareSpec] = Field(min_length=1)
    at: Literal["election", "as_of"] = "election"
    unknown: Literal["exclude", "count"] = "exclude"

    @model_validator(mode="after")
    def _distinct(self) -> CompositionParams:
        seen: set[str] = set()
        for n in (s.name for s in self.shares):
            if n in seen:
                raise ValueError(f"two shares are both named {n!r}: give them different labels")
            seen.add(n)
        return self


class ElectionMarginParams(KindParams):
    """The ballots of ``ballots`` (every one, the general election, or by-elections) must be
    contested, follow the required steps, and name one of the pack's categories.

    - ``margin``: (candidates − seats) / ``base`` at least ``margin`` (以上: the bound counts).
      ``base: seats`` (default) is the usual 差额比例 (候选人数多于应选人数的百分比);
      ``base: candidates`` divides by the candidates instead.
    - ``min_extra``: candidates exceed seats by at least this many (差额选举: 1).
    - ``exempt``: categories whose ballots the two figures above do not apply to
      (e.g. a category of leaders elected 等额).
    - ``categories``: the pack's categories; with ``independent: true`` a ballot naming any
      other category is a finding (each ballot counts one category on its own).
    - ``steps``: the procedural steps every ballot's ``steps`` must contain, in this order
      (other steps may come between them).
    - ``filled``: every ballot elects as many reps as it has seats (足额产生): a ballot whose
      ``elected`` is below its ``seats`` is a finding (one that does not say is not judged).
    - ``secret``: every ballot is by secret ballot: one whose ``method`` is ``hands`` is a finding
      (one that does not say is not judged).
    """

    ballots: Ballots = "all"
    margin: Share | None = None
    base: Literal["seats", "candidates"] = "seats"
    min_extra: int | None = Field(default=None, ge=1, le=MAX_COUNT)
    exempt: list[str] = []
    categories: list[str] | None = Field(default=None, min_length=1)
    independent: bool = False
    steps: list[str] | None = Field(default=None, min_length=1)
    filled: bool = False
    secret: bool = False

    @model_validator(mode="after")
    def _consistent(self) -> ElectionMarginParams:
        checks = (self.margin, self.min_extra, self.steps)
        if all(c is None for c in checks) and not (self.independent or self.filled or self.secret):
            raise ValueError(
                "the rule checks nothing: give margin, min_extra, independent, steps, filled or secret"
            )
        if self.independent and self.categories is None:
            raise ValueError("independent needs the list of categories")
        for name, values in (("categories", self.categories), ("steps", self.steps), ("exempt", self.exempt)):
            if values and len(set(values)) != len(values):
                raise ValueError(f"{name} lists a value twice")
        if self.categories is not None and set(self.exempt) - set(self.categories):
            extra = sorted(set(self.exempt) - set(self.categories))[0]
            raise ValueError(f"exempt category {extra!r} is not among the categories")
        return self


class PublicityItem(KindParams):
    """One thing to be made public for a unit's election.

    ``when: before``: posted at least ``days`` (default 1: by the day before) before the unit's
    first ballot; ``when: after``: posted on the day of the unit's last ballot or within ``days``
    after it (required: the texts name no deadline, the pack must choose one).
    """

    what: str = Field(min_length=1)
    when: Literal["before", "after"]
    days: int | None = Field(default=None, ge=0, le=366)

    @model_validator(mode="after")
    def _deadline(self) -> PublicityItem:
        if self.when == "after" and self.days is None:
            raise ValueError(
                "an item published after the election needs days (the deadline after the ballot)"
            )
        return self

    @property
    def lead(self) -> int:
        return 1 if self.days is None else self.days


class PublicityParams(KindParams):
    """For every unit's election (its ``ballots`` in one term), each item of ``items`` was posted
    (``publicity.posted`` with that ``what`` and the unit's ``unit``) in its window."""

    items: list[PublicityItem] = Field(min_length=1)
    ballots: Ballots = "general"

    @model_validator(mode="after")
    def _distinct(self) -> PublicityParams:
        keys = [(i.what, i.when) for i in self.items]
        if len(set(keys)) != len(keys):
            raise ValueError("an item is listed twice")
        return self


class RepListingParams(KindParams):
    """Every seated rep's role and contact details are posted at each place of ``places``
    (``publicity.posted`` with the rep's ``rep`` and that ``place``; with ``what``, only posts
    of that ``what`` count) within ``days`` of taking the seat."""

    places: list[str] = Field(min_length=1)
    what: str | None = Field(default=None, min_length=1)
    days: int = Field(ge=0, le=3660)

    @model_validator(mode="after")
    def _distinct(self) -> RepListingParams:
        if len(set(self.places)) != len(self.places):
            raise ValueError("places lists a place twice")
        return self
