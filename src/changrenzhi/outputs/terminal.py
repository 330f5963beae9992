"""What the command line adds on a terminal: colour and progress.

**Colour** (:func:`use_color`, :func:`paint`): ``--color auto`` (the default) colours text output
only when it goes to a terminal and the environment variable ``NO_COLOR`` is unset or empty
(https://no-color.org: any non-empty value turns colour off); ``--color always`` colours
whatever the output and ``NO_COLOR``, ``--color never`` never does. Machine formats are never
coloured.

**Progress** (:class:`Progress`): while a log is read and checked, a line on standard error that
says how far the run is, redrawn at most five times a second. ``--progress auto`` (the default)
shows it only when standard error is a terminal and the run has lasted half a second, and erases
it at the end; ``--progress always`` shows it from the start (one line per second, kept, when
standard error is not a terminal); ``--progress never`` never does. It counts what the reader
reads, a chunk (1 MiB) at a time: the cost is one clock reading and one count of line ends per
chunk. Standard output is never touched.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import IO, Any

from ..messages import Section

__all__ = ["COLOR_CHOICES", "PROGRESS_CHOICES", "Progress", "paint", "use_color"]

COLOR_CHOICES = ("auto", "always", "never")
PROGRESS_CHOICES = ("auto", "always", "never")

#: SGR codes by style
STYLES = {
    "violation": "1;31",
    "warning": "33",
    "pending": "36",
    "info": "2",
    "id": "2",
    "ok": "32",
    "bad": "1;31",
    "error": "1;31",
    "head": "1",
}


def _is_tty(stream: Any) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if callable(isatty) else False
    except (ValueError, OSError):  # a closed stream
        return False


def use_color(choice: str, stream: Any, environ: Any = None) -> bool:
    """Whether to colour what goes to ``stream`` when ``--color`` is ``choice``."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    env = os.environ if environ is None else environ
    return not env.get("NO_COLOR") and _is_tty(stream)


def paint(text: str, style: str, on: bool) -> str:
    """``text`` in ``style`` (a key of :data:`STYLES`) when ``on``, else as it is."""
    return f"\x1b[{STYLES[style]}m{text}\x1b[0m" if on and text else text


MSG = Section(
    "terminal",
    {
        "reading": {"zh": "读取 {name}：{lines} 行", "en": "reading {name}: {lines} lines"},
        "reading-of": {
            "zh": "读取 {name}：{lines} 行，{done} / {total} MiB（{pct}%）",
            "en": "reading {name}: {lines} lines, {done} of {total} MiB ({pct}%)",
        },
        "read": {"zh": "已读取 {name}：{lines} 行", "en": "read {name}: {lines} lines"},
        "checking": {
            "zh": "检查 {events} 个事件（包 {pack}）……",
            "en": "checking {events} events against {pack}...",
        },
    },
)


class Progress:
    """The progress line of one run on ``out`` (standard error); see the module's docstring."""

    #: seconds before ``auto`` shows anything; between two redraws on a terminal; between two lines
    DELAY, EVERY, EVERY_LINE = 0.5, 0.2, 1.0

    def __init__(
        self, out: IO[str], lang: str, choice: str = "auto", clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.out, self.lang, self.clock = out, lang, clock
        self.tty = _is_tty(out)
        self.on = choice == "always" or (choice == "auto" and self.tty)
        self.forced = choice == "always"
        self.start = clock()
        self.next = self.start + (0.0 if self.forced else self.DELAY)
        self.shown = False  # a line is on the screen (to erase at the end)
        self.lines = 0
        self.done = 0

    def reader(self, handle: Any, name: str, total: int | None = None, share: float = 1.0) -> Any:
        """``handle`` (a binary file object) as the reader reads it, counted from nothing; ``handle``
        itself when progress is off. ``share``: the part of the log ``handle`` holds when other
        processes read the rest at once (see ``read_events(jobs=...)``): what it reads is counted
        as that part of the whole (the parts are read at much the same pace)."""
        if not self.on:
            return handle
        self.done = self.lines = 0
        return _Counted(handle, self, name, total, share)

    def _tick(self, name: str, total: int | None) -> None:
        now = self.clock()
        if now < self.next:
            return
        self.next = now + (self.EVERY if self.tty else self.EVERY_LINE)
        mib = 1 << 20
        if total:
            text = MSG(
                "reading-of",
                self.lang,
                name=name,
                lines=f"{self.lines:,}",
                done=f"{self.done / mib:.1f}",
                total=f"{total / mib:.1f}",
                pct=min(100, self.done * 100 // total),
            )
        else:
            text = MSG("reading", self.lang, name=name, lines=f"{self.lines:,}")
        self.say(text)

    def say(self, text: str) -> None:
        """Show ``text`` as the progress line."""
        if not self.on:
            return
        try:
            if self.tty:
                self.out.write(f"\r\x1b[K{text}")
            else:
                self.out.write(text + "\n")
            self.out.flush()
        except (OSError, ValueError):
            self.on = False
            return
        self.shown = True

    def phase(self, key: str, **args: Any) -> None:
        """A new stage of the run (``checking``): shown when the progress line is."""
        if self.on and (self.shown or self.forced):
            self.say(MSG(key, self.lang, **args))

    def finish(self) -> None:
        """The run is over: a terminal's progress line is erased."""
        if self.on and self.shown and self.tty:
            try:
                self.out.write("\r\x1b[K")
                self.out.flush()
            except (OSError, ValueError):
                pass
        self.on = False


class _Counted:
    """A binary file object whose reads are counted for :class:`Progress`."""

    def __init__(
        self, handle: Any, progress: Progress, name: str, total: int | None, share: float = 1.0
    ) -> None:
        self._handle, self._progress, self._total = handle, progress, total
        self._share = share
        self.name = name

    def read(self, size: int = -1) -> bytes:
        chunk: bytes = self._handle.read(size)
        p = self._progress
        # (one part of several read at once: counted as that part of the whole)
        p.done += round(len(chunk) / self._share)
        p.lines += round(chunk.count(b"\n") / self._share)
        if chunk:
            p._tick(self.name, self._total)
        elif p.forced and self._share == 1.0:  # (a part of a log: not all its lines are counted here)
            p.say(MSG("read", p.lang, name=self.name, lines=f"{p.lines:,}"))
        return chunk
