"""Decoding that degrades instead of giving up: a text file with a few bad bytes (a stray
0xFF or NUL, a CP932 or Latin-1 line inside UTF-8, a log cut mid-character, random
damage in UTF-16, a cut or stray escape sequence in ISO-2022-JP) is still read, line by
line, each line in the encoding that reads it best, bad bytes replaced by U+FFFD and
counted.

Only what is not text at all (many control or NUL bytes, or mostly undecodable) raises
`SourceError`. Lines are split on the encoding's newline, which no multi-byte character
of these encodings contains, so line numbers stay those of the file.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from scanner.sources.encoding import (
    _BOMS,
    PLAUSIBLE_UTF16,
    _control_share,
    decode,
    guess_encoding,
    japanese_score,
)
from scanner.sources.iso2022lenient import decode_iso2022, looks_like_iso2022
from scanner.sources.model import SourceError
from scanner.sources.utf16lenient import decode_utf16_lines, not_ordinary

_SAMPLE = 1 << 16
_LINE_CODECS = ("utf-8", "cp932", "euc_jp")
_MAX_NUL_SHARE = 0.005  # NULs in text that is not UTF-16: a few stray ones at most
_MAX_STRAY_NULS = 8
_MAX_CONTROL_SHARE = 0.05
_MAX_BAD_SHARE = 0.10  # more undecodable bytes than this: not text
_MAX_DAMAGE_SHARE = 0.02  # more than this: ask charset-normalizer for another encoding
_UTF16_MIN_NUL_SIDE = 0.20  # share of pairs with a NUL on one side, for UTF-16 without BOM
_UTF16_MAX_NUL_OTHER_SIDE = 0.25  # damage shifts the pairs of a few lines at most
_UTF16_MIN_PLAUSIBLE = 0.80
_ERRORS = "mamoru-count"
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Replacement characters, C1 controls and private-use characters (CP932 reads stray 0x80
# and 0xA0 as C1 controls, 0xFD-0xFF as private use): signs of a wrong reading, counted
# on top of `japanese_score`'s penalty for any unusual character.
_ODD = re.compile(r"[\ufffd\x80-\x9f\ue000-\uf8ff]")


class _Counter:
    bad = 0


def _count_and_replace(exc: UnicodeDecodeError) -> tuple[str, int]:
    _Counter.bad += exc.end - exc.start
    return "\ufffd", exc.end


codecs.register_error(_ERRORS, _count_and_replace)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # the main encoding ("utf-8+cp932" when lines needed several)
    bad_bytes: int = 0  # bytes that could not be decoded (each line's best reading)


def decode_lenient(data: bytes) -> Decoded:
    """The text of a file that is mostly text; SourceError when it is not text at all."""
    sample = data[:_SAMPLE]
    try:
        text, encoding = decode(data, guess=False)
        if encoding == "utf-16":  # an odd number of bytes lost or added still decodes
            return _checked(_utf16_lines(*_utf16_body(data)), data)
        if encoding not in _LINE_CODECS or not (
                _damaged_utf8(data) or looks_like_iso2022(sample)):
            return Decoded(text, encoding)
    except SourceError:
        pass
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _checked(_utf16_lines(data[len(bom):], bom) if "16" in name
                            else _replaced(data[len(bom):], name.replace("-sig", "")), data)
    utf16 = _utf16_order(sample)
    if utf16 is not None:
        return _checked(_utf16_lines(data, utf16), data, plausible=True)
    if sample.count(0) > max(_MAX_STRAY_NULS, len(sample) * _MAX_NUL_SHARE):
        raise SourceError("NUL bytes")
    if _control_share(sample) > _MAX_CONTROL_SHARE:
        raise SourceError("control bytes")
    if looks_like_iso2022(sample):  # stateful: damage is resynced at escapes and lines
        text, bad = decode_iso2022(data)
        return _checked(Decoded(text, "iso2022_jp", bad), data)
    mixed = _mixed_lines(data)
    if mixed.bad_bytes > len(data) * _MAX_DAMAGE_SHARE:  # another encoding altogether?
        guessed = guess_encoding(data)
        if guessed is not None:
            return Decoded(*guessed)
    return _checked(mixed, data)


def _damaged_utf8(data: bytes) -> bool:
    """UTF-8 with a few bad bytes (a log cut mid-character), which a strict CP932 or
    EUC-JP decode may also accept, as mojibake."""
    sample = data[:_SAMPLE]
    _Counter.bad = 0
    # a character cut by the sample's end is not damage (the file's own end may be)
    final = len(data) <= _SAMPLE
    text = codecs.getincrementaldecoder("utf-8")(_ERRORS).decode(sample, final=final)
    if not _Counter.bad or _Counter.bad > max(4, len(sample) // 1000):
        return False
    return len(_NON_ASCII.findall(text)) - text.count("\ufffd") >= 2 * _Counter.bad


def _checked(decoded: Decoded, data: bytes, plausible: bool = False) -> Decoded:
    if decoded.bad_bytes > len(data) * _MAX_BAD_SHARE:
        raise SourceError(f"not text: {decoded.bad_bytes} of {len(data)} bytes undecodable")
    if plausible:
        head = decoded.text[:_SAMPLE // 2]
        if len(PLAUSIBLE_UTF16.findall(head)) < len(head) * _UTF16_MIN_PLAUSIBLE:
            raise SourceError("NUL bytes")
    return decoded


def _replaced(data: bytes, name: str) -> Decoded:
    _Counter.bad = 0
    text = data.decode(name, _ERRORS)
    return Decoded(text, name, _Counter.bad)


def _utf16_order(sample: bytes) -> bytes | None:
    """The BOM of the byte order when, line by line, NULs sit on one side of most pairs
    (ASCII in UTF-16); None otherwise. Counted per line, since damage that adds an odd
    number of bytes shifts the pairs of everything after it. Lines that end in ASCII
    fit the other order too (its newline is their last NUL and the 0x0A), sometimes
    better when damage shifts a line: so the order is the one that reads as more
    plausible text, and the one whose NULs fit when both read alike."""
    fits = []
    for bom, newline, side in ((codecs.BOM_UTF16_LE, b"\n\x00", 1),
                               (codecs.BOM_UTF16_BE, b"\x00\n", 0)):
        expected = other = 0
        for line in sample.split(newline):
            expected += line[side::2].count(0)
            other += line[1 - side::2].count(0)
        if expected >= len(sample) // 2 * _UTF16_MIN_NUL_SIDE and other <= expected * (
                _UTF16_MAX_NUL_OTHER_SIDE):
            fits.append(bom)
    if not fits:
        return None
    return min((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE),
               key=lambda bom: (*_oddness(sample, bom), bom not in fits))


def _oddness(sample: bytes, bom: bytes) -> tuple[int, int]:
    """(characters text seldom holds, characters outside CP932 and Latin-1) of the
    line-by-line reading in that byte order, U+FFFD counted in both. Korean, Chinese or
    Russian read in their own order have none of the first kind; in the other order
    about half of them are."""
    text = decode_utf16_lines(sample, little_endian=bom == codecs.BOM_UTF16_LE)[0]
    return len(text) - len(PLAUSIBLE_UTF16.findall(text)), not_ordinary(text)


def _utf16_body(data: bytes) -> tuple[bytes, bytes]:
    """(bytes after the BOM, the byte order's BOM) of UTF-16 text."""
    for bom in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if data.startswith(bom):
            return data[len(bom):], bom
    return data, _utf16_order(data[:_SAMPLE]) or codecs.BOM_UTF16_LE


def _utf16_lines(data: bytes, bom: bytes) -> Decoded:
    """UTF-16 read line by line through damage (see `utf16lenient`)."""
    text, bad = decode_utf16_lines(data, little_endian=bom == codecs.BOM_UTF16_LE)
    return Decoded(text, "utf-16", bad)


def _mixed_lines(data: bytes) -> Decoded:
    """Each line in the encoding that reads it best; undecodable bytes replaced."""
    lines = data.split(b"\n")
    out: list[str] = []
    used: dict[str, int] = {}
    bad = 0
    for line in lines:
        if line.isascii():
            out.append(line.decode("ascii"))
            continue
        text, name, line_bad = _best_line(line)
        out.append(text)
        used[name] = used.get(name, 0) + 1
        bad += line_bad
    names = sorted(used, key=lambda n: (-used[n], _LINE_CODECS.index(n)))
    return Decoded("\n".join(out), "+".join(names) or "ascii", bad)


def _best_line(line: bytes) -> tuple[str, str, int]:
    """(text, encoding, bad bytes): a strict UTF-8 reading when there is one; else the
    strict or replaced reading that looks most like Japanese."""
    try:
        return line.decode("utf-8"), "utf-8", 0
    except UnicodeDecodeError:
        pass
    best: tuple[float, int, str, str, int] | None = None
    for rank, name in enumerate(_LINE_CODECS):
        _Counter.bad = 0
        text = line.decode(name, _ERRORS)
        score = japanese_score(text) - len(_ODD.findall(text))
        key = (score, -rank, text, name, _Counter.bad)
        if best is None or key[:2] > best[:2]:
            best = key
    assert best is not None
    return best[2], best[3], best[4]
