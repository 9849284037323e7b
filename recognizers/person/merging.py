"""Joining the finders' candidates: apart, absorbed into a whole field, and the surname of
a full name where it recurs alone."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from itertools import accumulate

from recognizers.base import Candidate, Ladder
from recognizers.names_dict import NameDictionary
from recognizers.person.cues import candidate
from recognizers.person.vocabulary import (
    ADDRESSEE_AFTER,
    FAMILY_AFTER,
    IN_WORD,
    KATAKANA_PART,
    NOT_PERSON_AFTER,
    PART_SEPARATORS,
)

_LATIN_LETTER = re.compile("[A-Za-z]")
# The family name that ends a name in Latin letters (Haugh, O'Brien, SATO).
_LATIN_FAMILY = re.compile(r"[A-Z][A-Za-z'’-]{2,}")


def add_apart(found: dict[tuple[int, int], Candidate], cands: Iterator[Candidate]) -> None:
    """Candidates that overlap none found before."""
    spans = sorted(found)
    for cand in cands:
        i = bisect_left(spans, (cand.end, cand.end))
        if any(s < cand.end and e > cand.start for s, e in spans[max(0, i - 8) : i]):
            continue
        found[(cand.start, cand.end)] = cand


def absorb_whole(found: dict[tuple[int, int], Candidate], cands: Iterator[Candidate]) -> None:
    """Candidates that hold whole every name found before that they overlap (上村伊津代
    over SudachiPy's 上村伊津), absorbing them; the others are dropped. The candidates
    themselves never overlap."""
    spans = sorted(found)
    for cand in cands:
        i = bisect_left(spans, (cand.end, cand.end))
        if not any(
            s < cand.end and e > cand.start and (s < cand.start or e > cand.end)
            for s, e in spans[max(0, i - 8) : i]
        ):
            absorb(found, cand)


def absorb(found: dict[tuple[int, int], Candidate], field: Candidate) -> None:
    """A whole field (label value, name column) replaces the names found inside it."""
    inner = [
        (s, e)
        for s in range(field.start, field.end)
        for e in range(s + 1, field.end + 1)
        if (s, e) in found
    ]
    for key in inner:
        c = found.pop(key)
        if c.score > field.score:
            field.score, field.rung = c.score, c.rung
            field.notes = (*field.notes, f"{c.pattern} inside")
    found[(field.start, field.end)] = field


def _surname_of(value: str, names: NameDictionary) -> str | None:
    parts = PART_SEPARATORS.split(value)
    if len(parts) > 1 and KATAKANA_PART.fullmatch(parts[-1]) and len(parts[-1]) > 1:
        return parts[-1]  # ジャック・ワーナー: a foreign family name comes last
    if len(parts) > 1 and _LATIN_FAMILY.fullmatch(parts[-1]):
        return parts[-1]  # Julianne Frances Haugh: so does one in Latin letters
    if len(parts) > 1:
        return parts[0]
    for k in (3, 2):
        if len(value) > k and value[:k] in names.surnames:
            return value[:k]
    return None


def same_person(text: str, cands: list[Candidate], names: NameDictionary) -> list[Candidate]:
    """The surname of a full name found in the text, where it recurs alone, is that person,
    and so is a full name in Latin letters where it recurs whole (a copyright line above
    the credit that found it): of a full name reported after the name model
    (`person_model.rescore`) has decided."""
    full = [c.value for c in cands if c.score >= Ladder.FORMATTED]
    surnames = {s for v in full if (s := _surname_of(v, names))}
    if not surnames:
        return cands
    wholes = {v for v in full if " " in v and v.isascii()}  # Julianne Frances Haugh
    taken = {(c.start, c.end): c for c in cands}
    starts = [c.start for c in cands]
    reach = list(accumulate((c.end for c in cands), max))  # furthest end so far
    alternatives = "|".join(map(re.escape, sorted(surnames | wholes, key=len, reverse=True)))
    rx = re.compile(alternatives)  # literals first: the regex engine skips ahead on them
    added: list[Candidate] = []
    for m in rx.finditer(text):
        start, end = m.span()
        if (IN_WORD.match(text, end) and not FAMILY_AFTER.match(text, end)) or (
            start and IN_WORD.match(text, start - 1)
        ):
            continue  # 浅野木材工業: a company named after the person; バルカ家 is the family
        if _LATIN_LETTER.match(text, end) or (start and _LATIN_LETTER.match(text, start - 1)):
            continue  # Haugh in Haughton
        if NOT_PERSON_AFTER.match(text, end) or ADDRESSEE_AFTER.match(text, end):
            continue
        c = taken.get((start, end))
        if c is not None and c.rung == "CHECKED_ALONE":
            c.score, c.rung = Ladder.LOW_CONTEXT, "LOW_CONTEXT"
            c.notes = (*c.notes, "surname of a full name in the same text")
            continue
        before = bisect_left(starts, end)
        if c is not None or (before and reach[before - 1] > start):
            continue
        if m.group() in wholes:
            pattern = "full name found again"
            added.append(candidate(text, start, end, Ladder.FORMATTED, pattern, None))
        else:
            pattern = "surname of a full name"
            added.append(candidate(text, start, end, Ladder.LOW_CONTEXT, pattern, None))
    return sorted(cands + added, key=lambda c: (c.start, c.end))
