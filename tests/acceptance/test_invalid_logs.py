"""The corpus of broken event logs: ``data/logs/invalid/<case>.jsonl`` and the message
fragments it must produce (``<case>.expected``, one per line). A new case is a new pair of files.

Some logs are well-formed line by line but describe an impossible roster (a rep elected
twice while seated, a group changed before it was formed); the reader accepts those and
the roster refuses them, so the library check reads the log and then builds its roster. The
engine builds it from the whole log, so ``check`` refuses them at any ``as_of``.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from changrenzhi import EventLogError, UsageError, evaluate, load_pack, read_events
from changrenzhi.cli import main
from changrenzhi.roster import Roster
from support import DATA, run_cli, run_process

CORPUS = DATA / "logs" / "invalid"
PACK = DATA / "packs" / "minimal"
CASES = sorted(CORPUS.glob("*.jsonl"))
#: logs the reader accepts and the roster refuses
ROSTER_CASES = {
    "committee_assigned_before_appointed",
    "disqualified_not_seated",
    "elected_twice",
    "group_changed_before_formed",
    "group_formed_twice",
}
#: cases also run end to end through the command line; undecodable input as a real process,
#: the others through the same entry point in this process (an escaping exception fails the test)
IN_A_PROCESS = ("bad_json", "invalid_utf8", "elected_twice")
REAL_PROCESS = {"invalid_utf8"}


def expected(case: Path) -> list[str]:
    text = case.with_suffix(".expected").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line]


def test_the_corpus_is_there() -> None:
    assert len(CASES) >= 15
    for case in CASES:
        assert any(f.startswith(f"{case.name}:") for f in expected(case)), f"{case.name}: no line"
    assert {p.stem for p in CORPUS.glob("*.expected")} == {p.stem for p in CASES}


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_read_events_names_file_line_and_field(case: Path) -> None:
    with pytest.raises(EventLogError) as info:
        log = read_events(case, name=case.name)
        assert case.stem in ROSTER_CASES, "the reader should have refused this log"
        Roster.build(log.events, name=log.name)
    message = str(info.value)
    for fragment in expected(case):
        assert fragment in message, f"{fragment!r} not in {message!r}"
    assert all(p.line is not None for p in info.value.problems)


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_cli_check_exits_2(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(PACK), str(case), "--as-of", "2012-12-31"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "Traceback" not in err
    # the CLI names the file by the path it was given
    for fragment in expected(case):
        assert fragment.replace(case.name, str(case)) in err


@pytest.mark.parametrize("name", IN_A_PROCESS)
def test_cli_check_in_a_process(name: str) -> None:
    case = CORPUS / f"{name}.jsonl"
    cli = run_process if name in REAL_PROCESS else run_cli
    r = cli("check", str(PACK), str(case), "--as-of", "2012-12-31", "--format", "json")
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr
    for fragment in expected(case):
        assert fragment in r.stderr
    # with a machine format the errors also come out in it, on standard output
    doc = json.loads(r.stdout)
    assert doc["format"] == "changrenzhi.error/1"
    assert doc["errors"]
    for error in doc["errors"]:
        assert error.keys() == {"file", "line", "field", "message"}
        assert error["file"] == str(case)
        place = f"{case}:{error['line']}" + (f" {error['field']}" if error["field"] else "")
        assert f"{place}: {error['message']}" in r.stderr


@pytest.mark.parametrize("case", sorted(ROSTER_CASES))
def test_roster_errors_after_as_of_count_too(case: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Only events up to ``as_of`` count, but an impossible roster is refused wherever it is dated."""
    path = CORPUS / f"{case}.jsonl"
    assert main(["check", str(PACK), str(path), "--as-of", "2010-12-31"]) == 2
    _, err = capsys.readouterr()
    for fragment in expected(path):
        assert fragment.replace(path.name, str(path)) in err


def test_stops_after_max_errors() -> None:
    bad = ['{"id": "x", "type": "nope", "date": "2011-01-01"}'] * 10
    with pytest.raises(EventLogError) as info:
        read_events(bad, name="many.jsonl", max_errors=3)
    problems = info.value.problems
    assert [p.line for p in problems] == [1, 2, 3, None]
    assert "stopped after 3 errors" in problems[-1].message


@pytest.mark.parametrize("as_of", [date(1899, 12, 31), date(2200, 1, 1), date.max])
def test_as_of_out_of_the_range_of_dates_in_python(as_of: date) -> None:
    log = read_events(DATA / "logs" / "small_group.jsonl")
    with pytest.raises(UsageError, match="dates run from 1900-01-01 to 2199-12-31"):
        evaluate(load_pack(PACK), log, as_of)
