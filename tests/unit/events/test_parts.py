"""``read_events(path, jobs=N)``: a large file read in parts, a child forked for each part but the
first. The parts here are small (``PART_BYTES`` lowered), so that a test log of some 700 KB is cut
into as many parts as asked, and the children are real processes."""

from __future__ import annotations

import gzip
import itertools
import os
import re
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from changrenzhi import EventLogError, forking, read_events
from changrenzhi.engine.core import types_packed, types_read
from changrenzhi.events import parts, typed
from changrenzhi.events import reader as reader_module
from changrenzhi.events.fields import SPECS
from support import counted_forks, county_log, run_cli, same_log, shipped_pack

ZJG = shipped_pack("zhangjiagang")
KEEP, PACKED = types_read(ZJG) or frozenset(), types_packed(ZJG)
assert KEEP


@pytest.fixture(scope="module")
def log_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return county_log(tmp_path_factory.mktemp("parts"), 11)


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[int, int]]]:
    """Small parts, CPUs enough for four, no thread of the test runner in the way; the parts the
    children were forked for."""
    monkeypatch.setattr(parts, "PART_BYTES", 1 << 16)
    made: list[tuple[int, int]] = []
    fork = parts._fork

    def counted(reader: Any, feed: Any, path: Any, start: int, stop: int, last: bool, plan: int = -1) -> Any:
        made.append((start, stop))
        return fork(reader, feed, path, start, stop, last, plan)

    monkeypatch.setattr(parts, "_fork", counted)
    with counted_forks(monkeypatch):
        yield made


ALL_TYPES = frozenset(SPECS)


@pytest.mark.parametrize("jobs", [2, 3, 4])
@pytest.mark.parametrize("how", ["every-type", "keep", "packed"])
def test_a_file_read_in_parts_is_the_log_read_whole(
    log_file: Path, forks: list[tuple[int, int]], jobs: int, how: str
) -> None:
    options: dict[str, dict[str, Any]] = {
        "every-type": {"keep": ALL_TYPES},
        "keep": {"keep": KEEP},
        "packed": {"keep": KEEP, "packed": PACKED},
    }
    kw = options[how]
    whole = read_events(log_file, **kw)
    assert not forks
    split = read_events(log_file, jobs=jobs, **kw)
    assert len(forks) == jobs - 1
    same_log(split, whole)
    if how == "every-type":
        same_log(split, read_events(log_file))


def test_the_cuts_fall_at_line_starts(log_file: Path, forks: list[tuple[int, int]]) -> None:
    data = log_file.read_bytes()
    at = parts.cuts(log_file, 4)
    assert at is not None and len(at) == 5
    assert at[0] == 0 and at[-1] == len(data)
    assert all(data[k - 1 : k] == b"\n" for k in at[1:-1])
    assert at == sorted(set(at))
    sizes = [b - a for a, b in itertools.pairwise(at)]
    assert min(sizes) >= parts.PART_BYTES
    assert sizes[0] > 1.05 * max(sizes[1:])  # this process's part is a tenth larger than the others


def test_not_cut(log_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forking, "cpus", lambda: 8)
    monkeypatch.setattr(forking, "_alone", lambda: True)
    assert parts.cuts(log_file, 4) is None  # under two parts of PART_BYTES
    monkeypatch.setattr(parts, "PART_BYTES", 1 << 16)
    assert parts.cuts(log_file, 1) is None
    assert parts.cuts(log_file, 2) is not None
    monkeypatch.setattr(forking, "cpus", lambda: 1)
    assert parts.cuts(log_file, 2) is None
    monkeypatch.setattr(forking, "cpus", lambda: 8)
    monkeypatch.setattr(sys, "platform", "darwin")
    assert parts.cuts(log_file, 2) is None
    monkeypatch.setattr(sys, "platform", "linux")
    # no line end near the middle: the line there is too long (its reading says so)
    long = tmp_path / "long.jsonl"
    long.write_bytes(b"{}\n" * 20000 + b"x" * 200_000 + b"\n" + b"{}\n" * 20000)
    assert parts.cuts(long, 2) is None


def test_not_cut_while_another_thread_runs(log_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parts, "PART_BYTES", 1 << 16)
    monkeypatch.setattr(forking, "cpus", lambda: 8)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert parts.cuts(log_file, 2) is None
    finally:
        stop.set()
        other.join()


def test_a_log_kept_whole_is_read_by_one_process(log_file: Path, forks: list[tuple[int, int]]) -> None:
    same_log(read_events(log_file, jobs=4), read_events(log_file))
    assert not forks


