"""PERSON: every written form, cues, hard negatives, long inputs."""

import pytest

from recognizers.sudachi_tokens import MAX_CHARS, pieces
from scanner.engine import Engine, EngineConfig


@pytest.fixture(scope="module")
def engine():
    return Engine(
        EngineConfig(entities=frozenset({"PERSON"}))
    )


def names(engine, text, **kw):
    return [(f.text, f.score) for f in engine.analyze(text, **kw) if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("山田太郎様、お世話になっております。", [("山田太郎", 0.9)]),
        ("担当者：山田 太郎\n", [("山田 太郎", 0.9)]),
        ("お名前　山田　太郎", [("山田　太郎", 0.9)]),
        ("廣瀬部長が来社した。", [("廣瀬", 0.75)]),
        ("昨日、鈴木花子が来社しました。", [("鈴木花子", 0.7)]),
        ("代表取締役 佐藤一郎", [("佐藤一郎", 0.9)]),
        ("ヤマダ タロウ 様", [("ヤマダ タロウ", 0.9)]),
        ("ﾔﾏﾀﾞ ﾀﾛｳ 様", [("ﾔﾏﾀﾞ ﾀﾛｳ", 0.9)]),
        ("フリガナ: ヤマダ タロウ", [("ヤマダ タロウ", 0.9)]),
        ("ふりがな：やまだ たろう", [("やまだ たろう", 0.9)]),
        ("ふりがな：さくらい みおな", [("さくらい みおな", 0.9)]),
        ("ふりがな：ぬぬぬ ぺぺ", [("ぬぬぬ ぺぺ", 0.75)]),
        # a reading whose parts open with a kana that is also a particle (か, も, は)
        ("ふりがな：たかす かゆき", [("たかす かゆき", 0.9)]),
        ("フリガナ：ごんだ もも", [("ごんだ もも", 0.9)]),
        ("たかはし はなこ様", [("たかはし はなこ", 0.9)]),
        ("口座名義：ヤマダタロウ", [("ヤマダタロウ", 0.9)]),
        ("Dear Taro Yamada様", [("Taro Yamada", 0.75)]),
        ("氏名: Taro Yamada\n", [("Taro Yamada", 0.75)]),
        # Kunrei-shiki (ISO 3602) spellings: Mitsuru Tsuchiya, Shouta Fujita
        ("氏名: Mituru Tutiya\n", [("Mituru Tutiya", 0.75)]),
        ("Name: Syouta Huzita", [("Syouta Huzita", 0.75)]),
        ("Dear Zyun Tiba様", [("Zyun Tiba", 0.75)]),
        # English mail to and from Japanese staff: one name with a title or an honorific,
        # a full name after the closing
        ("Please ask Tanaka-san.", [("Tanaka", 0.75)]),
        ("Dear Mr. Suzuki,", [("Suzuki", 0.75)]),
        ("Ms. Sato and Dr. Ono met.", [("Sato", 0.75), ("Ono", 0.75)]),
        ("Best regards,\nTaro Yamada", [("Taro Yamada", 0.75)]),
        # a romanized full name with no cue, both parts four letters or more
        ("Taro Yamada wrote the report.", [("Taro Yamada", 0.6)]),
        ("TANIGUCHI Taichi, 2022", [("TANIGUCHI Taichi", 0.6)]),
        # a romanized name in capitals after a label
        ("名前: YAMADA", [("YAMADA", 0.75)]),
        ("Yamada様より", [("Yamada", 0.75)]),
        ("田中さんから電話がありました。", [("田中", 0.75)]),
        # a surname opening with a Chinese or Korean surname (金, 武, 林, 白) before an
        # honorific or a family word is no three-kanji Chinese name (金子様: not 金|子様)
        ("金子様にご連絡ください", [("金子", 0.75)]),
        ("先日は武井様にお越しいただき", [("武井", 0.75)]),
        ("林田殿に送付", [("林田", 0.75)]),
        ("白川家の墓所は寺の北側にある。", [("白川", 0.6)]),
        ("楊秀麗は", [("楊秀麗", 0.7)]),
        # the longest title is matched first: a surname ending in its first kanji takes it
        # back (松本|部長, not 松|本部長), a surname before the whole title keeps it
        ("松本部長が来社した。", [("松本", 0.75)]),
        ("岸本部長に確認", [("岸本", 0.75)]),
        ("坂本本部長が来社した。", [("坂本", 0.75)]),
        ("田中本部長に報告", [("田中", 0.75)]),
        # 担当： heads a duty or an area as often as a person: a full name the dataset
        # knows after it is a name, a word or a surname alone is not
        ("担当：大和田里沙帆", [("大和田里沙帆", 0.9)]),
        ("担当：経理", []),
        ("担当：千葉", []),
        # a department in brackets after a name (a mail's CC line)
        ("CC: 八巻維浩（営業部）、佐藤（総務課）", [("八巻維浩", 0.75), ("佐藤", 0.75)]),
        ("東京（営業部）", []),
        # a given name alone before an honorific, known to the dataset, no dictionary word
        ("峰人さんに確認してください。", [("峰人", 0.75)]),
        ("奥さんに確認してください。", []),
        # a surname whose last kanji makes a word with 様 (喜多様: 喜 + 多様 to SudachiPy)
        ("先日は喜多様にお越しいただき", [("喜多", 0.75)]),
        ("本多様性の保全", []),
        ("非常に多様な意見", []),
    ],
)
def test_name_forms(engine, text, expected):
    assert names(engine, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "本田技研工業の決算が発表された。",
        "鈴木商店に部品を注文した。",
        "株式会社田中製作所 御中",
        "田中町の夏祭りは来週です。",
        "大久保駅の改札で待ち合わせ。",
        "山田線は大雨で運休しています。",
        "営業部 御中",
        "佐藤工業株式会社 総務部 御中",
        "本日は晴れのち曇り、明日は雨の予報です。",
        "Dear Sir, New York",  # (Mr. Brown is a name: test_person_latin_names)
        # two known romanized words that name no one: short words, capitals, a company
        "We practise Tai Chi on Sundays.",
        "Ken Ito",  # a real name, but too short to tell from words: kept at 0.4
        "Sumitomo Mitsui Banking Corporation",
        "NO DATE GIVEN",
        # a role before two common loanwords run together, not a name
        "管理者のパスワードリセットを行います。",
        "担当者のスケジュールリストを確認する。",
        # 名前 as a plain noun in a sentence: no field value follows it
        "引数の代わりに名前 FILE を使う",
        "オプションが 名前=値 形式になっていません",
        # a currency named after its country
        "決済通貨: コンゴ・フラン",
        "メキシコ・ペソ建て",
        "Tanaka wrote it; Suzuki reviewed.",  # a lone known word without a title
    ],
)
def test_not_names(engine, text):
    assert names(engine, text) == []


