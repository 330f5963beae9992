"""The command line as a person meets it on a terminal (issue 15): colour, progress, ``-o FILE``,
``--fail-on``, the filters and ``--summary``, gzip logs, ``--as-of today``, runs that check no
event, Chinese and English throughout, precise messages, and every ``--help``.

Terminals are real: a pseudo-terminal (``pty.openpty``) stands for one where a test needs
``isatty()`` to be true in another process; progress in this process is driven by a stream that
says it is a terminal and a clock the test moves.
"""

from __future__ import annotations

import gzip
import json
import os
import pty
import select
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest

from changrenzhi.commands import COMMANDS
from changrenzhi.outputs.terminal import Progress, paint, use_color
from support import DATA, ROOT, run_cli, run_process

PACK = DATA / "packs" / "minimal"
SMALL = DATA / "logs" / "small_group.jsonl"
BAOYING = ROOT / "policies" / "baoying" / "examples" / "guangyanghu-2009.jsonl"  # 14 violations, 10 pending
XIANFENG = ROOT / "policies" / "xianfeng" / "examples" / "xianfeng-2011.jsonl"  # 4 violations, 1 warning
GUOYUAN = ROOT / "policies" / "guoyuan" / "examples" / "guoyuan-2009-2010.jsonl"
ESC = "\x1b["


def on_pty(args: list[str], env: dict[str, str], *, stream: str = "stdout") -> tuple[int, str, str]:
    """Run ``changrenzhi ARGS`` in another process with ``stream`` (stdout or stderr) on a
    pseudo-terminal and the other on a pipe: (exit status, what the terminal got, the pipe's)."""
    master, slave = pty.openpty()
    other = subprocess.PIPE
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS")}
    full_env.update(env)
    proc = subprocess.Popen(
        [sys.executable, "-m", "changrenzhi", *args],
        stdin=subprocess.DEVNULL,
        stdout=slave if stream == "stdout" else other,
        stderr=slave if stream == "stderr" else other,
        env=full_env,
    )
    os.close(slave)
    got = b""
    try:
        for _ in range(10_000):  # bounded: the process ends, and the terminal closes with it
            ready, _, _ = select.select([master], [], [], 60)
            if not ready:
                break
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the other end is closed
                break
            if not chunk:
                break
            got += chunk
        piped = proc.stdout if stream == "stderr" else proc.stderr
        assert piped is not None
        rest = piped.read()
        piped.close()
        code = proc.wait(timeout=60)
    finally:
        os.close(master)
        if proc.poll() is None:  # pragma: no cover - only when the process hangs
            proc.kill()
    return code, got.decode("utf-8").replace("\r\n", "\n"), rest.decode("utf-8")


# ---- colour -----------------------------------------------------------------------------------
def test_colour_on_a_terminal_and_not_with_no_color() -> None:
    args = ["check", str(PACK), str(SMALL), "--as-of", "2011-06-30", "--lang", "en"]
    code, screen, err = on_pty(args, {})
    assert code == 1, err
    assert f"{ESC}1;31mVIOLATION (2){ESC}0m" in screen
    assert f"{ESC}1;31mSummary: 2 violations" in screen
    # NO_COLOR with any non-empty value turns it off (no-color.org); an empty one does not
    code, screen, _ = on_pty(args, {"NO_COLOR": "1"})
    assert code == 1 and ESC not in screen and "VIOLATION (2)" in screen
    _, screen, _ = on_pty(args, {"NO_COLOR": ""})
    assert ESC in screen
    # --color never wins over the terminal, --color always over NO_COLOR
    _, screen, _ = on_pty([*args, "--color", "never"], {})
    assert ESC not in screen
    _, screen, _ = on_pty([*args, "--color", "always"], {"NO_COLOR": "1"})
    assert ESC in screen


