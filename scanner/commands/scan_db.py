"""`mamoru scan-db URL`: classify a database's columns into the inventory.

URL is a SQLAlchemy URL: `sqlite:///path.db`, `postgresql+psycopg://user@host/db`,
`mysql+pymysql://user@host/db` (MySQL and MariaDB); `mssql+pyodbc://...` and
`oracle+oracledb://...` work when their drivers are installed (not tested here).
Output: one record per type found in a column, at or above `--min-score`.
Exit codes: 0 nothing found, 1 personal data found, 2 a table could not be read or bad
input (the scan still goes through every other table).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from scanner.commands.scan import add_wait_argument
from scanner.config import add_config_argument

if TYPE_CHECKING:
    from scanner.i18n import Lang

HELP = "scan database columns into the inventory / データベースの列を走査"
EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERRORS = 0, 1, 2
FILTERS = ("schema", "table", "column")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("url", help="SQLAlchemy database URL (the password is never printed)")
    p.add_argument("--inventory", default=None, help="inventory path or URL")
    p.add_argument("--format", choices=("table", "jsonl", "csv"), default="table")
    p.add_argument("--output", "-o", metavar="FILE", default=None,
                   help="write the report to this file (default stdout)")
    p.add_argument("--sample", type=int, default=2000, help="rows sampled per table (2000)")
    p.add_argument("--full", action="store_true",
                   help="read every row, and re-read unchanged tables")
    for what in FILTERS:
        p.add_argument(f"--include-{what}", action="append", default=[], metavar="PATTERN",
                       help=f"only {what}s matching this glob (repeatable)")
        p.add_argument(f"--exclude-{what}", action="append", default=[], metavar="PATTERN",
                       help=f"skip {what}s matching this glob (repeatable)")
    p.add_argument("--statement-timeout", type=float, default=30.0, metavar="SECONDS",
                   help="longest time one query may run (30)")
    p.add_argument("--min-score", type=float, default=None,
                   help="report columns scored at least this (default: the configuration's, "
                        "else 0.5)")
    p.add_argument("--thorough", action="store_true", help="also run GiNZA on all text")
    add_wait_argument(p)
    add_config_argument(p)


def run(args: argparse.Namespace, lang: Lang) -> int:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from scanner.config import ConfigError, command_config, extra_recognizers
    from scanner.dbscan.redact import scrub

    try:
        config = command_config(args.config)
        args.extra_recognizers = extra_recognizers(config)
    except ConfigError as exc:
        print(f"mamoru: {exc.text(lang)}", file=sys.stderr)
        return EXIT_ERRORS
    if args.min_score is None:
        args.min_score = config.min_score
    args.entities = config.entities
    args.inventory = args.inventory or config.inventory
    problem = _check(args, lang)
    if problem:
        print(f"mamoru: {problem}", file=sys.stderr)
        return EXIT_ERRORS
    try:
        url = make_url(args.url)
    except ArgumentError:
        print(lang.t("scan_db.cannot_parse_url") + scrub(args.url, args.url),
              file=sys.stderr)
        return EXIT_ERRORS
    from reports.output import report_stream

    with report_stream(args.output, "utf-8-sig" if args.format == "csv" else "utf-8") as out:
        return _scan(url, args, lang, out)


def _check(args: argparse.Namespace, lang: Lang) -> str | None:
    if args.sample < 1:
        return lang.t("scan_db.bad_sample")
    if args.statement_timeout <= 0:
        return lang.t("scan_db.bad_statement_timeout")
    if not 0.0 <= args.min_score <= 1.0:
        return lang.t("scan_db.bad_min_score")
    return None


def _scan(url, args: argparse.Namespace, lang: Lang, out) -> int:
    from scanner.dbscan.batch import DB_CONTEXT_WINDOW
    from scanner.dbscan.catalog import Filters
    from scanner.dbscan.inventory import mark_dropped_tables
    from scanner.dbscan.output import Writer, verdict_row
    from scanner.dbscan.redact import safe_url
    from scanner.dbscan.scan import DatabaseScanner, ScanError, ScanOptions
    from scanner.display import shown
    from scanner.engine import Engine, EngineConfig
    from scanner.inventory.keyid import Refused
    from scanner.inventory.schema import SCAN_COMPLETE, SCAN_INTERRUPTED
    from scanner.inventory.session import open_for_writing
    from scanner.messages import driver_reason
    from scanner.privacy import load_key

    filters = Filters(**{
        f"{mode}_{what}": tuple(getattr(args, f"{mode}_{what}"))
        for mode in ("include", "exclude") for what in FILTERS
    })
    options = ScanOptions(sample=args.sample, full=args.full, filters=filters,
                          statement_timeout=args.statement_timeout)
    key = load_key(lang=lang)
    try:
        store, lock = open_for_writing(args.inventory, key, args.wait, lang)
    except Refused as exc:
        print(f"mamoru: {exc.text(lang)}", file=sys.stderr)
        return EXIT_ERRORS
    target = safe_url(url)
    scan_id = store.begin_scan("db", [target], _settings(args, filters))
    engine = Engine(EngineConfig(thorough=args.thorough, context_window=DB_CONTEXT_WINDOW,
                                 entities=args.entities,
                                 extra_recognizers=args.extra_recognizers))
    scanner = DatabaseScanner(url, options, engine, key, store, scan_id)
    writer = Writer(args.format, out, lang)
    counts = {"tables": 0, "carried_over": 0, "errors": 0, "columns": 0}
    errors: list[str] = []
    status = SCAN_INTERRUPTED
    try:
        for outcome in scanner.run():
            counts["tables"] += 1
            counts["carried_over"] += outcome.carried_over
            if outcome.error:
                where = f"{shown(outcome.schema)}.{shown(outcome.table)}"
                errors.append(f"{where}: {shown(outcome.error)}")
                reason = driver_reason(shown(outcome.error), lang)
                print(lang.t("scan_db.cannot_read", error=f"{where}: {reason}"), file=sys.stderr)
            for v in outcome.verdicts:
                if v.score >= args.min_score:
                    counts["columns"] += 1
                    writer.write(verdict_row(outcome, v))
        if not any(getattr(args, f"{m}_{w}") for m in ("include", "exclude")
                   for w in ("schema", "table")):  # filtered: unseen tables were not looked at
            with store.engine.begin() as conn:
                mark_dropped_tables(conn, scan_id, target)
        status = SCAN_COMPLETE
    except ScanError as exc:
        errors.append(str(exc))
        print(lang.t("scan_db.cannot_scan_database", exc=driver_reason(str(exc), lang)),
              file=sys.stderr)
        status = SCAN_COMPLETE
    finally:
        writer.close()
        counts["errors"] = len(errors)
        store.finish_scan(scan_id, status=status, counts=counts, errors=errors)
        lock.release()
        store.dispose()
    _summary(counts, lang)
    if errors:
        return EXIT_ERRORS
    return EXIT_FINDINGS if counts["columns"] else EXIT_CLEAN


def _settings(args: argparse.Namespace, filters) -> dict:
    from dataclasses import asdict

    return {
        "sample": args.sample, "full": args.full, "min_score": args.min_score,
        "statement_timeout": args.statement_timeout, "thorough": args.thorough,
        "entities": sorted(args.entities) if args.entities else None,
        "filters": {k: list(v) for k, v in asdict(filters).items() if v},
    }


def _summary(counts: dict, lang: Lang) -> None:
    print(lang.t("scan_db.summary",
                 tables=counts["tables"], carried_over=counts["carried_over"],
                 columns=counts["columns"], errors=counts["errors"]), file=sys.stderr)
