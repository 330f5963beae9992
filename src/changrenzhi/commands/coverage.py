"""``changrenzhi coverage PACK``: each clause of the pack's source and what accounts for it.

Exit status: 1 when a clause is missing (no rule covers it, or only a
``kind_pending`` entry), 0 otherwise, 2 on bad input (a broken pack, or a pack
without a ``clauses:`` inventory).
"""

from __future__ import annotations

import argparse
import sys

from ..coverage import COVERAGE_FORMATS, coverage_report, render_coverage
from ..loading import load_pack
from . import add_format, add_lang, add_pack, epilog, pack_ref


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "List each clause of PACK's source text: encoded by which rules, record, not checkable and why, "
        "or missing. Exit 1 when a clause is missing."
    )
    add_pack(p)
    add_format(p, COVERAGE_FORMATS)
    add_lang(p)
    epilog(
        p,
        "0  every clause accounted for\n1  a clause is missing\n2  bad input (a broken pack, or no clauses:)",
        "changrenzhi coverage guoyuan --lang en",
    )


def run(args: argparse.Namespace) -> int:
    report = coverage_report(load_pack(pack_ref(args.pack), root=args.pack_root), args.lang)
    sys.stdout.write(render_coverage(report, args.format, args.lang))
    return report.exit_code
