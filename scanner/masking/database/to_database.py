"""`mask-db` into a database: staging tables with the final names of their constraints
and indexes, each read back and leak-checked, renamed in one transaction when every
table passed, dropped otherwise."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from sqlalchemy import (
    Column,
    ForeignKeyConstraint,
    Index,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    UniqueConstraint,
    inspect,
    select,
    text,
)
from sqlalchemy import types as sqltypes
from sqlalchemy.engine import Engine as SqlEngine
from sqlalchemy.exc import SQLAlchemyError

from scanner.interrupts import checkpoint, interrupts_held
from scanner.masking.database import staging
from scanner.masking.database.leak import CHECK_ROWS, InputDigests, scan_rows
from scanner.masking.database.plan import TablePlan
from scanner.masking.database.source import (
    DbMaskError,
    DbOutcome,
    Key,
    db_error,
    hold_below_k,
    json_text,
    kept_columns,
    kept_names,
    masked_chunks,
)
from scanner.masking.database.values import csv_text
from scanner.masking.kanon import KReport, k_report_from_sizes
from scanner.masking.leakcheck.check import Leak
from scanner.masking.masker import Masker
from scanner.messages import both


def to_database(
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
        hold_below_k(masker, outcome, allow_below_k)
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
        cols = [tp.table.columns[i] for i in kept_columns(tp)]
        kept = {c.name for c in cols}
        new_cols = [Column(c.name, dest_type(c.type, same), nullable=c.nullable,
                           autoincrement=False) for c in cols]
        extras: list = []
        pk = [c.name for c in tp.table.primary_key.columns]
        if pk and set(pk) <= kept:
            extras.append(PrimaryKeyConstraint(
                *pk, name=tp.table.primary_key.name or staging.constraint_name(name, [], "pkey")))
        for uc in tp.table.constraints:
            uc_cols = [c.name for c in uc.columns]
            if isinstance(uc, UniqueConstraint) and set(uc_cols) <= kept:
                extras.append(UniqueConstraint(
                    *uc_cols, name=uc.name or staging.constraint_name(name, uc_cols, "key")))
        table = Table(staging.staging_name(name), md, *new_cols, *extras,
                      schema=key[0] or qualify, **(_charset(tp.table) if same else {}))
        for ix in tp.table.indexes:
            ix_cols = [c.name for c in ix.columns]
            if ix_cols and set(ix_cols) <= kept:
                Index(ix.name or staging.constraint_name(name, ix_cols, "idx"),
                      *[table.c[c] for c in ix_cols], unique=ix.unique)
        tables[key] = table
    for key, tp in plans.items():
        kept = set(kept_names(tp))
        for fk in tp.table.foreign_key_constraints:
            parent = tables.get((fk.referred_table.schema, fk.referred_table.name))
            if parent is None or not set(fk.column_keys) <= kept \
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
            out.append(lambda v, wrap=wrap: wrap(v, dumps=json_text))
        elif isinstance(col_type, sqltypes.Text | sqltypes.String) \
                and not isinstance(col_type, sqltypes.Enum):
            out.append(lambda v: v if isinstance(v, str) else str(csv_text(v)))
        else:
            out.append(None)
    return out


def _copy_table(
    masker: Masker, src: SqlEngine, dst: SqlEngine, tp: TablePlan, target: Table,
    record: InputDigests,
) -> int:
    names = kept_names(tp)
    postgres = dst.dialect.name == "postgresql"
    convert = _converters(target, names, postgres)
    count = 0
    try:
        with dst.begin() as conn:
            for masked in masked_chunks(masker, src, tp, record):
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
