"""Names in Latin letters: romanized Japanese names and the display names of e-mail
addresses."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from recognizers.base import Candidate, Ladder
from recognizers.latin_names import body_follows
from recognizers.names_dict import NameDictionary
from recognizers.person.cues import candidate
from recognizers.person.vocabulary import KANJI, LABEL_BEFORE

# A mailbox `Display Name <local@domain>` (a mail header, a git trailer, a .po file's
# translators, a package's authors): its display name in Latin letters, two to five words.
# An address in angle brackets, or in parentheses as old headers and man pages write it
# (`Colin Watson (cjwatson@debian.org)`): the local part.
_MAILBOX = re.compile(r"<([^<>@\s]+)@[^<>@\s]+>|\(([^()<>@\s]+)@[^()<>@\s]+\)")
# A name in kanji before an address: a surname, maybe a space, a given name (鵜飼 文敏);
# like a name in Latin letters, it may end the line before the address.
_KANJI_DISPLAY_NAME = re.compile(
    rf"(?:^|(?<=[\s,:;(\"'「]))([{KANJI}]{{2,3}})[ \u3000]?([{KANJI}]{{1,3}})\"?[ ]?\n?\Z",
    re.M,
)
_COMMENT_BEFORE = re.compile(r" \([^()<>\n]{1,60}\) ?\Z")
_LATIN_WORD = r"[A-Z][A-Za-z\u00c0-\u024f'’.-]*"
_DISPLAY_NAME = re.compile(
    rf"(?:^|[\s,:;(\"'])({_LATIN_WORD}(?: (?:{_LATIN_WORD}|'{_LATIN_WORD}'"
    r"|van|von|de|der|da|di|du|la|le|del|dos|bin|al)){1,4})\"?[ ]?\n?\Z"
)
# Display names and addresses of teams, companies and services, not of persons.
_NOT_A_PERSON_WORDS = frozenset({
    "the", "and", "of", "for", "team", "teams", "foundation", "developers", "developer",
    "software", "labs", "lab", "project", "support", "inc", "inc.", "ltd", "ltd.", "llc", "corp",
    "corp.", "corporation", "co", "co.", "gmbh", "k.k.", "authority", "group", "services",
    "service", "admin", "info", "sales", "notifications", "notification", "community",
    "committee", "society", "university", "association", "contributors", "maintainers", "staff",
    "office", "news", "newsletter", "bot", "system", "systems", "alerts", "desk", "help",
    "helpdesk", "customer", "center", "centre", "department", "club", "network", "online",
    "store", "shop", "company", "japan", "mail", "mailer", "daemon", "calendar", "billing",
    "security", "accounts", "account", "recruiting", "careers", "marketing", "press", "media",
    "studio", "studios", "official", "key", "keys", "signing", "archive", "automatic",
    "image", "robot", "server", "release", "releases", "repository", "mirror", "build",
    "builder", "master", "ci", "ml", "jp", "list", "lists", "mailing", "documentation",
    "doc", "docs", "translation", "translations", "translators", "i18n", "l10n", "debian",
})
_ROLE_ADDRESS = re.compile(
    r"(?:info|support|contact|sales|no-?reply|donotreply|admin(?:istrator)?|webmaster|"
    r"postmaster|hostmaster|abuse|help|team|office|service|notifications?|news(?:letter)?|"
    r"hello|mailer-daemon|billing|security|press|jobs|careers|recruit|hr|marketing|"
    r"foundation|root|bounces?)$|-(?:dev|sig|discussion|users|announce|devel)$",
    re.IGNORECASE,
)

_ROMAN_WORD = re.compile(r"[A-Z](?<![A-Za-z].)(?:[a-z]{1,14}|[A-Z]{1,14})(?![A-Za-z])")
_ROMAN_CUE_BEFORE = re.compile(
    r"(?:\b(?:To|From|Cc|Dear|Attn|Mr|Ms|Mrs|Dr)\.?:?|[Nn]ame:"
    r"|\b(?:Author|Translator|Maintainer|Signed-off-by|Co-authored-by):"
    r"|\b(?:[Rr]egards|Sincerely|Thanks|Thank you|Cheers),\s?)[ ]?\"?$"
)
# A body named after its founders (Sumitomo Mitsui Banking, Suzuki Motor, Honda Giken).
_ROMAN_BODY_AFTER = re.compile(
    r" (?:Bank|Banking|Trust|Corporation|Corp|Co|Inc|Ltd|Group|Holdings|Motors?|Electric|"
    r"Heavy|Securities|Financial|Life|Insurance|Chemicals?|Industries|Fudosan|Shoji|Sangyo|"
    r"Kogyo|Giken|Seiki|Denki|Stadium|Station|Line|University|Foundation|Prize|Award)\b"
)
# One romanized name with a title before it or an honorific after it: Mr. Suzuki,
# Tanaka-san, Dear Hanako.
_ROMAN_TITLE_BEFORE = re.compile(r"\b(?:Mr|Ms|Mrs|Miss|Dr|Prof)\.? $|\bDear $")
_ROMAN_HONORIFIC_AFTER = re.compile(r"-(?:san|sama|kun|chan|sensei|senpai)\b|[ ]?(?:様|さん|氏|殿)")
_ROMAN_CUE_AFTER = re.compile(r"[ ]?(?:様|さま|さん|氏|殿|先生|-?san\b|-?sama\b)", re.IGNORECASE)


def known_romaji(word: str, names: NameDictionary) -> bool:
    lower = word.lower()
    return lower in names.surname_romaji or lower in names.given_romaji


def mailbox_names(text: str, names: NameDictionary) -> Iterator[Candidate]:
    """The display name of a person's e-mail address: `Claude Martin <claude@example.fr>`,
    `From: "Hanako SUZUKI" <contact@…>`; not a team's or a service's (`The pip developers
    <…>`, `Tokyo Station <info@…>`) unless it is a Japanese name the dataset knows."""
    if "@" not in text:
        return
    cue = "e-mail address after"
    for m in _MAILBOX.finditer(text):
        stop = m.start()
        local = m.group(1) or m.group(2)
        comment = m.group(1) and _COMMENT_BEFORE.search(text, max(0, stop - 70), stop)
        if comment:  # an OpenPGP user id or RFC 5322 comment: `Name (work) <…>`
            stop = comment.start()
        name = _DISPLAY_NAME.search(text, max(0, stop - 80), stop)
        if name is None:
            kanji = _KANJI_DISPLAY_NAME.search(text, max(0, stop - 10), stop)
            if (
                kanji is not None
                and kanji.group(1) in names.surnames
                and all(ch in names.given_chars for ch in kanji.group(2))
            ):
                start, end = kanji.start(1), kanji.end(2)
                pattern = "display name of an address"
                yield candidate(text, start, end, Ladder.SHAPE_WITH_CONTEXT, pattern, cue)
            continue
        words = name.group(1).lower().split()
        if (
            _ROLE_ADDRESS.search(local) or any(w in _NOT_A_PERSON_WORDS for w in words)
        ) and not known_romanized(words, names):
            continue
        start, end = name.span(1)
        pattern = "display name of an address"
        yield candidate(text, start, end, Ladder.SHAPE_WITH_CONTEXT, pattern, cue)


def known_romanized(words: list[str], names: NameDictionary) -> bool:
    """Two lower-cased words that are a given name and a surname, in either order."""
    if len(words) != 2:
        return False
    a, b = words
    return (a in names.given_romaji and b in names.surname_romaji) or (
        a in names.surname_romaji and b in names.given_romaji
    )


def bare_full_name(first: str, second: str) -> bool:
    """A full name with no cue that is still reported: both parts four letters or more
    (Tai Chi, Ono San, An ISO are not names) and at most one in capitals (TANIGUCHI
    Taichi, not NO DATE)."""
    return min(len(first), len(second)) >= 4 and not (first.isupper() and second.isupper())


def romanized_names(text: str, names: NameDictionary) -> Iterator[Candidate]:
    words = list(_ROMAN_WORD.finditer(text))
    in_pairs: set[int] = set()
    for first, second in pairwise(words):
        if second.start() != first.end() + 1 or text[first.end()] != " ":
            continue
        if not known_romanized([first.group().lower(), second.group().lower()], names):
            continue
        start, end = first.start(), second.end()
        in_pairs.update((start, second.start()))
        cue = None
        if _ROMAN_CUE_AFTER.match(text, end):
            cue = "honorific after"
        elif LABEL_BEFORE.search(text, max(0, start - 12), start) or _ROMAN_CUE_BEFORE.search(
            text, max(0, start - 16), start
        ):
            cue = "label before"
        if cue:
            score = Ladder.SHAPE_WITH_CONTEXT
        elif bare_full_name(first.group(), second.group()) and not (
            _ROMAN_BODY_AFTER.match(text, end)
        ):
            score = Ladder.LOW_CONTEXT
        else:
            score = Ladder.CHECKED_ALONE
        yield candidate(text, start, end, score, "romanized name", cue)
    for word in words:
        start, end = word.span()
        if start in in_pairs:
            continue
        lower = word.group().lower()
        if lower not in names.surname_romaji and lower not in names.given_romaji:
            continue
        if _ROMAN_HONORIFIC_AFTER.match(text, end):
            cue = "honorific after"
        elif _ROMAN_TITLE_BEFORE.search(text, max(0, start - 6), start) and not (
            body_follows(text, end)
        ):
            cue = "title before"
        else:
            continue
        yield candidate(text, start, end, Ladder.SHAPE_WITH_CONTEXT, "romanized name", cue)
