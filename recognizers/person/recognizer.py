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
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate, pairwise

from recognizers.base import Candidate, Document, Ladder, Recognizer
from recognizers.checks import is_placeholder
from recognizers.ginza_refiner import GinzaRefiner
from recognizers.latin_names import (
    body_follows,
    is_latin_name,
    labelled_latin_names,
    titled_latin_names,
)
from recognizers.names_dict import NameDictionary, name_dictionary, to_katakana
from recognizers.person import model as person_model
from recognizers.person.places import after_municipality, is_place_reading, municipality_before
from recognizers.person.things import DEFINITION_AFTER, names_a_thing
from recognizers.sudachi_tokens import (
    FOREIGN,
    JOINER,
    MEI,
    NAME_KINDS,
    SEI,
    Token,
    dictionary_class,
    entries,
    is_country,
    lookup_kinds,
    tokenize,
    words,
)

HONORIFICS = ("様", "さま", "さん", "氏", "殿", "君", "くん", "ちゃん", "先生")
TITLES = (
    "代表取締役", "取締役", "社長", "副社長", "会長", "専務", "常務", "部長", "副部長", "次長",
    "課長", "係長", "主任", "室長", "所長", "支店長", "店長", "局長", "本部長", "担当", "教授",
    "准教授", "講師", "医師", "院長", "弁護士", "税理士", "議員", "知事", "市長", "監督", "選手",
    "代表", "投手", "捕手", "騎手", "棋士", "主将", "容疑者", "被告", "首相", "大統領", "大臣",
    "総裁", "夫人", "博士", "教諭", "記者", "大将", "中将", "少将", "大佐", "中佐", "少佐", "大尉",
    "中尉", "少尉", "提督", "司令官", "将軍", "副会長", "長官", "委員長", "理事長", "頭取", "皇帝",
    "国王", "女王", "王女", "伯爵", "公爵", "侯爵", "男爵", "子爵", "卿", "牧師", "神父", "司教",
    "主席", "大使", "公使", "総領事",
    # heads of a ship, a hall, a school or a house; police, courts, ministers, assemblies
    "船長", "機長", "航海長", "館長", "園長", "校長", "学長", "総長", "編集長",
    "警部", "警部補", "巡査", "検事", "判事", "外相", "蔵相", "法相", "議長", "副議長",
    "幹事長", "書記長", "親方", "本人", "党首", "国務長官", "国家主席",
    "財務相", "外務相", "防衛相", "総務相", "法務相", "環境相", "経産相", "経済産業相", "文科相",
    "文部科学相", "厚労相", "厚生労働相", "農水相", "農林水産相", "国交相", "国土交通相",
    # the imperial family's titles: 大海人皇子, 徳仁親王, 孝謙上皇
    "皇子", "皇女", "親王", "内親王", "上皇", "法皇", "天皇",
)
# Titles of a person inside a company, never of a place's office or branch (支店長, 市長):
# a surname that is also a place's name stays a surname before them (松本部長, 福岡課長).
_STAFF_TITLES = frozenset(
    ("社長", "副社長", "専務", "常務", "部長", "副部長", "次長", "課長", "係長", "主任")
)
# A role or relation and の right before a name: 作家の…, 父の…, 会社員の…, 監督の….
_ROLE_BEFORE = re.compile(
    r"(?:[\u4e00-\u9fff]{0,5}(?:家|者|手|員|師|士|優|長|官)|父|母|妻|夫|兄|弟|姉|妹|息子|娘|"
    r"長男|次男|三男|長女|次女|祖父|祖母|孫|友人|弟子|師匠|上司|部下|同僚|恋人|監督|首相|"
    r"大統領|知事|将軍|当主|藩主|教授|博士|ライター|タレント|アナウンサー|キャスター)の$"
)
# A role right before a katakana name (ロシア人…, 女優の…, 父…), and the titles and
# honorifics after one that name a person rather than a company or a country's team
# (…監督, …中佐, …夫人, …米大統領, …新監督; not …社長, …代表, …担当), with no kanji
# running on (…選手権) but 兼 (…首相兼外相).
_ROLE_GLUED = re.compile(
    r"(?:(?<![\u4e00-\u9fff])(?:父|母|妻|夫|兄|弟|姉|妹|息子|娘|長男|長女|次男|次女)|"
    r"(?:[ァ-ヺー]|日本|中国|韓国|米国|英国)人|俳優|女優|歌手|作家|画家|詩人|監督|教授|博士|司令官|将軍|大統領|首相|"
    r"国王|女王|王子|皇帝|(?:家|手|優|者|員|師|士|官)の)$"
)
_PERSON_TITLE_AFTER = re.compile(
    r"[ ]?(?:元|前|現|新)?(?:[米英仏独露中韓伊豪印加](?=大統領|首相|外相|国務長官|大使|国王|女王))?"
    r"(?:様|さま|さん|氏|殿|君|くん|ちゃん|先生|監督|選手|投手|捕手|騎手|"
    r"教授|准教授|博士|医師|弁護士|議員|首相|大統領|大臣|夫人|大将|中将|少将|大佐|中佐|少佐|"
    r"大尉|中尉|少尉|提督|司令官|将軍|国王|女王|王子|王女|伯爵|公爵|侯爵|男爵|子爵|卿|牧師|"
    r"神父|司教|主席|大使|公使|領事|総領事|外相|国務長官)(?!(?!兼)[\u4e00-\u9fff])"
)
# What follows a name and its honorific when it ends there: a particle or a stop.
_PARTICLE_OR_STOP = re.compile(r"[はがのをにともへや、。,，）」』]")
# One-character words before a title that are not surnames there (前部長, 各社長, 新社長).
_NOT_ONE_CHAR_SURNAME = frozenset("前新今長所見中原高向平神各同元旧現副当貴御両全本総次大小正")
# The rest of a timetable row after a stop's name: departure times.
_TIMES_AFTER = re.compile(r"[^\n\t]{0,6}?[\t ]+[0-9]{1,2}:[0-9]{2}[\t ]+[0-9]{1,2}:[0-9]{2}")
# A surname's conjunction: 又は, 及び, 並びに, 若しくは (国又は地方公共団体 holds no name);
# a destination or a street: …行き, …通り.
_CONJUNCTION_AFTER = re.compile(r"(?<=[又及並])[はび]|(?<=若)しく|(?<=行)き|(?<=通)り")
LABELS = (
    "氏名", "お名前", "名前", "担当者", "申込者", "申請者", "契約者", "被保険者", "患者名",
    "フリガナ", "ふりがな", "カナ氏名", "氏名カナ", "宛名", "受取人", "依頼人", "記入者", "作成者",
    "承認者", "顧客名", "会員名", "利用者名", "代表者", "差出人", "届出人", "世帯主", "オナマエ",
    "おなまえ", "シメイ", "依頼主", "ご依頼主", "注文者", "購入者", "送り主", "発送者", "確認者",
    "申込人", "保護者", "連絡者", "入居者", "担当者名", "お客様名", "出席者", "参加者",
    # bank transfers and accounts (全銀 records, statements): the holder's name in katakana
    "口座名義", "口座名義人", "名義人", "名義", "振込名義", "受取人名",
)
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

