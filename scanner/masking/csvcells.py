"""CSV cells with their exact spans, so a masked CSV differs from its source only inside
the cells that changed (quoting, delimiters and line endings are kept as they were)."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

_DELIMITERS = ",\t;|"
_QUOTED = re.compile(r'"(?:[^"]|"")*"')


@dataclass(frozen=True, slots=True)
class Cell:
    row: int
    col: int
    start: int  # span of the cell in the text, quotes included
    end: int
    value: str  # unquoted
    quoted: bool


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV/TSV text (comma when unsure)."""
    sample = text[: 1 << 16]
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        return "\t" if sample.count("\t") > sample.count(",") else ","


@lru_cache(maxsize=8)
def _field_rx(delimiter: str) -> re.Pattern[str]:
    d = re.escape(delimiter)
    # A quoted field only when its closing quote ends the field; else taken literally.
    return re.compile(rf'"(?:[^"]|"")*"(?=[{d}\r\n]|\Z)|[^{d}\r\n]*')


def iter_rows(text: str, delimiter: str) -> Iterator[list[Cell]]:
    """Rows of cells; a quoted cell may span lines."""
    rx = _field_rx(delimiter)
    pos, row, n = 0, 0, len(text)
    while pos < n:
        cells: list[Cell] = []
        while True:
            m = rx.match(text, pos)
            raw = m.group()
            quoted = _QUOTED.fullmatch(raw) is not None
            value = raw[1:-1].replace('""', '"') if quoted else raw
            cells.append(Cell(row, len(cells), m.start(), m.end(), value, quoted))
            pos = m.end()
            if pos < n and text[pos] == delimiter:
                pos += 1
                continue
            if text.startswith("\r\n", pos):
                pos += 2
            elif pos < n:
                pos += 1
            break
        yield cells
        row += 1


def render_cell(value: str, quoted: bool, delimiter: str) -> str:
    """A cell's text: quoted if the source cell was, or if the value needs it."""
    if quoted or any(c in value for c in (delimiter, '"', "\r", "\n")):
        return '"' + value.replace('"', '""') + '"'
    return value
