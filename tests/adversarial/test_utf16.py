"""Damaged UTF-16, one kind of damage at a time: exact text, exact line numbers, and
the bytes counted as undecodable."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from scanner.sources.degrade import decode_lenient

from .conftest import phones_found

LINES = ("山田太郎 090-1111-2222\n", "佐藤花子 080-3333-4444\n", "鈴木一郎 070-5555-6666\n")
BOMS = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}


def _file(codec: str, place: int, junk: bytes, bom: bool = True) -> bytes:
    """The three lines with junk inserted at a byte of the text (after the BOM)."""
    data = "".join(LINES).encode(codec)
    return (BOMS[codec] if bom else b"") + data[:place] + junk + data[place:]


@pytest.mark.parametrize("codec", BOMS)
def test_an_odd_splice_costs_only_the_characters_it_hits(codec: str) -> None:
    damaged = _file(codec, 4, b"\x01")  # after 山田: every pair after it is shifted
    decoded = decode_lenient(damaged)
    assert decoded.text == "山田\ufffd太郎 090-1111-2222\n" + "".join(LINES[1:])
    assert decoded.bad_bytes == 1
    # the planted failure: read from the line's start, the rest of the line is lost
    assert "090-1111-2222" not in damaged[len(BOMS[codec]):].decode(codec, "replace")


@pytest.mark.parametrize("codec", BOMS)
@pytest.mark.parametrize("junk", [b"\x01\x02\x03", b"\x01\x02"])
def test_a_splice_inside_a_newline_keeps_the_lines_apart(
        tmp_path: Path, scan, codec: str, junk: bytes) -> None:
    newline_half = len(LINES[0].encode(codec)) - 1  # between the newline's two bytes
    damaged = _file(codec, newline_half, junk)
    assert damaged.count("\n".encode(codec)) == 2  # the planted failure: a newline is gone
    decoded = decode_lenient(damaged)
    assert decoded.text == LINES[0].rstrip("\n") + "\ufffd\n" + "".join(LINES[1:])
    assert decoded.bad_bytes == len(junk)
    path = tmp_path / "share" / "records.txt"
    path.parent.mkdir()
    path.write_bytes(damaged)
    code, rows, _, _ = scan(str(path.parent))
    assert code == 1
    assert [(r["location"]["line"], r["location"]["column"], r["preview"][-4:])
            for r in phones_found(rows)] == [(1, 6, "2222"), (2, 6, "4444"), (3, 6, "6666")]


def test_text_just_before_damage_never_ends_a_line() -> None:
    """上 is 0x0A 0x4E in little-endian: its first byte is the newline's first half, and
    ASCII after the damage gives a 0x00 that could be the second."""
    data = "以上123\n".encode("utf-16-le")
    decoded = decode_lenient(BOMS["utf-16-le"] + data[:4] + b"\x01" + data[4:])
    assert decoded.text == "以上\ufffd123\n"


def test_uncommon_characters_of_a_clean_file_are_kept() -> None:
    text = "以上 090-1111-2222 Zoë 😀 〜 ①\n"
    for codec in ("utf-16", "utf-16-le", "utf-16-be"):
        decoded = decode_lenient(text.encode(codec))
        assert (decoded.text, decoded.bad_bytes) == (text, 0)


@pytest.mark.parametrize("codec", BOMS)
def test_byte_order_without_a_bom_when_lines_end_in_ascii(codec: str) -> None:
    """Lines ending in a digit hold the other order's newline (the digit's 0x00, then
    0x0A): counting NULs per line fits both orders, the text read decides."""
    damaged = _file(codec, 4, b"\x01\x02\x03", bom=False)
    decoded = decode_lenient(damaged)
    assert decoded.text == "山田\ufffd太郎 090-1111-2222\n" + "".join(LINES[1:])
