"""``changrenzhi explain PACK EVENTS --as-of DATE --finding ID``: the trace of one finding."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence

from ..events import read_events
from ..explain import FORMATS, explain, lines_at, render
from ..loading import load_pack
from . import add_format, add_lang, add_pack, event_log, pack_ref
from .check import parse_date


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Explain one finding of checking EVENTS against PACK as of DATE: the rule and its parameters, "
        "the period, the subject in the roster, every evidence event (line and JSON), the counts "
        "against the bound, the status."
    )
    add_pack(p)
    p.add_argument("events", metavar="EVENTS", help="the event log (JSON Lines); - for standard input")
    p.add_argument("--as-of", required=True, type=parse_date, metavar="DATE", help="as for check")
    p.add_argument(
        "--finding",
        required=True,
        metavar="ID",
        help="the finding's id, as check prints it after # (a unique prefix of 4+ characters will do)",
    )
    add_format(p, FORMATS)
    add_lang(p)


def run(args: argparse.Namespace) -> int:
    pack = load_pack(pack_ref(args.pack), root=args.pack_root)
    if args.events == "-":
        data = sys.stdin.buffer.read().split(b"\n")
        log = read_events(data, name="<stdin>")

        def raw(ns: Sequence[int]) -> Mapping[int, str]:
            return {n: data[n - 1].decode("utf-8", "replace").strip().removeprefix("\ufeff") for n in ns}
    else:
        path = event_log(args.events)
        log = read_events(path)

        def raw(ns: Sequence[int]) -> Mapping[int, str]:
            return lines_at(path, ns)

    t = explain(pack, log, args.as_of, args.finding, raw, args.lang)
    sys.stdout.write(render(t, args.format, args.lang))
    return 0
