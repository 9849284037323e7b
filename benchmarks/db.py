"""Wall time and rows/s of `mamoru scan-db` on a 1-million-row PostgreSQL table.

usage: python benchmarks/db.py [--url URL] [--rows N] [--sample N] [--skip-full] [--json]

Builds `mamoru_dbscan_bench_<random>.会員` with generate_series (names, phone numbers,
e-mail addresses, My Numbers, notes with an occasional phone number, a timestamp),
ANALYZEs it, then runs the real command line in a child process: once with nothing to
read (start-up: imports, engine, inventory), sampled (the default `--sample 2000`,
TABLESAMPLE) and `--full` (every row through a server-side cursor). Prints wall time,
rows/s and the children's peak memory, then drops the schema.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine
from stdnum.jp import in_

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
NAMES = ("山田 太郎", "佐藤 花子", "鈴木 一郎", "高橋 美咲", "田中 健", "伊藤 さくら",
         "渡辺 翔", "中村 陽子")


def my_numbers(n: int) -> list[str]:
    bases = [f"{(12345678900 + i * 7919) % 10**11:011d}" for i in range(n)]
    return [b + in_.calc_check_digit(b) for b in bases]


def build(url: str, schema: str, rows: int) -> None:
    names = ", ".join(f"'{n}'" for n in NAMES)
    numbers = ", ".join(f"'{n}'" for n in my_numbers(100))
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
        conn.exec_driver_sql(f"""
            CREATE TABLE {schema}."会員" AS SELECT
                g AS id,
                (ARRAY[{names}])[1 + mod(g, 8)] AS "氏名",
                '090-' || lpad(mod(g / 10000, 9000)::text, 4, '1') || '-'
                    || lpad(mod(g, 10000)::text, 4, '0') AS "電話番号",
                'user' || g || '@example.jp' AS email,
                (ARRAY[{numbers}])[1 + mod(g, 100)] AS kojin_bango,
                CASE WHEN mod(g, 50) = 0 THEN '折り返し 080-1111-' || lpad(mod(g, 10000)::text, 4,
                     '0') ELSE '特になし' END AS "備考",
                now() - g * interval '1 minute' AS created_at
            FROM generate_series(1, {rows}) g""".replace("%", "%%"))
        conn.exec_driver_sql(f'ALTER TABLE {schema}."会員" ADD PRIMARY KEY (id)')
        conn.exec_driver_sql(f'ANALYZE {schema}."会員"')
    engine.dispose()


def drop(url: str, schema: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    engine.dispose()


def run_cli(url: str, schema: str, inventory: Path, *extra: str) -> tuple[float, list[dict]]:
    """Wall seconds and output records of one `mamoru scan-db` run in a child process."""
    cmd = [sys.executable, "-m", "scanner.cli", "scan-db", url, "--inventory", str(inventory),
           "--include-schema", schema, "--format", "jsonl", *extra]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MAMORU_KEY": "benchmark-key"}
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"scan-db failed ({done.returncode}): {done.stderr}")
    return wall, [json.loads(line) for line in done.stdout.splitlines()]


def peak_child_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def measure(url: str, rows: int, sample: int, skip_full: bool) -> dict:
    schema = f"mamoru_dbscan_bench_{uuid.uuid4().hex[:8]}"
    result: dict = {"rows": rows, "sample": sample}
    try:
        start = time.perf_counter()
        build(url, schema, rows)
        result["build_s"] = round(time.perf_counter() - start, 2)
        with tempfile.TemporaryDirectory() as tmp:
            idle, _ = run_cli(url, schema, Path(tmp) / "idle.sqlite", "--include-table", "none")
            result["startup_s"] = round(idle, 2)
            modes = [("sampled", ("--sample", str(sample)))]
            if not skip_full:
                modes.append(("full", ("--full",)))
            for name, extra in modes:
                wall, records = run_cli(url, schema, Path(tmp) / f"{name}.sqlite", *extra)
                read = records[0]["sampled_rows"] if records else 0
                result[name] = {
                    "wall_s": round(wall, 2),
                    "rows_read": read,
                    "rows_read_per_s": round(read / wall),
                    "table_rows_per_s": round(rows / wall),
                    "peak_rss_mb_so_far": round(peak_child_mb(), 1),
                    "method": records[0]["method"] if records else None,
                    "columns": {r["column"]: [r["entity_type"], r["share"], r["score"]]
                                for r in records},
                }
    finally:
        drop(url, schema)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=DEFAULT_URL)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument("--skip-full", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = measure(args.url, args.rows, args.sample, args.skip_full)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return
    print(f"table: {result['rows']:,} rows, built in {result['build_s']} s; "
          f"start-up of one run (nothing to read): {result['startup_s']} s")
    for name in ("sampled", "full"):
        if name in result:
            r = result[name]
            print(f"{name:8} {r['method']:20} wall {r['wall_s']:8.2f} s  read {r['rows_read']:>9,}"
                  f" rows  {r['rows_read_per_s']:>8,} rows/s read  "
                  f"{r['table_rows_per_s']:>10,} table rows/s  peak {r['peak_rss_mb_so_far']} MB")
            for column, verdict in r["columns"].items():
                print(f"           {column}: {verdict}")


if __name__ == "__main__":
    main()
