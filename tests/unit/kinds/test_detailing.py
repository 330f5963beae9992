"""What findings hold in their details, kind by kind (``kinds/detailing.py``, each family's ``details.py``).

The declarations cannot fall behind the code: the engine refuses a finding with a key its kind does not
declare (so every test that makes a finding checks it), every placeholder of a kind's messages is
declared, every declared key is written by the kind's code, and every value the shipped packs give on
their examples and boundary probes has its declared type.
"""

from __future__ import annotations

import ast
import functools
import inspect
import re
import string
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any, ClassVar

import jsonschema
import pytest
import yaml

from changrenzhi import Finding, evaluate, loads_pack, read_events, shipped_packs
from changrenzhi.kinds.base import KindContext, KindParams, RuleKind, RuleRef
from changrenzhi.kinds.detailing import DETAIL_TYPES, Detail, details_schema
from changrenzhi.pack.model import Pack
from changrenzhi.probes import probes, setting_of
from changrenzhi.registry import BUILTIN_KINDS, default_registry
from support import DATA, shipped_pack

KINDS = {k.name: k for k in BUILTIN_KINDS}
MINIMAL = DATA / "packs" / "minimal" / "pack.yaml"
#: each shipped pack's example and the as-of date its README uses (tests/acceptance/golden.py)
EXAMPLES = {
    "baoying": ("guangyanghu-2009.jsonl", "2010-02-15"),
    "district": ("district-2011-2012.jsonl", "2012-12-31"),
    "guoyuan": ("guoyuan-2009-2010.jsonl", "2010-09-20"),
    "model-plan": ("qingxi-2010-2012.jsonl", "2012-08-15"),
    "xianfeng": ("xianfeng-2011.jsonl", "2011-12-31"),
    "zhangjiagang": ("gangxi-2007-2008.jsonl", "2008-12-15"),
}


def placeholders(kind: type[RuleKind[Any]]) -> set[str]:
    out = set()
    for template in kind.messages.values():
        for text in template.values():
            out |= {name for _, name, _, _ in string.Formatter().parse(text) if name}
    return out - {"subject", "period"}


def written(kind: type[RuleKind[Any]]) -> set[str]:
    """The keys the module of ``kind`` writes: keyword arguments and string keys of dict literals."""
    tree = ast.parse(inspect.getsource(inspect.getmodule(kind)))  # type: ignore[arg-type]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg:
            out.add(node.arg)
        elif isinstance(node, ast.Dict):
            out |= {k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}
    return out


def test_every_built_in_kind_declares_its_details() -> None:
    assert [k.name for k in BUILTIN_KINDS if k.details is None] == []


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_placeholder_is_declared_and_every_key_written(name: str) -> None:
    kind = KINDS[name]
    assert kind.details is not None
    assert placeholders(kind) <= set(kind.details), "a message uses a detail the kind does not declare"
    assert set(kind.details) <= written(kind), "a declared detail that the kind's code never writes"


@pytest.mark.parametrize("name", sorted(KINDS))
def test_languages_and_roles_agree(name: str) -> None:
    details = KINDS[name].details
    assert details is not None
    for key, d in details.items():
        assert d.meaning and d.meaning == d.meaning.strip(), key
        assert set(d.types) <= set(DETAIL_TYPES), key
        if key.endswith(("_zh", "_en")):
            assert "text" in d.types, f"{key}: a phrase in one language is display text"
        if d.null_items:
            assert all(t in ("ids", "codes", "dates", "ints") for t in d.types), key


# ---- the values the shipped packs give -----------------------------------------------------
@functools.cache
def validators() -> Mapping[str, jsonschema.Draft7Validator]:
    return {
        n: jsonschema.Draft7Validator(
            details_schema(k.details or {}), format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
        )
        for n, k in KINDS.items()
    }


def shipped_findings(name: str) -> Iterator[Finding]:
    """The findings of a shipped pack on its example, and on every boundary probe of its rules."""
    pack = shipped_pack(name)
    log_name, as_of = EXAMPLES[name]
    yield from evaluate(
        pack, read_events(shipped_packs()[name] / "examples" / log_name), date.fromisoformat(as_of)
    ).findings
    for rule in pack.rules:
        one = Pack(pack.model, (rule,), pack.path)
        for p in probes(rule, setting_of(pack)):
            yield from evaluate(one, read_events(p.lines()), p.as_of).findings


def test_the_examples_cover_every_shipped_pack() -> None:
    assert set(EXAMPLES) == set(shipped_packs())


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_value_has_its_declared_type(name: str) -> None:
    bad: list[str] = []
    count = 0
    for f in shipped_findings(name):
        count += 1
        for e in validators()[f.kind].iter_errors(dict(f.args)):
            bad.append(f"{f.kind} {f.message_key} {list(e.absolute_path)}: {e.message}")
    assert count > 0
    assert not bad, sorted(set(bad))[:10]


# ---- the engine refuses what a kind does not declare ---------------------------------------------
class _Params(KindParams):
    pass


class _Loose(RuleKind[_Params]):
    name = "loose"
    params_model = _Params
    messages: ClassVar = {"x": {"zh": "{subject} {n}", "en": "{subject} {n}"}}
    details = {"n": Detail("int", "a number")}

    def evaluate(self, rule: RuleRef, params: _Params, ctx: KindContext) -> Iterator[Finding]:
        yield ctx.finding(rule, "info", "S", None, [], "x", n=1)
        yield ctx.finding(rule, "info", "S", None, [], "x", n=2, m=3)


def test_the_engine_refuses_a_detail_the_kind_does_not_declare() -> None:
    registry = default_registry()
    registry.register(_Loose)
    data = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    data["rules"][0].update(kind="loose", params={})
    pack = loads_pack(yaml.safe_dump(data, allow_unicode=True), registry)
    with pytest.raises(ValueError, match=re.escape("kind loose: details ['m'] are not declared")):
        evaluate(pack, read_events([]), date(2011, 1, 1))
