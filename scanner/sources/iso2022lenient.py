"""ISO-2022-JP read through damage: a cut or stray escape sequence, a lost return to ASCII,
8-bit bytes or random bytes cost the characters up to the next escape sequence or the
end of the line, never the rest of the file.

ISO-2022-JP is stateful: the escape sequences choose how the bytes after them read, so a
strict decode fails on the first damaged escape, and reading the bytes as ASCII leaves
every kanji as letters. Here the state is rebuilt at every escape sequence and at every
line end (where the standard returns to ASCII); each run of two-byte characters is
decoded by Python's codecs (NEC and IBM rows through `iso2022_jp_ms`), pair by pair when
the run is damaged, and what cannot be decoded is replaced and counted.
"""

from __future__ import annotations

import re

from scanner.sources import iso2022ms

# Escape sequence -> the codec that reads the run after it (None: ASCII, "kana": JIS X 0201).
_SETS: dict[bytes, str | None] = {
    b"\x1b(B": None, b"\x1b(J": None,
    b"\x1b(I": "kana",
    b"\x1b$@": iso2022ms.NAME, b"\x1b$B": iso2022ms.NAME,
    b"\x1b$(D": "iso2022_jp_2",
    b"\x1b$(O": "iso2022_jp_3", b"\x1b$(Q": "iso2022_jp_3",
}
_ESCAPE = re.compile(b"|".join(re.escape(e) for e in sorted(_SETS, key=len, reverse=True)))
_PAIRS = re.compile(rb"[\x21-\x7e]{2}")
_KANA = re.compile(rb"[\x21-\x5f]")
_MIN_ESCAPES = 2
_MAX_EIGHT_BIT_SHARE = 0.05


def looks_like_iso2022(sample: bytes) -> bool:
    """Escape sequences of ISO-2022-JP, and mostly 7-bit bytes (damage aside)."""
    if len(_ESCAPE.findall(sample)) < _MIN_ESCAPES:
        return False
    eight_bit = len(sample) - len(sample.translate(None, bytes(range(0x80, 0x100))))
    return eight_bit <= len(sample) * _MAX_EIGHT_BIT_SHARE


def decode_iso2022(data: bytes) -> tuple[str, int]:
    """(text, bytes that could not be decoded), line by line."""
    out: list[str] = []
    bad = 0
    for line in data.split(b"\n"):
        text, line_bad = _line(line)
        out.append(text)
        bad += line_bad
    return "\n".join(out), bad


def _line(line: bytes) -> tuple[str, int]:
    parts: list[str] = []
    bad = 0
    escape = b"\x1b(B"
    pos = 0
    for match in _ESCAPE.finditer(line):
        text, run_bad = _run(line[pos:match.start()], escape)
        parts.append(text)
        bad += run_bad
        escape, pos = match.group(), match.end()
    text, run_bad = _run(line[pos:], escape)
    parts.append(text)
    return "".join(parts), bad + run_bad


def _run(run: bytes, escape: bytes) -> tuple[str, int]:
    """One run of bytes after one escape sequence; a stray ESC or an 8-bit byte is bad."""
    codec = _SETS[escape]
    if codec is None:
        text = "".join(chr(b) if b < 0x80 and b != 0x1B else "\ufffd" for b in run)
        return text, text.count("\ufffd")
    if codec != "kana":
        try:  # the usual case: the whole run reads
            return (escape + run + b"\x1b(B").decode(codec), 0
        except UnicodeDecodeError:
            pass
    out: list[str] = []
    bad = pos = 0
    while pos < len(run):
        unit = (_KANA if codec == "kana" else _PAIRS).match(run, pos)
        if unit is None:
            byte = run[pos]
            if byte in b" \t\r":  # cannot be in a two-byte run: the return to ASCII was lost
                text, run_bad = _run(run[pos:], b"\x1b(B")
                return "".join(out) + text, bad + run_bad
            out.append("\ufffd")
            bad, pos = bad + 1, pos + 1
            continue
        char = _char(unit.group(), codec, escape)
        if char is None:
            out.append("\ufffd")
            bad += len(unit.group())
        else:
            out.append(char)
        pos = unit.end()
    return "".join(out), bad


def _char(unit: bytes, codec: str, escape: bytes) -> str | None:
    if codec == "kana":
        return chr(0xFF61 + unit[0] - 0x21)
    try:
        return (escape + unit + b"\x1b(B").decode(codec)
    except UnicodeDecodeError:
        return None
