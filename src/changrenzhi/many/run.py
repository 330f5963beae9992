"""``check-many``: every town of a manifest checked, by one of three engines, into one dataset.

The dataset (docs/MANY.md), in ``OUT``:

- ``towns.jsonl``: one row per town of the manifest, sorted by town (status, events, counts by
  status, and the located error of a town that could not be checked);
- ``findings/town=<town>/findings.jsonl``: the town's findings, each the object of ``check
  --format json`` preceded by ``town`` and ``as_of``, in the engine's order;
- ``parquet/town=<town>/findings.parquet`` with ``--parquet``;
- ``manifest.json``: the run's metadata (version, manifest, the pack file of every town).

Engines: ``serial``; ``processes`` (the standard library's process pool, ``--jobs N``); ``dask``
(``dask.distributed``, a scheduler's address or a local cluster). Each runs
:func:`~changrenzhi.many.town.check_town` on every town, and the files are the same byte for byte
whichever ran. Nothing in the files depends on time, order of completion or the engine, so a
re-run over the same inputs rewrites the same bytes; a town no longer in the manifest loses its
partition.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from .._version import __version__
from ..errors import UsageError
from ..findings import STATUSES
from .files import atomic_write
from .manifest import TownEntry, read_manifest
from .town import TownJob, TownResult, check_town, jsonl, remove_partition

__all__ = ["DATASET_FORMAT", "ENGINES", "ManyRun", "Runner", "jobs_of", "main_summary", "run_many"]

#: names the layout of the dataset in ``manifest.json``
DATASET_FORMAT = "changrenzhi-many/1"
ENGINES = ("serial", "processes", "dask")
_OURS = frozenset({"towns.jsonl", "manifest.json", "findings", "parquet"})
DASK_INSTALL = "pip install 'changrenzhi[dask]'"


#: an engine: runs :func:`~changrenzhi.many.town.check_town` on every job, yields the results in any order
Runner = Callable[[Sequence[TownJob]], Iterable[TownResult]]


@dataclass(frozen=True, slots=True)
class ManyRun:
    """What a run found: the rows of ``towns.jsonl`` in town order."""

    rows: tuple[dict[str, Any], ...]

    @property
    def errors(self) -> list[dict[str, Any]]:
        return [r for r in self.rows if r["status"] == "error"]

    @property
    def counts(self) -> dict[str, int]:
        return {s: sum(r["counts"][s] for r in self.rows) for s in STATUSES}

    @property
    def exit_code(self) -> int:
        """2 when a town could not be checked, else 1 when a town has a violation, else 0."""
        if self.errors:
            return 2
        return 1 if self.counts["violation"] else 0


def jobs_of(
    towns: Sequence[TownEntry],
    manifest: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    pack_root: str | None = None,
    lang: str = "zh",
    parquet: bool = False,
) -> list[TownJob]:
    """The jobs of a manifest's towns, in town order; paths absolute, for workers anywhere."""
    base = Path(manifest).resolve().parent
    out_abs = str(Path(out).resolve())
    root = None if pack_root is None else str(Path(pack_root).resolve())
    jobs = []
    for t in sorted(towns, key=lambda t: t.town):
        local = base / t.pack
        pack_ref = str(local) if _is_path(t.pack) or local.exists() else t.pack
        jobs.append(
            TownJob(
                town=t.town,
                pack=t.pack,
                log=t.log,
                as_of=t.as_of.isoformat(),
                pack_ref=pack_ref,
                log_path=str(base / t.log),
                base=str(base),
                out=out_abs,
                pack_root=root,
                lang=lang,
                parquet=parquet,
                manifest=str(Path(manifest).resolve()),
                line=t.line,
            )
        )
    return jobs


def _is_path(ref: str) -> bool:
    return "/" in ref or "\\" in ref or ref.endswith((".yaml", ".yml")) or ref.startswith(".")


