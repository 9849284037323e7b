"""Where `mask-db` writes before the leak check has passed, and the names it writes.

- Tables are created as `mamoru_tmp_<table>` (constraints and indexes already under
  their final names) and renamed in one transaction after the check. A run holds a
  lock on the destination (PostgreSQL advisory lock, MariaDB `GET_LOCK`), so staging
  tables found there by the next run were left by an interrupted one and are dropped.
- Files are written into `<DIR>.mamoru-staging/` (never hidden, never named like the
  output), locked with `flock` while the run lasts, moved to `DIR` after the check; a
  staging folder that nobody holds is left over from an interrupted run and removed.
- Table and schema names become file names that cannot leave the folder.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.engine import Engine as SqlEngine

from scanner.messages import CatalogueError

STAGING = "mamoru_tmp_"
DIR_SUFFIX = ".mamoru-staging"
MAX_IDENT = 63  # PostgreSQL's identifier limit (MariaDB: 64)
FILE_MODE = 0o600  # every output file: masked data is still a company's data
DIR_MODE = 0o700
_LOCK_NAME = "mamoru-mask-db"
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')


class StagingError(CatalogueError):
    """Another run holds the destination, or a path is not ours to replace."""


def _short_hash(name: str) -> str:
    return hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def fit_identifier(name: str) -> str:
    """`name` shortened (with a hash of the whole) to fit an identifier."""
    if len(name.encode()) <= MAX_IDENT:
        return name
    return name[: MAX_IDENT - 20].encode()[: MAX_IDENT - 20].decode(errors="ignore") \
        + "_" + _short_hash(name)


def staging_name(table: str) -> str:
    return fit_identifier(STAGING + table)


def constraint_name(table: str, columns: list[str], suffix: str) -> str:
    """PostgreSQL's default name for a constraint of the real table (not the staging one)."""
    return fit_identifier(f"{table}_{'_'.join(columns)}_{suffix}" if columns
                          else f"{table}_{suffix}")


def safe_file_name(name: str) -> str:
    """A file name for a table or schema name: no separators, no control characters, no
    leading dot; a name that had to change gets a hash of the original (no collisions)."""
    clean = _UNSAFE.sub("_", name).lstrip(". ").rstrip(". ")
    if clean != name or not clean:
        clean = f"{clean[:100] or 'table'}-{_short_hash(name)}"
    return clean[:200]


# -- database destinations -------------------------------------------------------------
def lock_destination(dst: SqlEngine) -> Connection | None:
    """A connection holding the destination's mask-db lock (None: SQLite, which locks
    its file itself). Raises StagingError when another run holds it."""
    dialect = dst.dialect.name
    if dialect not in ("postgresql", "mysql", "mariadb"):
        return None
    conn = dst.connect()
    if dialect == "postgresql":
        query = "SELECT pg_try_advisory_lock(hashtext(:n))"
    else:
        query = "SELECT GET_LOCK(CONCAT(:n, ':', DATABASE()), 0)"
    got = conn.execute(text(query), {"n": _LOCK_NAME}).scalar()
    conn.commit()
    if not got:
        conn.close()
        raise StagingError("mask_db.busy")
    return conn


def stale_tables(dst: SqlEngine, schemas: list[str | None]) -> list[tuple[str | None, str]]:
    """Staging tables left in `schemas` by an interrupted run."""
    from sqlalchemy import inspect

    insp = inspect(dst)
    existing = set(insp.get_schema_names())
    return [(s, n) for s in schemas if s is None or s in existing
            for n in insp.get_table_names(schema=s) if n.startswith(STAGING)]


def drop_tables(dst: SqlEngine, tables: list[tuple[str | None, str]]) -> None:
    """Drop tables (and foreign keys pointing at them) in one transaction."""
    if not tables:
        return
    prep = dst.dialect.identifier_preparer
    with dst.begin() as conn:
        if dst.dialect.name in ("mysql", "mariadb"):
            conn.execute(text("SET FOREIGN_KEY_CHECKS = 0"))
        for schema, name in tables:
            qualified = prep.quote(name) if schema is None \
                else f"{prep.quote_schema(schema)}.{prep.quote(name)}"
            cascade = " CASCADE" if dst.dialect.name == "postgresql" else ""
            conn.execute(text(f"DROP TABLE IF EXISTS {qualified}{cascade}"))
        if dst.dialect.name in ("mysql", "mariadb"):
            conn.execute(text("SET FOREIGN_KEY_CHECKS = 1"))


# -- directory destinations ------------------------------------------------------------
class DirStaging:
    """`<out>.mamoru-staging/`, locked while this run writes into it."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.path = out.with_name(out.name + DIR_SUFFIX)
        self.removed_stale = False
        self._fd: int | None = None

    def open(self) -> Path:
        _check_output(self.out)
        if os.path.lexists(self.path):
            self._remove_stale()
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self.path.mkdir(mode=DIR_MODE)
        self._fd = os.open(self.path, os.O_RDONLY | os.O_DIRECTORY)
        fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.chmod(self.path, DIR_MODE)
        return self.path

    def _remove_stale(self) -> None:
        if self.path.is_symlink() or not self.path.is_dir():
            raise StagingError("mask_db.staging_taken", path=self.path)
        fd = os.open(self.path, os.O_RDONLY | os.O_DIRECTORY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StagingError("mask_db.busy") from None
        finally:
            os.close(fd)
        shutil.rmtree(self.path)
        self.removed_stale = True

    def release(self) -> None:
        """Move the checked files into place (the output becomes visible at once)."""
        if self.out.is_dir():
            self.out.rmdir()  # empty (checked before writing)
        os.replace(self.path, self.out)
        os.chmod(self.out, DIR_MODE)

    def close(self) -> None:
        """Remove this run's staging folder (if it was not released) and unlock."""
        if self._fd is None:
            return  # never created: another run's folder is not ours to remove
        if os.path.isdir(self.path) and not os.path.islink(self.path):
            shutil.rmtree(self.path)
        os.close(self._fd)
        self._fd = None


def _check_output(out: Path) -> None:
    """The output must be a new path or an empty real directory."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise StagingError("mask_db.output_not_dir", path=out)
    if out.is_dir() and any(out.iterdir()):
        raise StagingError("mask_db.output_not_empty", path=out)


def create_file(folder: Path, name: str) -> Path:
    """A new, empty file `name` in `folder` with the output mode; never outside it."""
    path = folder / name
    if path.resolve().parent != folder.resolve():
        raise StagingError("mask_db.name_outside", name=repr(name))
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    os.chmod(path, FILE_MODE)
    return path
