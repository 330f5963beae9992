"""A large report's findings encoded by two processes at once (``check --jobs``): this one encodes the
first part and writes it while a child forked for the rest encodes it into a file in memory,
written after it. The bytes are those one process writes: each piece
is encoded alike wherever it is encoded, and written in its place.

A child that sends nothing back (it failed, or died) leaves its half to this process, which
encodes it itself (an error then shows as with one process). Forking is done only where it is safe
(:func:`changrenzhi.forking.can_fork`).
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from typing import BinaryIO

from .. import forking

__all__ = ["FIRST_SHARE", "SPLIT_FINDINGS", "in_two", "joined"]

#: the least findings a report holds for their encoding to be shared (fewer take less time to
#: encode than to fork for)
SPLIT_FINDINGS = 10_000
#: the share of the findings this process encodes: a little more than half, as the child, forked
#: with a large heap, encodes a little more slowly (its first writes to each page copy it), and
#: this process then hands on what it encoded
FIRST_SHARE = 0.54
#: the size of the pieces the child's text is handed on in
_PIECE = 1 << 20


def joined(pieces: Iterator[bytes]) -> Iterator[bytes]:
    """``pieces`` to be written one after the other as they are joined by ``,\n``."""
    for i, piece in enumerate(pieces):
        yield b",\n" + piece if i else piece


def in_two(first: Callable[[], Iterator[bytes]], second: Callable[[], Iterator[bytes]]) -> Iterator[bytes]:
    """The text of ``first()``'s pieces joined by ``,\n``, then ``,\n`` and the text of
    ``second()``'s joined so, in pieces to be written one after the other: the second's made by a
    child at the same time as the first's here (when a fork is allowed), which writes them to a
    file in memory, handed on from there."""
    with _child(lambda out: _write_all(joined(second()), out)) as theirs:
        yield from joined(first())
        got = theirs() if theirs is not None else None
        if got is not None:
            with got:
                yield b",\n"
                yield from iter(functools.partial(got.read, _PIECE), b"")
            return
    # no child, or it failed: made here
    yield b",\n"
    yield from joined(second())


def _write_all(pieces: Iterator[bytes], out: BinaryIO) -> None:  # pragma: no cover - in the child
    for piece in pieces:
        out.write(piece)


@contextlib.contextmanager
def _child(make: Callable[[BinaryIO], None]) -> Iterator[Callable[[], BinaryIO | None] | None]:
    """A child running ``make(file)``: a function that waits for it and gives the file it wrote
    (None: it failed), or None when no child could be forked. The child is killed if its file is
    not asked for."""
    if not forking.can_fork():
        yield None
        return
    try:
        pid, took = forking.fork_writing(make)
    except OSError:
        yield None
        return
    asked = False

    def result() -> BinaryIO | None:
        nonlocal asked
        asked = True
        return forking.finished(pid, took)

    try:
        yield result
    finally:
        if not asked:  # given up on: an error, an interrupt, a write that failed
            forking.stop(pid, took)
