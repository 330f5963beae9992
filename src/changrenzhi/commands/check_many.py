"""``changrenzhi check-many MANIFEST --out DIR``: every town of a manifest checked into one dataset.

The dataset's layout and the engines are in :mod:`changrenzhi.many.run` and docs/MANY.md. Exit
status: 0 no violation in any town, 1 violations found, 2 a bad manifest or command line (nothing
run) or a town that could not be checked (every other town checked and written all the same).
"""

from __future__ import annotations

import argparse
import sys

from . import add_lang, add_pack_root, epilog
from .check import parse_date


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if n < 1 or n > 4096:
        raise argparse.ArgumentTypeError(f"expected 1 to 4096, got {n}")
    return n


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Check every town of MANIFEST (CSV or YAML: town, pack, log, as_of) and write one findings "
        "dataset into --out: towns.jsonl, findings/town=<town>/findings.jsonl, manifest.json "
        "(docs/MANY.md)."
    )
    epilog(
        p,
        "0  every town checked, no violation\n"
        "1  every town checked, some town has a violation\n"
        "2  a town could not be checked (its error row says why; the other towns are written), or bad usage",
        "changrenzhi check-many county/manifest.csv --out county/findings --jobs 2",
        "changrenzhi check-many county/manifest.yaml --out out --scheduler tcp://10.0.0.5:8786 --parquet",
        "python -m changrenzhi.many.synthetic county --towns 20 --events 100000",
    )
    p.add_argument("manifest", metavar="MANIFEST", help="the towns: a .csv, or a .yaml/.yml file")
    p.add_argument(
        "--out", required=True, metavar="DIR", help="the dataset's folder (new, empty, or an earlier run's)"
    )
    p.add_argument(
        "--jobs",
        type=_positive,
        default=1,
        metavar="N",
        help="check N towns at once in worker processes (default 1)",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="run on a dask.distributed cluster: the scheduler's address (tcp://host:8786), or 'local' "
        "for a local cluster of --jobs workers (needs pip install 'changrenzhi[dask]')",
    )
    p.add_argument(
        "--as-of",
        type=parse_date,
        default=None,
        metavar="DATE",
        help="the as-of date of every town the manifest gives none",
    )
    p.add_argument(
        "--parquet",
        action="store_true",
        help="also write parquet/town=<town>/findings.parquet (needs pip install 'changrenzhi[parquet]')",
    )
    p.add_argument("--quiet", action="store_true", help="no progress lines on standard error")
    add_pack_root(p)
    add_lang(p)


def run(args: argparse.Namespace) -> int:
    from ..many.run import main_summary, run_many

    engine = "dask" if args.scheduler is not None else "processes" if args.jobs > 1 else "serial"
    result = run_many(
        args.manifest,
        args.out,
        engine=engine,
        jobs=args.jobs,
        scheduler=args.scheduler,
        as_of=args.as_of,
        pack_root=args.pack_root,
        lang=args.lang,
        parquet=args.parquet,
        progress=None if args.quiet else sys.stderr,
    )
    main_summary(result, args.out)
    return result.exit_code
