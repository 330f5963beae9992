"""``changrenzhi compare``: duties aligned across packs, the same rows in every format."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from changrenzhi import loads_pack
from changrenzhi.cli import main
from changrenzhi.commands import compare as compare_command
from changrenzhi.compare import FORMATS, compare, describe, render, text_width, wrap
from changrenzhi.findings import Finding
from changrenzhi.kinds.base import KindContext, RuleKind, RuleRef
from changrenzhi.kinds.study.params import StudyFrequencyParams
from changrenzhi.registry import BUILTIN_KINDS, default_registry
from changrenzhi.text import pick
from support import SEED, make_pack, run_cli, shipped_pack

SHIPPED = ("zhangjiagang", "guoyuan", "baoying")
SIX = ("zhangjiagang", "guoyuan", "baoying", "xianfeng", "district", "model-plan")
CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def keys_of(fmt: str, out: str) -> list[str]:
    """The row keys, in order, as each format shows them."""
    if fmt == "json":
        return [r["key"] for r in json.loads(out)["rows"]]
    if fmt == "csv":
        assert out.startswith("\ufeff")  # the byte-order mark Excel needs to read UTF-8
        return [row[0] for row in list(csv.reader(io.StringIO(out.removeprefix("\ufeff"))))[1:]]
    if fmt == "markdown":
        return re.findall(r"^\| [^|]*?<br>`([^`]+)`", out, flags=re.M)
    if fmt == "html":
        return re.findall(r'<tr data-key="([^"]+)"', out)
    # text: each row is a block after a ─┼─ line; its first column is the label, then the key
    # (both wrapped): the block's row is the key its joined first column ends with; a table too
    # narrow for a label column puts "label  key" on lines of their own after a ═ line
    if re.search(r"^═", out, flags=re.M):
        heads = [b.split("\n─")[0] for b in re.split(r"^═+\n", out, flags=re.M)[1:]]
        return ["".join(h.splitlines()).split()[-1] for h in heads]
    keys: list[str] = []
    for block in re.split(r"^─.*┼.*\n", out, flags=re.M)[1:]:
        keys.append("".join(line.split(" │ ")[0].strip() for line in block.splitlines()))
    return keys


@pytest.fixture(scope="module")
def shipped() -> Any:
    return compare([shipped_pack(p) for p in SHIPPED])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_format_has_the_same_rows_in_the_same_order(
    shipped: Any, lang: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # the formats are under test here, not the loading of six packs by name for each of them
    # (test_cli_csv_has_three_columns_per_pack and test_cli_bad_pack_exits_2 load by name)
    monkeypatch.setattr(compare_command, "load_pack", lambda ref, root=None: shipped_pack(ref))
    expected = shipped.keys
    assert len(expected) == len(set(expected)) > 20
    for fmt in FORMATS:
        code = main(["compare", *SHIPPED, "--format", fmt, "--lang", lang, "--width", "120"])
        out, err = capsys.readouterr()
        assert code == 0, err
        got = keys_of(fmt, out)
        if fmt == "text":
            assert len(got) == len(expected)
            assert all(g.endswith(k) for g, k in zip(got, expected, strict=True)), fmt
        else:
            assert got == expected, fmt


def test_rows_do_not_depend_on_the_order_of_the_packs() -> None:
    packs = [shipped_pack(p) for p in SHIPPED]
    assert compare(packs).keys == compare(packs[::-1]).keys


def test_a_duty_is_aligned_across_packs_and_a_missing_one_is_marked(shipped: Any) -> None:
    doc = shipped.to_json("zh")
    assert [p["id"] for p in doc["packs"]] == list(SHIPPED)
    rows = {r["key"]: r for r in doc["rows"]}
    officers = rows["group_size:officers"]["cells"]
    assert [e["figure"] for e in officers[0]] == ["组长、副组长"]
    assert officers[1] is None  # guoyuan has no such rule
    assert [e["figure"] for e in officers[2]] == ["组长、联络员"]
    assert officers[2][0]["citation"] == {
        "source": "000_4d6d1418da65ff90.txt",
        "line": 4,
        "text": "明确了每个代表小组的组长和联络员",
        "clause": officers[2][0]["citation"]["clause"],
    }
    members = rows["contact_roster:rep→member"]["cells"]
    assert [e["figure"] for e in members[0]] == ["3–5 人（党员、群众合计）"]
    assert [(e["figure"], e["severity"]) for e in members[1]] == [("10 人左右（±2）", "warning")]
    assert [e["figure"] for e in members[2]] == ["1–2 人"]
    assert rows["quorum:annual"]["same"] is False  # baoying lacks it
    visits = rows["contact_frequency:rep→member"]["cells"]
    assert [e["figure"] for e in visits[0]] == ["每年至少 2 次（每个对象）"]
    assert [e["figure"] for e in visits[1]] == ["每季度至少 1 次（每个对象）"]
    # the who-visits-whom subject keeps committee members and reps apart
    assert "committee_contact_frequency:committee→reps" in rows
    text = render(shipped, "text", "zh", width=120)
    assert "—（无此项）" in text
    assert "— (none)" in render(shipped, "text", "en", width=120)


def test_same_figures_in_every_pack_make_a_same_row() -> None:
    a = shipped_pack("guoyuan")
    doc = compare([a, a]).to_json("en")
    assert all(r["same"] for r in doc["rows"])


def test_several_rules_of_one_pack_on_one_duty_share_a_cell() -> None:
    pack = make_pack(
        {"id": "t.size-low", "kind": "group_size", "params": {"min": 10}},
        {"id": "t.size-high", "kind": "group_size", "params": {"max": 15}, "severity": "warning"},
        {"id": "t.study", "kind": "study_frequency", "params": {"period": "quarter", "min": 1}},
    )
    cmp = compare([pack])
    assert cmp.keys == ["group_size:members", "study_frequency:group"]
    cell = cmp.rows[0].cells[0]
    assert [(e.rule, e.figure) for e in cell] == [
        ("t.size-low", ("至少 10 人", "at least 10 members")),
        ("t.size-high", ("至多 15 人", "at most 15 members")),
    ]
    text = render(cmp, "text", "zh", width=80)
    block = text.split("─┼─")[1]
    assert "t.size-low" in block and "t.size-high" in block and "至多 15 人（提醒）" in block
    md = render(cmp, "markdown", "en")
    assert md.count("| members per group<br>`group_size:members` |") == 1
    assert "**at least 10 members**" in md and "**at most 15 members (warning)**" in md


@pytest.mark.parametrize(
    ("params", "figure"),
    [
        ({"min": 10, "max": 15}, ("10–15 人", "10–15 members")),
        ({"min": 1, "max": 1}, ("1 人", "exactly 1 member")),
        ({"max": 2}, ("至多 2 人", "at most 2 members")),
    ],
)
def test_group_size_figures(params: dict[str, Any], figure: tuple[str, str]) -> None:
    (rule,) = make_pack({"kind": "group_size", "params": params}).rules
    assert [(d.key, d.figure) for d in describe(rule)] == [("group_size:members", figure)]


def test_subjects_of_duties() -> None:
    pack = make_pack(
        {"kind": "contact_frequency", "params": {"min": 2, "kinds": ["member", "activist"]}},
        {"kind": "committee_contact_frequency", "params": {"of": "groups", "min": 6, "per": "total"}},
        {"kind": "quorum", "params": {"meeting_kinds": ["annual", "group"], "share": "2/3",
                                      "inclusive": False}},
        {"kind": "agenda_deadline", "params": {"days": 10, "by": ["group", "reps"]}},
        {"kind": "contact_roster", "params": {"kinds": ["village"], "count": {"min": 1, "max": 1},
                                              "applies_to": {"category": ["town_agency"]}}},
    )  # fmt: skip
    duties = {d.key: d for r in pack.rules for d in describe(r)}
    assert sorted(duties) == [
        "agenda_deadline:proposed:group",
        "agenda_deadline:proposed:reps",
        "committee_contact_frequency:committee→groups",
        "contact_frequency:rep→activist",
        "contact_frequency:rep→member",
        "contact_roster:rep→village",
        "quorum:annual",
        "quorum:group",
    ]
    assert duties["quorum:group"].figure == ("超过在任代表的三分之二", "more than 2/3 of the seated reps")
    assert duties["committee_contact_frequency:committee→groups"].figure[1] == "at least 6 per year in all"
    assert duties["contact_roster:rep→village"].figure == (
        "1 个（限 category 为 town_agency 的代表）",
        "exactly 1 (reps of category town_agency only)",
    )


class TownStudy(RuleKind[StudyFrequencyParams]):
    """A town's own kind, which says nothing to ``compare`` (no ``describe``)."""

    name = "town_study"
    params_model = StudyFrequencyParams
    summary = "the town's own study sessions"

    def evaluate(self, rule: RuleRef, params: StudyFrequencyParams, ctx: KindContext) -> Iterator[Finding]:
        return iter(())


