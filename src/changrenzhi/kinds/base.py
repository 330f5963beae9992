"""What every rule kind is, and all that a kind sees of the rest of the library.

A kind is a :class:`RuleKind` subclass: a typed parameter model and an ``evaluate``
method that reads a :class:`KindContext` (the date, the roster, the events, period
helpers) and yields findings about a :class:`RuleRef` (the rule, opaque to the kind).
Both are protocols: the engine provides them, and a kind never imports the engine
or the pack model, so this module sits below both.

Kinds live in a :class:`Registry` object that the caller owns and passes
around; nothing is registered at import time, so two registries (or two packs
checked in one process) never collide.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Container, Hashable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from fractions import Fraction
from typing import (
    TYPE_CHECKING,
    Annotated,
    Any,
    ClassVar,
    Generic,
    Literal,
    Protocol,
    Self,
    TypeVar,
    overload,
)

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    model_validator,
)

from ..errors import UnknownKindError
from ..events import Event, EventLog
from ..events.log import Packed
from ..findings import CitationJson, Finding, FindingKey, Status
from ..periods import Interval, Period
from ..roster import Roster

if TYPE_CHECKING:
    from .probing import Choices, ProbeSpec, Setting
from .describing import Duty
from .detailing import Details

__all__ = [
    "MAX_COUNT",
    "MAX_DAYS",
    "MAX_DAY_AMOUNT",
    "MAX_DENOMINATOR",
    "MAX_ITEMS",
    "MAX_MONTHS",
    "SHARE_PATTERN",
    "Band",
    "KindContext",
    "KindParams",
    "PeriodName",
    "PresenceName",
    "Registry",
    "RuleKind",
    "RuleRef",
    "Share",
    "UnknownKindError",
    "bound_figure",
    "parse_share",
    "share_schema",
]

PeriodName = Literal["month", "quarter", "half", "year", "term"]
CalendarPeriodName = Literal["month", "quarter", "half", "year"]
PresenceName = Literal["half", "any", "full"]

# The bounds of a rule's parameters, by what they measure (docs/PACKS.md, "Bounds and strictness"): every
# parameter of every kind is refused at load outside them, so that no command's work or output
# grows with the size of a number in a pack (a probe holds at most so many reps, days...).
#: a count of people, groups, meetings, activities, sponsors, times...: 0 to 1000
MAX_COUNT = 1000
#: a number of days (a deadline, a notice, a window): 0 to 3660, ten years
MAX_DAYS = 3660
#: a number of calendar months: 0 to 120
MAX_MONTHS = 120
#: an amount of days spent (study days, days of activity): a finite number from 0 to 366
MAX_DAY_AMOUNT = 366
#: a share is a fraction whose denominator is at most this (``'2/3'``, ``0.125``, ``'49/100'``)
MAX_DENOMINATOR = 1000
#: the values a list of a parameter holds (meeting kinds, activities, categories...): at most 100
MAX_ITEMS = 100

#: a share as text: ``4/5``, ``0.8``, ``.8``, ``1`` (bounded digits: Fraction would take ``1e-99999999``)
_SHARE_TEXT = re.compile(r"\d{1,9}(?:/\d{1,9})?|\d{0,9}\.\d{1,9}")


def parse_share(value: Any, example: str) -> Fraction:
    """``"4/5"``, ``0.8``, ``1`` or a Fraction as an exact Fraction whose denominator is at most
    :data:`MAX_DENOMINATOR` (no range checked); the error names ``example``, a share such as the
    field takes."""
    frac: Fraction | None = None
    if isinstance(value, bool):
        raise ValueError(f"expected a share such as {example}")
    if isinstance(value, Fraction):
        frac = value
    elif isinstance(value, int):
        frac = Fraction(value)
    elif isinstance(value, float) and math.isfinite(value):
        frac = Fraction(str(value))
    elif isinstance(value, str) and _SHARE_TEXT.fullmatch(value.strip()):
        try:
            frac = Fraction(value.strip())
        except ZeroDivisionError:
            frac = None
    if frac is None or abs(frac.numerator) >= 10**9:  # (no share, but a number too long to show)
        raise ValueError(f"expected a share such as {example}, got {_shown(value)}")
    if frac.denominator > MAX_DENOMINATOR:
        raise ValueError(
            f"a share is a fraction with a denominator of at most {MAX_DENOMINATOR} "
            f"(such as {example}), got {_shown(value)}"
        )
    return frac


def _shown(value: Any) -> str:
    """A value as a message quotes it: its ``repr``, its first 40 characters."""
    text = repr(value)
    return text if len(text) <= 40 else text[:40] + "…"


def _to_fraction(value: Any) -> Fraction:
    """Accept ``"4/5"``, ``0.8``, ``1`` or a Fraction; exact arithmetic afterwards."""
    frac = parse_share(value, "'4/5' or 0.8")
    if not 0 < frac <= 1:
        raise ValueError(f"a share must be in (0, 1], got {frac}")
    return frac


#: a share in (0, 1] as a pack writes it, as text: ``"4/5"``, ``"0.8"``, ``".8"``, ``"1"`` (the schema
#: cannot say that the numerator of ``"a/b"`` is at most ``b``: the loader does)
SHARE_PATTERN = r"^\s*(0*[1-9][0-9]*/0*[1-9][0-9]*|0*\.[0-9]*[1-9][0-9]*|0*1(\.0*)?)\s*$"


def share_schema(number: dict[str, Any], pattern: str, example: str) -> WithJsonSchema:
    """The JSON Schema of a share: a number in the given range, or text (``"4/5"``) matching ``pattern``."""
    return WithJsonSchema(
        {
            "description": f"a share, exact as a fraction or a decimal: {example}",
            "anyOf": [{"type": "number", **number}, {"type": "string", "pattern": pattern}],
        }
    )


Share = Annotated[
    Fraction,
    BeforeValidator(_to_fraction),
    PlainSerializer(str, return_type=str),
    share_schema({"exclusiveMinimum": 0, "maximum": 1}, SHARE_PATTERN, "'4/5' or 0.8, in (0, 1]"),
]


class KindParams(BaseModel):
    """Base of every kind's parameter model: unknown keys are errors, values are frozen, and strict:
    a number is a number (not ``"3"`` nor ``true``), a flag is ``true``/``false`` (not ``1``), a
    float is finite. Every number has its bound (:data:`MAX_COUNT`...), every list at most
    :data:`MAX_ITEMS` values."""

    # defer_build: a model's validator is built when it first validates, so a run builds those
    # of the models its pack uses, not of every class it imports (25-45 ms less at each start)
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False, defer_build=True)
    #: pairs of fields ``(low, high)`` whose values may not cross when both are given
    #: (以上/以下 bounds: ``low == high`` is allowed)
    ordered: ClassVar[tuple[tuple[str, str], ...]] = ()

    @model_validator(mode="before")
    @classmethod
    def _few_items(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for key, value in data.items():
                if isinstance(value, list) and len(value) > MAX_ITEMS:
                    raise ValueError(f"{key} lists {len(value)} values: at most {MAX_ITEMS}")
        return data

    @model_validator(mode="after")
    def _bounds_in_order(self) -> Self:
        for low, high in self.ordered:
            lo, hi = getattr(self, low), getattr(self, high)
            if lo is not None and hi is not None and lo > hi:
                raise ValueError(f"{low} ({lo}) is greater than {high} ({hi})")
        return self

    def to_json(self) -> dict[str, Any]:
        """The parameters as JSON, as a pack would write them.

        A field left at a null default is left out; an explicit null that replaces a non-null
        default (``min: null`` switching a count off) is kept, so the output reads back to the
        same parameters.
        """
        out: dict[str, Any] = {}
        dumped = self.model_dump(mode="json")
        for name, info in type(self).model_fields.items():
            value = getattr(self, name)
            if value is None and info.default is None:
                continue
            out[name] = value.to_json() if isinstance(value, KindParams) else dumped[name]
        return out


class Band(KindParams):
    """A count that must lie in ``[min, max]`` (以上/以下: the bounds count),
    or that should stay near ``target`` (左右: outside ``target ± tolerance`` is a warning)."""

    min: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    max: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    target: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    tolerance: int = Field(default=0, ge=0, le=MAX_COUNT)
    ordered = (("min", "max"),)

    @model_validator(mode="after")
    def _consistent(self) -> Band:
        if self.min is None and self.max is None and self.target is None:
            raise ValueError("give min, max or target")
        return self

    def hard_ok(self, n: int) -> bool:
        return (self.min is None or n >= self.min) and (self.max is None or n <= self.max)

    def soft_ok(self, n: int) -> bool:
        return self.target is None or abs(n - self.target) <= self.tolerance


def bound_figure(lo: int | None, hi: int | None) -> str:
    """Inclusive bounds as a figure: ``10–15``, ``1`` (lo == hi), ``≥3``, ``≤5``."""
    if lo is not None and hi is not None:
        return str(lo) if lo == hi else f"{lo}–{hi}"
    return f"≥{lo}" if lo is not None else f"≤{hi}"


P = TypeVar("P", bound=KindParams)
E = TypeVar("E", bound=Event)
T = TypeVar("T")


class RuleRef(Protocol):
    """A rule as a kind and the engine see it: its id, kind, severity and place in the pack.

    Kinds only pass it on to :meth:`KindContext.finding` and :meth:`KindContext.unmet`;
    :class:`changrenzhi.pack.Rule` is the implementation.
    """

    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def index(self) -> int: ...
    @property
    def impl(self) -> RuleKind[Any]: ...
    def citation_json(self) -> CitationJson: ...


class KindContext(Protocol):
    """What a rule kind sees while it evaluates: the date, the roster, the events up to ``as_of``,
    and helpers for periods and findings. :class:`changrenzhi.engine.Context` implements it."""

    @property
    def as_of(self) -> date: ...
    @property
    def log(self) -> EventLog: ...
    @property
    def roster(self) -> Roster: ...
    @property
    def labels(self) -> Mapping[str, Any]:
        """The pack's names for its own codes (``labels:``)."""
        ...

    @property
    def term_years(self) -> int | None:
        """The pack's term length in years, when it gives one."""
        ...

    @overload
    def of(self, event_type: type[E]) -> list[E]:
        """Events of one type dated on or before ``as_of``, in log order: ``of(StudySession)``.

        A type chosen at run time may be named as in the log (``of("study.session")``, a
        ``list[Event]``). The list is shared, not a copy: do not change it.
        """

    @overload
    def of(self, event_type: str) -> list[Event]: ...
    def packed_of(self, event_type: type[E]) -> Packed[E]:
        """The events of one type dated on or before ``as_of`` as columns (:class:`Packed`), in log
        order, whether the log holds them so or as objects. Shared, not a copy: do not change it."""
        ...

    @overload
    def by(self, event_type: type[E], attr: str) -> dict[str, list[E]]:
        """Events of one type grouped by the value of one field (``by(GroupPlan, "group")``), memoised."""

    @overload
    def by(self, event_type: str, attr: str) -> dict[str, list[Event]]: ...
    @overload
    def by_some(self, event_type: type[E], attr: str, keys: Container[Any]) -> dict[str, list[E]]:
        """``by`` for the values in ``keys`` only."""

    @overload
    def by_some(self, event_type: str, attr: str, keys: Container[Any]) -> dict[str, list[Event]]: ...
    def shared(self, key: Hashable, build: Callable[[], T]) -> T:
        """``build()``, built the first time any rule of the run asks for ``key`` and then shared
        (an index several rules read: group activities, meetings, visits by rep and person). Key it
        by what it depends on; never change what it returns."""
        ...

    def within(self, events: Sequence[E], period: Period) -> Sequence[E]:
        """The slice of date-ordered ``events`` that falls in ``period``."""
        ...

    def is_open(self, period: Period) -> bool: ...
    def periods(
        self, kind: str, intervals: Sequence[Interval], presence: str | None = None
    ) -> Iterator[Period]:
        """The periods of ``kind`` a subject existing over ``intervals`` owes, begun by ``as_of``."""
        ...

    def unmet(self, rule: RuleRef, period: Period | None) -> Status:
        """``pending`` while ``period`` is open, else the rule's severity."""
        ...

    def broken(self, rule: RuleRef) -> Status:
        """The status of a duty broken for good: the rule's severity."""
        ...

    def finding(
        self,
        rule: RuleRef,
        status: Status,
        subject: str,
        period: Period | None,
        evidence: Iterable[Event | str],
        message: str,
        *,
        key: str | FindingKey = (),
        **args: Any,
    ) -> Finding:
        """A finding of ``rule``; ``message`` is a key of the kind's ``messages``; ``args`` are its
        details.

        ``key`` tells it apart from the rule's other findings about ``subject`` in ``period``
        (the person visited, the event judged, the aspect: ``(sitting.id, "chaired_by")``), and
        with them makes its id (docs/FINDING-IDS.md). Leave it out when the rule concludes at
        most one thing about a subject in a period; never put a count, a status or a date
        that can change in it: the id must outlive them.
        """
        ...


