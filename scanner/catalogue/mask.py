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
        "leak check failed: {leaks_count:# item remains|# items remain}; nothing was written.",
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
    "mask.nothing_written": ("マスクしたファイルはありません（{out} に出力なし）",
                             "no file masked: nothing written to {out}"),
    "mask.done": (
        "マスク完了: {masked_count} ファイル -> {out} (プロファイル {profile}、漏えい検査 合格)",
        "masked {masked_count:# file|# files} -> {out} (profile {profile}, leak check passed)",
    ),
    "mask.refused_files": (
        "{refused_count} ファイルはマスクできず出力していません",
        "{refused_count:# file|# files} could not be masked and "
        "{refused_count:was|were} not written",
    ),
    "mask.cannot_write_k_report": (
        "k 匿名性レポートを書けません: {path}: {strerror}",
        "cannot write the k-anonymity report {path}: {strerror}",
    ),
    "mask.k_anonymity_report": ("k 匿名性レポート: {path}", "k-anonymity report: {path}"),
    "mask.k_report": (
        "{where}: k匿名性 ({cols}) 最小クラス {smallest} / k={k} 未満のレコード {below_k} 件 "
        "(全 {records} 件, {classes} クラス)",
        "{where}: k-anonymity on ({cols}): smallest class {smallest}; {below_k} of {records} "
        "records in classes below k={k} ({classes:# class|# classes})",
    ),
    # the policy file (scanner/masking/policy.py)
    "mask.policy.unknown_profile": ("不明なプロファイルです: {profile}",
                                    "unknown profile: {profile}"),
    "mask.policy.cannot_read": ("ポリシーを読めません: {path}: {reason}",
                                "cannot read policy {path}: {reason}"),
    "mask.policy.syntax": ("ポリシー {path} の書式が正しくありません（{error}）",
                           "policy {path}: {error}"),
    "mask.policy.not_mapping": ("ポリシー {path}: 最上位は表（マッピング）にしてください",
                                "policy {path}: expected a table/mapping at the top"),
    "mask.policy.unknown_entity": ("ポリシーに不明な種別があります: {entity}",
                                   "unknown entity type in policy: {entity}"),
    "mask.policy.bad_operator": ("{where}: 演算子は {operators} のいずれかにしてください",
                                 "{where}: operator must be one of {operators}"),
    "mask.policy.not_table": ("columns.{name}: 表にしてください",
                              "columns.{name}: expected a table"),
    # input and output paths (scanner/masking/files.py)
    "mask.input_not_found": ("入力がありません: {path}", "input not found: {path}"),
    "mask.input_not_file_or_dir": (
        "入力は通常のファイルでもディレクトリでもありません: {path}",
        "input is not a regular file or a directory: {path}",
    ),
    "mask.output_inside_input": ("出力先を入力そのものや入力の中にはできません",
                                 "the output must not be the input or lie inside it"),
    "mask.output_not_file_or_dir": ("出力先が通常のファイルでもディレクトリでもありません: {path}",
                                    "output is not a regular file or directory: {path}"),
    "mask.output_not_dir": ("出力先が既にあり、ディレクトリではありません: {path}",
                            "output exists and is not a directory: {path}"),
    "mask.output_dir_not_empty": (
        "出力先のディレクトリが空ではありません（--force で置き換えます）: {path}",
        "output directory is not empty (--force replaces it): {path}",
    ),
    "mask.output_is_dir": ("出力先はディレクトリです: {path}", "output is a directory: {path}"),
    "mask.output_exists": ("出力先が既にあります（--force で置き換えます）: {path}",
                           "output exists (--force replaces it): {path}"),
    "mask.refused_input": ("マスクできません: {name}: {reason}", "{name}: {reason}"),
    # why a file is not masked (scanner/masking/files.py, formats/)
    "mask.refused.not_regular": (
        "通常のファイルではありません（リンクやデバイスは複製しません）",
        "not a regular file (links and devices are not copied)",
    ),
    "mask.refused.cannot_read": ("読めません: {reason}", "cannot read: {reason}"),
    "mask.refused.unsupported": ("{kind}: この形式はマスクできません", "{kind}: cannot be masked"),
    "mask.refused.unreadable": ("内容の一部を読めません: {problem}", "{problem}"),
    "mask.refused.broken": ("壊れているか扱えない内容です（{error}）", "{error}"),
    "mask.refused.eml_header_decode": ("{charset} のヘッダーを復号できません",
                                       "a header in {charset} cannot be decoded"),
    "mask.refused.eml_header_encode": ("マスクしたヘッダーを {charset} で書けません",
                                       "a masked header cannot be written in {charset}"),
    "mask.refused.eml_transfer": (
        "パート {number}: 転送エンコーディング {transfer} はマスクできません",
        "part {number}: transfer encoding {transfer} cannot be masked",
    ),
    "mask.refused.eml_part": ("パート {number}（{content_type}）はマスクできません",
                              "part {number} ({content_type}): cannot be masked"),
    "mask.refused.eml_body_encode": ("マスクした本文を {codec} で書けません",
                                     "a masked body cannot be written in {codec}"),
    "mask.refused.eml_attachment": ("パート {number} の添付ファイル（{kind}）はマスクできません",
                                    "attachment in part {number} ({kind}): cannot be masked"),
    "mask.refused.eml_attachment_error": ("パート {number} の添付ファイルを処理できません: {error}",
                                          "attachment in part {number}: {error}"),
}
