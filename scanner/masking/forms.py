"""Masking a grid laid out as a form (`scanner.sources.forms`): label cells are kept,
the value cells after a label are read as one text with the label as context (a number
split over two cells is found whole) and replaced cell by cell."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from scanner.masking.masker import Masker
from scanner.sources.forms import FormLayout

_JOIN = " "


def mask_form(
    masker: Masker, rows: Sequence[Sequence[str]], layout: FormLayout
) -> dict[tuple[int, int], str]:
    """New texts of the value cells that changed, by (row, column)."""
    from scanner.dbscan.names import header_context
    from scanner.masking.formats.docx import rewrite_runs

    by_label: dict[str, list[list[tuple[int, int]]]] = defaultdict(list)
    for segment in layout.segments:
        by_label[layout.context.get(segment[0], "")].append(segment)
    out: dict[tuple[int, int], str] = {}
    for label, segments in by_label.items():
        pieces = [_pieces(rows, s) for s in segments]
        texts = ["".join(p) for p in pieces]
        context = tuple(header_context(label)) if label else ()
        for segment, parts, findings in zip(segments, pieces, masker.detect(texts, context),
                                            strict=True):
            if not findings:
                continue
            new = rewrite_runs(parts, masker.replacements(findings))
            for cell, old, text in zip(segment, parts[::2], new[::2], strict=True):
                if text != old:
                    out[cell] = text
    return out


def _pieces(rows: Sequence[Sequence[str]], segment: list[tuple[int, int]]) -> list[str]:
    """Cell texts with a separator between them: [cell, " ", cell, ...]."""
    parts: list[str] = []
    for n, (r, c) in enumerate(segment):
        if n:
            parts.append(_JOIN)
        parts.append(rows[r][c])
    return parts
