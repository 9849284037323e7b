"""Messages of `mamoru scan-db` (see scanner/catalogue/__init__.py)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "scan_db.columns_found": (
        "個人情報を含む列 {n} 件", "{n:# column|# columns} with personal data"
    ),
    "scan_db.column": ("列", "column"),
    "scan_db.share": ("割合", "share"),
    "scan_db.rows": ("行数", "rows"),
    "scan_db.view": ("ビュー", "view"),
    "scan_db.cannot_parse_url": (
        "mamoru: データベースURLを解釈できません: ",
        "mamoru: cannot parse the database URL: ",
    ),
    "scan_db.bad_sample": (
        "--sample は1以上にしてください",
        "--sample must be at least 1",
    ),
    "scan_db.bad_statement_timeout": (
        "--statement-timeout は正の数にしてください",
        "--statement-timeout must be positive",
    ),
    "scan_db.bad_min_score": (
        "--min-score は0から1の間にしてください",
        "--min-score must be in 0..1",
    ),
    "scan_db.cannot_read": ("mamoru: 読めません: {error}", "mamoru: cannot read {error}"),
    "scan_db.cannot_scan_database": (
        "mamoru: データベースを走査できません: {exc}",
        "mamoru: cannot scan the database: {exc}",
    ),
    "scan_db.summary": (
        "{tables} 表（前回から変更なし {carried_over}）、個人情報を含む列 {columns}、"
        "エラー {errors}",
        "{tables:# table|# tables} ({carried_over} unchanged since the last scan), "
        "{columns:# column|# columns} with personal data, {errors:# error|# errors}",
    ),
}
