"""Japanese personal names from the japanese-personal-name-dataset package (MIT).

About 2,000 surnames with readings and about 9,400 given-name readings with their kanji
spellings, as sets: kanji spellings, katakana readings and romanizations (Hepburn and
the dataset's own `ou` spelling).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

_HIRA_TO_KATA = {c: c + 0x60 for c in range(0x3041, 0x3097)}


def to_katakana(text: str) -> str:
    """Hiragana -> katakana; other characters unchanged."""
    return text.translate(_HIRA_TO_KATA)


# Hepburn syllables and their Kunrei-shiki (ISO 3602) spelling: Mitsuru -> Mituru.
_KUNREI = (
    ("sha", "sya"), ("shu", "syu"), ("sho", "syo"), ("shi", "si"), ("cha", "tya"),
    ("chu", "tyu"), ("cho", "tyo"), ("chi", "ti"), ("tsu", "tu"), ("ja", "zya"), ("ju", "zyu"),
    ("jo", "zyo"), ("ji", "zi"), ("fu", "hu"),
)


def romaji_forms(romaji: str) -> set[str]:
    """Lower-case spellings of one romanized name: `satou` -> satou, sato, satoh; and each
    in Kunrei-shiki (`shouta` -> syouta, syota, syotah)."""
    base = romaji.lower()
    forms = {base}
    for long_vowel, short in (("ou", "o"), ("uu", "u"), ("oo", "o")):
        if long_vowel in base:
            forms.add(base.replace(long_vowel, short))
            if long_vowel == "ou":
                forms.add(base.replace(long_vowel, "oh"))
    return forms | {_to_kunrei(form) for form in forms}


def _to_kunrei(hepburn: str) -> str:
    for syllable, kunrei in _KUNREI:
        hepburn = hepburn.replace(syllable, kunrei)
    return hepburn


@dataclass(frozen=True, slots=True)
class NameDictionary:
    """Sets for membership tests; every value NFKC-normalized."""

    surnames: frozenset[str]  # kanji spellings
    given_names: frozenset[str]  # kanji spellings
    surname_readings: frozenset[str]  # katakana
    given_readings: frozenset[str]  # katakana
    surname_romaji: frozenset[str]  # lower case
    given_romaji: frozenset[str]  # lower case
    given_chars: frozenset[str]  # every kanji used in a given name's spelling

    def is_given_reading(self, kana: str) -> bool:
        return to_katakana(kana) in self.given_readings

    def is_full_reading(self, kana: str) -> bool:
        """A surname reading then a given-name reading (`やまだ たろう`, `ヤマダタロウ`); with a
        space between, a known surname reading and any second part of two kana or more."""
        kata = to_katakana(kana)
        if " " in kata:
            first, _, second = kata.partition(" ")
            return first in self.surname_readings and len(second) >= 2
        return any(
            kata[:k] in self.surname_readings and kata[k:] in self.given_readings
            for k in range(2, len(kata) - 1)
        )


@cache
def name_dictionary() -> NameDictionary:
    """Load the dataset once (about 0.1 s)."""
    from japanese_personal_name_dataset import load_dataset

    men, women, last = load_dataset("org", include_last_names=True)
    given: set[str] = set()
    given_readings: set[str] = set()
    given_romaji: set[str] = set()
    for names in (men, women):
        for reading, entry in names.items():
            given.update(entry["kanji"])
            given_readings.add(to_katakana(reading))
            given_romaji.update(romaji_forms(entry["en"]))
    surname_romaji: set[str] = set()
    for entry in last.values():
        surname_romaji.update(romaji_forms(entry["en"]))
    return NameDictionary(
        surnames=frozenset(last),
        given_names=frozenset(given),
        surname_readings=frozenset(to_katakana(e["reading"]) for e in last.values()),
        given_readings=frozenset(given_readings),
        surname_romaji=frozenset(surname_romaji),
        given_romaji=frozenset(given_romaji),
        given_chars=frozenset(ch for name in given for ch in name if "\u4e00" <= ch <= "\u9fff"),
    )
