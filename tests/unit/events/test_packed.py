"""``read_events(packed=...)``: the events of some types held as columns (:class:`Packed`), the same
events whichever way the log is read; and ``check`` packs what every rule reading it reads so."""

from __future__ import annotations

import io
import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from changrenzhi import EventLog, evaluate, read_events
from changrenzhi.engine.core import types_packed, types_read
from changrenzhi.events.log import Packed, Texts
from changrenzhi.events.types import ContactAssigned, ContactVisit, Event, RepElected, RepReported
from support import ROOT, shipped_pack

EXAMPLES = sorted((ROOT / "policies").glob("*/examples/*.jsonl"))


def facts(ev: Event) -> tuple[Any, ...]:
    return tuple(getattr(ev, name) for name in ev.__struct_fields__)


def same_log(a: EventLog, b: EventLog) -> None:
    """``b`` (packed) holds the same events as ``a`` (not)."""
    assert len(a) == len(b)
    packed = set(b.packed)
    assert [facts(e) for e in a.events if e.TYPE not in packed] == [facts(e) for e in b.events]
    for t in packed:
        # by_type holds a packed type's events only once made (of, below)
        assert [facts(e) for e in b.by_type.get(t, [])] in ([], [facts(e) for e in a.of(t)])
        assert [facts(e) for e in a.of(t)] == [facts(e) for e in b.packed[t].events()]
        assert [facts(e) for e in a.of(t)] == [facts(e) for e in b.of(t)]  # made when asked
    assert sorted(a.dated_ids()) == sorted(b.dated_ids())
    assert a.types() == b.types()


def sources(data: bytes, tmp: Path) -> dict[str, Any]:
    """The same log as a file (typed pieces, hoping it is valid), a binary stream (typed pieces,
    carefully) and lines of text (line by line)."""
    path = tmp / "log.jsonl"
    path.write_bytes(data)
    return {"file": path, "stream": io.BytesIO(data), "lines": data.decode().splitlines()}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("how", ["file", "stream", "lines"])
def test_examples_packed_and_not(path: Path, how: str, tmp_path: Path) -> None:
    data = path.read_bytes()
    plain = read_events(sources(data, tmp_path)[how], name="log")
    packed = read_events(sources(data, tmp_path)[how], name="log", packed={"contact.visit", "rep.reported"})
    same_log(plain, packed)


def visits_log(n: int, shuffled: bool, odd: set[int]) -> bytes:
    """An election and ``n`` visits over 400 days (out of date order when ``shuffled``); the lines in
    ``odd`` carry a backslash, which sends their piece line by line."""
    rng = random.Random(n)
    lines: list[dict[str, str] | str] = [
        {"id": "e1", "type": "rep.elected", "date": "2011-01-01", "rep": "R1"},
        {"id": "e2", "type": "rep.elected", "date": "2011-01-01", "rep": "R2"},
    ]
    days = sorted(rng.randrange(400) for _ in range(n))
    if shuffled:
        rng.shuffle(days)
    for i, d in enumerate(days):
        person = f"P{i % 37}" + ("\\u00e9" if i in odd else "")
        day = (date(2011, 1, 2) + timedelta(days=d)).isoformat()
        lines.append(
            f'{{"id": "v{i:06d}", "type": "contact.visit", "date": "{day}", "rep": "R{1 + i % 2}", '
            f'"person": "{person}"}}'
        )
    return b"".join((x if isinstance(x, str) else json.dumps(x)).encode() + b"\n" for x in lines)


@pytest.mark.parametrize(
    ("shuffled", "odd", "how"),
    [
        (False, set(), "file"),
        (True, set(), "file"),
        (False, {5, 25_000}, "file"),
        (True, {5, 25_000}, "stream"),
        (False, set(), "lines"),
    ],
)
def test_many_visits_in_several_pieces(shuffled: bool, odd: set[int], how: str, tmp_path: Path) -> None:
    """Several of the typed reader's pieces, some read line by line: the columns are in log order
    (date, then line), as the events are."""
    data = visits_log(30_000, shuffled, odd)
    plain = read_events(sources(data, tmp_path)[how])
    packed = read_events(sources(data, tmp_path)[how], packed={"contact.visit"})
    same_log(plain, packed)
    columns = packed.packed["contact.visit"]
    assert columns.dates == sorted(columns.dates)
    assert shuffled or odd or how == "lines" or len(columns.ids._chunks) > 1  # several pieces
    # as of a day: the same cut as the events'
    same_log(plain.until(date(2011, 6, 30)), packed.until(date(2011, 6, 30)))
    assert packed.until(date(2011, 1, 1)).packed["contact.visit"].dates == []


