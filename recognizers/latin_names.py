"""Names in Latin letters after a label: foreign staff and customers (`Name: John Smith`,
`氏名（ローマ字）：NGUYEN VAN AN`, `Full name: María García López`).

The lexicon is Faker's: the given and family names its person providers list for the
locales written in Latin letters (about 20,000 of each, accents folded), with the name
dataset's romanized Japanese names. A labelled value of two to four capitalized words is
a name when every word is a known name, one given and another family; in a form (not in
code) also when it opens with a known name and goes on with words that are no common
English word (a real family name no list holds: `Armin Ronacher`). Words that name a
body (`Software Foundation`), CI steps (`- name: Run Black`) and pandas' Series footers
(`Name: Max Speed, dtype: float64`) hold no name.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from recognizers.names_dict import NameDictionary

# Words between the parts of a name that are no name themselves.
PARTICLES = frozenset((
    "van", "von", "de", "der", "den", "del", "della", "di", "da", "das", "dos", "du", "die",
    "la", "le", "ter", "ten", "bin", "binti", "al", "el", "ibn",
))
# English labels of a person's name in forms, mails and exports. A key in lower case
# (`name:`) is YAML or code as often as a form (`- name: Run Black`), so it counts only
# quoted, as a JSON or Python key.
ENGLISH_LABELS = (
    "Name", "Full name", "Full Name", "Customer name", "Customer Name", "Contact name",
    "Contact Name", "Contact person", "Applicant", "Applicant name", "Employee name",
    "Employee Name", "Patient name", "Guest name", "Passenger name", "Account holder",
    "Account Holder", "Account name", "Cardholder", "Cardholder name", "Card holder",
    "Name on card", "Recipient", "Sender", "Attn", "ATTN", "NAME", "FULL NAME",
)
_UP, _LOW = "A-ZÀ-ÖØ-ÞĀ-ʯḀ-ỿ", "a-zß-öø-ÿĀ-ʯḀ-ỿ"
# Words of the name of a company, a team or a place, not of a person.
BODY_WORDS = frozenset((
    "developers", "developer", "foundation", "software", "labs", "lab", "team", "authority",
    "applications", "works", "contributors", "community", "authors", "project", "organization",
    "university", "institute", "company", "corporation", "inc", "llc", "ltd", "co", "corp",
    "group", "services", "systems", "technologies", "solutions", "partners", "holdings",
    "studio", "studios", "association", "society", "council", "committee", "club", "bank",
    "hotel", "station", "airport", "street", "avenue", "road", "park", "center", "centre",
    "hospital", "school", "college", "church", "museum", "library", "city", "county",
    "airlines", "gmbh", "ag", "kg", "plc", "pty", "bv", "srl", "consulting", "magazine",
))
# The rest of a pandas Series' footer (`Name: Max Speed, dtype: float64`).
_SERIES_FOOTER = re.compile(r",\s*(?:dtype|Length|Freq):")
_WORD = (  # John, JOHN, O'Brien, McDonald, Jean-Pierre
    rf"[{_UP}](?:['’][{_UP}])?(?:[{_LOW}]+(?:[{_UP}][{_LOW}]+)?|[{_UP}]+)"
    rf"(?:[-'’](?:[{_UP}]?[{_LOW}]+|[{_UP}]{{2,}}))*"
)
_PARTICLE = "(?:" + "|".join(sorted(PARTICLES, key=len, reverse=True)) + ")"
_VALUE = rf"({_WORD}(?: (?:{_PARTICLE} ){{0,2}}{_WORD}){{1,3}})(?![{_UP}{_LOW}0-9@])"


@dataclass(frozen=True)
class LatinNames:
    """Given and family names in Latin letters, lower case, accents folded."""

    given: frozenset[str]
    family: frozenset[str]


# Letters that Unicode does not decompose into a base letter and a mark.
_UNDECOMPOSED = str.maketrans({
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE",
    "œ": "oe", "Œ": "OE", "ß": "ss", "ı": "i", "þ": "th", "Þ": "TH", "ð": "d", "Ð": "D",
})


def fold_accents(name: str) -> str:
    """Lower case, accents folded into ASCII (Łukasz -> lukasz, García -> garcia)."""
    plain = unicodedata.normalize("NFKD", name.translate(_UNDECOMPOSED))
    return plain.encode("ascii", "ignore").decode().lower()


def _latin(name: str) -> bool:
    return all(c.isascii() or 0xC0 <= ord(c) < 0x250 or 0x1E00 <= ord(c) < 0x1F00 for c in name)


@cache
def latin_names() -> LatinNames:
    """Faker's given and family names of every locale, those written in Latin letters."""
    from faker.providers import person

    given: set[str] = set()
    family: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        for attr, values in vars(provider).items():
            into = (
                given if "first_name" in attr or "middle_name" in attr
                else family if "last_name" in attr else None
            )
            if into is None or not isinstance(values, (dict, list, tuple)):
                continue  # not a list of names (a method, a property computed per instance)
            into.update(fold_accents(v) for v in values if isinstance(v, str) and _latin(v))
    return LatinNames(frozenset(given), frozenset(family))


