"""The JSON Schemas of the formats ``changrenzhi`` reads and writes, generated from the code.

``changrenzhi schema NAME`` prints one; the repository ships them as ``schema/NAME.schema.json`` (a test
keeps the files up to date):

- ``pack``: ``pack.yaml``, generated from the pack's pydantic models; each rule's ``params`` is checked
  against the parameter model of its ``kind`` (an ``if kind is X then params is X's`` choice per built-in
  kind), so an editor flags an unknown parameter or a bad value as it is typed (a pack opts in with a
  first line ``# yaml-language-server: $schema=../../schema/pack.schema.json``);
- ``events``: one line of the event log, generated from the event types and the reader's checks
  (:mod:`changrenzhi.events.schema`).

They are generated when asked for rather than read from files, so the installed package cannot
carry a stale copy: the code that reads a pack or a log, or writes an output, is the schema's source.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .events.schema import events_schema

__all__ = ["SCHEMAS", "events_schema", "pack_schema", "schema_text"]

#: a parameter value that changes over time (docs/PACKS.md, "Dated values")
DATED_VALUE: dict[str, Any] = {
    "title": "a value with the dates it takes effect",
    "type": "object",
    "additionalProperties": False,
    "required": ["dated"],
    "properties": {
        "dated": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["from", "value"],
                "properties": {
                    "from": {"type": "string", "format": "date"},
                    "value": {},
                    "citation": {"$ref": "#/$defs/Citation"},
                    "note": {"type": "string"},
                },
            },
        }
    },
}


def _renamed_refs(node: Any, prefix: str) -> Any:
    """The same schema with every local ``$ref`` to ``#/$defs/X`` pointing at ``#/$defs/<prefix>X``."""
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            if k == "$ref" and isinstance(v, str) and v.startswith("#/$defs/"):
                out[k] = "#/$defs/" + prefix + v[len("#/$defs/") :]
            else:
                out[k] = _renamed_refs(v, prefix)
        return out
    if isinstance(node, list):
        return [_renamed_refs(v, prefix) for v in node]
    return node


def kind_params(dated: bool) -> tuple[dict[str, Any], list[str]]:
    """The ``$defs`` of every built-in kind's params (``<kind>.params``, with their own sub-schemas as
    ``<kind>.params.<name>``), and the kinds' names. ``dated``: any value may also be a dated value (a
    pack's params; ``rules --format json`` shows the values in force instead)."""
    from .registry import default_registry

    registry = default_registry()
    defs: dict[str, Any] = {}
    names = registry.names()
    for name in names:
        params = registry.get(name).params_model.model_json_schema()
        prefix = f"{name}.params."
        for sub, body in params.pop("$defs", {}).items():
            defs[prefix + sub] = _renamed_refs(body, prefix)
        params = _renamed_refs(params, prefix)
        params["title"] = f"params of kind {name}"
        if dated:
            for key, prop in params.get("properties", {}).items():
                # any value may also change over time: {dated: [{from: YYYY-MM-DD, value: ...}]}
                params["properties"][key] = {"anyOf": [prop, {"$ref": "#/$defs/DatedValue"}]}
        defs[f"{name}.params"] = params
    return defs, names


def by_kind(names: list[str], then: Any) -> list[dict[str, Any]]:
    """``if kind is X then then(X)`` for each kind named: ``then(X)`` is the schema that holds then."""
    return [
        {"if": {"properties": {"kind": {"const": n}}, "required": ["kind"]}, "then": then(n)} for n in names
    ]


