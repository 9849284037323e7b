"""XLSX: the workbook loaded whole (styles, sheets, merged cells kept), and every place a
workbook holds text masked:

- a sheet laid out as a form (`scanner.sources.forms`): labels kept, each value read with
  its label; otherwise a table: title rows above the header analyzed cell by cell, the
  header row as column context, cells replaced column by column;
- string literals in formulas, data validation lists, defined names;
- cell comments (text by content, author as a name), sheet names (references in formulas
  follow), document properties (creator and last editor as names, others by content).
"""

from __future__ import annotations

import re
from pathlib import Path

from scanner.masking.masker import Masker
from scanner.masking.tables import DROP, TableMasker, plan_columns, typed_like

CHUNK_ROWS = 5000
_HEADER_ROWS = 10
_LITERAL = re.compile(r'"((?:[^"]|"")*)"')
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


def _value(cell) -> object:
    return None if cell.data_type == "f" else cell.value


def mask_file(src: Path, dst: Path, masker: Masker) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(src)
    for ws in wb.worksheets:
        _mask_sheet(ws, masker)
        _mask_comments(ws, masker)
        _mask_validations(ws, masker)
    _mask_sheet_names(wb, masker)
    _mask_formulas(wb, masker)
    _mask_properties(wb, masker)
    wb.save(dst)


def _mask_sheet(ws, masker: Masker) -> None:
    from scanner.masking.forms import mask_form
    from scanner.sources.forms import FORM_ROWS, form_layout
    from scanner.sources.spreadsheet import cell_text

    rows = list(ws.iter_rows())
    if not rows:
        return
    if len(rows) <= FORM_ROWS:
        grid = [["" if c.data_type == "f" else cell_text(c.value) for c in row] for row in rows]
        form = form_layout(grid)
        if form is not None:
            for (r, c), new in mask_form(masker, grid, form).items():
                rows[r][c].value = typed_like(rows[r][c].value, new)
            return
    top = next((i for i, row in enumerate(rows[:_HEADER_ROWS])
                if sum(1 for c in row if _value(c) not in (None, "")) >= 2), 0)
    for row in rows[:top]:  # title rows
        _mask_cells(row, masker)
    headers = ["" if c.value is None else str(c.value) for c in rows[top]]
    plans = plan_columns(masker, headers, table=ws.title)
    tm = TableMasker(masker, plans)
    # A sheet without a header row has data in its first row: scan it too; a header
    # row's labels are no context for the other headers beside them (社員番号, 部署).
    _mask_cells(rows[top], masker, header=top + 1 < len(rows))
    kept = [i for i, p in enumerate(plans) if p.action != DROP]
    body = rows[top + 1 :]
    for i, p in enumerate(plans):
        if p.action == DROP:
            for row in body:
                row[i].value = None
    for lo in range(0, len(body), CHUNK_ROWS):
        chunk = body[lo : lo + CHUNK_ROWS]
        masked = tm.mask_rows([[_value(c) for c in row] for row in chunk])
        for row, new_row in zip(chunk, masked, strict=True):
            for i, new in zip(kept, new_row, strict=True):
                if new != _value(row[i]):
                    row[i].value = new


def _mask_cells(row, masker: Masker, *, header: bool = False) -> None:
    """Cells one by one, with the labels of their row as context (`個人番号 | １２３４…`
    on a one-row sheet), or, in a header row over data, by their content alone; the
    labels are kept."""
    from scanner.sources.forms import is_label

    cells = [c for c in row if c.data_type != "f" and isinstance(c.value, str)]
    labels = tuple(c.value for c in cells if is_label(c.value))
    cells = [c for c in cells if c.value not in labels]  # labels are never values
    context = () if header else labels
    texts = [c.value for c in cells]
    for cell, new in zip(cells, masker.mask_texts(texts, context), strict=True):
        if new != cell.value:
            cell.value = new


