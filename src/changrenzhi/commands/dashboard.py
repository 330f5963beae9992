"""``changrenzhi dashboard DATASET``: the towns of a ``check-many`` dataset on one HTML page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import UsageError
from . import add_lang, epilog


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "One HTML page for a county from the folder check-many wrote (towns.jsonl and "
        "findings/town=<town>/findings.jsonl): totals, findings per quarter over the term, towns by "
        "families of rules, each town linking to reports/<town>.html beside the page."
    )
    p.add_argument("dataset", metavar="DATASET", help="the folder check-many wrote")
    p.add_argument(
        "--reports",
        action="store_true",
        help="also write each town's report (check --format html) to reports/<town>.html beside FILE, "
        "from the pack, log and date towns.jsonl names",
    )
    add_lang(p)
    epilog(
        p,
        "0  the page was written\n2  the dataset cannot be read (file, line and field named), or bad usage",
        "changrenzhi dashboard county/findings -o county/dashboard.html",
        "changrenzhi dashboard county/findings -o county/dashboard.html --reports",
    )


def run(args: argparse.Namespace) -> int:
    from ..outputs.dashboard import read_dataset, render_dashboard, write_reports

    if args.reports and args.output is None:
        raise UsageError("--reports writes files beside the page: give the page's file with -o FILE")
    data = read_dataset(args.dataset)
    # the page goes to standard output, which the command line's -o FILE (every command's) writes
    # to FILE atomically
    sys.stdout.write(render_dashboard(data, args.lang))
    if args.reports:
        out = Path(args.output)
        for note in write_reports(data, out.parent / "reports", args.lang):
            sys.stderr.write(f"changrenzhi: note: {note}\n")
    return 0
