"""The safe YAML layer: values keep their lines; duplicates, unsafe tags and oversize input are refused."""

from __future__ import annotations

import pytest

from changrenzhi import PackError
from changrenzhi.pack import yamlsafe
from changrenzhi.pack.yamlsafe import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_EXPANSION,
    MAX_NODES,
    LineMap,
    format_path,
    load_yaml,
)
from support import ROOT

DOC = """\
format: changrenzhi.pack/1
rules:
  - id: a
    params:
      min: 1
      kinds: [member, citizen]
  - id: b
    params: {max: 3}
"""


def test_line_map_points_at_every_value() -> None:
    data, lines = load_yaml(DOC, "p.yaml")
    assert data["rules"][1]["params"] == {"max": 3}
    assert lines.line(()) == 1
    assert lines.line(("format",)) == 1
    assert lines.line(("rules",)) == 2
    assert lines.line(("rules", 0)) == 3
    assert lines.line(("rules", 0, "params", "min")) == 5
    assert lines.line(("rules", 0, "params", "kinds", 1)) == 6
    assert lines.line(("rules", 1, "params", "max")) == 8


def test_line_map_falls_back_to_the_nearest_ancestor() -> None:
    _, lines = load_yaml(DOC, "p.yaml")
    assert lines.line(("rules", 0, "params", "missing", "deeper")) == 4  # the line of `params:`
    assert lines.line(("nowhere",)) == 1
    assert LineMap().line(("a",)) is None


def test_first_mark_wins() -> None:
    lines = LineMap()
    lines.set(("a",), 3)
    lines.set(("a",), 9)
    assert lines.line(("a",)) == 3


@pytest.mark.parametrize(
    ("path", "text"),
    [((), ""), (("rules", 3, "params", "min"), "rules[3].params.min"), ((0, 1), "[0][1]"), (("a",), "a")],
)
def test_format_path(path: tuple[str | int, ...], text: str) -> None:
    assert format_path(path) == text


def test_duplicate_key_names_its_line_and_path() -> None:
    with pytest.raises(PackError) as info:
        load_yaml("a:\n  b: 1\n  c: 2\n  b: 3\n", "p.yaml")
    [problem] = info.value.problems
    assert (problem.file, problem.line, problem.field) == ("p.yaml", 4, "a.b")
    assert problem.message == "duplicate key"


def test_keys_that_are_not_strings_become_strings() -> None:
    data, _ = load_yaml("1: a\ntrue: b\n", "p.yaml")
    assert data == {"1": "a", "True": "b"}


def test_scalars_use_the_safe_constructor() -> None:
    data, _ = load_yaml("a: 2011-01-04\nb: '4/5'\nc: 0.8\nd: null\n", "p.yaml")
    assert str(data["a"]) == "2011-01-04" and data["b"] == "4/5" and data["c"] == 0.8 and data["d"] is None


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system ['true']\n",
        "a: !!python/object:os.environ {}\n",
        "a: !!omap [{b: 1}]\n",
        "a: !!binary aGVsbG8=\n",
        "a: !!timestamp 2011-01-04\n",
        "a: !!str 3\n",
        "a: !!int '3'\n",
        "a: ! 3\n",
        "a: !local x\n",
        "a: !!python/name:os.system\n",
        "%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n",
    ],
)
def test_every_tag_is_refused(text: str) -> None:
    with pytest.raises(PackError) as info:
        load_yaml(text, "p.yaml")
    [problem] = info.value.problems
    assert problem.line == text.count("\n") and problem.field == "a"
    assert problem.message.startswith("unsupported tag ")


