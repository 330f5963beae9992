"""What the service does for each request, without HTTP: the same functions the commands call.

Each function takes the parsed request and returns an :class:`Answer` (the bytes the command would
print, their media type, the command's exit status), or raises
:class:`~changrenzhi.errors.ChangrenzhiError` for bad input, as the commands do. These run in the
service's worker threads, off the event loop.

Packs come from two places only: a shipped pack, by name, and the text a request carries. A pack's
text is read as :func:`~changrenzhi.loading.loads_pack` reads it, with its ``extends:`` confined to
the shipped packs: no path a request writes reaches the server's files.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import PackError, Problem, UsageError
from ..events import EventLog, read_events, read_objects
from ..events.fields import BadValue, parse_date
from ..outputs.places import Failure
from ..pack.model import Pack
from .contract import InlinePack

__all__ = [
    "EVENTS",
    "REQUEST",
    "Answer",
    "NotFound",
    "check",
    "compare_packs",
    "diff",
    "error_document",
    "events_of",
    "explain",
    "json_bytes",
    "lint",
    "pack_of",
    "packs_listing",
    "parse_json",
    "rules",
    "shipped",
]

#: how problems name the request body, and the event log a request carries
REQUEST = "<request>"
EVENTS = "<events>"

#: media type of each output format
MEDIA = {
    "json": "application/json",
    "sarif": "application/sarif+json",
    "junit": "application/xml",
    "github": "text/plain; charset=utf-8",
    "text": "text/plain; charset=utf-8",
    "markdown": "text/markdown; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "html": "text/html; charset=utf-8",
}


@dataclass(frozen=True, slots=True)
class Answer:
    """A command's output: its bytes, their media type, and the command's exit status."""

    body: bytes
    media_type: str
    exit_code: int = 0


class NotFound(UsageError):
    """A shipped pack, or a schema, that does not exist (404 when the path names it)."""


# ---- input -------------------------------------------------------------------------------------
class _Pairs(list[tuple[str, Any]]):
    pass


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Duplicate(key)
        out[key] = value
    return out


class _Duplicate(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def parse_json(body: bytes, file: str = REQUEST) -> Any:
    """``body`` as strict JSON (UTF-8, no key named twice, no ``NaN`` or ``Infinity``), or a
    :class:`UsageError` saying where it is broken."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _bad(file, None, None, f"not UTF-8 (byte {exc.start})") from None
    try:
        return json.loads(text, object_pairs_hook=_object, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise _bad(
            file, exc.lineno, None, f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
        ) from None
    except _Duplicate as exc:
        raise _bad(file, None, exc.key, "named twice in one object; a key may appear once") from None
    except ValueError as exc:
        raise _bad(file, None, None, f"not valid JSON ({exc})") from None


def _bad(file: str, line: int | None, field: str | None, message: str) -> PackError:
    # a located error whose one problem is the request's: the error document names file, line, field
    return PackError([Problem(file, line, field, message)])


def as_of_of(text: str, field: str = "as_of") -> date:
    """``as_of`` as ``--as-of`` reads it."""
    try:
        return parse_date(text)
    except BadValue as bad:
        raise _bad(REQUEST, None, field, str(bad)) from None


def events_of(events: Sequence[Any] | str | bytes) -> tuple[EventLog, Mapping[int, str]]:
    """The log a request carries (a JSON array of events, or JSON Lines as text), read as the CLI
    reads a log, and the raw text of its lines by number (for ``explain``): for an array, each
    event's line is its index, and its text the event as compact JSON."""
    if isinstance(events, str | bytes):
        data = events.encode("utf-8", "surrogatepass") if isinstance(events, str) else events
        log = read_events(text=data, name=EVENTS)
        split = data.split(b"\n")
        raw = {
            e.line: split[e.line - 1].decode("utf-8", "replace").strip().removeprefix("\ufeff")
            for e in log.events
            if 0 < e.line <= len(split)
        }
        return log, raw
    log = read_objects(events, name=EVENTS)
    raw = {}
    for e in log.events:
        if 0 <= e.line < len(events):
            raw[e.line] = json.dumps(events[e.line], ensure_ascii=False, separators=(",", ":"))
    return log, raw


def events_body(body: bytes, media_type: str) -> Sequence[Any] | bytes:
    """A raw request body as events: a JSON array (``application/json``, or a body whose first
    character is ``[``), else JSON Lines."""
    json_type = media_type.split(";", maxsplit=1)[0].strip().lower() in ("application/json", "text/json")
    if json_type or body.lstrip()[:1] == b"[":
        items = parse_json(body, EVENTS)
        if not isinstance(items, list):
            raise _bad(
                EVENTS,
                None,
                None,
                "expected a JSON array of events (send JSON Lines as application/x-ndjson)",
            )
        return items
    return body


# ---- packs ---------------------------------------------------------------------------------------
def shipped(name: str) -> Path:
    """The folder of the shipped pack ``name`` (:class:`NotFound` otherwise)."""
    from ..pack.model import shipped_packs

    packs = shipped_packs()
    if name not in packs:
        known = ", ".join(sorted(packs))
        raise NotFound(f"{name!r}: no such shipped pack (shipped: {known})")
    return packs[name]


@cache
def _load_shipped(name: str) -> Pack:
    from ..loading import load_pack

    return load_pack(_named(name))


def _named(name: str) -> str:
    """The folder of a shipped pack as the command line names it: relative to the working folder
    when inside it (a checkout), else where it is installed."""
    from ..loading import checkout_copy

    folder = shipped(name)
    local, _ = checkout_copy(name)  # a checkout's copy of the same bytes: named as the CLI names it
    if local is not None:
        return str(local)
    rel = os.path.relpath(folder)
    return rel if not rel.startswith("..") else str(folder)


@cache
def _nowhere() -> Path:
    """An empty folder: the tree a request's pack may reach with a relative ``extends:`` (none)."""
    return Path(tempfile.mkdtemp(prefix="changrenzhi-serve-"))


def _confined(text: str, file: str, *, unreadable_ok: bool = False) -> None:
    """Refuse an ``extends:`` that names anything but a shipped pack, before it is resolved
    (``unreadable_ok``: YAML that cannot be read passes, for lint to report as its problem)."""
    from ..pack.extends import is_extending
    from ..pack.model import shipped_packs
    from ..pack.yamlsafe import load_yaml

    try:
        data, lines = load_yaml(text, file)
    except PackError:
        if unreadable_ok:
            return
        raise
    if not is_extending(data) or "extends" not in data:
        return
    ref = data["extends"]
    if isinstance(ref, str) and ref in shipped_packs():
        return
    known = ", ".join(sorted(shipped_packs()))
    raise PackError(
        [
            Problem(
                file,
                lines.line(("extends",)),
                "extends",
                f"a pack sent to the service may extend only a shipped pack ({known})",
            )
        ]
    )


def pack_of(ref: str | Mapping[str, Any] | InlinePack, file: str = "<pack>") -> Pack:
    """A shipped pack (by name, loaded once per process) or a pack's text (``{"yaml": ...}``, an
    :class:`~changrenzhi.serve.contract.InlinePack`), named ``file`` in problems."""
    from ..loading import loads_pack

    if isinstance(ref, str):
        return _load_shipped(ref)
    text = ref["yaml"] if isinstance(ref, Mapping) else ref.yaml
    _confined(text, file)
    return loads_pack(text, file=file, root=_nowhere())


# ---- the commands --------------------------------------------------------------------------------
def check(pack: Pack, events: Sequence[Any] | str | bytes, as_of: date, fmt: str, lang: str) -> Answer:
    """``changrenzhi check``."""
    from ..engine.core import evaluate
    from ..outputs.formats import render_report
    from ..outputs.reports import report_json_bytes

    log, _ = events_of(events)
    report = evaluate(pack, log, as_of)
    body = (
        report_json_bytes(report, lang)
        if fmt == "json"
        else render_report(report, fmt, lang, pack).encode("utf-8", "backslashreplace")
    )
    return Answer(body, MEDIA[fmt], report.exit_code)


def explain(
    pack: Pack, events: Sequence[Any] | str | bytes, as_of: date, finding: str, fmt: str, lang: str
) -> Answer:
    """``changrenzhi explain``."""
    from ..explain import explain as trace
    from ..explain import render

    log, raw = events_of(events)

    def lines(ns: Sequence[int]) -> Mapping[int, str]:
        return {n: raw[n] for n in ns if n in raw}

    t = trace(pack, log, as_of, finding, lines, lang)
    return Answer(_utf8(render(t, fmt, lang)), MEDIA[fmt])


def lint(
    refs: Sequence[str | Mapping[str, Any] | InlinePack], sources: Mapping[str, str], fmt: str, lang: str
) -> Answer:
    """``changrenzhi lint``: each pack by name or text (a text is ``<packs[i]>`` in problems)."""
    from ..lint import LintResult, lint_paths, lint_text
    from ..outputs.formats import FORMATS

    texts = {name: text.splitlines() for name, text in sources.items()}
    files: list[str] = []
    problems: list[Any] = []
    for i, ref in enumerate(refs):
        if isinstance(ref, str):
            result = lint_paths([_named(ref)], texts)
            files.extend(result.files)
            problems.extend(result.problems)
            continue
        label = f"<packs[{i}]>"
        text = ref["yaml"] if isinstance(ref, Mapping) else ref.yaml
        _confined(text, label, unreadable_ok=True)
        files.append(label)
        problems.extend(lint_text(text, label, texts, root=_nowhere()))
    result = LintResult(tuple(files), tuple(problems), tuple(sorted(texts)))
    return Answer(_utf8(FORMATS[fmt].lint(result, lang)), MEDIA[fmt], result.exit_code)


def diff(old: Pack, new: Pack, fmt: str, lang: str) -> Answer:
    """``changrenzhi diff``."""
    from ..diff import diff_packs, render_diff

    result = diff_packs(old, new)
    return Answer(_utf8(render_diff(result, fmt, lang)), MEDIA[fmt], result.exit_code)


def compare_packs(packs: Sequence[Pack], fmt: str, lang: str) -> Answer:
    """``changrenzhi compare`` (text 100 columns wide, as the CLI draws it off a terminal)."""
    from ..compare import compare, render

    return Answer(_utf8(render(compare(packs), fmt, lang, width=100)), MEDIA[fmt])


def rules(name: str, fmt: str, lang: str) -> Answer:
    """``changrenzhi rules NAME``."""
    from ..outputs.reports import render_rules

    return Answer(_utf8(render_rules(_load_shipped(name), fmt, lang)), MEDIA[fmt])


def packs_listing() -> list[dict[str, Any]]:
    """Each shipped pack: its name, id, title and number of rules."""
    from ..pack.model import shipped_packs

    out = []
    for name in sorted(shipped_packs()):
        pack = _load_shipped(name)
        out.append({"name": name, "id": pack.id, "title": pack.name, "rules": len(pack.rules)})
    return out


def error_document(failures: Sequence[Failure], command: str, lang: str = "zh") -> bytes:
    """The JSON error document ``command --format json`` prints for these input errors."""
    from ..outputs.formats import render_errors

    return _utf8(render_errors(failures, "json", command, lang))


def failures(exc: BaseException) -> tuple[Failure, ...]:
    """The input errors an exception reports (as the CLI writes them)."""
    from ..outputs.places import failures_of

    return failures_of(exc)


def json_bytes(value: Any) -> bytes:
    """A small JSON answer (a listing), as the CLI writes JSON: indented, UTF-8."""
    return _utf8(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "backslashreplace")
