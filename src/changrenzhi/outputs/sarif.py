"""The SARIF 2.1.0 log of one run, as the ``sarif`` format writes it (:mod:`.formats` builds its
rules and results): the tool, the invocation, the files, and locations relative to ``%SRCROOT%``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import pydantic_core

from .._version import __version__
from .places import artifact_location
from .reports import _json

__all__ = ["SARIF_SCHEMA", "TOOL_URI", "is_file", "location", "sarif_log", "sarif_log_parts"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
TOOL_URI = "https://pypi.org/project/changrenzhi/"


def is_file(name: str) -> bool:
    """Whether an error's file is a file (and not a label such as ``<stdin>``)."""
    return not (name.startswith("<") and name.endswith(">"))


def location(file: str | None, line: int | None) -> list[dict[str, Any]]:
    if file is None:
        return []
    physical: dict[str, Any] = {"artifactLocation": artifact_location(file)}
    if line is not None:
        physical["region"] = {"startLine": line}
    return [{"physicalLocation": physical}]


def sarif_log(
    rules: list[dict[str, Any]],
    results: list[dict[str, Any]],
    props: dict[str, Any],
    *,
    exit_code: int,
    artifacts: Iterable[tuple[str, str]] = (),
    notifications: Sequence[dict[str, Any]] = (),
) -> str:
    """One run: the rules, the results, the files (``artifacts``: file and role, each once) and the
    invocation (whether it succeeded, its exit status, the notifications of a run that failed)."""
    return _json(_log(rules, results, props, exit_code, artifacts, notifications))


#: the results a log's pieces hold at a time (:func:`sarif_log_parts`)
RESULTS_CHUNK = 1000
_HOLE = "changrenzhi: the results go here"
#: what the layout of ``{"runs": [{"results": [...]}]}`` at ``indent=2`` puts before and after the
#: results: the same depth as in the log
_LEAD = len(b'{\n  "runs": [\n    {\n      "results": [\n')
_TRAIL = len(b"\n      ]\n    }\n  ]\n}")


def sarif_log_parts(
    rules: list[dict[str, Any]],
    results: Iterable[dict[str, Any]],
    props: dict[str, Any],
    *,
    exit_code: int,
    artifacts: Iterable[tuple[str, str]] = (),
) -> Iterator[bytes]:
    """:func:`sarif_log` as UTF-8 bytes in pieces, the results encoded :data:`RESULTS_CHUNK` at a
    time (no tree of all their dicts). Raises pydantic-core's error where :func:`sarif_log` writes
    a name that is not UTF-8 escaped: the caller that needs those bytes uses it instead."""
    doc = _log(rules, _HOLE, props, exit_code, artifacts, ())
    head, tail = pydantic_core.to_json(doc, indent=2).split(f'"{_HOLE}"'.encode())
    chunk: list[dict[str, Any]] = []
    first = True
    for result in results:
        chunk.append(result)
        if len(chunk) == RESULTS_CHUNK:
            yield _results_piece(head, chunk, first)
            chunk, first = [], False
    if chunk:
        yield _results_piece(head, chunk, first)
        first = False
    yield (head + b"[]" if first else b"\n      ]") + tail + b"\n"


def _results_piece(head: bytes, chunk: list[dict[str, Any]], first: bool) -> bytes:
    text = pydantic_core.to_json({"runs": [{"results": chunk}]}, indent=2)[_LEAD:-_TRAIL]
    return head + b"[\n" + text if first else b",\n" + text


def _log(
    rules: list[dict[str, Any]],
    results: Any,
    props: dict[str, Any],
    exit_code: int,
    artifacts: Iterable[tuple[str, str]],
    notifications: Sequence[dict[str, Any]],
) -> dict[str, Any]:
    invocation: dict[str, Any] = {"executionSuccessful": not notifications, "exitCode": exit_code}
    if notifications:
        invocation["toolExecutionNotifications"] = list(notifications)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "changrenzhi",
                "version": __version__,
                "informationUri": TOOL_URI,
                "rules": rules,
            }
        },
        "invocations": [invocation],
    }
    files: dict[str, dict[str, Any]] = {}  # by URI: a file named two ways is one artifact
    for file, role in artifacts:
        where = artifact_location(file)
        files.setdefault(where["uri"], {"location": where, "roles": [role]})
    if files:
        run["artifacts"] = list(files.values())
    run.update({"results": results, "columnKind": "unicodeCodePoints", "properties": props})
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
