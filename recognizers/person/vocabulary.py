"""The words and shapes the name rules share: honorifics, titles, field labels, and the
character classes and look-arounds that bound a name."""

from __future__ import annotations

import re

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
# The titles and honorifics after a katakana name that name a person rather than a
# company or a country's team (…監督, …中佐, …夫人, …米大統領, …新監督; not …社長, …代表,
# …担当), with no kanji running on (…選手権) but 兼 (…首相兼外相).
PERSON_TITLE_AFTER = re.compile(
    r"[ ]?(?:元|前|現|新)?(?:[米英仏独露中韓伊豪印加](?=大統領|首相|外相|国務長官|大使|国王|女王))?"
    r"(?:様|さま|さん|氏|殿|君|くん|ちゃん|先生|監督|選手|投手|捕手|騎手|"
    r"教授|准教授|博士|医師|弁護士|議員|首相|大統領|大臣|夫人|大将|中将|少将|大佐|中佐|少佐|"
    r"大尉|中尉|少尉|提督|司令官|将軍|国王|女王|王子|王女|伯爵|公爵|侯爵|男爵|子爵|卿|牧師|"
    r"神父|司教|主席|大使|公使|領事|総領事|外相|国務長官)(?!(?!兼)[\u4e00-\u9fff])"
)
LABELS = (
    "氏名", "お名前", "名前", "担当者", "申込者", "申請者", "契約者", "被保険者", "患者名",
    "フリガナ", "ふりがな", "カナ氏名", "氏名カナ", "宛名", "受取人", "依頼人", "記入者", "作成者",
    "承認者", "顧客名", "会員名", "利用者名", "代表者", "差出人", "届出人", "世帯主", "オナマエ",
    "おなまえ", "シメイ", "依頼主", "ご依頼主", "注文者", "購入者", "送り主", "発送者", "確認者",
    "申込人", "保護者", "連絡者", "入居者", "担当者名", "お客様名", "出席者", "参加者",
    # bank transfers and accounts (全銀 records, statements): the holder's name in katakana
    "口座名義", "口座名義人", "名義人", "名義", "振込名義", "受取人名",
)
HONORIFIC_AFTER = re.compile(
    r"[ ]?(?:元|前|現)?(?:" + "|".join(sorted(HONORIFICS + TITLES, key=len, reverse=True)) + ")"
)
LABEL_BEFORE = re.compile(
    r"(?:"
    + "|".join(sorted(LABELS + TITLES, key=len, reverse=True))
    + r")(?:\([^)\n]{1,6}\))?[ ]?[::=]?[ ]?$"
)
# A name followed by these names a company, a shop, a place or a line, not a person.
NOT_PERSON_AFTER = re.compile(
    r"(?:商店|商会|商事|工業|工務店|製作所|建設|産業|電機|電気|自動車|物産|興業|運輸|薬品|"
    r"食品|銀行|証券|保険|病院|医院|クリニック|歯科|大学|学園|学校|高校|中学|幼稚園|財団|"
    r"株式会社|有限会社|合同会社|グループ|ホールディングス|事務所|町|村|市|区|郡|県|駅|線|"
    r"通り|橋|川|寺|神社|港|空港|公園|ビル|屋|堂|組|家具|本店|支店|店|工場|研究所|記念|行き|方面|経由|"
    r"社(?![長員])|基地|島|諸島|半島|湾|岬|海峡|山脈|号|図書館|政権|軍|城|藩|賞|杯|財団|財閥|製|社製|語|文字|料理|方式)"
)
COMPANY_BEFORE = re.compile(r"(?:株式会社|有限会社|合同会社|合資会社|\((?:株|有)\))[ ]?$")
RUN_BEFORE = re.compile(r"[々〆ヶ\u4e00-\u9fff]+(?: [々〆ヶ\u4e00-\u9fff]+)?[ ]?$")
KANJI = "々〆ヶ\u4e00-\u9fff"
# Patterns run over whole texts open with a character class and look back past it
# (`[…](?<![…].)` for `(?<![…])[…]`): the regex engine skips ahead on a leading class
# (see recognizers.base).
KANA_ONLY = re.compile(r"[ぁ-ゖァ-ヺー]+")
KANJI_ONLY = re.compile(rf"[{KANJI}]+")
HIRAGANA = re.compile(r"[ぁ-ゖ]")
IN_WORD = re.compile(r"[々〆ヶ\u4e00-\u9fffァ-ヺー]")
KATAKANA_PART = re.compile(r"[ァ-ヺー]+")
# What joins the parts of one name: ジョン・スミス, マルクス=レーニン, 山田 太郎.
PART_SEPARATORS = re.compile("[ ・=]")
# Katakana words that end the names of companies, bands, teams and venues.
ORG_WORD = re.compile(
    r"(?:カンパニー|コーポレーション|コーポレイション|ブラザース|ブラザーズ|グループ|バンド|"
    r"コミック|コミックス|キャピタル|センター|シティ|フィールド|アリーナ|スタジアム|ホテル|"
    r"クラブ|ユナイテッド|アスレティック|ホールディングス|インターナショナル|ジャパン|"
    r"エンタテインメント|エンターテインメント|レコード|レコーズ|プロダクション|スタジオ|"
    r"ミュージック|アカデミー|カレッジ|ユニバーシティ|フェスティバル|ショー|リーグ|"
    r"パーク|ガーデン|ストリート|アベニュー|タワー|ビル|ハウス|ホール|ラボ|テレビ)$"
)
# A family, a house or a faction after a surname: 徳川家, 田中派, 足利方.
FAMILY_AFTER = re.compile(r"(?:家|派|方|一族|一門|邸)(?![\u4e00-\u9fff])")
SURNAME_BEFORE = re.compile(rf"(?<![{KANJI}])[{KANJI}]{{2,3}}$")
# Common Chinese and Korean surnames (百家姓 and 본관 lists), for 3-kanji names: 王金華, 金載昊.
HAN_SURNAMES = frozenset(
    "王李張劉陳楊黄趙周呉徐孫朱馬胡郭林何高羅鄭梁謝宋唐許鄧馮韓曹曾彭蕭蔡潘田董袁于余葉蒋杜"
    "蘇魏程呂丁沈任姚盧傅鍾姜崔譚廖范汪陸金石戴賈韋夏邱方侯鄒熊孟秦白江閻薛尹段雷黎史龍陶賀"
    "顧毛郝龔邵萬錢嚴武莫孔向常朴申權柳洪全文裵卓魯玄延禹伍翁"
)
NOT_HAN_NAME_END = frozenset(
    "前後風署国県市町村区駅山川寺祭会期室機神訳内外中用式型系派流門院館場又若及並等様氏殿君家方"
)
# Three kanji, a word of their own or before a kanji honorific (楊秀麗は, 楊秀麗氏は).
HAN_NAME = re.compile(
    rf"[{KANJI}](?<![{KANJI}ァ-ヺーA-Za-z0-9].)[{KANJI}]{{2}}"
    rf"(?:(?![{KANJI}ァ-ヺー])|(?=(?:様|氏|殿|先生)(?![{KANJI}])))"
)
# A particle or a word that follows a person's name standing alone in prose.
PARTICLE_AFTER = re.compile(
    r"(?:自身|自ら|夫妻|一家|兄弟|親子|本人|から|によ|であ|など|より|は|が|と|も|や|"
    r"ら(?=[はがとのにをも、])|を|に|の|、)"
)
PARTICLE_KANA = frozenset("はがのをにともでへやか")
ADDRESSEE_AFTER = re.compile(r"[^\n様]{0,20}御中")
# A department in brackets right after a name: （営業部）, (総務課), （経営企画室）.
DEPARTMENT_AFTER = re.compile(
    r"[（(][^）)\n]{0,10}(?:部|課|室|係|グループ|チーム|センター)[）)]"
)
TITLE_SET = frozenset(TITLES)

CUE_RE = re.compile("|".join(sorted(HONORIFICS + TITLES + LABELS, key=len, reverse=True)))
LABEL_SET = frozenset(LABELS)
