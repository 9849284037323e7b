"""What SudachiPy's dictionary and the name dataset know of a word, cached: whether a kanji
run may hold a surname and a given name, a katakana word may be a foreign name, a word
is a common one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

from recognizers.names_dict import NameDictionary, name_dictionary
from recognizers.person.vocabulary import HAN_SURNAMES, NOT_PERSON_AFTER, ORG_WORD, PARTICLE_KANA
from recognizers.sudachi_tokens import (
    FOREIGN,
    MEI,
    NAME_KINDS,
    SEI,
    dictionary_class,
    lookup_kinds,
    words,
)

_DOT_SEPARATORS = re.compile("[・=]")
_PLACE_UNIT = re.compile(r"[都道府県市区町村郡]")


@lru_cache(maxsize=1 << 14)
def dictionary_full_name(run: str) -> bool:
    """A kanji word that is a surname and a given name of the dataset, whole (cached: the
    same words recur in any text)."""
    return dictionary_name(run, name_dictionary()) == (0, len(run), True)


def read_as_other_words(text: str, start: int, end: int, names: NameDictionary) -> bool:
    """A span SudachiPy reads, in its sentence, as common words it knows (no proper noun)
    cut elsewhere than between the dataset's surname and given name: 新規|行を is no
    新|規行 (but 大家|硯 may be 大家 硯)."""
    left = max(0, start - 8)
    inside = [w for w in words(text[left : end + 4]) if left + w[0] < end and left + w[1] > start]
    if any(oov or "固有名詞" in pos for *_, pos, oov in inside):
        return False
    cuts = {left + w[1] - start for w in inside}
    run = text[start:end]
    return not any(
        k in cuts and run[:k] in names.surnames and run[k:] in names.given_names
        for k in (3, 2, 1)
    )


def given_prefixes(kana: str, names: NameDictionary) -> Iterator[int]:
    """Lengths, longest first, of the given names or readings that open a run of kana
    (さゆりと: 3); two kana that open with a particle are the particle (はこの)."""
    shortest = 3 if kana[:1] in PARTICLE_KANA else 2
    for k in range(len(kana), shortest - 1, -1):
        if kana[:k] in names.given_names or names.is_given_reading(kana[:k]):
            yield k


def family_word(word: str) -> bool:
    """A surname and 家, 派 or 一族 that SudachiPy does not know as a word, or knows only as a
    surname (鳥羽家); not a shop's name (吉野家)."""
    return word_class(word) == "unknown" or word_kinds(word) == {SEI}


def dictionary_name(
    run: str, names: NameDictionary, *, cued: bool = False
) -> tuple[int, int, bool] | None:
    """(start, end, full) of a dictionary name ending a kanji run: 山田, 山田太郎, 山田 太郎.
    `cued` (an honorific follows): a known surname then one to three kanji used in given
    names is a full name too, whether or not the dataset lists it (石田凛花様)."""
    run = run.rstrip(" ")
    if " " in run:
        first, second = run.split(" ")
        if first in names.surnames and second in names.given_names:
            return 0, len(run), True
        run_start = len(first) + 1
        run = second
    else:
        run_start = 0
    for k in (3, 2, 1):
        if len(run) > k and run[:k] in names.surnames and run[k:] in names.given_names:
            return run_start, run_start + len(run), True
    if cued:
        for k in (3, 2):
            rest = run[k:]
            if (
                run[:k] in names.surnames
                and 1 <= len(rest) <= 3
                and all(ch in names.given_chars for ch in rest)
                and not NOT_PERSON_AFTER.match(rest)
            ):
                return run_start, run_start + len(run), True
    for k in (3, 2):
        if len(run) >= k and run[-k:] in names.surnames:
            return run_start + len(run) - k, run_start + len(run), False
    return None


def may_be_foreign_name(word: str) -> bool:
    """Katakana that SudachiPy does not list as a common word (whole, or every part), nor
    is two common words run together (パスワードリセット, レビューコメント)."""
    parts = [p for p in _DOT_SEPARATORS.split(word) if len(p) > 1]
    if len(parts) == 1 and word_class(parts[0]) == "place":
        return False
    return any(word_class(p) not in ("common", "place") and not _common_compound(p)
               for p in parts)


@lru_cache(maxsize=1 << 14)
def _common_compound(word: str) -> bool:
    """A katakana word SudachiPy does not know that splits into two common words of three
    characters or more (スケジュール|リスト): a compound loanword, not a name."""
    if word_class(word) != "unknown":
        return False
    return any(
        word_class(word[:k]) == "common" and word_class(word[k:]) == "common"
        for k in range(3, len(word) - 2)
    )