def test_name_alone_in_prose_is_a_name_when_a_particle_follows_it(engine):
    assert names(engine, "山田が担当する。") == [("山田", 0.6)]
    assert names(engine, "家康は江戸に入った。") == [("家康", 0.6)]
    assert names(engine, "昨日はスミスと会った。") == [("スミス", 0.6)]
    assert names(engine, "主演の倍賞美津子が受賞した。") == [("倍賞美津子", 0.7)]


def test_a_foreign_name_covers_all_its_parts_and_its_regnal_number(engine):
    text = "ジョン・F・ケネディは大統領に就任した。"
    assert names(engine, text) == [("ジョン・F・ケネディ", 0.6)]
    assert names(engine, "エリザベス1世に仕えた。") == [("エリザベス1世", 0.75)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("福音書はヘンリー8世の命令で持ち出された。", "ヘンリー8世"),
        ("アラゴン王フアン2世と妃の間の王子", "フアン2世"),
        ("王権神授説を信奉するフリードリヒ・ヴィルヘルム4世が即位した。",
         "フリードリヒ・ヴィルヘルム4世"),
        ("ナポレオン三世の皇子の家庭教師", "ナポレオン三世"),
    ],
)
def test_a_regnal_number_makes_a_katakana_word_a_name(engine, text, name):
    """Planted: before the regnal scan, a katakana word SudachiPy does not tag as a name
    (ヘンリー, フアン) was not found with its regnal number at all."""
    assert names(engine, text) == [(name, 0.75)]


@pytest.mark.parametrize(
    "text",
    ["『ルパン三世』の第13話", "日系三世の家族", "21世紀の課題", "ジュニア世代の大会"],
)
def test_a_title_a_generation_or_a_century_is_no_regnal_name(engine, text):
    assert names(engine, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "「山田」と書かれた看板",
        "ケネディ宇宙センターで待機した。",
        "ワーナー・ブラザースが配給した。",
        "ボーイズ・トイ部門で受賞した。",
        "インターネットの可能性は大きく広がった。",
    ],
)
def test_a_name_inside_a_title_a_word_or_an_organization_stays_unreported(engine, text):
    assert names(engine, text) == []


