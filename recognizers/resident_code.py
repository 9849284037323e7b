"""住民票コード: shape only, reported with a keyword."""

from __future__ import annotations

from recognizers.base import Pattern, ShapeOnlyRecognizer, number


class ResidentCodeRecognizer(ShapeOnlyRecognizer):
    """住民票コード: 11 digits."""

    entity = "JP_RESIDENT_CODE"
    patterns = (Pattern("resident_code", number("[0-9]", "[0-9]{10}")),)
    context = ("住民票コード", "住民票番号", "resident code")
