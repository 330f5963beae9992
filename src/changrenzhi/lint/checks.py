"""The checks lint makes beyond the loader's: ranges of values, quotes against the source texts,
and rules that contradict, shadow or leave the parent's band (docs/PACKS.md, ``lint``).

Each check records its problems on a :class:`~.model.Recorder`, at the path of the value it names.

- :func:`ranges`: ``min`` <= ``max``, shares in (0, 1], counts and days >= 0 (CRZ101-CRZ103), on
  a rule's raw params, so that they are checked whatever the kind, known or not;
- :func:`quotes`: every citation whose source text was given quotes its line exactly (CRZ121, CRZ122);
- :mod:`.overlaps`: two rules of one kind over overlapping subjects whose bands are disjoint
  (CRZ110) or one inside the other (CRZ111), with the helpers for bands here;
- :func:`overrides`: an override whose band leaves the band of the parent's rule (CRZ130).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

from ..kinds.base import SHARE_PATTERN
from ..pack.dated import DATED, is_dated
from ..pack.lines import conflicts, line_accounts
from ..pack.model import PackModel, Rule
from .model import Loc, Recorder, Sub

__all__ = [
    "BAND_KEYS_EXTRA",
    "Interval",
    "band_name",
    "band_pairs",
    "fig",
    "interval",
    "overrides",
    "quotes",
    "ranges",
]

Band = tuple[str | None, str | None]
Interval = tuple[Any, Any]

#: parameters that are not a band's bounds and do not tell two rules' subjects apart
BAND_KEYS_EXTRA = frozenset({"target", "tolerance", "presence"})


# ---- ranges ---------------------------------------------------------------------
def ranges(rec: Recorder, params: Any, where: Loc) -> set[Loc]:
    """min <= max, shares in (0, 1], counts and days >= 0, anywhere in a rule's raw params.
    Returns the paths flagged."""
    flagged: set[Loc] = set()
    if not isinstance(params, dict):
        return flagged
    for lo_key, hi_key in band_pairs(params).values():
        if lo_key is None or hi_key is None:
            continue
        lo, hi = _number(params[lo_key]), _number(params[hi_key])
        if lo is not None and hi is not None and lo > hi:
            rec.add(
                "CRZ101",
                (*where, lo_key),
                "min-above-max",
                low=lo_key,
                lo=params[lo_key],
                high=hi_key,
                hi=params[hi_key],
            )
            flagged.update({(*where, lo_key), (*where, hi_key)})
    for key, value in params.items():
        loc: Loc = (*where, key)
        if is_dated(value) and isinstance(value.get(DATED), list):
            for j, entry in enumerate(value[DATED]):
                if isinstance(entry, dict) and "value" in entry:
                    vloc: Loc = (*loc, DATED, j, "value")
                    if _scalar(rec, key, entry["value"], vloc):
                        flagged.add(vloc)
        elif isinstance(value, dict):
            flagged |= ranges(rec, value, loc)
        elif _scalar(rec, key, value, loc):
            flagged.add(loc)
    return flagged


def _scalar(rec: Recorder, key: str, value: Any, loc: Loc) -> bool:
    """A share in (0, 1], a count or a number of days not below 0; True when flagged."""
    if _is_share_key(key) and value is not None:
        share = _share(value)
        if share is None:
            rec.add("CRZ102", loc, "not-a-share", value=value)
            return True
        if not 0 < share <= 1:
            rec.add("CRZ102", loc, "share-range", value=value)
            return True
    elif _is_count_key(key):
        n = _number(value)
        if n is not None and n < 0:
            rec.add("CRZ103", loc, "negative", value=value)
            return True
    return False


# ---- quotes ---------------------------------------------------------------------
def quotes(rec: Recorder, sources: Mapping[str, Sequence[str]], node: Any, loc: Loc = ()) -> None:
    """Every citation anywhere in the pack whose source text was given: the quoted phrase
    must be on the cited line."""
    if isinstance(node, dict):
        src, line, text = node.get("source"), node.get("line"), node.get("text")
        if isinstance(src, str) and isinstance(line, int) and isinstance(text, str) and src in sources:
            _quote(rec, src, sources[src], line, text, loc)
        for k, v in node.items():
            quotes(rec, sources, v, (*loc, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            quotes(rec, sources, v, (*loc, i))


def _quote(rec: Recorder, source: str, lines: Sequence[str], line: int, text: str, loc: Loc) -> None:
    if line < 1 or line > len(lines):
        rec.add("CRZ122", (*loc, "line"), "line-past-source", source=source, count=len(lines), line=line)
        return
    if text in lines[line - 1]:
        return
    found = [str(n) for n, ln in enumerate(lines, 1) if text in ln]
    if found:
        shown = ", ".join(found[:5]) + ("…" if len(found) > 5 else "")
        where = Sub("quote-found-at", {"lines": shown})
    else:
        where = Sub("quote-nowhere", {})
    rec.add("CRZ121", (*loc, "text"), "quote-not-on-line", source=source, line=line, text=text, where=where)


# ---- every line ----------------------------------------------------------------
def line_accounting(rec: Recorder, model: PackModel) -> None:
    """A pack that notes its lines (``lines:``) accounts for every line of its ranges (CRZ140), and a
    note says what the citations of its line say (CRZ141)."""
    if not model.lines:
        return
    for k, cited in conflicts(model):
        note = model.lines[k]
        rec.add(
            "CRZ141", ("lines", k, "status"), "line-conflict", line=note.line, status=note.status, cited=cited
        )
    missing: dict[str, list[int]] = {}
    for a in line_accounts(model):
        if a.status == "missing":
            missing.setdefault(a.source, []).append(a.line)
    for source, numbers in missing.items():
        shown = ", ".join(str(n) for n in numbers[:10]) + ("…" if len(numbers) > 10 else "")
        rec.add("CRZ140", ("lines",), "line-unaccounted", source=source, lines=shown, count=len(numbers))


# ---- overlaps and overrides -----------------------------------------------------
def overrides(rec: Recorder, rules: Iterable[Rule]) -> None:
    """An override (``extends:``, docs/PACKS.md) whose band leaves the band of the parent's rule (CRZ130)."""
    for r in rules:
        parent = r.overrides
        if parent is None:
            continue
        mine, theirs = r.params.model_dump(), parent.params.model_dump()
        pairs_mine, pairs_theirs = band_pairs(mine), band_pairs(theirs)
        for name in sorted(set(pairs_mine) & set(pairs_theirs)):
            im, it = interval(mine, pairs_mine[name]), interval(theirs, pairs_theirs[name])
            if it is None:
                continue
            if im is None or not _contains(it, im):
                rec.add(
                    "CRZ130",
                    ("rules", r.index, "params"),
                    "override-range",
                    parent=_pack_of(parent),
                    rule=r.id,
                    band=band_name(name),
                    mine=fig(im if im is not None else _raw_interval(mine, pairs_mine[name])),
                    theirs=fig(it),
                )


