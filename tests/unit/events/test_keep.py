"""``read_events(keep=...)``: the events of the other types are checked and counted, not kept; and
``check`` keeps what its pack reads."""

from __future__ import annotations

import io
import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from changrenzhi import EventLogError, evaluate, read_events
from changrenzhi.engine.core import types_read
from changrenzhi.errors import UsageError
from changrenzhi.events.types import ContactVisit
from support import ROOT, shipped_pack

EXAMPLE = ROOT / "policies" / "guoyuan" / "examples" / "guoyuan-2009-2010.jsonl"


def without_extensions(path: Path) -> bytes:
    """The log's events without their producer's own fields (``x_...``, which only the line-by-line
    reader reads): read by the typed reader."""
    out = []
    for line in path.read_bytes().splitlines():
        if line.startswith(b"{"):
            obj = {k: v for k, v in json.loads(line).items() if not k.startswith(("x_", "x-"))}
            out.append(json.dumps(obj, ensure_ascii=False).encode() + b"\n")
    return b"".join(out)


@pytest.mark.parametrize("plain", [False, True])
@pytest.mark.parametrize("lines", [False, True])
def test_kept_and_counted(lines: bool, plain: bool) -> None:
    """Read line by line, or by the typed reader (``plain``: the log without its producer's own
    fields, which only the line-by-line reader reads)."""
    data = without_extensions(EXAMPLE) if plain else EXAMPLE.read_bytes()
    source = data.decode().splitlines() if lines else io.BytesIO(data)
    whole = read_events(io.BytesIO(data))
    kept = ("rep.elected", sorted(set(whole.by_type) - {"rep.elected", "contact.visit"})[0])
    log = read_events(source, keep=kept)
    assert len(log) == len(whole)
    assert [(e.id, e.line) for e in log.events] == [(e.id, e.line) for e in whole.events if e.TYPE in kept]
    assert set(log.by_type) == set(kept)
    assert log.dropped == sorted(e.date for e in whole.events if e.TYPE not in kept)
    for day in (date(2009, 1, 1), date(2010, 3, 1), date(2030, 1, 1)):
        assert len(log.until(day)) == len(whole.until(day))
    with pytest.raises(RuntimeError, match=r"contact\.visit"):
        log.of(ContactVisit)


@pytest.mark.parametrize("plain", [False, True])
def test_dropped_events_are_still_checked(plain: bool) -> None:
    data = without_extensions(EXAMPLE) if plain else EXAMPLE.read_bytes()
    bad = b'{"id": "v1", "type": "contact.visit", "date": "2010-01-01", "rep": "nobody", "person": "p"}\n'
    with pytest.raises(EventLogError, match="unknown rep 'nobody'"):
        read_events(io.BytesIO(data + bad), keep={"rep.elected"})


def test_check_keeps_what_the_pack_reads() -> None:
    pack = shipped_pack("guoyuan")
    keep = types_read(pack)
    assert keep is not None and "contact.visit" in keep
    as_of = date(2010, 12, 31)
    whole = evaluate(pack, read_events(EXAMPLE), as_of)
    assert evaluate(pack, read_events(EXAMPLE, keep=keep), as_of) == whole
    with pytest.raises(UsageError, match=r"contact\.visit"):
        evaluate(pack, read_events(EXAMPLE, keep=keep - {"contact.visit"}), as_of)


def test_days_are_a_sequence_of_dates() -> None:
    from hypothesis import given
    from hypothesis import strategies as st

    from changrenzhi.events.log import Days

    @given(
        st.lists(st.dates(min_value=date(2000, 1, 1), max_value=date(2000, 3, 1)), max_size=40), st.dates()
    )
    def same_as_the_sorted_list(dates: list[date], as_of: date) -> None:
        days, listed = Days(dates), sorted(dates)
        assert days == listed and list(days) == listed and len(days) == len(listed)
        assert [days[i] for i in range(-len(listed), len(listed))] == listed + listed
        assert days[1:3] == listed[1:3] and days[-1:] == listed[-1:]
        assert days.until(as_of) == [d for d in listed if d <= as_of]
        assert Days(Counter(dates)) == days and (days == Days(dates[1:])) == (len(dates) == 0)
        with pytest.raises(IndexError):
            days[len(listed)]

    same_as_the_sorted_list()
    assert repr(Days([date(2000, 1, 2), date(2000, 1, 1), date(2000, 1, 2)])) == (
        "Days({datetime.date(2000, 1, 1): 1, datetime.date(2000, 1, 2): 2})"
    )
