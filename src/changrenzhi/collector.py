"""The cyclic garbage collector paused while many acyclic objects are made: reading a log, evaluating
its rules, rendering a report, taking in what a child process sent. Each collection those objects
set off would traverse the whole heap (a log's million events too), and none of them is ever part of
a cycle."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["paused_gc"]


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """The collector paused for the block (or for a function, as a decorator), and enabled again
    after it only if it was enabled before (the installed script keeps it paused throughout)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
