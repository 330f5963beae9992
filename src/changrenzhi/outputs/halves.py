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
from collections.abc import Callable, Iterator
from typing import BinaryIO

from .. import forking

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
    """A child computing ``make()``: a function that waits for its bytes (None: it sent none, or
    not all), or None when no child could be forked. The child is killed if its bytes are not asked
    for."""
    if not forking.can_fork():
        yield None
        return

    def child(pipe: BinaryIO) -> None:  # pragma: no cover - in the child
        import pickle

        pickle.dump(make(), pipe, protocol=pickle.HIGHEST_PROTOCOL)

    try:
        pid, took = forking.fork_writing(child)
    except OSError:
        yield None
        return
    asked = False

    def result() -> bytes | None:
        nonlocal asked
        asked = True
        got = forking.received(pid, took)
        return got if type(got) is bytes else None

    try:
        yield result
    finally:
        if not asked:  # given up on: an error, an interrupt, a write that failed
            forking.stop(pid, took)
