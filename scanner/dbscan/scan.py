"""Scan a database table by table: count, sample (or stream), classify, record.

A table whose schema signature and row count match the inventory's last successful
read is not read again (unless `full`): its verdicts are carried over. Above
`sampling.EXACT_COUNT_LIMIT` rows the count is the catalog's estimate, which moves when
the database refreshes its statistics (ANALYZE, autovacuum). A table that
cannot be read (no privilege, timeout) becomes an error outcome and the scan goes on.
Every message is scrubbed of the URL's password.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from sqlalchemy import inspect
from sqlalchemy.engine import URL, Connection, Inspector
from sqlalchemy.exc import SQLAlchemyError

from scanner.dbscan import inventory
from scanner.dbscan.catalog import Filters, TableInfo, describe, list_relations, schemas_to_scan
from scanner.dbscan.classify import ColumnClassifier, Verdict, scans_values
from scanner.dbscan.lost import connection_lost
from scanner.dbscan.redact import safe_url, scrub
from scanner.dbscan.sampling import RowCount, count_rows, sample_rows, stream_rows
from scanner.dbscan.session import open_database

if TYPE_CHECKING:
    from scanner.engine import Engine
    from scanner.inventory.store import Store

DEFAULT_SAMPLE = 2000
STREAM_BATCH = 2000


class ScanError(Exception):
    """The database cannot be scanned at all (bad URL, unreachable); message scrubbed."""


@dataclass(frozen=True, slots=True)
class ScanOptions:
    sample: int = DEFAULT_SAMPLE
    full: bool = False
    filters: Filters = field(default_factory=Filters)
    statement_timeout: float = 30.0
    batch: int = STREAM_BATCH


@dataclass(frozen=True, slots=True)
class TableOutcome:
    schema: str
    table: str
    kind: str
    rows: int | None
    rows_exact: bool
    sampled_rows: int
    method: str  # first_n | tablesample_* | key_ranges | full | carried_over | error
    verdicts: list[Verdict]
    error: str | None = None

    @property
    def carried_over(self) -> bool:
        return self.method == "carried_over"


class DatabaseScanner:
    """One scan of one database into one inventory."""

    def __init__(
        self, url: URL, options: ScanOptions, engine: Engine, key: bytes, store: Store,
        scan_id: int,
    ) -> None:
        self.url = url
        self.target = safe_url(url)
        self.options = options
        self.engine = engine
        self.key = key
        self.store = store
        self.scan_id = scan_id

    def run(self) -> Iterator[TableOutcome]:
        """Outcomes table by table, in schema and name order."""
        try:
            db = open_database(self.url, self.options.statement_timeout)
        except (SQLAlchemyError, ImportError) as exc:
            raise ScanError(scrub(_one_line(exc), self.url)) from None
        try:
            with db.connect() as conn:
                insp = inspect(conn)
                relations = self._relations(conn, insp)
                conn.commit()
                for schema, name, kind in relations:
                    yield self._scan_table(conn, insp, schema, name, kind)
        except SQLAlchemyError as exc:
            raise ScanError(scrub(_one_line(exc), self.url)) from None
        finally:
            db.dispose()

    def _relations(self, conn: Connection, insp: Inspector) -> list[tuple[str | None, str, str]]:
        filters = self.options.filters
        return [
            rel
            for schema in schemas_to_scan(conn, insp, filters)
            for rel in list_relations(conn, insp, schema, filters)
        ]

    def _scan_table(
        self, conn: Connection, insp: Inspector, schema: str | None, name: str, kind: str
    ) -> TableOutcome:
        label = schema or "main"
        try:
            with conn.begin():
                info = describe(conn, insp, schema, name, kind, self.options.filters)
                rows = count_rows(conn, info)
                outcome = self._carried_over(info, rows) or self._classify(conn, info, rows)
        except SQLAlchemyError as exc:
            message = scrub(_table_error(exc), self.url)
            outcome = TableOutcome(label, name, kind, None, False, 0, "error", [], message)
            info = None
            with contextlib.suppress(SQLAlchemyError):  # a lost connection: the next
                conn.rollback()  # table reconnects
        self._record(outcome, info)
        return outcome

    def _carried_over(self, info: TableInfo, rows: RowCount) -> TableOutcome | None:
        if self.options.full:
            return None
        with self.store.engine.connect() as inv:
            prior = inventory.prior_table(inv, self.target, info.schema_label, info.name)
            if (prior is None or prior.status != "ok" or prior.signature != info.signature
                    or prior.row_count != rows.rows):
                return None
            verdicts = inventory.stored_verdicts(inv, prior.id)
        return TableOutcome(info.schema_label, info.name, info.kind, rows.rows, rows.exact,
                            prior.sampled_rows, "carried_over", verdicts)

    def _classify(self, conn: Connection, info: TableInfo, rows: RowCount) -> TableOutcome:
        scanned = replace(info, columns=tuple(c for c in info.columns if scans_values(c)))
        classifiers = [ColumnClassifier(self.engine, self.key, c) for c in scanned.columns]
        read = 0
        if not classifiers:
            method = "no_columns"
        elif self.options.full:
            method = "full"
            for batch in stream_rows(conn, scanned, self.options.batch):
                read += len(batch)
                _feed(classifiers, batch)
        else:
            sample = sample_rows(conn, scanned, self.options.sample, rows.rows)
            method, read = sample.method, len(sample.rows)
            _feed(classifiers, sample.rows)
        verdicts = [v for c in classifiers for v in c.verdicts()]
        return TableOutcome(info.schema_label, info.name, info.kind, rows.rows, rows.exact, read,
                            method, verdicts)

    def _record(self, outcome: TableOutcome, info: TableInfo | None) -> None:
        record = inventory.TableRecord(
            target=self.target, schema_name=outcome.schema, table_name=outcome.table,
            kind=outcome.kind, signature=info.signature if info else "",
            row_count=outcome.rows, row_count_exact=outcome.rows_exact,
            sampled_rows=outcome.sampled_rows, method=outcome.method, error=outcome.error,
            verdicts=None if outcome.carried_over or outcome.error else outcome.verdicts,
            columns=tuple((c.name, c.data_type) for c in info.columns) if info else None,
        )
        with self.store.engine.begin() as inv:
            inventory.record_table(inv, self.scan_id, record)


def _feed(classifiers: list[ColumnClassifier], rows: list[tuple]) -> None:
    for i, classifier in enumerate(classifiers):
        classifier.add(row[i] for row in rows)


def _one_line(exc: BaseException) -> str:
    """The first line of a database error (no SQL text, no parameters)."""
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _table_error(exc: SQLAlchemyError) -> str:
    """Why a table could not be read (in English, as the inventory keeps it); a
    connection that went away mid-table (the server ended it, a restart) in the
    catalogue's words, which `driver_reason` shows in the user's language."""
    if connection_lost(exc):
        from scanner.messages import MESSAGES

        return MESSAGES["db.connection_lost"][1]
    return _one_line(exc)
