"""mamoru: find, inventory and mask Japanese personal data.

`scanner.analyze(text)` runs the default engine; build an `Engine` to choose settings.
Heavy parts (Presidio, spaCy, GiNZA, database drivers, Office readers) load only in the
code paths that need them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scanner.findings import Finding

__all__ = ["analyze"]


def analyze(
    text: str,
    *,
    entities: Iterable[str] | None = None,
    min_score: float = 0.5,
    context: Sequence[str] | str | None = None,
) -> list[Finding]:
    """Personal data in `text`: exact spans in `text`, scores, explanations."""
    from scanner.engine import default_engine

    return default_engine().analyze(text, entities=entities, min_score=min_score, context=context)
