"""The service's OpenAPI document: FastAPI's paths, with the schemas of the CLI's JSON formats.

The response schemas are those ``changrenzhi schema NAME`` prints (generated from the code); their
``$defs`` become components named ``<Schema>.<def>``. The request bodies are the models of
:mod:`changrenzhi.serve.contract`. The repository keeps the document as ``schema/openapi.json``
(``changrenzhi serve --print-openapi``; a test keeps it current).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import TypeAdapter

from .contract import CheckRequest, CompareRequest, DiffRequest, ErrorJson, ExplainRequest, LintRequest

__all__ = ["ERROR_RESPONSES", "finish_openapi", "json_body", "ok", "openapi_text"]

REF = "#/components/schemas/"

#: the statuses of bad input and refusals, each answered with the error document
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"description": what, "content": {"application/json": {"schema": {"$ref": REF + "Error"}}}}
    for status, what in (
        (400, "bad input: the request, a pack or the log (each error located: file, line, field)"),
        (404, "no such shipped pack, schema or path"),
        (413, "the request body is larger than the service accepts (--max-body)"),
        (503, "the service is busy (--queue): try again (Retry-After)"),
        (504, "the evaluation took longer than the service allows (--timeout)"),
    )
}

#: the media types of each output, besides application/json
_OTHER_MEDIA = {
    "Findings": ("application/sarif+json", "application/xml", "text/plain"),
    "Lint": ("application/sarif+json", "application/xml", "text/plain"),
    "Explain": ("text/plain",),
    "Diff": ("text/plain",),
    "Rules": ("text/plain",),
    "Compare": ("text/plain", "text/markdown", "text/csv", "text/html"),
}


_MEDIA_SCHEMA: dict[str, dict[str, Any]] = {
    "application/sarif+json": {"type": "object", "description": "a SARIF 2.1.0 log"},
}


def ok(schema: str, *, text: bool = False) -> dict[int | str, dict[str, Any]]:
    """The 200 response: JSON of component ``schema`` (and, with ``text``, the other formats)."""
    content: dict[str, Any] = {"application/json": {"schema": {"$ref": REF + schema}}}
    if text:
        for media in _OTHER_MEDIA[schema]:
            content[media] = {"schema": _MEDIA_SCHEMA.get(media, {"type": "string"})}
    answer: dict[str, Any] = {
        "description": "the answer (the command's --format json output)",
        "content": content,
    }
    if text:
        answer["headers"] = {
            "X-Changrenzhi-Exit": {
                "description": "the exit status the command would have ended with (1: violations, "
                "lint errors, changes in effect)",
                "schema": {"type": "integer", "enum": [0, 1]},
            }
        }
    return {200: answer}


def json_body(name: str) -> dict[str, Any]:
    """A request body: the events of a log (JSON Lines, or a JSON array), or a request model's JSON."""
    if name == "events":
        return {
            "required": True,
            "description": "the event log: JSON Lines (one event a line), or a JSON array of events",
            "content": {
                "application/x-ndjson": {"schema": {"type": "string"}},
                "application/json": {"schema": {"type": "array", "items": {"$ref": REF + "Event"}}},
            },
        }
    return {"required": True, "content": {"application/json": {"schema": {"$ref": REF + name}}}}


def _component_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", name)


def _refs(node: Any, old: str, new: str) -> Any:
    if isinstance(node, dict):
        mapping = node.get("mapping")
        if isinstance(mapping, dict) and "propertyName" in node:  # a discriminator's: references too
            renamed = {
                k: new + _component_name(v[len(old) :]) if v.startswith(old) else v
                for k, v in mapping.items()
            }
            return {**node, "mapping": renamed}
        return {
            k: (
                new + _component_name(v[len(old) :])
                if k == "$ref" and isinstance(v, str) and v.startswith(old)
                else _refs(v, old, new)
            )
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_refs(v, old, new) for v in node]
    return node


def hoist(components: dict[str, Any], name: str, schema: dict[str, Any], *, prefix: bool = True) -> None:
    """Schema ``name`` among ``components``, its ``$defs`` beside it (as ``name.def``, or under their
    own names when not ``prefix``), every local reference pointing at its component."""
    body = dict(schema)
    defs = body.pop("$defs", {})
    body.pop("$schema", None)
    target = REF + (f"{name}." if prefix else "")
    components[name] = _refs(body, "#/$defs/", target)
    for sub, sub_body in defs.items():
        key = (f"{name}." if prefix else "") + _component_name(sub)
        components[key] = _refs(sub_body, "#/$defs/", target)


def _drop_broken_mappings(node: Any, components: dict[str, Any]) -> None:
    """Drop a discriminator's mapping that names a schema not there (a copy of the event schema
    whose definitions were renamed, ``diff``'s, keeps the names of the original in its mapping)."""
    if isinstance(node, dict):
        found = node.get("discriminator")
        if isinstance(found, dict) and isinstance(found.get("mapping"), dict):
            names = [v.removeprefix(REF) for v in found["mapping"].values()]
            if not all(n in components for n in names):
                del found["mapping"]
        for v in node.values():
            _drop_broken_mappings(v, components)
    elif isinstance(node, list):
        for v in node:
            _drop_broken_mappings(v, components)


