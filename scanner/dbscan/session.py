"""Read-only, time-limited database sessions that hold no locks.

Every connection is set up before the first query:

- PostgreSQL: `SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY`, `statement_timeout`,
  a short `lock_timeout` (never queue behind a DDL lock), `application_name`.
- MariaDB: `SET SESSION TRANSACTION READ ONLY`, `max_statement_time` (seconds), short
  `lock_wait_timeout`; MySQL: the same with `max_execution_time` (milliseconds).
  InnoDB reads are consistent snapshots and take no row locks.
- SQLite: the file is opened through a `file:...?mode=ro` URI (`immutable=1` unless a
  `-wal` file beside it holds rows, so that nothing is created beside it), plus
  `PRAGMA query_only`.
- SQL Server (pyodbc/pymssql, not tested in CI): `SET LOCK_TIMEOUT` and
  `READ UNCOMMITTED` so that reads take no shared locks; use
  `?ApplicationIntent=ReadOnly` in the URL to reach a read replica.
- Oracle (oracledb, not tested in CI): `call_timeout` on the connection; scan with an
  account that holds only SELECT grants.
- Any database: scan with an account that can only read. Prefer passing the password
  outside the URL where the driver allows it (`PGPASSWORD` or `~/.pgpass` for PostgreSQL).

Each table is read in its own short transaction, so nothing stays open between tables.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine
from sqlalchemy.pool import NullPool

LOCK_TIMEOUT_MS = 5000


def read_only_url(url: URL) -> URL:
    """SQLite files are opened read-only through a URI; other URLs are unchanged."""
    if url.get_backend_name() != "sqlite":
        return url
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return url
    path = Path(database).resolve()
    uri = path.as_uri() + "?mode=ro"
    if not _has_wal(path):
        uri += "&immutable=1"
    return url.set(database=uri, query={**url.query, "uri": "true"})


def _has_wal(path: Path) -> bool:
    """A non-empty `-wal` beside the file: the database is in use (or was not closed),
    and recent rows may be there. Without one, the file is opened `immutable`: SQLite
    then takes no lock and creates no `-wal` or `-shm` beside it (a WAL-mode file opened
    merely read-only gets both), so the source is left exactly as found."""
    wal = path.with_name(path.name + "-wal")
    try:
        return wal.stat().st_size > 0
    except OSError:
        return False


def open_database(url: URL, statement_timeout_s: float) -> Engine:
    """An engine whose every connection is read-only with a statement timeout."""
    engine = create_engine(read_only_url(url), poolclass=NullPool)
    timeout_ms = max(1, int(statement_timeout_s * 1000))
    backend = url.get_backend_name()

    @event.listens_for(engine, "connect")
    def _setup(dbapi_conn, _record) -> None:
        if backend == "oracle":
            dbapi_conn.call_timeout = timeout_ms
            return
        cur = dbapi_conn.cursor()
        try:
            for statement in _session_statements(backend, cur, timeout_ms):
                cur.execute(statement)
        finally:
            cur.close()
        if backend != "sqlite":
            dbapi_conn.commit()

    return engine


def _session_statements(backend: str, cur, timeout_ms: int) -> list[str]:
    lock_ms = min(timeout_ms, LOCK_TIMEOUT_MS)
    if backend == "postgresql":
        return [
            "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY",
            f"SET statement_timeout = {timeout_ms}",
            f"SET lock_timeout = {lock_ms}",
            "SET application_name = 'mamoru scan-db'",
        ]
    if backend in ("mysql", "mariadb"):
        cur.execute("SELECT VERSION()")
        is_mariadb = "mariadb" in str(cur.fetchone()[0]).lower()
        limit = (f"SET SESSION max_statement_time = {timeout_ms / 1000:.3f}" if is_mariadb
                 else f"SET SESSION max_execution_time = {timeout_ms}")
        lock_s = max(1, lock_ms // 1000)
        return [
            "SET SESSION TRANSACTION READ ONLY",
            limit,
            f"SET SESSION lock_wait_timeout = {lock_s}",
            f"SET SESSION innodb_lock_wait_timeout = {lock_s}",
        ]
    if backend == "sqlite":
        return ["PRAGMA query_only = ON"]
    if backend == "mssql":
        return [f"SET LOCK_TIMEOUT {lock_ms}", "SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED"]
    return []
