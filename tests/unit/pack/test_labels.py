"""A pack's ``labels:``: its own codes read as the pack names them in messages; details keep the codes."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from changrenzhi import PackError, loads_pack
from support import SEED, run, town


def pack(labels: dict[str, Any]) -> Any:
    doc = {
        "format": "changrenzhi.pack/1",
        "id": "labelled",
        "name": "测试",
        "locality": "测试乡",
        "document": {"title": "测试", "sources": [{"file": SEED, "first_line": 1, "last_line": 225}]},
        "rules": [
            {
                "id": "t.chair",
                "kind": "annual_meeting",
                "citation": {"source": SEED, "line": 29, "text": "会议主持由党委书记担任"},
                "params": {"meeting_kind": "annual", "min": 0, "chaired_by": "secretary"},
            },
            {
                "id": "t.invite",
                "kind": "meeting_invitation",
                "citation": {"source": SEED, "line": 8, "text": "邀请党代表列席会议"},
                "params": {"meeting_kinds": ["budget"]},
            },
        ],
        "labels": labels,
    }
    return loads_pack(yaml.safe_dump(doc, allow_unicode=True), file="labelled.yaml")


EVENTS = [
    *town(5),
    {"id": "m1", "type": "meeting.held", "date": "2011-03-01", "meeting": "M1", "kind": "annual",
     "attendees": ["R01", "R02", "R03", "R04", "R05"], "chaired_by": "deputy_secretary"},
    {"id": "m2", "type": "meeting.held", "date": "2011-04-01", "meeting": "M2", "kind": "budget",
     "attendees": ["R01"]},
]  # fmt: skip


def messages(labels: dict[str, Any], lang: str) -> list[str]:
    return [f.message(lang) for f in run(pack(labels), EVENTS, "2011-12-31").findings]


def test_codes_read_as_the_pack_names_them() -> None:
    labels = {
        "deputy_secretary": {"zh": "党委副书记", "en": "a deputy secretary"},
        "budget": {"zh": "预算会议"},
    }
    zh = messages(labels, "zh")
    assert zh == [
        "年会 M1（2011-03-01）由党委副书记主持，应由党委书记主持",
        "预算会议 M2（2011-04-01）邀请 0 名党代表列席，应不少于 1 名",
    ]
    en = messages(labels, "en")
    assert "a deputy secretary" in en[0]
    assert "budget" in en[1]  # no English name given: the code itself, never the Chinese name
    assert not any("预算" in m for m in en)


def test_without_labels_the_codes_show_and_details_always_keep_them() -> None:
    zh = messages({}, "zh")
    assert "deputy_secretary" in zh[0] and "budget" in zh[1]
    report = run(pack({"budget": {"zh": "预算会议"}}), EVENTS, "2011-12-31")
    assert report.findings[1].to_json()["details"]["kind"] == "budget"


@pytest.mark.parametrize(
    ("labels", "fragment"),
    [
        ({"x": {"en": "x"}}, "labels.x.zh"),
        ({"x": "农民"}, "labels.x"),
        ({"x": {"zh": "农民", "fr": "x"}}, "labels.x.fr"),
    ],
)
def test_a_bad_label_is_a_load_error_naming_the_field(labels: dict[str, Any], fragment: str) -> None:
    with pytest.raises(PackError) as err:
        pack(labels)
    assert fragment in str(err.value)


def test_english_messages_agree_after_a_count_of_one() -> None:
    from changrenzhi.findings import _one_of

    assert (
        _one_of("visited P3 1 times in 2011 Q2; 2 times required")
        == "visited P3 1 time in 2011 Q2; 2 times required"
    )
    assert (
        _one_of("1 reps, 11 reps, 0.1 days, 2/1 groups, 1 people")
        == "1 rep, 11 reps, 0.1 days, 2/1 groups, 1 person"
    )
