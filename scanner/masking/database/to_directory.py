"""`mask-db --to DIR`: one CSV or Parquet file per table, written in a staging folder,
each read back and leak-checked, the folder renamed into place when every table passed."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import types as sqltypes
from sqlalchemy.engine import Engine as SqlEngine

from scanner.interrupts import checkpoint, interrupts_held
from scanner.masking.database import staging
from scanner.masking.database.leak import CHECK_ROWS, InputDigests, scan_rows
from scanner.masking.database.plan import TablePlan
from scanner.masking.database.source import (
    DbMaskError,
    DbOutcome,
    Key,
    hold_below_k,
    kept_columns,
    kept_names,
    masked_chunks,
)
from scanner.masking.database.values import csv_text, from_csv_text
from scanner.masking.kanon import KReport, k_report_from_sizes
from scanner.masking.manifest import MANIFEST_NAME, write_manifest
from scanner.masking.masker import Masker
from scanner.messages import both


def to_directory(
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
                leaks = scan_rows(masker, record, tp.display, kept_names(tp), _parquet_rows(path))
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
        hold_below_k(masker, outcome, allow_below_k)
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
    if not quasi or not all(q in kept_names(tp) for q in quasi):
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
        writer.writerow(kept_names(tp))
        for masked in masked_chunks(masker, src, tp, record):
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

    cols = [tp.table.columns[i] for i in kept_columns(tp)]
    schema = pa.schema([pa.field(c.name, arrow_type(c.type)) for c in cols])
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        for masked in masked_chunks(masker, src, tp, record):
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
