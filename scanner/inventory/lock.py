"""One writer per inventory: `scan` and `scan-db` hold this lock for their whole run.

The exclusion comes from something the operating system or the database server drops
when the holder dies: a file lock (`flock`) on `<inventory>.lock` beside a SQLite
inventory, `pg_advisory_lock` on PostgreSQL, `GET_LOCK` on MySQL/MariaDB. The
`mamoru_lock` row names the holder (scan, pid, host, since) for the message a second
writer gets; a row still there when the lock is free was left by a killed process, and
is taken over (the new holder says so).
"""

from __future__ import annotations

import fcntl
import hashlib
import math
import os
import secrets
import socket
import time
from dataclasses import dataclass

from sqlalchemy import Connection, delete, select, text, update

from scanner.inventory.schema import SCAN_INTERRUPTED, SCAN_RUNNING, lock_holder, scans
from scanner.inventory.store import Store, utc_now

POLL_SECONDS = 0.5


@dataclass(frozen=True, slots=True)
class Holder:
    scan_id: int | None
    pid: int
    host: str
    since: str

    def describe(self) -> str:
        scan = f"#{self.scan_id}" if self.scan_id is not None else "#?"
        return f"{scan} ({self.pid}, {self.host}, {self.since})"


class Locked(Exception):
    """Another writer holds the inventory."""

    def __init__(self, holder: Holder | None) -> None:
        super().__init__(holder.describe() if holder else "?")
        self.holder = holder


class InventoryLock:
    """The writer's lock of one inventory; `acquire`, `attach(scan_id)`, `release`."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.token = secrets.token_hex(8)
        self.stale: Holder | None = None  # the dead holder whose lock was taken over
        self._fd: int | None = None
        self._conn: Connection | None = None

    def acquire(self, wait: float | None = None) -> InventoryLock:
        """Take the lock; Locked when held (after waiting `wait` seconds: inf = forever)."""
        deadline = time.monotonic() + (wait or 0.0)
        while not self._try():
            if wait is None or (not math.isinf(wait) and time.monotonic() >= deadline):
                raise Locked(self.holder())
            time.sleep(POLL_SECONDS)
        self.stale = self.holder()
        with self.store.engine.begin() as conn:
            if self.stale is not None and self.stale.scan_id is not None:
                conn.execute(update(scans).where(scans.c.id == self.stale.scan_id,
                                                 scans.c.status == SCAN_RUNNING)
                             .values(status=SCAN_INTERRUPTED))
            conn.execute(delete(lock_holder))
            conn.execute(lock_holder.insert().values(
                id=1, scan_id=None, pid=os.getpid(), host=socket.gethostname(),
                since=utc_now(), token=self.token))
        return self

    def attach(self, scan_id: int) -> None:
        """Name the scan that holds the lock."""
        with self.store.engine.begin() as conn:
            conn.execute(update(lock_holder).where(lock_holder.c.token == self.token)
                         .values(scan_id=scan_id))

    def holder(self) -> Holder | None:
        with self.store.engine.connect() as conn:
            row = conn.execute(select(lock_holder)).first()
        return None if row is None else Holder(row.scan_id, row.pid, row.host, row.since)

    def release(self) -> None:
        """Give the lock back (also after an error; a second call does nothing)."""
        try:
            with self.store.engine.begin() as conn:
                conn.execute(delete(lock_holder).where(lock_holder.c.token == self.token))
        finally:
            if self._fd is not None:
                os.close(self._fd)  # closing the file drops the flock
                self._fd = None
            if self._conn is not None:
                self._conn.close()  # the session ends: its advisory lock goes with it
                self._conn = None

    def __enter__(self) -> InventoryLock:
        return self

    def __exit__(self, *_exc) -> None:
        self.release()

    def _try(self) -> bool:
        if self.store.sqlite_path is not None:
            return self._try_file(lock_file(self.store))
        dialect = self.store.engine.dialect.name
        if dialect == "postgresql":
            return self._try_server("SELECT pg_try_advisory_lock(:k)", _pg_key)
        if dialect in ("mysql", "mariadb"):
            return self._try_server("SELECT GET_LOCK(:k, 0)", _mysql_name)
        return True  # other databases: one writer is the operator's business (README)

    def _try_file(self, path: str) -> bool:
        if self._fd is None:
            self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _try_server(self, query: str, key) -> bool:
        if self._conn is None:
            self._conn = self.store.engine.connect()
        got = self._conn.execute(text(query), {"k": key(self._conn)}).scalar()
        self._conn.commit()  # the lock is the session's; no transaction stays open
        return bool(got)


def lock_file(store: Store) -> str:
    return f"{store.sqlite_path}.lock"


def _pg_key(conn: Connection) -> int:
    where = conn.execute(text("SELECT current_database() || '.' || current_schema()")).scalar()
    digest = hashlib.sha256(f"mamoru inventory {where}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _mysql_name(conn: Connection) -> str:
    where = conn.execute(text("SELECT DATABASE()")).scalar()
    return "mamoru:" + hashlib.sha256(str(where).encode()).hexdigest()[:40]
