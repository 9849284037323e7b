"""法人番号 (Corporate Number): 13 digits, leading check digit (stdnum.jp.cn).

Corporate numbers identify companies and are public; they are their own type so they
are never mistaken for My Numbers. Invoice registration numbers are `T` + the same digits.
"""

from __future__ import annotations

from stdnum.jp import cn as corporate_number

from recognizers.base import Context, Ladder, Pattern, Recognizer, digits, number
from recognizers.checks import OTHER_NUMBER_LABELS, is_repeated_digits


class CorporateNumberRecognizer(Recognizer):
    """13 digits (plain, or 1-4-4-4), optionally after `T` (適格請求書発行事業者登録番号)."""

    entity = "JP_CORPORATE_NUMBER"
    patterns = (
        Pattern("invoice", number("T", " ?-?[0-9]{13}", letters_before=True), Ladder.FORMATTED),
        Pattern("grouped", number("[0-9]", "-[0-9]{4}-[0-9]{4}-[0-9]{4}", letters_before=True)),
        Pattern("plain", number("[0-9]", "[0-9]{12}", letters_before=True)),
    )
    context = (
        "法人番号", "登録番号", "適格請求書", "インボイス", "事業者番号",
        "corporate number", "invoice",
    )
    header_words = ("hojin_bango", "corporate_number", "houjin")
    anti_context = OTHER_NUMBER_LABELS
    corroborate_min = 3
    validator_name = "stdnum.jp.cn"

    def validate(self, value: str) -> bool | None:
        number = digits(value)
        if is_repeated_digits(number):
            return False
        return corporate_number.calc_check_digit(number[1:]) == number[0]

    def score(
        self, pattern: Pattern, valid: bool | None, context: Context | None, value: str
    ) -> tuple[float, str]:
        if valid and pattern.name == "invoice" and not context:
            return Ladder.FORMATTED, "FORMATTED"
        return super().score(pattern, valid, context, value)
