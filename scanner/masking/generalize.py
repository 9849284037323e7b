"""Generalization for anonymized data: coarser values that many people share."""

from __future__ import annotations

import re

from scanner.masking.keyed import ascii_digits
from scanner.masking.surrogates.dates import generalize_date
from scanner.masking.tags import tag

_MUNICIPALITY = re.compile(
    r"^((?:東京都|北海道|(?:京都|大阪)府|.{2,3}県)?(?:[^市区町村]+?郡)?[^市区町村]+?[市区町村])"
)


def generalize(entity_type: str, value: str, lang: str = "ja") -> str:
    """Date of birth -> year; address -> prefecture and municipality; postal code ->
    its first three digits; anything else -> its tag."""
    if entity_type == "DATE_OF_BIRTH":
        return generalize_date(value) or tag(entity_type, lang)
    if entity_type == "JP_ADDRESS":
        m = _MUNICIPALITY.match(value.strip())
        return m.group(1) if m else tag(entity_type, lang)
    if entity_type == "JP_POSTAL_CODE" and len(ascii_digits(value)) == 7:
        return mask_digits_after(value, 3)
    return tag(entity_type, lang)


def mask_digits_after(value: str, keep: int) -> str:
    """`〒100-0001` -> `〒100-****`: digits after the first `keep` become `*`."""
    out, seen = [], 0
    for ch in value:
        if ch.isdigit():
            seen += 1
            out.append(ch if seen <= keep else "*")
        else:
            out.append(ch)
    return "".join(out)
