"""The request bodies the service reads, and the error document it answers bad input with.

Request bodies are pydantic models (strict, unknown keys refused), so that the OpenAPI document
carries their schemas; they are checked after the body is parsed as strict JSON (a key named twice,
``NaN`` or ``Infinity`` are refused first, as the event log's reader refuses them). Responses are
the CLI's JSON outputs, whose schemas ``changrenzhi schema NAME`` prints; the error document is
what every command prints with ``--format json`` when input errors stop it.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..jsontypes import DATE_PATTERN, TypedDict
from ..outputs.places import Failure

__all__ = [
    "CheckRequest",
    "CompareRequest",
    "DiffRequest",
    "ErrorJson",
    "ExplainRequest",
    "InlinePack",
    "LintRequest",
    "PackRef",
    "failures_of_validation",
]

#: the most packs one lint or compare request may name
MAX_PACKS = 20
#: the most source texts one lint request may carry
MAX_SOURCES = 50

Lang = Literal["zh", "en"]
AsOf = Annotated[
    str,
    Field(
        pattern=DATE_PATTERN,
        description="only events on or before this day count; periods ending after it are open",
        examples=["2010-12-31"],
    ),
]
PackName = Annotated[
    str,
    Field(
        min_length=1, max_length=200, description="a shipped pack's name (GET /packs)", examples=["guoyuan"]
    ),
]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class InlinePack(_Body):
    """A pack sent in the request: the text of a ``pack.yaml``. It is read as ``loads_pack`` reads
    text; its ``extends:`` may name a shipped pack only (nothing of the server's files is read)."""

    yaml: str = Field(description="the YAML text of the pack")


#: a shipped pack by name, or a pack's text
PackRef = PackName | InlinePack

EventsField = Annotated[
    list[Any] | str,
    Field(description="the event log: a JSON array of events, or JSON Lines in a string (one event a line)"),
]


class CheckRequest(_Body):
    """``changrenzhi check PACK EVENTS --as-of DATE``."""

    pack: PackRef
    events: EventsField
    as_of: AsOf
    lang: Lang = "zh"
    format: Literal["json", "sarif", "junit", "github", "text"] = "json"


class ExplainRequest(_Body):
    """``changrenzhi explain PACK EVENTS --as-of DATE --finding ID``."""

    pack: PackRef
    events: EventsField
    as_of: AsOf
    finding: str = Field(
        min_length=1, max_length=200, description="a finding's id, or a unique prefix of 4+ characters"
    )
    lang: Lang = "zh"
    format: Literal["json", "text"] = "json"


class LintRequest(_Body):
    """``changrenzhi lint PACK... --source FILE...``."""

    packs: list[PackRef] = Field(min_length=1, max_length=MAX_PACKS)
    sources: dict[str, str] = Field(
        default_factory=dict,
        max_length=MAX_SOURCES,
        description="source texts by the file name citations give (citation.source) -> the text",
    )
    lang: Lang = "zh"
    format: Literal["json", "sarif", "junit", "github", "text"] = "json"


class DiffRequest(_Body):
    """``changrenzhi diff OLD NEW``."""

    old: PackRef
    new: PackRef
    lang: Lang = "zh"
    format: Literal["json", "text"] = "json"


class CompareRequest(_Body):
    """``changrenzhi compare PACK...``."""

    packs: list[PackRef] = Field(min_length=1, max_length=MAX_PACKS)
    lang: Lang = "zh"
    format: Literal["json", "text", "markdown", "csv", "html"] = "json"


class ErrorItemJson(TypedDict):
    """One input error, located as precisely as the input allows."""

    file: str | None
    line: int | None
    field: str | None
    message: str


class ErrorJson(TypedDict):
    """What a command prints with ``--format json`` when input errors stop it (exit status 2), and
    what the service answers with a 4xx or 5xx status."""

    format: Literal["changrenzhi.error/1"]
    errors: list[ErrorItemJson]


#: the parts of a pydantic error's ``loc`` that name a branch of a union, not a field
_BRANCHES = {"str", "InlinePack", "list[any]", "constrained-str"}


def failures_of_validation(exc: ValidationError, file: str = "<request>") -> list[Failure]:
    """A request body's validation errors, each naming its field (``events``, ``packs[1].yaml``)."""
    out: list[Failure] = []
    seen: set[tuple[str, str]] = set()
    for e in exc.errors(include_url=False):
        field = ""
        for step in e["loc"]:
            if isinstance(step, int):
                field += f"[{step}]"
            elif step not in _BRANCHES and not step.startswith(("function-", "json-or-python")):
                field += f".{step}" if field else step
        message = str(e["msg"])
        if (field, message) in seen:
            continue
        seen.add((field, message))
        out.append(Failure(file, None, field or None, message))
    return out
