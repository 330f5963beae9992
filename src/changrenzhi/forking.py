"""Children forked to share the work of one ``check`` (``--jobs``): when that is allowed, and the
fork and the pipe each child sends its result through, in one place. Used to read a log in parts
(:mod:`changrenzhi.events.parts`), to evaluate rules (:mod:`changrenzhi.engine.shared`) and to
encode a JSON report (:mod:`changrenzhi.outputs.halves`)."""

from __future__ import annotations

import gc
import os
import sys
import threading
from collections.abc import Callable
from typing import Any, BinaryIO

__all__ = ["can_fork", "cpus", "fork_writing", "received", "stop"]


def cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _alone() -> bool:
    """Whether this process runs no other thread."""
    return threading.active_count() == 1


def can_fork() -> bool:
    """Whether this process may fork children to share its work: on Linux, running no other thread
    (a thread may hold a lock the child would copy held), with two CPUs or more to run on."""
    return sys.platform == "linux" and hasattr(os, "fork") and _alone() and cpus() >= 2


def fork_writing(child: Callable[[BinaryIO], None]) -> tuple[int, int]:
    """Fork a child that runs ``child(pipe)`` with the writing end of a new pipe and exits (status 0
    when it returned, 1 when it raised: never back into the caller's code); the child's pid and the
    reading end. :class:`OSError` when no process can be forked (nothing is left open)."""
    took, gave = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(took)
        os.close(gave)
        raise
    if pid == 0:  # pragma: no cover - in the child, whose coverage is not collected; never returns
        status = 1
        try:
            os.close(took)
            with open(gave, "wb") as pipe:
                child(pipe)
            status = 0
        finally:
            os._exit(status)
    os.close(gave)  # here, before any other fork: a child holding it would keep the pipe open
    return pid, took


def received(pid: int, took: int) -> Any:
    """What the child ``pid`` pickled into its pipe (``took``), unpickled as it comes (never whole in
    memory as bytes), with the cyclic collector paused (what children send holds no cycle); None
    when it sent nothing, or not all of it (it gave up, or died). The pipe is closed and the child
    waited for, whatever happens."""
    import pickle  # (not at the top: a short command's start-up does without it)

    enabled = gc.isenabled()
    gc.disable()
    try:
        with open(took, "rb") as pipe:
            try:
                return pickle.load(pipe)
            except Exception:  # EOFError (nothing sent), UnpicklingError (cut short)
                return None
    finally:
        if enabled:
            gc.enable()
        os.waitpid(pid, 0)


def stop(pid: int, took: int = -1) -> None:
    """A child given up on (an error, an interrupt): the end of its pipe closed (``took``, when
    still open), the child killed and waited for."""
    if took >= 0:
        os.close(took)
    os.kill(pid, 9)
    os.waitpid(pid, 0)
