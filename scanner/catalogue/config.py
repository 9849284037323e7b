"""Messages about configuration files (.mamoru.toml, [tool.mamoru])."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "config.not_found": (
        "{explicit}: 設定ファイルがありません",
        "{explicit}: configuration file not found",
    ),
    "config.expected_table": ("{source}: 表（テーブル）が必要です", "{source}: expected a table"),
    "config.unknown_key_known": (
        "{source}: 不明なキー {key!r}{hint}。使えるキー: {keys}",
        "{source}: unknown key {key!r}{hint}; known: {keys}",
    ),
    "config.min_score_must_number": (
        "{source}: min_score は数値にしてください",
        "{source}: min_score must be a number",
    ),
    "config.min_score_must_between": (
        "{source}: min_score は 0 から 1 の間にしてください",
        "{source}: min_score must be between 0 and 1",
    ),
    "config.baseline_must_path": (
        "{source}: baseline はパスにしてください",
        "{source}: baseline must be a path",
    ),
    "config.skipped_files_must_one": (
        "{source}: skipped_files は {skipped_files} のどれかです",
        "{source}: skipped_files must be one of {skipped_files}",
    ),
    "config.file_timeout_must_number": (
        "{source}: file_timeout は 0 より大きい秒数にしてください",
        "{source}: file_timeout must be a number of seconds above 0",
    ),
    "config.bad_toml": ("{path}: TOML として読めません（{line} 行目、{column} 列）",
                        "{path}: not valid TOML (line {line}, column {column})"),
    "config.unreadable": ("{path}: 読めません: {reason}", "{path}: {reason}"),
    "config.unknown_entities": ("{source}: 不明な種別 {unknown}",
                                "{source}: unknown entity types {unknown}"),
    "config.must_list_strings": (
        "{source}: {key} は文字列のリストにしてください",
        "{source}: {key} must be a list of strings",
    ),
    "config.entities_unknown_entity_type": (
        "{source}: entities: 不明な種類 {name!r}{hint}",
        "{source}: entities: unknown entity type {name!r}{hint}",
    ),
    "config.must_path": ("{source}: {key} はパスにしてください", "{source}: {key} must be a path"),
    "config.allowed_values_must_list": (
        "{source}: allowed_values はリストかリストの表にしてください",
        "{source}: allowed_values must be a list or a table of lists",
    ),
    "config.recognizers_cannot_load": (
        "{source}: recognizers: 読み込めません: {recognizers}: {reason}",
        "{source}: recognizers: cannot load {recognizers}: {reason}",
    ),
}
