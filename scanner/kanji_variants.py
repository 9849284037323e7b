"""Variant kanji (異体字) that names are registered with, folded to their common form.

Family registers and resident records keep a person's own kanji: 髙橋 (はしご高), 山﨑
(たつさき), 𠮷田 (つちよし), 一郞. Those characters lie outside JIS X 0208, so neither
SudachiPy's dictionary, the name dataset nor Japan Post's data knows them, and a name or
an address written with one was not found. Registers also add an ideographic variation
selector after a kanji (葛 + U+E0100) to pin its glyph, which broke every word it
stood in.

Recognizers therefore see each variant below as its JIS X 0208 form (1:1, so offsets
stay put) and no variation selectors; findings keep the characters as written. Only
characters outside JIS X 0208 are folded: old forms inside it (澤, 邊, 龍) are written in
place names (龍ケ崎市) and dictionaries know them. Every pair but the three marked is
listed as variants in Yasuoka's UniVariants table (glibc's `translit_cjk_variants`;
`tests/test_kanji_variants.py` checks them against it where it is installed).
"""

from __future__ import annotations

import re

VARIANTS = {
    "髙": "高",
    "﨑": "崎",  # U+FA11, a CJK compatibility ideograph that NFKC keeps (not in UniVariants)
    "𠮷": "吉",  # U+20BB7, outside the BMP (not in UniVariants)
    "𡈽": "土",  # U+2123D, outside the BMP (not in UniVariants)
    "德": "徳",
    "濵": "濱",
    "栁": "柳",
    "槗": "橋",
    "曻": "昇",
    "瀨": "瀬",
    "淸": "清",
    "靍": "鶴",
    "鷗": "鴎",
    "桒": "桑",
    "寬": "寛",
    "昻": "昂",
    "敎": "教",
    "靑": "青",
    "黑": "黒",
    "增": "増",
    "俱": "倶",
    "禱": "祷",
    "倂": "併",
    "郞": "郎",
    "悅": "悦",
    "綠": "緑",
    "緖": "緒",
    "薰": "薫",
    "賴": "頼",
    "鄕": "郷",
    "橫": "横",
    "甁": "瓶",
    "羡": "羨",
    "凞": "熙",
}
NOT_IN_UNIVARIANTS = frozenset("﨑𠮷𡈽")

# Characters whose NFKC form holds a variant above (radicals, compatibility ideographs).
BECOMING_VARIANTS = "\u2fad\u2fca\uf93d\ufa15\ufa2e\U0002f807\U0002f8e1"
VARIANT_CHARS = "".join(VARIANTS) + BECOMING_VARIANTS  # what normalization looks for
_ANY_VARIANT = re.compile(f"[{''.join(VARIANTS)}]")
# Variation selectors: standardized (FE00-FE0F) and ideographic (E0100-E01EF).
SELECTORS = "\ufe00-\ufe0f\U000e0100-\U000e01ef"
_ANY_SELECTOR = re.compile(f"[{SELECTORS}]")


def is_selector(char: str) -> bool:
    return _ANY_SELECTOR.fullmatch(char) is not None


def fold_variants(text: str) -> str:
    """Each variant kanji as its JIS X 0208 form; the same length as `text` (NFKC text:
    a character that NFKC turns into a variant is left as it is)."""
    return _ANY_VARIANT.sub(_common_form, text)


def _common_form(m: re.Match[str]) -> str:
    return VARIANTS[m.group()]


def drop_selectors(text: str) -> str:
    """`text` without variation selectors."""
    return _ANY_SELECTOR.sub("", text) if _ANY_SELECTOR.search(text) else text
