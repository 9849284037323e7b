"""Names of things that read like persons' names: a band, a company, a ship, a model, a
place. Each rule is a class counted on the public sets before it was written (the counts
are in benchmarks/README.md, "Cues before the model")."""

from __future__ import annotations

import re

from recognizers.base import Candidate
from recognizers.gazetteer import PREFECTURES
from recognizers.person.vocabulary import KANJI, KATAKANA_PART

# Articles opening a katakana compound name a band, a company, a place or a work, not a
# person (ザ・ビートルズ, エル・コルテ・イングレス, ラ・リーガ, ラス・アドフンタス); ル・ and
# デ・ may open a person's (ル・コルビュジエ, デ・ガスペリ).
_ARTICLE_OPENING = re.compile(r"(?:エル|ラ|ロス|ラス|ザ|ジ)・")
# `…は、…<head noun>。`: a definition, as encyclopaedias open an article; heads of things.
DEFINITION_AFTER = re.compile(
    rf"は、[^。\n]{{0,80}}?([{KANJI}ァ-ヺー]+)(?:である|だ)?。"
)
_THING_HEAD = re.compile(
    r"(?:艦|船|駅|会社|企業|団体|組織|チーム|クラブ|バンド|川|山|島|岳|湖|半島|町|村|市|区|郡|"
    r"県|州|国|都市|首都|施設|建物|寺|寺院|神社|城|橋|道路|鉄道|路線|線|空港|港|公園|学校|大学|"
    r"高校|病院|番組|映画|作品|小説|漫画|アルバム|シングル|楽曲|曲|ゲーム|ソフトウェア|製品|車|"
    r"自動車|航空機|機|機関車|車両|品種|種|属|科|言語|料理|菓子|祭|事件|戦い|戦争|賞|大会|競技|"
    r"法律|条約|雑誌|新聞|放送局|銀行|店|百貨店|ブランド|レーベル|政党|党|地域|地区|遺跡|古墳|"
    r"天体|小惑星|銀河|恒星|惑星|衛星|ロケット|兵器|砲|銃|戦車|事務所|劇団|協会|連盟|財団|機関|"
    r"老舗|商社|メーカー|問屋|蔵元|酒蔵|窯元|"
    r"部隊|軍|艦隊|師団|連隊|デュオ|トリオ|グループ|レース|リーグ|シリーズ|列車|バス|ホテル|ビル|"
    r"タワー|スタジアム|競技場|劇場|美術館|博物館|図書館|研究所|センター|システム|規格|方式|技術|"
    r"理論|概念|現象|病気|症候群|化合物|物質|元素|鉱物|植物|動物|魚|鳥|昆虫|ウイルス|細菌|酒|"
    r"ワイン|ビール|地方|山地|山脈|高原|平野|盆地|海|湾|海峡|滝|峠|温泉|集落|街道|通り|商店街|"
    r"団地|ダム|トンネル|灯台)$"
)
# A model's code: M7, F-14, DT12, MD-80 (a space may follow).
_MODEL_CODE_BEFORE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,3}-?[0-9]{1,4}[A-Z]?[ ]?$")
# A kind of body, then ・ and its name (ロックバンド・スピッツ, 政党・フィナ・ゲール,
# 制作会社・フジ制作); the kinds that also end katakana names (クリーブランド) stand alone.
_BODY_KIND_BEFORE = re.compile(
    r"(?:(?:会社|企業|団体|組織|政党|劇団|球団|事務所|新聞|雑誌|番組|バンド|グループ|ユニット|デュオ|"
    r"トリオ)|(?<![ァ-ヺー])(?:チーム|クラブ|ブランド|メーカー|レーベル))・$"
)
# The rest of a list that ends in などの and a kind of body (…、カミンズ、マルコポーロなどの企業):
# its items are bodies. Not groups and teams, which people form (田中、鈴木などのチーム).
_LISTED_BODIES_AFTER = re.compile(
    rf"(?:、[^、。「」\n]{{1,15}})*など(?:の)?[{KANJI}ァ-ヺー]{{0,4}}?"
    rf"(?:企業|会社|メーカー|ブランド|バンド|クラブ|球団|団体|組織|政党|劇団|レーベル|商社|銀行)"
    rf"(?![{KANJI}])"
)
# Jr. or Sr. ends a name; a word after it names what bears the name (…ライリー・ジュニア・パーク).
_AFTER_GENERATION = re.compile(r"(?:ジュニア|シニア)・[ァ-ヺ]")
_GENERATION_THEN_WORD = re.compile(r"・(?:ジュニア|シニア)・[ァ-ヺ]")
# & or アンド between two katakana words (ジョンソン&ジョンソン, ボルチモア・アンド・オハイオ).
_AND_AFTER = re.compile(r"(?:[ ]?[&＆][ ]?|・アンド・)[ァ-ヺ]")
_AND_BEFORE = re.compile(r"[ァ-ヺー](?:[ ]?[&＆][ ]?|・アンド・)$")
# Prefectures' names without 県, 府 or 都 (福島, 宮城, 京都): surnames as often as places.
_PREFECTURE_NAMES = frozenset(p if p == "北海道" else p[:-1] for p in PREFECTURES)
_LISTED_PREFECTURE = re.compile(
    rf"(?<![{KANJI}])(?:"
    + "|".join(sorted(_PREFECTURE_NAMES, key=len, reverse=True))
    + rf")(?=[、・]|と(?:[{KANJI}]))"
)


