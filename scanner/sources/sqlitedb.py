"""SQLite database files found among files: every table's cells, as a database scan
sees them (`scanner.dbscan.values.as_text`, the column name as context).

The bytes already read are loaded into memory (`sqlite3.Connection.deserialize`), so
the file on the share is never opened by SQLite: no lock, no `-wal` or `-shm` file
beside it, nothing changed. Content still in a `-wal` file beside it is not read.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from scanner.privacy import content_hidden
from scanner.sources.base import TextUnit, fixed_location
from scanner.sources.model import SourceError


def sqlite_units(data: bytes, max_cells: int) -> tuple[list[TextUnit], str | None]:
    """(units, error): one unit per non-empty cell {"table", "column", "row"}; the error
    says what was left unread (a table that cannot be read, cells over `max_cells`)."""
    from scanner.dbscan.names import header_context
    from scanner.dbscan.values import as_text

    conn = sqlite3.connect(":memory:")
    try:
        try:
            conn.deserialize(_rollback_mode(data))
            conn.execute("PRAGMA query_only = ON")
            tables = [r[0] for r in conn.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")]
        except sqlite3.DatabaseError as exc:
            raise SourceError(f"corrupt SQLite database: {content_hidden(str(exc))}") from None
        units: list[TextUnit] = []
        problems: list[str] = []
        cells = 0
        for table in tables:
            try:
                for row_number, columns, row in _rows(conn, table):
                    for column, value in zip(columns, row, strict=True):
                        text = as_text(value)
                        if text is None:
                            continue
                        cells += 1
                        if cells > max_cells:
                            problems.append(f"over {max_cells} cells: the rest not read")
                            return units, "; ".join(problems)
                        units.append(TextUnit(
                            text=text,
                            locate=fixed_location(table=table, column=column, row=row_number),
                            context=tuple(header_context(column)),
                            group=f"{table}.{column}",
                        ))
            except sqlite3.DatabaseError as exc:
                problems.append(f"table {table}: {content_hidden(str(exc))}")
        return units, "; ".join(problems) or None
    finally:
        conn.close()


def _rollback_mode(data: bytes) -> bytes:
    """The database with its header set from WAL to rollback mode (bytes 18-19), which an
    in-memory copy needs; the pages are the same."""
    if data[18:20] == b"\x02\x02":
        return data[:18] + b"\x01\x01" + data[20:]
    return data


def _rows(conn: sqlite3.Connection, table: str) -> Iterator[tuple[int, list[str], tuple]]:
    quoted = '"' + table.replace('"', '""') + '"'
    cursor = conn.execute(f"SELECT * FROM {quoted}")
    columns = [d[0] for d in cursor.description]
    for number, row in enumerate(cursor, start=1):
        yield number, columns, row
