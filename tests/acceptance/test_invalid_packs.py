"""The corpus of broken packs: ``data/packs/invalid/<case>/pack.yaml`` and the message
fragments it must produce (``expected.txt``, one per line). A new case is a new folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from changrenzhi import PackError, load_pack
from changrenzhi.cli import main
from changrenzhi.pack.yamlsafe import MAX_BYTES
from support import DATA, refusal, run_cli, run_process

CORPUS = DATA / "packs" / "invalid"
CASES = sorted(p for p in CORPUS.iterdir() if p.is_dir())
#: the cases also run end to end through the command line, to see that no traceback reaches the user
IN_A_PROCESS = ("alias_bomb", "deep_nesting", "not_utf8", "python_tag", "unknown_kind")
#: of those, the ones bounded by the process's own limits (stack depth, memory) run as a real
#: process; the others call the same entry point here (an escaping exception fails the test)
REAL_PROCESS = {"alias_bomb", "deep_nesting"}


def expected(case: Path) -> list[str]:
    return [line for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines() if line]


def test_the_corpus_is_there() -> None:
    assert len(CASES) >= 20
    for case in CASES:
        assert (case / "pack.yaml").is_file(), case
        assert any(f.startswith("pack.yaml:") for f in expected(case)), (
            f"{case.name}: no line in expected.txt"
        )


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_load_pack_names_file_line_and_field(case: Path) -> None:
    error = refusal(case)  # load_pack(case), once per session
    assert error is not None, f"{case.name}: load_pack accepted it"
    message = str(error)
    for fragment in expected(case):
        assert fragment in message, f"{fragment!r} not in {message!r}"
    for problem in error.problems:
        assert problem.file.endswith("pack.yaml")
        assert problem.line is not None and problem.line >= 1, problem


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_cli_rules_exits_2(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", str(case)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("changrenzhi: error: ")
    assert "Traceback" not in err
    for fragment in expected(case):
        assert fragment in err


@pytest.mark.parametrize("name", IN_A_PROCESS)
def test_cli_rules_in_a_process(name: str) -> None:
    case = CORPUS / name
    r = (run_process if name in REAL_PROCESS else run_cli)("rules", str(case))
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr
    for fragment in expected(case):
        assert fragment in r.stderr


def test_oversized_pack_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "pack.yaml"
    with big.open("w", encoding="utf-8") as f:
        f.write("format: changrenzhi.pack/1\nnote: |\n")
        line = "  " + "长" * 60 + "\n"
        while f.tell() <= MAX_BYTES:
            f.write(line * 1000)
    with pytest.raises(PackError) as info:
        load_pack(tmp_path)
    assert f"file larger than {MAX_BYTES} bytes" in str(info.value)
    assert str(big) in str(info.value)
    r = run_cli("rules", str(tmp_path))
    assert r.returncode == 2 and "file larger than" in r.stderr and "Traceback" not in r.stderr


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = (CORPUS / "duplicate_rule_id" / "pack.yaml").read_text(encoding="utf-8")
    text = text.replace("kind: study_frequency", "kind: study_frequncy", 1).replace(
        "line: 81", "line: 900", 1
    )
    (tmp_path / "pack.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(PackError) as info:
        load_pack(tmp_path)
    fields = [p.field for p in info.value.problems]
    assert fields == ["rules[0].citation.line", "rules[0].kind", "rules[1].id"]
