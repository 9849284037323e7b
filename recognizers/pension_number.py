"""基礎年金番号 (basic pension number): shape only, reported with a keyword."""

from __future__ import annotations

from recognizers.base import Pattern, ShapeOnlyRecognizer, number


class PensionNumberRecognizer(ShapeOnlyRecognizer):
    """基礎年金番号: 10 digits written 4-6."""

    entity = "JP_PENSION_NUMBER"
    patterns = (Pattern("pension", number("[0-9]", "[0-9]{3}[ -]?[0-9]{6}")),)
    context = ("基礎年金番号", "年金手帳", "年金番号", "pension")
    header_words = ("nenkin",)
