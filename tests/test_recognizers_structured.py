"""Table-driven tests of the structured recognizers: text -> exact spans and score bands.

Each case names the text, the entity type, and the exact substring expected (or None
when nothing of that type may be reported at the default threshold).
"""

from __future__ import annotations

import pytest

from scanner.engine import Engine, EngineConfig

POSITIVE = [
    ("マイナンバー: 1234 5678 9018", "JP_MY_NUMBER", "1234 5678 9018"),
    ("個人番号123456789018を提出", "JP_MY_NUMBER", "123456789018"),
    ("個人番号：１２３４－５６７８－９０１８", "JP_MY_NUMBER", "１２３４－５６７８－９０１８"),
    ("123456789018 (マイナンバーカード記載)", "JP_MY_NUMBER", "123456789018"),
    ("法人番号 7000012050002", "JP_CORPORATE_NUMBER", "7000012050002"),
    ("登録番号：T1180301018771", "JP_CORPORATE_NUMBER", "T1180301018771"),
    ("電話は03-1234-5678まで", "PHONE_NUMBER", "03-1234-5678"),
    ("携帯０９０－１２３４－５６７８", "PHONE_NUMBER", "０９０－１２３４－５６７８"),
    ("TEL:(03)1234-5678", "PHONE_NUMBER", "(03)1234-5678"),
    ("TEL 03(1234)5678", "PHONE_NUMBER", "03(1234)5678"),
    ("連絡先 +81-90-1234-5678", "PHONE_NUMBER", "+81-90-1234-5678"),
    ("phone: +81 3 1234 5678", "PHONE_NUMBER", "+81 3 1234 5678"),
    ("フリーダイヤル 0120-123-456", "PHONE_NUMBER", "0120-123-456"),
    ("ご連絡は045-123-4567へ", "PHONE_NUMBER", "045-123-4567"),
    ("TEL 09012345678", "PHONE_NUMBER", "09012345678"),
    ("メールはtaro@example.jpです", "EMAIL_ADDRESS", "taro@example.jp"),
    ("〒100-0001 東京都千代田区千代田1-1", "JP_POSTAL_CODE", "〒100-0001"),
    ("〒1000001", "JP_POSTAL_CODE", "〒1000001"),
    ("郵便番号：530-0001", "JP_POSTAL_CODE", "530-0001"),
    ("100-0001 東京都千代田区千代田", "JP_POSTAL_CODE", "100-0001"),
    ("カード番号 4111 1111 1111 1111", "CREDIT_CARD", "4111 1111 1111 1111"),
    ("決済に 5555-5555-5555-4444 を使用", "CREDIT_CARD", "5555-5555-5555-4444"),
    ("card_number=4547860164713389&amount=5400", "CREDIT_CARD", "4547860164713389"),
    ("普通預金 口座番号 1234567", "JP_BANK_ACCOUNT", "1234567"),
    ("旅券番号 TK1234567", "JP_PASSPORT", "TK1234567"),
    ("運転免許証番号 301234567890", "JP_DRIVERS_LICENSE", "301234567890"),
    ("在留カード番号 AB12345678CD", "JP_RESIDENCE_CARD", "AB12345678CD"),
    ("基礎年金番号 1234-567890", "JP_PENSION_NUMBER", "1234-567890"),
    ("雇用保険被保険者番号 1234-567890-1", "JP_EMPLOYMENT_INSURANCE", "1234-567890-1"),
    ("住民票コード 12345678901", "JP_RESIDENT_CODE", "12345678901"),
    ("生年月日：昭和60年4月12日", "DATE_OF_BIRTH", "昭和60年4月12日"),
    ("1985年4月12日生まれ", "DATE_OF_BIRTH", "1985年4月12日"),
    ("誕生日 平成元年1月8日", "DATE_OF_BIRTH", "平成元年1月8日"),
    ("生年月日 S60.4.12", "DATE_OF_BIRTH", "S60.4.12"),
    ("生年月日: 1990/02/28", "DATE_OF_BIRTH", "1990/02/28"),
    ("接続元 192.168.1.10", "IP_ADDRESS", "192.168.1.10"),
    ("client 8.8.8.8 から", "IP_ADDRESS", "8.8.8.8"),
    ("アクセス元IPアドレス 2001:db8::1", "IP_ADDRESS", "2001:db8::1"),
]

