"""``evaluate(pack, log, as_of, jobs=2)``: a child forked once the log is read takes rules from the
same queue as this process and sends back their findings. The report is the same as with one
process, whatever the child does (raises, dies, sends nothing)."""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from changrenzhi import EventLog, evaluate, forking, read_events
from changrenzhi.engine import shared
from changrenzhi.engine.core import types_packed, types_read
from changrenzhi.findings import Finding
from changrenzhi.many.synthetic import PACKS
from changrenzhi.periods import Period
from support import counted_forks, county_log, run_cli, shipped_pack

AS_OF = date(2014, 6, 30)


@pytest.fixture(scope="module")
def log_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return county_log(tmp_path_factory.mktemp("jobs"), 5)


def _log(path: Path, pack: str) -> EventLog:
    p = shipped_pack(pack)
    return read_events(path, keep=types_read(p), packed=types_packed(p))


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Forking allowed whatever the machine and the test runner's threads; the children forked."""
    monkeypatch.setattr(shared, "SHARED_FROM", 1000)
    with counted_forks(monkeypatch) as pids:
        yield pids


@pytest.mark.parametrize("pack", PACKS)
def test_two_processes_find_what_one_finds(log_file: Path, forks: list[int], pack: str) -> None:
    p, log = shipped_pack(pack), _log(log_file, pack)
    one = evaluate(p, log, AS_OF)
    assert not forks
    two = evaluate(p, log, AS_OF, jobs=2)
    assert len(forks) == 1
    # the ids worked out where each rule ran are the findings' (to_json writes them, then, and
    # only then, does one work them out)
    assert len(two._worked_out) == len(two.findings) and not one._worked_out
    assert two._worked_out == [f.id for f in two.findings]
    assert two.to_json() == one.to_json()
    assert two.unchecked == one.unchecked


def test_what_the_child_does_not_send_back_is_evaluated_here(
    log_file: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    p, log = shipped_pack("zhangjiagang"), _log(log_file, "zhangjiagang")
    one = evaluate(p, log, AS_OF)
    here = os.getpid()
    take = forking.Queue.take
    taken: list[int | None] = []

    def dies(self: Any) -> Any:  # the child dies having taken its second rule
        k = take(self)
        if os.getpid() != here:
            taken.append(k)
            if len(taken) == 2:
                os._exit(3)
        return k

    monkeypatch.setattr(forking.Queue, "take", dies)
    taken_in = _taken_in(monkeypatch)
    assert evaluate(p, log, AS_OF, jobs=2).to_json() == one.to_json()
    assert forks
    assert sum(n for n, _ in taken_in) == 1  # the first rule it took it sent; the second is evaluated here


def _taken_in(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, bool]]:
    """What this process takes in of the child's findings at each time: how many rules' findings,
    and whether it waited for the child to end."""
    got: list[tuple[int, bool]] = []
    take_in = shared._Child.take_in

    def noted(self: Any, found: dict[int, Any], to_the_end: bool = False) -> None:
        before = len(found)
        take_in(self, found, to_the_end)
        got.append((len(found) - before, to_the_end))

    monkeypatch.setattr(shared._Child, "take_in", noted)
    return got