@cache
def korean_surnames() -> frozenset[str]:
    from faker.providers.person.ko_KR import Provider

    return frozenset(Provider.last_names)


@cache
def cued_han_surnames() -> frozenset[str]:
    """Surnames of Chinese and Korean names with a cue: the common ones, and every surname
    of one character in Faker's Chinese lists, as Taiwan (黃, 賴) and the mainland (张, 刘)
    write them, for names pasted from their mail."""
    from faker.providers.person.zh_CN import Provider as Mainland
    from faker.providers.person.zh_TW import Provider as Taiwan

    faker = {n for p in (Mainland, Taiwan) for n in p.last_names if len(n) == 1}
    # 頼 (賴 reaches the recognizers folded: scanner.kanji_variants), 頼清徳
    return HAN_SURNAMES | frozenset(faker) | {"頼"}


@lru_cache(maxsize=1 << 14)
def han_given(word: str) -> bool:
    """A surname and two kanji that SudachiPy's dictionary holds neither as a whole word
    nor as a word of the two (金融庁, 董事長, 文鮮明 are words)."""
    return word_class(word) == "unknown" and word_class(word[1:]) == "unknown"


@lru_cache(maxsize=1 << 14)
def unknown_katakana(word: str) -> bool:
    """A katakana word, not of a company or a venue, whose parts SudachiPy does not know."""
    if ORG_WORD.search(word):
        return False
    return all(word_class(p) == "unknown" for p in _DOT_SEPARATORS.split(word))


@lru_cache(maxsize=1 << 14)
def katakana_person_entry(word: str) -> bool:
    """A katakana word (not of a company or a venue) one of whose SudachiPy entries is
    a person's name: ヘンリー, クレーマー, but also データ (the model tells them apart)."""
    return not ORG_WORD.search(word) and FOREIGN in lookup_kinds(word)


@lru_cache(maxsize=1 << 14)
def word_class(word: str) -> str:
    return dictionary_class(word)


def may_hold_spaced_name(first: str, second: str, names: NameDictionary) -> bool:
    """`山田 太郎`, `林 智也`, `鈴木 くみ子`: a surname, one space, a given name."""
    surname = any(first[-k:] in names.surnames for k in (1, 2, 3) if len(first) >= k)
    return surname or second in names.given_names or names.is_given_reading(second)


@lru_cache(maxsize=1 << 16)
def run_may_hold_name(run: str) -> bool:
    """Whether a kanji run may hold a name, cached: the same words recur in any text."""
    return _may_hold_name(run, name_dictionary()) or _may_open_with_name(run)


def _may_hold_name(run: str, names: NameDictionary) -> bool:
    """A known surname followed by a known given name somewhere in a kanji run."""
    limit = len(run) - 1
    for p in range(limit):
        for k in (2, 1, 3):
            if p + k > limit or run[p : p + k] not in names.surnames:
                continue
            rest = run[p + k : p + k + 3]
            if any(rest[:m] in names.given_names for m in (1, 2, 3) if m <= len(rest)):
                return True
    return False


def _may_open_with_name(run: str) -> bool:
    """A kanji run opening with a surname and a given name SudachiPy both knows, whether or
    not the dataset lists them (倍賞美津子, 真壁刀義); the run may go on (徳川家康公). A longer
    run may end with one after a role (相談役大口喜六, 理学者式場隆三郎), but not after a
    prefecture or municipality: that is an address's town (山形県酒田市大宮槇野)."""
    if len(run) > 6:
        return any(_may_open_with_name(run[-k:]) and not _PLACE_UNIT.search(run, 0, len(run) - k)
                   for k in (3, 4, 5))
    if len(run) <= 2:
        return False
    for k in (2, 1, 3):
        if len(run) > k and SEI in word_kinds(run[:k]):
            given = (run[k : k + m] for m in (2, 1, 3) if k + m <= len(run))
            if any(MEI in word_kinds(g) for g in given):
                return True
    return False


@lru_cache(maxsize=1 << 16)
def word_kinds(word: str) -> frozenset[int]:
    """SudachiPy's kinds for one word, cached: the same words recur in business text."""
    return lookup_kinds(word)


@lru_cache(maxsize=1 << 16)
def katakana_may_be_name(run: str) -> bool:
    """Whether a katakana run may be a name, cached: the same words recur in any text."""
    names = name_dictionary()
    if "・" in run or "=" in run or "＝" in run:
        return True
    words = run.split(" ")
    if len(words) == 2:
        return words[0] in names.surname_readings or words[1] in names.given_readings
    return bool(word_kinds(run) & NAME_KINDS)