def run_many(
    manifest: str,
    out: str,
    *,
    engine: str = "serial",
    jobs: int = 1,
    scheduler: str | None = None,
    as_of: date | None = None,
    pack_root: str | None = None,
    lang: str = "zh",
    parquet: bool = False,
    progress: TextIO | None = None,
    runner: Runner | None = None,
) -> ManyRun:
    """Check every town of ``manifest`` and write the dataset into ``out``.

    Raises :class:`~changrenzhi.many.manifest.ManifestError` for a bad manifest and
    :class:`~changrenzhi.errors.UsageError` for an ``out`` that is not a dataset's folder or a
    missing extra, before any town is checked. A town that cannot be checked is a row with its
    error, and the others go on. ``runner`` replaces the engine (Spark: :mod:`changrenzhi.many.spark`)."""
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r} (one of {', '.join(ENGINES)})")
    if jobs < 1:
        raise UsageError(f"--jobs must be at least 1, not {jobs}")
    towns = read_manifest(manifest, as_of)
    if parquet:
        from .parquet import require_pyarrow

        require_pyarrow()
    _prepare(Path(out))
    todo = jobs_of(towns, manifest, out, pack_root=pack_root, lang=lang, parquet=parquet)
    if runner is None:
        runner = _runner(engine, jobs, scheduler)
    results: dict[str, TownResult] = {}
    report = _Progress(progress, len(todo))
    for answer in runner(_largest_first(todo)):
        result = _same_version(answer)
        results[result.town] = result
        report.done(result)
    missing = [j for j in todo if j.town not in results]
    for job in missing:  # pragma: no cover - every engine answers for every town
        results[job.town] = TownResult(_lost(job, "the engine returned no result"), None, __version__)
    rows = tuple(results[j.town].row for j in todo)
    _finish(Path(out), manifest, todo, results, rows, lang, parquet)
    return ManyRun(rows)


def _largest_first(todo: Sequence[TownJob]) -> list[TownJob]:
    """The jobs, largest log first (then by town): with more towns than workers, the largest towns
    start first and do not finish last, alone. Only the order of work changes, never the output."""

    def size(job: TownJob) -> int:
        try:
            return os.stat(job.log_path).st_size
        except OSError:
            return 0

    return sorted(todo, key=lambda j: (-size(j), j.town))


def _same_version(result: TownResult) -> TownResult:
    """A town checked by another version of changrenzhi (a worker of a cluster not upgraded)
    counts as not checked: its findings might differ from the others'."""
    if result.version == __version__:
        return result
    row = dict(result.row)
    row.update(
        status="error",
        events=None,
        counts=dict.fromkeys(STATUSES, 0),
        error={
            "message": f"checked by changrenzhi {result.version} on the worker, not {__version__}: "
            "install the same version on every worker",
            "file": None,
            "line": None,
            "field": None,
        },
    )
    return replace(result, row=row, pack_file=None)


def _lost(job: TownJob, message: str) -> dict[str, Any]:
    return {
        "town": job.town,
        "pack": job.pack,
        "log": job.log,
        "as_of": job.as_of,
        "status": "error",
        "events": None,
        "counts": dict.fromkeys(STATUSES, 0),
        "error": {"message": message, "file": None, "line": None, "field": None},
    }


# ---- the output folder ---------------------------------------------------------------------


