"""The ``changrenzhi`` command end to end.

A few tests run the installed script as a separate process, as a user runs it (``run_process``:
exit status, stdin, no traceback on stderr, ``--version``); the rest call the same entry point
in this process (``run_cli``) with the same assertions, which saves half a second per call.
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from changrenzhi import shipped_packs
from changrenzhi.cli import main
from changrenzhi.outputs.places import shown
from support import DATA, run_cli, run_process, sarif_errors, shipped_pack

PACK = DATA / "packs" / "minimal"
SMALL = DATA / "logs" / "small_group.jsonl"  # the group drops to 2 members in February 2011
HEALTHY = DATA / "logs" / "healthy_group.jsonl"
FINDING_FIELDS = {"rule", "kind", "status", "subject", "period", "evidence", "citation", "message"}
STATUSES = {"violation", "warning", "pending", "info"}


def log_ids(path: Path) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {json.loads(line)["id"] for line in lines if line.strip() and not line.startswith("#")}


def check_contract(doc: dict[str, Any], ids: set[str]) -> None:
    """The findings contract of docs/EVENTS.md, version 1."""
    assert doc["format"] == "changrenzhi.findings/1"
    assert {"pack", "as_of", "findings", "summary"} <= doc.keys()
    assert set(doc["summary"]) == STATUSES
    for status in STATUSES:
        assert doc["summary"][status] == sum(f["status"] == status for f in doc["findings"])
    for f in doc["findings"]:
        assert f.keys() >= FINDING_FIELDS
        assert f["status"] in STATUSES
        assert set(f["evidence"]) <= ids
        assert f["period"] is None or set(f["period"]) == {"start", "end"}
        assert {"source", "line", "text"} <= f["citation"].keys()
        assert isinstance(f["message"], str) and f["message"]


# ---- check ------------------------------------------------------------------
def test_check_text_reports_a_violation_and_exits_1() -> None:
    r = run_process("check", str(PACK), str(SMALL), "--as-of", "2011-06-30")
    assert r.returncode == 1, r.stderr
    assert r.stderr == ""
    assert "VIOLATION (2)" in r.stdout
    assert "[t.group.size] 代表小组 G1 在2011年第1季度末有在任代表 2 人，应为 ≥3 人" in r.stdout
    assert "000_4d6d1418da65ff90.txt:L81 「代表学习以代表小组为单位」  证据：g1, d1" in r.stdout
    assert r.stdout.rstrip().endswith("合计：违反 2，提醒 0，待定 0，提示 0 -> exit 1")


def test_check_json_follows_the_contract() -> None:
    r = run_cli("check", str(PACK), str(SMALL), "--as-of", "2011-06-30", "--format", "json")
    assert r.returncode == 1, r.stderr
    doc = json.loads(r.stdout)
    check_contract(doc, log_ids(SMALL))
    assert (doc["pack"], doc["as_of"]) == ("minimal", "2011-06-30")
    assert doc["summary"] == {"violation": 2, "warning": 0, "pending": 0, "info": 0}
    first = doc["findings"][0]
    assert first["rule"] == "t.group.size" and first["kind"] == "group_size" and first["subject"] == "G1"
    assert first["period"] == {"start": "2011-01-01", "end": "2011-03-31"}
    assert first["evidence"] == ["g1", "d1"]
    assert first["citation"] == {
        "source": "000_4d6d1418da65ff90.txt",
        "line": 81,
        "text": "代表学习以代表小组为单位",
    }


def test_check_exits_0_without_findings() -> None:
    r = run_cli("check", str(PACK), str(HEALTHY), "--as-of", "2011-12-31", "--format", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["findings"] == []
    assert doc["summary"] == dict.fromkeys(STATUSES, 0)


def test_an_open_period_is_pending_and_exits_0() -> None:
    r = run_cli("check", str(PACK), str(SMALL), "--as-of", "2011-03-15", "--format", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert [f["status"] for f in doc["findings"]] == ["pending"]
    assert doc["findings"][0]["period"] == {"start": "2011-01-01", "end": "2011-03-31"}


def test_lang_en() -> None:
    r = run_cli("check", str(PACK), str(SMALL), "--as-of", "2011-06-30", "--lang", "en")
    assert r.returncode == 1
    assert "group G1 had 2 seated members at the end of 2011 Q1; required ≥3" in r.stdout
    assert "VIOLATION (2)" in r.stdout and "违反" not in r.stdout
    doc = json.loads(
        run_cli(
            "check", str(PACK), str(SMALL), "--as-of", "2011-06-30", "--format", "json", "--lang", "en"
        ).stdout
    )
    assert doc["findings"][1]["message"] == "group G1 had 2 seated members at the end of 2011 Q2; required ≥3"


def test_events_from_stdin() -> None:
    r = run_cli(
        "check",
        str(PACK),
        "-",
        "--as-of",
        "2011-06-30",
        "--format",
        "json",
        stdin=SMALL.read_text(encoding="utf-8"),
    )
    assert r.returncode == 1, r.stderr
    assert json.loads(r.stdout)["summary"]["violation"] == 2


def test_bad_stdin_is_named_stdin() -> None:
    r = run_process("check", str(PACK), "-", "--as-of", "2011-06-30", stdin='{"id": "x"\n')
    assert r.returncode == 2
    assert "<stdin>:1" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("pack", [PACK, PACK / "pack.yaml"], ids=["folder", "file"])
def test_pack_as_folder_or_file(pack: Path) -> None:
    r = run_cli("check", str(pack), str(SMALL), "--as-of", "2011-06-30", "--format", "json")
    assert r.returncode == 1, r.stderr
    assert json.loads(r.stdout)["pack"] == "minimal"


def test_pack_by_shipped_name() -> None:
    shipped = shipped_packs()
    assert shipped, "no shipped packs found"
    name = sorted(shipped)[0]
    r = run_cli("rules", name, "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["pack"] == shipped_pack(name).id


def test_unknown_pack_name_lists_the_shipped_ones() -> None:
    r = run_cli("check", "nosuchtown", str(SMALL), "--as-of", "2011-06-30")
    assert r.returncode == 2
    assert "nosuchtown: no such pack folder or file, and not a shipped pack (shipped: " in r.stderr
    for name in shipped_packs():
        assert name in r.stderr
    assert "Traceback" not in r.stderr


def test_folder_without_pack_yaml(tmp_path: Path) -> None:
    r = run_cli("rules", str(tmp_path))
    assert r.returncode == 2
    assert f"{tmp_path}: no pack.yaml in this folder" in r.stderr


def test_missing_event_log() -> None:
    r = run_cli("check", str(PACK), "no/such/log.jsonl", "--as-of", "2011-06-30")
    assert r.returncode == 2
    assert "no/such/log.jsonl: no such event log" in r.stderr


# ---- usage errors -----------------------------------------------------------
def test_as_of_is_required() -> None:
    r = run_cli("check", str(PACK), str(SMALL))
    assert r.returncode == 2
    assert "--as-of" in r.stderr and "required" in r.stderr


@pytest.mark.parametrize(
    ("bad", "said"),
    [
        ("2011-02-30", "'2011-02-30' is not a date: February 2011 has 28 days"),
        ("2011-13-01", "'2011-13-01' is not a date: there is no month 13 (months run from 01 to 12)"),
        ("2012-02-30", "'2012-02-30' is not a date: February 2012 has 29 days"),
        ("2011-04-31", "'2011-04-31' is not a date: April 2011 has 30 days"),
        ("2011-04-00", "'2011-04-00' is not a date: April 2011 has 30 days"),
        ("1899-12-31", "1899-12-31 is out of range: dates run from 1900-01-01 to 2199-12-31"),
        ("9999-12-31", "9999-12-31 is out of range"),
        *(
            (bad, f"expected a date YYYY-MM-DD or today, got {bad!r}")
            for bad in (
                "2011-1-4",
                "20110104",
                "yesterday",
                "2011-06-30T00:00",
                "2011-W05-1",
                "１９９９-01-01",
            )
        ),
    ],
)
def test_as_of_must_be_a_date(bad: str, said: str, capsys: pytest.CaptureFixture[str]) -> None:
    # argparse's own checks, in this process: one of them also runs as a real process below
    with pytest.raises(SystemExit) as info:
        main(["check", str(PACK), str(SMALL), "--as-of", bad])
    assert info.value.code == 2
    out, err = capsys.readouterr()
    assert f"argument --as-of: {said}" in err
    assert out == ""


def test_a_bad_as_of_in_a_process() -> None:
    r = run_process("check", str(PACK), str(SMALL), "--as-of", "2011-02-30")
    assert r.returncode == 2
    assert "--as-of: '2011-02-30' is not a date" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["audit"],
        ["check", str(PACK), str(SMALL), "--as-of", "2011-06-30", "--format", "xml"],
        ["rules", str(PACK), "--lang", "fr"],
    ],
    ids=["no-command", "unknown-command", "unknown-format", "unknown-lang"],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert "usage: changrenzhi" in capsys.readouterr().err


def test_version() -> None:
    r = run_process("--version")
    assert r.returncode == 0 and r.stdout.startswith("changrenzhi ")


# ---- rules ------------------------------------------------------------------
def test_rules_json_shape() -> None:
    r = run_cli("rules", str(PACK), "--format", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert {"pack", "rules", "not_encoded"} <= doc.keys()
    assert doc["pack"] == "minimal"
    [rule] = doc["rules"]
    assert set(rule) == {"id", "kind", "params", "severity", "citation", "provenance"}
    assert rule["provenance"]["params.min"] == {"pack": "minimal", "line": 23}
    assert rule["id"] == "t.group.size" and rule["kind"] == "group_size" and rule["severity"] == "violation"
    assert rule["params"]["min"] == 3 and rule["params"]["officers"] == ["leader"]
    assert rule["citation"] == {
        "source": "000_4d6d1418da65ff90.txt",
        "line": 81,
        "text": "代表学习以代表小组为单位",
    }
    [ne] = doc["not_encoded"]
    assert ne["status"] == "record" and ne["citation"]["line"] == 76


def test_rules_text() -> None:
    r = run_cli("rules", str(PACK))
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("minimal: 最小测试包\n")
    assert "  t.group.size  [group_size, violation]" in r.stdout
    assert "000_4d6d1418da65ff90.txt:L81 「代表学习以代表小组为单位」" in r.stdout
    assert r.stdout.rstrip().endswith("规则 1 条，未编码条款 1 条")


# ---- the shipped packs and their example logs -------------------------------
def _examples() -> list[Any]:
    out = []
    for name, folder in sorted(shipped_packs().items()):
        text = (folder / "pack.yaml").read_text(encoding="utf-8")
        if "examples:" not in text:
            continue
        pack = shipped_pack(name)  # a shipped pack that does not load fails collection, loudly
        for ex in pack.model.examples:
            out.append(pytest.param(name, folder / ex.file, ex.as_of.isoformat(), id=f"{name}:{ex.file}"))
    return out


@pytest.mark.parametrize(("name", "log", "as_of"), _examples())
def test_shipped_examples_follow_the_contract(name: str, log: Path, as_of: str) -> None:
    r = run_cli("check", name, str(log), "--as-of", as_of, "--format", "json")
    assert r.returncode in (0, 1), r.stderr
    doc = json.loads(r.stdout)
    check_contract(doc, log_ids(log))
    assert r.returncode == (1 if doc["summary"]["violation"] else 0)
    pack = shipped_pack(name)
    for f in doc["findings"]:
        assert f["kind"] == pack.rule(f["rule"]).kind
        assert f["citation"] == pack.rule(f["rule"]).citation_json()


# ---- input errors in the format asked for -----------------------------------------------------
BROKEN_PACK = DATA / "packs" / "invalid" / "unknown_kind"
BROKEN_LOG = DATA / "logs" / "invalid" / "duplicate_id.jsonl"
ERROR_CASES = {
    "bad-pack": (["check", str(BROKEN_PACK), str(SMALL), "--as-of", "2011-06-30"], "unknown rule kind"),
    "bad-log": (["check", str(PACK), str(BROKEN_LOG), "--as-of", "2011-06-30"], "duplicate id 'e1'"),
    "bad-date": (["check", str(PACK), str(SMALL), "--as-of", "2011-02-30"], "'2011-02-30' is not a date"),
    "no-log": (["check", str(PACK), "no/such/log.jsonl", "--as-of", "2011-06-30"], "no such event log"),
    "lint-no-pack": (["lint", "no/such/pack"], "no such pack folder or file"),
}


def _errors_of(fmt: str, out: str) -> list[str]:
    """The error messages a machine format's document holds."""
    if fmt == "json":
        doc = json.loads(out)
        assert doc["format"] == "changrenzhi.error/1"
        return [e["message"] for e in doc["errors"]]
    if fmt == "sarif":
        doc = json.loads(out)
        assert sarif_errors(doc) == []
        [invocation] = doc["runs"][0]["invocations"]
        assert invocation["executionSuccessful"] is False and invocation["exitCode"] == 2
        return [n["message"]["text"] for n in invocation["toolExecutionNotifications"]]
    if fmt == "junit":
        root = ET.fromstring(out)
        assert root.get("errors") == str(len(list(root.iter("error"))))
        return [e.get("message", "") for e in root.iter("error")]
    assert all(line.startswith("::error ") for line in out.splitlines())
    return [line.split("::")[2] for line in out.splitlines()]


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github"])
@pytest.mark.parametrize("case", sorted(ERROR_CASES))
def test_input_errors_come_out_in_the_machine_format(case: str, fmt: str) -> None:
    argv, fragment = ERROR_CASES[case]
    r = run_cli(*argv, "--format", fmt)
    assert r.returncode == 2
    assert fragment in r.stderr and "Traceback" not in r.stderr  # still the message on stderr
    messages = _errors_of(fmt, r.stdout)
    assert messages and any(fragment in m for m in messages), messages