_CUE_RE = re.compile("|".join(sorted(HONORIFICS + TITLES + LABELS, key=len, reverse=True)))
_HONORIFIC_AFTER = re.compile(
    r"[ ]?(?:元|前|現)?(?:" + "|".join(sorted(HONORIFICS + TITLES, key=len, reverse=True)) + ")"
)
_LABEL_BEFORE = re.compile(
    r"(?:"
    + "|".join(sorted(LABELS + TITLES, key=len, reverse=True))
    + r")(?:\([^)\n]{1,6}\))?[ ]?[::=]?[ ]?$"
)
# A name followed by these names a company, a shop, a place or a line, not a person.
_NOT_PERSON_AFTER = re.compile(
    r"(?:商店|商会|商事|工業|工務店|製作所|建設|産業|電機|電気|自動車|物産|興業|運輸|薬品|"
    r"食品|銀行|証券|保険|病院|医院|クリニック|歯科|大学|学園|学校|高校|中学|幼稚園|財団|"
    r"株式会社|有限会社|合同会社|グループ|ホールディングス|事務所|町|村|市|区|郡|県|駅|線|"
    r"通り|橋|川|寺|神社|港|空港|公園|ビル|屋|堂|組|家具|本店|支店|店|工場|研究所|記念|行き|方面|経由|"
    r"社(?![長員])|基地|島|諸島|半島|湾|岬|海峡|山脈|号|図書館|政権|軍|城|藩|賞|杯|財団|財閥|製|社製|語|文字|料理|方式)"
)
# A numbered road, block or line after a name is a place's: 山部東15線, 北3条, 西2丁目.
_NUMBERED_PLACE_AFTER = re.compile(r"[0-9０-９]{1,3}(?:線|条|号線|丁目|番地)")
_COMPANY_BEFORE = re.compile(r"(?:株式会社|有限会社|合同会社|合資会社|\((?:株|有)\))[ ]?$")
# 様 in 同様, 模様, 仕様 is no honorific.
_NOT_HONORIFIC = re.compile(r"[同模仕異多一左皆]様")
_HONORIFIC_RE = re.compile("|".join(sorted(HONORIFICS + TITLES, key=len, reverse=True)))
_RUN_BEFORE = re.compile(r"[々〆ヶ\u4e00-\u9fff]+(?: [々〆ヶ\u4e00-\u9fff]+)?[ ]?$")
_GIVEN_AFTER = re.compile(r"[ ]?([々〆ヶ\u4e00-\u9fffぁ-ゖァ-ヺー]{1,6})")
_KANJI = "々〆ヶ\u4e00-\u9fff"
# Patterns run over whole texts open with a character class and look back past it
# (`[…](?<![…].)` for `(?<![…])[…]`): the regex engine skips ahead on a leading class
# (see recognizers.base).
_KANA_ONLY = re.compile(r"[ぁ-ゖァ-ヺー]+")
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
_KANJI_ONLY = re.compile(rf"[{_KANJI}]+")
_KANJI_HEAD = re.compile(rf"[{_KANJI}]{{1,3}}")
_PART_SEPARATORS = re.compile("[ ・=]")
_DOT_SEPARATORS = re.compile("[・=]")
_LABEL_SEPARATOR = re.compile(r"(?:\([^)\n]{1,6}\))?[ ]?[::=][ ]?|[ ]")
_HIRAGANA = re.compile(r"[ぁ-ゖ]")
_HIRAGANA_ONLY = re.compile(r"[ぁ-ゖー]+")
# Kana that cannot start a word: a name ending right before one is cut from a longer word.
_KANA_PIECE = re.compile(r"[んゃゅょっぁぃぅぇぉーンャュョッァィゥェォ]")
_IN_WORD = re.compile(r"[々〆ヶ\u4e00-\u9fffァ-ヺー]")
_KATAKANA_PART = re.compile(r"[ァ-ヺー]+")
# Parts of one foreign name: katakana words and initials (ジョン・F・ケネディ).
_PARTS_BEFORE = re.compile(r"(?:(?:[ァ-ヺー]+|(?<![0-9A-Za-z])[A-Z]\.?)[・=])+$")
_PARTS_AFTER = re.compile(r"(?:[・=](?:[A-Z]\.?[・=])*[ァ-ヺー]+)+")
# The subject of a sentence before は、: a katakana name in parts or a kanji word.
_DEFINED = re.compile("は、")
_SUBJECT_BEFORE = re.compile(rf"(?:^|(?<=[。\n]))(?:[ァ-ヺー][ァ-ヺー・=]+|[{_KANJI}]{{2,6}})$")
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
# Titles that follow a country's name as often as a person's (アメリカ大統領, ペルー外相).
_STATE_TITLE_AFTER = re.compile(
    r"[ ]?(?:元|前|現)?(?:大統領|副大統領|首相|外相|国務長官|大使|公使|総領事|領事|国王|女王|"
    r"王子|王女|皇帝|主席)"
)
# A regnal number after a foreign name (ヘンリー8世, ナポレオン三世, フリードリヒ・
# ヴィルヘルム4世), not a century or a generation (世紀, 世代), and the name before it.
_REGNAL = re.compile(r"(?<=[ァ-ヺー])(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})世(?![紀代界])")
_REGNAL_NAME = re.compile(r"(?:[ァ-ヺー]+[・=])*[ァ-ヺー]{2,}$")
_LATIN_OR_DIGIT = re.compile(r"[0-9A-Za-z]")
# Katakana words that end the names of companies, bands, teams and venues.
_ORG_WORD = re.compile(
    r"(?:カンパニー|コーポレーション|コーポレイション|ブラザース|ブラザーズ|グループ|バンド|"
    r"コミック|コミックス|キャピタル|センター|シティ|フィールド|アリーナ|スタジアム|ホテル|"
    r"クラブ|ユナイテッド|アスレティック|ホールディングス|インターナショナル|ジャパン|"
    r"エンタテインメント|エンターテインメント|レコード|レコーズ|プロダクション|スタジオ|"
    r"ミュージック|アカデミー|カレッジ|ユニバーシティ|フェスティバル|ショー|リーグ|"
    r"パーク|ガーデン|ストリート|アベニュー|タワー|ビル|ハウス|ホール|ラボ|テレビ)$"
)
# The last character of a street, a hill or a district name: 増市通, 緑ケ丘, 桜台, 本町.
_PLACE_END = frozenset("通台丘坂町")
# `の` and one such character after a word make a place name (千代の台, 桜の丘), no particle.
_PLACE_AFTER_NO = re.compile(rf"の[台丘坂森里宮浦沢郷谷原](?![{_KANJI}])")
# A short kanji word standing alone before a particle: 田中は, 家康が, 秀吉の.
_BARE_WORD = re.compile(
    rf"[{_KANJI}](?<![{_KANJI}ァ-ヺー].)[{_KANJI}]{{1,2}}(?=[はがともにをの、]|から|より)"
)
# A surname of two or three kanji and a given name in hiragana: 鈴木さゆりと, 中山ちゑが.
_SURNAME_THEN_KANA = re.compile(rf"([{_KANJI}](?<![{_KANJI}].)[{_KANJI}]{{1,2}})([ぁ-ゖ]{{2,5}})")
# A given name glued to a surname SudachiPy tagged: one or two kanji ending the word.
_GLUED_GIVEN = re.compile(rf"[{_KANJI}]{{1,2}}(?![{_KANJI}ァ-ヺー])")
# A family, a house or a faction after a surname: 徳川家, 田中派, 足利方.
_FAMILY_AFTER = re.compile(r"(?:家|派|方|一族|一門|邸)(?![\u4e00-\u9fff])")
_SURNAME_BEFORE = re.compile(rf"(?<![{_KANJI}])[{_KANJI}]{{2,3}}$")
# Common Chinese and Korean surnames (百家姓 and 본관 lists), for 3-kanji names: 王金華, 金載昊.
_HAN_SURNAMES = frozenset(
    "王李張劉陳楊黄趙周呉徐孫朱馬胡郭林何高羅鄭梁謝宋唐許鄧馮韓曹曾彭蕭蔡潘田董袁于余葉蒋杜"
    "蘇魏程呂丁沈任姚盧傅鍾姜崔譚廖范汪陸金石戴賈韋夏邱方侯鄒熊孟秦白江閻薛尹段雷黎史龍陶賀"
    "顧毛郝龔邵萬錢嚴武莫孔向常朴申權柳洪全文裵卓魯玄延禹伍翁"
)
_NOT_HAN_NAME_END = frozenset(
    "前後風署国県市町村区駅山川寺祭会期室機神訳内外中用式型系派流門院館場又若及並等様氏殿君家方"
)
# 様 after a kanji numeral is a manner (一様, 二様), not an honorific: 明暗二様.
_NUMBER_SAMA = re.compile("[一二三四五六七八九十]様")
# With an honorific, a title or a label, 建国, 建中 and 怡君 are given names (李建国様).
_NOT_CUED_HAN_NAME_END = _NOT_HAN_NAME_END - frozenset("国中君")
# Two to four Hangul syllables, a word of their own: a Korean name (김민준, 남궁민수).
_HANGUL_NAME = re.compile("[가-힣](?<![가-힣].)[가-힣]{1,3}(?![가-힣])")
# Three kanji, a word of their own or before a kanji honorific (楊秀麗は, 楊秀麗氏は).
_HAN_NAME = re.compile(
    rf"[{_KANJI}](?<![{_KANJI}ァ-ヺーA-Za-z0-9].)[{_KANJI}]{{2}}"
    rf"(?:(?![{_KANJI}ァ-ヺー])|(?=(?:様|氏|殿|先生)(?![{_KANJI}])))"
)
_WORD_TAIL = re.compile(rf"[{_KANJI}ァ-ヺー]+$")
_WORD_HEAD = re.compile(rf"[{_KANJI}ァ-ヺー]{{1,16}}")
# A particle or a word that follows a person's name standing alone in prose.
_PARTICLE_AFTER = re.compile(
    r"(?:自身|自ら|夫妻|一家|兄弟|親子|本人|から|によ|であ|など|より|は|が|と|も|や|"
    r"ら(?=[はがとのにをも、])|を|に|の|、)"
)
_PARTICLE_KANA = frozenset("はがのをにともでへやか")
_ADDRESSEE_AFTER = re.compile(r"[^\n様]{0,20}御中")
# A kanji run of two or more, or of one with a run after one space, and the run after
# one space if any (looked at, not consumed); a lone kanji can hold no name.
_KANJI_RUN = re.compile(
    rf"[{_KANJI}](?:[{_KANJI}]+|(?= [{_KANJI}ぁ-ゖ]))(?:(?= ([{_KANJI}ぁ-ゖ]+))|)"
)
_KATAKANA_NAME = re.compile(r"[ァ-ヺー]{2,}(?:[・=＝ ][ァ-ヺー]{2,})+|[ァ-ヺー]{3,}")
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
# A mailbox `Display Name <local@domain>` (a mail header, a git trailer, a .po file's
# translators, a package's authors): its display name in Latin letters, two to five words.
# An address in angle brackets, or in parentheses as old headers and man pages write it
# (`Colin Watson (cjwatson@debian.org)`): the local part.
_MAILBOX = re.compile(r"<([^<>@\s]+)@[^<>@\s]+>|\(([^()<>@\s]+)@[^()<>@\s]+\)")
# A name in kanji before an address: a surname, maybe a space, a given name (鵜飼 文敏);
# like a name in Latin letters, it may end the line before the address.
_KANJI_DISPLAY_NAME = re.compile(
    rf"(?:^|(?<=[\s,:;(\"'「]))([{_KANJI}]{{2,3}})[ \u3000]?([{_KANJI}]{{1,3}})\"?[ ]?\n?\Z",
    re.M,
)
_LATIN_LETTER = re.compile("[A-Za-z]")
# The family name that ends a name in Latin letters (Haugh, O'Brien, SATO).
_LATIN_FAMILY = re.compile(r"[A-Z][A-Za-z'’-]{2,}")
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
_KANA_PAIR = re.compile(r"([ァ-ヺー](?<![ァ-ヺー].)[ァ-ヺー]{1,7}) ([ァ-ヺー]{2,8})(?![ァ-ヺー])")
# The same in hiragana, only before an honorific (hiragana pairs in prose are words):
# `たかはし はなこ様`.
_HIRAGANA_PAIR = re.compile(
    r"([ぁ-ゖー](?<![ぁ-ゖー].)[ぁ-ゖー]{1,7}) ([ぁ-ゖー]{2,8})"
    r"(?=[ ]?(?:様|さま|さん|くん|ちゃん|殿))"
)
_ROMAN_CUE_AFTER = re.compile(r"[ ]?(?:様|さま|さん|氏|殿|先生|-?san\b|-?sama\b)", re.IGNORECASE)
_VALUE_CHAR = r"[^\s\d,，、;|:：()（）\[\]「」<>@]"
_LABEL_COLON = re.compile(r"[ ]?[:：]")  # after a word: the word labels the next field
_FIELD_VALUE = re.compile(rf"[ ]?({_VALUE_CHAR}{{1,20}}(?:[ ]{_VALUE_CHAR}{{1,20}})?)")
# A kanji name and its reading in parentheses: 山田太郎（やまだ たろう、…）.
_READING_AFTER = re.compile(
    rf"([{_KANJI}](?<![{_KANJI}].)[{_KANJI}]{{0,5}}(?: [{_KANJI}]{{1,3}})?)"
    r"[(（]([ぁ-ゖァ-ヺー ]{4,16})[)）、,]"
)
# A katakana name in one word or in parts: ワーナー, ジャック・ワーナー, ウィリス・A・リー,
# with one-kana particles of nobility between parts (ルイ・ド・ラ・トゥール, ホセ・デ・サン).
_KATAKANA_WORDS = re.compile(
    r"[ァ-ヺー](?<![ァ-ヺー・=].)[ァ-ヺー]+"
    r"(?:[・=](?:(?:[A-Z]\.?|[ドデダラル])[・=])*[ァ-ヺー]{2,})*(?![ァ-ヺー])"
)
# A katakana word of three or more, in parts joined by `・` or `=` or not, as a whole word,
# before a particle (as `_prose_cue` requires: the others are never tried).
_PROSE_KATAKANA = re.compile(
    r"[ァ-ヺー](?<![ァ-ヺー・=].)[ァ-ヺー]{2,}(?:[・=][ァ-ヺー]{2,})*(?![ァ-ヺー・=])"
    rf"(?={_PARTICLE_AFTER.pattern})"
)
_PLACE_UNIT = re.compile(r"[都道府県市区町村郡]")
# The unit of a currency named after its country, as the last part of a katakana name
# (コンゴ・フラン, メキシコ・ペソ); units that are also names (ランド, マルク) are left out.
_CURRENCY_LAST = re.compile(
    r"[・=＝](?:フラン|ドル|ペソ|ルピー|ルピア|ディナール|ディルハム|リヤル|クローネ|クローナ|"
    r"ポンド|シリング|ルーブル|レアル|ウォン|バーツ|リエル|セディ|ナイラ|クワチャ|フォリント|"
    r"ズウォティ|ユーロ)$"
)
_NAME_CHARS = re.compile(r"[々〆ヶ\u4e00-\u9fffぁ-ゖァ-ヺーA-Za-zÀ-ÖØ-öø-ʯḀ-ỿ. ・=＝'’-]+")
# Words of a sentence, not of a name: a kanji then kana ending as a verb or an auxiliary
# does (使う, 形式になっていません); names written so (美さき, 千ひろ) end otherwise.
_KANJI_THEN_KANA = re.compile(r"[々\u4e00-\u9fff][ぁ-ゖ]")
_VERB_ENDING = re.compile(r"(?:[うくぐすつぬぶむるただてで]|ない|ます|ません)$")
_LABEL_SET = frozenset(LABELS)
# Labels that also head a duty or an area (担当：経理, 担当：千葉): a name after them only
# when it is a full name the dataset knows (担当：山田太郎).
_DUTY_LABELS = frozenset(("担当",))
# A department in brackets right after a name: （営業部）, (総務課), （経営企画室）.
_DEPARTMENT_AFTER = re.compile(
    r"[（(][^）)\n]{0,10}(?:部|課|室|係|グループ|チーム|センター)[）)]"
)
_LONGEST_NAME = 40
_TRAILING_SEPARATORS = re.compile(r"[ ::=]+$")
# SudachiPy reads `森さんまで` as 森 + さんま: a name never runs on into an honorific.
_KANA_HONORIFICS = ("さん", "さま", "くん", "ちゃん", "様", "殿")
_TITLE_SET = frozenset(TITLES)


