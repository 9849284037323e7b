"""Reading and writing database-scan results in the inventory (`db_*` tables)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from scanner.dbscan.classify import Verdict, confidence
from scanner.inventory.db_schema import db_columns, db_fingerprints, db_tables
from scanner.inventory.store import utc_now


@dataclass(frozen=True, slots=True)
class PriorTable:
    id: int
    signature: str
    row_count: int | None
    status: str
    sampled_rows: int


@dataclass(frozen=True, slots=True)
class TableRecord:
    """What one scan learned about one table (verdicts None: carried over unchanged)."""

    target: str
    schema_name: str
    table_name: str
    kind: str
    signature: str
    row_count: int | None
    row_count_exact: bool
    sampled_rows: int
    method: str
    error: str | None
    verdicts: list[Verdict] | None


def prior_table(conn: Connection, target: str, schema: str, table: str) -> PriorTable | None:
    row = conn.execute(
        select(db_tables.c.id, db_tables.c.signature, db_tables.c.row_count, db_tables.c.status,
               db_tables.c.sampled_rows)
        .where(db_tables.c.target == target, db_tables.c.schema_name == schema,
               db_tables.c.table_name == table)
    ).first()
    if row is None:
        return None
    return PriorTable(row.id, row.signature, row.row_count, row.status, row.sampled_rows)


def stored_verdicts(conn: Connection, table_id: int) -> list[Verdict]:
    """The verdicts recorded for a table, highest score first."""
    rows = conn.execute(
        select(db_columns).where(db_columns.c.table_id == table_id)
        .order_by(db_columns.c.id)
    ).all()
    out = []
    for r in rows:
        fps = conn.execute(
            select(db_fingerprints.c.fingerprint).where(db_fingerprints.c.column_id == r.id)
            .order_by(db_fingerprints.c.fingerprint)
        ).scalars().all()
        out.append(Verdict(
            column=r.column_name, data_type=r.data_type, entity_type=r.entity_type,
            share=r.share, score=r.score, confidence=confidence(r.score), basis=r.basis,
            examined=r.examined, matched=r.matched, findings=r.findings,
            free_text=bool(r.free_text), previews=tuple(r.previews), fingerprints=tuple(fps),
        ))
    return out


def record_table(conn: Connection, scan_id: int, record: TableRecord) -> None:
    """Insert or update the table's row; replace its column verdicts when re-read."""
    now = utc_now()
    prior = prior_table(conn, record.target, record.schema_name, record.table_name)
    values = {
        "kind": record.kind, "signature": record.signature, "row_count": record.row_count,
        "row_count_exact": record.row_count_exact, "status": "error" if record.error else "ok",
        "error": record.error, "last_seen_scan": scan_id, "last_seen_at": now,
    }
    if record.verdicts is not None or record.error:
        values.update(sampled_rows=record.sampled_rows, method=record.method,
                      classified_scan=scan_id)
    if prior is None:
        table_id = conn.execute(insert(db_tables).values(
            target=record.target, schema_name=record.schema_name,
            table_name=record.table_name, first_seen_scan=scan_id, first_seen_at=now,
            **{"sampled_rows": 0, "method": "none", "classified_scan": scan_id, **values},
        )).inserted_primary_key[0]
    else:
        table_id = prior.id
        conn.execute(update(db_tables).where(db_tables.c.id == table_id).values(**values))
    if record.verdicts is None:
        return
    _delete_columns(conn, table_id)
    for v in record.verdicts:
        column_id = conn.execute(insert(db_columns).values(
            table_id=table_id, column_name=v.column, data_type=v.data_type,
            entity_type=v.entity_type, share=v.share, score=v.score, confidence=v.confidence,
            basis=v.basis, examined=v.examined, matched=v.matched, findings=v.findings,
            free_text=v.free_text, previews=list(v.previews),
            fingerprint_count=len(v.fingerprints),
        )).inserted_primary_key[0]
        if v.fingerprints:
            conn.execute(insert(db_fingerprints),
                         [{"column_id": column_id, "fingerprint": fp} for fp in v.fingerprints])


def _delete_columns(conn: Connection, table_id: int) -> None:
    ids = select(db_columns.c.id).where(db_columns.c.table_id == table_id)
    conn.execute(delete(db_fingerprints).where(db_fingerprints.c.column_id.in_(ids)))
    conn.execute(delete(db_columns).where(db_columns.c.table_id == table_id))
