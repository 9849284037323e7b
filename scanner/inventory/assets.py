"""File assets in the inventory: what is known, recording scanned files, carry-over,
marking gone.

`Recorder` writes in short transactions of a few dozen files (or one second) each,
each file complete or not at all, so a killed scan loses at most the last batch and
the inventory stays consistent.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, bindparam, delete, or_, select, update

from scanner.interrupts import interrupts_held
from scanner.inventory.driver_sql import prepare
from scanner.inventory.schema import MEMBER_SEP, assets, changes, findings, fingerprints
from scanner.scanfiles.worker import FileResult, FoundItem
from scanner.sources.base import location_json

_CHUNK = 500
_RECORDED_CAP = 1_000_000  # fingerprints remembered as written (about 100 MB at most)


@dataclass(frozen=True, slots=True)
class KnownFile:
    id: int
    size: int | None
    mtime_ns: int | None
    inode: int | None
    content_hash: str | None
    status: str
    settings_digest: str | None
    gone: bool


def known_files(engine: Engine) -> dict[str, KnownFile]:
    """Every top-level file asset by absolute path."""
    a = assets.c
    query = select(a.id, a.path, a.size, a.mtime_ns, a.inode, a.content_hash, a.status,
                   a.settings_digest, a.gone_scan).where(a.parent_id.is_(None))
    with engine.connect() as conn:
        return {
            r.path: KnownFile(r.id, r.size, r.mtime_ns, r.inode, r.content_hash, r.status,
                              r.settings_digest, r.gone_scan is not None)
            for r in conn.execute(query)
        }


class Recorder:
    """Writes scan results; commits every `batch_files` files or `batch_seconds`."""

    def __init__(self, engine: Engine, scan_id: int, now: str, settings_digest: str,
                 batch_files: int = 64, batch_seconds: float = 1.0) -> None:
        self.engine, self.scan_id, self.now = engine, scan_id, now
        self.digest = settings_digest
        self.batch_files, self.batch_seconds = batch_files, batch_seconds
        self._conn: Connection | None = None
        self._fingerprints: dict[str, str] = {}  # seen in this batch: fingerprint -> type
        self._recorded: set[str] = set()  # already written by this scan
        self._findings: list[tuple[int, FoundItem]] = []  # inserted at commit, in one go
        self._pending = 0
        self._opened = 0.0

    def __enter__(self) -> Recorder:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
            return
        self._fingerprints, self._findings = {}, []
        if self._conn is None:
            return
        with interrupts_held():
            try:
                self._conn.rollback()
                self._conn.close()
            except Exception:
                self._conn.invalidate()  # close the driver connection, and its locks
            self._conn = None

    def touch(self, ids: list[int]) -> None:
        """Unchanged files (and their members) were seen again; findings carry over."""
        with interrupts_held():  # the whole update, or none of it
            for start in range(0, len(ids), _CHUNK):
                chunk = ids[start : start + _CHUNK]
                self._connection().execute(
                    update(assets)
                    .where(or_(assets.c.id.in_(chunk), assets.c.parent_id.in_(chunk)),
                           assets.c.gone_scan.is_(None))
                    .values(last_seen_scan=self.scan_id, last_seen_at=self.now)
                )
                self._done(len(chunk))

    def record(self, result: FileResult, known_id: int | None) -> None:
        """Replace everything known about one file with what was just read."""
        with interrupts_held():  # one whole file, or nothing of it
            task = result.task
            conn = self._connection()
            prior = None if known_id is None else conn.execute(
                select(assets.c.content_hash, assets.c.changed_scan, assets.c.gone_scan)
                .where(assets.c.id == known_id)).first()
            file_id = _upsert_asset(conn, self.scan_id, self.now, task.abspath, None, known_id, {
                "size": task.size, "mtime_ns": task.mtime_ns, "inode": task.inode,
                "content_hash": result.content_hash, "encoding": result.encoding,
                "format": result.format, "status": result.status, "note": result.note,
                "settings_digest": self.digest,
            })
            member_ids: dict[str | None, int] = {None: file_id}
            held: dict[str, set[str]] = {}
            if known_id is not None:
                held = _held(conn, file_id)
                _forget_findings(conn, file_id)
            kept: list[int] = [file_id]
            for m in result.members:
                if m.member in member_ids:
                    continue  # an archive naming one member twice: one asset
                path = f"{task.abspath}{MEMBER_SEP}{m.member}"
                old = (conn.execute(select(assets.c.id).where(assets.c.path == path)).scalar()
                       if known_id is not None else None)
                if old is not None:
                    kept.append(old)
                member_ids[m.member] = _upsert_asset(conn, self.scan_id, self.now, path, file_id,
                                                     old, {
                    "encoding": m.encoding, "format": m.format, "status": m.status,
                    "note": m.note, "settings_digest": self.digest,
                })
            if known_id is not None:
                conn.execute(
                    update(assets)
                    .where(assets.c.parent_id == file_id,
                           assets.c.id.not_in(list(member_ids.values())),
                           assets.c.gone_scan.is_(None))
                    .values(gone_scan=self.scan_id, gone_at=self.now)
                )
            if (prior is not None and prior.gone_scan is None and prior.content_hash
                    and prior.content_hash == result.content_hash):
                # read again (--full, new settings) but the same content: not a change
                conn.execute(update(assets).where(assets.c.id.in_(kept))
                             .values(changed_scan=prior.changed_scan))
            elif prior is not None:
                _record_gains(conn, self.scan_id, task.abspath, held, result.findings)
            if result.findings:
                self._findings.extend((member_ids[f.member], f) for f in result.findings)
                recorded = self._recorded
                self._fingerprints.update((f.fingerprint, f.entity_type) for f in result.findings
                                          if f.fingerprint not in recorded)
            self._done(1)

    def record_problem(self, abspath: str, status: str, note: str,
                       known_id: int | None) -> None:
        """A path that could not be walked, or was skipped before reading; the same problem
        as the last scan's is no change (a FIFO is skipped on every scan)."""
        with interrupts_held():  # one whole file, or nothing of it
            conn = self._connection()
            prior = None if known_id is None else conn.execute(
                select(assets.c.status, assets.c.note, assets.c.content_hash,
                       assets.c.changed_scan, assets.c.gone_scan)
                .where(assets.c.id == known_id)).first()
            file_id = _upsert_asset(conn, self.scan_id, self.now, abspath, None, known_id,
                                    {"status": status, "note": note})
            if known_id is not None:
                _forget_findings(conn, file_id)
            if (prior is not None and prior.gone_scan is None and prior.content_hash is None
                    and (prior.status, prior.note) == (status, note)):
                conn.execute(update(assets).where(assets.c.id == file_id)
                             .values(changed_scan=prior.changed_scan))
            self._done(1)

    def commit(self) -> None:
        """Write what is pending and commit, whole even when Ctrl-C comes meanwhile."""
        if self._conn is not None:
            with interrupts_held():
                self._write_pending()
                self._conn.commit()
                self._conn.close()
                self._conn = None
        self._pending = 0

    def _write_pending(self) -> None:
        if self._findings:
            _insert_findings(self._conn, self._findings)
            self._findings = []
        if self._fingerprints:
            _record_fingerprints(self._conn, self.scan_id, self._fingerprints)
            if len(self._recorded) < _RECORDED_CAP:
                self._recorded.update(self._fingerprints)
            self._fingerprints = {}

    def _connection(self) -> Connection:
        if self._conn is None:
            self._conn = self.engine.connect()
            self._opened = time.monotonic()
        return self._conn

    def _done(self, n: int) -> None:
        self._pending += n
        if (self._pending >= self.batch_files
                or time.monotonic() - self._opened >= self.batch_seconds):
            self.commit()