class RuleKind(Generic[P]):
    """A sort of duty. Subclasses set the class attributes and implement ``evaluate``.

    ``evaluate`` gets the rule (id, severity, citation), its parameters already
    validated into ``params_model``, and the evaluation context (the roster, the
    events up to ``as_of``, period helpers). It yields findings; the engine
    orders them. ``probes`` builds the kind's boundary probes (none by default).
    """

    name: ClassVar[str]
    params_model: ClassVar[type[KindParams]]
    #: event types this kind reads (documentation, and a hint to readers that skip the rest)
    consumes: ClassVar[frozenset[str]] = frozenset()
    #: of those, the types it reads as columns only (``ctx.packed_of``), never as objects: ``check``
    #: reads a type so (``read_events(packed=...)``) when every rule reading it says so
    packs: ClassVar[frozenset[str]] = frozenset()
    #: message templates by key, each ``{"zh": ..., "en": ...}``
    messages: ClassVar[Mapping[str, Mapping[str, str]]] = {}
    #: what its findings' details hold, by key (:mod:`.detailing`; the built-in kinds declare them in
    #: their family's ``details.py``): the engine refuses a finding with a key not declared here.
    #: None: not declared, any key goes (a kind of one's own may leave it so)
    details: ClassVar[Details | None] = None
    summary: ClassVar[str] = ""

    def reads(self, params: P) -> frozenset[str]:
        """The event types a rule of this kind with ``params`` reads: ``consumes`` (or a part of it,
        for a kind whose params choose the types, such as ``rep_minimum``'s ``events``)."""
        return self.consumes

    def probes(self, params: P, setting: Setting, choices: Choices) -> Iterator[ProbeSpec]:
        """Small logs on and one past each bound of ``params``, with the outcome ``params`` predict
        (:mod:`changrenzhi.kinds.probing`); :mod:`changrenzhi.probes` runs them. None by default."""
        return iter(())

    def describe(self, params: P) -> list[Duty] | None:
        """The duties a rule of this kind states, for ``compare`` (:mod:`changrenzhi.kinds.describing`).

        ``None``, the default, leaves the rule to compare, which shows it in one row named after
        the kind, its parameters listed."""
        return None

    def evaluate(self, rule: RuleRef, params: P, ctx: KindContext) -> Iterator[Finding]:  # pragma: no cover
        raise NotImplementedError


