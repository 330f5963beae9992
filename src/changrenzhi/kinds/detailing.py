"""What a finding's ``details`` hold, kind by kind: each key, its JSON type, and whether it is data or
display text.

A kind declares its keys in ``details`` (:attr:`RuleKind.details <changrenzhi.kinds.base.RuleKind.details>`,
written in its family's ``details.py``): ``{"count": Detail("int", "sessions held in the period")}``.
The engine refuses a finding whose details hold a key its kind does not declare, so the declaration
cannot fall behind the code; ``docs/EVENTS.md`` lists the declarations (a test keeps the listing up to
date), and the findings schema checks each kind's details against them.

**Data** are what a program may rely on: ids, dates, counts, numbers, codes of a vocabulary, exact
shares. **Display text** (type ``text``) is a phrase made for the message, in one language (the key
ends in ``_zh`` or ``_en``) or in none (a figure such as ``10–15``); its wording may change in any
release.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["DETAIL_TYPES", "Detail", "DetailType", "Details", "detail_schema", "details_schema"]

DetailType = Literal[
    "id", "ids", "date", "dates", "interval", "int", "ints", "number", "bool", "code", "codes", "share",
    "text",
]  # fmt: skip

#: each type: what it is (for the documentation), and its JSON Schema
DETAIL_TYPES: dict[DetailType, tuple[str, dict[str, Any]]] = {
    "id": ("an id: of an event, rep, group, committee member, meeting, item, proposal, ...", {
        "type": "string", "minLength": 1}),
    "ids": ("a list of ids", {"type": "array", "items": {"type": "string", "minLength": 1}}),
    "date": ("a date, YYYY-MM-DD", {
        "type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}),
    "dates": ("a list of dates", {"type": "array", "items": {"type": "string", "format": "date"}}),
    "interval": ("two dates, first and last day: 2008-12-01/2009-01-20", {
        "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}/[0-9]{4}-[0-9]{2}-[0-9]{2}$"}),
    "int": ("a whole number", {"type": "integer"}),
    "ints": ("a list of whole numbers", {"type": "array", "items": {"type": "integer"}}),
    "number": ("a number", {"type": "number"}),
    "bool": ("true or false", {"type": "boolean"}),
    "code": ("a word of a fixed vocabulary: an event field's, a parameter's, or the pack's own codes", {
        "type": "string", "minLength": 1}),
    "codes": ("a list of codes", {"type": "array", "items": {"type": "string", "minLength": 1}}),
    "share": ("an exact fraction as text: \"4/5\", \"1\", \"-1/5\"", {
        "type": "string", "pattern": "^-?[0-9]+(/[0-9]+)?$"}),
    "text": ("display text: a phrase of the message, its wording not part of the contract", {
        "type": "string"}),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Detail:
    """One key of a finding's details: its type, what it means, whether it may be ``null``, and (for a
    list) whether its items may be.

    A key whose type depends on the message gives the types in ``type`` and says which is which in
    ``meaning`` (the few such keys predate this declaration and stay as they are, for compatibility).
    """

    type: DetailType | tuple[DetailType, ...]
    meaning: str
    nullable: bool = False
    null_items: bool = False

    @property
    def types(self) -> tuple[DetailType, ...]:
        return self.type if isinstance(self.type, tuple) else (self.type,)

    @property
    def role(self) -> Literal["data", "display", "data or display"]:
        """``data``, ``display`` (text made for the message), or, for a key whose type depends on the
        message, both."""
        text = ["text" in self.types, any(t != "text" for t in self.types)]
        return "data or display" if all(text) else "display" if text[0] else "data"


#: a kind's details by key
Details = Mapping[str, Detail]


def detail_schema(d: Detail) -> dict[str, Any]:
    """The JSON Schema of one key's value."""
    bodies = []
    for t in d.types:
        body = dict(DETAIL_TYPES[t][1])
        if d.null_items:
            body["items"] = {"anyOf": [body["items"], {"type": "null"}]}
        bodies.append(body)
    if d.nullable:
        bodies.append({"type": "null"})
    return {"description": d.meaning, **(bodies[0] if len(bodies) == 1 else {"anyOf": bodies})}


def details_schema(details: Details) -> dict[str, Any]:
    """The JSON Schema of a kind's details: the keys it declares, none other (any of them may be absent:
    each message of the kind gives its own)."""
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {key: detail_schema(d) for key, d in details.items()},
    }