def test_a_tagged_key_is_refused() -> None:
    with pytest.raises(PackError) as info:
        load_yaml("a:\n  !!str b: 1\n", "p.yaml")
    assert (info.value.line, info.value.field) == (2, "a")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ('a: "\\ud800"\n', "U+D800 (a lone surrogate)"),
        ('a: "x\\e[31m"\n', "U+001B (a control character)"),
        ('a: "\\0"\n', "U+0000 (a control character)"),
        ('a: "\\x85"\n', "U+0085 (a control character)"),
        ("a: abc\u202edef\n", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ("a: [x\u2066y]\n", "U+2066 (LEFT-TO-RIGHT ISOLATE)"),
        ("a: x\u200fy\n", "U+200F (RIGHT-TO-LEFT MARK)"),
        ('a: "x\\u2028y"\n', "U+2028 (LINE SEPARATOR)"),
        ("a: x\ufeffy\n", "U+FEFF (ZERO WIDTH NO-BREAK SPACE)"),
        ('a: "\\uffff"\n', "U+FFFF (a noncharacter)"),
        ('"k\\u202e": 1\n', "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ],
)
def test_odd_characters_are_refused_by_name_never_shown(text: str, shown: str) -> None:
    with pytest.raises(PackError) as info:
        load_yaml(text, "p.yaml")
    [problem] = info.value.problems
    assert problem.line == 1 and problem.field in ("a", "a[0]", None)
    assert f"the text holds {shown}: " in problem.message
    assert str(problem).isprintable()


def test_tabs_and_line_feeds_in_text_are_fine() -> None:
    data, _ = load_yaml('a: "x\\ty"\nb: |\n  one\n  two\n', "p.yaml")
    assert data == {"a": "x\ty", "b": "one\ntwo\n"}


def test_nesting_exactly_at_the_bound_is_fine_one_more_is_not() -> None:
    ok = "a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n"
    data, _ = load_yaml(ok, "p.yaml")
    depth, node = 0, data["a"]
    while node:
        depth, node = depth + 1, node[0]
    assert depth == MAX_DEPTH - 1
    with pytest.raises(PackError, match=f"nesting deeper than {MAX_DEPTH} levels"):
        load_yaml("a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n", "p.yaml")


def test_nesting_far_past_the_bound_is_an_error_not_a_crash() -> None:
    with pytest.raises(PackError) as info:
        load_yaml("a:\n  b: " + "{x: " * 20_000 + "1" + "}" * 20_000 + "\n", "p.yaml")
    assert info.value.line == 2


def test_alias_expansion_is_bounded() -> None:
    text = "a: &a [" + ", ".join(["x"] * 100) + "]\n"
    text += "b: &b [" + ", ".join(["*a"] * 100) + "]\n"
    text += "c: [" + ", ".join(["*b"] * 100) + "]\n"  # a million values once expanded
    with pytest.raises(PackError, match="after alias expansion"):
        load_yaml(text, "p.yaml")
    # a large file may hold more aliases, but no more than MAX_NODES values
    text = "pad: '" + "p" * 600_000 + "'\n" + text
    with pytest.raises(PackError, match=f"more than {MAX_NODES} values after alias expansion"):
        load_yaml(text, "p.yaml")


def test_alias_expansion_is_bounded_in_characters() -> None:
    """A long text repeated through aliases would make every listing of the pack that much longer."""
    text = "a: &a '" + "长" * 50_000 + "'\nb: [" + ", ".join(["*a"] * 8) + "]\n"
    with pytest.raises(PackError) as info:
        load_yaml(text, "p.yaml")
    assert f"aliases make it more than {MAX_EXPANSION} times its size" in str(info.value)
    assert info.value.line == 1 and info.value.field == "b[3]"  # the line of the anchored value
    ok = "a: &a '" + "长" * 50_000 + "'\nb: [*a, *a]\n"
    assert len(load_yaml(ok, "p.yaml")[0]["b"]) == 2


def test_a_few_aliases_are_fine() -> None:
    data, _ = load_yaml("base: &cite {source: s.txt, line: 3}\nuse: *cite\n", "p.yaml")
    assert data["use"] == {"source": "s.txt", "line": 3}


def test_size_is_bounded_in_bytes_not_characters() -> None:
    text = "a: '" + "长" * (MAX_BYTES // 3) + "'\n"  # under the bound in characters, over it in UTF-8
    assert len(text) < MAX_BYTES
    with pytest.raises(PackError, match=f"larger than {MAX_BYTES} bytes"):
        load_yaml(text, "p.yaml")


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("", 1, "the file is empty"),
        ("# nothing\n", 1, "the file is empty"),
        ("a: 1\n---\nb: 2\n", 2, "another document"),
        ("a: [1\nb: 2\n", 2, "YAML syntax"),
        ("a: *missing\n", 1, "undefined alias"),
        ("a: 1\nb: '\x1b'\n", 2, "#x001b"),
    ],
)
def test_malformed_documents(text: str, line: int, fragment: str) -> None:
    with pytest.raises(PackError) as info:
        load_yaml(text, "p.yaml")
    assert info.value.line == line
    assert info.value.file == "p.yaml"
    assert fragment in str(info.value)


def test_a_file_of_tiny_values_is_refused_as_it_is_read() -> None:
    """The composer counts the nodes it makes: 1,000,000 values are refused after MAX_NODES of them,
    not parsed in full first (pure-Python YAML reads some 30,000 values a second)."""
    import time

    start = time.perf_counter()
    with pytest.raises(PackError) as info:
        load_yaml("a: [" + "1," * 1_000_000 + "1]\n", "p.yaml")
    assert str(info.value) == f"p.yaml:1: document too large: more than {MAX_NODES} values"
    assert time.perf_counter() - start < 20


def _shipped_yaml() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "policies").rglob("*.yaml"))


@pytest.mark.parametrize("name", _shipped_yaml())
def test_libyaml_and_the_pure_python_parser_read_every_shipped_file_alike(name: str) -> None:
    text = (ROOT / name).read_text(encoding="utf-8")
    data, lines = load_yaml(text, name)
    slow_data, slow_lines = yamlsafe._load_slowly(text, name)
    assert data == slow_data
    assert lines._lines == slow_lines._lines


def test_libyaml_reads_a_sound_file_and_leaves_every_problem_to_the_pure_python_parser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if yamlsafe._CParser is None:  # pragma: no cover - PyYAML built without libyaml
        pytest.skip("PyYAML without libyaml")
    calls: list[str] = []
    slowly = yamlsafe._load_slowly

    def spy(text: str, file: str) -> tuple[object, LineMap]:
        calls.append(file)
        return slowly(text, file)

    monkeypatch.setattr(yamlsafe, "_load_slowly", spy)
    assert load_yaml(DOC, "sound.yaml")[0]["rules"][1]["params"] == {"max": 3}
    assert calls == []
    for text in ("a: [1, 2\n", "a: 1\na: 2\n", "a: !!str 1\n", "", "a: 2012-02-30\n"):
        with pytest.raises(PackError):
            load_yaml(text, "bad.yaml")
    assert calls == ["bad.yaml"] * 5
