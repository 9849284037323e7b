"""Encoding detection on real files written in each Japanese encoding."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from scanner.sources.degrade import Decoded, decode_lenient
from scanner.sources.encoding import decode
from scanner.sources.model import SourceError

LETTER = "山田太郎様\nご住所：東京都千代田区霞が関1-2-3\n電話 03-1234-5678 です。\n"
HALFWIDTH_NAMES = "ﾔﾏﾀﾞ ﾀﾛｳ,ｽｽﾞｷ ﾊﾅｺ\nｲﾄｳ ﾀﾞｲｽｹ,ﾜﾀﾅﾍﾞ ｹﾝ\n"
KANJI_ONLY = "渡辺 慎之介\n高橋 優\n宇都宮市\n北海道札幌市中央区\n"


def _roundtrip(tmp_path: Path, text: str, codec: str) -> tuple[str, str]:
    path = tmp_path / f"sample.{codec}.txt"
    with open(path, "w", encoding=codec, newline="") as f:
        f.write(text)
    return decode(path.read_bytes())


@pytest.mark.parametrize(
    ("codec", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("cp932", "cp932"),
        ("euc_jp", "euc_jp"),
        ("iso2022_jp", "iso2022_jp"),
        ("utf-16", "utf-16"),
        ("utf-16-le", "utf-16"),
        ("utf-16-be", "utf-16"),
    ],
)
@pytest.mark.parametrize("text", [LETTER, KANJI_ONLY])
def test_each_encoding_is_detected(tmp_path: Path, codec: str, expected: str, text: str) -> None:
    if codec.startswith("utf-16-") and text is KANJI_ONLY:
        text = "ID: 7\n" + text  # BOM-less UTF-16 is recognised by its ASCII NUL bytes
    assert _roundtrip(tmp_path, text, codec) == (text, expected)


@pytest.mark.parametrize("codec", ["cp932", "euc_jp"])
def test_halfwidth_katakana_only(tmp_path: Path, codec: str) -> None:
    assert _roundtrip(tmp_path, HALFWIDTH_NAMES, codec) == (HALFWIDTH_NAMES, codec)


def test_cp932_extensions_and_bom(tmp_path: Path) -> None:
    text = "髙橋 ① ～ ∑"  # NEC/IBM extensions only CP932 has
    assert _roundtrip(tmp_path, text, "cp932") == (text, "cp932")
    data = codecs.BOM_UTF8 + "ｱｲｳ".encode()
    assert decode(data) == ("ｱｲｳ", "utf-8-sig")


def test_iso2022_jp_with_halfwidth_kana_escape() -> None:
    data = "ﾃｽﾄ 山田".encode("iso2022_jp_ext")
    assert decode(data) == ("ﾃｽﾄ 山田", "iso2022_jp_ext")


def test_binary_is_refused() -> None:
    with pytest.raises(SourceError, match="NUL bytes"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01")
    with pytest.raises(SourceError, match="control bytes"):
        decode(bytes(range(1, 32)) * 10)


def test_invalid_bom_content_is_an_error() -> None:
    with pytest.raises(SourceError, match="invalid utf-8-sig"):
        decode(codecs.BOM_UTF8 + b"\xff\xfe\xfd")


def test_empty_file_is_utf8() -> None:
    assert decode(b"") == ("", "utf-8")


def test_windows_iso2022_jp_with_nec_characters() -> None:
    # As Outlook writes "㈱山田商事 ① ﾃｽﾄ": NEC row 13 and ESC ( I inside ISO-2022-JP.
    data = b"\x1b$B-j;3ED>&;v\x1b(B \x1b$B-!\x1b(B \x1b(IC=D\x1b(B\r\n"
    assert decode(data) == ("㈱山田商事 ① ﾃｽﾄ\r\n", "iso2022_jp_ms")


def test_iso2022_jp_ms_codec_round_trips_every_cp932_double_byte_character() -> None:
    chars = []
    for lead in [*range(0x81, 0xA0), *range(0xE0, 0xF0)]:
        for trail in [*range(0x40, 0x7F), *range(0x80, 0xFD)]:
            try:
                chars.append(bytes((lead, trail)).decode("cp932"))
            except UnicodeDecodeError:
                continue
    text = "".join(chars) + " ｱｲｳ abc"
    assert len(chars) == 7336
    assert text.encode("ISO-2022-JP-MS").decode("iso2022_jp_ms") == text
    with pytest.raises(UnicodeDecodeError):
        b"\x1b$B\x80\x80\x1b(B".decode("iso2022_jp_ms")


# Text of foreign staff and customers, as tools write it: UTF-16 without a BOM (SQL Server
# `bcp -w`, .NET's Encoding.Unicode); none of it is in CP932.
FOREIGN = {
    "korean": "김민준 전화 010-1234-5678\n메일 minjun@example.kr 서울특별시 강남구\n",
    "chinese": "张伟 电话 +86 138 0013 8000\n邮箱 zhangwei@example.cn 北京市海淀区\n",
    "vietnamese": "Nguyễn Văn An, điện thoại 090-1234-5678\nthư: an.nguyen@example.vn\n",
    "russian": "Иван Петров, тел. +7 495 123-45-67\nпочта: ivan@example.ru\n",
}


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", FOREIGN.values(), ids=FOREIGN)
def test_bomless_utf16_in_other_languages_is_text(codec: str, text: str) -> None:
    """Was "binary (NUL bytes)": skipped, and the scan said no personal data found."""
    data = text.encode(codec)
    assert decode(data) == (text, "utf-16")
    assert decode_lenient(data) == Decoded(text, "utf-16", 0)

