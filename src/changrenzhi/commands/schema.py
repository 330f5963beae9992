"""``changrenzhi schema [NAME]``: a JSON Schema of a format ``changrenzhi`` reads or writes.

``pack`` (the default) is the schema of ``pack.yaml``, for editors; ``events`` that of one line of the
event log; the others those of the JSON outputs (``--format json``) of the commands of the same
names (``findings`` is ``check``'s). They are generated from the code (:mod:`changrenzhi.schemas`);
the repository ships each as ``schema/NAME.schema.json``.
"""

from __future__ import annotations

import argparse
import sys

from ..schemas import SCHEMAS, schema_text
from . import epilog


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Print a JSON Schema: of pack.yaml (the default; rule params checked per kind), of one line of "
        "the event log (events), or of a command's --format json output (findings for check). The "
        "repository ships each as schema/NAME.schema.json; point an editor at the pack's with a first "
        "line '# yaml-language-server: $schema=<path or URL>'."
    )
    p.add_argument(
        "name", nargs="?", choices=list(SCHEMAS), default="pack", metavar="NAME",
        help=f"which schema: {', '.join(SCHEMAS)} (default pack)",
    )  # fmt: skip
    p.add_argument(
        "--lang",
        choices=["zh", "en"],
        default="zh",
        help="accepted as by every command; the schema is the same in both languages (its "
        "descriptions come from the code, in English), byte for byte schema/NAME.schema.json",
    )
    epilog(
        p,
        "0  the schema was printed\n2  bad usage (an unknown NAME)",
        "changrenzhi schema > pack.schema.json",
        "changrenzhi schema findings --lang zh -o findings.schema.json",
    )


def run(args: argparse.Namespace) -> int:
    sys.stdout.write(schema_text(args.name))
    return 0