def _pack_of(rule: Rule) -> str:
    """The id of the pack that wrote a rule."""
    origin = rule.provenance.get("id")
    return origin.pack if origin is not None and origin.pack else "?"


# ---- bands ----------------------------------------------------------------------
def band_pairs(params: Mapping[str, Any]) -> dict[str, Band]:
    """Band name -> (key of its lower bound, key of its upper bound), for the keys present.

    ``min``/``max``; ``X_min``/``X_max``; ``min_X``/``max_X``.
    """
    out: dict[str, Band] = {}

    def put(name: str, lo: str | None, hi: str | None) -> None:
        cur = out.get(name, (None, None))
        out[name] = (lo or cur[0], hi or cur[1])

    for key in params:
        if key == "min":
            put("min/max", key, None)
        elif key == "max":
            put("min/max", None, key)
        elif key.endswith("_min"):
            put(key[:-4], key, None)
        elif key.endswith("_max"):
            put(key[:-4], None, key)
        elif key.startswith("min_"):
            put(key[4:], key, None)
        elif key.startswith("max_"):
            put(key[4:], None, key)
    return out


def band_name(name: str) -> str:
    return name if name != "min/max" else "min–max"


def _number(v: Any) -> Fraction | None:
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, int):
        return Fraction(v)
    if isinstance(v, float):
        return Fraction(str(v)) if math.isfinite(v) else None
    if isinstance(v, Fraction):
        return v
    return None


def _share(value: Any) -> Fraction | None:
    if isinstance(value, bool):
        return None
    try:
        if isinstance(value, float):
            return Fraction(str(value)) if math.isfinite(value) else None
        if isinstance(value, int | Fraction):
            return Fraction(value)
        if isinstance(value, str) and re.match(SHARE_PATTERN, value):  # (not Fraction('1e-99999999'))
            return Fraction(value.strip())
    except ZeroDivisionError:
        return None
    return None


def _is_share_key(key: str) -> bool:
    return key in ("share", "ratio", "fraction", "majority") or key.endswith(
        ("_share", "_ratio", "_fraction", "_majority")
    )


def _is_count_key(key: str) -> bool:
    return (
        key in ("min", "max", "days", "target", "tolerance")
        or key.endswith(("_min", "_max", "_days"))
        or key.startswith(("min_", "max_", "days_"))
    )


def interval(params: Mapping[str, Any], pair: Band) -> Interval | None:
    """The band's (lo, hi), or None when it checks nothing (no bound, or only a lower bound of 0)."""
    lo_n, hi_n = _raw_interval(params, pair)
    if lo_n is not None and lo_n <= 0 and hi_n is None:
        return None
    if lo_n is None and hi_n is None:
        return None
    return lo_n, hi_n


def _raw_interval(params: Mapping[str, Any], pair: Band) -> Interval:
    return (
        _number(params.get(pair[0])) if pair[0] else None,
        _number(params.get(pair[1])) if pair[1] else None,
    )


def _contains(outer: Interval, inner: Interval) -> bool:
    lo_ok = outer[0] is None or (inner[0] is not None and inner[0] >= outer[0])
    hi_ok = outer[1] is None or (inner[1] is not None and inner[1] <= outer[1])
    return lo_ok and hi_ok


def fig(iv: Interval) -> str:
    lo, hi = (None if v is None else (int(v) if v.denominator == 1 else str(v)) for v in iv)
    if lo is not None and hi is not None:
        return str(lo) if lo == hi else f"{lo}–{hi}"
    if lo is not None:
        return f"≥{lo}"
    return f"≤{hi}" if hi is not None else "—"
