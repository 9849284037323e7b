"""Surrogates for numbers and codes: valid check digits, same shape as the source.

Each function takes the key and the source value and returns a surrogate written the
way the source was written (separators, full-width digits, letter case kept).
"""

from __future__ import annotations

import random
import string

from scanner.masking.keyed import ascii_digits, fill_digits, keyed_rng


def _random_digits(rng: random.Random, n: int) -> str:
    return f"{rng.randrange(10**n):0{n}d}" if n > 0 else ""


def _not_repeated(rng: random.Random, n: int) -> str:
    while True:
        d = _random_digits(rng, n)
        if len(set(d)) > 1:
            return d


def my_number(key: bytes, value: str) -> str:
    """A 12-digit My Number whose last digit passes the check (stdnum.jp.in_)."""
    from stdnum.jp import in_

    base = _not_repeated(keyed_rng(key, "JP_MY_NUMBER", value), 11)
    return fill_digits(value, base + in_.calc_check_digit(base))


def corporate_number(key: bytes, value: str) -> str:
    """A 13-digit corporate number with its leading check digit (stdnum.jp.cn)."""
    from stdnum.jp import cn

    base = _not_repeated(keyed_rng(key, "JP_CORPORATE_NUMBER", value), 12)
    return fill_digits(value, cn.calc_check_digit(base) + base)


# Issuer prefixes of well-known test card numbers, by the source's brand and length.
_TEST_PREFIXES = (
    ("4", "400000"),  # Visa test range
    ("5", "555555"),  # Mastercard test range
    ("2", "555555"),
    ("35", "353011"),  # JCB test range
    ("34", "378282"), ("37", "378282"),  # American Express test range
    ("3", "305693"),  # Diners test range
    ("6", "601111"),  # Discover test range
)


def card_number(key: bytes, value: str) -> str:
    """A card number of the same length in a test issuer range, passing Luhn."""
    from stdnum import luhn

    src = ascii_digits(value)
    prefix = next((p for lead, p in _TEST_PREFIXES if src.startswith(lead)), "400000")
    rng = keyed_rng(key, "CREDIT_CARD", value)
    body = prefix + _random_digits(rng, len(src) - len(prefix) - 1)
    return fill_digits(value, body + luhn.calc_check_digit(body))


def same_shape(key: bytes, value: str, purpose: str) -> str:
    """Each digit replaced by a keyed digit, each letter by a keyed letter of the same
    case and width; everything else kept (passport, licence, account numbers...)."""
    rng = keyed_rng(key, purpose, value)
    out: list[str] = []
    for ch in value:
        if ch.isdigit():
            out.append(fill_digits(ch, rng.choice(string.digits)))
        elif "A" <= ch <= "Z":
            out.append(rng.choice(string.ascii_uppercase))
        elif "a" <= ch <= "z":
            out.append(rng.choice(string.ascii_lowercase))
        elif "Ａ" <= ch <= "Ｚ":
            out.append(chr(ord("Ａ") + rng.randrange(26)))
        else:
            out.append(ch)
    return "".join(out)


def ip_address(key: bytes, value: str) -> str:
    """An address in the documentation ranges (RFC 5737 / RFC 3849)."""
    rng = keyed_rng(key, "IP_ADDRESS", value)
    if ":" in value:
        return f"2001:db8::{rng.randrange(1, 0xFFFF):x}"
    net = rng.choice(("192.0.2", "198.51.100", "203.0.113"))
    return f"{net}.{rng.randrange(1, 255)}"
