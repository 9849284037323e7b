"""`scan_files`: the file scan of `mamoru scan`, on Spark.

The driver lists the paths (local roots with `os`, exactly as `mamoru scan` walks them;
remote roots through Spark's `binaryFile` listing). Files go to Spark's `binaryFile`
reader as bytes and are decoded by mamoru's own readers in the Python workers. Spark's
file sources skip names starting with `.` or `_` (and take `*?[]{}` as globs), even
when listed explicitly, so local files whose path has such a part are read by the
workers themselves (`open`), never dropped. Under remote roots Spark does not list such
names at all: each remote root gets a `skipped` row saying so.

One row per file (`FILE_SCHEMA`): status, hash, format, members and the findings, in
the order `mamoru scan` reports them (masked preview and keyed fingerprint, never the
value). `scan_files` flattens them into the rows of `mamoru scan --format jsonl`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

import pyarrow as pa

from mamoru.spark import workers

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

    from scanner.scanfiles.options import ScanOptions
    from scanner.scanfiles.worker import FileResult, WorkerConfig

DEFAULT_MAX_FILE_SIZE = 100 * 1024 * 1024
PARTITION_BYTES = 128 * 1024 * 1024  # at most this much content per task, when possible
TASKS_PER_CORE = 3  # a few tasks per core evens out files of unequal cost
REMOTE_HIDDEN = "names starting with . or _ under a remote root are not listed by Spark"
_SPARK_SKIPS = re.compile(r"(^|/)[._]")  # a path part Spark's file sources leave out
_GLOB = re.compile(r"[*?\[\]{}\\:]")  # Hadoop glob or URI trouble: read directly

FINDING_FIELDS = ("path", "location", "entity_type", "score", "preview", "fingerprint",
                  "end_location", "why")
_FINDING = pa.struct([
    ("path", pa.string()), ("member", pa.string()), ("location", pa.string()),
    ("entity_type", pa.string()), ("score", pa.float64()), ("preview", pa.string()),
    ("fingerprint", pa.string()), ("end_location", pa.string()), ("why", pa.string()),
])
_MEMBER = pa.struct([
    ("member", pa.string()), ("format", pa.string()), ("encoding", pa.string()),
    ("status", pa.string()), ("note", pa.string()),
])
FILE_SCHEMA = pa.schema([
    ("path", pa.string()), ("abspath", pa.string()), ("source", pa.string()),
    ("size", pa.int64()), ("mtime_ns", pa.int64()), ("inode", pa.int64()),
    ("status", pa.string()), ("note", pa.string()), ("content_hash", pa.string()),
    ("format", pa.string()), ("encoding", pa.string()), ("chars", pa.int64()),
    ("members", pa.list_(_MEMBER)), ("findings", pa.list_(_FINDING)),
    ("settings_digest", pa.string()), ("key_id", pa.string()),
])
# source: "read" (a file read and scanned) | "walk" (a path the walk skipped or failed);
# settings_digest and key_id: what `mamoru inventory import` checks and records.


@dataclass(frozen=True, slots=True)
class ScanSettings:
    """What the workers need: the key bytes come from the driver."""

    key: bytes
    min_score: float = 0.5
    entities: tuple[str, ...] | None = None
    max_file_size: int = DEFAULT_MAX_FILE_SIZE

    def options(self) -> ScanOptions:
        """The same settings as `mamoru scan` takes them."""
        from scanner.scanfiles.options import ScanOptions

        return ScanOptions([], max_file_size=self.max_file_size, min_score=self.min_score,
                           entities=self.entities)

    def worker_config(self) -> WorkerConfig:
        return self.options().worker_config(self.key)

    def stamp(self) -> dict[str, str]:
        """The settings digest of `mamoru scan` and the public key id."""
        from scanner.privacy import key_id

        return {"settings_digest": self.options().digest(), "key_id": key_id(self.key)}


@dataclass
class Listing:
    """The driver's listing: files for Spark's reader, files for the workers to open,
    and rows for paths not read (walk problems, too large)."""

    spark_uris: list[str]
    direct: list[tuple[str, str, int, int, int]]  # display, abspath, size, mtime_ns, inode
    rows: list[dict]
    remote_roots: list[str]
    total_bytes: int = 0


def scan_files(spark: SparkSession, paths: Sequence[str], *, key: bytes,
               min_score: float = 0.5, entities: Sequence[str] | None = None,
               excludes: Sequence[str] = (), follow_symlinks: bool = False,
               max_file_size: int = DEFAULT_MAX_FILE_SIZE,
               partitions: int | None = None) -> DataFrame:
    """Findings as `mamoru scan --format jsonl` rows: path, location (JSON text),
    entity_type, score, preview, fingerprint, end_location (JSON text or null), why
    (or null)."""
    files = scan_file_results(spark, paths, key=key, min_score=min_score, entities=entities,
                              excludes=excludes, follow_symlinks=follow_symlinks,
                              max_file_size=max_file_size, partitions=partitions)
    return findings_of(files, min_score, entities)


def findings_of(files: DataFrame, min_score: float = 0.5,
                entities: Sequence[str] | None = None) -> DataFrame:
    """The jsonl rows of a `scan_file_results` DataFrame, at or above `min_score`."""
    from pyspark.sql import functions as F

    found = files.select(F.explode("findings").alias("f")).select("f.*")
    found = found.where(F.col("score") >= min_score)
    if entities:
        found = found.where(F.col("entity_type").isin(list(entities)))
    return found.select(*FINDING_FIELDS)


def scan_file_results(spark: SparkSession, paths: Sequence[str], *, key: bytes,
                      min_score: float = 0.5, entities: Sequence[str] | None = None,
                      excludes: Sequence[str] = (), follow_symlinks: bool = False,
                      max_file_size: int = DEFAULT_MAX_FILE_SIZE,
                      partitions: int | None = None) -> DataFrame:
    """One row per path (`FILE_SCHEMA`); what `mamoru inventory import` records."""
    from pyspark.sql.pandas.types import from_arrow_schema

    from scanner.scanfiles.ignore import ExcludeRules
    from scanner.scanfiles.walk import WalkOptions

    if not key:
        raise ValueError("an empty key")
    settings = ScanSettings(bytes(key), min_score,
                            tuple(sorted(set(entities))) if entities else None, max_file_size)
    listing = list_paths(list(paths), WalkOptions(ExcludeRules(list(excludes)),
                                                  follow_symlinks), max_file_size)
    schema = from_arrow_schema(FILE_SCHEMA)
    tasks = partitions or _partitions(spark, listing.total_bytes)
    roots = _roots(paths)
    stamp = settings.stamp()
    rows = [{**row, **stamp} for row in listing.rows]
    frames = [spark.createDataFrame(rows, schema)] if rows else []
    if listing.spark_uris or listing.remote_roots:
        frames.append(_spark_read(spark, listing, settings, roots, tasks, schema))
    if listing.direct:
        direct = spark.createDataFrame(listing.direct,
                                       "path string, abspath string, size long, "
                                       "mtime_ns long, inode long")
        frames.append(direct.repartition(min(tasks, len(listing.direct)))
                      .mapInArrow(_read_direct(settings), schema))
    if not frames:
        return spark.createDataFrame([], schema)
    out = frames[0]
    for frame in frames[1:]:
        out = out.unionByName(frame)
    return out


def list_paths(roots: list[str], options, max_file_size: int) -> Listing:
    """Walk local roots on the driver (`scanner.scanfiles.walk`, hidden files included);
    remote roots (`scheme://`) are left to Spark's listing."""
    from scanner.scanfiles.walk import WalkProblem, walk

    listing = Listing([], [], [], [])
    local = []
    for root in roots:
        scheme = urlsplit(root).scheme
        if scheme and scheme != "file" and len(scheme) > 1:  # not a Windows drive letter
            listing.remote_roots.append(root)
            listing.rows.append(_walk_row(root, root, "skipped", REMOTE_HIDDEN))
        else:
            local.append(unquote(urlsplit(root).path) if scheme == "file" else root)
    seen: set[str] = set()
    for item in walk(local, options):
        if item.abspath in seen:
            continue  # overlapping roots
        seen.add(item.abspath)
        if isinstance(item, WalkProblem):
            listing.rows.append(_walk_row(item.display, item.abspath, item.kind, item.reason))
        elif item.size > max_file_size:
            row = _walk_row(item.display, item.abspath, "skipped",
                            f"larger than {max_file_size} bytes")
            row.update(source="read", size=item.size, mtime_ns=item.mtime_ns, inode=item.inode)
            listing.rows.append(row)
        elif _SPARK_SKIPS.search(item.abspath) or _GLOB.search(item.abspath):
            listing.direct.append((item.display, item.abspath, item.size, item.mtime_ns,
                                   item.inode))
            listing.total_bytes += item.size
        else:
            listing.spark_uris.append("file://" + item.abspath)
            listing.total_bytes += item.size
    return listing


