"""Messages of `mamoru hook` (see scanner/catalogue/__init__.py)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "hook.takes_no_files": (
        "mamoru: {file} はファイルを取りません",
        "mamoru: {file} takes no files",
    ),
    "hook.skipped": (
        "mamoru: 読めないため飛ばしました: {shown}",
        "mamoru: skipped (not readable as text): {shown}",
    ),
    "hook.stopped_unchecked": (
        "mamoru: 検査できなかったファイルがあるため止めました（.mamoru."
        "toml に skipped_files = \"warn\" で通します）",
        "mamoru: stopped: staged files could not be checked (skipped_files = \"warn\" in "
        ".mamoru.toml lets them pass)",
    ),
    "hook.baseline_other_key": (
        "mamoru: ベースラインは別の鍵で作られたため使えません（MAMORU_KEY を揃えてください）",
        "mamoru: the baseline was made with another key and is ignored (share MAMORU_KEY)",
    ),
    "hook.hook_written": ("mamoru: フックを書きました: {path}", "mamoru: hook written: {path}"),
    "hook.no_hook_installed": ("mamoru: フックはありません", "mamoru: no hook installed"),
    "hook.hook_removed": ("mamoru: フックを削除しました: {path}", "mamoru: hook removed: {path}"),
}
