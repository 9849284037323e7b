"""The name a kanji run ends with before an honorific or a title: a full name, a surname
whose last kanji opens the title (松本部長), a former holder (山本前首相), a given name
or a one-kanji surname alone."""

from __future__ import annotations

import re
from collections.abc import Iterator

from recognizers.base import Candidate, Ladder
from recognizers.names_dict import NameDictionary
from recognizers.person.cues import candidate
from recognizers.person.lexicon import dictionary_name, word_class
from recognizers.person.places import municipality_before
from recognizers.person.vocabulary import (
    COMPANY_BEFORE,
    HONORIFICS,
    IN_WORD,
    KANJI_ONLY,
    RUN_BEFORE,
    SURNAME_BEFORE,
    TITLE_SET,
    TITLES,
)

# What follows a name and its honorific when it ends there: a particle or a stop.
_PARTICLE_OR_STOP = re.compile(r"[はがのをにともへや、。,，）」』]")
# One-character words before a title that are not surnames there (前部長, 各社長, 新社長).
_NOT_ONE_CHAR_SURNAME = frozenset("前新今長所見中原高向平神各同元旧現副当貴御両全本総次大小正")

# Titles of a person inside a company, never of a place's office or branch (支店長, 市長):
# a surname that is also a place's name stays a surname before them (松本部長, 福岡課長).
_STAFF_TITLES = frozenset(
    ("社長", "副社長", "専務", "常務", "部長", "副部長", "次長", "課長", "係長", "主任")
)
# 様 in 同様, 模様, 仕様 is no honorific.
_NOT_HONORIFIC = re.compile(r"[同模仕異多一左皆]様")
_HONORIFIC_RE = re.compile("|".join(sorted(HONORIFICS + TITLES, key=len, reverse=True)))


def former_holder(
    text: str, run: re.Match[str], title: str, names: NameDictionary
) -> tuple[re.Match[str], tuple[int, int, bool]] | None:
    """The name before 元, 前 or 現 and a title (田中太郎元社長, 山本前首相): the kanji run
    without it and the name ending there, when there is one."""
    if title not in TITLE_SET or len(run.group()) < 3 or run.group()[-1] not in "元前現":
        return None
    shorter = RUN_BEFORE.search(text, run.start(), run.end() - 1)
    span = shorter and dictionary_name(shorter.group(), names, cued=True)
    return (shorter, span) if span else None


def surname_into_title(
    run: str, title: str, names: NameDictionary
) -> tuple[int, int, bool] | None:
    """A surname that ends in the title's first kanji, the rest a title of its own:
    松本|部長, not 松|本部長 (the longest title, 本部長, is matched first)."""
    if len(title) < 3 or title[1:] not in TITLE_SET or run.endswith(" "):
        return None
    word = run + title[0]
    for k in (3, 2):
        if len(word) >= k and word[-k:] in names.surnames:
            return len(word) - k, len(word), False
    return None


def surname_before_word(text: str, at: int, names: NameDictionary) -> bool:
    """A whole kanji run that is a surname of two or three kanji before 様, where its last
    kanji and 様 also make a word (喜多様に: not 喜 + 多様に; 本多様より), but not
    before 性 or 化 (本多様性: 本 + 多様性)."""
    run = SURNAME_BEFORE.search(text, max(0, at - 3), at)
    return (
        run is not None
        and run.group() in names.surnames
        and not KANJI_ONLY.match(text, max(0, run.start() - 1), run.start())
        and text[at + 1 : at + 2] not in ("性", "化")
    )


def given_name_alone(run: str, names: NameDictionary) -> tuple[int, int, bool] | None:
    """A given name of two or three kanji ending the run, before an honorific, that the
    dataset knows and SudachiPy knows as no word at all (峰人さん, 夢紘さん): words such
    as 奥さん or 皆さん are in the dictionary."""
    run = run.rstrip(" ")
    for k in (3, 2):
        word = run[-k:]
        if len(run) >= k and word in names.given_names and word_class(word) == "unknown":
            return len(run) - k, len(run), False
    return None


def word_before_shi(text: str, run: re.Match[str], end: int) -> tuple[int, int, bool] | None:
    """A kanji word of two to four, no common word, standing alone before 氏 and a particle
    or a stop (顕進氏は, 正恩氏が): the name of a person or a clan, known or not."""
    word = run.group()
    if " " in word or not 2 <= len(word) <= 4 or not _PARTICLE_OR_STOP.match(text, end):
        return None
    if run.start() and IN_WORD.match(text, run.start() - 1):
        return None
    if word_class(word) == "common":
        return None
    return 0, len(word), False


def one_char_surname(run: str, names: NameDictionary) -> tuple[int, int, bool] | None:
    """A one-character surname standing alone before a title: 林部長, 辻課長."""
    run = run.rstrip(" ")
    if len(run) == 1 and run in names.surnames and run not in _NOT_ONE_CHAR_SURNAME:
        return 0, 1, False
    return None


def before_honorifics(text: str, names: NameDictionary) -> Iterator[Candidate]:
    """Known surnames (and given names) right before an honorific or title."""
    for m in _HONORIFIC_RE.finditer(text):
        if _NOT_HONORIFIC.search(text, max(0, m.start() - 1), m.end()) and not (
            surname_before_word(text, m.start(), names)
        ):
            continue
        run = RUN_BEFORE.search(text, max(0, m.start() - 8), m.start())
        if run is None:
            continue
        title = m.group().strip()
        former = former_holder(text, run, title, names)
        if former is not None:
            run, span = former
        elif span := surname_into_title(run.group(), title, names):
            title = title[1:]
        else:
            span = dictionary_name(run.group(), names, cued=True)
        if span is None and title in TITLE_SET:
            span = one_char_surname(run.group(), names)
        elif span is None:
            span = given_name_alone(run.group(), names)
        pattern = "dictionary name with cue"
        if span is None and title == "氏":
            span, pattern = word_before_shi(text, run, m.end()), "name with cue"
        if span is None:
            continue
        start = run.start() + span[0]
        if COMPANY_BEFORE.search(text, max(0, start - 8), start):
            continue
        word = (run.group() + m.group())[span[0] : span[1]].replace(" ", "")
        if municipality_before(text[max(0, run.start() - 6) : run.start() + span[1]], title):
            continue
        kind = word_class(word) if span[1] - span[0] >= 2 else None
        if kind in ("common", "place") and not (
            word in names.surnames
            and (kind == "common" or title not in TITLE_SET or title in _STAFF_TITLES)
            and title[0] not in "市町村区知"
        ):
            # 中心選手, 神学教授, 中国大使館: a word, not 中 + 心 or a surname; 小松市長,
            # 長野知事: a place's mayor or governor. A common surname that is also a
            # word stays (木本様, 上田部長), and so does a place's name before 様.
            continue
        full = span[2]
        score = Ladder.DISTINCT_FORMAT if full else Ladder.SHAPE_WITH_CONTEXT
        cue = f"'{title}' after"
        yield candidate(text, start, run.start() + span[1], score, pattern, cue)
