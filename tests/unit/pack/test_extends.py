"""``extends:`` (docs/PACKS.md): the merge, provenance, errors naming the right file, and the engine."""

from __future__ import annotations

import functools
import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from changrenzhi import Pack, PackError, load_pack, loads_pack
from changrenzhi.cli import main
from changrenzhi.outputs.reports import render_rules
from changrenzhi.pack.extends import MAX_EXTENDS
from changrenzhi.pack.provenance import Origin
from support import DATA, run, run_cli, shipped_pack, town

PACKS = DATA / "packs"
DRAFT = PACKS / "extends" / "zjg-draft"
GRANDCHILD = PACKS / "extends" / "grandchild"
MINIMAL = PACKS / "minimal" / "pack.yaml"


@functools.cache
def shipped() -> Pack:
    return shipped_pack("zhangjiagang")


@functools.cache
def draft() -> Pack:
    return load_pack(DRAFT)


def write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(text, encoding="utf-8")
    return folder


def child(extends: str, body: str = "", pid: str = "child") -> str:
    return f"format: changrenzhi.pack/1\nid: {pid}\nextends: {extends}\nname: 子包\n{body}"


def problems(ref: Path, root: Path | None = None) -> list[tuple[str, int | None, str | None, str]]:
    with pytest.raises(PackError) as info:
        load_pack(ref, root=root)
    return [(p.file, p.line, p.field, p.message) for p in info.value.problems]


# ---- the merge ------------------------------------------------------------------
def test_the_draft_overrides_adds_and_removes() -> None:
    parent = shipped()
    pack = draft()
    assert pack.id == "zjg-draft" and pack.parent is not None and pack.parent.id == "zhangjiagang"
    assert pack.model.extends == "zhangjiagang"
    expected = [r.id for r in parent.rules if r.id != "zjg.agenda.notice"] + ["zjg-draft.group.floor"]
    assert [r.id for r in pack.rules] == expected
    assert [r.index for r in pack.rules] == list(range(len(expected)))
    # inherited: document, term, not_encoded; not examples
    assert pack.model.document == parent.model.document
    assert pack.model.not_encoded == parent.model.not_encoded
    assert pack.model.examples == []
    assert pack.name.endswith("（修订草案）") and pack.model.locality == parent.model.locality


def test_an_override_changes_one_figure_and_keeps_the_rest() -> None:
    parent = shipped().rule("zjg.quorum")
    rule = draft().rule("zjg.quorum")
    assert str(rule.params.share) == "5/6"  # type: ignore[attr-defined]
    assert rule.params.model_dump(exclude={"share"}) == parent.params.model_dump(exclude={"share"})
    assert rule.citation == parent.citation and rule.spec.ambiguities == parent.spec.ambiguities
    assert rule.spec.note == "草案：到会代表须达六分之五以上。"
    assert rule.overrides is not None and rule.overrides.params == parent.params


def test_provenance_names_pack_and_line_of_every_value() -> None:
    parent = shipped().rule("zjg.quorum")
    rule = draft().rule("zjg.quorum")
    p = rule.provenance
    assert p["id"] == Origin("zjg-draft", str(DRAFT / "pack.yaml"), 11, ("rules", 0, "id"))
    assert (p["params.share"].pack, p["params.share"].line) == ("zjg-draft", 12)
    assert (p["note"].pack, p["note"].line) == ("zjg-draft", 13)
    for key in ("kind", "citation", "params.meeting_kinds", "params.inclusive"):
        assert p[key] == parent.provenance[key], key
        assert p[key].pack == "zhangjiagang"
    out = rule.provenance_json()
    assert out["params.share"] == {
        "pack": "zjg-draft",
        "line": 12,
        "overrides": {"pack": "zhangjiagang", "line": parent.provenance["params.share"].line},
    }
    assert "overrides" not in out["kind"]


def test_an_inherited_rule_comes_from_the_parent_unchanged() -> None:
    parent = shipped().rule("zjg.vote.majority")
    rule = draft().rule("zjg.vote.majority")
    assert rule.overrides is None
    assert rule.params == parent.params and rule.provenance == parent.provenance
    assert {o.pack for o in rule.provenance.values()} == {"zhangjiagang"}


