"""Detect the text encoding of a file: BOMs, strict decodes in order, then a fallback.

charset-normalizer is slow and unreliable on short Japanese text, so it only runs when
no strict decode of the usual Japanese encodings fits.
"""

from __future__ import annotations

import codecs
import re
from functools import cache

from scanner.sources import iso2022ms
from scanner.sources.model import SourceError

codecs.register(iso2022ms.search)

_SAMPLE = 1 << 16
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Escape sequences that switch ISO-2022-JP into a two-byte or kana set.
_ISO2022_ESCAPES = (b"\x1b$B", b"\x1b$@", b"\x1b(I", b"\x1b$(D")
_ISO2022_CODECS = ("iso2022_jp", "iso2022_jp_ext", iso2022ms.NAME, "iso2022_jp_2", "iso2022_jp_3")
# C0 controls that do not occur in text (tab, newlines, form feed, ESC and SUB excluded).
_CONTROL_BYTES = bytes([*range(1, 9), 0x0B, *range(0x0E, 0x1A), *range(0x1C, 0x20), 0x7F])
_MAX_CONTROL_SHARE = 0.05
# Characters of the text a Japanese company holds (Japanese, Chinese, Korean, Latin-script
# languages with their accents, Greek, Cyrillic); binary read as UTF-16 lands mostly
# elsewhere (controls, NUL pairs, the rest of the code space).
PLAUSIBLE_UTF16 = re.compile(
    r"[\t\n\r\x20-\x7e\u00a0-\u024f\u0370-\u04ff\u1100-\u11ff\u1e00-\u1eff"
    r"\u2000-\u206f\u3000-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3"
    r"\uff00-\uffef]"
)
_MIN_PLAUSIBLE_SHARE = 0.95

