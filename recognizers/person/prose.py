"""Names in prose found by what the dataset knows or how a sentence defines them: lone
surnames and dictionary full names before a particle (the name model decides), full
names before a department, subjects defined as persons, regnal names, Hangul names."""

from __future__ import annotations

import re
from collections.abc import Iterator

from recognizers.base import Candidate, Ladder
from recognizers.names_dict import NameDictionary
from recognizers.person.cues import candidate, cue_around, prose_cue
from recognizers.person.lexicon import (
    cued_han_surnames,
    dictionary_full_name,
    dictionary_name,
    family_word,
    han_given,
    korean_surnames,
    read_as_other_words,
    word_class,
)
from recognizers.person.things import DEFINITION_AFTER
from recognizers.person.vocabulary import (
    COMPANY_BEFORE,
    DEPARTMENT_AFTER,
    FAMILY_AFTER,
    HAN_NAME,
    HAN_SURNAMES,
    KANJI,
    KANJI_ONLY,
    NOT_HAN_NAME_END,
    NOT_PERSON_AFTER,
    ORG_WORD,
    RUN_BEFORE,
    SURNAME_BEFORE,
)

# The subject of a sentence before は、: a katakana name in parts or a kanji word.
_DEFINED = re.compile("は、")
_SUBJECT_BEFORE = re.compile(rf"(?:^|(?<=[。\n]))(?:[ァ-ヺー][ァ-ヺー・=]+|[{KANJI}]{{2,6}})$")
# Heads of a definition that name a person: 俳優, 作家, 歌手, 政治家, 女性, タレント.
_PERSON_HEAD = re.compile(
    r"(?:家|者|手|員|師|士|優|人|官|王|妃|帝|将|僧|女性|男性|監督|タレント|アナウンサー|"
    r"パーソナリティ|パーソナリティー|プロデューサー|ディレクター|アレンジャー|マネージャー|"
    r"コンサルタント|モデル|アイドル|キャスター|ライター|デザイナー|レスラー|ボクサー|ダンサー|"
    r"シンガー|ソングライター|ミュージシャン|アーティスト|ピアニスト|ギタリスト|ドラマー|"
    r"ベーシスト|コメディアン|ジャーナリスト|エッセイスト|コラムニスト|イラストレーター|"
    r"カメラマン|プレイヤー|コーチ)$"
)
# …業者, …万人, …団員 are a trade, a count or a body's members more often than one person.
_NOT_PERSON_HEAD = re.compile(r"(?:業者|[0-9万億千百]人|人口|団員)$")
# A regnal number after a foreign name (ヘンリー8世, ナポレオン三世, フリードリヒ・
# ヴィルヘルム4世), not a century or a generation (世紀, 世代), and the name before it.
_REGNAL = re.compile(r"(?<=[ァ-ヺー])(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})世(?![紀代界])")
_REGNAL_NAME = re.compile(r"(?:[ァ-ヺー]+[・=])*[ァ-ヺー]{2,}$")
# Two to four Hangul syllables, a word of their own: a Korean name (김민준, 남궁민수).
_HANGUL_NAME = re.compile("[가-힣](?<![가-힣].)[가-힣]{1,3}(?![가-힣])")
_LONE_RUN = re.compile(rf"(?<![{KANJI}])[{KANJI}]{{2,3}}(?![{KANJI}])")

# 様 after a kanji numeral is a manner (一様, 二様), not an honorific: 明暗二様.
_NUMBER_SAMA = re.compile("[一二三四五六七八九十]様")
# With an honorific, a title or a label, 建国, 建中 and 怡君 are given names (李建国様).
_NOT_CUED_HAN_NAME_END = NOT_HAN_NAME_END - frozenset("国中君")


def lone_surnames(text: str, names: NameDictionary) -> Iterator[Candidate]:
    """A surname the dataset knows, a whole kanji word of two or three before a particle
    (吉本の, 本田と), whether SudachiPy tags it as a surname, a company or a place: the
    name model decides."""
    for m in _LONE_RUN.finditer(text):
        if m.group() in names.surnames:
            prose = prose_cue(text, m.start(), m.end())
            if prose:
                pattern = "surname in prose"
                yield candidate(text, m.start(), m.end(), Ladder.LOW_CONTEXT, pattern, prose)


_FULL_NAME_RUN = re.compile(rf"(?<![{KANJI}])[{KANJI}]{{3,6}}(?![{KANJI}])")


def dictionary_full_names(text: str, names: NameDictionary) -> Iterator[Candidate]:
    """A whole kanji word before a particle that is a surname and a given name the dataset
    knows (松下乃愛が, 逸見治通は), however SudachiPy reads it: the name model decides."""
    for m in _FULL_NAME_RUN.finditer(text):
        if not dictionary_full_name(m.group()):
            continue
        prose = prose_cue(text, m.start(), m.end())
        if prose and not read_as_other_words(text, m.start(), m.end(), names):
            yield candidate(text, m.start(), m.end(), Ladder.FORMATTED, "full name", prose)


