"""The public API (``changrenzhi/__init__.py``) misused: an argument of the wrong sort raises a
:class:`TypeError` (or a :class:`ChangrenzhiError`) that says what to pass, never an
``AttributeError`` or a ``KeyError`` from deep inside."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

import pytest

import changrenzhi
from changrenzhi import (
    ChangrenzhiError,
    EventLog,
    Finding,
    Pack,
    Report,
    UsageError,
    evaluate,
    load_pack,
    loads_pack,
    read_events,
)
from support import DATA, ROOT

PACK_DIR = DATA / "packs" / "minimal"
SMALL = DATA / "logs" / "small_group.jsonl"
AS_OF = date(2011, 6, 30)


@functools.cache
def pack() -> Pack:
    return load_pack(PACK_DIR)


@functools.cache
def log() -> EventLog:
    return read_events(SMALL)


@functools.cache
def report() -> Report:
    return evaluate(pack(), log(), AS_OF)


def finding() -> Finding:
    return report().findings[0]


def other_finding() -> Finding:
    """A finding of another report, equal in every field to one of this report's."""
    return evaluate(pack(), read_events(SMALL), AS_OF).findings[0]


# (what is called, the exception, a fragment of its message)
MISUSES: list[tuple[str, Callable[[], object], type[Exception], str]] = [
    # load_pack
    ("load_pack(None)", lambda: load_pack(cast(Any, None)), TypeError, "got None"),
    ("load_pack(bytes)", lambda: load_pack(cast(Any, b"policies/guoyuan")), TypeError, "decode it"),
    ("load_pack(dict)", lambda: load_pack(cast(Any, {"id": "x"})), TypeError, "got dict"),
    ("load_pack(int)", lambda: load_pack(cast(Any, 3)), TypeError, "a str or a Path"),
    ("load_pack(Pack)", lambda: load_pack(cast(Any, pack())), TypeError, "loaded already"),
    ("load_pack(yaml)", lambda: load_pack("id: x\nname: y\n"), TypeError, r"loads_pack\(text\)"),
    ("load_pack(registry=str)", lambda: load_pack(PACK_DIR, cast(Any, "reg")), TypeError, "Registry"),
    ("load_pack(missing)", lambda: load_pack("no-such-pack"), UsageError, "not a shipped pack"),
    # loads_pack
    ("loads_pack(None)", lambda: loads_pack(cast(Any, None)), TypeError, "YAML text of a pack"),
    ("loads_pack(bytes)", lambda: loads_pack(cast(Any, b"id: x")), TypeError, "decode them first"),
    ("loads_pack(Path)", lambda: loads_pack(cast(Any, PACK_DIR / "pack.yaml")), TypeError, "load_pack"),
    ("loads_pack(file=Path)", lambda: loads_pack("id: x", file=cast(Any, Path("x"))), TypeError, "file must"),
    ("loads_pack(registry=dict)", lambda: loads_pack("id: x", cast(Any, {})), TypeError, "Registry"),
    # read_events
    ("read_events(None)", lambda: read_events(None), TypeError, "no log given"),
    ("read_events(bytes)", lambda: read_events(cast(Any, b"{}")), TypeError, "text="),
    ("read_events(dict)", lambda: read_events(cast(Any, {"id": "e"})), TypeError, r"\[event\]"),
    ("read_events(int)", lambda: read_events(cast(Any, 7)), TypeError, "got int 7"),
    ("read_events(json)", lambda: read_events('{"id": "e"}'), TypeError, "text="),
    ("read_events(text=list)", lambda: read_events(text=cast(Any, ["{}"])), TypeError, "text must"),
    ("read_events(max_errors=str)", lambda: read_events([], max_errors=cast(Any, "5")), TypeError, "max_"),
    # evaluate
    ("evaluate(str pack)", lambda: evaluate(cast(Any, "guoyuan"), log(), AS_OF), TypeError, "load_pack"),
    ("evaluate(None pack)", lambda: evaluate(cast(Any, None), log(), AS_OF), TypeError, "pack must"),
    (
        "evaluate(path events)",
        lambda: evaluate(pack(), cast(Any, str(SMALL)), AS_OF),
        TypeError,
        "read_events",
    ),
    ("evaluate(Path events)", lambda: evaluate(pack(), cast(Any, SMALL), AS_OF), TypeError, "read_events"),
    ("evaluate(bytes events)", lambda: evaluate(pack(), cast(Any, b"{}"), AS_OF), TypeError, "read_events"),
    ("evaluate(None events)", lambda: evaluate(pack(), cast(Any, None), AS_OF), TypeError, "events must"),
    ("evaluate(dict events)", lambda: evaluate(pack(), cast(Any, {"id": "e"}), AS_OF), TypeError, "got dict"),
    ("evaluate(int events)", lambda: evaluate(pack(), cast(Any, 3), AS_OF), TypeError, "events must"),
    (
        "evaluate(str as_of)",
        lambda: evaluate(pack(), log(), cast(Any, "2011-06-30")),
        TypeError,
        "fromisoformat",
    ),
    ("evaluate(dict as_of)", lambda: evaluate(pack(), log(), cast(Any, {})), TypeError, "datetime.date"),
    ("evaluate(None as_of)", lambda: evaluate(pack(), log(), cast(Any, None)), TypeError, "as_of must"),
    ("evaluate(datetime)", lambda: evaluate(pack(), log(), datetime(2011, 6, 30)), TypeError, r"\.date\(\)"),
    # Report and Finding
    ("Finding.message(None)", lambda: finding().message(cast(Any, None)), TypeError, "'zh', 'en'"),
    ("Finding.message('fr')", lambda: finding().message("fr"), UsageError, "'zh', 'en'"),
    ("Finding.to_json(5)", lambda: finding().to_json(cast(Any, 5)), TypeError, "lang must"),
    ("Finding.to_json(id=5)", lambda: finding().to_json("zh", cast(Any, 5)), TypeError, "finding_id"),
    ("Report.to_json('fr')", lambda: report().to_json("fr"), UsageError, "lang must"),
    ("Report.to_json(None)", lambda: report().to_json(cast(Any, None)), TypeError, "lang must"),
    ("Report.id_of(None)", lambda: report().id_of(cast(Any, None)), TypeError, "expected a Finding"),
    ("Report.id_of(str)", lambda: report().id_of(cast(Any, "cf41a734")), TypeError, "expected a Finding"),
    ("Report.id_of(other)", lambda: report().id_of(other_finding()), UsageError, "not one of the report's"),
]


