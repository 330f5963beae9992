"""The findings of a town as Parquet (the ``parquet`` extra, pyarrow), beside the JSON Lines.

One file per town, ``OUT/parquet/town=<town>/findings.parquet``: a Hive-style partition, so the
town is the partition's column and not repeated in the file (``pyarrow.dataset.dataset(OUT /
"parquet", partitioning="hive")``, Spark, Hive and DuckDB read it back with it). The columns are
those of a finding in ``findings.jsonl``; ``period`` is a struct of two dates (null for a finding
without a period), ``citation`` a struct, and ``details``, whose keys depend on the rule's kind, is
its JSON text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..errors import UsageError

__all__ = ["INSTALL", "parquet_bytes", "require_pyarrow"]

INSTALL = "pip install 'changrenzhi[parquet]'"


def require_pyarrow() -> Any:
    """pyarrow, or the usage error that says how to install it."""
    try:
        import pyarrow  # type: ignore[import-untyped]
        import pyarrow.parquet  # type: ignore[import-untyped]
    except ImportError:
        raise UsageError(f"--parquet needs pyarrow, which is not installed: {INSTALL}") from None
    return pyarrow


def _schema(pa: Any) -> Any:
    day = pa.date32()
    return pa.schema(
        [
            ("as_of", day),
            ("id", pa.string()),
            ("rule", pa.string()),
            ("kind", pa.string()),
            ("status", pa.string()),
            ("subject", pa.string()),
            ("period", pa.struct([("start", day), ("end", day)])),
            ("evidence", pa.list_(pa.string())),
            (
                "citation",
                pa.struct(
                    [
                        ("source", pa.string()),
                        ("line", pa.int64()),
                        ("text", pa.string()),
                        ("clause", pa.string()),
                    ]
                ),
            ),
            ("message", pa.string()),
            ("details", pa.string()),
        ]
    )


def parquet_bytes(findings: Sequence[dict[str, Any]]) -> bytes:
    """One town's findings (the objects of its ``findings.jsonl``) as a Parquet file."""
    from datetime import date

    pa = require_pyarrow()
    import pyarrow.parquet as pq

    def day(text: str) -> date:
        return date.fromisoformat(text)

    columns: dict[str, list[Any]] = {name: [] for name in _schema(pa).names}
    for f in findings:
        columns["as_of"].append(day(f["as_of"]))
        for key in ("id", "rule", "kind", "status", "subject", "message"):
            columns[key].append(f[key])
        period = f["period"]
        columns["period"].append(
            None if period is None else {"start": day(period["start"]), "end": day(period["end"])}
        )
        columns["evidence"].append(list(f["evidence"]))
        c = f["citation"]
        columns["citation"].append(
            {"source": c["source"], "line": c["line"], "text": c["text"], "clause": c.get("clause")}
        )
        columns["details"].append(json.dumps(f["details"], ensure_ascii=False, sort_keys=False))
    table = pa.Table.from_pydict(columns, schema=_schema(pa))
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return bytes(sink.getvalue().to_pybytes())