def test_no_colour_off_a_terminal_unless_asked() -> None:
    args = ["check", str(PACK), str(SMALL), "--as-of", "2011-06-30"]
    assert ESC not in run_cli(*args).stdout
    assert ESC not in run_cli(*args, "--color", "auto").stdout
    coloured = run_cli(*args, "--color", "always").stdout
    assert f"{ESC}1;31m违反 VIOLATION (2){ESC}0m" in coloured
    assert f"{ESC}2m#" in coloured  # the ids, dimmed
    # machine formats never
    assert ESC not in run_cli(*args, "--color", "always", "--format", "json").stdout


def test_lint_is_coloured_too(tmp_path: Path) -> None:
    broken = tmp_path / "pack.yaml"
    broken.write_text((PACK / "pack.yaml").read_text(encoding="utf-8").replace("min: 3", "min: -3"))
    plain = run_cli("lint", str(tmp_path), "--lang", "en")
    assert plain.returncode == 1 and ESC not in plain.stdout
    coloured = run_cli("lint", str(tmp_path), "--lang", "en", "--color", "always")
    assert f"{ESC}1;31merror{ESC}0m" in coloured.stdout


def test_colour_rules() -> None:
    class Tty:
        def isatty(self) -> bool:
            return True

    assert use_color("auto", Tty(), {}) is True
    assert use_color("auto", Tty(), {"NO_COLOR": "0"}) is False
    assert use_color("auto", Tty(), {"NO_COLOR": ""}) is True
    assert use_color("auto", object(), {}) is False
    assert use_color("always", object(), {"NO_COLOR": "1"}) is True
    assert use_color("never", Tty(), {}) is False
    assert paint("x", "ok", False) == "x" and paint("x", "ok", True) == f"{ESC}32mx{ESC}0m"


# ---- progress ----------------------------------------------------------------------------------
class FakeTty:
    def __init__(self, tty: bool = True) -> None:
        self.text = ""
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty

    def write(self, s: str) -> int:
        self.text += s
        return len(s)

    def flush(self) -> None:
        pass


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _read_all(handle: Any, clock: Clock, step: float) -> None:
    while handle.read(8):
        clock.now += step


def test_progress_waits_half_a_second_redraws_and_erases() -> None:
    import io

    clock = Clock()
    data = b"line\n" * 40  # 200 bytes, read 8 at a time: 25 reads
    # a quick run shows nothing
    out = FakeTty()
    p = Progress(out, "en", clock=clock)  # type: ignore[arg-type]
    _read_all(p.reader(io.BytesIO(data), "log.jsonl", len(data)), clock, 0.001)
    p.phase("checking", events="40", pack="p")
    p.finish()
    assert out.text == ""
    # a slow one: after 0.5 s, redrawn at most every 0.2 s, then the stage, then erased
    out = FakeTty()
    p = Progress(out, "en", clock=clock)  # type: ignore[arg-type]
    _read_all(p.reader(io.BytesIO(data), "log.jsonl", len(data)), clock, 0.1)
    p.phase("checking", events="40", pack="p")
    p.finish()
    draws = out.text.split("\r\x1b[K")
    assert draws[0] == "" and draws[-1] == ""  # each draw erases the line first; the end erases it
    # the first after half a second of reading (5 reads, 40 bytes), then every 0.2 s at most
    assert draws[1] == "reading log.jsonl: 9 lines, 0.0 of 0.0 MiB (24%)"
    assert draws[-2] == "checking 40 events against p..."
    assert 8 <= len(draws) <= 13  # 2.5 s of reading
    # in Chinese
    out = FakeTty()
    p = Progress(out, "zh", "always", clock)  # type: ignore[arg-type]
    _read_all(p.reader(io.BytesIO(data), "log.jsonl"), clock, 0.0)
    assert "读取 log.jsonl：1 行" in out.text