def names_a_thing(text: str, cand: Candidate) -> bool:
    """Whether the candidate, with no honorific after it, names a thing rather than a
    person, by the words around it or its own shape."""
    return bool(
        _ARTICLE_OPENING.match(cand.value)
        or _joined_by_and(text, cand)
        or _after_a_model_code(text, cand)
        or _after_a_body_kind(text, cand)
        or _LISTED_BODIES_AFTER.match(text, cand.end)
        or _names_what_bears_it(text, cand)
        or _defined_as_a_thing(text, cand)
        or _prefecture_among_others(text, cand)
    )


def _defined_as_a_thing(text: str, cand: Candidate) -> bool:
    """The subject of a definition opening a sentence whose head noun names a thing:
    `ヴィンデックスは、イギリス海軍の水上機母艦。` (a ship), not a person."""
    if cand.start and text[cand.start - 1] not in "。\n":
        return False
    m = DEFINITION_AFTER.match(text, cand.end)
    return bool(m and _THING_HEAD.search(m.group(1)))


def _after_a_model_code(text: str, cand: Candidate) -> bool:
    """A katakana name right after a model's code names the model: M7 プリースト (a gun),
    M1ガーランド, DT12シーケンシャル."""
    return bool(KATAKANA_PART.match(text, cand.start)) and bool(
        _MODEL_CODE_BEFORE.search(text, max(0, cand.start - 10), cand.start)
    )


def _after_a_body_kind(text: str, cand: Candidate) -> bool:
    """A katakana name right after a kind of body and ・ names the body: ロックバンド・スピッツ,
    政党・フィナ・ゲール (a party's name, not a member's: 共和党・ is not such a kind)."""
    return bool(KATAKANA_PART.match(text, cand.start)) and bool(
        _BODY_KIND_BEFORE.search(text, max(0, cand.start - 6), cand.start)
    )


def _names_what_bears_it(text: str, cand: Candidate) -> bool:
    """A name, Jr. or Sr., then another word: a place or a thing named after the person
    (ジョゼフ・P・ライリー・ジュニア・パーク, a ballpark)."""
    return bool(_AFTER_GENERATION.search(cand.value) or _GENERATION_THEN_WORD.match(text, cand.end))


def _joined_by_and(text: str, cand: Candidate) -> bool:
    """A katakana word joined to another by & or アンド: a company, a brand or a railway
    (ベンソン&ヘッジス, マッキンゼー・アンド・カンパニー), not a person."""
    if not KATAKANA_PART.match(text, cand.start):
        return False
    before = _AND_BEFORE.search(text, max(0, cand.start - 6), cand.start)
    return bool(before or _AND_AFTER.match(text, cand.end))


def _prefecture_among_others(text: str, cand: Candidate) -> bool:
    """A prefecture's name (福島, 宮城; surnames too) in a line that lists another
    prefecture: the place, as in figures by prefecture (岩手、宮城の約6割が…、福島の7割が);
    not 福島は東京で会見した."""
    if cand.value not in _PREFECTURE_NAMES:
        return False
    line_start = text.rfind("\n", 0, cand.start) + 1
    line_end = text.find("\n", cand.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return any(m.group() != cand.value for m in _LISTED_PREFECTURE.finditer(line))
