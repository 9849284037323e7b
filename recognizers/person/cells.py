"""Names as values: a cell under a name column, a labelled field's value, and katakana
keyed by a catalogue field that names no person."""

from __future__ import annotations

import re
from collections.abc import Iterator

from recognizers.base import Candidate, Document, Ladder
from recognizers.checks import is_placeholder
from recognizers.latin_names import is_latin_name
from recognizers.names_dict import NameDictionary
from recognizers.person.cues import candidate
from recognizers.person.lexicon import dictionary_name
from recognizers.person.places import is_place_reading
from recognizers.person.romanized import known_romaji, known_romanized
from recognizers.person.vocabulary import CUE_RE, KANA_ONLY, LABEL_SET, PARTICLE_KANA

# The whole value of an entry of a catalogue or configuration file keyed in ASCII
# (`Europe/Kirov=キーロフ`, `"MTL": "マルタ リラ",`), and keys or column names that name a
# person's field (`author`, `sei_kana`, 申込者, 連絡先).
_ENTRY_KEY_BEFORE = re.compile(
    r"(?:^|\n)[ \t]*[\"']?([A-Za-z][\w./-]*)[\"']?[ \t]*[=:][ \t]*[\"']?\Z"
)
_NAMESPACED_KEY = re.compile(r"[a-z][\w-]*(?:[./][\w-]+)+", re.IGNORECASE)
_KATAKANA_VALUE = re.compile(r"[ァ-ヺー][ァ-ヺー・= ]*")
_ENTRY_VALUE_END = re.compile(r"[\"']?,?[ \t]*(?:\n|\Z)")
_PERSON_KEY = re.compile(
    r"name|author|owner|user|contact|person|member|staff|manager|customer|employee|admin"
    r"|maintainer|creator|editor|translator|writer|sender|recipient|reporter|assignee"
    r"|kana|yomi|furigana|shimei|namae|reading|phonetic|ruby|given|family"
    r"|(?:^|[_./-])(?:sei|mei|to|from|cc|by)(?:$|[_./-])"
    r"|[者人名員客主様氏宛先姓読]|担当|家族|カナ|かな|よみ|セイ|メイ",
    re.IGNORECASE,
)
_NAME_CHARS = re.compile(r"[々〆ヶ\u4e00-\u9fffぁ-ゖァ-ヺーA-Za-zÀ-ÖØ-öø-ʯḀ-ỿ. ・=＝'’-]+")
# Words of a sentence, not of a name: a kanji then kana ending as a verb or an auxiliary
# does (使う, 形式になっていません); names written so (美さき, 千ひろ) end otherwise.
_KANJI_THEN_KANA = re.compile(r"[々\u4e00-\u9fff][ぁ-ゖ]")
_VERB_ENDING = re.compile(r"(?:[うくぐすつぬぶむるただてで]|ない|ます|ません)$")
# Column names that name a product or a place as often as a person: their cells count
# only when they read as a name.
_GENERIC_NAME_HEADERS = frozenset(("name", "名前"))

_LABEL_SEPARATOR = re.compile(r"(?:\([^)\n]{1,6}\))?[ ]?[::=][ ]?|[ ]")
_VALUE_CHAR = r"[^\s\d,，、;|:：()（）\[\]「」<>@]"
_LABEL_COLON = re.compile(r"[ ]?[:：]")  # after a word: the word labels the next field
_FIELD_VALUE = re.compile(rf"[ ]?({_VALUE_CHAR}{{1,20}}(?:[ ]{_VALUE_CHAR}{{1,20}})?)")
# Labels that also head a duty or an area (担当：経理, 担当：千葉): a name after them only
# when it is a full name the dataset knows (担当：山田太郎).
_DUTY_LABELS = frozenset(("担当",))


def name_cell(
    text: str, start: int, end: int, column: str, cue: str, names: NameDictionary
) -> Candidate | None:
    """The value of one cell under a name column, its quotes and spaces aside."""
    raw = text[start:end]
    value = raw.strip().strip('"').strip()
    if not value or len(value) > 40 or "\n" in value or not _NAME_CHARS.fullmatch(value):
        return None
    if is_placeholder(value):
        return None
    if column.strip('"').lower() in _GENERIC_NAME_HEADERS and not _reads_as_name(value, names):
        return None  # `name` of a product (Apple Juice, オレンジジュース)
    start += raw.index(value)
    return candidate(text, start, start + len(value), Ladder.SHAPE_WITH_CONTEXT, "name column", cue)


