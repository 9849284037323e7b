"""XLSX: the workbook loaded whole (styles, sheets, merged cells kept), cell values
replaced column by column with the first row as header context. Formulas are left alone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from scanner.masking.leakcheck import CheckUnit
from scanner.masking.masker import Masker
from scanner.masking.tables import DROP, TableMasker, plan_columns

CHUNK_ROWS = 5000


def _value(cell) -> object:
    return None if cell.data_type == "f" else cell.value


def mask_file(src: Path, dst: Path, masker: Masker) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(src)
    for ws in wb.worksheets:
        rows = list(ws.iter_rows())
        if not rows:
            continue
        headers = ["" if c.value is None else str(c.value) for c in rows[0]]
        plans = plan_columns(masker, headers, table=ws.title)
        tm = TableMasker(masker, plans)
        # A sheet without a header row has data in its first row: scan it too.
        for cell, text, new in zip(rows[0], headers, masker.mask_texts(headers), strict=True):
            if new != text and cell.data_type != "f":
                cell.value = new
        kept = [i for i, p in enumerate(plans) if p.action != DROP]
        for i, p in enumerate(plans):
            if p.action == DROP:
                for row in rows[1:]:
                    row[i].value = None
        body = rows[1:]
        for lo in range(0, len(body), CHUNK_ROWS):
            chunk = body[lo : lo + CHUNK_ROWS]
            masked = tm.mask_rows([[_value(c) for c in row] for row in chunk])
            for row, new_row in zip(chunk, masked, strict=True):
                for i, new in zip(kept, new_row, strict=True):
                    if new != _value(row[i]):
                        row[i].value = new
    wb.save(dst)


def check_units(path: Path, name: str) -> Iterator[CheckUnit]:
    from openpyxl import load_workbook

    from scanner.dbscan.names import header_context
    from scanner.masking.tables import as_text

    wb = load_workbook(path, read_only=True)
    try:
        for ws in wb.worksheets:
            rows = ws.iter_rows()
            first = next(rows, None)
            if first is None:
                continue
            headers = ["" if c.value is None else str(c.value) for c in first]
            yield CheckUnit(headers, [f"{name}: {ws.title}!1" for _ in headers])
            columns: dict[int, list[tuple[str, str]]] = {}
            for row in rows:
                for cell in row:
                    text = as_text(cell.value) if cell.data_type != "f" else None
                    if text:
                        where = f"{name}: {ws.title}!{cell.coordinate}"
                        columns.setdefault(cell.column - 1, []).append((where, text))
            for i, items in sorted(columns.items()):
                header = headers[i] if i < len(headers) else ""
                yield CheckUnit([t for _, t in items], [w for w, _ in items],
                                tuple(header_context(header)) if header else ())
    finally:
        wb.close()
