"""Messages of `mamoru mask-db` and its database copy (scanner/masking/database/)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "mask_db.bad_input": ("入力エラー: {error}", "bad input: {error}"),
    "mask_db.unexpected_error": (
        "予期しないエラー（{where} には何も残していません）: {name}",
        "unexpected error (nothing left in {where}): {name}",
    ),
    "mask_db.leak_hint": (
        "対処: 残った値をマスクするには、その列をポリシー（--policy）で "
        "[columns.\"表.列\"] entity = \"種別\" と指定してください。個人情報でない列は "
        "operator = \"keep\" で残せます（mamoru help mask-db）。",
        "what to do: to mask what remains, name its column in a policy (--policy) as "
        "[columns.\"table.column\"] with entity = \"TYPE\"; a column that holds no "
        "personal data is left as it is with operator = \"keep\" (mamoru help mask-db).",
    ),
    "mask_db.done": (
        "マスク完了: {tables_count} テーブル {rows} 行 (プロ"
        "ファイル {profile}、漏えい検査 合格)",
        "masked {tables_count:# table|# tables}, {rows:# row|# rows} (profile {profile}, "
        "leak check passed)",
    ),
    # errors of the copy (DbMaskError, StagingError): names and classes, never values
    "mask_db.not_a_url": ("データベース URL ではありません: {url}", "not a database URL: {url}"),
    "mask_db.no_sqlite": ("SQLite データベースがありません: {path}",
                          "SQLite database not found: {path}"),
    "mask_db.cannot_open": ("接続できません: {url}: {error}", "cannot open {url}: {error}"),
    "mask_db.no_select": ("{what}: SELECT 権限がありません", "{what}: no SELECT privilege"),
    "mask_db.db_failed": ("{what}: {error}", "{what}: {error}"),
    "mask_db.cannot_read_schema": ("スキーマを読めません: {name}", "cannot read schema {name}"),
    "mask_db.cannot_read_table": ("テーブルを読めません: {table}", "cannot read table {table}"),
    "mask_db.cannot_write": ("書き込めません: {table}", "cannot write {table}"),
    "mask_db.no_schema": ("スキーマがありません: {names}", "no such schema: {names}"),
    "mask_db.no_tables": ("テーブルがありません: {url}", "no tables in {url}"),
    "mask_db.no_table_matches": (
        "--include-table / --exclude-table に合うテーブルがありません: {url}",
        "no table of {url} matches --include-table / --exclude-table",
    ),
    "mask_db.sqlite_no_schemas": (
        "SQLite の出力先にはスキーマがありません（--schema で選んでください）: {names}",
        "a SQLite destination has no schemas (choose with --schema): {names}",
    ),
    "mask_db.table_exists": ("出力先に同名のテーブルがあります: {names}",
                             "destination already has table(s): {names}"),
    "mask_db.parquet_type": ("{table}: Parquet の列型に合わない値があります",
                             "{table}: a value does not fit its Parquet column type"),
    "mask_db.busy": ("別の mask-db が同じ出力先に書き込み中です",
                     "another mask-db run is writing to this destination"),
    "mask_db.staging_taken": ("作業用フォルダの名前が別のもので使われています: {path}",
                              "the staging path is taken by something else: {path}"),
    "mask_db.output_not_dir": (
        "出力先はディレクトリではありません（通常のディレクトリのみ可）: {path}",
        "output is not a directory (only regular directories are written): {path}",
    ),
    "mask_db.output_not_empty": ("出力先のディレクトリが空ではありません: {path}",
                                 "output directory is not empty: {path}"),
    "mask_db.name_outside": ("出力先の外を指す名前です: {name}",
                             "a name points outside the output: {name}"),
    # notices
    "mask_db.removed_stale_tables": ("中断された実行の作業用テーブルを削除しました: {names}",
                                     "removed staging tables of an interrupted run: {names}"),
    "mask_db.removed_stale_folder": ("中断された実行の作業用フォルダを削除しました: {path}",
                                     "removed the staging folder of an interrupted run: {path}"),
}