def _prepare(out: Path) -> None:
    """Check that ``out`` can take a dataset: new, empty, or a dataset of an earlier run (nothing
    else is overwritten or removed). Nothing is created until a town is checked."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: not a folder (--out names the dataset's folder)")
    if out.is_dir():
        strangers = sorted(
            p.name for p in out.iterdir() if p.name not in _OURS and not p.name.startswith(".")
        )
        if strangers:
            raise UsageError(
                f"{out}: holds {strangers[0]!r}, which is no part of a check-many dataset: "
                "give a new or empty folder, or an earlier run's"
            )


def _finish(
    out: Path,
    manifest: str,
    todo: Sequence[TownJob],
    results: dict[str, TownResult],
    rows: Sequence[dict[str, Any]],
    lang: str,
    parquet: bool,
) -> None:
    (out / "findings").mkdir(parents=True, exist_ok=True)
    names = {j.town for j in todo}
    for row in rows:
        if row["status"] == "error":  # no findings of a check that did not happen
            remove_partition(out, row["town"])
    _prune(out / "findings", names)
    if parquet:
        _prune(out / "parquet", names)
    elif (out / "parquet").is_dir():  # Parquet not asked for this time: no stale copy left beside
        shutil.rmtree(out / "parquet")
    atomic_write(out / "towns.jsonl", b"".join(jsonl(r) for r in rows))
    meta = {
        "format": DATASET_FORMAT,
        "changrenzhi": __version__,
        "manifest": manifest,
        "lang": lang,
        "parquet": parquet,
        "towns": [
            {
                "town": j.town,
                "pack": j.pack,
                "pack_file": results[j.town].pack_file,
                "log": j.log,
                "as_of": j.as_of,
                "status": results[j.town].row["status"],
            }
            for j in todo
        ],
    }
    import json

    text = json.dumps(meta, ensure_ascii=False, indent=2) + "\n"
    atomic_write(out / "manifest.json", text.encode("utf-8", "backslashreplace"))


def _prune(folder: Path, names: set[str]) -> None:
    """Remove the partitions of towns no longer in the manifest (only folders named ``town=...``)."""
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        if entry.name.startswith("town=") and entry.is_dir() and entry.name[5:] not in names:
            shutil.rmtree(entry)


# ---- engines ---------------------------------------------------------------------------------


def _runner(engine: str, jobs: int, scheduler: str | None) -> Runner:
    if engine == "serial":
        return _serial
    if engine == "processes":
        return lambda todo: _processes(todo, jobs)
    return lambda todo: _dask(todo, jobs, scheduler)


def _serial(todo: Sequence[TownJob]) -> Iterator[TownResult]:
    for job in todo:
        yield check_town(job)


def _processes(todo: Sequence[TownJob], workers: int) -> Iterator[TownResult]:
    """The standard library's process pool (spawned workers: safe whatever threads the caller
    runs). A worker that dies (killed for memory) costs its town, reported as such."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(workers, max(1, len(todo))), mp_context=context) as pool:
        futures = {pool.submit(check_town, job): job for job in todo}
        try:
            for future in as_completed(futures):
                job = futures[future]
                try:
                    yield future.result()
                except BrokenProcessPool:
                    yield TownResult(
                        _lost(job, "the worker checking this town died (out of memory?)"), None, __version__
                    )
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _dask(todo: Sequence[TownJob], workers: int, scheduler: str | None) -> Iterator[TownResult]:
    """dask.distributed: the scheduler at ``scheduler``, or a local cluster of ``workers``
    single-threaded worker processes on loopback when it is None or ``local``."""
    try:
        import distributed as _distributed
    except ImportError:
        raise UsageError(
            f"--scheduler needs dask.distributed, which is not installed: {DASK_INSTALL}"
        ) from None
    dd: Any = _distributed  # partly typed: its calls are checked by the tests, not by mypy
    cluster = None
    if scheduler in (None, "local"):
        cluster = dd.LocalCluster(
            n_workers=min(workers, max(1, len(todo))),
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        )
        client = dd.Client(cluster)
    else:
        try:
            client = dd.Client(scheduler, timeout=30)
        except (OSError, TimeoutError, ValueError) as exc:
            raise UsageError(f"--scheduler {scheduler}: cannot reach the Dask scheduler: {exc}") from None
    try:
        futures = client.map(
            check_town, list(todo), key=[f"check_town-{i}" for i in range(len(todo))], pure=False
        )
        by_key = {f.key: job for f, job in zip(futures, todo, strict=True)}
        for future in dd.as_completed(futures):
            job = by_key[future.key]
            try:
                yield future.result()
            except Exception as exc:  # a worker lost (KilledWorker), a town's task cancelled
                yield TownResult(
                    _lost(job, f"the Dask worker checking this town failed: {exc}"), None, __version__
                )
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


class _Progress:
    """``[3/20] 城关镇: ok, 12,345 events, 67 violations (0.4 s)`` on standard error, one line a town."""

    def __init__(self, stream: TextIO | None, total: int) -> None:
        self.stream = stream
        self.total = total
        self.n = 0
        self.start = time.monotonic()

    def done(self, result: TownResult) -> None:
        self.n += 1
        if self.stream is None:
            return
        row = result.row
        if result.ok:
            c = row["counts"]
            what = f"ok, {row['events']:,} events, {c['violation']:,} violations, {c['warning']:,} warnings"
        else:
            what = f"error: {_located(row['error'])}"
        elapsed = time.monotonic() - self.start
        line = f"[{self.n}/{self.total}] {row['town']}: {what} ({elapsed:.1f} s)\n"
        self.stream.write(line.encode("utf-8", "backslashreplace").decode("utf-8"))
        self.stream.flush()


def main_summary(run: ManyRun, out: str, stream: TextIO | None = None) -> None:
    """The closing lines of a run on ``stream`` (default: standard error)."""
    stream = sys.stderr if stream is None else stream
    c = run.counts
    ok = len(run.rows) - len(run.errors)
    stream.write(
        f"check-many: {len(run.rows)} towns, {ok} checked, {len(run.errors)} with errors; "
        f"{c['violation']} violations, {c['warning']} warnings, {c['pending']} pending, {c['info']} info; "
        f"dataset in {out}\n"
    )
    for row in run.errors:
        stream.write(f"check-many: town {row['town']!r} not checked: {_located(row['error'])}\n")


def _located(e: dict[str, Any]) -> str:
    """A town's error as one line: ``file:line field: message`` (what is known of the place)."""
    place = e["file"] or ""
    if place and e["line"]:
        place += f":{e['line']}"
    if e["field"]:
        place += f" {e['field']}"
    return f"{place + ': ' if place else ''}{e['message']}"