def _mask_comments(ws, masker: Masker) -> None:
    from openpyxl.comments import Comment

    for row in ws.iter_rows():
        for cell in row:
            comment = cell.comment
            if comment is None:
                continue
            text = masker.mask_texts([comment.text or ""])[0]
            author = masker.mask_value("PERSON", comment.author or "", known=False)
            cell.comment = Comment(text, author, comment.height, comment.width)


def _mask_validations(ws, masker: Masker) -> None:
    for dv in ws.data_validations.dataValidation:
        for attr in ("formula1", "formula2", "prompt", "promptTitle", "error", "errorTitle"):
            value = getattr(dv, attr, None)
            if isinstance(value, str) and value:
                setattr(dv, attr, _mask_list_or_text(value, masker))


def _mask_list_or_text(value: str, masker: Masker) -> str:
    """A validation list `"a,b,c"` item by item; other texts by content."""
    if len(value) >= 2 and value[0] == value[-1] == '"':
        items = value[1:-1].split(",")
        return '"' + ",".join(masker.mask_texts(items)) + '"'
    return _mask_literals(value, masker)


def _mask_literals(formula: str, masker: Masker) -> str:
    """The string literals of a formula masked ("山田太郎" in =IF(A1="山田太郎",…))."""
    spans = [(m.start(1), m.end(1), m.group(1).replace('""', '"'))
             for m in _LITERAL.finditer(formula)]
    if not spans:
        return formula
    new = masker.mask_texts([t for _, _, t in spans])
    out, pos = [], 0
    for (start, end, old), text in zip(spans, new, strict=True):
        out.append(formula[pos:start])
        out.append(text.replace('"', '""') if text != old else formula[start:end])
        pos = end
    out.append(formula[pos:])
    return "".join(out)


def _mask_formulas(wb, masker: Masker) -> None:
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" and isinstance(cell.value, str):
                    cell.value = _mask_literals(cell.value, masker)
    names = list(wb.defined_names.values())
    for ws in wb.worksheets:
        names.extend(ws.defined_names.values())
    for dn in names:
        if dn.attr_text:
            dn.attr_text = _mask_literals(dn.attr_text, masker)


def _mask_sheet_names(wb, masker: Masker) -> None:
    """Sheet names with personal data renamed; formulas and names referring to them too."""
    renames = {}
    titles = [ws.title for ws in wb.worksheets]
    for ws, new in zip(wb.worksheets, masker.mask_texts(titles), strict=True):
        new = _BAD_TITLE.sub("_", new)[:31]
        if new != ws.title and new not in titles:
            renames[ws.title] = new
            ws.title = new
    if not renames:
        return
    refs = [dn for dn in wb.defined_names.values()]
    for ws in wb.worksheets:
        refs.extend(ws.defined_names.values())
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" and isinstance(cell.value, str):
                    cell.value = _renamed(cell.value, renames)
    for dn in refs:
        if dn.attr_text:
            dn.attr_text = _renamed(dn.attr_text, renames)


def _renamed(formula: str, renames: dict[str, str]) -> str:
    for old, new in renames.items():
        formula = formula.replace(f"'{old}'!", f"'{new}'!").replace(f"{old}!", f"'{new}'!")
    return formula


def _mask_properties(wb, masker: Masker) -> None:
    props = wb.properties
    for attr in ("creator", "lastModifiedBy"):
        value = getattr(props, attr, None)
        if value:
            setattr(props, attr, masker.mask_value("PERSON", value, known=False))
    attrs = [a for a in ("title", "subject", "description", "keywords", "category",
                         "identifier", "contentStatus") if getattr(props, a, None)]
    for attr, new in zip(attrs, masker.mask_texts([getattr(props, a) for a in attrs]),
                         strict=True):
        setattr(props, attr, new)
    custom = getattr(wb, "custom_doc_props", None)
    for prop in list(custom.props if custom is not None else []):
        if isinstance(getattr(prop, "value", None), str):
            prop.value = masker.mask_texts([prop.value])[0]
