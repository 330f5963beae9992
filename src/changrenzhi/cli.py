"""The ``changrenzhi`` command; each subcommand is a module of :mod:`changrenzhi.commands`.

Exit status: 0 no violation, 1 violations found, 2 bad input or usage (with a
message naming file, line and field, never a traceback). With a machine format
(``--format json``, ``sarif``, ``junit`` or ``github``) bad input is also written
in that format on standard output, for CI to read where it reads results.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import io
import os
import re
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import TYPE_CHECKING, NoReturn

from ._version import __version__
from .commands import COMMANDS
from .errors import ChangrenzhiError, UsageError

if TYPE_CHECKING:
    from .outputs.places import Failure

__all__ = ["BadUsage", "console", "main", "run"]

#: the formats in which input errors are also written on standard output
MACHINE_FORMATS = frozenset({"json", "sarif", "junit", "github"})


class BadUsage(SystemExit):
    """A command line argparse refuses (exit status 2); ``message`` is argparse's."""

    def __init__(self, message: str) -> None:
        super().__init__(2)
        self.message = message


class _Parser(argparse.ArgumentParser):
    """argparse's parser, which says what is wrong as argparse does and raises :class:`BadUsage`
    (a ``SystemExit``), so that :func:`main` can write the error in the format asked for too."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise BadUsage(message)


def _command(name: str) -> ModuleType:
    return importlib.import_module(f"changrenzhi.commands.{COMMANDS[name][1]}")


def _parser(selected: str | None) -> argparse.ArgumentParser:
    """The parser; only ``selected``'s module is imported (all of them when it is None, for --help;
    none when it is ``""``)."""
    p = _Parser(
        prog="changrenzhi",
        description="Check event logs of the Party congress standing system against policy packs.",
    )
    p.add_argument("--version", action="version", version=f"changrenzhi {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (help_line, _) in COMMANDS.items():
        sp = sub.add_parser(name, help=help_line)
        if selected is None or name == selected:
            _command(name).configure(sp)
            if name in OWN_OUTPUT:
                continue
            sp.add_argument(
                "-o",
                "--output",
                metavar="FILE",
                default=None,
                help="write standard output's text to FILE instead, atomically: FILE is replaced once "
                "the command has run, and left as it was when bad input stops it (unless a machine "
                "format wrote its error document); - is standard output",
            )
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    p.epilog = EPILOG
    return p


EPILOG = """exit status:
  0  success: nothing to fail on
  1  check: a violation (or what --fail-on names); check-many: a town with a violation;
     lint: an error; coverage: a clause or a line missing; diff: an effective difference;
     test: a case failed
  2  bad input or usage (a message naming file, line and field on standard error)