def test_surname_alone_is_a_name_when_its_full_name_is_in_the_text(engine):
    text = "山田太郎が入社した。山田は営業部に配属された。"
    assert names(engine, text) == [("山田太郎", 0.7), ("山田", 0.6)]


def test_name_column_header_makes_the_cell_a_name(engine):
    assert names(engine, "Jane Doe", context="氏名") == [("Jane Doe", 0.75)]
    assert names(engine, "Jane Doe", context="customer_name") == [("Jane Doe", 0.75)]
    assert names(engine, "Jane Doe", context="company_name") == []
    assert names(engine, "Jane Doe") == []


def test_explanation_names_the_cue(engine):
    (found,) = engine.analyze("山田太郎様")
    assert found.explanation.pattern == "full name with cue"
    assert "'様' after" in found.explanation.as_text()


def test_pieces_stay_under_sudachis_byte_limit_and_cover_the_text():
    text = ("山田太郎様" * 3000 + "\n") * 3 + "𠮷" * 20_000
    got = list(pieces(text))
    assert "".join(p for _, p in got) == text
    assert all(len(p) <= MAX_CHARS and len(p.encode()) < 49_149 for _, p in got)
    assert [o for o, _ in got] == [sum(len(p) for _, p in got[:i]) for i in range(len(got))]


@pytest.mark.parametrize("thorough", [False, True])
def test_one_long_line_over_the_byte_limit_is_split_not_skipped(thorough):
    engine = Engine(EngineConfig(thorough=thorough, entities=frozenset({"PERSON"})))
    filler = "これは長い一行のテキストです" * 2_000
    text = filler + "山田太郎様" + filler + "佐藤花子様"
    assert len(text.encode()) > 49_149 * 2
    found = engine.analyze(text)
    assert [(f.start, f.end, f.text) for f in found] == [
        (len(filler), len(filler) + 4, "山田太郎"),
        (2 * len(filler) + 5, 2 * len(filler) + 9, "佐藤花子"),
    ]


def test_labelled_field_holding_a_department_is_not_a_name(engine):
    assert names(engine, "担当者：営業部\n") == []
    assert names(engine, "名前: 未定") == []


@pytest.fixture(scope="module")
def thorough_engine():
    return Engine(EngineConfig(thorough=True, entities=frozenset({"PERSON"})))


@pytest.mark.slow
def test_thorough_mode_adds_ginzas_names_and_keeps_the_first_pass(thorough_engine):
    text = "松友美佐紀は、日本のバドミントン選手。山田太郎様も出席した。"
    found = {f.text: f for f in thorough_engine.analyze(text)}
    assert found["山田太郎"].score == 0.9
    assert found["松友美佐紀"].score >= 0.6
    assert "GiNZA: Person" in found["松友美佐紀"].explanation.as_text()


@pytest.mark.slow
def test_refiner_confirms_an_unsure_surname_on_a_small_window():
    from recognizers.base import Candidate, Ladder
    from recognizers.ginza_refiner import GinzaRefiner

    text = "ライターの兵庫慎司は普通に言った。"
    unsure = Candidate("PERSON", 5, 9, Ladder.CHECKED_ALONE, "surname alone", "CHECKED_ALONE")
    (refined,) = GinzaRefiner().refine(text, [unsure], everywhere=False)
    assert (refined.start, refined.end, refined.score) == (5, 9, Ladder.LOW_CONTEXT)
    assert "GiNZA: Person" in refined.notes


def test_names_in_a_space_separated_list_stay_apart(engine):
    found = names(engine, "出席者 山田 太郎 佐藤 花子")
    assert found == [("山田 太郎", 0.9), ("佐藤 花子", 0.7)]


