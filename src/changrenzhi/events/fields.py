"""The checks of an event's fields, derived once, at import, from the annotations of its type.

A :class:`TypeSpec` per event type lists its fields, each with the function that checks a JSON value
and returns what the event holds (``check_id`` interns ids; ``parse_date`` parses a strict date), or
raises :class:`BadValue` with the message for the user. The reader's generic path (:mod:`.reader`)
calls them one by one; the fast path (:mod:`.fast`) inlines the common ones.

Every value is bounded (docs/EVENTS-EXTENSIONS.md, "Limits"): dates from :data:`FIRST_DAY` to
:data:`LAST_DAY`, years likewise, ``term_years`` up to :data:`MAX_TERM_YEARS`, counts up to
:data:`MAX_COUNT`, ``days`` up to :data:`MAX_DAYS`, lists up to :data:`MAX_LIST` items, and ids without
control characters; so that no date computation comes near the ends of ``datetime.date`` and no number
near the ends of a float.
"""

from __future__ import annotations

import json
import math
import re
import sys
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import msgspec

from ..periods import impossible_date
from .types import (
    EVENT_TYPES,
    GROUP_FIELDS,
    MEMBER_FIELDS,
    REFERENCES,
    REP_FIELDS,
    Contact,
    ContactKind,
    Event,
    Ids,
    MeetingHeld,
)


class BadValue(Exception):
    """Raised by a field validator; carries the message for the user."""


#: a field's check: the JSON value in, what the event holds out, or BadValue
Validator = Callable[[Any], Any]

# ---- the limits (docs/EVENTS-EXTENSIONS.md, "Limits") ----
#: the first and the last day a log may name (``date``, and every other date field)
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2199, 12, 31)
#: the longest term a ``congress.opened`` may declare, in years (as a pack's ``term.years``)
MAX_TERM_YEARS = 20
#: the largest count (``present``, ``yes``, ``no``, ``abstain``, ``seats``, ``candidates``, ``dimensions``)
MAX_COUNT = 1_000_000
#: the most days one event may last (``days``)
MAX_DAYS = 366
#: the most items a list may hold (``attendees``, ``members``, ``contacts``...)
MAX_LIST = 5_000
#: the most characters of a value a message shows
SHOWN = 60

#: dates already parsed, by their text (a log repeats a few thousand days); the fast path reads it.
#: Only dates within the limits are cached: a cached date is a valid one.
DATE_CACHE: dict[str, date] = {}


def show(value: Any) -> str:
    """A JSON value as a message shows it: its ``repr``, cut short when long (a line may hold 64 KiB)."""
    if type(value) is int and value.bit_length() > 192:  # repr of a 4300-digit int raises
        return f"a number of {len(str(value)) if value.bit_length() < 14_000 else 'thousands of'} digits"
    text = repr(value) if type(value) is not str or len(value) <= SHOWN else repr(value[:SHOWN])
    if len(text) > SHOWN + 20:
        text = text[:SHOWN] + "..."
    elif type(value) is str and len(value) > SHOWN:
        text += f"... ({len(value)} characters)"
    return text


def show_key(key: str) -> str:
    """A key of a line as the field of a message names it: as it is when short and printable."""
    return key if len(key) <= SHOWN and key.isprintable() else show(key)


def show_json(value: Any) -> str:
    """A JSON value as JSON, cut short when long."""
    if type(value) is int and value.bit_length() > 192:
        return show(value)
    text = json.dumps(value)
    return text if len(text) <= SHOWN + 20 else text[:SHOWN] + "..."


def _is_date_text(value: str) -> bool:
    """``YYYY-MM-DD`` in ASCII digits (not an ISO week date, an ordinal date or a timestamp)."""
    return (
        len(value) == 10
        and value.isascii()
        and value[4] == "-"
        and value[7] == "-"
        and value[:4].isdigit()
        and value[5:7].isdigit()
        and value[8:].isdigit()
    )


