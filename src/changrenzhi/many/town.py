"""One town checked: the function every engine of ``check-many`` runs (serial, a process pool, Dask
workers, Spark executors), so that they write the same bytes.

:func:`check_town` takes a :class:`TownJob` (plain data, picklable), loads the town's pack and log,
evaluates, and writes the town's partition of the dataset itself (atomically: a temporary file,
then a rename), so that only a small :class:`TownResult` travels back to the driver. A town whose
pack or log is bad (or whose check fails in any other way) gives a result with the located error,
and its partition is removed: the dataset never holds findings of a check that did not happen.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pydantic_core

from .._version import __version__
from ..errors import ChangrenzhiError, Problem
from ..findings import STATUSES, Report
from .files import atomic_write

__all__ = [
    "FINDINGS_FILE",
    "PARQUET_FILE",
    "TownJob",
    "TownResult",
    "check_town",
    "jsonl",
    "partition",
    "remove_partition",
]

#: the file of a town's findings in its partition
FINDINGS_FILE = "findings.jsonl"
#: the file of a town's findings in its Parquet partition
PARQUET_FILE = "findings.parquet"


@dataclass(frozen=True, slots=True)
class TownJob:
    """What a worker needs to check one town: plain values only (it crosses process boundaries).

    ``pack``, ``log`` are as the manifest writes them; ``pack_ref``, ``log_path`` as the worker
    opens them (a path resolved against the manifest's folder, or a shipped pack's name);
    ``base`` is the manifest's folder (files inside it are named relative to it in outputs);
    ``out`` the dataset's folder."""

    town: str
    pack: str
    log: str
    as_of: str
    pack_ref: str
    log_path: str
    base: str
    out: str
    pack_root: str | None = None
    lang: str = "zh"
    parquet: bool = False
    #: the manifest and the town's line in it: where a pack name that names no pack is placed
    manifest: str | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class TownResult:
    """What comes back from a worker: the town's row of ``towns.jsonl``, the file its pack was
    loaded from (named as in outputs), and the version of changrenzhi that checked it."""

    row: dict[str, Any]
    pack_file: str | None
    version: str

    @property
    def town(self) -> str:
        return str(self.row["town"])

    @property
    def ok(self) -> bool:
        return bool(self.row["status"] == "ok")


def partition(out: str | os.PathLike[str], folder: str, town: str) -> Path:
    """The folder of a town's partition: ``OUT/<folder>/town=<town>``."""
    return Path(out, folder, f"town={town}")


def jsonl(obj: Any) -> bytes:
    """One JSON Lines line: compact, UTF-8 (a name that is not UTF-8 is written with \\u escapes)."""
    try:
        return pydantic_core.to_json(obj) + b"\n"
    except pydantic_core.PydanticSerializationError:
        import json

        return json.dumps(obj, ensure_ascii=True, separators=(",", ":")).encode("ascii") + b"\n"


def check_town(job: TownJob) -> TownResult:
    """Check one town and write its partition; never raises for the town's own inputs."""
    try:
        report, pack_file = _evaluate(job)
        files = _files(job, report)
    except Exception as exc:  # one town's failure must not stop the others: it becomes its row
        remove_partition(job.out, job.town)
        return TownResult(_row(job, None, None, _error(job, exc)), None, __version__)
    try:
        _write(job, files)
    except OSError as exc:  # the dataset's own folder: the driver cannot go on either
        raise ChangrenzhiError(f"{job.out}: cannot write town {job.town!r}: {exc.strerror or exc}") from exc
    return TownResult(_row(job, report, report.summary, None), _shown(job, pack_file), __version__)


