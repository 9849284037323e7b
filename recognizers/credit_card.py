"""クレジットカード番号: 14-19 digits, grouped by 4, Luhn, brand prefixes."""

from __future__ import annotations

from recognizers.base import NO_DIGIT_AFTER, NO_DIGIT_BEFORE, Ladder, Pattern, Recognizer, digits
from recognizers.checks import has_card_prefix, is_repeated_digits, luhn_ok

_A = NO_DIGIT_AFTER


class CreditCardRecognizer(Recognizer):
    """Luhn-valid numbers; brand prefix + grouping is reported, a bare number needs a keyword."""

    entity = "CREDIT_CARD"
    patterns = (
        Pattern(
            "grouped",
            NO_DIGIT_BEFORE + r"[0-9]{4}([ -])[0-9]{4}\1[0-9]{4}\1[0-9]{1,4}(?:\1[0-9]{3})?"
            + NO_DIGIT_AFTER,
        ),
        Pattern("amex", NO_DIGIT_BEFORE + r"3[47][0-9]{2}([ -])[0-9]{6}\1[0-9]{5}" + _A),
        Pattern("diners", NO_DIGIT_BEFORE + r"3[0-9]{3}([ -])[0-9]{6}\1[0-9]{4}" + _A),
        Pattern("plain", NO_DIGIT_BEFORE + r"[0-9]{14,19}" + NO_DIGIT_AFTER),
    )
    context = (
        "カード番号", "クレジット", "credit", "card", "visa", "mastercard", "jcb", "amex",
        "有効期限", "決済",
    )
    header_words = ("card_no", "cardno", "card_number")
    corroborate_min = 3
    validator_name = "Luhn"

    def validate(self, value: str) -> bool | None:
        number = digits(value)
        if not 14 <= len(number) <= 19 or is_repeated_digits(number):
            return False
        return luhn_ok(number)

    def score(
        self, pattern: Pattern, valid: bool | None, context: str | None, value: str
    ) -> tuple[float, str]:
        if context:
            return Ladder.CHECKED_WITH_CONTEXT, "CHECKED_WITH_CONTEXT"
        if pattern.name != "plain" and has_card_prefix(digits(value)):
            return Ladder.FORMATTED, "FORMATTED"
        return Ladder.CHECKED_ALONE, "CHECKED_ALONE"
