"""雇用保険被保険者番号: shape only, reported with a keyword."""

from __future__ import annotations

from recognizers.base import Pattern, ShapeOnlyRecognizer, number


class EmploymentInsuranceRecognizer(ShapeOnlyRecognizer):
    """雇用保険被保険者番号: 4-6-1 digits."""

    entity = "JP_EMPLOYMENT_INSURANCE"
    patterns = (
        Pattern(
            "employment_insurance",
            number("[0-9]", "[0-9]{3}[ -]?[0-9]{6}[ -]?[0-9]"),
        ),
    )
    context = ("雇用保険", "被保険者番号", "employment insurance")
    header_words = ("koyo_hoken",)
