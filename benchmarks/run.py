"""Benchmark ``changrenzhi check`` on a large synthetic log, one fresh process per measurement.

For each shipped pack this runs exactly what a user runs::

    python -m changrenzhi check PACK LOG --as-of 2016-06-30 --format json > /dev/null

in a child process, and reports its wall time, its ratio to the parse floor (and the median ratio of
runs each paired with a run of the floor just before it, "paired"), events per second
and peak RSS (``ru_maxrss`` of that child, from ``os.wait4``: the largest of it and the processes
it forked to read the log in parts, whose CPU time its CPU time includes; ``--jobs 1`` reads in
one process). The parse floor is a child that
parses every line of the same log with orjson (msgspec without it) and keeps nothing: the least a
validating reader could cost, measured in the same run. It also measures the read phase alone
(``read_events`` in a child) and, with ``--temp-pack``, a pack built here from every registered
kind that accepts the sample parameters below. Given several logs (smallest first), it prints for
each the growth of peak RSS per event over the previous log. Each figure is the median of
``--repeat`` runs (default 3). A pack that is missing or fails is reported as such; the run goes on.

    python benchmarks/generate.py --events 250000 --out /tmp/county-250k.jsonl   # and 1000000, 3000000
    python benchmarks/run.py --logs /tmp/county-250k.jsonl /tmp/county-1m.jsonl /tmp/county-3m.jsonl
    python benchmarks/run.py --json          # JSON
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_LOG = HERE / "out" / "county-1m.jsonl"

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
def child_read(log: str, jobs: str) -> int:
    """Read the log and exit: the read phase alone (with ``jobs`` as ``check --jobs`` takes it)."""
    from changrenzhi import read_events
    from changrenzhi.commands import jobs_of

    t0 = time.perf_counter()
    n = len(read_events(log, jobs=jobs_of(jobs if jobs == "auto" else int(jobs))))
    print(json.dumps({"events": n, "seconds": time.perf_counter() - t0}))
    return 0


#: the children's environment: this one, but with bytecode written and read, as for an installed
#: package (with PYTHONDONTWRITEBYTECODE, set in some shells, each start compiles every module again:
#: ~0.1 s more per run)
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def measure(cmd: Sequence[str], capture: bool = False) -> dict[str, Any]:
    """Run ``cmd`` with stdout to /dev/null (or captured); wall time and the child's own peak RSS."""
    with tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out if capture else subprocess.DEVNULL, stderr=err, env=CHILD_ENV)
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
def median_of(cmd: Sequence[str], repeat: int, floor: Sequence[str] | None = None) -> dict[str, Any]:
    """Run ``cmd`` ``repeat`` times: the median run (by wall time) of those that succeeded. Given
    ``floor``, each run of ``cmd`` comes right after a run of ``floor``, and ``paired`` is the median
    of the ratios of each pair: a VM whose speed drifts from one minute to the next (this one's
    does, by a third) moves both runs of a pair alike."""
    runs, ratios = [], []
    for _ in range(repeat):
        base = measure(floor) if floor is not None else None
        runs.append(measure(cmd))
        if base is not None and base["exit"] == 0:
            ratios.append(runs[-1]["seconds"] / base["seconds"])
    ok = [r for r in runs if r["exit"] in (0, 1)] or runs
    ok.sort(key=lambda r: r["seconds"])
    mid = dict(ok[(len(ok) - 1) // 2])
    mid["seconds"] = statistics.median(r["seconds"] for r in ok)
    mid["peak_mb"] = statistics.median(r["peak_mb"] for r in ok)
    mid["runs"] = [round(r["seconds"], 3) for r in runs]
    mid["paired"] = round(statistics.median(ratios), 2) if ratios else None
    return mid


def child_floor(log: str) -> int:
    """The parse floor: parse every line of the log that holds an event with the fastest JSON
    parser at hand (orjson when installed, else msgspec), keeping nothing."""
    try:
        import orjson

        loads = orjson.loads
        parser = "orjson"
    except ImportError:  # pragma: no cover - orjson is a dev extra
        import msgspec

        loads = msgspec.json.decode
        parser = "msgspec"
    n = 0
    with open(log, "rb", buffering=1 << 20) as f:
        for line in f:
            if line[:1] == b"{":
                loads(line)
                n += 1
    print(json.dumps({"events": n, "parser": parser}))
    return 0


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
        "--log",
        "--logs",
        dest="logs",
        type=Path,
        nargs="+",
        default=[DEFAULT_LOG],
        help=f"one or more logs, smallest first (default {DEFAULT_LOG.relative_to(HERE.parent)})",
    )
    p.add_argument("--as-of", default="2016-06-30")
    p.add_argument("--packs", nargs="*", help="pack names or paths (default: every shipped pack)")
    p.add_argument("--repeat", type=int, default=3, help="runs per measurement; the median counts")
    p.add_argument("--temp-pack", action="store_true", help="also time a pack of every registered kind")
    p.add_argument("--no-read", action="store_true", help="skip the read-only measurement")
    p.add_argument(
        "--jobs",
        default="auto",
        help="passed to check --jobs: the processes that may read the log at once (default auto; 1: one)",
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--child-read", metavar="LOG", help=argparse.SUPPRESS)
    p.add_argument("--child-floor", metavar="LOG", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child_read:
        return child_read(args.child_read, args.jobs)
    if args.child_floor:
        return child_floor(args.child_floor)

    import changrenzhi

    for log in args.logs:
        if not log.is_file():
            print(f"{log}: no such log; generate it with: python benchmarks/generate.py", file=sys.stderr)
            return 2
    py = sys.executable
    # compile the package's bytecode first (an installed package has it), so that no run pays for it
    subprocess.run(
        [py, "-m", "compileall", "-q", str(Path(changrenzhi.__file__).parent)], check=False, env=CHILD_ENV
    )
    before = machine()
    shipped = changrenzhi.shipped_packs()
    packs = args.packs if args.packs is not None else list(shipped)
    skipped: list[str] = []
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        extra: list[tuple[str, str]] = []
        if args.temp_pack:
            path, _used, skipped = temp_pack(Path(tmp))
            if path is not None:
                extra.append(("(all kinds)", str(path)))
        for log in args.logs:
            events = count_events(log)
            floor_cmd = [py, str(Path(__file__)), "--child-floor", str(log)]
            floor = median_of(floor_cmd, args.repeat)

            def row(
                name: str,
                cmd: Sequence[str],
                log: Path = log,
                events: int = events,
                floor: dict[str, Any] = floor,
                floor_cmd: list[str] = floor_cmd,
            ) -> None:
                r = median_of(cmd, args.repeat, floor_cmd)
                ok = r["exit"] in (0, 1)
                rows.append(
                    {
                        "log": str(log),
                        "events": events,
                        "pack": name,
                        "status": "ok" if ok else f"failed (exit {r['exit']})",
                        "seconds": round(r["seconds"], 3),
                        "cpu_seconds": round(r["cpu_seconds"], 3),
                        "ratio_to_floor": round(r["seconds"] / floor["seconds"], 2),
                        "paired_ratio_to_floor": r["paired"],
                        "cpu_ratio_to_floor": round(r["cpu_seconds"] / floor["cpu_seconds"], 2),
                        "events_per_second": round(events / r["seconds"]) if ok else None,
                        "peak_mb": round(r["peak_mb"], 1),
                        "runs": r["runs"],
                        "note": ""
                        if ok
                        else (r["stderr"].strip().splitlines() or ["(no message)"])[-1][:300],
                        "command": " ".join(cmd),
                    }
                )

            rows.append(
                {
                    "log": str(log),
                    "events": events,
                    "pack": "(parse floor)",
                    "status": "ok" if floor["exit"] == 0 else f"failed (exit {floor['exit']})",
                    "seconds": round(floor["seconds"], 3),
                    "cpu_seconds": round(floor["cpu_seconds"], 3),
                    "ratio_to_floor": 1.0,
                    "paired_ratio_to_floor": 1.0,
                    "cpu_ratio_to_floor": 1.0,
                    "events_per_second": round(events / floor["seconds"]),
                    "peak_mb": round(floor["peak_mb"], 1),
                    "runs": floor["runs"],
                    "note": (floor["stdout"] or "").strip(),
                    "command": "",
                }
            )
            if not args.no_read:
                row("(read only)", [py, str(Path(__file__)), "--child-read", str(log), "--jobs", args.jobs])
            refs = [(name, str(shipped[name]) if name in shipped else name) for name in packs]
            check = [py, "-m", "changrenzhi", "check"]
            for name, ref in [*refs, *extra]:
                row(
                    name,
                    [*check, ref, str(log), "--as-of", args.as_of, "--format", "json", "--jobs", args.jobs],
                )
    # bytes per event between consecutive logs: the growth of peak RSS with the log
    by: dict[tuple[str, str], dict[str, Any]] = {(r["pack"], r["log"]): r for r in rows}
    for prev, log in zip(args.logs, args.logs[1:], strict=False):
        for r in rows:
            if r["log"] != str(log):
                continue
            q = by.get((r["pack"], str(prev)))
            if q is not None and r["events"] != q["events"]:
                r["growth_bytes_per_event"] = round(
                    (r["peak_mb"] - q["peak_mb"]) * 1024 * 1024 / (r["events"] - q["events"])
                )
    result = {
        "as_of": args.as_of,
        "repeat": args.repeat,
        "jobs": args.jobs,
        "machine": before,
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
        "results": rows,
        "temp_pack_skipped": skipped,
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    m = before
    print(f"as of {args.as_of}; check --jobs {args.jobs}; median of {args.repeat} fresh processes per figure")
    print(
        f"machine: {m.get('cpu', '?')}, nproc {m['nproc']}, {m.get('mem_gb', '?')} GB, "
        f"Python {m['python']}; load {m['loadavg']} before, {result['loadavg_after']} after"
    )
    head = (
        f"{'pack':16} {'wall s':>7} {'x floor':>7} {'paired':>6} {'CPU s':>6} {'x floor':>7} "
        f"{'events/s':>10} {'peak MiB':>8} {'B/event':>8}  status"
    )
    for log in args.logs:
        print(f"\n{log} ({next(r['events'] for r in rows if r['log'] == str(log)):,} events)")
        print(head)
        for r in rows:
            if r["log"] != str(log):
                continue
            eps = f"{r['events_per_second']:,}" if r["events_per_second"] else "-"
            growth = r.get("growth_bytes_per_event")
            status = r["status"] + (f": {r['note']}" if r["note"] else "")
            paired = r["paired_ratio_to_floor"]
            print(
                f"{r['pack']:16} {r['seconds']:7.2f} {r['ratio_to_floor']:7.2f} "
                f"{paired if paired is not None else '-':>6} {r['cpu_seconds']:6.2f} "
                f"{r['cpu_ratio_to_floor']:7.2f} {eps:>10} "
                f"{r['peak_mb']:8.0f} {growth if growth is not None else '':>8}  {status}"
            )
    for s in skipped:
        print(f"  temp pack skipped: {s}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
