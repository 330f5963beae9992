"""Children forked to share the work of one ``check`` (``--jobs``): when that is allowed, and the
fork and the file in memory each child writes its result to, in one place. Used to read a log in parts
(:mod:`changrenzhi.events.parts`), to evaluate rules (:mod:`changrenzhi.engine.shared`) and to
encode a JSON report (:mod:`changrenzhi.outputs.halves`)."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from typing import Any, BinaryIO

from .collector import paused_gc

__all__ = [
    "Queue",
    "can_fork",
    "cpus",
    "finished",
    "fork_writing",
    "memory_file",
    "read_back",
    "received",
    "stop",
]


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


class Queue:
    """Pieces of work (``order``: their indexes, in the order they are taken), taken one at a time by
    this process and a child (rules to evaluate, hashes to check): a counter in memory both share
    (an anonymous map made before the fork), guarded by an ``flock`` on an unlinked file that each
    process opens anew (a lock of its own open file: the kernel lets go of it when the process
    dies, so a child killed while it holds it cannot leave this process waiting)."""

    def __init__(self, order: list[int]) -> None:
        import mmap
        import tempfile

        self._order = order
        self._next = mmap.mmap(-1, 8)
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
        self._pid = -1
        self._fd = -1

    def _lock(self) -> int:
        """This process's own open file of the lock (Linux: a new one through /proc)."""
        if self._pid != os.getpid():
            self._fd = os.open(f"/proc/self/fd/{self._file.fileno()}", os.O_RDWR)
            self._pid = os.getpid()
        return self._fd

    def take(self) -> int | None:
        """The next piece's index, None when none is left."""
        import fcntl

        fd = self._lock()
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            i = int.from_bytes(self._next[:8], "little")
            if i < len(self._order):
                self._next[:8] = (i + 1).to_bytes(8, "little")
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
        return self._order[i] if i < len(self._order) else None

    def close(self) -> None:
        if self._fd >= 0 and self._pid == os.getpid():
            os.close(self._fd)
        self._file.close()
        self._next.close()


def fork_writing(child: Callable[[BinaryIO], None]) -> tuple[int, int]:
    """Fork a child that runs ``child(file)`` with a new file to write to and exits (status 0 when
    it returned, 1 when it raised: never back into the caller's code); the child's pid and the
    file's descriptor, which :func:`received` or :func:`finished` reads once the child is done.
    :class:`OSError` when no process can be forked (nothing is left open).

    The file is held in memory (``memfd_create``), not a pipe: the child writes all it has to as
    fast as it can make it, whatever this process does meanwhile, and this process reads it at
    once when it asks for it (through a pipe, each would wait for the other, 64 KiB at a time)."""
    took = memory_file()
    try:
        pid = os.fork()
    except OSError:
        os.close(took)
        raise
    if pid == 0:  # pragma: no cover - in the child, whose coverage is not collected; never returns
        status = 1
        try:
            with open(os.dup(took), "wb") as out:
                child(out)
            status = 0
        finally:
            os._exit(status)
    return pid, took


def memory_file() -> int:
    """A new file in memory (an anonymous temporary file where there is no ``memfd_create``)."""
    if hasattr(os, "memfd_create"):
        return os.memfd_create("changrenzhi", os.MFD_CLOEXEC)
    import tempfile  # pragma: no cover - not Linux

    with tempfile.TemporaryFile() as handle:  # pragma: no cover - (unlinked: a copy keeps it open)
        return os.dup(handle.fileno())


def finished(pid: int, took: int) -> BinaryIO | None:
    """The file the child ``pid`` wrote (``took``), from its start, once it is done; None when it
    failed (raised, or died). The child is waited for, and the file closed when it fails (else by
    the caller, who reads it)."""
    try:
        _, status = os.waitpid(pid, 0)
    except BaseException:
        os.close(took)
        raise
    if status != 0:
        os.close(took)
        return None
    os.lseek(took, 0, os.SEEK_SET)
    return open(took, "rb")


def received(pid: int, took: int) -> Any:
    """What the child ``pid`` pickled into its file (``took``), unpickled, with the cyclic collector
    paused (what children send holds no cycle); None when it sent nothing, or not all of it (it
    gave up, or died). The file is closed and the child waited for, whatever happens."""
    sent = finished(pid, took)
    return None if sent is None else _unpickled(sent)


def read_back(took: int) -> Any:
    """What a child that is still running pickled into its file (``took``) and said it wrote:
    unpickled as :func:`received` does; the file is left open."""
    os.lseek(took, 0, os.SEEK_SET)
    return _unpickled(open(took, "rb", closefd=False))


def _unpickled(sent: BinaryIO) -> Any:
    import pickle  # (not at the top: a short command's start-up does without it)

    with paused_gc(), sent:
        try:
            return pickle.load(sent)
        except Exception:  # EOFError (nothing sent), UnpicklingError (cut short)
            return None


def stop(pid: int, took: int = -1) -> None:
    """A child given up on (an error, an interrupt): the file it writes to closed (``took``, when
    still open), the child killed and waited for."""
    if took >= 0:
        os.close(took)
    os.kill(pid, 9)
    os.waitpid(pid, 0)
