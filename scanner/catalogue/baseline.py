"""Messages of `mamoru baseline` (see scanner/catalogue/__init__.py)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "baseline.unreadable": ("{path}: 読めません（{reason}）", "{path}: {reason}"),
    "baseline.bad_json": ("{path}: JSON として読めません（{line} 行目、{column} 列）",
                          "{path}: not valid JSON (line {line}, column {column})"),
    "baseline.bad_version": ("{path}: mamoru のベースライン（形式 {version}）ではありません",
                             "{path}: not a mamoru baseline of format version {version}"),
    "baseline.malformed": ("{path}: ベースラインの形が不正です（{detail}）",
                           "{path}: malformed baseline ({detail})"),
    "baseline.unknown_status": ("{path}: 不明な状態 {bad}（使えるのは {known}）",
                                "{path}: unknown status {bad}; known: {known}"),
    "baseline.exists": (
        "{path} は既にあります（update を使うか --force）",
        "{path} exists (use update, or --force)",
    ),
    "baseline.not_found_create": (
        "{path} がありません（先に create）",
        "{path} not found (run create first)",
    ),
    "baseline.other_key": (
        "{path} は鍵 ID {key_id} の鍵で作られています。この鍵（"
        "{key_source}）の ID は {key_id2} です（MAMORU_KEY を揃えるか、作り直すなら --force）",
        "{path} was made with key id {key_id}, but this key ({key_source}) has id "
        "{key_id2} (share MAMORU_KEY, or --force to remake it)",
    ),
    "baseline.entries_written": (
        "mamoru: {entries_count} 件を {path} に記録しました",
        "mamoru: {entries_count:# entry|# entries} written to {path}",
    ),
    "baseline.not_found": ("{path} がありません", "{path} not found"),
    "baseline.bad_mark_status": (
        "--mark {mark}: 状態は {statuses} のいずれか",
        "--mark {mark}: status must be one of {statuses}",
    ),
    "baseline.bad_mark_ref": (
        "--mark {mark}: 該当する項目が 1 つではありません（{ref!r}）",
        "--mark {mark}: no single entry matches {ref!r}",
    ),
    "baseline.audit_prompt": (
        "本物の個人情報ですか？ y=はい（フックで止める） / n=いいえ（誤検知） "
        "/ s=飛ばす / q=終了: ",
        "personal data? y=yes (the hook stops it) / n=no (false positive) / s=skip / q=quit: ",
    ),
    "baseline.counts": (
        "mamoru: {entries_count} 件（未確認 {unaudited}、本物 {real}、誤検知 {false_positive}）",
        "mamoru: {entries_count:# entry|# entries} ({unaudited} unaudited, {real} real, "
        "{false_positive} false positive)",
    ),
    "baseline.not_written": ("mamoru: {path} は書きませんでした", "mamoru: {path} not written"),
}
