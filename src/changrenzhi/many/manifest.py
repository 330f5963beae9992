"""The manifest of ``check-many``: which towns, each with its pack, its log and its as-of date.

A CSV file (a header row naming the columns ``town``, ``pack``, ``log``, ``as_of``; ``as_of`` may be
left out or empty when the command line gives ``--as-of``) or a YAML file (``towns:``, a list of
mappings with the same keys, and an optional ``as_of:`` beside it for every town that gives none):

    town,pack,log,as_of
    城关镇,guoyuan,logs/城关镇.jsonl,2016-06-30
    新港镇,packs/xingang,logs/新港镇.jsonl,2016-06-30

A pack is a shipped pack's name or a path; a path, like a log, is relative to the manifest's
folder. A town's name becomes a folder of the dataset (``findings/town=<town>/``), so it must be
safe as one: no ``/`` or ``\\``, no ``..``, no control or invisible character, not blank, at most
100 characters, and no two towns alike but for case. Every problem is reported with its line and
field, all at once (:class:`ManifestError`, exit status 2); nothing runs on a bad manifest.
"""

from __future__ import annotations

import csv
import io
import os
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import Problem, _LocatedError
from ..events.fields import BadValue, parse_date
from ..pack.yamlsafe import load_yaml

__all__ = ["COLUMNS", "MAX_BYTES", "MAX_TOWNS", "ManifestError", "TownEntry", "read_manifest", "town_problem"]

#: the columns of a manifest, in the order a CSV manifest writes them
COLUMNS = ("town", "pack", "log", "as_of")
#: the largest manifest read (a province of 1,500 towns takes about 150 KB)
MAX_BYTES = 16 * 1024 * 1024
#: the most towns one manifest may list
MAX_TOWNS = 100_000
#: the longest town name
MAX_NAME = 100
_YAML_SUFFIXES = (".yaml", ".yml")


class ManifestError(_LocatedError):
    """A manifest that cannot be used: every problem, each with its line and field."""


@dataclass(frozen=True, slots=True)
class TownEntry:
    """One town of a manifest, as written there (``pack`` and ``log`` unresolved), and its line."""

    town: str
    pack: str
    log: str
    as_of: date
    line: int | None = None


def town_problem(name: str) -> str | None:
    """Why ``name`` cannot name a town (a folder of the dataset), or None when it can."""
    if not name.strip():
        return "a town needs a name"
    if name != name.strip():
        return "a town's name may not begin or end with a space"
    if len(name) > MAX_NAME:
        return f"a town's name is at most {MAX_NAME} characters"
    if "/" in name or "\\" in name:
        return "a town's name may not hold '/' or '\\' (it names a folder of the dataset)"
    if ".." in name or name.startswith("."):
        return "a town's name may not hold '..' or begin with '.' (it names a folder of the dataset)"
    for ch in name:
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            return f"a town's name may not hold the character U+{ord(ch):04X}"
    return None