@dataclass(slots=True)
class _Name:
    start: int
    end: int
    kinds: frozenset[int]
    parts: int

    @property
    def full(self) -> bool:
        return (SEI in self.kinds and MEI in self.kinds) or self.parts >= 2


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

    # -- entry point -------------------------------------------------------------------
    def analyze(self, doc: Document) -> Iterator[Candidate]:
        text = doc.text
        if not text.strip():
            return
        names = name_dictionary()
        header = self._person_header(doc)
        found: dict[tuple[int, int], Candidate] = {}
        for start, end in self._windows(text, names):
            for cand in self._from_tokens(text, tokenize(text[start:end], start)):
                found.setdefault((cand.start, cand.end), cand)
        if header:
            for cand in self._whole_cell(text, header, names):
                _absorb(found, cand)
        elif "\n" in text and doc.mentions_any(_COLUMN_WORDS):
            for cand in self._column_cells(doc, names):
                _absorb(found, cand)
        for cand in self._before_honorifics(text, names):
            found.setdefault((cand.start, cand.end), cand)
        for cand in _before_departments(text, names):
            found.setdefault((cand.start, cand.end), cand)
        for cand in self._labelled_fields(text, names):
            _absorb(found, cand)
        for start, end, label in labelled_latin_names(text, LABELS, names):
            cue = f"label '{label}'"
            pattern = "labelled name in Latin letters"
            _absorb(found, _cand(text, start, end, Ladder.SHAPE_WITH_CONTEXT, pattern, cue))
        for start, end, title in titled_latin_names(text, names):
            cue = f"'{title}' before"
            pattern = "name in Latin letters after a title"
            _absorb(found, _cand(text, start, end, Ladder.SHAPE_WITH_CONTEXT, pattern, cue))
        for cand in self._kana_pairs(text, names):
            found.setdefault((cand.start, cand.end), cand)
        for cand in _mailbox_names(text, names):
            found.setdefault((cand.start, cand.end), cand)
        for cand in self._with_reading(text, names):
            _absorb(found, cand)
        for cand in self._katakana_with_cue(text):
            _absorb(found, cand)
        for cand in _regnal_names(text):
            _absorb(found, cand)
        for cand in _defined_persons(text):
            _absorb(found, cand)
        for cand in self._families(text, names):
            found.setdefault((cand.start, cand.end), cand)
        for cand in self._han_names(text):
            _absorb(found, cand)
        for cand in self._romanized(text, names):
            found.setdefault((cand.start, cand.end), cand)
        for cand in _hangul_names(text):
            found.setdefault((cand.start, cand.end), cand)
        _add_apart(found, self._katakana_in_prose(text))
        for cand in _lone_surnames(text, names):
            found.setdefault((cand.start, cand.end), cand)
        _absorb_whole(found, _dictionary_full_names(text, names))
        keyed = not header and _keyed_by_another_field(doc)
        for key, cand in list(found.items()):
            if (cand.context is None and _catalogue_word(text, cand.start, cand.end, keyed)) or (
                not _HONORIFIC_AFTER.match(text, cand.end) and names_a_thing(text, cand)
            ):
                del found[key]
        cands = person_model.rescore(text, sorted(found.values(), key=lambda c: (c.start, c.end)))
        cands = _same_person(text, cands, names)
        if self.refiner is not None:
            cands = self.refiner.refine(text, cands, everywhere=self.thorough)
        yield from cands

    # -- where to look -----------------------------------------------------------------
    def _windows(self, text: str, names: NameDictionary) -> list[tuple[int, int]]:
        if self.thorough:
            return [(0, len(text))]
        spans: list[tuple[int, int]] = []
        add = spans.append
        for m in _CUE_RE.finditer(text):
            start, end = m.span()
            if m.group() in _LABEL_SET:
                add((start, end + 20))
            elif m.group() in _TITLE_SET:
                add((start - 12, end + 12))
            else:
                add((start - 12, end + 1))
        for m in _DEPARTMENT_AFTER.finditer(text):
            add((m.start() - 8, m.start() + 1))
        for m in _KANJI_RUN.finditer(text):
            run, following = m.group(0, 1)
            if following:
                if _may_hold_spaced_name(run, following, names):
                    add((m.start() - 2, m.end() + len(following) + 3))
            elif _run_may_hold_name(run):
                add((m.start() - 2, m.end() + 2))
        for m in _KATAKANA_NAME.finditer(text):
            if _katakana_may_be_name(m.group()):
                add((m.start() - 2, m.end() + 2))
        for m in _BARE_WORD.finditer(text):
            if not NAME_KINDS.isdisjoint(_word_kinds(m.group())):
                add((m.start() - 4, m.end() + 4))
        for m in _SURNAME_THEN_KANA.finditer(text):
            surname, kana = m.group(1, 2)
            if surname in names.surnames and next(_given_prefixes(kana, names), 0):
                add((m.start() - 2, m.end() + 2))
        return _merge([_whole_words(text, s, e) for s, e in set(spans)], len(text))

    # -- names from SudachiPy tokens ---------------------------------------------------
    def _from_tokens(self, text: str, tokens: list[Token]) -> Iterator[Candidate]:
        for name in _group_names(text, tokens):
            cand = self._judge(text, name)
            if cand is not None:
                yield cand

    def _judge(self, text: str, name: _Name) -> Candidate | None:
        if name.kinds == {SEI}:
            name = _with_given_name(text, _without_family(text, name), name_dictionary())
        elif name.kinds == {SEI, MEI}:
            name = _whole_given(text, name, name_dictionary())
        if (
            name.kinds == {FOREIGN}
            and name.end - name.start >= 3
            and _KANJI_ONLY.fullmatch(text, name.start, name.end)
        ):
            name = _Name(name.start, name.end, name.kinds, 2)  # 石破茂: SudachiPy knows the person
        if not name.full and _KATAKANA_PART.fullmatch(text, name.start, name.end):
            name = _whole_compound(text, name)
        start, end = name.start, name.end
        if _COMPANY_BEFORE.search(text, max(0, start - 8), start):
            return None
        if (
            _NOT_PERSON_AFTER.match(text, end)
            or _ADDRESSEE_AFTER.match(text, end)
            or _NUMBERED_PLACE_AFTER.match(text, end)
        ):
            return None
        if _CONJUNCTION_AFTER.match(text, end) or text[end - 1] in _PLACE_END:
            return None
        value = text[start:end].replace(" ", "")
        if _KANA_ONLY.fullmatch(value) and is_place_reading(value):
            return None  # the reading of an address: とうきょうと ねりまく
        if _CURRENCY_LAST.search(value):
            return None  # コンゴ・フラン: a currency with its country's name
        if _HIRAGANA_ONLY.fullmatch(value) and (
            _KANA_PIECE.match(text, end)
            or (start and _HIRAGANA.match(text, start - 1))
            or (_HIRAGANA.match(text, end) and not _HONORIFIC_AFTER.match(text, end))
        ):
            return None  # a piece of a longer hiragana reading: かさいぐ|ん, おお|のぐん
        cue = _cue(text, start, end)
        if cue is not None and _country_before_title(text, start, end):
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
                return _cand(text, start, end, Ladder.DISTINCT_FORMAT, "full name with cue", cue)
            return _cand(text, start, end, Ladder.FORMATTED, "full name", None)
        if cue:
            return _cand(text, start, end, Ladder.SHAPE_WITH_CONTEXT, "name with cue", cue)
        prose = _prose_cue(text, start, end)
        family = _FAMILY_AFTER.match(text, end)
        if (
            SEI in name.kinds
            and prose is None
            and family
            and _family_word(text[start : family.end()])
        ):
            cue = f"'{family.group()}' after"
            return _cand(text, start, end, Ladder.LOW_CONTEXT, "family name", cue)
        if SEI in name.kinds:
            if prose:
                return _cand(text, start, end, Ladder.LOW_CONTEXT, "surname in prose", prose)
            return _cand(text, start, end, Ladder.CHECKED_ALONE, "surname alone", None)
        if FOREIGN in name.kinds:
            if prose:
                return _cand(text, start, end, Ladder.LOW_CONTEXT, "foreign name in prose", prose)
            return _cand(text, start, end, Ladder.CHECKED_ALONE, "foreign name alone", None)
        if prose:
            return _cand(text, start, end, Ladder.LOW_CONTEXT, "given name in prose", prose)
        return _cand(text, start, end, Ladder.SHAPE_ALONE, "given name alone", None)

    # -- labelled fields, honorifics, headers and romaji --------------------------------
    def _before_honorifics(self, text: str, names: NameDictionary) -> Iterator[Candidate]:
        """Known surnames (and given names) right before an honorific or title."""
        for m in _HONORIFIC_RE.finditer(text):
            if _NOT_HONORIFIC.search(text, max(0, m.start() - 1), m.end()) and not (
                _surname_before_word(text, m.start(), names)
            ):
                continue
            run = _RUN_BEFORE.search(text, max(0, m.start() - 8), m.start())
            if run is None:
                continue
            title = m.group().strip()
            former = _former_holder(text, run, title, names)
            if former is not None:
                run, span = former
            elif span := _surname_into_title(run.group(), title, names):
                title = title[1:]
            else:
                span = _dictionary_name(run.group(), names, cued=True)
            if span is None and title in _TITLE_SET:
                span = _one_char_surname(run.group(), names)
            elif span is None:
                span = _given_name_alone(run.group(), names)
            pattern = "dictionary name with cue"
            if span is None and title == "氏":
                span, pattern = _word_before_shi(text, run, m.end()), "name with cue"
            if span is None:
                continue
            start = run.start() + span[0]
            if _COMPANY_BEFORE.search(text, max(0, start - 8), start):
                continue
            word = (run.group() + m.group())[span[0] : span[1]].replace(" ", "")
            if municipality_before(text[max(0, run.start() - 6) : run.start() + span[1]], title):
                continue
            kind = _dictionary_class(word) if span[1] - span[0] >= 2 else None
            if kind in ("common", "place") and not (
                word in names.surnames
                and (kind == "common" or title not in _TITLE_SET or title in _STAFF_TITLES)
                and title[0] not in "市町村区知"
            ):
                # 中心選手, 神学教授, 中国大使館: a word, not 中 + 心 or a surname; 小松市長,
                # 長野知事: a place's mayor or governor. A common surname that is also a
                # word stays (木本様, 上田部長), and so does a place's name before 様.
                continue
            full = span[2]
            score = Ladder.DISTINCT_FORMAT if full else Ladder.SHAPE_WITH_CONTEXT
            cue = f"'{title}' after"
            yield _cand(text, start, run.start() + span[1], score, pattern, cue)

    def _labelled_fields(self, text: str, names: NameDictionary) -> Iterator[Candidate]:
        for m in _CUE_RE.finditer(text):
            if m.group() not in _LABEL_SET and m.group() not in _DUTY_LABELS:
                continue
            after = _LABEL_SEPARATOR.match(text[m.end() : m.end() + 10])
            if after is None:
                continue
            value = _FIELD_VALUE.match(text, m.end() + after.end())
            if value is None or not _looks_like_name_value(value.group(1), names):
                continue
            if m.group() in _DUTY_LABELS and not _known_full_name(value.group(1), names):
                continue
            s, e = value.span(1)
            if " " in value.group(1) and _LABEL_COLON.match(text, e):
                e = s + value.group(1).index(" ")  # `氏名: 渡辺翔太 電話: …`: a label, not a name
            cue = f"label '{m.group()}'"
            if _KANA_ONLY.fullmatch(value.group(1).replace(" ", "")) and names.is_full_reading(
                value.group(1)
            ):
                yield _cand(text, s, e, Ladder.DISTINCT_FORMAT, "labelled reading of a name", cue)
                continue
            yield _cand(text, s, e, Ladder.SHAPE_WITH_CONTEXT, "labelled field", cue)

    def _kana_pairs(self, text: str, names: NameDictionary) -> Iterator[Candidate]:
        """Katakana readings `スガワラ ナオミ`: a surname reading, a space, a given-name
        reading; in hiragana before an honorific (`たかはし はなこ様`)."""
        for m in _KANA_PAIR.finditer(text):
            if m.group(1) in names.surname_readings and m.group(2) in names.given_readings:
                start, end = m.span()
                cue = _cue(text, start, end)
                score = Ladder.DISTINCT_FORMAT if cue else Ladder.FORMATTED
                yield _cand(text, start, end, score, "katakana reading", cue)
        if "\u3000" in text or " " in text:
            for m in _HIRAGANA_PAIR.finditer(text.replace("\u3000", " ")):
                if to_katakana(m.group(1)) in names.surname_readings and names.is_given_reading(
                    m.group(2)
                ):
                    start, end = m.span()
                    yield _cand(text, start, end, Ladder.DISTINCT_FORMAT, "reading of a name",
                                _cue(text, start, end))

    def _with_reading(self, text: str, names: NameDictionary) -> Iterator[Candidate]:
        """A kanji name followed by its reading in parentheses, the reading a surname's
        and a given name's: 山田太郎（やまだ たろう）."""
        for m in _READING_AFTER.finditer(text):
            if not names.is_full_reading(m.group(2).strip()):
                continue
            start, end = m.span(1)
            if len(m.group(1).replace(" ", "")) < 2:
                continue
            score = Ladder.DISTINCT_FORMAT
            yield _cand(text, start, end, score, "name with its reading", "reading after")
            r_start, r_end = m.span(2)
            r_start += len(m.group(2)) - len(m.group(2).lstrip())
            r_end -= len(m.group(2)) - len(m.group(2).rstrip())
            yield _cand(text, r_start, r_end, score, "reading of a name", "after the name")

    def _katakana_with_cue(self, text: str) -> Iterator[Candidate]:
        """Katakana names SudachiPy does not know, in one word or in parts, with a title or
        an honorific after (…監督, …中佐) or a role before (女優の…, ロシア人…)."""
        for m in _KATAKANA_WORDS.finditer(text):
            start, end = m.span()
            after = _PERSON_TITLE_AFTER.match(text, end)
            line_start = text.rfind("\n", 0, start) + 1
            before = _ROLE_GLUED.search(text, max(line_start, start - 6), start)
            if after is None and before is None:
                continue
            word = m.group()
            if _ORG_WORD.search(word) or not _may_be_foreign_name(word):
                continue
            if _country_before_title(text, start, end):
                continue
            cue = f"'{after.group().strip()}' after" if after else f"'{before.group()}' before"
            yield _cand(text, start, end, Ladder.SHAPE_WITH_CONTEXT, "katakana name with cue", cue)

    def _families(self, text: str, names: NameDictionary) -> Iterator[Candidate]:
        """A known surname standing alone before 家, 派, 方 or 一族: 梅野家, 細川派."""
        for m in _FAMILY_AFTER.finditer(text):
            run = _SURNAME_BEFORE.search(text, max(0, m.start() - 4), m.start())
            if run is None or run.group() not in names.surnames:
                continue
            if not _family_word(run.group() + m.group()):
                continue  # 吉野家: a shop's name, a word of its own
            cue = f"'{m.group()}' after"
            yield _cand(text, run.start(), run.end(), Ladder.LOW_CONTEXT, "family name", cue)

    def _han_names(self, text: str) -> Iterator[Candidate]:
        """Chinese and Korean names of three kanji, a common surname first, that SudachiPy
        does not hold as a word: before a particle when the two after the surname are no
        word either (楊秀麗は; the name model decides), before an honorific, after a title
        or a label even when they are (王秀英さん: 秀英 is a word)."""
        for m in _HAN_NAME.finditer(text):
            word = m.group()
            if word[0] not in _cued_han_surnames() or word[2] in _NOT_CUED_HAN_NAME_END:
                continue
            start, end = m.span()
            if _NOT_PERSON_AFTER.match(text, end) or _dictionary_class(word) != "unknown":
                continue
            cue = _cue(text, start, end, roles=False)
            if cue is not None and _NUMBER_SAMA.match(text, end - 1):
                continue  # 明暗二様: 二様 (two ways), no 様 after a name
            if cue is None and word[0] not in _HAN_SURNAMES:
                continue
            if cue is not None:  # not for the name model, which weighs prose
                pattern = "Chinese or Korean name with cue"
                yield _cand(text, start, end, Ladder.SHAPE_WITH_CONTEXT, pattern, cue)
            elif (
                word[2] not in _NOT_HAN_NAME_END
                and _han_given(word)
                and (prose := _cue(text, start, end) or _prose_cue(text, start, end))
            ):
                yield _cand(text, start, end, Ladder.LOW_CONTEXT, "Chinese or Korean name", prose)

    def _katakana_in_prose(self, text: str) -> Iterator[Candidate]:
        """Katakana words standing alone before a particle that SudachiPy does not know,
        whole or in any part (ヘルムは, ロングエーカーは), or knows as a person's name
        among other senses (ヘンリーとの, クレーマーは): below the threshold until the
        name model (`recognizers.person_model`) raises them."""
        for m in _PROSE_KATAKANA.finditer(text):
            start, end = m.span()
            word = m.group()
            if (_unknown_katakana(word) or _katakana_person_entry(word)) and _prose_cue(
                text, start, end
            ):
                yield _cand(text, start, end, Ladder.SHAPE_ALONE, "katakana word in prose", None)

    def _whole_cell(self, text: str, header: str, names: NameDictionary) -> Iterator[Candidate]:
        column = header.removeprefix("header '").removesuffix("'")
        cand = _cell(text, 0, len(text), column, header, names)
        if cand is not None:
            yield cand

    def _column_cells(self, doc: Document, names: NameDictionary) -> Iterator[Candidate]:
        """Cells of a table pasted as text (CSV, TSV lines) under a name column."""
        for start, end, header in doc.column_cells(self.entity):
            if _PERSON_COLUMN.fullmatch(header.strip().strip('"')):
                cand = _cell(doc.text, start, end, header, f"column '{header}'", names)
                if cand is not None:
                    yield cand

    def _romanized(self, text: str, names: NameDictionary) -> Iterator[Candidate]:
        words = list(_ROMAN_WORD.finditer(text))
        in_pairs: set[int] = set()
        for first, second in pairwise(words):
            if second.start() != first.end() + 1 or text[first.end()] != " ":
                continue
            if not _known_romanized([first.group().lower(), second.group().lower()], names):
                continue
            start, end = first.start(), second.end()
            in_pairs.update((start, second.start()))
            cue = None
            if _ROMAN_CUE_AFTER.match(text, end):
                cue = "honorific after"
            elif _LABEL_BEFORE.search(text, max(0, start - 12), start) or _ROMAN_CUE_BEFORE.search(
                text, max(0, start - 16), start
            ):
                cue = "label before"
            if cue:
                score = Ladder.SHAPE_WITH_CONTEXT
            elif _bare_full_name(first.group(), second.group()) and not (
                _ROMAN_BODY_AFTER.match(text, end)
            ):
                score = Ladder.LOW_CONTEXT
            else:
                score = Ladder.CHECKED_ALONE
            yield _cand(text, start, end, score, "romanized name", cue)
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
            yield _cand(text, start, end, Ladder.SHAPE_WITH_CONTEXT, "romanized name", cue)

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
# Column names that name a product or a place as often as a person: their cells count
# only when they read as a name.
_GENERIC_NAME_HEADERS = frozenset(("name", "名前"))


