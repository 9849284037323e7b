"""Open the inventory (SQLite path or SQLAlchemy URL) and record scans in it.

`open_store(None)` opens `./.mamoru/inventory.sqlite`. SQLite runs in WAL mode with
foreign keys on, so a scan killed mid-way leaves every committed file intact and the
next scan carries on from there. The database file is created with mode 0600.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, select, update
from sqlalchemy.exc import DBAPIError

from scanner.inventory import schema
from scanner.inventory.target import sqlite_path

# Modules that add their own tables to `schema.metadata`; imported before create_all.
EXTENSION_MODULES = ("scanner.inventory.db_schema",)


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def open_store(target: str | None = None) -> Store:
    """The inventory at a path or URL (None: the default path), tables created."""
    path = sqlite_path(target)
    if path is not None:
        created = not path.exists()
        store = Store(_sqlite_engine(path), path.resolve(), str(path), created)
    else:
        engine = create_engine(target, pool_pre_ping=True)
        store = Store(engine, None, engine.url.render_as_string(hide_password=True))
    store.create_all()
    return store


def _sqlite_engine(path: Path) -> Engine:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    return engine


@dataclass
class Store:
    """An open inventory. Every write is a short transaction of its own."""

    engine: Engine
    sqlite_path: Path | None = None  # the database file, for a SQLite inventory
    where: str = ""  # the path or URL (password hidden), for messages
    created: bool = False  # the SQLite file was created by this open
    on_begin: Callable[[int], None] | None = None  # told each new scan id (the lock)

    def own_files(self) -> frozenset[str]:
        """The inventory's own files, which a scan must not read."""
        if self.sqlite_path is None:
            return frozenset()
        base = str(self.sqlite_path)
        return frozenset(base + suffix for suffix in ("", "-wal", "-shm", "-journal", ".lock"))

    def create_all(self) -> None:
        """Create every table registered on `schema.metadata`, extensions included."""
        for name in EXTENSION_MODULES:
            if importlib.util.find_spec(name) is not None:
                importlib.import_module(name)
        for attempt in range(3):  # another process may be creating them at the same moment
            try:
                schema.metadata.create_all(self.engine)
                return
            except DBAPIError:
                if attempt == 2:
                    raise
                time.sleep(0.2)

    def begin_scan(self, kind: str, targets: list[str], settings: dict) -> int:
        """Record a running scan; earlier scans whose process died become interrupted."""
        self.mark_dead_scans_interrupted()
        with self.engine.begin() as conn:
            result = conn.execute(
                schema.scans.insert().values(
                    kind=kind, started_at=utc_now(), status=schema.SCAN_RUNNING,
                    host=socket.gethostname(), pid=os.getpid(), targets=list(targets),
                    settings=dict(settings), counts={}, errors=[],
                )
            )
            scan_id = int(result.inserted_primary_key[0])
        if self.on_begin is not None:
            self.on_begin(scan_id)
        return scan_id

    def finish_scan(
        self, scan_id: int, *, status: str, counts: dict, errors: list[str]
    ) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(schema.scans)
                .where(schema.scans.c.id == scan_id)
                .values(status=status, finished_at=utc_now(), counts=dict(counts),
                        errors=list(errors))
            )

    def mark_dead_scans_interrupted(self) -> None:
        """Scans still `running` on this host whose process no longer exists."""
        here = socket.gethostname()
        with self.engine.begin() as conn:
            rows = conn.execute(
                select(schema.scans.c.id, schema.scans.c.pid).where(
                    schema.scans.c.status == schema.SCAN_RUNNING, schema.scans.c.host == here
                )
            ).all()
            dead = [r.id for r in rows if not _pid_alive(r.pid)]
            if dead:
                conn.execute(
                    update(schema.scans)
                    .where(schema.scans.c.id.in_(dead))
                    .values(status=schema.SCAN_INTERRUPTED)
                )

    def dispose(self) -> None:
        self.engine.dispose()


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
