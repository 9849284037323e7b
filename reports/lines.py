"""Findings as plain lines (`path:line:col  TYPE  preview`, as linters print) and the
summary printed instead of every finding on big scans (`-v` shows them all)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from rich.cells import cell_len

from recognizers.registry import ENTITY_TYPES, label
from reports.model import ReportRow
from scanner.explain import score_text, why_text
from scanner.i18n import Lang

REDACTED = "[REDACTED]"
SUMMARY_AT = 100  # more findings than this: a summary unless -v
TOP_FILES = 10

# location keys as a Japanese reader names them
_KEYS_JA = {"line": "行", "column": "列", "row": "行", "header": "ヘッダー", "sheet": "シート",
            "cell": "セル", "paragraph": "段落", "table": "表", "slide": "スライド",
            "shape": "図形", "part": "部分", "page": "ページ", "offset": "位置", "path": "パス"}


def location_text(loc: dict, lang: Lang) -> str:
    """`line=3, column=7` / `行=3、列=7` (the offset inside a cell only when it matters)."""
    items = [(k, v) for k, v in loc.items() if not (k == "offset" and v == 0)]
    if lang.code == "ja":
        return "、".join(f"{_KEYS_JA.get(k, k)}={v}" for k, v in items)
    return ", ".join(f"{k}={v}" for k, v in items)


def where(row: ReportRow) -> str:
    """`path:line:column` when known, else `path:key=value,...` (keys as stored)."""
    loc = row.location
    if "line" in loc and "column" in loc:
        return f"{row.path}:{loc['line']}:{loc['column']}"
    return f"{row.path}:" + ",".join(f"{k}={v}" for k, v in loc.items())


def finding_line(row: ReportRow, lang: Lang, *, why: bool = True) -> str:
    """`path:line:column  TYPE  masked-preview  (score; why)`, the words in `lang`."""
    detail = score_text(row.score, lang) + (
        ("；" if lang.code == "ja" else "; ") + why_text(row.why, lang) if why and row.why
        else "")
    return f"{where(row)}  {row.entity_type}  {row.preview}  ({detail})"


def write_lines(rows: Sequence[ReportRow], out: TextIO, lang: Lang) -> None:
    for row in rows:
        out.write(finding_line(row, lang, why=False) + "\n")


def write_summary(rows: Sequence[ReportRow], out: TextIO, lang: Lang) -> None:
    """Counts by type (risk order) and the files with most findings."""
    by_type = Counter(r.entity_type for r in rows)
    files_by_type = {t: len({r.path for r in rows if r.entity_type == t}) for t in by_type}
    by_file = Counter(r.path for r in rows)
    out.write(lang.t("reports.summary_head",
                     rows_count=len(rows), by_file_count=len(by_file)))
    width = max(cell_len(label(t, lang.code)) for t in by_type)
    order = [t for t in ENTITY_TYPES if t in by_type] + sorted(set(by_type) - set(ENTITY_TYPES))
    for t in order:
        name = label(t, lang.code)
        pad = width - cell_len(name)
        out.write(lang.t("reports.summary_type_row",
                         name=name, pad=" " * pad, count=by_type[t], files=files_by_type[t]))
    out.write(lang.t("reports.summary_top_files"))
    for path, n in by_file.most_common(TOP_FILES):
        out.write(f"  {n:>7}  {path}\n")
