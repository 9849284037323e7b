"""PERSON: Japanese personal names, found without running a neural model on all text.

A first pass finds the places worth a look with compiled regexes and set look-ups
(honorifics, titles, field labels, kanji runs that split into a known surname and given
name, dotted katakana names, katakana reading pairs). SudachiPy tokenizes only small
windows around them; its part of speech (人名 姓/名) and the cues around a name place
it on the score ladder. A name standing alone in prose is reported when a particle
follows the whole word (田中は, スミスと, 家康の); inside a longer word, in quotes, or
before an organization word it stays unsure. Unsure names can be confirmed by GiNZA on
a small window (`recognizers.ginza_refiner`); `thorough` runs SudachiPy and GiNZA on
all text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from recognizers.base import Candidate, Document, Ladder, Recognizer
from recognizers.ginza_refiner import GinzaRefiner
from recognizers.latin_names import labelled_latin_names, titled_latin_names
from recognizers.names_dict import NameDictionary, name_dictionary
from recognizers.person import model as person_model
from recognizers.person.cells import (
    catalogue_word,
    keyed_by_another_field,
    labelled_fields,
    name_cell,
)
from recognizers.person.cues import candidate
from recognizers.person.honorifics import (
    before_honorifics,
)
from recognizers.person.katakana import katakana_in_prose, katakana_with_cue
from recognizers.person.merging import absorb, absorb_whole, add_apart, same_person
from recognizers.person.prose import (
    before_departments,
    defined_persons,
    dictionary_full_names,
    family_names,
    han_names,
    hangul_names,
    lone_surnames,
    regnal_names,
)
from recognizers.person.readings import kana_pairs, names_with_readings
from recognizers.person.romanized import (
    mailbox_names,
    romanized_names,
)
from recognizers.person.things import names_a_thing
from recognizers.person.tokens import (
    token_names,
)
from recognizers.person.vocabulary import (
    HONORIFIC_AFTER,
    LABELS,
)
from recognizers.person.windows import name_windows
from recognizers.sudachi_tokens import tokenize

HEADER_WORDS = (
    "name", "full_name", "fullname", "first_name", "last_name", "firstname",
    "lastname", "shimei", "namae", "furigana", "kana", "contact_person",
)
# Header words that name something other than a person (company_name, file_name, ...).
NOT_PERSON_HEADER = re.compile(
    r"会社|社名|法人|組織|部署|商品|製品|品名|店名|施設|建物|駅|銀行|支店|ファイル|"
    r"company|corp|org|product|item|file|user|host|table|column|bank|branch|store|shop|"
    r"building|city|town|station|dept|department|app|domain|server|model|brand",
    re.IGNORECASE,
)


class PersonRecognizer(Recognizer):
    """Names in kanji, katakana, half-width katakana, hiragana readings and romaji."""

    entity = "PERSON"
    context = LABELS
    header_words = HEADER_WORDS
    name = "PersonRecognizer"

    def __init__(self, *, thorough: bool = False, refiner: GinzaRefiner | None = None) -> None:
        super().__init__()
        self.thorough = thorough
        self.refiner = refiner

    def analyze(self, doc: Document) -> Iterator[Candidate]:
        text = doc.text
        if not text.strip():
            return
        names = name_dictionary()
        header = self._person_header(doc)
        found: dict[tuple[int, int], Candidate] = {}
        windows = [(0, len(text))] if self.thorough else name_windows(text, names)
        for start, end in windows:
            for cand in token_names(text, tokenize(text[start:end], start)):
                found.setdefault((cand.start, cand.end), cand)
        if header:
            for cand in self._whole_cell(text, header, names):
                absorb(found, cand)
        elif "\n" in text and doc.mentions_any(_COLUMN_WORDS):
            for cand in self._column_cells(doc, names):
                absorb(found, cand)
        for cand in before_honorifics(text, names):
            found.setdefault((cand.start, cand.end), cand)
        for cand in before_departments(text, names):
            found.setdefault((cand.start, cand.end), cand)
        for cand in labelled_fields(text, names):
            absorb(found, cand)
        for start, end, label in labelled_latin_names(text, LABELS, names):
            cue = f"label '{label}'"
            pattern = "labelled name in Latin letters"
            absorb(found, candidate(text, start, end, Ladder.SHAPE_WITH_CONTEXT, pattern, cue))
        for start, end, title in titled_latin_names(text, names):
            cue = f"'{title}' before"
            pattern = "name in Latin letters after a title"
            absorb(found, candidate(text, start, end, Ladder.SHAPE_WITH_CONTEXT, pattern, cue))
        for cand in kana_pairs(text, names):
            found.setdefault((cand.start, cand.end), cand)
        for cand in mailbox_names(text, names):
            found.setdefault((cand.start, cand.end), cand)
        for cand in names_with_readings(text, names):
            absorb(found, cand)
        for cand in katakana_with_cue(text):
            absorb(found, cand)
        for cand in regnal_names(text):
            absorb(found, cand)
        for cand in defined_persons(text):
            absorb(found, cand)
        for cand in family_names(text, names):
            found.setdefault((cand.start, cand.end), cand)
        for cand in han_names(text):
            absorb(found, cand)
        for cand in romanized_names(text, names):
            found.setdefault((cand.start, cand.end), cand)
        for cand in hangul_names(text):
            found.setdefault((cand.start, cand.end), cand)
        add_apart(found, katakana_in_prose(text))
        for cand in lone_surnames(text, names):
            found.setdefault((cand.start, cand.end), cand)
        absorb_whole(found, dictionary_full_names(text, names))
        keyed = not header and keyed_by_another_field(doc)
        for key, cand in list(found.items()):
            if (cand.context is None and catalogue_word(text, cand.start, cand.end, keyed)) or (
                not HONORIFIC_AFTER.match(text, cand.end) and names_a_thing(text, cand)
            ):
                del found[key]
        cands = person_model.rescore(text, sorted(found.values(), key=lambda c: (c.start, c.end)))
        cands = same_person(text, cands, names)
        if self.refiner is not None:
            cands = self.refiner.refine(text, cands, everywhere=self.thorough)
        yield from cands

    def _whole_cell(self, text: str, header: str, names: NameDictionary) -> Iterator[Candidate]:
        column = header.removeprefix("header '").removesuffix("'")
        cand = name_cell(text, 0, len(text), column, header, names)
        if cand is not None:
            yield cand

    def _column_cells(self, doc: Document, names: NameDictionary) -> Iterator[Candidate]:
        """Cells of a table pasted as text (CSV, TSV lines) under a name column."""
        for start, end, header in doc.column_cells(self.entity):
            if _PERSON_COLUMN.fullmatch(header.strip().strip('"')):
                cand = name_cell(doc.text, start, end, header, f"column '{header}'", names)
                if cand is not None:
                    yield cand

    def _person_header(self, doc: Document) -> str | None:
        header = doc.header_context(self.entity)
        if header and NOT_PERSON_HEADER.search(header):
            return None
        return header


# The whole header of a name column in a table pasted as text (`氏名`, `氏名(カナ)`,
# `full_name`); a header that only holds such a word (`--name=NAME`) is no name column.
_PERSON_COLUMN = re.compile(
    "(?:" + "|".join(sorted(map(re.escape, LABELS + HEADER_WORDS), key=len, reverse=True))
    + r")(?:\([^)\n]{1,8}\))?",
    re.IGNORECASE,
)
_COLUMN_WORDS = LABELS + HEADER_WORDS
