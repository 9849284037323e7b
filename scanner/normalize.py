"""Normalize text once, at the edge, and keep a map back to the original offsets.

Recognizers see NFKC text with one hyphen and plain spaces; every finding is mapped back
to the exact characters of the original text before anybody sees it.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

# Dashes that NFKC leaves alone but that stand for a hyphen in numbers. All are 1:1.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63"
_TRANSLATE = str.maketrans({c: "-" for c in _DASHES} | {"\u00a0": " "})
# The long-vowel mark (and the kanji 一) only count as a hyphen between digits.
_DIGIT_DASH = re.compile(r"(?<=[0-9])[\u30fc\uff70\u4e00](?=[0-9])")
# Characters outside these ranges are NFKC-stable in practice: kanji, kana, ASCII.
_MAYBE_UNSTABLE = re.compile(
    r"[^\x00-\x7f\u3041-\u3096\u30a1-\u30fa\u30fc\u4e00-\u9fff\u3001-\u3003\u300c-\u3011]+"
)


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Normalized text and the breakpoints that map its offsets to the original."""

    text: str
    original: str
    # Sorted (normalized offset, original offset) pairs where the two start to differ.
    _norm_points: tuple[int, ...]
    _orig_points: tuple[int, ...]

    def to_original(self, offset: int) -> int:
        """Original offset of a normalized offset (start or end of a span)."""
        i = bisect_right(self._norm_points, offset) - 1
        if i < 0:
            return offset
        n0, o0 = self._norm_points[i], self._orig_points[i]
        return o0 + (offset - n0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of a normalized span, covering every source character."""
        ostart = self.to_original(start)
        oend = self._end_to_original(end)
        return ostart, max(oend, ostart)

    def _end_to_original(self, end: int) -> int:
        # An end inside an expansion (e.g. ㈱ -> (株)) extends to the end of its source char.
        i = bisect_right(self._norm_points, end - 1) - 1 if end > 0 else -1
        if i < 0:
            return end
        n0, o0 = self._norm_points[i], self._orig_points[i]
        nxt_n = self._norm_points[i + 1] if i + 1 < len(self._norm_points) else None
        if nxt_n is not None and end <= nxt_n and self._is_expansion(i):
            return self._orig_points[i + 1]
        return o0 + (end - n0)

    def _is_expansion(self, i: int) -> bool:
        if i + 1 >= len(self._norm_points):
            return False
        dn = self._norm_points[i + 1] - self._norm_points[i]
        do = self._orig_points[i + 1] - self._orig_points[i]
        return dn != do


def normalize(text: str) -> NormalizedText:
    """NFKC plus dash folding, with an offset map to the original text."""
    parts: list[str] = []
    norm_points: list[int] = []
    orig_points: list[int] = []
    pos = 0
    npos = 0
    for m in _MAYBE_UNSTABLE.finditer(text):
        if m.start() > pos:
            parts.append(text[pos : m.start()])
            npos += m.start() - pos
        npos = _normalize_run(m.group(), m.start(), npos, parts, norm_points, orig_points)
        pos = m.end()
    if pos < len(text):
        parts.append(text[pos:])
    out = "".join(parts).translate(_TRANSLATE)
    if "\u30fc" in out or "\uff70" in out or "\u4e00" in out:
        out = _DIGIT_DASH.sub("-", out)
    return NormalizedText(out, text, tuple(norm_points), tuple(orig_points))


def _normalize_run(
    run: str,
    ostart: int,
    npos: int,
    parts: list[str],
    norm_points: list[int],
    orig_points: list[int],
) -> int:
    """Append the NFKC form of one run; record breakpoints where lengths change."""
    whole = unicodedata.normalize("NFKC", run)
    if len(whole) == len(run) and _one_to_one(run):
        parts.append(whole)
        return npos + len(whole)
    # Length changes: normalize per grapheme-ish unit (a base char and its combining marks).
    i = 0
    while i < len(run):
        j = i + 1
        while j < len(run) and _is_combining(run[j]):
            j += 1
        piece = unicodedata.normalize("NFKC", run[i:j])
        if len(piece) != j - i:
            norm_points.append(npos)
            orig_points.append(ostart + i)
            norm_points.append(npos + len(piece))
            orig_points.append(ostart + j)
        parts.append(piece)
        npos += len(piece)
        i = j
    return npos


def _one_to_one(run: str) -> bool:
    return all(len(unicodedata.normalize("NFKC", c)) == 1 for c in run) and not any(
        _is_combining(c) for c in run
    )


def _is_combining(ch: str) -> bool:
    # Half-width (ﾞﾟ) and full-width (゛゜) voicing marks combine with the kana before them.
    return ch in "\uff9e\uff9f\u3099\u309a" or unicodedata.combining(ch) != 0
