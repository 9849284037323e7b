"""Katakana names SudachiPy may not know: with a title or honorific after or a role
before (…監督, 女優の…), and words standing alone before a particle in prose, which
the name model decides."""

from __future__ import annotations

import re
from collections.abc import Iterator

from recognizers.base import Candidate, Ladder
from recognizers.person.cues import candidate, country_before_title, prose_cue
from recognizers.person.lexicon import katakana_person_entry, may_be_foreign_name, unknown_katakana
from recognizers.person.vocabulary import ORG_WORD, PARTICLE_AFTER, PERSON_TITLE_AFTER

# A role right before a katakana name (ロシア人…, 女優の…, 父…).
_ROLE_GLUED = re.compile(
    r"(?:(?<![\u4e00-\u9fff])(?:父|母|妻|夫|兄|弟|姉|妹|息子|娘|長男|長女|次男|次女)|"
    r"(?:[ァ-ヺー]|日本|中国|韓国|米国|英国)人|俳優|女優|歌手|作家|画家|詩人|監督|教授|博士|司令官|将軍|大統領|首相|"
    r"国王|女王|王子|皇帝|(?:家|手|優|者|員|師|士|官)の)$"
)
# A katakana name in one word or in parts: ワーナー, ジャック・ワーナー, ウィリス・A・リー,
# with one-kana particles of nobility between parts (ルイ・ド・ラ・トゥール, ホセ・デ・サン).
_KATAKANA_WORDS = re.compile(
    r"[ァ-ヺー](?<![ァ-ヺー・=].)[ァ-ヺー]+"
    r"(?:[・=](?:(?:[A-Z]\.?|[ドデダラル])[・=])*[ァ-ヺー]{2,})*(?![ァ-ヺー])"
)
# A katakana word of three or more, in parts joined by `・` or `=` or not, as a whole word,
# before a particle (as `prose_cue` requires: the others are never tried).
_PROSE_KATAKANA = re.compile(
    r"[ァ-ヺー](?<![ァ-ヺー・=].)[ァ-ヺー]{2,}(?:[・=][ァ-ヺー]{2,})*(?![ァ-ヺー・=])"
    rf"(?={PARTICLE_AFTER.pattern})"
)


def katakana_with_cue(text: str) -> Iterator[Candidate]:
    """Katakana names SudachiPy does not know, in one word or in parts, with a title or
    an honorific after (…監督, …中佐) or a role before (女優の…, ロシア人…)."""
    for m in _KATAKANA_WORDS.finditer(text):
        start, end = m.span()
        after = PERSON_TITLE_AFTER.match(text, end)
        line_start = text.rfind("\n", 0, start) + 1
        before = _ROLE_GLUED.search(text, max(line_start, start - 6), start)
        if after is None and before is None:
            continue
        word = m.group()
        if ORG_WORD.search(word) or not may_be_foreign_name(word):
            continue
        if country_before_title(text, start, end):
            continue
        cue = f"'{after.group().strip()}' after" if after else f"'{before.group()}' before"
        pattern = "katakana name with cue"
        yield candidate(text, start, end, Ladder.SHAPE_WITH_CONTEXT, pattern, cue)


def katakana_in_prose(text: str) -> Iterator[Candidate]:
    """Katakana words standing alone before a particle that SudachiPy does not know,
    whole or in any part (ヘルムは, ロングエーカーは), or knows as a person's name
    among other senses (ヘンリーとの, クレーマーは): below the threshold until the
    name model (`recognizers.person.model`) raises them."""
    for m in _PROSE_KATAKANA.finditer(text):
        start, end = m.span()
        word = m.group()
        if (unknown_katakana(word) or katakana_person_entry(word)) and prose_cue(
            text, start, end
        ):
            pattern = "katakana word in prose"
            yield candidate(text, start, end, Ladder.SHAPE_ALONE, pattern, None)
