"""`mask-db`: copy a database's schemas and data into another database (or one CSV or
Parquet file per table), masking on the way.

Every schema of the source is copied (PostgreSQL: all but the system ones; MariaDB and
SQLite: the database of the URL), or those named with `--schema` (`source`). Rows stream
from the source in chunks (server-side cursors via `yield_per`), values keep their types
(JSON, arrays, binary and numbers are masked by content, `values`). Tables and files are
written to a staging area (`staging`; `to_database`, `to_directory`), each table is read
back from there and leak-checked by content (`leak`), and only when every table passed
is the staging area renamed into place; otherwise it is dropped.
"""

from __future__ import annotations

from pathlib import Path

from scanner.dbscan.catalog import Filters
from scanner.masking.database import staging
from scanner.masking.database.source import (
    DbMaskError,
    DbOutcome,
    open_engine,
    plan_database,
    safe_url,
    source_schemas,
)
from scanner.masking.database.to_database import to_database
from scanner.masking.database.to_directory import to_directory
from scanner.masking.masker import Masker


def mask_database(
    masker: Masker, src_url: str, to: str, *, dir_format: str = "csv",
    schemas: list[str] | None = None, allow_below_k: bool = False,
    tables: Filters | None = None,
) -> DbOutcome:
    src = open_engine(src_url, must_exist=True)
    outcome = DbOutcome()
    try:
        plans = plan_database(masker, src, source_schemas(src, schemas), tables)
        if not plans and tables is not None and plan_database(
                masker, src, source_schemas(src, schemas)):
            raise DbMaskError("mask_db.no_table_matches", url=safe_url(src_url))
        if not plans:
            raise DbMaskError("mask_db.no_tables", url=safe_url(src_url))
        if "://" in to:
            to_database(masker, src, plans, open_engine(to), outcome, allow_below_k)
        else:
            to_directory(masker, src, plans, Path(to), dir_format, outcome, allow_below_k)
    except staging.StagingError as exc:
        raise DbMaskError(exc.key, **exc.fields) from None
    finally:
        src.dispose()
    return outcome