NEGATIVE = [
    ("注文番号 123456789018", "JP_MY_NUMBER"),  # passes the check, but no keyword
    ("JAN 4901234567894", "JP_CORPORATE_NUMBER"),
    ("法人番号 7000012050002", "JP_MY_NUMBER"),
    ("個人番号 000000000000", "JP_MY_NUMBER"),  # repeated digits pass the check
    ("マイナンバー 123456789019", "JP_MY_NUMBER"),  # wrong check digit
    ("1234567890123 のうち 234567890123", "JP_MY_NUMBER"),  # part of a longer number
    ("基礎年金番号 1234-567890", "PHONE_NUMBER"),
    ("金額 1,234,567円", "PHONE_NUMBER"),
    ("ISBN 978-4-00-310101-8", "PHONE_NUMBER"),
    ("2024-03-15", "PHONE_NUMBER"),
    ("03-1234-5678-9", "PHONE_NUMBER"),  # a longer number: no part of it
    ("在位 1794-1864", "JP_POSTAL_CODE"),
    ("部品番号 123-4567", "JP_POSTAL_CODE"),
    ("追跡番号 1234 5678 9012 3456", "CREDIT_CARD"),  # fails Luhn
    ("発行日 2024年4月1日", "DATE_OF_BIRTH"),
    ("2024年4月1日に注文", "DATE_OF_BIRTH"),
    ("version 1.2.3.4", "IP_ADDRESS"),
    ("Windows 10.0.19045.2965", "IP_ADDRESS"),
    ("listen 127.0.0.1", "IP_ADDRESS"),  # loopback without a keyword
    ("TK1234567 は型番", "JP_PASSPORT"),  # shape only, no keyword
    ("git@github.com:org/repo.git", "EMAIL_ADDRESS"),
]


@pytest.mark.parametrize(("text", "entity", "expected"), POSITIVE)
def test_finds_exact_span(engine: Engine, text: str, entity: str, expected: str) -> None:
    found = [f for f in engine.analyze(text) if f.entity_type == entity]
    assert [text[f.start : f.end] for f in found] == [expected]
    assert all(f.text == expected and f.score >= 0.5 for f in found)


@pytest.mark.parametrize(("text", "entity"), NEGATIVE)
def test_hard_negative(engine: Engine, text: str, entity: str) -> None:
    assert [f for f in engine.analyze(text) if f.entity_type == entity] == []


def test_check_digit_alone_scores_below_threshold(engine: Engine) -> None:
    low = engine.analyze("注文番号 123456789018", min_score=0.0)
    assert [(f.entity_type, f.score, f.explanation.rung) for f in low] == [
        ("JP_MY_NUMBER", 0.4, "CHECKED_ALONE")
    ]


def test_many_passing_numbers_corroborate(engine: Engine) -> None:
    values = ["123456789018", "987654321018", "111122223333", "555566667777"]
    from stdnum.jp import in_

    valid = [v[:-1] + in_.calc_check_digit(v[:-1]) for v in values]
    column = engine.analyze_batch(valid)
    assert [[f.entity_type for f in fs] for fs in column] == [["JP_MY_NUMBER"]] * 4
    assert {fs[0].explanation.rung for fs in column} == {"CORROBORATED"}


def test_one_failing_number_spoils_corroboration(engine: Engine) -> None:
    from stdnum.jp import in_

    valid = [b + in_.calc_check_digit(b) for b in ("12345678901", "98765432101", "11112222333")]
    column = engine.analyze_batch([*valid, "123456789010"])
    assert [fs for fs in column if fs] == []


def test_header_context_counts_as_keyword(engine: Engine) -> None:
    found = engine.analyze("123456789018", context=["個人番号"])
    assert [(f.entity_type, f.score) for f in found] == [("JP_MY_NUMBER", 0.95)]
    assert found[0].explanation.context == "header '個人番号'"


def test_nearer_licence_keyword_wins_over_my_number(engine: Engine) -> None:
    text = "マイナンバー欄は空欄。運転免許証番号 301234567890"
    types = [f.entity_type for f in engine.analyze(text)]
    assert types == ["JP_DRIVERS_LICENSE"]


