"""Column classification: the column's name plus its sampled values, scored by fixed rules.

Values. Every non-null value of a column is turned into text (`scanner.dbscan.values`)
and the values of one column are analyzed together (`scanner.dbscan.batch`, the same
findings as `Engine.analyze_batch(values, context=[column name, its words])`), each
distinct value once: the name is header context for the recognizers, and check-digit
evidence adds up across the column. A value
*matches* a type when the engine finds that type in it at `VALUE_FLOOR` (0.5) or more.
For each type:

- `share` = matching values / non-null values examined (as Google Cloud DLP data
  profiles and Amazon Macie report the share of sampled values);
- `value score` = mean over matching values of their best finding score.

Column score, per type found (capped at 0.99):

- structured column: value score minus a share penalty: 0 when share >= 0.8, 0.05 when
  >= 0.5, 0.15 when >= 0.2, 0.3 below (a type found in a few values of a code column is
  probably a coincidence);
- free-text column (JSON, or a name such as notes/memo/備考/comment, or values averaging
  more than `FREE_TEXT_CHARS` characters): the best finding score, no share penalty:
  personal data in a few notes is still personal data;
- the name points at the same type (`scanner.dbscan.names`): + `NAME_BONUS` (0.1);
- the name alone, with no matching value, gives the name's strength (0.6 strong, 0.4
  weak) for types values rarely prove (`NAME_DECIDES`: names, addresses, birth dates),
  and 0.2 less for the others (a `tel` column whose values are no phone numbers is
  not reported at the default 0.5). A column with no non-null value gets no verdict.

Confidence: high >= 0.85, medium >= 0.65, else low. Only masked previews (at most
`PREVIEWS`) and keyed fingerprints (at most `FINGERPRINT_CAP` distinct) are kept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from scanner.dbscan.batch import analyze_values
from scanner.dbscan.catalog import DATE, JSON_KIND, SKIP, ColumnInfo
from scanner.dbscan.names import header_context, name_signal, words_of
from scanner.dbscan.values import as_text
from scanner.privacy import fingerprint, preview

if TYPE_CHECKING:
    from scanner.engine import Engine

VALUE_FLOOR = 0.5
NAME_BONUS = 0.1
NAME_ONLY_DISCOUNT = 0.2
MAX_SCORE = 0.99
FREE_TEXT_CHARS = 64
PREVIEWS = 3
FINGERPRINT_CAP = 1000
NAME_DECIDES = frozenset({"PERSON", "JP_ADDRESS", "DATE_OF_BIRTH"})
SHARE_PENALTIES = ((0.8, 0.0), (0.5, 0.05), (0.2, 0.15), (0.0, 0.3))
FREE_TEXT_WORDS = frozenset({
    "note", "notes", "memo", "memos", "comment", "comments", "remark", "remarks",
    "description", "body", "content", "contents", "message", "text", "detail", "details",
    "json", "payload", "biko", "bikou", "log",
})
FREE_TEXT_JAPANESE = ("備考", "メモ", "コメント", "内容", "本文", "詳細", "摘要", "特記")


@dataclass(slots=True)
class EntityTally:
    values: int = 0  # values with at least one finding of this type
    findings: int = 0
    score_sum: float = 0.0  # sum over those values of their best score
    best: float = 0.0
    previews: list[str] = field(default_factory=list)
    fingerprints: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class Verdict:
    """One type found in one column."""

    column: str
    data_type: str
    entity_type: str
    share: float
    score: float
    confidence: str
    basis: str  # "values" | "name" | "name+values"
    examined: int  # non-null values looked at
    matched: int
    findings: int
    free_text: bool
    previews: tuple[str, ...]
    fingerprints: tuple[str, ...]


def scans_values(col: ColumnInfo) -> bool:
    """Whether a column's values are read at all (dates only in birth-date columns)."""
    if col.kind == SKIP:
        return False
    if col.kind == DATE:
        signal = name_signal(col.name)
        return signal is not None and signal.entity_type == "DATE_OF_BIRTH"
    return True


