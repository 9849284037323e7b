"""Write report rows in one of the formats: table, text, jsonl, csv, sarif.

`table` is for people: a table sized to the terminal, or plain `path:line:col  TYPE
preview` lines when the output is not a terminal (a file, a pipe, a CI log); `text` is
always the lines. Both show a summary instead of every finding past `SUMMARY_AT`
findings unless `verbose`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import replace
from typing import TextIO

from reports.csv_rows import write_csv
from reports.jsonl import jsonl_lines
from reports.lines import REDACTED, SUMMARY_AT, write_lines, write_summary
from reports.model import ReportRow
from reports.sarif import sarif_log
from reports.table import render_table
from scanner.i18n import Lang

FORMATS = ("table", "text", "jsonl", "csv", "sarif")


def redacted(rows: Sequence[ReportRow]) -> list[ReportRow]:
    """The rows with no preview at all (`--redact`: for logs others read)."""
    return [replace(r, preview=REDACTED) for r in rows]


def write_rows(rows: Sequence[ReportRow], fmt: str, out: TextIO, lang: Lang,
               width: int | None = None, *, terminal: bool | None = None,
               verbose: bool = True, color: bool | None = None, run: dict | None = None) -> None:
    """Render `rows` as `fmt` on `out`. `terminal` (default: `out.isatty()`) picks the
    table over plain lines; `color` defaults to no NO_COLOR in the environment; `run` is
    SARIF's invocation (`executionSuccessful`, ...)."""
    if fmt == "jsonl":
        out.writelines(jsonl_lines(rows))
    elif fmt == "csv":
        write_csv(rows, out)
    elif fmt == "sarif":
        json.dump(sarif_log(rows, invocation=run), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt in ("table", "text"):
        if terminal is None:
            terminal = bool(getattr(out, "isatty", lambda: False)())
        if not verbose and len(rows) > SUMMARY_AT:
            write_summary(rows, out, lang)
        elif fmt == "table" and terminal:
            from rich.console import Console

            if color is None:
                color = not os.environ.get("NO_COLOR")

            render_table(rows, lang, Console(file=out, width=width, highlight=False,
                                             force_terminal=True,
                                             color_system="auto" if color else None))
        else:
            write_lines(rows, out, lang)
    else:
        raise ValueError(f"unknown format: {fmt}")
