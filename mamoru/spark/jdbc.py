"""JDBC sources and destinations for the Spark jobs.

Reads: in parallel partitions over a numeric key (bounds asked from the database), and
sampled on the server with a `TABLESAMPLE` subquery (Spark does not push `df.sample`
down: it would read the whole table, then sample). Writes: to a staging table, renamed
to its name only when every partition was written; a failed job drops the staging
table and leaves nothing under the real name (Spark commits each partition on its own).
An existing table, or another run's staging table, stops the write before any job.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from scanner.messages import CatalogueError

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

STAGING = "mamoru_tmp_"
SAMPLE_SEED = 42
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?$")
_DRIVERS = {"postgresql": "org.postgresql.Driver", "mysql": "com.mysql.cj.jdbc.Driver",
            "mariadb": "org.mariadb.jdbc.Driver"}


def _name(table: str) -> str:
    if not _NAME.match(table):
        raise ValueError(f"not a plain table name: {table!r}")
    return table


def _options(url: str, user: str | None, password: str | None) -> dict[str, str]:
    options = {"url": url}
    driver = _DRIVERS.get(url.split(":")[1] if url.startswith("jdbc:") else "")
    if driver:
        options["driver"] = driver
    if user is not None:
        options["user"] = user
    if password is not None:
        options["password"] = password
    return options


def read_jdbc(spark: SparkSession, url: str, table: str, *, user: str | None = None,
              password: str | None = None, partition_column: str | None = None,
              partitions: int = 1, sample_percent: float | None = None,
              seed: int = SAMPLE_SEED, fetch_size: int = 2000) -> DataFrame:
    """`table` read over JDBC: `partitions` ranges of `partition_column` (a numeric
    column) read in parallel; with `sample_percent`, a `TABLESAMPLE SYSTEM (p)
    REPEATABLE (seed)` subquery (PostgreSQL syntax) so the server sends only the sample."""
    source = _name(table)
    if sample_percent is not None:
        if not 0 < sample_percent <= 100:
            raise ValueError("sample_percent must be in (0, 100]")
        source = (f"(SELECT * FROM {source} TABLESAMPLE SYSTEM ({float(sample_percent)}) "
                  f"REPEATABLE ({int(seed)})) AS mamoru_sample")
    options = {**_options(url, user, password), "dbtable": source,
               "fetchsize": str(fetch_size)}
    if partition_column and partitions > 1:
        column = _name(partition_column)
        bounds = spark.read.format("jdbc").options(**{
            **_options(url, user, password),
            "query": f"SELECT min({column}) AS lo, max({column}) AS hi FROM {source}",
        }).load().first()
        if bounds is not None and bounds["lo"] is not None:
            options.update(partitionColumn=column, lowerBound=str(bounds["lo"]),
                           upperBound=str(int(bounds["hi"]) + 1), numPartitions=str(partitions))
    return spark.read.format("jdbc").options(**options).load()


class TableExists(CatalogueError, ValueError):
    """`write_jdbc`'s destination, or its staging table, exists already."""


def write_jdbc(df: DataFrame, url: str, table: str, *, user: str | None = None,
               password: str | None = None) -> None:
    """Write `df` as the new table `table`: to `mamoru_tmp_<table>` first, renamed when the
    whole job succeeded; on failure the staging table is dropped and `table` never
    exists. Raises `TableExists` before any job runs when `table` exists, or when the
    staging table does (another write to `table` running, or one that was killed):
    another run's staging table is never dropped."""
    from pyspark.errors import AnalysisException

    name = _name(table)
    schema, _, bare = name.rpartition(".")
    staging = f"{schema}.{STAGING}{bare}" if schema else f"{STAGING}{bare}"
    options = _options(url, user, password)
    spark = df.sparkSession
    if _readable(spark, options, name):
        raise TableExists("spark.table_exists", table=name)
    if _readable(spark, options, staging):
        raise TableExists("spark.staging_exists", table=name, staging=staging)
    drop = f"DROP TABLE IF EXISTS {staging}"
    try:
        df.write.format("jdbc").options(**options, dbtable=staging).mode("errorifexists").save()
    except AnalysisException:
        # refused before anything was written (another run made the staging table
        # since the check above): that table is not ours to drop
        if _readable(spark, options, staging):
            raise TableExists("spark.staging_exists", table=name, staging=staging) from None
        raise
    except Exception:
        _execute(spark, options, drop)
        raise
    _execute(spark, options, f"ALTER TABLE {staging} RENAME TO {bare}", undo=drop)


def _readable(spark: SparkSession, options: dict[str, str], name: str) -> bool:
    """Whether the database gives the columns of `name` (Spark asks for no row)."""
    try:
        spark.read.format("jdbc").options(**options, dbtable=name).load()
    except Exception:
        return False
    return True


def _execute(spark: SparkSession, options: dict[str, str], statement: str,
             undo: str | None = None) -> None:
    """One DDL statement on the database, through the JDBC reader's `sessionInitStatement`
    (the DataFrame API has no other way to run a statement; nothing is read)."""
    try:
        spark.read.format("jdbc").options(**options, sessionInitStatement=statement,
                                          query="SELECT 1 AS done").load().collect()
    except Exception:
        if undo is not None:
            _execute(spark, options, undo)
        raise
