"""Texts of the reports (tables, summaries, ledger sheets) from the reports package."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "reports.inventory.asset_total": ("{total} 件", "{total:# finding|# findings}"),
    "reports.inventory.shared_n": ("他と共通の値 {n}", "{n:# value|# values} shared"),
    "reports.ledger.yes": ("有", "yes"),
    "reports.ledger.no": ("無", "no"),
    "reports.ledger.unregistered": ("（未登録）", "(unregistered)"),
    "reports.ledger.purpose_separator": ("、", "; "),
    "reports.ledger.applies": ("該当", "yes"),
    "reports.ledger.does_not_apply": ("—", "no"),
    "reports.ledger.reportable": ("要報告", "report"),
    "reports.ledger.database": ("データベース", "database"),
    "reports.ledger.archive_file_share": ("アーカイブ（ファイルサーバ）", "archive (file share)"),
    "reports.ledger.file_share": ("ファイルサーバ", "file share"),
    "reports.ledger.ledger": ("台帳", "Ledger"),
    "reports.ledger.violations": ("違反", "Violations"),
    "reports.ledger.breach_reporting": ("漏えい等報告", "Breach reporting"),
    "reports.ledger.about": ("説明", "About"),
    "reports.inventory.title": ("個人情報インベントリ: {n} 件", "inventory: {n:# asset|# assets}"),
    "reports.inventory.count": ("件数", "count"),
    "reports.inventory.violation": ("違反", "VIOLATION"),
    "reports.inventory.specific": ("特定個人情報", "specific"),
    "reports.inventory.new": ("新規", "new"),
    "reports.inventory.changed": ("変更", "changed"),
    "reports.inventory.gone": ("消失", "gone"),
    "reports.inventory.changes_scans": (
        "走査 #{first}〜#{last} の変更\n",
        "changes in scans #{first}-#{last}\n",
    ),
    "reports.inventory.no_changes": ("  変更なし\n", "  no changes\n"),
    "reports.inventory.new_values": ("  新しい値  {label}: {n}\n", "  new values  {label}: {n}\n"),
    "reports.inventory.skipped": ("スキップ", "skipped"),
    "reports.inventory.error": ("エラー", "error"),
    "reports.inventory.value_not_found": (
        "値 #{number}: 見つかりません\n",
        "value #{number}: not found\n",
    ),
    "reports.inventory.value_not_found_examined": (
        "値 #{number}: 調べた範囲には見つかりません（下の注意）\n",
        "value #{number}: not found where examined (see the note below)\n",
    ),
    "reports.inventory.unread_files": (
        "読めなかったファイル {n} 件（mamoru inventory --problems）",
        "{n:# file|# files} that could not be read (mamoru inventory --problems)",
    ),
    "reports.inventory.partial_tables": (
        "一部の行だけ読んだ表 {n} 件（mamoru scan-db --full で全行を読みます）",
        "{n:# table|# tables} read only in part (mamoru scan-db --full reads every row)",
    ),
    "reports.inventory.not_examined": (
        "注意: 次は調べられていません。値がそこにもあるかもしれません: {parts}"
        "（最新の走査 {last}）\n",
        "note: not examined, the values may be there too: {parts} (last scan {last})\n",
    ),
    "reports.inventory.value_places": (
        "値 #{number}: {places_count} か所\n",
        "value #{number}: {places_count:# place|# places}\n",
    ),
    "reports.inventory.column_sampled_values": ("列（標本の値）", "column (sampled values)"),
    "reports.location": ("位置", "location"),
    "reports.type": ("種類", "type"),
    "reports.score": ("スコア", "score"),
    "reports.preview": ("プレビュー", "preview"),
    "reports.keyed_hash": ("照合用ハッシュ", "keyed hash"),
    "reports.findings": ("検出結果 {rows_count} 件", "{rows_count:# finding|# findings}"),
    "reports.summary_head": (
        "検出 {rows_count} 件（{by_file_count} ファイル）。すべて表示するには -v\n",
        "{rows_count:# finding|# findings} in {by_file_count:# file|# files}; -v lists every one\n",
    ),
    "reports.summary_type_row": (
        "  {name}{pad}  {count:>7} 件  {files:>6} ファイル\n",
        "  {name}{pad}  {count:>7}  in {files:>6} files\n",
    ),
    "reports.summary_top_files": ("件数の多いファイル:\n", "files with the most findings:\n"),
}
