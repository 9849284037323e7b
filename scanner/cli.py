"""The `mamoru` command: a thin dispatcher over `scanner.commands.*` modules.

Each command module keeps its top-level imports light (argparse and the standard
library) and exposes `HELP`, `add_arguments(parser)` and `run(args, lang) -> int`.
Help texts and argparse's own messages come in the user's language (`scanner.cliargs`).
Exit codes everywhere: 0 clean, 1 findings (or a failed leak check), 2 bad input/usage,
an incomplete run or any unexpected error (never a traceback: see `scanner.crashlog`);
kept when stdout is a pipe closed early (`mamoru scan . | head -1`).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from scanner.cliargs import entity_names, lang_type, localize, speak, suggest
from scanner.console import stdout_guard
from scanner.i18n import LANGS, Lang, bad_env_lang, default_lang, normalize_lang

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
    """Errors in the user's language, with "did you mean" for options and choices."""

    lang: Lang = Lang()
    command: str | None = None

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("allow_abbrev", False)  # `--min-scor` is a typo, not an option
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # argparse exits 2 already; keep it short
        self.print_usage(sys.stderr)
        hint = f"\nmamoru: {self.lang.t('cli.see_help', command=self.command)}" \
            if self.command else ""
        self.exit(EXIT_USAGE, f"mamoru: {message}{hint}\n")

    def _check_value(self, action: argparse.Action, value) -> None:
        if action.choices is None or value in action.choices:
            return
        names = list(map(str, action.choices))
        text = self.lang.t("cli.invalid_choice",
                           value=value, names=self.lang.t("list.separator").join(names))
        raise argparse.ArgumentError(action, text + suggest(str(value), map(str, action.choices),
                                                            self.lang))

    def parse_args(self, args=None, namespace=None):  # type: ignore[override]
        ns, extras = self.parse_known_args(args, namespace)
        if extras:
            known = list(self._option_string_actions)
            sub = self.subparsers.get(getattr(ns, "command", None) or "")
            if sub is not None:
                self.command = sub.command
                known += list(sub._option_string_actions)
            hints = "".join(suggest(e.split("=")[0], known, self.lang)
                            for e in extras if e.startswith("-"))
            (sub or self).error(argparse._("unrecognized arguments: %s") % " ".join(extras)
                                + hints)
        return ns

    subparsers: dict[str, _Parser] = {}  # noqa: RUF012 (set per instance in build_parser)


def build_parser(only: str | None = None, lang: Lang | None = None) -> _Parser:
    """The parser; with `only`, just that command's module is imported (fast start-up)."""
    from scanner.help_texts import HELP_TEXTS

    lang = lang or Lang(default_lang())
    speak(lang)
    parser = _Parser(prog="mamoru", description=lang.t("cli.description"),
                     epilog=lang.t("cli.epilog"))
    parser.lang, parser.subparsers = lang, {}
    parser.add_argument("--lang", type=lang_type, choices=LANGS, default=None,
                        help=lang(*HELP_TEXTS["mamoru.lang"]))
    parser.add_argument("--version", action="store_true", help=lang(*HELP_TEXTS["mamoru.version"]))
    parser.add_argument("--list-entities", action="store_true",
                        help=lang(*HELP_TEXTS["mamoru.list_entities"]))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser,
                                title=lang.t("cli.commands_title"))
    for name, module_name in COMMANDS.items():
        if only is not None and name != only:
            continue
        module = _load(module_name)
        if module is None:
            continue
        summary = lang(*HELP_TEXTS[name]) if name in HELP_TEXTS else getattr(module, "HELP", "")
        p = sub.add_parser(name, help=summary, description=summary)
        p.lang, p.command, p.subparsers = lang, name, {}
        p.add_argument("--lang", type=lang_type, choices=LANGS, default=argparse.SUPPRESS,
                       help=lang(*HELP_TEXTS["mamoru.lang"]))
        module.add_arguments(p)
        p.add_argument("--no-color", action="store_true", default=argparse.SUPPRESS)
        localize(p, name, lang)
        p.set_defaults(_module=module)
        parser.subparsers[name] = p
    return parser


