"""A large report's findings encoded by two processes at once (``check --jobs``): this one encodes the
first half and writes it while a child forked for the second half encodes it into memory, then
sends it through a pipe to be written after. The bytes are those one process writes: each piece
is encoded alike wherever it is encoded, and written in its place.

A child that sends nothing back (it failed, or died) leaves its half to this process, which
encodes it itself (an error then shows as with one process). Forking is done only where it is safe
(:func:`changrenzhi.forking.can_fork`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from typing import BinaryIO

from ..forking import can_fork, fork_writing, stop

__all__ = ["SPLIT_FINDINGS", "in_two"]

#: the least findings a report holds for their encoding to be shared (fewer take less time to
#: encode than to fork for)
SPLIT_FINDINGS = 10_000


def in_two(first: Callable[[], Iterator[bytes]], second: Callable[[], Iterator[bytes]]) -> Iterator[bytes]:
    """The pieces of ``first()`` and then those of ``second()``, the second's made by a child at the
    same time as the first's here (when a fork is allowed), and handed on as one piece: the
    second's pieces joined by ``,\\n``."""
    with _child(lambda: b",\n".join(second())) as theirs:
        yield from first()
        got = theirs() if theirs is not None else None
    if got is None:  # no child, or it sent nothing: made here
        got = b",\n".join(second())
    yield got


@contextlib.contextmanager
def _child(make: Callable[[], bytes]) -> Iterator[Callable[[], bytes | None] | None]:
    """A child computing ``make()``: a function that waits for its bytes (None: it sent none), or
    None when no child could be forked. The child is killed if its bytes are not asked for."""
    if not can_fork():
        yield None
        return

    def child(pipe: BinaryIO) -> None:  # pragma: no cover - in the child
        data = make()
        pipe.write(b"\x01")  # all of it follows: a child that dies halfway sends less
        pipe.write(data)
        pipe.write(b"\x01")

    try:
        pid, took = fork_writing(child)
    except OSError:
        yield None
        return
    state = {"open": True, "reaped": False}

    def result() -> bytes | None:
        with open(took, "rb") as pipe:
            state["open"] = False
            data = pipe.read()
        os.waitpid(pid, 0)
        state["reaped"] = True
        whole = len(data) >= 2 and data[:1] == b"\x01" and data[-1:] == b"\x01"
        return data[1:-1] if whole else None

    try:
        yield result
    finally:
        if not state["reaped"]:  # given up on: an error, an interrupt, a write that failed
            stop(pid, took if state["open"] else -1)
