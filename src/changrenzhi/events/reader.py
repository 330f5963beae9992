"""Reading a log: :func:`read_events`, the loop over its lines, and the problems found, each located.

The lines come bounded (:mod:`.lines`: at most 64 KiB each, a file read in chunks). Every line that
starts with ``{`` is parsed once and given to its type's fast reader (:mod:`.fast`); a line the fast
reader declines, and every other line (comments, blank lines, marked lines, errors), goes to the
generic path, ``_Reader.line``, which checks field by field (:mod:`.fields`) and says what is wrong,
strict JSON first (no key twice, no ``NaN`` or ``Infinity``). The loop counts the keys of the lines the
fast path read against the colons of each piece of lines: a piece with more colons has its lines
checked again for a key named twice (``_recheck``). References to reps, groups and committee members
are checked once the whole log is read.
"""

from __future__ import annotations

import bisect
import gc
import io
import itertools
import operator
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn

import pydantic_core

from ..errors import EventLogError, Problem
from .fast import FAST_BINDERS, FastMake
from .fields import (
    DATE_CACHE,
    SPECS,
    BadValue,
    TypeSpec,
    control_in,
    is_extension,
    parse_date,
    show,
    show_json,
    show_key,
)
from .lines import Marked, bounded_pieces, duplicate_key, json_problem
from .log import EventLog, by_date
from .types import EVENT_TYPES, REFERENCES, Event


def read_events(
    source: str | os.PathLike[str] | Iterable[str | bytes],
    *,
    name: str | None = None,
    max_errors: int = 50,
) -> EventLog:
    """Read and validate a JSON Lines event log.

    ``source`` is a path, or an iterable of lines (then ``name`` labels them in
    errors). Blank lines and lines starting with ``#`` are skipped. Raises
    :class:`EventLogError` listing every problem found (up to ``max_errors``),
    each with its line and field.
    """
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        label = name or str(source)
        reader = _Reader(label, max_errors)
        try:
            handle = path.open("rb")
        except OSError as exc:
            raise EventLogError([Problem(label, None, None, f"cannot open: {exc.strerror or exc}")]) from None
        with handle:
            _feed(reader, handle)
        return reader.finish()
    reader = _Reader(name or "<events>", max_errors)
    _feed(reader, source)
    return reader.finish()