examples:
  changrenzhi rules guoyuan --lang en
  changrenzhi check guoyuan policies/guoyuan/examples/guoyuan-2009-2010.jsonl --as-of 2010-12-31
  changrenzhi explain guoyuan log.jsonl --as-of 2013-12-31 --finding 1a2b
  changrenzhi COMMAND --help"""


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line parsed; raises :class:`BadUsage` for one argparse refuses."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    selected = _selected(args_list)
    if selected is None and "--version" in args_list and not {"-h", "--help"} & set(args_list):
        # the version alone (or a usage error): no command's module is imported for it
        return _parser("").parse_args(args_list)
    return _parser(selected).parse_args(args_list)


#: commands that write their output themselves as it comes (``watch`` appends records to its
#: ``-o/--output FILE`` as each day closes): the CLI's atomic ``-o FILE`` is not theirs
OWN_OUTPUT = frozenset({"watch"})


def _selected(args: Sequence[str]) -> str | None:
    first = next((a for a in args if not a.startswith("-")), None)
    return first if first in COMMANDS else None


def run(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    return _execute(parse(argv))


def _execute(args: argparse.Namespace) -> int:
    if args.command not in COMMANDS:  # pragma: no cover - argparse rejects it first
        raise UsageError(f"unknown command {args.command!r}")
    return int(_command(args.command).run(args))


def main(argv: Sequence[str] | None = None) -> int:
    """Console entry point: turns every input error into a message and exit status 2 (and, with a
    machine format, into that format's error document on standard output, or in ``-o FILE``)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    target = None if _selected(args_list) in OWN_OUTPUT else _asked_output(args_list)
    if target is None or target == "-":
        return _main(args_list)
    try:
        output = _Output(target)
    except ChangrenzhiError as exc:
        sys.stderr.write(f"changrenzhi: error: {exc}\n")
        return 2
    code: int | str | None = 2
    try:
        code = _main(args_list)
        return code
    except SystemExit as exc:
        code = exc.code
        raise
    finally:
        output.close(keep=code in (0, 1))


class _Output:
    """Standard output sent to a temporary file beside ``target``, which replaces ``target`` when
    the command has run (``close(keep=True)``) or when it wrote anything (a machine format's error
    document); else it is removed and ``target`` left as it was.

    A ``target`` that exists and is not a regular file (``/dev/null``, ``/dev/stdout``, a named
    pipe) is written directly: renaming a file over it would replace the device or pipe itself."""

    def __init__(self, target: str) -> None:
        import stat
        import tempfile

        self.target = target
        if os.path.isdir(target):
            raise UsageError(f"{target}: a folder, not a file to write the output in")
        self.temp: str | None = None
        try:
            special = not stat.S_ISREG(os.stat(target).st_mode)
        except OSError:  # not there yet (or not reachable: the temporary file says why)
            special = False
        if special:
            try:
                self.raw = open(target, "wb")  # noqa: SIM115 - closed in close()
            except OSError as exc:
                raise UsageError(f"{target}: cannot write: {exc.strerror or exc}") from None
            self._redirect()
            return
        folder = os.path.dirname(os.path.abspath(target))
        try:
            fd, self.temp = tempfile.mkstemp(
                dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".tmp"
            )
        except OSError as exc:
            raise UsageError(f"{target}: cannot write: {exc.strerror or exc}") from None
        self.raw = os.fdopen(fd, "wb")
        self._redirect()

    def _redirect(self) -> None:
        self.stream = io.TextIOWrapper(self.raw, encoding="utf-8", newline="\n")
        self.saved = sys.stdout
        sys.stdout = self.stream

    def close(self, *, keep: bool) -> None:
        sys.stdout = self.saved
        if self.temp is None:  # written directly
            try:
                self.stream.close()
            except OSError as exc:
                sys.stderr.write(f"changrenzhi: error: {self.target}: cannot write: {exc.strerror or exc}\n")
            return
        try:
            self.stream.flush()
            keep = keep or self.raw.tell() > 0
            if keep:
                os.fsync(self.raw.fileno())
        except OSError as exc:
            sys.stderr.write(f"changrenzhi: error: {self.target}: cannot write: {exc.strerror or exc}\n")
            keep = False
        finally:
            self.stream.close()
        try:
            if keep:
                mask = os.umask(0)
                os.umask(mask)
                os.chmod(self.temp, 0o666 & ~mask)
                os.replace(self.temp, self.target)
            else:
                os.unlink(self.temp)
        except OSError as exc:
            sys.stderr.write(f"changrenzhi: error: {self.target}: cannot write: {exc.strerror or exc}\n")
            with contextlib.suppress(OSError):
                os.unlink(self.temp)


def _main(args_list: list[str]) -> int:
    args: argparse.Namespace | None = None
    try:
        args = parse(args_list)
        return _execute(args)
    except BadUsage as exc:
        _write_errors(args_list, None, [_usage_failure(exc.message)])
        raise
    except ChangrenzhiError as exc:
        # a file name that is not UTF-8 reaches a message as lone surrogates: shown as escapes
        message = str(exc).encode("utf-8", "backslashreplace").decode("utf-8")
        sys.stderr.write(f"changrenzhi: error: {message}\n")
        from .outputs.places import failures_of

        _write_errors(args_list, args, failures_of(exc))
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except RecursionError:
        sys.stderr.write("changrenzhi: error: input nested too deeply\n")
        from .outputs.places import Failure

        _write_errors(args_list, args, [Failure(None, None, None, "input nested too deeply")])
        return 2


def _usage_failure(message: str) -> Failure:
    """argparse's message as an input error: ``argument --as-of: ...`` names the field."""
    from .outputs.places import Failure

    m = re.fullmatch(r"argument (\S+): (.*)", message, re.DOTALL)
    return Failure(None, None, m.group(1), m.group(2)) if m else Failure(None, None, None, message)


def _write_errors(argv: Sequence[str], args: argparse.Namespace | None, failures: Sequence[Failure]) -> None:
    """With a machine format, the input errors in that format on standard output."""
    command, fmt, lang = (
        _asked(argv)
        if args is None
        else (args.command, getattr(args, "format", None), getattr(args, "lang", "zh"))
    )
    if fmt not in MACHINE_FORMATS:
        return
    from .outputs.formats import render_errors

    with contextlib.suppress(BrokenPipeError):
        sys.stdout.write(render_errors(failures, fmt, command or "", lang if lang in ("zh", "en") else "zh"))


class _Lenient(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise ValueError(message)


def _asked(argv: Sequence[str]) -> tuple[str | None, str | None, str]:
    """The command, ``--format`` and ``--lang`` a command line asks for, read leniently (it is one
    that argparse refused): what is not there, or not readable, is None (the language: zh)."""
    p = _Lenient(add_help=False)
    p.add_argument("--format")
    p.add_argument("--lang", default="zh")
    try:
        ns, _ = p.parse_known_args(list(argv))
    except ValueError:
        return _selected(argv), None, "zh"
    return _selected(argv), ns.format, ns.lang


def _asked_output(argv: Sequence[str]) -> str | None:
    """The ``-o``/``--output`` a command line asks for, read leniently (None: none, or unreadable)."""
    # no abbreviations: check-many's --out DIR is not --output
    p = _Lenient(add_help=False, allow_abbrev=False)
    p.add_argument("-o", "--output")
    try:
        ns, _ = p.parse_known_args(list(argv))
    except ValueError:
        return None
    out: str | None = ns.output
    return out


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
