"""UTF-16 read through damage: bytes lost or added cost the damaged line only, and every
other line keeps its number and columns.

Lines are split at the newline's byte pair wherever it falls, so a shift of the byte
pairs (an odd number of bytes lost or added) ends at the next line. Inside a damaged
line the text is read pair by pair while it is ordinary; at the damage, reading resumes
where ordinary text starts again, in whichever of the two byte alignments it has; the
damage between becomes one U+FFFD and its bytes are counted. A splice inside the
newline itself (0x0A, junk, 0x00 in little-endian) would join two lines: it is
recognised by the newline's two halves on either side of the damage, and the line is
split there again.

Damage is told from text by "ordinary" characters: those of CP932 (JIS X 0208 with the
NEC and IBM rows), Latin-1 and a few Unicode forms of Japanese punctuation. A random
byte pair lands outside them nine times in ten.
"""

from __future__ import annotations

import contextlib
import re
import sys
from array import array
from functools import cache

# Unicode forms of CP932 punctuation that UTF-16 files often hold instead.
_VARIANTS = "\u00a2\u00a3\u00ac\u2014\u2016\u2212\u301c"
_PRIVATE_USE = range(0xE000, 0xF900)
# Ordinary characters in a row that mark text again after damage (random pairs: 1 in 10^4).
_RESUME_RUN = 4
# Characters the newline's 0x00 half may have made ordinary with the junk beside it
# (0x00 and a junk byte read as Latin-1 three times in four).
_LOOSE_HALF_WINDOW = 3


@cache
def _ordinary() -> bytes:
    """One flag per UTF-16 code unit: 1 for an ordinary character."""
    flags = bytearray(0x10000)
    for code in (0x09, 0x0A, 0x0D, *range(0x20, 0x7F), *range(0xA0, 0x100), *map(ord, _VARIANTS)):
        flags[code] = 1
    for code in range(0x100, 0x10000):
        if 0xD800 <= code < 0xE000 or code in _PRIVATE_USE:
            continue
        with contextlib.suppress(UnicodeEncodeError):
            chr(code).encode("cp932")
            flags[code] = 1
    return bytes(flags)


@cache
def _not_ordinary() -> re.Pattern[str]:
    """Any character outside the ordinary ones (characters beyond the BMP included)."""
    flags, ranges, start = _ordinary(), [], None
    for code in range(0x10001):
        on = code < 0x10000 and flags[code]
        if on and start is None:
            start = code
        elif not on and start is not None:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(code - 1))}")
            start = None
    return re.compile(f"[^{''.join(ranges)}]")


def decode_utf16_lines(data: bytes, little_endian: bool) -> tuple[str, int]:
    """(text, bytes that could not be read) of UTF-16 without its BOM."""
    name, newline = ("utf-16-le", b"\n\x00") if little_endian else ("utf-16-be", b"\x00\n")
    whole = _pairwise(data, name)
    if whole is not None and _not_ordinary().search(whole) is None:
        return whole, 0  # no damage: the newline pairs are the text's newlines
    lines: list[str] = []
    bad = pos = 0
    while True:
        end = data.find(newline, pos)
        text, line_bad = _line(data[pos:] if end == -1 else data[pos:end], name, newline)
        lines.append(text)
        bad += line_bad
        if end == -1:
            return "\n".join(lines), bad
        pos = end + 2


def not_ordinary(text: str) -> int:
    """How many characters of `text` are outside the ordinary ones (U+FFFD included)."""
    return len(_not_ordinary().findall(text))