def test_a_kind_that_says_nothing_gets_one_row_with_its_params() -> None:
    registry = default_registry()
    registry.register(TownStudy)
    cite = {"source": SEED, "line": 81, "text": "每季度不得少于一次"}
    doc = {
        "format": "changrenzhi.pack/1", "id": "town", "name": "测试", "locality": "测试乡",
        "document": {"title": "测试", "sources": [{"file": SEED, "first_line": 1, "last_line": 225}]},
        "rules": [
            {"id": "t.town", "kind": "town_study", "params": {"period": "half", "min": 2}, "citation": cite},
            {"id": "t.training", "kind": "training_coverage", "params": {}, "citation": cite},
        ],
    }  # fmt: skip
    pack = loads_pack(yaml.safe_dump(doc, allow_unicode=True), registry, file="town.yaml")
    cmp = compare([pack])
    assert cmp.keys == ["training_coverage:rep", "town_study"]  # a kind not built in comes last
    (entry,) = cmp.rows[1].cells[0]
    assert entry.figure == ("period=half, min=2", "period=half, min=2")
    assert cmp.rows[1].label == ("town_study", "the town's own study sessions")


def test_every_built_in_kind_describes_its_rules() -> None:
    missing = [k.name for k in BUILTIN_KINDS if k.describe is RuleKind.describe]
    assert missing == [], f"give these kinds a describe method (kinds/<family>/describe.py): {missing}"


