"""`mask-db`: copy a database's schemas and data into another database (or one CSV or
Parquet file per table), masking on the way.

Every schema of the source is copied (PostgreSQL: all but the system ones; MariaDB and
SQLite: the database of the URL), or those named with `--schema`. Rows stream from the
source in chunks (server-side cursors via `yield_per`), values keep their types (JSON,
arrays, binary and numbers are masked by content, `db_values`). Tables and files are
written to a staging area (`db_staging`), each table is read back from there and
leak-checked by content (`db_leak`), and only when every table passed is the staging
area renamed into place; otherwise it is dropped.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import (
    Column,
    ForeignKeyConstraint,
    Index,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    UniqueConstraint,
    create_engine,
    inspect,
    select,
    text,
)
from sqlalchemy import types as sqltypes
from sqlalchemy.engine import Engine as SqlEngine
from sqlalchemy.exc import SQLAlchemyError

from scanner.dbscan.catalog import Filters
from scanner.dbscan.lost import connection_lost
from scanner.interrupts import checkpoint, interrupts_held
from scanner.masking.database import staging
from scanner.masking.database.leak import CHECK_ROWS, InputDigests, scan_rows
from scanner.masking.database.plan import TablePlan, link_foreign_keys, plan_table
from scanner.masking.database.values import csv_text, from_csv_text
from scanner.masking.kanon import KReport, k_report_from_sizes
from scanner.masking.leakcheck import Leak
from scanner.masking.manifest import MANIFEST_NAME, write_manifest
from scanner.masking.masker import Masker
from scanner.masking.tables import DROP, KEEP, TableMasker
from scanner.messages import Both, CatalogueError, both, driver_phrase

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

    @property
    def released(self) -> bool:
        return not self.leaks and not self.below_k


def _hold_below_k(masker: Masker, outcome: DbOutcome, allow_below_k: bool) -> None:
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
        engine = create_engine(url, json_serializer=_json_text)
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


# -- the source ---------------------------------------------------------------------------
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
            _to_database(masker, src, plans, open_engine(to), outcome, allow_below_k)
        else:
            _to_directory(masker, src, plans, Path(to), dir_format, outcome, allow_below_k)
    except staging.StagingError as exc:
        raise DbMaskError(exc.key, **exc.fields) from None
    finally:
        src.dispose()
    return outcome


def _source_rows(src: SqlEngine, tp: TablePlan) -> Iterator[list]:
    try:
        with src.connect() as conn:
            result = conn.execution_options(yield_per=CHUNK_ROWS).execute(select(tp.table))
            for part in result.partitions():
                yield [tuple(r) for r in part]
    except SQLAlchemyError as exc:
        raise db_error(exc, DbMaskError("mask_db.cannot_read_table", table=tp.display)) from None


def _kept(tp: TablePlan) -> list[int]:
    return [i for i, p in enumerate(tp.plans) if p.action != DROP]


def _names(tp: TablePlan) -> list[str]:
    return [tp.table.columns[i].name for i in _kept(tp)]


def _policy_kept(masker: Masker, tp: TablePlan) -> set[int]:
    """Columns the policy keeps as they are (their values are no leak)."""
    out = set()
    for i, plan in enumerate(tp.plans):
        rule = masker.policy.column(tp.display, plan.name)
        if plan.action == KEEP and rule is not None and rule.operator == "keep":
            out.add(i)
    return out


def _masked_chunks(
    masker: Masker, src: SqlEngine, tp: TablePlan, record: InputDigests
) -> Iterator[list[list]]:
    """Masked chunks of the table; the input values recorded for the leak check."""
    tm = TableMasker(masker, tp.plans, tp.rare, seen=record.record_finding)
    kept = _policy_kept(masker, tp)
    for rows in _source_rows(src, tp):
        checkpoint()
        record.record_rows(rows, kept)
        masked = tm.mask_rows(rows)
        record.record_produced()
        yield masked


# -- database destination -----------------------------------------------------------------
def _to_database(
    masker: Masker, src: SqlEngine, plans: dict[Key, TablePlan], dst: SqlEngine,
    outcome: DbOutcome, allow_below_k: bool,
) -> None:
    schemas = list(dict.fromkeys(k[0] for k in plans))
    lock = None
    try:
        if dst.dialect.name == "sqlite" and any(s is not None for s in schemas):
            others = ", ".join(s for s in schemas if s is not None)
            raise DbMaskError("mask_db.sqlite_no_schemas", names=others)
        lock = staging.lock_destination(dst)
        stale = staging.stale_tables(dst, schemas)
        if stale:
            staging.drop_tables(dst, stale)
            names = ", ".join(n if s is None else f"{s}.{n}" for s, n in stale)
            outcome.notices.append(both("mask_db.removed_stale_tables", names=names))
        _refuse_existing(dst, plans)
        _create_schemas(dst, schemas)
        md = _staging_metadata(plans, src.dialect.name, dst.dialect.name,
                               inspect(dst).default_schema_name)
        _write_tables(masker, src, dst, plans, md, outcome, allow_below_k)
    finally:
        if lock is not None:
            lock.close()
        dst.dispose()


def _refuse_existing(dst: SqlEngine, plans: dict[Key, TablePlan]) -> None:
    insp = inspect(dst)
    existing_schemas = set(insp.get_schema_names())
    clash = []
    for schema in dict.fromkeys(k[0] for k in plans):
        if schema is not None and schema not in existing_schemas:
            continue
        tables = set(insp.get_table_names(schema=schema))
        clash += [tp.display for tp in plans.values()
                  if tp.table.schema == schema and tp.table.name in tables]
    if clash:
        raise DbMaskError("mask_db.table_exists", names=", ".join(clash))


def _create_schemas(dst: SqlEngine, schemas: list[str | None]) -> None:
    prep = dst.dialect.identifier_preparer
    with dst.begin() as conn:
        for schema in schemas:
            if schema is not None:
                conn.execute(text(f"CREATE SCHEMA IF NOT EXISTS {prep.quote_schema(schema)}"))


def _write_tables(
    masker: Masker, src: SqlEngine, dst: SqlEngine, plans: dict[Key, TablePlan],
    md: MetaData, outcome: DbOutcome, allow_below_k: bool,
) -> None:
    created = True
    try:
        md.create_all(dst)
        for tp in plans.values():
            checkpoint()
            record = InputDigests(masker)
            target = _staging_table(md, tp)
            outcome.tables.append((tp.display, _copy_table(masker, src, dst, tp, target,
                                                           record)))
            outcome.leaks += _check_table(masker, dst, tp, target, record)
            if outcome.leaks:
                return
        outcome.k_reports = _db_k_reports(masker, dst, plans, md)
        _hold_below_k(masker, outcome, allow_below_k)
        if outcome.below_k:
            return
        checkpoint()  # the last safe place before the copy is released
        _rename(dst, list(plans.values()))
        created = False
    finally:
        if created:
            with interrupts_held():
                md.drop_all(dst)


def _staging_table(md: MetaData, tp: TablePlan) -> Table:
    name = staging.staging_name(tp.table.name)
    schema = tp.table.schema or md.info["default_schema"]
    return md.tables[name if schema is None else f"{schema}.{name}"]


def dest_type(col_type: sqltypes.TypeEngine, same_dialect: bool) -> sqltypes.TypeEngine:
    """The column type in the destination: the same, or its portable equivalent
    (arrays and JSON documents as JSON, types without one as text)."""
    if same_dialect:
        return col_type
    if isinstance(col_type, sqltypes.JSON | sqltypes.ARRAY):
        return sqltypes.JSON()
    try:
        generic = col_type.as_generic()
    except NotImplementedError:
        return sqltypes.Text()
    return sqltypes.Text() if isinstance(generic, sqltypes.NullType) else generic


def _staging_metadata(plans: dict[Key, TablePlan], src_dialect: str, dst_dialect: str,
                      dst_default: str | None) -> MetaData:
    """Staging tables with the final names of their constraints and indexes. MariaDB
    resolves an unqualified name in the referring table's schema, so there tables of the
    default schema are named with the destination's default schema."""
    md = MetaData()
    qualify = dst_default if dst_dialect in ("mysql", "mariadb") else None
    md.info["default_schema"] = qualify
    same = src_dialect == dst_dialect
    tables: dict[Key, Table] = {}
    for key, tp in plans.items():
        name = tp.table.name
        cols = [tp.table.columns[i] for i in _kept(tp)]
        kept_names = {c.name for c in cols}
        new_cols = [Column(c.name, dest_type(c.type, same), nullable=c.nullable,
                           autoincrement=False) for c in cols]
        extras: list = []
        pk = [c.name for c in tp.table.primary_key.columns]
        if pk and set(pk) <= kept_names:
            extras.append(PrimaryKeyConstraint(
                *pk, name=tp.table.primary_key.name or staging.constraint_name(name, [], "pkey")))
        for uc in tp.table.constraints:
            uc_cols = [c.name for c in uc.columns]
            if isinstance(uc, UniqueConstraint) and set(uc_cols) <= kept_names:
                extras.append(UniqueConstraint(
                    *uc_cols, name=uc.name or staging.constraint_name(name, uc_cols, "key")))
        table = Table(staging.staging_name(name), md, *new_cols, *extras,
                      schema=key[0] or qualify, **(_charset(tp.table) if same else {}))
        for ix in tp.table.indexes:
            ix_cols = [c.name for c in ix.columns]
            if ix_cols and set(ix_cols) <= kept_names:
                Index(ix.name or staging.constraint_name(name, ix_cols, "idx"),
                      *[table.c[c] for c in ix_cols], unique=ix.unique)
        tables[key] = table
    for key, tp in plans.items():
        kept_names = set(_names(tp))
        for fk in tp.table.foreign_key_constraints:
            parent = tables.get((fk.referred_table.schema, fk.referred_table.name))
            if parent is None or not set(fk.column_keys) <= kept_names \
                    or not all(e.column.name in parent.c for e in fk.elements):
                continue
            tables[key].append_constraint(ForeignKeyConstraint(
                fk.column_keys, [parent.c[e.column.name] for e in fk.elements],
                name=fk.name or staging.constraint_name(tp.table.name, fk.column_keys, "fkey")))
    return md


