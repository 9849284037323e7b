"""`mask-db`: copy a database's schema and data into another database (or CSV files per
table), masking on the way, in bounded memory.

Rows stream from the source in chunks (server-side cursors via `yield_per`). Each
masked chunk is leak-checked before it is written (the same rows that go out, scanned
again, ignoring exactly the replacements made for that chunk); tables are written under
staging names (`mamoru_tmp_<table>`) and renamed to their real names in one transaction
only when every chunk of every table passed. On failure the staging tables are dropped.
"""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import (
    Column,
    ForeignKeyConstraint,
    Index,
    MetaData,
    Table,
    UniqueConstraint,
    create_engine,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Engine as SqlEngine

from scanner.masking.db_plan import TablePlan, link_foreign_keys, plan_table
from scanner.masking.kanon import KReport, k_report_from_sizes
from scanner.masking.leakcheck import CheckUnit, Leak, find_leaks
from scanner.masking.masker import Masker
from scanner.masking.tables import DROP, KEEP, TableMasker, as_text

CHUNK_ROWS = 5000
STAGING = "mamoru_tmp_"


class DbMaskError(Exception):
    """Bad source or destination (exit 2)."""


@dataclass
class DbOutcome:
    tables: list[tuple[str, int]] = field(default_factory=list)  # (table, rows)
    leaks: list[Leak] = field(default_factory=list)
    k_reports: list[KReport] = field(default_factory=list)

    @property
    def released(self) -> bool:
        return not self.leaks


def open_engine(url: str, *, must_exist: bool = False) -> SqlEngine:
    """An engine for `url`; `must_exist`: a SQLite file is never created (the source)."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception as exc:
        raise DbMaskError(f"not a database URL: {_safe(url)}") from exc
    sqlite = parsed.get_backend_name() == "sqlite"
    if must_exist and sqlite and not (parsed.database and Path(parsed.database).is_file()):
        raise DbMaskError(f"SQLite database not found: {parsed.database}")
    try:
        engine = create_engine(url)
        with engine.connect():
            pass
    except Exception as exc:  # bad URL, driver missing, server unreachable
        raise DbMaskError(f"cannot open {_safe(url)}: {type(exc).__name__}") from exc
    return engine


def _safe(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<url>"


def plan_database(masker: Masker, src: SqlEngine) -> dict[str, TablePlan]:
    md = MetaData()
    md.reflect(src)
    with src.connect() as conn:
        plans = {t.name: plan_table(masker, conn, t) for t in md.sorted_tables}
    link_foreign_keys(plans)
    return plans


def mask_database(
    masker: Masker, src_url: str, to: str, *, dir_format: str = "csv"
) -> DbOutcome:
    src = open_engine(src_url, must_exist=True)
    try:
        plans = plan_database(masker, src)
        if not plans:
            raise DbMaskError(f"no tables in {_safe(src_url)}")
        if "://" in to:
            return _to_database(masker, src, plans, open_engine(to))
        return _to_directory(masker, src, plans, Path(to), dir_format)
    finally:
        src.dispose()


def _source_rows(src: SqlEngine, table: Table) -> Iterator[list]:
    with src.connect() as conn:
        result = conn.execution_options(yield_per=CHUNK_ROWS).execute(select(table))
        for part in result.partitions():
            yield [tuple(r) for r in part]


# -- database destination -------------------------------------------------------------
def _to_database(
    masker: Masker, src: SqlEngine, plans: dict[str, TablePlan], dst: SqlEngine
) -> DbOutcome:
    outcome = DbOutcome()
    existing = set(inspect(dst).get_table_names())
    clash = sorted(existing & ({n for n in plans} | {STAGING + n for n in plans}))
    if clash:
        dst.dispose()
        raise DbMaskError(f"destination already has table(s): {', '.join(clash)}")
    staging_md = _staging_metadata(plans, same_dialect=src.dialect.name == dst.dialect.name)
    try:
        staging_md.create_all(dst)
        for name, tp in plans.items():
            outcome.tables.append((name, _copy_table(masker, src, dst, tp, staging_md, outcome)))
            if outcome.leaks:
                break
        outcome.k_reports = _db_k_reports(masker, dst, plans, staging_md)
        if outcome.released:
            _rename(dst, list(plans))
            staging_md = None
    finally:
        if staging_md is not None:
            staging_md.drop_all(dst)
        dst.dispose()
    return outcome


def _kept(tp: TablePlan) -> list[int]:
    return [i for i, p in enumerate(tp.plans) if p.action != DROP]


def _staging_metadata(plans: dict[str, TablePlan], same_dialect: bool) -> MetaData:
    md = MetaData()
    for name, tp in plans.items():
        cols = [tp.table.columns[i] for i in _kept(tp)]
        kept_names = {c.name for c in cols}
        new_cols = [
            Column(c.name, c.type if same_dialect else c.type.as_generic(),
                   primary_key=c.primary_key, nullable=c.nullable, autoincrement=False)
            for c in cols
        ]
        extras: list = []
        for fk in tp.table.foreign_key_constraints:
            if set(fk.column_keys) <= kept_names and fk.referred_table.name in plans:
                extras.append(ForeignKeyConstraint(
                    fk.column_keys,
                    [f"{STAGING}{fk.referred_table.name}.{e.column.name}" for e in fk.elements],
                    name=fk.name,
                ))
        for uc in tp.table.constraints:
            if isinstance(uc, UniqueConstraint) and {c.name for c in uc.columns} <= kept_names:
                extras.append(UniqueConstraint(*[c.name for c in uc.columns], name=uc.name))
        table = Table(STAGING + name, md, *new_cols, *extras)
        for ix in tp.table.indexes:
            if {c.name for c in ix.columns} <= kept_names:
                Index(ix.name, *[table.c[c.name] for c in ix.columns], unique=ix.unique)
    return md


def _copy_table(
    masker: Masker, src: SqlEngine, dst: SqlEngine, tp: TablePlan, md: MetaData,
    outcome: DbOutcome,
) -> int:
    target = md.tables[STAGING + tp.table.name]
    count = 0
    with dst.begin() as conn:
        for masked in _checked_chunks(masker, src, tp, outcome):
            count += len(masked)
            if dst.dialect.name == "postgresql":
                _copy_postgres(conn, target.name, _names(tp), masked)
            else:
                conn.execute(target.insert(),
                             [dict(zip(_names(tp), r, strict=True)) for r in masked])
    return count


def _names(tp: TablePlan) -> list[str]:
    return [tp.table.columns[i].name for i in _kept(tp)]


def _checked_chunks(
    masker: Masker, src: SqlEngine, tp: TablePlan, outcome: DbOutcome
) -> Iterator[list[list]]:
    """Masked chunks that passed the leak check; stops at the first chunk that leaks."""
    tm = TableMasker(masker, tp.plans, tp.rare)
    first_row = 1
    for rows in _source_rows(src, tp.table):
        masked = tm.mask_rows(rows)
        leaks = find_leaks(masker, _chunk_units(tp, masked, first_row))
        masker.surrogates.forget()
        if leaks:
            outcome.leaks.extend(leaks)
            return
        yield masked
        first_row += len(masked)


def _chunk_units(tp: TablePlan, masked: list[list], first_row: int) -> Iterator[CheckUnit]:
    """The masked chunk, column by column: text columns and every masked column."""
    from scanner.dbscan.names import header_context
    from scanner.masking.db_plan import column_kind

    for j, i in enumerate(_kept(tp)):
        col = tp.table.columns[i]
        if column_kind(col.type) != "text" and tp.plans[i].action == KEEP:
            continue
        cells = [(n, t) for n, r in enumerate(masked, first_row)
                 if (t := as_text(r[j])) is not None and t.strip()]
        yield CheckUnit([t for _, t in cells],
                        [f"{tp.table.name}.{col.name} row {n}" for n, _ in cells],
                        tuple(header_context(col.name)))


def _copy_postgres(conn, table: str, names: list[str], rows: list[list]) -> None:
    """COPY FROM STDIN: the fast path for PostgreSQL destinations."""
    cols = ", ".join(_quote(n) for n in names)
    raw = conn.connection.dbapi_connection
    with raw.cursor() as cur, cur.copy(f"COPY {_quote(table)} ({cols}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _db_k_reports(
    masker: Masker, dst: SqlEngine, plans: dict[str, TablePlan], md: MetaData
) -> list[KReport]:
    """k-anonymity of each masked table that has all the quasi-identifier columns."""
    from sqlalchemy import func

    quasi = masker.policy.quasi
    reports = []
    for name in plans:
        table = md.tables[STAGING + name]
        if not quasi or not all(q in table.c for q in quasi):
            continue
        cols = [table.c[q] for q in quasi]
        with dst.connect() as conn:
            query = select(func.count()).select_from(table).group_by(*cols)
            sizes = conn.execute(query).scalars().all()
        reports.append(k_report_from_sizes(name, quasi, sizes, masker.policy.k))
    return reports


def _rename(dst: SqlEngine, names: list[str]) -> None:
    """Staging tables to their real names, all in one transaction."""
    with dst.begin() as conn:
        if dst.dialect.name in ("mysql", "mariadb"):
            pairs = ", ".join(f"`{STAGING}{n}` TO `{n}`" for n in names)
            conn.execute(text(f"RENAME TABLE {pairs}"))
            return
        for n in names:
            conn.execute(text(f"ALTER TABLE {_quote(STAGING + n)} RENAME TO {_quote(n)}"))


# -- directory destination ------------------------------------------------------------
def _to_directory(
    masker: Masker, src: SqlEngine, plans: dict[str, TablePlan], out: Path, dir_format: str
) -> DbOutcome:
    from scanner.masking import fmt_csv

    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise DbMaskError(f"output exists and is not an empty directory: {out}")
    out.parent.mkdir(parents=True, exist_ok=True)
    outcome = DbOutcome()
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".mamoru-tmp", dir=out.parent))
    try:
        for name, tp in plans.items():
            path = staging / f"{name}.{dir_format}"
            write = _write_parquet if dir_format == "parquet" else _write_csv
            outcome.tables.append((name, write(masker, src, tp, path, outcome)))
            if outcome.leaks:
                break
            if masker.policy.quasi:
                quasi_report = _parquet_quasi_report if dir_format == "parquet" \
                    else fmt_csv.quasi_report
                try:
                    report = quasi_report(path, name, masker.policy.quasi, masker.policy.k)
                except ValueError:
                    report = None
                if report is not None:
                    outcome.k_reports.append(report)
        if outcome.released:
            if out.exists():
                out.rmdir()
            os.replace(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return outcome


def _write_csv(
    masker: Masker, src: SqlEngine, tp: TablePlan, path: Path, outcome: DbOutcome
) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(_names(tp))
        for masked in _checked_chunks(masker, src, tp, outcome):
            writer.writerows(masked)
            count += len(masked)
    return count


def _write_parquet(
    masker: Masker, src: SqlEngine, tp: TablePlan, path: Path, outcome: DbOutcome
) -> int:
    """One Parquet file, written chunk by chunk; column types from the first chunk."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    names = _names(tp)
    writer = None
    count = 0
    try:
        for masked in _checked_chunks(masker, src, tp, outcome):
            columns = [[_parquet_value(r[j]) for r in masked] for j in range(len(names))]
            if writer is None:
                arrays = [pa.array(c) for c in columns]
                fields = [
                    pa.field(n, pa.string() if a.type == pa.null() else a.type)
                    for n, a in zip(names, arrays, strict=True)
                ]
                writer = pq.ParquetWriter(path, pa.schema(fields))
            try:
                table = pa.table(
                    [pa.array(c, type=f.type) for c, f in zip(columns, writer.schema, strict=True)],
                    schema=writer.schema,
                )
            except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError) as exc:
                raise DbMaskError(f"{tp.table.name}: a column changes type ({exc})") from None
            writer.write_table(table)
            count += len(masked)
    finally:
        if writer is not None:
            writer.close()
    if writer is None:  # an empty table: the file still has the columns
        pq.write_table(pa.table({n: pa.array([], pa.string()) for n in names}), path)
    return count


def _parquet_value(value: object) -> object:
    """Values Arrow stores as they are; anything else (Decimal, bytes, JSON) as text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    import datetime as dt

    if isinstance(value, dt.date | dt.datetime):
        return value
    return as_text(value)


def _parquet_quasi_report(
    path: Path, name: str, quasi: tuple[str, ...], k: int
) -> KReport | None:
    """The k-anonymity of a Parquet output on the quasi-identifier columns."""
    from collections import Counter

    import pyarrow.parquet as pq

    table = pq.read_table(path)
    missing = [q for q in quasi if q not in table.column_names]
    if missing:
        raise ValueError(f"quasi-identifier columns not in {name}: {', '.join(missing)}")
    if table.num_rows == 0:
        return None
    rows = zip(*(table.column(q).to_pylist() for q in quasi), strict=True)
    return k_report_from_sizes(name, quasi, Counter(rows).values(), k)
