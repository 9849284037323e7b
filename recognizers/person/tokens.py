"""Names read from SudachiPy's tokens: runs of name tokens joined across a space, `・` or
`=`, widened to the whole surname and given name or the whole dotted katakana name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from recognizers.base import Candidate, Ladder
from recognizers.names_dict import NameDictionary, name_dictionary
from recognizers.person.cues import candidate, country_before_title, cue_around, prose_cue
from recognizers.person.lexicon import dictionary_name, family_word, given_prefixes, word_class
from recognizers.person.places import after_municipality, is_place_reading
from recognizers.person.vocabulary import (
    ADDRESSEE_AFTER,
    COMPANY_BEFORE,
    FAMILY_AFTER,
    HAN_NAME,
    HAN_SURNAMES,
    HIRAGANA,
    HONORIFIC_AFTER,
    IN_WORD,
    KANA_ONLY,
    KANJI,
    KANJI_ONLY,
    KATAKANA_PART,
    NOT_HAN_NAME_END,
    NOT_PERSON_AFTER,
    PARTICLE_AFTER,
    PERSON_TITLE_AFTER,
    TITLE_SET,
)
from recognizers.sudachi_tokens import FOREIGN, JOINER, MEI, SEI, Token, entries

_GIVEN_AFTER = re.compile(r"[ ]?([々〆ヶ\u4e00-\u9fffぁ-ゖァ-ヺー]{1,6})")
_KANJI_HEAD = re.compile(rf"[{KANJI}]{{1,3}}")
# Parts of one foreign name: katakana words and initials (ジョン・F・ケネディ).
_PARTS_BEFORE = re.compile(r"(?:(?:[ァ-ヺー]+|(?<![0-9A-Za-z])[A-Z]\.?)[・=])+$")
_PARTS_AFTER = re.compile(r"(?:[・=](?:[A-Z]\.?[・=])*[ァ-ヺー]+)+")
# A given name glued to a surname SudachiPy tagged: one or two kanji ending the word.
_GLUED_GIVEN = re.compile(rf"[{KANJI}]{{1,2}}(?![{KANJI}ァ-ヺー])")
_LONGEST_NAME = 40
# SudachiPy reads `森さんまで` as 森 + さんま: a name never runs on into an honorific.
_KANA_HONORIFICS = ("さん", "さま", "くん", "ちゃん", "様", "殿")

# The rest of a timetable row after a stop's name: departure times.
_TIMES_AFTER = re.compile(r"[^\n\t]{0,6}?[\t ]+[0-9]{1,2}:[0-9]{2}[\t ]+[0-9]{1,2}:[0-9]{2}")
# A surname's conjunction: 又は, 及び, 並びに, 若しくは (国又は地方公共団体 holds no name);
# a destination or a street: …行き, …通り.
_CONJUNCTION_AFTER = re.compile(r"(?<=[又及並])[はび]|(?<=若)しく|(?<=行)き|(?<=通)り")
# A numbered road, block or line after a name is a place's: 山部東15線, 北3条, 西2丁目.
_NUMBERED_PLACE_AFTER = re.compile(r"[0-9０-９]{1,3}(?:線|条|号線|丁目|番地)")
_HIRAGANA_ONLY = re.compile(r"[ぁ-ゖー]+")
# Kana that cannot start a word: a name ending right before one is cut from a longer word.
_KANA_PIECE = re.compile(r"[んゃゅょっぁぃぅぇぉーンャュョッァィゥェォ]")
# The last character of a street, a hill or a district name: 増市通, 緑ケ丘, 桜台, 本町.
_PLACE_END = frozenset("通台丘坂町")
# The unit of a currency named after its country, as the last part of a katakana name
# (コンゴ・フラン, メキシコ・ペソ); units that are also names (ランド, マルク) are left out.
_CURRENCY_LAST = re.compile(
    r"[・=＝](?:フラン|ドル|ペソ|ルピー|ルピア|ディナール|ディルハム|リヤル|クローネ|クローナ|"
    r"ポンド|シリング|ルーブル|レアル|ウォン|バーツ|リエル|セディ|ナイラ|クワチャ|フォリント|"
    r"ズウォティ|ユーロ)$"
)


@dataclass(slots=True)
class NameSpan:
    start: int
    end: int
    kinds: frozenset[int]
    parts: int

    @property
    def full(self) -> bool:
        return (SEI in self.kinds and MEI in self.kinds) or self.parts >= 2


def whole_compound(text: str, name: NameSpan) -> NameSpan:
    """A katakana name part and the parts joined to it by `・` or `=` (ジョン・スミス)."""
    before = _PARTS_BEFORE.search(text, max(0, name.start - 30), name.start)
    after = _PARTS_AFTER.match(text, name.end)
    start = before.start() if before else name.start
    end = after.end() if after else name.end
    return NameSpan(start, end, name.kinds, name.parts)


def group_names(text: str, tokens: list[Token]) -> Iterator[NameSpan]:
    """Runs of adjacent name tokens, joined across one space, `・` or `=`."""
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        if tok.kind == JOINER:
            i += 1
            continue
        kinds = {tok.kind}
        end, parts, last, j = tok.end, 1, tok.kind, i + 1
        spaced = False  # a space joins surname and given name once; a list has more
        while j < n:
            nxt = tokens[j]
            if nxt.start != end or text.startswith(_KANA_HONORIFICS, nxt.start):
                break
            if (last == MEI and nxt.kind == SEI) or end - tok.start > _LONGEST_NAME:
                break  # the next person's surname, or no name is this long
            if last == SEI and nxt.kind == FOREIGN and _katakana_verbal_noun(text, nxt):
                break  # 熊田コール: a surname and a word (a call), no foreign given name
            if nxt.kind == JOINER:
                if text[nxt.start] != " " and not KATAKANA_PART.match(text, nxt.start - 1):
                    break  # 羽田孜・杉山憲夫: a list of people, not parts of one name
                if text[nxt.start] == " ":
                    if spaced:
                        break
                    spaced = True
                if j + 1 < n and tokens[j + 1].kind != JOINER and tokens[j + 1].start == nxt.end:
                    nxt = tokens[j + 1]
                    j += 1
                    parts += 1
                else:
                    break
            elif nxt.kind != last:
                parts += 1
            kinds.add(nxt.kind)
            end, last, j = nxt.end, nxt.kind, j + 1
        yield NameSpan(tok.start, end, frozenset(kinds), parts)
        i = j


def _katakana_verbal_noun(text: str, tok: Token) -> bool:
    """A katakana word SudachiPy also lists as a verbal noun (コール, ロック): after a
    surname it is what is done to the person (熊田コール), not a given name (喜屋武マリー)."""
    return bool(KATAKANA_PART.fullmatch(text, tok.start, tok.end)) and (
        "サ変可能" in entries(text[tok.start : tok.end])
    )


def with_given_name(text: str, name: NameSpan, names: NameDictionary) -> NameSpan:
    """A surname followed by a given name SudachiPy did not tag (鈴木 くみ子, サトウ サトミ);
    never an honorific read as one (森さん: さん is also a given name's reading)."""
    m = _GIVEN_AFTER.match(text, name.end)
    if m is None or HONORIFIC_AFTER.match(text, name.end):
        return name
    given = m.group(1)
    if given in names.given_names or names.is_given_reading(given):
        return NameSpan(name.start, m.end(), frozenset({SEI, MEI}), 2)
    if HIRAGANA.match(given):  # 中山ちゑが, 大道寺あや子は: a given name, a particle
        for k in given_prefixes(given, names):
            if PARTICLE_AFTER.match(text, m.start(1) + k):
                return NameSpan(name.start, m.start(1) + k, frozenset({SEI, MEI}), 2)
    kanji = _KANJI_HEAD.match(given)
    end = m.start(1) + kanji.end() if kanji else 0
    if kanji and not IN_WORD.match(text, end) and kanji.group() in names.given_names:
        return NameSpan(name.start, end, frozenset({SEI, MEI}), 2)  # 浜口日見子が
    if _han_full_name(text, name.start, name.end):
        return NameSpan(name.start, name.end + 2, frozenset({SEI, MEI}), 2)  # 楊|秀麗, 胡|有禄
    glued = _GLUED_GIVEN.match(text, name.end)
    if (
        glued
        and all(ch in names.given_chars for ch in glued.group())
        and not NOT_PERSON_AFTER.match(text, name.end)
        and not FAMILY_AFTER.match(text, name.end)
        and not HONORIFIC_AFTER.match(text, name.end)
        and word_class(glued.group()) != "common"
    ):
        return NameSpan(name.start, glued.end(), frozenset({SEI, MEI}), 2)  # 早川漣, 中村鴈笑
    return name


def without_family(text: str, name: NameSpan) -> NameSpan:
    """A surname SudachiPy reads with 家 (鳥羽家): the surname of a family."""
    stem = text[name.start : name.end - 1]
    if len(stem) >= 2 and text[name.end - 1] == "家" and stem in name_dictionary().surnames:
        return NameSpan(name.start, name.end - 1, name.kinds, name.parts)
    return name


def whole_given(text: str, name: NameSpan, names: NameDictionary) -> NameSpan:
    """A full name SudachiPy cut short at either end (福山|規|央, 山|脇重|守, 大和|田里|沙帆):
    the kanji run it lies in, from up to two kanji before it, when the dataset knows the
    run as a surname and a given name (福山規央, 山脇重守, 大和田里沙帆)."""
    run = KANJI_ONLY.match(text, name.start)
    if run is None or run.end() < name.end:
        return name
    for back in (2, 1, 0):
        start = name.start - back
        if start < 0 or (back and not KANJI_ONLY.fullmatch(text, start, name.start)):
            continue
        if (back == 0 and run.end() == name.end) or run.end() - start > 6:
            continue
        if dictionary_name(text[start : run.end()], names) == (0, run.end() - start, True):
            return NameSpan(start, run.end(), name.kinds, 2)
    return name


def _han_full_name(text: str, start: int, end: int) -> bool:
    """A common Chinese or Korean surname of one kanji and two more ending the word, the
    three no dictionary word (楊秀麗は, 蔡長庚が): the given name, even when its two kanji
    are a word of their own (秀麗), but not a title (李先生, 張部長)."""
    word = text[start : end + 2]
    return (
        end - start == 1
        and len(word) == 3
        and word[0] in HAN_SURNAMES
        and word[2] not in NOT_HAN_NAME_END
        and text[end : end + 2] not in TITLE_SET  # 張部長: a surname and a title
        and not PERSON_TITLE_AFTER.match(text, end)  # 李先生
        and HAN_NAME.match(text, start) is not None
        and word_class(word) == "unknown"
    )


def token_names(text: str, tokens: list[Token]) -> Iterator[Candidate]:
    for name in group_names(text, tokens):
        cand = judge(text, name)
        if cand is not None:
            yield cand


def judge(text: str, name: NameSpan) -> Candidate | None:
    if name.kinds == {SEI}:
        name = with_given_name(text, without_family(text, name), name_dictionary())
    elif name.kinds == {SEI, MEI}:
        name = whole_given(text, name, name_dictionary())
    if (
        name.kinds == {FOREIGN}
        and name.end - name.start >= 3
        and KANJI_ONLY.fullmatch(text, name.start, name.end)
    ):
        # 石破茂: SudachiPy knows the person
        name = NameSpan(name.start, name.end, name.kinds, 2)
    if not name.full and KATAKANA_PART.fullmatch(text, name.start, name.end):
        name = whole_compound(text, name)
    start, end = name.start, name.end
    if COMPANY_BEFORE.search(text, max(0, start - 8), start):
        return None
    if (
        NOT_PERSON_AFTER.match(text, end)
        or ADDRESSEE_AFTER.match(text, end)
        or _NUMBERED_PLACE_AFTER.match(text, end)
    ):
        return None
    if _CONJUNCTION_AFTER.match(text, end) or text[end - 1] in _PLACE_END:
        return None
    value = text[start:end].replace(" ", "")
    if KANA_ONLY.fullmatch(value) and is_place_reading(value):
        return None  # the reading of an address: とうきょうと ねりまく
    if _CURRENCY_LAST.search(value):
        return None  # コンゴ・フラン: a currency with its country's name
    if _HIRAGANA_ONLY.fullmatch(value) and (
        _KANA_PIECE.match(text, end)
        or (start and HIRAGANA.match(text, start - 1))
        or (HIRAGANA.match(text, end) and not HONORIFIC_AFTER.match(text, end))
    ):
        return None  # a piece of a longer hiragana reading: かさいぐ|ん, おお|のぐん
    cue = cue_around(text, start, end)
    if cue is not None and country_before_title(text, start, end):
        return None  # アメリカ大統領, ペルー外相: the country's head
    if cue is None and value[-1] == "丸":
        return None  # 東邦丸, 富士山丸: a ship
    if cue is None and text[start - 1 : start] == "『" and text[end : end + 1] == "』":
        return None  # 『ペール・ギュント』: the title of a work, a play named after its hero
    if cue is None and _TIMES_AFTER.match(text, end):
        return None  # a stop in a timetable row: 西藤平蔵\t6:14 7:11
    if cue is None and after_municipality(text, start):
        return None  # the town of an address: すさみ町|佐本平野, 滝沢市|大沢神が窪
    if name.full:
        if cue:
            pattern = "full name with cue"
            return candidate(text, start, end, Ladder.DISTINCT_FORMAT, pattern, cue)
        return candidate(text, start, end, Ladder.FORMATTED, "full name", None)
    if cue:
        return candidate(text, start, end, Ladder.SHAPE_WITH_CONTEXT, "name with cue", cue)
    prose = prose_cue(text, start, end)
    family = FAMILY_AFTER.match(text, end)
    if (
        SEI in name.kinds
        and prose is None
        and family
        and family_word(text[start : family.end()])
    ):
        cue = f"'{family.group()}' after"
        return candidate(text, start, end, Ladder.LOW_CONTEXT, "family name", cue)
    if SEI in name.kinds:
        if prose:
            return candidate(text, start, end, Ladder.LOW_CONTEXT, "surname in prose", prose)
        return candidate(text, start, end, Ladder.CHECKED_ALONE, "surname alone", None)
    if FOREIGN in name.kinds:
        if prose:
            pattern = "foreign name in prose"
            return candidate(text, start, end, Ladder.LOW_CONTEXT, pattern, prose)
        return candidate(text, start, end, Ladder.CHECKED_ALONE, "foreign name alone", None)
    if prose:
        return candidate(text, start, end, Ladder.LOW_CONTEXT, "given name in prose", prose)
    return candidate(text, start, end, Ladder.SHAPE_ALONE, "given name alone", None)