def _charset(table: Table) -> dict[str, str]:
    """A MariaDB table's character set and collation, for its copy (a cp932 table
    stays cp932); nothing for other databases."""
    options = table.dialect_kwargs
    out = {"mysql_charset": options.get("mysql_default charset"),
           "mysql_collate": options.get("mysql_collate")}
    return {k: v for k, v in out.items() if v}


def _converters(target: Table, names: list[str], postgres: bool) -> list[Callable | None]:
    """Per column, how a masked value is handed to the destination driver."""
    out: list[Callable | None] = []
    for name in names:
        col_type = target.c[name].type
        if postgres and isinstance(col_type, sqltypes.JSON):
            from psycopg.types.json import Json, Jsonb

            wrap = Jsonb if type(col_type).__name__ == "JSONB" else Json
            out.append(lambda v, wrap=wrap: wrap(v, dumps=_json_text))
        elif isinstance(col_type, sqltypes.Text | sqltypes.String) \
                and not isinstance(col_type, sqltypes.Enum):
            out.append(lambda v: v if isinstance(v, str) else str(csv_text(v)))
        else:
            out.append(None)
    return out


def _json_text(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _copy_table(
    masker: Masker, src: SqlEngine, dst: SqlEngine, tp: TablePlan, target: Table,
    record: InputDigests,
) -> int:
    names = _names(tp)
    postgres = dst.dialect.name == "postgresql"
    convert = _converters(target, names, postgres)
    count = 0
    try:
        with dst.begin() as conn:
            for masked in _masked_chunks(masker, src, tp, record):
                rows = [[v if f is None or v is None else f(v) for v, f in
                         zip(r, convert, strict=True)] for r in masked]
                # A signal inside the driver's COPY could leave the connection, and its
                # lock on the staging table, behind: it is delivered after the write.
                with interrupts_held():
                    if postgres:
                        _copy_postgres(conn, target, names, rows)
                    else:
                        conn.execute(target.insert(),
                                     [dict(zip(names, r, strict=True)) for r in rows])
                count += len(rows)
    except SQLAlchemyError as exc:
        raise db_error(exc, DbMaskError("mask_db.cannot_write", table=tp.display)) from None
    return count


def _copy_postgres(conn, target: Table, names: list[str], rows: list[list]) -> None:
    """COPY FROM STDIN: the fast path for PostgreSQL destinations."""
    prep = conn.dialect.identifier_preparer
    cols = ", ".join(prep.quote(n) for n in names)
    raw = conn.connection.dbapi_connection
    with raw.cursor() as cur, cur.copy(f"COPY {prep.format_table(target)} ({cols}) FROM STDIN"
                                       ) as copy:
        for row in rows:
            copy.write_row(row)


def _check_table(
    masker: Masker, dst: SqlEngine, tp: TablePlan, target: Table, record: InputDigests
) -> list[Leak]:
    """The staging table read back from the destination and scanned by content."""
    staged = Table(target.name, MetaData(), autoload_with=dst, schema=target.schema)

    def chunks() -> Iterator[list]:
        with dst.connect() as conn:
            result = conn.execution_options(yield_per=CHECK_ROWS).execute(select(staged))
            yield from result.partitions()

    return scan_rows(masker, record, tp.display, [c.name for c in staged.columns], chunks())


def _db_k_reports(
    masker: Masker, dst: SqlEngine, plans: dict[Key, TablePlan], md: MetaData
) -> list[KReport]:
    """k-anonymity of each masked table that has all the quasi-identifier columns."""
    from sqlalchemy import func

    quasi = masker.policy.quasi
    reports = []
    for tp in plans.values():
        table = _staging_table(md, tp)
        if not quasi or not all(q in table.c for q in quasi):
            continue
        cols = [table.c[q] for q in quasi]
        with dst.connect() as conn:
            query = select(func.count()).select_from(table).group_by(*cols)
            sizes = conn.execute(query).scalars().all()
        reports.append(k_report_from_sizes(tp.display, quasi, sizes, masker.policy.k))
    return reports


def _rename(dst: SqlEngine, plans: list[TablePlan]) -> None:
    """Staging tables to their real names, all in one transaction."""
    prep = dst.dialect.identifier_preparer

    def qualified(schema: str | None, name: str) -> str:
        return prep.quote(name) if schema is None else \
            f"{prep.quote_schema(schema)}.{prep.quote(name)}"

    with interrupts_held(), dst.begin() as conn:
        if dst.dialect.name in ("mysql", "mariadb"):
            pairs = ", ".join(
                f"{qualified(tp.table.schema, staging.staging_name(tp.table.name))} TO "
                f"{qualified(tp.table.schema, tp.table.name)}" for tp in plans)
            conn.execute(text(f"RENAME TABLE {pairs}"))
            return
        for tp in plans:
            old = qualified(tp.table.schema, staging.staging_name(tp.table.name))
            conn.execute(text(f"ALTER TABLE {old} RENAME TO {prep.quote(tp.table.name)}"))


# -- directory destination ----------------------------------------------------------------
def _to_directory(
    masker: Masker, src: SqlEngine, plans: dict[Key, TablePlan], out: Path, dir_format: str,
    outcome: DbOutcome, allow_below_k: bool,
) -> None:
    stage = staging.DirStaging(out)
    try:
        folder = stage.open()
        if stage.removed_stale:
            outcome.notices.append(both("mask_db.removed_stale_folder", path=stage.path))
        written: list[tuple[Path, str]] = []
        for tp in plans.values():
            checkpoint()
            sub = folder
            if tp.table.schema is not None:
                sub = folder / staging.safe_file_name(tp.table.schema)
                sub.mkdir(mode=staging.DIR_MODE, exist_ok=True)
            path = staging.create_file(
                sub, f"{staging.safe_file_name(tp.table.name)}.{dir_format}")
            record = InputDigests(masker)
            if dir_format == "parquet":
                count = _write_parquet(masker, src, tp, path, record)
                leaks = scan_rows(masker, record, tp.display, _names(tp), _parquet_rows(path))
            else:
                count = _write_csv(masker, src, tp, path, record)
                names, rows = _csv_rows(path)
                leaks = scan_rows(masker, record, tp.display, names, rows)
            outcome.tables.append((tp.display, count))
            outcome.leaks += leaks
            if leaks:
                return
            written.append((path, path.relative_to(folder).as_posix()))
            report = _quasi_report(masker, tp, path, dir_format)
            if report is not None:
                outcome.k_reports.append(report)
        _hold_below_k(masker, outcome, allow_below_k)
        checkpoint()  # the last safe place before the copy is released
        if not outcome.below_k:
            write_manifest(folder / MANIFEST_NAME, masker, written)
            stage.release()
    finally:
        with interrupts_held():
            stage.close()


def _quasi_report(masker: Masker, tp: TablePlan, path: Path, dir_format: str
                  ) -> KReport | None:
    from scanner.masking.formats import csv as fmt_csv

    quasi = masker.policy.quasi
    if not quasi or not all(q in _names(tp) for q in quasi):
        return None
    if dir_format == "parquet":
        return _parquet_quasi_report(path, tp.display, quasi, masker.policy.k)
    return fmt_csv.quasi_report(path, tp.display, quasi, masker.policy.k)


def _write_csv(
    masker: Masker, src: SqlEngine, tp: TablePlan, path: Path, record: InputDigests
) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(_names(tp))
        for masked in _masked_chunks(masker, src, tp, record):
            writer.writerows([[csv_text(v) for v in r] for r in masked])
            count += len(masked)
    return count


def _csv_rows(path: Path) -> tuple[list[str], Iterator[list]]:
    """The header and the rows (in chunks) of a written CSV file, read back."""
    with path.open(encoding="utf-8", newline="") as fh:
        names = next(csv.reader(fh), [])

    def chunks() -> Iterator[list]:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            next(reader, None)
            chunk: list = []
            for row in reader:
                chunk.append([from_csv_text(c) for c in row])
                if len(chunk) >= CHECK_ROWS:
                    yield chunk
                    chunk = []
            if chunk:
                yield chunk

    return names, chunks()


def arrow_type(col_type: sqltypes.TypeEngine):
    """The Arrow type that keeps a SQL type (text for those Arrow has no match for)."""
    import pyarrow as pa

    if isinstance(col_type, sqltypes.Boolean):
        return pa.bool_()
    if type(col_type).__name__ == "BIT":  # MariaDB's driver gives an int, PostgreSQL's '0101'
        return pa.int64() if "mysql" in type(col_type).__module__ else pa.string()
    if isinstance(col_type, sqltypes.Integer):
        return pa.int64()
    if isinstance(col_type, sqltypes.Float):
        return pa.float64()
    if isinstance(col_type, sqltypes.Numeric):
        p, s = col_type.precision, col_type.scale
        return pa.decimal128(p, s or 0) if p and p <= 38 else pa.string()
    if isinstance(col_type, sqltypes.DateTime):
        return pa.timestamp("us", tz="UTC" if col_type.timezone else None)
    if isinstance(col_type, sqltypes.Date):
        return pa.date32()
    if isinstance(col_type, sqltypes.Time):
        return pa.time64("us")
    if isinstance(col_type, sqltypes.Interval):
        return pa.duration("us")
    if isinstance(col_type, sqltypes.JSON):
        return pa.json_() if hasattr(pa, "json_") else pa.string()
    if isinstance(col_type, sqltypes.ARRAY):
        return pa.list_(arrow_type(col_type.item_type))
    if isinstance(col_type, sqltypes._Binary) and type(col_type).__name__ != "BIT":
        return pa.binary()
    return pa.string()


def _arrow_value(value: object, arrow_t) -> object:
    import pyarrow as pa

    if value is None:
        return None
    if isinstance(arrow_t, pa.BaseExtensionType) or arrow_t == pa.string():
        if isinstance(value, str):
            return value
        if isinstance(value, dict | list | tuple) or isinstance(arrow_t, pa.BaseExtensionType):
            return json.dumps(value, ensure_ascii=False, default=str)
        return str(csv_text(value))
    if isinstance(value, memoryview | bytearray):
        return bytes(value)
    return value


def _write_parquet(
    masker: Masker, src: SqlEngine, tp: TablePlan, path: Path, record: InputDigests
) -> int:
    """One Parquet file, chunk by chunk, each column in the Arrow type of its SQL type."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols = [tp.table.columns[i] for i in _kept(tp)]
    schema = pa.schema([pa.field(c.name, arrow_type(c.type)) for c in cols])
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        for masked in _masked_chunks(masker, src, tp, record):
            try:
                arrays = [pa.array([_arrow_value(r[j], f.type) for r in masked], type=f.type)
                          for j, f in enumerate(schema)]
            except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError):
                raise DbMaskError("mask_db.parquet_type", table=tp.display) from None
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
            count += len(masked)
    return count


def _parquet_rows(path: Path) -> Iterator[list]:
    """The rows of a written Parquet file, read back in chunks."""
    import pyarrow.parquet as pq

    for batch in pq.ParquetFile(path).iter_batches(batch_size=CHECK_ROWS):
        columns = [batch.column(i).to_pylist() for i in range(batch.num_columns)]
        yield list(zip(*columns, strict=True))


def _parquet_quasi_report(
    path: Path, name: str, quasi: tuple[str, ...], k: int
) -> KReport | None:
    """The k-anonymity of a Parquet output on the quasi-identifier columns."""
    from collections import Counter

    import pyarrow.parquet as pq

    table = pq.read_table(path, columns=list(quasi))
    if table.num_rows == 0:
        return None
    rows = zip(*(table.column(q).to_pylist() for q in quasi), strict=True)
    return k_report_from_sizes(name, quasi, Counter(rows).values(), k)
