"""電話番号: Japanese numbers in every written form, validated by `phonenumbers` (JP)."""

from __future__ import annotations

import re
from functools import lru_cache

from recognizers.base import NO_DIGIT_AFTER, Context, Ladder, Pattern, Recognizer, digits, number

_A = NO_DIGIT_AFTER


class PhoneRecognizer(Recognizer):
    """Fixed, mobile, IP, toll-free and navi-dial numbers, national or +81."""

    entity = "PHONE_NUMBER"
    patterns = (
        Pattern("hyphenated", number("0", "[0-9]{1,4}-[0-9]{1,4}-[0-9]{3,4}"), Ladder.FORMATTED),
        Pattern("spaced", number("0", "[0-9]{1,4} [0-9]{1,4} [0-9]{3,4}"), Ladder.FORMATTED),
        Pattern(
            "paren_local", number("0", r"[0-9]{1,4}\([0-9]{1,4}\)[0-9]{3,4}"), Ladder.FORMATTED
        ),
        Pattern("paren_area", r"\(0[0-9]{1,4}\) ?[0-9]{1,4}-?[0-9]{3,4}" + _A, Ladder.FORMATTED),
        Pattern(
            "international",
            r"\+81[ -]?(?:\(0\)[ -]?)?[1-9][0-9]{0,3}[ -]?\(?[0-9]{1,4}\)?[ -]?[0-9]{3,4}" + _A,
            Ladder.FORMATTED,
        ),
        Pattern("plain", number("0", "[0-9]{9,10}"), Ladder.CHECKED_ALONE),
    )
    context = (
        "電話", "tel", "携帯", "連絡先", "fax", "ファックス", "ファクス", "phone", "mobile",
        "内線", "☎", "コールセンター", "フリーダイヤル",
    )
    header_words = ("denwa", "keitai", "tel_no", "telno")
    context_window = 100
    validator_name = "phonenumbers (region JP)"

    def validate(self, value: str) -> bool | None:
        return is_japanese_phone(national_digits(value))

    def score(
        self, pattern: Pattern, valid: bool | None, context: Context | None, value: str
    ) -> tuple[float, str]:
        if context:
            return Ladder.CHECKED_WITH_CONTEXT, "CHECKED_WITH_CONTEXT"
        if pattern.name != "plain":
            return Ladder.FORMATTED, "FORMATTED"
        if value.startswith(("070", "080", "090", "050")):
            return Ladder.LOW_CONTEXT, "MOBILE_PLAIN"
        return Ladder.CHECKED_ALONE, "CHECKED_ALONE"


def national_digits(value: str) -> str:
    """Digits in national form: `+81 (0)3-…` and `+81 3-…` become `03…`."""
    d = digits(value)
    if value.lstrip().startswith("+81"):
        d = d[2:]
        if not d.startswith("0"):
            d = "0" + d
    return d


def is_japanese_phone(national: str) -> bool:
    """A valid Japanese number of 10 or 11 digits in national form (`03…`, `090…`).

    Valid = in a range that `phonenumbers`' metadata for JP assigns to a number type,
    which is what `phonenumbers.is_valid_number` decides, without its parsing overhead.
    """
    if len(national) not in (10, 11) or not national.startswith("0"):
        return False
    return _jp_number_ranges().fullmatch(national[1:]) is not None


@lru_cache(maxsize=1)
def _jp_number_ranges() -> re.Pattern[str]:
    """One regex over the national significant number for every JP number type."""
    import phonenumbers

    md = phonenumbers.PhoneMetadata.metadata_for_region("JP")
    types = (
        md.fixed_line, md.mobile, md.toll_free, md.premium_rate, md.shared_cost, md.voip,
        md.personal_number, md.pager, md.uan, md.voicemail,
    )
    patterns = [t.national_number_pattern for t in types if t and t.national_number_pattern]
    general = md.general_desc.national_number_pattern
    return re.compile(f"(?=(?:{general})$)(?:{'|'.join(f'(?:{p})' for p in patterns)})")
