"""Seconds to write the 個人情報管理台帳 for a large inventory.

usage: python benchmarks/ledger.py [--files 10000] [--tables 1000] [--findings 6] [--json]

Builds a SQLite inventory of `--files` real files (created empty in a temp folder, in
300 folders under the five starter-policy places and one unregistered place, so they
are stat'ed for their readers) with `--findings` findings each (names, e-mails, phones;
a quarter of the values repeat across files), and `--tables` scanned tables of four
columns with 200 fingerprints each; then times `mamoru ledger -o ledger.xlsx` (policy
read, holdings, readers, violations, breach flags, the workbook written) in-process,
as wall time and as this process's CPU time (the honest figure on a shared machine).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

PLACES = ("hr", "hr/mynumber", "clients/acme", "inquiries", "recruit", "misc")
TYPES = ("PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER")


def build_inventory(directory: Path, files: int, tables: int, per_file: int) -> Path:
    """The inventory file, with the starter policy written next to it."""
    from scanner.cli import main
    from scanner.inventory.db_schema import db_columns, db_fingerprints, db_tables
    from scanner.inventory.schema import assets, findings, scans
    from scanner.inventory.store import open_store, utc_now

    root = directory / "share"
    rng = random.Random(5)
    paths = []
    for i in range(files):
        folder = root / PLACES[i % len(PLACES)] / f"d{i % 100:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"f{i:05d}.csv"
        path.touch(mode=0o640)
        paths.append(str(path))
    assert main(["--lang", "en", "policy", "init", "--config",
                 str(directory / ".mamoru.toml")]) == 0
    inventory = directory / "inventory.sqlite"
    store = open_store(str(inventory))
    now = utc_now()
    pool = [f"{rng.getrandbits(128):032x}" for _ in range(files * per_file)]
    with store.engine.begin() as conn:
        conn.execute(scans.insert().values(
            id=1, kind="files", started_at=now, finished_at=now, status="complete", host="h",
            pid=1, targets=[str(root)], settings={}, counts={}, errors=[]))
        conn.execute(assets.insert(), [
            {"id": i + 1, "path": p, "size": 0, "mtime_ns": time.time_ns(), "status": "ok",
             "format": "csv", "first_seen_scan": 1, "last_seen_scan": 1, "changed_scan": 1,
             "first_seen_at": now, "last_seen_at": now} for i, p in enumerate(paths)])
        conn.execute(findings.insert(), [
            {"asset_id": i + 1, "entity_type": TYPES[k % 3], "score": 0.9,
             "location": {"row": k + 2, "column": "c"}, "end_location": {}, "preview": "**",
             "fingerprint": pool[rng.randrange(len(pool) // 4)] if k % 4 == 0
             else pool[i * per_file + k], "why": ""}
            for i in range(files) for k in range(per_file)])
        target = "postgresql+psycopg://reader:***@db.invalid/crm"
        conn.execute(db_tables.insert(), [
            {"id": t + 1, "target": target, "schema_name": ("hr", "web", "sales")[t % 3],
             "table_name": f"t{t:04d}", "kind": "table", "signature": "s", "row_count": 5000,
             "row_count_exact": True, "sampled_rows": 2000, "method": "tablesample_system",
             "status": "ok", "first_seen_scan": 1, "last_seen_scan": 1, "classified_scan": 1,
             "first_seen_at": now, "last_seen_at": now} for t in range(tables)])
        conn.execute(db_columns.insert(), [
            {"id": t * 4 + c + 1, "table_id": t + 1, "column_name": f"c{c}",
             "data_type": "text", "entity_type": TYPES[c % 3], "share": 1.0, "score": 0.9,
             "confidence": "high", "basis": "values", "examined": 2000, "matched": 2000,
             "findings": 2000, "free_text": False, "previews": [], "fingerprint_count": 200}
            for t in range(tables) for c in range(4)])
        conn.execute(db_fingerprints.insert(), [
            {"column_id": col + 1, "fingerprint": f"{col:08x}{k:024x}"}
            for col in range(tables * 4) for k in range(200)])
    store.dispose()
    return inventory


def time_ledger(directory: Path, inventory: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) of one `mamoru ledger -o 台帳.xlsx`."""
    from scanner.cli import main

    started, cpu = time.perf_counter(), time.process_time()
    code = main(["--lang", "ja", "ledger", "--inventory", str(inventory), "--config",
                 str(directory / ".mamoru.toml"), "-o", str(directory / "台帳.xlsx")])
    elapsed = time.perf_counter() - started, time.process_time() - cpu
    assert code == 0
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--tables", type=int, default=1_000)
    parser.add_argument("--findings", type=int, default=6)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("MAMORU_KEY", "benchmark-key")
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        inventory = build_inventory(directory, args.files, args.tables, args.findings)
        seconds, cpu = time_ledger(directory, inventory)
    result = {"files": args.files, "tables": args.tables,
              "findings": args.files * args.findings, "seconds": round(seconds, 2),
              "cpu_seconds": round(cpu, 2), "load": os.getloadavg()[0]}
    print(json.dumps(result) if args.json else
          f"ledger of {args.files:,} files ({result['findings']:,} findings) and "
          f"{args.tables:,} tables written in {seconds:.2f} s ({cpu:.2f} s of CPU; "
          f"load average {result['load']:.1f})", file=sys.stdout)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
