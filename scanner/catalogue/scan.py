"""Messages of `mamoru scan` (see scanner/catalogue/__init__.py)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "scan.no_such_path": (
        "mamoru: 走査できません: {path}: ファイルまたはディレクトリがありません",
        "mamoru: cannot scan {path}: No such file or directory",
    ),
    "scan.masked_copies": (
        "マスク済みコピー {masked_copies} 件（mamoru mask "
        "のマニフェストと内容が一致、スキップ）",
        "{masked_copies} masked copies (content as written by mamoru mask, per its "
        "manifest; skipped)",
    ),
}
