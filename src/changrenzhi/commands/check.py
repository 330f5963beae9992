"""``changrenzhi check PACK EVENTS --as-of DATE``: the findings of a log against a pack."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from ..engine.core import evaluate, types_read
from ..events import read_events
from ..events.fields import BadValue
from ..events.fields import parse_date as log_date
from ..loading import load_pack
from ..outputs.formats import FORMATS, render_report
from ..outputs.reports import write_report_json
from . import add_format, add_lang, add_pack, event_log, pack_ref


def parse_date(text: str) -> date:
    """``--as-of``: a date as a log writes one (``YYYY-MM-DD``, a day that exists, within the range)."""
    try:
        return log_date(text)
    except BadValue as bad:
        raise argparse.ArgumentTypeError(str(bad)) from None


def configure(p: argparse.ArgumentParser) -> None:
    p.description = "Check EVENTS (JSON Lines) against PACK as of a date."
    add_pack(p)
    p.add_argument("events", metavar="EVENTS", help="the event log (JSON Lines); - for standard input")
    p.add_argument(
        "--as-of",
        required=True,
        type=parse_date,
        metavar="DATE",
        help="only events on or before DATE count; periods ending after it are open",
    )
    add_format(p, FORMATS)
    add_lang(p)


def run(args: argparse.Namespace) -> int:
    pack = load_pack(pack_ref(args.pack), root=args.pack_root)
    # the events of types no rule of the pack reads are checked and counted, not kept
    keep = types_read(pack)
    if args.events == "-":
        log = read_events(sys.stdin.buffer, name="<stdin>", keep=keep)
    else:
        log = read_events(event_log(args.events), keep=keep)
    report = evaluate(pack, log, args.as_of)
    out = sys.stdout
    raw = getattr(out, "buffer", None)
    if args.format == "json" and raw is not None and _is_utf8(getattr(out, "encoding", None)):
        # the same text, written as the encoder's UTF-8 bytes a few findings at a time (a large
        # report is neither held whole nor decoded to a str only to be encoded again)
        out.flush()
        write_report_json(report, args.lang, raw.write)
    else:
        out.write(render_report(report, args.format, args.lang, pack))
    return report.exit_code


def _is_utf8(encoding: str | None) -> bool:
    return encoding is not None and encoding.lower().replace("-", "").replace("_", "") == "utf8"
