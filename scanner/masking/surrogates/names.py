"""Name surrogates: a real surname and given name in kanji with their readings.

The surname surrogate is keyed on the source surname alone and the given name on the
given name alone, so one family keeps one surrogate surname everywhere (山田太郎 and
山田花子 become 佐藤健一 and 佐藤優子). Readings come from the same dataset entry, so a
reading column can be filled to match (`reading_of`).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from scanner.masking.keyed import in_jis_x0208, keyed_rng

_SPACE = re.compile(r"[ \u3000]+")
_NAME_DOT = re.compile(r"[・･=＝]")
_LATIN = "A-Za-zÀ-ÖØ-öø-ʯḀ-ỿ"  # with accents: María García, Nguyễn Thị Hoa
_ROMANIZED = re.compile(rf"[{_LATIN}][{_LATIN}'’.-]*(?: [{_LATIN}][{_LATIN}'’.-]*){{0,3}}\Z")
_HANGUL = re.compile("[가-힣]{2,4}")
_REGNAL = re.compile(r"(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})世\Z")  # ヘンリー8世
_KANA = re.compile(r"^[\u3041-\u3096\u30a1-\u30fa\u30fc\uff65-\uff9f ・=＝\u3000゛゜ﾞﾟ]+$")


@dataclass(frozen=True, slots=True)
class NameEntry:
    kanji: str
    reading: str  # hiragana
    romaji: str = ""  # Hepburn without long-vowel marks, capitalized: Sato, Yuki


@dataclass(frozen=True, slots=True)
class NameSurrogate:
    surname: NameEntry
    given: NameEntry | None
    separator: str

    @property
    def kanji(self) -> str:
        if self.given is None:
            return self.surname.kanji
        return self.surname.kanji + self.separator + self.given.kanji

    def reading(self, separator: str = " ") -> str:
        if self.given is None:
            return self.surname.reading
        return self.surname.reading + separator + self.given.reading


@lru_cache(maxsize=1)
def _surnames() -> tuple[NameEntry, ...]:
    """The most common surnames (count >= 20,000), kanji and reading."""
    path = resources.files("japanese_personal_name_dataset") / "dataset" / "last_name_org.csv"
    with path.open(encoding="utf-8") as fh:
        rows = [(r[0], int(r[1]), r[2]) for r in csv.reader(fh) if len(r) >= 3]
    with path.open(encoding="utf-8") as fh:
        romaji = {r[0]: r[3] for r in csv.reader(fh) if len(r) >= 4}
    return tuple(NameEntry(k, rd, _hepburn(romaji.get(k, ""))) for k, n, rd in rows
                 if n >= 20000 and in_jis_x0208(k))


@lru_cache(maxsize=1)
def _known_surnames() -> frozenset[str]:
    path = resources.files("japanese_personal_name_dataset") / "dataset" / "last_name_org.csv"
    with path.open(encoding="utf-8") as fh:
        return frozenset(r[0] for r in csv.reader(fh) if r)


@lru_cache(maxsize=1)
def _given_names() -> tuple[NameEntry, ...]:
    """Popular given names: the first three kanji spellings of each reading."""
    base = resources.files("japanese_personal_name_dataset") / "dataset"
    out: list[NameEntry] = []
    for name in ("first_name_man_opti.csv", "first_name_woman_opti.csv"):
        with (base / name).open(encoding="utf-8") as fh:
            for row in csv.reader(fh):
                out.extend(NameEntry(k, row[0], _hepburn(row[1])) for k in row[2:5]
                           if k and in_jis_x0208(k))
    return tuple(out)


def split_name(value: str) -> tuple[str, str, str]:
    """(surname, separator, given name): on a space, else after the longest known
    surname prefix, else after the first two characters (one if the name is short)."""
    m = _SPACE.search(value.strip())
    text = value.strip()
    if m:
        return text[: m.start()], m.group(), text[m.end() :]
    if is_kana(text):  # a surname's reading then a given name's, as the dataset knows them
        dot = _NAME_DOT.search(text)
        if dot:  # a foreign name: グエン・ヴァン・アン, ル=グウィン
            return text[: dot.start()], dot.group(), text[dot.end() :]
        cut = _reading_cut(text)
        return (text[:cut], "", text[cut:]) if cut else (text, "", "")
    known = _known_surnames()
    if text in known:
        return text, "", ""
    for cut in range(min(4, len(text) - 1), 0, -1):
        if text[:cut] in known:
            return text[:cut], "", text[cut:]
    cut = 2 if len(text) >= 4 else 1
    return text[:cut], "", text[cut:]


def _reading_cut(kana: str) -> int | None:
    """Where a kana name with no space splits into a surname's reading and a given
    name's, both in the name dataset (ヤマダタロウ -> ヤマダ|タロウ), the longest surname
    first; None when no split is known (a surname alone, a word)."""
    from recognizers.names_dict import name_dictionary, to_katakana

    names, kata = name_dictionary(), to_katakana(kana)
    for cut in range(len(kata) - 2, 1, -1):
        if kata[:cut] in names.surname_readings and kata[cut:] in names.given_readings:
            return cut
    return None


def name_surrogate(key: bytes, value: str) -> NameSurrogate:
    """The surrogate person for a source name (kanji or kana)."""
    surname, sep, given = split_name(value)
    s_entry = keyed_rng(key, "PERSON/surname", surname).choice(_surnames())
    g_entry = keyed_rng(key, "PERSON/given", given).choice(_given_names()) if given else None
    return NameSurrogate(s_entry, g_entry, sep)


def person_name(key: bytes, value: str) -> str:
    """A name surrogate written like the source: kanji, kana if the source is kana (with
    its regnal number kept: ヘンリー8世 -> コダマ8世), romaji if it is in Latin letters,
    Hangul if it is in Hangul."""
    if _ROMANIZED.match(value.strip()):
        return _romanized(key, value.strip())
    if _HANGUL.fullmatch(value.strip()):
        return _hangul(key, value.strip())
    regnal = _REGNAL.search(value)
    if regnal and is_kana(value[: regnal.start()]):
        return person_name(key, value[: regnal.start()]) + regnal.group()
    sur = name_surrogate(key, value)
    if is_kana(value):
        return render_reading(sur.reading(sur.separator), value)
    return sur.kanji


def _romanized(key: bytes, value: str) -> str:
    """`Kenji Sato` -> `Akio Suzuki`: each part replaced in place, in its case (SATO ->
    SUZUKI); the surname is the part the name dataset knows as one, else the first
    (Japanese order), and is keyed as kanji surnames are, so it is kept across names.
    A name not every part of which is Japanese gets a foreign one (`_foreign`)."""
    from recognizers.names_dict import name_dictionary

    parts = value.split()
    names = name_dictionary()
    japanese = names.surname_romaji | names.given_romaji
    if not all(p.lower() in japanese for p in parts):
        return _foreign(key, parts)
    last = len(parts) - 1
    western = last > 0 and parts[last].lower() in names.surname_romaji and not (
        parts[0].lower() in names.surname_romaji and parts[last].lower() in names.given_romaji)
    surname_at = last if western else 0
    out = []
    for i, part in enumerate(parts):
        if i == surname_at:
            entry = keyed_rng(key, "PERSON/surname-romaji", part.lower()).choice(_surnames())
        else:
            entry = keyed_rng(key, "PERSON/given-romaji", part.lower()).choice(_given_names())
        out.append(entry.romaji.upper() if part.isupper() and len(part) > 1 else entry.romaji)
    return " ".join(out)


def _hangul(key: bytes, value: str) -> str:
    """`김민준` -> `박서연`: a surname and a given name of Faker's ko_KR lists, keyed on the
    first syllable (the surname) and on the rest, so a family keeps one surname."""
    from faker.providers.person.ko_KR import Provider

    surnames = sorted(Provider.last_names)
    given = sorted(set(Provider.first_names))
    surname = keyed_rng(key, "PERSON/surname-hangul", value[0]).choice(surnames)
    if surname == value[0]:
        surname = surnames[(surnames.index(surname) + 1) % len(surnames)]
    drawn = keyed_rng(key, "PERSON/given-hangul", value[1:]).choice(given)
    if drawn == value[1:]:
        drawn = given[(given.index(drawn) + 1) % len(given)]
    return surname + drawn


def _foreign(key: bytes, parts: list[str]) -> str:
    """`John Smith` -> `Pablo Fischer`, `NGUYEN VAN AN` -> `KOWALSKI VAN ELIF`: each word
    replaced by a given or a family name of Faker's Latin-script locales (accents folded,
    so legacy encodings hold it), in its case; particles (van, de la) kept. A word is a
    family name when the lists know it only as one, else a given name when it opens a
    longer name or the lists know it only as one. Keyed on the word, so Mr. Smith and
    John Smith keep one surname."""
    from recognizers.latin_names import PARTICLES, fold_accents, name_kinds
    from recognizers.names_dict import name_dictionary

    names = name_dictionary()
    out = []
    for i, part in enumerate(parts):
        if part.lower() in PARTICLES and 0 < i < len(parts) - 1:
            out.append(part)
            continue
        kinds = name_kinds(part, names)
        given = kinds == {"given"} or (kinds != {"family"} and i == 0 and len(parts) > 1)
        pool = _latin_given() if given else _latin_family()
        word = fold_accents(part)
        rng = keyed_rng(key, "PERSON/given-latin" if given else "PERSON/family-latin", word)
        drawn = rng.choice(pool)
        if drawn == word:
            drawn = pool[(pool.index(drawn) + 1) % len(pool)]
        out.append(drawn.upper() if part.isupper() and len(part) > 1 else _capitalized(drawn))
    return " ".join(out)


@lru_cache(maxsize=1)
def _latin_given() -> tuple[str, ...]:
    from recognizers.latin_names import latin_names

    return tuple(sorted(w for w in latin_names().given if w.isascii() and w.isalpha()))


@lru_cache(maxsize=1)
def _latin_family() -> tuple[str, ...]:
    from recognizers.latin_names import latin_names

    return tuple(sorted(w for w in latin_names().family if w.isascii() and w.isalpha()))


def _capitalized(word: str) -> str:
    return word[:1].upper() + word[1:]


def _hepburn(romaji: str) -> str:
    """The dataset's romaji as a name is written in Latin letters: long vowels unmarked
    (satou -> Sato, yuuki -> Yuki, oono -> Ono)."""
    plain = romaji.lower().replace("ou", "o").replace("uu", "u").replace("oo", "o")
    return plain[:1].upper() + plain[1:]


def reading_of(key: bytes, name: str, reading_template: str) -> str:
    """The reading of the surrogate of `name`, in the script of `reading_template`
    (hiragana, katakana or half-width katakana) with its separator."""
    sur = name_surrogate(key, name)
    m = _SPACE.search(reading_template.strip()) or _NAME_DOT.search(reading_template)
    return render_reading(sur.reading(m.group() if m else ""), reading_template)


def is_kana(value: str) -> bool:
    return bool(value.strip()) and bool(_KANA.match(value.strip()))


def render_reading(hiragana: str, template: str) -> str:
    """Hiragana converted to the kana script used by `template`."""
    if any("\u3041" <= c <= "\u3096" for c in template):
        return hiragana
    katakana = "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in hiragana)
    if any("\uff66" <= c <= "\uff9f" for c in template):
        return _half_width(katakana)
    return katakana


@lru_cache(maxsize=1)
def _half_width_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for code in range(0xFF61, 0xFFA0):
        half = chr(code)
        table[unicodedata.normalize("NFKC", half)] = half
    for code in range(0x30A1, 0x30FB):
        full = chr(code)
        base = unicodedata.normalize("NFD", full)
        if len(base) == 2 and base[0] in table:
            mark = "ﾞ" if base[1] == "\u3099" else "ﾟ"
            table[full] = table[base[0]] + mark
    table["\u3000"] = " "
    return table


def _half_width(katakana: str) -> str:
    table = _half_width_table()
    return "".join(table.get(c, c) for c in katakana)
