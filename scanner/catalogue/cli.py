"""Messages of the command line itself: argparse, database URLs, unexpected errors."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "cli.invalid_choice": (
        "{value!r} は選べません（{names} のいずれか）",
        "invalid choice: {value!r} (choose from {names})",
    ),
    "cli.commands_title": ("コマンド", "commands"),
    "cli.details": ("詳細: {log}", "details: {log}"),
    "cli.unexpected_error": (
        "mamoru: 予期しないエラー ({name})。{where}",
        "mamoru: unexpected error ({name}). {where}",
    ),
    "cli.aside": ("（{text}）", " ({text})"),
    "list.separator": ("、", ", "),
    "url.neither_url_nor_file": (
        "データベース URL でも SQLite ファイルでもありません: {text}（例 {examples}）",
        "neither a database URL nor an SQLite file: {text} (e.g. {examples})",
    ),
    "url.unsupported_type": (
        "この種類のデータベースは使えません: {scheme}://（例 {examples}）",
        "unsupported database type {scheme}:// (e.g. {examples})",
    ),
    "url.cannot_parse": (
        "データベース URL を解釈できません（例 {examples}）",
        "cannot parse the database URL (e.g. {examples})",
    ),
    "url.driver_not_installed": (
        "{scheme}:// のドライバ {name} が入っていません",
        "the driver {name} for {scheme}:// is not installed",
    ),
}
