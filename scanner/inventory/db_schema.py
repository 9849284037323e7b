"""Inventory tables for database scans (`mamoru scan-db`), on the shared `metadata`.

One row per scanned table or view (`db_tables`), one per type found in a column
(`db_columns`), and the keyed fingerprints of the values found (`db_fingerprints`).
Targets are stored with the password hidden; values only as masked previews and
fingerprints.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from scanner.inventory.schema import metadata

db_tables = Table(
    "db_tables",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("target", Text, nullable=False),  # the database URL, password hidden
    Column("schema_name", String(255), nullable=False),
    Column("table_name", String(255), nullable=False),
    Column("kind", String(32), nullable=False),  # table | view | materialized_view
    Column("signature", String(64), nullable=False),  # hash of column names and types
    Column("row_count", BigInteger),
    Column("row_count_exact", Boolean, nullable=False),
    Column("sampled_rows", BigInteger, nullable=False),
    Column("method", String(32), nullable=False),  # first_n | tablesample_* | key_ranges | full
    Column("status", String(16), nullable=False),  # ok | error
    Column("error", Text),  # scrubbed of passwords
    Column("first_seen_scan", Integer, nullable=False),
    Column("last_seen_scan", Integer, nullable=False),
    Column("classified_scan", Integer, nullable=False),  # last scan that read values
    Column("first_seen_at", String(32), nullable=False),
    Column("last_seen_at", String(32), nullable=False),
    UniqueConstraint("target", "schema_name", "table_name", name="uq_db_tables_name"),
)

db_columns = Table(
    "db_columns",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("table_id", Integer, ForeignKey("db_tables.id", ondelete="CASCADE"), nullable=False),
    Column("column_name", String(255), nullable=False),
    Column("data_type", String(255), nullable=False),
    Column("entity_type", String(64), nullable=False),
    Column("share", Float, nullable=False),
    Column("score", Float, nullable=False),
    Column("confidence", String(16), nullable=False),
    Column("basis", String(16), nullable=False),  # values | name | name+values
    Column("examined", BigInteger, nullable=False),
    Column("matched", BigInteger, nullable=False),
    Column("findings", BigInteger, nullable=False),
    Column("free_text", Boolean, nullable=False),
    Column("previews", JSON, nullable=False),  # masked
    Column("fingerprint_count", Integer, nullable=False),
)
Index("ix_db_columns_table", db_columns.c.table_id)

db_fingerprints = Table(
    "db_fingerprints",
    metadata,
    Column("column_id", Integer, ForeignKey("db_columns.id", ondelete="CASCADE"),
           nullable=False),
    Column("fingerprint", String(64), nullable=False),
)
Index("ix_db_fingerprints_column", db_fingerprints.c.column_id)
Index("ix_db_fingerprints_fingerprint", db_fingerprints.c.fingerprint)

# Every column of a scanned table as last seen (name and type), to tell added, dropped
# and retyped columns apart.
db_table_columns = Table(
    "db_table_columns",
    metadata,
    Column("table_id", Integer, ForeignKey("db_tables.id", ondelete="CASCADE"),
           nullable=False),
    Column("column_name", String(255), nullable=False),
    Column("data_type", String(255), nullable=False),
)
Index("ix_db_table_columns_table", db_table_columns.c.table_id)