def _shared(components: dict[str, Any]) -> dict[str, Any]:
    """The components with the copies merged: the outputs' schemas each carry the same definitions
    (a kind's params, its details, the event types), which become one component each, under the
    first name in order; references to a copy point at it. Repeated until nothing merges, as a
    merge can make the schemas that refer to copies equal."""
    while True:
        first: dict[str, str] = {}
        alias: dict[str, str] = {}
        for name in sorted(components):
            if "." not in name:  # a named schema (Findings, CheckRequest...) stays itself
                continue
            key = json.dumps(components[name], sort_keys=True)
            if key in first:
                alias[REF + name] = REF + first[key]
            else:
                first[key] = name
        if not alias:
            return components
        kept = {n: b for n, b in components.items() if REF + n not in alias}
        components = _aliased(kept, alias)


def _aliased(node: Any, alias: dict[str, str]) -> Any:
    if isinstance(node, dict):
        mapping = node.get("mapping")
        if isinstance(mapping, dict) and "propertyName" in node:
            return {**node, "mapping": {k: alias.get(v, v) for k, v in mapping.items()}}
        return {
            k: alias.get(v, v) if k == "$ref" and isinstance(v, str) else _aliased(v, alias)
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_aliased(v, alias) for v in node]
    return node


def _outputs() -> dict[str, Callable[[], dict[str, Any]]]:
    from ..events.schema import events_schema
    from ..schemas import (
        compare_schema,
        diff_schema,
        explain_schema,
        findings_schema,
        lint_schema,
        rules_schema,
    )

    return {
        "Findings": findings_schema,
        "Rules": rules_schema,
        "Lint": lint_schema,
        "Diff": diff_schema,
        "Explain": explain_schema,
        "Compare": compare_schema,
        "Event": events_schema,
    }


_SMALL: dict[str, dict[str, Any]] = {
    "Health": {
        "type": "object",
        "properties": {"status": {"const": "ok"}},
        "required": ["status"],
        "additionalProperties": False,
    },
    "Version": {
        "type": "object",
        "properties": {"name": {"const": "changrenzhi"}, "version": {"type": "string"}},
        "required": ["name", "version"],
        "additionalProperties": False,
    },
    "SchemaNames": {"type": "array", "items": {"type": "string"}},
    "AnySchema": {"type": "object", "description": "a JSON Schema (draft-07 keywords)"},
    "PackListing": {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "name": {"type": "string", "description": "the name the paths take"},
                "id": {"type": "string"},
                "title": {"type": "string"},
                "rules": {"type": "integer", "minimum": 0},
            },
            "required": ["name", "id", "title", "rules"],
            "additionalProperties": False,
        },
    },
}


def _names() -> dict[str, list[str]]:
    from ..pack.model import shipped_packs
    from ..schemas import SCHEMAS

    return {"packs": sorted(shipped_packs()), "schemas": list(SCHEMAS)}


def finish_openapi(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document of ``app`` (made once, then kept)."""
    if app.openapi_schema:
        return app.openapi_schema
    doc = get_openapi(
        title=app.title,
        version=app.version,
        summary=app.summary,
        description=app.description,
        routes=app.routes,
        servers=[{"url": app.root_path}] if app.root_path else None,
    )
    components: dict[str, Any] = doc.setdefault("components", {}).setdefault("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):  # bad parameters are answered 400
        components.pop(name, None)
    names = _names()
    for path, item in doc["paths"].items():
        for op in item.values():
            op["responses"].pop("422", None)
            for param in op.get("parameters", []):
                if param["in"] == "path" and param["name"] == "name":
                    # the names there are, so that clients (and generated tests) can pick one
                    param["schema"]["enum"] = names["schemas" if path.startswith("/schemas/") else "packs"]
    for name, make in _outputs().items():
        hoist(components, name, make())
    hoist(components, "Error", TypeAdapter(ErrorJson).json_schema(ref_template="#/$defs/{model}"))
    for name in ("Error", "Error.ErrorItemJson"):
        components[name]["additionalProperties"] = False
    for model in (CheckRequest, ExplainRequest, LintRequest, DiffRequest, CompareRequest):
        hoist(components, model.__name__, model.model_json_schema(), prefix=False)
    for name in ("CheckRequest", "ExplainRequest"):  # the events of an array are events of the log
        for form in components[name]["properties"]["events"]["anyOf"]:
            if form.get("type") == "array":
                form["items"] = {"$ref": REF + "Event"}
    components.update(_SMALL)
    for body in components.values():
        _drop_broken_mappings(body, components)
    doc["components"]["schemas"] = dict(sorted(_shared(components).items()))
    app.openapi_schema = doc
    return doc


def openapi_text(app: FastAPI) -> str:
    """The document as ``schema/openapi.json`` holds it."""
    return json.dumps(finish_openapi(app), indent=2, ensure_ascii=False) + "\n"
