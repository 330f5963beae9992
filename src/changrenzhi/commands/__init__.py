"""The subcommands of the ``changrenzhi`` command, one module each.

A command module defines ``configure(parser)`` (its arguments) and
``run(args) -> int`` (its exit status). :data:`COMMANDS` lists them with their
one-line help; :mod:`changrenzhi.cli` imports only the module of the command
being run, so ``check`` does not pay for ``compare``'s imports.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterable

from ..errors import UsageError

__all__ = ["COMMANDS", "add_format", "add_lang", "add_pack", "event_log"]

#: command name -> (one-line help, module under ``changrenzhi.commands``)
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("check an event log against a pack", "check"),
    "rules": ("list a pack's rules", "rules"),
    "lint": ("list every problem of draft packs (schema, ranges, overlaps, citations)", "lint"),
    "schema": ("print the JSON Schema of the pack format", "schema"),
    "coverage": ("list each clause of a pack's source with its coverage", "coverage"),
    "compare": ("compare packs duty by duty", "compare"),
    "explain": ("trace one finding: rule, parameters, roster, events, counts", "explain"),
    "diff": ("the semantic difference between two packs, with witness logs", "diff"),
}


def add_pack(p: argparse.ArgumentParser, *, nargs: str | None = None, metavar: str = "PACK") -> None:
    p.add_argument(
        "pack" if nargs is None else "packs",
        metavar=metavar,
        nargs=nargs,
        help="a pack folder, its pack.yaml, or a shipped pack's name",
    )


def add_lang(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of messages (default zh)")


def add_format(p: argparse.ArgumentParser, formats: Iterable[str], default: str = "text") -> None:
    p.add_argument(
        "--format", choices=sorted(formats), default=default, help=f"output format (default {default})"
    )


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
