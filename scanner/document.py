"""A normalized text plus the context recognizers may ask about.

Context is a character window on the normalized text (both sides), plus headers handed in
from outside: a CSV column name, a JSON key, a database column. Keyword positions are
found once per entity type, lazily, and looked up by bisection.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from functools import cache, lru_cache

from recognizers.base import Recognizer
from scanner.explain import part
from scanner.tables import Tables, find_tables

LINE_PENALTY = 40  # a keyword on another line counts as this many characters farther
AFTER_PENALTY = 8  # a keyword after the value counts as this many characters farther


@cache
def keyword_regex(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """The lower-cased keywords, the longest at each place, run on lower-cased text.

    Lower-casing the text once beats re.IGNORECASE, which keeps the regex engine from
    skipping ahead on the first characters of the keywords.
    """
    if not words:
        return None
    trie: dict = {}
    for word in {w.lower() for w in words}:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return re.compile(_trie_regex(trie))


def _trie_regex(node: dict) -> str:
    """A trie as a regex (`ab(?:c|)` for ab, abc): the longer words on a path are tried
    before a word ends, so the match is the longest keyword, as one alternation of
    the words longest first finds, with far less backtracking."""
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if "" in node:
        return f"(?:{'|'.join(branches)}|)" if branches else ""
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


@lru_cache(maxsize=4096)
def _header_naming(headers: tuple[str, ...], rec: Recognizer | None) -> str | None:
    """`header '…'` for the first of `headers` that names `rec`'s type, else None."""
    if rec is None:
        return None
    rx = keyword_regex(rec.context + rec.header_words)
    if rx is None:
        return None
    return next((f"header '{h}'" for h in headers if rx.search(h)), None)


class Vocabulary:
    """Every keyword of a set of recognizers, found in one pass over a text."""

    def __init__(self, recognizers: Sequence[Recognizer]) -> None:
        words: set[str] = set()
        for rec in recognizers:
            for group in (rec.context, rec.anti_context, rec.header_words, rec.cues):
                words.update(w.lower() for w in group)
        self.words = frozenset(words)
        # A hit on a long keyword also counts for every keyword inside it
        # (`card_number` is a hit for `card`).
        self.covers = {w: frozenset(x for x in words if x in w) for w in words}
        self._rx = keyword_regex(tuple(sorted(words)))

    def hits(self, lower_text: str) -> list[tuple[int, int, str]]:
        """(start, end, keyword) of every keyword in an already lower-cased text."""
        if self._rx is None:
            return []
        return [(m.start(), m.end(), m.group()) for m in self._rx.finditer(lower_text)]


class Document:
    """The normalized text one analysis runs on."""

    __slots__ = (
        "_headers", "_hits", "_index", "_lower", "_recognizers", "_tables", "_vocabulary",
        "default_window", "min_score", "text",
    )

    def __init__(
        self,
        text: str,
        recognizers: dict[str, Recognizer],
        *,
        headers: Sequence[str] = (),
        default_window: int = 300,
        min_score: float = 0.5,
        vocabulary: Vocabulary | None = None,
    ) -> None:
        self.text = text
        self.min_score = min_score
        self.default_window = default_window
        self._recognizers = recognizers
        self._headers = tuple(h.lower() for h in headers if h)
        self._index: dict[tuple[str, ...], tuple[list[int], list[int]]] = {}
        self._lower: str | None = None
        self._tables: Tables | None = None
        self._vocabulary = vocabulary
        self._hits: list[tuple[int, int, str]] | None = None

    @property
    def lower(self) -> str:
        """The text lower-cased, for keyword search (computed once)."""
        if self._lower is None:
            low = self.text.lower()
            self._lower = low if len(low) == len(self.text) else self.text
        return self._lower

    def keyword_near(
        self, words: tuple[str, ...], start: int, end: int, window: int | None = None
    ) -> tuple[int, str] | None:
        """(distance, description) of the nearest of `words` within `window` chars.

        Labels precede values in Japanese forms, so the distance is weighted: a keyword
        after the value or on another line counts as farther than its character count.
        """
        starts, ends = self._keywords(words)
        if not starts:
            return None
        w = self.default_window if window is None else window
        best: tuple[int, str, int, int, int] | None = None  # distance, where, keyword, gap
        i = bisect_left(ends, start - w)
        while i < len(starts) and starts[i] <= end + w:
            ks, ke = starts[i], ends[i]
            if ke <= start:
                gap, where, lo, hi = start - ke, "before", ke, start
            elif ks >= end:
                gap, where, lo, hi = ks - end, "after", end, ks
            else:
                i += 1
                continue  # a keyword inside the match is not context
            dist = gap + LINE_PENALTY * self.text.count("\n", lo, hi)
            dist += AFTER_PENALTY if where == "after" else 0
            if dist <= w and (best is None or dist < best[0]):
                best = (dist, where, ks, ke, gap)
            i += 1
        if best is None:
            return None
        dist, where, ks, ke, gap = best
        return dist, part(f"explain.keyword_{where}", keyword=self.text[ks:ke], gap=gap)

    def mentions_any(self, words: tuple[str, ...]) -> bool:
        """Whether any of `words` occurs anywhere in the text."""
        found = self._index.get(words)
        if found is not None:
            return bool(found[0])
        rx = keyword_regex(words)
        return rx is not None and rx.search(self.lower) is not None

    @property
    def headers(self) -> tuple[str, ...]:
        """The headers handed in from outside (column names, keys), lower-cased."""
        return self._headers

    def header_context(self, entity: str) -> str | None:
        """The header handed in from outside, when it names this entity type."""
        if not self._headers:
            return None
        return _header_naming(self._headers, self._recognizers.get(entity))

    def header_names(self, header: str, entity: str) -> bool:
        """Whether a header (a column name, a key) names this entity type."""
        return _header_naming((header.lower(),), self._recognizers.get(entity)) is not None

    def column_header(self, pos: int) -> str | None:
        """The header of the table column `pos` lies in, for tables pasted as text."""
        if self._tables is None:
            self._tables = find_tables(self.text)
        if not self._tables:
            return None
        i = bisect_right(self._tables.starts, pos) - 1
        if i < 0 or pos >= self._tables.blocks[i].end:
            return None
        return self._tables.blocks[i].header_at(self.text, pos)

    def column_cells(self, entity: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, header) of every cell of a table pasted as text whose column
        header names this entity type (`氏名` for PERSON)."""
        if self._tables is None:
            self._tables = find_tables(self.text)
        for block in self._tables.blocks:
            for column, header in enumerate(block.headers):
                if self.header_names(header, entity):
                    for start, end in block.cells(self.text, column):
                        yield start, end, header

    def _keywords(self, words: tuple[str, ...]) -> tuple[list[int], list[int]]:
        found = self._index.get(words)
        if found is None:
            wanted = frozenset(w.lower() for w in words)
            if self._vocabulary is not None and wanted <= self._vocabulary.words:
                if self._hits is None:
                    self._hits = self._vocabulary.hits(self.lower)
                covers = self._vocabulary.covers
                spans = [(s, e) for s, e, w in self._hits if not wanted.isdisjoint(covers[w])]
            else:
                rx = keyword_regex(words)
                spans = [m.span() for m in rx.finditer(self.lower)] if rx is not None else []
            found = self._index[words] = ([s for s, _ in spans], [e for _, e in spans])
        return found
