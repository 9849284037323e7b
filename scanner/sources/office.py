"""DOCX and PPTX: paragraphs, shapes and table cells, each named by its place."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from scanner.sources.base import Location, TextUnit, fixed_location
from scanner.sources.forms import FormLayout, form_layout, form_pieces
from scanner.sources.places import JoinedPlace
from scanner.sources.tabular import looks_like_header


def docx_units(data: bytes) -> list[TextUnit]:
    """Body paragraphs {"paragraph": n} and table cells {"table", "row", "cell"}."""
    from docx import Document

    document = Document(io.BytesIO(data))
    units = [
        TextUnit(text=paragraph.text, locate=fixed_location(paragraph=number))
        for number, paragraph in enumerate(document.paragraphs, start=1)
        if paragraph.text.strip()
    ]
    for number, table in enumerate(document.tables, start=1):
        units.extend(grid_units(_table_grid(table), {"table": number}, f"table{number}"))
    return units


def pptx_units(data: bytes) -> list[TextUnit]:
    """Shapes {"slide", "shape"} (groups flattened in order), table cells, speaker notes."""
    from pptx import Presentation

    units: list[TextUnit] = []
    for slide_number, slide in enumerate(Presentation(io.BytesIO(data)).slides, start=1):
        for shape_number, shape in enumerate(_flat_shapes(slide.shapes), start=1):
            where: Location = {"slide": slide_number, "shape": shape_number}
            if shape.has_text_frame and shape.text_frame.text.strip():
                units.append(TextUnit(text=shape.text_frame.text, locate=fixed_location(**where)))
            if getattr(shape, "has_table", False):
                group = f"slide{slide_number}:shape{shape_number}"
                units.extend(grid_units(_table_grid(shape.table), where, group))
        if slide.has_notes_slide:
            notes = slide.notes_slide.notes_text_frame
            if notes is not None and notes.text.strip():
                where = {"slide": slide_number, "part": "notes"}
                units.append(TextUnit(text=notes.text, locate=fixed_location(**where)))
    return units


def grid_units(rows: list[list[str]], where: Location, group: str) -> list[TextUnit]:
    """Cells of a table {**where, "row", "cell"}; a header-like first row is context."""
    if not rows:
        return []
    form = form_layout(rows)
    if form is not None:
        return _form_units(rows, form, where, group)
    headers = rows[0] if looks_like_header(rows[0]) else []
    units = []
    for row_number, row in enumerate(rows[1:] if headers else rows, start=2 if headers else 1):
        for cell_number, text in enumerate(row, start=1):
            if not text.strip():
                continue
            header = headers[cell_number - 1].strip() if cell_number <= len(headers) else ""
            units.append(
                TextUnit(
                    text=text,
                    locate=fixed_location(**where, row=row_number, cell=cell_number),
                    context=(header,) if header else (),
                    group=f"{group}:col{cell_number}",
                )
            )
    return units


def _form_units(rows: list[list[str]], form: FormLayout, where: Location, group: str
                ) -> list[TextUnit]:
    """Cells of a form: a value (its cells read as one text) has its label as context;
    labels have none."""
    keys = (*where, "row", "cell")
    return [
        TextUnit(text=piece.text,
                 locate=JoinedPlace(keys, [(*where.values(), r + 1, c + 1)
                                           for r, c in piece.cells], piece.starts),
                 context=(piece.label,) if piece.label else (),
                 group=f"{group}:{piece.label}" if piece.label else None)
        for piece in form_pieces(rows, form)
    ]


def _table_grid(table: Any) -> list[list[str]]:
    """Cell texts by grid position; a merged cell's text appears once, at its first cell."""
    seen: set[Any] = set()  # the cell elements themselves: ids of freed proxies get reused
    grid = []
    for row in table.rows:
        texts = []
        for cell in row.cells:
            texts.append("" if cell._tc in seen else cell.text)
            seen.add(cell._tc)
        grid.append(texts)
    return grid


def _flat_shapes(shapes: Any) -> Iterator[Any]:
    for shape in shapes:
        if hasattr(shape, "shapes"):  # a group shape
            yield from _flat_shapes(shape.shapes)
        else:
            yield shape