def read_manifest(path: str | os.PathLike[str], as_of: date | None = None) -> list[TownEntry]:
    """The towns of a manifest (CSV, or YAML by its ``.yaml``/``.yml`` suffix), in its order.

    ``as_of`` is the date of every town the manifest gives none. Raises :class:`ManifestError`
    with every problem found."""
    file = os.fspath(path)
    try:
        with open(file, "rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ManifestError([Problem(file, None, None, "no such manifest")]) from None
    except IsADirectoryError:
        raise ManifestError([Problem(file, None, None, "a folder, not a manifest")]) from None
    except OSError as exc:
        raise ManifestError([Problem(file, None, None, f"cannot read: {exc.strerror or exc}")]) from None
    if len(raw) > MAX_BYTES:
        raise ManifestError([Problem(file, None, None, f"larger than {MAX_BYTES} bytes")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ManifestError([Problem(file, line, None, "not UTF-8 text")]) from None
    if Path(file).suffix.lower() in _YAML_SUFFIXES:
        rows, problems = _yaml_rows(text, file)
    else:
        rows, problems = _csv_rows(text, file)
    towns = _entries(rows, file, as_of, problems)
    if problems:
        raise ManifestError(sorted(problems, key=lambda p: p.line or 0))
    if not towns:
        raise ManifestError([Problem(file, None, None, "the manifest lists no town")])
    return towns


#: a row: its line, and its values by column (a value of another type than str: as YAML gave it)
_Row = tuple[int | None, dict[str, Any]]


def _csv_rows(text: str, file: str) -> tuple[list[_Row], list[Problem]]:
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[_Row] = []
    header: list[str] | None = None
    try:
        for record in reader:
            line = reader.line_num
            if not record or all(not v.strip() for v in record) or record[0].startswith("#"):
                continue
            if header is None:
                header = [v.strip() for v in record]
                unknown = [h for h in header if h not in COLUMNS]
                for h in unknown:
                    problems.append(
                        Problem(file, line, h, f"unknown column (the columns: {', '.join(COLUMNS)})")
                    )
                for c in ("town", "pack", "log"):
                    if c not in header:
                        problems.append(Problem(file, line, c, "missing column"))
                if len(set(header)) != len(header):
                    problems.append(Problem(file, line, None, "a column is named twice"))
                if problems:
                    return [], problems
                continue
            if len(record) != len(header):
                problems.append(
                    Problem(file, line, None, f"{len(record)} values where the header names {len(header)}")
                )
                continue
            rows.append((line, dict(zip(header, record, strict=True))))
            if len(rows) > MAX_TOWNS:
                return [], [Problem(file, line, None, f"more than {MAX_TOWNS} towns")]
    except csv.Error as exc:
        problems.append(Problem(file, reader.line_num or None, None, f"CSV: {exc}"))
    if header is None and not problems:
        problems.append(Problem(file, None, None, "the manifest is empty (it needs a header row)"))
    return rows, problems


def _yaml_rows(text: str, file: str) -> tuple[list[_Row], list[Problem]]:
    try:
        data, lines = load_yaml(text, file)
    except _LocatedError as exc:
        return [], list(exc.problems)
    problems: list[Problem] = []
    default: Any = None
    if isinstance(data, dict):
        for key in data:
            if key not in ("towns", "as_of"):
                problems.append(Problem(file, lines.line((key,)), str(key), "unknown key (towns, as_of)"))
        default = data.get("as_of")
        items = data.get("towns")
        where: tuple[Any, ...] = ("towns",)
    else:
        items, where = data, ()
    if not isinstance(items, list):
        problems.append(Problem(file, lines.line(where), "towns", "expected a list of towns"))
        return [], problems
    if len(items) > MAX_TOWNS:
        return [], [Problem(file, lines.line(where), "towns", f"more than {MAX_TOWNS} towns")]
    rows: list[_Row] = []
    for i, item in enumerate(items):
        at = (*where, i)
        field = f"towns[{i}]"
        if not isinstance(item, dict):
            problems.append(
                Problem(file, lines.line(at), field, "expected a mapping (town, pack, log, as_of)")
            )
            continue
        row: dict[str, Any] = {}
        for key, value in item.items():
            if key not in COLUMNS:
                problems.append(Problem(file, lines.line((*at, key)), f"{field}.{key}", "unknown key"))
            else:
                row[key] = value
        if "as_of" not in row and default is not None:
            row["as_of"] = default
        rows.append((lines.line(at), row))
    return rows, problems


def _entries(rows: list[_Row], file: str, as_of: date | None, problems: list[Problem]) -> list[TownEntry]:
    out: list[TownEntry] = []
    seen: dict[str, int | None] = {}
    for line, row in rows:
        values: dict[str, str] = {}
        bad = False
        for column in ("town", "pack", "log"):
            value = row.get(column)
            if not isinstance(value, str) or not value.strip():
                problems.append(
                    Problem(file, line, column, "missing" if value in (None, "") else "expected text")
                )
                bad = True
            else:
                values[column] = value if column == "town" else value.strip()
        day = _day(row.get("as_of"), as_of)
        if isinstance(day, str):
            problems.append(Problem(file, line, "as_of", day))
            bad = True
        if bad:
            continue
        name = values["town"]
        why = town_problem(name)
        if why is not None:
            problems.append(Problem(file, line, "town", why))
            continue
        for column in ("pack", "log"):
            if any(unicodedata.category(ch) == "Cc" for ch in values[column]):
                problems.append(Problem(file, line, column, "a control character"))
                bad = True
        key = name.casefold()
        if key in seen:
            first = seen[key]
            problems.append(
                Problem(
                    file,
                    line,
                    "town",
                    f"{name!r} is listed twice" + (f" (first on line {first})" if first else ""),
                )
            )
            continue
        seen[key] = line
        if bad or not isinstance(day, date):
            continue
        out.append(TownEntry(name, values["pack"], values["log"], day, line))
    return out


def _day(value: Any, default: date | None) -> date | str:
    """The as-of date of a row, or why it has none."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if default is None:
            return "missing (give it in the manifest, or --as-of for every town that gives none)"
        return default
    if isinstance(value, date):
        value = value.isoformat()
    if not isinstance(value, str):
        return "expected a date, YYYY-MM-DD"
    try:
        return parse_date(value.strip())
    except BadValue as bad:
        return str(bad)