def mark_gone(engine: Engine, scan_id: int, now: str, roots: Iterable[str]) -> None:
    """Files under the roots not seen by this (complete) scan are gone; so are members."""
    a = assets.c
    under = or_(*[or_(a.path == r, a.path.startswith(r.rstrip("/") + "/", autoescape=True))
                  for r in roots])
    with engine.begin() as conn:
        gone_ids = [r.id for r in conn.execute(select(a.id).where(
            a.parent_id.is_(None), a.gone_scan.is_(None), a.last_seen_scan != scan_id, under))]
        for start in range(0, len(gone_ids), _CHUNK):
            chunk = gone_ids[start : start + _CHUNK]
            conn.execute(
                update(assets)
                .where(or_(a.id.in_(chunk), a.parent_id.in_(chunk)), a.gone_scan.is_(None))
                .values(gone_scan=scan_id, gone_at=now)
            )


def _held(conn: Connection, file_id: int) -> dict[str, set[str]]:
    """Fingerprints per entity type held by a file and its members, before a re-read."""
    held: dict[str, set[str]] = {}
    rows = conn.execute(select(findings.c.entity_type, findings.c.fingerprint).where(
        findings.c.asset_id.in_(select(assets.c.id).where(
            or_(assets.c.id == file_id, assets.c.parent_id == file_id)))))
    for entity_type, fp in rows:
        held.setdefault(entity_type, set()).add(fp)
    return held


