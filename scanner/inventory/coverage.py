"""What the inventory could not examine: files present but not read, and database tables
read only in part (a sample) or not at all. An answer that rests on the inventory ("not
found", "no violation") says so when this is not empty."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, func, select

from scanner.inventory.db_schema import db_tables
from scanner.inventory.schema import assets, scans


@dataclass(frozen=True, slots=True)
class Coverage:
    """What a "not found" does not cover: files present but not read (skipped or an
    error; mamoru's own masked copies aside) and database tables read in part (a sample)
    or not at all; and when the inventory was last brought up to date."""

    unread_files: int
    partial_tables: int
    last_scan_at: str | None

    @property
    def complete(self) -> bool:
        return not (self.unread_files or self.partial_tables)


def _unread(*where):
    a = assets.c
    return select(func.count()).select_from(assets).where(
        a.gone_scan.is_(None), a.status != "ok",
        ~func.coalesce(a.note, "").like("masked copy%"), *where)


def unread_in_scan(engine: Engine, scan_id: int) -> int:
    """Files and archive members the scan met but could not read (skipped or an error),
    whether this scan tried them or an earlier one and they are unchanged since."""
    with engine.connect() as conn:
        return conn.execute(_unread(assets.c.last_seen_scan == scan_id)).scalar_one()


def coverage(engine: Engine) -> Coverage:
    t = db_tables.c
    with engine.connect() as conn:
        unread = conn.execute(_unread()).scalar_one()
        tables = conn.execute(
            select(t.status, t.row_count, t.row_count_exact, t.sampled_rows, t.method)
        ).all()
        last = conn.execute(
            select(func.max(scans.c.finished_at)).where(scans.c.status == "complete")
        ).scalar_one()
    partial = sum(not read_whole(*row) for row in tables)
    return Coverage(unread, partial, last)


def read_whole(status: str, rows: int | None, exact: bool, sampled: int, method: str) -> bool:
    """A table scan-db read every row of (a sample as large as the table counts)."""
    return status == "ok" and rows is not None and sampled >= rows and (
        exact or method == "full")
