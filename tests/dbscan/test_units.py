"""Column names, value decoding, batching, scoring rules and password scrubbing."""

from __future__ import annotations

import datetime as dt
import decimal
import json

import pytest

from scanner.dbscan.batch import DB_CONTEXT_WINDOW, analyze_values, separator
from scanner.dbscan.catalog import DATE, JSON_KIND, NUMBER, SKIP, TEXT, ColumnInfo, Filters
from scanner.dbscan.classify import ColumnClassifier, confidence, scans_values
from scanner.dbscan.names import header_context, name_signal, words_of
from scanner.dbscan.redact import safe_url, scrub
from scanner.dbscan.values import as_text, decode_binary
from scanner.engine import Engine, EngineConfig

KEY = b"unit-test-key"


@pytest.fixture(scope="module")
def db_engine():
    return Engine(EngineConfig(context_window=DB_CONTEXT_WINDOW))


@pytest.mark.parametrize(("name", "words"), [
    ("customerTelNo2", ("customer", "tel", "no")),
    ("HTTPServerAddr", ("http", "server", "addr")),
    ("kojin_bango", ("kojin", "bango")),
    ("ＴＥＬ番号", ("tel番号",)),
    ("e-mail", ("e", "mail")),
])
def test_words_of_splits_snake_camel_and_width(name, words):
    assert words_of(name) == words


@pytest.mark.parametrize(("name", "entity", "strength"), [
    ("氏名", "PERSON", 0.6), ("shimei", "PERSON", 0.6), ("lastName", "PERSON", 0.6),
    ("フリガナ", "PERSON", 0.6), ("name", "PERSON", 0.4), ("customer_name", "PERSON", 0.6),
    ("tel", "PHONE_NUMBER", 0.6), ("携帯電話番号", "PHONE_NUMBER", 0.6),
    ("mobilePhone", "PHONE_NUMBER", 0.6), ("住所1", "JP_ADDRESS", 0.6),
    ("addr", "JP_ADDRESS", 0.6), ("zip_code", "JP_POSTAL_CODE", 0.6),
    ("郵便番号", "JP_POSTAL_CODE", 0.6), ("birthDate", "DATE_OF_BIRTH", 0.6),
    ("生年月日", "DATE_OF_BIRTH", 0.6), ("dob", "DATE_OF_BIRTH", 0.6),
    ("myNumber", "JP_MY_NUMBER", 0.6), ("my_number", "JP_MY_NUMBER", 0.6),
    ("kojin_bango", "JP_MY_NUMBER", 0.6), ("個人番号", "JP_MY_NUMBER", 0.6),
    ("email", "EMAIL_ADDRESS", 0.6), ("メールアドレス", "EMAIL_ADDRESS", 0.6),
    ("mail_address", "EMAIL_ADDRESS", 0.6), ("card_no", "CREDIT_CARD", 0.6),
    ("card", "CREDIT_CARD", 0.4), ("ip_address", "IP_ADDRESS", 0.6),
])
def test_name_signal(name, entity, strength):
    signal = name_signal(name)
    assert (signal.entity_type, signal.strength) == (entity, strength)


@pytest.mark.parametrize("name", [
    "hotel", "company_name", "商品名", "product_name", "created_at", "status", "telemetry",
])
def test_names_that_are_not_personal_data(name):
    assert name_signal(name) is None


def test_header_context_gives_the_name_and_its_words():
    assert header_context("myNumber") == ["myNumber", "my number"]
    assert header_context("氏名") == ["氏名"]


def test_as_text_per_type():
    assert as_text(None) is None
    assert as_text(True) is None
    assert as_text(1.5) is None
    assert as_text(123456789018) == "123456789018"
    assert as_text(decimal.Decimal("123456789018")) == "123456789018"
    assert as_text(dt.date(1985, 4, 12)) == "1985-04-12"
    assert as_text({"電話": "090-1234-5678"}) == json.dumps({"電話": "090-1234-5678"},
                                                           ensure_ascii=False)
    assert as_text("   ") is None
    assert as_text("連絡先".encode()) == "連絡先"
    assert as_text(memoryview(b"abc")) == "abc"


def test_decode_binary_skips_images_and_keeps_text():
    assert decode_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") is None
    assert decode_binary(b"\x00\x01\x02\x03 binary") is None
    assert decode_binary("電話 090-1234-5678".encode()) == "電話 090-1234-5678"
    assert decode_binary("末尾".encode()[:-1]) == "末"  # cut inside the last character


def test_column_kinds_decide_what_is_read():
    assert scans_values(ColumnInfo("birthday", "DATE", DATE))
    assert not scans_values(ColumnInfo("created_at", "DATE", DATE))
    assert not scans_values(ColumnInfo("ratio", "REAL", SKIP))
    assert scans_values(ColumnInfo("code", "BIGINT", NUMBER))


