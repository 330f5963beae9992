"""The JSON Schema of one line of the log (``changrenzhi schema events``) says what the reader accepts.

Every line of the shipped example logs validates; and line by line the schema and the reader give the
same verdict, on the corpus of broken logs and on every field of every type set to each value of a
palette (wrong types, nulls, empty strings, bad dates...). What one line cannot show (references to
reps, groups and committee members, ids used twice, a person listed twice in ``contacts``) is the
reader's alone.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from changrenzhi import EventLogError, read_events
from changrenzhi.events.fields import (
    ENUMS,
    EVENT_CHECK_SCHEMAS,
    EVENT_CHECKS,
    INT_RANGES,
    SCHEMAS,
    SPECS,
    FieldSpec,
    check_bool,
    check_contacts,
    check_count,
    check_id,
    check_ids,
    check_num,
    check_str,
    parse_date,
)
from changrenzhi.events.schema import events_schema
from changrenzhi.events.types import EXTENSION_FIELDS, EXTENSION_TYPES, REFERENCES
from support import DATA, ROOT

SCHEMA = events_schema()
VALIDATOR = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
EXAMPLES = sorted(ROOT.glob("policies/*/examples/*.jsonl"))
CORPUS = sorted((DATA / "logs" / "invalid").glob("*.jsonl"))
#: the problems of a reference the rest of the log would define: a line read alone always has them
UNDEFINED = tuple(f"unknown {ref.what} " for ref in REFERENCES)
#: broken logs whose problem a schema cannot express (a person listed twice in ``contacts``)
BEYOND_A_SCHEMA = {"duplicate_contact"}


@functools.cache
def of_type(etype: str) -> jsonschema.Draft7Validator:
    """The schema with its ``oneOf`` narrowed to the choice for ``etype``: the same verdict on an event
    of that type (the choices are told apart by ``type``), without trying the other 36."""
    narrowed = {k: v for k, v in SCHEMA.items() if k not in ("oneOf", "discriminator")}
    narrowed["allOf"] = [{"$ref": f"#/$defs/{etype}"}]
    return jsonschema.Draft7Validator(narrowed, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def schema_ok(event: Any, *, whole: bool = False) -> bool:
    """The schema's verdict on ``event`` (narrowed to its type, unless ``whole``)."""
    etype = event.get("type") if isinstance(event, dict) else None
    if whole or not isinstance(etype, str) or etype not in SPECS:
        return VALIDATOR.is_valid(event)
    return of_type(etype).is_valid(event)


def reader_ok(line: str) -> bool:
    """Whether the reader accepts ``line`` on its own, references to reps, groups and members aside."""
    try:
        read_events([line], name="line")
    except EventLogError as exc:
        return all(p.message.startswith(UNDEFINED) for p in exc.problems)
    return True


def json_lines(path: Path) -> Iterator[tuple[int, str]]:
    for n, raw in enumerate(path.read_bytes().splitlines(), 1):
        line = raw.decode("utf-8", "replace").strip().removeprefix("\ufeff")
        if line and not line.startswith("#"):
            yield n, line


def test_the_schema_is_a_draft_7_schema_with_one_choice_per_type() -> None:
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    assert [c["$ref"] for c in SCHEMA["oneOf"]] == [f"#/$defs/{t}" for t in SPECS]
    assert SCHEMA["properties"]["type"]["enum"] == list(SPECS)
    for etype, spec in SPECS.items():
        body = SCHEMA["$defs"][etype]
        assert body["properties"]["type"] == {"const": etype}
        assert set(body["properties"]) == set(spec.allowed)
        assert body["required"] == ["id", "type", "date", *(f.name for f in spec.fields if f.required)]
        assert body["additionalProperties"] is False
        assert ("optional addition" in body.get("description", "")) == (etype in EXTENSION_TYPES)
    for etype, name in EXTENSION_FIELDS:
        assert "optional addition" in SCHEMA["$defs"][etype]["properties"][name]["description"]