def pack_schema() -> dict[str, Any]:
    """The JSON Schema (draft-07 keywords) of ``pack.yaml`` with every built-in kind's params."""
    from .pack.model import PackModel

    schema = PackModel.model_json_schema()
    defs: dict[str, Any] = schema.setdefault("$defs", {})
    params, names = kind_params(dated=True)
    defs.update(params)
    choices = by_kind(names, lambda n: {"properties": {"params": {"$ref": f"#/$defs/{n}.params"}}})
    defs["DatedValue"] = DATED_VALUE
    rule = defs["RuleSpec"]
    rule["properties"]["kind"] = {
        "title": "Kind",
        "description": "the rule kind; its params are checked against the kind's parameter model",
        "enum": names,
    }
    rule["allOf"] = choices
    # a pack that extends another (docs/PACKS.md) inherits the top-level fields it omits, and its
    # rule entries may override only some fields: what is required holds for other packs only
    rule_required = rule.pop("required", [])
    top_required = schema.pop("required", [])
    schema["properties"]["remove"] = {
        "title": "Remove",
        "description": "ids of the parent's rules this pack drops (with extends:)",
        "type": "array",
        "items": {"type": "string"},
    }
    schema["if"] = {"required": ["extends"]}
    schema["then"] = {"required": ["format", "id", "extends"]}
    schema["else"] = {
        "required": top_required,
        "properties": {"rules": {"items": {"required": rule_required}}},
    }
    out: dict[str, Any] = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "changrenzhi policy pack (changrenzhi.pack/1)",
        "description": "Generated by `changrenzhi schema` from the pack models; do not edit by hand.",
    }
    out.update({k: v for k, v in schema.items() if k != "title"})
    return out


# ---- the JSON outputs -----------------------------------------------------------------------
DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def _closed(node: Any) -> Any:
    """The schema with every object that names its properties (a TypedDict's) closed to others,
    unless it says otherwise (``extra="allow"``); descriptions (docstrings) on one line."""
    if isinstance(node, dict):
        out = {k: _closed(v) for k, v in node.items()}
        if isinstance(out.get("description"), str):
            out["description"] = " ".join(out["description"].split()).replace("``", "`")
        if "properties" in out and out.get("type") == "object" and "additionalProperties" not in out:
            out["additionalProperties"] = False
        return out
    if isinstance(node, list):
        return [_closed(v) for v in node]
    return node


