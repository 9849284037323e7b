"""Statements compiled once per dialect and run through the driver.

Scans write a row per file and per finding; SQLAlchemy's per-execution work (parameter
processing, result setup) would cost more than the database itself. These statements are
compiled by SQLAlchemy, so each dialect gets its own SQL and paramstyle, and bound from
plain tuples in a fixed column order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import Connection
from sqlalchemy.sql.expression import ClauseElement


@dataclass(frozen=True, slots=True)
class Prepared:
    """A compiled statement; `bind` turns a tuple in `columns` order into its parameters."""

    sql: str
    columns: tuple[str, ...]
    order: tuple[int, ...] | None  # positions of the SQL's parameters; None: named style
    in_order: bool  # the SQL's parameters are exactly `columns`, in that order

    def bind(self, row: Sequence) -> Sequence | dict:
        if self.order is None:
            return dict(zip(self.columns, row, strict=True))
        return row if self.in_order else tuple(row[i] for i in self.order)

    def execute(self, conn: Connection, row: Sequence):
        return conn.exec_driver_sql(self.sql, self.bind(row))

    def execute_many(self, conn: Connection, rows: list[Sequence]) -> None:
        if rows:
            conn.exec_driver_sql(self.sql, rows if self.in_order else list(map(self.bind, rows)))


@lru_cache(maxsize=32)
def prepare(statement: ClauseElement, columns: tuple[str, ...], dialect) -> Prepared:
    """Compile `statement` (its parameters named after `columns`) for `dialect`."""
    compiled = statement.compile(dialect=dialect, column_keys=list(columns))
    if not compiled.positional:
        return Prepared(compiled.string, columns, None, False)
    order = tuple(columns.index(k) for k in compiled.positiontup or ())
    return Prepared(compiled.string, columns, order, order == tuple(range(len(columns))))