def _load(module_name: str):
    try:
        return importlib.import_module(f"scanner.commands.{module_name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"scanner.commands.{module_name}":
            return None  # not built yet
        raise


def _words(argv: Sequence[str]) -> tuple[str | None, list[str]]:
    """(the last valid `--lang` value anywhere before `--`, the positional words up to
    the first option after them)."""
    chosen, words, skip, more_words = None, [], False, True
    for i, arg in enumerate(argv):
        if skip:
            skip = False
        elif arg == "--":
            break
        elif arg == "--lang" or arg.startswith("--lang="):
            skip = arg == "--lang"
            value = argv[i + 1] if skip and i + 1 < len(argv) else arg.partition("=")[2]
            chosen = normalize_lang(value) or chosen
        elif arg.startswith("-"):
            more_words = more_words and not words
        elif more_words:
            words.append(arg)
    return chosen, words


def _lang_for(argv: Sequence[str]) -> Lang:
    chosen, _ = _words(argv)
    return Lang(chosen or default_lang())


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        return _main(argv)
    except SystemExit as exc:  # argparse: usage errors (2) and --help (0)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    finally:
        speak(Lang("en"))


def _main(argv: list[str]) -> int:
    lang = _lang_for(argv)
    if bad_env_lang():
        print(f"mamoru: {lang.t('cli.bad_env_lang', value=bad_env_lang())}", file=sys.stderr)
    _, words = _words(argv)
    first = words[0] if words else None
    if first == "help":
        return _help(words[1:], lang)
    if first is not None and first not in COMMANDS:
        return _unknown_command(first, lang)
    parser = build_parser(first, lang)
    args = parser.parse_args(argv)
    if args.version:
        return _version()
    if args.list_entities:
        return _list_entities()
    module = getattr(args, "_module", None)
    if module is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    lang = Lang(getattr(args, "lang", None) or lang.code)
    if getattr(args, "no_color", False):
        os.environ["NO_COLOR"] = "1"  # rich and every table honour it
    problem = _check_entities(args, lang) or _database_urls(args, lang)
    if problem:
        print(f"mamoru: {problem}", file=sys.stderr)
        return EXIT_USAGE
    with stdout_guard():
        return _run(module, args, lang)


def _run(module, args: argparse.Namespace, lang: Lang) -> int:
    try:
        return int(module.run(args, lang))
    except KeyboardInterrupt:
        print(lang.t("cli.interrupted"), file=sys.stderr)
        return 130
    except Exception as exc:  # last resort: a message and exit 2, the trace to a log file
        from scanner.crashlog import write_crash_log

        log = write_crash_log(exc)
        where = lang.t("cli.details", log=log) if log else ""
        print(lang.t("cli.unexpected_error", name=type(exc).__name__, where=where),
              file=sys.stderr)
        return EXIT_USAGE


def _check_entities(args: argparse.Namespace, lang: Lang) -> str | None:
    """`--entities` case-insensitive: canonical names, or the error listing valid names.

    Names from `analyze --recognizers` YAML files are checked by `analyze` itself."""
    if not getattr(args, "entities", None) or getattr(args, "recognizers", None):
        return None
    from recognizers.registry import ENTITY_TYPES

    try:
        args.entities = ",".join(entity_names(args.entities, ENTITY_TYPES, lang))
    except ValueError as exc:
        return str(exc)
    return None


# options naming a database: (dest, a plain path is an SQLite file to read)
_URL_OPTIONS = (("url", True), ("source", True), ("to", False), ("inventory", False),
                ("db", False))


def _database_urls(args: argparse.Namespace, lang: Lang) -> str | None:
    """`postgres://`, `mysql://`, `mariadb://` and SQLite paths as SQLAlchemy URLs; the
    error when one cannot be used. (`--to DIR` and `--inventory PATH` stay paths.)"""
    from scanner.dburl import BadUrl, database_url

    try:
        for dest, path_ok in _URL_OPTIONS:
            value = getattr(args, dest, None)
            if isinstance(value, list):
                setattr(args, dest, [database_url(v, lang) for v in value])
            elif isinstance(value, str) and (path_ok or "://" in value):
                setattr(args, dest, database_url(value, lang, path_ok=path_ok))
    except BadUrl as exc:
        return str(exc)
    return None


def _help(words: list[str], lang: Lang) -> int:
    if not words:
        build_parser(None, lang).print_help()
        return EXIT_CLEAN
    if words[0] not in COMMANDS:
        return _unknown_command(words[0], lang)
    build_parser(words[0], lang).subparsers[words[0]].print_help()
    return EXIT_CLEAN


def _unknown_command(name: str, lang: Lang) -> int:
    print(f"mamoru: {lang.t('cli.unknown_command', name=name)}{suggest(name, COMMANDS, lang)}",
          file=sys.stderr)
    print(f"mamoru: {lang.t('cli.commands_are', names=', '.join(COMMANDS))}", file=sys.stderr)
    return EXIT_USAGE


def _version() -> int:
    import platform
    from importlib.metadata import PackageNotFoundError, version

    try:
        number = version("mamoru")
    except PackageNotFoundError:  # a source tree that was never installed
        number = "0+unknown"
    print(f"mamoru {number} (Python {platform.python_version()})")
    return EXIT_CLEAN


def _list_entities() -> int:
    from recognizers.registry import ENTITY_TYPES

    width = max(map(len, ENTITY_TYPES))
    for name, (ja, en) in ENTITY_TYPES.items():
        print(f"{name:<{width}}  {ja}  ({en})")
    return EXIT_CLEAN


if __name__ == "__main__":
    sys.exit(main())
