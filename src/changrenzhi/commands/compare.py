"""``changrenzhi compare PACK PACK...``: the packs' duties side by side."""

from __future__ import annotations

import argparse
import shutil
import sys

from ..compare import FORMATS, compare, render
from ..compare.formats import BINARY_FORMATS
from ..errors import UsageError
from ..loading import load_pack
from . import add_format, add_lang, add_pack, epilog, pack_ref


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "One row per duty (aligned by kind and subject), one column per PACK; "
        "each cell the figure and the quoted source line."
    )
    add_pack(p, nargs="+", metavar="PACK")
    add_format(p, [*FORMATS, *BINARY_FORMATS])
    add_lang(p)
    p.add_argument(
        "--width",
        type=_width,
        default=None,
        metavar="N",
        help="width of the text table in columns, 40 to 1000 (default: the terminal's, else 100)",
    )
    epilog(
        p,
        "0  the packs were compared\n2  bad input or usage",
        "changrenzhi compare guoyuan baoying --lang en",
        "changrenzhi compare guoyuan baoying district --format csv -o duties.csv",
    )


#: the narrowest and the widest text table (a narrower width asked for draws the narrowest)
MIN_WIDTH, MAX_WIDTH = 40, 1000


def _width(text: str) -> int:
    try:
        width = int(text)
    except ValueError:
        width = 0
    if not 1 <= width <= MAX_WIDTH:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 to {MAX_WIDTH}, got {text!r}")
    return width


def run(args: argparse.Namespace) -> int:
    binary = BINARY_FORMATS.get(args.format)
    if binary is not None and sys.stdout.isatty():
        raise UsageError(f"--format {args.format} writes a binary file: redirect standard output to a file")
    packs = [load_pack(pack_ref(ref), root=args.pack_root) for ref in args.packs]
    if binary is not None:
        data = binary(compare(packs), args.lang)
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        return 0
    width = args.width
    if width is None:
        width = shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else 100
    # the terminal's width comes from COLUMNS when set: bounded like --width
    width = min(max(width, MIN_WIDTH), MAX_WIDTH)
    sys.stdout.write(render(compare(packs), args.format, args.lang, width=width))
    return 0
