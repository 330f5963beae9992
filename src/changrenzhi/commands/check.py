"""``changrenzhi check PACK EVENTS --as-of DATE``: the findings of a log against a pack."""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import fnmatch
import functools
import os
import sys
from collections.abc import Collection, Iterator
from datetime import date
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..findings import STATUSES
from ..messages import Section, counted
from . import (
    add_color,
    add_jobs,
    add_lang,
    add_pack,
    add_progress,
    epilog,
    jobs_of,
    pack_ref,
    read_log,
)

if TYPE_CHECKING:
    from ..events import EventLog
    from ..events.parts import Early
    from ..findings import FilterJson, Report, Status

#: the environment variable that stands for today's date in ``--as-of today`` (for tests and
#: reproducible runs): ``YYYY-MM-DD``
TODAY_VARIABLE = "CHANGRENZHI_TODAY"

#: ``--fail-on``: the statuses each level fails on (exit 1); ``empty`` is a condition of its own
FAIL_LEVELS: dict[str, tuple[str, ...]] = {
    "violation": ("violation",),
    "warning": ("violation", "warning"),
    "pending": ("violation", "warning", "pending"),
    "never": (),
}
FAIL_CHOICES = (*FAIL_LEVELS, "empty")

MSG = Section(
    "check",
    {
        "empty-log": {
            "zh": "changrenzhi：警告：没有检查任何事件：日志 {log} 中没有事件",
            "en": "changrenzhi: warning: no event was checked: the log {log} holds none",
        },
        "all-later": {
            "zh": "changrenzhi：警告：没有检查任何事件：日志 {log} 的 {count} 个事件都晚于 {as_of}",
            "en": "changrenzhi: warning: no event was checked: every event of {log} ({count}) is dated "
            "after {as_of}",
        },
    },
)


def today() -> date:
    """The local date, or the date in ``CHANGRENZHI_TODAY`` when it is set."""
    from ..events.fields import BadValue
    from ..events.fields import parse_date as log_date

    fixed = os.environ.get(TODAY_VARIABLE)
    if fixed:
        try:
            return log_date(fixed)
        except BadValue as bad:  # why, as --as-of says it ('February 2011 has 28 days')
            why = f": {str(bad).split(': ', 1)[1]}" if ": " in str(bad) else ""
            said = f"{TODAY_VARIABLE}={fixed!r} is not a date YYYY-MM-DD{why}"
            raise argparse.ArgumentTypeError(said) from None
    return date.today()


def parse_date(text: str) -> date:
    """``--as-of``: a date as a log writes one (``YYYY-MM-DD``, a day that exists, within the
    range), or ``today`` (the local date; ``CHANGRENZHI_TODAY`` stands for it when set)."""
    from ..events.fields import BadValue
    from ..events.fields import parse_date as log_date

    if text.strip().lower() == "today":
        text = today().isoformat()
    try:
        return log_date(text)
    except BadValue as bad:
        said = str(bad).replace("expected a date YYYY-MM-DD,", "expected a date YYYY-MM-DD or today,")
        raise argparse.ArgumentTypeError(said) from None


def _fail_on(text: str) -> list[str]:
    values = [v.strip() for v in text.split(",") if v.strip()]
    for v in values:
        if v not in FAIL_CHOICES:
            raise argparse.ArgumentTypeError(
                f"invalid choice: {v!r} (choose from {', '.join(FAIL_CHOICES)}; several with commas)"
            )
    return values


