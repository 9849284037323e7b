"""`mamoru hook [FILE...]`: refuse a commit that stages personal data.

Only added lines of staged files count (the index, not the working tree). A named file
without a staged change is checked whole, so `pre-commit run --all-files` in CI checks
everything (known data belongs in the baseline). `mamoru hook install` writes a plain
`.git/hooks/pre-commit`; `mamoru hook uninstall` removes it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from scanner.commands.scan import positive_float

if TYPE_CHECKING:
    from scanner.hook.baseline import Baseline, EntryKey
    from scanner.i18n import Lang

HELP = "check staged changes for personal data / ステージした変更の個人情報を検査"
EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
EXIT_INCOMPLETE = 2  # a file's check did not finish (over its deadline, worker died)
ACTIONS = ("install", "uninstall")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "files", nargs="*", metavar="FILE",
        help="staged files to check (default: every staged file); "
        "`install` / `uninstall` manage .git/hooks/pre-commit (a file named so: ./install)",
    )
    p.add_argument("--format", choices=("text", "jsonl", "csv", "sarif"), default="text")
    p.add_argument("--output", "-o", metavar="FILE", default=None,
                   help="write the report to this file (default stdout)")
    p.add_argument("--redact", action="store_true", help="no previews at all (for CI logs)")
    p.add_argument("-q", "--quiet", action="store_true", help="no advice line; errors only")
    p.add_argument("--baseline", default=None, help="baseline file (default from config)")
    p.add_argument("--force", action="store_true", help="install over a foreign hook")
    p.add_argument("-v", "--verbose", action="store_true", help="also list skipped files")
    p.add_argument("--file-timeout", type=positive_float, default=None, metavar="SECONDS",
                   help="longest time one file's check may take; it is stopped and the file "
                        "is an error (exit 2; default: file_timeout in the configuration, "
                        "else 120)")
    p.add_argument("--config", metavar="FILE", default=None,
                   help="configuration file (default: .mamoru.toml or pyproject.toml at the "
                        "repository root)")


def run(args: argparse.Namespace, lang: Lang) -> int:
    from scanner.hook.git import GitError, repo_root

    try:
        root = repo_root(Path.cwd())
    except GitError:
        print(f"mamoru: {lang.t('git.not_a_repository', cwd=Path.cwd())}",
              file=sys.stderr)
        return EXIT_USAGE
    if args.files[:1] and args.files[0] in ACTIONS:
        if len(args.files) > 1:
            print(lang.t("hook.takes_no_files", file=args.files[0]), file=sys.stderr)
            return EXIT_USAGE
        return _manage(args.files[0], root, args.force, lang)
    try:
        return _check(root, args, lang)
    except GitError as exc:
        print(f"mamoru: git: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _check(root: Path, args: argparse.Namespace, lang: Lang) -> int:
    from dataclasses import replace

    from reports.output import report_stream
    from reports.render import redacted, write_rows
    from scanner.config import ConfigError, command_config, load_config
    from scanner.display import shown
    from scanner.hook.baseline import BaselineError, load_baseline
    from scanner.hook.check import Checker
    from scanner.hook.git import repo_path
    from scanner.hook.output import warn_not_checked, warn_unfinished, write_text
    from scanner.privacy import load_key

    try:
        config = command_config(args.config) if args.config else load_config(root)
        if args.baseline:
            config = replace(config, baseline=repo_path(root, args.baseline))
        key = load_key()
        checker = Checker(root, config, key, args.file_timeout)
        baseline = load_baseline(root / config.baseline)
    except (ConfigError, BaselineError, OSError) as exc:
        from scanner.messages import error_text

        print(f"mamoru: {error_text(exc, lang)}", file=sys.stderr)
        return EXIT_USAGE
    known = _known(baseline, key, lang)
    result = checker.check_staged([repo_path(root, f) for f in args.files], known)
    warn_not_checked(result.too_big, sys.stderr, lang)
    warn_unfinished(result.errors, sys.stderr, lang)
    block = bool(result.skipped or result.too_big) and config.skipped_files == "fail"
    if args.verbose or block:
        for path in result.skipped:
            print(lang.t("hook.skipped", shown=shown(path)),
                  file=sys.stderr)
    rows = redacted(result.rows) if args.redact else result.rows
    try:
        with report_stream(args.output) as out:
            if args.format == "text":
                write_text(rows, out, lang, advice=not args.quiet)
            else:
                write_rows(rows, args.format, out, lang)
    except OSError as exc:
        from scanner.messages import os_error

        print(f"mamoru: {os_error(exc, lang, writing=True, path=args.output)}", file=sys.stderr)
        return EXIT_USAGE
    if block:
        print(lang.t("hook.stopped_unchecked"),
              file=sys.stderr)
    if result.errors:
        return EXIT_INCOMPLETE
    return EXIT_FINDINGS if result.rows or block else EXIT_CLEAN


def _known(baseline: Baseline | None, key: bytes, lang: Lang) -> frozenset[EntryKey]:
    """The baseline's entries, when it was made with this key (else a warning)."""
    from scanner.hook.baseline import same_key

    if baseline is None:
        return frozenset()
    if not same_key(baseline.key_id, key):
        print(lang.t("hook.baseline_other_key"), file=sys.stderr)
        return frozenset()
    return baseline.keys()


def _manage(action: str, root: Path, force: bool, lang: Lang) -> int:
    from scanner.hook.install import ForeignHook, install, uninstall

    try:
        if action == "install":
            path = install(root, force=force)
            print(lang.t("hook.hook_written", path=path))
            return EXIT_CLEAN
        path = uninstall(root)
    except ForeignHook as exc:
        print(lang(
            f"mamoru: {exc} は mamoru のフックではありません"
            + ("（上書きするには --force）" if action == "install" else "。そのままにします"),
            f"mamoru: {exc} is not mamoru's hook"
            + (" (use --force to replace it)" if action == "install" else "; left alone"),
        ), file=sys.stderr)
        return EXIT_USAGE
    if path is None:
        print(lang.t("hook.no_hook_installed"))
    else:
        print(lang.t("hook.hook_removed", path=path))
    return EXIT_CLEAN
