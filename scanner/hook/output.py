"""How the hook reports: one line per finding, then what to do about it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from reports.lines import finding_line
from reports.model import ReportRow
from scanner.i18n import Lang


def write_text(rows: Sequence[ReportRow], out: TextIO, lang: Lang, advice: bool = True) -> None:
    for row in rows:
        out.write(finding_line(row) + "\n")
    if rows and advice:
        out.write(advice_text(len(rows), lang) + "\n")


def warn_not_checked(too_big: Sequence[str], err: TextIO, lang: Lang) -> None:
    from scanner.display import shown

    for path in too_big:
        err.write(lang(f"mamoru: 大きすぎるため検査していません: {shown(path)}",
                       f"mamoru: not checked, too big: {shown(path)}") + "\n")


def advice_text(count: int, lang: Lang) -> str:
    """The closing line: how to fix, or how to allow a false positive."""
    return lang(
        f"mamoru: 個人情報が {count} 件ステージされています。値を削除してください。"
        "誤検知ならその行に `mamoru:allow 種別`（前の行なら `mamoru:allow-next-line`）を書くか、"
        "`mamoru baseline update` で既知として記録するか、"
        "[tool.mamoru] の allowed_values に加えてください。",
        f"mamoru: {count} finding(s) of personal data staged. Remove the values; "
        "for a false positive add `mamoru:allow TYPE` on the line (or "
        "`mamoru:allow-next-line` on the line before), record it with "
        "`mamoru baseline update`, or list it under allowed_values in [tool.mamoru].",
    )
