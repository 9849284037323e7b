"""How the hook reports: one line per finding, then what to do about it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from reports.lines import finding_line
from reports.model import ReportRow
from scanner.hook.deadline import Overrun
from scanner.i18n import Lang


def write_text(rows: Sequence[ReportRow], out: TextIO, lang: Lang, advice: bool = True) -> None:
    for row in rows:
        out.write(finding_line(row, lang) + "\n")
    if rows and advice:
        out.write(advice_text(len(rows), lang) + "\n")


def warn_not_checked(too_big: Sequence[str], err: TextIO, lang: Lang) -> None:
    from scanner.display import shown

    for path in too_big:
        err.write(f"mamoru: {lang.t('hook.too_big', path=shown(path))}\n")


def warn_unfinished(errors: Sequence[tuple[str, Overrun]], err: TextIO, lang: Lang) -> None:
    """Files whose check did not finish: named, with the reason."""
    from scanner.display import shown

    for path, why in errors:
        err.write(f"mamoru: {lang.t(why.key, path=shown(path), **why.fields)}\n")


def advice_text(count: int, lang: Lang) -> str:
    """The closing line: how to fix, or how to allow a false positive."""
    return f"mamoru: {lang.t('hook.advice', count=count)}"
