"""``changrenzhi rules PACK``: the rules of a pack, with their citations and parameters."""

from __future__ import annotations

import argparse
import sys

from ..loading import load_pack
from ..outputs.reports import RULE_LISTERS, render_rules
from . import add_format, add_lang, add_pack, epilog, pack_ref


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "List the rules of PACK: each rule's kind, severity and source line, the duties it states "
        "(in the language of --lang) and its parameters."
    )
    add_pack(p)
    add_format(p, RULE_LISTERS)
    add_lang(p)
    epilog(
        p,
        "0  the rules were listed\n2  bad input or usage (a broken pack, named with file, line and field)",
        "changrenzhi rules guoyuan --lang en",
        "changrenzhi rules policies/guoyuan --format json -o rules.json",
    )


def run(args: argparse.Namespace) -> int:
    pack = load_pack(pack_ref(args.pack), root=args.pack_root)
    sys.stdout.write(render_rules(pack, args.format, args.lang))
    return 0
