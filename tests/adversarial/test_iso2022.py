"""Damaged ISO-2022-JP (the stateful encoding of Japanese mail and old Unix files): each
kind of damage costs the characters up to the next escape sequence or line end only."""

from __future__ import annotations

import pytest

from scanner.sources.degrade import decode_lenient
from scanner.sources.encoding import decode
from scanner.sources.model import SourceError

LINES = ["山田太郎様 電話 090-1111-2222 東京都千代田区丸の内1丁目",
         "佐藤花子様 電話 080-3333-4444 大阪府大阪市北区梅田2丁目",
         "鈴木一郎様 電話 070-5555-6666 ﾌﾘｶﾞﾅ ｽｽﾞｷｲﾁﾛｳ"]
ESC = b"\x1b"


def _file() -> bytes:
    return "\n".join(LINES).encode("iso2022_jp_ms") + b"\n"


def _second_line(data: bytes) -> tuple[int, int]:
    start = data.index(b"\n") + 1
    return start, data.index(b"\n", start)


def _edit(how: str) -> bytes:
    """The file with one kind of damage in its second line."""
    data = _file()
    start, end = _second_line(data)
    line = data[start:end]
    return data[:start] + {
        "cut escape": line.replace(b"\x1b$B", b"\x1b$", 1),
        "escape without ESC": line.replace(b"\x1b$B", b"$B", 1),
        "stray ESC": line[:4] + ESC + line[4:],
        "no return to ASCII": line.replace(b"\x1b(B", b"", 1),
        "8-bit byte": line[:6] + b"\xff" + line[6:],
        "odd byte in a kanji run": line[:5] + b"A" + line[5:],
        "line cut short": line[:7],
    }[how] + data[end:]


F = "\ufffd"
REST = " 電話 080-3333-4444 大阪府大阪市北区梅田2丁目"


@pytest.mark.parametrize("how, second, bad, strict_loses_the_file", [
    ("cut escape", f"{F}$:4F#2V;RMM{REST}", 1, True),
    ("stray ESC", f"{F}{F}監２峪厖{F}{REST}", 3, True),
    ("no return to ASCII", f"佐藤花子様{REST}", 0, True),  # a space ends a kanji run
    ("8-bit byte", f"佐{F}{F}２峪厖{F}{REST}", 3, True),
    ("odd byte in a kanji run", f"佐粗２峪厖{F}{REST}", 1, True),
    # what a strict decode reads as well: the lenient one must not do worse
    ("escape without ESC", f"$B:4F#2V;RMM{REST}", 0, False),
    ("line cut short", "佐藤", 0, False),
])
def test_damage_stays_in_its_run(how: str, second: str, bad: int,
                                 strict_loses_the_file: bool) -> None:
    """Exact text: the first and third lines whole, the second damaged only up to the
    next escape sequence (a misaligned kanji run reads as other kanji until then)."""
    data = _edit(how)
    decoded = decode_lenient(data)
    assert decoded.text.split("\n") == [LINES[0], second, LINES[2], ""]
    assert decoded.bad_bytes == bad
    # the planted failure: a strict decode (as before) refuses the file, or reads it in
    # another encoding, and every kanji of every line is lost
    try:
        text, _ = decode(data)
    except SourceError:
        text = ""
    assert (LINES[0] not in text and LINES[2] not in text) == strict_loses_the_file