def test_progress_is_off_off_a_terminal_unless_asked() -> None:
    import io

    clock = Clock()
    data = b"line\n" * 40
    out = FakeTty(tty=False)
    p = Progress(out, "en", clock=clock)  # type: ignore[arg-type]
    handle = io.BytesIO(data)
    assert p.reader(handle, "x") is handle  # nothing in the way when off
    out = FakeTty(tty=False)
    p = Progress(out, "en", "never", clock)  # type: ignore[arg-type]
    assert p.reader(handle, "x") is handle
    # always, on a pipe: whole lines, one a second at most, and what was read at the end
    out = FakeTty(tty=False)
    p = Progress(out, "en", "always", clock)  # type: ignore[arg-type]
    _read_all(p.reader(io.BytesIO(data), "log.jsonl"), clock, 0.25)
    p.finish()
    lines = out.text.splitlines()
    assert "\r" not in out.text and lines[-1] == "read log.jsonl: 40 lines"
    assert 5 <= len(lines) <= 9


def test_progress_goes_to_standard_error_only() -> None:
    args = ["check", "baoying", str(BAOYING), "--as-of", "2010-02-15", "--format", "json"]
    quiet = run_cli(*args, "--lang", "en")
    loud = run_cli(*args, "--progress", "always", "--lang", "en")
    assert loud.stdout == quiet.stdout and quiet.stderr == ""
    assert f"read {BAOYING}: 405 lines" in loud.stderr
    assert "checking 404 events against baoying..." in loud.stderr


def test_progress_on_a_terminal() -> None:
    args = ["check", str(PACK), str(SMALL), "--as-of", "2011-06-30", "--lang", "en", "--progress", "always"]
    code, screen, out = on_pty(args, {}, stream="stderr")
    assert code == 1 and "VIOLATION (2)" in out and ESC not in out
    assert "\r\x1b[Kchecking 6 events against minimal..." in screen
    assert screen.endswith("\r\x1b[K")  # erased at the end
    # auto: a run this short shows nothing
    code, screen, _ = on_pty(args[:-2], {}, stream="stderr")
    assert code == 1 and screen == ""


# ---- -o FILE -----------------------------------------------------------------------------------
def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    r = run_cli(
        "check", str(PACK), str(SMALL), "--as-of", "2011-06-30", "--format", "json", "-o", str(target)
    )
    assert r.returncode == 1 and r.stdout == "" and r.stderr == ""
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["summary"]["violation"] == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]  # no temporary file left
    # every command takes it
    rules = tmp_path / "rules.txt"
    assert run_cli("rules", str(PACK), "--output", str(rules)).returncode == 0
    assert rules.read_text(encoding="utf-8").startswith("minimal: ")
    schema = tmp_path / "pack.schema.json"
    assert run_cli("schema", "-o", str(schema)).returncode == 0
    assert schema.read_bytes() == (ROOT / "schema" / "pack.schema.json").read_bytes()
    # - is standard output
    assert run_cli("rules", str(PACK), "-o", "-").stdout.startswith("minimal: ")


def test_output_to_a_pipe_or_device_writes_into_it(tmp_path: Path) -> None:
    """-o naming something that is not a regular file (a named pipe here; /dev/null the same way) is
    written into, not replaced by a renamed file: `-o /dev/null` once turned /dev/null into a file."""
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    r = run_cli("check", str(PACK), str(SMALL), "--as-of", "2011-06-30", "--format", "json", "-o", str(fifo))
    reader.join(timeout=30)
    assert r.returncode == 1 and r.stderr == ""
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still the pipe
    assert got and json.loads(got[0])["summary"]["violation"] == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]  # no temporary file beside it


