"""運転免許証番号: shape plus issuer-code plausibility, reported with a keyword."""

from __future__ import annotations

from recognizers.base import Pattern, ShapeOnlyRecognizer, digits, number

# 都道府県公安委員会 codes that open a licence number (北海道 has five 方面).
_LICENCE_ISSUERS = frozenset(
    {10, 11, 12, 13, 14, 20, 21, 22, 23, 24, 25, 30, *range(40, 56), *range(60, 66),
     *range(70, 75), *range(80, 84), *range(90, 98)}
)



class DriversLicenseRecognizer(ShapeOnlyRecognizer):
    """運転免許証番号: 12 digits, the first two an issuing 公安委員会 code."""

    entity = "JP_DRIVERS_LICENSE"
    patterns = (Pattern("licence", number("[0-9]", "[0-9]{11}")),)
    context = (
        "運転免許", "免許証", "免許番号", "driver's license", "driving licence", "license no",
    )
    header_words = ("menkyo", "license_no", "licence_no")
    anti_context = ("マイナンバー", "個人番号")
    validator_name = "issuing 公安委員会 code"

    def validate(self, value: str) -> bool | None:
        return None if int(digits(value)[:2]) in _LICENCE_ISSUERS else False
