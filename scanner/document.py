"""A normalized text plus the context recognizers may ask about.

Context is a character window on the normalized text (both sides), plus headers handed in
from outside: a CSV column name, a JSON key, a database column. Keyword positions are
found once per entity type, lazily, and looked up by bisection.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import cache

from recognizers.base import Recognizer


@cache
def keyword_regex(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One case-insensitive alternation, longest keyword first."""
    if not words:
        return None
    ordered = sorted({w.lower() for w in words}, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in ordered), re.IGNORECASE)


class Document:
    """The normalized text one analysis runs on."""

    __slots__ = ("_headers", "_index", "_recognizers", "default_window", "text")

    def __init__(
        self,
        text: str,
        recognizers: dict[str, Recognizer],
        *,
        headers: Sequence[str] = (),
        default_window: int = 300,
    ) -> None:
        self.text = text
        self.default_window = default_window
        self._recognizers = recognizers
        self._headers = tuple(h.lower() for h in headers if h)
        self._index: dict[tuple[str, ...], tuple[list[int], list[int]]] = {}

    def keyword_near(
        self, words: tuple[str, ...], start: int, end: int, window: int | None = None
    ) -> tuple[int, str] | None:
        """(distance, description) of the nearest of `words` within `window` chars."""
        starts, ends = self._keywords(words)
        if not starts:
            return None
        w = self.default_window if window is None else window
        best: tuple[int, str] | None = None
        i = bisect_left(ends, start - w)
        while i < len(starts) and starts[i] <= end + w:
            ks, ke = starts[i], ends[i]
            if ke <= start:
                dist, where = start - ke, "before"
            elif ks >= end:
                dist, where = ks - end, "after"
            else:
                i += 1
                continue  # a keyword inside the match is not context
            if best is None or dist < best[0]:
                best = (dist, f"keyword '{self.text[ks:ke]}' {dist} chars {where}")
            i += 1
        return best

    def header_context(self, entity: str) -> str | None:
        """The header handed in from outside, when it names this entity type."""
        if not self._headers:
            return None
        rec = self._recognizers.get(entity)
        if rec is None:
            return None
        words = rec.context + getattr(rec, "header_words", ())
        rx = keyword_regex(tuple(words))
        if rx is None:
            return None
        for h in self._headers:
            if rx.search(h):
                return f"header '{h}'"
        return None

    def _keywords(self, words: tuple[str, ...]) -> tuple[list[int], list[int]]:
        found = self._index.get(words)
        if found is None:
            rx = keyword_regex(words)
            starts: list[int] = []
            ends: list[int] = []
            if rx is not None:
                for m in rx.finditer(self.text):
                    starts.append(m.start())
                    ends.append(m.end())
            found = self._index[words] = (starts, ends)
        return found
