"""`mamoru mask-db SRC_URL --to DST_URL|DIR`: a masked copy of a database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scanner.commands.mask import (
    add_common_arguments,
    build_masker,
    report_leaks,
    write_k_report,
)
from scanner.i18n import Lang
from scanner.interrupts import interrupts_at_checkpoints

HELP = "copy a database with personal data masked / 個人情報をマスクしたDBコピー"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="SRC_URL", help="SQLAlchemy URL of the source (read)")
    parser.add_argument("--to", required=True, metavar="DST_URL|DIR",
                        help="destination database URL (tables must not exist) or a directory "
                             "for one file per table (--dir-format)")
    parser.add_argument("--dir-format", choices=("csv", "parquet"), default="csv",
                        help="file format with --to DIR (csv)")
    parser.add_argument("--schema", action="append", metavar="NAME",
                        help="copy only this schema (repeatable; default: every schema)")
    parser.add_argument("--include-table", action="append", default=[], metavar="GLOB",
                        help="copy only tables matching this glob (repeatable)")
    parser.add_argument("--exclude-table", action="append", default=[], metavar="GLOB",
                        help="do not copy tables matching this glob (repeatable)")
    parser.add_argument("--allow-below-k", action="store_true",
                        help="anonymized: release the copy even with classes below k")
    parser.add_argument("--k-report", type=Path, default=None,
                        help="where to write the k-anonymity report (JSON; default with "
                             "--to DIR: DIR.k-anonymity.json beside it)")
    add_common_arguments(parser)


def _table_filters(args: argparse.Namespace):
    if not (args.include_table or args.exclude_table):
        return None
    from scanner.dbscan.catalog import Filters

    return Filters(include_table=tuple(args.include_table),
                   exclude_table=tuple(args.exclude_table))


def run(args: argparse.Namespace, lang: Lang) -> int:
    from scanner.masking.database.copy import mask_database
    from scanner.masking.database.source import DbMaskError, safe_url

    masker, error = build_masker(args, lang)
    if masker is None:
        print(error, file=sys.stderr)
        return 2
    try:
        with interrupts_at_checkpoints():
            outcome = mask_database(masker, args.source, args.to, dir_format=args.dir_format,
                                    schemas=args.schema, allow_below_k=args.allow_below_k,
                                    tables=_table_filters(args))
    except DbMaskError as exc:
        print(lang.t("mask_db.bad_input", error=exc.text(lang)), file=sys.stderr)
        return 2
    except (KeyboardInterrupt, BrokenPipeError):
        raise
    except Exception as exc:  # never a traceback; the text may quote values: not shown
        where = safe_url(args.to) if "://" in args.to else args.to
        print(lang.t("mask_db.unexpected_error", where=where, name=type(exc).__name__),
              file=sys.stderr)
        return 2
    for notice in outcome.notices:
        print(notice.text(lang), file=sys.stderr)
    for report in outcome.k_reports:
        print(report.describe(lang))
    k_report = args.k_report or (None if "://" in args.to else
                                 Path(args.to).with_name(Path(args.to).name
                                                         + ".k-anonymity.json"))
    if outcome.k_reports and k_report is not None \
            and not write_k_report(k_report, outcome.k_reports, lang):
        return 2
    if outcome.leaks:
        report_leaks(outcome.leaks, lang)
        print(lang.t("mask_db.leak_hint"), file=sys.stderr)
        return 1
    if outcome.below_k:
        print(lang.t("mask.below_k", k=masker.policy.k), file=sys.stderr)
        return 1
    rows = sum(n for _, n in outcome.tables)
    print(lang.t("mask_db.done",
                 tables_count=len(outcome.tables), rows=rows, profile=masker.policy.profile))
    return 0
