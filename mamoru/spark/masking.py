"""`mask_dataframe`: the cells of `mamoru mask-db`, on Spark, and the job fails on a leak.

The driver plans the columns as `mask-db` does (names, the policy, the engine on the
first `SAMPLE_ROWS` rows, rare quasi-identifier values counted by Spark) and makes the
per-run key (the anonymized profile's key for key columns). The workers mask their
partition `chunk` rows at a time (as `mask-db` reads 5,000-row chunks: the evidence of
a column is pooled per chunk) and scan every masked chunk again before it goes out; a
finding this run did not write raises `LeakFound` and fails the task, so the job
fails: no `_SUCCESS`, no committed output (Parquet), nothing renamed (`write_jdbc`).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from mamoru.spark import workers

if TYPE_CHECKING:
    from pyspark.sql import DataFrame
    from pyspark.sql.types import DataType

    from scanner.masking.masker import Masker
    from scanner.masking.policy import Policy
    from scanner.masking.tables import ColumnPlan

CHUNK_ROWS = 5000  # scanner.masking.database.source.CHUNK_ROWS
LEAK_MARK = "mamoru-leak-check-failed"
SHOWN_LEAKS = 20


class LeakFound(RuntimeError):
    """The masked output still holds personal data (previews only in the message)."""


def value_kind(data_type: DataType) -> str:
    """`scanner.masking.database.plan.column_kind` for a Spark type. Maps and structs
    are not masked (a struct's field names would be masked as JSON keys): the plan keeps
    them, and the leak check fails the job when they hold personal data."""
    from pyspark.sql import types as T

    if isinstance(data_type, T.BinaryType | T.ArrayType):
        return "structured"
    if isinstance(data_type, T.BooleanType | T.FloatType | T.DoubleType
                  | T.DayTimeIntervalType | T.YearMonthIntervalType | T.MapType
                  | T.StructType | T.NullType):
        return "skip"
    if isinstance(data_type, T.DateType | T.TimestampType | T.TimestampNTZType):
        return "date"
    if isinstance(data_type, T.IntegralType | T.DecimalType):
        return "number"
    return "text"


def mask_dataframe(df: DataFrame, *, key: bytes, profile: str | None = None,
                   policy: str | Path | Policy | None = None, table: str | None = None,
                   keys: Sequence[str] = (), min_score: float | None = None,
                   chunk: int = CHUNK_ROWS) -> DataFrame:
    """`df` masked cell by cell as `mask-db` masks table `table` (for the policy's
    `table.column` rules); `keys`: primary/foreign key columns (masked whole, or kept).
    Dropped columns are left out; the other columns keep their types."""
    from scanner.masking.masker import Masker
    from scanner.masking.policy import Policy, load_policy

    if not key:
        raise ValueError("an empty key")
    if not isinstance(policy, Policy):
        policy = load_policy(Path(policy) if policy else None, profile)
    if min_score is not None:
        policy = replace(policy, min_score=min_score)
    key = bytes(key)
    driver = Masker(policy, key, workers.engine(policy.min_score))
    run_key = driver.key_rule.params["key"] if driver.key_rule is not None else None
    plans, rare = plan_frame(driver, df, table, frozenset(keys))
    kinds = [value_kind(f.dataType) for f in df.schema.fields]
    label = table or "dataframe"
    kept = {i for i, p in enumerate(plans) if p.action == "keep"
            and (rule := policy.column(label, p.name)) is not None and rule.operator == "keep"}
    job = _Job(secrets.token_hex(8), policy, key, run_key, plans, rare, kinds, label, chunk,
               kept)
    from pyspark.sql.types import StructType

    out = StructType([f for f, p in zip(df.schema.fields, plans, strict=True)
                      if p.action != "drop"])
    return df.mapInArrow(job, out)


def plan_frame(masker: Masker, df: DataFrame, table: str | None,
               keys: frozenset[str]) -> tuple[list[ColumnPlan], dict[int, set[str]]]:
    """Column plans from the first rows, as `scanner.masking.database.plan.plan_table`."""
    from pyspark.sql import functions as F

    from scanner.masking.tables import (
        DETECT,
        KEEP,
        SAMPLE_ROWS,
        as_text,
        classify_columns,
        plan_columns,
    )

    fields = df.schema.fields
    sample = df.limit(SAMPLE_ROWS).collect()
    classified = classify_columns(masker, {
        f.name: [r[i] for r in sample]
        for i, f in enumerate(fields) if value_kind(f.dataType) not in ("skip", "structured")
    })
    plans = plan_columns(masker, [f.name for f in fields], table=table, keys=keys,
                         classified=classified)
    fixed = []
    for f, plan in zip(fields, plans, strict=True):
        if plan.action == DETECT and (value_kind(f.dataType) in ("skip", "date") or plan.key):
            plan = replace(plan, action=KEEP)  # long integers are read by content
        fixed.append(plan)
    rare: dict[int, set[str]] = {}
    policy = masker.policy
    if policy.generalize_rare and policy.quasi:
        for i, f in enumerate(fields):
            if f.name in policy.quasi:
                counts = df.groupBy(f.name).count().where(F.col("count") < policy.k)
                rare[i] = {t for r in counts.collect() if (t := as_text(r[0])) is not None}
    return fixed, rare


class _Job:
    """The worker side: everything in it is pickled into the task (no Spark conf)."""

    def __init__(self, run: str, policy: Policy, key: bytes, run_key: bytes | None,
                 plans: list[ColumnPlan], rare: dict[int, set[str]], kinds: list[str],
                 label: str, chunk: int, kept: set[int]) -> None:
        self.run, self.policy, self.key, self.run_key = run, policy, key, run_key
        self.plans, self.rare, self.kinds = plans, rare, kinds
        self.label, self.chunk, self.kept = label, chunk, kept  # kept: the policy keeps

    def __call__(self, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        from pyspark import TaskContext

        from scanner.masking.tables import TableMasker

        masker = workers.masker(self.run, self.policy, self.key, self.run_key)
        masker.surrogates.forget()
        table_masker = TableMasker(masker, self.plans, self.rare)
        context = TaskContext.get()
        partition = context.partitionId() if context is not None else 0
        schema = None
        rows: list[tuple] = []
        first = 1
        for batch in batches:
            if schema is None:
                schema = pa.schema([f for f, p in zip(batch.schema, self.plans, strict=True)
                                    if p.action != "drop"])
            rows.extend(zip(*(c.to_pylist() for c in batch.columns), strict=True))
            while len(rows) >= self.chunk:
                yield self._chunk(table_masker, rows[:self.chunk], partition, first, schema)
                del rows[:self.chunk]
                first += self.chunk
        if rows:
            yield self._chunk(table_masker, rows, partition, first, schema)

    def _chunk(self, tm, rows: list[tuple], partition: int, first: int,
               schema: pa.Schema) -> pa.RecordBatch:
        """The masked chunk, read back and leak-checked as `mask-db` checks a table
        (`scanner.masking.database.leak`), against this chunk's input values."""
        from scanner.masking.database.leak import InputDigests, scan_rows

        record = InputDigests(tm.masker)
        tm.seen = record.record_finding
        record.record_rows(rows, self.kept)
        masked = tm.mask_rows(rows)
        record.record_produced()
        where = f"{self.label} partition {partition} from row {first}"
        leaks = scan_rows(tm.masker, record, where, schema.names, [masked])
        if leaks:
            shown = "; ".join(leak.describe() for leak in leaks[:SHOWN_LEAKS])
            raise LeakFound(f"{LEAK_MARK}: {len(leaks)} item(s): {shown}")
        try:
            return pa.RecordBatch.from_arrays(
                [pa.array([r[j] for r in masked], type=f.type) for j, f in enumerate(schema)],
                schema=schema)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError) as exc:
            raise ValueError(f"{self.label}: a masked value does not fit its column type "
                             f"({type(exc).__name__})") from None