def _cell(
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
    return _cand(text, start, start + len(value), Ladder.SHAPE_WITH_CONTEXT, "name column", cue)


_LATIN_VALUE = re.compile(r"[A-Za-zÀ-ÖØ-öø-ʯḀ-ỿ .'’-]+")


def _reads_as_name(value: str, names: NameDictionary) -> bool:
    """A name in Latin letters (`latin_names`), the reading of a known name, or a value
    that reads as a name as a labelled field's does (`_looks_like_name_value`)."""
    if _LATIN_VALUE.fullmatch(value):
        return is_latin_name(value, names) or _known_romanized(
            value.lower().split(), names
        )
    if _KANA_ONLY.fullmatch(value):  # one kana word: a reading only if the dataset knows it
        return names.is_full_reading(value)
    return _looks_like_name_value(value, names)


def _looks_like_name_value(value: str, names: NameDictionary) -> bool:
    """A field value that can be a name: two parts that can each be part of a name, a
    kana reading, or a known name (in kanji, kana or romaji)."""
    if not _NAME_CHARS.fullmatch(value):
        return False
    if _KANA_ONLY.fullmatch(value.replace(" ", "")):
        # a reading; its parts may open with a kana that is also a particle (たかす かゆき,
        # ごんだ もも), but not the reading of an address (とうきょうと ねりまく)
        return not is_place_reading(value)
    if " " in value:
        return all(_name_part(p, names) for p in value.split(" "))
    if value.isascii():
        return _known_romaji(value, names)
    return _dictionary_name(value, names, cued=True) is not None


_LONE_RUN = re.compile(rf"(?<![{_KANJI}])[{_KANJI}]{{2,3}}(?![{_KANJI}])")


def _lone_surnames(text: str, names: NameDictionary) -> Iterator[Candidate]:
    """A surname the dataset knows, a whole kanji word of two or three before a particle
    (吉本の, 本田と), whether SudachiPy tags it as a surname, a company or a place: the
    name model decides."""
    for m in _LONE_RUN.finditer(text):
        if m.group() in names.surnames:
            prose = _prose_cue(text, m.start(), m.end())
            if prose:
                yield _cand(text, m.start(), m.end(), Ladder.LOW_CONTEXT, "surname in prose", prose)


_FULL_NAME_RUN = re.compile(rf"(?<![{_KANJI}])[{_KANJI}]{{3,6}}(?![{_KANJI}])")


def _dictionary_full_names(text: str, names: NameDictionary) -> Iterator[Candidate]:
    """A whole kanji word before a particle that is a surname and a given name the dataset
    knows (松下乃愛が, 逸見治通は), however SudachiPy reads it: the name model decides."""
    for m in _FULL_NAME_RUN.finditer(text):
        if not _dictionary_full_name(m.group()):
            continue
        prose = _prose_cue(text, m.start(), m.end())
        if prose and not _read_as_other_words(text, m.start(), m.end(), names):
            yield _cand(text, m.start(), m.end(), Ladder.FORMATTED, "full name", prose)


@lru_cache(maxsize=1 << 14)
def _dictionary_full_name(run: str) -> bool:
    """A kanji word that is a surname and a given name of the dataset, whole (cached: the
    same words recur in any text)."""
    return _dictionary_name(run, name_dictionary()) == (0, len(run), True)


def _read_as_other_words(text: str, start: int, end: int, names: NameDictionary) -> bool:
    """A span SudachiPy reads, in its sentence, as common words it knows (no proper noun)
    cut elsewhere than between the dataset's surname and given name: 新規|行を is no
    新|規行 (but 大家|硯 may be 大家 硯)."""
    left = max(0, start - 8)
    inside = [w for w in words(text[left : end + 4]) if left + w[0] < end and left + w[1] > start]
    if any(oov or "固有名詞" in pos for *_, pos, oov in inside):
        return False
    cuts = {left + w[1] - start for w in inside}
    run = text[start:end]
    return not any(
        k in cuts and run[:k] in names.surnames and run[k:] in names.given_names
        for k in (3, 2, 1)
    )


def _before_departments(text: str, names: NameDictionary) -> Iterator[Candidate]:
    """A full name the dataset knows, then its department in brackets, as in the CC line
    of a mail: 山田太郎（営業部）, 佐藤 花子(総務課). A word alone there is a place or a
    team as often as a surname (東京（営業部）), so a surname alone is not taken."""
    if "（" not in text and "(" not in text:
        return
    for m in _DEPARTMENT_AFTER.finditer(text):
        run = _RUN_BEFORE.search(text, max(0, m.start() - 8), m.start())
        if run is None:
            continue
        span = _dictionary_name(run.group(), names)
        if span is None or not span[2] or (span[0] and run.group()[span[0] - 1] != " "):
            continue
        word = run.group()[span[0] : span[1]]
        if len(word.replace(" ", "")) < 3 or _dictionary_class(word) in ("common", "place"):
            continue  # 東京（営業部）: 東 + 京 by the dataset, a place by the dictionary
        start = run.start() + span[0]
        if _COMPANY_BEFORE.search(text, max(0, start - 8), start):
            continue
        cue = f"'{m.group()}' after"
        yield _cand(text, start, run.start() + span[1], Ladder.SHAPE_WITH_CONTEXT,
                    "full name before a department", cue)


def _known_full_name(value: str, names: NameDictionary) -> bool:
    """A surname and a given name both in the dataset, with or without a space."""
    value = value.replace("\u3000", " ")
    return _dictionary_name(value, names) == (0, len(value), True)


def _name_part(part: str, names: NameDictionary) -> bool:
    """Not a placeholder in capitals (`名前 FILE`) nor words of a sentence that goes on
    after a label used as a plain noun (`名前 FILE を使う`, `名前=値 形式になって…`)."""
    if part.isascii():
        return not part.isupper() or _known_romaji(part, names)
    if part[0] in _PARTICLE_KANA:
        return False
    return not (_KANJI_THEN_KANA.search(part) and _VERB_ENDING.search(part))


def _known_romaji(word: str, names: NameDictionary) -> bool:
    lower = word.lower()
    return lower in names.surname_romaji or lower in names.given_romaji


def _add_apart(found: dict[tuple[int, int], Candidate], cands: Iterator[Candidate]) -> None:
    """Candidates that overlap none found before."""
    spans = sorted(found)
    for cand in cands:
        i = bisect_left(spans, (cand.end, cand.end))
        if any(s < cand.end and e > cand.start for s, e in spans[max(0, i - 8) : i]):
            continue
        found[(cand.start, cand.end)] = cand


def _absorb_whole(found: dict[tuple[int, int], Candidate], cands: Iterator[Candidate]) -> None:
    """Candidates that hold whole every name found before that they overlap (上村伊津代
    over SudachiPy's 上村伊津), absorbing them; the others are dropped. The candidates
    themselves never overlap."""
    spans = sorted(found)
    for cand in cands:
        i = bisect_left(spans, (cand.end, cand.end))
        if not any(
            s < cand.end and e > cand.start and (s < cand.start or e > cand.end)
            for s, e in spans[max(0, i - 8) : i]
        ):
            _absorb(found, cand)


def _absorb(found: dict[tuple[int, int], Candidate], field: Candidate) -> None:
    """A whole field (label value, name column) replaces the names found inside it."""
    inner = [
        (s, e)
        for s in range(field.start, field.end)
        for e in range(s + 1, field.end + 1)
        if (s, e) in found
    ]
    for key in inner:
        c = found.pop(key)
        if c.score > field.score:
            field.score, field.rung = c.score, c.rung
            field.notes = (*field.notes, f"{c.pattern} inside")
    found[(field.start, field.end)] = field


def _surname_of(value: str, names: NameDictionary) -> str | None:
    parts = _PART_SEPARATORS.split(value)
    if len(parts) > 1 and _KATAKANA_PART.fullmatch(parts[-1]) and len(parts[-1]) > 1:
        return parts[-1]  # ジャック・ワーナー: a foreign family name comes last
    if len(parts) > 1 and _LATIN_FAMILY.fullmatch(parts[-1]):
        return parts[-1]  # Julianne Frances Haugh: so does one in Latin letters
    if len(parts) > 1:
        return parts[0]
    for k in (3, 2):
        if len(value) > k and value[:k] in names.surnames:
            return value[:k]
    return None


def _same_person(text: str, cands: list[Candidate], names: NameDictionary) -> list[Candidate]:
    """The surname of a full name found in the text, where it recurs alone, is that person,
    and so is a full name in Latin letters where it recurs whole (a copyright line above
    the credit that found it): of a full name reported after the name model
    (`person_model.rescore`) has decided."""
    full = [c.value for c in cands if c.score >= Ladder.FORMATTED]
    surnames = {s for v in full if (s := _surname_of(v, names))}
    if not surnames:
        return cands
    wholes = {v for v in full if " " in v and v.isascii()}  # Julianne Frances Haugh
    taken = {(c.start, c.end): c for c in cands}
    starts = [c.start for c in cands]
    reach = list(accumulate((c.end for c in cands), max))  # furthest end so far
    alternatives = "|".join(map(re.escape, sorted(surnames | wholes, key=len, reverse=True)))
    rx = re.compile(alternatives)  # literals first: the regex engine skips ahead on them
    added: list[Candidate] = []
    for m in rx.finditer(text):
        start, end = m.span()
        if (_IN_WORD.match(text, end) and not _FAMILY_AFTER.match(text, end)) or (
            start and _IN_WORD.match(text, start - 1)
        ):
            continue  # 浅野木材工業: a company named after the person; バルカ家 is the family
        if _LATIN_LETTER.match(text, end) or (start and _LATIN_LETTER.match(text, start - 1)):
            continue  # Haugh in Haughton
        if _NOT_PERSON_AFTER.match(text, end) or _ADDRESSEE_AFTER.match(text, end):
            continue
        c = taken.get((start, end))
        if c is not None and c.rung == "CHECKED_ALONE":
            c.score, c.rung = Ladder.LOW_CONTEXT, "LOW_CONTEXT"
            c.notes = (*c.notes, "surname of a full name in the same text")
            continue
        before = bisect_left(starts, end)
        if c is not None or (before and reach[before - 1] > start):
            continue
        if m.group() in wholes:
            added.append(_cand(text, start, end, Ladder.FORMATTED, "full name found again", None))
        else:
            pattern = "surname of a full name"
            added.append(_cand(text, start, end, Ladder.LOW_CONTEXT, pattern, None))
    return sorted(cands + added, key=lambda c: (c.start, c.end))


def _cand(
    text: str, start: int, end: int, score: float, pattern: str, cue: str | None
) -> Candidate:
    rung = {
        Ladder.DISTINCT_FORMAT: "DISTINCT_FORMAT",
        Ladder.SHAPE_WITH_CONTEXT: "SHAPE_WITH_CONTEXT",
        Ladder.FORMATTED: "FORMATTED",
        Ladder.LOW_CONTEXT: "LOW_CONTEXT",
        Ladder.CHECKED_ALONE: "CHECKED_ALONE",
        Ladder.SHAPE_ALONE: "SHAPE_ALONE",
    }[score]
    return Candidate("PERSON", start, end, score, pattern, rung, context=cue, value=text[start:end])


def _cue(text: str, start: int, end: int, *, roles: bool = True) -> str | None:
    """An honorific or title right after, or a label or title right before; a role and
    の right before too (作家の…) unless `roles` is false."""
    m = _HONORIFIC_AFTER.match(text, end) or _DEPARTMENT_AFTER.match(text, end)
    if m and not _NOT_PERSON_AFTER.match(text, m.end()):  # 大さん橋: a pier's name
        return f"'{m.group().strip()}' after"
    line_start = text.rfind("\n", 0, start) + 1
    m = _LABEL_BEFORE.search(text, max(line_start, start - 14), start)
    if m:
        return f"'{_TRAILING_SEPARATORS.sub('', m.group())}' before"
    m = roles and _ROLE_BEFORE.search(text, max(line_start, start - 8), start)
    if m:
        return f"'{m.group()}' before"
    return None


def _mailbox_names(text: str, names: NameDictionary) -> Iterator[Candidate]:
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
                yield _cand(text, start, end, Ladder.SHAPE_WITH_CONTEXT, pattern, cue)
            continue
        words = name.group(1).lower().split()
        if (
            _ROLE_ADDRESS.search(local) or any(w in _NOT_A_PERSON_WORDS for w in words)
        ) and not _known_romanized(words, names):
            continue
        start, end = name.span(1)
        yield _cand(text, start, end, Ladder.SHAPE_WITH_CONTEXT, "display name of an address", cue)


def _known_romanized(words: list[str], names: NameDictionary) -> bool:
    """Two lower-cased words that are a given name and a surname, in either order."""
    if len(words) != 2:
        return False
    a, b = words
    return (a in names.given_romaji and b in names.surname_romaji) or (
        a in names.surname_romaji and b in names.given_romaji
    )


def _bare_full_name(first: str, second: str) -> bool:
    """A full name with no cue that is still reported: both parts four letters or more
    (Tai Chi, Ono San, An ISO are not names) and at most one in capitals (TANIGUCHI
    Taichi, not NO DATE)."""
    return min(len(first), len(second)) >= 4 and not (first.isupper() and second.isupper())


def _keyed_by_another_field(doc: Document) -> bool:
    """The text is the value of a namespaced key of a catalogue (a JSON key `Europe/Kirov`,
    `common.city`) that names no person. Column names (カナ, 備考, col3) do not count."""
    headers = doc.headers
    return (
        any(_NAMESPACED_KEY.fullmatch(h) for h in headers)
        and not any(_PERSON_KEY.search(h) for h in headers)
    )


def _catalogue_word(text: str, start: int, end: int, keyed: bool) -> bool:
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


def _whole_compound(text: str, name: _Name) -> _Name:
    """A katakana name part and the parts joined to it by `・` or `=` (ジョン・スミス)."""
    before = _PARTS_BEFORE.search(text, max(0, name.start - 30), name.start)
    after = _PARTS_AFTER.match(text, name.end)
    start = before.start() if before else name.start
    end = after.end() if after else name.end
    return _Name(start, end, name.kinds, name.parts)


def _prose_cue(text: str, start: int, end: int) -> str | None:
    """A particle right after a whole word: `…は`, `…が`, `…と`: the word is the subject."""
    if _IN_WORD.match(text, end) or (start and text[start - 1] in "「『"):
        return None
    if start and _LATIN_OR_DIGIT.match(text, start - 1):
        return None
    if _beautified_word(text, start):
        return None  # お布施を, ご本人が: a word with an honorific prefix
    word = text[start:end]
    if len(word) < 2:
        return None  # 広がる, 頼る: one kanji before a particle is a verb stem as often
    if _ORG_WORD.search(word):
        return None
    # A katakana name may follow a kanji title (軍人エフィム・プチャーチン); a kanji one may not.
    before = _KATAKANA_PART if _KATAKANA_PART.match(text, start) else _IN_WORD
    if start and before.match(text, start - 1):
        return None
    m = _PARTICLE_AFTER.match(text, end)
    if m is None or _PLACE_AFTER_NO.match(text, end):
        return None
    return f"'{m.group()}' after"


def _group_names(text: str, tokens: list[Token]) -> Iterator[_Name]:
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
                if text[nxt.start] != " " and not _KATAKANA_PART.match(text, nxt.start - 1):
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
        yield _Name(tok.start, end, frozenset(kinds), parts)
        i = j


def _katakana_verbal_noun(text: str, tok: Token) -> bool:
    """A katakana word SudachiPy also lists as a verbal noun (コール, ロック): after a
    surname it is what is done to the person (熊田コール), not a given name (喜屋武マリー)."""
    return bool(_KATAKANA_PART.fullmatch(text, tok.start, tok.end)) and (
        "サ変可能" in entries(text[tok.start : tok.end])
    )


def _given_prefixes(kana: str, names: NameDictionary) -> Iterator[int]:
    """Lengths, longest first, of the given names or readings that open a run of kana
    (さゆりと: 3); two kana that open with a particle are the particle (はこの)."""
    shortest = 3 if kana[:1] in _PARTICLE_KANA else 2
    for k in range(len(kana), shortest - 1, -1):
        if kana[:k] in names.given_names or names.is_given_reading(kana[:k]):
            yield k


def _with_given_name(text: str, name: _Name, names: NameDictionary) -> _Name:
    """A surname followed by a given name SudachiPy did not tag (鈴木 くみ子, サトウ サトミ);
    never an honorific read as one (森さん: さん is also a given name's reading)."""
    m = _GIVEN_AFTER.match(text, name.end)
    if m is None or _HONORIFIC_AFTER.match(text, name.end):
        return name
    given = m.group(1)
    if given in names.given_names or names.is_given_reading(given):
        return _Name(name.start, m.end(), frozenset({SEI, MEI}), 2)
    if _HIRAGANA.match(given):  # 中山ちゑが, 大道寺あや子は: a given name, a particle
        for k in _given_prefixes(given, names):
            if _PARTICLE_AFTER.match(text, m.start(1) + k):
                return _Name(name.start, m.start(1) + k, frozenset({SEI, MEI}), 2)
    kanji = _KANJI_HEAD.match(given)
    end = m.start(1) + kanji.end() if kanji else 0
    if kanji and not _IN_WORD.match(text, end) and kanji.group() in names.given_names:
        return _Name(name.start, end, frozenset({SEI, MEI}), 2)  # 浜口日見子が
    if _han_full_name(text, name.start, name.end):
        return _Name(name.start, name.end + 2, frozenset({SEI, MEI}), 2)  # 楊|秀麗, 胡|有禄
    glued = _GLUED_GIVEN.match(text, name.end)
    if (
        glued
        and all(ch in names.given_chars for ch in glued.group())
        and not _NOT_PERSON_AFTER.match(text, name.end)
        and not _FAMILY_AFTER.match(text, name.end)
        and not _HONORIFIC_AFTER.match(text, name.end)
        and _dictionary_class(glued.group()) != "common"
    ):
        return _Name(name.start, glued.end(), frozenset({SEI, MEI}), 2)  # 早川漣, 中村鴈笑
    return name


def _without_family(text: str, name: _Name) -> _Name:
    """A surname SudachiPy reads with 家 (鳥羽家): the surname of a family."""
    stem = text[name.start : name.end - 1]
    if len(stem) >= 2 and text[name.end - 1] == "家" and stem in name_dictionary().surnames:
        return _Name(name.start, name.end - 1, name.kinds, name.parts)
    return name


def _whole_given(text: str, name: _Name, names: NameDictionary) -> _Name:
    """A full name SudachiPy cut short at either end (福山|規|央, 山|脇重|守, 大和|田里|沙帆):
    the kanji run it lies in, from up to two kanji before it, when the dataset knows the
    run as a surname and a given name (福山規央, 山脇重守, 大和田里沙帆)."""
    run = _KANJI_ONLY.match(text, name.start)
    if run is None or run.end() < name.end:
        return name
    for back in (2, 1, 0):
        start = name.start - back
        if start < 0 or (back and not _KANJI_ONLY.fullmatch(text, start, name.start)):
            continue
        if (back == 0 and run.end() == name.end) or run.end() - start > 6:
            continue
        if _dictionary_name(text[start : run.end()], names) == (0, run.end() - start, True):
            return _Name(start, run.end(), name.kinds, 2)
    return name


def _family_word(word: str) -> bool:
    """A surname and 家, 派 or 一族 that SudachiPy does not know as a word, or knows only as a
    surname (鳥羽家); not a shop's name (吉野家)."""
    return _dictionary_class(word) == "unknown" or _word_kinds(word) == {SEI}


def _han_full_name(text: str, start: int, end: int) -> bool:
    """A common Chinese or Korean surname of one kanji and two more ending the word, the
    three no dictionary word (楊秀麗は, 蔡長庚が): the given name, even when its two kanji
    are a word of their own (秀麗), but not a title (李先生, 張部長)."""
    word = text[start : end + 2]
    return (
        end - start == 1
        and len(word) == 3
        and word[0] in _HAN_SURNAMES
        and word[2] not in _NOT_HAN_NAME_END
        and text[end : end + 2] not in _TITLE_SET  # 張部長: a surname and a title
        and not _PERSON_TITLE_AFTER.match(text, end)  # 李先生
        and _HAN_NAME.match(text, start) is not None
        and _dictionary_class(word) == "unknown"
    )


def _former_holder(
    text: str, run: re.Match[str], title: str, names: NameDictionary
) -> tuple[re.Match[str], tuple[int, int, bool]] | None:
    """The name before 元, 前 or 現 and a title (田中太郎元社長, 山本前首相): the kanji run
    without it and the name ending there, when there is one."""
    if title not in _TITLE_SET or len(run.group()) < 3 or run.group()[-1] not in "元前現":
        return None
    shorter = _RUN_BEFORE.search(text, run.start(), run.end() - 1)
    span = shorter and _dictionary_name(shorter.group(), names, cued=True)
    return (shorter, span) if span else None


def _surname_into_title(
    run: str, title: str, names: NameDictionary
) -> tuple[int, int, bool] | None:
    """A surname that ends in the title's first kanji, the rest a title of its own:
    松本|部長, not 松|本部長 (the longest title, 本部長, is matched first)."""
    if len(title) < 3 or title[1:] not in _TITLE_SET or run.endswith(" "):
        return None
    word = run + title[0]
    for k in (3, 2):
        if len(word) >= k and word[-k:] in names.surnames:
            return len(word) - k, len(word), False
    return None


def _dictionary_name(
    run: str, names: NameDictionary, *, cued: bool = False
) -> tuple[int, int, bool] | None:
    """(start, end, full) of a dictionary name ending a kanji run: 山田, 山田太郎, 山田 太郎.
    `cued` (an honorific follows): a known surname then one to three kanji used in given
    names is a full name too, whether or not the dataset lists it (石田凛花様)."""
    run = run.rstrip(" ")
    if " " in run:
        first, second = run.split(" ")
        if first in names.surnames and second in names.given_names:
            return 0, len(run), True
        run_start = len(first) + 1
        run = second
    else:
        run_start = 0
    for k in (3, 2, 1):
        if len(run) > k and run[:k] in names.surnames and run[k:] in names.given_names:
            return run_start, run_start + len(run), True
    if cued:
        for k in (3, 2):
            rest = run[k:]
            if (
                run[:k] in names.surnames
                and 1 <= len(rest) <= 3
                and all(ch in names.given_chars for ch in rest)
                and not _NOT_PERSON_AFTER.match(rest)
            ):
                return run_start, run_start + len(run), True
    for k in (3, 2):
        if len(run) >= k and run[-k:] in names.surnames:
            return run_start + len(run) - k, run_start + len(run), False
    return None


def _surname_before_word(text: str, at: int, names: NameDictionary) -> bool:
    """A whole kanji run that is a surname of two or three kanji before 様, where its last
    kanji and 様 also make a word (喜多様に: not 喜 + 多様に; 本多様より), but not
    before 性 or 化 (本多様性: 本 + 多様性)."""
    run = _SURNAME_BEFORE.search(text, max(0, at - 3), at)
    return (
        run is not None
        and run.group() in names.surnames
        and not _KANJI_ONLY.match(text, max(0, run.start() - 1), run.start())
        and text[at + 1 : at + 2] not in ("性", "化")
    )


def _given_name_alone(run: str, names: NameDictionary) -> tuple[int, int, bool] | None:
    """A given name of two or three kanji ending the run, before an honorific, that the
    dataset knows and SudachiPy knows as no word at all (峰人さん, 夢紘さん): words such
    as 奥さん or 皆さん are in the dictionary."""
    run = run.rstrip(" ")
    for k in (3, 2):
        word = run[-k:]
        if len(run) >= k and word in names.given_names and _dictionary_class(word) == "unknown":
            return len(run) - k, len(run), False
    return None


def _word_before_shi(text: str, run: re.Match[str], end: int) -> tuple[int, int, bool] | None:
    """A kanji word of two to four, no common word, standing alone before 氏 and a particle
    or a stop (顕進氏は, 正恩氏が): the name of a person or a clan, known or not."""
    word = run.group()
    if " " in word or not 2 <= len(word) <= 4 or not _PARTICLE_OR_STOP.match(text, end):
        return None
    if run.start() and _IN_WORD.match(text, run.start() - 1):
        return None
    if _dictionary_class(word) == "common":
        return None
    return 0, len(word), False


def _one_char_surname(run: str, names: NameDictionary) -> tuple[int, int, bool] | None:
    """A one-character surname standing alone before a title: 林部長, 辻課長."""
    run = run.rstrip(" ")
    if len(run) == 1 and run in names.surnames and run not in _NOT_ONE_CHAR_SURNAME:
        return 0, 1, False
    return None


def _may_be_foreign_name(word: str) -> bool:
    """Katakana that SudachiPy does not list as a common word (whole, or every part), nor
    is two common words run together (パスワードリセット, レビューコメント)."""
    parts = [p for p in _DOT_SEPARATORS.split(word) if len(p) > 1]
    if len(parts) == 1 and _dictionary_class(parts[0]) == "place":
        return False
    return any(_dictionary_class(p) not in ("common", "place") and not _common_compound(p)
               for p in parts)


@lru_cache(maxsize=1 << 14)
def _common_compound(word: str) -> bool:
    """A katakana word SudachiPy does not know that splits into two common words of three
    characters or more (スケジュール|リスト): a compound loanword, not a name."""
    if _dictionary_class(word) != "unknown":
        return False
    return any(
        _dictionary_class(word[:k]) == "common" and _dictionary_class(word[k:]) == "common"
        for k in range(3, len(word) - 2)
    )


def _beautified_word(text: str, start: int) -> bool:
    """A kanji word right after the honorific prefix お or ご (お布施, ご本人), not after
    なお (moreover) or とお."""
    return (
        start > 0
        and text[start - 1] in "おご"
        and _KANJI_ONLY.match(text, start) is not None
        and text[start - 2 : start - 1] not in ("な", "と")
    )


def _defined_persons(text: str) -> Iterator[Candidate]:
    """The subject opening a sentence that defines a person: `相米慎二は、日本の映画監督。`,
    `千花有黄は、日本の女性演歌歌手。` (a name no dictionary holds whole)."""
    if "は、" not in text:
        return
    for m in _DEFINED.finditer(text):
        subject = _SUBJECT_BEFORE.search(text, max(0, m.start() - 20), m.start())
        if subject is None or _ORG_WORD.search(subject.group()):
            continue
        definition = DEFINITION_AFTER.match(text, m.start())
        if not (definition and _PERSON_HEAD.search(definition.group(1))) or (
            _NOT_PERSON_HEAD.search(definition.group(1))
        ):
            continue
        if _dictionary_class(subject.group()) == "common" or _NOT_PERSON_AFTER.match(
            subject.group(), len(subject.group()) - 1
        ):
            continue
        start, end = subject.span()
        word = subject.group()
        if _KANJI_ONLY.fullmatch(word) and not _dictionary_full_name(word):
            # 初代相馬哲平: the full name the dataset knows, not 初代
            start += next((i for i in range(1, len(word) - 2)
                           if _dictionary_full_name(word[i:])), 0)
        yield _cand(text, start, end, Ladder.SHAPE_WITH_CONTEXT,
                    "subject of a definition as a person", "defined as a person")


def _country_before_title(text: str, start: int, end: int) -> bool:
    """A country's name before a title of state: アメリカ大統領, ペルー外相, タイ国王."""
    return bool(_STATE_TITLE_AFTER.match(text, end)) and is_country(text[start:end])


def _regnal_names(text: str) -> Iterator[Candidate]:
    """A katakana name with a regnal number (ルイ15世, ブランカ1世), but not one opening a
    title in brackets (『ルパン三世…』) nor a company's or a venue's name."""
    if "世" not in text:
        return
    for m in _REGNAL.finditer(text):
        name = _REGNAL_NAME.search(text, max(0, m.start() - 30), m.start())
        if name is None or _ORG_WORD.search(name.group()):
            continue
        start, end = name.start(), m.end()
        if start and text[start - 1] in "「『":
            continue
        yield _cand(text, start, end, Ladder.SHAPE_WITH_CONTEXT, "name with a regnal number",
                    "regnal number after")


def _hangul_names(text: str) -> Iterator[Candidate]:
    """Korean names in Hangul with a Japanese cue, as Korean customers fill in forms
    (김민준様, 担当：이서연): a surname of Faker's ko_KR list, one to three syllables more."""
    for m in _HANGUL_NAME.finditer(text):
        if m.group()[0] in _korean_surnames():
            start, end = m.span()
            cue = _cue(text, start, end, roles=False)
            if cue is not None:
                pattern = "Korean name in Hangul with cue"
                yield _cand(text, start, end, Ladder.SHAPE_WITH_CONTEXT, pattern, cue)


@cache
def _korean_surnames() -> frozenset[str]:
    from faker.providers.person.ko_KR import Provider

    return frozenset(Provider.last_names)


@cache
def _cued_han_surnames() -> frozenset[str]:
    """Surnames of Chinese and Korean names with a cue: the common ones, and every surname
    of one character in Faker's Chinese lists, as Taiwan (黃, 賴) and the mainland (张, 刘)
    write them, for names pasted from their mail."""
    from faker.providers.person.zh_CN import Provider as Mainland
    from faker.providers.person.zh_TW import Provider as Taiwan

    faker = {n for p in (Mainland, Taiwan) for n in p.last_names if len(n) == 1}
    # 頼 (賴 reaches the recognizers folded: scanner.kanji_variants), 頼清徳
    return _HAN_SURNAMES | frozenset(faker) | {"頼"}


@lru_cache(maxsize=1 << 14)
def _han_given(word: str) -> bool:
    """A surname and two kanji that SudachiPy's dictionary holds neither as a whole word
    nor as a word of the two (金融庁, 董事長, 文鮮明 are words)."""
    return _dictionary_class(word) == "unknown" and _dictionary_class(word[1:]) == "unknown"


@lru_cache(maxsize=1 << 14)
def _unknown_katakana(word: str) -> bool:
    """A katakana word, not of a company or a venue, whose parts SudachiPy does not know."""
    if _ORG_WORD.search(word):
        return False
    return all(_dictionary_class(p) == "unknown" for p in _DOT_SEPARATORS.split(word))


@lru_cache(maxsize=1 << 14)
def _katakana_person_entry(word: str) -> bool:
    """A katakana word (not of a company or a venue) one of whose SudachiPy entries is
    a person's name: ヘンリー, クレーマー, but also データ (the model tells them apart)."""
    return not _ORG_WORD.search(word) and FOREIGN in lookup_kinds(word)


@lru_cache(maxsize=1 << 14)
def _dictionary_class(word: str) -> str:
    return dictionary_class(word)


def _may_hold_spaced_name(first: str, second: str, names: NameDictionary) -> bool:
    """`山田 太郎`, `林 智也`, `鈴木 くみ子`: a surname, one space, a given name."""
    surname = any(first[-k:] in names.surnames for k in (1, 2, 3) if len(first) >= k)
    return surname or second in names.given_names or names.is_given_reading(second)


@lru_cache(maxsize=1 << 16)
def _run_may_hold_name(run: str) -> bool:
    """Whether a kanji run may hold a name, cached: the same words recur in any text."""
    return _may_hold_name(run, name_dictionary()) or _may_open_with_name(run)


def _may_hold_name(run: str, names: NameDictionary) -> bool:
    """A known surname followed by a known given name somewhere in a kanji run."""
    limit = len(run) - 1
    for p in range(limit):
        for k in (2, 1, 3):
            if p + k > limit or run[p : p + k] not in names.surnames:
                continue
            rest = run[p + k : p + k + 3]
            if any(rest[:m] in names.given_names for m in (1, 2, 3) if m <= len(rest)):
                return True
    return False


def _may_open_with_name(run: str) -> bool:
    """A kanji run opening with a surname and a given name SudachiPy both knows, whether or
    not the dataset lists them (倍賞美津子, 真壁刀義); the run may go on (徳川家康公). A longer
    run may end with one after a role (相談役大口喜六, 理学者式場隆三郎), but not after a
    prefecture or municipality: that is an address's town (山形県酒田市大宮槇野)."""
    if len(run) > 6:
        return any(_may_open_with_name(run[-k:]) and not _PLACE_UNIT.search(run, 0, len(run) - k)
                   for k in (3, 4, 5))
    if len(run) <= 2:
        return False
    for k in (2, 1, 3):
        if len(run) > k and SEI in _word_kinds(run[:k]):
            given = (run[k : k + m] for m in (2, 1, 3) if k + m <= len(run))
            if any(MEI in _word_kinds(g) for g in given):
                return True
    return False


@lru_cache(maxsize=1 << 16)
def _word_kinds(word: str) -> frozenset[int]:
    """SudachiPy's kinds for one word, cached: the same words recur in business text."""
    return lookup_kinds(word)


@lru_cache(maxsize=1 << 16)
def _katakana_may_be_name(run: str) -> bool:
    """Whether a katakana run may be a name, cached: the same words recur in any text."""
    names = name_dictionary()
    if "・" in run or "=" in run or "＝" in run:
        return True
    words = run.split(" ")
    if len(words) == 2:
        return words[0] in names.surname_readings or words[1] in names.given_readings
    return bool(_word_kinds(run) & NAME_KINDS)


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """A window widened so that it does not cut a kanji or katakana word in two."""
    start, end = max(0, start), min(len(text), end)
    m = _WORD_TAIL.search(text, max(0, start - 16), start)
    if m:
        start = m.start()
    m = _WORD_HEAD.match(text, end)
    if m:
        end = m.end()
    return start, end


def _merge(spans: list[tuple[int, int]], n: int) -> list[tuple[int, int]]:
    """Clip and merge overlapping windows."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        s, e = max(0, s), min(n, e)
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
