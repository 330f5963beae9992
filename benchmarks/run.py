"""Benchmark ``changrenzhi check`` on a large synthetic log, one fresh process per measurement.

For each shipped pack this runs exactly what a user runs::

    python -m changrenzhi check PACK LOG --as-of 2016-06-30 --format json > /dev/null

in a child process, and reports its wall time, events per second and peak RSS
(``ru_maxrss`` of that child, from ``os.wait4``). It also measures the read
phase alone (``read_events`` in a child) and, with ``--temp-pack``, a pack built
here from every registered kind that accepts the sample parameters below, so
that kinds can be measured before a shipped pack uses them. A pack that is
missing or fails is reported as such; the run goes on.

    python benchmarks/generate.py            # once: benchmarks/out/county-1m.jsonl
    python benchmarks/run.py                 # table
    python benchmarks/run.py --json          # JSON
    python benchmarks/run.py --repeat 3      # best of three per pack
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_LOG = HERE / "out" / "county-1m.jsonl"
TARGET_SECONDS = 5.0
TARGET_MB = 500.0

# Sample parameters per kind for the temporary pack (a kind absent here, or whose
# parameter model rejects these, is left out and listed as skipped).
SAMPLE_PARAMS: dict[str, dict[str, Any]] = {
    "group_size": {"min": 8, "max": 20, "officers": ["leader", "liaison"], "every_rep_in_group": True},
    "contact_roster": {"kinds": ["member", "citizen"], "count": {"min": 3, "max": 5}},
    "contact_frequency": {"period": "year", "min": 2},
    "committee_roster": {"of": "reps", "count": {"min": 100, "max": 150}},
    "committee_contact_frequency": {"of": "groups", "period": "year", "min": 1, "per": "total"},
    "study_frequency": {"period": "quarter", "min": 1},
    "study_days": {"min_days": 4},
    "study_absence_penalty": {"consecutive": 2, "unexcused": 1},
    "training_coverage": {"span": "term", "min": 1},
    "annual_meeting": {},
    "quorum": {},
    "agenda_deadline": {},
    "agenda_threshold": {},
    "vote_majority": {},
    "ballot_method": {},
}


# ---- children ---------------------------------------------------------------------
def child_read(log: str) -> int:
    """Read the log and exit: the read phase alone."""
    from changrenzhi import read_events

    t0 = time.perf_counter()
    n = len(read_events(log))
    print(json.dumps({"events": n, "seconds": time.perf_counter() - t0}))
    return 0


def measure(cmd: Sequence[str], capture: bool = False) -> dict[str, Any]:
    """Run ``cmd`` with stdout to /dev/null (or captured); wall time and the child's own peak RSS."""
    with tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out if capture else subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        out.seek(0)
        return {
            "exit": proc.returncode,
            "seconds": wall,
            "cpu_seconds": usage.ru_utime + usage.ru_stime,
            "peak_mb": usage.ru_maxrss / 1024,  # kilobytes on Linux
            "stderr": err.read().decode("utf-8", "replace")[-2000:],
            "stdout": out.read().decode("utf-8", "replace") if capture else "",
        }


def temp_pack(folder: Path) -> tuple[Path | None, list[str], list[str]]:
    """Write a pack using every kind that accepts its sample parameters; returns (path, used, skipped)."""
    import yaml

    from changrenzhi import PackError, default_registry, loads_pack

    registry = default_registry()
    seed = "000_4d6d1418da65ff90.txt"
    base: dict[str, Any] = {
        "format": "changrenzhi.pack/1",
        "id": "bench-all-kinds",
        "name": "基准（全部规则类型）",
        "locality": "synthetic",
        "document": {"title": "benchmark", "sources": [{"file": seed, "first_line": 1, "last_line": 225}]},
        "term": {"years": 5},
        "rules": [],
    }
    used, skipped = [], []
    for kind in registry.names():
        params = SAMPLE_PARAMS.get(kind)
        if params is None:
            skipped.append(f"{kind} (no sample parameters)")
            continue
        rule = {
            "id": f"bench.{kind.replace('_', '-')}",
            "kind": kind,
            "citation": {"source": seed, "line": 81, "text": "benchmark"},
            "params": params,
        }
        try:
            loads_pack(yaml.safe_dump({**base, "rules": [rule]}, allow_unicode=True))
        except PackError as exc:
            skipped.append(f"{kind} ({str(exc).splitlines()[-1].strip()})")
            continue
        base["rules"].append(rule)
        used.append(kind)
    if not used:
        return None, used, skipped
    path = folder / "pack.yaml"
    path.write_text(yaml.safe_dump(base, allow_unicode=True), encoding="utf-8")
    return path, used, skipped


