"""``changrenzhi coverage PACK``: each clause and each line of the pack's source and what accounts for it.

Exit status: 1 when a clause or a line is missing (nothing accounts for it, or only a
``kind_pending`` entry), 0 otherwise, 2 on bad input (a broken pack, or a pack without a
``clauses:`` inventory).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from ..coverage import CoverageReport, coverage_report, render_coverage
from ..loading import load_pack
from ..outputs.junit import Case, junit_xml
from . import add_format, add_lang, add_pack, epilog, pack_ref


def _junit(report: CoverageReport, lang: str) -> str:
    """A suite per pack: a case per clause and per line, failing when it is missing."""
    pack = report.pack.id
    cases: list[Case] = []
    for row in report.rows:
        why = "; ".join(row.rules) if row.status == "encoded" else " / ".join(row.reasons())
        failure = f"clause {row.clause.id} is missing" if row.status == "missing" else None
        cases.append(Case(f"{pack}.clauses", row.clause.id, failure=failure, details=f"{row.status}: {why}"))
    for a in report.lines:
        why = ", ".join(a.rules) if a.status == "encoded" else " / ".join(a.reasons)
        failure = f"{a.source} line {a.line} is not accounted for" if a.status == "missing" else None
        cases.append(
            Case(f"{pack}.lines", f"{a.source}:L{a.line}", failure=failure, details=f"{a.status}: {why}")
        )
    path = str(report.pack.path) if report.pack.path is not None else ""
    return junit_xml([(pack, cases, {"pack_file": path})])


def _text(report: CoverageReport, lang: str) -> str:
    return render_coverage(report, "text", lang)


def _json(report: CoverageReport, lang: str) -> str:
    return render_coverage(report, "json", lang)


#: format name -> renderer: the text and JSON of :mod:`changrenzhi.coverage`, and JUnit for CI
FORMATS: dict[str, Callable[[CoverageReport, str], str]] = {"text": _text, "json": _json, "junit": _junit}


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "List each clause of PACK's source text (encoded by which rules, record, not checkable and why, "
        "or missing), then each line of its source range. Exit 1 when a clause or a line is missing."
    )
    add_pack(p)
    add_format(p, FORMATS)
    add_lang(p)
    epilog(
        p,
        "0  every clause and line accounted for\n1  a clause or a line is missing\n"
        "2  bad input (a broken pack, or no clauses:)",
        "changrenzhi coverage guoyuan --lang en",
    )


def run(args: argparse.Namespace) -> int:
    report = coverage_report(load_pack(pack_ref(args.pack), root=args.pack_root), args.lang)
    sys.stdout.write(FORMATS[args.format](report, args.lang))
    return report.exit_code
