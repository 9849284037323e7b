"""Surrogates for phone numbers and e-mail addresses."""

from __future__ import annotations

import random
import re

from scanner.masking.keyed import ascii_digits, fill_digits, keyed_hex, keyed_rng

_MAX_TRIES = 5000
# Mobile numbers (総務省 numbering plan): 070/080/090, then a non-zero digit, 11 in all.
_MOBILE = re.compile(r"^0[789]0[1-9][0-9]{7}$")


def _digits(rng: random.Random, n: int) -> str:
    return f"{rng.randrange(10**n):0{n}d}" if n > 0 else ""


def phone_number(key: bytes, value: str) -> str:
    """A valid Japanese number of the same kind and shape: mobile stays mobile
    (070/080/090 kept), a fixed line keeps its real area code, toll-free its prefix. A
    number of another country (`+1 212 555 0123`) stays one of that country."""
    import phonenumbers

    digits = ascii_digits(value)
    international = value.lstrip().startswith(("+", "＋"))
    rng = keyed_rng(key, "PHONE_NUMBER", value)
    if international and not digits.startswith("81"):
        return fill_digits(value, _foreign(phonenumbers, rng, value, digits))
    national = "0" + digits[2:] if international else digits
    if _MOBILE.match(national):  # the common case, built directly: 0X0 + [1-9] + 7 digits
        new = national[:3] + rng.choice("123456789") + _digits(rng, 7)
        while new == national:
            new = national[:3] + rng.choice("123456789") + _digits(rng, 7)
        return fill_digits(value, "81" + new[1:] if international else new)
    source = _parse(phonenumbers, national)
    if source is None:  # not a valid number: keep its first three digits, draw the rest
        new = national[:3] + _digits(rng, max(0, len(national) - 3))
    else:
        new = _same_kind(phonenumbers, rng, national, source)
    return fill_digits(value, "81" + new[1:] if international else new)


def _foreign(phonenumbers, rng: random.Random, value: str, digits: str) -> str:
    """Country code and national destination code kept, the rest drawn until the number
    is valid for its region and of the same type; the digits, country code first."""
    try:
        source = phonenumbers.parse("+" + digits, None)
    except phonenumbers.NumberParseException:
        source = None
    if source is None or not phonenumbers.is_valid_number(source):
        return digits[:3] + _digits(rng, len(digits) - 3)  # not a number: shape only
    country = str(source.country_code)
    nsn = phonenumbers.national_significant_number(source)
    if len(country) + len(nsn) != len(digits):  # a trunk 0 written inside: shape only
        return digits[:3] + _digits(rng, len(digits) - 3)
    keep = max(1, phonenumbers.length_of_national_destination_code(source))
    kind = phonenumbers.number_type(source)
    for _ in range(_MAX_TRIES):
        candidate = nsn[:keep] + _digits(rng, len(nsn) - keep)
        num = phonenumbers.parse("+" + country + candidate, None)
        if candidate != nsn and phonenumbers.is_valid_number(num) and (
            phonenumbers.number_type(num) == kind
        ):
            return country + candidate
    return country + nsn[:keep] + _digits(rng, len(nsn) - keep)


def _parse(phonenumbers, national: str):
    try:
        num = phonenumbers.parse(national, "JP")
    except phonenumbers.NumberParseException:
        return None
    return num if phonenumbers.is_valid_number(num) else None


def _same_kind(phonenumbers, rng: random.Random, national: str, source) -> str:
    kind = phonenumbers.number_type(source)
    prefix = _kept_prefix(phonenumbers, national, source, kind)
    for _ in range(_MAX_TRIES):
        candidate = prefix + _digits(rng, len(national) - len(prefix))
        num = _parse(phonenumbers, candidate)
        if num is not None and candidate != national and phonenumbers.number_type(num) == kind:
            return candidate
    raise ValueError("no surrogate phone number found")  # practically unreachable


def _kept_prefix(phonenumbers, national: str, source, kind) -> str:
    """The part that says what kind of number it is: 090/080/070, 050, 0120, 0800, or
    the area code of a fixed line."""
    if national.startswith(("0120", "0800", "0570")):
        return national[:4]
    area = phonenumbers.length_of_geographical_area_code(source)
    if kind == phonenumbers.PhoneNumberType.FIXED_LINE and area:
        return national[: 1 + area]
    return national[:3]  # 070/080/090 mobile, 050 IP phone


# Reserved example domains (RFC 2606, JPRS): never deliverable.
def _example_domain(domain: str) -> str:
    d = domain.lower()
    for suffix in ("co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp"):
        if d.endswith("." + suffix):
            return "example." + suffix
    if d.endswith(".jp"):
        return "example.jp"
    if d.endswith(".net"):
        return "example.net"
    if d.endswith(".org"):
        return "example.org"
    return "example.com"


def email_address(key: bytes, value: str) -> str:
    """`user-<keyed token>@example.*`, keeping the country/second-level style."""
    domain = value.rpartition("@")[2]
    return f"user-{keyed_hex(key, 'EMAIL_ADDRESS', value, 10)}@{_example_domain(domain)}"