def _line(chunk: bytes, name: str, newline: bytes) -> tuple[str, int]:
    """(text, bad bytes) of one line's bytes (its newline excluded); the text holds a
    newline of its own when the bytes were two lines joined by a broken newline."""
    text = _pairwise(chunk, name)
    if text is not None and (b"\n" not in chunk or _not_ordinary().search(text) is None):
        return text, 0  # every pair in place, and no half of a newline: no damage seen
    flags = _ordinary_flags(chunk, name == "utf-16-le")
    pieces: list[str] = []
    bad = pos = 0
    joined = False
    while pos < len(chunk):
        head = _run_end(flags, pos)
        resume = _resume(flags, head + 1, len(chunk)) if head < len(chunk) else None
        if resume is None:  # ordinary to the end, or junk to the end
            pieces.append(chunk[pos:head].decode(name))
            if head < len(chunk):
                pieces.append("\ufffd")
                bad += len(chunk) - head
            break
        broken = _broken_newline(chunk, pos, head, resume, newline)
        if broken is not None:
            i, j = broken
            pieces += [chunk[pos:i].decode(name), "\ufffd\n"]
            bad += j - i - 2
            joined, pos = True, j
        else:
            pieces += [chunk[pos:head].decode(name), "\ufffd"]
            bad += resume - head
            pos = resume
    if text is not None and not joined:  # unusual characters, every pair in place
        return text, 0
    return "".join(pieces), bad


def _pairwise(data: bytes, name: str) -> str | None:
    """The bytes read pair by pair from the first, if they all decode so."""
    if len(data) % 2:
        return None
    try:
        return data.decode(name)
    except UnicodeDecodeError:
        return None


def _ordinary_flags(chunk: bytes, little_endian: bool) -> tuple[bytes, bytes]:
    """For each alignment (from byte 0, from byte 1): one flag per pair, 1 if ordinary."""
    table, swap = _ordinary(), little_endian != (sys.byteorder == "little")
    flags = []
    for start in (0, 1):
        units = array("H", chunk[start:start + ((len(chunk) - start) & ~1)])
        if swap:
            units.byteswap()
        flags.append(bytes(table[unit] for unit in units))
    return flags[0], flags[1]


def _run_end(flags: tuple[bytes, bytes], pos: int) -> int:
    """Where the ordinary pairs read from `pos` end (the size, less a stray byte)."""
    aligned = flags[pos % 2]
    unit = pos // 2
    while unit < len(aligned) and aligned[unit]:
        unit += 1
    return 2 * unit + pos % 2


def _resume(flags: tuple[bytes, bytes], start: int, size: int) -> int | None:
    """The first place from `start` where ordinary text starts again: a run of ordinary
    pairs in either alignment, long enough or reaching the end of the line."""
    for pos in range(start, size - 1):
        aligned, unit = flags[pos % 2], pos // 2
        run = aligned[unit:unit + _RESUME_RUN]
        if all(run) and (len(run) == _RESUME_RUN or (size - pos) % 2 == 0):
            return pos
    return None


def _broken_newline(chunk: bytes, pos: int, head: int, resume: int,
                    newline: bytes) -> tuple[int, int] | None:
    """(i, j) when junk was spliced inside a newline: its first half at i, its second at
    j - 1, ordinary text before i and from j.

    The half that is 0x0A must sit right at the damage, in a character that is not
    ordinary (0x0A and a junk byte make one seven times in eight): the ordinary ones
    it opens (上 is 0x0A 0x4E in little-endian) are text, and 上 just before damage
    must not end a line. The 0x00 half may be a few characters inside the damage (0x00
    and a junk byte read as Latin-1 three times in four); it is common in text, so it
    alone proves nothing.
    """
    first, second = newline
    if first == 0x0A:  # little-endian: 0x0A ends the text before, 0x00 opens the line after
        j = _second_half(chunk, head, resume, second)
        return (head, j) if chunk[head] == first and j is not None else None
    i = _first_half(chunk, pos, head, resume, first)
    return (i, resume) if chunk[resume - 1] == second and i is not None else None


def _second_half(chunk: bytes, i: int, resume: int, second: int) -> int | None:
    """Where the line after a broken newline starts: just after its 0x00 half."""
    last = min(resume + 2 * _LOOSE_HALF_WINDOW, len(chunk))
    for j in range(max(resume, i + 3), last + 1):
        if (j - resume) % 2 == 0 and chunk[j - 1] == second:
            return j
    return None


def _first_half(chunk: bytes, pos: int, head: int, j: int, first: int) -> int | None:
    """Where the line before a broken newline ends: at its 0x00 half."""
    i = min(head, j - 3)
    i -= (i - pos) % 2
    while i >= max(head - 2 * _LOOSE_HALF_WINDOW, pos):
        if chunk[i] == first:
            return i
        i -= 2
    return None