def _feed(reader: _Reader, lines: Iterable[str | bytes]) -> None:
    """Feed lines to ``reader`` with the cyclic garbage collector paused.

    Reading allocates an object per event and creates no cycles; left running,
    the collector would traverse the growing log again and again (a third of the
    reading time for a million events).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        _feed_lines(reader, lines)
    finally:
        if enabled:
            gc.enable()


def _feed_lines(reader: _Reader, lines: Iterable[str | bytes]) -> None:
    """Feed lines to ``reader``: the fast path for well-formed lines that start with ``{``,
    the generic path (``_feed_line``) for everything else and for any line the fast path declines."""
    # Caching keys only: values that recur (reps, groups, people) are interned by the field
    # checks anyway, and caching every value (ids are unique) costs a fifth of the parse.
    from_json = pydantic_core.from_json
    fast = reader.fast
    seen = reader.seen
    seen_add = seen.add
    append = reader.events.append
    dates = DATE_CACHE
    lineno = 0
    for piece, colons in bounded_pieces(lines):
        # the keys of each line (the colons of a line the generic path took): as many as the
        # piece's colons, or some line names a key twice, or holds a colon in a string (_recheck)
        keys: list[int] = []
        count = keys.append
        first = lineno + 1  # lineno goes on from piece to piece
        for lineno, raw in enumerate(piece, first):
            if raw[:1] == b"{":  # a Marked line starts with nothing
                # NaN and Infinity parse, but no fast reader accepts a float that is not finite (days
                # must be at most 366; a producer's own field holding a float goes to the generic path)
                try:
                    obj = from_json(raw, cache_strings="keys")  # type: ignore[arg-type]
                except ValueError:
                    obj = None
                if type(obj) is dict:
                    try:
                        etype = obj["type"]
                        make = fast.get(etype) if type(etype) is str else None
                        eid = obj["id"]
                        if make is not None and type(eid) is str and eid and eid not in seen:
                            d = obj["date"]
                            when = dates.get(d) if type(d) is str else None
                            if when is not None:
                                ev = make(obj, eid, when, lineno)
                                if ev is not None:
                                    seen_add(eid)
                                    append(ev)
                                    count(len(obj))
                                    continue
                    except KeyError:  # a required field is missing: the generic path says which
                        pass
            count(_feed_line(reader, lineno, raw))
        if sum(keys) != colons:
            _recheck(reader, piece, keys, first - 1)


def _recheck(reader: _Reader, piece: list[bytes | Marked] | io.BytesIO, keys: list[int], before: int) -> None:
    """Find the lines of a piece with more colons than keys, and among them any that names a key
    twice (the others hold a colon in a string)."""
    if isinstance(piece, io.BytesIO):
        piece.seek(0)
    for lineno, (raw, k) in enumerate(zip(piece, keys, strict=True), before + 1):
        if type(raw) is bytes and raw.count(b":") != k:
            found = duplicate_key(raw, pydantic_core.from_json(raw))  # a line the fast path read
            if found is not None:
                reader.problem(lineno, *found)


#: byte-order marks of the encodings a log is not in (UTF-32 before UTF-16: it begins alike)
_OTHER_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"),
)  # fmt: skip


def _feed_line(reader: _Reader, lineno: int, raw: bytes | Marked) -> int:
    """The generic path for one line: comments, blank lines, a byte-order mark, and every error.
    Returns the colons of the line (which the line loop counts: see ``_feed_lines``)."""
    if type(raw) is Marked:
        if raw.note is not None:
            reader.problem(lineno, None, raw.note)
            return 0
        raw = raw.raw
    line: bytes = raw  # type: ignore[assignment]
    stripped = line.strip()
    if lineno == 1:  # a byte-order mark comes before anything else, a comment included
        for bom, encoding in _OTHER_BOMS:
            if line.startswith(bom):
                reader.stop(lineno, f"the log is {encoding} (it begins with a byte-order mark), not UTF-8")
        stripped = stripped.removeprefix(b"\xef\xbb\xbf")
    if stripped and stripped[0] != 35:  # not blank, not a comment (35 is b"#")
        reader.line(lineno, stripped)
    return line.count(b":")


class _Reader:
    """One reading of a log: the events so far, the problems found, the references to check at the end.

    ``line`` is the generic path for one line; each type's fast reader (``fast``) is bound to this
    reader's lists and references, so that both paths leave the same state behind. ``finish`` checks
    the references and returns the log, or raises every problem found.
    """

    def __init__(self, name: str, max_errors: int) -> None:
        self.name = name
        self.max_errors = max_errors
        self.problems: list[Problem] = []
        self.seen: set[str] = set()
        self.events: list[Event] = []
        # for each sort of reference (REFERENCES): the first line and field naming each id, the ids defined
        self.refs: tuple[dict[str, tuple[int, str]], ...] = tuple({} for _ in REFERENCES)
        self.known: tuple[set[str], ...] = tuple(set() for _ in REFERENCES)
        # events by type, in file order; the fast path appends to these lists directly
        self.by_type: dict[str, list[Event]] = {t: [] for t in EVENT_TYPES}
        self.fast: dict[str, FastMake] = {
            t: bind(self.refs, self.known, self.by_type[t].append) for t, bind in FAST_BINDERS.items()
        }

    def problem(self, line: int, fld: str | None, message: str) -> None:
        # in line order: a problem found when a piece of lines is checked again comes after the
        # problems of later lines of the piece
        bisect.insort(self.problems, Problem(self.name, line, fld, message), key=_line_of)
        if len(self.problems) >= self.max_errors:
            raise EventLogError(
                [*self.problems, Problem(self.name, None, None, f"stopped after {self.max_errors} errors")]
            )

    def stop(self, line: int, message: str) -> NoReturn:
        """A problem that makes the rest of the log unreadable: report it with those found so far."""
        self.problems.append(Problem(self.name, line, None, message))
        raise EventLogError(self.problems)

    def line(self, lineno: int, raw: bytes) -> None:
        """Check one line field by field: the event, or the first problem with its field."""
        try:
            obj = pydantic_core.from_json(raw, cache_strings="keys")
        except ValueError as exc:
            hint = " (it holds NUL bytes: is the log UTF-16, or not text?)" if b"\x00" in raw else ""
            self.problem(lineno, None, f"not valid JSON ({exc}){hint}")
            return
        if type(obj) is not dict:
            self.problem(lineno, None, "expected a JSON object")
            return
        strict = json_problem(raw, obj)
        if strict is not None:
            self.problem(lineno, *strict)
            return
        etype = obj.get("type")
        spec = SPECS.get(etype) if type(etype) is str else None
        if spec is None:
            if etype is None:
                self.problem(lineno, "type", "required")
            elif type(etype) is str:
                self.problem(lineno, "type", f"unknown event type {show(etype)}{_suggest(etype)}")
            else:
                self.problem(lineno, "type", f"expected a string, got {show_json(etype)}")
            return
        eid = obj.get("id")
        if type(eid) is not str or not eid:
            self.problem(
                lineno,
                "id",
                "required, a non-empty string" if eid is None else f"expected a string, got {show(eid)}",
            )
            return
        controls = control_in(eid)
        if controls is not None:
            self.problem(lineno, "id", controls)
            return
        if eid in self.seen:
            self.problem(lineno, "id", f"duplicate id {show(eid)}")
            return
        self.seen.add(eid)
        try:
            when = parse_date(obj.get("date"))
        except BadValue as bad:
            self.problem(lineno, "date", "required" if "date" not in obj else str(bad))
            return
        kwargs: dict[str, Any] = {}
        matched = 3
        for fs in spec.fields:
            value = obj.get(fs.name)
            if value is None:
                if fs.name in obj:
                    matched += 1
                    if fs.nullable:
                        continue
                    self.problem(lineno, fs.name, "must not be null")
                    return
                if fs.required:
                    self.problem(lineno, fs.name, "required")
                    return
                continue
            matched += 1
            try:
                kwargs[fs.name] = checked = fs.check(value)
            except BadValue as bad:
                self.problem(lineno, fs.name, str(bad))
                return
            if fs.ids:
                controls = control_in(checked)
                if controls is not None:
                    self.problem(lineno, fs.name, controls)
                    return
        if matched != len(obj):
            extra = sorted(k for k in obj if k not in spec.allowed and not is_extension(k))
            if extra:
                self.problem(
                    lineno, show_key(extra[0]), f"unknown field for {etype}{_suggest(extra[0], spec.allowed)}"
                )
                return
        ev = spec.cls(eid, when, lineno, **kwargs)
        if spec.event_check is not None:
            across = spec.event_check(ev)
            if across is not None:
                self.problem(lineno, *across)
                return
        self.events.append(ev)
        self.by_type[spec.cls.TYPE].append(ev)
        self._note_refs(spec, ev, lineno)

    def _note_refs(self, spec: TypeSpec, ev: Event, lineno: int) -> None:
        if spec.defines is not None:
            i, key = spec.defines
            self.known[i].add(getattr(ev, key))
        for i, name in spec.ref_fields:
            value = getattr(ev, name)
            if value is None:
                continue
            refs = self.refs[i]
            for ident in (value,) if type(value) is str else value:
                if ident not in refs:
                    refs[ident] = (lineno, name)

    def finish(self) -> EventLog:
        for ref, refs, known in zip(REFERENCES, self.refs, self.known, strict=True):
            for ident, (lineno, fld) in sorted(refs.items(), key=lambda kv: kv[1]):
                if ident not in known:
                    message = f"unknown {ref.what} {ident!r}: no {ref.defined_by} in the log"
                    self.problems.append(Problem(self.name, lineno, fld, message))
        if self.problems:
            raise EventLogError(self.problems[: self.max_errors])
        # A stable sort by date alone keeps file order within a day: exactly "date, then position".
        # Sorting each type's list the same way gives the same lists as filtering the sorted log.
        # A log written in date order (the usual case) needs no sort at all.
        events = self.events
        dates = list(map(by_date, events))
        if not all(map(operator.le, dates, itertools.islice(dates, 1, None))):
            events.sort(key=by_date)
            for evs in self.by_type.values():
                evs.sort(key=by_date)
        del dates
        return EventLog(self.name, events, {t: evs for t, evs in self.by_type.items() if evs})


def _line_of(problem: Problem) -> int:
    return problem.line or 0


def _suggest(word: str, choices: Iterable[str] | None = None) -> str:
    import difflib

    pool = list(choices) if choices is not None else list(EVENT_TYPES)
    close = difflib.get_close_matches(word, pool, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
