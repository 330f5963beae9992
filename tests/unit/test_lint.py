"""``changrenzhi lint``: the corpus of broken drafts (``data/lint/<case>/pack.yaml`` and ``expected``),
every planted problem reported in every output format, and the boundaries of each check."""

from __future__ import annotations

import itertools
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from changrenzhi import PackError, loads_pack, shipped_packs
from changrenzhi.cli import main
from changrenzhi.lint import CODES, LintProblem, lint_paths, lint_text
from changrenzhi.lint.checks import BAND_KEYS_EXTRA, band_pairs, interval
from changrenzhi.outputs.formats import FORMATS
from support import DATA, SEED, refusal, run_process

CORPUS = DATA / "lint"
CASES = sorted(p for p in CORPUS.iterdir() if p.is_dir())
INVALID = sorted(p for p in (DATA / "packs" / "invalid").iterdir() if p.is_dir())
SEEDS = DATA / "seeds"  # the source texts, vendored (test_seeds.py)

Planted = set[tuple[str, int]]


def expected(case: Path) -> list[tuple[str, int, str]]:
    out = []
    for line in (case / "expected").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, at, field = line.split()
            out.append((code, int(at), field))
    return out


def sources(case: Path) -> list[str]:
    return [a for txt in sorted(case.glob("*.txt")) for a in ("--source", str(txt))]


def lint_cli(case: Path, fmt: str, capsys: pytest.CaptureFixture[str], lang: str = "zh") -> tuple[int, str]:
    code = main(["lint", str(case), *sources(case), "--format", fmt, "--lang", lang])
    out, err = capsys.readouterr()
    assert err == ""
    return code, out


# ---- reading each format back ---------------------------------------------------------------
def parse_text(out: str) -> Planted:
    found = set()
    for line in out.splitlines():
        m = re.match(r"^\S+pack\.yaml:(\d+)(?: \S+)?: (CRZ\d{3}) ", line)
        if m:
            found.add((m.group(2), int(m.group(1))))
    return found


def parse_json(out: str) -> Planted:
    doc = json.loads(out)
    assert doc["format"] == "changrenzhi.lint/1"
    assert doc["summary"]["error"] == sum(p["severity"] == "error" for p in doc["problems"])
    return {(p["code"], p["line"]) for p in doc["problems"]}


def parse_sarif(out: str) -> Planted:
    doc = json.loads(out)
    [run] = doc["runs"]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    found = set()
    for r in run["results"]:
        assert rules[r["ruleIndex"]] == r["ruleId"]
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"].endswith("pack.yaml")
        found.add((r["ruleId"], loc["region"]["startLine"]))
    return found


def parse_github(out: str) -> Planted:
    found = set()
    for line in out.splitlines():
        m = re.match(r"^::(error|warning) file=[^,]*pack\.yaml,line=(\d+),title=(CRZ\d{3}) ", line)
        if m:
            assert (m.group(1) == "error") == (CODES[m.group(3)].severity == "error")
            found.add((m.group(3), int(m.group(2))))
    return found


def parse_junit(out: str) -> Planted:
    root = ET.fromstring(out)
    found = set()
    for case in root.iter("testcase"):
        code = case.get("name", "").split()[0]
        body = "".join(el.text or "" for el in case if el.tag in ("failure", "system-out"))
        for line in body.splitlines():
            m = re.match(r"^\S+pack\.yaml:(\d+)", line)
            if m:
                found.add((code, int(m.group(1))))
        failure = case.find("failure")
        should_fail = CODES[code].severity == "error" and bool(body.strip())
        assert (failure is not None) == should_fail, code
    return found


def parse_html(out: str) -> Planted:
    assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")
    rows = re.findall(r"<tr><th>[^<]*pack\.yaml:(\d+)[^<]*</th><td>(CRZ\d{3})</td>", out)
    return {(code, int(line)) for line, code in rows}


PARSERS = {
    "text": parse_text,
    "html": parse_html,
    "json": parse_json,
    "sarif": parse_sarif,
    "github": parse_github,
    "junit": parse_junit,
}


def test_every_format_has_a_reader_here() -> None:
    assert set(PARSERS) == set(FORMATS)