def test_what_the_child_finds_is_taken_in_as_it_comes(
    log_file: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """This process takes in the findings of the rules the child evaluated between its own rules,
    not only once the queue is empty."""
    import time

    p, log = shipped_pack("zhangjiagang"), _log(log_file, "zhangjiagang")
    one = evaluate(p, log, AS_OF)
    here = os.getpid()
    take = forking.Queue.take

    def slow_here(self: Any) -> Any:  # this process evaluates slowly: the child has sent some meanwhile
        k = take(self)
        if os.getpid() == here and k is not None:
            time.sleep(0.2)
        return k

    monkeypatch.setattr(forking.Queue, "take", slow_here)
    taken_in = _taken_in(monkeypatch)
    assert evaluate(p, log, AS_OF, jobs=2).to_json() == one.to_json()
    assert sum(n for n, at_the_end in taken_in if not at_the_end) > 0


def test_a_rule_that_raises_raises_here(
    log_file: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    p, log = shipped_pack("guoyuan"), _log(log_file, "guoyuan")
    broken = p.rules[-1]  # the lightest rules are taken last: most likely by whichever is free

    def evaluate_broken(*args: Any) -> Any:
        raise RuntimeError(f"rule {broken.id} is broken")

    monkeypatch.setattr(type(broken.impl), "evaluate", evaluate_broken)
    with pytest.raises(RuntimeError, match="is broken"):
        evaluate(p, log, AS_OF, jobs=2)
    assert forks


def test_an_interrupt_leaves_no_child_behind(
    log_file: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    p, log = shipped_pack("zhangjiagang"), _log(log_file, "zhangjiagang")
    here = os.getpid()
    take = forking.Queue.take

    def interrupted(self: Any) -> Any:
        if os.getpid() == here:
            raise KeyboardInterrupt
        return take(self)

    monkeypatch.setattr(forking.Queue, "take", interrupted)
    with pytest.raises(KeyboardInterrupt):
        evaluate(p, log, AS_OF, jobs=2)
    assert forks  # and the fixture finds it waited for


def test_no_child_without_leave_to_fork(log_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[int] = []

    def fork(*args: Any) -> tuple[int, int]:
        made.append(1)
        raise AssertionError("no child should be forked")

    monkeypatch.setattr(forking, "fork_writing", fork)
    p, log = shipped_pack("guoyuan"), _log(log_file, "guoyuan")
    evaluate(p, log, AS_OF, jobs=2)  # a small log
    monkeypatch.setattr(shared, "SHARED_FROM", 1000)
    monkeypatch.setattr(forking, "cpus", lambda: 1)
    evaluate(p, log, AS_OF, jobs=2)
    monkeypatch.setattr(forking, "cpus", lambda: 8)
    monkeypatch.setattr(forking, "_alone", lambda: False)  # another thread runs
    evaluate(p, log, AS_OF, jobs=2)
    assert not made


@pytest.mark.parametrize("jobs", [0, -1, 1.5, "2", None])
def test_jobs_must_be_a_whole_number(log_file: Path, jobs: Any) -> None:
    with pytest.raises(TypeError, match="evaluate: jobs must be a whole number >= 1"):
        evaluate(shipped_pack("guoyuan"), _log(log_file, "guoyuan"), AS_OF, jobs=jobs)


def test_check_with_jobs_says_the_same(log_file: Path, forks: list[int]) -> None:
    args = ["check", "zhangjiagang", str(log_file), "--as-of", "2014-06-30", "--format", "json"]
    one = run_cli(*args, "--jobs", "1")
    assert not forks
    two = run_cli(*args, "--jobs", "2")
    assert len(forks) == 1  # the log is small: read whole; the rules shared
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)


def test_findings_and_periods_pickle_as_they_are(log_file: Path) -> None:
    """(Pickled by their constructor: what goes between processes comes back equal.)"""
    report = evaluate(shipped_pack("zhangjiagang"), _log(log_file, "zhangjiagang"), AS_OF)
    findings = list(report.findings)
    back = pickle.loads(pickle.dumps(findings))
    assert back == findings
    assert [f.id for f in back] == [f.id for f in findings]
    assert all(type(f) is Finding for f in back)
    period = next(f.period for f in findings if f.period is not None)
    assert pickle.loads(pickle.dumps(period)) == period and isinstance(period, Period)


def test_a_child_killed_while_it_holds_the_queue_leaves_it_free() -> None:
    """The queue's lock is the kernel's (flock on a file each process opens): it goes with a child
    that dies holding it, so this process never waits for it (a pipe's byte would be lost)."""
    import fcntl
    import signal
    import time

    queue = forking.Queue([7, 8])
    try:
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child: takes the lock, and is killed holding it
            fcntl.flock(queue._lock(), fcntl.LOCK_EX)
            time.sleep(60)
            os._exit(0)
        time.sleep(0.3)  # the child holds the lock by now (the take below would wait without the kill)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)

        def hung(*_: Any) -> None:
            raise TimeoutError("the queue's lock stayed held by a dead child")

        before = signal.signal(signal.SIGALRM, hung)
        signal.alarm(10)  # fail, rather than hang, if the lock stayed held
        try:
            assert [queue.take(), queue.take(), queue.take()] == [7, 8, None]
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, before)
    finally:
        queue.close()


@pytest.mark.parametrize("jobs", [1, 2])
def test_rules_of_one_index_are_ordered_together(log_file: Path, forks: list[int], jobs: int) -> None:
    """Each rule's findings are put in order where the rule ran, and the report's are the rules' in
    the order of their index: when rules share an index (a pack made by hand), the findings are
    ordered all together, as the index comes first in the order of findings."""
    import dataclasses

    from changrenzhi.engine.core import _sort_key

    p, log = shipped_pack("zhangjiagang"), _log(log_file, "zhangjiagang")
    one = evaluate(p, log, AS_OF)
    index = {r.id: r.index for r in p.rules}
    keys = [_sort_key(f, index[f.rule]) for f in one.findings]
    assert keys == sorted(keys)  # the rules' own order, each rule's findings in theirs
    same = dataclasses.replace(p, rules=tuple(dataclasses.replace(r, index=0) for r in p.rules))
    together = evaluate(same, log, AS_OF, jobs=jobs)
    assert sorted(f.rule for f in together.findings) == sorted(f.rule for f in one.findings)
    keys = [_sort_key(f, 0) for f in together.findings]
    assert keys == sorted(keys)
    assert [f.rule for f in together.findings] != [f.rule for f in one.findings]  # interleaved
