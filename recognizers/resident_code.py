"""住民票コード: shape only, reported with a keyword."""

from __future__ import annotations

from recognizers.base import NO_DIGIT_AFTER, NO_DIGIT_BEFORE, Pattern, ShapeOnlyRecognizer


class ResidentCodeRecognizer(ShapeOnlyRecognizer):
    """住民票コード: 11 digits."""

    entity = "JP_RESIDENT_CODE"
    patterns = (Pattern("resident_code", NO_DIGIT_BEFORE + r"[0-9]{11}" + NO_DIGIT_AFTER),)
    context = ("住民票コード", "住民票番号", "resident code")
