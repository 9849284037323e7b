"""`classify_columns`: the column verdicts of `mamoru scan-db --full`, on Spark.

Each partition feeds its rows, `batch` rows at a time (the single process streams 2,000
rows per batch), to one `ColumnClassifier` per column and returns their partial tallies
(counts, score sums, masked previews, keyed fingerprints; never a value). The driver
merges them in partition order and applies the same rules. Evidence is pooled within a
batch, so verdicts equal the single process's when each partition holds whole batches
of the streamed order (e.g. JDBC partitions on a key whose ranges hold multiples of
`batch` rows); elsewhere they can differ only by evidence pooled across a boundary.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import pyarrow as pa

from mamoru.spark import workers

if TYPE_CHECKING:
    from pyspark.sql import DataFrame
    from pyspark.sql.types import DataType

    from scanner.dbscan.catalog import ColumnInfo
    from scanner.dbscan.classify import ColumnClassifier, Verdict

BATCH = 2000  # scanner.dbscan.scan.STREAM_BATCH

_TALLY = pa.struct([
    ("entity_type", pa.string()), ("values", pa.int64()), ("findings", pa.int64()),
    ("score_sum", pa.float64()), ("best", pa.float64()), ("previews", pa.list_(pa.string())),
    ("fingerprints", pa.list_(pa.string())),
])
PARTIAL_SCHEMA = pa.schema([
    ("partition", pa.int64()), ("column", pa.string()), ("examined", pa.int64()),
    ("nulls", pa.int64()), ("undecodable", pa.int64()), ("chars", pa.int64()),
    ("tallies", pa.list_(_TALLY)),
])
VERDICT_DDL = (
    "column string, data_type string, entity_type string, share double, score double, "
    "confidence string, basis string, examined long, matched long, findings long, "
    "free_text boolean, previews array<string>, fingerprints array<string>"
)


def column_info(name: str, data_type: DataType) -> ColumnInfo:
    """A DataFrame column as the database scanner describes a table column."""
    from pyspark.sql import types as T

    from scanner.dbscan.catalog import BINARY, DATE, JSON_KIND, NUMBER, SKIP, TEXT, ColumnInfo

    if isinstance(data_type, T.BooleanType | T.FloatType | T.DoubleType | T.NullType):
        kind = SKIP
    elif isinstance(data_type, T.ArrayType | T.MapType | T.StructType):
        kind = JSON_KIND
    elif isinstance(data_type, T.BinaryType):
        kind = BINARY
    elif isinstance(data_type, T.DateType | T.TimestampType | T.TimestampNTZType):
        kind = DATE
    elif isinstance(data_type, T.IntegralType | T.DecimalType):
        kind = NUMBER
    else:
        kind = TEXT
    return ColumnInfo(name, data_type.simpleString(), kind)


def classify_columns(df: DataFrame, *, key: bytes, columns: Sequence[str] | None = None,
                     batch: int = BATCH, thorough: bool = False,
                     min_score: float = 0.0) -> DataFrame:
    """Column verdicts (`VERDICT_DDL`), highest score first within a column, at or above
    `min_score`; `fingerprints` are keyed, `previews` masked."""
    from scanner.dbscan.classify import scans_values

    if not key:
        raise ValueError("an empty key")
    wanted = list(columns) if columns else df.columns
    fields = {f.name: f.dataType for f in df.schema.fields}
    unknown = [c for c in wanted if c not in fields]
    if unknown:
        raise ValueError(f"no such column: {', '.join(unknown)}")
    infos = [c for c in (column_info(n, fields[n]) for n in wanted) if scans_values(c)]
    spark = df.sparkSession
    if not infos:
        return spark.createDataFrame([], VERDICT_DDL)
    from pyspark.sql.pandas.types import from_arrow_schema

    partial = df.select(*[i.name for i in infos]).mapInArrow(
        _partials(infos, bytes(key), batch, thorough), from_arrow_schema(PARTIAL_SCHEMA))
    verdicts = merge(infos, bytes(key), partial.collect())
    rows = [_row(v) for v in verdicts if v.score >= min_score]
    return spark.createDataFrame(rows, VERDICT_DDL)


def _partials(infos: list[ColumnInfo], key: bytes, batch: int, thorough: bool):
    """Workers: feed the partition batch by batch, return the partial tallies."""
    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        from pyspark import TaskContext

        from scanner.dbscan.classify import ColumnClassifier

        engine = workers.db_engine(thorough)
        classifiers = [ColumnClassifier(engine, key, info) for info in infos]
        pending: list[list] = [[] for _ in infos]
        for record_batch in batches:
            for values, column in zip(pending, record_batch.columns, strict=True):
                values.extend(column.to_pylist())
            while len(pending[0]) >= batch:
                for classifier, values in zip(classifiers, pending, strict=True):
                    classifier.add(values[:batch])
                    del values[:batch]
        if pending[0]:
            for classifier, values in zip(classifiers, pending, strict=True):
                classifier.add(values)
        context = TaskContext.get()
        partition = context.partitionId() if context is not None else 0
        yield pa.RecordBatch.from_pylist([_partial(partition, c) for c in classifiers],
                                         schema=PARTIAL_SCHEMA)
    return run


def _partial(partition: int, c: ColumnClassifier) -> dict:
    return {
        "partition": partition, "column": c.col.name, "examined": c.examined,
        "nulls": c.nulls, "undecodable": c.undecodable, "chars": c.chars,
        "tallies": [
            {"entity_type": entity, "values": t.values, "findings": t.findings,
             "score_sum": t.score_sum, "best": t.best, "previews": list(t.previews),
             "fingerprints": sorted(t.fingerprints)}
            for entity, t in c.tallies.items()
        ],
    }


def merge(infos: list[ColumnInfo], key: bytes, partials: list) -> list[Verdict]:
    """The verdicts of the partial tallies, merged in partition order."""
    from scanner.dbscan.classify import (
        FINGERPRINT_CAP,
        PREVIEWS,
        ColumnClassifier,
        EntityTally,
    )

    merged = {i.name: ColumnClassifier(None, key, i) for i in infos}  # type: ignore[arg-type]
    for p in sorted(partials, key=lambda p: p["partition"]):
        c = merged[p["column"]]
        c.examined += p["examined"]
        c.nulls += p["nulls"]
        c.undecodable += p["undecodable"]
        c.chars += p["chars"]
        for t in p["tallies"]:
            tally = c.tallies.setdefault(t["entity_type"], EntityTally())
            tally.values += t["values"]
            tally.findings += t["findings"]
            tally.score_sum += t["score_sum"]
            tally.best = max(tally.best, t["best"])
            for masked in t["previews"]:
                if len(tally.previews) < PREVIEWS and masked not in tally.previews:
                    tally.previews.append(masked)
            for fp in t["fingerprints"]:
                if len(tally.fingerprints) >= FINGERPRINT_CAP:
                    break
                tally.fingerprints.add(fp)
    return [v for i in infos for v in merged[i.name].verdicts()]


def _row(v: Verdict) -> dict:
    return {
        "column": v.column, "data_type": v.data_type, "entity_type": v.entity_type,
        "share": v.share, "score": v.score, "confidence": v.confidence, "basis": v.basis,
        "examined": v.examined, "matched": v.matched, "findings": v.findings,
        "free_text": v.free_text, "previews": list(v.previews),
        "fingerprints": list(v.fingerprints),
    }