def test_joined_analysis_gives_the_same_findings_as_analyze_batch(db_engine):
    values = ["090-1234-5678", "山田", "マイナンバー 123456789018", "x@example.jp",
              "電話", "03-1234-5678 / 〒100-0001", "123456789018", "", "tel"]
    ctx = ["備考"]
    assert analyze_values(db_engine, values, context=ctx, min_score=0.5) == (
        db_engine.analyze_batch(values, context=ctx, min_score=0.5))


def test_joined_analysis_keeps_a_keyword_from_reaching_the_next_value(db_engine):
    values = ["マイナンバー", "123456789018"]
    joined = analyze_values(db_engine, values, context=["code"], min_score=0.5)
    alone = db_engine.analyze("マイナンバー\n123456789018", context=["code"], min_score=0.5)
    assert joined == [[], []]
    assert [f.entity_type for f in alone] == ["JP_MY_NUMBER"]
    assert len(separator(db_engine)) > DB_CONTEXT_WINDOW


def _classify(engine, name, values, kind=TEXT):
    clf = ColumnClassifier(engine, KEY, ColumnInfo(name, "TEXT", kind))
    clf.add(values)
    return {v.entity_type: v for v in clf.verdicts()}


def test_share_counts_non_null_values_and_name_adds_a_bonus(db_engine):
    values = [f"090-1234-{i:04d}" for i in range(8)] + ["不明", "なし", None, None]
    v = _classify(db_engine, "tel", values)["PHONE_NUMBER"]
    assert (v.share, v.matched, v.examined, v.basis) == (0.8, 8, 10, "name+values")
    assert v.score == 0.99 and v.confidence == "high"
    assert v.previews == ("090-****-0000", "090-****-0001", "090-****-0002")
    assert len(v.fingerprints) == 8


def test_few_matches_in_a_code_column_are_penalised(db_engine):
    values = ["090-1234-5678"] + [f"A-{i:05d}" for i in range(9)]
    v = _classify(db_engine, "code", values)["PHONE_NUMBER"]
    assert (v.share, v.basis) == (0.1, "values")
    best = db_engine.analyze("090-1234-5678", context=["code"])[0].score
    assert v.score == round(best - 0.3, 4)


def test_free_text_columns_are_not_penalised_for_a_low_share(db_engine):
    values = ["折り返しは 080-1111-2222 まで"] + ["特になし"] * 9
    v = _classify(db_engine, "備考", values)["PHONE_NUMBER"]
    assert (v.share, v.free_text, v.matched) == (0.1, True, 1)
    assert v.score == db_engine.analyze(values[0], context=["備考"])[0].score


def test_the_name_alone_decides_only_hard_types(db_engine):
    person = _classify(db_engine, "氏名", ["ZZZ"] * 3)["PERSON"]
    assert (person.score, person.basis, person.share) == (0.6, "name", 0.0)
    phone = _classify(db_engine, "tel", ["yes", "no"])["PHONE_NUMBER"]
    assert (phone.score, phone.basis) == (0.4, "name")
    assert _classify(db_engine, "氏名", [None, None]) == {}


def test_json_columns_are_free_text(db_engine):
    verdicts = _classify(db_engine, "attrs", [{"mail": "a@example.jp"}], kind=JSON_KIND)
    assert verdicts["EMAIL_ADDRESS"].free_text
    assert verdicts["EMAIL_ADDRESS"].previews == ("***@example.jp",)  # a 1-char local part


def test_confidence_bands():
    assert [confidence(s) for s in (0.99, 0.85, 0.84, 0.65, 0.6)] == [
        "high", "high", "medium", "medium", "low"]


def test_filters_match_globs_case_insensitively():
    f = Filters(include_table=("顧客*", "sales.orders"), exclude_column=("*.memo", "PW*"))
    assert f.table_ok("public", "顧客マスタ") and f.table_ok("sales", "orders")
    assert not f.table_ok("public", "orders")
    assert not f.column_ok("s", "t", "memo")
    assert not f.column_ok("s", "t", "pw_hash") and f.column_ok("s", "t", "tel")


def test_password_is_hidden_and_scrubbed_in_every_spelling():
    url = "postgresql+psycopg://app:p%40ss%2Fw%23rd@db.example:5432/crm"
    assert safe_url(url) == "postgresql+psycopg://app:***@db.example:5432/crm"
    message = "login failed for p@ss/w#rd (dsn password=p%40ss%2Fw%23rd)"
    assert scrub(message, url) == "login failed for *** (dsn password=***)"
    assert scrub("nothing to hide", "sqlite:///x.db") == "nothing to hide"