_LATIN_VALUE = re.compile(r"[A-Za-zÀ-ÖØ-öø-ʯḀ-ỿ .'’-]+")


def _reads_as_name(value: str, names: NameDictionary) -> bool:
    """A name in Latin letters (`latin_names`), the reading of a known name, or a value
    that reads as a name as a labelled field's does (`looks_like_name_value`)."""
    if _LATIN_VALUE.fullmatch(value):
        return is_latin_name(value, names) or known_romanized(
            value.lower().split(), names
        )
    if KANA_ONLY.fullmatch(value):  # one kana word: a reading only if the dataset knows it
        return names.is_full_reading(value)
    return looks_like_name_value(value, names)


def looks_like_name_value(value: str, names: NameDictionary) -> bool:
    """A field value that can be a name: two parts that can each be part of a name, a
    kana reading, or a known name (in kanji, kana or romaji)."""
    if not _NAME_CHARS.fullmatch(value):
        return False
    if KANA_ONLY.fullmatch(value.replace(" ", "")):
        # a reading; its parts may open with a kana that is also a particle (たかす かゆき,
        # ごんだ もも), but not the reading of an address (とうきょうと ねりまく)
        return not is_place_reading(value)
    if " " in value:
        return all(_name_part(p, names) for p in value.split(" "))
    if value.isascii():
        return known_romaji(value, names)
    return dictionary_name(value, names, cued=True) is not None


def known_full_name(value: str, names: NameDictionary) -> bool:
    """A surname and a given name both in the dataset, with or without a space."""
    value = value.replace("\u3000", " ")
    return dictionary_name(value, names) == (0, len(value), True)


def _name_part(part: str, names: NameDictionary) -> bool:
    """Not a placeholder in capitals (`名前 FILE`) nor words of a sentence that goes on
    after a label used as a plain noun (`名前 FILE を使う`, `名前=値 形式になって…`)."""
    if part.isascii():
        return not part.isupper() or known_romaji(part, names)
    if part[0] in PARTICLE_KANA:
        return False
    return not (_KANJI_THEN_KANA.search(part) and _VERB_ENDING.search(part))


def keyed_by_another_field(doc: Document) -> bool:
    """The text is the value of a namespaced key of a catalogue (a JSON key `Europe/Kirov`,
    `common.city`) that names no person. Column names (カナ, 備考, col3) do not count."""
    headers = doc.headers
    return (
        any(_NAMESPACED_KEY.fullmatch(h) for h in headers)
        and not any(_PERSON_KEY.search(h) for h in headers)
    )


def catalogue_word(text: str, start: int, end: int, keyed: bool) -> bool:
    """Katakana standing as a whole value keyed by a field that names no person: a line
    `Europe/Kirov=キーロフ`, `"MTL": "マルタ リラ",`, or a JSON value or cell so keyed. A
    place, a currency or a script in a catalogue, not a name."""
    if not _KATAKANA_VALUE.fullmatch(text, start, end):
        return False
    if keyed and not text[:start].strip() and not text[end:].strip():
        return True
    if not _ENTRY_VALUE_END.match(text, end):
        return False
    key = _ENTRY_KEY_BEFORE.search(text, max(0, start - 80), start)
    return key is not None and _PERSON_KEY.search(key.group(1)) is None


def labelled_fields(text: str, names: NameDictionary) -> Iterator[Candidate]:
    for m in CUE_RE.finditer(text):
        if m.group() not in LABEL_SET and m.group() not in _DUTY_LABELS:
            continue
        after = _LABEL_SEPARATOR.match(text[m.end() : m.end() + 10])
        if after is None:
            continue
        value = _FIELD_VALUE.match(text, m.end() + after.end())
        if value is None or not looks_like_name_value(value.group(1), names):
            continue
        if m.group() in _DUTY_LABELS and not known_full_name(value.group(1), names):
            continue
        s, e = value.span(1)
        if " " in value.group(1) and _LABEL_COLON.match(text, e):
            e = s + value.group(1).index(" ")  # `氏名: 渡辺翔太 電話: …`: a label, not a name
        cue = f"label '{m.group()}'"
        if KANA_ONLY.fullmatch(value.group(1).replace(" ", "")) and names.is_full_reading(
            value.group(1)
        ):
            pattern = "labelled reading of a name"
            yield candidate(text, s, e, Ladder.DISTINCT_FORMAT, pattern, cue)
            continue
        yield candidate(text, s, e, Ladder.SHAPE_WITH_CONTEXT, "labelled field", cue)
