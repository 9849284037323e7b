"""Messages of `mamoru analyze` (see scanner/catalogue/__init__.py)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "analyze.bad_json": ("JSON として読めません（{column} 列目）",
                         "not valid JSON (column {column})"),
    "analyze.no_text": ('"text" に文字列を持つオブジェクトが必要です',
                        'expected an object with a string "text"'),
    "analyze.bad_yaml": ("YAML として読めません: {path}（{line} 行目）",
                         "not valid YAML: {path} (line {line})"),
    "analyze.not_utf8": (
        "UTF-8 として読めません（{where} バイト目）。Shift_JIS、EUC-JP、ISO-2022-JP、UTF-16 "
        "でもありません。UTF-8 に変換してください",
        "input is not valid UTF-8 (byte {where}), nor Shift_JIS, EUC-JP, ISO-2022-JP or "
        "UTF-16; convert it to UTF-8",
    ),
    "analyze.read_as": ("mamoru: 文字コード {encoding} として読みました",
                        "mamoru: read as {encoding}"),
    "analyze.too_big_to_decode": (
        "UTF-8 でない入力は {limit} バイトまでです（mamoru scan はファイルの大きさを問いません）",
        "input that is not UTF-8 is read whole, up to {limit} bytes (mamoru scan reads "
        "files of any size)",
    ),
    "analyze.binary": (
        "バイナリデータは解析できません（PDF や Office 文書、アーカイブは mamoru scan で読めます）",
        "binary input: not analyzed (mamoru scan reads PDF and Office documents and archives)",
    ),
    "analyze.line": ("mamoru: {lineno} 行目: {record}", "mamoru: line {lineno}: {record}"),
    "analyze.malformed_lines": (
        "mamoru: 不正な行が {bad} 行ありました",
        "mamoru: {bad:# malformed line|# malformed lines}",
    ),
}
