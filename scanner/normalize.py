"""Normalize text once, at the edge, and keep a map back to the original offsets.

Recognizers see NFKC text with one hyphen and plain spaces, variant kanji in their common
form and no variation selectors (`kanji_variants`); every finding is mapped back to the
exact characters of the original text before anybody sees it.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

from scanner.kanji_variants import (
    SELECTORS,
    VARIANT_CHARS,
    drop_selectors,
    fold_variants,
    is_selector,
)

# Dashes that NFKC leaves alone but that stand for a hyphen in numbers. All are 1:1.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63"
_ANY_DASH = re.compile(f"[{_DASHES}]")
# The long-vowel mark (and the kanji 一) only count as a hyphen between digits.
# (The digit before is looked at past the mark: a pattern that opens with a character
# class lets the regex engine skip ahead.)
_DIGIT_DASH = re.compile(r"[\u30fc\uff70\u4e00](?<=[0-9].)(?=[0-9])")
# Numbers written digit by digit in kanji numerals (〇九〇－一二三四－五六七八): a run of
# seven or more, single separators between them, is folded to ASCII digits (1:1). Shorter
# runs are words and names (一二三, 三丁目) and stay as written.
_KANJI_DIGITS = "〇一二三四五六七八九"
_KANJI_RUN = re.compile(f"[{_KANJI_DIGITS}](?:[- \u30fc]?[{_KANJI_DIGITS}]){{6,}}")
_TO_ASCII_DIGITS = str.maketrans(_KANJI_DIGITS, "0123456789")
# Characters that NFKC may merge with the one before: combining marks, kana voicing
# marks, Hangul jamo.
_MERGING = re.compile(
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
    "\u3099\u309a\uff9e\uff9f\u1100-\u11ff\u3131-\u318e\uffa0-\uffdc]"
)
_SELECTOR = re.compile(f"[{SELECTORS}]")  # variation selectors, dropped
_COMPOSING = re.compile(_MERGING.pattern[:-1] + SELECTORS + "]")
# Any character that needs more than NFKC and the 1:1 folds of plain text (one scan of
# the text finds none in the common case).
_SPECIAL = re.compile(_COMPOSING.pattern[:-1] + VARIANT_CHARS + "]")
# Characters outside these ranges are NFKC-stable in practice: kanji, kana, ASCII.
_MAYBE_UNSTABLE = re.compile(
    r"[^\x00-\x7f\u3041-\u3096\u30a1-\u30fa\u30fc\u4e00-\u9fff\u3001-\u3003\u300c-\u3011]+"
)


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Normalized text and the pieces whose length changed, to map offsets back.

    Each piece is one source unit (a character and its combining marks) whose NFKC form
    has another length: `ｶﾞ` -> `ガ`, `㈱` -> `(株)`. Between pieces, offsets shift evenly.
    """

    text: str
    original: str
    _n_starts: tuple[int, ...]
    _n_ends: tuple[int, ...]
    _o_starts: tuple[int, ...]
    _o_ends: tuple[int, ...]

    def to_original(self, offset: int, *, end: bool = False) -> int:
        """Original offset of a normalized offset; `end` rounds up inside a piece."""
        i = bisect_right(self._n_starts, offset) - 1
        if i < 0:
            return offset
        n_start, n_end = self._n_starts[i], self._n_ends[i]
        if offset >= n_end:
            return self._o_ends[i] + (offset - n_end)
        if offset > n_start and end:
            return self._o_ends[i]
        return self._o_starts[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of a normalized span, covering every source character."""
        if not self._n_starts:
            return start, end
        ostart = self.to_original(start)
        oend = self.to_original(end, end=True) if end > start else ostart
        return ostart, max(oend, ostart)


def normalize(text: str) -> NormalizedText:
    """NFKC plus dash, kanji-digit and variant folding, with an offset map to the original
    text."""
    special = _SPECIAL.search(text)
    if special is None or _MERGING.search(text, special.start()) is None:
        # Without combining marks NFKC never merges characters, so equal lengths mean
        # every character mapped to exactly one: no pieces to record but the selectors.
        whole = unicodedata.normalize("NFKC", text)
        if len(whole) == len(text):
            if special is not None and _SELECTOR.search(whole, special.start()):
                return _without_selectors(whole, text)
            return NormalizedText(_fold(whole, special is not None), text, (), (), (), ())
    parts: list[str] = []
    pieces: list[tuple[int, int, int, int]] = []
    pos = 0
    npos = 0
    for m in _MAYBE_UNSTABLE.finditer(text):
        if m.start() > pos:
            parts.append(text[pos : m.start()])
            npos += m.start() - pos
        npos = _normalize_run(m.group(), m.start(), npos, parts, pieces)
        pos = m.end()
    if pos < len(text):
        parts.append(text[pos:])
    out = _fold("".join(parts))
    n_starts, n_ends, o_starts, o_ends = zip(*pieces, strict=True) if pieces else ((),) * 4
    return NormalizedText(out, text, n_starts, n_ends, o_starts, o_ends)


def _without_selectors(whole: str, text: str) -> NormalizedText:
    """`whole` (NFKC of `text`, character for character) without its variation
    selectors, each an empty piece of the normalized text."""
    parts: list[str] = []
    pieces: list[tuple[int, int, int, int]] = []
    pos = 0
    for m in _SELECTOR.finditer(whole):
        parts.append(whole[pos : m.start()])
        at = m.start() - len(pieces)
        pieces.append((at, at, m.start(), m.end()))
        pos = m.end()
    parts.append(whole[pos:])
    n_starts, n_ends, o_starts, o_ends = zip(*pieces, strict=True)
    return NormalizedText(_fold("".join(parts)), text, n_starts, n_ends, o_starts, o_ends)


def _fold(out: str, variants: bool = True) -> str:
    """The 1:1 folds: kanji digits, dashes, no-break spaces, variant kanji (where
    `variants` says the text may hold one)."""
    if variants:
        out = fold_variants(out)
    if _KANJI_RUN.search(out):
        out = _KANJI_RUN.sub(lambda m: m.group().translate(_TO_ASCII_DIGITS), out)
    if _ANY_DASH.search(out):
        out = _ANY_DASH.sub("-", out)
    if "\u00a0" in out:
        out = out.replace("\u00a0", " ")
    if "\u30fc" in out or "\uff70" in out or "\u4e00" in out:
        out = _DIGIT_DASH.sub("-", out)
    return out


def _normalize_run(
    run: str, ostart: int, npos: int, parts: list[str], pieces: list[tuple[int, int, int, int]]
) -> int:
    """Append the NFKC form of one run; record the pieces whose length changes."""
    whole = unicodedata.normalize("NFKC", run)
    if len(whole) == len(run) and _COMPOSING.search(run) is None:
        parts.append(whole)
        return npos + len(whole)
    # Length changes: normalize per grapheme-ish unit (a base char and its combining marks).
    i = 0
    while i < len(run):
        j = i + 1
        while j < len(run) and _is_combining(run[j]):
            j += 1
        piece = drop_selectors(unicodedata.normalize("NFKC", run[i:j]))
        if len(piece) != j - i:
            pieces.append((npos, npos + len(piece), ostart + i, ostart + j))
        parts.append(piece)
        npos += len(piece)
        i = j
    return npos


def _is_combining(ch: str) -> bool:
    # Half-width (ﾞﾟ) and full-width (゛゜) voicing marks combine with the kana before them.
    return (
        ch in "\uff9e\uff9f\u3099\u309a" or unicodedata.combining(ch) != 0 or is_selector(ch)
    )
