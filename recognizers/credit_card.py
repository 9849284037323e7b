"""クレジットカード番号: 14-19 digits, grouped by 4, Luhn, brand prefixes.

A Luhn-valid number with a brand's prefix and length is reported even bare (a log line,
a CSV cell), as PCI DSS scanning expects; an order, product or tracking-number label
nearer than any card keyword takes it away.
"""

from __future__ import annotations

from recognizers.base import Context, Ladder, Pattern, Recognizer, digits, number
from recognizers.checks import OTHER_NUMBER_LABELS, has_card_prefix, is_repeated_digits, luhn_ok


class CreditCardRecognizer(Recognizer):
    """Luhn-valid numbers; brand prefix + grouping is reported, a bare number needs a keyword."""

    entity = "CREDIT_CARD"
    patterns = (
        Pattern(
            "grouped",
            number("[0-9]", r"[0-9]{3}([ -])[0-9]{4}\1[0-9]{4}\1[0-9]{1,4}(?:\1[0-9]{3})?"),
        ),
        Pattern("amex", number("3", r"[47][0-9]{2}([ -])[0-9]{6}\1[0-9]{5}")),
        Pattern("diners", number("3", r"[0-9]{3}([ -])[0-9]{6}\1[0-9]{4}")),
        Pattern("plain", number("[0-9]", "[0-9]{13,18}")),
    )
    context = (
        "カード番号", "クレジット", "credit", "card", "visa", "mastercard", "jcb", "amex",
        "有効期限", "決済",
    )
    header_words = ("card_no", "cardno", "card_number")
    anti_context = OTHER_NUMBER_LABELS
    other_label_cap = Ladder.CHECKED_ALONE
    corroborate_min = 3
    validator_name = "Luhn"

    def validate(self, value: str) -> bool | None:
        number = digits(value)
        if not 14 <= len(number) <= 19 or is_repeated_digits(number):
            return False
        return luhn_ok(number)

    def score(
        self, pattern: Pattern, valid: bool | None, context: Context | None, value: str
    ) -> tuple[float, str]:
        if context:
            return Ladder.CHECKED_WITH_CONTEXT, "CHECKED_WITH_CONTEXT"
        if has_card_prefix(digits(value)):
            if pattern.name != "plain":
                return Ladder.FORMATTED, "FORMATTED"
            return Ladder.LOW_CONTEXT, "BRAND_PREFIX"
        return Ladder.CHECKED_ALONE, "CHECKED_ALONE"