def test_output_file_is_left_alone_on_bad_input(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    target.write_text("the last good report\n", encoding="utf-8")
    r = run_cli(
        "check", str(PACK), str(tmp_path / "missing.jsonl"), "--as-of", "2011-06-30", "-o", str(target)
    )
    assert r.returncode == 2 and "no such event log" in r.stderr
    assert target.read_text(encoding="utf-8") == "the last good report\n"
    r = run_cli("check", str(PACK), str(SMALL), "--as-of", "2011-02-30", "-o", str(target))
    assert r.returncode == 2 and target.read_text(encoding="utf-8") == "the last good report\n"
    # a machine format writes its error document there: CI reads it where it reads results
    sarif = tmp_path / "results.sarif"
    r = run_cli(
        "check", str(PACK), str(SMALL), "--as-of", "2011-02-30", "--format", "sarif", "-o", str(sarif)
    )
    assert r.returncode == 2 and r.stdout == ""
    assert json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["invocations"][0]["exitCode"] == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt", "results.sarif"]


def test_output_file_errors_name_the_file(tmp_path: Path) -> None:
    args = ["check", str(PACK), str(SMALL), "--as-of", "2011-06-30"]
    r = run_cli(*args, "-o", str(tmp_path / "no" / "such" / "dir.txt"))
    assert r.returncode == 2
    assert f"{tmp_path / 'no' / 'such' / 'dir.txt'}: cannot write: No such file or directory" in r.stderr
    r = run_cli(*args, "-o", str(tmp_path))
    assert r.returncode == 2 and f"{tmp_path}: a folder, not a file to write the output in" in r.stderr
    assert "Traceback" not in r.stderr


# ---- --fail-on ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ([], 0),  # the default: violations only
        (["--fail-on", "violation"], 0),
        (["--fail-on", "warning"], 1),
        (["--fail-on", "pending"], 1),
        (["--fail-on", "never"], 0),
        (["--fail-on", "empty"], 0),
        (["--fail-on", "warning,empty"], 1),
    ],
)
def test_fail_on_a_warning(extra: list[str], code: int) -> None:
    # xianfeng's only warning, alone
    r = run_cli(
        "check", "xianfeng", str(XIANFENG), "--as-of", "2011-12-31", "--rule", "xf.composition", *extra
    )
    assert r.returncode == code, r.stderr
    assert r.stdout.rstrip().endswith(f"-> exit {code}（已筛选：--rule xf.composition；显示 1 项，共 5 项）")


@pytest.mark.parametrize(
    ("extra", "code"),
    [([], 1), (["--fail-on", "never"], 0), (["--fail-on", "warning"], 1), (["--fail-on", "never,empty"], 0)],
)
def test_fail_on_violations(extra: list[str], code: int) -> None:
    r = run_cli(
        "check", "baoying", str(BAOYING), "--as-of", "2010-02-15", "--summary", "--lang", "en", *extra
    )
    assert r.returncode == code
    assert r.stdout.endswith(f"Summary: 14 violations, 0 warnings, 10 pending, 0 info -> exit {code}\n")


def test_fail_on_pending() -> None:
    args = ["check", "baoying", str(BAOYING), "--as-of", "2010-02-15", "--status", "pending"]
    assert run_cli(*args).returncode == 0
    assert run_cli(*args, "--fail-on", "warning").returncode == 0
    assert run_cli(*args, "--fail-on", "pending").returncode == 1


def test_fail_on_refuses_what_it_does_not_know() -> None:
    r = run_cli("check", str(PACK), str(SMALL), "--as-of", "2011-06-30", "--fail-on", "warnings")
    assert r.returncode == 2
    assert "argument --fail-on: invalid choice: 'warnings'" in r.stderr


# ---- filters and --summary ---------------------------------------------------------------------
def test_status_and_rule_filters_in_text_and_json() -> None:
    args = ["check", "baoying", str(BAOYING), "--as-of", "2010-02-15"]
    text = run_cli(*args, "--status", "pending", "--lang", "en")
    assert text.returncode == 0  # the violations are not shown, and do not count
    assert "VIOLATION" not in text.stdout and "PENDING (10)" in text.stdout
    assert text.stdout.endswith(
        "Summary: 0 violations, 0 warnings, 10 pending, 0 info -> exit 0 "
        "(filtered: --status pending; 10 of 24 shown)\n"
    )
    doc = json.loads(run_cli(*args, "--status", "pending", "--format", "json").stdout)
    assert {f["status"] for f in doc["findings"]} == {"pending"} and len(doc["findings"]) == 10
    assert doc["summary"] == {"violation": 0, "warning": 0, "pending": 10, "info": 0}
    assert doc["filter"] == {"rules": [], "statuses": ["pending"], "total": 24}
    # globs on rule ids, repeatable; statuses comma-separated
    doc = json.loads(
        run_cli(
            *args, "--rule", "baoying.group.*", "--rule", "baoying.seat.*", "--status", "violation,pending",
            "--format", "json",
        ).stdout
    )  # fmt: skip
    assert doc["findings"] and all(
        f["rule"].startswith(("baoying.group.", "baoying.seat.")) for f in doc["findings"]
    )
    assert doc["filter"]["rules"] == ["baoying.group.*", "baoying.seat.*"]
    assert doc["filter"]["statuses"] == ["violation", "pending"]
    # the same findings, with the same ids, as without the filter
    full = json.loads(run_cli(*args, "--format", "json").stdout)
    assert all(f in full["findings"] for f in doc["findings"])
    # without a filter, no filter key (the findings contract is unchanged)
    assert "filter" not in full
    # machine formats too
    sarif = json.loads(run_cli(*args, "--status", "pending", "--format", "sarif").stdout)
    assert {r["level"] for r in sarif["runs"][0]["results"]} == {"note"}


