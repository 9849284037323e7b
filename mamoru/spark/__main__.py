"""`python -m mamoru.spark scan|classify|mask ... --out PATH.parquet [--master URL]`,
for `spark-submit`. The key is read on the driver (MAMORU_KEY, else the key file) and
shipped to the workers inside the job, never through Spark configuration.

Exit codes: 0 done, 1 personal data found (scan, classify) or the leak check failed
(mask: nothing written), 2 bad input or a failed job. Outputs are written through
Spark's commit protocol: complete with `_SUCCESS`, or not at all.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from pathlib import Path

from scanner.i18n import Lang, default_lang
from scanner.messages import CatalogueError, error_text

EXIT_OK, EXIT_FOUND, EXIT_ERROR = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m mamoru.spark",
                                description="mamoru on Apache Spark / Spark で mamoru を実行")
    p.add_argument("--lang", choices=("ja", "en"), default=None)
    sub = p.add_subparsers(dest="command", required=True)
    scan = sub.add_parser("scan", help="scan files / ファイルを走査")
    scan.add_argument("paths", nargs="+", metavar="PATH")
    scan.add_argument("--exclude", action="append", default=[], metavar="GLOB")
    scan.add_argument("--max-file-size", type=int, default=100 * 1024 * 1024, metavar="BYTES")
    scan.add_argument("--min-score", type=float, default=0.5)
    scan.add_argument("--partitions", type=int, default=None)
    classify = sub.add_parser("classify", help="classify columns / 列を判定")
    mask = sub.add_parser("mask", help="mask a table / 表をマスク")
    for cmd in (classify, mask):
        source = cmd.add_mutually_exclusive_group(required=True)
        source.add_argument("--jdbc-url", metavar="URL", help="jdbc:postgresql://host/db")
        source.add_argument("--parquet", metavar="PATH", help="a Parquet input")
        cmd.add_argument("--table", help="table to read over JDBC (schema.table)")
        cmd.add_argument("--user", default=None)
        cmd.add_argument("--password-env", metavar="VAR", default=None,
                         help="environment variable holding the database password")
        cmd.add_argument("--partition-column", default=None)
        cmd.add_argument("--partitions", type=int, default=1)
    classify.add_argument("--sample-percent", type=float, default=None)
    classify.add_argument("--min-score", type=float, default=0.5)
    mask.add_argument("--profile", default=None)
    mask.add_argument("--policy", type=Path, default=None)
    mask.add_argument("--keys", default="", help="key columns, comma-separated")
    mask.add_argument("--to-jdbc-table", default=None,
                      help="write to this new table (over --jdbc-url) instead of --out")
    for cmd in (scan, classify, mask):
        cmd.add_argument("--out", metavar="PATH.parquet", default=None)
        cmd.add_argument("--master", metavar="URL", default=None)
        cmd.add_argument("--key-file", type=Path, default=None)
    return p


def main(argv: list[str] | None = None) -> int:
    # pyspark 4 warns on every job that it "does not yet fully support pandas >= 3.0.0":
    # the Spark tests run on the pandas of constraints.txt, so the command keeps quiet
    warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas",
                            FutureWarning)
    args = _parser().parse_args(argv)
    lang = Lang(args.lang or default_lang())
    problem = _check(args, lang)
    if problem:
        print(f"mamoru: {problem}", file=sys.stderr)
        return EXIT_ERROR
    try:
        key = _key(args)
    except (OSError, CatalogueError) as exc:
        print(lang.t("spark.cannot_read_key", reason=error_text(exc, lang)), file=sys.stderr)
        return EXIT_ERROR
    try:
        from mamoru.spark.session import build_session
    except ImportError:
        print(lang.t("spark.no_pyspark"), file=sys.stderr)
        return EXIT_ERROR
    spark = build_session(args.master, f"mamoru-{args.command}")
    try:
        return _run(spark, args, key, lang)
    except CatalogueError as exc:  # refused before any job ran
        print(f"mamoru: {exc.text(lang)}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # a failed Spark job: one line, no traceback, no values
        return _failed(exc, lang)


def _check(args: argparse.Namespace, lang: Lang) -> str | None:
    if args.command in ("classify", "mask") and args.jdbc_url and not args.table:
        return lang.t("spark.jdbc_needs_table")
    to_table = getattr(args, "to_jdbc_table", None)
    if not args.out and not to_table:
        return lang.t("spark.out_required")
    if to_table and not args.jdbc_url:
        return lang.t("spark.to_table_needs_jdbc")
    if args.out and os.path.exists(args.out):
        return lang.t("spark.output_exists", out=args.out)
    return None


def _key(args: argparse.Namespace) -> bytes:
    from scanner.privacy import load_key

    if args.key_file is not None:
        key = args.key_file.read_bytes().strip()
        if not key:
            raise CatalogueError("spark.empty_key_file", path=args.key_file)
        return key
    return load_key()


def _source(spark, args: argparse.Namespace):
    from mamoru.spark.jdbc import read_jdbc

    if args.parquet:
        return spark.read.parquet(args.parquet)
    password = os.environ.get(args.password_env) if args.password_env else None
    return read_jdbc(spark, args.jdbc_url, args.table, user=args.user, password=password,
                     partition_column=args.partition_column, partitions=args.partitions,
                     sample_percent=getattr(args, "sample_percent", None))


def _run(spark, args: argparse.Namespace, key: bytes, lang: Lang) -> int:
    from pyspark.sql import functions as F

    from mamoru.spark import classify_columns, mask_dataframe, write_jdbc
    from mamoru.spark.files import scan_file_results

    if args.command == "scan":
        files = scan_file_results(spark, args.paths, key=key, min_score=args.min_score,
                                  excludes=args.exclude, max_file_size=args.max_file_size,
                                  partitions=args.partitions).cache()
        files.write.parquet(args.out)
        found = files.select(F.explode("findings").alias("f")) \
            .where(F.col("f.score") >= args.min_score).count()
        errors = files.where(F.col("status") == "error").count()
        print(lang.t("spark.scan_done", paths=files.count(), found=found, errors=errors,
                     out=args.out), file=sys.stderr)
        return EXIT_ERROR if errors else EXIT_FOUND if found else EXIT_OK
    df = _source(spark, args)
    if args.command == "classify":
        verdicts = classify_columns(df, key=key, min_score=args.min_score)
        verdicts.write.parquet(args.out)
        count = spark.read.parquet(args.out).count()
        print(lang.t("spark.classify_done", count=count, out=args.out), file=sys.stderr)
        return EXIT_FOUND if count else EXIT_OK
    table = args.table.rpartition(".")[2] if args.table else None
    keys = [k.strip() for k in args.keys.split(",") if k.strip()]
    masked = mask_dataframe(df, key=key, profile=args.profile, policy=args.policy,
                            table=table, keys=keys)
    if args.to_jdbc_table:
        password = os.environ.get(args.password_env) if args.password_env else None
        write_jdbc(masked, args.jdbc_url, args.to_jdbc_table, user=args.user,
                   password=password)
        target = args.to_jdbc_table
    else:
        masked.write.parquet(args.out)
        target = args.out
    print(lang.t("spark.mask_done", target=target), file=sys.stderr)
    return EXIT_OK


def _failed(exc: Exception, lang: Lang) -> int:
    from mamoru.spark.masking import LEAK_MARK

    text = str(exc)
    if LEAK_MARK in text:
        detail = text[text.index(LEAK_MARK) + len(LEAK_MARK):].splitlines()[0].lstrip(": ")
        print(lang.t("spark.leak_check_failed", detail=detail), file=sys.stderr)
        return EXIT_FOUND
    first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    print(lang.t("spark.job_failed", first=first[:500]), file=sys.stderr)
    return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