def test_packed_must_be_kept_and_known() -> None:
    with pytest.raises(TypeError, match=r"must be kept too: contact\.visit"):
        read_events(text="", keep={"rep.elected"}, packed={"contact.visit"})
    with pytest.raises(TypeError, match="not event types: nope"):
        read_events(text="", packed={"nope"})
    with pytest.raises(TypeError, match="a set of str"):
        read_events(text="", packed="contact.visit")


@given(st.lists(st.lists(st.text(alphabet="ab\n", max_size=3), max_size=5), max_size=6), st.integers(0, 40))
def test_texts_hold_what_a_list_does(pieces: list[list[str]], n: int) -> None:
    texts, plain = Texts(), []
    for values in pieces:
        texts.extend(values)
        plain += values
    assert list(texts) == plain and len(texts) == len(plain) and texts == plain
    assert [texts[k] for k in range(len(plain))] == plain
    assert [texts[-k] for k in range(1, len(plain) + 1)] == [plain[-k] for k in range(1, len(plain) + 1)]
    assert texts[1:4] == plain[1:4]
    assert list(texts.head(min(n, len(plain)))) == plain[: min(n, len(plain))]
    other = Texts(["x"])
    other.extend_texts(texts)
    assert list(other) == ["x", *plain]
    with pytest.raises(IndexError):
        texts[len(plain)]


def test_packed_of_events_round_trip() -> None:
    evs = [ContactVisit(f"v{k}", date(2012, 1, 1 + k % 3), k + 1, f"R{k % 2}", f"P{k}") for k in range(7)]
    packed = Packed.of_events(ContactVisit, evs)
    assert len(packed) == 7 and packed.column("person")[3] == "P3" and packed.column("id")[0] == "v0"
    assert [facts(e) for e in packed.events()] == [facts(e) for e in evs]
    assert facts(packed.event(4)) == facts(evs[4])
    ordered = packed.in_order()
    assert ordered.dates == sorted(packed.dates)
    assert [facts(e) for e in ordered.events()] == [facts(e) for e in sorted(evs, key=lambda e: e.date)]
    assert len(ordered.until(date(2012, 1, 1))) == 3 and len(ordered.until(date(2012, 1, 2))) == 5
    assert ordered.until(date(2013, 1, 1)) is ordered


def test_check_packs_what_every_reader_reads_as_columns() -> None:
    """contact.visit is read as columns by contact_frequency and seat_validity; rep_minimum reads
    its own events only, so a pack whose rep_minimum counts suggestions still packs the visits."""
    assert types_packed(shipped_pack("guoyuan")) == {"contact.visit"}
    assert types_packed(shipped_pack("zhangjiagang")) == {"contact.visit"}
    assert "contact.visit" in types_packed(shipped_pack("baoying"))
    assert types_packed(shipped_pack("xianfeng")) == frozenset()
    zjg = shipped_pack("zhangjiagang")
    read = types_read(zjg)
    assert read is not None and "contact.visit" in read
    for name in ("guoyuan", "zhangjiagang", "baoying"):
        pack = shipped_pack(name)
        assert types_packed(pack) <= (types_read(pack) or set())


@pytest.mark.parametrize("name", ["guoyuan", "zhangjiagang", "baoying"])
def test_a_packed_log_gives_the_same_report(name: str) -> None:
    pack = shipped_pack(name)
    for path in EXAMPLES:
        if path.parent.parent.name != name:
            continue
        as_of = date(2016, 6, 30)
        plain = evaluate(pack, read_events(path), as_of)
        packed_log = read_events(path, keep=types_read(pack), packed=types_packed(pack))
        assert packed_log.packed
        packed = evaluate(pack, packed_log, as_of)
        assert [f.to_json() for f in packed.findings] == [f.to_json() for f in plain.findings]
        assert packed.events == plain.events and packed.unchecked == plain.unchecked


def test_a_kind_reading_objects_gets_them_made() -> None:
    """A kind of one's own that reads a packed type as objects (``ctx.of``) gets its events, made
    once from the columns."""
    data = visits_log(50, False, set())
    log = read_events(text=data, packed={"contact.visit", "rep.reported"})
    assert log.of(RepReported) == []
    made = log.of(ContactVisit)
    assert len(made) == 50 and log.of(ContactVisit) is made


def test_the_roster_is_never_packed() -> None:
    from changrenzhi.errors import UsageError

    log = read_events(text=visits_log(5, False, set()), packed={"rep.elected", "contact.visit"})
    with pytest.raises(UsageError, match=r"holds rep\.elected as columns"):
        evaluate(shipped_pack("guoyuan"), log, date(2012, 1, 1))


