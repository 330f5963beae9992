"""A pack's rules evaluated by two processes at once (``evaluate(..., jobs=2)``): this one and a child
forked once the log is read, which evaluates rules on its copy of the log (nothing is sent to it)
and sends back each rule's findings, pickled, as soon as it has them: this process takes them in
between its own rules (see :class:`_Child`).

The two take the rules from one queue, the heaviest first (by the events of the types each reads),
each taking the next when done with the last: so neither waits long for the other whatever a rule
costs. A rule is a function of the log, the roster and the pack alone, so which process evaluates
it changes nothing of what it finds; the findings are then ordered as ever (``core.evaluate``). A
rule that raised in the child (or whose findings would not pickle), and every rule the child took
and did not send back (it died), is evaluated again here, where an error is raised as with one process.
Forking is done only where it is safe (:func:`changrenzhi.forking.can_fork`).
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Callable, Sequence
from typing import Any, BinaryIO, TypeVar

from .. import forking

__all__ = ["SHARED_FROM", "found_by_rule"]

#: the least events a log holds for its rules to be shared (a smaller log's rules take less time
#: than forking for them and sending their findings back)
SHARED_FROM = 100_000

R = TypeVar("R")
T = TypeVar("T")


def found_by_rule(
    rules: Sequence[R], run: Callable[[R], T], weigh: Callable[[R], int], jobs: int, events: int
) -> list[T]:
    """``run(rule)`` for each rule, in their order; with ``jobs`` of 2 or more, a log of
    :data:`SHARED_FROM` ``events`` or more, and a fork allowed, shared with a child taking rules from
    the same queue, the heaviest (``weigh``) first."""
    if jobs < 2 or events < SHARED_FROM or len(rules) < 2 or not forking.can_fork():
        return [run(rule) for rule in rules]
    weights = [weigh(rule) for rule in rules]
    queue = forking.Queue(sorted(range(len(rules)), key=lambda k: (-weights[k], k)))
    found: dict[int, T] = {}
    child: _Child | None = None
    try:
        with contextlib.suppress(OSError):  # no process to share with: every rule is evaluated here
            child = _Child(rules, run, queue)
        while (k := queue.take()) is not None:
            found[k] = run(rules[k])
            if child is not None:  # what the child sent meanwhile (this takes rules less often then)
                child.take_in(found)
        if child is not None:
            child.take_in(found, to_the_end=True)
    finally:
        if child is not None:
            child.close()
        queue.close()
    # what the child took and did not send back is evaluated here
    return [found[k] if k in found else run(rule) for k, rule in enumerate(rules)]


class _Child:
    """A child taking rules from ``queue``, which writes each rule's findings, pickled, to a file in
    memory as soon as it has them, and says through a pipe how far the file is written: this
    process takes them in between its own rules (so that it takes fewer rules while the child
    takes more, rather than taking them all in once both are done) and after."""

    def __init__(self, rules: Sequence[R], run: Callable[[R], T], queue: forking.Queue) -> None:
        said, says = os.pipe()

        def child(out: BinaryIO) -> None:  # pragma: no cover - in the child
            import pickle

            os.close(said)
            written = 0
            while (k := queue.take()) is not None:
                try:
                    data = pickle.dumps((k, run(rules[k])), protocol=pickle.HIGHEST_PROTOCOL)
                except Exception:  # raised again when this process evaluates the rule
                    data = pickle.dumps((k, None), protocol=pickle.HIGHEST_PROTOCOL)
                out.write(data)
                out.flush()
                written += len(data)
                os.write(says, written.to_bytes(8, "little"))  # (a pipe's write of 8 bytes is whole)

        try:
            self.pid, self.took = forking.fork_writing(child)
        except OSError:
            os.close(said)
            os.close(says)
            raise
        os.close(says)
        os.set_blocking(said, False)
        self.said = said
        self.read = 0  # how far the file is taken in

    def take_in(self, found: dict[int, Any], to_the_end: bool = False) -> None:
        """The findings the child wrote that are not yet taken in, into ``found`` (by the rule's
        index; a rule that raised in the child is left out); ``to_the_end``: then wait for the
        child to end, taking in all it wrote."""
        import pickle

        if self.said < 0:
            return
        if to_the_end:
            os.set_blocking(self.said, True)
        told, ended = b"", False
        while not ended:
            try:
                got = os.read(self.said, 4096)
            except BlockingIOError:  # nothing more said for now
                break
            ended = not got  # the child has ended (or died: what it said it wrote is whole)
            told += got
        if len(told) >= 8:  # the last length said: the records up to it are whole
            whole = len(told) - len(told) % 8
            end = int.from_bytes(told[whole - 8 : whole], "little")
            data = os.pread(self.took, end - self.read, self.read)
            self.read = end
            sent = io.BytesIO(data)
            while sent.tell() < len(data):
                k, findings = pickle.load(sent)  # (the collector is paused: see core.evaluate)
                if findings is not None:
                    found[k] = findings
        if ended:
            self.close()

    def close(self) -> None:
        """The child waited for, killed first when still running (given up on: an error, an
        interrupt), and the files to it closed."""
        if self.said >= 0:
            os.close(self.said)
            self.said = -1
        if self.pid > 0:
            pid, took, self.pid, self.took = self.pid, self.took, -1, -1
            forking.stop(pid, took)
