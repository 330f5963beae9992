"""Where ``check``'s time goes, in-process: the roster, each rule, ordering, rendering.

    python benchmarks/profile_rules.py                        # every shipped pack, 1M log
    python benchmarks/profile_rules.py --packs guoyuan --top 5
    python benchmarks/profile_rules.py --profile zhangjiagang.some-rule   # cProfile one rule

The log is read once; each pack then runs the same steps as ``evaluate`` and the streamed
JSON writer of ``check --format json`` (render), timed one by one (seconds of wall time, the
cyclic GC paused as in the console script).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--log", type=Path, default=HERE / "out" / "county-1m.jsonl")
    p.add_argument("--as-of", default="2016-06-30")
    p.add_argument("--packs", nargs="*")
    p.add_argument("--top", type=int, default=8, help="rules listed per pack, slowest first")
    p.add_argument("--profile", metavar="RULE_ID", nargs="*", default=[], help="cProfile these rules")
    args = p.parse_args(argv)

    from changrenzhi import read_events, shipped_packs
    from changrenzhi.engine.core import Context, _in_order, _sort_key
    from changrenzhi.engine.dated import evaluate_dated
    from changrenzhi.loading import load_pack
    from changrenzhi.outputs.reports import write_report_json
    from changrenzhi.roster import Roster

    gc.disable()
    as_of = date.fromisoformat(args.as_of)
    t0 = time.perf_counter()
    log = read_events(str(args.log))
    print(f"read {len(log):,} events: {time.perf_counter() - t0:.2f} s")
    shipped = shipped_packs()
    for name in args.packs or list(shipped):
        pack = load_pack(str(shipped.get(name, name)))
        t = time.perf_counter()
        seen = log.until(as_of)
        roster = Roster.build(seen.events, default_term_years=pack.term_years or 5, name=log.name)
        t_roster = time.perf_counter() - t
        ctx = Context(as_of, seen, roster, pack)
        times: list[tuple[float, str, int]] = []
        keyed: list[tuple[tuple[Any, ...], Any]] = []
        for rule in pack.rules:
            prof = cProfile.Profile() if rule.id in args.profile else None
            t = time.perf_counter()
            if prof:
                prof.enable()
            found = evaluate_dated(rule, ctx) if rule.epochs else rule.impl.evaluate(rule, rule.params, ctx)
            found = list(found)
            if prof:
                prof.disable()
            times.append((time.perf_counter() - t, f"{rule.id} ({rule.kind})", len(found)))
            keyed.extend((_sort_key(f, rule.index), f) for f in found)
            if prof:
                pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
        t = time.perf_counter()
        findings = _in_order(keyed)
        t_order = time.perf_counter() - t
        from changrenzhi.findings import Report

        report = Report(pack.id, pack.name, as_of, findings, events=len(seen))
        # what check --format json does: the report streamed to standard output, here to a counter
        size = 0

        def sink(chunk: bytes) -> None:
            nonlocal size
            size += len(chunk)

        t = time.perf_counter()
        write_report_json(report, "zh", sink)
        t_render = time.perf_counter() - t
        rules = sum(x[0] for x in times)
        print(
            f"\n{name}: {len(pack.rules)} rules, {len(findings):,} findings, {size / 1e6:.1f} MB json; "
            f"roster {t_roster:.3f}  rules {rules:.3f}  order {t_order:.3f}  render {t_render:.3f}  "
            f"total {t_roster + rules + t_order + t_render:.3f} s"
        )
        for secs, rid, n in sorted(times, reverse=True)[: args.top]:
            print(f"  {secs:7.3f} s  {n:7,} findings  {rid}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
