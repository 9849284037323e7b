"""`mamoru inventory`: the personal-data inventory by risk, what changed, or where given
values are held (`--find`, for disclosure and deletion requests).

Exit codes: 0 no violation (with `--find`: none of the values found), 1 a My Number
outside the allowed places (with `--find`: some value found), 2 no inventory or bad usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from scanner.config import add_config_argument

if TYPE_CHECKING:
    from scanner.i18n import Lang

HELP = "list the personal-data inventory by risk / 個人情報インベントリを表示"
EXIT_CLEAN, EXIT_VIOLATIONS, EXIT_USAGE = 0, 1, 2


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", nargs="?", choices=("import",), default=None,
                   help="import FILE.parquet: record a `python -m mamoru.spark scan` output")
    p.add_argument("file", nargs="?", metavar="FILE.parquet", default=None)
    p.add_argument("--inventory", metavar="PATH|URL", default=None,
                   help="inventory SQLite path or SQLAlchemy URL "
                        "(default ./.mamoru/inventory.sqlite)")
    p.add_argument("--format", choices=("table", "jsonl", "csv"), default="table")
    p.add_argument("--output", "-o", metavar="FILE", default=None)
    p.add_argument("--changes", action="store_true",
                   help="what changed in the last complete scan (new/changed/gone, new values)")
    p.add_argument("--since", metavar="DATE", default=None,
                   help="--changes: made by the scans started since DATE (ISO, UTC)")
    p.add_argument("--scans", metavar="N..M", default=None,
                   help="--changes: made by the scans numbered N to M")
    p.add_argument("--problems", action="store_true",
                   help="list files that were skipped or could not be read, with the reason")
    p.add_argument("--find", metavar="FILE|-", default=None,
                   help="where the values in FILE (one per line; - for stdin) are held: "
                        "for disclosure and deletion requests")
    p.add_argument("--allow-mynumber", action="append", default=[], metavar="GLOB",
                   help="where My Numbers may be kept, e.g. '*/payroll/*' (repeatable; "
                        "added to the configuration's allow_mynumber)")
    add_config_argument(p)


def run(args: argparse.Namespace, lang: Lang) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from scanner.config import ConfigError, command_config
    from scanner.inventory.store import open_store
    from scanner.inventory.target import DEFAULT_PATH, is_url

    if args.action == "import":
        from scanner.commands import inventory_import

        return inventory_import.run(args, lang)
    try:
        config = command_config(args.config)
    except ConfigError as exc:
        print(f"mamoru: {exc.text(lang)}", file=sys.stderr)
        return EXIT_USAGE
    args.allow_mynumber = [*config.allow_mynumber, *args.allow_mynumber]
    target = args.inventory or config.inventory
    if not (target and is_url(target)) and not os.path.exists(target or DEFAULT_PATH):
        print(lang.t("inventory.no_inventory_at_run", path=target or DEFAULT_PATH),
              file=sys.stderr)
        return EXIT_USAGE
    try:
        store = open_store(target)
    except SQLAlchemyError as exc:
        from scanner.messages import driver_reason

        reason = str(getattr(exc, "orig", None) or type(exc).__name__).splitlines()[0]
        reason = driver_reason(reason, lang)
        print(lang.t("inventory.cannot_open_here",
                     path=target or DEFAULT_PATH, reason=reason),
              file=sys.stderr)
        return EXIT_USAGE
    from scanner.inventory.keyid import Refused

    try:
        args.key = _key(store, needed=bool(args.find), lang=lang)
        if args.changes:
            return _changes(store.engine, args, lang)
        if args.problems:
            return _problems(store.engine, args, lang)
        if args.find:
            return _find(store.engine, args, lang)
        return _by_risk(store.engine, args, lang)
    except Refused as exc:
        print(f"mamoru: {exc.text(lang)}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        from scanner.messages import os_error

        print(f"mamoru: {os_error(exc, lang, writing=True, path=args.output)}",
              file=sys.stderr)
        return EXIT_USAGE
    except SQLAlchemyError as exc:
        from scanner.dbscan.lost import connection_lost

        if not connection_lost(exc):
            raise  # anything else: the last-resort handler and its log file
        print(lang.t("inventory.cannot_read", path=store.where,
                     reason=lang.t("db.connection_lost")), file=sys.stderr)
        return EXIT_USAGE
    finally:
        store.dispose()


def _key(store, needed: bool, lang: Lang) -> bytes | None:
    """This key, when it is the inventory's (Refused otherwise); None when there is no
    key and none is needed. A key is never created by reading an inventory."""
    from scanner.inventory.keyid import Refused, check_key, recorded_key_id
    from scanner.privacy import KeyMissing, key_source, load_key

    try:
        key = load_key(create=False)
    except KeyMissing:
        stored = recorded_key_id(store.engine)
        if stored is None and not needed:
            return None
        made = (lang.t("inventory.its_key_id", stored=stored)
                if stored else "")
        raise Refused("inventory.no_key", source=key_source(), made=made) from None
    check_key(store.engine, key, store.where, record=False)
    return key


def _changes(engine, args: argparse.Namespace, lang: Lang) -> int:
    from reports.inventory import write_changes
    from reports.output import report_stream
    from scanner.inventory.changes import (
        asset_changes,
        events,
        last_window,
        new_fingerprint_counts,
        window_since,
    )

    if args.scans:
        first, sep, last = args.scans.partition("..")
        if not (sep and first.isdigit() and last.isdigit() and int(first) <= int(last)):
            print(lang.t("inventory.bad_scans", scans=args.scans), file=sys.stderr)
            return EXIT_USAGE
        window = (int(first), int(last))
    elif args.since:
        from datetime import date, datetime

        try:
            since = (datetime.fromisoformat(args.since) if "T" in args.since
                     else date.fromisoformat(args.since))
        except ValueError:
            print(lang.t("inventory.bad_since", since=args.since),
                  file=sys.stderr)
            return EXIT_USAGE
        window = window_since(engine, since.isoformat())
        if window is None:
            window = (0, -1)  # nothing since then: an empty window
    else:
        window = last_window(engine)
    if window is None:
        print(lang.t("inventory.no_complete_scan_yet"),
              file=sys.stderr)
        return EXIT_USAGE
    with report_stream(args.output) as out:
        write_changes(asset_changes(engine, *window), new_fingerprint_counts(engine, *window),
                      window, args.format, out, lang, events(engine, *window))
    return EXIT_CLEAN


def _problems(engine, args: argparse.Namespace, lang: Lang) -> int:
    from reports.inventory import write_problems
    from reports.output import report_stream
    from scanner.inventory.problems import problem_assets

    with report_stream(args.output, _encoding(args)) as out:
        write_problems(problem_assets(engine), args.format, out, lang)
    return EXIT_CLEAN


def _find(engine, args: argparse.Namespace, lang: Lang) -> int:
    from reports.inventory import write_answers
    from reports.output import report_stream
    from scanner.inventory.coverage import coverage
    from scanner.inventory.lookup import find_values
    try:
        if args.find == "-":
            values = sys.stdin.read().splitlines()
        else:
            with open(args.find, encoding="utf-8-sig") as fh:
                values = fh.read().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        from scanner.messages import error_reason

        print(lang.t("inventory.cannot_read", path=args.find, reason=error_reason(exc, lang)),
              file=sys.stderr)
        return EXIT_USAGE
    answers = find_values(engine, values, args.key)
    if not answers:
        print(lang.t("inventory.no_values_to_find"), file=sys.stderr)
        return EXIT_USAGE
    with report_stream(args.output, _encoding(args)) as out:
        write_answers(answers, args.format, out, lang, coverage(engine))
    return EXIT_VIOLATIONS if any(a.places for a in answers) else EXIT_CLEAN


def _by_risk(engine, args: argparse.Namespace, lang: Lang) -> int:
    from reports.inventory import write_assets
    from reports.output import report_stream
    from scanner.inventory.risk import assets_by_risk

    items = assets_by_risk(engine, args.allow_mynumber)
    with report_stream(args.output, _encoding(args)) as out:
        write_assets(items, args.format, out, lang)
    _say_not_examined(engine, lang)
    violations = sum(a.violation for a in items)
    if not violations:
        return EXIT_CLEAN
    print(lang.t("inventory.my_numbers_outside", violations=violations),
          file=sys.stderr)
    return EXIT_VIOLATIONS


def _say_not_examined(engine, lang: Lang) -> None:
    """The view (and its exit status) covers only what was read: say what was not."""
    from scanner.inventory.coverage import coverage

    cover = coverage(engine)
    if not cover.complete:
        print(lang.t("inventory.not_examined", files=cover.unread_files,
                     tables=cover.partial_tables), file=sys.stderr)


def _encoding(args: argparse.Namespace) -> str:
    """CSV files with a BOM, so Excel on Japanese Windows reads them as UTF-8."""
    return "utf-8-sig" if args.format == "csv" else "utf-8"
