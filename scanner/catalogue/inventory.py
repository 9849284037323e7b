"""Messages of `mamoru inventory` (see scanner/catalogue/__init__.py)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "privacy.new_key": (
        "mamoru: 新しい鍵を作成しました: {path}（鍵 ID {key_id}）。保管してください",
        "mamoru: created a new key: {path} (key id {key_id}); keep it safe",
    ),
    "inventory.no_key": ("鍵がありません: {source}{made}", "no key: {source}{made}"),
    "inventory.no_inventory_at_run": (
        "mamoru: インベントリがありません: {path}（先に mamoru scan）",
        "mamoru: no inventory at {path} (run mamoru scan first)",
    ),
    "inventory.cannot_open_here": (
        "mamoru: インベントリを開けません: {path}: {reason}",
        "mamoru: cannot open the inventory {path}: {reason}",
    ),
    "inventory.its_key_id": (
        "（インベントリの鍵 ID {stored}）",
        " (the inventory's key id is {stored})",
    ),
    "inventory.bad_scans": (
        "mamoru: --scans は N..M の形です: {scans}",
        "mamoru: --scans takes N..M: {scans}",
    ),
    "inventory.bad_since": (
        "mamoru: --since は日付です（例 2026-12-01）: {since}",
        "mamoru: --since takes a date (e.g. 2026-12-01): {since}",
    ),
    "inventory.no_complete_scan_yet": (
        "mamoru: 完了した走査がありません",
        "mamoru: no complete scan yet",
    ),
    "inventory.cannot_read": (
        "mamoru: 読めません: {path}: {reason}",
        "mamoru: cannot read {path}: {reason}",
    ),
    "inventory.no_values_to_find": (
        "mamoru: 探す値がありません（1 行に 1 つ）",
        "mamoru: no values to find (one per line)",
    ),
    "inventory.not_examined": (
        "mamoru: 読めなかったファイル {files} 件（--problems）と一部の行だけ読んだ表 {tables} 件は"
        "調べられていません",
        "mamoru: not examined: {files:# file|# files} not read (--problems), "
        "{tables:# table|# tables} read "
        "only in part",
    ),
    "inventory.my_numbers_outside": (
        "mamoru: 許可されていない場所のマイナンバー: {violations} 件",
        "mamoru: My Numbers outside allowed places: {violations:# asset|# assets}",
    ),
    "inventory.import_needs_parquet_file": (
        "mamoru: import には Parquet ファイルを指定してください",
        "mamoru: import needs a Parquet file",
    ),
    "inventory.cannot_read_parquet": (
        "mamoru: Parquet を読めません: {file} ({name})",
        "mamoru: cannot read Parquet {file} ({name})",
    ),
    "inventory.not_spark_scan_output": (
        "mamoru: mamoru.spark scan の出力ではありません（列がない: {names}）",
        "mamoru: not a mamoru.spark scan output (missing: {names})",
    ),
    "inventory.import_other_key": (
        "mamoru: 別の鍵で走査されています（{theirs}、インベントリの鍵は {ours}）",
        "mamoru: scanned with another key ({theirs}; this key is {ours})",
    ),
    "inventory.imported": (
        "取り込み: {paths} 件（エラー {errors}）、検出 {findings} 件",
        "imported {paths:# path|# paths} ({errors:# error|# errors}), "
        "{findings:# finding|# findings}",
    ),
    "inventory.created_directory": (
        "mamoru: インベントリのディレクトリを作成しました: {parent}",
        "mamoru: created the inventory directory: {parent}",
    ),
    "inventory.created": (
        "mamoru: 新しいインベントリを作成しました: {where}（鍵 ID {key_id}）",
        "mamoru: created a new inventory: {where} (key id {key_id})",
    ),
    "inventory.took_over_lock": (
        "mamoru: 終了した走査 {describe} のロックを引き継ぎました",
        "mamoru: took over the lock of scan {describe}, which is no longer running",
    ),
    "inventory.other_key": (
        "{where} は鍵 ID {stored} の鍵で作られています。この鍵（"
        "{source}）の ID は {mine} です。同じ鍵（MAMORU_KE"
        "Y または MAMORU_KEY_FILE）を使ってください",
        "{where} was made with key id {stored}, but this key ({source}) has id {mine}; "
        "use the same key (MAMORU_KEY or MAMORU_KEY_FILE)",
    ),
    "inventory.cannot_open": (
        "インベントリを開けません: {target}: {reason}",
        "cannot open the inventory {target}: {reason}",
    ),
    "inventory.locked": (
        "インベントリ {where} は走査 {held} が使用中です（--wait で待てます）",
        "inventory locked by scan {held}: {where} (use --wait to wait)",
    ),
}
