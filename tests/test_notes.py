"""Why files were skipped or refused, in the user's language: the notes the readers
store in English are shown in Japanese under `--lang ja` (inventory --problems, scan's
error lines, mask refusals), and the English stays as stored."""

from __future__ import annotations

import pytest
from support.cli import english_sentences, run_cli

from scanner.explain import kind_both, note_text
from scanner.i18n import Lang
from scanner.sources import formats

JA, EN = Lang("ja"), Lang("en")
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


@pytest.fixture(autouse=True)
def _key(monkeypatch):
    monkeypatch.setenv("MAMORU_KEY", "test-key")


def test_every_binary_kind_the_sniffer_names_has_a_japanese_name():
    kinds = [kind for _, kind in formats._BINARY_MAGIC]
    untranslated = [k for k in kinds if kind_both(k).ja == k]
    assert untranslated == []


@pytest.mark.parametrize(("note", "japanese"), [
    ("binary (JPEG image): no extractor", "バイナリ（JPEG 画像）：読み取る手段がありません"),
    ("a/b.zip: zip bomb: expands past 100 bytes",
     "a/b.zip: zip 爆弾：展開すると 100 バイトを超えます"),
    ("big.log: too big: 5000 bytes (limit 1000)",
     "big.log: 大きすぎます：5000 バイト（上限 1000）"),
    ("x.pdf: timed out: reading took longer than 2 s (worker stopped)",
     "x.pdf: 時間切れ：読み取りが 2 秒を超えました（ワーカーを停止）"),
    ("secret.txt: Permission denied", "secret.txt: アクセス権がありません"),
    ("masked copy (mamoru mask 2026-12-06T10:00:00Z, profile dev, key id 1a2b)",
     "マスク済みコピー（mamoru mask 2026-12-06T10:00:00Z、プロファイル dev、鍵 ID 1a2b）"),
    ("corrupt zip: File is not a zip file", "壊れた zip：File is not a zip file"),
    ("binary (control bytes): no extractor",
     "バイナリ（制御文字を含む内容）：読み取る手段がありません"),
    ("binary (NUL bytes): no extractor",
     "バイナリ（NUL 文字を含む内容）：読み取る手段がありません"),
    ("binary (encrypted or legacy Office document): no extractor",
     "バイナリ（暗号化された、または旧形式の Office 文書）：読み取る手段がありません"),
    ("a.pdf: unreadable pdf: corrupt or unsupported PDF: Stream has ended unexpectedly",
     "a.pdf: pdf として読めません：壊れているか未対応の PDF：Stream has ended unexpectedly"),
    ("unreadable pdf: encrypted PDF (password needed)",
     "pdf として読めません：暗号化された PDF（パスワードが必要）"),
])
def test_notes_in_japanese_and_unchanged_in_english(note, japanese):
    assert note_text(note, JA) == japanese
    assert note_text(note, EN) == note


def test_a_note_the_catalogue_does_not_know_stays_as_it_is():
    # the planted failure for the walk below: an unknown note is shown raw, and the
    # English-sentence check sees it
    note = "something new went wrong here"
    assert note_text(note, JA) == note
    assert english_sentences(note) == [note]


def test_inventory_problems_and_scan_errors_in_japanese(tmp_path, capsys):
    share = tmp_path / "share"
    share.mkdir()
    (share / "photo.png").write_bytes(PNG)
    (share / "big.log").write_text("x" * 5000, encoding="utf-8")
    inv = str(tmp_path / "inv.sqlite")
    code, _, _ = run_cli(capsys, "--lang", "ja", "scan", str(share), "--inventory", inv,
                         "--max-file-size", "1000")
    assert code == 0
    code, out, _ = run_cli(capsys, "--lang", "ja", "inventory", "--inventory", inv,
                           "--problems")
    assert "バイナリ（PNG 画像）：読み取る手段がありません" in out
    assert "1000 バイトより大きいファイル" in out
    assert english_sentences(out) == []
    _, out, _ = run_cli(capsys, "--lang", "en", "inventory", "--inventory", inv, "--problems")
    assert "binary (PNG image): no extractor" in out
    assert "larger than 1000 bytes" in out


def test_mask_refusal_names_the_kind_in_japanese(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "photo.png").write_bytes(PNG)
    (src / "memo.txt").write_text("特記事項なし\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "--lang", "ja", "mask", str(src), "--out",
                           str(tmp_path / "out-ja"))
    assert code == 1
    assert "PNG 画像: この形式はマスクできません" in err
    assert english_sentences(err) == []
    code, _, err = run_cli(capsys, "--lang", "en", "mask", str(src), "--out",
                           str(tmp_path / "out-en"))
    assert code == 1 and "PNG image: cannot be masked" in err
