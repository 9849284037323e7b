"""The `iso2022_jp_ms` codec: ISO-2022-JP as Windows mailers write it (CP50220/CP50221).

Outlook and other Windows mailers put CP932 characters such as ① and ㈱ (NEC row 13) and
half-width kana (ESC ( I) into ISO-2022-JP, which Python's iso2022 codecs reject. Two-byte
JIS maps to CP932 by arithmetic, so this codec converts to and from CP932 bytes.
"""

from __future__ import annotations

import codecs
import re

NAME = "iso2022_jp_ms"
_ESCAPE = re.compile(rb"(\x1b\$[@B]|\x1b\([BJI])")
_TWO_BYTE = (b"\x1b$@", b"\x1b$B")
_KANA = b"\x1b(I"
_KANA_BYTES = re.compile(rb"[\x21-\x5f]*")
_JIS_PAIRS = re.compile(rb"(?:[\x21-\x7e][\x21-\x7e])*")


def search(name: str) -> codecs.CodecInfo | None:
    """For codecs.register: this codec under its one name."""
    if name.lower().replace("-", "").replace("_", "") != "iso2022jpms":
        return None
    return codecs.CodecInfo(name=NAME, encode=encode, decode=decode)


def decode(data: bytes, errors: str = "strict") -> tuple[str, int]:
    """ISO-2022-JP-MS bytes -> text; always strict (a detector must not guess)."""
    raw = bytes(data)
    out = bytearray()
    mode = b"\x1b(B"
    for position, piece in _pieces(raw):
        if _ESCAPE.fullmatch(piece):
            mode = piece
        elif mode in _TWO_BYTE:
            if not _JIS_PAIRS.fullmatch(piece):
                raise UnicodeDecodeError(NAME, raw, position, position + len(piece), "not JIS")
            for i in range(0, len(piece), 2):
                out += _jis_to_sjis(piece[i], piece[i + 1])
        elif mode == _KANA:
            if not _KANA_BYTES.fullmatch(piece):
                raise UnicodeDecodeError(NAME, raw, position, position + len(piece), "not kana")
            out += bytes(b + 0x80 for b in piece)
        elif piece.isascii() and b"\x1b" not in piece:
            out += piece
        else:  # an 8-bit byte, or an escape sequence cut or unknown
            raise UnicodeDecodeError(NAME, raw, position, position + len(piece), "not ASCII")
    return out.decode("cp932"), len(raw)


def encode(text: str, errors: str = "strict") -> tuple[bytes, int]:
    """Text -> ISO-2022-JP-MS bytes (ASCII, JIS two-byte, ESC ( I kana), ending in ASCII."""
    out = bytearray()
    mode = b"\x1b(B"
    for char in text:
        sjis = char.encode("cp932")
        if len(sjis) == 1 and sjis[0] < 0x80:
            wanted, body = b"\x1b(B", sjis
        elif len(sjis) == 1:
            wanted, body = _KANA, bytes([sjis[0] - 0x80])
        else:
            wanted, body = b"\x1b$B", _sjis_to_jis(char, sjis[0], sjis[1])
        if wanted != mode:
            out += wanted
            mode = wanted
        out += body
    if mode != b"\x1b(B":
        out += b"\x1b(B"
    return bytes(out), len(text)


def _pieces(raw: bytes) -> list[tuple[int, bytes]]:
    pieces, position = [], 0
    for piece in _ESCAPE.split(raw):
        if piece:
            pieces.append((position, piece))
        position += len(piece)
    return pieces


def _jis_to_sjis(j1: int, j2: int) -> bytes:
    s1 = (j1 + 1) // 2 + 0x70
    if s1 >= 0xA0:
        s1 += 0x40
    s2 = (j2 + 0x1F + (j2 >= 0x60)) if j1 % 2 else j2 + 0x7E
    return bytes((s1, s2))


def _sjis_to_jis(char: str, s1: int, s2: int) -> bytes:
    if s1 >= 0xE0:
        s1 -= 0x40
    j1 = (s1 - 0x70) * 2
    if s2 >= 0x9F:
        j2 = s2 - 0x7E
    else:
        j1 -= 1
        j2 = s2 - 0x1F - (1 if s2 >= 0x80 else 0)
    if not (0x21 <= j1 <= 0x7E and 0x21 <= j2 <= 0x7E):
        raise UnicodeEncodeError(NAME, char, 0, 1, "no JIS code (IBM extension)")
    return bytes((j1, j2))
