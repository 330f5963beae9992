"""``changrenzhi compare PACK PACK...``: the packs' duties side by side."""

from __future__ import annotations

import argparse
import shutil
import sys

from ..compare import FORMATS, compare, render
from ..loading import load_pack
from . import add_format, add_lang, add_pack, pack_ref


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "One row per duty (aligned by kind and subject), one column per PACK; "
        "each cell the figure and the quoted source line."
    )
    add_pack(p, nargs="+", metavar="PACK")
    add_format(p, FORMATS)
    add_lang(p)
    p.add_argument(
        "--width",
        type=int,
        default=None,
        metavar="N",
        help="width of the text table in columns (default: the terminal's, else 100)",
    )


def run(args: argparse.Namespace) -> int:
    packs = [load_pack(pack_ref(ref), root=args.pack_root) for ref in args.packs]
    width = args.width
    if width is None:
        width = shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else 100
    sys.stdout.write(render(compare(packs), args.format, args.lang, width=max(width, 40)))
    return 0
