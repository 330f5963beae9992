"""The subcommands of the ``changrenzhi`` command, one module each.

A command module defines ``configure(parser)`` (its arguments) and
``run(args) -> int`` (its exit status). :data:`COMMANDS` lists them with their
one-line help; :mod:`changrenzhi.cli` imports only the module of the command
being run, so ``check`` does not pay for ``compare``'s imports.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import UsageError

__all__ = [
    "COMMANDS",
    "add_color",
    "add_format",
    "add_jobs",
    "add_lang",
    "add_pack",
    "add_pack_root",
    "add_progress",
    "epilog",
    "event_log",
    "jobs_of",
    "pack_ref",
    "read_log",
]

#: command name -> (one-line help, module under ``changrenzhi.commands``)
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("check an event log against a pack", "check"),
    "check-many": ("check many towns (a manifest of packs and logs) into one findings dataset", "check_many"),
    "rules": ("list a pack's rules", "rules"),
    "lint": ("list every problem of draft packs (schema, ranges, overlaps, citations)", "lint"),
    "schema": ("print a JSON Schema: the pack format, the event log, or a JSON output", "schema"),
    "coverage": ("list each clause of a pack's source with its coverage", "coverage"),
    "compare": ("compare packs duty by duty", "compare"),
    "explain": ("trace one finding: rule, parameters, roster, events, counts", "explain"),
    "diff": ("the semantic difference between two packs, with witness logs", "diff"),
    "serve": ("serve the commands over HTTP, with an OpenAPI document (extra: serve)", "serve"),
    "dashboard": ("one HTML page for a county from a check-many dataset", "dashboard"),
    "test": ("run the test cases a pack ships (tests/*.yaml)", "test"),
    "watch": ("findings as events arrive: what opened, changed or was withdrawn as each day closes", "watch"),
}


def add_pack(p: argparse.ArgumentParser, *, nargs: str | None = None, metavar: str = "PACK") -> None:
    """The pack argument(s), and ``--pack-root``."""
    p.add_argument(
        "pack" if nargs is None else "packs",
        metavar=metavar,
        nargs=nargs,
        help="a pack folder, its pack.yaml, or a shipped pack's name",
    )
    add_pack_root(p)


def add_pack_root(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--pack-root",
        metavar="DIR",
        default=None,
        help="the folder a path in extends: may lead into (default: the folder of each pack given); "
        "a shipped pack may always be named",
    )


def add_lang(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of messages (default zh)")


def add_color(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        default="auto",
        help="colour the text output: auto (the default) when it goes to a terminal and NO_COLOR "
        "is unset or empty, always, or never",
    )


def add_progress(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--progress",
        choices=["auto", "always", "never"],
        default="auto",
        help="a progress line on standard error while the log is read and checked: auto (the "
        "default) when standard error is a terminal and the run lasts over half a second, "
        "always, or never",
    )


def epilog(p: argparse.ArgumentParser, exits: str, *examples: str) -> None:
    """The end of a command's ``--help``: its exit statuses and examples."""
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    lines = ["exit status:", *(f"  {line}" for line in exits.splitlines()), "", "examples:"]
    lines += [f"  {e}" for e in examples]
    p.epilog = "\n".join(lines)


def add_jobs(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--jobs",
        type=_jobs,
        default="auto",
        metavar="N",
        help="how many processes may work at once on a large log (on Linux): reading a file of 32 MiB "
        "or more, not gzip, in parts of at least 14 MiB, and, 2 or more, evaluating the rules of a log "
        "of 100,000 events or more, and encoding 10,000 findings or more as JSON, in two; auto (the "
        f"default) as many as the CPUs this process may use, at most {MAX_AUTO_JOBS}; 1 does "
        "everything in one process. The output is the same",
    )


#: the most processes ``--jobs auto`` reads a log with
MAX_AUTO_JOBS = 4


def _jobs(text: str) -> int | str:
    if text == "auto":
        return text
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected auto or a whole number >= 1, got {text!r}")
    return n


def jobs_of(choice: int | str) -> int:
    """The processes ``--jobs`` lets a log be read by."""
    if choice == "auto":
        from ..forking import cpus

        return min(cpus(), MAX_AUTO_JOBS)
    return int(choice)


def read_log(
    path: str,
    progress: Any,
    keep: frozenset[str] | None = None,
    packed: frozenset[str] = frozenset(),
    jobs: int = 1,
    early: Any = None,
) -> Any:
    """The event log at ``path`` (``-``: standard input), read with ``progress`` (an
    :class:`~changrenzhi.outputs.terminal.Progress`) counting what is read when it is on; ``keep``:
    the event types to keep (the others are checked and counted only), None for all; ``packed``:
    those kept as columns (``read_events(packed=...)``); ``jobs``: the processes that may read a
    file at once (``read_events(jobs=...)``); ``early``: its reading already started
    (``events.reader.start_early``), which the caller closes."""
    from ..events import read_events
    from ..events.parts import gzipped
    from ..events.reader import MAX_ERRORS, read_path

    if path == "-":
        stdin = progress.reader(sys.stdin.buffer, "<stdin>")
        return read_events(stdin, name="<stdin>", keep=keep, packed=packed)
    path = event_log(path)
    if not progress.on:
        return read_path(path, None, MAX_ERRORS, keep, packed, jobs, None, early)
    total = None if gzipped(path) else os.path.getsize(path)

    def counted(handle: Any, share: float) -> Any:
        return progress.reader(handle, path, total, share)

    return read_path(path, None, MAX_ERRORS, keep, packed, jobs, counted, early)


def add_format(p: argparse.ArgumentParser, formats: Iterable[str], default: str = "text") -> None:
    p.add_argument(
        "--format", choices=sorted(formats), default=default, help=f"output format (default {default})"
    )


def pack_ref(ref: str) -> str:
    """A PACK argument as the commands load it.

    A folder or a file is itself. A shipped pack's name means the copy installed with the library,
    whatever the working folder holds: what a name checks does not depend on where it runs. From a
    source checkout, though, the working folder may hold ``policies/<name>/pack.yaml`` too:

    - the same bytes (the usual case): that file is loaded instead, so that outputs name a file of
      the repository (``policies/guoyuan/pack.yaml``, which GitHub can place) rather than a path
      in site-packages;
    - different bytes (the checkout's copy was edited): the installed copy is loaded, and a note on
      standard error says so and how to load the edited one (pass its folder).
    """
    if os.path.exists(ref):
        return ref
    from ..loading import checkout_copy

    folder, installed = checkout_copy(ref)
    if folder is not None:
        return str(folder)
    if installed is not None:
        local = Path("policies", ref, "pack.yaml")
        sys.stderr.write(
            f"changrenzhi: note: {ref!r} is the installed pack ({installed}); {local} here differs "
            f"from it: pass the folder, {local.parent}, to use that one\n"
        )
    return ref


def event_log(path: str) -> str:
    """``path`` when it names a file, else the usage error that says what it names instead (a log is
    read once through, in bounded pieces; a folder or a device is no log: ``-`` reads standard input)."""
    if not os.path.isfile(path):
        if os.path.isdir(path):
            raise UsageError(f"{path}: a folder, not an event log")
        if os.path.exists(path):
            raise UsageError(f"{path}: not a regular file (give - to read the log from standard input)")
        raise UsageError(f"{path}: no such event log")
    return path
