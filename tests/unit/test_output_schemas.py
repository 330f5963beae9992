"""The JSON Schemas of the commands' JSON outputs (``changrenzhi schema findings|rules|...``).

Every JSON output recorded in the golden files validates against its command's schema, and documents
the code would never print fail: the schemas are derived from the TypedDicts the ``to_json`` methods
return, closed where the code is (no key it does not write, enums for statuses and formats, each rule
kind's params and each finding kind's details).
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from changrenzhi.registry import BUILTIN_KINDS
from changrenzhi.schemas import OUTPUT_SCHEMAS, SCHEMAS
from support import ROOT

GOLDEN = ROOT / "tests" / "data" / "golden"
JSON_OUTPUTS = sorted(GOLDEN.glob("*-json*.out"))
#: the schema of each command's output (watch writes JSON Lines, one schema per line:
#: tests/unit/watch/test_records.py validates them)
SCHEMA_OF = {
    "check": "findings",
    "test": "test-results",
    **{n: n for n in OUTPUT_SCHEMAS if n not in ("findings", "test-results", "watch")},
}
FORMATS = jsonschema.Draft7Validator.FORMAT_CHECKER


def golden_json(path: Path) -> tuple[str, Any]:
    """The command of a golden output and its JSON: the header (``$ ...``, ``exit N``, ``--- stderr``
    to ``--- stdout``) stripped."""
    text = path.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n--- stdout\n")
    assert sep and head.startswith("$ changrenzhi "), path.name
    return head.split()[2], json.loads(body)


@functools.cache
def schema(name: str) -> dict[str, Any]:
    return SCHEMAS[name]()


@functools.cache
def validator(name: str, narrowed: bool = False) -> jsonschema.Draft7Validator:
    """The validator of a schema; ``narrowed``: without the choice of each finding's details by its kind
    (``details`` checks them one by one, each against its own kind's: the same verdict, without trying
    every kind on every finding)."""
    body = schema(name)
    if narrowed:
        body = copy.deepcopy(body)
        del body["$defs"]["FindingJson"]["allOf"]
    return jsonschema.Draft7Validator(body, format_checker=FORMATS)


@functools.cache
def details_validator(name: str, kind: str) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(
        {"$ref": f"#/$defs/{kind}.details", "$defs": schema(name)["$defs"]}, format_checker=FORMATS
    )


def findings_in(name: str, doc: Any) -> Iterator[Any]:
    if name == "findings":
        yield from doc["findings"]
    elif name == "explain":
        yield doc["finding"]
    elif name == "diff":
        for r in doc["rules"]:
            for w in r["witnesses"]:
                yield from w["old"]["findings"]
                yield from w["new"]["findings"]


def errors(name: str, doc: Any, *, whole: bool = False) -> list[str]:
    """What the schema ``name`` finds wrong with ``doc`` (``whole``: with the unnarrowed schema)."""
    narrowed = not whole and "FindingJson" in schema(name)["$defs"]
    found = [f"{list(e.absolute_path)}: {e.message}" for e in validator(name, narrowed).iter_errors(doc)]
    if narrowed:
        kinds = {k.name for k in BUILTIN_KINDS}
        for f in findings_in(name, doc):
            if isinstance(f, dict) and f.get("kind") in kinds:
                v = details_validator(name, f["kind"])
                found += [f"{f['id']} details: {e.message}" for e in v.iter_errors(f.get("details"))]
    return found


def test_there_are_json_outputs_of_every_command() -> None:
    seen = {golden_json(p)[0] for p in JSON_OUTPUTS}
    assert seen == set(SCHEMA_OF)


@pytest.mark.parametrize("path", JSON_OUTPUTS, ids=lambda p: p.name.removesuffix(".out"))
def test_every_json_output_validates(path: Path) -> None:
    command, doc = golden_json(path)
    found = errors(SCHEMA_OF[command], doc)
    assert not found, found[:5]


@pytest.mark.parametrize(
    "path",
    ["check-baoying-2010-02-15-json-zh", "diff-zjg-revised-json-en", "explain-guoyuan-0-json"],
)
def test_the_whole_schema_gives_the_same_verdict(path: str) -> None:
    command, doc = golden_json(GOLDEN / f"{path}.out")
    assert errors(SCHEMA_OF[command], doc, whole=True) == []
    bad = copy.deepcopy(doc)
    finding = next(findings_in(SCHEMA_OF[command], bad))
    finding["details"]["undeclared"] = 1
    assert errors(SCHEMA_OF[command], bad, whole=True) != []
    assert errors(SCHEMA_OF[command], bad) != []


def test_each_kind_has_its_details_and_its_params() -> None:
    names = sorted(k.name for k in BUILTIN_KINDS)
    for name in ("findings", "diff", "explain"):
        finding = schema(name)["$defs"]["FindingJson"]
        assert [c["if"]["properties"]["kind"]["const"] for c in finding["allOf"]] == names
        assert all(f"{n}.details" in schema(name)["$defs"] for n in names)
    for name in ("rules", "explain"):
        assert all(f"{n}.params" in schema(name)["$defs"] for n in names)


# ---- documents the code would never print ------------------------------------------------------
def _first(command: str) -> tuple[str, Any]:
    path = next(p for p in JSON_OUTPUTS if golden_json(p)[0] == command and _has_content(command, p))
    return SCHEMA_OF[command], golden_json(path)[1]


def _has_content(command: str, path: Path) -> bool:
    doc = golden_json(path)[1]
    if command == "check":
        return bool(doc["findings"])
    if command == "lint":
        return bool(doc["problems"])
    if command == "diff":
        return any(r["witnesses"] for r in doc["rules"])
    return True


def _set(*path: Any, value: Any) -> Callable[[Any], None]:
    def edit(doc: Any) -> None:
        for key in path[:-1]:
            doc = doc[key]
        doc[path[-1]] = value

    return edit


def _drop(*path: Any) -> Callable[[Any], None]:
    def edit(doc: Any) -> None:
        for key in path[:-1]:
            doc = doc[key]
        del doc[path[-1]]

    return edit


BROKEN: list[tuple[str, str, Callable[[Any], None]]] = [
    ("check", "an unknown format", _set("format", value="changrenzhi.findings/2")),
    ("check", "an unknown status", _set("findings", 0, "status", value="fatal")),
    ("check", "a key the code never writes", _set("findings", 0, "severity", value="violation")),
    ("check", "a summary without pending", _drop("summary", "pending")),
    ("check", "a date that is no date", _set("as_of", value="2010-02-30")),
    ("check", "a period without its end", _drop("findings", 0, "period", "end")),
    ("check", "an unknown kind", _set("findings", 0, "kind", value="group_sizes")),
    ("check", "a details key the kind does not declare", _set("findings", 0, "details", "zzz", value=1)),
    ("rules", "a param the kind does not have", _set("rules", 0, "params", "zzz", value=1)),
    ("rules", "an unknown severity", _set("rules", 0, "severity", value="fatal")),
    ("rules", "a citation without its line", _drop("rules", 0, "citation", "line")),
    ("coverage", "an unknown clause status", _set("clauses", 0, "status", value="done")),
    ("coverage", "a summary with an extra count", _set("summary", "other", value=0)),
    ("compare", "a cell that is not a list", _set("rows", 0, "cells", 0, value="x")),
    ("diff", "an unknown label", _set("rules", 0, "label", value="harsher")),
    ("diff", "a witness event of no type", _set("rules", 0, "witnesses", 0, "events", 0, "type", value="x")),
    ("explain", "an unknown subject", _set("subject", "is", value="person")),
    ("explain", "a param the kind does not have", _set("params", "zzz", value=1)),
    ("lint", "an unknown code", _set("problems", 0, "code", value="CRZ999")),
    ("lint", "an unknown severity", _set("problems", 0, "severity", value="info")),
]  # fmt: skip


@pytest.mark.parametrize(("command", "what", "edit"), BROKEN, ids=[f"{c}-{w}" for c, w, _ in BROKEN])
def test_a_document_the_code_never_prints_fails(command: str, what: str, edit: Callable[[Any], None]) -> None:
    name, doc = _first(command)
    assert errors(name, doc) == []
    if command == "diff":  # the witness with events
        doc["rules"] = [r for r in doc["rules"] if r["witnesses"]]
    edit(doc)
    assert errors(name, doc) != [], what
