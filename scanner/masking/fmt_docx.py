"""DOCX: text replaced inside runs, so paragraphs, runs and their formatting stay.

A finding that spans several runs is written into the run where it starts; its other
characters are removed from the following runs.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from scanner.masking.masker import Masker


def _paragraphs(doc) -> Iterator:
    """Body, table-cell, header and footer paragraphs, each once (merged cells repeat)."""
    seen: set[int] = set()

    def walk(container) -> Iterator:
        for p in container.paragraphs:
            if id(p._p) not in seen:
                seen.add(id(p._p))
                yield p
        for table in getattr(container, "tables", ()):
            for row in table.rows:
                for cell in row.cells:
                    yield from walk(cell)

    yield from walk(doc)
    for section in doc.sections:
        for part in (section.header, section.footer):
            if not part.is_linked_to_previous:
                yield from walk(part)


def _runs(paragraph) -> list:
    from docx.text.hyperlink import Hyperlink

    runs = []
    for item in paragraph.iter_inner_content():
        runs.extend(item.runs if isinstance(item, Hyperlink) else [item])
    return runs


def rewrite_runs(texts: Sequence[str], reps: Sequence[tuple[int, int, str]]) -> list[str]:
    """New run texts after applying (start, end, new) spans on their concatenation."""
    whole = "".join(texts)
    out: list[str] = []
    a = 0
    for t in texts:
        b = a + len(t)
        pieces: list[str] = []
        pos = a
        for s, e, new in reps:
            if e <= a or s >= b or (s == e):
                continue
            if s >= a:
                pieces.append(whole[pos:s])
                pieces.append(new)
            pos = max(pos, min(e, b))
        pieces.append(whole[pos:b])
        out.append("".join(pieces))
        a = b
    return out


def mask_file(src: Path, dst: Path, masker: Masker) -> None:
    from docx import Document

    doc = Document(str(src))
    paragraphs = [_runs(p) for p in _paragraphs(doc)]
    texts = ["".join(r.text for r in runs) for runs in paragraphs]
    for runs, findings in zip(paragraphs, masker.detect(texts), strict=True):
        if not findings:
            continue
        new_texts = rewrite_runs([r.text for r in runs], masker.replacements(findings))
        for run, new in zip(runs, new_texts, strict=True):
            if run.text != new:
                run.text = new
    doc.save(str(dst))