def test_a_new_rule_comes_from_the_child() -> None:
    rule = draft().rule("zjg-draft.group.floor")
    assert rule.overrides is None and rule.severity == "warning"
    assert {o.pack for o in rule.provenance.values()} == {"zjg-draft"}
    assert rule.provenance["params.min"].line == 32


def test_a_dated_override() -> None:
    rule = draft().rule("zjg.group.size")
    assert rule.params_at(date(2007, 12, 31)).max == 15  # type: ignore[attr-defined]
    assert rule.params_at(date(2008, 1, 1)).max == 12  # type: ignore[attr-defined]
    assert rule.params_at(date(2008, 1, 1)).min == 10  # type: ignore[attr-defined]
    assert rule.provenance["params.max.dated[1]"].line == 21
    assert rule.provenance["params.min"].pack == "zhangjiagang"


def test_three_packs_deep_by_relative_path() -> None:
    pack = load_pack(GRANDCHILD, root=GRANDCHILD.parent)  # it extends its sibling ../zjg-draft
    assert [p["id"] for p in pack.chain_json()] == ["zjg-draft-2", "zjg-draft", "zhangjiagang"]
    quorum = pack.rule("zjg.quorum")
    assert quorum.severity == "warning" and str(quorum.params.share) == "5/6"  # type: ignore[attr-defined]
    assert quorum.provenance["severity"].pack == "zjg-draft-2"
    assert quorum.provenance["params.share"].pack == "zjg-draft"
    assert quorum.provenance["kind"].pack == "zhangjiagang"
    assert quorum.overrides is not None and quorum.overrides.overrides is not None
    floor = pack.rule("zjg-draft.group.floor")
    assert floor.params.min == 12 and floor.params.period == "half"  # type: ignore[attr-defined]
    assert floor.provenance_json()["params.min"] == {
        "pack": "zjg-draft-2",
        "line": 11,
        "overrides": {"pack": "zjg-draft", "line": 32},
    }


def test_extends_a_pack_yaml_path_and_a_shipped_name_in_memory(tmp_path: Path) -> None:
    shutil.copy(MINIMAL, tmp_path / "base.yaml")
    write(tmp_path / "c", child("../base.yaml", "rules:\n  - {id: t.group.size, params: {min: 4}}\n"))
    pack = load_pack(tmp_path / "c", root=tmp_path)
    assert pack.parent is not None and pack.parent.id == "minimal"
    assert pack.rule("t.group.size").params.min == 4  # type: ignore[attr-defined]
    mem = loads_pack(child("zhangjiagang", "remove: [zjg.quorum]\n"), file="mem.yaml")
    assert "zjg.quorum" not in [r.id for r in mem.rules] and mem.parent is not None


# ---- the engine sees the effective pack -----------------------------------------
def meeting(day: str, present: int) -> dict[str, Any]:
    return {
        "id": f"held-{day}",
        "type": "meeting.held",
        "date": day,
        "meeting": "M1",
        "kind": "annual",
        "present": present,
    }


@pytest.mark.parametrize(("present", "parent", "in_draft"), [(23, 1, 1), (24, 0, 1), (25, 0, 0)])
def test_the_tightened_quorum(present: int, parent: int, in_draft: int) -> None:
    # 30 seated: four fifths is 24, five sixths 25
    events = [*town(30, day="2011-01-04"), meeting("2011-06-01", present)]

    def quorum_findings(pack: Pack) -> int:
        return sum(1 for f in run(pack, events, "2011-12-31").findings if f.rule == "zjg.quorum")

    assert quorum_findings(shipped()) == parent
    assert quorum_findings(draft()) == in_draft


def test_the_dated_group_size_in_the_engine() -> None:
    events = town(13, day="2007-01-04")
    report = run(draft(), events, "2008-06-30")
    got = [
        (f.period.start.isoformat(), f.status)
        for f in report.findings
        if f.rule == "zjg.group.size" and f.period
    ]
    assert got == [("2008-01-01", "violation"), ("2008-04-01", "violation")]
    parent = run(shipped(), events, "2008-06-30")
    assert [f for f in parent.findings if f.rule == "zjg.group.size"] == []


