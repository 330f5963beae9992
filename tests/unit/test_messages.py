"""The message catalogue: every entry, and every built-in kind's finding template, in Chinese and
English with the same placeholders."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import changrenzhi
from changrenzhi.messages import LANGS, Section, placeholders
from changrenzhi.registry import kind_messages as kind_entries


def sections() -> list[Section]:
    """Every module-level :class:`Section` of the package (a module's messages are its own
    constants, registered nowhere: this walk is how the tests find them all)."""
    found: list[Section] = []
    for mod in pkgutil.walk_packages(changrenzhi.__path__, "changrenzhi."):
        if not mod.name.endswith("__main__"):
            module = importlib.import_module(mod.name)
            found += [v for v in vars(module).values() if isinstance(v, Section) and v not in found]
    return found


SECTIONS = sections()
ENTRIES = [
    *((sec.name, key, entry) for sec in SECTIONS for key, entry in sec.entries.items()),
    *kind_entries(),
]
HAN = re.compile(r"[\u4e00-\u9fff]")


def same_args(template: str) -> frozenset[str]:
    """The arguments a template needs; ``role_zh`` and ``role_en`` are language forms of ``role``."""
    return frozenset(re.sub(r"_(zh|en)$", "", name) for name in placeholders(template))


#: kind templates whose languages differ in what they mention today (mostly: the Chinese names the
#: meeting's kind, ``{kind_zh}``, where the English says "meeting"). Listed so that the test still
#: fails on any new difference, and on a listed one that is made the same (then drop it here).
KNOWN_DIFFERENT = {
    ("kind:group_report", "missing"), ("kind:group_report", "late"),
    ("kind:contact_roster", "count"), ("kind:contact_roster", "target"),
    ("kind:committee_roster", "count"), ("kind:committee_roster", "target"),
    ("kind:committee_contact_frequency", "each"),
    ("kind:annual_meeting", "few"), ("kind:annual_meeting", "many"), ("kind:annual_meeting", "role"),
    ("kind:annual_meeting", "role_missing"), ("kind:annual_meeting", "form"),
    ("kind:quorum", "short"), ("kind:quorum", "short_strict"),
    ("kind:agenda_deadline", "late"), ("kind:agenda_deadline", "late_notice"),
    ("kind:agenda_deadline", "no_notice"),
    ("kind:vote_majority", "passed_short"), ("kind:vote_majority", "failed_enough"),
    ("kind:attendance_discipline", "absent"),
    ("kind:resolution_change", "unnotified"), ("kind:resolution_change", "late_notice"),
    ("kind:appraisal", "panel_member"),
}  # fmt: skip


def test_section_names_are_unique() -> None:
    names = [sec.name for sec in SECTIONS]
    assert len(names) == len(set(names)), names


def test_the_catalogue_is_not_empty() -> None:
    sections = {s for s, _, _ in ENTRIES}
    assert {"lint", "lint-codes", "outputs"} <= sections
    assert any(s.startswith("kind:") for s in sections)


@pytest.mark.parametrize(("section", "key", "entry"), ENTRIES, ids=lambda v: v if isinstance(v, str) else "")
def test_every_entry_has_both_languages_with_the_same_placeholders(
    section: str, key: str, entry: dict[str, str]
) -> None:
    assert set(entry) == set(LANGS), f"{section}/{key}: languages {sorted(entry)}"
    assert all(entry[lang].strip() for lang in LANGS), f"{section}/{key}: an empty text"
    same = same_args(entry["zh"]) == same_args(entry["en"])
    if (section, key) in KNOWN_DIFFERENT:
        assert not same, f"{section}/{key} is now the same in both languages: drop it from KNOWN_DIFFERENT"
    else:
        assert same, f"{section}/{key}: {entry}"


@pytest.mark.parametrize(("section", "key", "entry"), ENTRIES, ids=lambda v: v if isinstance(v, str) else "")
def test_the_chinese_text_is_chinese(section: str, key: str, entry: dict[str, str]) -> None:
    # a text of only placeholders and figures needs no Chinese; any other does
    bare = re.sub(r"\{[^}]*\}", "", entry["zh"])
    if re.search(r"[A-Za-z]{3,}", bare) and not HAN.search(bare):
        pytest.fail(f"{section}/{key}: {entry['zh']!r} has no Chinese")


def test_placeholders_and_fallback() -> None:
    assert placeholders("{a} {b:>3} {c.d} {{x}}") == frozenset({"a", "b", "c"})
    sec = Section("t", {"k": {"zh": "共 {n} 人", "en": "{n} people"}})
    assert sec("k", "en", n=3) == "3 people"
    assert sec("k", "fr", n=3) == "共 3 人"
    assert sec.get("k", "en") == "{n} people"
