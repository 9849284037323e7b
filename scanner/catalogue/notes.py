"""Why a file was skipped or could not be read (`inventory --problems`, scan errors,
mask refusals). The English text is the stored form, written by the readers;
`scanner.explain.note_text` shows a note that matches one of these in the user's
language. Fields are sizes, seconds and kind names, never content."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "note.no_extractor": ("バイナリ（{kind}）：読み取る手段がありません",
                          "binary ({kind}): no extractor"),
    "note.too_big": ("大きすぎます：{size} バイト（上限 {limit}）",
                     "too big: {size} bytes (limit {limit})"),
    "note.expands_past": ("大きすぎます：展開すると {cap} バイトを超えます",
                          "too big: expands past {cap} bytes"),
    "note.zip_bomb": ("zip 爆弾：展開すると {cap} バイトを超えます",
                      "zip bomb: expands past {cap} bytes"),
    "note.timed_out": ("時間切れ：読み取りが {seconds} 秒を超えました（ワーカーを停止）",
                       "timed out: reading took longer than {seconds} s (worker stopped)"),
    "note.worker_died": ("このファイルの読み取り中にワーカープロセスが終了しました",
                         "worker process died while reading this file"),
    "note.detection_failed": ("検出に失敗しました：{error}", "detection failed: {error}"),
    "note.larger_than": ("{size} バイトより大きいファイル", "larger than {size} bytes"),
    "note.not_regular": ("通常のファイルではありません", "not a regular file"),
    "note.symlink": ("シンボリックリンク", "symlink"),
    "note.masked_copy_manifest": ("マスク済みコピー：mamoru mask のマニフェスト",
                                  "masked copy: manifest of mamoru mask"),
    "note.masked_copy": (
        "マスク済みコピー（mamoru mask {created}、プロファイル {profile}、鍵 ID {key_id}）",
        "masked copy (mamoru mask {created}, profile {profile}, key id {key_id})"),
    "note.corrupt_zip": ("壊れた zip：{error}", "corrupt zip: {error}"),
    "note.corrupt_gzip": ("壊れた gzip：{error}", "corrupt gzip: {error}"),
    "note.corrupt_tar": ("壊れた tar：{error}", "corrupt tar: {error}"),
    "note.unreadable_member": ("読めないメンバー：{error}", "unreadable member: {error}"),
    "note.unreadable": ("{fmt} として読めません：{error}", "unreadable {fmt}: {error}"),
    # kinds of binary file, as scanner/sources/formats.py names them
    "note.kind.png": ("PNG 画像", "PNG image"),
    "note.kind.jpeg": ("JPEG 画像", "JPEG image"),
    "note.kind.gif": ("GIF 画像", "GIF image"),
    "note.kind.ole": ("OLE 文書（旧形式の Office）", "OLE document (legacy Office)"),
    "note.kind.elf": ("ELF 実行ファイル", "ELF executable"),
    "note.kind.exe": ("Windows 実行ファイル", "Windows executable"),
    "note.kind.7z": ("7-Zip アーカイブ", "7-Zip archive"),
    "note.kind.rar": ("RAR アーカイブ", "RAR archive"),
    "note.kind.bzip2": ("bzip2 データ", "bzip2 data"),
    "note.kind.xz": ("xz データ", "xz data"),
    "note.kind.sqlite": ("SQLite データベース", "SQLite database"),
}