def _statuses(text: str) -> list[str]:
    values = [v.strip() for v in text.split(",") if v.strip()]
    for v in values:
        if v not in STATUSES:
            raise argparse.ArgumentTypeError(f"invalid status: {v!r} (choose from {', '.join(STATUSES)})")
    return values


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Check EVENTS (JSON Lines; a name ending in .gz is read through gzip) against PACK as of a date."
    )
    add_pack(p)
    p.add_argument(
        "events", metavar="EVENTS", help="the event log (JSON Lines, or gzipped: *.gz); - for standard input"
    )
    p.add_argument(
        "--as-of",
        required=True,
        type=parse_date,
        metavar="DATE",
        help="only events on or before DATE count; periods ending after it are open. YYYY-MM-DD, or "
        f"today (the local date; {TODAY_VARIABLE}=YYYY-MM-DD stands for it when set)",
    )
    # (the choices written out in the usage as argparse would: it would list them, loading them)
    p.add_argument(
        "--format",
        choices=_Formats(),
        default="text",
        metavar="{" + ",".join(sorted(FORMAT_NAMES)) + "}",
        help="output format (default text)",
    )
    add_lang(p)
    p.add_argument(
        "--fail-on",
        type=_fail_on,
        action="append",
        default=None,
        metavar="WHAT",
        help="when to exit 1: violation (the default: a violation was found), warning (a warning or "
        "worse), pending (a pending finding or worse), never; and empty (no event was checked), "
        "which adds to the level. Repeatable, or comma-separated: --fail-on warning,empty",
    )
    p.add_argument(
        "--rule",
        action="append",
        default=[],
        metavar="GLOB",
        help="show only the findings of rules whose id matches GLOB ('baoying.group.*'); repeatable. "
        "The exit status is that of the findings shown",
    )
    p.add_argument(
        "--status",
        type=_statuses,
        action="append",
        default=[],
        metavar="STATUS",
        help=f"show only findings of STATUS ({', '.join(STATUSES)}); repeatable, or comma-separated",
    )
    p.add_argument(
        "--summary",
        action="store_true",
        help="print the head and the summary line only, no findings (text format)",
    )
    add_color(p)
    add_progress(p)
    add_jobs(p)
    epilog(
        p,
        "0  nothing to fail on (by default: no violation)\n"
        "1  a finding of a status --fail-on names (by default: a violation), or no event checked "
        "with --fail-on empty\n"
        "2  bad input or usage: a broken pack or log, a bad date (named with file, line and field)",
        "changrenzhi check guoyuan policies/guoyuan/examples/guoyuan-2009-2010.jsonl --as-of 2010-12-31",
        "changrenzhi check guoyuan log.jsonl.gz --as-of today --fail-on warning --lang en",
        "changrenzhi check guoyuan log.jsonl --as-of 2013-12-31 --status violation --rule 'guoyuan.group.*'",
        "changrenzhi check guoyuan log.jsonl --as-of 2013-12-31 --format sarif -o results.sarif",
    )


#: the names of the shipped formats of ``outputs.formats.FORMATS`` (a test holds them equal)
FORMAT_NAMES = frozenset({"text", "json", "sarif", "junit", "github", "html"})


class _Formats:
    """``--format``'s choices: the formats of ``outputs.formats.FORMATS``, which are loaded (with the
    pack's model they load) only when a name is not one of the shipped formats' or the choices are
    shown: parsing a command line loads none of them, so that ``check`` can start reading a large
    log before it loads the pack (see ``run``)."""

    def __contains__(self, name: object) -> bool:
        if name in FORMAT_NAMES and "changrenzhi.outputs.formats" not in sys.modules:
            return True  # (FORMATS holds them as it is loaded; changed, it is asked, below)
        return name in self._all()

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._all()))

    @staticmethod
    def _all() -> Collection[str]:
        from ..outputs.formats import FORMATS

        return FORMATS


def run(args: argparse.Namespace) -> int:
    if args.summary and args.format != "text":
        raise UsageError(f"--summary is for the text format, not --format {args.format}")
    jobs = jobs_of(args.jobs)  # the processes that may share the work (reading, rules, JSON)
    early = None
    if jobs > 1 and args.events != "-":
        # a large log file's last part is read by a child started now, while this process loads the
        # pack (which says what to keep: the child is told then), see events.parts.Early
        from ..events.reader import start_early

        early = start_early(args.events, jobs)
    try:
        return _run(args, jobs, early)
    finally:
        if early is not None:
            early.close()


def _run(args: argparse.Namespace, jobs: int, early: Early | None) -> int:
    from ..engine.core import evaluate, types_packed, types_read
    from ..loading import load_pack
    from ..outputs.terminal import Progress

    pack = load_pack(pack_ref(args.pack), root=args.pack_root)
    known = [r.id for r in pack.rules]
    for pattern in args.rule:
        if not any(fnmatch.fnmatchcase(rid, pattern) for rid in known):
            close = difflib.get_close_matches(pattern, known, n=3)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            raise UsageError(f"--rule {pattern}: no rule of pack {pack.id} matches it{hint}")
    progress = Progress(sys.stderr, args.lang, args.progress)
    # the events of types no rule of the pack reads are checked and counted, not kept (the html
    # page traces findings to the events their rules read, which are kept)
    log = read_log(
        args.events, progress, keep=types_read(pack), packed=types_packed(pack), jobs=jobs, early=early
    )
    progress.phase("checking", events=f"{len(log):,}", pack=pack.id)
    report = evaluate(pack, log, args.as_of, jobs=jobs)
    progress.finish()
    if report.events == 0:
        _warn_empty(report, len(log), log.name, args.lang)
    shown, filter_json = _filtered(report, args.rule, [s for group in args.status for s in group])
    code = exit_status(shown, args.fail_on)
    shown = dataclasses.replace(shown, fail_code=code)  # SARIF's invocation says the same
    _write(shown, args, pack, code, filter_json, log, jobs)
    return code


