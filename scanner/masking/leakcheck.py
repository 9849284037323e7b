"""The leak check: scan the masked output again before anything is released.

A finding of a masked type at or above the threshold is a leak unless it is exactly a
replacement this run wrote (a valid surrogate My Number is still a valid My Number).
Leaks are reported by location and masked preview, never by value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from scanner.masking.masker import Masker
from scanner.privacy import preview


@dataclass(frozen=True, slots=True)
class Leak:
    location: str
    entity_type: str
    preview: str
    score: float

    def describe(self) -> str:
        return f"{self.location}: {self.entity_type} {self.preview} ({self.score:.2f})"


@dataclass(frozen=True, slots=True)
class CheckUnit:
    """Texts of the output that are checked together (one column, one document)."""

    texts: Sequence[str]
    locations: Sequence[str]  # one per text
    context: tuple[str, ...] = ()
    # (text index, offset) -> location; default: the text's location
    locate: Callable[[int, int], str] | None = None

    def where(self, index: int, offset: int) -> str:
        if self.locate is not None:
            return self.locate(index, offset)
        return self.locations[index]


def find_leaks(masker: Masker, units: Iterable[CheckUnit]) -> list[Leak]:
    """Every finding in the output that this run did not write."""
    leaks: list[Leak] = []
    produced = masker.surrogates
    for unit in units:
        # Cells that are exactly one replacement need no scan; the rest are scanned
        # together so that evidence still adds up over the column.
        todo = [i for i, t in enumerate(unit.texts) if not produced.is_produced(t)]
        texts = [unit.texts[i] for i in todo]
        for index, findings in zip(todo, masker.detect(texts, unit.context), strict=True):
            for f in findings:
                if produced.is_produced(f.text):
                    continue
                leaks.append(
                    Leak(
                        unit.where(index, f.start), f.entity_type,
                        preview(f.text, f.entity_type), f.score,
                    )
                )
    return leaks