def test_input_errors_in_text_stay_on_stderr() -> None:
    for argv, _ in ERROR_CASES.values():
        r = run_cli(*argv)
        assert r.returncode == 2 and r.stdout == ""


def test_a_bad_date_names_the_option(capsys: pytest.CaptureFixture[str]) -> None:
    r = run_cli("check", str(PACK), str(SMALL), "--as-of", "2011-02-30", "--format=json")
    assert json.loads(r.stdout)["errors"] == [
        {
            "file": None,
            "line": None,
            "field": "--as-of",
            "message": "'2011-02-30' is not a date: February 2011 has 28 days",
        }
    ]
    assert "usage: changrenzhi check" in r.stderr


def test_a_broken_log_is_located_in_every_format() -> None:
    r = run_cli("check", str(PACK), str(BROKEN_LOG), "--as-of", "2011-06-30", "--format", "json")
    [error] = json.loads(r.stdout)["errors"]
    assert error == {"file": str(BROKEN_LOG), "line": 7, "field": "id", "message": "duplicate id 'e1'"}
    r = run_cli("check", str(PACK), str(BROKEN_LOG), "--as-of", "2011-06-30", "--format", "github")
    assert r.stdout.startswith(f"::error file={shown(str(BROKEN_LOG))},line=7,")


