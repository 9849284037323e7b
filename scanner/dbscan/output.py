"""Column verdicts as JSONL, CSV or an aligned table: masked previews, never values.
Names in the table are escaped (`shown`): a table name can hold terminal escapes."""

from __future__ import annotations

import csv
import json
import unicodedata
from typing import IO

from scanner.dbscan.classify import Verdict
from scanner.dbscan.scan import TableOutcome
from scanner.display import shown

FIELDS = (
    "schema", "table", "kind", "column", "data_type", "entity_type", "share", "score",
    "confidence", "basis", "rows", "rows_exact", "sampled_rows", "examined", "matched",
    "findings", "free_text", "previews", "fingerprints", "method", "carried_over",
)
TABLE_COLUMNS = ("table", "column", "entity_type", "share", "score", "rows", "previews")


def verdict_row(outcome: TableOutcome, v: Verdict) -> dict:
    """One output record: a type found in a column (`fingerprints` is a count)."""
    return {
        "schema": outcome.schema, "table": outcome.table, "kind": outcome.kind,
        "column": v.column, "data_type": v.data_type, "entity_type": v.entity_type,
        "share": v.share, "score": v.score, "confidence": v.confidence, "basis": v.basis,
        "rows": outcome.rows, "rows_exact": outcome.rows_exact,
        "sampled_rows": outcome.sampled_rows, "examined": v.examined, "matched": v.matched,
        "findings": v.findings, "free_text": v.free_text, "previews": list(v.previews),
        "fingerprints": len(v.fingerprints), "method": outcome.method,
        "carried_over": outcome.carried_over,
    }


class Writer:
    """Writes records as they come (JSONL, CSV) or all at the end (table)."""

    def __init__(self, fmt: str, out: IO[str]) -> None:
        self.fmt = fmt
        self.out = out
        self.pending: list[dict] = []
        self.csv = None
        if fmt == "csv":
            self.csv = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
            self.csv.writeheader()

    def write(self, record: dict) -> None:
        if self.fmt == "jsonl":
            self.out.write(json.dumps(record, ensure_ascii=False) + "\n")
        elif self.csv is not None:
            self.csv.writerow({**record, "previews": " | ".join(record["previews"])})
        else:
            self.pending.append(record)
        self.out.flush()

    def close(self) -> None:
        if self.fmt != "table" or not self.pending:
            return
        rows = [TABLE_COLUMNS] + [_table_cells(r) for r in self.pending]
        widths = [max(_width(row[i]) for row in rows) for i in range(len(TABLE_COLUMNS))]
        for row in rows:
            cells = [c + " " * (w - _width(c)) for c, w in zip(row, widths, strict=True)]
            self.out.write("  ".join(cells).rstrip() + "\n")


def _table_cells(r: dict) -> tuple[str, ...]:
    rows = "?" if r["rows"] is None else f"{r['rows']}{'' if r['rows_exact'] else '~'}"
    view = " (view)" if r["kind"] != "table" else ""
    return (f"{shown(r['schema'])}.{shown(r['table'])}{view}", shown(r["column"]),
            r["entity_type"],
            f"{r['share']:.0%}", f"{r['score']:.2f}", rows, ", ".join(r["previews"]))


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