def test_check_on_the_parents_example_runs() -> None:
    folder = shipped().path
    assert folder is not None
    log = folder.parent / "examples" / "gangxi-2007-2008.jsonl"
    r = run_cli("check", str(DRAFT), str(log), "--as-of", "2008-12-15", "--format", "json")
    assert r.returncode in (0, 1), r.stderr  # a real process: no traceback, a report
    doc = json.loads(r.stdout)
    assert doc["pack"] == "zjg-draft"
    assert not any(f["rule"] == "zjg.agenda.notice" for f in doc["findings"])


# ---- the listings -----------------------------------------------------------
def test_rules_json_has_provenance_and_the_chain(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", str(DRAFT), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["extends"] == "zhangjiagang"
    assert [p["id"] for p in doc["packs"]] == ["zjg-draft", "zhangjiagang"]
    [quorum] = [x for x in doc["rules"] if x["id"] == "zjg.quorum"]
    assert quorum["provenance"]["params.share"]["pack"] == "zjg-draft"
    assert quorum["provenance"]["params.share"]["overrides"]["pack"] == "zhangjiagang"


def test_rules_text_says_where_values_come_from() -> None:
    line = shipped().rule("zjg.quorum").provenance["params.share"].line
    en = render_rules(draft(), "text", "en")
    assert f'      params.share = "5/6" (zjg-draft L12; overrides zhangjiagang L{line})\n' in en
    assert "  extends: zhangjiagang (" in en
    zh = render_rules(draft(), "text")
    assert f'      params.share = "5/6"（zjg-draft L12；覆盖 zhangjiagang L{line}）\n' in zh
    first = shipped().rules[0]
    assert f"      来自 zhangjiagang L{first.provenance['id'].line}\n" in zh


def test_a_plain_pack_listing_has_no_provenance_lines() -> None:
    text = render_rules(load_pack(PACKS / "minimal"), "text")
    assert "来自" not in text and "继承" not in text


# ---- errors name the file that wrote the value ------------------------------------
def test_an_override_with_a_bad_param_names_the_child(tmp_path: Path) -> None:
    folder = write(
        tmp_path / "c", child("zhangjiagang", "rules:\n  - id: zjg.quorum\n    params: {share: 3/2}\n")
    )
    [(file, line, field, message)] = problems(folder)
    assert (file, line, field) == (str(folder / "pack.yaml"), 7, "rules[0].params.share")
    assert "a share must be in (0, 1]" in message


def test_a_new_rule_without_a_citation_names_the_child(tmp_path: Path) -> None:
    body = (
        "rules:\n  - {id: zjg.quorum, severity: warning}\n"
        "  - id: c.new\n    kind: quorum\n    params: {share: 1/2}\n"
    )
    folder = write(tmp_path / "c", child("zhangjiagang", body))
    assert problems(folder) == [(str(folder / "pack.yaml"), 7, "rules[1].citation", "required")]


def test_citations_are_checked_against_the_effective_document(tmp_path: Path) -> None:
    body = "document:\n  title: 另一文件\n  sources:\n"
    body += "    - {file: 003_other.txt, first_line: 1, last_line: 40}\n"
    folder = write(tmp_path / "c", child("../minimal", body))
    shutil.copytree(PACKS / "minimal", tmp_path / "minimal")
    got = problems(folder, tmp_path)
    assert [(Path(f).name, field) for f, _, field, _ in got] == [
        ("pack.yaml", "rules[0].citation.source"),
        ("pack.yaml", "not_encoded[0].citation.source"),
    ]
    assert all(f == str(tmp_path / "minimal" / "pack.yaml") for f, *_ in got)
    assert [line for _, line, _, _ in got] == [19, 29]  # lines of the parent file


@pytest.mark.parametrize(
    ("body", "line", "field", "message"),
    [
        ("remove: [t.nope]\n", 5, "remove[0]", "unknown rule id 't.nope': minimal has no such rule"),
        ("remove: [t.group.size, t.group.size]\n", 5, "remove[1]", "rule 't.group.size' is removed twice"),
        (
            "remove: [t.group.size]\nrules:\n  - {id: t.group.size, severity: warning}\n",
            7,
            "rules[0].id",
            "rule 't.group.size' is both removed (remove:) and overridden here",
        ),
        (
            "rules:\n  - {id: t.group.size, kind: vote_majority}\n",
            6,
            "rules[0].kind",
            "an override cannot change the kind (group_size in minimal)",
        ),
        (
            "rules:\n  - {id: t.group.size, severity: warning}\n  - {id: t.group.size, severity: info}\n",
            7,
            "rules[1].id",
            "rule 't.group.size' is overridden twice (first at rules[0])",
        ),
        ("rules: {id: t.group.size}\n", 5, "rules", "expected a list of rules"),
        ("remove: t.group.size\n", 5, "remove", "expected a list of rule ids"),
    ],
)
def test_merge_errors(tmp_path: Path, body: str, line: int, field: str, message: str) -> None:
    shutil.copytree(PACKS / "minimal", tmp_path / "minimal")
    folder = write(tmp_path / "c", child("../minimal", body))
    [(file, got_line, got_field, got)] = problems(folder, tmp_path)
    assert (file, got_line, got_field) == (str(folder / "pack.yaml"), line, field)
    assert got.startswith(message), got


def test_the_child_needs_its_own_id(tmp_path: Path) -> None:
    folder = write(tmp_path / "c", child("zhangjiagang", pid="zhangjiagang"))
    [(_, line, field, message)] = problems(folder)
    assert (line, field) == (2, "id")
    assert "'zhangjiagang' is also the id of a pack it extends" in message


def test_unknown_parent_and_remove_without_extends(tmp_path: Path) -> None:
    folder = write(tmp_path / "c", child("nosuchtown"))
    [(_, line, field, message)] = problems(folder)
    assert (line, field) == (3, "extends")
    assert "'nosuchtown': no such pack folder or file next to this pack, and not a shipped pack" in message
    assert "zhangjiagang" in message
    lone = write(tmp_path / "d", "format: changrenzhi.pack/1\nid: d\nname: d\nremove: [x]\n")
    assert problems(lone) == [
        (str(lone / "pack.yaml"), 4, "remove", "remove: needs extends: (the pack whose rules it removes)")
    ]
    empty = write(tmp_path / "e", child("''"))
    assert problems(empty)[0][2:] == (
        "extends",
        "expected the name of a shipped pack, or a relative path to a pack folder or pack.yaml",
    )


def test_a_cycle_names_every_file(tmp_path: Path) -> None:
    a = write(tmp_path / "a", child("../b", pid="a"))
    b = write(tmp_path / "b", child("../a", pid="b"))
    [(file, line, field, message)] = problems(a, tmp_path)
    assert (file, line, field) == (str(b / "pack.yaml"), 3, "extends")
    assert message == f"extends: cycle: {a / 'pack.yaml'} -> {b / 'pack.yaml'} -> {a / 'pack.yaml'}"
    me = write(tmp_path / "self", child(".", pid="self"))
    assert problems(me)[0][3].startswith("extends: cycle: ")


def chain(tmp_path: Path, links: int) -> Path:
    shutil.copytree(PACKS / "minimal", tmp_path / "p0")
    for n in range(1, links + 1):
        write(
            tmp_path / f"p{n}",
            child(f"../p{n - 1}", f"rules:\n  - {{id: t.group.size, params: {{min: {n}}}}}\n", pid=f"p{n}"),
        )
    return tmp_path / f"p{links}"


def test_eight_links_are_allowed(tmp_path: Path) -> None:
    pack = load_pack(chain(tmp_path, MAX_EXTENDS), root=tmp_path)
    assert MAX_EXTENDS == 8 and len(pack.chain_json()) == 9
    rule = pack.rule("t.group.size")
    assert rule.params.min == 8 and rule.provenance["params.min"].pack == "p8"  # type: ignore[attr-defined]
    assert rule.provenance["params.officers"].pack == "minimal"


def test_nine_links_are_too_many(tmp_path: Path) -> None:
    [(file, line, field, message)] = problems(chain(tmp_path, MAX_EXTENDS + 1), tmp_path)
    assert (Path(file).parent.name, line, field) == ("p1", 3, "extends")
    assert message.startswith("extends: more than 8 levels: ")
    assert str(tmp_path / "p9" / "pack.yaml") in message and message.endswith("p0/pack.yaml")


def test_a_broken_parent_is_reported_in_its_own_file(tmp_path: Path) -> None:
    write(tmp_path / "p", MINIMAL.read_text(encoding="utf-8").replace("min: 3", "min: -3"))
    folder = write(tmp_path / "c", child("../p"))
    [(file, line, field, _)] = problems(folder, tmp_path)
    assert (file, line, field) == (str(tmp_path / "p" / "pack.yaml"), 23, "rules[0].params.min")


# ---- confinement: a path in extends: stays in the pack's tree ----------------------------
SECRET = "top_secret_key: do-not-print\n"


def outside(tmp_path: Path) -> Path:
    """A file outside the tree that looks like a pack, whose content no message may show."""
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "pack.yaml").write_text(SECRET, encoding="utf-8")
    return other