def test_other_commands_write_the_json_error_document() -> None:
    r = run_cli("rules", str(BROKEN_PACK), "--format", "json")
    assert r.returncode == 2
    [error] = json.loads(r.stdout)["errors"]
    assert error["file"] == str(BROKEN_PACK / "pack.yaml") and error["line"] is not None
    r = run_cli("compare", str(BROKEN_PACK), str(PACK), "--format", "csv")
    assert r.returncode == 2 and r.stdout == ""  # csv has no error document


# ---- a shipped pack's name from a source checkout ---------------------------------------------
def test_a_name_is_the_installed_pack_named_by_the_checkout_when_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed = shipped_packs()["guoyuan"] / "pack.yaml"
    local = tmp_path / "policies" / "guoyuan" / "pack.yaml"
    local.parent.mkdir(parents=True)
    shutil.copyfile(installed, local)
    monkeypatch.chdir(tmp_path)
    r = run_cli("check", "guoyuan", str(SMALL), "--as-of", "2011-06-30", "--format", "sarif")
    assert r.returncode in (0, 1), r.stderr
    assert r.stderr == ""
    [artifact] = json.loads(r.stdout)["runs"][0]["artifacts"]
    assert artifact["location"] == {"uri": "policies/guoyuan/pack.yaml", "uriBaseId": "%SRCROOT%"}
    assert (
        "pack file: policies/guoyuan/pack.yaml\n"
        in run_cli("check", "guoyuan", str(SMALL), "--as-of", "2011-06-30", "--lang", "en").stdout
    )


