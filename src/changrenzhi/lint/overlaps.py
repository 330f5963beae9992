"""Rules of one kind over overlapping subjects whose bands contradict each other (CRZ110) or of
which one leaves the other nothing to find (CRZ111), in ``n log n`` of the number of rules.

Two rules of one kind have overlapping subjects when every parameter but the bands is equal, and
every list shares a member (or both are empty). Rules are put in buckets, one for each tuple of
members of their lists (a rule whose lists combine into more than :data:`MAX_TUPLES` tuples goes
in one bucket, with the rules whose lists are the same sets): two rules overlap exactly when they
share a bucket. In a bucket, for each band:

- a rule whose band is disjoint from the band of an earlier rule contradicts it (CRZ110, on the
  later rule), named by the earlier band that is farthest from it (its lowest ceiling, or its
  highest floor);
- a rule whose band equals the band of an earlier rule of the same severity duplicates it
  (CRZ111, on the later rule, naming the first);
- a rule whose band holds the band of another rule of the same severity is shadowed by it (CRZ111,
  on the wider rule, naming the narrowest).

So each rule is named at most once per band and code, however many rules it meets: the output
grows with the pack, not with the pairs of its rules.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..pack.model import Rule
from .checks import BAND_KEYS_EXTRA, Interval, band_name, band_pairs, fig, interval
from .model import Recorder

__all__ = ["MAX_TUPLES", "overlaps"]

#: a rule whose lists combine into more tuples of members than this is compared only with the
#: rules whose lists are the same sets (a list of a parameter holds at most 100 values)
MAX_TUPLES = 100
_EMPTY = "\0empty"
_LOW, _HIGH = float("-inf"), float("inf")


@dataclass(frozen=True, slots=True)
class _Band:
    """A rule's band of one name: ``iv`` as written (``None``: unbounded), ``lo``/``hi`` as numbers."""

    rule: Rule
    iv: Interval
    lo: Any
    hi: Any

    @property
    def index(self) -> int:
        return self.rule.index


#: (the rule's index, the message key, the band's name) -> (its band, the other rule's band)
_Found = dict[tuple[int, str, str], tuple[_Band, _Band]]


def overlaps(rec: Recorder, rules: Iterable[Rule]) -> None:
    """Record CRZ110 and CRZ111 (module docstring)."""
    buckets: dict[tuple[Any, ...], list[tuple[Rule, dict[str, Any]]]] = {}
    for r in rules:
        params = r.params.model_dump()
        for bucket in _buckets(r.kind, params):
            buckets.setdefault(bucket, []).append((r, params))
    found: _Found = {}
    for group in buckets.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda rp: rp[0].index)
        for name, pair in sorted(band_pairs(group[0][1]).items()):
            bands = [_Band(r, iv, *_ends(iv)) for r, p in group if (iv := interval(p, pair)) is not None]
            _contradictions(bands, name, found)
            by_severity = sorted(bands, key=lambda b: (b.rule.severity, b.index))
            for _, same in itertools.groupby(by_severity, key=lambda b: b.rule.severity):
                _shadows(list(same), name, found)
    for (_, key, name), (at, other) in sorted(found.items(), key=lambda kv: kv[0]):
        rec.add(
            "CRZ110" if key == "contradiction" else "CRZ111",
            ("rules", at.index, "params"),
            key,
            other=other.rule.id,
            other_line=rec.line(("rules", other.index)),
            band=band_name(name),
            mine=fig(at.iv),
            theirs=fig(other.iv),
        )


def _keep(found: _Found, at: _Band, key: str, name: str, other: _Band) -> None:
    """Name ``other`` for ``at``, unless an earlier rule is named already (from another bucket)."""
    slot = (at.index, key, name)
    old = found.get(slot)
    if old is None or other.index < old[1].index:
        found[slot] = (at, other)


def _contradictions(bands: list[_Band], name: str, found: _Found) -> None:
    """A band disjoint from an earlier one: the earlier band with the lowest ceiling below its
    floor, or else the highest floor above its ceiling."""
    lowest_hi: _Band | None = None
    highest_lo: _Band | None = None
    for b in bands:  # in the pack's order
        other = None
        if lowest_hi is not None and lowest_hi.hi < b.lo:
            other = lowest_hi
        if (
            highest_lo is not None
            and highest_lo.lo > b.hi
            and (other is None or highest_lo.index < other.index)
        ):
            other = highest_lo
        if other is not None:
            _keep(found, b, "contradiction", name, other)
        if lowest_hi is None or b.hi < lowest_hi.hi:
            lowest_hi = b
        if highest_lo is None or b.lo > highest_lo.lo:
            highest_lo = b


def _shadows(bands: list[_Band], name: str, found: _Found) -> None:
    """Bands of one severity: a band equal to an earlier one duplicates it; a band that holds
    another, not equal, is shadowed by the narrowest such (lowest ceiling, then first)."""
    first: dict[Interval, _Band] = {}
    for b in sorted(bands, key=lambda b: b.index):
        seen = first.setdefault(b.iv, b)
        if seen is not b:
            _keep(found, b, "duplicate-band", name, seen)
    # by floor, highest first: every band inserted before a band is queried has a floor at least
    # as high; the best two of distinct intervals, by (ceiling, index), answer the query
    best: _Band | None = None
    second: _Band | None = None
    ordered = sorted(bands, key=lambda b: (-b.lo if b.lo != _LOW else _HIGH, b.index))
    for _, level in itertools.groupby(ordered, key=lambda b: b.lo):
        same = list(level)
        for b in same:
            best, second = _insert(best, second, b)
        for w in same:
            inner = best if best is not None and best.iv != w.iv else second
            if inner is not None and inner.hi <= w.hi:
                _keep(found, w, "shadowed", name, inner)


def _insert(best: _Band | None, second: _Band | None, b: _Band) -> tuple[_Band | None, _Band | None]:
    """The best two bands of distinct intervals by (ceiling, index), with ``b`` among the candidates."""
    if best is None or (b.hi, b.index) < (best.hi, best.index):
        if best is not None and best.iv != b.iv:
            second = best
        return b, second
    if b.iv != best.iv and (second is None or (b.hi, b.index) < (second.hi, second.index)):
        second = b
    return best, second


def _ends(iv: Interval) -> tuple[Any, Any]:
    return (_LOW if iv[0] is None else iv[0]), (_HIGH if iv[1] is None else iv[1])


def _buckets(kind: str, params: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
    """The buckets of a rule: its kind, the parameters that are neither bands nor lists, and one
    tuple of members of its lists for each way to pick one member of each (an empty list is its
    own member)."""
    skip = {k for pr in band_pairs(params).values() for k in pr if k} | BAND_KEYS_EXTRA
    plain: list[tuple[str, str]] = []
    lists: list[tuple[str, list[str]]] = []
    for key in sorted(params):
        if key in skip:
            continue
        value = params[key]
        if isinstance(value, list):
            members = sorted({_canon(v) for v in value}) or [_EMPTY]
            lists.append((key, members))
        else:
            plain.append((key, _canon(value)))
    head = (kind, tuple(plain), tuple(k for k, _ in lists))
    tuples = 1
    for _, members in lists:
        tuples *= len(members)
    if tuples > MAX_TUPLES:
        yield (*head, "same-sets", tuple(tuple(m) for _, m in lists))
        return
    for pick in itertools.product(*(m for _, m in lists)):
        yield (*head, "members", pick)


def _canon(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
