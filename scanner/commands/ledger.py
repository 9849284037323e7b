"""`mamoru ledger`: the 個人情報管理台帳 from the inventory and the `[policy]`.

`-o 台帳.xlsx` (or .csv with a BOM, or `--format jsonl`) writes one row per category
and holding, keeping what people wrote in their columns in the previous ledger; `-o -`
or `--format` without `-o` writes it to stdout (CSV by default); `--check` lists the
violations; `--impact PATH-OR-TABLE` says what a leak would require.

Exit codes: 0 written / no violation / nothing to report, 1 violations (`--check`) or a
leak that must be reported (`--impact`), 2 no inventory, a wrong policy or bad usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scanner.i18n import Lang
    from scanner.ledger.build import Ledger

HELP = "the personal-data ledger against the policy / 個人情報管理台帳と点検"
EXIT_OK, EXIT_FOUND, EXIT_USAGE = 0, 1, 2


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--inventory", metavar="PATH|URL", default=None,
                   help="inventory SQLite path or SQLAlchemy URL "
                        "(default ./.mamoru/inventory.sqlite)")
    p.add_argument("--config", metavar="FILE", default=None,
                   help="configuration with [policy] (default: the nearest .mamoru.toml)")
    p.add_argument("--output", "-o", metavar="FILE", default=None,
                   help="write the ledger: .xlsx (default), .csv (with BOM) or .jsonl; "
                        "- for stdout")
    p.add_argument("--format", choices=("xlsx", "csv", "jsonl"), default=None,
                   help="output format (default: from the -o suffix; csv on stdout)")
    p.add_argument("--previous", metavar="FILE", default=None,
                   help="ledger to take the person-filled columns from (default: -o FILE)")
    p.add_argument("--check", action="store_true", help="list violations; exit 1 when any")
    p.add_argument("--impact", metavar="PATH|SCHEMA.TABLE|ID", default=None,
                   help="what a leak of this file, folder, table or holding must report")
    p.add_argument("--db", action="append", default=[], metavar="URL",
                   help="database URL with password, to read table grants (repeatable)")


def run(args: argparse.Namespace, lang: Lang) -> int:
    from scanner.ledger.load import inventory_engine
    from scanner.ledger.policy import PolicyError, load_project

    try:
        policy, project = load_project(args.config)
        args.inventory = args.inventory or project.inventory
        with inventory_engine(args.inventory) as engine:
            if args.impact:
                return _impact(engine, policy, args, lang)
            from scanner.ledger.build import build_ledger

            ledger = build_ledger(engine, policy, args.db)
    except PolicyError as exc:
        print(f"mamoru: {exc.text(lang)}", file=sys.stderr)
        return EXIT_USAGE
    for ja, en in ledger.notes:
        print(f"mamoru: {lang(ja, en)}", file=sys.stderr)
    if args.output is None and args.format and not args.check:
        args.output = "-"  # `--format csv` alone: the ledger on stdout, not the table
    if args.output:
        code = _write(ledger, policy, args, lang)
        if code:
            return code
    elif not args.check:
        _print_table(ledger, lang)
    if args.check:
        return _check(ledger, lang)
    return EXIT_OK


def _write(ledger: Ledger, policy, args: argparse.Namespace, lang: Lang) -> int:
    from reports.ledger import format_of, read_previous, write_ledger

    fmt = format_of(args.output, args.format)
    to_stdout = args.output == "-"
    if to_stdout and fmt == "xlsx" and sys.stdout.isatty():
        print(lang.t("ledger.xlsx_to_terminal"), file=sys.stderr)
        return EXIT_USAGE
    previous_path = args.previous or (
        args.output if not to_stdout and os.path.exists(args.output) else None)
    previous: dict[str, dict[str, str]] = {}
    if previous_path:
        try:
            previous = read_previous(previous_path)
        except Exception as exc:  # any unreadable file: say so, never a traceback
            from scanner.messages import error_reason

            print(lang.t("ledger.cannot_read_previous",
                         path=previous_path, reason=error_reason(exc, lang)),
                  file=sys.stderr)
            return EXIT_USAGE
    try:
        write_ledger(ledger, args.output, fmt, lang, previous, _about(ledger, policy, args))
    except OSError as exc:
        from scanner.messages import os_error

        print(f"mamoru: {os_error(exc, lang, writing=True, path=args.output)}",
              file=sys.stderr)
        return EXIT_USAGE
    ids = {h.id for h in ledger.holdings}
    for gone in sorted(set(previous) - ids):
        print(lang.t("ledger.filled_row_gone", gone=gone),
              file=sys.stderr)
    print(lang.t("ledger.written",
                 output=lang.t("ledger.stdout") if to_stdout else args.output,
                 holdings_count=len(ledger.holdings),
                 violations_count=len(ledger.violations)), file=sys.stderr)
    return EXIT_OK


def _about(ledger: Ledger, policy, args: argparse.Namespace) -> list[tuple[str, str]]:
    from scanner.inventory.store import utc_now
    from scanner.ledger.load import inventory_name
    from scanner.ledger.persons import __doc__ as counting
    from scanner.privacy import key_id, load_key

    how = " ".join((counting or "").split())
    return [
        ("個人情報管理台帳（mamoru が作成）", "Personal-data ledger (written by mamoru)"),
        (f"作成日時: {utc_now()}", f"written at: {utc_now()}"),
        (f"ポリシー: {policy.source}", f"policy: {policy.source}"),
        (f"インベントリ: {inventory_name(args.inventory)}",
         f"inventory: {inventory_name(args.inventory)}"),
        (f"鍵ID: {key_id(load_key())}", f"key id: {key_id(load_key())}"),
        ("件数の数え方: 氏名と識別子の指紋（鍵付きハッシュ）の異なり数の最大。",
         "persons: " + how),
        ("黄色の列（取得方法・廃棄方法・委託先・提供先・備考）は担当者が記入します。"
         "再作成しても管理番号ごとに引き継がれます。",
         "Yellow columns are for people; regenerating keeps them by ID."),
        ("値そのものは記載していません（種類・件数・場所のみ）。",
         "No personal value is written here (types, counts and places only)."),
        *((f"注意: {ja}", f"note: {en}") for ja, en in ledger.notes),
    ]


def _print_table(ledger: Ledger, lang: Lang) -> None:
    from rich.console import Console
    from rich.table import Table

    from reports.ledger import COLUMNS, ledger_rows

    shown = ("id", "category", "items", "location", "persons", "access")
    table = Table(title=lang.t("ledger.table_title",
                               holdings_count=len(ledger.holdings)))
    for key, ja, en in COLUMNS:
        if key in shown:
            table.add_column(lang(ja, en), overflow="fold")
    for row in ledger_rows(ledger, lang, {}):
        table.add_row(*(str(row[k]) for k in shown))
    Console(soft_wrap=False).print(table)


def _check(ledger: Ledger, lang: Lang) -> int:
    for v in ledger.violations:
        print(f"{v.kind_label(lang)}\t{v.holding_id}\t{v.location}\t{v.detail(lang)}")
    print(lang.t("ledger.violations", violations_count=len(ledger.violations)), file=sys.stderr)
    return EXIT_FOUND if ledger.violations else EXIT_OK


def _impact(engine, policy, args: argparse.Namespace, lang: Lang) -> int:
    import json

    from scanner.ledger.holdings import file_holdings, table_holdings
    from scanner.ledger.impact import assess

    target = args.impact
    is_table = target.startswith("db:") or ("/" not in target and not os.path.exists(target)
                                           and "." in target)
    if is_table:
        from scanner.ledger.policy import DbPattern

        parts = target.removeprefix("db:").split(".")
        pattern = DbPattern(parts[0], ".".join(parts[1:]) or "*", None)
        chosen = [h for h in table_holdings(engine, policy)
                  if pattern.matches(h.schema, h.table)]
    else:
        everything = file_holdings(engine, policy) + table_holdings(engine, policy)
        chosen = [h for h in everything if h.id == target]
        if not chosen:
            chosen = file_holdings(engine, policy, under=os.path.abspath(target))
    if not chosen:
        print(lang.t("ledger.nothing_held", target=target), file=sys.stderr)
        return EXIT_USAGE
    impact = assess(chosen)
    triggers = impact.triggers(lang)
    if args.format == "jsonl":
        print(json.dumps({
            "target": target, "holdings": [h.id for h in chosen],
            "persons": impact.persons.count, "persons_basis": impact.persons.basis,
            "persons_method": impact.persons.method(lang), "my_numbers": impact.my_numbers,
            "sensitive": impact.sensitive, "financial": impact.financial,
            "over_1000": impact.over_persons, "my_number_over_100": impact.over_my_numbers,
            "reportable": impact.reportable}, ensure_ascii=False))
    else:
        _print_impact(target, chosen, impact, triggers, lang)
    return EXIT_FOUND if impact.reportable else EXIT_OK


def _print_impact(target, chosen, impact, triggers, lang: Lang) -> None:
    print(lang.t("ledger.impact_head", target=target, chosen_count=len(chosen)))
    print(lang.t("ledger.impact_persons",
                 count=impact.persons.count, method=impact.persons.method(lang)))
    print(lang.t("ledger.impact_my_numbers", my_numbers=impact.my_numbers))
    if impact.reportable:
        print(lang.t("ledger.impact_report_required"))
        for t in triggers:
            print(f"    - {t}")
        print(lang.t("ledger.impact_deadlines"))
    else:
        print(lang.t("ledger.impact_report_not_required"))
    print(lang.t("ledger.impact_wrongful_purpose"))
