"""The one finding type every stage after detection works with."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a finding was reported: which pattern, validator and context produced it."""

    recognizer: str
    pattern: str
    rung: str  # the rung of the score ladder (see recognizers.base.Ladder)
    validator: str | None = None  # e.g. "check digit ok (stdnum.jp.in_)"
    context: str | None = None  # e.g. "keyword 'マイナンバー' 12 chars before"
    notes: tuple[str, ...] = ()

    def as_text(self) -> str:
        bits = [f"{self.recognizer}/{self.pattern}", self.rung]
        if self.validator:
            bits.append(self.validator)
        if self.context:
            bits.append(self.context)
        bits.extend(self.notes)
        return "; ".join(bits)


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of personal data: type, exact span in the ORIGINAL text, score."""

    entity_type: str
    start: int
    end: int
    score: float
    text: str = field(repr=False)
    explanation: Explanation | None = field(default=None, compare=False)

    def as_dict(self, *, show_value: bool = False) -> dict:
        """JSON-ready dict; the raw value only when asked for."""
        d = {
            "entity_type": self.entity_type,
            "start": self.start,
            "end": self.end,
            "score": round(self.score, 4),
        }
        if show_value:
            d["text"] = self.text
        if self.explanation is not None:
            d["explanation"] = {k: v for k, v in asdict(self.explanation).items() if v}
        return d
