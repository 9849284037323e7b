"""Write samples/public_formats.jsonl: written forms that come from outside Japan's forms.

Each class of issue 15 gets at least 50 labelled records (ids `pf-<class>-NNN`), built
from public formats and the libraries' own metadata, never from sentences we were shown:

- `intl_phone`: `phonenumbers`' own example numbers of every region and type, written
  in international format after a label or bare, in prose, tables and signatures;
- `jp_phone_forms`: Japanese numbers with a redundant trunk 0 (`+81-03-…`, `+81(0)90-…`),
  mobiles split in two groups, fixed lines bare in an address block;
- `ip_forms`: IPv6 after a label, CIDR networks, IPv4-mapped and embedded IPv4, private
  addresses in brackets and quotes, access-log lines (Apache combined format);
- `card_bare`: Luhn-valid numbers with a brand prefix in log lines and CSV cells,
  without a keyword;
- `kanji_numerals`: My Numbers, phones and postal codes written in kanji digits;
- hard negatives: `holiday_calendar` (dates named 天皇誕生日), `other_labels` (card-shaped
  order, slip and tracking numbers after their labels).

Values are generated (seeded) and checked with the real libraries. Run from the
repository root: `.venv/bin/python benchmarks/make_public_formats.py [--seed 15] [--out FILE]`
(another seed draws other numbers and phrasings: a check that the rules were not fitted
to one draw).
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType
from stdnum import luhn
from stdnum.jp import in_

OUT = Path(__file__).resolve().parent.parent / "samples" / "public_formats.jsonl"
KANJI = str.maketrans("0123456789", "〇一二三四五六七八九")
PHONE_LABELS = ("電話番号：", "TEL: ", "Tel. ", "携帯：", "連絡先 ", "Phone: ", "", "")
IP_LABELS = ("接続元IPアドレス：", "送信元IP: ", "remote_addr=", "IPv6:", "クライアント ")


class Corpus:
    """Records under construction, with exact spans."""

    def __init__(self) -> None:
        self.records: list[dict] = []
        self.counts: dict[str, int] = {}

    def add(self, kind: str, parts: list[tuple[str, str | None]], negative: str | None = None):
        """`parts`: (text, label or None); a label makes that part a gold span."""
        n = self.counts[kind] = self.counts.get(kind, 0) + 1
        text, entities, negatives = "", [], []
        for piece, label in parts:
            if label:
                span = {"start": len(text), "end": len(text) + len(piece), "text": piece}
                if negative:
                    negatives.append({**span, "not": label})
                else:
                    entities.append({**span, "label": label})
            text += piece
        self.records.append(
            {"id": f"pf-{kind}-{n:03d}", "text": text, "entities": entities, "negatives": negatives}
        )


def intl_phones(c: Corpus, rng: random.Random) -> None:
    types = (PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE)
    regions = sorted(r for r in phonenumbers.SUPPORTED_REGIONS if r != "JP")
    rng.shuffle(regions)
    frames = (
        ("{label}", "（担当：海外営業）"), ("お客様の連絡先は ", " です。"),
        ("| {region} | ", " |"), ("{label}", ""), ("Mobile: ", " (WhatsApp)"),
    )
    for region in regions[:70]:
        number = phonenumbers.example_number_for_type(region, rng.choice(types))
        if number is None or not phonenumbers.is_valid_number(number):
            continue
        written = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
        before, after = rng.choice(frames)
        before = before.format(label=rng.choice(PHONE_LABELS[:6]), region=region)
        c.add("intl_phone", [(before, None), (written, "PHONE_NUMBER"), (after, None)])


# Area codes and mobile prefixes as the 総務省 numbering plan assigns them.
FIXED_PREFIXES = ("03", "06", "011", "022", "045", "052", "075", "092", "0466", "0995")
MOBILE_PREFIXES = ("070", "080", "090")


def _jp_numbers(rng: random.Random, prefixes: tuple[str, ...], count: int) -> list[str]:
    """Valid 10/11-digit Japanese numbers: kept only when phonenumbers says valid."""
    out: list[str] = []
    while len(out) < count:
        prefix = rng.choice(prefixes)
        size = 11 if prefix in MOBILE_PREFIXES else 10
        candidate = prefix + "".join(rng.choice("0123456789") for _ in range(size - len(prefix)))
        if phonenumbers.is_valid_number(phonenumbers.parse(candidate, "JP")):
            out.append(candidate)
    return out


def _group(national: str) -> str:
    if len(national) == 11:
        return f"{national[:3]}-{national[3:7]}-{national[7:]}"
    area = next(p for p in FIXED_PREFIXES if national.startswith(p))
    return f"{area}-{national[len(area):-4]}-{national[-4:]}"


def jp_phone_forms(c: Corpus, rng: random.Random) -> None:
    fixed = _jp_numbers(rng, FIXED_PREFIXES, 32)
    mobile = _jp_numbers(rng, MOBILE_PREFIXES, 32)
    blocks = (
        [("東京都千代田区丸の内1-1-1 ", None)], [("大阪府大阪市北区梅田3-1-3　", None)],
        [("〒060-0001", "JP_POSTAL_CODE"), (" 札幌市中央区北1条西2 ", None)],
    )
    for i in range(64):
        form = i % 4
        national = (mobile if form in (0, 3) else fixed)[i // 2]
        grouped = _group(national)
        if form == 0:
            parts = [("Tel ", None), ("+81-" + grouped, "PHONE_NUMBER"), ("（海外から）", None)]
        elif form == 1:
            parts = [("連絡先：", None), ("+81(0)" + grouped[1:], "PHONE_NUMBER")]
        elif form == 2:
            parts = [*blocks[i % 3], (national, "PHONE_NUMBER")]
        else:
            written = national[:3] + "-" + national[3:]
            parts = [(rng.choice(PHONE_LABELS[:6]), None), (written, "PHONE_NUMBER")]
        c.add("jp_phone_forms", parts)


def ip_forms(c: Corpus, rng: random.Random) -> None:
    for i in range(60):
        form = i % 6
        if form == 0:
            groups = ":".join(f"{rng.randrange(0x2400, 0x2fff):x}" for _ in range(3))
            value = f"{groups}::{rng.randrange(1, 0xffff):x}"
            parts = [(rng.choice(IP_LABELS), None), (value, "IP_ADDRESS")]
        elif form == 1:
            value = f"10.{rng.randrange(256)}.0.0/16" if i % 2 else f"192.168.{i}.0/24"
            parts = [("許可する送信元IP: ", None), (value, "IP_ADDRESS"), (" （社内LAN）", None)]
        elif form == 2:
            value = f"::ffff:192.168.{rng.randrange(256)}.{rng.randrange(1, 255)}"
            parts = [("接続元 ", None), (value, "IP_ADDRESS"), (" からログイン", None)]
        elif form == 3:
            quad = f"{rng.randrange(1, 223)}.{rng.randrange(256)}.0.{rng.randrange(1, 255)}"
            value = f"2001:db8::{quad}"
            parts = [("IPアドレス=", None), (value, "IP_ADDRESS")]
        elif form == 4:
            value = f"172.{rng.randrange(16, 32)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
            quote = rng.choice((("(", ")"), ('"', '"'), ("[", "]"), ("「", "」")))
            parts = [("client ", None), (quote[0], None), (value, "IP_ADDRESS"), (quote[1], None)]
        else:
            value = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
            tail = f' - - [06/Dec/2026:10:{i:02d}:00 +0900] "GET /mypage HTTP/1.1" 200 {900 + i}'
            parts = [(value, "IP_ADDRESS"), (tail, None)]
        c.add("ip_forms", parts)


def _card(rng: random.Random, prefix: str, length: int) -> str:
    body = prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix) - 1))
    return body + luhn.calc_check_digit(body)


CARD_BRANDS = (("4", 16), ("51", 16), ("55", 16), ("2221", 16), ("35", 16), ("37", 15),
               ("36", 14), ("6011", 16))


def cards(c: Corpus, rng: random.Random) -> None:
    for i in range(56):
        prefix, length = CARD_BRANDS[i % len(CARD_BRANDS)]
        number = _card(rng, prefix if prefix != "35" else str(rng.randrange(3528, 3590)), length)
        if i % 2:
            parts = [(f"2026-12-0{1 + i % 9}T10:00:{i:02d}Z INFO payment accepted pan=", None),
                     (number, "CREDIT_CARD"), (" amount=3980", None)]
        else:
            parts = [(f"{1000 + i},山田商事,", None), (number, "CREDIT_CARD"), (",12/29", None)]
        c.add("card_bare", parts)
    labels = ("注文番号：", "伝票番号 ", "追跡番号: ", "Order No. ", "JANコード ", "シリアル: ")
    for i in range(24):
        prefix, length = CARD_BRANDS[i % len(CARD_BRANDS)]
        number = _card(rng, prefix if prefix != "35" else "3530", length)
        c.add("other_labels", [(labels[i % len(labels)], None), (number, "CREDIT_CARD")],
              negative="CREDIT_CARD")


def kanji_numerals(c: Corpus, rng: random.Random) -> None:
    numbers = _jp_numbers(rng, FIXED_PREFIXES + MOBILE_PREFIXES, 20)
    for i in range(60):
        form = i % 3
        if form == 0:
            body = "".join(rng.choice("0123456789") for _ in range(11))
            value = body + in_.calc_check_digit(body)
            written = " ".join((value[:4], value[4:8], value[8:])).translate(KANJI)
            parts = [("個人番号　", None), (written, "JP_MY_NUMBER")]
        elif form == 1:
            written = _group(numbers[i // 3]).translate(KANJI).replace("-", "－")
            parts = [("電話　", None), (written, "PHONE_NUMBER"), ("まで", None)]
        else:
            code = rng.choice(("1000001", "5300001", "0600001", "9800811", "8120011"))
            written = f"〒{code[:3]}－{code[3:]}".translate(KANJI)
            parts = [(written, "JP_POSTAL_CODE"), ("　宛先住所は別紙のとおり", None)]
        c.add("kanji_numerals", parts)


def holiday_calendar(c: Corpus) -> None:
    for year in range(1970, 2026, 1):
        if len([r for r in c.records if r["id"].startswith("pf-holiday")]) >= 56:
            break
        md, name = ("04-29", "天皇誕生日") if year < 1989 else (
            ("12-23", "天皇誕生日") if year < 2019 else ("02-23", "天皇誕生日"))
        date = f"{year}-{md}"
        c.add("holiday_calendar", [(date, "DATE_OF_BIRTH"), (f": {name}", None)],
              negative="DATE_OF_BIRTH")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=15, help="another seed draws other values")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    corpus = Corpus()
    for build in (intl_phones, jp_phone_forms, ip_forms, cards, kanji_numerals):
        build(corpus, rng)
    holiday_calendar(corpus)
    with args.out.open("w", encoding="utf-8") as f:
        for rec in corpus.records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(args.out, corpus.counts)


if __name__ == "__main__":
    main()