def parse_date(value: Any) -> date:
    """Strict ``YYYY-MM-DD``, a day that exists, from :data:`FIRST_DAY` to :data:`LAST_DAY`, or a
    :class:`datetime.date` itself in that range (events given as Python objects; never a
    ``datetime``).

    (``date.fromisoformat`` alone accepts more forms in 3.11+: ``2011-W05-1``, ``20110131``.)
    """
    if type(value) is str:
        cached = DATE_CACHE.get(value)
        if cached is not None:
            return cached
        if _is_date_text(value):
            try:
                parsed = date.fromisoformat(value)
            except ValueError as exc:
                raise BadValue(impossible_date(value) or f"{value!r} is not a date ({exc})") from None
            if not FIRST_DAY <= parsed <= LAST_DAY:
                raise BadValue(f"{value} is out of range: dates run from {FIRST_DAY} to {LAST_DAY}")
            if len(DATE_CACHE) < 100_000:
                DATE_CACHE[value] = parsed
            return parsed
    elif type(value) is date:
        if not FIRST_DAY <= value <= LAST_DAY:
            raise BadValue(f"{value} is out of range: dates run from {FIRST_DAY} to {LAST_DAY}")
        return value
    raise BadValue(f"expected a date YYYY-MM-DD, got {show(value)}")


#: control characters (Unicode's Cc: C0, DEL and C1), which no id may hold
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def control_in(value: str | tuple[str, ...] | tuple[Contact, ...]) -> str | None:
    """The message for an id holding a control character, or None (the generic path asks this of
    every id; the fast path never sees a line that could hold one: see :mod:`.lines`)."""
    for ident in (value,) if type(value) is str else value:
        text = ident if type(ident) is str else ident.person  # type: ignore[union-attr]
        found = CONTROL.search(text)
        if found is not None:
            return f"{show(text)} holds a control character (U+{ord(found.group()):04X}); an id may not"
    return None


def check_str(value: Any) -> str:
    if type(value) is not str or not value:
        raise BadValue(f"expected a non-empty string, got {show(value)}")
    return value


def check_id(value: Any) -> str:
    if type(value) is not str or not value:
        raise BadValue(f"expected a non-empty id, got {show(value)}")
    return sys.intern(value)


#: the checks made by check_range, with their bounds (the fast path inlines them)
INT_RANGES: dict[Validator, tuple[int, int]] = {}


def check_range(lo: int, hi: int) -> Validator:
    """A whole number from ``lo`` to ``hi`` (another type, or a negative number: not a whole number >= 0)."""

    def check(value: Any) -> int:
        if type(value) is not int or value < 0:
            raise BadValue(f"expected a whole number >= 0, got {show(value)}")
        if not lo <= value <= hi:
            raise BadValue(f"expected a whole number from {lo} to {hi}, got {show(value)}")
        return value

    INT_RANGES[check] = (lo, hi)
    return check


#: the bounds of each whole-number field, by name (a field not named here is a count)
INT_FIELDS: dict[str, Validator] = {
    "term_years": check_range(1, MAX_TERM_YEARS),
    "year": check_range(FIRST_DAY.year, LAST_DAY.year),
    "birth_year": check_range(FIRST_DAY.year, LAST_DAY.year),
}
check_count = check_range(0, MAX_COUNT)


def check_num(value: Any) -> float:
    kind = type(value)
    if kind not in (int, float) or not value > 0 or (kind is float and not math.isfinite(value)):
        raise BadValue(f"expected a positive number, got {show(value)}")
    if not value <= MAX_DAYS:
        raise BadValue(f"expected a positive number up to {MAX_DAYS}, got {show(value)}")
    return float(value)


def check_bool(value: Any) -> bool:
    if type(value) is not bool:
        raise BadValue(f"expected true or false, got {show(value)}")
    return value


def check_ids(value: Any) -> Ids:
    if type(value) is not list:
        raise BadValue(f"expected a list of ids, got {show(value)}")
    if len(value) > MAX_LIST:
        raise BadValue(f"lists {len(value)} items; a list may hold at most {MAX_LIST}")
    for v in value:
        if type(v) is not str or not v:
            raise BadValue(f"expected a list of non-empty ids, found {show(v)}")
    out = tuple(sys.intern(v) for v in value)
    if len(set(out)) != len(out):
        dup = next(v for v in out if out.count(v) > 1)
        raise BadValue(f"lists {show(dup)} twice")
    return out


