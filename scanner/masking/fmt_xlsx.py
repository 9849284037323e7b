"""XLSX: the workbook loaded whole (styles, sheets, merged cells kept), cell values
replaced column by column with the first row as header context. Formulas are left alone."""

from __future__ import annotations

from pathlib import Path

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
