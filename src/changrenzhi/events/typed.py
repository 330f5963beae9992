"""The typed reader: a whole piece of lines decoded and validated at once by msgspec's C decoder.

msgspec decodes a piece of lines (:mod:`.lines`) into one ``Struct`` per event, tagged by ``type``,
with every field's type and bound (:mod:`.fields`) declared on the ``Struct``: no unknown field, no
``null`` where the reader refuses one, whole numbers and days within their bounds, non-empty ids. What
it cannot declare is checked here in Python, per event: dates (strict ``YYYY-MM-DD`` within the limits,
through :data:`.fields.DATE_CACHE`), an id listed twice in a list, the checks across fields; in bulk per
piece: ids unique, and no key named twice (msgspec keeps the last: the keys found must be as many as
the piece's colons). Only then are references noted and the events kept.

Any doubt sends the whole piece to the line-by-line reader (:mod:`.reader`), which says what is wrong
in its own words: a piece is read here only if every line of it is an event this module accepts
whole. So the typed reader accepts nothing that the line-by-line reader refuses, and its events are
the same objects with the same fields.
"""

from __future__ import annotations

import functools
import itertools
import operator
import sys
import typing
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Literal

import msgspec

from .fields import (
    DATE_CACHE,
    ENUMS,
    INT_RANGES,
    MAX_DAYS,
    MAX_LIST,
    SPECS,
    BadValue,
    FieldSpec,
    TypeSpec,
    check_bool,
    check_contacts,
    check_id,
    check_ids,
    check_num,
    check_str,
    parse_date,
)
from .types import Contact, Event, event_fields

__all__ = ["TypedPiece", "read_piece"]

_NonEmpty = Annotated[str, msgspec.Meta(min_length=1)]