_CONTACT_KINDS = typing.get_args(ContactKind)


def check_contacts(value: Any) -> tuple[Contact, ...]:
    if type(value) is not list:
        raise BadValue(f"expected a list of {{person, kind}}, got {show(value)}")
    if len(value) > MAX_LIST:
        raise BadValue(f"lists {len(value)} items; a list may hold at most {MAX_LIST}")
    out = []
    seen = set()
    for i, c in enumerate(value):
        if type(c) is not dict:
            raise BadValue(f"[{i}]: expected an object {{person, kind}}, got {show(c)}")
        extra = set(c) - {"person", "kind"}
        if extra:
            raise BadValue(f"[{i}]: unknown field {show(sorted(extra)[0])}")
        person, kind = c.get("person"), c.get("kind")
        if type(person) is not str or not person:
            raise BadValue(f"[{i}].person: required, a non-empty id")
        if kind not in _CONTACT_KINDS:
            raise BadValue(f"[{i}].kind: expected one of {', '.join(_CONTACT_KINDS)}, got {show(kind)}")
        if person in seen:
            raise BadValue(f"[{i}].person: {show(person)} listed twice")
        seen.add(person)
        out.append(Contact(sys.intern(person), typing.cast(ContactKind, kind)))
    return tuple(out)


#: the checks made by check_enum, with their choices (the fast path inlines them)
ENUMS: dict[Validator, frozenset[str]] = {}


def check_enum(choices: tuple[str, ...]) -> Validator:
    allowed = frozenset(choices)

    def check(value: Any) -> str:
        if type(value) is not str or value not in allowed:
            raise BadValue(f"expected one of {', '.join(choices)}, got {show(value)}")
        return str(value)

    ENUMS[check] = allowed
    SCHEMAS[check] = {"type": "string", "enum": list(choices)}
    return check