def _output(shape: Any, name: str, command: str, fmt: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The schema of the JSON that ``command`` prints, from its TypedDict ``shape``: the whole schema,
    and its ``$defs`` (to add to)."""
    from pydantic import TypeAdapter

    body = _closed(TypeAdapter(shape).json_schema(mode="serialization"))
    body.pop("title", None)
    doc = body.pop("description", "")
    out: dict[str, Any] = {
        "$schema": DRAFT_07,
        "title": f"changrenzhi {command} --format json ({fmt})",
        "description": f"{doc} Generated by `changrenzhi schema {name}` from the code; do not edit by hand.",
    }
    out.update(body)
    return out, out.setdefault("$defs", {})


def _details(defs: dict[str, Any], finding: str) -> None:
    """Each built-in kind's details (docs/EVENTS.md) in the finding schema ``defs[finding]``."""
    from .kinds.detailing import details_schema
    from .registry import BUILTIN_KINDS

    declared = {k.name: k.details for k in BUILTIN_KINDS if k.details is not None}
    for name, details in declared.items():
        defs[f"{name}.details"] = {"title": f"details of kind {name}", **details_schema(details)}
    body = defs[finding]
    body["properties"]["kind"]["enum"] = sorted(k.name for k in BUILTIN_KINDS)
    body["allOf"] = by_kind(
        sorted(declared), lambda n: {"properties": {"details": {"$ref": f"#/$defs/{n}.details"}}}
    )


def findings_schema() -> dict[str, Any]:
    from .findings import FINDINGS_FORMAT, ReportJson

    out, defs = _output(ReportJson, "findings", "check", FINDINGS_FORMAT)
    _details(defs, "FindingJson")
    return out


def rules_schema() -> dict[str, Any]:
    from .pack.model import RulesJson

    out, defs = _output(RulesJson, "rules", "rules", "the rules of a pack")
    params, names = kind_params(dated=False)
    defs.update(params)
    rule = defs["RuleJson"]
    rule["properties"]["kind"]["enum"] = names
    rule["allOf"] = by_kind(
        names,
        lambda n: {
            "properties": {
                "params": {"$ref": f"#/$defs/{n}.params"},
                "epochs": {"items": {"properties": {"params": {"$ref": f"#/$defs/{n}.params"}}}},
            }
        },
    )
    return out


def coverage_schema() -> dict[str, Any]:
    from .coverage import COVERAGE_FORMAT, CoverageJson

    return _output(CoverageJson, "coverage", "coverage", COVERAGE_FORMAT)[0]


def compare_schema() -> dict[str, Any]:
    from .compare.model import COMPARE_FORMAT, CompareJson

    return _output(CompareJson, "compare", "compare", COMPARE_FORMAT)[0]


def diff_schema() -> dict[str, Any]:
    from .diff import DIFF_FORMAT, DiffJson

    out, defs = _output(DiffJson, "diff", "diff", DIFF_FORMAT)
    _details(defs, "FindingJson")
    # a witness's events are events of the log
    events = events_schema()
    for etype, body in events.pop("$defs").items():
        defs[f"event.{etype}"] = _renamed_refs(body, "event.")
    defs["Event"] = _renamed_refs(
        {k: v for k, v in events.items() if k not in ("$schema", "title", "description")}, "event."
    )
    defs["WitnessJson"]["properties"]["events"]["items"] = {"$ref": "#/$defs/Event"}
    return out


def explain_schema() -> dict[str, Any]:
    from .explain import EXPLAIN_FORMAT, TraceJson

    out, defs = _output(TraceJson, "explain", "explain", EXPLAIN_FORMAT)
    _details(defs, "FindingJson")
    params, names = kind_params(dated=False)
    defs.update(params)
    defs["RuleTraceJson"]["properties"]["kind"]["enum"] = names
    # the params in force and the details, as the rule's kind has them
    out["allOf"] = [
        {
            "if": {"properties": {"rule": {"properties": {"kind": {"const": n}}}}},
            "then": {
                "properties": {
                    "params": {"$ref": f"#/$defs/{n}.params"},
                    "details": {"$ref": f"#/$defs/{n}.details"},
                }
            },
        }
        for n in names
    ]
    return out


def lint_schema() -> dict[str, Any]:
    from .lint.model import LINT_FORMAT, LintJson

    return _output(LintJson, "lint", "lint", LINT_FORMAT)[0]


def test_results_schema() -> dict[str, Any]:
    from .testcases import TEST_RESULTS_FORMAT, TestResultsJson

    return _output(TestResultsJson, "test-results", "test", TEST_RESULTS_FORMAT)[0]


def test_file_schema() -> dict[str, Any]:
    """The JSON Schema of a pack's test file (``tests/*.yaml``, docs/TESTS.md)."""
    from .testcases import TestFile

    schema = TestFile.model_json_schema()
    out: dict[str, Any] = {
        "$schema": DRAFT_07,
        "title": "changrenzhi test file (changrenzhi.test/1)",
        "description": "Generated by `changrenzhi schema test` from the test-file model; "
        "do not edit by hand.",
    }
    out.update({k: v for k, v in schema.items() if k not in ("title", "description")})
    return out


def watch_schema() -> dict[str, Any]:
    """One line of ``changrenzhi watch``'s output: a record of one of its kinds (docs/WATCH.md)."""
    from .watch.records import CHECKPOINT_FORMAT, WatchRecord

    out, defs = _output(WatchRecord, "watch", "watch", CHECKPOINT_FORMAT)
    out["title"] = f"a line of changrenzhi watch ({CHECKPOINT_FORMAT})"
    out["description"] = (
        "One JSON Lines record of `changrenzhi watch`: opened, changed, withdrawn, refused, alert or "
        "checkpoint (docs/WATCH.md). Generated by `changrenzhi schema watch` from the code; "
        "do not edit by hand."
    )
    if "FindingJson" in defs:
        _details(defs, "FindingJson")
    return out


#: the schema of each command's JSON output, by the name ``changrenzhi schema`` takes
OUTPUT_SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "findings": findings_schema,
    "rules": rules_schema,
    "coverage": coverage_schema,
    "compare": compare_schema,
    "diff": diff_schema,
    "explain": explain_schema,
    "lint": lint_schema,
    "test-results": test_results_schema,
    "watch": watch_schema,
}
#: every schema by the name ``changrenzhi schema`` takes, the default first
SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "pack": pack_schema,
    "events": events_schema,
    "test": test_file_schema,
    **OUTPUT_SCHEMAS,
}