def _record_gains(conn: Connection, scan_id: int, path: str, held: dict[str, set[str]],
                  found: list[FoundItem]) -> None:
    """A changed file that holds a type it did not, or values it did not (by fingerprint)."""
    now: dict[str, set[str]] = {}
    for f in found:
        now.setdefault(f.entity_type, set()).add(f.fingerprint)
    rows = []
    for entity_type in sorted(now):
        fresh = now[entity_type] - held.get(entity_type, set())
        if entity_type not in held:
            rows.append({"kind": "new_type", "entity_type": entity_type, "count": len(fresh)})
        elif fresh:
            rows.append({"kind": "new_values", "entity_type": entity_type, "count": len(fresh)})
    if rows:
        conn.execute(changes.insert(), [{"scan_id": scan_id, "holding": path,
                                         "column_name": None, "detail": None, **r}
                                        for r in rows])


def _forget_findings(conn: Connection, file_id: int) -> None:
    conn.execute(delete(findings).where(findings.c.asset_id.in_(
        select(assets.c.id).where(or_(assets.c.id == file_id, assets.c.parent_id == file_id))
    )))


_CONTENT_COLUMNS = ("size", "mtime_ns", "inode", "content_hash", "encoding", "format",
                    "status", "note", "settings_digest")
_SEEN_COLUMNS = ("last_seen_scan", "last_seen_at", "changed_scan", "gone_scan", "gone_at",
                 "parent_id")
_UPDATE_COLUMNS = (*_CONTENT_COLUMNS, *_SEEN_COLUMNS, "asset_id")
_INSERT_COLUMNS = (*_CONTENT_COLUMNS, *_SEEN_COLUMNS, "path", "first_seen_scan",
                   "first_seen_at")
_UPDATE_ASSET = (update(assets).where(assets.c.id == bindparam("asset_id"))
                 .values({c: bindparam(c) for c in (*_CONTENT_COLUMNS, *_SEEN_COLUMNS)}))
_INSERT_ASSET = assets.insert()
_INSERT_ASSET_RETURNING = assets.insert().returning(assets.c.id)


def _upsert_asset(conn: Connection, scan_id: int, now: str, path: str, parent_id: int | None,
                  known_id: int | None, values: dict) -> int:
    """Insert or update one asset; its id."""
    row = (*(values.get(c) for c in _CONTENT_COLUMNS), scan_id, now, scan_id, None, None,
           parent_id)
    if known_id is not None:
        prepare(_UPDATE_ASSET, _UPDATE_COLUMNS, conn.dialect).execute(conn, (*row, known_id))
        return known_id
    returning = not conn.dialect.postfetch_lastrowid  # SQLite, MySQL: the cursor knows
    statement = _INSERT_ASSET_RETURNING if returning else _INSERT_ASSET
    result = prepare(statement, _INSERT_COLUMNS, conn.dialect).execute(
        conn, (*row, path, scan_id, now))
    return int(result.scalar_one() if returning else result.lastrowid)


_FINDING_COLUMNS = ("asset_id", "entity_type", "score", "location", "end_location",
                    "preview", "fingerprint", "why")
_INSERT_FINDING = findings.insert()


def _insert_findings(conn: Connection, items: list[tuple[int, FoundItem]]) -> None:
    """Bulk insert: findings are most of the rows a scan writes."""
    prepare(_INSERT_FINDING, _FINDING_COLUMNS, conn.dialect).execute_many(conn, [
        (asset_id, f.entity_type, f.score, location_json(f.location),
         location_json(f.end_location), f.preview, f.fingerprint, f.why)
        for asset_id, f in items
    ])


def _record_fingerprints(conn: Connection, scan_id: int, types: dict[str, str]) -> None:
    """Insert new fingerprints, move `last_scan` of known ones (IN lists in chunks)."""
    fp = fingerprints.c
    keys = list(types)
    new: list[dict] = []
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        known = {r.fingerprint for r in conn.execute(
            select(fp.fingerprint).where(fp.fingerprint.in_(chunk)))}
        if known:
            conn.execute(update(fingerprints).where(fp.fingerprint.in_(list(known)))
                         .values(last_scan=scan_id))
        new.extend({"fingerprint": k, "entity_type": types[k], "first_scan": scan_id,
                    "last_scan": scan_id} for k in chunk if k not in known)
    if new:
        conn.execute(fingerprints.insert(), new)
