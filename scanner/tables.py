"""Tables pasted as text (CSV, TSV lines): their header names the column of each cell.

A block is two or more consecutive lines with the same number (>= 1) of one delimiter,
whose first line looks like a header: every field has a letter and few digits.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

DELIMITERS = ("\t", ",", "|")


@dataclass(frozen=True, slots=True)
class TableBlock:
    """One delimited block: where its data lines are, its delimiter and header fields."""

    start: int  # offset of the first data line
    end: int  # offset just past the last data line
    delimiter: str
    headers: tuple[str, ...]

    def header_at(self, text: str, pos: int) -> str | None:
        line_start = text.rfind("\n", 0, pos) + 1
        column = text.count(self.delimiter, line_start, pos)
        return self.headers[column] if column < len(self.headers) else None

    def cells(self, text: str, column: int) -> Iterator[tuple[int, int]]:
        """(start, end) of the cell in `column` on each data line."""
        pos = self.start
        while pos < self.end:
            line_end = text.find("\n", pos, self.end)
            line_end = self.end if line_end == -1 else line_end
            start = pos
            for _ in range(column):
                start = text.find(self.delimiter, start, line_end) + 1
                if start == 0:
                    break
            else:
                end = text.find(self.delimiter, start, line_end)
                yield start, line_end if end == -1 else end
            pos = line_end + 1


@dataclass(slots=True)
class Tables:
    """The table blocks of a text, sorted by start."""

    blocks: list[TableBlock] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.blocks)


def find_tables(text: str) -> Tables:
    """Every delimited block with a header line."""
    tables = Tables()
    present = [d for d in DELIMITERS if d in text]
    if not present:
        return tables
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    for delimiter in present:
        tables.blocks.extend(_blocks(lines, delimiter))
    tables.blocks.sort(key=lambda b: b.start)
    tables.starts = [b.start for b in tables.blocks]
    return tables


def _blocks(lines: list[tuple[int, str]], delimiter: str) -> list[TableBlock]:
    counts = [line.count(delimiter) for _, line in lines]
    found = []
    i = 0
    while i < len(lines):
        j = i + 1
        while j < len(lines) and counts[j] == counts[i]:
            j += 1
        if j - i >= 2 and counts[i] >= 1:
            headers = _header_fields(lines[i][1], delimiter)
            if headers is not None:
                last_start, last_line = lines[j - 1]
                found.append(
                    TableBlock(lines[i + 1][0], last_start + len(last_line), delimiter, headers)
                )
        i = j
    return found


def _header_fields(line: str, delimiter: str) -> tuple[str, ...] | None:
    fields = tuple(f.strip().strip('"') for f in line.split(delimiter))
    # Markdown rows `| a | b |` have empty fields outside the outer pipes.
    inner = fields[1:-1] if delimiter == "|" and len(fields) > 2 else fields
    for f in inner:
        if not f or sum(c.isdigit() for c in f) > 2 or not any(c.isalpha() for c in f):
            return None
    return fields
