"""Reading a log in parts (``read_events(path, jobs=N)``) gives what one process gives: the same log,
or the same problems, wherever the cuts fall and whatever is wrong with the log. The parts are made
small (``PART_BYTES``) so that a drawn town's log is cut in two to four; the children are real."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from changrenzhi import EventLog, EventLogError, forking, read_events, shipped_packs
from changrenzhi.engine.core import types_packed, types_read
from changrenzhi.events import parts, reader
from support import Town, same_log, shipped_pack, towns

PACKS = sorted(shipped_packs())

#: what may be done to a drawn log before it is read: nothing, or one of these
SPOIL = ["none", "duplicate a line", "a line that is not JSON", "an unknown rep", "a field unknown"]


def _read(path: Path, jobs: int, pack: str, early: list[bool] | None = None) -> EventLog | list[str]:
    """The log, or its problems; ``early`` (noted in it: whether it was): read as ``check`` reads it,
    the last part's child started before what to keep is known (events.parts.Early)."""
    p = shipped_pack(pack)
    started = reader.start_early(str(path), jobs) if early is not None else None
    if early is not None:
        early.append(started is not None)
    try:
        if started is None:
            return read_events(path, keep=types_read(p), packed=types_packed(p), jobs=jobs)
        return reader.read_path(str(path), None, 50, types_read(p), types_packed(p), jobs, None, started)
    except EventLogError as exc:
        return [str(problem) for problem in exc.problems]
    finally:
        if started is not None:
            started.close()


def _spoiled(town: Town, how: str, at: int) -> list[str]:
    lines = town.lines()
    k = at % len(lines)
    if how == "duplicate a line":
        lines.append(lines[k])
    elif how == "a line that is not JSON":
        lines.insert(k, '{"id": "x"')
    elif how == "an unknown rep":
        lines.insert(k, json.dumps({"id": "v?", "type": "contact.visit", "date": town.start.isoformat(),
                                    "rep": "nobody", "person": "p"}))  # fmt: skip
    elif how == "a field unknown":
        event = json.loads(lines[k])
        event["colour"] = "red"
        lines[k] = json.dumps(event, ensure_ascii=False)
    return lines


@given(
    towns(),
    st.sampled_from(PACKS),
    st.integers(2, 4),
    st.integers(3, 12),
    st.sampled_from(SPOIL),
    st.integers(0, 10_000),
    st.booleans(),
)
def test_a_log_read_in_parts_is_what_one_process_reads(
    town: Town, pack: str, jobs: int, cut: int, how: str, at: int, early: bool
) -> None:
    lines = _spoiled(town, how, at)
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as mp:
        path = Path(folder) / "town.jsonl"
        path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
        size = os.path.getsize(path)
        mp.setattr(parts, "PART_BYTES", max(1, size // cut))
        mp.setattr(forking, "cpus", lambda: 8)
        mp.setattr(forking, "_alone", lambda: True)
        forked: list[int] = []
        fork = parts._fork

        def counted(*args: Any) -> Any:
            forked.append(1)
            return fork(*args)

        mp.setattr(parts, "_fork", counted)
        whole = _read(path, 1, pack)
        assert not forked
        started: list[bool] = []
        split = _read(path, jobs, pack, started if early else None)
        assert forked or parts.cuts(path, jobs) is None  # a line too long to cut near: read whole
        event(f"{len(forked) + 1 if forked else 'no'} parts{' (early)' if any(started) else ''}")
    if isinstance(whole, list):
        event("problems")
        assert split == whole
    else:
        assert isinstance(split, EventLog), split
        same_log(split, whole)
