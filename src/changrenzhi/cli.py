"""The ``changrenzhi`` command: ``check`` and ``rules``.

Exit status: 0 no violation, 1 violations found, 2 bad input or usage (with a
message naming file, line and field, never a traceback).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Sequence
from datetime import date

from . import __version__
from .engine import evaluate
from .errors import ChangrenzhiError, UsageError
from .events import read_events
from .pack import load_pack
from .reports import REPORTERS, RULE_LISTERS, render_report, render_rules

__all__ = ["console", "main", "run"]


def _date(text: str) -> date:
    try:
        if len(text) != 10:
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="changrenzhi",
        description="Check event logs of the Party congress standing system against policy packs.",
    )
    p.add_argument("--version", action="version", version=f"changrenzhi {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    c = sub.add_parser(
        "check",
        help="check an event log against a pack",
        description="Check EVENTS (JSON Lines) against PACK as of a date.",
    )
    c.add_argument("pack", metavar="PACK", help="a pack folder, its pack.yaml, or a shipped pack's name")
    c.add_argument("events", metavar="EVENTS", help="the event log (JSON Lines); - for standard input")
    c.add_argument(
        "--as-of",
        required=True,
        type=_date,
        metavar="DATE",
        help="only events on or before DATE count; periods ending after it are open",
    )
    c.add_argument("--format", choices=sorted(REPORTERS), default="text")
    c.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of messages (default zh)")

    r = sub.add_parser("rules", help="list a pack's rules", description="List the rules of PACK.")
    r.add_argument("pack", metavar="PACK", help="a pack folder, its pack.yaml, or a shipped pack's name")
    r.add_argument("--format", choices=sorted(RULE_LISTERS), default="text")
    r.add_argument("--lang", choices=["zh", "en"], default="zh")
    return p


def run(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    if args.command == "rules":
        pack = load_pack(args.pack)
        sys.stdout.write(render_rules(pack, args.format, args.lang))
        return 0
    if args.command == "check":
        pack = load_pack(args.pack)
        if args.events == "-":
            log = read_events(sys.stdin.buffer, name="<stdin>")
        else:
            if not os.path.isfile(args.events):
                raise UsageError(f"{args.events}: no such event log")
            log = read_events(args.events)
        report = evaluate(pack, log, args.as_of)
        sys.stdout.write(render_report(report, args.format, args.lang))
        return report.exit_code
    raise UsageError(f"unknown command {args.command!r}")  # pragma: no cover - argparse rejects it first


def main(argv: Sequence[str] | None = None) -> int:
    """Console entry point: turns every input error into a message and exit status 2."""
    try:
        return run(argv)
    except ChangrenzhiError as exc:
        sys.stderr.write(f"changrenzhi: error: {exc}\n")
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
