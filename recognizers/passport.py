"""旅券番号 (passport): shape only, reported with a keyword."""

from __future__ import annotations

from recognizers.base import Pattern, ShapeOnlyRecognizer

# No letter or digit before: looked at past the first letter, so that the pattern
# opens with a character class (see recognizers.base).
_LETTERS_BEFORE_FIRST = r"(?<![A-Za-z0-9].)"
_LETTERS_AFTER = r"(?![A-Za-z0-9])"


class PassportRecognizer(ShapeOnlyRecognizer):
    """旅券番号: 2 letters + 7 digits."""

    entity = "JP_PASSPORT"
    patterns = (
        Pattern("passport", r"[A-Z]" + _LETTERS_BEFORE_FIRST + r"[A-Z][0-9]{7}" + _LETTERS_AFTER),
    )
    context = ("旅券", "パスポート", "passport")
    header_words = ("ryoken",)
