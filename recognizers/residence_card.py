"""在留カード番号 (residence card): shape only, reported with a keyword."""

from __future__ import annotations

from recognizers.base import Pattern, ShapeOnlyRecognizer

# No letter or digit before: looked at past the first letter, so that the pattern
# opens with a character class (see recognizers.base).
_LETTERS_BEFORE_FIRST = r"(?<![A-Za-z0-9].)"
_LETTERS_AFTER = r"(?![A-Za-z0-9])"


class ResidenceCardRecognizer(ShapeOnlyRecognizer):
    """在留カード番号: 2 letters + 8 digits + 2 letters."""

    entity = "JP_RESIDENCE_CARD"
    patterns = (
        Pattern(
            "residence_card",
            r"[A-Z]" + _LETTERS_BEFORE_FIRST + r"[A-Z][0-9]{8}[A-Z]{2}" + _LETTERS_AFTER,
        ),
    )
    context = ("在留カード", "在留番号", "residence card", "zairyu")
