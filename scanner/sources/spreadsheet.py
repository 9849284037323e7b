"""XLSX and legacy XLS: one unit per cell, named by sheet and cell reference, with the
column header."""

from __future__ import annotations

import datetime as dt
import io
import warnings
from collections.abc import Callable, Iterable, Iterator

from scanner.privacy import content_hidden
from scanner.sources.base import TextUnit
from scanner.sources.forms import FORM_ROWS, form_layout, form_pieces
from scanner.sources.model import SourceError
from scanner.sources.places import CellPlace, JoinedPlace
from scanner.sources.tabular import looks_like_header

# A title row ("顧客名簿") often sits above the header; look this far down for it.
_HEADER_SEARCH_ROWS = 10
_MAX_EXACT_FLOAT = 1e15
_SHEET_CELL = ("sheet", "cell")


def xlsx_units(data: bytes) -> list[TextUnit]:
    """Cell values of every worksheet (cached results for formulas)."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    units: list[TextUnit] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            sheet.reset_dimensions()  # some writers record wrong used ranges
            rows = _text_rows(sheet.iter_rows(min_row=1, min_col=1, values_only=True))
            units.extend(_sheet_units(sheet.title, rows, get_column_letter))
    finally:
        workbook.close()
    return units


def xls_units(data: bytes) -> list[TextUnit]:
    """Cell values of every worksheet of a legacy (BIFF) workbook, read by xlrd."""
    import xlrd
    from openpyxl.utils import get_column_letter

    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
    except xlrd.XLRDError as e:  # encrypted, or not a workbook after all
        raise SourceError(content_hidden(str(e))) from None
    units: list[TextUnit] = []
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            rows = ([_xls_text(cell, book.datemode) for cell in sheet.row(r)]
                    for r in range(sheet.nrows))
            units.extend(_sheet_units(sheet.name, rows, get_column_letter))
            book.unload_sheet(index)
    finally:
        book.release_resources()
    return units


def _xls_text(cell, datemode: int) -> str:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return cell_text(xlrd.xldate_as_datetime(cell.value, datemode))
        except (xlrd.xldate.XLDateError, OverflowError):
            return cell_text(cell.value)
    if cell.ctype in (xlrd.XL_CELL_TEXT, xlrd.XL_CELL_NUMBER):
        return cell_text(cell.value)
    return ""  # empty, blank, a boolean or an error code


def _text_rows(rows: Iterable[tuple[object, ...]]) -> Iterator[list[str]]:
    for row in rows:
        yield [cell_text(value) for value in row]


def cell_text(value: object) -> str:
    """The text a cell shows, near enough: whole floats without ".0", dates in ISO form."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < _MAX_EXACT_FLOAT:
        return str(int(value))
    if isinstance(value, dt.datetime):
        midnight = value.time() == dt.time()
        return value.date().isoformat() if midnight else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _sheet_units(
    title: str, rows: Iterator[list[str]], letter_of: Callable[[int], str]
) -> Iterator[TextUnit]:
    """Cells of one sheet; the first header-like row among the first rows names columns,
    unless the sheet is a form (labels beside their values: `scanner.sources.forms`)."""
    rows = list(rows)
    form = form_layout(rows) if len(rows) <= FORM_ROWS else None
    if form is not None:
        for piece in form_pieces(rows, form):
            places = [(title, f"{letter_of(c + 1)}{r + 1}") for r, c in piece.cells]
            yield TextUnit(text=piece.text,
                           locate=JoinedPlace(_SHEET_CELL, places, piece.starts),
                           context=(piece.label,) if piece.label else (),
                           group=f"{title}!{piece.label}" if piece.label else None)
        return
    header_at = _header_row(rows)
    headers = [v.strip() for v in rows[header_at]] if header_at is not None else []
    for row_number, row in enumerate(rows, start=1):
        if row_number - 1 == header_at:
            continue
        # a title above the header ("顧客名簿") is no cell of the column below it
        above_header = header_at is not None and row_number - 1 < header_at
        for index, value in enumerate(row):
            if not value.strip():
                continue
            letter = letter_of(index + 1)
            header = headers[index] if index < len(headers) and not above_header else ""
            yield TextUnit(
                text=value,
                locate=CellPlace(_SHEET_CELL, (title, f"{letter}{row_number}")),
                context=(header,) if header else (),
                group=None if above_header else f"{title}!{letter}",
            )


def _header_row(rows: list[list[str]]) -> int | None:
    """The first row with two cells, among the first rows, when it reads as a header."""
    for index, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        if sum(1 for v in row if v.strip()) >= 2:
            return index if looks_like_header(row) else None
    return None
