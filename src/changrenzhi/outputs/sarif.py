"""The SARIF 2.1.0 log of one run, as the ``sarif`` format writes it (:mod:`.formats` builds its
rules and results): the tool, the invocation, the files, and locations relative to ``%SRCROOT%``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .._version import __version__
from .places import artifact_location
from .reports import _json

__all__ = ["SARIF_SCHEMA", "TOOL_URI", "is_file", "location", "sarif_log"]

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
    return _json({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]})