def test_every_rule_of_every_shipped_pack_states_a_duty() -> None:
    from changrenzhi import shipped_packs

    for name in shipped_packs():
        for rule in shipped_pack(name).rules:
            duties = describe(rule)
            assert duties, rule.id
            for d in duties:
                assert d.key and all(d.label) and all(d.figure), (rule.id, d)
                assert not CJK.search(d.figure[1]) or rule.kind in ("composition", "election_margin",
                       "publicity", "rep_listing", "named_activity"), (rule.id, d.figure)  # fmt: skip


def test_a_percentage_reads_as_the_findings_write_it() -> None:
    pack = make_pack({"kind": "composition", "params": {"shares": [{"label": "women", "gender": "f",
                                                                    "min": "23/160"}]}})  # fmt: skip
    ((duty),) = describe(pack.rules[0])
    assert duty.figure == ("不低于 14.38%", "at least 14.38%")  # an exact half, to even: as percent()


def test_dated_params_list_the_figure_of_each_stretch() -> None:
    pack = make_pack(
        {
            "kind": "group_size",
            "params": {"min": 10, "max": {"dated": [{"from": "2006-02-20", "value": 15},
                                                    {"from": "2010-01-01", "value": 12}]}},
        }
    )  # fmt: skip
    ((duty),) = describe(pack.rules[0])
    assert duty.figure[0] == "至 2009-12-31：10–15 人；2010-01-01 起：10–12 人"
    assert duty.figure[1] == "until 2009-12-31: 10–15 members; from 2010-01-01: 10–12 members"


