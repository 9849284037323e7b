"""Spark local[2] against one process, in one run: file scans of large and of many small
files (throughput and CPU seconds), Spark's start-up cost, and the memory of a Python
worker with the engine loaded.

    nice .venv/bin/python benchmarks/spark.py [--large 40] [--small 1500] [--master local[2]]

One process: `mamoru scan --jobs 1` as a user runs it (a subprocess; engine load and
inventory included), and the scanner's worker loop in this process with the engine
already loaded (`single`, the steady per-core rate). Spark runs `scan_file_results`
with its own file packing (`spark_default`) and with mamoru's (`spark_tuned`) and counts
the findings at 0.5 or more, as the others do. CPU is the sum over this process and
all its descendants (the JVM and its Python workers) from /proc. Data: synthetic
Japanese documents with personal data, written to a temporary directory.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

KEY = b"benchmark-key"
MIN_SCORE = 0.5
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
    """The scanner's worker loop in this process, engine already loaded."""
    from mamoru.spark.files import ScanSettings
    from scanner.scanfiles.worker import Task, init_worker, scan_task

    init_worker(ScanSettings(KEY).worker_config())
    scan_task(Task("warm", str(paths[0]), paths[0].stat().st_size, 0, 0))
    cpu, start = cpu_seconds(), time.perf_counter()
    findings = 0
    for p in paths:
        st = p.stat()
        result = scan_task(Task(str(p), str(p), st.st_size, st.st_mtime_ns, st.st_ino))
        findings += sum(f.score >= MIN_SCORE for f in result.findings)
    return {"seconds": time.perf_counter() - start, "cpu": cpu_seconds() - cpu,
            "findings": findings}


def cli(root: Path, inventory: Path) -> dict:
    """`mamoru scan ROOT --jobs 1` as a user runs it (engine load and inventory included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "scanner.cli", "scan", str(root), "--jobs", "1",
         "--format", "jsonl", "--inventory", str(inventory)],
        capture_output=True, text=True, env={**os.environ, "MAMORU_KEY": KEY.decode()})
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"mamoru scan failed ({done.returncode}): {done.stderr[-500:]}")
    return {"seconds": seconds, "findings": len(done.stdout.splitlines()),
            "cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)}


def on_spark(spark, root: Path, partitions: int | None) -> dict:
    from pyspark.sql import functions as F

    from mamoru.spark import scan_file_results

    cpu, start = cpu_seconds(), time.perf_counter()
    files = scan_file_results(spark, [str(root)], key=KEY, partitions=partitions)
    kept = F.size(F.filter("findings", lambda f: f["score"] >= MIN_SCORE))
    found = files.select(kept.alias("n")).agg(F.sum("n")).first()[0]
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    return {"seconds": seconds, "cpu": cpu, "findings": int(found or 0),
            "tasks": files.rdd.getNumPartitions()}


def python_workers() -> list[dict]:
    """RSS of the Spark Python workers under this process (forked from pyspark.daemon):
    total, anonymous, and file-backed (mostly the memory-mapped Sudachi dictionary,
    shared between the workers of a node)."""
    daemons, parents = set(), {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            cmd = Path(f"/proc/{entry}/cmdline").read_bytes()
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        if b"pyspark.daemon" in cmd:
            daemons.add(int(entry))
            parents[int(entry)] = int(stat[stat.rindex(")") + 2:].split()[1])
    out = []
    for pid in sorted(d for d in daemons if parents[d] in daemons):
        status = {k: v for k, _, v in (line.partition(":") for line in
                                      Path(f"/proc/{pid}/status").read_text().splitlines())}
        out.append({k: round(int(status[k].split()[0]) / 1024)
                    for k in ("VmRSS", "RssAnon", "RssFile")})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--large", type=int, default=40, help="large documents (≈150 KB each)")
    ap.add_argument("--small", type=int, default=1500, help="small files (≈0.4 KB each)")
    ap.add_argument("--master", default="local[2]")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        big, many = make_tree(Path(tmp), args.large, args.small)
        results = []
        for name, root in (("large", big), ("small", many)):
            files = sorted(root.iterdir())
            results.append({"work": name, "files": len(files),
                            "bytes": sum(f.stat().st_size for f in files),
                            "mamoru scan": cli(root, Path(tmp) / f"{name}.sqlite"),
                            "single": single(files)})
        from mamoru.spark.session import build_session

        start = time.perf_counter()
        spark = build_session(args.master, "mamoru-benchmark",
                              {"spark.ui.showConsoleProgress": "false",
                               "spark.ui.enabled": "false"})
        started = time.perf_counter() - start
        warm = time.perf_counter()
        on_spark(spark, sorted(big.iterdir())[0], 1)  # worker spawn, engine load
        first_task = time.perf_counter() - warm
        on_spark(spark, many, 2)  # both workers up, engine loaded
        workers = python_workers()
        for row in results:
            root = big if row["work"] == "large" else many
            row["spark_default"] = on_spark(spark, root, 10_000)  # Spark's own packing
            row["spark_tuned"] = on_spark(spark, root, None)  # mamoru's partitioning
        spark.stop()
    print(json.dumps({"session_start_s": round(started, 2),
                      "first_job_s": round(first_task, 2), "master": args.master,
                      "python_workers_mb": workers, "load_avg": os.getloadavg()[0]}))
    for row in results:
        print(json.dumps(row))
    print(f"\nsession start {started:.1f} s, first job (workers, engine) {first_task:.1f} s; "
          f"Python workers (MB RSS / anon / file): "
          + ", ".join(f"{w['VmRSS']}/{w['RssAnon']}/{w['RssFile']}" for w in workers))
    print(f"{'work':6} {'files':>6} {'MB':>6}  {'mode':14} {'tasks':>5} {'wall s':>7} "
          f"{'CPU s':>7} {'MB/s':>6} {'CPU/single':>10} {'findings':>8}")
    for row in results:
        for mode in ("mamoru scan", "single", "spark_default", "spark_tuned"):
            r = row[mode]
            mb = row["bytes"] / 1e6
            print(f"{row['work']:6} {row['files']:>6} {mb:>6.1f}  {mode:14} "
                  f"{r.get('tasks') or '':>5} {r['seconds']:>7.1f} {r['cpu']:>7.1f} "
                  f"{mb / r['seconds']:>6.2f} {r['cpu'] / row['single']['cpu']:>10.2f} "
                  f"{r['findings']:>8}")


if __name__ == "__main__":
    main()
