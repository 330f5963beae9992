"""``changrenzhi.forking``: a child writes its result to a file in memory, which this process reads
once the child is done, and only when the child finished what it was given."""

from __future__ import annotations

import os
import pickle
from typing import BinaryIO

import pytest

from changrenzhi import forking

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def _gone(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_what_a_child_writes_is_read_once_it_is_done() -> None:
    big = os.urandom(3 << 20)  # more than a pipe holds: the child never waits for this process

    def child(out: BinaryIO) -> None:
        out.write(b"head ")
        out.write(big)

    pid, took = forking.fork_writing(child)
    got = forking.finished(pid, took)
    assert got is not None
    with got:
        assert got.read() == b"head " + big
    assert _gone(pid)


def test_a_child_that_fails_halfway_gives_nothing() -> None:
    def child(out: BinaryIO) -> None:
        out.write(b"x" * (1 << 20))
        raise RuntimeError("halfway")

    pid, took = forking.fork_writing(child)
    assert forking.finished(pid, took) is None
    assert _gone(pid)
    with pytest.raises(OSError):  # the file was closed
        os.fstat(took)


def test_received_unpickles_what_the_child_pickled() -> None:
    value = {"ids": [f"visit-{k:07d}" for k in range(50_000)], "n": 7}

    def child(out: BinaryIO) -> None:
        pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)

    pid, took = forking.fork_writing(child)
    assert forking.received(pid, took) == value
    assert _gone(pid)


@pytest.mark.parametrize("how", ["raises", "cut short", "nothing"])
def test_received_is_none_for_a_child_that_sent_no_whole_value(how: str) -> None:
    def child(out: BinaryIO) -> None:
        if how == "raises":
            pickle.dump([1, 2, 3], out)
            raise RuntimeError("after sending")
        if how == "cut short":  # exits 0, but what it wrote is not a whole pickle
            out.write(pickle.dumps(list(range(1000)))[:-10])

    pid, took = forking.fork_writing(child)
    assert forking.received(pid, took) is None
    assert _gone(pid)


def test_a_child_given_up_on_is_killed_and_waited_for() -> None:
    def child(out: BinaryIO) -> None:
        import time

        time.sleep(60)

    pid, took = forking.fork_writing(child)
    forking.stop(pid, took)
    assert _gone(pid)
    with pytest.raises(OSError):
        os.fstat(took)