@pytest.mark.parametrize(
    "ref",
    ["/etc/passwd", "/proc/self/environ", "../elsewhere", "../elsewhere/pack.yaml", "a/../../elsewhere"],
)
def test_a_path_out_of_the_tree_is_refused_unread(tmp_path: Path, ref: str) -> None:
    outside(tmp_path)
    folder = write(tmp_path / "c", child(ref))
    [(file, line, field, message)] = problems(folder)
    assert (file, line, field) == (str(folder / "pack.yaml"), 3, "extends")
    assert message.startswith(
        f"{ref!r}: an absolute path" if ref.startswith("/") else f"{ref!r} leads outside"
    )
    assert "top_secret_key" not in message and "root:" not in message


def test_a_symlink_out_of_the_tree_is_refused(tmp_path: Path) -> None:
    other = outside(tmp_path)
    folder = write(tmp_path / "c", child("parent"))
    (folder / "parent").symlink_to(other)
    [(_, _, field, message)] = problems(folder)
    assert field == "extends" and message.startswith("'parent' leads outside the pack's tree")
    assert "top_secret_key" not in message
    inner = write(tmp_path / "d", child("parent"))
    (inner / "parent").mkdir()
    (inner / "parent" / "pack.yaml").symlink_to(other / "pack.yaml")
    assert problems(inner)[0][3].startswith("'parent' leads outside the pack's tree")
    loop = write(tmp_path / "e", child("loop"))
    (loop / "loop").symlink_to(loop / "loop")
    assert problems(loop)[0][3].startswith("'loop' leads outside the pack's tree")


