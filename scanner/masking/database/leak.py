"""The leak check of `mask-db`: the written copy read back and scanned by content.

While a table is masked, 64-bit digests of its input values are kept in memory
(`InputDigests`): every text a cell holds (`values.pieces`: JSON leaves and keys,
array elements, binary text), the numbers, e-mail addresses and words in it, and every
finding the engine reported in it. After the table is written, the DESTINATION (the
staging table, or the staged CSV/Parquet file) is read back and its texts analyzed with
the column name (and JSON key) as context. A finding is a leak when it is, or sits in a
word that is, one of the input's values, unless it is a replacement this run wrote (a
surrogate that happens to equal another row's value) or a value of a column the policy
keeps. Numbers whose check digit passes (My Number, corporate number, card) count at any
score and in any shape (`leakcheck.findings.checked_numbers`, shared with `mamoru mask`).

A text that is exactly one of this run's replacements and shares no word, number or
e-mail address with the input cannot hold an input value and is not analyzed again.
Memory: 8 bytes per input text and per replacement of the table being checked.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np

from scanner.interrupts import checkpoint
from scanner.masking.database.values import pieces
from scanner.masking.leakcheck.check import Leak
from scanner.masking.leakcheck.findings import checked_numbers, checked_types
from scanner.masking.masker import Masker
from scanner.privacy import canonical, preview

CHECK_ROWS = 5000
MIN_DIGITS = 6  # shorter numbers inside a text are no value of their own (postal: 7)
_MASK64 = (1 << 64) - 1
_DIGIT_RUN = re.compile(r"\d[\d\-()（）.・]*\d")
_SPACED_DIGITS = re.compile(r"\d[\d\s\-()（）.・]*\d")
_EMAIL = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)+")
_WORD_BREAK = re.compile(r"[\s、。，,（）()「」『』\[\]{}<>＜＞:;：；/|]+")


@lru_cache(maxsize=1 << 16)
def digest(text: str) -> int:
    """A 64-bit in-memory digest of the canonical text (never stored or shown)."""
    return hash(canonical(text)) & _MASK64


@lru_cache(maxsize=1 << 14)
def tokens(text: str) -> frozenset[str]:
    """The text and the parts of it a finding may be: numbers of 6 digits or more (with
    and without the spaces between their groups), e-mail addresses, words between spaces
    and brackets."""
    folded = unicodedata.normalize("NFKC", text)
    out = {text, *_WORD_BREAK.split(folded)}
    out.update(r for r in _DIGIT_RUN.findall(folded) if _digits(r) >= MIN_DIGITS)
    if " " in folded:
        out.update(r for r in _SPACED_DIGITS.findall(folded) if _digits(r) >= MIN_DIGITS)
    if "@" in folded:
        out.update(_EMAIL.findall(folded))
    out.discard("")
    return frozenset(out)


def _digits(text: str) -> int:
    return sum(c.isdigit() for c in text)


class Digests:
    """A set of 64-bit digests, compact (a sorted numpy array and a buffer)."""

    def __init__(self) -> None:
        self._buf = array("Q")
        self._sorted = np.empty(0, dtype=np.uint64)

    def add(self, value: int) -> None:
        self._buf.append(value)
        if len(self._buf) >= 1 << 20:
            self._merge()

    def extend(self, values: Iterable[int]) -> None:
        self._buf.extend(values)
        self._merge()

    def _merge(self) -> None:
        if self._buf:
            fresh = np.frombuffer(self._buf, dtype=np.uint64)
            self._sorted = np.union1d(self._sorted, fresh)
            self._buf = array("Q")

    def isin(self, values: Sequence[int]) -> np.ndarray:
        self._merge()
        wanted = np.array(values, dtype=np.uint64)
        if not len(self._sorted):
            return np.zeros(len(wanted), dtype=bool)
        at = np.minimum(np.searchsorted(self._sorted, wanted), len(self._sorted) - 1)
        return self._sorted[at] == wanted


class InputDigests:
    """What a table's input held (`inputs`), what the policy keeps (`kept`) and what this
    run wrote (`produced`, with the masker's own digests)."""

    def __init__(self, masker: Masker) -> None:
        self.inputs = Digests()
        self.kept = Digests()
        self.produced = Digests()
        self._surrogates = masker.surrogates

    def record_rows(self, rows: Sequence[Sequence[object]], kept_columns: set[int]) -> None:
        for row in rows:
            for i, value in enumerate(row):
                target = self.kept if i in kept_columns else self.inputs
                for piece in pieces(value):
                    for t in tokens(piece.text):
                        target.add(digest(t))

    def record_finding(self, text: str) -> None:
        self.inputs.add(digest(text))

    def record_produced(self) -> None:
        """Move the masker's record of replacements written so far into the table's."""
        self.produced.extend(self._surrogates.produced)
        self._surrogates.forget()

    def input_words(self, words: Sequence[str]) -> np.ndarray:
        """Per word: it is an input value the policy does not keep."""
        ds = [digest(w) for w in words]
        return self.inputs.isin(ds) & ~self.kept.isin(ds)

    def produced_texts(self, texts: Sequence[str]) -> np.ndarray:
        return self.produced.isin([self._surrogates.digest(t) for t in texts])


def scan_rows(
    masker: Masker, record: InputDigests, where: str, names: Sequence[str],
    chunks: Iterable[Sequence[Sequence[object]]],
) -> list[Leak]:
    """Leaks in rows read back from the destination (`names`: the columns)."""
    from scanner.dbscan.names import header_context

    leaks: list[Leak] = []
    first = 1
    for rows in chunks:
        checkpoint()
        for j, name in enumerate(names):
            groups: dict[str, list[tuple[int, str]]] = {}
            for n, row in enumerate(rows, first):
                for p in pieces(row[j]):
                    if p.text.strip():
                        groups.setdefault(p.label, []).append((n, p.text))
            for label, cells in groups.items():
                context = (*header_context(name), *(header_context(label) if label else ()))
                at = f"{where}.{name}" + (f" [{label}]" if label else "")
                leaks += _scan_texts(masker, record, cells, context, at)
        first += len(rows)
    return leaks


def _scan_texts(
    masker: Masker, record: InputDigests, cells: list[tuple[int, str]],
    context: tuple[str, ...], at: str,
) -> list[Leak]:
    unique = list(dict.fromkeys(t for _, t in cells))
    words = {t: sorted(tokens(t)) for t in unique}
    flat = [w for t in unique for w in words[t]]
    is_input = dict(zip(flat, record.input_words(flat).tolist(), strict=True))
    produced = dict(zip(unique, record.produced_texts(unique).tolist(), strict=True))
    # a replacement of this run is analyzed again only when it holds an input word
    # other than itself (a surrogate that equals another row's value is no leak)
    todo = [t for t in unique
            if not produced[t] or any(is_input[w] for w in words[t] if w != t)]
    found: dict[str, list[tuple[str, str, float]]] = {
        t: [(f.text, f.entity_type, f.score) for f in fs]
        for t, fs in zip(todo, masker.detect(todo, context), strict=True)}
    checked = checked_types(masker)
    for t in unique:  # numbers whose check digit passes, at any score, in any shape
        for start, end, entity in checked_numbers(t, checked):
            found.setdefault(t, []).append((t[start:end], entity, 1.0))
    leaks, seen = [], set()
    for n, t in cells:
        for text, entity, score in found.get(t, ()):
            if (n, entity, text) in seen or record.produced_texts([text])[0]:
                continue
            inside = [w for w in words[t] if is_input[w] and text in w]
            if inside or record.input_words([text])[0]:
                seen.add((n, entity, text))
                leaks.append(Leak(f"{at} row {n}", entity, preview(text, entity), score))
    return leaks
