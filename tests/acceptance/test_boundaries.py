"""Boundary tests derived from the shipped packs (issue 3, item 5).

For every numeric parameter of every rule of every shipped pack,
:mod:`changrenzhi.probes` builds logs just inside and just outside its bound;
Hypothesis varies what a probe leaves free (padding subjects that comply, the
days within the period, how a count is reached over time, the term's year, the
event ids and the order of the lines), and the rule must find a non-pending
status for the probe's subject exactly when the parameters predict one.

Nothing here is written per town: a new pack, or a new rule in a pack, is
covered as soon as its kind has a probe builder. Rules of kinds without one are
reported as skipped ("no probe builder for kind ...").
"""

from __future__ import annotations

import functools
import random
from collections.abc import Sequence
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from changrenzhi import Pack, PackError, shipped_packs
from changrenzhi.probes import DEFAULTS, Choices, Setting, has_probes, probes, setting_of
from changrenzhi.roster import ROSTER_TYPES
from support import Drawn, judged, shipped_pack


@functools.cache
def _load(name: str) -> Pack | str:
    try:
        return shipped_pack(name)
    except PackError as exc:
        return str(exc)


def _cases() -> list[Any]:
    out = []
    for name in sorted(shipped_packs()):
        loaded = _load(name)
        if isinstance(loaded, str):
            out.append(pytest.param(name, None, id=f"{name}-unloadable"))
            continue
        out.extend(pytest.param(name, r.id, id=f"{name}-{r.id}") for r in loaded.rules)
    return out


CASES = _cases()


def _rule_pack(name: str, rule_id: str | None) -> tuple[Pack, Any]:
    loaded = _load(name)
    if isinstance(loaded, str):
        pytest.fail(f"shipped pack {name} does not load: {loaded}")
    assert rule_id is not None
    rule = loaded.rule(rule_id)
    if not has_probes(rule.impl):
        pytest.fail(f"no probe builder for kind {rule.kind}")
    return Pack(loaded.model, (rule,), loaded.path), rule


def _vary(events: Sequence[dict[str, Any]], rnd: random.Random, keep: str = "") -> list[dict[str, Any]]:
    """The same log with other event ids (so other same-day tie orders) and the lines in another order.

    The event whose id is ``keep`` keeps it: a rule may speak about an event by its id
    (a congress, an appraisal round), which is then the probe's subject."""
    ids = [e["id"] for e in events]
    renamed = [
        i if i == keep else f"x{n:04d}"
        for i, n in zip(ids, rnd.sample(range(10 * len(ids) + 10), len(ids)), strict=True)
    ]
    out = [{**e, "id": new} for e, new in zip(events, renamed, strict=True)]
    # roster events of one day keep their order (an assignment follows the appointment it needs);
    # everything else may come anywhere
    same_day: dict[str, list[dict[str, Any]]] = {}
    for e in out:
        if e["type"] in ROSTER_TYPES:
            same_day.setdefault(e["date"], []).append(e)
    rnd.shuffle(out)
    return [same_day[e["date"]].pop(0) if e["type"] in ROSTER_TYPES else e for e in out]


@pytest.mark.parametrize(("pack_name", "rule_id"), CASES)
def test_probes_at_defaults(pack_name: str, rule_id: str | None) -> None:
    """The plain probes (what ``changrenzhi diff`` uses) come out as the parameters predict."""
    pack, rule = _rule_pack(pack_name, rule_id)
    found = list(probes(rule, setting_of(pack), DEFAULTS))
    assert found, f"{rule.id}: the builder of {rule.kind} yields no probe"
    assert any(p.expect_finding for p in found) and any(not p.expect_finding for p in found)
    for probe in found:
        assert judged(pack, probe) == probe.expect_finding, probe.label


@pytest.mark.parametrize(("pack_name", "rule_id"), CASES)
@given(data=st.data())
def test_finding_exactly_past_the_bound(pack_name: str, rule_id: str | None, data: st.DataObject) -> None:
    pack, rule = _rule_pack(pack_name, rule_id)
    year = data.draw(st.integers(2004, 2024), label="term starts")
    setting = Setting(setting_of(pack).term_years, date(year, 1, 1), pack.presence)
    choices: Choices = Drawn(data)
    rnd = random.Random(data.draw(st.integers(0, 2**32 - 1), label="ids and line order"))
    for probe in probes(rule, setting, choices):
        events = _vary(probe.events, rnd, probe.subject)
        assert judged(pack, probe, events) == probe.expect_finding, (probe.label, events)
