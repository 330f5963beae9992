"""``changrenzhi lint PACK... [--source FILE]...``: every problem of draft packs, in one run."""

from __future__ import annotations

import argparse
import sys

from ..lint import lint_paths, read_sources
from ..outputs.formats import FORMATS
from . import add_color, add_format, add_lang, add_pack, epilog, pack_ref


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Check draft packs completely: everything the loader checks, plus ranges, rules that "
        "contradict or shadow each other, and citations (against the source texts given with --source). "
        "Exit 1 when any problem is an error, 0 otherwise, 2 when a file cannot be read."
    )
    add_pack(p, nargs="+", metavar="PACK")
    p.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="FILE",
        help="a source text; citations naming its file name must quote its lines exactly (repeatable)",
    )
    add_format(p, FORMATS)
    add_lang(p)
    add_color(p)
    epilog(
        p,
        "0  no error (warnings allowed)\n1  an error in some pack\n2  a file cannot be read, or bad usage",
        "changrenzhi lint policies/guoyuan --source ../shared/seeds/000_4d6d1418da65ff90.txt",
        "changrenzhi lint draft/ --format sarif -o lint.sarif",
    )


def run(args: argparse.Namespace) -> int:
    result = lint_paths([pack_ref(r) for r in args.packs], read_sources(args.source), root=args.pack_root)
    if args.format == "text":
        from ..outputs.formats import lint_text
        from ..outputs.terminal import use_color

        sys.stdout.write(lint_text(result, args.lang, color=use_color(args.color, sys.stdout)))
    else:
        sys.stdout.write(FORMATS[args.format].lint(result, args.lang))
    return result.exit_code