@pytest.mark.parametrize(("call", "error", "match"), [m[1:] for m in MISUSES], ids=[m[0] for m in MISUSES])
def test_misuse_says_what_to_pass(call: Callable[[], object], error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match) as info:
        call()
    assert isinstance(info.value, TypeError | ChangrenzhiError)
    assert not isinstance(info.value, AttributeError | KeyError)


def test_every_public_callable_is_covered() -> None:
    """Each function and each class's methods of the public API have at least one misuse above."""
    named = {m[0].split("(")[0] for m in MISUSES}
    assert {"load_pack", "loads_pack", "read_events", "evaluate"} <= named
    for cls, methods in ((Finding, ("message", "to_json")), (Report, ("to_json", "id_of"))):
        for method in methods:
            assert f"{cls.__name__}.{method}" in named
    assert set(changrenzhi.__all__) >= {
        "evaluate",
        "load_pack",
        "loads_pack",
        "read_events",
        "Report",
        "Finding",
    }


def test_right_use_still_works() -> None:
    rep = report()
    assert rep.to_json("en")["findings"][0]["message"] == finding().message("en")
    assert rep.id_of(finding()) == rep.finding_ids()[0]
    assert finding().to_json("zh", "x")["id"] == "x"
    assert evaluate(load_pack(str(PACK_DIR)), log(), AS_OF).to_json() == rep.to_json()
    assert load_pack(ROOT / "policies" / "guoyuan").id == "guoyuan"