def test_a_gzipped_file_is_read_whole(log_file: Path, tmp_path: Path, forks: list[tuple[int, int]]) -> None:
    packed = tmp_path / "town.jsonl.gz"
    packed.write_bytes(gzip.compress(log_file.read_bytes()))
    same_log(read_events(packed, keep=KEEP, jobs=4), read_events(log_file, keep=KEEP))
    assert not forks


def _with_line(log_file: Path, tmp_path: Path, line: bytes, at: float) -> Path:
    """The log with ``line`` added after the line at ``at`` (a share of the file)."""
    data = log_file.read_bytes()
    cut = data.index(b"\n", int(len(data) * at)) + 1
    path = tmp_path / "spoiled.jsonl"
    path.write_bytes(data[:cut] + line + b"\n" + data[cut:])
    return path


def _problems(path: Path, **kw: Any) -> list[str]:
    with pytest.raises(EventLogError) as info:
        read_events(path, **kw)
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize("at", [0.1, 0.6, 0.95])
@pytest.mark.parametrize(
    "line",
    [
        b'{"id": "bad-1", "type": "contact.visit", "date": "2013-01-01", "rep": "nobody", "person": "p"}',
        b'{"id": "bad-2", "type": "contact.visit", "date": "2013-01-01", "rep": "R0001", "persno": "p"}',
        b"not json",
    ],
    ids=["unknown-rep", "unknown-field", "not-json"],
)
def test_a_problem_in_any_part_is_found_as_in_the_whole(
    log_file: Path, tmp_path: Path, forks: list[tuple[int, int]], line: bytes, at: float
) -> None:
    path = _with_line(log_file, tmp_path, line, at)
    whole = _problems(path, keep=KEEP, packed=PACKED)
    assert not forks
    assert _problems(path, keep=KEEP, packed=PACKED, jobs=3) == whole
    assert len(forks) == 2


def test_an_unknown_rep_named_in_two_parts_is_reported_at_the_first(
    log_file: Path, tmp_path: Path, forks: list[tuple[int, int]]
) -> None:
    visit = b'{"id": "v-%d", "type": "contact.visit", "date": "2013-01-01", "rep": "nobody", "person": "p"}'
    path = _with_line(log_file, tmp_path, visit % 2, 0.9)
    path = _with_line(path, tmp_path, visit % 1, 0.6)
    whole = _problems(path, keep=KEEP, packed=PACKED)
    assert len(whole) == 1 and "unknown rep 'nobody'" in whole[0]
    assert _problems(path, keep=KEEP, packed=PACKED, jobs=4) == whole
    assert len(forks) == 3


@pytest.mark.parametrize("etype", ["rep.elected", "publicity.posted"])  # kept as an object; not kept
def test_an_id_in_two_parts(log_file: Path, tmp_path: Path, forks: list[tuple[int, int]], etype: str) -> None:
    assert ("rep.elected" in KEEP, "publicity.posted" in KEEP) == (True, False)
    tag = b'"type":"%s"' % etype.encode()
    first = next(line for line in log_file.read_bytes().splitlines() if tag in line)
    path = _with_line(log_file, tmp_path, first, 0.8)
    whole = _problems(path, keep=KEEP)
    assert any("duplicate id" in p for p in whole)
    assert _problems(path, keep=KEEP, jobs=2) == whole
    assert forks


def test_a_rep_named_in_an_earlier_part_than_the_one_electing_him(
    log_file: Path, tmp_path: Path, forks: list[tuple[int, int]]
) -> None:
    visit = b'{"id": "early", "type": "contact.visit", "date": "2011-07-02", "rep": "R-late", "person": "p"}'
    elected = b'{"id": "late", "type": "rep.elected", "date": "2016-01-01", "rep": "R-late"}'
    path = _with_line(log_file, tmp_path, visit, 0.05)
    data = path.read_bytes()
    path.write_bytes(data + elected + b"\n")
    whole = read_events(path, keep=KEEP, packed=PACKED)
    same_log(read_events(path, keep=KEEP, packed=PACKED, jobs=3), whole)
    assert len(forks) == 2


