"""`mamoru inventory import FILE.parquet`: record a Spark file scan (`python -m mamoru.spark
scan --out FILE.parquet`) in the inventory, as if `mamoru scan` had read those files, so
that the inventory, ledger and reports stay where they are. Reads the Parquet with
pyarrow (no Spark needed). A file scanned with another key is refused: its fingerprints
would not match the inventory's.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scanner.i18n import Lang

REQUIRED = ("path", "abspath", "source", "size", "mtime_ns", "inode", "status", "note",
            "content_hash", "format", "encoding", "chars", "members", "findings",
            "settings_digest", "key_id")


def run(args: argparse.Namespace, lang: Lang) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from scanner.privacy import key_id, load_key

    if not args.file:
        print(lang.t("inventory.import_needs_parquet_file"), file=sys.stderr)
        return 2
    try:
        table = pq.read_table(Path(args.file))
    except (OSError, pa.ArrowException) as exc:
        print(lang.t("inventory.cannot_read_parquet", file=args.file, name=type(exc).__name__),
              file=sys.stderr)
        return 2
    missing = [c for c in REQUIRED if c not in table.column_names]
    if missing:
        names = ", ".join(missing)
        print(lang.t("inventory.not_spark_scan_output", names=names),
              file=sys.stderr)
        return 2
    rows = table.to_pylist()
    ours = key_id(load_key())
    theirs = sorted({r["key_id"] for r in rows if r["key_id"]})
    if theirs and theirs != [ours]:
        print(lang.t("inventory.import_other_key", theirs=", ".join(theirs), ours=ours),
              file=sys.stderr)
        return 2
    counts = record(args.inventory, args.file, rows, ours)
    print(lang.t("inventory.imported",
                 paths=counts["paths"], errors=counts["errors"], findings=counts["findings"]),
          file=sys.stderr)
    return 0


def record(target: str | None, source: str, rows: list[dict], key: str) -> dict:
    """Record the rows as one complete file scan; the counts."""
    from scanner.inventory import assets as inventory_assets
    from scanner.inventory.schema import SCAN_COMPLETE, SCAN_INTERRUPTED
    from scanner.inventory.store import open_store, utc_now

    store = open_store(target)
    digests = sorted({r["settings_digest"] for r in rows if r["settings_digest"]})
    scan_id = store.begin_scan("files", sorted({r["abspath"] for r in rows}),
                               {"imported_from": str(source), "engine": "spark",
                                "key_id": key})
    counts = {"paths": 0, "read": 0, "errors": 0, "skipped": 0, "findings": 0}
    errors: list[str] = []
    status = SCAN_INTERRUPTED
    try:
        known = inventory_assets.known_files(store.engine)
        with inventory_assets.Recorder(store.engine, scan_id, utc_now(),
                                       digests[0] if digests else "") as recorder:
            for row in rows:
                prior = known.get(row["abspath"])
                counts["paths"] += 1
                if row["status"] == "error":
                    counts["errors"] += 1
                    errors.append(f"{row['path']}: {row['note'] or 'error'}")
                elif row["status"] == "skipped":
                    counts["skipped"] += 1
                if row["source"] == "walk":
                    recorder.record_problem(row["abspath"], row["status"], row["note"] or "",
                                            prior.id if prior else None)
                    continue
                counts["read"] += 1
                counts["findings"] += len(row["findings"])
                recorder.record(_result(row), prior.id if prior else None)
        status = SCAN_COMPLETE
    finally:
        store.finish_scan(scan_id, status=status, counts=counts, errors=errors)
        store.dispose()
    return counts


def _result(row: dict):
    """The `FileResult` the row was made from."""
    from scanner.scanfiles.worker import FileResult, FoundItem, MemberInfo, Task

    task = Task(row["path"], row["abspath"], row["size"] or 0, row["mtime_ns"] or 0,
                row["inode"] or 0)
    return FileResult(
        task, status=row["status"], note=row["note"], content_hash=row["content_hash"],
        format=row["format"], encoding=row["encoding"], chars=row["chars"] or 0,
        members=[MemberInfo(m["member"], m["format"], m["encoding"], m["status"], m["note"])
                 for m in row["members"]],
        findings=[FoundItem(f["member"], f["entity_type"], f["score"],
                            json.loads(f["location"]),
                            json.loads(f["end_location"]) if f["end_location"] else {},
                            f["preview"], f["fingerprint"], f["why"] or "")
                  for f in row["findings"]],
    )