_HIRAGANA = re.compile(r"[\u3041-\u309f]")
_KATAKANA = re.compile(r"[\u30a0-\u30ff]")
_CJK_PUNCT_FULLWIDTH = re.compile(r"[\u3000-\u303f\uff01-\uff60]")
_HALFWIDTH_KANA = re.compile(r"[\uff61-\uff9f]")
_KANJI = re.compile(r"[\u4e00-\u9fff]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Half-width sound marks after a kana that cannot take them, or a mark, prolonged sound or
# small kana at the start of a word: signs of EUC-JP bytes read as CP932.
_MISPLACED_HALFWIDTH = re.compile(
    r"(?:^|[^\uff73\uff76-\uff84\uff8a-\uff8e])\uff9e"
    r"|(?:^|[^\uff8a-\uff8e])\uff9f"
    r"|(?:^|[^\uff61-\uff9f])[\uff67-\uff70\uff9e\uff9f]",
    re.MULTILINE,
)


def decode(data: bytes, guess: bool = True) -> tuple[str, str]:
    """Decode a file's bytes; returns (text, encoding name). Raises SourceError if binary,
    or (`guess=False`) when no strict decode fits (charset-normalizer is not asked)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _strict(data, name)
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        return _decode_utf16_without_bom(data)
    if _control_share(sample) > _MAX_CONTROL_SHARE:
        raise SourceError("control bytes")
    if b"\x1b" in sample and sample.isascii() and any(e in sample for e in _ISO2022_ESCAPES):
        for name in _ISO2022_CODECS:  # the plainest that fits, so writing back works
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                continue
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    japanese = _decode_cp932_or_euc(data)
    if japanese is not None:
        return japanese
    if not guess:
        raise SourceError("no strict decode fits")
    return _fallback(data)


def _strict(data: bytes, name: str) -> tuple[str, str]:
    try:
        return data.decode(name), name
    except UnicodeDecodeError as e:
        raise SourceError(f"invalid {name} at byte {e.start}") from None


def _control_share(sample: bytes) -> float:
    if not sample:
        return 0.0
    return (len(sample) - len(sample.translate(None, _CONTROL_BYTES))) / len(sample)


def _decode_utf16_without_bom(data: bytes) -> tuple[str, str]:
    """NUL bytes are binary unless they sit on one side of each pair, as in UTF-16 text.

    UTF-16 without a BOM and without any ASCII (so without NULs) is not guessed: ASCII text
    read as UTF-16 looks like CJK ideographs.
    """
    sample = data[: _SAMPLE & ~1]
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    name = "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"
    if len(data) % 2 or min(even_nuls, odd_nuls) > max(even_nuls, odd_nuls) * 0.05:
        raise SourceError("NUL bytes")
    try:
        text = data.decode(name)
    except UnicodeDecodeError:
        raise SourceError("NUL bytes") from None
    head = text[: _SAMPLE // 2]
    if len(PLAUSIBLE_UTF16.findall(head)) < len(head) * _MIN_PLAUSIBLE_SHARE:
        raise SourceError("NUL bytes")
    return text, "utf-16"


def _decode_cp932_or_euc(data: bytes) -> tuple[str, str] | None:
    """Strict CP932 and EUC-JP decodes; when both fit, EUC-JP unless CP932 reads as
    well-formed half-width kana that scores higher.

    Nearly any EUC-JP text also decodes as CP932 (as half-width kana), while CP932 text only
    decodes as EUC-JP when it has no kana and no common kanji: half-width kana and ASCII.
    """
    decoded = {}
    for name in ("cp932", "euc_jp"):
        try:
            decoded[name] = data.decode(name)
        except UnicodeDecodeError:
            continue
    if len(decoded) == 2:
        cp932, euc = decoded["cp932"][:_SAMPLE], decoded["euc_jp"][:_SAMPLE]
        if _well_formed_halfwidth(cp932) and japanese_score(cp932) > japanese_score(euc):
            return decoded["cp932"], "cp932"
        return decoded["euc_jp"], "euc_jp"
    return next(((text, name) for name, text in decoded.items()), None)


def _well_formed_halfwidth(text: str) -> bool:
    """Mostly half-width kana, with sound marks and small kana only where words allow."""
    halfwidth = len(_HALFWIDTH_KANA.findall(text))
    if halfwidth < len(_NON_ASCII.findall(text)) * 0.9:
        return False
    return _MISPLACED_HALFWIDTH.search(text) is None


def japanese_score(text: str) -> float:
    """How much a decoded text looks like Japanese: kana and common kanji up, oddities down.

    Mis-decoded EUC-JP reads as half-width kana pairs (so one common kanji must outweigh
    two half-width kana), mis-decoded CP932 as rare kanji and symbols.
    """
    hiragana = len(_HIRAGANA.findall(text))
    katakana = len(_KATAKANA.findall(text))
    punct = len(_CJK_PUNCT_FULLWIDTH.findall(text))
    halfwidth = len(_HALFWIDTH_KANA.findall(text))
    kanji = len(_KANJI.findall(text))
    common_kanji = len(_level1_kanji().findall(text))
    other = len(_NON_ASCII.findall(text)) - hiragana - katakana - punct - halfwidth - kanji
    rare_kanji = kanji - common_kanji
    return (
        3 * hiragana
        + 2 * katakana
        + punct
        + 1.5 * common_kanji
        + 0.6 * halfwidth
        - 0.5 * rare_kanji
        - other
    )


@cache
def _level1_kanji() -> re.Pattern[str]:
    """JIS X 0208 level-1 kanji (EUC-JP rows 16-47): the common ones."""
    chars = []
    for high in range(0xB0, 0xD0):
        for low in range(0xA1, 0xFF):
            try:
                chars.append(bytes((high, low)).decode("euc_jp"))
            except UnicodeDecodeError:
                continue
    return re.compile("[" + "".join(chars) + "]")


def _fallback(data: bytes) -> tuple[str, str]:
    guessed = guess_encoding(data)
    if guessed is None:
        raise SourceError("not text in any known encoding")
    return guessed


def guess_encoding(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's best reading, or None."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        return None
    return str(best), best.encoding