def name_kinds(word: str, names: NameDictionary) -> set[str]:
    """`given`, `family`, both or neither; a hyphenated word (Jean-Pierre) by its pieces."""
    lexicon = latin_names()
    folded = fold_accents(word).replace("’", "'")
    pieces = [folded] if folded in lexicon.family else re.split("[-']", folded)
    pieces = [p for p in pieces if p and p != "o"]  # O'Brien: Brien
    kinds: set[str] = set()
    for piece in pieces:
        found = set()
        if piece in lexicon.given or piece in names.given_romaji:
            found.add("given")
        if piece in lexicon.family or piece in names.surname_romaji:
            found.add("family")
        if not found:
            return set()
        kinds |= found
    return kinds


def is_latin_name(
    value: str, names: NameDictionary, *, in_code: bool = False, whole: bool = True
) -> bool:
    """Words that read as a person's name: every word a known given or family name
    (particles aside), one a given name and another a family name; or, in a form, a
    known given or family name first and then words that are no common English word
    (Armin Ronacher, NGUYEN THI HOA), or such words and then a known family name
    (Tzu-ping Chung). Never with a word that names a body (`Django Software
    Foundation`). In code (`"name": …`) a first word that is also a common English word
    (`Run Black`) holds no name. `whole`: the value ends its field (a line, a cell,
    before an honorific)."""
    words = [w for w in value.split(" ") if w.lower() not in PARTICLES]
    if not 2 <= len(words) <= 4:
        return False
    lowered = [fold_accents(w) for w in words]
    common = english_words()
    if any(w in BODY_WORDS for w in lowered) or (in_code and lowered[0] in common):
        return False
    kinds = [name_kinds(w, names) for w in words]
    if all(kinds) and any(
        "given" in a and "family" in b
        for i, a in enumerate(kinds) for j, b in enumerate(kinds) if i != j
    ):
        return True
    if in_code or not whole:
        return False  # a word no list holds may be the next field's (`John Smith Tel`)
    if kinds[0]:  # Armin Ronacher; family name first: NGUYEN THI HOA, TANAKA Taro
        return not any(w in common for w in lowered[1:])
    return "family" in kinds[-1] and not any(w in common for w in lowered[:-1])


@cache
def english_words() -> frozenset[str]:
    """Common English words: Faker's `en_US` lorem list (about 1,000)."""
    from faker.providers.lorem.en_US import Provider

    return frozenset(w.lower() for w in Provider.word_list)


@cache
def _label_before(labels: tuple[str, ...]) -> re.Pattern[str]:
    """A label of a person's name ending where a value starts (searched backwards)."""
    japanese = "|".join(sorted(labels, key=len, reverse=True))
    english = "|".join(sorted(map(re.escape, ENGLISH_LABELS), key=len, reverse=True))
    return re.compile(
        rf"(?:(?:{japanese})(?:\([^)\n]{{1,8}}\))?[ ]?[:=]?"
        rf"|(?<![A-Za-z])(?:{english})(?: \([^)\n]{{1,8}}\))?[ ]?:"
        rf"|[\"'](?:name|full_name|fullname)[\"'][ ]?:)[ ]?[\"']?$"
    )


_VALUE_RE = re.compile(_VALUE)
# What may follow a whole name: the end of the line or of the field, an honorific.
_FIELD_END = re.compile(r"[ ]?(?:$|[\n,;\"'()/|]|様|さん|殿)", re.MULTILINE)


