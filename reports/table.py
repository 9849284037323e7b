"""Findings for people on a terminal: grouped by file (the path on its own line, so it
never wraps), aligned columns sized to the content, headers in the user's language,
masked previews only; the keyed hash too when the terminal is wide enough."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from recognizers.registry import SPECIFIC_PERSONAL_INFORMATION, label
from reports.lines import location_text
from reports.model import ReportRow
from scanner.i18n import Lang

WIDE = 120  # from this width on, the keyed hash is shown as well


def _pad(text: str, width: int) -> str:
    from rich.cells import cell_len

    return text + " " * (width - cell_len(text))


def aligned(rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> list[str]:
    """Rows of cells as lines with columns two spaces apart, padded by display width
    (a kanji is two cells); the columns in `right` are right-aligned."""
    from rich.cells import cell_len

    widths = [max(cell_len(r[i]) for r in rows) for i in range(len(rows[0]))] if rows else []
    lines = []
    for r in rows:
        cells = [" " * (w - cell_len(c)) + c if i in right else _pad(c, w)
                 for i, (c, w) in enumerate(zip(r, widths, strict=True))]
        lines.append("  ".join(cells))
    return lines


def render_table(rows: Sequence[ReportRow], lang: Lang, console) -> None:
    """Print the findings on a `rich.console.Console` (its width and colours)."""
    from rich.cells import cell_len
    from rich.text import Text

    wide = console.width >= WIDE
    head = [lang.t("reports.location"), lang.t("reports.type"), lang.t("reports.score"),
            lang.t("reports.preview")]
    head += [lang.t("reports.keyed_hash")] if wide else []
    cells = [[location_text(r.location, lang), label(r.entity_type, lang.code),
              f"{r.score:.2f}", r.preview] + ([r.fingerprint[:12]] if wide else []) for r in rows]
    widths = [max(cell_len(c[i]) for c in [head, *cells]) for i in range(len(head))]
    console.print(Text(lang.t("reports.findings", rows_count=len(rows)), style="bold"))
    header = "  ".join(_pad(h, w) for h, w in zip(head, widths, strict=True))
    console.print(Text("  " + header.rstrip(), style="dim"), overflow="fold")
    for path, group in groupby(zip(rows, cells, strict=True), key=lambda pair: pair[0].path):
        console.print(Text(path, style="bold cyan"), overflow="fold")
        for row, c in group:
            line = Text("  ")
            for i, (cell, w) in enumerate(zip(c, widths, strict=True)):
                style = ("bold red" if row.entity_type in SPECIFIC_PERSONAL_INFORMATION
                         else "yellow") if i == 1 else ""
                line.append(_pad(cell, w) if i < len(c) - 1 else cell, style=style)
                if i < len(c) - 1:
                    line.append("  ")
            console.print(line, overflow="fold")
