"""``changrenzhi explain PACK EVENTS --as-of DATE --finding ID``: the trace of one finding."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence

from ..events import read_events
from ..explain import FORMATS, explain, lines_at, render
from ..loading import load_pack
from . import add_format, add_lang, add_pack, add_progress, epilog, pack_ref, read_log
from .check import parse_date


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Explain one finding of checking EVENTS against PACK as of DATE: the rule and its parameters, "
        "the period, the subject in the roster, every evidence event (line and JSON), the counts "
        "against the bound, the status."
    )
    add_pack(p)
    p.add_argument(
        "events", metavar="EVENTS", help="the event log (JSON Lines, or gzipped: *.gz); - for standard input"
    )
    p.add_argument("--as-of", required=True, type=parse_date, metavar="DATE", help="as for check (or today)")
    p.add_argument(
        "--finding",
        required=True,
        metavar="ID",
        help="the finding's id, as check prints it after # (a unique prefix of 4+ characters will do)",
    )
    add_format(p, FORMATS)
    add_lang(p)
    add_progress(p)
    epilog(
        p,
        "0  the finding was explained\n"
        "2  bad input or usage, or no finding has that id (the message lists near ids, or every id an\n"
        "   ambiguous prefix matches)",
        "changrenzhi explain guoyuan policies/guoyuan/examples/guoyuan-2009-2010.jsonl --as-of 2010-12-31 "
        "--finding ba31d95c",
        "changrenzhi explain guoyuan log.jsonl.gz --as-of today --finding '#ba31d95c873386a6' --format json",
    )


def run(args: argparse.Namespace) -> int:
    pack = load_pack(pack_ref(args.pack), root=args.pack_root)
    if args.events == "-":
        data = sys.stdin.buffer.read().split(b"\n")
        log = read_events(data, name="<stdin>")

        def raw(ns: Sequence[int]) -> Mapping[int, str]:
            return {n: data[n - 1].decode("utf-8", "replace").strip().removeprefix("\ufeff") for n in ns}
    else:
        from ..outputs.terminal import Progress

        path = args.events
        progress = Progress(sys.stderr, args.lang, args.progress)
        log = read_log(path, progress)
        progress.finish()

        def raw(ns: Sequence[int]) -> Mapping[int, str]:
            return lines_at(path, ns)

    t = explain(pack, log, args.as_of, args.finding, raw, args.lang)
    sys.stdout.write(render(t, args.format, args.lang))
    return 0
