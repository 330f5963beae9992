"""The checks of an event's fields, derived once, at import, from the annotations of its type.

A :class:`TypeSpec` per event type lists its fields, each with the function that checks a JSON value
and returns what the event holds (``check_id`` interns ids; ``parse_date`` parses a strict date), or
raises :class:`BadValue` with the message for the user. The reader's generic path (:mod:`.reader`)
calls them one by one; the fast path (:mod:`.fast`) inlines the common ones.
"""

from __future__ import annotations

import dataclasses
import math
import sys
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

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
#: dates already parsed, by their text (a log repeats a few thousand days); the fast path reads it
DATE_CACHE: dict[str, date] = {}


def parse_date(value: Any) -> date:
    """Strict ``YYYY-MM-DD`` (``date.fromisoformat`` alone accepts more forms in 3.11+), or a
    :class:`datetime.date` itself (events given as Python objects; never a ``datetime``)."""
    if type(value) is str:
        cached = DATE_CACHE.get(value)
        if cached is not None:
            return cached
        if len(value) == 10 and value[4] == "-" and value[7] == "-" and value[:4].isdigit():
            try:
                parsed = date.fromisoformat(value)
            except ValueError:
                pass
            else:
                if len(DATE_CACHE) < 100_000:
                    DATE_CACHE[value] = parsed
                return parsed
    elif type(value) is date:
        return value
    raise BadValue(f"expected a date YYYY-MM-DD, got {value!r}")


def check_str(value: Any) -> str:
    if type(value) is not str or not value:
        raise BadValue(f"expected a non-empty string, got {value!r}")
    return value


def check_id(value: Any) -> str:
    if type(value) is not str or not value:
        raise BadValue(f"expected a non-empty id, got {value!r}")
    return sys.intern(value)


def check_int(value: Any) -> int:
    if type(value) is not int or value < 0:
        raise BadValue(f"expected a whole number >= 0, got {value!r}")
    return value


def check_num(value: Any) -> float:
    if type(value) not in (int, float) or not math.isfinite(value) or value <= 0:
        raise BadValue(f"expected a positive number, got {value!r}")
    return float(value)


def check_bool(value: Any) -> bool:
    if type(value) is not bool:
        raise BadValue(f"expected true or false, got {value!r}")
    return value


def check_ids(value: Any) -> Ids:
    if type(value) is not list:
        raise BadValue(f"expected a list of ids, got {value!r}")
    for v in value:
        if type(v) is not str or not v:
            raise BadValue(f"expected a list of non-empty ids, found {v!r}")
    out = tuple(sys.intern(v) for v in value)
    if len(set(out)) != len(out):
        dup = next(v for v in out if out.count(v) > 1)
        raise BadValue(f"lists {dup!r} twice")
    return out


_CONTACT_KINDS = typing.get_args(ContactKind)


def check_contacts(value: Any) -> tuple[Contact, ...]:
    if type(value) is not list:
        raise BadValue(f"expected a list of {{person, kind}}, got {value!r}")
    out = []
    seen = set()
    for i, c in enumerate(value):
        if type(c) is not dict:
            raise BadValue(f"[{i}]: expected an object {{person, kind}}, got {c!r}")
        extra = set(c) - {"person", "kind"}
        if extra:
            raise BadValue(f"[{i}]: unknown field {sorted(extra)[0]!r}")
        person, kind = c.get("person"), c.get("kind")
        if type(person) is not str or not person:
            raise BadValue(f"[{i}].person: required, a non-empty id")
        if kind not in _CONTACT_KINDS:
            raise BadValue(f"[{i}].kind: expected one of {', '.join(_CONTACT_KINDS)}, got {kind!r}")
        if person in seen:
            raise BadValue(f"[{i}].person: {person!r} listed twice")
        seen.add(person)
        out.append(Contact(sys.intern(person), typing.cast(ContactKind, kind)))
    return tuple(out)


#: the checks made by check_enum, with their choices (the fast path inlines them)
ENUMS: dict[Validator, frozenset[str]] = {}


def check_enum(choices: tuple[str, ...]) -> Validator:
    allowed = frozenset(choices)

    def check(value: Any) -> str:
        if type(value) is not str or value not in allowed:
            raise BadValue(f"expected one of {', '.join(choices)}, got {value!r}")
        return str(value)

    ENUMS[check] = allowed
    SCHEMAS[check] = {"type": "string", "enum": list(choices)}
    return check


# ---- the same checks as JSON Schema (draft-07), for ``changrenzhi schema events`` ----
#: a strict ``YYYY-MM-DD`` (``format: date`` rules out 2010-02-30 where a validator checks formats)
DATE_SCHEMA: dict[str, Any] = {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
ID_SCHEMA: dict[str, Any] = {"type": "string", "minLength": 1}
#: what each check accepts, as JSON Schema: a test feeds both the same values. Two things a schema
#: cannot say are left to the reader: a person listed twice in ``contacts``, and references (ids of
#: reps, groups and committee members that no event of the log defines, ids used twice).
SCHEMAS: dict[Validator, dict[str, Any]] = {
    check_str: {"type": "string", "minLength": 1},
    check_id: ID_SCHEMA,
    check_int: {"type": "integer", "minimum": 0},
    check_num: {"type": "number", "exclusiveMinimum": 0},
    check_bool: {"type": "boolean"},
    parse_date: DATE_SCHEMA,
    check_ids: {"type": "array", "items": ID_SCHEMA, "uniqueItems": True},
    check_contacts: {
        "type": "array",
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
    """One field of an event type: its check, and whether it must be given and may be null."""

    name: str
    check: Validator
    required: bool
    nullable: bool


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
        return check_int, nullable
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
    hints = typing.get_type_hints(cls)
    specs = []
    for f in dataclasses.fields(cls):
        if f.name in ("id", "date", "line"):
            continue
        check, nullable = _validator_for(f.name, hints[f.name])
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        specs.append(FieldSpec(f.name, check, required, nullable))
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
