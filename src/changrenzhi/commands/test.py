"""``changrenzhi test PACK...``: run the test cases each pack ships in ``tests/*.yaml`` (docs/TESTS.md).

Exit status: 0 when every case passes, 1 when a case fails, 2 on bad input (a pack or a test file
that cannot be read, a log file outside the pack's folder).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..loading import load_pack
from ..outputs.junit import Case, junit_xml
from ..testcases import TestResults, case_failure, render_json, render_text, run_pack_tests
from . import add_format, add_pack, epilog, pack_ref


def _junit(results: TestResults) -> str:
    suites = []
    for pack, rs in results.packs:
        cases = [
            Case(f"{pack.id}.{Path(r.file).stem}", r.case.name, failure=None if r.error else case_failure(r),
                 details=case_failure(r) or "", error=r.error)
            for r in rs
        ]  # fmt: skip
        suites.append((pack.id, cases, {"pack_file": str(pack.path) if pack.path else ""}))
    return junit_xml(suites)


#: format name -> renderer (the command line offers the keys)
TEST_FORMATS = {"text": render_text, "json": render_json, "junit": _junit}


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Run the test cases each PACK ships beside its examples (tests/*.yaml: a log, an as-of date and "
        "the findings expected). Exit 0 when every case passes, 1 when one fails, 2 on bad input."
    )
    add_pack(p, nargs="+")
    add_format(p, TEST_FORMATS)
    epilog(
        p,
        "0  every case passed\n1  a case failed\n"
        "2  bad input (a broken pack or test file, named with its line)",
        "changrenzhi test guoyuan",
        "changrenzhi test policies/*/ --format junit -o test-results.xml",
    )


def run(args: argparse.Namespace) -> int:
    packs = [load_pack(pack_ref(ref), root=args.pack_root) for ref in args.packs]
    results = run_pack_tests(packs)
    sys.stdout.write(TEST_FORMATS[args.format](results))
    return results.exit_code
