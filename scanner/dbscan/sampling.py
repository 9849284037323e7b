"""Row counts and row samples, read gently.

Row count: an exact `count(*)` when the catalog estimate is unknown or at most
`EXACT_COUNT_LIMIT` (and the count finishes within the statement timeout), else the
estimate (`pg_class.reltuples`, `information_schema.TABLES.TABLE_ROWS`).

Sample of `n` rows, first strategy that applies:

1. `first_n`: the table (or view) has at most `n` rows, or is a view: `SELECT ... LIMIT n`.
2. `tablesample_system` (PostgreSQL tables): `TABLESAMPLE SYSTEM (p) REPEATABLE (seed)`
   with `p` sized for 1.5 n rows; reads whole random pages, cheapest. When it returns
   fewer than half the rows wanted, `tablesample_bernoulli` (random rows); then `first_n`.
3. `key_ranges` (other databases, single integer primary key): `KEY_WINDOWS` index range
   reads `WHERE key >= random start ORDER BY key LIMIT n / KEY_WINDOWS`, spread over the
   key space; no `ORDER BY RAND()` (which sorts the whole table). Then `first_n`.
4. `first_n` otherwise.

Samples are repeatable (the seed is derived from the table's name), so an unchanged
table gives the same sample. `--full` streams every row through a server-side cursor
(`stream_results`, `yield_per` on that one statement), a batch at a time, closed before
the table's transaction ends.
"""

from __future__ import annotations

import hashlib
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import column, func, literal, select, table, tablesample
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import Select, TableClause

from scanner.dbscan.catalog import TableInfo

EXACT_COUNT_LIMIT = 1_000_000
OVERSAMPLE = 1.5
KEY_WINDOWS = 8
KEY_LABEL = "mamoru_sample_key"


@dataclass(frozen=True, slots=True)
class RowCount:
    rows: int | None
    exact: bool


@dataclass(frozen=True, slots=True)
class Sample:
    rows: list[tuple]
    method: str


def table_clause(info: TableInfo) -> TableClause:
    names = {c.name for c in info.columns}
    if info.integer_key:
        names.add(info.integer_key)
    return table(info.name, *(column(n) for n in sorted(names)), schema=info.schema)


def _columns_select(tbl, info: TableInfo) -> Select:
    return select(*(tbl.c[c.name] for c in info.columns))


def count_rows(conn: Connection, info: TableInfo) -> RowCount:
    estimate = estimated_rows(conn, info)
    if estimate is None or estimate <= EXACT_COUNT_LIMIT:
        tbl = table_clause(info)
        try:
            with conn.begin_nested():
                return RowCount(int(conn.execute(select(func.count()).select_from(tbl))
                                    .scalar_one()), True)
        except DBAPIError as exc:  # timeout or no privilege: fall back to the estimate
            if exc.connection_invalidated:
                raise
    return RowCount(estimate, False)


def estimated_rows(conn: Connection, info: TableInfo) -> int | None:
    """The catalog's row estimate, or None when the database keeps none."""
    dialect = conn.dialect.name
    if dialect == "postgresql" and info.kind != "view":
        value = conn.exec_driver_sql(
            "SELECT c.reltuples FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = %(s)s AND c.relname = %(t)s",
            {"s": info.schema or "public", "t": info.name},
        ).scalar()
    elif dialect in ("mysql", "mariadb") and info.kind == "table":
        value = conn.exec_driver_sql(
            "SELECT TABLE_ROWS FROM information_schema.TABLES"
            " WHERE TABLE_SCHEMA = %(s)s AND TABLE_NAME = %(t)s",
            {"s": info.schema or conn.exec_driver_sql("SELECT DATABASE()").scalar(),
             "t": info.name},
        ).scalar()
    else:
        return None
    if value is None or value < 0:  # PostgreSQL: -1 = never analyzed
        return None
    return int(value)


def sample_rows(conn: Connection, info: TableInfo, n: int, rows: int | None) -> Sample:
    """About `n` rows of the table's scanned columns (see the module docstring)."""
    tbl = table_clause(info)
    if info.kind == "view" or (rows is not None and rows <= n):
        return Sample(_first_n(conn, tbl, info, n), "first_n")
    wanted = n if rows is None else min(n, rows)
    seed = _seed(info)
    if conn.dialect.name == "postgresql" and rows:
        percent = min(100.0, 100.0 * n * OVERSAMPLE / rows)
        for method in ("system", "bernoulli"):
            sampled = tablesample(tbl, getattr(func, method)(percent), name="s",
                                  seed=literal(seed))
            got = conn.execute(_columns_select(sampled, info).limit(n)).all()
            if len(got) * 2 >= wanted:
                return Sample(got, f"tablesample_{method}")
    elif info.integer_key:
        got = _key_ranges(conn, tbl, info, n, random.Random(seed))
        if len(got) * 2 >= wanted:
            return Sample(got, "key_ranges")
    return Sample(_first_n(conn, tbl, info, n), "first_n")


def stream_rows(conn: Connection, info: TableInfo, batch: int) -> Iterator[list[tuple]]:
    """Every row, `batch` rows at a time, through a server-side cursor."""
    tbl = table_clause(info)
    # Options on this statement only: `conn.execution_options()` would change the
    # connection itself, and every later statement (a SAVEPOINT, the next table's
    # count) would be sent as a server-side cursor and fail.
    stmt = _columns_select(tbl, info).execution_options(stream_results=True, yield_per=batch)
    with conn.execute(stmt) as result:
        for part in result.partitions():
            yield [tuple(r) for r in part]


def _first_n(conn: Connection, tbl: TableClause, info: TableInfo, n: int) -> list[tuple]:
    return [tuple(r) for r in conn.execute(_columns_select(tbl, info).limit(n))]


def _key_ranges(
    conn: Connection, tbl: TableClause, info: TableInfo, n: int, rng: random.Random
) -> list[tuple]:
    key = tbl.c[info.integer_key]
    low, high = conn.execute(select(func.min(key), func.max(key))).one()
    if low is None:
        return []
    per_window = math.ceil(n / KEY_WINDOWS)
    seen: dict[object, tuple] = {}
    for start in sorted(rng.randint(int(low), int(high)) for _ in range(KEY_WINDOWS)):
        stmt = (_columns_select(tbl, info).add_columns(key.label(KEY_LABEL))
                .where(key >= start).order_by(key).limit(per_window))
        for row in conn.execute(stmt):
            seen.setdefault(row[-1], tuple(row[:-1]))
    return list(seen.values())[:n]


def _seed(info: TableInfo) -> int:
    return int(hashlib.sha256(info.qualified.encode()).hexdigest()[:7], 16)
