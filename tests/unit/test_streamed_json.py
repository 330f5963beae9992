"""``check --format json`` writes the report a few findings at a time: the same bytes as the report
encoded whole, whatever the chunk."""

from __future__ import annotations

from datetime import date

import pytest

from changrenzhi import read_events
from changrenzhi.findings import Report
from changrenzhi.outputs import reports
from changrenzhi.outputs.reports import report_json_bytes, write_report_json
from support import ROOT, run, shipped_pack


def streamed(report: Report, lang: str) -> bytes:
    out: list[bytes] = []
    write_report_json(report, lang, out.append)
    return b"".join(out)


@pytest.mark.parametrize("chunk", [1, 2, 7, 1000])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_streamed_is_the_whole(chunk: int, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reports, "STREAM_CHUNK", chunk)
    log = read_events(ROOT / "policies" / "guoyuan" / "examples" / "guoyuan-2009-2010.jsonl")
    report = run(shipped_pack("guoyuan"), log, "2010-12-31")
    assert len(report.findings) > 2
    assert streamed(report, lang) == report_json_bytes(report, lang)


def test_no_findings() -> None:
    report = Report("p", "P", date(2020, 1, 1), ())
    assert streamed(report, "zh") == report_json_bytes(report, "zh")
