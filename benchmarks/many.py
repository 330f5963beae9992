"""Benchmark ``changrenzhi check-many`` on a synthetic county: serial, a process pool, Dask.

    python benchmarks/many.py                         # 20 towns, about 1M events in all
    python benchmarks/many.py --towns 20 --events 1000000 --jobs 2 --repeat 1 --json out.json

Generates the county once (``changrenzhi.many.synthetic``, into benchmarks/out/many-county/),
then runs each engine as a fresh ``python -m changrenzhi check-many`` child into its own folder
and reports, per engine: wall time, the peak of the summed RSS of the child and every process
under it (sampled every 50 ms with psutil, which dask.distributed brings), the largest single
process's peak RSS (``ru_maxrss`` of the reaped children), and the load average before and after.
Checks that every engine's dataset is byte-identical to the serial one.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(folder).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def run_one(cmd: list[str]) -> dict[str, Any]:
    import psutil

    before = os.getloadavg()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    root = psutil.Process(proc.pid)
    peak_sum = peak_one = 0
    status = usage = None
    while status is None:
        total = 0
        try:
            for p in [root, *root.children(recursive=True)]:
                try:
                    rss = p.memory_info().rss
                except psutil.Error:
                    continue
                total += rss
                peak_one = max(peak_one, rss)
        except psutil.Error:
            pass
        peak_sum = max(peak_sum, total)
        pid, code, ru = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            status, usage = code, ru
        else:
            time.sleep(0.05)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    assert usage is not None
    return {
        "wall_s": round(wall, 2),
        # user + system time of the child and of every worker it waited for
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "exit": proc.returncode,
        "peak_total_rss_mb": round(peak_sum / 2**20),
        "peak_process_rss_mb": round(peak_one / 2**20),
        "load_before": [round(x, 2) for x in before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
        "stderr_tail": err.strip().splitlines()[-1:] if err else [],
    }


_ONE_TOWN = """
import os, resource, sys, time
from changrenzhi.many.town import TownJob, check_town
t0 = time.perf_counter()
pack, log, out = sys.argv[1:4]
job = TownJob("t", pack, log, "2016-06-30", pack, log, os.path.dirname(log), out)
r = check_town(job)
assert r.ok, r.row
print(time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, r.row["events"])
"""


def per_town(work: Path, sizes: list[int], packs: list[str]) -> int:
    """One town of each size checked by check_town in a fresh process: wall time, peak RSS."""
    print("| events | pack | wall s | peak RSS (MB) | findings file (MB) |")
    print("|---:|---|---:|---:|---:|")
    for size in sizes:
        folder = work / f"town-{size}"
        if not (folder / "manifest.csv").exists():
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "changrenzhi.many.synthetic",
                    str(folder),
                    "--towns",
                    "1",
                    "--events",
                    str(size),
                ],
                check=True,
            )
        log = next((folder / "logs").iterdir())
        for pack in packs:
            out = work / "per-town-out"
            shutil.rmtree(out, ignore_errors=True)
            done = subprocess.run(
                [sys.executable, "-c", _ONE_TOWN, pack, str(log), str(out)],
                check=True,
                capture_output=True,
                text=True,
            )
            wall, rss, events = done.stdout.split()
            size_mb = sum(f.stat().st_size for f in out.rglob("*.jsonl")) / 2**20
            print(
                f"| {int(events):,} | {pack} | {float(wall):.2f} | {int(rss) / 1024:.0f} | {size_mb:.1f} |",
                flush=True,
            )
    return 0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--towns", type=int, default=20)
    p.add_argument("--events", type=int, default=1_000_000)
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--repeat", type=int, default=1)
    p.add_argument("--engines", nargs="+", default=["serial", "processes", "dask"])
    p.add_argument("--work", type=Path, default=HERE / "out" / "many")
    p.add_argument("--json", type=Path, help="also write the results here")
    p.add_argument("--keep", action="store_true", help="keep each engine's dataset (default: removed after)")
    p.add_argument(
        "--per-town",
        type=int,
        nargs="+",
        metavar="EVENTS",
        help="instead: the peak RSS of one worker checking one town of each size (fresh processes), per pack",
    )
    p.add_argument("--packs", nargs="+", default=["zhangjiagang", "guoyuan", "baoying"])
    args = p.parse_args()
    if args.per_town:
        return per_town(args.work, args.per_town, args.packs)
    county = args.work / f"county-{args.towns}-{args.events}"
    if not (county / "manifest.csv").exists():
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "changrenzhi.many.synthetic", str(county), "--towns", str(args.towns),
             "--events", str(args.events)],
            check=True,
        )  # fmt: skip
        print(f"generated {county} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    flags = {
        "serial": [],
        "processes": ["--jobs", str(args.jobs)],
        "dask": ["--scheduler", "local", "--jobs", str(args.jobs)],
    }
    results: list[dict[str, Any]] = []
    digests: dict[str, str] = {}
    for n in range(args.repeat):
        for engine in args.engines:
            out = args.work / f"out-{engine}"
            shutil.rmtree(out, ignore_errors=True)
            manifest = str(county / "manifest.csv")
            cmd = [sys.executable, "-m", "changrenzhi", "check-many", manifest, "--out", str(out), "--quiet"]
            cmd += flags[engine]
            r = run_one(cmd)
            r.update(engine=engine, round=n + 1)
            digests[engine] = r["digest"] = tree_digest(out)
            if not args.keep:
                shutil.rmtree(out, ignore_errors=True)
            results.append(r)
            print(json.dumps(r, ensure_ascii=False), file=sys.stderr)
    same = len(set(digests.values())) == 1
    print(f"datasets byte-identical across engines: {same}", file=sys.stderr)
    print("| engine | wall s | CPU s | peak RSS, all processes (MB) | largest process (MB) | exit | load |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for r in results:
        print(
            f"| {r['engine']} (round {r['round']}) | {r['wall_s']} | {r['cpu_s']} | "
            f"{r['peak_total_rss_mb']} | {r['peak_process_rss_mb']} | {r['exit']} | "
            f"{r['load_before'][0]} -> {r['load_after'][0]} |"
        )
    if args.json:
        args.json.write_text(json.dumps({"results": results, "identical": same}, indent=2) + "\n")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
