"""Messages about the [policy] table of the configuration (scanner/ledger/policy.py)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "policy.no_configuration_file": (
        "設定ファイルがありません（{config_file}）。mamoru policy init で作成してください",
        "no configuration file ({config_file}); create one with mamoru policy init",
    ),
    "policy.no_policy_table": ("{source}: [policy] がありません", "{source}: no [policy] table"),
    "policy.policy_takes_only_categories": (
        "{source}: [policy] には categories だけを書きます",
        "{source}: [policy] takes only `categories`",
    ),
    "policy.no_policy_categories": (
        "{source}: [[policy.categories]] が 1 つもありません",
        "{source}: no [[policy.categories]]",
    ),
    "policy.duplicate_id": ("{source}: id が重複しています: {id}", "{source}: duplicate id: {id}"),
    "policy.bad_retention": (
        "{where}: 保存期間は \"90d\"、\"6m\"、\"3y\"、\"indefinite\" のように書きます",
        "{where}: retention must look like \"90d\", \"6m\", \"3y\" or \"indefinite\"",
    ),
    "policy.not_table": ("{where}: テーブルではありません", "{where}: not a table"),
    "policy.unknown_keys": (
        "{where}: 不明なキー {unknown}（使えるキー: {keys}）",
        "{where}: unknown keys {unknown} (known: {keys})",
    ),
    "policy.missing_required_keys": (
        "{where}: 必須のキーがありません: {missing}",
        "{where}: missing required keys: {missing}",
    ),
    "policy.bad_id": (
        "{where}.id: 英数字・-・_ の 40 文字以内で書きます",
        "{where}.id: use up to 40 letters, digits, - or _",
    ),
    "policy.must_non_empty_string": (
        "{where}.{key}: 文字列で書きます",
        "{where}.{key}: must be a non-empty string",
    ),
    "policy.must_true_false": (
        "{where}.{key}: true か false で書きます",
        "{where}.{key}: must be true or false",
    ),
    "policy.entities_unknown_types": (
        "{where}.entities: 不明な種類 {unknown}",
        "{where}.entities: unknown types {unknown}",
    ),
    "policy.must_db_schema_table": (
        "{where}: {text!r} は db:スキーマ.テーブル[.列] の形で書きます",
        "{where}: {text!r} must be db:SCHEMA.TABLE[.COLUMN]",
    ),
    "policy.must_non_empty_list": (
        "{where}: 文字列のリストで書きます（空にはできません）",
        "{where}: must be a non-empty list of strings",
    ),
    "policy.cannot_open_inventory": (
        "インベントリを開けません: {where}: {reason}",
        "cannot open the inventory {where}: {reason}",
    ),
    "policy.no_inventory_at_run": (
        "インベントリがありません: {where}（先に mamoru scan）",
        "no inventory at {where} (run mamoru scan first)",
    ),
}
