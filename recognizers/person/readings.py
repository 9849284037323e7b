"""Names written with their readings: katakana or hiragana readings of a surname and a
given name (スガワラ ナオミ), and a kanji name followed by its reading in brackets."""

from __future__ import annotations

import re
from collections.abc import Iterator

from recognizers.base import Candidate, Ladder
from recognizers.names_dict import NameDictionary, to_katakana
from recognizers.person.cues import candidate, cue_around
from recognizers.person.vocabulary import KANJI

# Katakana readings of a surname and a given name, a space between: スガワラ ナオミ.
_KANA_PAIR = re.compile(r"([ァ-ヺー](?<![ァ-ヺー].)[ァ-ヺー]{1,7}) ([ァ-ヺー]{2,8})(?![ァ-ヺー])")
# The same in hiragana, only before an honorific (hiragana pairs in prose are words):
# `たかはし はなこ様`.
_HIRAGANA_PAIR = re.compile(
    r"([ぁ-ゖー](?<![ぁ-ゖー].)[ぁ-ゖー]{1,7}) ([ぁ-ゖー]{2,8})"
    r"(?=[ ]?(?:様|さま|さん|くん|ちゃん|殿))"
)
# A kanji name and its reading in parentheses: 山田太郎（やまだ たろう、…）.
_READING_AFTER = re.compile(
    rf"([{KANJI}](?<![{KANJI}].)[{KANJI}]{{0,5}}(?: [{KANJI}]{{1,3}})?)"
    r"[(（]([ぁ-ゖァ-ヺー ]{4,16})[)）、,]"
)


def kana_pairs(text: str, names: NameDictionary) -> Iterator[Candidate]:
    """Katakana readings `スガワラ ナオミ`: a surname reading, a space, a given-name
    reading; in hiragana before an honorific (`たかはし はなこ様`)."""
    for m in _KANA_PAIR.finditer(text):
        if m.group(1) in names.surname_readings and m.group(2) in names.given_readings:
            start, end = m.span()
            cue = cue_around(text, start, end)
            score = Ladder.DISTINCT_FORMAT if cue else Ladder.FORMATTED
            yield candidate(text, start, end, score, "katakana reading", cue)
    if "\u3000" in text or " " in text:
        for m in _HIRAGANA_PAIR.finditer(text.replace("\u3000", " ")):
            if to_katakana(m.group(1)) in names.surname_readings and names.is_given_reading(
                m.group(2)
            ):
                start, end = m.span()
                yield candidate(text, start, end, Ladder.DISTINCT_FORMAT, "reading of a name",
                            cue_around(text, start, end))


def names_with_readings(text: str, names: NameDictionary) -> Iterator[Candidate]:
    """A kanji name followed by its reading in parentheses, the reading a surname's
    and a given name's: 山田太郎（やまだ たろう）."""
    for m in _READING_AFTER.finditer(text):
        if not names.is_full_reading(m.group(2).strip()):
            continue
        start, end = m.span(1)
        if len(m.group(1).replace(" ", "")) < 2:
            continue
        score = Ladder.DISTINCT_FORMAT
        yield candidate(text, start, end, score, "name with its reading", "reading after")
        r_start, r_end = m.span(2)
        r_start += len(m.group(2)) - len(m.group(2).lstrip())
        r_end -= len(m.group(2)) - len(m.group(2).rstrip())
        yield candidate(text, r_start, r_end, score, "reading of a name", "after the name")