class _Contact(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    person: _NonEmpty
    kind: Literal["member", "citizen", "activist", "village", "household"]


def _annotation(fs: FieldSpec) -> Any:
    """The msgspec type of one field: what its check accepts, or stricter."""
    check = fs.check
    t: Any
    if check in (check_id, check_str):
        t = _NonEmpty
    elif check in INT_RANGES:
        lo, hi = INT_RANGES[check]
        t = Annotated[int, msgspec.Meta(ge=lo, le=hi)]
    elif check is check_num:
        t = Annotated[float, msgspec.Meta(gt=0, le=MAX_DAYS)]
    elif check is check_bool:
        t = bool
    elif check is parse_date:
        t = str  # parsed here, strictly (DATE_CACHE, parse_date)
    elif check is check_ids:
        t = Annotated[tuple[_NonEmpty, ...], msgspec.Meta(max_length=MAX_LIST)]
    elif check is check_contacts:
        t = Annotated[tuple[_Contact, ...], msgspec.Meta(max_length=MAX_LIST)]
    elif check in ENUMS:
        t = Literal[tuple(sorted(ENUMS[check]))]
    else:  # pragma: no cover - a new check with no typed form: the type is read line by line
        raise TypeError(check)
    if fs.nullable:
        t = t | None
    if not fs.required:
        t = t | msgspec.UnsetType
    return t


def _struct(spec: TypeSpec) -> type[msgspec.Struct]:
    fields: list[Any] = [("id", _NonEmpty), ("date", str)]
    for fs in spec.fields:
        t = _annotation(fs)
        fields.append((fs.name, t) if fs.required else (fs.name, t, msgspec.UNSET))
    # the line, set after decoding (a line holding a "line" key has a colon more than the keys
    # counted, and goes to the line-by-line reader, which refuses it)
    fields.append(("line", int, 0))
    return msgspec.defstruct(
        "Typed_" + spec.cls.__name__,
        fields,
        tag_field="type",
        tag=spec.cls.TYPE,
        forbid_unknown_fields=True,
        gc=False,
        kw_only=True,
    )


#: what a converter needs at run time
_NS: dict[str, Any] = {
    "_i": sys.intern,
    "_dc": DATE_CACHE,
    "_pd": parse_date,
    "BadValue": BadValue,
    "UNSET": msgspec.UNSET,
    "Contact": Contact,
}


def _convert_source(spec: TypeSpec) -> tuple[str, dict[str, Any]]:
    """A function ``conv(s, lineno, append) -> keys``: the event of a decoded struct appended, and
    the keys its line held (id, type, date, each field given, each contact's two); BadValue when
    something is wrong that msgspec could not see."""
    ns: dict[str, Any] = dict(_NS)
    ns["_cls"] = spec.cls
    fixed = 3 + sum(fs.required for fs in spec.fields)
    body = [
        f"n = {fixed}",
        "v = s.date",
        "w = _dc.get(v)",
        "if w is None:",
        "    w = _pd(v)",
    ]
    args = []
    for k, fs in enumerate(spec.fields):
        f = f"f{k}"
        args.append(f)
        conv: list[str]
        check = fs.check
        if check is check_id:
            conv = [f"{f} = _i(v)"]
        elif check is parse_date:
            conv = [f"{f} = _dc.get(v)", f"if {f} is None:", f"    {f} = _pd(v)"]
        elif check is check_ids:
            conv = ["if len(set(v)) != len(v):", "    raise BadValue", f"{f} = tuple(map(_i, v))"]
        elif check is check_contacts:
            conv = [
                "n += 2 * len(v)",
                "if len({c.person for c in v}) != len(v):",
                "    raise BadValue",
                f"{f} = tuple([Contact(_i(c.person), c.kind) for c in v])",
            ]
        else:
            conv = [f"{f} = v"]
        if fs.nullable:
            conv = ["if v is None:", f"    {f} = None", "else:", *("    " + c for c in conv)]
        body.append(f"v = s.{fs.name}")
        if fs.required:
            body += conv
            continue
        ns[f"_d{k}"] = _defaults(spec.cls)[fs.name]
        body += ["if v is UNSET:", f"    {f} = _d{k}", "else:", "    n += 1", *("    " + c for c in conv)]
    body.append(f"ev = _cls(s.id, w, lineno{''.join(', ' + a for a in args)})")
    if spec.event_check is not None:
        ns["_event_check"] = spec.event_check
        body += ["if _event_check(ev) is not None:", "    raise BadValue"]
    body += ["append(ev)", "return n"]
    src = "def conv(s, lineno, append):\n" + "".join(f"    {line}\n" for line in body)
    return src, ns


def _defaults(cls: type[Event]) -> dict[str, Any]:
    return event_fields(cls)


def _many_source(spec: TypeSpec) -> tuple[str, dict[str, Any]] | None:
    """For a type whose fields are all required and plain (ids, text, numbers, dates), a function
    ``many(structs) -> events`` that converts them all in one comprehension (``KeyError`` for a date
    not yet in :data:`.fields.DATE_CACHE`: then one by one); None for the other types."""
    exprs = []
    for fs in spec.fields:
        if not fs.required or fs.nullable or fs.check in (check_ids, check_contacts):
            return None
        if fs.check is check_id:
            exprs.append(f"_i(s.{fs.name})")
        elif fs.check is parse_date:
            exprs.append(f"_dc[s.{fs.name}]")
        else:
            exprs.append(f"s.{fs.name}")
    if spec.event_check is not None:
        return None
    ns: dict[str, Any] = dict(_NS)
    ns["_cls"] = spec.cls
    args = "".join(", " + e for e in exprs)
    return f"def many(ss):\n    return [_cls(s.id, _dc[s.date], 0{args}) for s in ss]\n", ns


def _note_source(spec: TypeSpec) -> tuple[str, dict[str, Any]]:
    """A function ``note(refs, known, events)``: the references the events of one type make, and
    the ids they define."""
    body: list[str] = []
    if spec.defines is not None:
        i, key = spec.defines
        body.append(f"known[{i}].add(ev.{key})")
    hints = typing.get_type_hints(spec.cls)
    for i, name in spec.ref_fields:
        body.append(f"v = ev.{name}")
        if hints[name] in (str, str | None):
            body += [f"if v is not None and v not in r{i}:", f"    r{i}[v] = (ev.line, {name!r})"]
        else:
            loop = ["for x in v:", f"    if x not in r{i}:", f"        r{i}[x] = (ev.line, {name!r})"]
            if typing.get_origin(hints[name]) is not tuple:  # a list that may be null
                loop = ["if v is not None:", *("    " + line for line in loop)]
            body += loop
    head = ["def note(refs, known, events):", "    r0, r1, r2 = refs", "    for ev in events:"]
    if not body:
        return "def note(refs, known, events):\n    pass\n", {}
    return "\n".join(head) + "\n" + "".join(f"        {line}\n" for line in body), {}


Convert = Callable[[Any, int, Callable[[Event], None]], int]
Many = Callable[[list[Any]], list[Event]]
Note = Callable[[tuple[dict[str, tuple[int, str]], ...], tuple[set[str], ...], list[Event]], None]


def _compile(src: str, ns: dict[str, Any], name: str, what: str) -> Any:
    exec(compile(src, f"<changrenzhi typed reader: {what}>", "exec"), ns)
    return ns[name]


_STRUCTS = {t: _struct(spec) for t, spec in SPECS.items()}
_V = typing.TypeVar("_V")


class _ByStruct(dict[type, _V]):
    """A function of each struct class, compiled the first time a piece holds the class (compiling
    them all would cost a short command's start-up some 10 ms)."""

    def __init__(self, make: Callable[[str, TypeSpec], _V]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, cls: type) -> _V:
        t = _TYPE[cls]
        made = self[cls] = self.make(t, SPECS[t])
        return made


def _many(t: str, spec: TypeSpec) -> tuple[Many, int] | None:
    src = _many_source(spec)
    return None if src is None else (_compile(*src, "many", t), 3 + len(spec.fields))


#: by struct class: its converter, its converter of many (and the keys each line holds), and what
#: its events note
_CONVERT: dict[type, Convert] = _ByStruct(lambda t, spec: _compile(*_convert_source(spec), "conv", t))
_MANY: dict[type, tuple[Many, int] | None] = _ByStruct(_many)
_NOTE: dict[type, Note] = _ByStruct(lambda t, spec: _compile(*_note_source(spec), "note", t))
_DECODER = msgspec.json.Decoder(typing.Union[tuple(_STRUCTS.values())])  # noqa: UP007
_ID = operator.attrgetter("id")
#: by struct class: the type's name, and whether it holds dates besides ``date``
_TYPE = {_STRUCTS[t]: t for t in SPECS}
_OTHER_DATES = {_STRUCTS[t]: any(fs.check is parse_date for fs in spec.fields) for t, spec in SPECS.items()}
_DATE = operator.attrgetter("date")


@functools.lru_cache(maxsize=8)
def _kept_classes(keep: frozenset[str]) -> frozenset[type]:
    """The event classes of the types kept."""
    return frozenset(spec.cls for t, spec in SPECS.items() if t in keep)


class TypedPiece(typing.NamedTuple):
    #: the events kept in line order, each type's events kept (in line order), the ids of all,
    #: and the dates of the events not kept
    events: list[Event]
    by_type: list[list[Event]]
    ids: set[str]
    dropped: list[date]


def read_piece(
    body: bytes,
    first: int,
    colons: int,
    seen: set[str],
    refs: tuple[dict[str, tuple[int, str]], ...],
    known: tuple[set[str], ...],
    keep: frozenset[str] | None = None,
) -> TypedPiece | None:
    """The events of a piece of lines (the first at line ``first``), every one of them valid, with
    their references noted; or None, having changed nothing, when any line is not (or may not be).

    With ``keep``, only the events of those types are kept; the others are checked all the same
    (those of a plain type without being built as events) and only their dates returned."""
    try:
        items = _DECODER.decode_lines(body)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None
    lines = body.count(b"\n") + (not body.endswith(b"\n"))
    if len(items) != lines:  # a blank line, or two objects on one
        return None
    ids = set(map(_ID, items))
    if len(ids) != lines or not seen.isdisjoint(ids):
        return None
    # the days of the piece parsed once (a date not cached is parsed each time it is met)
    for day in set(map(_DATE, items)).difference(DATE_CACHE):
        try:
            parse_date(day)
        except BadValue:
            return None
    # each type's structs in line order, converted together
    buckets: defaultdict[type, list[Any]] = defaultdict(list)
    for s in items:
        buckets[type(s)].append(s)
    keys = 0
    converted: dict[type, list[Any]] = {}
    unkept: list[type] = []
    try:
        for t, ss in buckets.items():
            many = _MANY[t]
            kept = keep is None or _TYPE[t] in keep
            if not kept:
                unkept.append(t)
            if many is not None:
                if not kept and not _OTHER_DATES[t]:
                    # checked whole by msgspec and the days above: the structs stand in for the events
                    converted[t] = ss
                    keys += many[1] * len(ss)
                    continue
                try:
                    converted[t] = many[0](ss)
                    keys += many[1] * len(ss)
                    continue
                except KeyError:  # a date not seen yet: one by one, below
                    pass
            out: list[Event] = []
            conv, append = _CONVERT[t], out.append
            for s in ss:
                keys += conv(s, 0, append)
            converted[t] = out
    except BadValue:
        return None
    if keys != colons:  # a key named twice, or a colon inside a string
        return None
    # the events back in line order, each given its line
    its = {t: iter(evs) for t, evs in converted.items()}
    events = list(map(next, map(its.__getitem__, map(type, items))))
    for lineno, ev in enumerate(events, first):
        ev.line = lineno
    for t, evs in converted.items():
        _NOTE[t](refs, known, evs)
    if not unkept:
        return TypedPiece(events, list(converted.values()), ids, [])
    dropped: list[date] = []
    for t in unkept:
        evs = converted.pop(t)
        if type(evs[0]) is t:  # structs
            dropped += map(DATE_CACHE.__getitem__, map(_DATE, evs))
        else:
            dropped += map(_DATE, evs)
    if len(unkept) > 1:
        dropped.sort()
    assert keep is not None  # some type is not kept
    classes = _kept_classes(keep)
    events = list(itertools.compress(events, map(classes.__contains__, map(type, events))))
    return TypedPiece(events, list(converted.values()), ids, dropped)