def test_a_stretch_between_two_changes_names_both_ends() -> None:
    pack = make_pack(
        {
            "kind": "group_size",
            "params": {"min": {"dated": [{"from": "2006-02-20", "value": 10},
                                         {"from": "2012-01-01", "value": 8}]},
                       "max": {"dated": [{"from": "2006-02-20", "value": 15},
                                         {"from": "2010-01-01", "value": 12}]}},
        }
    )  # fmt: skip
    ((duty),) = describe(pack.rules[0])
    assert duty.figure[0] == (
        "至 2009-12-31：10–15 人；2010-01-01 至 2011-12-31：10–12 人；2012-01-01 起：8–12 人"
    )
    assert duty.figure[1] == (
        "until 2009-12-31: 10–15 members; from 2010-01-01 to 2011-12-31: 10–12 members; "
        "from 2012-01-01: 8–12 members"
    )
    # the same words as the rest of the package uses for the stretch (diff, probes)
    assert [e.describe() for e in pack.rules[0].epochs][1] == "from 2010-01-01 to 2011-12-31"


# ---- display width --------------------------------------------------------------------
def test_wide_characters_count_two_columns() -> None:
    assert text_width("代表") == 4
    assert text_width("L135「组成」") == 4 + 2 * 4
    lines = wrap("每个代表小组一般由10-15人组成", 10)
    assert lines == ["每个代表小", "组一般由", "10-15人组", "成"]
    assert all(text_width(x) <= 10 for x in lines)
    assert wrap("at least 1 per year", 8) == ["at least", "1 per", "year"]
    assert wrap("contact_roster:rep→member", 16, ":→_") == ["contact_roster:", "rep→member"]


def test_a_combining_mark_takes_no_column_in_compare_and_coverage_alike() -> None:
    import changrenzhi.coverage

    decomposed = "Qu\u0065\u0301bec 代表"  # e + COMBINING ACUTE ACCENT
    assert text_width(decomposed) == len("Québec ") + 4
    assert vars(changrenzhi.coverage)["text_width"] is text_width  # one measure for every text table


@pytest.mark.parametrize("width", [60, 100, 160])
def test_the_text_table_fits_the_width(shipped: Any, width: int) -> None:
    for lang in ("zh", "en"):
        out = render(shipped, "text", lang, width=width)
        widest = max(text_width(line) for line in out.splitlines()[2:])
        assert widest <= width, (lang, width, widest)
        if width >= 100:
            assert widest > width - 10  # the table uses the room it has


def test_long_quotes_are_cut_in_text_but_whole_elsewhere(shipped: Any) -> None:
    quote = (
        "由镇党委、代表小组或10名以上代表联名提出。"
        "在会议期间临时提出的议题必须有两个以上代表小组，或十分之一以上代表联名提出"
    )
    assert quote not in render(shipped, "text", "zh", width=100)
    assert "…" in render(shipped, "text", "zh", width=100)
    for fmt in ("markdown", "csv", "json", "html"):
        assert quote in render(shipped, fmt, "zh"), fmt


# ---- html -------------------------------------------------------------------------------
def test_html_is_one_self_contained_page_with_the_quotes_shown(shipped: Any) -> None:
    out = render(shipped, "html", "zh")
    assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")
    assert "<style>" in out and "<script>" in out
    assert not re.search(r"(src|href)\s*=", out)
    assert "http://" not in out and "https://" not in out and "@import" not in out
    # the quote is in the cell itself (on screen and in print), with its clause and line; the
    # document's title heads the column, the file name is left to the hover
    assert '<blockquote class="quote">「每个代表小组一般由10-15人组成」<cite title=' in out
    assert "二、（一）1，第 135 行</cite>" in out
    assert '<small class="doc">果园乡党代表大会常任制和党代表任期制工作调查报告</small>' in out
    assert out.count('<td class="missing"') == sum(c == [] for r in shipped.rows for c in r.cells)
    # the filters: how many packs share each row, and whether the figures differ
    for row in shipped.rows:
        assert f'data-key="{row.key}" data-order="' in out
    assert 'id="min-shared"' in out and 'id="differ"' in out and 'id="q"' in out and 'id="sort"' in out
    assert "@media print" in out


