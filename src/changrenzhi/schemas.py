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

import json
from collections.abc import Callable
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


def pack_schema() -> dict[str, Any]:
    """The JSON Schema (draft-07 keywords) of ``pack.yaml`` with every built-in kind's params."""
    from .pack.model import PackModel
    from .registry import default_registry

    registry = default_registry()
    schema = PackModel.model_json_schema()
    defs: dict[str, Any] = schema.setdefault("$defs", {})
    names = registry.names()
    choices = []
    for name in names:
        params = registry.get(name).params_model.model_json_schema()
        prefix = f"{name}.params."
        for sub, body in params.pop("$defs", {}).items():
            defs[prefix + sub] = _renamed_refs(body, prefix)
        params = _renamed_refs(params, prefix)
        params["title"] = f"params of kind {name}"
        for key, prop in params.get("properties", {}).items():
            # any value may also change over time: {dated: [{from: YYYY-MM-DD, value: ...}]}
            params["properties"][key] = {"anyOf": [prop, {"$ref": "#/$defs/DatedValue"}]}
        defs[f"{name}.params"] = params
        choices.append(
            {
                "if": {"properties": {"kind": {"const": name}}, "required": ["kind"]},
                "then": {"properties": {"params": {"$ref": f"#/$defs/{name}.params"}}},
            }
        )
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


#: every schema by the name ``changrenzhi schema`` takes, the default first
SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {"pack": pack_schema, "events": events_schema}


def schema_text(name: str = "pack") -> str:
    """The schema called ``name`` as the JSON text ``changrenzhi schema NAME`` prints (and
    ``schema/NAME.schema.json`` holds)."""
    return json.dumps(SCHEMAS[name](), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
