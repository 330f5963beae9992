"""The ``changrenzhi`` command; each subcommand is a module of :mod:`changrenzhi.commands`.

Exit status: 0 no violation, 1 violations found, 2 bad input or usage (with a
message naming file, line and field, never a traceback).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from ._version import __version__
from .commands import COMMANDS
from .errors import ChangrenzhiError, UsageError

__all__ = ["console", "main", "run"]


def _command(name: str) -> ModuleType:
    return importlib.import_module(f"changrenzhi.commands.{COMMANDS[name][1]}")


def _parser(selected: str | None) -> argparse.ArgumentParser:
    """The parser; only ``selected``'s module is imported (all of them when it is None, for --help)."""
    p = argparse.ArgumentParser(
        prog="changrenzhi",
        description="Check event logs of the Party congress standing system against policy packs.",
    )
    p.add_argument("--version", action="version", version=f"changrenzhi {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (help_line, _) in COMMANDS.items():
        sp = sub.add_parser(name, help=help_line)
        if selected is None or name == selected:
            _command(name).configure(sp)
    return p


def run(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    first = next((a for a in args_list if not a.startswith("-")), None)
    selected = first if first in COMMANDS else None
    args = _parser(selected).parse_args(args_list)
    if args.command not in COMMANDS:  # pragma: no cover - argparse rejects it first
        raise UsageError(f"unknown command {args.command!r}")
    return int(_command(args.command).run(args))


def main(argv: Sequence[str] | None = None) -> int:
    """Console entry point: turns every input error into a message and exit status 2."""
    try:
        return run(argv)
    except ChangrenzhiError as exc:
        # a file name that is not UTF-8 reaches a message as lone surrogates: shown as escapes
        message = str(exc).encode("utf-8", "backslashreplace").decode("utf-8")
        sys.stderr.write(f"changrenzhi: error: {message}\n")
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except RecursionError:
        sys.stderr.write("changrenzhi: error: input nested too deeply\n")
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


def console() -> None:
    """The installed ``changrenzhi`` script: :func:`main` tuned for a short-lived process.

    The cyclic garbage collector is paused (a check allocates a million acyclic
    objects, which the collector would otherwise traverse again and again), and
    the process exits without tearing those objects down one by one: output is
    flushed first, so nothing is lost. Library callers use :func:`main` or
    :func:`run`, which leave the interpreter as they found it.
    """
    gc.disable()
    code = main()
    with contextlib.suppress(BrokenPipeError):
        sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
