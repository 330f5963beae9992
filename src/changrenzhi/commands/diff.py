"""``changrenzhi diff OLD NEW``: what changes between two packs, each change with a witness log."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..diff import diff_packs, render_diff, write_witnesses
from ..errors import UsageError
from ..loading import load_pack
from . import add_format, add_lang, add_pack_root, epilog, pack_ref


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Compare OLD and NEW rule by rule: each changed, added or removed rule is stricter, looser or "
        "different, shown by a small event log the two packs judge differently (verified by checking "
        "both packs on it), or has no effect. Exit 0: no effective difference; 1: there is one; 2: bad input."
    )
    p.add_argument("old", metavar="OLD", help="a pack folder, its pack.yaml, or a shipped pack's name")
    p.add_argument("new", metavar="NEW", help="a pack folder, its pack.yaml, or a shipped pack's name")
    add_format(p, ["text", "json"])
    add_lang(p)
    add_pack_root(p)
    p.add_argument("--witness-dir", metavar="DIR", help="also write each witness log there as a JSONL file")
    epilog(
        p,
        "0  no effective difference\n1  an effective difference\n2  bad input or usage",
        "changrenzhi diff policies/guoyuan draft/guoyuan --lang en",
        "changrenzhi diff guoyuan draft/ --witness-dir witnesses --format json -o diff.json",
    )


def run(args: argparse.Namespace) -> int:
    old, new = (
        load_pack(pack_ref(args.old), root=args.pack_root),
        load_pack(pack_ref(args.new), root=args.pack_root),
    )
    result = diff_packs(old, new)
    if args.witness_dir:
        folder = Path(args.witness_dir)
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"{folder}: not a folder")
        try:
            write_witnesses(result, folder, args.lang)
        except OSError as exc:
            raise UsageError(f"{folder}: cannot write witnesses: {exc.strerror or exc}") from None
    sys.stdout.write(render_diff(result, args.format, args.lang))
    return result.exit_code
