"""The `mamoru` command: a thin dispatcher over `scanner.commands.*` modules.

Each command module keeps its top-level imports light (argparse and the standard
library) and exposes `HELP`, `add_arguments(parser)` and `run(args, lang) -> int`.
Exit codes everywhere: 0 clean, 1 findings (or a failed leak check), 2 bad input/usage,
an incomplete run or any unexpected error (never a traceback: see `scanner.crashlog`).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from scanner.i18n import LANGS, Lang, default_lang

# command name -> module under scanner.commands
COMMANDS = {
    "analyze": "analyze",
    "scan": "scan",
    "inventory": "inventory",
    "scan-db": "scan_db",
    "mask": "mask",
    "mask-db": "mask_db",
    "hook": "hook",
    "baseline": "baseline",
    "policy": "policy",
    "ledger": "ledger",
    "report": "report",
}

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 already; keep the message short
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"mamoru: {message}\n")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; with `only`, just that command's module is imported (fast start-up)."""
    parser = _Parser(prog="mamoru", description="Japanese personal data scanner / 個人情報スキャナ")
    parser.add_argument("--lang", choices=LANGS, default=None, help="message language (ja|en)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, module_name in COMMANDS.items():
        if only is not None and name != only:
            continue
        module = _load(module_name)
        if module is None:
            continue
        p = sub.add_parser(name, help=getattr(module, "HELP", ""))
        p.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS)
        module.add_arguments(p)
        p.set_defaults(_module=module)
    return parser


def _load(module_name: str):
    try:
        return importlib.import_module(f"scanner.commands.{module_name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"scanner.commands.{module_name}":
            return None  # not built yet
        raise


def _command_in(argv: Sequence[str]) -> str | None:
    """The command named in argv, skipping the global `--lang X`."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_command_in(argv))
    args = parser.parse_args(argv)
    lang = Lang(args.lang or default_lang())
    module = getattr(args, "_module", None)
    if module is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(module.run(args, lang))
    except KeyboardInterrupt:
        print(lang("中断しました", "interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_CLEAN
    except Exception as exc:  # last resort: a message and exit 2, the trace to a log file
        from scanner.crashlog import write_crash_log

        log = write_crash_log(exc)
        where = lang(f"詳細: {log}", f"details: {log}") if log else ""
        print(lang(f"mamoru: 予期しないエラー ({type(exc).__name__})。{where}",
                   f"mamoru: unexpected error ({type(exc).__name__}). {where}"),
              file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
