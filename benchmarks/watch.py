"""`changrenzhi watch` on a county log: events per second, and the latency from a day's close to
its records (the time of the feed that closes a day, evaluation included).

    python benchmarks/generate.py --events 20000 --out benchmarks/out/county-20k.jsonl
    python benchmarks/watch.py benchmarks/out/county-20k.jsonl [--pack guoyuan] [--lateness 0] [--limit N]
"""

from __future__ import annotations

import argparse
import statistics
import time

from changrenzhi import load_pack
from changrenzhi.watch.monitor import Monitor


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("log")
    ap.add_argument("--pack", default="guoyuan")
    ap.add_argument("--lateness", type=int, default=0)
    ap.add_argument("--limit", type=int, default=0, help="stop after N lines (0: all)")
    args = ap.parse_args()
    pack = load_pack(args.pack)
    monitor = Monitor(pack, lateness=args.lateness, name=args.log)
    closes: list[float] = []
    n = records = 0
    start = time.perf_counter()
    with open(args.log, "rb") as handle:
        for line in handle:
            n += 1
            before = monitor.closed
            t = time.perf_counter()
            records += len(monitor.feed(line))
            if monitor.closed != before:
                closes.append(time.perf_counter() - t)
            if args.limit and n >= args.limit:
                break
    total = time.perf_counter() - start
    print(f"{n} lines, {records} records, {len(closes)} closes in {total:.2f} s: {n / total:.0f} events/s")
    if closes:
        q = statistics.quantiles(closes, n=20)
        print(
            f"close -> records latency: median {statistics.median(closes) * 1000:.1f} ms, "
            f"p95 {q[-1] * 1000:.1f} ms, max {max(closes) * 1000:.1f} ms"
        )


if __name__ == "__main__":
    main()
