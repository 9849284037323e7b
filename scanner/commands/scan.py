"""`mamoru scan PATH...`: scan files and shares into the inventory, report findings.

Exit codes for cron: 0 nothing at or above the threshold, 1 findings, 2 errors (files
that could not be read, or bad usage); errors win over findings because the scan is
then incomplete.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import sys
from typing import TYPE_CHECKING

from scanner.config import add_config_argument

if TYPE_CHECKING:
    from scanner.config import ProjectConfig
    from scanner.i18n import Lang
    from scanner.scanfiles.options import ScanOptions
    from scanner.scanfiles.pool import Crew
    from scanner.scanfiles.run import ScanOutcome

HELP = "scan files into the inventory / ファイルを走査してインベントリに記録"
EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERRORS = 0, 1, 2
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$", re.IGNORECASE)


def parse_size(text: str) -> int:
    """`100M`, `1.5G`, `4096` -> bytes (powers of 1024)."""
    m = _SIZE.match(text)
    if not m:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 100M)")
    power = " kmgt".index(m.group(2).lower() or " ")
    return int(float(m.group(1)) * 1024**power)


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def positive_float(text: str) -> float:
    value = float(text)
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or directories")
    p.add_argument("--inventory", metavar="PATH|URL", default=None,
                   help="inventory SQLite path or SQLAlchemy URL "
                        "(default ./.mamoru/inventory.sqlite)")
    p.add_argument("--format", choices=("table", "text", "jsonl", "csv", "sarif"), default="table")
    p.add_argument("--output", "-o", metavar="FILE", default=None,
                   help="write the report here (default stdout)")
    p.add_argument("--jobs", "-j", type=positive_int, default=1, help="worker processes")
    p.add_argument("--full", action="store_true", help="read every file, even unchanged ones")
    p.add_argument("--verify-hash", action="store_true",
                   help="re-hash unchanged files and read those whose content changed")
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                   help="gitignore-style pattern to leave out (repeatable)")
    p.add_argument("--exclude-from", action="append", default=[], metavar="FILE",
                   help="file of gitignore-style patterns (repeatable)")
    p.add_argument("--max-file-size", type=parse_size, default=parse_size("100M"),
                   metavar="SIZE", help="skip larger files (default 100M)")
    p.add_argument("--file-timeout", type=positive_float, default=None, metavar="SECONDS",
                   help="longest time one file may take; its worker is stopped and the "
                        "file is an error (default: file_timeout in the configuration, "
                        "else 300)")
    p.add_argument("--follow-symlinks", action="store_true")
    p.add_argument("--min-score", type=float, default=None,
                   help="report threshold (default: the configuration's, else 0.5)")
    p.add_argument("--entities", default=None, help="comma-separated entity types")
    p.add_argument("--progress", choices=("auto", "always", "never"), default="auto",
                   help="progress bar on stderr (auto: only on a terminal)")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="every finding, also on big scans (else a summary past 100)")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="no progress and no summary on stderr; errors only")
    p.add_argument("--redact", action="store_true", help="no previews at all in the report")
    add_wait_argument(p)
    add_config_argument(p)


def add_wait_argument(p: argparse.ArgumentParser) -> None:
    """`--wait`: wait for another writer of the inventory (`--wait-timeout SECONDS`: at
    most that long); without either a locked inventory is an error (exit 2)."""
    p.add_argument("--wait", action="store_const", const=float("inf"), default=None,
                   help="wait for another scan that holds the inventory (default: exit 2)")
    p.add_argument("--wait-timeout", dest="wait", type=float, metavar="SECONDS",
                   help="wait at most this long for another scan, then exit 2")


def run(args: argparse.Namespace, lang: Lang) -> int:
    from scanner.config import command_config
    from scanner.privacy import load_key

    missing = [p for p in args.paths if not os.path.lexists(p)]
    if missing:
        for path in missing:
            print(lang.t("scan.no_such_path", path=path),
                  file=sys.stderr)
        return EXIT_ERRORS
    try:
        config = command_config(args.config)
        options = _options(args, config)
        key = load_key(lang=lang)
    except (OSError, ValueError) as exc:  # ConfigError is a ValueError
        return _cannot_start(exc, lang)
    from scanner.scanfiles.pool import Crew

    early = _reads_everything(options, args.inventory or config.inventory)
    with Crew(options.worker_config(key), options.jobs, early=early) as crew:
        return _scan(args, lang, config, options, key, crew)


def _cannot_start(exc: Exception, lang: Lang) -> int:
    """Say in the user's language why the scan cannot start (settings, key, inventory)."""
    from scanner.messages import CatalogueError, os_error

    text = (exc.text(lang) if isinstance(exc, CatalogueError)
            else os_error(exc, lang) if isinstance(exc, OSError) else str(exc))
    print(f"mamoru: {text}", file=sys.stderr)
    return EXIT_ERRORS


def _reads_everything(options: ScanOptions, target: str | None) -> bool:
    """Whether the scan will read every file it finds (`--full`, `--verify-hash`, a new
    SQLite inventory): then its workers load their engines while it opens the inventory
    and walks. Otherwise they start once the walk has found files to read, so that a
    rescan with nothing changed starts none."""
    from scanner.inventory.target import sqlite_path

    path = sqlite_path(target)
    return options.full or options.verify_hash or (path is not None and not path.exists())


