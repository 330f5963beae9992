"""``changrenzhi dashboard DATASET``: the towns of a ``check-many`` dataset on one HTML page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import UsageError
from . import add_lang


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "One HTML page for a county from the folder check-many wrote (towns.jsonl and "
        "findings/town=<town>/findings.jsonl): totals, findings per quarter over the term, towns by "
        "families of rules, each town linking to reports/<town>.html beside the page."
    )
    p.add_argument("dataset", metavar="DATASET", help="the folder check-many wrote")
    p.add_argument(
        "-o", "--output", metavar="FILE", default=None, help="write the page to FILE (default: stdout)"
    )
    p.add_argument(
        "--reports",
        action="store_true",
        help="also write each town's report (check --format html) to reports/<town>.html beside FILE, "
        "from the pack, log and date towns.jsonl names",
    )
    add_lang(p)


def run(args: argparse.Namespace) -> int:
    from ..outputs.dashboard import read_dataset, render_dashboard, write_reports

    if args.reports and args.output is None:
        raise UsageError("--reports writes files beside the page: give the page's file with -o FILE")
    data = read_dataset(args.dataset)
    text = render_dashboard(data, args.lang)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    out = Path(args.output)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{out}: cannot write: {exc.strerror or exc}") from None
    if args.reports:
        for note in write_reports(data, out.parent / "reports", args.lang):
            sys.stderr.write(f"changrenzhi: note: {note}\n")
    return 0