def test_a_wider_root_lets_a_sibling_in(tmp_path: Path) -> None:
    shutil.copytree(PACKS / "minimal", tmp_path / "minimal")
    folder = write(tmp_path / "c", child("../minimal"))
    assert problems(folder)[0][3].startswith("'../minimal' leads outside the pack's tree")
    assert load_pack(folder, root=tmp_path).parent is not None
    r = run_cli("rules", str(folder), "--pack-root", str(tmp_path))
    assert r.returncode == 0, r.stderr
    r = run_cli("rules", str(folder))
    assert r.returncode == 2 and "leads outside the pack's tree" in r.stderr
    r = run_cli("rules", str(folder), "--pack-root", str(tmp_path / "nope"))
    assert r.returncode == 2 and "no such folder (the pack root)" in r.stderr


def test_inside_the_tree_a_folder_or_a_yaml_file(tmp_path: Path) -> None:
    shutil.copytree(PACKS / "minimal", tmp_path / "c" / "base")
    shutil.copy(MINIMAL, tmp_path / "c" / "base.yml")
    (tmp_path / "c" / "notes.txt").write_text(SECRET, encoding="utf-8")
    for ref in ("base", "./base/pack.yaml", "base.yml", "sub/../base"):
        write(tmp_path / "c", child(ref))
        assert load_pack(tmp_path / "c").parent is not None, ref
    write(tmp_path / "c", child("notes.txt"))
    [(_, _, _, message)] = problems(tmp_path / "c")
    assert message.startswith("'notes.txt': not a pack file") and "top_secret_key" not in message
