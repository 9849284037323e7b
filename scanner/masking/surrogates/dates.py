"""Dates of birth: shifted by a keyed offset, or generalized to the year.

Western (1985年4月12日, 1985/04/12, 1985-04-12) and era forms (昭和60年4月12日,
平成元年…, S60.4.12) are parsed and written back in the source's own style.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from scanner.masking.keyed import keyed_rng

MAX_SHIFT_DAYS = 180
_WESTERN = re.compile(r"^(\d{4})([年/.\-－])(\d{1,2})([月/.\-－])(\d{1,2})(日?)$")
_ERA = re.compile(
    r"^(明治|大正|昭和|平成|令和|[MTSHRmtshr])(元|\d{1,2})([年./\-])(\d{1,2})([月./\-])(\d{1,2})(日?)$"
)
_ERAS = (  # name, letter, first day
    ("令和", "R", date(2019, 5, 1)),
    ("平成", "H", date(1989, 1, 8)),
    ("昭和", "S", date(1926, 12, 25)),
    ("大正", "T", date(1912, 7, 30)),
    ("明治", "M", date(1868, 1, 25)),
)


@dataclass(frozen=True, slots=True)
class ParsedDate:
    day: date
    era: str | None  # None for western dates, else "昭和" or "S" (the source's style)
    seps: tuple[str, str, str]  # after year, after month, after day
    padded: bool
    full_width: bool


def parse_date(value: str) -> ParsedDate | None:
    """The date in a date-of-birth string, or None when it is not a full date."""
    text = value.strip()
    full_width = any("０" <= c <= "９" for c in text)
    folded = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)
    try:
        if m := _WESTERN.match(folded):
            y, s1, mo, s2, d, s3 = m.groups()
            return ParsedDate(date(int(y), int(mo), int(d)), None, (s1, s2, s3),
                              _padded(mo, d), full_width)
        if m := _ERA.match(folded):
            era, y, s1, mo, s2, d, s3 = m.groups()
            start = next(e[2] for e in _ERAS if era in (e[0], e[1], e[1].lower()))
            year = start.year + (1 if y == "元" else int(y)) - 1
            return ParsedDate(date(year, int(mo), int(d)), era, (s1, s2, s3),
                              _padded(mo, d), full_width)
    except ValueError:
        return None
    return None


def _padded(month: str, day: str) -> bool:
    """Zero-padded style: a leading zero, or both parts written with two digits."""
    return month.startswith("0") or day.startswith("0") or (len(month) == len(day) == 2)


def shift_date(key: bytes, value: str, person: str | None = None) -> str | None:
    """The date moved by a keyed offset (1..180 days either way), in the source style.

    `person` (a name or ID of the same record) keys the offset per person; by default
    the date itself keys it.
    """
    parsed = parse_date(value)
    if parsed is None:
        return None
    rng = keyed_rng(key, "DATE_OF_BIRTH", person if person is not None else value)
    offset = rng.randint(1, MAX_SHIFT_DAYS) * rng.choice((-1, 1))
    return render(parsed, parsed.day + timedelta(days=offset))


def generalize_date(value: str) -> str | None:
    """The year only: `1985年` (or `1985` for numeric styles)."""
    parsed = parse_date(value)
    if parsed is None:
        return None
    suffix = "年" if parsed.seps[0] == "年" else ""
    return _width(f"{parsed.day.year}{suffix}", parsed.full_width)


def render(parsed: ParsedDate, day: date) -> str:
    s1, s2, s3 = parsed.seps
    fmt = "{:02d}" if parsed.padded else "{}"
    month, dom = fmt.format(day.month), fmt.format(day.day)
    if parsed.era is None:
        return _width(f"{day.year}{s1}{month}{s2}{dom}{s3}", parsed.full_width)
    name, letter, start = next(e for e in _ERAS if day >= e[2])
    era_year = day.year - start.year + 1
    if len(parsed.era) == 2:
        head = name
        year = "元" if era_year == 1 else str(era_year)
    else:
        head = letter if parsed.era.isupper() else letter.lower()
        year = str(era_year)
    return _width(f"{head}{year}{s1}{month}{s2}{dom}{s3}", parsed.full_width)


def _width(text: str, full_width: bool) -> str:
    if not full_width:
        return text
    return "".join(chr(ord(c) - 0x30 + 0xFF10) if c.isdigit() else c for c in text)
