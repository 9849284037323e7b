"""Findings as a rich table for people: bilingual headers, masked previews only."""

from __future__ import annotations

from collections.abc import Sequence

from recognizers.registry import label
from reports.model import ReportRow
from scanner.i18n import Lang
from scanner.sources.base import format_location


def render_table(rows: Sequence[ReportRow], lang: Lang, console) -> None:
    """Print the findings table on a `rich.console.Console`."""
    from rich.table import Table

    table = Table(title=lang(f"検出結果 {len(rows)} 件", f"{len(rows)} findings"))
    table.add_column(lang("ファイル", "file"), overflow="fold")
    table.add_column(lang("位置", "location"), overflow="fold")
    table.add_column(lang("種類", "type"), overflow="fold")
    table.add_column(lang("スコア", "score"), justify="right")
    table.add_column(lang("プレビュー", "preview"), overflow="fold")
    table.add_column(lang("指紋", "fingerprint"), no_wrap=True)
    for r in rows:
        table.add_row(r.path, format_location(r.location), label(r.entity_type, lang.code),
                      f"{r.score:.2f}", r.preview, r.fingerprint[:12])
    console.print(table)
