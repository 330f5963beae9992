"""The typed reader: a whole piece of lines decoded and validated at once by msgspec's C decoder.

msgspec decodes a piece of lines (:mod:`.lines`) into one ``Struct`` per event, tagged by ``type``,
with every field's type and bound (:mod:`.fields`) declared on the ``Struct``: no unknown field, no
``null`` where the reader refuses one, whole numbers and days within their bounds, non-empty ids. What
it cannot declare is checked here in Python, per event: dates within the limits (msgspec decodes them,
strictly ``YYYY-MM-DD``), an id listed twice in a list, the checks across fields; in bulk per
piece: ids unique, and no key named twice (msgspec keeps the last: the keys found must be as many as
the piece's colons). Only then are references noted and the events kept.

Any doubt sends the whole piece to the line-by-line reader (:mod:`.reader`), which says what is wrong
in its own words: a piece is read here only if every line of it is an event this module accepts
whole. So the typed reader accepts nothing that the line-by-line reader refuses, and its events are
the same objects with the same fields.
"""

from __future__ import annotations

import array
import functools
import itertools
import operator
import re
import typing
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from itertools import repeat
from typing import Annotated, Any, Literal

import msgspec

from .fields import (
    ENUMS,
    FIRST_DAY,
    INT_RANGES,
    LAST_DAY,
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
from .log import Packed, Texts
from .types import Contact, Event, event_fields

__all__ = ["Again", "IdHashes", "TypedPiece", "read_piece"]

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
        t = date  # strict YYYY-MM-DD, a day that exists; the range is checked here
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


def _struct(spec: TypeSpec, strict: bool = True) -> type[msgspec.Struct]:
    """The struct of one type; not ``strict``, it passes over fields it does not know (a producer's
    own, ``x_...``: see :data:`_OWN_PLAIN`)."""
    fields: list[Any] = [("id", _NonEmpty), ("date", date)]
    for fs in spec.fields:
        t = _annotation(fs)
        fields.append((fs.name, t) if fs.required else (fs.name, t, msgspec.UNSET))
    # the line, set after decoding (a line holding a "line" key has a colon more than the keys
    # counted, and goes to the line-by-line reader, which refuses it)
    fields.append(("line", int, 0))
    return msgspec.defstruct(
        ("Typed_" if strict else "Lenient_") + spec.cls.__name__,
        fields,
        tag_field="type",
        tag=spec.cls.TYPE,
        forbid_unknown_fields=strict,
        gc=False,
        eq=False,
        kw_only=True,
    )


#: what a converter needs at run time (``_i``, which shares equal strings, is bound per call: the
#: reader's own table, a dict's ``setdefault``, is several times faster than ``sys.intern``)
_NS: dict[str, Any] = {
    "_lo": FIRST_DAY,
    "_hi": LAST_DAY,
    "BadValue": BadValue,
    "UNSET": msgspec.UNSET,
    "Contact": Contact,
}


def _convert_source(spec: TypeSpec) -> tuple[str, dict[str, Any]]:
    """A function ``conv(s, append, _i) -> keys``: the event of a decoded struct appended, and
    the keys its line held (id, type, date, each field given, each contact's two); BadValue when
    something is wrong that msgspec could not see. ``_i(v, v)`` shares equal strings."""
    ns: dict[str, Any] = dict(_NS)
    ns["_cls"] = spec.cls
    fixed = 3 + sum(fs.required for fs in spec.fields)
    body = [
        f"n = {fixed}",
        "v = s.date",
        "w = _i(v, v)",  # its range is checked for the whole piece
    ]
    args = []
    for k, fs in enumerate(spec.fields):
        f = f"f{k}"
        args.append(f)
        conv: list[str]
        check = fs.check
        if check is check_id:
            conv = [f"{f} = _i(v, v)"]
        elif check is parse_date:
            conv = ["if not _lo <= v <= _hi:", "    raise BadValue", f"{f} = _i(v, v)"]
        elif check is check_ids:
            conv = ["if len(set(v)) != len(v):", "    raise BadValue", f"{f} = tuple([_i(x, x) for x in v])"]
        elif check is check_contacts:
            conv = [
                "n += 2 * len(v)",
                "if len({c.person for c in v}) != len(v):",
                "    raise BadValue",
                f"{f} = tuple([Contact(_i(c.person, c.person), c.kind) for c in v])",
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
    body.append(f"ev = _cls(s.id, w, s.line{''.join(', ' + a for a in args)})")
    if spec.event_check is not None:
        ns["_event_check"] = spec.event_check
        body += ["if _event_check(ev) is not None:", "    raise BadValue"]
    body += ["append(ev)", "return n"]
    src = "def conv(s, append, _i):\n" + "".join(f"    {line}\n" for line in body)
    return src, ns


def _defaults(cls: type[Event]) -> dict[str, Any]:
    return event_fields(cls)


def _many_source(spec: TypeSpec) -> tuple[str, dict[str, Any]] | None:
    """For a type whose fields are all required and plain (ids, text, numbers, dates), a function
    ``many(structs, _i) -> events`` that converts them all in one comprehension; None for the other
    types (and those with dates besides ``date``, whose range is checked one by one)."""
    exprs = []
    for fs in spec.fields:
        if not fs.required or fs.nullable or fs.check in (check_ids, check_contacts):
            return None
        if fs.check is check_id:
            exprs.append(f"_i(s.{fs.name}, s.{fs.name})")
        elif fs.check is parse_date:
            return None
        else:
            exprs.append(f"s.{fs.name}")
    if spec.event_check is not None:
        return None
    ns: dict[str, Any] = dict(_NS)
    ns["_cls"] = spec.cls
    args = "".join(", " + e for e in exprs)
    return f"def many(ss, _i):\n    return [_cls(s.id, _i(s.date, s.date), s.line{args}) for s in ss]\n", ns


def _check_source(spec: TypeSpec) -> tuple[str, dict[str, Any]] | None:
    """For a type whose events are not kept, a function ``check(structs) -> keys`` that checks in
    bulk what the converter checks one by one (ids listed twice in a list, dates besides ``date``
    within the limits) and counts the keys the lines held; None for a type with a check across its
    fields or a list of contacts (converted one by one)."""
    if spec.event_check is not None or any(fs.check is check_contacts for fs in spec.fields):
        return None
    ns: dict[str, Any] = {"UNSET": msgspec.UNSET, "BadValue": BadValue, "_lo": FIRST_DAY, "_hi": LAST_DAY}
    body = [f"keys = {3 + sum(fs.required for fs in spec.fields)} * len(ss)"]
    for k, fs in enumerate(spec.fields):
        if fs.required and fs.check not in (check_ids, parse_date):
            continue
        ns[f"_g{k}"] = operator.attrgetter(fs.name)
        body.append(f"v = list(map(_g{k}, ss))")
        if not fs.required:
            body.append("keys += len(v) - v.count(UNSET)")
        if fs.check is check_ids:
            body += [
                "v = list(filter(None, v))",
                "if sum(map(len, v)) != sum(map(len, map(set, v))):",
                "    raise BadValue",
            ]
        elif fs.check is parse_date:
            body += [
                "v = list(filter(None, v))",
                "if v and not (min(v) >= _lo and max(v) <= _hi):",
                "    raise BadValue",
            ]
    body.append("return keys")
    return "def check(ss):\n" + "".join(f"    {line}\n" for line in body), ns


def _note_source(spec: TypeSpec, fresh: bool = False) -> tuple[str, dict[str, Any]]:
    """A function ``note(refs, known, ss, line_of)``: the references the events (or structs) ``ss``
    of one type make, and the ids they define, in bulk: the ids named are gathered in a set, and only
    those not named before (rare after the first pieces) are looked for, at the line ``line_of(k)``
    of ``ss[k]``.

    ``fresh``: a function ``note(refs, known, ss, line_of, fresh)`` for the structs of a type kept
    as columns (:func:`_pack`), which says which ids of each field are new to its table of shared
    strings (``fresh[name]``): only those can be new to the references as well (the others were
    noted by the piece that put them in the table), so only those are looked at."""
    ns: dict[str, Any] = {
        "_chain": itertools.chain.from_iterable,
        "_first": _first_named,
        "UNSET": msgspec.UNSET,
    }
    body: list[str] = []
    if spec.defines is not None:
        i, key = spec.defines
        ns["_key"] = operator.attrgetter(key)
        body.append(f"known[{i}].update(map(_key, ss))")
    one = {fs.name: fs.one_id for fs in spec.fields}
    for k, (i, name) in enumerate(spec.ref_fields):
        ns[f"_g{k}"] = operator.attrgetter(name)
        if fresh and one[name]:  # the field's table shares every id: the ids new to it, if any
            body += [f"v = set(fresh.get({name!r}, ()))"]
        elif one[name]:
            body += [f"v = set(map(_g{k}, ss))", "v.discard(None)", "v.discard(UNSET)"]
        else:  # a tuple of ids, or None
            body.append(f"v = set(_chain(filter(None, map(_g{k}, ss))))")
        body += [
            f"new = v.difference(r{i})",
            "if new:",
            f"    _first(r{i}, new, {name!r}, _g{k}, ss, line_of, {one[name]})",
        ]
    args = "refs, known, ss, line_of, fresh" if fresh else "refs, known, ss, line_of"
    if not body:
        return f"def note({args}):\n    pass\n", ns
    head = f"def note({args}):\n    r0, r1, r2 = refs\n"
    return head + "".join(f"    {line}\n" for line in body), ns


def _first_named(
    refs: dict[str, tuple[int, str]],
    new: set[str],
    name: str,
    get: Callable[[Any], Any],
    ss: list[Any],
    line_of: Callable[[int], int],
    scalar: bool,
) -> None:
    """Each id of ``new`` at the first line naming it in field ``name``, unless an earlier line (of
    another type in the same piece) names it already."""
    values = list(map(get, ss))
    where: dict[str, int] = {}
    if scalar and len(new) > 8:  # the first index of each value, in one pass (the last assignment wins)
        where = dict(zip(reversed(values), range(len(values) - 1, -1, -1), strict=True))
    elif not scalar:
        for k, v in enumerate(values):
            for x in v or ():
                if x in new:
                    where.setdefault(x, k)
    for x in new:
        k = where[x] if where else values.index(x)
        line = line_of(k)
        got = refs.get(x)
        if got is None or line < got[0]:
            refs[x] = (line, name)


Share = Callable[[str, str], str]
Convert = Callable[[Any, Callable[[Event], None], Share], int]
Many = Callable[[list[Any], Share], list[Event]]
Note = Callable[
    [tuple[dict[str, tuple[int, str]], ...], tuple[set[str], ...], list[Any], Callable[[int], int]], None
]
NoteFresh = Callable[
    [
        tuple[dict[str, tuple[int, str]], ...],
        tuple[set[str], ...],
        list[Any],
        Callable[[int], int],
        dict[str, list[str]],
    ],
    None,
]


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
_CHECK: dict[type, Callable[[list[Any]], int] | None] = _ByStruct(
    lambda t, spec: None if (src := _check_source(spec)) is None else _compile(*src, "check", "check " + t)
)
_NOTE: dict[type, Note] = _ByStruct(lambda t, spec: _compile(*_note_source(spec), "note", "note " + t))
#: for the structs of a type kept as columns, what they note given the ids new to each field's table
_NOTE_FRESH: dict[type, NoteFresh] = _ByStruct(
    lambda t, spec: _compile(*_note_source(spec, fresh=True), "note", "note fresh " + t)
)
_DECODER = msgspec.json.Decoder(typing.Union[tuple(_STRUCTS.values())])  # noqa: UP007
_LENIENT_STRUCTS = {t: _struct(spec, strict=False) for t, spec in SPECS.items()}
#: for a piece whose lines hold fields of their producer's own (``x_...``), which it passes over
_LENIENT = msgspec.json.Decoder(typing.Union[tuple(_LENIENT_STRUCTS.values())])  # noqa: UP007
#: a producer's own field holding a plain value (text, a whole number, true, false or null: what the
#: line-by-line reader carries unchecked; a float or a container it looks into, so such a line is
#: left to it). In a piece without a backslash a string holds no quote, so this finds exactly such
#: keys; as many of them as the lenient decoder passed over (the piece's colons say so), and every
#: field the lenient decoder passed over is one of them.
_OWN_TWICE = re.compile(rb'"(x[_-][^"]*)"[ \t\r\n]*:[^\n]*"\1"[ \t\r\n]*:')
_OWN_PLAIN = re.compile(
    rb'"x[_-][^"]*"[ \t\r\n]*:[ \t\r\n]*(?:"[^"]*"|-?[0-9]+|true|false|null)[ \t\r\n]*[,}]'
)
_ID = operator.attrgetter("id")
#: by struct class: the type's name
_TYPE = {**{_STRUCTS[t]: t for t in SPECS}, **{_LENIENT_STRUCTS[t]: t for t in SPECS}}
_DATE = operator.attrgetter("date")


class Again(Exception):
    """An id of a piece was seen before, which a hopeful reading cannot undo (see :func:`read_piece`)."""


class IdHashes:
    """The hashes of ids, read hoping they are unique (see :func:`read_piece`): 8 bytes an id, in
    arrays by the hash's low byte, against some 70 for a set of them (its ints and its table, which
    would also be read all over memory, one id at a time). Whether two are equal is asked once, when
    the whole log is read (:meth:`unique`), a part at a time."""

    __slots__ = ("_appends", "_parts")

    def __init__(self) -> None:
        self._parts = [array.array("q") for _ in range(256)]
        self._appends = [p.append for p in self._parts]

    def add(self, ids: Iterable[str]) -> None:
        appends = self._appends
        for h in map(hash, ids):
            appends[h & 255](h)

    def __len__(self) -> int:
        return sum(map(len, self._parts))

    def parts(self) -> list[array.array[int]]:
        """The arrays of hashes, by their low byte (what :meth:`join` takes)."""
        return self._parts

    def join(self, parts: list[array.array[int]]) -> None:
        """Add the hashes of another's :meth:`parts`."""
        for mine, theirs in zip(self._parts, parts, strict=True):
            mine.extend(theirs)

    def unique(self, apart: Iterable[str] = ()) -> bool:
        """Whether no two hashes are equal, nor one of them the hash of an id of ``apart`` (two equal
        ids have equal hashes; two different ids almost never do, and then the log is read again,
        carefully, for nothing)."""
        return self.unique_in(range(len(self._parts)), set(map(hash, apart)))

    def unique_in(self, buckets: Iterable[int], others: set[int]) -> bool:
        """:meth:`unique` for the hashes whose low byte is one of ``buckets``, ``others`` the hashes
        of the ids apart."""
        for part in map(self._parts.__getitem__, buckets):
            got = set(part)
            # isdisjoint of two sets goes through the smaller one (of an array: through all of it)
            if len(got) != len(part) or not got.isdisjoint(others):
                return False
        return True


class TypedPiece(typing.NamedTuple):
    #: the events kept as objects, in line order; each type's events kept so (in line order); the
    #: dates of the events not kept, counted; how many lines the piece held; and the events of the
    #: types packed, as columns, by type
    events: list[Event]
    by_type: list[list[Event]]
    dropped: Counter[date]
    lines: int
    packed: dict[str, Packed[Any]]


def _pack(
    t: type,
    ss: list[Any],
    lines: Iterable[int],
    strings: dict[Any, Any],
    fresh: dict[str, list[str]],
) -> Packed[Any]:
    """The events of structs ``ss`` of a plain type (see :func:`_many_source`), at ``lines``, as
    columns, their equal strings and days shared (the days by run: a log is mostly in date order;
    each field's strings through a table of its own, smaller than the one of all of them).

    The ids new to a field's table go to ``fresh[field]``. Called once the piece is read (nothing
    in it refused), so that every id in a table was noted by a piece that was read."""
    spec = SPECS[_TYPE[t]]
    share = strings.setdefault
    days = list(
        itertools.chain.from_iterable(
            repeat(share(day, day), len(list(run))) for day, run in itertools.groupby(map(_DATE, ss))
        )
    )
    columns: dict[str, list[Any]] = {}
    for fs in spec.fields:
        values = list(map(operator.attrgetter(fs.name), ss))
        if fs.check is check_id:
            mine = strings.get((t, fs.name))
            if mine is None:
                mine = strings[t, fs.name] = _Shared(share)
            before = len(mine)
            values = list(map(mine.__getitem__, values))
            if len(mine) != before:  # the last ones in (a dict keeps its keys in the order put in)
                fresh[fs.name] = list(itertools.islice(reversed(mine), len(mine) - before))
        columns[fs.name] = values
    return Packed(spec.cls, Texts(list(map(_ID, ss))), days, array.array("q", lines), columns)


class _Shared(dict[str, str]):
    """A column's table of shared strings: each id read, the object that stands for it. An id new to
    it stands for the object the read's table of all shared strings gives (the roster's, when its
    events named it first), so that the column and the roster hold the same objects: a rule's dict
    of the roster's ids finds the column's by identity, without comparing their text."""

    __slots__ = ("_share",)

    def __init__(self, share: Callable[[Any, Any], Any]) -> None:
        super().__init__()
        self._share = share

    def __missing__(self, key: str) -> str:
        got: str = self._share(key, key)
        self[key] = got
        return got


def read_piece(
    body: bytes,
    first: int,
    colons: int,
    seen: set[str],
    refs: tuple[dict[str, tuple[int, str]], ...],
    known: tuple[set[str], ...],
    keep: frozenset[str] | None = None,
    strings: dict[Any, Any] | None = None,
    hashed: IdHashes | None = None,
    packed: frozenset[str] = frozenset(),
) -> TypedPiece | None:
    """The events of a piece of lines (the first at line ``first``), every one of them valid, with
    their ids added to ``seen`` and their references noted; or None, having changed nothing, when
    any line is not (or may not be).

    With ``keep``, only the events of those types are kept; the others are checked all the same
    (those of a plain type without being built as events) and only their dates returned. Equal
    strings and dates the kept events hold (reps, groups, people, days) are shared through ``strings``.

    The events of the types in ``packed`` (kept types) are kept as columns (:class:`Packed`).

    Given ``hashed``, the piece is read hoping the log is valid (the caller can read it again,
    carefully): the ids of the events kept as objects go to ``seen`` (an id already there raises
    :class:`Again`), the hashes of the others' (not kept, or packed) to ``hashed``, unchecked. Whether
    those are unique and apart from ``seen``, and the days within the limits, is for the caller to
    ask once the log is read.
    """
    try:
        items = _DECODER.decode_lines(body)
        own = 0
    except msgspec.ValidationError:  # an unknown field, perhaps a producer's own
        try:
            items = _LENIENT.decode_lines(body)
            body.decode("utf-8")  # what it passes over it does not check for UTF-8
        except (msgspec.DecodeError, msgspec.ValidationError, UnicodeDecodeError):
            return None
        if _OWN_TWICE.search(body) is not None:  # the decoders keep the last of a key given twice
            return None
        own = len(_OWN_PLAIN.findall(body))
    except msgspec.DecodeError:
        return None
    n = len(items)
    if n != body.count(b"\n") + (not body.endswith(b"\n")):  # a blank line, or two objects on one
        return None
    careful = hashed is None
    ids = list(map(_ID, items)) if careful else []
    if careful and not seen.isdisjoint(ids):
        return None
    # the days of the piece within the limits (each a day that exists: msgspec says so)
    if careful and not (min(map(_DATE, items)) >= FIRST_DAY and max(map(_DATE, items)) <= LAST_DAY):
        return None
    # each type's structs in line order, each given its line, converted together
    types = list(map(type, items))
    buckets: defaultdict[type, list[Any]] = defaultdict(list)
    for s in items:
        buckets[type(s)].append(s)
    mask: list[bool] | None = None
    if keep is None and not packed:
        for line, s in enumerate(items, first):
            s.line = line
    else:  # only the structs of the types kept as objects need their line (see line_of, below)
        mask = list(map(_object_classes(keep, packed).__contains__, types))
        lines = itertools.compress(itertools.count(first), mask)
        for s, line in zip(itertools.compress(items, mask), lines, strict=False):  # lines is endless
            s.line = line
    table = strings if strings is not None else {}
    share = table.setdefault
    keys = 0
    converted: dict[type, list[Any]] = {}
    unkept: list[type] = []
    packs: dict[str, Packed[Any]] = {}
    # the structs of the plain types packed, with their lines: packed once the piece is read
    plain: list[tuple[type, list[Any], list[int]]] = []
    try:
        for t, ss in buckets.items():
            many = _MANY[t]
            kept = keep is None or _TYPE[t] in keep
            if not kept:
                unkept.append(t)
            elif _TYPE[t] in packed:
                # the lines of this type's structs (not set on them: see the mask above)
                at = list(itertools.compress(itertools.count(first), map(operator.is_, types, repeat(t))))
                if many is not None:
                    plain.append((t, ss, at))
                    keys += many[1] * len(ss)
                else:
                    made: list[Event] = []
                    conv, append = _CONVERT[t], made.append
                    for s, line in zip(ss, at, strict=True):
                        s.line = line
                        keys += conv(s, append, share)
                    packs[_TYPE[t]] = Packed.of_events(SPECS[_TYPE[t]].cls, made)
                converted[t] = ss  # for the references they make
                continue
            if many is not None:
                if not kept:
                    # checked whole by msgspec and the days above: the structs stand in for the events
                    converted[t] = ss
                    keys += many[1] * len(ss)
                    continue
                converted[t] = many[0](ss, share)
                keys += many[1] * len(ss)
                continue
            check = None if kept else _CHECK[t]
            if check is not None:  # checked in bulk: the structs stand in for the events
                converted[t] = ss
                keys += check(ss)
                continue
            out: list[Event] = []
            conv, append = _CONVERT[t], out.append
            for s in ss:
                keys += conv(s, append, share)
            converted[t] = out
    except BadValue:
        return None
    if keys + own != colons:  # a key named twice, a colon inside a string, a field unknown
        return None
    if hashed is None:
        before = len(seen)
        seen.update(ids)
        if len(seen) - before != n:  # an id twice in the piece, none seen before it
            seen.difference_update(ids)
            return None
    else:
        # the ids of the events kept as objects in seen (a set of them, filled in C), the others' (not
        # kept, or packed) by their hashes in hashed (8 bytes an id); whether one of those is twice
        # in the log, or among seen, is asked once the log is read (see reader.read_path)
        before, objects = len(seen), 0
        for t, evs in converted.items():
            if t in unkept or _TYPE[t] in packed:
                hashed.add(map(_ID, evs))
            else:
                seen.update(map(_ID, evs))
                objects += len(evs)
        if len(seen) - before != objects:
            raise Again
    # the piece is read: the plain types' columns, their ids shared through each field's table, which
    # says which ids are new to it (and so may be new to the references: see _note_source)
    fresh: dict[type, dict[str, list[str]]] = {}
    for t, ss, at in plain:
        packs[_TYPE[t]] = _pack(t, ss, at, table, fresh.setdefault(t, {}))
    # the events kept as objects back in line order
    its = {t: iter(evs) for t, evs in converted.items() if t not in unkept and _TYPE[t] not in packs}
    if mask is not None:
        types = list(itertools.compress(types, mask))
    events = list(map(next, map(its.__getitem__, types)))
    positions: dict[int, int] = {}

    def line_of(structs: list[Any], k: int) -> int:
        """The line of ``structs[k]`` (a struct of a type not kept has none set: found among the piece's)."""
        line: int = structs[k].line
        if not line:
            if not positions:
                positions.update(zip(map(id, items), itertools.count(first)))
            line = positions[id(structs[k])]
        return line

    for t, evs in converted.items():
        got = fresh.get(t)
        if got is None:
            _NOTE[t](refs, known, evs, functools.partial(line_of, buckets[t]))
        else:
            _NOTE_FRESH[t](refs, known, evs, functools.partial(line_of, buckets[t]), got)
    dropped: Counter[date] = Counter()
    for t in unkept:
        # a type's days in line order come in runs (a log is mostly in date order): counted by run
        for day, run in itertools.groupby(map(_DATE, converted.pop(t))):
            dropped[day] += len(list(run))
    as_objects = [evs for t, evs in converted.items() if _TYPE[t] not in packs]
    return TypedPiece(events, as_objects, dropped, n, packs)


@functools.lru_cache(maxsize=8)
def _object_classes(keep: frozenset[str] | None, packed: frozenset[str]) -> frozenset[type]:
    """The struct classes of the types kept as objects (kept, and not packed)."""
    return frozenset(c for c, t in _TYPE.items() if (keep is None or t in keep) and t not in packed)
