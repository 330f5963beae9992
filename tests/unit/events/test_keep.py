"""``read_events(keep=...)``: the events of the other types are checked and counted, not kept; and
``check`` keeps what its pack reads."""

from __future__ import annotations

import io
from datetime import date

import pytest
from tests.support import ROOT, shipped_pack

from changrenzhi import EventLogError, evaluate, read_events
from changrenzhi.engine.core import types_read
from changrenzhi.errors import UsageError
from changrenzhi.events.types import ContactVisit

EXAMPLE = ROOT / "policies" / "guoyuan" / "examples" / "guoyuan-2009-2010.jsonl"


@pytest.mark.parametrize("lines", [False, True])
def test_kept_and_counted(lines: bool) -> None:
    data = EXAMPLE.read_bytes()
    source = data.decode().splitlines() if lines else io.BytesIO(data)
    whole = read_events(io.BytesIO(data))
    log = read_events(source, keep={"rep.elected"})
    assert len(log) == len(whole)
    assert [e.id for e in log.events] == [e.id for e in whole.of("rep.elected")]
    assert set(log.by_type) == {"rep.elected"}
    assert log.dropped == sorted(e.date for e in whole.events if e.TYPE != "rep.elected")
    for day in (date(2009, 1, 1), date(2010, 3, 1), date(2030, 1, 1)):
        assert len(log.until(day)) == len(whole.until(day))
    with pytest.raises(RuntimeError, match=r"contact\.visit"):
        log.of(ContactVisit)


def test_dropped_events_are_still_checked() -> None:
    bad = b'{"id": "v1", "type": "contact.visit", "date": "2010-01-01", "rep": "nobody", "person": "p"}\n'
    with pytest.raises(EventLogError, match="unknown rep 'nobody'"):
        read_events(io.BytesIO(EXAMPLE.read_bytes() + bad), keep={"rep.elected"})


def test_check_keeps_what_the_pack_reads() -> None:
    pack = shipped_pack("guoyuan")
    keep = types_read(pack)
    assert keep is not None and "contact.visit" in keep
    as_of = date(2010, 12, 31)
    whole = evaluate(pack, read_events(EXAMPLE), as_of)
    assert evaluate(pack, read_events(EXAMPLE, keep=keep), as_of) == whole
    with pytest.raises(UsageError, match=r"contact\.visit"):
        evaluate(pack, read_events(EXAMPLE, keep=keep - {"contact.visit"}), as_of)
