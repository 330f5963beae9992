"""The reader's fast path: for each event type, a function compiled from its :class:`~.fields.TypeSpec`.

Each function accepts exactly the lines the generic path (``_Reader.line`` in :mod:`.reader`)
accepts, builds the same event and notes the same references, but inlines the common checks and
passes the fields positionally. It returns None for anything it does not accept; the caller then
hands the line to the generic path, which reports the problem. So the fast path decides only
*speed*: errors and their messages come from one place. The source is generated from the library's
own event types, never from input.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from typing import Any

from .fields import (
    ENUMS,
    INT_RANGES,
    SPECS,
    BadValue,
    TypeSpec,
    check_bool,
    check_contacts,
    check_id,
    check_str,
    is_extension,
)
from .types import REFERENCES, Event, event_fields

#: a type's fast reader: (the parsed line, its id, its date, its line number) -> the event, or None
FastMake = Callable[[dict[str, Any], str, date, int], Event | None]
#: binds a type's fast reader to one reader's state: the first line and field naming each id and the
#: ids defined, a dict and a set per sort of reference (``_Reader.refs``, ``.known``), and the append
#: of the type's list
FastBinder = Callable[
    [tuple[dict[str, tuple[int, str]], ...], tuple[set[str], ...], Callable[[Event], None]], FastMake
]


#: the values of a producer's own fields that the fast path carries without looking inside
_PLAIN = frozenset({str, int, bool, type(None)})


def _fast_source(spec: TypeSpec) -> tuple[str, dict[str, Any]]:
    ns: dict[str, Any] = {
        "BadValue": BadValue,
        "is_extension": is_extension,
        "_intern": sys.intern,
        "_cls": spec.cls,
        "_allowed": spec.allowed,
        "_plain": _PLAIN,
    }
    defaults = event_fields(spec.cls)
    body: list[str] = []
    args: list[str] = []
    for i, fs in enumerate(spec.fields):
        f = f"f{i}"
        args.append(f)
        # the check, returning None for a value the generic path would reject (None included)
        if fs.check is check_id:
            check = ["if type(v) is not str or not v:", "    return None", f"{f} = _intern(v)"]
        elif fs.check is check_str:
            check = ["if type(v) is not str or not v:", "    return None", f"{f} = v"]
        elif fs.check in INT_RANGES:
            lo, hi = INT_RANGES[fs.check]
            check = [f"if type(v) is not int or v < {lo} or v > {hi}:", "    return None", f"{f} = v"]
        elif fs.check is check_bool:
            check = ["if type(v) is not bool:", "    return None", f"{f} = v"]
        elif fs.check in ENUMS:
            ns[f"_e{i}"] = ENUMS[fs.check]
            check = [f"if type(v) is not str or v not in _e{i}:", "    return None", f"{f} = v"]
        else:
            ns[f"_c{i}"] = fs.check
            check = ["if v is None:", "    return None", "try:", f"    {f} = _c{i}(v)", "except BadValue:",
                     "    return None"]  # fmt: skip
        if fs.required:  # counted in n from the start; a missing key raises KeyError: the generic path
            body.append(f"v = obj[{fs.name!r}]")
            body += check
            continue
        body.append(f"v = obj.get({fs.name!r})")
        ns[f"_d{i}"] = defaults[fs.name]
        body.append("if v is None:")
        body.append(f"    if {fs.name!r} in obj:")
        body.append("        n += 1" if fs.nullable else "        return None")
        body.append(f"    {f} = _d{i}")
        body.append("else:")
        body.append("    n += 1")
        body += ["    " + line for line in check]
    body += [
        "if n != len(obj):",
        "    for k in obj:",
        # a producer's own field (x_...) is carried unchecked when it holds a plain value; a float (which
        # may be out of range) or a container goes to the generic path, which looks inside
        "        if k not in _allowed and (not is_extension(k) or type(obj[k]) not in _plain):",
        "            return None",
    ]
    body.append(f"ev = _cls(eid, when, lineno{''.join(', ' + a for a in args)})")
    if spec.event_check is not None:
        ns["_event_check"] = spec.event_check
        body += ["if _event_check(ev) is not None:", "    return None"]
    if spec.defines is not None:
        i, key = spec.defines
        body.append(f"known{i}.add(ev.{key})")
    names = [fs.name for fs in spec.fields]
    for i, name in spec.ref_fields:
        k = names.index(name)
        f, pad, refs = args[k], "" if spec.fields[k].required else "    ", f"refs{i}"
        if pad:
            body.append(f"if {f} is not None:")
        if spec.fields[k].one_id:
            body += [f"{pad}if {f} not in {refs}:", f"{pad}    {refs}[{f}] = (lineno, {name!r})"]
        else:
            body += [f"{pad}for x in {f}:", f"{pad}    if x not in {refs}:",
                     f"{pad}        {refs}[x] = (lineno, {name!r})"]  # fmt: skip
    body += ["append(ev)", "return ev"]
    head = ["def _bind(refs, known, append):"]
    head += [f"    refs{i}, known{i} = refs[{i}], known[{i}]" for i in range(len(REFERENCES))]
    head += ["    def make(obj, eid, when, lineno):"]
    head += [f"        n = {3 + sum(fs.required for fs in spec.fields)}"]  # id, type, date and the required
    src = (
        "".join(f"{line}\n" for line in head)
        + "".join(f"        {line}\n" for line in body)
        + "    return make\n"
    )
    return src, ns


def _compile_fast(spec: TypeSpec) -> FastBinder:
    src, ns = _fast_source(spec)
    exec(compile(src, f"<changrenzhi fast reader: {spec.cls.TYPE}>", "exec"), ns)
    bind: FastBinder = ns["_bind"]
    return bind


def _fast_able(spec: TypeSpec) -> bool:
    """A fast reader for each type whose fields hold no object: the line loop counts the keys of a
    line's own object only (to find a key named twice: see :mod:`.lines`), so ``contact.assigned``,
    whose ``contacts`` are objects, is read by the generic path (one line per rep, once)."""
    return all(f.check is not check_contacts for f in spec.fields)


class _Binders(Mapping[str, FastBinder]):
    """The fast readers by type, each compiled the first time a reader meets its type (compiling
    all 37 would cost a short command's start-up some 15 ms)."""

    def __init__(self) -> None:
        self._compiled: dict[str, FastBinder] = {}

    def __getitem__(self, etype: str) -> FastBinder:
        bind = self._compiled.get(etype)
        if bind is None:
            spec = SPECS[etype]
            if not _fast_able(spec):
                raise KeyError(etype)
            bind = self._compiled[etype] = _compile_fast(spec)
        return bind

    def __iter__(self) -> Iterator[str]:
        return (t for t, spec in SPECS.items() if _fast_able(spec))

    def __len__(self) -> int:
        return sum(1 for _ in self)


#: a fast reader for each type whose fields hold no object (compiled on first use)
FAST_BINDERS: Mapping[str, FastBinder] = _Binders()
