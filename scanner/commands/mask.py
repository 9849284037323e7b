"""`mamoru mask INPUT --out OUTPUT`: mask files and directory trees, keeping formats."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scanner.config import add_config_argument
from scanner.i18n import Lang

HELP = "mask personal data in files, keeping format and encoding / ファイルの個人情報をマスク"
PROFILES = ("dev-test", "pseudonymized", "anonymized")


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    """Options shared with `mask-db`."""
    parser.add_argument("--profile", choices=PROFILES, default=None,
                        help="dev-test (default) | pseudonymized (仮名加工情報) | "
                             "anonymized (匿名加工情報)")
    parser.add_argument("--policy", type=Path, help="policy file (TOML or YAML)")
    parser.add_argument("--min-score", type=float, default=None,
                        help="detection threshold (default 0.5, or the policy's)")
    parser.add_argument("--quasi", default=None,
                        help="quasi-identifier columns for the k-anonymity report: col1,col2")
    parser.add_argument("--k", type=int, default=None, help="k for k-anonymity (default 5)")
    parser.add_argument("--key-file", type=Path, default=None,
                        help="key file to use (default: MAMORU_KEY, else the key file of "
                             "MAMORU_KEY_FILE or ~/.config/mamoru/key, created if missing)")
    add_config_argument(parser)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", type=Path, help="file or directory to mask (never modified)")
    parser.add_argument("--out", type=Path, required=True, help="output file or directory")
    parser.add_argument("--force", action="store_true",
                        help="replace an existing output file or non-empty output directory")
    parser.add_argument("--allow-below-k", action="store_true",
                        help="anonymized: release the copy even with classes below k")
    parser.add_argument("--k-report", type=Path, default=None,
                        help="where to write the k-anonymity report (JSON; default: "
                             "OUT.k-anonymity.json beside the output)")
    add_common_arguments(parser)


def build_masker(args: argparse.Namespace, lang: Lang):
    """The masker for the arguments, or an error message (bad policy)."""
    from dataclasses import replace

    from scanner.config import ConfigError, command_config
    from scanner.masking.masker import Masker
    from scanner.masking.policy import PolicyError, load_policy
    from scanner.privacy import load_key

    try:
        config = command_config(args.config)
    except ConfigError as exc:
        return None, exc.text(lang)
    if args.policy is None and config.mask_policy:
        args.policy = Path(config.mask_policy)
    if args.min_score is None and config.min_score_set:
        args.min_score = config.min_score
    try:
        policy = load_policy(args.policy, args.profile)
    except PolicyError as exc:
        return None, lang.t("mask.bad_policy", exc=exc.text(lang))
    changes: dict = {}
    if args.min_score is not None:
        if not 0.0 <= args.min_score <= 1.0:  # NaN fails both comparisons
            return None, lang.t("mask.bad_min_score")
        changes["min_score"] = args.min_score
    threshold = changes.get("min_score", policy.min_score)
    if not 0.0 <= threshold <= 1.0:  # also false for NaN
        return None, lang.t("mask.bad_policy_min_score")
    if args.quasi:
        changes["quasi"] = tuple(q.strip() for q in args.quasi.split(",") if q.strip())
    if args.k is not None:
        if args.k < 2:
            return None, lang.t("mask.bad_k")
        changes["k"] = args.k
    if args.key_file is not None:  # an explicit key file wins, and is never created here
        try:
            key = args.key_file.read_bytes().strip()
        except OSError as exc:
            from scanner.messages import os_reason

            return None, lang.t("mask.cannot_read_key_file",
                                key_file=args.key_file, reason=os_reason(exc, lang))
        if not key:
            return None, lang.t("mask.key_file_empty", key_file=args.key_file)
    else:
        key = load_key()
    return Masker(replace(policy, **changes), key), None


def report_leaks(leaks, lang: Lang) -> None:
    print(lang.t("mask.leak_check_failed", leaks_count=len(leaks)),
          file=sys.stderr)
    for leak in leaks[:50]:
        print(f"  {leak.describe()}", file=sys.stderr)
    if len(leaks) > 50:
        print(f"  … (+{len(leaks) - 50})", file=sys.stderr)


def run(args: argparse.Namespace, lang: Lang) -> int:
    from scanner.masking.files import MaskInputError, mask_path

    masker, error = build_masker(args, lang)
    if masker is None:
        print(error, file=sys.stderr)
        return 2
    try:
        outcome = mask_path(args.input, args.out, masker, force=args.force,
                            allow_below_k=args.allow_below_k)
    except MaskInputError as exc:
        print(lang.t("mask.bad_input", exc=exc.text(lang)), file=sys.stderr)
        return 2
    except OSError as exc:  # inputs are checked above: the output cannot be written
        from scanner.messages import os_error

        print(f"mamoru: {os_error(exc, lang, writing=True)}", file=sys.stderr)
        return 2
    for name, reason in outcome.refused:
        print(lang.t("mask.cannot_be_masked", name=name, reason=reason.text(lang)),
              file=sys.stderr)
    for report in outcome.k_reports:
        print(report.describe(lang))
    if outcome.k_reports:
        path = args.k_report or args.out.with_name(args.out.name + ".k-anonymity.json")
        if not write_k_report(path, outcome.k_reports, lang):
            return 2
    if outcome.leaks:
        report_leaks(outcome.leaks, lang)
        return 1
    if not outcome.released:
        print(lang.t("mask.below_k", k=masker.policy.k), file=sys.stderr)
        return 1
    if outcome.masked:
        print(lang.t("mask.done", masked_count=len(outcome.masked), out=args.out,
                     profile=masker.policy.profile))
    else:  # a leak check of nothing passes nothing
        print(lang.t("mask.nothing_written", out=args.out), file=sys.stderr)
    if outcome.refused:
        print(lang.t("mask.refused_files", refused_count=len(outcome.refused)),
              file=sys.stderr)
        return 1
    return 0


def write_k_report(path: Path, reports, lang: Lang) -> bool:
    """The k-anonymity reports as JSON (counts only, no values), mode 0600."""
    import json
    import os
    from dataclasses import asdict

    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump([asdict(r) for r in reports], fh, ensure_ascii=False, indent=2)
            fh.write("\n")
    except OSError as exc:
        print(lang.t("mask.cannot_write_k_report", path=path, strerror=exc.strerror),
              file=sys.stderr)
        return False
    print(lang.t("mask.k_anonymity_report", path=path))
    return True