def test_explanation_names_pattern_validator_and_context(engine: Engine) -> None:
    (f,) = engine.analyze("マイナンバー: 1234 5678 9018")
    assert f.explanation.as_text() == (
        "MyNumberRecognizer/grouped; CHECKED_WITH_CONTEXT; check ok (stdnum.jp.in_); "
        "keyword 'マイナンバー' 2 chars before"
    )


def test_entities_filter_and_unknown_type(engine: Engine) -> None:
    text = "電話 03-1234-5678 taro@example.jp"
    assert [f.entity_type for f in engine.analyze(text, entities=["EMAIL_ADDRESS"])] == [
        "EMAIL_ADDRESS"
    ]
    with pytest.raises(ValueError, match="NOT_A_TYPE"):
        engine.analyze(text, entities=["NOT_A_TYPE"])


def test_context_window_is_configurable() -> None:
    text = "マイナンバー" + "。" * 50 + "123456789018"
    near = Engine(EngineConfig(context_window=100)).analyze(text)
    far = Engine(EngineConfig(context_window=20)).analyze(text)
    assert [f.entity_type for f in near] == ["JP_MY_NUMBER"]
    assert far == []


def test_pasted_table_header_names_each_column(engine: Engine) -> None:
    text = (
        "社員ID\t電話番号\t生年月日\t郵便番号\n"
        "E65540\t0466329271\t1958/12/23\t514-0814\n"
        "E21233\t0758397003\t1970-06-27\t679-3116\n"
    )
    found = [(f.entity_type, text[f.start : f.end]) for f in engine.analyze(text)]
    assert found == [
        ("PHONE_NUMBER", "0466329271"), ("DATE_OF_BIRTH", "1958/12/23"),
        ("JP_POSTAL_CODE", "514-0814"), ("PHONE_NUMBER", "0758397003"),
        ("DATE_OF_BIRTH", "1970-06-27"), ("JP_POSTAL_CODE", "679-3116"),
    ]


def test_label_of_another_number_wins_over_a_farther_keyword(engine: Engine) -> None:
    text = "インボイス登録番号：T4047301943487\n商品コード4952525128799 数量13"
    found = [(f.entity_type, text[f.start : f.end]) for f in engine.analyze(text)]
    assert found == [("JP_CORPORATE_NUMBER", "T4047301943487")]


def test_other_date_label_is_not_a_birth_date(engine: Engine) -> None:
    text = "生年月日：昭和６２年１月４日\n確認日：2024-09-01"
    found = [(f.entity_type, text[f.start : f.end]) for f in engine.analyze(text)]
    assert found == [("DATE_OF_BIRTH", "昭和６２年１月４日")]


def test_markdown_table_header_and_date_ranges(engine: Engine) -> None:
    text = (
        "| 区分 | 個人番号 | 生年月日 |\n|---|---|---|\n| 本人 | 506741504805 | 2000/02/26 |\n"
        "誕生日キャンペーン期間：2025/10/13〜2025/11/12"
    )
    found = [(f.entity_type, text[f.start : f.end]) for f in engine.analyze(text)]
    assert found == [("JP_MY_NUMBER", "506741504805"), ("DATE_OF_BIRTH", "2000/02/26")]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("不明", True), ("テスト", True), ("N/A", True), ("ZZZ", True), ("ーー", True),
     ("山田太郎", False), ("Taro Yamada", False), ("ア", False)],
)
def test_is_placeholder(value: str, expected: bool) -> None:
    from recognizers.checks import is_placeholder

    assert is_placeholder(value) is expected


def test_keyword_search_takes_the_longest_keyword_at_each_place() -> None:
    """The keyword regex (a trie of the words) finds what one alternation of the words,
    longest first, finds: at each place the longest keyword, left to right, no overlap."""
    from scanner.document import keyword_regex

    rx = keyword_regex(("card", "card_number", "カード", "カード番号", "番号", "IP", "ipアドレス"))
    text = "Card_Number: カード番号 card IPアドレス ip 番号 カード"
    assert [(m.group(), m.start()) for m in rx.finditer(text.lower())] == [
        ("card_number", 0), ("カード番号", 13), ("card", 19), ("ipアドレス", 24), ("ip", 31),
        ("番号", 34), ("カード", 37),
    ]