def test_every_check_has_its_schema() -> None:
    checks = {f.check for spec in SPECS.values() for f in spec.fields}
    assert checks <= set(SCHEMAS)
    assert set(ENUMS) <= set(SCHEMAS)
    assert set(EVENT_CHECKS) == set(EVENT_CHECK_SCHEMAS)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_line_of_the_shipped_examples_validates(path: Path) -> None:
    """Every line against its type's choice; the first line of each type against the whole schema."""
    count = 0
    seen: set[str] = set()
    for n, line in json_lines(path):
        event = json.loads(line)
        whole = event["type"] not in seen
        seen.add(event["type"])
        validator = VALIDATOR if whole else of_type(event["type"])
        errors = [e.message for e in validator.iter_errors(event)]
        assert not errors, f"{path.name}:{n}: {errors[:3]}"
        count += 1
    assert count > 100


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_the_schema_and_the_reader_agree_on_the_broken_logs(path: Path) -> None:
    for n, line in json_lines(path):
        try:
            event = json.loads(line)
        except ValueError:
            continue  # not JSON: the schema has nothing to say
        expected = reader_ok(line) or path.stem in BEYOND_A_SCHEMA
        assert schema_ok(event, whole=True) == expected, f"{path.name}:{n}: {line}"


# ---- every field of every type, set to each value of a palette --------------------------------
#: a valid value for each check (enums: their first choice)
GOOD: dict[Any, Any] = {
    **{check: max(lo, min(hi, 2)) if lo < 1000 else 2010 for check, (lo, hi) in INT_RANGES.items()},
    check_id: "R1",
    check_str: "text",
    check_count: 2,
    check_num: 1.5,
    check_bool: True,
    parse_date: "2010-01-04",
    check_ids: ["R1", "R2"],
    check_contacts: [{"person": "P1", "kind": "member"}],
}
PALETTE: list[Any] = [
    None, "", "x", "2010-01-04", "2010-02-30", "20100104", "2010-1-4", " 2010-01-04", 0, -1, 3, 2.5,
    True, False, [], ["R1"], ["R1", "R1"], [""], [1], {}, {"a": 1}, [{"person": "P", "kind": "member"}],
    [{"person": "P", "kind": "friend"}], [{"person": "", "kind": "member"}], [{"person": "P"}],
    [{"person": "P", "kind": "member", "x": 1}], ["R1", {"person": "P", "kind": "member"}],
]  # fmt: skip


def good(fs: FieldSpec) -> Any:
    if fs.check in ENUMS:
        return SCHEMAS[fs.check]["enum"][0]
    return GOOD[fs.check]


def sample(etype: str, *, full: bool) -> dict[str, Any]:
    """A valid event of ``etype``: its required fields (``full``: every field) set to good values."""
    event: dict[str, Any] = {"id": "e1", "type": etype, "date": "2010-01-04"}
    for fs in SPECS[etype].fields:
        if fs.required or full or (etype == "meeting.held" and fs.name == "attendees"):
            event[fs.name] = good(fs)
    return event


def variants(etype: str) -> Iterator[Any]:
    """Events of ``etype``, valid and not: fields left out, added, and set to each value of the palette."""
    spec = SPECS[etype]
    yield sample(etype, full=False)
    base = sample(etype, full=True)
    yield base
    for key in base:
        yield {k: v for k, v in base.items() if k != key}
    for key in ("zzz", "x_own", "x-own", "X_own"):
        yield {**base, key: 1}
    for name in ("id", "date", *(f.name for f in spec.fields)):
        for value in PALETTE:
            yield {**base, name: value}


@pytest.mark.parametrize("etype", list(SPECS))
def test_the_schema_and_the_reader_agree_field_by_field(etype: str) -> None:
    differ = []
    for n, event in enumerate(variants(etype)):
        line = json.dumps(event, ensure_ascii=False)
        if schema_ok(event, whole=n < 2) != reader_ok(line):
            differ.append(line)
    assert not differ, "\n".join(differ[:10])


@pytest.mark.parametrize(
    "event",
    [{"id": "e1", "type": "rep.electd", "date": "2010-01-04", "rep": "R1"}, {"id": "e1", "type": 3}, [], "x"],
)
def test_what_is_no_event_fails_both(event: Any) -> None:
    assert not schema_ok(event, whole=True)
    assert not reader_ok(json.dumps(event))


def test_the_samples_are_valid() -> None:
    for etype in SPECS:
        for full in (False, True):
            assert reader_ok(json.dumps(sample(etype, full=full))), etype


def test_what_one_line_cannot_show_is_the_readers_alone() -> None:
    twice = {"id": "e1", "type": "contact.assigned", "date": "2010-01-04", "rep": "R1", "contacts": [
        {"person": "P", "kind": "member"}, {"person": "P", "kind": "citizen"}]}  # fmt: skip
    assert schema_ok(twice)
    assert not reader_ok(json.dumps(twice))
    # JSON Schema counts 2.0 as an integer; the reader wants it written 2
    whole = {"id": "e1", "type": "group.plan", "date": "2010-01-04", "group": "G1", "year": 2010.0}
    assert schema_ok(whole)
    assert not reader_ok(json.dumps(whole))