def _evaluate(job: TownJob) -> tuple[Report, str | None]:
    from ..engine.core import evaluate, types_packed, types_read
    from ..events import read_events
    from ..loading import load_pack

    try:
        pack = load_pack(job.pack_ref, root=job.pack_root)
    except ChangrenzhiError as exc:
        if job.manifest is None or _first_file(exc) is not None:
            raise
        # no file of the pack says where (a name that is no shipped pack): the manifest's line does
        from .manifest import ManifestError

        raise ManifestError([Problem(job.manifest, job.line, "pack", _first_message(exc))]) from exc
    if not os.path.isfile(job.log_path):
        what = "a folder, not an event log" if os.path.isdir(job.log_path) else "no such event log"
        raise FileNotFoundError(0, what, job.log_path)
    # as check reads: only the types the pack reads kept, those its rules read as columns packed
    log = read_events(job.log_path, keep=types_read(pack), packed=types_packed(pack))
    report = evaluate(pack, log, date.fromisoformat(job.as_of))
    return report, (str(pack.path) if pack.path is not None else None)


def _first_file(exc: ChangrenzhiError) -> str | None:
    from ..outputs.places import failures_of

    return failures_of(exc)[0].file


def _first_message(exc: ChangrenzhiError) -> str:
    from ..outputs.places import failures_of

    return failures_of(exc)[0].message


def _row(job: TownJob, report: Report | None, counts: Any, error: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "town": job.town,
        "pack": job.pack,
        "log": job.log,
        "as_of": job.as_of,
        "status": "ok" if error is None else "error",
        "events": report.events if report is not None else None,
        "counts": dict(counts) if counts is not None else dict.fromkeys(STATUSES, 0),
        "error": error,
    }


def _error(job: TownJob, exc: BaseException) -> dict[str, Any]:
    """The located error of a town: its first problem (message, file, line, field)."""
    from ..outputs.places import failures_of

    if isinstance(exc, ChangrenzhiError):
        first = failures_of(exc)[0]
        more = len(getattr(exc, "problems", ())) - 1
        message = first.message + (f" (and {more} more problems)" if more > 0 else "")
        return {"message": message, "file": _shown(job, first.file), "line": first.line, "field": first.field}
    if isinstance(exc, OSError):
        message = exc.strerror or str(exc)
        return {"message": message, "file": _shown(job, exc.filename), "line": None, "field": None}
    if isinstance(exc, MemoryError):
        return {"message": "out of memory", "file": None, "line": None, "field": None}
    return {
        "message": f"internal error: {type(exc).__name__}: {exc}",
        "file": None,
        "line": None,
        "field": None,
    }


def _shown(job: TownJob, file: Any) -> str | None:
    """A file as outputs name it: the log as the manifest writes it, a file inside the manifest's
    folder relative to it (POSIX separators), anything else as it is."""
    if file is None:
        return None
    name = os.fsdecode(file) if isinstance(file, bytes | os.PathLike) else str(file)
    if name == job.log_path:
        return job.log
    try:
        rel = Path(os.path.relpath(name, job.base))
    except ValueError:  # pragma: no cover - another drive on Windows
        return name
    if rel.parts and rel.parts[0] == "..":
        return name
    return rel.as_posix()


def _files(job: TownJob, report: Report) -> tuple[bytes, bytes | None]:
    """The town's ``findings.jsonl`` and, when asked for, its Parquet file, in memory."""
    head = {"town": job.town, "as_of": job.as_of}
    findings = [
        {**head, **f.to_json(job.lang, fid)}
        for f, fid in zip(report.findings, report.finding_ids(), strict=True)
    ]
    data = b"".join(jsonl(obj) for obj in findings)
    if not job.parquet:
        return data, None
    from .parquet import parquet_bytes

    return data, parquet_bytes(findings)


def _write(job: TownJob, files: tuple[bytes, bytes | None]) -> None:
    data, parquet = files
    folder = partition(job.out, "findings", job.town)
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write(folder / FINDINGS_FILE, data)
    if parquet is not None:
        pfolder = partition(job.out, "parquet", job.town)
        pfolder.mkdir(parents=True, exist_ok=True)
        atomic_write(pfolder / PARQUET_FILE, parquet)


def remove_partition(out: str | os.PathLike[str], town: str) -> None:
    """Remove a town's findings (JSON Lines and Parquet) and their folders, if there are any."""
    for folder, name in (("findings", FINDINGS_FILE), ("parquet", PARQUET_FILE)):
        path = partition(out, folder, town)
        with contextlib.suppress(FileNotFoundError):
            (path / name).unlink()
        with contextlib.suppress(OSError):
            path.rmdir()