def before_departments(text: str, names: NameDictionary) -> Iterator[Candidate]:
    """A full name the dataset knows, then its department in brackets, as in the CC line
    of a mail: 山田太郎（営業部）, 佐藤 花子(総務課). A word alone there is a place or a
    team as often as a surname (東京（営業部）), so a surname alone is not taken."""
    if "（" not in text and "(" not in text:
        return
    for m in DEPARTMENT_AFTER.finditer(text):
        run = RUN_BEFORE.search(text, max(0, m.start() - 8), m.start())
        if run is None:
            continue
        span = dictionary_name(run.group(), names)
        if span is None or not span[2] or (span[0] and run.group()[span[0] - 1] != " "):
            continue
        word = run.group()[span[0] : span[1]]
        if len(word.replace(" ", "")) < 3 or word_class(word) in ("common", "place"):
            continue  # 東京（営業部）: 東 + 京 by the dataset, a place by the dictionary
        start = run.start() + span[0]
        if COMPANY_BEFORE.search(text, max(0, start - 8), start):
            continue
        cue = f"'{m.group()}' after"
        yield candidate(text, start, run.start() + span[1], Ladder.SHAPE_WITH_CONTEXT,
                    "full name before a department", cue)


def defined_persons(text: str) -> Iterator[Candidate]:
    """The subject opening a sentence that defines a person: `相米慎二は、日本の映画監督。`,
    `千花有黄は、日本の女性演歌歌手。` (a name no dictionary holds whole)."""
    if "は、" not in text:
        return
    for m in _DEFINED.finditer(text):
        subject = _SUBJECT_BEFORE.search(text, max(0, m.start() - 20), m.start())
        if subject is None or ORG_WORD.search(subject.group()):
            continue
        definition = DEFINITION_AFTER.match(text, m.start())
        if not (definition and _PERSON_HEAD.search(definition.group(1))) or (
            _NOT_PERSON_HEAD.search(definition.group(1))
        ):
            continue
        if word_class(subject.group()) == "common" or NOT_PERSON_AFTER.match(
            subject.group(), len(subject.group()) - 1
        ):
            continue
        start, end = subject.span()
        word = subject.group()
        if KANJI_ONLY.fullmatch(word) and not dictionary_full_name(word):
            # 初代相馬哲平: the full name the dataset knows, not 初代
            start += next((i for i in range(1, len(word) - 2)
                           if dictionary_full_name(word[i:])), 0)
        yield candidate(text, start, end, Ladder.SHAPE_WITH_CONTEXT,
                    "subject of a definition as a person", "defined as a person")


def regnal_names(text: str) -> Iterator[Candidate]:
    """A katakana name with a regnal number (ルイ15世, ブランカ1世), but not one opening a
    title in brackets (『ルパン三世…』) nor a company's or a venue's name."""
    if "世" not in text:
        return
    for m in _REGNAL.finditer(text):
        name = _REGNAL_NAME.search(text, max(0, m.start() - 30), m.start())
        if name is None or ORG_WORD.search(name.group()):
            continue
        start, end = name.start(), m.end()
        if start and text[start - 1] in "「『":
            continue
        yield candidate(text, start, end, Ladder.SHAPE_WITH_CONTEXT, "name with a regnal number",
                    "regnal number after")


def hangul_names(text: str) -> Iterator[Candidate]:
    """Korean names in Hangul with a Japanese cue, as Korean customers fill in forms
    (김민준様, 担当：이서연): a surname of Faker's ko_KR list, one to three syllables more."""
    for m in _HANGUL_NAME.finditer(text):
        if m.group()[0] in korean_surnames():
            start, end = m.span()
            cue = cue_around(text, start, end, roles=False)
            if cue is not None:
                pattern = "Korean name in Hangul with cue"
                yield candidate(text, start, end, Ladder.SHAPE_WITH_CONTEXT, pattern, cue)


def family_names(text: str, names: NameDictionary) -> Iterator[Candidate]:
    """A known surname standing alone before 家, 派, 方 or 一族: 梅野家, 細川派."""
    for m in FAMILY_AFTER.finditer(text):
        run = SURNAME_BEFORE.search(text, max(0, m.start() - 4), m.start())
        if run is None or run.group() not in names.surnames:
            continue
        if not family_word(run.group() + m.group()):
            continue  # 吉野家: a shop's name, a word of its own
        cue = f"'{m.group()}' after"
        yield candidate(text, run.start(), run.end(), Ladder.LOW_CONTEXT, "family name", cue)


def han_names(text: str) -> Iterator[Candidate]:
    """Chinese and Korean names of three kanji, a common surname first, that SudachiPy
    does not hold as a word: before a particle when the two after the surname are no
    word either (楊秀麗は; the name model decides), before an honorific, after a title
    or a label even when they are (王秀英さん: 秀英 is a word)."""
    for m in HAN_NAME.finditer(text):
        word = m.group()
        if word[0] not in cued_han_surnames() or word[2] in _NOT_CUED_HAN_NAME_END:
            continue
        start, end = m.span()
        if NOT_PERSON_AFTER.match(text, end) or word_class(word) != "unknown":
            continue
        cue = cue_around(text, start, end, roles=False)
        if cue is not None and _NUMBER_SAMA.match(text, end - 1):
            continue  # 明暗二様: 二様 (two ways), no 様 after a name
        if cue is None and word[0] not in HAN_SURNAMES:
            continue
        if cue is not None:  # not for the name model, which weighs prose
            pattern = "Chinese or Korean name with cue"
            yield candidate(text, start, end, Ladder.SHAPE_WITH_CONTEXT, pattern, cue)
        elif (
            word[2] not in NOT_HAN_NAME_END
            and han_given(word)
            and (prose := cue_around(text, start, end) or prose_cue(text, start, end))
        ):
            pattern = "Chinese or Korean name"
            yield candidate(text, start, end, Ladder.LOW_CONTEXT, pattern, prose)
