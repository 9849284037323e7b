"""`mask-db`'s source: engines, errors, the plan of every table, and the masked chunks
both destinations write (`to_database`, `to_directory`)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import MetaData, create_engine, inspect, select
from sqlalchemy.engine import Engine as SqlEngine
from sqlalchemy.exc import SQLAlchemyError

from scanner.dbscan.catalog import Filters
from scanner.dbscan.lost import connection_lost
from scanner.interrupts import checkpoint
from scanner.masking.database.leak import InputDigests
from scanner.masking.database.plan import TablePlan, link_foreign_keys, plan_table
from scanner.masking.kanon import KReport
from scanner.masking.leakcheck.check import Leak
from scanner.masking.masker import Masker
from scanner.masking.tables import DROP, KEEP, TableMasker
from scanner.messages import Both, CatalogueError, driver_phrase

CHUNK_ROWS = 5000
PG_SYSTEM_SCHEMAS = frozenset({"information_schema", "pg_catalog", "pg_toast"})
Key = tuple[str | None, str]


class DbMaskError(CatalogueError):
    """Bad source or destination, or a database error (exit 2); no values in it."""


@dataclass
class DbOutcome:
    tables: list[tuple[str, int]] = field(default_factory=list)  # (table, rows)
    leaks: list[Leak] = field(default_factory=list)
    k_reports: list[KReport] = field(default_factory=list)
    notices: list[Both] = field(default_factory=list)
    below_k: bool = False  # anonymized profile: a class below k (not released)


def hold_below_k(masker: Masker, outcome: DbOutcome, allow_below_k: bool) -> None:
    """Anonymized copies with a class below k are not released unless allowed."""
    outcome.below_k = not allow_below_k and masker.policy.profile == "anonymized" \
        and any(r.below_k for r in outcome.k_reports)


def safe_url(url: str) -> str:
    """The URL with its password hidden (for messages)."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL at all: show nothing of it
        return "<url>"


def open_engine(url: str, *, must_exist: bool = False) -> SqlEngine:
    """An engine for `url`; `must_exist`: a SQLite file is never created (the source)."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:
        raise DbMaskError("mask_db.not_a_url", url=safe_url(url)) from None
    sqlite = parsed.get_backend_name() == "sqlite"
    if must_exist and sqlite and not (parsed.database and Path(parsed.database).is_file()):
        raise DbMaskError("mask_db.no_sqlite", path=parsed.database)
    try:
        engine = create_engine(url, json_serializer=json_text)
        with engine.connect():
            pass
    except Exception as exc:  # bad URL, driver missing, server unreachable
        raise DbMaskError("mask_db.cannot_open", url=safe_url(url),
                          error=type(exc).__name__) from None
    return engine


def db_error(exc: BaseException, what: DbMaskError) -> DbMaskError:
    """A database error as a message: its class and code, never its text (a driver's
    message may quote the values of a row)."""
    if connection_lost(exc):
        return DbMaskError("mask_db.db_failed", what=what,
                           error=CatalogueError("db.connection_lost"))
    orig = getattr(exc, "orig", None) or exc
    code = getattr(orig, "sqlstate", None)
    if code is None and getattr(orig, "args", None) and isinstance(orig.args[0], int):
        code = orig.args[0]
    if code in ("42501", 1142, 1143, 1044):
        return DbMaskError("mask_db.no_select", what=what)
    known = driver_phrase(str(orig))  # a common failure, named without the driver's text
    if known is not None:
        return DbMaskError("mask_db.db_failed", what=what, error=CatalogueError(known))
    suffix = f"{type(orig).__name__}" + (f" ({code})" if code is not None else "")
    return DbMaskError("mask_db.db_failed", what=what, error=suffix)


def source_schemas(src: SqlEngine, wanted: list[str] | None) -> list[str | None]:
    """Schemas to copy (None: the source's default schema)."""
    insp = inspect(src)
    default = insp.default_schema_name
    names = insp.get_schema_names()
    if wanted:
        missing = [s for s in wanted if s not in names]
        if missing:
            raise DbMaskError("mask_db.no_schema", names=", ".join(missing))
        return list(dict.fromkeys(None if s == default else s for s in wanted))
    if src.dialect.name != "postgresql":
        return [None]
    others = sorted(s for s in names if s != default and s not in PG_SYSTEM_SCHEMAS
                    and not s.startswith("pg_"))
    return [None, *others]


def plan_database(
    masker: Masker, src: SqlEngine, schemas: list[str | None], tables: Filters | None = None
) -> dict[Key, TablePlan]:
    """A plan for every table of `schemas` that `tables` keeps (`--include-table`,
    `--exclude-table`: `table` or `schema.table` globs, as scan-db's)."""
    default = inspect(src).default_schema_name or ""
    md = MetaData()
    for schema in schemas:
        try:
            md.reflect(src, schema=schema)
        except SQLAlchemyError as exc:
            name = schema or "(default)"
            raise db_error(exc, DbMaskError("mask_db.cannot_read_schema", name=name)) from None
    wanted = set(schemas)
    plans: dict[Key, TablePlan] = {}
    with src.connect() as conn:
        for table in md.sorted_tables:
            if table.schema not in wanted:
                continue  # a table another schema's foreign key pulled in
            if tables is not None and not tables.table_ok(table.schema or default, table.name):
                continue
            try:
                tp = plan_table(masker, conn, table)
            except SQLAlchemyError as exc:
                conn.rollback()
                shown = table.name if table.schema is None else f"{table.schema}.{table.name}"
                raise db_error(exc, DbMaskError("mask_db.cannot_read_table", table=shown)) from None
            plans[tp.key] = tp
    link_foreign_keys(plans)
    return plans


def source_rows(src: SqlEngine, tp: TablePlan) -> Iterator[list]:
    try:
        with src.connect() as conn:
            result = conn.execution_options(yield_per=CHUNK_ROWS).execute(select(tp.table))
            for part in result.partitions():
                yield [tuple(r) for r in part]
    except SQLAlchemyError as exc:
        raise db_error(exc, DbMaskError("mask_db.cannot_read_table", table=tp.display)) from None


def kept_columns(tp: TablePlan) -> list[int]:
    return [i for i, p in enumerate(tp.plans) if p.action != DROP]


def kept_names(tp: TablePlan) -> list[str]:
    return [tp.table.columns[i].name for i in kept_columns(tp)]


def policy_kept(masker: Masker, tp: TablePlan) -> set[int]:
    """Columns the policy keeps as they are (their values are no leak)."""
    out = set()
    for i, plan in enumerate(tp.plans):
        rule = masker.policy.column(tp.display, plan.name)
        if plan.action == KEEP and rule is not None and rule.operator == "keep":
            out.add(i)
    return out


def masked_chunks(
    masker: Masker, src: SqlEngine, tp: TablePlan, record: InputDigests
) -> Iterator[list[list]]:
    """Masked chunks of the table; the input values recorded for the leak check."""
    tm = TableMasker(masker, tp.plans, tp.rare, seen=record.record_finding)
    kept = policy_kept(masker, tp)
    for rows in source_rows(src, tp):
        checkpoint()
        record.record_rows(rows, kept)
        masked = tm.mask_rows(rows)
        record.record_produced()
        yield masked


def json_text(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)