def test_a_child_that_fails_leaves_the_reading_to_this_process(
    log_file: Path, forks: list[tuple[int, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any) -> Any:
        raise RuntimeError("in the child")

    monkeypatch.setattr(parts, "_read_part", broken)  # the child exits sending nothing
    same_log(read_events(log_file, keep=KEEP, jobs=2), read_events(log_file, keep=KEEP))
    assert forks


class _Unpicklable:
    def __reduce__(self) -> Any:
        raise RuntimeError("cannot be sent")


def _cut_short(monkeypatch: pytest.MonkeyPatch, which: Callable[[int], bool]) -> None:
    """The children whose part ends at an offset ``which`` says stop halfway through writing it: a
    megabyte of their state is written before the pickler meets what it cannot send."""
    read_part = parts._read_part

    def cut_short(*args: Any) -> Any:
        part = read_part(*args)
        assert part is not None
        if which(args[4]):
            return part._replace(types=[*part.types, "x" * (1 << 20), _Unpicklable()])  # type: ignore[list-item]
        return part

    monkeypatch.setattr(parts, "_read_part", cut_short)


def test_a_child_that_stops_halfway_through_sending(
    log_file: Path, forks: list[tuple[int, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    _cut_short(monkeypatch, lambda stop: True)
    merged: list[Any] = []
    merge = parts._merge

    def noted(*args: Any) -> None:
        merged.append(args)
        merge(*args)

    monkeypatch.setattr(parts, "_merge", noted)
    same_log(read_events(log_file, keep=KEEP, jobs=2), read_events(log_file, keep=KEEP))
    # the last child never says its part is written: it is not taken, and the log is read again
    assert forks and not merged


def test_a_child_before_the_last_that_stops_halfway_through_sending(
    log_file: Path, forks: list[tuple[int, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    size = log_file.stat().st_size
    _cut_short(
        monkeypatch, lambda stop: stop != size
    )  # the last child, reading up to the end, sends it whole
    got: list[Any] = []
    received = forking.received

    def noted(pid: int, took: int) -> Any:
        got.append(received(pid, took))
        return got[-1]

    monkeypatch.setattr(forking, "received", noted)
    same_log(read_events(log_file, keep=KEEP, jobs=3), read_events(log_file, keep=KEEP))
    assert len(forks) == 2
    assert got == [None]


def _in_the_child(here: int, there: Callable[..., Any], here_too: Callable[..., Any]) -> Callable[..., Any]:
    """A method that does ``there`` in a child and ``here_too`` in this process (``here``)."""

    def either(*args: Any, **kwargs: Any) -> Any:
        return (here_too if os.getpid() == here else there)(*args, **kwargs)

    return either


@pytest.mark.parametrize("says", ["doubt", "nothing"])
def test_the_last_child_checks_the_ids_hashes_and_its_word_is_taken(
    log_file: Path, forks: list[tuple[int, int]], monkeypatch: pytest.MonkeyPatch, says: str
) -> None:
    """The child that read the last part checks the ids' hashes of all the parts: when it says they
    may not be unique, the log is read again, carefully; when it says nothing (it died), this
    process checks them itself. Either way the log is the one read whole."""
    whole = read_events(log_file, keep=KEEP)
    here = os.getpid()
    unique, unique_in, take = typed.IdHashes.unique, typed.IdHashes.unique_in, forking.Queue.take
    checked_here: list[int] = []

    def doubt(*args: Any, **kwargs: Any) -> bool:
        if says == "nothing":
            os._exit(3)
        return False

    def here_too(*args: Any, **kwargs: Any) -> bool:
        checked_here.append(1)
        return unique(*args, **kwargs)

    monkeypatch.setattr(typed.IdHashes, "unique", _in_the_child(here, unique, here_too))
    monkeypatch.setattr(typed.IdHashes, "unique_in", _in_the_child(here, doubt, unique_in))
    # this process takes no share of the hashes: the child checks them all
    monkeypatch.setattr(forking.Queue, "take", _in_the_child(here, take, lambda queue: None))
    careful: list[bool] = []
    read_file = reader_module._read_file

    def noted(*args: Any) -> Any:
        careful.append(args[5])
        return read_file(*args)

    monkeypatch.setattr(reader_module, "_read_file", noted)
    same_log(read_events(log_file, keep=KEEP, jobs=2), whole)
    assert len(forks) == 1
    if says == "doubt":  # read again, carefully, which hashes nothing
        assert careful == [False, True] and not checked_here
    else:
        assert careful == [False] and checked_here == [1]


@pytest.mark.parametrize("at", [0.1, 0.45])
def test_an_id_twice_in_the_first_part_is_found_by_the_last_child(
    log_file: Path, tmp_path: Path, forks: list[tuple[int, int]], at: float
) -> None:
    """Ids of events not kept as objects, hashed: the last child checks this process's with its own."""
    tag = b'"type":"publicity.posted"'
    first = next(line for line in log_file.read_bytes().splitlines() if tag in line)
    path = _with_line(log_file, tmp_path, first, at)
    whole = _problems(path, keep=KEEP)
    assert any("duplicate id" in p for p in whole)
    assert _problems(path, keep=KEEP, jobs=2) == whole
    assert len(forks) == 1


def test_an_interrupt_leaves_no_child_behind(
    log_file: Path, forks: list[tuple[int, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from changrenzhi.events import reader

    here = os.getpid()
    feed = reader._feed_lines

    def interrupted(r: Any, lines: Any, before: int = 0) -> None:
        if os.getpid() == here:
            raise KeyboardInterrupt
        feed(r, lines, before)

    monkeypatch.setattr(reader, "_feed_lines", interrupted)
    with pytest.raises(KeyboardInterrupt):
        read_events(log_file, keep=KEEP, jobs=4)
    assert len(forks) == 3  # and the fixture finds none of them left to wait for


@pytest.mark.parametrize("jobs", [0, -1, 1.5, "2", None])
def test_jobs_must_be_a_whole_number(log_file: Path, jobs: Any) -> None:
    with pytest.raises(TypeError, match="jobs must be a whole number >= 1"):
        read_events(log_file, jobs=jobs)


@pytest.mark.parametrize("jobs", [2, 3])  # two parts: the child started early; three: as usual
def test_check_in_parts_says_the_same_log(log_file: Path, forks: list[tuple[int, int]], jobs: int) -> None:
    args = ["check", "zhangjiagang", str(log_file), "--as-of", "2014-06-30", "--format", "json"]
    one = run_cli(*args, "--jobs", "1")
    assert not forks
    many = run_cli(*args, "--jobs", str(jobs))
    assert len(forks) == jobs - 1
    assert (many.returncode, many.stdout, many.stderr) == (one.returncode, one.stdout, one.stderr)
    if jobs == 2:  # a bad pack: the child started early is stopped (and the fixture finds it waited for)
        bad = run_cli("check", "no-such-pack", str(log_file), "--as-of", "2014-06-30", "--jobs", "2")
        assert bad.returncode == 2 and len(forks) == 2
        return
    auto = run_cli(*args)  # auto: as many as the CPUs (8 here), at most 4
    assert len(forks) == 2 + 3
    assert auto.stdout == one.stdout


def test_progress_of_a_log_read_in_parts(
    log_file: Path, forks: list[tuple[int, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from changrenzhi.outputs.terminal import Progress

    monkeypatch.setattr(Progress, "EVERY_LINE", 0.0)  # a line each chunk read
    args = ["check", "zhangjiagang", str(log_file), "--as-of", "2014-06-30", "--format", "json"]
    one = run_cli(*args, "--jobs", "1", "--progress", "always", "--lang", "en")
    two = run_cli(*args, "--jobs", "2", "--progress", "always", "--lang", "en")
    assert len(forks) == 1
    assert two.stdout == one.stdout
    size = f"{log_file.stat().st_size / (1 << 20):.1f}"
    pattern = re.compile(r"reading .*: ([0-9,]+) lines, ([0-9.]+) of ([0-9.]+) MiB \(([0-9]+)%\)")
    shown = [m.groups() for m in map(pattern.search, two.stderr.splitlines()) if m is not None]
    assert shown, two.stderr
    # what this process reads of its part counts as that share of the whole: never past it
    for _, done, total, pct in shown:
        assert total == size
        assert float(done) <= float(total) and int(pct) <= 100
    assert float(shown[-1][1]) >= 0.9 * float(size)  # its part read, the whole nearly is
    assert "checking 6,0" in two.stderr and "checking 6,0" in one.stderr


@pytest.mark.parametrize("value", ["0", "-2", "two"])
def test_check_refuses_a_bad_jobs(log_file: Path, value: str) -> None:
    got = run_cli("check", "zhangjiagang", str(log_file), "--as-of", "2014-06-30", "--jobs", value)
    assert got.returncode == 2
    assert "--jobs" in got.stderr and "expected auto or a whole number >= 1" in got.stderr


def _read_early(path: Path, keep: frozenset[str] | None, packed: frozenset[str], jobs: int = 2) -> Any:
    """``path`` read as ``check`` reads it: the last part's child started before what to keep is
    known (``start_early``), then the reading told it."""
    early = reader_module.start_early(str(path), jobs)
    try:
        return early, reader_module.read_path(str(path), None, 50, keep, packed, jobs, None, early)
    finally:
        if early is not None:
            early.close()


@pytest.mark.parametrize("pack", ["zhangjiagang", "xianfeng", "guoyuan", "district"])
def test_a_file_read_early_is_the_log_read_whole(
    log_file: Path, forks: list[tuple[int, int]], pack: str
) -> None:
    """The child reads its part before it is told what to keep, keeping every type (visits as
    columns); told, it keeps what it is told from then on, and what it kept before and should not
    have is let go of: the log is the one read whole, whether the pack keeps visits or not."""
    p = shipped_pack(pack)
    keep, packed = types_read(p), types_packed(p)
    whole = read_events(log_file, keep=keep, packed=packed)
    early, split = _read_early(log_file, keep, packed)
    assert early is not None and len(forks) == 1
    size = log_file.stat().st_size
    # this process's part is smaller than the usual first part: the child starts first
    assert early.at[1] < size * parts.FIRST / (parts.FIRST + 1)
    same_log(split, whole)


def test_what_to_keep_told_after_the_child_has_read_its_part(
    log_file: Path, forks: list[tuple[int, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The child waits for what to keep when it has read its part first (the pack loads slowly)."""
    import time

    tell = parts.Early.tell

    def late(self: Any, keep: frozenset[str], packed: frozenset[str]) -> None:
        time.sleep(0.5)
        tell(self, keep, packed)

    monkeypatch.setattr(parts.Early, "tell", late)
    whole = read_events(log_file, keep=KEEP, packed=PACKED)
    _, split = _read_early(log_file, KEEP, PACKED)
    same_log(split, whole)


@pytest.mark.parametrize("late", [False, True])
def test_a_plan_that_cannot_use_what_was_read_has_the_part_read_again(
    log_file: Path, forks: list[tuple[int, int]], monkeypatch: pytest.MonkeyPatch, late: bool
) -> None:
    """Visits kept as objects, not columns: what the child kept before it was told cannot be
    made to fit, so it reads its part again from the start (``late``: it had read all of it)."""
    import time

    if late:
        tell = parts.Early.tell

        def slow(self: Any, keep: frozenset[str], packed: frozenset[str]) -> None:
            time.sleep(0.5)
            tell(self, keep, packed)

        monkeypatch.setattr(parts.Early, "tell", slow)
    assert "contact.visit" in KEEP
    whole = read_events(log_file, keep=KEEP)
    _, split = _read_early(log_file, KEEP, frozenset())
    same_log(split, whole)
    assert not split.packed


def test_a_reading_that_does_not_use_the_child_stops_it(log_file: Path, forks: list[tuple[int, int]]) -> None:
    """Every type kept (a pack with a kind that does not say what it reads): no reading in parts;
    the child started early is stopped by its owner, and the log is the one read whole."""
    early = reader_module.start_early(str(log_file), 2)
    assert early is not None and len(forks) == 1
    try:
        log = reader_module.read_path(str(log_file), None, 50, None, frozenset(), 2, None, early)
        assert early.child.pid < 0  # stopped as soon as the reading saw it would not use it
    finally:
        early.close()
    same_log(log, read_events(log_file))


def test_a_problem_in_the_early_childs_part_is_found_as_in_the_whole(
    log_file: Path, tmp_path: Path, forks: list[tuple[int, int]]
) -> None:
    line = b'{"id": "bad-1", "type": "contact.visit", "date": "2013-01-01", "rep": "nobody", "person": "p"}'
    path = _with_line(log_file, tmp_path, line, 0.9)
    whole = _problems(path, keep=KEEP, packed=PACKED)
    with pytest.raises(EventLogError) as info:
        _read_early(path, KEEP, PACKED)
    assert [str(p) for p in info.value.problems] == whole
    assert len(forks) == 1


@pytest.mark.parametrize("jobs", [1, 3])
def test_no_early_child_but_for_two_parts(log_file: Path, forks: list[tuple[int, int]], jobs: int) -> None:
    """One job: no child; more parts than two (more CPUs): the usual children, forked when what to
    keep is known; a gzipped log or standard input: none either."""
    assert reader_module.start_early(str(log_file), jobs) is None
    assert not forks


def test_no_early_child_for_a_gzipped_log(
    log_file: Path, tmp_path: Path, forks: list[tuple[int, int]]
) -> None:
    path = tmp_path / "log.jsonl.gz"
    path.write_bytes(gzip.compress(log_file.read_bytes()))
    assert reader_module.start_early(str(path), 2) is None
    assert reader_module.start_early(str(tmp_path / "none.jsonl"), 2) is None
    assert not forks