def _walk_row(display: str, abspath: str, status: str, note: str) -> dict:
    return {"path": display, "abspath": abspath, "source": "walk", "size": None,
            "mtime_ns": None, "inode": None, "status": status, "note": note,
            "content_hash": None, "format": None, "encoding": None, "chars": 0,
            "members": [], "findings": [], "settings_digest": None, "key_id": None}


def _partitions(spark: SparkSession, total_bytes: int) -> int:
    """A few tasks per core, more when there is much content. The cores are counted
    with a DataFrame (no SparkContext on Spark Connect)."""
    from pyspark.sql import functions as F

    ids = spark.range(0, 10_000).select(F.spark_partition_id().alias("p"))
    cores = ids.agg(F.max("p")).first()[0] + 1
    return max(TASKS_PER_CORE * cores, -(-total_bytes // PARTITION_BYTES))


def _roots(paths: Sequence[str]) -> list[tuple[str, str]]:
    """(absolute root, root as given), to name files as `mamoru scan` does."""
    out = []
    for root in paths:
        parts = urlsplit(root)
        if parts.scheme == "file":
            root = unquote(parts.path)
        elif parts.scheme and len(parts.scheme) > 1:
            out.append((root.rstrip("/"), root.rstrip("/")))
            continue
        out.append((os.path.abspath(root), root))
    return out


def display_name(abspath: str, roots: list[tuple[str, str]]) -> str:
    """The path as the user named it: under the first root that holds it."""
    for abs_root, given in roots:
        if abspath == abs_root:
            return given
        if abspath.startswith(abs_root.rstrip("/") + "/"):
            return os.path.join(given, abspath[len(abs_root.rstrip("/")) + 1:])
    return abspath


def _spark_read(spark: SparkSession, listing: Listing, settings: ScanSettings,
                roots: list[tuple[str, str]], tasks: int, schema) -> DataFrame:
    from pyspark.sql import functions as F

    reader = spark.read.format("binaryFile")
    frame = None
    if listing.spark_uris:
        frame = _load_listed(spark, reader, listing.spark_uris)
    for root in listing.remote_roots:
        remote = reader.option("recursiveFileLookup", "true").load(root)
        frame = remote if frame is None else frame.unionByName(remote)
    small = frame.where(F.col("length") <= settings.max_file_size)  # pushed down
    large = frame.where(F.col("length") > settings.max_file_size).select(
        "path", "modificationTime", "length")  # content never read
    scanned = small.coalesce(tasks).mapInArrow(_read_spark(settings, roots), schema)
    if not listing.remote_roots:
        return scanned
    return scanned.unionByName(large.mapInArrow(_too_large(settings, roots), schema))


def _load_listed(spark: SparkSession, reader, uris: list[str]) -> DataFrame:
    """The files the driver listed. Given more than 32 paths, Spark lists them in a job
    of its own with one task per path (1,500 small files: 20 s of JVM CPU, ten times
    the scan); with the threshold above their number the driver stats them, once, when
    the frame is made."""
    name = "spark.sql.sources.parallelPartitionDiscovery.threshold"
    before = spark.conf.get(name, None)
    spark.conf.set(name, str(len(uris) + 1))
    try:
        return reader.load(uris)
    finally:
        if before is None:
            spark.conf.unset(name)
        else:
            spark.conf.set(name, before)


def _read_spark(settings: ScanSettings, roots: list[tuple[str, str]]):
    """Workers: scan the bytes `binaryFile` read."""
    stamp = settings.stamp()

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        from scanner.scanfiles.worker import Task, scan_data

        workers.file_worker(settings.worker_config())
        for batch in batches:
            rows = []
            for uri, modified, length, content in zip(
                    *(batch.column(n).to_pylist()
                      for n in ("path", "modificationTime", "length", "content")),
                    strict=True):
                abspath, mtime_ns, inode = _stat(uri, modified)
                display = display_name(abspath, roots)
                task = Task(display, abspath, length, mtime_ns, inode)
                rows.append({**file_row(scan_data(task, content), "read"), **stamp})
            yield pa.RecordBatch.from_pylist(rows, schema=FILE_SCHEMA)
    return run


def _too_large(settings: ScanSettings, roots: list[tuple[str, str]]):
    stamp = settings.stamp()

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            rows = []
            for uri, modified, length in zip(
                    *(batch.column(n).to_pylist()
                      for n in ("path", "modificationTime", "length")), strict=True):
                abspath, mtime_ns, inode = _stat(uri, modified)
                row = _walk_row(display_name(abspath, roots), abspath, "skipped",
                                f"larger than {settings.max_file_size} bytes")
                row.update(source="read", size=length, mtime_ns=mtime_ns, inode=inode,
                           **stamp)
                rows.append(row)
            yield pa.RecordBatch.from_pylist(rows, schema=FILE_SCHEMA)
    return run


def _read_direct(settings: ScanSettings):
    """Workers: open and scan files Spark's reader would skip (hidden names, globs)."""
    stamp = settings.stamp()

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        from scanner.scanfiles.worker import Task, scan_task

        workers.file_worker(settings.worker_config())
        for batch in batches:
            rows = [{**file_row(scan_task(Task(*values)), "read"), **stamp}
                    for values in zip(*(c.to_pylist() for c in batch.columns), strict=True)]
            yield pa.RecordBatch.from_pylist(rows, schema=FILE_SCHEMA)
    return run


def _stat(uri: str, modified) -> tuple[str, int, int]:
    """(path, mtime_ns, inode) of a file Spark read: local files are stat'ed as the
    scanner does; remote ones keep Spark's URI and modification time."""
    parts = urlsplit(uri)
    if parts.scheme in ("", "file"):
        path = unquote(parts.path)
        try:
            st = os.stat(path)
            return path, st.st_mtime_ns, st.st_ino
        except OSError:
            return path, 0, 0
    return uri, int(modified.timestamp() * 1e9) if modified else 0, 0


def file_row(result: FileResult, source: str) -> dict:
    """A `FILE_SCHEMA` row: the findings as `mamoru scan` reports them, in its order."""
    from scanner.inventory.findings import rows_read
    from scanner.sources.base import location_json

    task, display = result.task, result.task.display
    findings = [
        {"path": r.path, "member": r.path[len(display) + 1:] if r.path != display else None,
         "location": location_json(r.location, ", ", ": "), "entity_type": r.entity_type,
         "score": r.score, "preview": r.preview, "fingerprint": r.fingerprint,
         "end_location": location_json(r.end_location, ", ", ": ") if r.end_location else None,
         "why": r.why or None}
        for r in rows_read(result, display, 0.0, None)
    ]
    return {
        "path": display, "abspath": task.abspath, "source": source, "size": task.size,
        "mtime_ns": task.mtime_ns, "inode": task.inode, "status": result.status,
        "note": result.note, "content_hash": result.content_hash, "format": result.format,
        "encoding": result.encoding, "chars": result.chars,
        "members": [{"member": m.member, "format": m.format, "encoding": m.encoding,
                     "status": m.status, "note": m.note} for m in result.members],
        "findings": findings,
    }
