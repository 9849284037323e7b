"""Messages of `mamoru policy` (see scanner/catalogue/__init__.py)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "policy.wrote_starter": (
        "{path} にポリシーのひな形を書きました（{config_file} を編集してください）",
        "wrote a starter policy to {path}; edit {config_file} to match your privacy policy",
    ),
    "policy.my_numbers_allowed": ("特定個人情報可", "My Numbers allowed"),
    "policy.entrusted": ("委託", "entrusted"),
    "policy.sensitive": ("要配慮", "sensitive"),
    "policy.categories_valid": (
        "{source}: {categories_count} カテゴリ、問題なし",
        "{source}: {categories_count:# category|# categories}, valid",
    ),
    "policy.already_has_policy": (
        "{path}: すでに [policy] があります（変更は直接編集してください）",
        "{path}: already has a [policy] (edit it directly)",
    ),
}
