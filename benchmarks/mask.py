"""Throughput and peak memory of `mamoru mask` (files) and `mamoru mask-db` (PostgreSQL).

usage: python benchmarks/mask.py [--url URL] [--rows N] [--file-mb N] [--skip-db]
                                 [--skip-files] [--json]

Files: a CSV and a plain-text file of about `--file-mb` MB each (UTF-8 and CP932), with
names, phone numbers, e-mail addresses and My Numbers, masked by the real command line
in a child process: MB/s of input and the child's peak RSS; then file by file in this
process, the CPU seconds of each phase (best of 3: reading the input for the leak check,
masking, reading the output back) and the leak check's cost over the masking's.

Database: `members` with `--rows` rows (default 1,000,000) in a new database
`mask_bench_<random>`, built by one INSERT ... SELECT over generate_series (valid My
Number check digits computed in SQL), copied by `mamoru mask-db` into a second new
database of the same server: rows/s and the child's peak RSS. Both databases are
dropped afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from stdnum.jp import in_

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
SURNAMES = ("佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤")
GIVEN = ("太郎", "花子", "健一", "美咲", "翔太", "陽菜", "大輔", "さくら", "拓也", "結衣")
WEIGHTS = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)  # My Number check digit, digits 1-11


def run_child(args: list[str]) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB, exit code) of `python -m scanner.cli ARGS`."""
    env = {**os.environ, "MAMORU_KEY": os.environ.get("MAMORU_KEY", "benchmark-key"),
           "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "scanner.cli", *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode != 0:
        print(err[-2000:], file=sys.stderr)
    return wall, usage.ru_maxrss / 1024, proc.returncode


# -- files ----------------------------------------------------------------------------
def _my_number(rng: random.Random) -> str:
    base = f"{rng.randrange(10**11):011d}"
    return base + in_.calc_check_digit(base)


def make_files(root: Path, megabytes: float) -> int:
    rng = random.Random(7)
    target = int(megabytes * 1_000_000)
    lines = ["氏名,電話番号,メール,マイナンバー,備考"]
    size = 0
    i = 0
    while size < target:
        line = (f"{rng.choice(SURNAMES)}{rng.choice(GIVEN)},090-{rng.randrange(1000, 9999)}-"
                f"{rng.randrange(10000):04d},user{i}@example.co.jp,{_my_number(rng)},"
                f"注文{i}件目 特記事項なし")
        lines.append(line)
        size += len(line.encode()) + 1
        i += 1
    (root / "customers.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    paras, size = [], 0
    while size < target:
        para = (f"{rng.choice(SURNAMES)}様より問い合わせがありました。折り返しは携帯 "
                f"080-{rng.randrange(1000, 9999)}-{rng.randrange(10000):04d} まで。"
                "本件は来週の会議で検討し、担当部署から回答する予定です。" * 3)
        paras.append(para)
        size += len(para.encode("cp932")) + 2
    (root / "notes.txt").write_bytes("\r\n".join(paras).encode("cp932"))
    return sum(p.stat().st_size for p in root.iterdir())


def bench_files(megabytes: float) -> dict:
    with tempfile.TemporaryDirectory(prefix="mamoru-mask-bench-") as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        total = make_files(src, megabytes)
        wall, rss, code = run_child(["mask", str(src), "--out", str(Path(tmp) / "out")])
        phases = _phases(src, Path(tmp) / "phases")
    return {"bytes": total, "seconds": round(wall, 2), "mb_per_s": round(total / 1e6 / wall, 3),
            "peak_rss_mb": round(rss, 1), "exit": code, "phases_s": phases}


def _phases(src: Path, out: Path, repeat: int = 3) -> dict:
    """CPU seconds of each file's phases in this process (best of `repeat`, so other
    processes on the machine do not count): reading the input for the leak check,
    masking, reading the output back; `check_over_mask` = (read + check) / mask, which
    the leak check must keep at 1 or below."""
    sys.path.insert(0, str(ROOT))
    from scanner.masking.files import FORMATS
    from scanner.masking.leakcheck.check import output_candidates, read_input
    from scanner.masking.masker import Masker
    from scanner.masking.policy import load_policy
    from scanner.sources.formats import detect_format

    out.mkdir()
    result = {}
    for path in sorted(src.iterdir()):
        module = FORMATS[detect_format(path.name, path.read_bytes())[0]]
        best: dict[str, float] = {}
        for _ in range(repeat):
            masker = Masker(load_policy(None, None), b"benchmark-key")
            masker.detect(["090-1234-5678"])  # the engine loaded before the clock starts
            data, dst = path.read_bytes(), out / path.name
            t0 = time.process_time()
            before = read_input(masker, path.name, data)
            t1 = time.process_time()
            module.mask_file(path, dst, masker)
            t2 = time.process_time()
            output_candidates(masker, path.name, path.name, dst.read_bytes(), before)
            t3 = time.process_time()
            for phase, s in (("read", t1 - t0), ("mask", t2 - t1), ("check", t3 - t2)):
                best[phase] = min(best.get(phase, s), s)
        ratio = (best["read"] + best["check"]) / best["mask"]
        result[path.name] = {**{k: round(v, 2) for k, v in best.items()},
                             "check_over_mask": round(ratio, 2)}
    return result


# -- database -------------------------------------------------------------------------
def _check_digit_sql(base: str) -> str:
    total = " + ".join(f"substr({base}, {i + 1}, 1)::int * {w}" for i, w in enumerate(WEIGHTS))
    return f"(CASE WHEN ({total}) % 11 <= 1 THEN 0 ELSE 11 - ({total}) % 11 END)::text"


def build_table(url: str, rows: int) -> None:
    surnames = ",".join(f"'{s}'" for s in SURNAMES)
    given = ",".join(f"'{g}'" for g in GIVEN)
    base = "lpad(((g::bigint * 7919 + 12345678900) % 100000000000)::text, 11, '0')"
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(
            "CREATE TABLE members (id bigint PRIMARY KEY, name text, tel text,"
            " email text, my_number char(12), birth_date date, note text)"))
        conn.execute(text(f"""
            INSERT INTO members
            SELECT g,
                   (ARRAY[{surnames}])[1 + g % 10] || (ARRAY[{given}])[1 + (g / 10) % 10],
                   '090-' || (1000 + (g * 7) % 9000)::text || '-'
                       || lpad((g % 10000)::text, 4, '0'),
                   'user' || g || '@example.co.jp',
                   {base} || {_check_digit_sql(base)},
                   date '1950-01-01' + (g % 20000),
                   '注文' || g || '件目の備考' ||
                       CASE WHEN g % 100 = 0
                       THEN ' 連絡先 03-5555-' || lpad((g % 10000)::text, 4, '0') ELSE '' END
            FROM generate_series(1, {rows}) AS g"""))
        conn.execute(text("ANALYZE members"))
    engine.dispose()


def bench_db(url: str, rows: int) -> dict:
    """Source and destination are two new databases on the server of `url` (mask-db
    copies every schema of a database), dropped afterwards."""
    tag = uuid.uuid4().hex[:8]
    names = (f"mask_bench_{tag}", f"mask_bench_dst_{tag}")
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    server = url.rsplit("/", 1)[0]
    src_url, dst_url = (f"{server}/{n}" for n in names)
    try:
        with admin.connect() as conn:
            for n in names:
                conn.execute(text(f"CREATE DATABASE {n}"))
        t0 = time.perf_counter()
        build_table(src_url, rows)
        build_s = time.perf_counter() - t0
        wall, rss, code = run_child(["mask-db", src_url, "--to", dst_url])
        copied = 0
        if code == 0:
            dst = create_engine(dst_url)
            with dst.connect() as conn:
                copied = conn.execute(text("SELECT count(*) FROM members")).scalar_one()
            dst.dispose()
    finally:
        with admin.connect() as conn:
            for n in names:
                conn.execute(text(f"DROP DATABASE IF EXISTS {n} WITH (FORCE)"))
        admin.dispose()
    return {"rows": rows, "copied": copied, "build_seconds": round(build_s, 1),
            "seconds": round(wall, 1), "rows_per_s": round(rows / wall), "peak_rss_mb":
            round(rss, 1), "exit": code}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=DEFAULT_URL)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--file-mb", type=float, default=5.0)
    parser.add_argument("--skip-db", action="store_true")
    parser.add_argument("--skip-files", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = {}
    if not args.skip_files:
        result["files"] = bench_files(args.file_mb)
    if not args.skip_db:
        result["db"] = bench_db(args.url, args.rows)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return
    if "files" in result:
        f = result["files"]
        print(f"files: {f['bytes'] / 1e6:.1f} MB in {f['seconds']} s = {f['mb_per_s']} MB/s, "
              f"peak RSS {f['peak_rss_mb']} MB, exit {f['exit']}")
        for name, p in f["phases_s"].items():
            print(f"  {name}: CPU s read {p['read']}, mask {p['mask']}, check {p['check']}; "
                  f"leak check / masking = {p['check_over_mask']}")
    if "db" in result:
        d = result["db"]
        print(f"mask-db: {d['rows']:,} rows in {d['seconds']} s = {d['rows_per_s']:,} rows/s "
              f"(copied {d['copied']:,}), peak RSS {d['peak_rss_mb']} MB, exit {d['exit']}; "
              f"table built in {d['build_seconds']} s")


if __name__ == "__main__":
    main()
