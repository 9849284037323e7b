"""Exact spans and scores for written forms of issue 15 (structured types)."""

from __future__ import annotations

import pytest

from scanner.engine import Engine, EngineConfig

ENGINE = Engine(EngineConfig())


def spans(text: str) -> list[tuple[str, str, float]]:
    return [(f.entity_type, f.text, f.score) for f in ENGINE.analyze(text)
            if f.entity_type not in ("PERSON", "JP_ADDRESS")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("電話番号：+1 212 555 0123", [("PHONE_NUMBER", "+1 212 555 0123", 0.95)]),
        ("+44 20 7946 0958 (London)", [("PHONE_NUMBER", "+44 20 7946 0958", 0.7)]),
        ("+1 212 555 012", []),  # too short for its region
        ("+81-03-1234-5678", [("PHONE_NUMBER", "+81-03-1234-5678", 0.7)]),
        ("携帯 070-53412345", [("PHONE_NUMBER", "070-53412345", 0.95)]),
        ("年金 0839-120212", []),  # 4-6 is a pension number's shape, not a phone's
        ("東京都千代田区丸の内1-1-1 0332123456", [("PHONE_NUMBER", "0332123456", 0.75)]),
        ("電話 〇九〇－一二三四－五六七八", [("PHONE_NUMBER", "〇九〇－一二三四－五六七八", 0.95)]),
        ("一二三さんと三丁目で", []),
        ("接続元IPアドレス：2400:4050:a0e2:8800::1",
         [("IP_ADDRESS", "2400:4050:a0e2:8800::1", 0.95)]),
        ("IPv6:2001:4860:4860::8888", [("IP_ADDRESS", "2001:4860:4860::8888", 0.95)]),
        ("接続元 ::ffff:192.168.1.1 port 22", [("IP_ADDRESS", "::ffff:192.168.1.1", 0.95)]),
        ("送信元IP: 192.168.1.0/24", [("IP_ADDRESS", "192.168.1.0/24", 0.95)]),
        ('10.1.2.3 - - [06/Dec/2026:10:00:00 +0900] "GET /"',
         [("IP_ADDRESS", "10.1.2.3", 0.95)]),
        ('"Fish": "1.10.4.4",', []),
        ("section 1.4.4.0", []),
        ("pan=4111111111111111 amount=3980", [("CREDIT_CARD", "4111111111111111", 0.6)]),
        ("注文番号：4111111111111111", []),
        ("1970-04-29: 天皇誕生日", []),
        ("誕生日 1970-04-29", [("DATE_OF_BIRTH", "1970-04-29", 0.95)]),
        # a birth word in the title of a work does not make a release date a birthday
        ("2018年3月29日には新作ソフト「Happy Birthday」が発売される。", []),
        ("1990年5月1日、シングル『誕生日の歌』を発表した。", []),
        ("「誕生日」は1990年5月1日です", [("DATE_OF_BIRTH", "1990年5月1日", 0.95)]),
        ("生年月日 1990年5月1日 『誕生日の歌』", [("DATE_OF_BIRTH", "1990年5月1日", 0.95)]),
    ],
)
def test_written_forms(text, expected):
    assert spans(text) == expected


def test_kanji_numerals_get_kanji_surrogates():
    from stdnum.jp import in_

    from scanner.masking.keyed import ascii_digits
    from scanner.masking.surrogates.contact import phone_number
    from scanner.masking.surrogates.ids import my_number

    phone = phone_number(b"k", "〇九〇－一二三四－五六七八")
    assert phone != "〇九〇－一二三四－五六七八"
    assert phone[:4] == "〇九〇－" and phone[8] == "－" and len(phone) == 13
    assert spans(f"電話 {phone}") == [("PHONE_NUMBER", phone, 0.95)]
    number = my_number(b"k", "一二三四 五六七八 九〇一八")
    assert number[4] == " " and in_.is_valid(ascii_digits(number))


FOUNDINGS = (
    "{d}、旧{a}町と旧{b}村が合併して誕生した。", "{a}市は{d}に3町の合併により誕生した。",
    "同社は{d}に分社化により誕生した。", "新党は{d}に結成され、新たな会派が誕生した。",
    "{d}に開業し、{a}駅が誕生した。", "{a}小学校は{d}に開校し、新しい学区が誕生した。",
    "{d}、{a}市が{b}町を編入し、新しい{a}市が誕生した。",
    "{a}生誕100周年の{d}に記念式典が開かれた。",
)
CUT_OFFS = (
    "{d}以降に生まれた方", "{d}以前に生まれた人が対象です", "{d}以後生まれの男性",
    "{e}～{d}生まれの方", "{e}から{d}までの間に生まれた男性",
)
DATES = ("2005年3月22日", "平成17年3月22日", "1962年4月2日", "昭和37年4月2日")
PLACES = (("山田", "川上"), ("桜", "緑"))


@pytest.mark.parametrize(
    "text",
    [f.format(d=d, e="1950年4月2日", a=a, b=b) for f in FOUNDINGS + CUT_OFFS
     for d in DATES for a, b in PLACES],
)
def test_founding_days_and_cut_offs_are_not_birthdays(text):
    """A town or a company "is born" (誕生) the day it is founded; a date before 以降 or
    以前 is a cut-off: 104 cases, none a date of birth."""
    assert spans(text) == []


@pytest.mark.parametrize(
    ("text", "date"),
    [("2006年9月6日に長男が誕生した。", "2006年9月6日"),
     ("彼は1970年5月3日に東京で生まれた。", "1970年5月3日"),
     ("1962年4月2日生まれ、2005年に合併した町の出身", "1962年4月2日"),
     ("生年月日 1985年4月12日（開業医）", "1985年4月12日")],
)
def test_births_near_founding_words_are_still_birthdays(text, date):
    assert spans(text) == [("DATE_OF_BIRTH", date, 0.95)]


@pytest.mark.parametrize(
    ("text", "check"),
    [
        ("電話番号：+1 212 555 0123", "check ok (phonenumbers (region US))"),
        ("Tel: +44 20 7946 0958", "check ok (phonenumbers (region GB))"),
        ("Tel: +81 3-1234-5678", "check ok (phonenumbers (region JP))"),
        ("電話 03-1234-5678", "check ok (phonenumbers (region JP))"),
    ],
)
def test_explanation_names_the_region_that_checked_a_phone(text, check):
    (finding,) = [f for f in ENGINE.analyze(text) if f.entity_type == "PHONE_NUMBER"]
    assert check in finding.explanation.as_text()
