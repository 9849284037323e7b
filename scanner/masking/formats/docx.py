"""DOCX and PPTX: text replaced inside runs, so paragraphs, runs and their formatting
stay, in every part of the package (`scanner.masking.ooxml`).

A finding that spans several runs is written into the run where it starts; its other
characters are removed from the following runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from scanner.masking.masker import Masker


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
    """Every part of the document (`scanner.masking.ooxml`)."""
    from scanner.masking.ooxml import mask_package

    mask_package(src, dst, masker)