def test_a_rule_filter_that_matches_no_rule_is_refused() -> None:
    r = run_cli("check", "baoying", str(BAOYING), "--as-of", "2010-02-15", "--rule", "baoying.grup.*")
    assert r.returncode == 2
    assert "--rule baoying.grup.*: no rule of pack baoying matches it" in r.stderr
    r = run_cli("check", "baoying", str(BAOYING), "--as-of", "2010-02-15", "--status", "violations")
    assert r.returncode == 2 and "invalid status: 'violations'" in r.stderr


def test_summary_only() -> None:
    r = run_cli("check", "baoying", str(BAOYING), "--as-of", "2010-02-15", "--summary")
    assert r.returncode == 1
    head, file, blank, summary = r.stdout.splitlines()
    assert head == (
        "changrenzhi check：baoying（宝应县广洋湖镇“三个三”党代表常任制试点），截至 2010-02-15，"
        "检查事件 404 个"
    )
    assert file.startswith("包文件：") and file.endswith("pack.yaml") and blank == ""
    assert summary == "合计：违反 14，提醒 0，待定 10，提示 0 -> exit 1"
    r = run_cli("check", "baoying", str(BAOYING), "--as-of", "2010-02-15", "--summary", "--format", "json")
    assert r.returncode == 2 and "--summary is for the text format, not --format json" in r.stderr


# ---- gzip ---------------------------------------------------------------------------------------
def test_a_gzipped_log_reads_as_the_plain_one(tmp_path: Path) -> None:
    packed = tmp_path / "log.jsonl.gz"
    packed.write_bytes(gzip.compress(BAOYING.read_bytes()))
    args = ["--as-of", "2010-02-15", "--format", "json", "--lang", "en"]
    plain = run_cli("check", "baoying", str(BAOYING), *args)
    zipped = run_cli("check", "baoying", str(packed), *args)
    assert zipped.stdout == plain.stdout and zipped.returncode == plain.returncode == 1
    # explain quotes the lines of the gzipped file
    fid = json.loads(plain.stdout)["findings"][0]["id"]
    a = run_cli(
        "explain", "baoying", str(BAOYING), "--as-of", "2010-02-15", "--finding", fid, "--format", "json"
    )
    b = run_cli(
        "explain", "baoying", str(packed), "--as-of", "2010-02-15", "--finding", fid, "--format", "json"
    )
    assert a.returncode == b.returncode == 0 and a.stdout == b.stdout
    # with progress, the same
    loud = run_cli("check", "baoying", str(packed), *args, "--progress", "always")
    assert loud.stdout == plain.stdout and f"read {packed}: 405 lines" in loud.stderr