def exit_status(report: Report, fail_on: list[list[str]] | None) -> int:
    """1 when ``report`` holds a finding whose status ``--fail-on`` names, or checked no event with
    ``--fail-on empty``; else 0."""
    values = [v for group in fail_on or [] for v in group]
    levels = [v for v in values if v != "empty"] or ["violation"]
    failing = {status for level in levels for status in FAIL_LEVELS[level]}
    if any(f.status in failing for f in report.findings):
        return 1
    return 1 if "empty" in values and report.events == 0 else 0


def _filtered(report: Report, rules: list[str], statuses: list[str]) -> tuple[Report, FilterJson | None]:
    if not rules and not statuses:
        return report, None

    def keep_rule(rid: str) -> bool:
        return not rules or any(fnmatch.fnmatchcase(rid, p) for p in rules)

    kept = tuple(f for f in report.findings if keep_rule(f.rule) and (not statuses or f.status in statuses))
    unchecked = tuple(rid for rid in report.unchecked if keep_rule(rid))
    shown = dataclasses.replace(report, findings=kept, unchecked=unchecked, _ids={})
    wanted: list[Status] = [s for s in STATUSES if s in statuses]
    return shown, {"rules": list(rules), "statuses": wanted, "total": len(report.findings)}


def _warn_empty(report: Report, total: int, log: str, lang: str) -> None:
    as_of = report.as_of.isoformat()
    if total == 0:
        sys.stderr.write(MSG("empty-log", lang, log=log) + "\n")
        return
    count = counted(total, "event", lang)
    sys.stderr.write(MSG("all-later", lang, log=log, count=count, as_of=as_of) + "\n")


def _write(
    report: Report,
    args: argparse.Namespace,
    pack: object,
    code: int,
    filter_json: FilterJson | None,
    log: EventLog,
    jobs: int = 1,
) -> None:
    from ..outputs.formats import render_report
    from ..outputs.reports import report_text_lines, write_lines, write_report_json
    from ..outputs.terminal import use_color

    out = sys.stdout
    if args.format == "html":  # the page traces each finding: it needs the log and its lines
        from ..explain import lines_at
        from ..outputs.html import render_check_html

        # the log is named by the file it was read from (read_log checked it), or <stdin>
        raw_lines = None if args.events == "-" else functools.partial(lines_at, log.name)
        out.write(render_check_html(report, pack, args.lang, log, raw_lines))  # type: ignore[arg-type]
        return
    if args.format == "text":
        what = None
        if filter_json is not None:
            what = " ".join(
                [*(f"--rule {r}" for r in args.rule), *(f"--status {s}" for s in filter_json["statuses"])]
            )
        lines = report_text_lines(
            report,
            args.lang,
            code=code,
            color=use_color(args.color, out),
            summary_only=args.summary,
            filtered=what,
            total=filter_json["total"] if filter_json is not None else 0,
        )
        write_lines(lines, out.write)  # a few thousand lines at a time: a large report is never held whole
        return
    raw = getattr(out, "buffer", None)
    if args.format == "json" and raw is not None and _is_utf8(getattr(out, "encoding", None)):
        # the same text, written as the encoder's UTF-8 bytes (a large report is not
        # decoded to a str only to be encoded again)
        # a few findings at a time: a large report is neither held whole nor decoded to a str only
        # to be encoded again
        out.flush()
        write_report_json(report, args.lang, raw.write, filter_json, jobs)
    elif args.format == "json":
        from ..outputs.reports import report_json

        out.write(report_json(report, args.lang, filter_json))
    elif args.format == "sarif" and raw is not None and _is_utf8(getattr(out, "encoding", None)):
        from ..outputs.formats import Sarif

        out.flush()  # the same text as render_report's, written as UTF-8 bytes a piece at a time
        Sarif().write(report, pack, args.lang, raw.write)  # type: ignore[arg-type]
    else:
        out.write(render_report(report, args.format, args.lang, pack))  # type: ignore[arg-type]


def _is_utf8(encoding: str | None) -> bool:
    return encoding is not None and encoding.lower().replace("-", "").replace("_", "") == "utf8"
