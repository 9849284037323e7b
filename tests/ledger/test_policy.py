"""`[policy]`: the starter policy, and clear ja/en errors (exit 2) for wrong ones."""

from __future__ import annotations

import tomllib

import pytest
from support.ledger import mamoru

from scanner.ledger.policy import PolicyError, parse_policy, parse_retention

GOOD = {"id": "hr", "name": "従業員", "purposes": ["人事"], "owner": "総務部",
        "retention": "7y", "locations": ["hr/**", "db:hr.*", "db:pay.slips.kojin_bango"]}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_init_writes_a_valid_commented_starter_then_refuses_to_overwrite(tmp_path, capsys,
                                                                         lang):
    config = tmp_path / ".mamoru.toml"
    config.write_text('exclude = ["tests/**"]\n', encoding="utf-8")
    code, _, _ = mamoru(capsys, "--lang", lang, "policy", "init", "--config", str(config))
    assert code == 0
    text = config.read_text(encoding="utf-8")
    assert text.startswith('exclude = ["tests/**"]\n\n# mamoru')
    assert ("利用目的" in text) == (lang == "ja")
    table = tomllib.loads(text)
    policy = parse_policy(table["policy"], str(config))
    assert [c.id for c in policy.categories] == [
        "client-dev", "inquiries", "applicants", "my-number", "employees"]
    assert [c.id for c in policy.categories if c.my_number] == ["my-number"]
    assert [c.id for c in policy.categories if c.entrusted] == ["client-dev"]
    assert policy.for_path("hr/mynumber/2026.csv").id == "my-number"
    assert policy.for_path("hr/roster.xlsx").id == "employees"
    assert policy.for_path("tmp/x.csv") is None
    assert policy.for_column("hr", "my_numbers", "num").id == "my-number"
    assert policy.for_column("HR", "Staff", "name").id == "employees"
    code, _, err = mamoru(capsys, "--lang", lang, "policy", "init", "--config", str(config))
    assert code == 2
    assert ("すでに [policy] があります" if lang == "ja" else "already has a [policy]") in err
    assert config.read_text(encoding="utf-8") == text
    assert mamoru(capsys, "policy", "check", "--config", str(config))[0] == 0


@pytest.mark.parametrize(("change", "ja", "en"), [
    ({"retention": "7 years"}, "保存期間は", "retention must look like"),
    ({"locations": ["db:hr"]}, "db:スキーマ.テーブル[.列]", "must be db:SCHEMA.TABLE[.COLUMN]"),
    ({"my_number": "yes"}, "true か false", "must be true or false"),
    ({"entities": ["PERSON", "SHOE_SIZE"]}, "不明な種類 ['SHOE_SIZE']", "unknown types"),
    ({"colour": "red"}, "不明なキー ['colour']", "unknown keys ['colour']"),
    ({"id": "社員"}, "英数字", "letters, digits"),
    ({"purposes": []}, "文字列のリスト", "non-empty list of strings"),
])
def test_wrong_categories_are_named(change, ja, en):
    with pytest.raises(PolicyError) as info:
        parse_policy({"categories": [{**GOOD, **change}]}, "p.toml")
    assert ja in info.value.ja and en in info.value.en
    assert info.value.en.startswith("p.toml: policy.categories[0]")


def test_missing_keys_duplicates_and_retention_units():
    with pytest.raises(PolicyError, match="missing required keys: \\['owner'\\]"):
        parse_policy({"categories": [{k: v for k, v in GOOD.items() if k != "owner"}]}, "p")
    with pytest.raises(PolicyError, match="duplicate id: hr"):
        parse_policy({"categories": [GOOD, GOOD]}, "p")
    assert parse_policy({"categories": [GOOD]}, "p").categories[0].retention.days == 7 * 365
    assert [parse_retention(t).days for t in ("90d", "6m", "3y", "indefinite")] == [
        90, 180, 1095, None]


def test_ledger_without_or_with_a_broken_policy_exits_2(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = mamoru(capsys, "--lang", "ja", "ledger", "--check")
    assert (code, err) == (2, "mamoru: 設定ファイルがありません（.mamoru.toml）。"
                              "mamoru policy init で作成してください\n")
    (tmp_path / ".mamoru.toml").write_text("[[policy.categories]]\nid = 'x'\n", "utf-8")
    code, _, err = mamoru(capsys, "--lang", "en", "report", "-o", str(tmp_path / "r.html"))
    assert code == 2 and "missing required keys" in err and "Traceback" not in err
    (tmp_path / ".mamoru.toml").write_text("[policy\n", "utf-8")
    code, _, err = mamoru(capsys, "--lang", "en", "ledger")
    assert code == 2 and err.startswith(f"mamoru: {tmp_path / '.mamoru.toml'}: ")
    assert not (tmp_path / "r.html").exists()


def test_the_inventory_named_in_the_configuration_is_used(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MAMORU_LANG", raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    assert mamoru(capsys, "policy", "init")[0] == 0  # Japanese under any locale
    config = tmp_path / ".mamoru.toml"
    assert 'name = "従業員等に関する個人情報"' in config.read_text("utf-8")
    config.write_text('inventory = "inv/here.sqlite"\n' + config.read_text("utf-8"), "utf-8")
    code, _, err = mamoru(capsys, "--lang", "en", "ledger", "--check")
    assert code == 2
    assert err == f"mamoru: no inventory at {tmp_path}/inv/here.sqlite (run mamoru scan first)\n"
