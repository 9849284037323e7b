"""CSV/TSV: same encoding, delimiter, quoting and line endings; only changed cells differ.

Cells are analyzed column by column in chunks, with the header as context, so evidence
adds up over a column (many passing check digits) while memory stays bounded per chunk.
"""

from __future__ import annotations

from pathlib import Path

from scanner.masking.csvcells import Cell, iter_rows, render_cell, sniff_delimiter
from scanner.masking.forms import mask_form
from scanner.masking.kanon import KReport, k_report, rare_values
from scanner.masking.masker import Masker
from scanner.masking.tables import (
    DROP,
    SAMPLE_ROWS,
    TableMasker,
    classify_columns,
    plan_columns,
)
from scanner.masking.textcodec import decode_bytes, splice_bytes
from scanner.sources.forms import is_label

CHUNK_ROWS = 5000


def _parse(path: Path) -> tuple[bytes, str, str, str, list[list[Cell]]]:
    data = path.read_bytes()
    text, encoding = decode_bytes(data)
    delimiter = sniff_delimiter(text)
    return data, text, encoding, delimiter, list(iter_rows(text, delimiter))


def _values(row: list[Cell], width: int) -> list[str | None]:
    return [row[i].value if i < len(row) else None for i in range(width)]


def mask_file(src: Path, dst: Path, masker: Masker) -> None:
    data, text, encoding, delimiter, rows = _parse(src)
    if not rows:
        dst.write_bytes(data)
        return
    form = _form(rows)
    if form is not None:
        grid = [[c.value for c in row] for row in rows]
        reps = []
        for (r, c), new in mask_form(masker, grid, form).items():
            cell = rows[r][c]
            reps.append((cell.start, cell.end, render_cell(new, cell.quoted, delimiter)))
        reps.sort(key=lambda r: (r[0], r[1]))
        dst.write_bytes(splice_bytes(data, text, encoding, reps))
        return
    headers = [c.value for c in rows[0]]
    width = len(headers)
    body = rows[1:]
    plans = plan_columns(masker, headers, classified=_classify(masker, headers, body, width))
    tm = TableMasker(masker, plans, _rare(masker, headers, body, width))
    kept = [i for i, p in enumerate(plans) if p.action != DROP]
    reps: list[tuple[int, int, str]] = _drops(rows[0], plans)
    # A file without a header row has data in its first row: scan it too. A first row
    # with a label over rows of data is a header: its other cells (社員番号, 部署) name
    # columns, so the labels beside them are no context for them.
    labels = tuple(h for h in headers if is_label(h))
    first = [c for c in rows[0] if c.value not in labels]  # labels are never values
    context = () if body else labels
    for cell, new in zip(first, masker.mask_texts([c.value for c in first], context),
                         strict=True):
        if new != cell.value and plans[cell.col].action != DROP:
            reps.append((cell.start, cell.end, render_cell(new, cell.quoted, delimiter)))
    # A row with more or fewer cells than the header no longer sits under it: its cells
    # are masked by content, one by one.
    ragged = [c for r in body if len(r) != width and any(x.value.strip() for x in r)
              for c in r if c.value.strip()]
    for cell, new in zip(ragged, masker.mask_texts([c.value for c in ragged]), strict=True):
        if new != cell.value:
            reps.append((cell.start, cell.end, render_cell(new, cell.quoted, delimiter)))
    body = [r for r in body if len(r) == width]
    for lo in range(0, len(body), CHUNK_ROWS):
        chunk = body[lo : lo + CHUNK_ROWS]
        masked = tm.mask_rows([_values(r, width) for r in chunk])
        for row, new_row in zip(chunk, masked, strict=True):
            reps.extend(_drops(row, plans))
            for i, new in zip(kept, new_row, strict=True):
                if i < len(row) and new != row[i].value:
                    cell = row[i]
                    new_text = render_cell(str(new), cell.quoted, delimiter)
                    reps.append((cell.start, cell.end, new_text))
    reps.sort(key=lambda r: (r[0], r[1]))
    dst.write_bytes(splice_bytes(data, text, encoding, reps))


def _form(rows: list[list[Cell]]):
    """The form layout of a short CSV of labels beside values (`項目,値` / `氏名,…`)."""
    from scanner.sources.forms import FORM_ROWS, form_layout

    if len(rows) > FORM_ROWS:
        return None
    return form_layout([[c.value for c in row] for row in rows])


def _classify(masker: Masker, headers: list[str], body: list[list[Cell]], width: int) -> dict:
    """Columns whose sampled cells are, whole, one type: masked cell by cell, unscanned."""
    sample = [_values(r, width) for r in body[:SAMPLE_ROWS]]
    columns = {h: [r[i] for r in sample] for i, h in enumerate(headers) if h}
    return classify_columns(masker, columns)


def _rare(masker: Masker, headers: list[str], body: list[list[Cell]], width: int) -> dict:
    policy = masker.policy
    if not (policy.generalize_rare and policy.quasi):
        return {}
    return {
        i: rare_values((_values(r, width)[i] for r in body), policy.k)
        for i, h in enumerate(headers) if h in policy.quasi
    }


def _drops(row: list[Cell], plans) -> list[tuple[int, int, str]]:
    """Spans removing dropped columns' cells with one adjacent delimiter each."""
    out = []
    for i, plan in enumerate(plans):
        if plan.action != DROP or i >= len(row):
            continue
        if i > 0:
            out.append((row[i - 1].end, row[i].end, ""))
        elif len(row) > 1:
            out.append((row[0].start, row[1].start, ""))
        else:
            out.append((row[0].start, row[0].end, ""))
    return out



def quasi_report(path: Path, name: str, quasi: tuple[str, ...], k: int) -> KReport | None:
    """The k-anonymity of the output on the quasi-identifier columns."""
    _, _, _, _, rows = _parse(path)
    if not rows:
        return None
    headers = [c.value for c in rows[0]]
    missing = [q for q in quasi if q not in headers]
    if missing:
        raise ValueError(f"quasi-identifier columns not in {name}: {', '.join(missing)}")
    idx = [headers.index(q) for q in quasi]
    width = len(headers)
    return k_report(name, quasi, (tuple(_values(r, width)[i] for i in idx) for r in rows[1:]), k)
