"""口座番号 (bank account): shape only, reported with a keyword close by."""

from __future__ import annotations

from recognizers.base import Pattern, ShapeOnlyRecognizer, number


class BankAccountRecognizer(ShapeOnlyRecognizer):
    """口座番号: 7 (or 8) digits near 口座/普通/当座; ゆうちょ 記号 5 + 番号 up to 8."""

    entity = "JP_BANK_ACCOUNT"
    patterns = (
        Pattern("account", number("[0-9]", "[0-9]{6,7}")),
        Pattern("yucho", number("1", "[0-9]{4}-[0-9]{1,8}")),
    )
    context = (
        "口座番号", "口座", "普通預金", "当座預金", "普通", "当座", "貯蓄", "店番",
        "ゆうちょ", "記号番号", "account no", "account number", "bank account",
    )
    header_words = ("koza", "kouza", "account_no", "account_number")
    context_window = 25
