"""`mamoru policy init|check`: write a commented starter `[policy]`, or check one.

Exit codes: 0 written / valid, 2 the file already has a policy, or the policy is wrong.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scanner.i18n import Lang

HELP = "write or check the personal-data policy / 個人情報の取扱ポリシーを作成・確認"
EXIT_OK, EXIT_USAGE = 0, 2


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=("init", "check"),
                   help="init: add a commented starter [policy] (Japanese; --lang en for "
                        "English); check: validate it")
    p.add_argument("--config", metavar="FILE", default=None,
                   help="configuration file (init: default ./.mamoru.toml; "
                        "check: default the nearest one upward)")


def run(args: argparse.Namespace, lang: Lang) -> int:
    from scanner.ledger.policy import PolicyError

    try:
        return _init(args, lang) if args.action == "init" else _check(args, lang)
    except PolicyError as exc:
        print(f"mamoru: {exc.text(lang)}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        from scanner.messages import os_error

        print(f"mamoru: {os_error(exc, lang, writing=True, path=args.config or exc.filename)}",
              file=sys.stderr)
        return EXIT_USAGE


def _init(args: argparse.Namespace, lang: Lang) -> int:
    import tomllib
    from pathlib import Path

    from reports.output import report_stream
    from scanner.config import CONFIG_FILE, PYPROJECT
    from scanner.ledger.policy import PolicyError, parse_policy
    from scanner.ledger.starter import STARTER_EN, STARTER_JA

    path = Path(args.config or CONFIG_FILE)
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    try:
        existing = tomllib.loads(old)
    except tomllib.TOMLDecodeError as exc:
        from scanner.messages import toml_position

        line, column = toml_position(exc)
        raise PolicyError("config.bad_toml", path=path, line=line, column=column) from None
    starter = STARTER_EN if _english(args) else STARTER_JA
    if path.name == PYPROJECT:
        existing = existing.get("tool", {}).get("mamoru", {})
        starter = starter.replace("[[policy.categories]]", "[[tool.mamoru.policy.categories]]")
    if "policy" in existing:
        raise PolicyError("policy.already_has_policy", path=path)
    text = old + ("\n" if old and not old.endswith("\n") else "") + ("\n" if old else "")
    text += starter
    table = tomllib.loads(text)
    if path.name == PYPROJECT:
        table = table["tool"]["mamoru"]
    parse_policy(table["policy"], str(path))  # the starter must stay valid
    with report_stream(str(path)) as out:
        out.write(text)
    print(lang.t("policy.wrote_starter", path=path, config_file=CONFIG_FILE),
          file=sys.stderr)
    return EXIT_OK


def _english(args: argparse.Namespace) -> bool:
    """The starter is Japanese unless English was asked for (--lang en, MAMORU_LANG=en):
    the policy is the company's Japanese text, whatever the server's locale."""
    import os

    from scanner.i18n import normalize_lang

    return (getattr(args, "lang", None) or normalize_lang(os.environ.get("MAMORU_LANG", ""))
            ) == "en"


def _check(args: argparse.Namespace, lang: Lang) -> int:
    from scanner.ledger.policy import load_policy

    policy = load_policy(args.config)
    for c in policy.categories:
        flags = [f for f, on in ((lang.t("policy.my_numbers_allowed"), c.my_number),
                                 (lang.t("policy.entrusted"), c.entrusted),
                                 (lang.t("policy.sensitive"), c.sensitive)) if on]
        print(f"{c.id}\t{c.name}\t{c.owner}\t{c.retention.text}\t{', '.join(c.locations)}"
              + (f"\t[{', '.join(flags)}]" if flags else ""))
    print(lang.t("policy.categories_valid",
                 source=policy.source, categories_count=len(policy.categories)), file=sys.stderr)
    return EXIT_OK
