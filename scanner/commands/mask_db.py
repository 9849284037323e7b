"""`mamoru mask-db SRC_URL --to DST_URL|DIR`: a masked copy of a database."""

from __future__ import annotations

import argparse
import sys

from scanner.commands.mask import add_common_arguments, build_masker, report_leaks
from scanner.i18n import Lang

HELP = "copy a database with personal data masked / 個人情報をマスクしたDBコピー"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="SRC_URL", help="SQLAlchemy URL of the source (read)")
    parser.add_argument("--to", required=True, metavar="DST_URL|DIR",
                        help="destination database URL (tables must not exist) or a directory "
                             "for one file per table (--dir-format)")
    parser.add_argument("--dir-format", choices=("csv", "parquet"), default="csv",
                        help="file format with --to DIR (csv)")
    add_common_arguments(parser)


def run(args: argparse.Namespace, lang: Lang) -> int:
    from scanner.masking.db_copy import DbMaskError, mask_database

    masker, error = build_masker(args, lang)
    if masker is None:
        print(error, file=sys.stderr)
        return 2
    try:
        outcome = mask_database(masker, args.source, args.to, dir_format=args.dir_format)
    except DbMaskError as exc:
        print(lang(f"入力エラー: {exc}", f"bad input: {exc}"), file=sys.stderr)
        return 2
    for report in outcome.k_reports:
        print(report.describe(lang))
    if not outcome.released:
        report_leaks(outcome.leaks, lang)
        return 1
    rows = sum(n for _, n in outcome.tables)
    print(lang(f"マスク完了: {len(outcome.tables)} テーブル {rows} 行 "
               f"(プロファイル {masker.policy.profile}、漏えい検査 合格)",
               f"masked {len(outcome.tables)} table(s), {rows} row(s) "
               f"(profile {masker.policy.profile}, leak check passed)"))
    return 0