class Registry:
    """The rule kinds one engine knows, by name. A duplicate name is an error.

    A kind may be registered by name only (:meth:`register_lazy`), with a function that gives its
    class the first time it is asked for: the built-in kinds are imported so, family by family."""

    def __init__(self, kinds: Iterable[type[RuleKind[Any]]] = ()) -> None:
        self._kinds: dict[str, RuleKind[Any]] = {}
        self._lazy: dict[str, Callable[[str], type[RuleKind[Any]]]] = {}
        for k in kinds:
            self.register(k)

    def register(self, kind: type[RuleKind[Any]]) -> None:
        name = getattr(kind, "name", None)
        if not isinstance(name, str) or not name:
            raise ValueError(f"{kind.__name__} has no name")
        if name in self:
            raise ValueError(f"rule kind {name!r} is already registered")
        self._kinds[name] = kind()

    def register_lazy(self, name: str, load: Callable[[str], type[RuleKind[Any]]]) -> None:
        """Register the kind ``name`` without its class: ``load(name)`` gives it when first needed."""
        if name in self:
            raise ValueError(f"rule kind {name!r} is already registered")
        self._lazy[name] = load

    def get(self, name: str) -> RuleKind[Any]:
        kind = self._kinds.get(name)
        if kind is not None:
            return kind
        load = self._lazy.get(name)
        if load is None:
            raise UnknownKindError(name, self.names()) from None
        cls = load(name)
        if getattr(cls, "name", None) != name:
            raise ValueError(
                f"{cls.__name__} is registered as {name!r} but named {getattr(cls, 'name', None)!r}"
            )
        kind = self._kinds[name] = cls()
        del self._lazy[name]
        return kind

    def __contains__(self, name: object) -> bool:
        return name in self._kinds or name in self._lazy

    def names(self) -> list[str]:
        return sorted([*self._kinds, *self._lazy])