def test_a_name_is_the_installed_pack_and_an_edited_checkout_is_noted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed = shipped_packs()["guoyuan"] / "pack.yaml"
    local = tmp_path / "policies" / "guoyuan" / "pack.yaml"
    local.parent.mkdir(parents=True)
    local.write_bytes(installed.read_bytes() + b"\n# edited\n")
    monkeypatch.chdir(tmp_path)
    r = run_cli("check", "guoyuan", str(SMALL), "--as-of", "2011-06-30")
    assert r.returncode in (0, 1)
    assert f"'guoyuan' is the installed pack ({installed})" in r.stderr
    assert "pass the folder, policies/guoyuan, to use that one" in r.stderr
    assert f"包文件：{installed}\n" in r.stdout
    # the folder itself is the edited copy, without a note
    r = run_cli("check", "policies/guoyuan", str(SMALL), "--as-of", "2011-06-30")
    assert r.stderr == "" and "包文件：policies/guoyuan/pack.yaml\n" in r.stdout


@pytest.mark.parametrize("width", ["0", "-5", "1001", "99999999999999999999", "9" * 5000, "wide"])
def test_compare_width_is_bounded(width: str) -> None:
    r = run_cli("compare", "guoyuan", "--width", width)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "argument --width: expected a whole number from 1 to 1000" in r.stderr


def test_a_narrow_width_draws_the_narrowest_table() -> None:
    assert (
        run_cli("compare", "guoyuan", "--width", "1").stdout
        == run_cli("compare", "guoyuan", "--width", "40").stdout
    )


def test_a_file_name_that_is_not_utf8_in_a_message() -> None:
    r = run_cli("check", str(PACK), "no-such-\udcff.jsonl", "--as-of", "2011-06-30")
    assert r.returncode == 2
    assert r.stderr == "changrenzhi: error: no-such-\\udcff.jsonl: no such event log\n"


@pytest.mark.parametrize(
    ("log", "said"),
    [
        ("tests", "a folder, not an event log"),
        ("/dev/null", "not a regular file (give - to read the log from"),
    ],
)
@pytest.mark.parametrize("command", ["check", "explain"])
def test_a_log_that_is_not_a_file(command: str, log: str, said: str) -> None:
    extra = ["--finding", "abcd"] if command == "explain" else []
    r = run_cli(command, str(PACK), log, "--as-of", "2011-06-30", *extra)
    assert r.returncode == 2 and f"changrenzhi: error: {log}: {said}" in r.stderr
