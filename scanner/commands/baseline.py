"""`mamoru baseline create|update|audit`: record known findings so the hook lets them be.

Entries are (path, entity type, keyed fingerprint) with a masked preview: no line
numbers, no values. `audit` lists entries and records a judgment on each
(`--mark 3=false-positive`, or interactively on a terminal).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scanner.config import ProjectConfig
    from scanner.hook.baseline import Baseline, BaselineEntry
    from scanner.hook.check import CheckResult
    from scanner.i18n import Lang

HELP = "record known findings for the hook / 既知の検出をベースラインに記録"
EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
# y: yes, personal data (real); n: no, a false positive; r/f as the statuses' initials
ANSWERS = {"y": "real", "r": "real", "n": "false-positive", "f": "false-positive"}


class UsageError(Exception):
    """Bad arguments or files; the message says which."""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=("create", "update", "audit"))
    p.add_argument("--baseline", default=None, help="baseline file (default from config)")
    p.add_argument("--force", action="store_true",
                   help="create: replace an existing file; update: accept a different key")
    p.add_argument("--list", action="store_true", help="audit: list entries and stop")
    p.add_argument("--format", choices=("text", "jsonl", "csv"), default="text")
    p.add_argument("--output", "-o", metavar="FILE", default=None)
    p.add_argument("--config", metavar="FILE", default=None,
                   help="configuration file (default: .mamoru.toml or pyproject.toml at the "
                        "repository root)")
    p.add_argument("--mark", action="append", default=[], metavar="N=STATUS",
                   help="audit: set entry N (from --list) or a fingerprint prefix to "
                   "real|false-positive|unaudited")


def run(args: argparse.Namespace, lang: Lang) -> int:
    from dataclasses import replace

    from scanner.config import ConfigError, command_config, load_config
    from scanner.hook.baseline import BaselineError
    from scanner.hook.git import GitError, repo_path, repo_root

    try:
        root = repo_root(Path.cwd())
    except GitError:
        print(f"mamoru: {lang.t('git.not_a_repository', cwd=Path.cwd())}",
              file=sys.stderr)
        return EXIT_USAGE
    try:
        config = command_config(args.config) if args.config else load_config(root)
        if args.baseline:
            config = replace(config, baseline=repo_path(root, args.baseline))
        path = root / config.baseline
        if args.action == "audit":
            return _audit(root, config, path, args, lang)
        return _write(root, config, path, args, lang)
    except (UsageError, ConfigError, BaselineError, GitError) as exc:
        from scanner.messages import error_text

        print(f"mamoru: {error_text(exc, lang)}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        from scanner.messages import os_error

        print(f"mamoru: {os_error(exc, lang, writing=True)}", file=sys.stderr)
        return EXIT_USAGE


def _write(
    root: Path, config: ProjectConfig, path: Path, args: argparse.Namespace, lang: Lang
) -> int:
    from scanner.hook.baseline import key_id, load_baseline, new_baseline, same_key, save_baseline
    from scanner.hook.check import Checker
    from scanner.hook.output import warn_not_checked, warn_unfinished
    from scanner.privacy import load_key

    key = load_key(lang=lang)
    old = load_baseline(path)
    if args.action == "create" and old is not None and not args.force:
        raise UsageError(lang.t("baseline.exists", path=path))
    if args.action == "update" and old is None:
        raise UsageError(lang.t("baseline.not_found_create", path=path))
    if args.action == "update" and not same_key(old.key_id, key) and not args.force:
        from scanner.privacy import key_source

        raise UsageError(lang.t("baseline.other_key",
                                path=path, key_id=old.key_id, key_source=key_source(),
                                key_id2=key_id(key)))
    result = Checker(root, config, key).scan_index()
    warn_not_checked(result.too_big, sys.stderr, lang)
    if result.errors:  # a baseline missing a file's entries would fail every later commit
        warn_unfinished(result.errors, sys.stderr, lang)
        print(lang.t("baseline.not_written", path=path),
              file=sys.stderr)
        return EXIT_USAGE
    found = _entries(result)
    baseline = new_baseline(found, entities=config.entities, min_score=config.min_score, key=key)
    if args.action == "update" and old is not None:
        baseline = _with_settings(old.updated(found), baseline)
    save_baseline(path, baseline)
    print(lang.t("baseline.entries_written", entries_count=len(baseline.entries), path=path))
    return EXIT_CLEAN


def _entries(result: CheckResult) -> list[BaselineEntry]:
    from scanner.hook.baseline import BaselineEntry

    return [BaselineEntry(r.path, r.entity_type, r.fingerprint, r.preview) for r in result.rows]


def _with_settings(baseline: Baseline, fresh: Baseline) -> Baseline:
    from dataclasses import replace

    return replace(baseline, entities=fresh.entities, min_score=fresh.min_score,
                   key_id=fresh.key_id)


def _audit(root: Path, config: ProjectConfig, path: Path, args: argparse.Namespace,
           lang: Lang) -> int:
    from dataclasses import replace

    from scanner.hook.baseline import load_baseline, save_baseline

    baseline = load_baseline(path)
    if baseline is None:
        raise UsageError(lang.t("baseline.not_found", path=path))
    entries = list(baseline.entries)
    if args.mark:
        for mark in args.mark:
            i, status = _parse_mark(mark, entries, lang)
            entries[i] = replace(entries[i], status=status)
    elif not args.list and sys.stdin.isatty():
        from scanner.hook.context import masked_lines
        from scanner.privacy import load_key

        todo = {e.key for e in entries if e.status == "unaudited"}
        entries = _ask(entries, masked_lines(root, config, load_key(), todo), lang)
    if entries != list(baseline.entries):
        save_baseline(path, replace(baseline, entries=tuple(entries)))
    _print_list(entries, args, lang)
    return EXIT_CLEAN


def _parse_mark(mark: str, entries: list[BaselineEntry], lang: Lang) -> tuple[int, str]:
    from scanner.hook.baseline import STATUSES

    ref, _, status = mark.partition("=")
    if status not in STATUSES:
        raise UsageError(lang.t("baseline.bad_mark_status",
                                mark=mark, statuses="|".join(STATUSES)))
    if ref.isdigit() and 1 <= int(ref) <= len(entries):
        return int(ref) - 1, status
    hits = [i for i, e in enumerate(entries) if len(ref) >= 8 and e.fingerprint.startswith(ref)]
    if len(hits) != 1:
        raise UsageError(lang.t("baseline.bad_mark_ref", mark=mark, ref=ref))
    return hits[0], status


def _ask(entries: list[BaselineEntry], context: dict, lang: Lang) -> list[BaselineEntry]:
    """One question per unaudited entry, its line shown masked: personal data (y), a
    false positive (n), skip (s) or quit (q). `real` ones make the hook fail."""
    from dataclasses import replace

    out = list(entries)
    prompt = lang.t("baseline.audit_prompt")
    for i, e in enumerate(entries):
        if e.status != "unaudited":
            continue
        print(f"{i + 1:>4}  {e.path}  {e.entity_type}  {e.preview}")
        if e.key in context:
            print(f"      {context[e.key]}")
        try:
            answer = input(prompt).strip().lower()[:1]
        except EOFError:
            break
        if answer == "q":
            break
        if answer in ANSWERS:
            out[i] = replace(e, status=ANSWERS[answer])
    return out


LIST_FIELDS = ("number", "status", "path", "entity_type", "preview", "fingerprint")


def _print_list(entries: list[BaselineEntry], args: argparse.Namespace, lang: Lang) -> None:
    """The audited entries as text lines (numbered for --mark), JSONL or CSV (with a BOM),
    to stdout or `--output`; the counts after the text list, else on stderr."""
    import csv
    import json

    from reports.output import report_stream
    from scanner.hook.baseline import STATUSES

    rows = [dict(zip(LIST_FIELDS, (i, e.status, e.path, e.entity_type, e.preview,
                                   e.fingerprint), strict=True))
            for i, e in enumerate(entries, start=1)]
    with report_stream(args.output, "utf-8-sig" if args.format == "csv" else "utf-8") as out:
        if args.format == "jsonl":
            out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        elif args.format == "csv":
            writer = csv.DictWriter(out, fieldnames=LIST_FIELDS)
            writer.writeheader()
            writer.writerows(rows)
        else:
            out.writelines(f"{r['number']:>4}  {r['status']:<14}  {r['path']}  "
                           f"{r['entity_type']}  {r['preview']}  {r['fingerprint'][:12]}\n"
                           for r in rows)
    counts = {s: sum(e.status == s for e in entries) for s in STATUSES}
    text_out = args.format == "text" and args.output in (None, "-")
    print(lang.t("baseline.counts",
                 entries_count=len(entries), unaudited=counts["unaudited"], real=counts["real"],
                 false_positive=counts["false-positive"]),
          file=sys.stdout if text_out else sys.stderr)
