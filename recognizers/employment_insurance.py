"""雇用保険被保険者番号: shape only, reported with a keyword."""

from __future__ import annotations

from recognizers.base import NO_DIGIT_AFTER, NO_DIGIT_BEFORE, Pattern, ShapeOnlyRecognizer


class EmploymentInsuranceRecognizer(ShapeOnlyRecognizer):
    """雇用保険被保険者番号: 4-6-1 digits."""

    entity = "JP_EMPLOYMENT_INSURANCE"
    patterns = (
        Pattern(
            "employment_insurance",
            NO_DIGIT_BEFORE + r"[0-9]{4}-?[0-9]{6}-?[0-9]" + NO_DIGIT_AFTER,
        ),
    )
    context = ("雇用保険", "被保険者番号", "employment insurance")
    header_words = ("koyo_hoken",)
