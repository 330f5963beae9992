"""``changrenzhi diff``: labels, witnesses verified in both packs, reordering, formats, exit codes."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from changrenzhi import evaluate, load_pack, read_events
from changrenzhi.cli import main
from changrenzhi.diff import PackDiff, diff_packs, render_diff
from changrenzhi.pack.model import Pack
from support import DATA, make_pack, shipped_pack

HERE = DATA / "packs" / "diff"
MOVED = "zjg.annual-meeting.yearly"


def revise(text: str, pack_id: str) -> str:
    """The 张家港 pack with a tightened quorum (4/5 → 5/6), a widened group size (10–15 → 8–15)
    and its first rule, unchanged, moved to the end of the rules."""
    text = re.sub(r"^id: .*$", f"id: {pack_id}", text, count=1, flags=re.M)
    assert 'share: "4/5", inclusive: true' in text and "{min: 10, max: 15," in text
    text = text.replace('share: "4/5", inclusive: true', 'share: "5/6", inclusive: true')
    text = text.replace("{min: 10, max: 15,", "{min: 8, max: 15,")
    head, rest = text.split("\nrules:\n", 1)
    body, tail = (
        re.split(r"\n(?=[a-z_]+:)", rest, maxsplit=1) if re.search(r"\n[a-z_]+:", rest) else (rest, "")
    )
    blocks = re.split(r"\n(?=  - id: )", body)
    first = next(i for i, b in enumerate(blocks) if b.lstrip().startswith(f"- id: {MOVED}"))
    moved = blocks.pop(first)
    blocks.append(moved.rstrip("\n"))
    return head + "\nrules:\n" + "\n".join(b.rstrip("\n") + "\n" for b in blocks) + "\n" + tail


def _judge(pack: Pack, rule_id: str, events: list[dict[str, object]], as_of: str) -> str | None:
    lines = [json.dumps(e, ensure_ascii=False) for e in events]
    from datetime import date

    report = evaluate(pack, read_events(lines, name="w.jsonl"), date.fromisoformat(as_of))
    found = [f.status for f in report.findings if f.rule == rule_id and f.status != "pending"]
    order = ["info", "warning", "violation"]
    return max(found, key=order.index) if found else None


def _check_done(d: PackDiff, old: Pack, new: Pack) -> None:
    by_id = {r.id: r for r in d.rules}
    assert by_id["zjg.quorum"].label == "stricter"
    assert by_id["zjg.group.size"].label == "looser"
    moved = by_id[MOVED]
    assert moved.label == "no_effect" and moved.change == "unchanged" and moved.moved is not None
    assert not moved.witnesses
    # nothing else differs, and every witness splits the two whole packs the way its label says
    assert set(by_id) == {"zjg.quorum", "zjg.group.size", MOVED}
    for rid, direction in (("zjg.quorum", "stricter"), ("zjg.group.size", "looser")):
        (w,) = by_id[rid].witnesses
        assert w.direction == direction
        events = [dict(e) for e in w.probe.events]
        a = _judge(old, rid, events, w.probe.as_of.isoformat())
        b = _judge(new, rid, events, w.probe.as_of.isoformat())
        assert (a, b) == ((None, "violation") if direction == "stricter" else ("violation", None))
    assert d.exit_code == 1


def test_shipped_pack_against_a_revised_copy(tmp_path: Path) -> None:
    """Done: a tightened quorum is stricter, a widened group size looser, a reordered rule has no effect."""
    old = shipped_pack("zhangjiagang")
    assert old.path is not None
    (tmp_path / "pack.yaml").write_text(revise(old.path.read_text(encoding="utf-8"), "zjg-revised"), "utf-8")
    new = load_pack(tmp_path)
    _check_done(diff_packs(old, new), old, new)


def test_the_documented_fixtures() -> None:
    old, new = load_pack(HERE / "zjg-base"), load_pack(HERE / "zjg-revised")
    _check_done(diff_packs(old, new), old, new)


def test_a_pack_against_itself_has_no_difference() -> None:
    pack = load_pack(HERE / "zjg-base")
    d = diff_packs(pack, pack)
    assert d.rules == () and d.exit_code == 0
    assert "规则完全相同" in render_diff(d)


def _pair(old_rule: dict[str, object], new_rule: dict[str, object]) -> PackDiff:
    return diff_packs(make_pack(old_rule), make_pack(new_rule))


def test_a_reworded_title_has_no_effect() -> None:
    d = _pair(
        {"kind": "quorum", "params": {"share": "4/5"}, "title": "甲"},
        {"kind": "quorum", "params": {"share": 0.8}, "title": "乙"},
    )
    (r,) = d.rules
    assert r.label == "no_effect" and [f.path for f in r.fields] == ["title"] and d.exit_code == 0


def test_inclusive_to_strict_is_stricter_on_the_exact_bound() -> None:
    d = _pair(
        {"kind": "quorum", "params": {"share": "1/2"}},
        {"kind": "quorum", "params": {"share": "1/2", "inclusive": False}},
    )
    (r,) = d.rules
    assert r.label == "stricter"
    (w,) = r.witnesses
    assert w.probe.side == "at" and w.old_status is None and w.new_status == "violation"


def test_a_window_moved_both_ways_is_different() -> None:
    d = _pair(
        {"kind": "group_size", "params": {"min": 10, "max": 15}},
        {"kind": "group_size", "params": {"min": 12, "max": 18}},
    )
    (r,) = d.rules
    assert r.label == "different"
    assert [w.direction for w in r.witnesses] == ["stricter", "looser"]


def test_severity_down_is_looser_and_same_severity_is_no_change() -> None:
    d = _pair(
        {"kind": "study_frequency", "params": {"min": 1}},
        {"kind": "study_frequency", "params": {"min": 1}, "severity": "warning"},
    )
    assert d.rules[0].label == "looser"
    same = _pair(
        {"kind": "study_frequency", "params": {"min": 1}},
        {"kind": "study_frequency", "params": {"min": 1}, "severity": "violation"},
    )
    assert same.rules == ()


def test_renamed_rule_is_aligned_by_kind_and_duty() -> None:
    d = _pair(
        {"id": "a.quorum", "kind": "quorum", "params": {"share": "4/5"}},
        {"id": "b.quorum", "kind": "quorum", "params": {"share": "2/3"}},
    )
    (r,) = d.rules
    assert r.change == "changed" and r.fields[0].path == "id" and r.label == "looser"


def test_added_and_removed_rules_have_a_witness_where_they_fire() -> None:
    old = make_pack({"id": "a.study", "kind": "study_frequency", "params": {"min": 1}})
    new = make_pack(
        {"id": "a.study", "kind": "study_frequency", "params": {"min": 1}},
        {"id": "a.quorum", "kind": "quorum", "params": {"share": "4/5"}},
    )
    added = diff_packs(old, new).rules
    assert [(r.change, r.label) for r in added] == [("added", "stricter")]
    assert added[0].witnesses[0].new_status == "violation"
    removed = diff_packs(new, old).rules
    assert [(r.change, r.label) for r in removed] == [("removed", "looser")]


def test_dated_params_are_probed_per_epoch() -> None:
    old = shipped_pack("zhangjiagang")
    draft = DATA / "packs" / "extends" / "zjg-draft"
    d = diff_packs(old, load_pack(draft))
    size = next(r for r in d.rules if r.id == "zjg.group.size")
    assert size.label == "stricter"
    (f,) = size.fields
    assert f.path == "params.max" and f.new == {"until 2007-12-31": 15, "from 2008-01-01": 12}


class Ran:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.returncode, self.stdout, self.stderr = code, out, err


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Ran]:
    """The command line, in this process (``main`` turns errors into exit 2 as the script does)."""

    def run(*args: str) -> Ran:
        code = main(list(args))
        got = capsys.readouterr()
        return Ran(code, got.out, got.err)

    return run


def test_cli_text_json_and_witness_dir(tmp_path: Path, cli: Callable[..., Ran]) -> None:
    base, revised = str(HERE / "zjg-base"), str(HERE / "zjg-revised")
    text = cli("diff", base, revised)
    assert text.returncode == 1, text.stderr
    assert "[更严] zjg.quorum" in text.stdout and "[更宽] zjg.group.size" in text.stdout
    assert "只调整了在规则包中的顺序" in text.stdout
    en = cli("diff", base, revised, "--lang", "en", "--format", "json", "--witness-dir", str(tmp_path / "w"))
    assert en.returncode == 1, en.stderr
    doc = json.loads(en.stdout)
    assert doc["format"] == "changrenzhi.diff/1" and doc["summary"]["stricter"] == 1
    rules = {r["new_id"]: r for r in doc["rules"]}
    assert rules["zjg.quorum"]["witnesses"][0]["events"][0]["type"] == "congress.opened"
    files = sorted(p.name for p in (tmp_path / "w").iterdir())
    assert files == ["01-zjg.quorum-stricter.jsonl", "02-zjg.group.size-looser.jsonl"]
    witness = (tmp_path / "w" / files[0]).read_text(encoding="utf-8")
    assert witness.startswith("# changrenzhi diff witness: rule zjg.quorum")
    as_of = re.search(r"--as-of (\S+)", witness)
    assert as_of is not None
    # the witness file is a log as it stands: the new pack finds a violation on it, the old one not
    statuses = []
    for pack in (base, revised):
        checked = cli(
            "check", pack, str(tmp_path / "w" / files[0]), "--as-of", as_of.group(1), "--format", "json"
        )
        found = json.loads(checked.stdout)["findings"]
        statuses.append([f["status"] for f in found if f["rule"] == "zjg.quorum"])
    assert statuses == [[], ["violation"]]
    same = cli("diff", base, base)
    assert same.returncode == 0


def test_cli_bad_input_exits_2(tmp_path: Path, cli: Callable[..., Ran]) -> None:
    r = cli("diff", str(HERE / "zjg-base"), str(tmp_path / "nope"))
    assert r.returncode == 2 and "nope" in r.stderr and "Traceback" not in r.stderr
    (tmp_path / "file").write_text("x", "utf-8")
    r = cli("diff", str(HERE / "zjg-base"), str(HERE / "zjg-base"), "--witness-dir", str(tmp_path / "file"))
    assert r.returncode == 2 and "not a folder" in r.stderr


# ---- bounded work ------------------------------------------------------------------------
def test_bounds_too_large_to_probe_are_unknown_not_no_effect() -> None:
    names = [{"name": f"a{i}", "aliases": [f"a{i}-{j}" for j in range(99)]} for i in range(100)]
    old = make_pack({"kind": "named_activity", "params": {"activities": names, "min": 999, "per": "group"}})
    new = make_pack({"kind": "named_activity", "params": {"activities": names, "min": 1000, "per": "group"}})
    d = diff_packs(old, new)
    [r] = d.rules
    assert (r.label, r.cut, r.witnesses) == ("unknown", True, ())
    assert d.exit_code == 1
    text = render_diff(d, "text", "en")
    assert (
        "the rule's bounds are too large to probe in full (probes past 2500 events): no witness found" in text
    )
    assert json.loads(render_diff(d, "json"))["rules"][0]["too_large"] is True


def test_a_witness_is_still_found_below_a_bound_too_large() -> None:
    old = make_pack({"kind": "group_size", "params": {"min": 3, "max": 1000}})
    new = make_pack({"kind": "group_size", "params": {"min": 4, "max": 1000}})
    [r] = diff_packs(old, new).rules
    assert r.label == "stricter" and r.witnesses[0].probe.param == "min"
