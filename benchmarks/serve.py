"""Benchmark ``changrenzhi serve``: requests per second and latency percentiles over HTTP.

Starts ``changrenzhi serve --host 127.0.0.1 --port 0`` in a subprocess (from the repository's root),
waits until ``/health`` answers, then sends ``--requests`` requests, ``--concurrency`` at a time,
each ``POST /packs/PACK/check?as_of=DATE`` with a shipped example log as JSON Lines, and reports
requests per second and the latency percentiles (p50, p90, p99, max), every answer checked (status
200, the same body as the first). The machine's load average before and after is printed too: on a
shared machine, the figures move with it.

    python benchmarks/serve.py                                  # district, 200 requests, 16 at a time
    python benchmarks/serve.py --pack guoyuan --requests 50 --workers 2 --concurrency 8 --json

Needs the serve extra and httpx (``pip install '.[serve]' httpx``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
AS_OF = {
    "baoying": "2010-02-15",
    "district": "2012-12-31",
    "guoyuan": "2010-09-20",
    "model-plan": "2012-08-15",
    "xianfeng": "2011-12-31",
    "zhangjiagang": "2008-12-15",
}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def start(workers: int, concurrency: int, log: Any) -> tuple[subprocess.Popen[bytes], str]:
    script = Path(sysconfig.get_path("scripts")) / "changrenzhi"
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "changrenzhi"]
    args = ["serve", "--host", "127.0.0.1", "--port", "0", "--workers", str(workers)]
    args += [
        "--concurrency",
        str(concurrency),
        "--log-level",
        "warning",
        "--no-access-log",
        "--timeout",
        "300",
    ]
    proc = subprocess.Popen([*command, *args], stdout=log, stderr=log, cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        log.seek(0)
        found = re.search(r"listening on (http://\S+)", log.read().decode("utf-8", "replace"))
        if found:
            try:
                if httpx.get(found.group(1) + "/health", timeout=5).status_code == 200:
                    return proc, found.group(1)
            except httpx.TransportError:
                pass
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    proc.terminate()
    log.seek(0)
    raise SystemExit("changrenzhi serve did not start:\n" + log.read().decode("utf-8", "replace"))


async def load(url: str, pack: str, body: bytes, requests: int, concurrency: int) -> dict[str, Any]:
    latencies: list[float] = []
    bodies: set[bytes] = set()
    errors: list[str] = []
    gate = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=600, limits=limits) as client:

        async def one() -> None:
            async with gate:
                t0 = time.perf_counter()
                r = await client.post(
                    f"/packs/{pack}/check",
                    params={"as_of": AS_OF[pack]},
                    content=body,
                    headers={"content-type": "application/x-ndjson"},
                )
                latencies.append(time.perf_counter() - t0)
                if r.status_code != 200:
                    errors.append(f"{r.status_code}: {r.text[:200]}")
                bodies.add(r.content)

        await one()  # warm: the pack loaded, the code paths imported
        latencies.clear()
        t0 = time.perf_counter()
        await asyncio.gather(*(one() for _ in range(requests)))
        wall = time.perf_counter() - t0
    return {
        "requests": requests,
        "answered": len(latencies),
        "errors": errors,
        "distinct_bodies": len(bodies),
        "wall_s": round(wall, 3),
        "requests_per_s": round(requests / wall, 1),
        "latency_ms": {
            name: round(1000 * value, 1)
            for name, value in (
                ("p50", percentile(latencies, 50)),
                ("p90", percentile(latencies, 90)),
                ("p99", percentile(latencies, 99)),
                ("max", max(latencies)),
                ("mean", statistics.fmean(latencies)),
            )
        },
    }


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--pack", choices=sorted(AS_OF), default="district")
    p.add_argument("--requests", type=int, default=200)
    p.add_argument("--concurrency", type=int, default=16, help="requests in flight at once")
    p.add_argument("--workers", type=int, default=1, help="server worker processes")
    p.add_argument("--threads", type=int, default=2, help="server --concurrency (evaluations per worker)")
    p.add_argument("--json", action="store_true")
    args = p.parse_args()
    example = next((ROOT / "policies" / args.pack / "examples").glob("*.jsonl"))
    body = example.read_bytes()
    load_before = os.getloadavg()
    with tempfile.TemporaryFile() as log:
        proc, url = start(args.workers, args.threads, log)
        try:
            result = asyncio.run(load(url, args.pack, body, args.requests, args.concurrency))
        finally:
            proc.terminate()
            proc.wait(30)
    result = {
        "pack": args.pack,
        "log": str(example.relative_to(ROOT)),
        "log_bytes": len(body),
        "events": sum(1 for line in body.splitlines() if line.strip() and not line.startswith(b"#")),
        "client_concurrency": args.concurrency,
        "server_workers": args.workers,
        "server_threads": args.threads,
        **result,
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        lat = result["latency_ms"]
        print(
            f"{args.pack}: {result['events']} events ({len(body)} bytes) per request; "
            f"{args.requests} requests, {args.concurrency} at a time; "
            f"server: {args.workers} worker(s) x {args.threads} thread(s)\n"
            f"  {result['requests_per_s']} requests/s; latency ms p50 {lat['p50']}, p90 {lat['p90']}, "
            f"p99 {lat['p99']}, max {lat['max']}\n"
            f"  errors: {len(result['errors'])}; answered: {result['answered']}; "
            f"distinct bodies: {result['distinct_bodies']}\n"
            f"  load average before {result['load_average_before']}, after {result['load_average_after']}, "
            f"{result['cpus']} CPUs"
        )
    return 1 if result["errors"] or result["answered"] != args.requests else 0


if __name__ == "__main__":
    sys.exit(main())
