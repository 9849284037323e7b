"""argparse in the user's language: its own messages, option help, checked values.

argparse words its usage, headings and errors through `gettext`; `speak(lang)` points
those at this table for the run. Option help comes from `scanner.help_texts`, keyed
`command.dest`, so command modules keep plain `add_argument` calls.
"""

from __future__ import annotations

import argparse
import difflib
import math
from collections.abc import Iterable

from scanner.i18n import Lang

# argparse's own texts (Python 3.11-3.13) -> Japanese
ARGPARSE_JA: dict[str, str] = {
    "usage: ": "使い方: ",
    "%(heading)s:": "%(heading)s:",
    "positional arguments": "引数",
    "options": "オプション",
    "subcommands": "コマンド",
    "show this help message and exit": "この説明を表示して終了",
    "show program's version number and exit": "バージョンを表示して終了",
    " (default: %(default)s)": "（既定 %(default)s）",
    "argument %(argument_name)s: %(message)s": "引数 %(argument_name)s: %(message)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "不明なコマンド %(parser_name)r（%(choices)s のいずれか）",
    "argument \"-\" with mode %r": "引数 \"-\" はモード %r で使えません",
    "can't open '%(filename)s': %(error)s": "'%(filename)s' を開けません: %(error)s",
    "unrecognized arguments: %s": "不明な引数です: %s",
    "not allowed with argument %s": "引数 %s と一緒には使えません",
    "ignored explicit argument %r": "値 %r は取りません",
    "the following arguments are required: %s": "次の引数が必要です: %s",
    "one of the arguments %s is required": "引数 %s のいずれかが必要です",
    "expected one argument": "値を 1 つ指定してください",
    "expected at most one argument": "値は 1 つまでです",
    "expected at least one argument": "値を 1 つ以上指定してください",
    "expected %s argument": "値を %s 個指定してください",
    "expected %s arguments": "値を %s 個指定してください",
    "ambiguous option: %(option)s could match %(matches)s":
        "あいまいなオプション: %(option)s は %(matches)s のどれにも取れます",
    "unexpected option string: %s": "予期しないオプション: %s",
    "invalid %(type)s value: %(value)r": "不正な値です（%(type)s）: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "%(value)r は選べません（%(choices)s のいずれか）",
    "%(prog)s: error: %(message)s\n": "%(prog)s: エラー: %(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s: 警告: %(message)s\n",
    "option '%(option)s' is deprecated": "オプション '%(option)s' は廃止予定です",
    "argument '%(argument_name)s' is deprecated": "引数 '%(argument_name)s' は廃止予定です",
    "command '%(parser_name)s' is deprecated": "コマンド '%(parser_name)s' は廃止予定です",
}


def speak(lang: Lang) -> None:
    """Make argparse word its texts in `lang` (for this process; the CLI is one run)."""
    if lang.code == "ja":
        argparse._ = lambda text: ARGPARSE_JA.get(text, text)  # type: ignore[attr-defined]
        argparse.ngettext = lambda one, many, n: ARGPARSE_JA.get(  # type: ignore[attr-defined]
            one if n == 1 else many, one if n == 1 else many)
    else:
        import gettext

        argparse._ = gettext.gettext  # type: ignore[attr-defined]
        argparse.ngettext = gettext.ngettext  # type: ignore[attr-defined]


def suggest(word: str, candidates: Iterable[str], lang: Lang) -> str:
    """` (did you mean: x, y)` for close candidates, else an empty string."""
    candidates = list(candidates)
    close = difflib.get_close_matches(word, candidates, n=3, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in candidates}
        close = difflib.get_close_matches(word.lower(), list(lowered), n=3, cutoff=0.6)
        close = [lowered[c] for c in close]
    if not close and len(word) >= 3:  # `phone` for PHONE_NUMBER
        close = [c for c in candidates if word.lower().strip("-") in c.lower()][:3]
    if not close:
        return ""
    return lang.t("cli.aside", text=lang.t("cli.did_you_mean", names=", ".join(close)))


def score_type(lang: Lang):
    """An argparse type: a threshold from 0 to 1 (NaN and infinities refused)."""

    def score(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if math.isnan(value) or not 0.0 <= value <= 1.0:
            raise argparse.ArgumentTypeError(lang.t("cli.bad_score", value=text))
        return value

    score.__name__ = "score"
    return score


def lang_type(text: str) -> str:
    """--lang: `ja`/`en` or one of their spellings (`jp`, `ja_JP.UTF-8`)."""
    from scanner.i18n import normalize_lang

    return normalize_lang(text) or text


def entity_names(arg: str, allowed: Iterable[str], lang: Lang) -> tuple[str, ...]:
    """Comma-separated entity names, case-insensitive -> canonical names; ValueError lists
    the valid ones (with a suggestion) when a name is unknown."""
    canon = {name.lower(): name for name in allowed}
    names, unknown = [], []
    for part in (p.strip() for p in arg.split(",")):
        if not part:
            continue
        if part.lower() in canon:
            names.append(canon[part.lower()])
        else:
            unknown.append(part)
    if unknown:
        hint = "".join(suggest(u, canon.values(), lang) for u in unknown)
        raise ValueError(lang.t("cli.unknown_entities", names=", ".join(unknown) + hint,
                                valid=", ".join(canon.values())))
    return tuple(dict.fromkeys(names))


def count_type(lang: Lang, least: int = 1):
    """An argparse type: a whole number of at least `least`."""

    def count(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = least - 1
        if value < least:
            raise argparse.ArgumentTypeError(lang.t("cli.bad_count", value=text, least=least))
        return value

    count.__name__ = "count"
    return count


def seconds_type(lang: Lang):
    """An argparse type: a positive, finite number of seconds."""

    def seconds(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not (math.isfinite(value) and value > 0):
            raise argparse.ArgumentTypeError(lang.t("cli.bad_seconds", value=text))
        return value

    seconds.__name__ = "seconds"
    return seconds


def size_type(lang: Lang, parse):
    """An argparse type: a size such as 100M, worded in `lang` when it is not one."""

    def size(text: str) -> int:
        try:
            return parse(text)
        except (argparse.ArgumentTypeError, ValueError):
            raise argparse.ArgumentTypeError(lang.t("cli.bad_size", value=text)) from None

    size.__name__ = "size"
    return size


def localize(parser: argparse.ArgumentParser, command: str, lang: Lang) -> None:
    """Help texts of `command`'s options from the catalogue, and checked values for the
    options every command shares a meaning for (thresholds 0..1, counts, sizes, times)."""
    from scanner.help_texts import help_text

    for action in parser._actions:
        longest = max(action.option_strings, key=len, default=None)
        text = help_text(command, action.dest, longest)
        if text is not None and action.help is not argparse.SUPPRESS:
            action.help = lang(*text).replace("%", "%%")
        if action.dest == "min_score":
            action.type = score_type(lang)
        elif action.dest in ("jobs", "sample", "window"):
            action.type = count_type(lang)
        elif action.dest == "k":
            action.type = count_type(lang, 2)
        elif action.dest == "statement_timeout":
            action.type = seconds_type(lang)
        elif action.dest == "max_file_size" and action.type is not None:
            action.type = size_type(lang, action.type)
