"""Every record ``changrenzhi watch`` writes, and its checkpoint, validates against ``schema watch``;
the command end to end: refusals, --until, restart from --checkpoint, the missing extra."""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from changrenzhi.schemas import SCHEMAS
from support import ROOT, run_cli

GUOYUAN_LOG = ROOT / "policies" / "guoyuan" / "examples" / "guoyuan-2009-2010.jsonl"


@functools.cache
def validator() -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(
        SCHEMAS["watch"](), format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )


def records(stdout: str) -> list[Any]:
    return [json.loads(line) for line in stdout.splitlines()]


def fold(out: list[Any], state: dict[str, str] | None = None) -> dict[str, str]:
    """The open findings a consumer of the records knows."""
    state = dict(state or {})
    for r in out:
        if r["record"] in ("opened", "changed"):
            state[r["id"]] = r["status"]
        elif r["record"] == "withdrawn":
            del state[r["id"]]
    return state


def invalid(doc: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator().iter_errors(doc)]


def test_watch_records_and_checkpoint_fit_the_schema(tmp_path: Path) -> None:
    lines = GUOYUAN_LOG.read_text(encoding="utf-8").splitlines()
    lines[40:40] = ["not json", '{"id": "x", "type": "study.session", "date": "2009-02-30"}']
    log = tmp_path / "log.jsonl"
    log.write_text("\n".join(lines[:700]) + "\n", encoding="utf-8")
    cp = tmp_path / "cp.json"
    got = run_cli("watch", "guoyuan", str(log), "--until", "2009-06-30", "--checkpoint", str(cp))
    assert got.returncode == 0, got.stderr
    out = records(got.stdout)
    kinds = {r["record"] for r in out}
    assert {"opened", "changed", "withdrawn", "refused"} <= kinds
    for r in out:
        assert not invalid(r), (r, invalid(r))
    checkpoint = json.loads(cp.read_text(encoding="utf-8"))
    assert not invalid(checkpoint)
    refused = [(r["line"], r["field"]) for r in out if r["record"] == "refused"]
    assert refused == [(41, None), (42, "date")]
    # the log grows; a restart from the checkpoint emits only what the new records change
    log.write_text("\n".join(lines[:1400]) + "\n", encoding="utf-8")
    again = run_cli("watch", "guoyuan", str(log), "--until", "2009-12-31", "--checkpoint", str(cp))
    whole = run_cli("watch", "guoyuan", str(log), "--until", "2009-12-31")
    before = fold(out)
    after = records(again.stdout)
    assert not [r for r in after if r["record"] == "refused"]  # reported before the restart
    for r in after:  # nothing emitted twice: each record changes what was emitted before it
        if r["record"] in ("opened", "changed"):
            assert before.get(r["id"]) != r["status"]
        before = fold([r], before)
    assert fold(out + after) == fold(records(whole.stdout))  # and nothing lost


def test_bad_lateness_is_a_usage_error() -> None:
    got = run_cli("watch", "guoyuan", str(GUOYUAN_LOG), "--lateness", "-1")
    assert got.returncode == 2
    assert "--lateness" in got.stderr


def test_a_checkpoint_in_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    # said before the first record, with exit 2 (it was a traceback at the first close)
    cp = tmp_path / "nowhere" / "w.ckpt"
    got = run_cli("watch", "xianfeng", "--checkpoint", str(cp), "--until", "2011-12-31", stdin="")
    assert got.returncode == 2 and got.stdout == ""
    assert f"{cp}: cannot write the checkpoint" in got.stderr


