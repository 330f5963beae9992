"""``check-many`` on Spark, for sites that already run Hadoop (pyspark is not a dependency).

The same per-town function as the other engines runs on the executors, one town per partition
of an RDD, and writes the same dataset byte for byte (the executors write each town's partition
into ``out``, so ``out`` must be a folder every executor sees: an NFS mount, or HDFS through a
FUSE mount; docs/MANY.md has the job and the Hive table over ``parquet/``)::

    from pyspark.sql import SparkSession
    from changrenzhi.many.spark import run_spark

    spark = SparkSession.builder.appName("changrenzhi-check-many").getOrCreate()
    result = run_spark(spark, "/shared/county/manifest.csv", "/shared/county/findings", parquet=True)
    spark.stop()
    raise SystemExit(result.exit_code)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from .run import ManyRun, Runner, run_many
from .town import TownJob, TownResult, check_town

__all__ = ["run_spark", "spark_runner"]


def spark_runner(spark: Any) -> Runner:
    """An engine that checks the towns on ``spark``'s executors (a ``SparkSession``)."""

    def run(todo: Sequence[TownJob]) -> Iterable[TownResult]:
        if not todo:
            return []
        rdd = spark.sparkContext.parallelize(list(todo), numSlices=len(todo))
        return list(rdd.map(check_town).collect())

    return run


def run_spark(
    spark: Any,
    manifest: str,
    out: str,
    *,
    as_of: date | None = None,
    pack_root: str | None = None,
    lang: str = "zh",
    parquet: bool = False,
) -> ManyRun:
    """``check-many MANIFEST --out OUT`` with the towns checked on Spark's executors."""
    return run_many(
        manifest,
        out,
        as_of=as_of,
        pack_root=pack_root,
        lang=lang,
        parquet=parquet,
        runner=spark_runner(spark),
    )
