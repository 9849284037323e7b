"""Operators (presidio-anonymizer Operators) and policies: exact outputs."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from scanner.masking.masker import Masker
from scanner.masking.operators import OperatorEngine, runtime_params
from scanner.masking.policy import PolicyError, Rule, load_policy
from scanner.masking.surrogates.pseudonyms import Surrogates
from scanner.privacy import canonical

KEY = b"test-key"


@pytest.fixture(scope="module")
def masker():
    return Masker(load_policy(None, "dev-test"), KEY)


@pytest.fixture(scope="module")
def ops():
    return OperatorEngine(runtime_params(KEY, Surrogates(KEY), "ja"))


@pytest.mark.parametrize(
    ("entity", "value", "operator", "expected"),
    [
        ("PHONE_NUMBER", "090-1234-5678", "redact", ""),
        ("PHONE_NUMBER", "090-1234-5678", "keep", "090-1234-5678"),
        ("PERSON", "山田太郎", "tag", "<氏名>"),
        ("JP_MY_NUMBER", "123456789018", "tag", "<個人番号>"),
        ("JP_ADDRESS", "東京都千代田区千代田1-1", "tag", "<住所>"),
        ("PHONE_NUMBER", "090-1234-5678", "partial_mask", "090-****-5678"),
        ("JP_MY_NUMBER", "1234-5678-9018", "partial_mask", "****-****-9018"),
        ("CREDIT_CARD", "4111 1111 1111 1111", "partial_mask", "**** **** **** 1111"),
        ("DATE_OF_BIRTH", "1985年4月12日", "partial_mask", "1985年*月**日"),
        ("JP_POSTAL_CODE", "〒100-0001", "partial_mask", "〒100-****"),
        ("DATE_OF_BIRTH", "昭和60年4月12日", "generalize", "1985年"),
        ("JP_ADDRESS", "東京都千代田区千代田1-1", "generalize", "東京都千代田区"),
        ("JP_ADDRESS", "神奈川県足柄下郡箱根町仙石原1-2", "generalize", "神奈川県足柄下郡箱根町"),
        ("JP_POSTAL_CODE", "〒100-0001", "generalize", "〒100-****"),
        ("PHONE_NUMBER", "090-1234-5678", "generalize", "<電話番号>"),
        ("JP_MY_NUMBER", "1234 5678 9018", "pseudonym", "1783 3497 1671"),
        ("PHONE_NUMBER", "090-1234-5678", "pseudonym", "090-8934-1685"),
        ("EMAIL_ADDRESS", "taro@example.co.jp", "pseudonym", "user-89329b25c3@example.co.jp"),
        ("PERSON", "山田太郎", "pseudonym", "木本允彦"),
        ("JP_ADDRESS", "東京都千代田区千代田1-1", "pseudonym", "熊本県八代市福正元町8-28-3"),
        ("DATE_OF_BIRTH", "1985年4月12日", "pseudonym", "1985年2月15日"),
        ("CREDIT_CARD", "4111 1111 1111 1111", "pseudonym", "4000 0055 8478 1240"),
        ("JP_POSTAL_CODE", "〒100-0001", "pseudonym", "〒426-0131"),
    ],
)
def test_operator_exact_output(ops, entity, value, operator, expected):
    assert ops.mask_value(entity, value, Rule(operator)) == expected


def test_english_tags():
    ops = OperatorEngine(runtime_params(KEY, Surrogates(KEY), "en"))
    assert ops.mask_value("PERSON", "山田太郎", Rule("tag")) == "<PERSON>"
    assert ops.mask_value("PERSON", "山田太郎", Rule("tag", {"lang": "ja"})) == "<氏名>"


def test_keyed_hash_is_hmac_of_the_canonical_value(ops):
    msg = f"mamoru-mask\x1fJP_MY_NUMBER\x1f{canonical('1234-5678-9018')}".encode()
    expected = hmac.new(KEY, msg, hashlib.sha256).hexdigest()[:16]
    assert ops.mask_value("JP_MY_NUMBER", "1234-5678-9018", Rule("keyed_hash")) == expected
    assert ops.mask_value("JP_MY_NUMBER", "123456789018", Rule("keyed_hash")) == expected
    other = OperatorEngine(runtime_params(b"other", Surrogates(b"other"), "ja"))
    assert other.mask_value("JP_MY_NUMBER", "123456789018", Rule("keyed_hash")) != expected
    assert len(ops.mask_value("PERSON", "山田", Rule("keyed_hash", {"length": 8}))) == 8


def test_operators_are_registered_in_presidio():
    from presidio_anonymizer import AnonymizerEngine
    from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

    from scanner.masking.operators import _operator_classes

    engine = AnonymizerEngine()
    for cls in _operator_classes():
        engine.add_anonymizer(cls)
    out = engine.anonymize(
        "電話 090-1234-5678 まで",
        [RecognizerResult("PHONE_NUMBER", 3, 16, 0.9)],
        {"PHONE_NUMBER": OperatorConfig("partial_mask")},
    )
    assert out.text == "電話 090-****-5678 まで"


def test_text_spans_replaced_and_everything_else_kept(masker):
    text = "マイナンバー 1234 5678 9018、電話 090-1234-5678、メール taro@example.co.jp です"
    assert masker.mask_texts([text])[0] == (
        "マイナンバー 1783 3497 1671、電話 090-8934-1685、メール user-89329b25c3@example.co.jp です"
    )


def test_postal_code_before_an_address_gets_the_address_postal_code(masker):
    from scanner.findings import Finding
    from scanner.masking.surrogates.address import address

    text = "〒100-0001 東京都千代田区千代田1-1"
    findings = [Finding("JP_POSTAL_CODE", 0, 9, 0.9, text[0:9]),
                Finding("JP_ADDRESS", 10, len(text), 0.9, text[10:])]
    out = masker.replace_findings(text, findings)
    sur = address(KEY, text[10:])
    assert out == f"〒{sur.postal_code[:3]}-{sur.postal_code[3:]} {sur.text()}"


def test_profiles():
    dev = load_policy(None, "dev-test")
    pseudo = load_policy(None, "pseudonymized")
    anon = load_policy(None, "anonymized")
    assert dev.rule("JP_MY_NUMBER").operator == "pseudonym"
    assert pseudo.rule("JP_MY_NUMBER").operator == "keyed_hash"
    assert pseudo.rule("PERSON").operator == "keyed_hash"
    assert pseudo.rule("CREDIT_CARD").operator == "keyed_hash"
    assert anon.rule("PERSON").operator == "tag"
    assert anon.rule("DATE_OF_BIRTH").operator == "generalize"
    assert anon.run_key_for_keys and not pseudo.run_key_for_keys
    assert "JP_CORPORATE_NUMBER" not in anon.masked_types


def test_policy_file_toml_and_yaml(tmp_path):
    toml = tmp_path / "p.toml"
    toml.write_text(
        'profile = "pseudonymized"\nlang = "en"\nquasi = "age,city"\nk = 3\n'
        '[entities.PERSON]\noperator = "tag"\n'
        '[columns."customers.memo"]\nentity = "PERSON"\n'
        '[columns.note]\noperator = "keep"\n',
        encoding="utf-8",
    )
    policy = load_policy(toml, None)
    assert policy.profile == "pseudonymized" and policy.lang == "en"
    assert policy.rule("PERSON") == Rule("tag")
    assert policy.rule("JP_MY_NUMBER").operator == "keyed_hash"
    assert policy.column("customers", "memo").entity == "PERSON"
    assert policy.column("orders", "memo") is None
    assert policy.column(None, "note").operator == "keep"
    assert policy.quasi == ("age", "city") and policy.k == 3
    assert load_policy(toml, "dev-test").profile == "dev-test"  # --profile wins

    yaml = tmp_path / "p.yaml"
    yaml.write_text("entities:\n  PHONE_NUMBER: partial_mask\ncolumns:\n  secret:\n"
                    "    drop: true\n", encoding="utf-8")
    policy = load_policy(yaml, None)
    assert policy.profile == "dev-test"
    assert policy.rule("PHONE_NUMBER") == Rule("partial_mask")
    assert policy.column(None, "secret").drop


@pytest.mark.parametrize(
    "content",
    ['[entities.PERSON]\noperator = "shred"\n', '[entities.NOT_A_TYPE]\noperator = "tag"\n',
     'profile = "public"\n', "this is = not toml ["],
)
def test_bad_policy_files(tmp_path, content):
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PolicyError):
        load_policy(path, None)
