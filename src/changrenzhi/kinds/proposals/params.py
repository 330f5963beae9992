"""The parameter models of the proposals kinds: what a pack writes under ``params:``.

Kept apart from the kinds (:mod:`.rules`) so that what the kinds call, such as the family's
probe builders, can be typed with these models without importing the kinds back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Literal

from pydantic import Field, model_validator

from ..base import MAX_COUNT, MAX_DAYS, KindParams

FormName = Literal["proposal", "suggestion", "inquiry"]


ModeName = Literal["face_to_face", "written", "at_meeting"]


#: when no deadline is given: the end of the calendar year, or of the term, in which the clock started
DeadlineFallback = Literal["year", "term"]


def _no_duplicates(values: Sequence[str] | None, what: str) -> None:
    if values is not None and len(set(values)) != len(values):
        raise ValueError(f"a {what} is listed twice")


class ProposalSponsorsParams(KindParams):
    """A filing of each form in ``min`` needs that many sponsors or more (以上: the bound counts)
    who hold a seat on the filing date. A form not in ``min`` is not checked.

    Model plan L35/L47: ``{proposal: 10, suggestion: 1}`` ("提案由10名以上党代表联名提出，
    建议意见由党代表提出").
    """

    min: dict[FormName, Annotated[int, Field(ge=1, le=MAX_COUNT)]] = Field(min_length=1)


class ProposalResponseParams(KindParams):
    """Every filing of the ``forms`` is answered, in one of the ``modes`` if given, by its deadline.

    The deadline is the filing's ``due`` date when it has one; otherwise ``days``
    after filing (the last of those days still counts); otherwise, when ``days``
    is not given, the end of the calendar year of filing (``fallback: year``) or of
    the term (``fallback: term``). The literal texts name no deadline (果园 L81,
    model plan L35 "在规定的期限内", L37): ``fallback`` is the reading a pack picks.

    An answer in another mode, or one with no ``mode`` recorded, does not meet a
    rule that names ``modes``. A filing not answered by its deadline is a finding
    of the rule's severity; before the deadline it is ``pending``; an answer after
    the deadline is a finding citing it.
    """

    forms: list[FormName] = Field(default=["proposal", "suggestion", "inquiry"], min_length=1)
    modes: list[ModeName] | None = Field(default=None, min_length=1)
    days: int | None = Field(default=None, ge=0, le=MAX_DAYS)
    fallback: DeadlineFallback = "year"
    #: honour a filing's own ``due`` date (the 规定的期限); false: always ``days`` / ``fallback``
    use_due: bool = True

    @model_validator(mode="after")
    def _consistent(self) -> ProposalResponseParams:
        _no_duplicates(self.forms, "form")
        _no_duplicates(self.modes, "mode")
        return self
