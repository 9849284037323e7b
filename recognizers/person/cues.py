"""The cue that places a name on the score ladder: an honorific or title after, a label or
role before, a particle after a whole word in prose; and the candidate it makes."""

from __future__ import annotations

import re

from recognizers.base import Candidate, Ladder
from recognizers.person.vocabulary import (
    DEPARTMENT_AFTER,
    HONORIFIC_AFTER,
    IN_WORD,
    KANJI,
    KANJI_ONLY,
    KATAKANA_PART,
    LABEL_BEFORE,
    NOT_PERSON_AFTER,
    ORG_WORD,
    PARTICLE_AFTER,
)
from recognizers.sudachi_tokens import is_country

# A role or relation and の right before a name: 作家の…, 父の…, 会社員の…, 監督の….
_ROLE_BEFORE = re.compile(
    r"(?:[\u4e00-\u9fff]{0,5}(?:家|者|手|員|師|士|優|長|官)|父|母|妻|夫|兄|弟|姉|妹|息子|娘|"
    r"長男|次男|三男|長女|次女|祖父|祖母|孫|友人|弟子|師匠|上司|部下|同僚|恋人|監督|首相|"
    r"大統領|知事|将軍|当主|藩主|教授|博士|ライター|タレント|アナウンサー|キャスター)の$"
)
# Titles that follow a country's name as often as a person's (アメリカ大統領, ペルー外相).
_STATE_TITLE_AFTER = re.compile(
    r"[ ]?(?:元|前|現)?(?:大統領|副大統領|首相|外相|国務長官|大使|公使|総領事|領事|国王|女王|"
    r"王子|王女|皇帝|主席)"
)
_LATIN_OR_DIGIT = re.compile(r"[0-9A-Za-z]")
# `の` and one such character after a word make a place name (千代の台, 桜の丘), no particle.
_PLACE_AFTER_NO = re.compile(rf"の[台丘坂森里宮浦沢郷谷原](?![{KANJI}])")
_TRAILING_SEPARATORS = re.compile(r"[ ::=]+$")


def candidate(
    text: str, start: int, end: int, score: float, pattern: str, cue: str | None
) -> Candidate:
    rung = {
        Ladder.DISTINCT_FORMAT: "DISTINCT_FORMAT",
        Ladder.SHAPE_WITH_CONTEXT: "SHAPE_WITH_CONTEXT",
        Ladder.FORMATTED: "FORMATTED",
        Ladder.LOW_CONTEXT: "LOW_CONTEXT",
        Ladder.CHECKED_ALONE: "CHECKED_ALONE",
        Ladder.SHAPE_ALONE: "SHAPE_ALONE",
    }[score]
    return Candidate("PERSON", start, end, score, pattern, rung, context=cue, value=text[start:end])


def cue_around(text: str, start: int, end: int, *, roles: bool = True) -> str | None:
    """An honorific or title right after, or a label or title right before; a role and
    の right before too (作家の…) unless `roles` is false."""
    m = HONORIFIC_AFTER.match(text, end) or DEPARTMENT_AFTER.match(text, end)
    if m and not NOT_PERSON_AFTER.match(text, m.end()):  # 大さん橋: a pier's name
        return f"'{m.group().strip()}' after"
    line_start = text.rfind("\n", 0, start) + 1
    m = LABEL_BEFORE.search(text, max(line_start, start - 14), start)
    if m:
        return f"'{_TRAILING_SEPARATORS.sub('', m.group())}' before"
    m = roles and _ROLE_BEFORE.search(text, max(line_start, start - 8), start)
    if m:
        return f"'{m.group()}' before"
    return None


def prose_cue(text: str, start: int, end: int) -> str | None:
    """A particle right after a whole word: `…は`, `…が`, `…と`: the word is the subject."""
    if IN_WORD.match(text, end) or (start and text[start - 1] in "「『"):
        return None
    if start and _LATIN_OR_DIGIT.match(text, start - 1):
        return None
    if _beautified_word(text, start):
        return None  # お布施を, ご本人が: a word with an honorific prefix
    word = text[start:end]
    if len(word) < 2:
        return None  # 広がる, 頼る: one kanji before a particle is a verb stem as often
    if ORG_WORD.search(word):
        return None
    # A katakana name may follow a kanji title (軍人エフィム・プチャーチン); a kanji one may not.
    before = KATAKANA_PART if KATAKANA_PART.match(text, start) else IN_WORD
    if start and before.match(text, start - 1):
        return None
    m = PARTICLE_AFTER.match(text, end)
    if m is None or _PLACE_AFTER_NO.match(text, end):
        return None
    return f"'{m.group()}' after"


def _beautified_word(text: str, start: int) -> bool:
    """A kanji word right after the honorific prefix お or ご (お布施, ご本人), not after
    なお (moreover) or とお."""
    return (
        start > 0
        and text[start - 1] in "おご"
        and KANJI_ONLY.match(text, start) is not None
        and text[start - 2 : start - 1] not in ("な", "と")
    )


def country_before_title(text: str, start: int, end: int) -> bool:
    """A country's name before a title of state: アメリカ大統領, ペルー外相, タイ国王."""
    return bool(_STATE_TITLE_AFTER.match(text, end)) and is_country(text[start:end])