# ---- the same checks as JSON Schema (draft-07), for ``changrenzhi schema events`` ----
#: a strict ``YYYY-MM-DD`` (``format: date`` rules out 2010-02-30 where a validator checks formats)
#: (and the pattern holds it from 1900 to 2199: FIRST_DAY to LAST_DAY)
DATE_SCHEMA: dict[str, Any] = {
    "type": "string",
    "format": "date",
    "pattern": "^(19|20|21)[0-9]{2}-[0-9]{2}-[0-9]{2}$",
}
#: an id: not empty, no control character (:func:`control_in`)
ID_SCHEMA: dict[str, Any] = {
    "type": "string",
    "minLength": 1,
    "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]*$",
}
#: what each check accepts, as JSON Schema: a test feeds both the same values. Two things a schema
#: cannot say are left to the reader: a person listed twice in ``contacts``, and references (ids of
#: reps, groups and committee members that no event of the log defines, ids used twice).
SCHEMAS: dict[Validator, dict[str, Any]] = {
    check_str: {"type": "string", "minLength": 1},
    check_id: ID_SCHEMA,
    **{check: {"type": "integer", "minimum": lo, "maximum": hi} for check, (lo, hi) in INT_RANGES.items()},
    check_num: {"type": "number", "exclusiveMinimum": 0, "maximum": MAX_DAYS},
    check_bool: {"type": "boolean"},
    parse_date: DATE_SCHEMA,
    check_ids: {"type": "array", "items": ID_SCHEMA, "uniqueItems": True, "maxItems": MAX_LIST},
    check_contacts: {
        "type": "array",
        "maxItems": MAX_LIST,
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["person", "kind"],
            "properties": {"person": ID_SCHEMA, "kind": {"type": "string", "enum": list(_CONTACT_KINDS)}},
        },
    },
}


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of an event type: its check, whether it must be given and may be null, and whether
    it holds ids (which may not hold control characters: :func:`control_in`)."""

    name: str
    check: Validator
    required: bool
    nullable: bool
    ids: bool

    @property
    def one_id(self) -> bool:
        """Whether the field holds one id (or null), not a list of them."""
        return self.check is check_id


def meeting_attendance(ev: Event) -> tuple[str, str] | None:
    """A ``meeting.held`` lists its attendees or counts them (``present``): (field, message) if neither."""
    if isinstance(ev, MeetingHeld) and ev.attendees is None and ev.present is None:
        return "attendees", "required (or 'present', a count)"
    return None


#: a check across the fields of an event, once each has passed its own: (field, message) of the problem
EventCheck = Callable[[Event], tuple[str, str] | None]
#: the checks across fields, by event type: both reader paths run them on the event built
EVENT_CHECKS: dict[type[Event], EventCheck] = {MeetingHeld: meeting_attendance}
#: the same as JSON Schema, by event type (a test holds the keys alike)
EVENT_CHECK_SCHEMAS: dict[type[Event], dict[str, Any]] = {
    MeetingHeld: {
        "anyOf": [
            {"required": ["attendees"], "properties": {"attendees": {"type": "array"}}},
            {"required": ["present"], "properties": {"present": {"type": "integer"}}},
        ]
    }
}


@dataclass(frozen=True, slots=True)
class TypeSpec:
    """What the reader knows of one event type, derived from its class (see ``_spec_for``)."""

    cls: type[Event]
    fields: tuple[FieldSpec, ...]
    allowed: frozenset[str]
    event_check: EventCheck | None
    #: (index in REFERENCES, field) for each field that names a reference, in REFERENCES' order
    ref_fields: tuple[tuple[int, str], ...]
    #: (index in REFERENCES, field) of the id an event of this type defines, if it defines one
    defines: tuple[int, str] | None


def _validator_for(name: str, hint: Any) -> tuple[Validator, bool]:
    """Map an annotation to (validator, nullable)."""
    nullable = False
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType) and type(None) in args:
        nullable = True
        rest = [a for a in args if a is not type(None)]
        hint = rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]  # noqa: UP007
    if hint is str:
        return (
            check_id
            if name
            in REP_FIELDS
            | GROUP_FIELDS
            | MEMBER_FIELDS
            | {"person", "meeting", "item", "proposal", "inspection", "unit", "category"}
            | {"resolution", "pledge", "consented_by", "activity"}
            else check_str
        ), nullable
    if hint is int:
        return INT_FIELDS.get(name, check_count), nullable
    if hint is float:
        return check_num, nullable
    if hint is bool:
        return check_bool, nullable
    if hint is date:
        return parse_date, nullable
    if hint == Ids:
        return check_ids, nullable
    if hint == tuple[Contact, ...]:
        return check_contacts, nullable
    if typing.get_origin(hint) is Literal:
        return check_enum(tuple(typing.get_args(hint))), nullable
    raise TypeError(f"no validator for field {name!r}: {hint!r}")  # pragma: no cover - a programming error


def _spec_for(cls: type[Event]) -> TypeSpec:
    specs = []
    # msgspec's field info holds each annotation resolved (typing.get_type_hints would evaluate
    # them all again: some 6 ms at every start)
    for info in msgspec.structs.fields(cls):
        name = info.name
        if name in ("id", "date", "line"):
            continue
        check, nullable = _validator_for(name, info.type)
        required = info.default is msgspec.NODEFAULT
        ids = check in (check_id, check_ids, check_contacts)
        specs.append(FieldSpec(name, check, required, nullable, ids))
    names = tuple(s.name for s in specs)
    return TypeSpec(
        cls=cls,
        fields=tuple(specs),
        allowed=frozenset({"id", "type", "date", *names}),
        event_check=EVENT_CHECKS.get(cls),
        ref_fields=tuple((i, n) for i, ref in enumerate(REFERENCES) for n in names if n in ref.fields),
        defines=next(((i, ref.key) for i, ref in enumerate(REFERENCES) if ref.defined_by == cls.TYPE), None),
    )


SPECS: dict[str, TypeSpec] = {t: _spec_for(c) for t, c in EVENT_TYPES.items()}


def is_extension(key: object) -> bool:
    """Fields named ``x_...`` or ``x-...`` are a producer's own and are carried, not checked."""
    return type(key) is str and key.startswith(("x_", "x-"))
