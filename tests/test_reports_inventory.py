"""The inventory listing and the change report against golden files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from reports.inventory import write_assets, write_changes
from scanner.i18n import Lang
from scanner.inventory.changes import AssetChange
from scanner.inventory.risk import AssetRisk, EntitySummary

GOLDEN = Path(__file__).parent / "golden"

ASSETS = [
    AssetRisk("/share/人事/給与.xlsx", "xlsx", None, 18000, "2026-11-29T01:00:00+00:00", [
        EntitySummary("JP_MY_NUMBER", 12, 0.95, 12, ({"sheet": "給与", "cell": "C2",
                                                      "offset": 0},)),
        EntitySummary("PERSON", 12, 0.85, 11, ({"sheet": "給与", "cell": "B2", "offset": 0},)),
    ], shared_values=3, violation=True),
    AssetRisk("/share/mail/inquiry.eml", "eml", "iso-2022-jp", 2048,
              "2026-11-29T01:00:00+00:00", [
        EntitySummary("PHONE_NUMBER", 2, 0.9, 1, ({"line": 12, "column": 8},
                                                  {"line": 30, "column": 1})),
    ]),
]
CHANGES = [
    AssetChange("new", "/share/new.csv", 7),
    AssetChange("changed", "/share/人事/給与.xlsx", 7),
    AssetChange("gone", "/share/old.txt", 6),
]


def _assets(fmt: str, lang: str) -> str:
    out = io.StringIO()
    write_assets(ASSETS, fmt, out, Lang(lang), width=110)
    return out.getvalue()


@pytest.mark.parametrize(
    ("fmt", "lang", "golden"),
    [
        ("table", "en", "inventory-table-en.txt"),
        ("table", "ja", "inventory-table-ja.txt"),
        ("jsonl", "en", "inventory.jsonl"),
        ("csv", "en", "inventory.csv"),
    ],
)
def test_inventory_golden(fmt: str, lang: str, golden: str) -> None:
    assert _assets(fmt, lang) == (GOLDEN / golden).read_text(encoding="utf-8")


def test_changes_text_and_jsonl() -> None:
    out = io.StringIO()
    write_changes(CHANGES, {"JP_MY_NUMBER": 2}, (6, 7), "table", out, Lang("ja"))
    assert out.getvalue() == (
        "走査 #6〜#7 の変更\n"
        "  新規       /share/new.csv\n"
        "  変更       /share/人事/給与.xlsx\n"
        "  消失       /share/old.txt\n"
        "  新しい値  個人番号（マイナンバー）: 2\n"
    )
    out = io.StringIO()
    write_changes(CHANGES[:1], {"JP_MY_NUMBER": 2}, (6, 7), "jsonl", out, Lang("en"))
    assert out.getvalue() == (
        '{"change": "new", "path": "/share/new.csv", "scan_id": 7}\n'
        '{"change": "new_values", "entity_type": "JP_MY_NUMBER", "count": 2}\n'
    )
