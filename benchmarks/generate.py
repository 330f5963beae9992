"""Generate a synthetic county event log for benchmarking ``changrenzhi check``.

Deterministic for a given ``--seed`` and ``--events``; standard library and changrenzhi only (the
log is built by ``changrenzhi.many.synthetic.Town``, extended: the towns of ``check-many``'s
benchmark are built the same way, without the extension types and fields).
The default is a county over one five-year term (2011-07-01 to 2016-06-30):
about 3,000 reps, 250 groups, 25 committee members, every v1 event type, and
about one million events, most of them ``contact.visit``. Every reference is
valid: each rep, group and committee member named is defined in the log, a rep
is never elected while seated, groups change only after they are formed, and
activities name only reps seated on the day (and contacts assigned on the day).

    python benchmarks/generate.py                       # benchmarks/out/county-1m.jsonl
    python benchmarks/generate.py --events 100000 --out benchmarks/out/county-100k.jsonl
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from changrenzhi.many.synthetic import START, Town

HERE = Path(__file__).resolve().parent


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--events", type=int, default=1_000_000, help="about how many events (default 1,000,000)")
    p.add_argument("--seed", type=int, default=20110701)
    p.add_argument(
        "--start", type=date.fromisoformat, default=START, help="the congress date (default 2011-07-01)"
    )
    p.add_argument("--out", type=Path, help="default benchmarks/out/county-<N>.jsonl")
    args = p.parse_args(argv)
    out = args.out or HERE / "out" / f"county-{_short(args.events)}.jsonl"
    t0 = time.perf_counter()
    county = Town(args.events, args.seed, args.start, extended=True)
    county.build()
    county.write(out)
    dt = time.perf_counter() - t0
    print(
        f"wrote {out}: {county.n} events ({len(county.seat)} reps, {len(county.groups)} groups, "
        f"{len(county.members)} committee members, {len(county.counts)} event types) in {dt:.1f}s",
        file=sys.stderr,
    )
    for t, c in sorted(county.counts.items(), key=lambda kv: -kv[1]):
        print(f"  {t:22} {c:>9}", file=sys.stderr)
    return 0


def _short(n: int) -> str:
    if n % 1_000_000 == 0:
        return f"{n // 1_000_000}m"
    if n % 1000 == 0:
        return f"{n // 1000}k"
    return str(n)


if __name__ == "__main__":
    sys.exit(main())
