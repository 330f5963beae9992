"""A pack's rules evaluated by two processes at once (``evaluate(..., jobs=2)``): this one and a child
forked once the log is read, which evaluates rules on its copy of the log (nothing is sent to it)
and sends back their findings, pickled.

The two take the rules from one queue, the heaviest first (by the events of the types each reads),
each taking the next when done with the last: so neither waits long for the other whatever a rule
costs. A rule is a function of the log, the roster and the pack alone, so which process evaluates
it changes nothing of what it finds; the findings are then ordered as ever (``core.evaluate``). A
rule that raised in the child, and every rule of a child that sent nothing back (it died, or its
findings would not pickle), is evaluated again here, where an error is raised as with one process.
Forking is done only where it is safe (:func:`changrenzhi.forking.can_fork`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from typing import BinaryIO, TypeVar

from .. import forking

__all__ = ["SHARED_FROM", "found_by_rule"]

#: the least events a log holds for its rules to be shared (a smaller log's rules take less time
#: than forking for them and sending their findings back)
SHARED_FROM = 100_000

R = TypeVar("R")
F = TypeVar("F")


def found_by_rule(
    rules: Sequence[R], run: Callable[[R], list[F]], weigh: Callable[[R], int], jobs: int, events: int
) -> list[list[F]]:
    """``run(rule)`` for each rule, in their order; with ``jobs`` of 2 or more, a log of
    :data:`SHARED_FROM` ``events`` or more, and a fork allowed, shared with a child taking rules from
    the same queue, the heaviest (``weigh``) first."""
    if jobs < 2 or events < SHARED_FROM or len(rules) < 2 or not forking.can_fork():
        return [run(rule) for rule in rules]
    import pickle  # (not at the top: a short command's start-up does without it)

    weights = [weigh(rule) for rule in rules]
    queue = forking.Queue(sorted(range(len(rules)), key=lambda k: (-weights[k], k)))
    found: dict[int, list[F]] = {}
    pid, took = -1, -1
    try:
        with contextlib.suppress(OSError):  # no process to share with: every rule is evaluated here
            pid, took = _fork(rules, run, queue)
        while (k := queue.take()) is not None:
            found[k] = run(rules[k])
        if pid > 0:
            child, pid = pid, -1
            sent = forking.received(child, took)
            for k, got in sent if type(sent) is list else ():  # nothing: the child died, or sent part
                if got is not None:
                    found[k] = pickle.loads(got)  # (the collector is paused: see core.evaluate)
    finally:
        if pid > 0:  # given up on: an error, an interrupt
            forking.stop(pid, took)
        queue.close()
    # what the child took and did not send back is evaluated here
    return [found[k] if k in found else run(rule) for k, rule in enumerate(rules)]


def _fork(rules: Sequence[R], run: Callable[[R], list[F]], queue: forking.Queue) -> tuple[int, int]:
    """The child, taking rules from ``queue``: its pid, and the file in memory it writes their
    findings to."""

    def child(out: BinaryIO) -> None:  # pragma: no cover - in the child
        import pickle

        # each rule's findings pickled as soon as they are found: the time it takes is the child's
        # while both take rules, not this process's waiting at the end
        found: list[tuple[int, bytes | None]] = []
        while (k := queue.take()) is not None:
            try:
                found.append((k, pickle.dumps(run(rules[k]), protocol=pickle.HIGHEST_PROTOCOL)))
            except Exception:  # raised again when this process evaluates the rule
                found.append((k, None))
        pickle.dump(found, out, protocol=pickle.HIGHEST_PROTOCOL)

    return forking.fork_writing(child)
