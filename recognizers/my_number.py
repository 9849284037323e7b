"""個人番号 (My Number): 12 digits, check digit per 総務省令第85号 第5条 (stdnum.jp.in_)."""

from __future__ import annotations

from stdnum.jp import in_ as my_number

from recognizers.base import Pattern, Recognizer, digits, number
from recognizers.checks import OTHER_NUMBER_LABELS, is_repeated_digits


class MyNumberRecognizer(Recognizer):
    """12 digits, plain, grouped 4-4-4 (space, hyphen or dot), one by one with spaces, or
    8 then 4 over a line break, with a valid check digit."""

    entity = "JP_MY_NUMBER"
    patterns = (
        Pattern("grouped", number("[0-9]", r"[0-9]{3}([ .-])[0-9]{4}\1[0-9]{4}")),
        Pattern("plain", number("[0-9]", "[0-9]{11}")),
        # one digit per box, as forms print and PDF text extracts them: 1 2 3 4 … 1 8
        Pattern("spaced", number("[0-9]", r"(?: [0-9]){11}(?! [0-9])")),
        # wrapped over two lines of their own as forms wrap it: 1234 5678 / 9018
        Pattern("split", r"[0-9](?<![^\n].)[0-9]{3} ?[0-9]{4}\r?\n[0-9]{4}(?![^\r\n])",
                needs="\n"),
    )
    context = (
        "マイナンバー", "個人番号", "個人番号カード", "マイナンバーカード", "通知カード",
        "共通番号", "個人識別番号", "my number", "mynumber", "my_number", "kojin_bango",
    )
    header_words = ("mynumber", "my_number", "kojinbango", "kojin_bango", "個人番号")
    # A licence or resident-code keyword nearer than the My Number keyword wins.
    anti_context = ("運転免許", "免許証", "免許番号", *OTHER_NUMBER_LABELS)
    corroborate_min = 3
    validator_name = "stdnum.jp.in_"

    def validate(self, value: str) -> bool | None:
        number = digits(value)
        if is_repeated_digits(number):
            return False
        return my_number.calc_check_digit(number[:-1]) == number[-1]
