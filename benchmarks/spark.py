"""Spark local[2] against one process, in one run: file scans of large and of many small
files (throughput and CPU seconds), and Spark's start-up cost.

    .venv/bin/python benchmarks/spark.py [--large 40] [--small 1500] [--master local[2]]

The single process is the scanner's own worker loop (`scan_task` per file, as
`mamoru scan --jobs 1` without the inventory); Spark runs `scan_file_results` and
counts the rows. CPU is the sum over this process and all its descendants (the JVM
and its Python workers) from /proc. Data: synthetic Japanese documents with personal
data, written to a temporary directory.
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

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

KEY = b"benchmark-key"
TICK = os.sysconf("SC_CLK_TCK")
LINES = [
    "本日の会議では来期の予算について議論しました。担当は{name}さんです。",
    "連絡先は電話 {tel}、メール {mail} までお願いします。",
    "お客様の住所は{addr}です。配送は来週を予定しています。",
    "特記事項はありません。引き続きよろしくお願いいたします。",
]
NAMES = ["山田太郎", "佐藤花子", "鈴木一郎", "高橋美咲", "田中健太"]
ADDRS = ["東京都千代田区千代田1-1", "大阪府大阪市北区梅田3-1-1", "愛知県名古屋市中区栄2-3-4"]


def _text(rng: random.Random, lines: int) -> str:
    out = []
    for _ in range(lines):
        out.append(rng.choice(LINES).format(
            name=rng.choice(NAMES), addr=rng.choice(ADDRS),
            tel=f"090-{rng.randrange(1000, 10000)}-{rng.randrange(10000):04d}",
            mail=f"user{rng.randrange(10**6)}@example.co.jp"))
    return "\n".join(out) + "\n"


def make_tree(root: Path, large: int, small: int) -> tuple[Path, Path]:
    rng = random.Random(14)
    big, many = root / "large", root / "small"
    big.mkdir()
    many.mkdir()
    for i in range(large):
        (big / f"doc{i:04d}.txt").write_text(_text(rng, 1500), encoding="utf-8")
    for i in range(small):
        (many / f"memo{i:05d}.txt").write_text(_text(rng, 6), encoding="cp932")
    return big, many


def cpu_seconds(pid: int | None = None) -> float:
    """utime + stime of `pid` (default: this process) and every live descendant."""
    pid = pid or os.getpid()
    total = 0.0
    children: dict[int, list[int]] = {}
    stats: dict[int, list[str]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            text = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2:].split()
        stats[int(entry)] = fields
        children.setdefault(int(fields[1]), []).append(int(entry))
    stack = [pid]
    while stack:
        p = stack.pop()
        if p in stats:
            total += (int(stats[p][11]) + int(stats[p][12])) / TICK
        stack.extend(children.get(p, []))
    return total


def single(paths: list[Path]) -> dict:
    from scanner.scanfiles.worker import Task, WorkerConfig, init_worker, scan_task

    init_worker(WorkerConfig(KEY, 0.5, None, 100 * 2**20))
    scan_task(Task("warm", str(paths[0]), paths[0].stat().st_size, 0, 0))
    cpu, start = cpu_seconds(), time.perf_counter()
    findings = 0
    for p in paths:
        st = p.stat()
        findings += len(scan_task(Task(str(p), str(p), st.st_size, st.st_mtime_ns,
                                       st.st_ino)).findings)
    return {"seconds": time.perf_counter() - start, "cpu": cpu_seconds() - cpu,
            "findings": findings}


def on_spark(spark, root: Path, partitions: int | None) -> dict:
    from pyspark.sql import functions as F

    from mamoru.spark import scan_file_results

    cpu, start = cpu_seconds(), time.perf_counter()
    files = scan_file_results(spark, [str(root)], key=KEY, partitions=partitions)
    findings = files.select(F.size("findings").alias("n")).agg(F.sum("n")).first()[0]
    return {"seconds": time.perf_counter() - start, "cpu": cpu_seconds() - cpu,
            "findings": int(findings or 0)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--large", type=int, default=40, help="large documents (≈100 KB each)")
    ap.add_argument("--small", type=int, default=1500, help="small files (≈0.4 KB each)")
    ap.add_argument("--master", default="local[2]")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        big, many = make_tree(Path(tmp), args.large, args.small)
        results = []
        for name, root in (("large", big), ("small", many)):
            files = sorted(root.iterdir())
            row = {"work": name, "files": len(files),
                   "bytes": sum(f.stat().st_size for f in files),
                   "single": single(files)}
            results.append(row)
        from mamoru.spark.session import build_session

        start = time.perf_counter()
        spark = build_session(args.master, "mamoru-benchmark",
                              {"spark.ui.showConsoleProgress": "false"})
        started = time.perf_counter() - start
        warm = time.perf_counter()
        on_spark(spark, sorted(big.iterdir())[0], 1)  # worker spawn, engine load
        first_task = time.perf_counter() - warm
        for row in results:
            root = big if row["work"] == "large" else many
            row["spark_default"] = on_spark(spark, root, 10_000)  # Spark's own packing
            row["spark_tuned"] = on_spark(spark, root, None)  # mamoru's partitioning
        spark.stop()
    print(json.dumps({"session_start_s": round(started, 2),
                      "first_job_s": round(first_task, 2), "master": args.master,
                      "load_avg": os.getloadavg()[0]}))
    for row in results:
        print(json.dumps(row))
    print(f"\nsession start {started:.1f} s, first job (workers, engine) {first_task:.1f} s")
    print(f"{'work':6} {'files':>6} {'MB':>6}  {'mode':14} {'wall s':>7} {'CPU s':>7} "
          f"{'MB/s':>6} {'findings':>8}")
    for row in results:
        for mode in ("single", "spark_default", "spark_tuned"):
            r = row[mode]
            mb = row["bytes"] / 1e6
            print(f"{row['work']:6} {row['files']:>6} {mb:>6.1f}  {mode:14} "
                  f"{r['seconds']:>7.1f} {r['cpu']:>7.1f} {mb / r['seconds']:>6.2f} "
                  f"{r['findings']:>8}")


if __name__ == "__main__":
    main()
