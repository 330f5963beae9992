"""Draft the test cases of the shipped packs (``policies/<pack>/tests/<rule>.yaml``) from each rule's
boundary probes: for every rule, the smallest probe whose parameters predict a finding and the
smallest that predicts none, with the findings the rule gives on it today.

    python tests/acceptance/pack_tests.py record [PACK...]   # write the files anew

The files are data, reviewed like any other: a case records what the encoding says on one small,
focused log (a probe holds only the events its rule reads), so that a change of reading in
another rule cannot move it. ``depends_on`` names the readings a case rests on (docs/TESTS.md).
Write them anew only when a change of reading is intended, and say why in the commit.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from changrenzhi import evaluate, load_pack
from changrenzhi.events.reader import read_objects
from changrenzhi.findings import Finding
from changrenzhi.probes import Probe, probes
from changrenzhi.probes.core import setting_of

ROOT = Path(__file__).resolve().parents[2]
PACKS = ("zhangjiagang", "guoyuan", "baoying", "xianfeng", "model-plan", "district")

#: the readings of issue 10's other half a kind's findings rest on (late is not done, joint
#: proposals, the congress's year, the quorum's base): a case of such a kind may move with them
DEPENDS: dict[str, list[str]] = {
    "agenda_deadline": ["late-not-done"],
    "group_report": ["late-not-done"],
    "inspection_notice": ["late-not-done"],
    "inspection_report": ["late-not-done"],
    "resolution_change": ["late-not-done"],
    "proposal_response": ["late-not-done"],
    "committee_visit_month": ["late-not-done"],
    "agenda_threshold": ["joint-proposals"],
    "proposal_sponsors": ["joint-proposals"],
    "annual_meeting": ["congress-year"],
    "quorum": ["quorum-base"],
}


def _q(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _case(rule_id: str, kind: str, p: Probe, findings: list[Finding], name: str) -> list[str]:
    what = f"{p.label}: " + ("a finding" if p.expect_finding else "no finding")
    out = [
        f"  - name: {name}",
        f"    description: {_q(what)}",
        f"    as_of: {p.as_of.isoformat()}",
        f"    rules: [{rule_id}]",
    ]
    if kind in DEPENDS:
        out.append(f"    depends_on: [{', '.join(DEPENDS[kind])}]")
    out.append("    log:")
    out.extend(f"      - {_q(e)}" for e in p.events)
    if findings:
        out.append("    expect:")
        for f in findings:
            period = ""
            if f.period is not None:
                period = f", period: {{start: {f.period.start}, end: {f.period.end}}}"
            out.append(f"      - {{rule: {f.rule}, subject: {_q(f.subject)}, status: {f.status}{period}}}")
    else:
        out.append("    expect: []")
    return out


def record(pack_id: str) -> int:
    pack = load_pack(ROOT / "policies" / pack_id)
    folder = ROOT / "policies" / pack_id / "tests"
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.yaml"):
        old.unlink()
    written = 0
    for rule in pack.rules:
        chosen: dict[bool, tuple[Probe, list[Finding]]] = {}
        for p in probes(rule, setting_of(pack)):
            if p.epoch is not None:
                continue
            report = evaluate(pack, read_objects(list(p.events)), p.as_of)
            mine = [f for f in report.findings if f.rule == rule.id]
            said = any(f.subject == p.subject and f.status != "pending" for f in mine)
            if said != p.expect_finding:
                continue  # the probe and the rule disagree: test_boundaries says so, not this file
            best = chosen.get(p.expect_finding)
            if best is None or len(p.events) < len(best[0].events):
                chosen[p.expect_finding] = (p, mine)
        lines = [
            "# yaml-language-server: $schema=../../../schema/test.schema.json",
            f"# Cases of {rule.id} ({rule.kind}), drafted from its boundary probes by",
            "# tests/acceptance/pack_tests.py: the log holds only the events the rule reads.",
            "format: changrenzhi.test/1",
            "cases:",
        ]
        for expect in (True, False):
            if expect in chosen:
                p, mine = chosen[expect]
                name = f"{rule.id}.{'finding' if expect else 'clean'}"
                lines.extend(_case(rule.id, rule.kind, p, mine, name))
        if len(lines) == 5:
            print(f"{pack_id}: {rule.id}: no probe agrees with the rule; write its case by hand")
            continue
        (folder / f"{rule.id}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        written += 1
    return written


def main(argv: list[str]) -> int:
    if not argv or argv[0] != "record":
        print(__doc__)
        return 2
    for pack_id in argv[1:] or PACKS:
        print(f"{pack_id}: {record(pack_id)} file(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
