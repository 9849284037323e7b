"""Reading and writing database-scan results in the inventory (`db_*` tables)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from scanner.dbscan.classify import Verdict, confidence
from scanner.inventory.db_schema import db_columns, db_fingerprints, db_table_columns, db_tables
from scanner.inventory.schema import changes
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
    columns: tuple[tuple[str, str], ...] | None = None  # every column: name, type


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
    holding = f"{record.target} {record.schema_name}.{record.table_name}"
    if prior is None:
        _change(conn, scan_id, "new_table", holding)
    if record.columns is not None:
        _column_changes(conn, scan_id, holding, table_id, prior is not None, record.columns)
    if record.verdicts is None:
        return
    if prior is not None:
        _verdict_changes(conn, scan_id, holding, stored_verdicts(conn, table_id),
                         record.verdicts)
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


def _change(conn: Connection, scan_id: int, kind: str, holding: str, column: str | None = None,
            entity_type: str | None = None, detail: str | None = None) -> None:
    conn.execute(insert(changes).values(scan_id=scan_id, kind=kind, holding=holding,
                                        column_name=column, entity_type=entity_type,
                                        detail=detail))


def _column_changes(conn: Connection, scan_id: int, holding: str, table_id: int, known: bool,
                    columns: tuple[tuple[str, str], ...]) -> None:
    """Added, dropped and retyped columns since the table was last described."""
    tc = db_table_columns.c
    before = dict(conn.execute(select(tc.column_name, tc.data_type)
                               .where(tc.table_id == table_id)).all())
    now = dict(columns)
    if known and before:
        for name in now.keys() - before.keys():
            _change(conn, scan_id, "new_column", holding, name, detail=now[name])
        for name in before.keys() - now.keys():
            _change(conn, scan_id, "dropped_column", holding, name, detail=before[name])
        for name in sorted(now.keys() & before.keys()):
            if now[name] != before[name]:
                _change(conn, scan_id, "changed_column", holding, name,
                        detail=f"{before[name]} -> {now[name]}")
    if before != now:
        conn.execute(delete(db_table_columns).where(tc.table_id == table_id))
        conn.execute(insert(db_table_columns), [
            {"table_id": table_id, "column_name": n, "data_type": t} for n, t in columns])


def _verdict_changes(conn: Connection, scan_id: int, holding: str, before: list[Verdict],
                     after: list[Verdict]) -> None:
    """Verdicts (column, type) that appeared, went, or changed confidence."""
    old = {(v.column, v.entity_type): v for v in before}
    new = {(v.column, v.entity_type): v for v in after}
    for key in sorted(new.keys() - old.keys()):
        _change(conn, scan_id, "new_verdict", holding, key[0], key[1], new[key].confidence)
    for key in sorted(old.keys() - new.keys()):
        _change(conn, scan_id, "dropped_verdict", holding, key[0], key[1], old[key].confidence)
    for key in sorted(old.keys() & new.keys()):
        if old[key].confidence != new[key].confidence:
            _change(conn, scan_id, "changed_verdict", holding, key[0], key[1],
                    f"{old[key].confidence} -> {new[key].confidence}")


def mark_dropped_tables(conn: Connection, scan_id: int, target: str) -> int:
    """Tables of the target a complete, unfiltered scan no longer saw: dropped (once)."""
    t = db_tables.c
    rows = conn.execute(select(t.schema_name, t.table_name, t.last_seen_scan)
                        .where(t.target == target, t.last_seen_scan < scan_id)).all()
    count = 0
    for r in rows:
        holding = f"{target} {r.schema_name}.{r.table_name}"
        said = conn.execute(select(changes.c.id).where(
            changes.c.kind == "dropped_table", changes.c.holding == holding,
            changes.c.scan_id > r.last_seen_scan)).first()
        if said is None:
            _change(conn, scan_id, "dropped_table", holding)
            count += 1
    return count