def labelled_latin_names(
    text: str, labels: tuple[str, ...], names: NameDictionary
) -> Iterator[tuple[int, int, str]]:
    """(start, end, label) of each name in Latin letters right after a label."""
    before = _label_before(labels)
    for value in _VALUE_RE.finditer(text):
        at = value.start()
        label = before.search(text, max(0, at - 24), at)
        if label is None or _SERIES_FOOTER.match(text, value.end()):
            continue
        in_code = label.group().lstrip()[:1] in "\"'"
        whole = _FIELD_END.match(text, value.end()) is not None
        if is_latin_name(value.group(1), names, in_code=in_code, whole=whole):
            yield at, value.end(1), label.group().strip(" :=\"'")


# A title or a salutation of English mail and prose, then the name after one space; a
# salutation may go on with a title (Dear Ms. Lee). "Dr" after a capitalized word is a
# street's Drive (Oak Dr.).
_FORMAL = r"(?:Mr|Mrs|Ms|Mx|Dr|Prof)\.?"  # not Miss: Miss Universe, Miss Japan
_TITLE = re.compile(
    rf"(?<![A-Za-z])(?:(?:Dear|Hi|Hello)(?: (?P<after>{_FORMAL}))?|(?P<title>{_FORMAL})) "
)
_DRIVE = re.compile(rf"[{_UP}][{_LOW}]+ $")
_TITLE_WORDS = frozenset(("mr", "mrs", "ms", "mx", "dr", "prof"))
_NEXT_WORD = re.compile(r" ([^\s,.;:()\"']+)")
_ABBREVIATION = re.compile(rf"[{_UP}][{_LOW}]{{0,2}}\.")  # Dr. Ing., Mr. Mt.: a title, a list
# What ends a name after a bare salutation: `Hi Emily,` (not `Hello Kitty goods`).
_SALUTATION_END = re.compile(r"[ ]?(?:[,!:\n]|$)")
_TITLED_VALUE = re.compile(
    rf"{_WORD}(?: (?:{_PARTICLE} ){{0,2}}{_WORD}){{0,3}}(?![{_UP}{_LOW}0-9@])"
)


def titled_latin_names(text: str, names: NameDictionary) -> Iterator[tuple[int, int, str]]:
    """(start, end, title) of each name in Latin letters after a title or a salutation:
    `Mr. Robert Vishny`, `Dr. Tanaka`, `Dear John Smith,`, `Hi Emily,`, `Dear Ms. Lee`.
    After a title, capitalized words are the name unless one is a common English word no
    list holds as a name or names a body (`Dr. Pepper Company`); after a bare salutation
    the first word is also a known name and no common English word (not `Dear
    Customer`, `Hi Team`, `Hi Will`), and the name ends the greeting (`Hi Emily,`, not
    `Hello Kitty goods`)."""
    common = english_words()
    for title in _TITLE.finditer(text):
        value = _TITLED_VALUE.match(text, title.end())
        if value is None:
            continue
        formal = title.group("title") or title.group("after")
        if formal and formal.startswith("Dr") and _DRIVE.search(text, 0, title.start()):
            continue
        if not formal and not _SALUTATION_END.match(text, value.end()):
            continue
        words = [w for w in value.group().split(" ") if w.lower() not in PARTICLES]
        if words[0].lower() in _TITLE_WORDS:
            continue  # Prof. Dr. Hans Müller: the name follows the last title
        if len(words) == 1 and _ABBREVIATION.fullmatch(text, value.start(), value.end() + 1):
            continue
        if body_follows(text, value.end()):
            continue  # Dr. Zinngrebe GmbH
        lowered = [fold_accents(w) for w in words]
        if any(w in BODY_WORDS for w in lowered):
            continue
        kinds = [name_kinds(w, names) for w in words]
        if any(w in common and not k for w, k in zip(lowered, kinds, strict=True)):
            continue
        if not formal and (not kinds[0] or lowered[0] in common):
            continue
        yield value.start(), value.end(), title.group().strip()


def body_follows(text: str, end: int) -> bool:
    """The word after `end` names a body: the name before it is the body's (Dr. Zinngrebe
    GmbH, Simon Consulting)."""
    after = _NEXT_WORD.match(text, end)
    return after is not None and fold_accents(after.group(1)) in BODY_WORDS