def test_a_broken_gzip_log_is_located(tmp_path: Path) -> None:
    data = gzip.compress(SMALL.read_bytes())
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(data[: len(data) // 2])
    r = run_cli("check", str(PACK), str(cut), "--as-of", "2011-06-30")
    assert r.returncode == 2
    assert f"{cut}: the gzip data ends early (a truncated file)" in r.stderr
    fake = tmp_path / "fake.jsonl.gz"
    fake.write_bytes(SMALL.read_bytes())
    r = run_cli("check", str(PACK), str(fake), "--as-of", "2011-06-30", "--progress", "always")
    assert r.returncode == 2 and f"{fake}: not readable as gzip: Not a gzipped file" in r.stderr
    assert "Traceback" not in r.stderr


def test_a_gzip_bomb_meets_the_line_limit(tmp_path: Path) -> None:
    # 64 MiB of one line, compressed to about 64 KiB: read a chunk at a time, the line is skipped
    squeeze = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"a" * (1 << 20)
    body = b"".join(squeeze.compress(block) for _ in range(64)) + squeeze.flush()
    bomb = tmp_path / "bomb.jsonl.gz"
    bomb.write_bytes(body)
    assert len(body) < 1 << 20
    r = run_cli("check", str(PACK), str(bomb), "--as-of", "2011-06-30")
    assert r.returncode == 2
    assert f"{bomb}:1: the line is 67108864 bytes long; a line may hold at most 65536 (64 KiB)" in r.stderr


# ---- --as-of today -----------------------------------------------------------------------------
def test_as_of_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHANGRENZHI_TODAY", "2011-06-30")
    today = run_cli("check", str(PACK), str(SMALL), "--as-of", "today", "--format", "json")
    dated = run_cli("check", str(PACK), str(SMALL), "--as-of", "2011-06-30", "--format", "json")
    assert today.stdout == dated.stdout and json.loads(today.stdout)["as_of"] == "2011-06-30"
    assert (
        run_cli("check", str(PACK), str(SMALL), "--as-of", "TODAY", "--format", "json").stdout == dated.stdout
    )
    monkeypatch.setenv("CHANGRENZHI_TODAY", "2011-02-30")
    r = run_cli("check", str(PACK), str(SMALL), "--as-of", "today")
    assert r.returncode == 2 and "CHANGRENZHI_TODAY='2011-02-30' is not a date YYYY-MM-DD" in r.stderr
    assert "February 2011 has 28 days" in r.stderr  # why, as for --as-of itself


def test_as_of_today_is_the_local_date(monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from changrenzhi.commands import check

    monkeypatch.delenv("CHANGRENZHI_TODAY", raising=False)

    class Fixed(dt.date):
        @classmethod
        def today(cls) -> Fixed:
            return cls(2011, 3, 31)

    monkeypatch.setattr(check, "date", Fixed)
    doc = json.loads(run_cli("check", str(PACK), str(SMALL), "--as-of", "today", "--format", "json").stdout)
    assert doc["as_of"] == "2011-03-31"


# ---- no event checked --------------------------------------------------------------------------
def test_a_run_that_checks_no_event_says_so(tmp_path: Path) -> None:
    args = ["check", str(PACK), str(SMALL), "--as-of", "2000-01-01"]
    r = run_cli(*args, "--lang", "en")
    assert r.returncode == 0
    assert r.stderr == (
        "changrenzhi: warning: no event was checked: "
        f"every event of {SMALL} (6 events) is dated after 2000-01-01\n"
    )
    assert "2000-01-01, 0 events" in r.stdout
    r = run_cli(*args)
    assert r.stderr == f"changrenzhi：警告：没有检查任何事件：日志 {SMALL} 的 6 个事件都晚于 2000-01-01\n"
    r = run_cli(*args, "--fail-on", "empty", "--lang", "en")
    assert r.returncode == 1 and r.stdout.endswith("-> exit 1\n")
    # machine formats: the warning is on standard error, the document unchanged
    r = run_cli(*args, "--format", "json", "--fail-on", "empty")
    assert r.returncode == 1 and json.loads(r.stdout)["findings"] == [] and "警告" in r.stderr
    empty = tmp_path / "empty.jsonl"
    empty.write_text("# nothing yet\n", encoding="utf-8")
    r = run_cli("check", str(PACK), str(empty), "--as-of", "2011-06-30", "--lang", "en", "--fail-on", "empty")
    assert r.returncode == 1
    assert r.stderr == f"changrenzhi: warning: no event was checked: the log {empty} holds none\n"
    # a run that checked events gives no warning
    assert run_cli("check", str(PACK), str(SMALL), "--as-of", "2011-06-30", "--fail-on", "empty").stderr == ""


# ---- Chinese and English ----------------------------------------------------------------------
def test_the_text_report_in_each_language() -> None:
    args = ["check", "xianfeng", str(XIANFENG), "--as-of", "2011-12-31"]
    en = run_cli(*args, "--lang", "en").stdout
    assert en.startswith("changrenzhi check: xianfeng (")
    assert "2011-12-31, 1 event" not in en and ", as of 2011-12-31, " in en
    assert en.endswith("Summary: 4 violations, 1 warning, 0 pending, 0 info -> exit 1\n")  # 1 warning
    assert "  evidence: " in en and "证据" not in en and "合计" not in en
    zh = run_cli(*args).stdout
    assert zh.endswith("合计：违反 4，提醒 1，待定 0，提示 0 -> exit 1\n")
    assert "证据：" in zh and "evidence" not in zh and "Summary" not in zh and "pack file" not in zh


def test_counts_agree_in_english(tmp_path: Path) -> None:
    one = tmp_path / "one.jsonl"
    one.write_text(SMALL.read_text(encoding="utf-8").splitlines()[1] + "\n", encoding="utf-8")
    r = run_cli("check", str(PACK), str(one), "--as-of", "2011-06-30", "--lang", "en", "--summary")
    assert ", as of 2011-06-30, 1 event\n" in r.stdout
    lint = run_cli("lint", str(PACK), "--lang", "en")
    assert lint.stdout.startswith("changrenzhi lint: 1 file\n")
    assert lint.stdout.endswith("Summary: 0 errors, 0 warnings -> exit 0\n")
    github = run_cli(
        "check", "xianfeng", str(XIANFENG), "--as-of", "2011-12-31", "--lang", "en", "--format", "github"
    )
    assert github.stdout.endswith("changrenzhi check xianfeng: 4 violations, 1 warning, 0 pending, 0 info\n")


def test_rules_in_english() -> None:
    zh = run_cli("rules", "guoyuan").stdout
    en = run_cli("rules", "guoyuan", "--lang", "en").stdout
    assert zh != en
    assert "  document: " in en and "      params: " in en and "      duty: " in en
    assert "  文件：" in zh and "      参数：" in zh and "      义务：" in zh
    assert "document:" not in zh and "params:" not in zh
    assert en.rstrip().splitlines()[-1] == "16 rules, 3 clauses not encoded"
    assert zh.rstrip().splitlines()[-1] == "规则 16 条，未编码条款 3 条"
    one = run_cli("rules", str(PACK), "--lang", "en").stdout
    assert one.rstrip().splitlines()[-1] == "1 rule, 1 clause not encoded"


def test_schema_takes_lang() -> None:
    for lang in ("zh", "en"):
        r = run_cli("schema", "findings", "--lang", lang)
        assert r.returncode == 0
        assert r.stdout == (ROOT / "schema" / "findings.schema.json").read_text(encoding="utf-8")


# ---- precise messages -------------------------------------------------------------------------
def test_an_ambiguous_id_prefix_lists_the_candidates() -> None:
    args = ["explain", "guoyuan", str(GUOYUAN), "--as-of", "2010-12-31", "--finding"]
    r = run_cli(*args, "ba31", "--lang", "en")
    assert r.returncode == 2
    assert (
        "the id prefix ba31 is ambiguous: 2 findings of guoyuan as of 2010-12-31 begin with it: "
        "ba31d95c873386a6, ba310011e7314277; give more characters" in r.stderr
    )
    r = run_cli(*args, "ba31")
    assert "编号前缀 ba31 不唯一" in r.stderr and "ba31d95c873386a6, ba310011e7314277" in r.stderr
    assert run_cli(*args, "ba31d").returncode == 0  # unique again


def test_an_impossible_date_is_said_precisely() -> None:
    for bad, said in [
        ("2010-02-30", "'2010-02-30' is not a date: February 2010 has 28 days"),
        ("2012-02-30", "'2012-02-30' is not a date: February 2012 has 29 days"),
        ("2010-06-31", "'2010-06-31' is not a date: June 2010 has 30 days"),
        ("2010-00-01", "'2010-00-01' is not a date: there is no month 0 (months run from 01 to 12)"),
    ]:
        for command in (["check"], ["explain"]):
            extra = ["--finding", "abcd"] if command == ["explain"] else []
            r = run_cli(*command, str(PACK), str(SMALL), "--as-of", bad, *extra)
            assert r.returncode == 2 and f"argument --as-of: {said}" in r.stderr
    assert (
        "expected a date YYYY-MM-DD or today, got '2010-2-3'"
        in run_cli("check", str(PACK), str(SMALL), "--as-of", "2010-2-3").stderr
    )


# ---- --help ------------------------------------------------------------------------------------
@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_every_help_has_exit_codes_and_an_example(command: str | None) -> None:
    r = run_cli(*([command] if command else []), "--help")
    assert r.returncode == 0
    assert "\nexit status:\n  0  " in r.stdout and "\n  2  " in r.stdout
    assert "\nexamples:\n  changrenzhi " in r.stdout


def test_help_in_a_process() -> None:
    r = run_process("check", "--help")
    assert r.returncode == 0 and "--fail-on" in r.stdout and "CHANGRENZHI_TODAY" in r.stdout


def test_coverage_counts_agree_in_english() -> None:
    en = run_cli("coverage", "guoyuan", "--lang", "en").stdout
    assert "  encoded  rule guoyuan.inspection.frequency\n" in en
    assert "rules guoyuan.inspection.frequency\n" not in en and "(s)" not in en


def test_sarif_says_the_exit_status_fail_on_chose() -> None:
    args = ["check", "xianfeng", str(XIANFENG), "--as-of", "2011-12-31", "--rule", "xf.composition"]
    for extra, code in (([], 0), (["--fail-on", "warning"], 1)):
        r = run_cli(*args, "--format", "sarif", *extra)
        assert r.returncode == code
        assert json.loads(r.stdout)["runs"][0]["invocations"][0]["exitCode"] == code


def test_progress_on_standard_input() -> None:
    text = SMALL.read_text(encoding="utf-8")
    r = run_cli(
        "check", str(PACK), "-", "--as-of", "2011-06-30", "--progress", "always", "--lang", "en", stdin=text
    )
    assert r.returncode == 1 and "VIOLATION (2)" in r.stdout
    assert "read <stdin>: " in r.stderr and "checking 6 events against minimal..." in r.stderr


def test_the_library_reads_a_gzipped_log(tmp_path: Path) -> None:
    from changrenzhi import read_events

    packed = tmp_path / "small.jsonl.GZ"  # the extension in any case
    packed.write_bytes(gzip.compress(SMALL.read_bytes()))
    assert [e.id for e in read_events(packed).events] == [e.id for e in read_events(SMALL).events]


def test_explain_diff_and_coverage_counts_agree_in_english() -> None:
    args = ["explain", "guoyuan", str(GUOYUAN), "--as-of", "2010-12-31", "--finding", "ba31d", "--lang", "en"]
    en = run_cli(*args).stdout
    assert "\nevidence (1 event):\n" in en and "member of G1" in en
    assert "证据（1 条事件）" in run_cli(*args[:-2]).stdout
    head = run_cli("coverage", "guoyuan", "--lang", "en").stdout.splitlines()[0]
    assert head.endswith(" clause coverage: 12 clauses")
    same = run_cli("diff", "guoyuan", "guoyuan", "--lang", "en").stdout
    assert same.endswith(
        "\n0 rules differ in effect (0 stricter, 0 looser, 0 different, 0 unknown), 0 without effect\n"
    )