# ---- the run ----------------------------------------------------------------------
def best_of(cmd: Sequence[str], repeat: int) -> dict[str, Any]:
    runs = [measure(cmd) for _ in range(repeat)]
    ok = [r for r in runs if r["exit"] in (0, 1)] or runs
    best = min(ok, key=lambda r: r["seconds"])
    best["runs"] = [round(r["seconds"], 3) for r in runs]
    return best


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "nproc": os.cpu_count(),
        "loadavg": [round(x, 2) for x in os.getloadavg()],
    }
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        mem = Path("/proc/meminfo").read_text().splitlines()[0].split()
        info["mem_gb"] = round(int(mem[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return info


def count_events(log: Path) -> int:
    n = 0
    with log.open("rb", buffering=1 << 20) as f:
        for line in f:
            if line[:1] == b"{":
                n += 1
    return n


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument(
        "--log", type=Path, default=DEFAULT_LOG, help=f"default {DEFAULT_LOG.relative_to(HERE.parent)}"
    )
    p.add_argument("--as-of", default="2016-06-30")
    p.add_argument("--packs", nargs="*", help="pack names or paths (default: every shipped pack)")
    p.add_argument("--repeat", type=int, default=1, help="runs per measurement; the fastest counts")
    p.add_argument("--temp-pack", action="store_true", help="also time a pack of every registered kind")
    p.add_argument("--no-read", action="store_true", help="skip the read-only measurement")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--child-read", metavar="LOG", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child_read:
        return child_read(args.child_read)

    import changrenzhi

    log: Path = args.log
    if not log.is_file():
        print(f"{log}: no such log; generate it with: python benchmarks/generate.py", file=sys.stderr)
        return 2
    events = count_events(log)
    py = sys.executable
    before = machine()
    rows: list[dict[str, Any]] = []

    def row(name: str, cmd: Sequence[str], note: str = "") -> None:
        r = best_of(cmd, args.repeat)
        ok = r["exit"] in (0, 1)
        rows.append(
            {
                "pack": name,
                "status": "ok" if ok else f"failed (exit {r['exit']})",
                "seconds": round(r["seconds"], 3),
                "cpu_seconds": round(r["cpu_seconds"], 3),
                "events_per_second": round(events / r["seconds"]) if ok else None,
                "peak_mb": round(r["peak_mb"], 1),
                "runs": r["runs"],
                "meets_target": ok and r["seconds"] < TARGET_SECONDS and r["peak_mb"] < TARGET_MB,
                "note": note if ok else (r["stderr"].strip().splitlines() or ["(no message)"])[-1][:300],
                "command": " ".join(cmd),
            }
        )

    if not args.no_read:
        row("(read only)", [py, str(Path(__file__)), "--child-read", str(log)])
    packs = args.packs if args.packs is not None else list(changrenzhi.shipped_packs())
    if not packs:
        print("no shipped packs found", file=sys.stderr)
    shipped = changrenzhi.shipped_packs()
    for name in packs:
        ref = str(shipped[name]) if name in shipped else name
        row(
            name, [py, "-m", "changrenzhi", "check", ref, str(log), "--as-of", args.as_of, "--format", "json"]
        )
    skipped: list[str] = []
    if args.temp_pack:
        with tempfile.TemporaryDirectory() as tmp:
            path, used, skipped = temp_pack(Path(tmp))
            if path is None:
                rows.append({"pack": "(all kinds)", "status": "no kind accepted its sample parameters"})
            else:
                cmd = [
                    py,
                    "-m",
                    "changrenzhi",
                    "check",
                    str(path),
                    str(log),
                    "--as-of",
                    args.as_of,
                    "--format",
                    "json",
                ]
                row("(all kinds)", cmd, note=f"{len(used)} kinds")
    result = {
        "log": str(log),
        "events": events,
        "as_of": args.as_of,
        "target": {"seconds": TARGET_SECONDS, "peak_mb": TARGET_MB},
        "machine": before,
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
        "results": rows,
        "temp_pack_skipped": skipped,
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(f"log {log} ({events:,} events), as of {args.as_of}; best of {args.repeat}")
        m = before
        print(
            f"machine: {m.get('cpu', '?')}, nproc {m['nproc']}, {m.get('mem_gb', '?')} GB, "
            f"Python {m['python']}; load {m['loadavg']} before, {result['loadavg_after']} after"
        )
        print(f"{'pack':16} {'seconds':>8} {'cpu s':>7} {'events/s':>10} {'peak MB':>8}  target  status")
        for r in rows:
            if "seconds" not in r:
                print(f"{r['pack']:16} {r['status']}")
                continue
            eps = f"{r['events_per_second']:,}" if r["events_per_second"] else "-"
            target = "yes" if r["meets_target"] else "NO"
            status = r["status"] + (f": {r['note']}" if r["note"] else "")
            print(
                f"{r['pack']:16} {r['seconds']:8.2f} {r['cpu_seconds']:7.2f} {eps:>10} {r['peak_mb']:8.0f}  "
                f"{target:6}  {status}"
            )
        for s in skipped:
            print(f"  temp pack skipped: {s}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
