"""Write report rows in one of the formats: table, jsonl, csv, sarif."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TextIO

from reports.csv_rows import write_csv
from reports.jsonl import jsonl_lines
from reports.model import ReportRow
from reports.sarif import sarif_log
from reports.table import render_table
from scanner.i18n import Lang

FORMATS = ("table", "jsonl", "csv", "sarif")


def write_rows(rows: Sequence[ReportRow], fmt: str, out: TextIO, lang: Lang,
               width: int | None = None) -> None:
    """Render `rows` as `fmt` on `out` (a table is sized to `width` when given)."""
    if fmt == "jsonl":
        out.writelines(jsonl_lines(rows))
    elif fmt == "csv":
        write_csv(rows, out)
    elif fmt == "sarif":
        json.dump(sarif_log(rows), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "table":
        from rich.console import Console

        render_table(rows, lang, Console(file=out, width=width, highlight=False))
    else:
        raise ValueError(f"unknown format: {fmt}")
