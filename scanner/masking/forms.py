"""Masking a grid laid out as a form (`scanner.sources.forms`): label cells are kept,
the value cells after a label are read as one text with the label as context (a number
split over two cells is found whole) and replaced cell by cell: a replacement of the same
shape keeps each cell's part (`1234 5678 | 9018`, one digit per box), any other is
written whole into the first of its cells."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import pairwise

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
            new = rewrite_runs(parts, _spread(parts, masker.replacements(findings)))
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


def _spread(
    parts: Sequence[str], reps: Sequence[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """Replacements that run over several cells, cut at the cells' borders when the new
    text has the old one's shape (same length, each separator between cells where it
    was), so that each cell gets its own part."""
    spans, at = [], 0
    for part in parts:
        spans.append((at, at + len(part)))
        at += len(part)
    seps = spans[1::2]  # the separators between cells (`_pieces`)
    out: list[tuple[int, int, str]] = []
    for start, end, new in reps:
        inside = [(a, b) for a, b in seps if a < end and start < b]
        if inside and len(new) == end - start and all(
            start <= a and b <= end and new[a - start : b - start] == _JOIN for a, b in inside
        ):
            edges = sorted({start, end, *(x for a, b in inside for x in (a, b))})
            out.extend((a, b, new[a - start : b - start]) for a, b in pairwise(edges))
        else:
            out.append((start, end, new))
    return out