def _scan(args: argparse.Namespace, lang: Lang, config: ProjectConfig, options: ScanOptions,
          key: bytes, crew: Crew) -> int:
    from scanner.inventory.keyid import Refused
    from scanner.inventory.session import open_for_writing
    from scanner.scanfiles.progress import make_progress
    from scanner.scanfiles.run import run_scan

    try:
        store, lock = open_for_writing(args.inventory or config.inventory, key, args.wait, lang)
    except (Refused, OSError, ValueError) as exc:
        return _cannot_start(exc, lang)
    options.skip_paths = store.own_files()
    progress = make_progress(lang.t("scan.progress"), False if args.quiet else
                             {"auto": None, "always": True, "never": False}[args.progress])
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        outcome = run_scan(store, options, key, progress, crew)
    finally:
        signal.signal(signal.SIGTERM, previous)
        lock.release()
        store.dispose()
    code = EXIT_ERRORS if outcome.errors else EXIT_FINDINGS if outcome.rows else EXIT_CLEAN
    try:
        _write_report(outcome, args, lang, code)
    except OSError as exc:
        from scanner.messages import os_error

        print(f"mamoru: {os_error(exc, lang, writing=True, path=args.output)}", file=sys.stderr)
        return EXIT_ERRORS
    if not args.quiet:
        _print_summary(outcome, lang)
    return code


def _options(args: argparse.Namespace, config: ProjectConfig):
    from scanner.config import extra_recognizers
    from scanner.scanfiles.ignore import ExcludeRules
    from scanner.scanfiles.options import FILE_TIMEOUT_S, ScanOptions

    extra_recognizers(config)  # a bad file is an error now, not in every worker
    patterns = [*config.exclude, *args.exclude]
    excludes = ExcludeRules(list(patterns))
    for path in args.exclude_from:
        with open(path, encoding="utf-8-sig") as fh:
            lines = fh.read().splitlines()
        for line in lines:
            excludes.add(line)
        patterns.extend(lines)
    return ScanOptions(
        roots=list(args.paths), excludes=excludes, exclude_patterns=patterns,
        follow_symlinks=args.follow_symlinks, max_file_size=args.max_file_size,
        jobs=args.jobs, full=args.full,
        file_timeout=args.file_timeout or config.file_timeout or FILE_TIMEOUT_S,
        verify_hash=args.verify_hash,
        min_score=config.min_score if args.min_score is None else args.min_score,
        entities=(_entities(args.entities) if args.entities
                  else tuple(sorted(config.entities)) if config.entities else None),
        recognizers=config.recognizers,
    )


def _entities(arg: str | None) -> tuple[str, ...] | None:
    if not arg:
        return None
    from recognizers.registry import ENTITY_TYPES

    wanted = tuple(sorted({e.strip() for e in arg.split(",") if e.strip()}))
    unknown = set(wanted) - set(ENTITY_TYPES)
    if unknown:
        raise ValueError(f"unknown entity types: {', '.join(sorted(unknown))}")
    return wanted


def _raise_interrupt(_signum, _frame) -> None:
    raise KeyboardInterrupt


def _write_report(outcome: ScanOutcome, args: argparse.Namespace, lang: Lang,
                  code: int) -> None:
    from reports.output import report_stream
    from reports.render import redacted, write_rows

    if args.format in ("table", "text") and not outcome.rows:
        unread = outcome.counts.get("unread", 0)
        if not args.quiet and not outcome.errors:
            print(lang.t("scan.nothing_found_in_read", unread=unread) if unread
                  else lang.t("scan.nothing_found"), file=sys.stderr)
        return
    rows = redacted(outcome.rows) if args.redact else outcome.rows
    run = {"executionSuccessful": not outcome.errors, "exitCode": code,
           "errors": outcome.errors}
    encoding = "utf-8-sig" if args.format == "csv" and args.output else "utf-8"
    with report_stream(args.output, encoding) as out:
        write_rows(rows, args.format, out, lang, verbose=args.verbose, run=run)


_COUNTS = ("paths", "read", "unchanged", "skipped", "errors", "findings", "new_assets",
           "changed_assets", "gone_assets", "new_fingerprints")


def _print_summary(outcome: ScanOutcome, lang: Lang) -> None:
    """A sentence on a terminal, one JSON line otherwise (stderr either way)."""
    c = outcome.counts
    if not sys.stderr.isatty():
        summary = {"event": "summary", "scan_id": outcome.scan_id, "status": outcome.status,
                   **c, "error_list": outcome.errors}
        print(json.dumps(summary, ensure_ascii=False), file=sys.stderr)
        return
    from scanner.explain import note_text

    for err in outcome.errors:
        print(lang.t("scan.error", error=note_text(err, lang)), file=sys.stderr)
    print(lang.t("scan.summary", scan=outcome.scan_id, **{k: c.get(k, 0) for k in _COUNTS}),
          file=sys.stderr)
    if c.get("masked_copies"):
        print(lang.t("scan.masked_copies",
                     masked_copies=c["masked_copies"]), file=sys.stderr)