def test_thorough_merge_keeps_only_ginza_names_the_first_pass_also_saw():
    from recognizers.base import Candidate, Ladder
    from recognizers.ginza_refiner import _merged

    text = "監督の兵庫慎司と福音書と山田太郎様"
    unsure = Candidate("PERSON", 3, 5, Ladder.CHECKED_ALONE, "surname alone", "CHECKED_ALONE")
    sure = Candidate("PERSON", 12, 16, Ladder.DISTINCT_FORMAT, "full name", "DISTINCT_FORMAT")
    ginza = [(3, 7), (8, 11), (12, 17)]
    got = [(c.start, c.end, c.score, c.notes) for c in _merged(text, [unsure, sure], ginza)]
    assert got == [
        (3, 7, Ladder.LOW_CONTEXT, ("GiNZA: Person",)),
        (12, 16, Ladder.DISTINCT_FORMAT, ("GiNZA: Person",)),
    ]


def test_a_window_never_starts_inside_a_long_place_name(engine):
    text = "201,斎藤 零,エンドウ アケミ,千葉県西多摩郡奥多摩町高田馬場17丁目11番2号,080-4155-5277,"
    assert names(engine, text) == [("斎藤 零", 0.7), ("エンドウ アケミ", 0.7)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a known surname and a given name the dataset does not list, before an honorific
        ("受付：森本柚葉様よりお電話", [("森本柚葉", 0.75)]),
        # a one-character surname standing alone before a title; 前/各 are not surnames
        ("明日は辻課長が対応します。", [("辻", 0.75)]),
        ("前部長と各課長に報告した。", []),
        # a name and its reading in parentheses (the reading is a name too)
        ("小松崎 遥（こまつざき はるか）は", [("小松崎 遥", 0.9), ("こまつざき はるか", 0.9)]),
        # katakana names SudachiPy does not know, with a title after or a role before
        ("ドラガン・ペトロヴィッチ監督が来日した。", [("ドラガン・ペトロヴィッチ", 0.75)]),
        ("女優のミレーナ・ホルバトが出演した。", [("ミレーナ・ホルバト", 0.75)]),
        # a country before 代表 or 選手権 is no name
        ("クロアチア代表としてフィギュアスケート選手権に出た。", []),
        # kanji names in a list separated by ・ are separate people
        (
            "青柳健吾・沢渡美咲・小田切誠が出席",
            [("青柳健吾", 0.7), ("沢渡美咲", 0.7), ("小田切誠", 0.7)],
        ),
        # a family or a faction: the surname alone
        ("江戸時代には真田家が治めた。", [("真田", 0.6)]),
        # Chinese and Korean names of three kanji: the whole word, not a surname and one kanji
        ("決勝で蔡栄梁が勝った。", [("蔡栄梁", 0.7)]),
        ("会見した鄭秉燦は", [("鄭秉燦", 0.6)]),
    ],
)
def test_names_beyond_the_dictionary(engine, text, expected):
    assert names(engine, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "国又は地方公共団体の機関",  # 又は is a conjunction, not the end of a surname
        "その全部又は一部を行わせる",
        "当事者の全部若しくは一部",
        "玄関前に集まった。",  # three kanji after a Chinese surname that make words
        "金融庁から通知があった。",
        "朝日同様の扱いとする。",  # 様 in 同様 is no honorific
    ],
)
def test_statute_words_and_common_words_are_not_names(engine, text):
    assert names(engine, text) == []


def test_a_name_and_its_reading_are_both_names(engine):
    text = "講師：木藤洋太郎（きとう ようたろう）"
    assert names(engine, text) == [("木藤洋太郎", 0.9), ("きとう ようたろう", 0.9)]


@pytest.mark.parametrize(
    "text",
    [
        "ふりがな　ふくおかけん かすやぐんかすやまち\n",  # the reading of an address
        "ふりがな　ぎふけん おおのぐんしらかわむら\n",
        "時刻表\n増田通 7:08 7:38\n千代の台 7:12 7:42\n",  # stops named like people
        "系統11 平日ダイヤ\n西藤平蔵\t6:14 7:11 8:31\n",  # a stop that reads like a full name
        "平日ダイヤ（内牧行き）",  # a destination
        "吉野家で昼食をとった。",  # a shop, not the 吉野 family
    ],
)
def test_readings_of_places_stops_and_shops_are_not_names(engine, text):
    assert names(engine, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("彼はチームの中心選手として活躍した。", []),
        ("中国大使館に問い合わせた。", []),
        ("大学の神学教授に師事した。", []),
        ("田中選手が出場した。", [("田中", 0.75)]),
    ],
)
def test_a_common_word_before_a_title_is_no_name(engine, text, expected):
    """中心選手 is not 中 + 心 before 選手; a surname before the same title still is."""
    assert names(engine, text) == expected
