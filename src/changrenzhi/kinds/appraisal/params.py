"""The parameter models of the appraisal kinds: what a pack writes under ``params:``.

Kept apart from the kinds (:mod:`.rules`) so that what the kinds call, such as the family's
probe builders, can be typed with these models without importing the kinds back.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import Field, field_validator, model_validator

from ...events import Rating
from ...periods import Period
from ..base import MAX_COUNT, KindParams, PresenceName

_MONTH_DAY = re.compile(r"^(\d\d)-(\d\d)$")


def _month_day(value: str) -> tuple[int, int]:
    m = _MONTH_DAY.match(value)
    if m is None:
        raise ValueError(f"expected a day of the year as MM-DD, got {value!r}")
    month, day = int(m.group(1)), int(m.group(2))
    try:
        date(2001, month, day)  # a common year: 02-29 has no place in every year
    except ValueError:
        raise ValueError(f"{value!r} is not a day of every year") from None
    return month, day


class Window(KindParams):
    """Days of the calendar as ``MM-DD``: the window of year Y runs from ``start`` in Y to ``end``
    in Y, or in Y+1 when ``end`` comes before ``start`` in the calendar.

    The texts' thirds of a month are read as 上旬 days 1–10, 中旬 11–20, 下旬 21 to the end:
    "从当年的12月上旬开始至次年的1月中旬结束" is ``start: "12-01"``, ``end: "01-20"``.
    With ``next_year`` the window of year Y lies in Y+1 (次年): "确定考核等次（1月中旬）" for
    year Y is ``start: "01-01"``, ``end: "01-20"``, ``next_year: true``.
    """

    start: str
    end: str
    next_year: bool = False

    @field_validator("start", "end")
    @classmethod
    def _valid(cls, v: str) -> str:
        _month_day(v)
        return v

    def span(self, year: int) -> Period:
        sm, sd = _month_day(self.start)
        em, ed = _month_day(self.end)
        wraps = (em, ed) < (sm, sd)
        first = year + self.next_year
        return Period(date(first, sm, sd), date(first + wraps, em, ed), "appraisal")


def _calendar_year(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), "appraisal")


class AppraisalParams(KindParams):
    """The checks of the yearly appraisal; a rule switches on those its clause makes.

    - ``subjects`` (``committee``: the members of ``committee.appointed``; ``reps``: the seated
      reps): whose ratings the rule is about. With ``every_year`` (default), each subject who
      served at least half of a year (``presence``) gets a ``rating.given`` for that year
      (``person``, ``year``). It falls due at the end of the year's ``window`` (without a
      window, at the end of the year itself); until then a missing rating is ``pending``, and
      a rating given later (without a window) still counts.
    - ``window``: the ratings for year Y of the subjects, and the rounds (``appraisal.held``)
      for year Y, are dated within the window of year Y.
    - ``rating_window``: the ratings' own window, when it is not the rounds' (张家港: the round
      begins in early December, 12月上旬, and the ratings are settled in January, 1月上、中旬);
      without it the ratings keep to ``window``.
    - ``allowed``: the only ratings the subjects may be given (优秀/称职/不称职).
    - ``rounds``: an ``appraisal.held`` for every year of the term, due by the window's end.
    - ``secret``: every round is by secret (无记名) forms: ``secret: true`` recorded.
    - ``min_dimensions``: every round rates at least this many dimensions.
    - ``panel_min``/``panel_max``: the size of each round's panel (inclusive).
    - ``panel_leader``: each round names its panel leader, a member of the panel.
    - ``panel_from``: every panel member (and the panel leader) is, on the round's day, the
      leader (``group_leaders``) or the leader or deputy (``group_officers``) of a group;
      with ``panel_complete``, every such officer is on the panel ("由组长组成": the panel is
      the group leaders).
    """

    subjects: Literal["committee", "reps"] | None = None
    every_year: bool = True
    window: Window | None = None
    rating_window: Window | None = None
    allowed: list[Rating] | None = Field(default=None, min_length=1)
    rounds: bool = False
    secret: bool = False
    min_dimensions: int | None = Field(default=None, ge=1, le=MAX_COUNT)
    panel_min: int | None = Field(default=None, ge=1, le=MAX_COUNT)
    panel_max: int | None = Field(default=None, ge=1, le=MAX_COUNT)
    panel_leader: bool = False
    panel_from: Literal["group_leaders", "group_officers"] | None = None
    panel_complete: bool = False
    presence: PresenceName | None = None

    ordered = (("panel_min", "panel_max"),)

    @model_validator(mode="after")
    def _consistent(self) -> AppraisalParams:
        checks = (
            self.subjects is not None or self.rounds or self.secret or self.panel_leader,
            self.min_dimensions is not None or self.panel_min is not None or self.panel_max is not None,
            self.panel_from is not None,
        )
        if not any(checks):
            raise ValueError(
                "the rule checks nothing: give subjects, rounds, secret, min_dimensions, "
                "panel_min, panel_max, panel_leader or panel_from"
            )
        if (
            self.subjects is not None
            and not self.every_year
            and self.allowed is None
            and self.ratings_window is None
        ):
            raise ValueError("with every_year false, subjects needs allowed or window to check")
        if self.rating_window is not None and self.subjects is None:
            raise ValueError("rating_window needs subjects (whose ratings are checked)")
        if self.panel_complete and self.panel_from is None:
            raise ValueError("panel_complete needs panel_from (which officers make up the panel)")
        if self.allowed is not None:
            if self.subjects is None:
                raise ValueError("allowed needs subjects (whose ratings are checked)")
            if len(set(self.allowed)) != len(self.allowed):
                raise ValueError("allowed lists a rating twice")
        return self

    @property
    def ratings_window(self) -> Window | None:
        """The window the subjects' ratings keep to: ``rating_window``, else ``window``."""
        return self.rating_window if self.rating_window is not None else self.window

    def due(self, year: int) -> Period:
        """When the round of ``year`` is due: its window, else the calendar year."""
        return self.window.span(year) if self.window is not None else _calendar_year(year)

    def rating_due(self, year: int) -> Period:
        """When the subjects' ratings for ``year`` are due: their window, else the calendar year."""
        w = self.ratings_window
        return w.span(year) if w is not None else _calendar_year(year)