def schema_text(name: str = "pack") -> str:
    """The schema called ``name`` as the JSON text ``changrenzhi schema NAME`` prints (and
    ``schema/NAME.schema.json`` holds)."""
    return json.dumps(SCHEMAS[name](), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


# ---- the listing of the details in docs/EVENTS.md ---------------------------------------------
#: the marks around the generated listing in docs/EVENTS.md
BEGIN = "<!-- BEGIN details: generated by `python -m changrenzhi.schemas --write`; do not edit by hand -->"
END = "<!-- END details -->"
#: each detail type in words
TYPE_WORDS = {
    "id": "id", "ids": "list of ids", "date": "date", "dates": "list of dates", "interval": "date/date",
    "int": "whole number", "ints": "list of whole numbers", "number": "number", "bool": "true/false",
    "code": "code", "codes": "list of codes", "share": "share", "text": "text",
}  # fmt: skip


def details_markdown() -> str:
    """The listing of every built-in kind's details, as docs/EVENTS.md holds it between its marks."""
    from .kinds.detailing import DETAIL_TYPES
    from .registry import BUILTIN_KINDS

    lines = [BEGIN, "", "| type | what it is |", "|---|---|"]
    lines += [f"| {TYPE_WORDS[t]} | {what} |" for t, (what, _) in DETAIL_TYPES.items()]
    for kind in sorted(BUILTIN_KINDS, key=lambda k: k.name):
        lines += ["", f"#### `{kind.name}`", "", f"The duty: {kind.summary}.", ""]
        lines += ["| key | type | | meaning |", "|---|---|---|---|"]
        for key, d in (kind.details or {}).items():
            words = " or ".join(TYPE_WORDS[t] for t in d.types)
            if d.null_items:
                words += " (items may be null)"
            if d.nullable:
                words += " or null"
            lines.append(f"| `{key}` | {words} | {d.role} | {d.meaning} |")
    return "\n".join([*lines, "", END])


def with_details(doc: str) -> str:
    """``doc`` (docs/EVENTS.md) with the listing between its marks made anew."""
    head, begin, rest = doc.partition(BEGIN)
    _, end, tail = rest.partition(END)
    if not begin or not end:
        raise ValueError("docs/EVENTS.md has lost the marks of the details listing")
    return head + details_markdown() + tail


def write(root: Path) -> list[Path]:
    """Write every schema to ``root/schema/NAME.schema.json`` and the details listing into
    ``root/docs/EVENTS.md``; the files that changed."""
    changed = []
    targets: dict[Path, Callable[[], str]] = {
        root / "schema" / f"{n}.schema.json": functools.partial(schema_text, n) for n in SCHEMAS
    }
    events_md = root / "docs" / "EVENTS.md"
    targets[events_md] = lambda: with_details(events_md.read_text(encoding="utf-8"))
    for path, text in targets.items():
        new = text()
        if not path.is_file() or path.read_text(encoding="utf-8") != new:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    return changed


def main(argv: list[str]) -> int:
    """``python -m changrenzhi.schemas --write [ROOT]``: refresh the generated files of a checkout."""
    if not argv or argv[0] != "--write" or len(argv) > 2:
        print("usage: python -m changrenzhi.schemas --write [ROOT]", file=sys.stderr)
        return 2
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parents[2]
    if not (root / "docs" / "EVENTS.md").is_file() or not (root / "schema").is_dir():
        print(f"{root}: not a checkout of changrenzhi (no docs/EVENTS.md, schema/)", file=sys.stderr)
        return 2
    for path in write(root):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
