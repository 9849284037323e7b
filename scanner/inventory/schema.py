"""Inventory tables, on one SQLAlchemy `metadata` that other modules may extend.

No table holds a personal value in clear: findings carry a masked preview and a keyed
fingerprint (see `scanner.privacy`). Timestamps are UTC ISO-8601 strings so that SQLite
and PostgreSQL store and compare them the same way.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

SCAN_RUNNING, SCAN_COMPLETE, SCAN_INTERRUPTED = "running", "complete", "interrupted"
MEMBER_SEP = "!"  # archive members are assets named `/abs/a.zip!dir/b.csv`

scans = Table(
    "mamoru_scans",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(32), nullable=False),  # "files", "db", ...
    Column("started_at", String(32), nullable=False),
    Column("finished_at", String(32)),
    Column("status", String(16), nullable=False),
    Column("host", String(255), nullable=False),
    Column("pid", Integer, nullable=False),
    Column("targets", JSON, nullable=False),
    Column("settings", JSON, nullable=False),
    Column("counts", JSON, nullable=False),
    Column("errors", JSON, nullable=False),
)

# One row per file or archive member (`a.zip!b.csv`); `path` is absolute for files.
assets = Table(
    "mamoru_assets",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("path", Text, nullable=False, unique=True),
    Column("parent_id", Integer, ForeignKey("mamoru_assets.id", ondelete="CASCADE")),
    Column("size", BigInteger),
    Column("mtime_ns", BigInteger),
    Column("inode", BigInteger),
    Column("content_hash", String(64)),
    Column("encoding", String(64)),
    Column("format", String(32)),
    Column("status", String(16), nullable=False),  # ok | skipped | error
    Column("note", Text),  # skip reason or error message (never content)
    Column("settings_digest", String(16)),  # detection settings the findings were made with
    Column("first_seen_scan", Integer, nullable=False),
    Column("last_seen_scan", Integer, nullable=False),
    Column("changed_scan", Integer, nullable=False),  # last scan that read new content
    Column("first_seen_at", String(32), nullable=False),
    Column("last_seen_at", String(32), nullable=False),
    Column("gone_scan", Integer),
    Column("gone_at", String(32)),
)
Index("ix_mamoru_assets_parent", assets.c.parent_id)

findings = Table(
    "mamoru_findings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "asset_id", Integer, ForeignKey("mamoru_assets.id", ondelete="CASCADE"), nullable=False
    ),
    Column("entity_type", String(64), nullable=False),
    Column("score", Float, nullable=False),
    Column("location", JSON, nullable=False),
    Column("end_location", JSON, nullable=False),
    Column("preview", Text, nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("why", Text, nullable=False),
)
Index("ix_mamoru_findings_asset", findings.c.asset_id)
# No index on findings.fingerprint: values arrive in random order, and keeping such an
# index costs a scan three times as much inventory time as the findings themselves. A
# lookup of one value ("where is this person's data?") reads the findings table once.

# Every fingerprint ever seen, so "new values since the last scan" needs no clear value.
fingerprints = Table(
    "mamoru_fingerprints",
    metadata,
    Column("fingerprint", String(64), primary_key=True),
    Column("entity_type", String(64), nullable=False),
    Column("first_scan", Integer, nullable=False),
    Column("last_scan", Integer, nullable=False),
)

# Facts about the inventory itself: `key_id` (the public name of the fingerprint key).
meta = Table(
    "mamoru_meta",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

# Who holds the writer's lock (one row at most). The lock itself is an advisory lock
# of the server, or a file lock beside a SQLite inventory; this row names the holder,
# and a row left behind by a killed process marks a stale lock.
lock_holder = Table(
    "mamoru_lock",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("scan_id", Integer),
    Column("pid", Integer, nullable=False),
    Column("host", String(255), nullable=False),
    Column("since", String(32), nullable=False),
    Column("token", String(32), nullable=False),
)

# What changed, as each scan found it (files and databases): a holding (a file, or
# `target schema.table`) is new, changed, gone or dropped; gained an entity type or
# new distinct values (by fingerprint); a column was added, dropped or changed type;
# a column's verdict appeared, went or changed. Never a value: names, types, counts.
changes = Table(
    "mamoru_changes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("scan_id", Integer, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("holding", Text, nullable=False),
    Column("column_name", Text),
    Column("entity_type", String(64)),
    Column("count", Integer),
    Column("detail", Text),
)
Index("ix_mamoru_changes_scan", changes.c.scan_id)