@pytest.mark.skipif(sys.version_info >= (3, 13), reason="durable-rules does not build on Python 3.13+")
def test_without_the_extra_a_pack_with_escalations_says_how_to_install(tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    log.write_text("\n".join(GUOYUAN_LOG.read_text(encoding="utf-8").splitlines()[:300]), encoding="utf-8")
    # a durable package that fails to import stands for the extra not installed
    fake = tmp_path / "durable"
    fake.mkdir()
    (fake / "__init__.py").write_text("raise ImportError('No module named durable_rules_engine')\n")
    code = (
        f"import sys; sys.path.insert(0, {str(tmp_path)!r}); from changrenzhi.cli import main; "
        f"sys.exit(main(['watch', 'guoyuan', {str(log)!r}]))"
    )
    import subprocess

    got = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert got.returncode == 2, got.stderr
    assert "pip install 'changrenzhi[live]'" in got.stderr
    assert "Traceback" not in got.stderr
    options = "'--until', '2009-03-31', '--no-escalations'"
    code_off = code.replace(f"{str(log)!r}]", f"{str(log)!r}, {options}]")
    ok = subprocess.run(
        [sys.executable, "-c", code_off], capture_output=True, text=True, timeout=120, check=False
    )
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.count('"record": "opened"') > 0


def test_lines_of_a_growing_file_and_lines_too_long(tmp_path: Path) -> None:
    from changrenzhi.commands.watch import _bounded
    from changrenzhi.events.lines import MAX_LINE_BYTES

    path = tmp_path / "grows.jsonl"
    path.write_bytes(b"a\r\nb")
    with path.open("rb") as handle:
        lines = _bounded(handle, follow=True)
        assert next(lines) == b"a"
        with path.open("ab") as more:  # the rest of the line being written arrives
            more.write(b"c\nd\n")
        assert next(lines) == b"bc"
        assert next(lines) == b"d"
    path.write_bytes(b"x" * (3 * MAX_LINE_BYTES) + b"\nlast")
    with path.open("rb") as handle:
        got = list(_bounded(handle, follow=False))
    assert [len(g) for g in got] == [MAX_LINE_BYTES + 1, 4]  # the long one cut, refused by the reader


def test_a_line_too_long_is_refused_and_the_monitor_goes_on() -> None:
    from changrenzhi.events.lines import MAX_LINE_BYTES

    text = (
        '{"id": "c", "type": "congress.opened", "date": "2011-01-04"}\n' + "y" * (2 * MAX_LINE_BYTES) + "\n"
    )
    got = run_cli("watch", "guoyuan", "-", "--until", "2011-01-31", stdin=text)
    assert got.returncode == 0, got.stderr
    out = records(got.stdout)
    assert out[0]["record"] == "refused" and out[0]["line"] == 2
    assert "64 KiB" in out[0]["message"]


def test_output_file_and_checkpoint_survive_a_crash_between_records_and_checkpoint(tmp_path: Path) -> None:
    lines = (
        (ROOT / "policies" / "model-plan" / "examples" / "qingxi-2010-2012.jsonl").read_bytes().splitlines()
    )
    log, out, cp = tmp_path / "log.jsonl", tmp_path / "out.jsonl", tmp_path / "cp.json"
    whole_out = tmp_path / "whole.jsonl"
    log.write_bytes(b"\n".join(lines) + b"\n")
    assert run_cli("watch", "model-plan", str(log), "--output", str(whole_out)).returncode == 0
    log.write_bytes(b"\n".join(lines[:100]) + b"\n")
    first = run_cli("watch", "model-plan", str(log), "--output", str(out), "--checkpoint", str(cp))
    assert first.returncode == 0 and first.stdout == ""
    saved = cp.read_bytes()
    log.write_bytes(b"\n".join(lines) + b"\n")
    assert (
        run_cli("watch", "model-plan", str(log), "--output", str(out), "--checkpoint", str(cp)).returncode
        == 0
    )
    assert out.read_bytes() == whole_out.read_bytes()  # a restart goes on where it stopped
    # a crash after the second run's records were written, before any checkpoint of it was saved
    cp.write_bytes(saved)
    assert (
        run_cli("watch", "model-plan", str(log), "--output", str(out), "--checkpoint", str(cp)).returncode
        == 0
    )
    assert out.read_bytes() == whole_out.read_bytes()  # nothing twice, nothing lost
