"""``changrenzhi watch PACK [EVENTS]``: findings as events arrive, as JSON Lines (docs/WATCH.md)."""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import UsageError
from ..events.lines import MAX_LINE_BYTES
from ..loading import load_pack
from ..watch.monitor import MAX_LATENESS, Escalator, Monitor
from ..watch.records import CheckpointRecord, WatchRecord
from . import add_lang, add_pack, epilog, pack_ref
from .check import parse_date


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Check events as they arrive (JSON Lines, from EVENTS or standard input) and print, as each "
        "day closes, the findings that opened, changed status or were withdrawn, and the alerts of "
        "the pack's escalations, one JSON object per line."
    )
    add_pack(p)
    p.add_argument(
        "events",
        metavar="EVENTS",
        nargs="?",
        default="-",
        help="the event log; - (default) for standard input",
    )
    p.add_argument(
        "--lateness",
        type=int,
        default=0,
        metavar="DAYS",
        help=f"days a day stays open after a later date arrives (0 to {MAX_LATENESS}; default 0)",
    )
    p.add_argument(
        "--until", type=parse_date, metavar="DATE", help="at the end of the input, close every day up to DATE"
    )
    p.add_argument("--follow", action="store_true", help="keep reading EVENTS as it grows (stop with Ctrl-C)")
    p.add_argument(
        "--checkpoint",
        metavar="FILE",
        help="write a checkpoint after each close; restart from it if it exists",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="append the records to FILE instead of standard output; with --checkpoint, a restart first "
        "cuts FILE back to what the checkpoint covers, so that no record is written twice",
    )
    p.add_argument("--no-escalations", action="store_true", help="do not run the pack's escalations")
    add_lang(p)
    epilog(
        p,
        "0  the input ended (or Ctrl-C); refused records are reported as records, not by the status\n"
        "2  bad usage, a broken pack or checkpoint, or the live extra missing for a pack's escalations",
        "changrenzhi watch guoyuan policies/guoyuan/examples/guoyuan-2009-2010.jsonl --until 2010-09-20",
        "tail -f today.jsonl | changrenzhi watch guoyuan - --lateness 2 --checkpoint w.ckpt -o out.jsonl",
    )


def run(args: argparse.Namespace) -> int:
    if not 0 <= args.lateness <= MAX_LATENESS:
        raise UsageError(f"--lateness: from 0 to {MAX_LATENESS} days, got {args.lateness}")
    pack = load_pack(pack_ref(args.pack), root=args.pack_root)
    escalator: Escalator | None = None
    if pack.escalations and not args.no_escalations:
        from ..watch.escalate import EscalationHost

        escalator = EscalationHost(pack)
    checkpoint = _read_checkpoint(args.checkpoint) if args.checkpoint else None
    if args.checkpoint is not None and not Path(args.checkpoint).absolute().parent.is_dir():
        # found before the first record, not at the first close (a traceback, the records half written)
        raise UsageError(f"{args.checkpoint}: cannot write the checkpoint: No such file or directory")
    name = "<stdin>" if args.events == "-" else args.events
    monitor = Monitor(
        pack, lateness=args.lateness, name=name, lang=args.lang, escalator=escalator, checkpoint=checkpoint
    )
    if args.output is None:
        _run(monitor, args, sys.stdout, None)
        return 0
    try:
        handle = open(args.output, "a+b")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise UsageError(f"{args.output}: cannot write: {exc.strerror or exc}") from None
    with handle:
        if checkpoint is not None and "output" in checkpoint:
            # records written after the checkpoint (a crash between the two) are written again below
            handle.truncate(min(checkpoint["output"], handle.seek(0, os.SEEK_END)))
        handle.seek(0, os.SEEK_END)
        out = io.TextIOWrapper(handle, encoding="utf-8", newline="\n", write_through=True)
        try:
            _run(monitor, args, out, handle)
        finally:
            out.detach()
    return 0


def _run(monitor: Monitor, args: argparse.Namespace, out: IO[str], file: IO[bytes] | None) -> None:
    def save() -> None:
        if args.checkpoint is not None:
            cp = monitor.checkpoint()
            if file is not None:
                file.flush()
                os.fsync(file.fileno())
                cp["output"] = file.tell()
            _save(args.checkpoint, cp)

    try:
        for raw in _lines(args.events, args.follow):
            records = monitor.feed(raw)
            if records:  # a close or a refusal: written, then the checkpoint that covers it
                _write(out, records)
                save()
        _write(out, monitor.finish())
        if args.until is not None:
            _write(out, monitor.close(args.until))
    finally:
        save()


def _write(out: IO[str], records: list[WatchRecord]) -> None:
    if records:
        out.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
        out.flush()


def _save(path: str, cp: CheckpointRecord) -> None:
    """Write the checkpoint whole or not at all (a new file renamed over the old)."""
    tmp = Path(path + ".tmp")
    try:
        tmp.write_text(json.dumps(cp, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write the checkpoint: {exc.strerror or exc}") from None


def _read_checkpoint(path: str) -> CheckpointRecord | None:
    try:
        text = Path(path).read_bytes()[: 256 << 20]
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the checkpoint: {exc.strerror or exc}") from None
    try:
        data: Any = json.loads(text)
    except ValueError as exc:
        raise UsageError(f"{path}: not a checkpoint ({exc})") from None
    if not isinstance(data, dict):
        raise UsageError(f"{path}: not a checkpoint")
    return data  # type: ignore[return-value]  # Monitor checks it


def _lines(source: str, follow: bool) -> Iterator[bytes]:
    """The lines of the input, each at most 64 KiB (a longer one comes as its first bytes plus one,
    which the reader refuses with its length; the rest is skipped, never held)."""
    if source == "-":
        yield from _bounded(sys.stdin.buffer, follow=False)
        return
    if os.path.isdir(source):
        raise UsageError(f"{source}: a folder, not an event log")
    try:
        handle = open(source, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise UsageError(f"{source}: cannot open: {exc.strerror or exc}") from None
    with handle:
        yield from _bounded(handle, follow=follow)


def _bounded(handle: IO[bytes], *, follow: bool) -> Iterator[bytes]:
    limit = MAX_LINE_BYTES + 2  # the longest line with its end (CRLF)
    pending = b""
    while True:
        chunk = handle.readline(limit)
        if not chunk:
            if follow:
                time.sleep(0.2)  # a file that grows: wait for more
                continue
            if pending:
                yield pending
            return
        line = pending + chunk
        pending = b""
        if len(line) > limit or (len(chunk) == limit and not chunk.endswith(b"\n")):
            rest = chunk
            while rest and not rest.endswith(b"\n"):  # skip the rest of a line too long, unread
                rest = handle.readline(1 << 20)
            yield line[: MAX_LINE_BYTES + 1]  # refused by the reader, for its length
            continue
        if chunk.endswith(b"\n"):
            yield line.rstrip(b"\n").rstrip(b"\r")
        elif follow:  # a line still being written: wait for its end
            pending = line
        else:
            yield line
            return
