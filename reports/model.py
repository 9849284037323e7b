"""The row every report format renders: one finding, located, never in clear."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One finding as reports see it: masked preview and keyed fingerprint only."""

    path: str  # file path (archive members as `a.zip!b.csv`), or `table.column`
    location: dict[str, str | int]  # e.g. {"line": 3, "column": 7}, {"sheet": "S", "cell": "B3"}
    entity_type: str
    score: float
    preview: str
    fingerprint: str
    why: str = ""  # short explanation (pattern, validator, context)
    end_location: dict[str, str | int] = field(default_factory=dict)
