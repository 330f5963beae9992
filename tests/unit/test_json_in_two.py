"""``write_report_json(..., jobs=2)``: a large report's findings encoded by two processes, the second
half by a child (``outputs.halves``). The bytes are those one process writes, whatever the child does."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from changrenzhi import Report, evaluate, read_events
from changrenzhi.outputs import halves, reports
from changrenzhi.outputs.reports import write_report_json
from support import counted_forks, county_log, shipped_pack


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    path = county_log(tmp_path_factory.mktemp("halves"), 3)
    got = evaluate(shipped_pack("zhangjiagang"), read_events(path), date(2014, 6, 30))
    assert len(got.findings) > 100
    return got


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    monkeypatch.setattr(halves, "SPLIT_FINDINGS", 10)
    with counted_forks(monkeypatch) as pids:
        yield pids


def _json(report: Report, jobs: int, lang: str = "zh") -> bytes:
    out: list[bytes] = []
    write_report_json(report, lang, out.append, None, jobs)
    return b"".join(out)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_two_processes_write_what_one_writes(report: Report, forks: list[int], lang: str) -> None:
    one = _json(report, 1, lang)
    assert not forks
    assert _json(report, 2, lang) == one
    assert len(forks) == 1


def test_a_small_report_is_written_by_one_process(
    report: Report, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(halves, "SPLIT_FINDINGS", len(report.findings) + 1)
    assert _json(report, 2) == _json(report, 1)
    assert not forks


def test_a_child_that_fails_leaves_its_half_to_this_process(
    report: Report, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    one = _json(report, 1)
    here = os.getpid()
    encode = reports.findings_json

    def failing_in_the_child(*args: Any, **kwargs: Any) -> Any:
        if os.getpid() != here:
            raise RuntimeError("in the child")
        return encode(*args, **kwargs)

    monkeypatch.setattr(reports, "findings_json", failing_in_the_child)
    assert _json(report, 2) == one
    assert forks


def test_a_write_that_fails_leaves_no_child_behind(report: Report, forks: list[int]) -> None:
    def broken(data: bytes) -> None:
        if len(data) > 1000:
            raise BrokenPipeError

    with pytest.raises(BrokenPipeError):
        write_report_json(report, "zh", broken, None, 2)
    assert forks  # and the fixture finds it waited for
