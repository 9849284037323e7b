"""Column verdicts as JSONL, CSV, a table sized to the terminal (grouped by table, like
scan's) or, redirected, one plain line per column: masked previews, never values.
Names are escaped (`shown`): a table name can hold terminal escapes."""

from __future__ import annotations

import csv
import json
from typing import IO, TYPE_CHECKING

from scanner.dbscan.classify import Verdict
from scanner.dbscan.scan import TableOutcome
from scanner.display import shown

if TYPE_CHECKING:
    from scanner.i18n import Lang

FIELDS = (
    "schema", "table", "kind", "column", "data_type", "entity_type", "share", "score",
    "confidence", "basis", "rows", "rows_exact", "sampled_rows", "examined", "matched",
    "findings", "free_text", "previews", "fingerprints", "method", "carried_over",
)


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

    def __init__(self, fmt: str, out: IO[str], lang: Lang, width: int | None = None) -> None:
        self.fmt = fmt
        self.out = out
        self.lang = lang
        self.width = width
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
        if getattr(self.out, "isatty", lambda: False)():
            _table(self.pending, self.out, self.lang, self.width)
        else:
            self.out.writelines(_line(r, self.lang) + "\n" for r in self.pending)


def _where(r: dict, lang: Lang) -> str:
    view = f" ({lang.t('scan_db.view')})" if r["kind"] != "table" else ""
    return f"{shown(r['schema'])}.{shown(r['table'])}{view}"


def _rows(r: dict) -> str:
    return "?" if r["rows"] is None else f"{r['rows']}{'' if r['rows_exact'] else '~'}"


def _line(r: dict, lang: Lang) -> str:
    """`schema.table.column  TYPE  previews  (score ..; share ..; rows ..)`, as linters
    print: one self-contained line per column, for grep and logs; the words in the
    user's language, as `scan`'s lines."""
    sep = "；" if lang.code == "ja" else "; "
    facts = sep.join((f"{lang.t('reports.score')} {r['score']:.2f}",
                      f"{lang.t('scan_db.share')} {r['share']:.0%}",
                      f"{lang.t('scan_db.rows')} {_rows(r)}"))
    previews = ", ".join(r["previews"])
    return f"{_where(r, lang)}.{shown(r['column'])}  {r['entity_type']}  {previews}  ({facts})"


def _table(records: list[dict], out: IO[str], lang: Lang, width: int | None) -> None:
    """Grouped by table (its name on its own line), aligned columns in the user's language;
    previews that do not fit the terminal are left out whole, never cut."""
    import os
    from itertools import groupby

    from rich.cells import cell_len
    from rich.console import Console
    from rich.text import Text

    from recognizers.registry import label
    from reports.table import aligned

    color = not os.environ.get("NO_COLOR")
    console = Console(file=out, width=width, highlight=False, force_terminal=True,
                      color_system="auto" if color else None)
    head = [lang.t("scan_db.column"), lang.t("reports.type"), lang.t("scan_db.share"),
            lang.t("reports.score"), lang.t("scan_db.rows")]
    cells = [[shown(r["column"]), label(r["entity_type"], lang.code), f"{r['share']:.0%}",
              f"{r['score']:.2f}", _rows(r)] for r in records]
    lines = aligned([head, *cells], right=(2, 4))
    console.print(Text(lang.t("scan_db.columns_found", n=len(records)), style="bold"))
    console.print(Text(f"  {lines[0]}  {lang.t('reports.preview')}", style="dim"),
                  overflow="ellipsis", no_wrap=True)
    room = console.width - cell_len(lines[0]) - 4
    numbered = zip(records, lines[1:], strict=True)
    for where, group in groupby(numbered, key=lambda pair: _where(pair[0], lang)):
        console.print(Text(where, style="bold cyan"), overflow="fold")
        for r, line in group:
            console.print(Text(f"  {line}  {_fit(r['previews'], room)}".rstrip()),
                          overflow="fold")


def _fit(previews: list[str], room: int) -> str:
    """As many whole previews as fit in `room` cells (at least one), then `…`."""
    from rich.cells import cell_len

    kept: list[str] = []
    for i, p in enumerate(previews):
        more = ", …" if i < len(previews) - 1 else ""
        if kept and cell_len(", ".join([*kept, p]) + more) > room:
            return ", ".join(kept) + ", …"
        kept.append(p)
    return ", ".join(kept)