def test_shared_and_differs() -> None:
    packs = [shipped_pack(p) for p in SIX]
    cmp = compare(packs)
    by_key = {r.key: r for r in cmp.rows}
    study = by_key["study_frequency:group"]
    assert study.shared == sum(1 for c in study.cells if c) >= 2
    assert not any(r.same for r in cmp.rows if r.shared < len(packs))
    # a duty of one pack neither agrees nor differs; the rows the filter keeps are at least shared
    assert not any(r.differs for r in cmp.rows if r.shared < 2)
    assert any(r.differs for r in cmp.rows) and any(r.shared >= 2 and not r.differs for r in cmp.rows)


def test_the_text_table_never_cuts_a_label_to_make_room() -> None:
    packs = [shipped_pack(p) for p in SIX]
    cmp = compare(packs)
    for lang in ("zh", "en"):
        out = render(cmp, "text", lang, width=100)
        assert max(text_width(line) for line in out.splitlines()[2:]) <= 100
        for row in cmp.rows:  # each label whole on the line that heads its row
            assert f"\n{pick(row.label, lang)}  " in out, row.key


def test_xlsx_holds_the_csv_table(shipped: Any) -> None:
    from openpyxl import load_workbook

    from changrenzhi.compare.formats import render_xlsx

    data = render_xlsx(shipped, "zh")
    ws = load_workbook(io.BytesIO(data)).active
    assert ws is not None
    got = [[c if c is not None else "" for c in row] for row in ws.iter_rows(values_only=True)]
    want = list(csv.reader(io.StringIO(render(shipped, "csv", "zh").removeprefix("\ufeff"))))
    assert got == want


def test_xlsx_without_openpyxl_names_the_extra(shipped: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    from changrenzhi.compare.formats import render_xlsx
    from changrenzhi.errors import UsageError

    real = builtins.__import__

    def no_openpyxl(name: str, *args: Any, **kw: Any) -> Any:
        if name.startswith("openpyxl"):
            raise ImportError(name)
        return real(name, *args, **kw)

    monkeypatch.setattr(builtins, "__import__", no_openpyxl)
    with pytest.raises(UsageError, match=re.escape("pip install 'changrenzhi[xlsx]'")):
        render_xlsx(shipped, "en")


def test_html_escapes_what_it_shows() -> None:
    pack = make_pack(
        {"id": "t.x", "kind": "named_activity", "params": {"activities": [{"name": "<b>&座谈会"}]}}
    )
    out = render(compare([pack]), "html", "en")
    assert "<b>&" not in out and "&lt;b&gt;&amp;座谈会" in out


# ---- cli --------------------------------------------------------------------------------
def test_cli_csv_has_three_columns_per_pack() -> None:
    r = run_cli("compare", "guoyuan", "baoying", "--format", "csv", "--lang", "en")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(r.stdout.removeprefix("\ufeff"))))
    assert rows[0] == ["key", "kind", "duty", "guoyuan", "guoyuan rule", "guoyuan citation",
                       "baoying", "baoying rule", "baoying citation"]  # fmt: skip
    assert all(len(row) == 9 for row in rows)
    by_key = {row[0]: row for row in rows[1:]}
    assert by_key["study_frequency:group"][3:] == [
        "at least 1 per quarter", "guoyuan.study.frequency",
        "000_4d6d1418da65ff90.txt:L81「由代表小组组长负责召集并组织学习，每季度不得少于一次」",
        "at least 1 per quarter", "baoying.study.quarterly",
        "000_4d6d1418da65ff90.txt:L7「每季度组织党代表进行一次集中政治理论学习」",
    ]  # fmt: skip
    assert by_key["study_days:rep"][6:] == ["— (none)", "", ""]


def test_cli_bad_pack_exits_2() -> None:
    r = run_cli("compare", "guoyuan", "no-such-pack")
    assert r.returncode == 2
    assert "no-such-pack" in r.stderr and "Traceback" not in r.stderr