def test_the_corpus_plants_every_problem_type() -> None:
    planted = {code for case in CASES for code, _, _ in expected(case)}
    assert set(CODES) == planted
    assert any(len({c for c, _, _ in expected(case)}) >= 5 for case in CASES), "one file with many problems"


@pytest.mark.parametrize("fmt", sorted(PARSERS))
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_lint_reports_every_planted_problem(case: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = lint_cli(case, fmt, capsys)
    want = {(c, line) for c, line, _ in expected(case)}
    assert PARSERS[fmt](out) == want
    has_error = any(CODES[c].severity == "error" for c, _ in want)
    assert code == (1 if has_error else 0)


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_fields_and_languages(case: Path) -> None:
    refs = [str(case)]
    srcs = {p.name: p.read_text(encoding="utf-8").splitlines() for p in case.glob("*.txt")}
    result = lint_paths(refs, srcs)
    got = sorted((p.code, p.line, p.field or "-") for p in result.problems)
    assert got == sorted(expected(case))
    for p in result.problems:
        zh, en = p.message("zh"), p.message("en")
        assert zh and en and "{" not in zh + en
        assert re.search(r"[\u4e00-\u9fff]", zh), zh


def test_a_second_run_in_a_process_prints_no_traceback() -> None:
    r = run_process("lint", str(CORPUS / "schema_and_semantics"), "--lang", "en")
    assert r.returncode == 1 and r.stderr == ""
    assert (
        "CRZ004 error: unknown rule kind 'contact_frequncy' (did you mean 'contact_frequency'?)" in r.stdout
    )
    assert r.stdout.rstrip().endswith("Summary: 10 errors, 0 warnings -> exit 1")


def test_several_packs_in_one_run(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["lint", str(CORPUS / "overlaps"), str(CORPUS / "ranges"), "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 1
    assert len(doc["files"]) == 2
    assert {Path(p["file"]).parent.name for p in doc["problems"]} == {"overlaps", "ranges"}


# ---- exit codes -----------------------------------------------------------------------------
def test_only_warnings_exit_0(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = pack_text(
        {"kind": "study_frequency", "params": {"min": 2}},
        {"kind": "study_frequency", "params": {"min": 2}},
    )
    (tmp_path / "pack.yaml").write_text(text, encoding="utf-8")
    assert main(["lint", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "CRZ111 警告" in out
    assert out.rstrip().endswith("合计：错误 0，警告 1 -> exit 0")


def test_a_clean_pack_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(DATA / "packs" / "minimal"), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "No problems found." in out


@pytest.mark.parametrize(
    "args",
    [["lint", "no/such/pack"], ["lint", str(DATA / "packs" / "minimal"), "--source", "no/such/source.txt"]],
    ids=["missing-pack", "missing-source"],
)
def test_usage_errors_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("changrenzhi: error: ") and "Traceback" not in err


def test_no_pack_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["lint"])
    assert info.value.code == 2


def test_a_source_that_is_not_utf8_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "seed.txt"
    bad.write_bytes(b"\xff\xfe")
    assert main(["lint", str(DATA / "packs" / "minimal"), "--source", str(bad)]) == 2
    assert "not UTF-8" in capsys.readouterr().err


# ---- lint covers the loader ---------------------------------------------------------------------
@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_lint_reports_everything_the_loader_refuses(case: Path) -> None:
    refused = refusal(case)  # load_pack(case), once per session
    assert refused is not None, f"{case.name}: load_pack accepted it"
    result = lint_paths([case])
    assert result.exit_code == 1
    errors = [p for p in result.problems if p.severity == "error"]
    for problem in refused.problems:
        # the same place, or a more precise one (rules[1].params.min for the loader's rules[1].params)
        assert any(
            p.line == problem.line or (p.field and problem.field and p.field.startswith(problem.field))
            for p in errors
        ), (problem, result.problems)


@pytest.mark.parametrize("name", sorted(shipped_packs()))
def test_the_shipped_packs_are_clean(name: str) -> None:
    seeds = {p.name: p.read_text(encoding="utf-8").splitlines() for p in SEEDS.glob("*.txt")}
    result = lint_paths([name], seeds)
    assert result.problems == (), [str(p.to_json("en")) for p in result.problems]


def test_shipped_quotes_are_checked_against_the_seed(tmp_path: Path) -> None:
    text = shipped_packs()["zhangjiagang"].joinpath("pack.yaml").read_text(encoding="utf-8")
    broken = text.replace(
        "text: 镇党代表大会在任期内一般每年召开一次年会", "text: 镇党代表大会每年召开一次年会", 1
    )
    assert broken != text
    seeds = {p.name: p.read_text(encoding="utf-8").splitlines() for p in SEEDS.glob("*.txt")}
    problems = lint_text(broken, "pack.yaml", seeds)
    assert [(p.code, p.field) for p in problems] == [("CRZ121", "rules[0].citation.text")]


# ---- boundaries of each check -------------------------------------------------------------------
def pack_text(*rules: dict[str, Any], sources_last: int = 225) -> str:
    full = []
    for i, r in enumerate(rules):
        rule = {"id": f"t.rule-{i}", "citation": {"source": SEED, "line": 81, "text": "每季度不得少于一次"}}
        rule.update(r)
        full.append(rule)
    doc = {
        "format": "changrenzhi.pack/1",
        "id": "test",
        "name": "测试",
        "locality": "测试乡",
        "document": {
            "title": "测试",
            "sources": [{"file": SEED, "first_line": 1, "last_line": sources_last}],
        },
        "rules": full,
    }
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


def codes(*rules: dict[str, Any]) -> list[str]:
    return [p.code for p in lint_text(pack_text(*rules), "pack.yaml")]


def rule(kind: str, **params: Any) -> dict[str, Any]:
    return {"kind": kind, "params": params}


@pytest.mark.parametrize(
    ("lo", "hi", "flagged"), [(8, 8, False), (8, 9, False), (9, 8, True)], ids=["equal", "below", "above"]
)
def test_min_above_max(lo: int, hi: int, flagged: bool) -> None:
    assert codes(rule("group_size", min=lo, max=hi)) == (["CRZ101"] if flagged else [])


@pytest.mark.parametrize(
    ("share", "flagged"),
    [("1", False), (1, False), ("1/100", False), (0, True), ("0", True), ("101/100", True), (1.01, True),
     ("-1/2", True), ("half", True)],
)  # fmt: skip
def test_shares_in_0_1(share: Any, flagged: bool) -> None:
    assert codes(rule("quorum", share=share)) == (["CRZ102"] if flagged else [])


@pytest.mark.parametrize(("days", "flagged"), [(0, False), (1, False), (-1, True)])
def test_days_not_negative(days: int, flagged: bool) -> None:
    assert codes(rule("agenda_deadline", days=days)) == (["CRZ103"] if flagged else [])


def test_range_checks_apply_to_kinds_the_registry_does_not_know() -> None:
    assert sorted(codes(rule("future_kind", reps_min=5, reps_max=3, days_before=-2, vote_share="3/2"))) == [
        "CRZ004",
        "CRZ101",
        "CRZ102",
        "CRZ103",
    ]


@pytest.mark.parametrize(
    ("a", "b", "found"),
    [
        ((3, 5), (5, 8), []),  # touching bands share 5
        ((3, 5), (6, 8), ["CRZ110"]),
        ((6, 8), (3, 5), ["CRZ110"]),
        ((3, None), (None, 2), ["CRZ110"]),
        ((3, None), (None, 3), []),
        ((3, 10), (4, 9), ["CRZ111"]),
        ((4, 9), (3, 10), ["CRZ111"]),
        ((3, 10), (3, 10), ["CRZ111"]),
        ((3, 10), (4, 11), []),  # overlapping, neither inside the other
    ],
)
def test_contradiction_and_shadowing(a: tuple[Any, Any], b: tuple[Any, Any], found: list[str]) -> None:
    ra = rule("group_size", **{k: v for k, v in zip(("min", "max"), a, strict=True) if v is not None})
    rb = rule("group_size", **{k: v for k, v in zip(("min", "max"), b, strict=True) if v is not None})
    assert codes(ra, rb) == found


def test_the_shadowed_rule_is_the_wider_one() -> None:
    problems = lint_text(
        pack_text(rule("group_size", min=4, max=9), rule("group_size", min=3, max=10)), "p.yaml"
    )
    [p] = problems
    assert p.field == "rules[1].params"
    assert "t.rule-0" in p.message("en")


@pytest.mark.parametrize(
    ("other", "found"),
    [
        ({"period": "year"}, []),  # another period: another scope
        ({"officers": ["leader"]}, []),  # officers vs none: another scope
        ({}, ["CRZ110"]),
    ],
)
def test_only_overlapping_scopes_are_compared(other: dict[str, Any], found: list[str]) -> None:
    assert codes(rule("group_size", min=3, max=5), rule("group_size", min=8, max=9, **other)) == found


def test_list_scopes_overlap_when_they_share_a_member() -> None:
    a = rule("annual_meeting", meeting_kind="annual", min=1, max=1)
    b = rule("annual_meeting", meeting_kind="annual", min=2)
    assert codes(a, b) == ["CRZ110"]
    a = rule("quorum", meeting_kinds=["annual", "extra"], share="1/2")
    b = rule("quorum", meeting_kinds=["extra"], share="2/3")
    assert codes(a, b) == []  # a share is not a band


def test_a_graded_warning_is_not_a_shadow() -> None:
    early = {"kind": "group_size", "severity": "warning", "params": {"min": 9, "max": 14}}
    assert codes(rule("group_size", min=8, max=15), early) == []


def test_a_bound_that_checks_nothing_is_not_compared() -> None:
    assert codes(rule("annual_meeting", min=1), rule("annual_meeting", min=0, convened_by="committee")) == []
    assert codes(rule("annual_meeting", min=1), rule("annual_meeting", min=0)) == []


def test_citation_quote_boundaries() -> None:
    src = {"seed.txt": ["第一行", "每季度不得少于一次。", "末行"]}

    def quote(line: int, text: str) -> list[str]:
        doc = pack_text(rule("study_frequency", min=1)).replace(SEED, "seed.txt")
        doc = doc.replace("line: 81", f"line: {line}").replace("text: 每季度不得少于一次", f"text: {text}")
        return [p.code for p in lint_text(doc, "p.yaml", src)]

    assert quote(2, "每季度不得少于一次") == []
    assert quote(2, "每季度不得少于一次。") == []
    assert quote(1, "每季度不得少于一次") == ["CRZ121"]
    assert quote(3, "末行") == []
    assert quote(4, "末行") == ["CRZ122"]
    assert quote(2, "每季度不少于一次") == ["CRZ121"]


def test_no_source_given_means_no_quote_check() -> None:
    doc = pack_text(rule("study_frequency", min=1)).replace(
        "text: 每季度不得少于一次", "text: 不在原文中的话"
    )
    assert lint_text(doc, "p.yaml") == []


def test_problem_json_shape() -> None:
    [p] = lint_text(pack_text(rule("group_size", min=9, max=8)), "p.yaml")
    assert isinstance(p, LintProblem)
    assert p.to_json("en") == {
        "code": "CRZ101",
        "severity": "error",
        "file": "p.yaml",
        "line": p.line,
        "field": "rules[0].params.min",
        "message": "min is 9, above max (8)",
    }


OVERRIDE = """\
format: changrenzhi.pack/1
id: zjg-probe
extends: zhangjiagang
name: 探针
rules:
  - id: zjg.group.size
    params: PARAMS
"""


@pytest.mark.parametrize(
    ("params", "found"),
    [
        ("{min: 10, max: 15}", []),  # the parent's own band
        ("{min: 11, max: 14}", []),  # inside it
        ("{min: 9, max: 15}", ["CRZ130"]),  # one below the parent's floor
        ("{min: 10, max: 16}", ["CRZ130"]),  # one above the parent's ceiling
        ("{max: 15, min: 0}", ["CRZ130"]),  # no floor at all
        ("{max: {dated: [{from: 2006-02-20, value: 15}, {from: 2008-01-01, value: 12}]}}", []),
    ],
)
def test_override_within_the_parent_range(params: str, found: list[str], tmp_path: Path) -> None:
    (tmp_path / "pack.yaml").write_text(OVERRIDE.replace("PARAMS", params), encoding="utf-8")
    result = lint_paths([tmp_path])
    assert [p.code for p in result.problems] == found
    for p in result.problems:
        assert (p.file, p.line, p.field) == (str(tmp_path / "pack.yaml"), 7, "rules[0].params")
        assert "zhangjiagang" in p.message("en") and "10–15" in p.message("en")


def test_problems_of_an_inherited_rule_point_at_the_parent_file(tmp_path: Path) -> None:
    text = OVERRIDE.replace("rules:\n  - id: zjg.group.size\n    params: PARAMS\n", "rules:\n")
    text += (
        "  - id: probe.group.size\n    kind: group_size\n"
        "    citation: {source: 000_4d6d1418da65ff90.txt, line: 135, text: 每个代表小组一般由10-15人组成}\n"
        "    params: {min: 11, max: 14, period: quarter}\n"
    )
    (tmp_path / "pack.yaml").write_text(text, encoding="utf-8")
    [p] = lint_paths([tmp_path]).problems
    assert p.code == "CRZ111"
    assert p.file == str(shipped_packs()["zhangjiagang"] / "pack.yaml")
    assert "probe.group.size" in p.message("en")


# ---- lint reads a pack as the loader does ----------------------------------------------------
def test_a_source_listed_twice_has_the_lines_the_loader_gives_it() -> None:
    doc = yaml.safe_load(pack_text(rule("study_frequency", min=1)))
    doc["document"]["sources"].append({"file": SEED, "first_line": 1, "last_line": 50})
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    with pytest.raises(PackError) as info:
        loads_pack(text, file="p.yaml")
    [refused] = info.value.problems
    [p] = lint_text(text, "p.yaml")
    assert (p.code, p.line, p.field) == ("CRZ008", refused.line, refused.field)
    assert refused.field == "rules[0].citation.line" and "1-50" in p.message("en")


def test_a_schema_error_hides_nothing_the_loader_refuses_after_it() -> None:
    cite = {"source": "other.txt", "line": 3, "text": "一次"}
    dated = {
        "dated": [{"from": "2006-01-01", "value": 1}, {"from": "2010-01-01", "value": 2, "citation": cite}]
    }
    text = pack_text(rule("study_frequency", min=dated))
    fixed = [(p.code, p.field) for p in lint_text(text, "p.yaml")]
    assert fixed == [("CRZ009", "rules[0].params.min.dated[1].citation.source")]
    broken = [(p.code, p.field) for p in lint_text(text.replace("locality: 测试乡\n", ""), "p.yaml")]
    assert broken == [("CRZ003", "locality"), *fixed]


# ---- lint's work grows with the pack, not with the pairs of its rules ------------------------
def test_each_rule_is_named_once_per_band_and_code() -> None:
    # c contradicts a and b; b holds a: one problem each, naming the farthest or narrowest other
    a, b, c = rule("group_size", min=3, max=5), rule("group_size", min=2, max=6), rule("group_size", min=8)
    problems = lint_text(pack_text(a, b, c), "p.yaml")
    got = sorted((p.code, p.field, p.message("en").split(" (")[0]) for p in problems)
    assert got == [
        ("CRZ110", "rules[2].params", "contradicts rule t.rule-0"),
        ("CRZ111", "rules[1].params", "shadowed by rule t.rule-0"),
    ]
    # three equal bands: the two later ones duplicate the first
    same = [rule("group_size", min=3, max=5)] * 3
    assert [(p.field, "t.rule-0" in p.message("en")) for p in lint_text(pack_text(*same), "p.yaml")] == [
        ("rules[1].params", True),
        ("rules[2].params", True),
    ]


def _pairwise(pack_rules: list[Any]) -> set[tuple[int, str, str]]:
    """What lint named before it was made n log n: every pair of rules of one kind and overlapping
    scope compared (the rule, the message key, the band): the rules it names must be the same."""
    out: set[tuple[int, str, str]] = set()

    def scope(pa: dict[str, Any], pb: dict[str, Any], keys: set[str]) -> bool:
        for key in set(pa) | set(pb):
            if key in keys or key in BAND_KEYS_EXTRA:
                continue
            va, vb = pa.get(key), pb.get(key)
            if isinstance(va, list) and isinstance(vb, list):
                if (va or vb) and not any(x in vb for x in va):
                    return False
            elif va != vb:
                return False
        return True

    def inside(o: Any, i: Any) -> bool:
        return (o[0] is None or (i[0] is not None and i[0] >= o[0])) and (
            o[1] is None or (i[1] is not None and i[1] <= o[1])
        )

    for a, b in itertools.combinations(pack_rules, 2):
        if a.kind != b.kind:
            continue
        pa, pb = a.params.model_dump(), b.params.model_dump()
        pairs = band_pairs(pa)
        if not scope(pa, pb, {k for pr in pairs.values() for k in pr if k}):
            continue
        for name, pair in pairs.items():
            ia, ib = interval(pa, pair), interval(pb, pair)
            if ia is None or ib is None:
                continue
            if (ia[0] is not None and ib[1] is not None and ia[0] > ib[1]) or (
                ib[0] is not None and ia[1] is not None and ib[0] > ia[1]
            ):
                out.add((b.index, "contradiction", name))
            elif a.severity != b.severity:
                continue
            elif ia == ib:
                out.add((b.index, "duplicate-band", name))
            elif inside(ia, ib):
                out.add((a.index, "shadowed", name))
            elif inside(ib, ia):
                out.add((b.index, "shadowed", name))
    return out


_KINDS = st.sampled_from(["group_size", "committee_visit_month", "agenda_threshold", "inspection_notice"])


@st.composite
def _rules(draw: st.DrawFn) -> list[dict[str, Any]]:
    out = []
    for _ in range(draw(st.integers(2, 7))):
        kind = draw(_KINDS)
        lo = draw(st.none() | st.integers(1, 6))
        hi = draw(st.none() | st.integers(1, 6))
        lo, hi = (lo, hi) if lo is None or hi is None or lo <= hi else (hi, lo)
        params: dict[str, Any]
        if kind == "group_size":
            params = {"min": lo if lo is not None else 0, "max": hi or 6}
            params["period"] = draw(st.sampled_from(["quarter", "year"]))
        elif kind == "committee_visit_month":
            params = {"min": lo or 1, "max": hi, "groups": {"min": 1}}
        elif kind == "agenda_threshold":
            who = st.lists(
                st.sampled_from(["group", "reps", "committee"]), min_size=1, max_size=3, unique=True
            )
            params = {"reps_min": lo, "allowed": draw(who)}
        else:
            params = {"min_days": lo, "max_days": hi} if lo is not None or hi is not None else {"min_days": 1}
        out.append({"kind": kind, "params": {k: v for k, v in params.items() if v is not None},
                    "severity": draw(st.sampled_from(["violation", "warning"]))})  # fmt: skip
    return out


@settings(max_examples=150, deadline=None)
@given(_rules())
def test_overlaps_flag_the_rules_every_pair_flagged(rules: list[dict[str, Any]]) -> None:
    text = pack_text(*rules)
    pack = loads_pack(text, file="p.yaml")
    want = {(i, key) for i, key, _ in _pairwise(list(pack.rules))}
    got = {
        (int(p.field.split("[")[1].split("]")[0]), p.key)
        for p in lint_text(text, "p.yaml")
        if p.code in ("CRZ110", "CRZ111") and p.field
    }
    assert got == want


def test_lint_of_many_rules_is_quick_and_its_output_linear() -> None:
    import time

    many = [rule("group_size", min=(i * 7) % 500, max=(i * 7) % 500 + i % 13) for i in range(2000)]
    text = pack_text(*many)
    start = time.perf_counter()
    problems = lint_text(text, "p.yaml")
    took = time.perf_counter() - start
    assert len(problems) <= 2 * len(many)
    assert took < 20, took  # (all pairs took over a minute and a gigabyte for 1000 rules)
