"""Keyed determinism: every surrogate choice is drawn from an HMAC of the source value.

The same value and key give the same draws in every file, table and run; without the
key the draws reveal nothing about the value.
"""

from __future__ import annotations

import hashlib
import hmac
import random
import unicodedata

from scanner.kanji_variants import drop_selectors, fold_variants

# The separators `scanner.privacy.canonical` drops, as one translate table.
_DROP = str.maketrans("", "", " \t\r\n\u3000-()（）.・")


def canonical(value: str) -> str:
    """`scanner.privacy.canonical` for the short values masked here, as one translate:
    NFKC, no separators, case-folded, variant kanji folded (so 1234-5678-9018 and
    １２３４５６７８９０１８ agree, and 髙橋 and 高橋)."""
    folded = fold_variants(drop_selectors(unicodedata.normalize("NFKC", value)))
    return folded.translate(_DROP).casefold()


def keyed_digest(key: bytes, purpose: str, value: str) -> bytes:
    """HMAC-SHA256 of a canonical value under one purpose (entity type, name part...)."""
    msg = f"mamoru-mask\x1f{purpose}\x1f{canonical(value)}".encode()
    return hmac.new(key, msg, hashlib.sha256).digest()


def keyed_rng(key: bytes, purpose: str, value: str) -> random.Random:
    """A random generator seeded by the keyed digest: deterministic per (key, value)."""
    return random.Random(int.from_bytes(keyed_digest(key, purpose, value), "big"))


def keyed_hex(key: bytes, purpose: str, value: str, length: int = 16) -> str:
    """A hex token of the keyed digest (a non-restorable replacement value)."""
    return keyed_digest(key, purpose, value).hex()[:length]


_KANJI_DIGITS = "〇一二三四五六七八九"


def _in_kanji(text: str) -> bool:
    """A number written digit by digit in kanji numerals (〇九〇－一二三四…), no digits."""
    return not any(c.isdigit() for c in text) and any(c in _KANJI_DIGITS for c in text)


def fill_digits(template: str, new_digits: str) -> str:
    """Put `new_digits` into the digit positions of `template`, keeping every other
    character and the digit width (full-width digits stay full-width, kanji numerals
    stay kanji numerals)."""
    kanji = _in_kanji(template)
    out: list[str] = []
    it = iter(new_digits)
    for ch in template:
        if kanji and ch in _KANJI_DIGITS:
            out.append(_KANJI_DIGITS[int(next(it))])
        elif ch.isdigit() and not kanji:
            d = next(it)
            out.append(chr(ord("０") + int(d)) if "０" <= ch <= "９" else d)
        else:
            out.append(ch)
    return "".join(out)


def ascii_digits(text: str) -> str:
    """The digits of `text` as ASCII (full-width digits and kanji numerals folded)."""
    if _in_kanji(text):
        return "".join(str(_KANJI_DIGITS.index(c)) for c in text if c in _KANJI_DIGITS)
    return "".join(str(unicodedata.digit(c)) for c in text if c.isdigit())


def in_jis_x0208(text: str) -> bool:
    """Writable in every Japanese legacy encoding (CP932, EUC-JP, ISO-2022-JP)."""
    try:
        text.encode("iso2022_jp")
    except UnicodeEncodeError:
        return False
    return True