@pytest.mark.parametrize("how", ["file", "stream"])
def test_a_rep_named_only_by_a_refused_line_is_still_unknown_later(
    how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A visit's rep is noted as a reference when it is new to its column's table of shared strings.
    A piece refused after its visits went into the table (an id given twice) leaves the table as it
    was: the rep it alone named is new again to the piece that names it next, and found unknown."""
    import changrenzhi.events.lines as lines_module
    from changrenzhi.errors import EventLogError

    monkeypatch.setattr(lines_module, "CHUNK", 2048)
    lines = ['{"id": "e1", "type": "rep.elected", "date": "2011-01-01", "rep": "R1"}']
    visit = '{{"id": "v{}", "type": "contact.visit", "date": "2011-02-01", "rep": "{}", "person": "P1"{}}}'
    lines.append(visit.format(1, "R1", ""))
    lines.append(visit.format(1, "RX", ""))  # refused (the id of the line before): no event read names RX
    lines += [visit.format(i, "R1", "") for i in range(2, 80)]  # more than a piece
    lines.append(visit.format(80, "RX", ""))  # RX first named here
    data = "\n".join(lines).encode() + b"\n"
    problems = []
    for packed in (None, {"contact.visit"}):
        with pytest.raises(EventLogError) as got:
            read_events(sources(data, tmp_path)[how], name="log", packed=packed)
        problems.append([str(p) for p in got.value.problems])
    assert problems[0] == problems[1]
    unknown = "log:82 rep: unknown rep 'RX': no rep.elected in the log"
    assert problems[1] == ["log:3 id: duplicate id 'v1'", unknown]


_REPS = ("R1", "R2", "RX", "RY")  # RX and RY are never elected


@given(
    st.lists(
        st.tuples(st.sampled_from(_REPS), st.booleans()),  # a visit's rep; whether its id repeats the last
        min_size=1,
        max_size=60,
    ),
    st.sampled_from([256, 512, 4096]),
)
def test_packed_or_not_the_same_problems(visits: list[tuple[str, bool]], chunk: int) -> None:
    """Whatever reps the visits name, and whichever of them repeat an id (refusing their piece after
    it was packed), a log read with its visits packed says the same problems as read without."""
    import changrenzhi.events.lines as lines_module
    from changrenzhi.errors import EventLogError

    lines = [
        '{"id": "e1", "type": "rep.elected", "date": "2011-01-01", "rep": "R1"}',
        '{"id": "e2", "type": "rep.elected", "date": "2011-01-01", "rep": "R2"}',
    ]
    for k, (rep, again) in enumerate(visits):
        vid = f"v{k - 1 if again and k else k}"
        fields = f'"date": "2011-02-01", "rep": "{rep}", "person": "P{k % 3}"'
        lines.append(f'{{"id": "{vid}", "type": "contact.visit", {fields}}}')
    data = "\n".join(lines).encode() + b"\n"
    patch = pytest.MonkeyPatch()
    try:
        patch.setattr(lines_module, "CHUNK", chunk)
        said = []
        for packed in (None, {"contact.visit"}):
            for source in (io.BytesIO(data), data.decode().splitlines()):
                try:
                    log = read_events(source, name="log", packed=packed)
                    said.append(["ok", str(len(log))])
                except EventLogError as exc:
                    said.append([str(p) for p in exc.problems])
    finally:
        patch.undo()
    assert said[1:] == said[:1] * 3


@pytest.mark.parametrize("how", ["file", "stream"])
def test_a_packed_column_holds_the_rosters_objects(how: str, tmp_path: Path) -> None:
    """The people and reps of packed visits are the very objects the roster's events hold (so that a
    rule's dict of the roster's ids finds them by identity), however many pieces the log takes."""
    data = visits_log(30_000, shuffled=False, odd=set())
    assigned = b'{"id": "a1", "type": "contact.assigned", "date": "2011-01-01", "rep": "R1", "contacts": '
    people = ", ".join(f'{{"person": "P{k}", "kind": "member"}}' for k in range(37)).encode()
    head, rest = data.split(b"\n", 2)[:2], data.split(b"\n", 2)[2]
    data = b"\n".join([*head, assigned + b"[" + people + b"]}", rest])
    log = read_events(sources(data, tmp_path)[how], packed={"contact.visit"})
    (contacts,) = log.of(ContactAssigned)
    roster = {c.person: c.person for c in contacts.contacts} | {e.rep: e.rep for e in log.of(RepElected)}
    visits = log.packed["contact.visit"]
    assert len(visits) == 30_000
    for column in ("person", "rep"):
        values = visits.column(column)
        assert all(v is roster[v] for v in values), column
