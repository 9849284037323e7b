"""Messages of `mamoru mask` and `mamoru mask-db` (see scanner/catalogue/__init__.py)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "mask.bad_policy": ("ポリシーが不正です: {exc}", "bad policy: {exc}"),
    "mask.bad_min_score": (
        "--min-score は 0 から 1 の数にしてください",
        "--min-score must be a number from 0 to 1",
    ),
    "mask.bad_policy_min_score": (
        "検出しきい値は 0 から 1 の数にしてください",
        "the detection threshold (min_score) must be a number from 0 to 1",
    ),
    "mask.bad_k": ("--k は 2 以上にしてください", "--k must be at least 2"),
    "mask.cannot_read_key_file": (
        "鍵ファイルを読めません: {key_file}: {reason}",
        "cannot read key file {key_file}: {reason}",
    ),
    "mask.key_file_empty": ("鍵ファイルが空です: {key_file}", "key file is empty: {key_file}"),
    "mask.leak_check_failed": (
        "漏えい検査に失敗: {leaks_count} 件が残っています。出力は書き込みません。",
        "leak check failed: {leaks_count} item(s) remain; nothing was written.",
    ),
    "mask.bad_input": ("入力エラー: {exc}", "bad input: {exc}"),
    "mask.cannot_be_masked": (
        "マスクできないため出力しません: {name}: {reason}",
        "cannot be masked, not written: {name}: {reason}",
    ),
    "mask.below_k": (
        "k 匿名性 (k={k}) を満たさないクラスがあるため出力しません（--allow-below-k で出力）",
        "classes below k={k}: nothing was written (--allow-below-k releases it)",
    ),
    "mask.done": (
        "マスク完了: {masked_count} ファイル -> {out} (プロファイル {profile}、漏えい検査 合格)",
        "masked {masked_count} file(s) -> {out} (profile {profile}, leak check passed)",
    ),
    "mask.refused_files": (
        "{refused_count} ファイルはマスクできず出力していません",
        "{refused_count} file(s) could not be masked and were not written",
    ),
    "mask.cannot_write_k_report": (
        "k 匿名性レポートを書けません: {path}: {strerror}",
        "cannot write the k-anonymity report {path}: {strerror}",
    ),
    "mask.k_anonymity_report": ("k 匿名性レポート: {path}", "k-anonymity report: {path}"),
    "mask_db.bad_input": ("入力エラー: {error}", "bad input: {error}"),
    "mask_db.unexpected_error": (
        "予期しないエラー（{where} には何も残していません）: {name}",
        "unexpected error (nothing left in {where}): {name}",
    ),
    "mask_db.done": (
        "マスク完了: {tables_count} テーブル {rows} 行 (プロ"
        "ファイル {profile}、漏えい検査 合格)",
        "masked {tables_count} table(s), {rows} row(s) (profile {profile}, leak check passed)",
    ),
}
