"""Messages of `python -m mamoru.spark` (mamoru/spark/__main__.py)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "spark.cannot_read_key": ("mamoru: 鍵を読めません: {reason}",
                              "mamoru: cannot read the key: {reason}"),
    "spark.empty_key_file": ("鍵ファイルが空です: {path}", "empty key file {path}"),
    "spark.no_pyspark": ("mamoru: pyspark がありません（pip install 'mamoru[spark]'）",
                         "mamoru: pyspark is not installed (pip install 'mamoru[spark]')"),
    "spark.jdbc_needs_table": ("--jdbc-url には --table が必要です",
                               "--jdbc-url needs --table"),
    "spark.out_required": ("--out が必要です", "--out is required"),
    "spark.to_table_needs_jdbc": ("--to-jdbc-table には --jdbc-url が必要です",
                                  "--to-jdbc-table needs --jdbc-url"),
    "spark.output_exists": ("出力先が既にあります: {out}", "output exists: {out}"),
    "spark.scan_done": (
        "{paths} 件のパス、検出 {found} 件、エラー {errors} 件: {out}",
        "{paths:# path|# paths}, {found:# finding|# findings}, {errors:# error|# errors}: {out}",
    ),
    "spark.classify_done": ("個人情報を含む列の判定 {count} 件: {out}",
                            "{count:# column verdict|# column verdicts}: {out}"),
    "spark.mask_done": ("マスク完了（漏えい検査 合格）: {target}",
                        "masked (leak check passed): {target}"),
    "spark.leak_check_failed": ("漏えい検査に失敗: 何も書き込みません。{detail}",
                                "leak check failed: nothing was written. {detail}"),
    "spark.table_exists": (
        "出力先の表が既にあります: {table}（新しい表にだけ書き込みます）",
        "the table exists already: {table} (only a new table is written)",
    ),
    "spark.staging_exists": (
        "作業用の表 {staging} が既にあります: {table} への書き込みが実行中か、途中で止まった"
        "書き込みが残したものです。実行中のものがなければ削除（DROP TABLE {staging}）して"
        "やり直してください",
        "the staging table {staging} exists: a write to {table} is running, or one stopped"
        " before it could clean up; when none is running, drop it (DROP TABLE {staging})"
        " and run again",
    ),
    "spark.job_failed": ("mamoru: ジョブが失敗しました: {first}",
                         "mamoru: the job failed: {first}"),
}
