"""Tables as people lay them out: a header row over rows of values, or a form.

A form holds labels beside their values (`個人番号 | 1234 5678 9018`), possibly with empty
cells between and title rows above. A label cell is a short text that names a kind of
personal data (`scanner.dbscan.names.name_signal`: 氏名, 個人番号, 電話, 住所...). Label
cells are context for the value cells after them in their row (or, alone in their row,
for the row below) and are never values themselves.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

FORM_ROWS = 200  # a sheet or CSV this short may be a form
_HEADER_ROWS = 10  # a header row is looked for among the first rows
_MAX_LABEL = 30
_DATA_LIKE = re.compile(r"[0-9０-９]{3}|@")
_LABEL_END = re.compile(r"[\s:：]+$")


@lru_cache(maxsize=4096)
def is_label(text: str) -> bool:
    """A short text naming a kind of personal data (氏名, マイナンバー（個人番号）:)."""
    from scanner.dbscan.names import name_signal

    t = _LABEL_END.sub("", text.strip())
    if not t or len(t) > _MAX_LABEL or _DATA_LIKE.search(t):
        return False
    return name_signal(t) is not None


@dataclass
class FormLayout:
    """Label cells, and for each value cell the label that names it. Cells are (row,
    column), 0-based. `segments`: the value cells of one label in order (a number split
    over two cells is read as one)."""

    labels: set[tuple[int, int]] = field(default_factory=set)
    context: dict[tuple[int, int], str] = field(default_factory=dict)
    segments: list[list[tuple[int, int]]] = field(default_factory=list)


def form_layout(rows: Sequence[Sequence[str]]) -> FormLayout | None:
    """The form layout of a grid of cell texts, or None when it is a table whose header
    row (labels over values) names the columns, or has fewer than two rows with a label
    beside a value (or two labels over their values) and more than one row."""
    labels = {(r, c) for r, row in enumerate(rows) for c, t in enumerate(row)
              if t and is_label(t)}
    if not labels:
        return None
    pairs = 0  # rows with a label followed by a value
    header_labels = 0
    for r, row in enumerate(rows):
        in_row = [c for c in range(len(row)) if (r, c) in labels]
        filled = [c for c, t in enumerate(row) if t.strip()]
        if r < _HEADER_ROWS and len(in_row) >= 2 and len(in_row) * 2 >= len(filled):
            header_labels = max(header_labels, len(in_row))
        if any(c < len(row) and row[c].strip() and (r, c) not in labels
               for first in in_row[:1] for c in range(first + 1, len(row))):
            pairs += 1
    if header_labels >= 2 and header_labels >= pairs:
        return None
    lone_row = sum(1 for row in rows if any(t.strip() for t in row)) == 1
    if pairs < 2 and not lone_row and not _labels_above_values(rows, labels):
        return None  # one label beside a cell is more likely a header over data
    layout = FormLayout(labels)
    previous: list[tuple[int, int]] = []  # the last labelled segment of the row above
    for r, row in enumerate(rows):
        filled = [c for c, t in enumerate(row) if t.strip()]
        above = {c for _, c in previous}
        if filled and above.issuperset(filled) and not any((r, c) in labels for c in filled):
            # the rest of a value split over two lines (1234 5678 / 9018)
            for c in filled:
                layout.context[(r, c)] = layout.context[previous[0]]
                previous.append((r, c))
            continue
        previous = []
        current: str | None = None
        segment: list[tuple[int, int]] = []
        for c, text in enumerate(row):
            if (r, c) in labels:
                _close(layout, segment)
                segment, current = [], text.strip()
            elif text.strip():
                if current is None and _alone_above(rows, labels, r, c):
                    current = rows[r - 1][c].strip()
                if current is not None:
                    layout.context[(r, c)] = current
                    segment.append((r, c))
                    previous = segment
                else:
                    _close(layout, segment)
                    segment = []
                    layout.segments.append([(r, c)])
        _close(layout, segment)
    return layout


def _close(layout: FormLayout, segment: list[tuple[int, int]]) -> None:
    if segment:
        layout.segments.append(segment)


def _alone_above(rows: Sequence[Sequence[str]], labels: set, r: int, c: int) -> bool:
    """The cell above is a label with no value beside it (a label over its value)."""
    if r == 0 or (r - 1, c) not in labels:
        return False
    above = rows[r - 1]
    return all(not t.strip() or (r - 1, i) in labels for i, t in enumerate(above))


def _labels_above_values(rows: Sequence[Sequence[str]], labels: set) -> bool:
    """Two or more labels each alone in its row over a value (a one-column form)."""
    return sum(1 for r, c in labels if r + 1 < len(rows) and c < len(rows[r + 1])
               and rows[r + 1][c].strip() and (r + 1, c) not in labels
               and _alone_above(rows, labels, r + 1, c)) >= 2


@dataclass(frozen=True, slots=True)
class FormPiece:
    """One text of a form as it is read: a value segment (cells joined by a space, so a
    number split over two cells or lines is read whole) with its label, or a label or
    unlabelled cell alone. `starts`: the offset of each cell's text in `text`."""

    text: str
    cells: list[tuple[int, int]]
    starts: list[int]
    label: str | None


def form_pieces(rows: Sequence[Sequence[str]], layout: FormLayout) -> list[FormPiece]:
    """Every non-empty cell of a form, once, in reading order: value segments joined,
    the rest alone."""
    pieces, covered = [], set()
    for segment in layout.segments:
        texts = [rows[r][c] for r, c in segment]
        starts = [sum(len(t) + 1 for t in texts[:i]) for i in range(len(texts))]
        pieces.append(FormPiece(" ".join(texts), segment, starts,
                                layout.context.get(segment[0])))
        covered.update(segment)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text.strip() and (r, c) not in covered:
                pieces.append(FormPiece(text, [(r, c)], [0], None))
    return sorted(pieces, key=lambda p: p.cells[0])  # reading order