class ColumnClassifier:
    """Takes a column's values batch by batch; memory stays bounded."""

    def __init__(self, engine: Engine, key: bytes, col: ColumnInfo) -> None:
        self.engine = engine
        self.key = key
        self.col = col
        self.signal = name_signal(col.name)
        self.context = header_context(col.name)
        self.examined = 0
        self.nulls = 0
        self.undecodable = 0  # binary content that is not text
        self.chars = 0
        self.tallies: dict[str, EntityTally] = {}

    def add(self, values: Iterable[object]) -> None:
        texts: list[str] = []
        for value in values:
            if value is None:
                self.nulls += 1
                continue
            text = as_text(value)
            if text is None:
                self.undecodable += 1
                continue
            texts.append(text)
        if not texts:
            return
        self.examined += len(texts)
        self.chars += sum(len(t) for t in texts)
        counts = Counter(texts)  # each distinct value is analyzed once
        distinct = list(counts)
        batches = analyze_values(self.engine, distinct, context=self.context,
                                 min_score=VALUE_FLOOR)
        for text, findings in zip(distinct, batches, strict=True):
            times = counts[text]
            best: dict[str, float] = {}
            for f in findings:
                tally = self.tallies.setdefault(f.entity_type, EntityTally())
                tally.findings += times
                best[f.entity_type] = max(best.get(f.entity_type, 0.0), f.score)
                self._keep(tally, f.text, f.entity_type)
            for entity, score in best.items():
                tally = self.tallies[entity]
                tally.values += times
                tally.score_sum += score * times
                tally.best = max(tally.best, score)

    def _keep(self, tally: EntityTally, text: str, entity: str) -> None:
        if len(tally.fingerprints) < FINGERPRINT_CAP:
            fp = fingerprint(text, self.key, entity)
            if fp not in tally.fingerprints:
                tally.fingerprints.add(fp)
                masked = preview(text, entity)
                if len(tally.previews) < PREVIEWS and masked not in tally.previews:
                    tally.previews.append(masked)

    @property
    def free_text(self) -> bool:
        if self.col.kind == JSON_KIND:
            return True
        words = set(words_of(self.col.name))
        if words & FREE_TEXT_WORDS or any(w in self.col.name for w in FREE_TEXT_JAPANESE):
            return True
        return self.examined > 0 and self.chars / self.examined > FREE_TEXT_CHARS

    def verdicts(self) -> list[Verdict]:
        """Every type found, highest score first (see the module docstring for the rules)."""
        if self.examined == 0:
            return []
        free = self.free_text
        out = [self._verdict(entity, tally, free) for entity, tally in self.tallies.items()]
        signal = self.signal
        if signal is not None and signal.entity_type not in self.tallies:
            out.append(self._verdict(signal.entity_type, EntityTally(), free))
        out.sort(key=lambda v: (-v.score, v.entity_type))
        return out

    def _verdict(self, entity: str, tally: EntityTally, free: bool) -> Verdict:
        share = tally.values / self.examined
        named = self.signal is not None and self.signal.entity_type == entity
        score = 0.0
        if tally.values:
            score = tally.best if free else tally.score_sum / tally.values - _penalty(share)
            if named:
                score += NAME_BONUS
        if named:
            strength = self.signal.strength
            name_only = strength if entity in NAME_DECIDES else strength - NAME_ONLY_DISCOUNT
            score = max(score, name_only)
        basis = "name+values" if named and tally.values else ("name" if named else "values")
        score = round(min(MAX_SCORE, score), 4)
        return Verdict(
            column=self.col.name, data_type=self.col.data_type, entity_type=entity,
            share=round(share, 4), score=score, confidence=confidence(score), basis=basis,
            examined=self.examined, matched=tally.values, findings=tally.findings,
            free_text=free, previews=tuple(tally.previews),
            fingerprints=tuple(sorted(tally.fingerprints)),
        )


def _penalty(share: float) -> float:
    for floor, penalty in SHARE_PENALTIES:
        if share >= floor:
            return penalty
    return SHARE_PENALTIES[-1][1]


def confidence(score: float) -> str:
    if score >= 0.85:
        return "high"
    if score >= 0.65:
        return "medium"
    return "low"

