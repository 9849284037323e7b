"""CSV and TSV: one unit per cell, named by row and column header."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from itertools import chain, islice

from scanner.sources.base import TextUnit
from scanner.sources.forms import FORM_ROWS, FormLayout, form_layout, form_pieces
from scanner.sources.places import CellPlace, JoinedPlace

# A header cell names a column: no digit runs, no e-mail, short.
_DATA_LIKE = re.compile(r"[0-9０-９]{3}|@")
_MAX_HEADER_CHARS = 40
_FIELD_LIMIT = 2**31 - 1
_ROW_COLUMN = ("row", "column")


def looks_like_header(cells: Sequence[str]) -> bool:
    """A first row of mostly filled, distinct, non-numeric short strings is a header."""
    named = [c.strip() for c in cells if c.strip()]
    if not named or len(named) * 2 < len(cells) or len(set(named)) != len(named):
        return False
    return not any(len(c) > _MAX_HEADER_CHARS or _DATA_LIKE.search(c) for c in named)


def column_name(headers: Sequence[str], index: int) -> str | int:
    """The header of a 0-based column, or its 1-based number when it has none."""
    if index < len(headers) and headers[index].strip():
        return headers[index].strip()
    return index + 1


def sniff_delimiter(text: str, fmt: str) -> str:
    """Tab for TSV, and for a ".csv" whose first line has tabs but no commas."""
    first_line = text[: text.find("\n")] if "\n" in text else text
    if fmt == "tsv" or ("," not in first_line and "\t" in first_line):
        return "\t"
    return ","


def table_units(text: str, delimiter: str) -> list[TextUnit]:
    """Cells of a delimited text. Rows count records from 1 (the header row is row 1).

    Raises csv.Error on text that the csv module cannot split.
    """
    csv.field_size_limit(_FIELD_LIMIT)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    head = list(islice(rows, FORM_ROWS + 1))
    if not head:
        return []
    form = form_layout(head) if len(head) <= FORM_ROWS else None
    if form is not None:
        return _form_units(head, form)
    first = head[0]
    rows = chain(head[1:], rows)
    headers: list[str] = first if looks_like_header(first) else []
    columns = _Columns(headers)
    units: list[TextUnit] = []
    if not headers:
        _add_row(units, 1, first, columns)
    for row_number, row in enumerate(rows, start=2):
        _add_row(units, row_number, row, columns)
    return units


def _form_units(rows: list[list[str]], form: FormLayout) -> list[TextUnit]:
    """A short CSV laid out as a form (`項目,値` / `個人番号,1234 5678,9018`): each value
    read whole with its label as context, labels alone."""
    return [
        TextUnit(text=piece.text,
                 locate=JoinedPlace(_ROW_COLUMN, [(r + 1, c + 1) for r, c in piece.cells],
                                    piece.starts),
                 context=(piece.label,) if piece.label else (),
                 group=f"label:{piece.label}" if piece.label else None)
        for piece in form_pieces(rows, form)
    ]


class _Columns:
    """(name, context, group) of each column, worked out once per file."""

    def __init__(self, headers: list[str]) -> None:
        self._headers = headers
        self._known: list[tuple[str | int, tuple[str, ...], str]] = []

    def __getitem__(self, index: int) -> tuple[str | int, tuple[str, ...], str]:
        while len(self._known) <= index:
            name = column_name(self._headers, len(self._known))
            context = (name,) if isinstance(name, str) else ()
            self._known.append((name, context, f"col:{name}"))
        return self._known[index]


def _add_row(units: list[TextUnit], row_number: int, row: list[str], columns: _Columns) -> None:
    for index, value in enumerate(row):
        if not value or value.isspace():
            continue
        name, context, group = columns[index]
        units.append(
            TextUnit(
                text=value,
                locate=CellPlace(_ROW_COLUMN, (row_number, name)),
                context=context,
                group=group,
            )
        )
