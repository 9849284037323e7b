"""基礎年金番号 (basic pension number): shape only, reported with a keyword."""

from __future__ import annotations

from recognizers.base import NO_DIGIT_AFTER, NO_DIGIT_BEFORE, Pattern, ShapeOnlyRecognizer


class PensionNumberRecognizer(ShapeOnlyRecognizer):
    """基礎年金番号: 10 digits written 4-6."""

    entity = "JP_PENSION_NUMBER"
    patterns = (Pattern("pension", NO_DIGIT_BEFORE + r"[0-9]{4}-?[0-9]{6}" + NO_DIGIT_AFTER),)
    context = ("基礎年金番号", "年金手帳", "年金番号", "pension")
    header_words = ("nenkin",)
