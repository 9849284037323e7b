"""電話番号: Japanese numbers in every written form, validated by `phonenumbers` (JP);
numbers of other countries in international form (`+1 212 555 0123`), validated by
`phonenumbers` for their region."""

from __future__ import annotations

import re
from functools import lru_cache

from recognizers.base import (
    NO_DIGIT_AFTER,
    Context,
    Document,
    Ladder,
    Pattern,
    Recognizer,
    digits,
    number,
)

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
        # `070-53412345`, `03-12345678`; never 4-6 (a pension number's shape).
        Pattern("two_groups", number("0", "(?:[5789]0|[1-9])-[0-9]{8}"), Ladder.FORMATTED),
        Pattern(
            "international",
            r"\+81[ -]?(?:\(0\)[ -]?|0)?[1-9][0-9]{0,3}[ -]?\(?[0-9]{1,4}\)?[ -]?[0-9]{3,4}" + _A,
            Ladder.FORMATTED,
        ),
        # Other countries: `+` and a country code, then groups; the region's metadata decides.
        Pattern(
            "foreign",
            r"\+(?<![0-9A-Za-z+].)(?!81)[1-9][0-9]{0,2}(?:[ .-]?\(?[0-9]{1,5}\)?){2,6}" + _A,
            Ladder.FORMATTED,
            needs="+",
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
        if _is_foreign(value):
            return is_foreign_phone(value)
        return is_japanese_phone(national_digits(value))

    def check_name(self, value: str) -> str | None:
        if _is_foreign(value):
            return f"phonenumbers (region {foreign_region(value) or '?'})"
        return self.validator_name

    def find_context(self, doc: Document, start: int, end: int) -> Context | None:
        found = super().find_context(doc, start, end)
        if found is not None:
            return found
        line_start = doc.text.rfind("\n", 0, start) + 1
        if _ADDRESS_BEFORE.search(doc.text, max(line_start, start - 60), start):
            return Context("address before on the line", other_label=False, distance=1)
        return None

    def score(
        self, pattern: Pattern, valid: bool | None, context: Context | None, value: str
    ) -> tuple[float, str]:
        if context and context.description == "address before on the line":
            return Ladder.SHAPE_WITH_CONTEXT, "IN_ADDRESS_BLOCK"
        if context:
            return Ladder.CHECKED_WITH_CONTEXT, "CHECKED_WITH_CONTEXT"
        if pattern.name != "plain":
            return Ladder.FORMATTED, "FORMATTED"
        if value.startswith(("070", "080", "090", "050")):
            return Ladder.LOW_CONTEXT, "MOBILE_PLAIN"
        return Ladder.CHECKED_ALONE, "CHECKED_ALONE"


# 〒, a 住所/所在地 label, or a prefecture and a block number earlier on the same line.
_ADDRESS_BEFORE = re.compile(
    r"〒|住所|所在地|(?:都|道|府|県)[^\n]{1,40}?[0-9]+(?:-[0-9]+)*(?:番地?|号)?[^0-9\n]{0,12}\Z"
)


def _is_foreign(value: str) -> bool:
    return value.startswith("+") and not value.startswith("+81")


def _parsed(value: str):
    import phonenumbers

    try:
        return phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return None


def is_foreign_phone(value: str) -> bool:
    """A valid number of its region, written in international form (`+44 20 …`)."""
    import phonenumbers

    parsed = _parsed(value)
    return parsed is not None and phonenumbers.is_valid_number(parsed)


def foreign_region(value: str) -> str | None:
    """The region (`US`, `GB`) whose metadata holds a number in international form."""
    import phonenumbers

    parsed = _parsed(value)
    return phonenumbers.region_code_for_number(parsed) if parsed is not None else None


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
