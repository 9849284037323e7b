"""The detection engine: normalized text -> recognizers -> evidence -> findings.

An `Engine` loads its recognizers once and serves many calls. It runs mamoru's
recognizers directly (no spaCy, no Presidio import) so that a one-line analysis starts
fast; `scanner.presidio_bridge` serves the same recognizers through Presidio's
`AnalyzerEngine` for users who want Presidio's registry and YAML configuration.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from recognizers.base import Candidate, Ladder, Recognizer
from scanner.document import Document, Vocabulary
from scanner.findings import Explanation, Finding
from scanner.normalize import NormalizedText, normalize

DEFAULT_MIN_SCORE = 0.5
# Longest span any recognizer may produce; chunk overlaps must exceed it.
MAX_SPAN = 512


@dataclass(frozen=True, slots=True)
class EngineConfig:
    """Settings passed down, never global."""

    context_window: int = 300
    min_score: float = DEFAULT_MIN_SCORE
    entities: frozenset[str] | None = None  # None: every registered type
    chunk_chars: int = 1 << 20
    thorough: bool = False  # run GiNZA on all text (names and addresses)
    extra_recognizers: tuple[Recognizer, ...] = field(default=())


class Engine:
    """Loads recognizers once; `analyze` many texts."""

    def __init__(self, config: EngineConfig | None = None) -> None:
        from recognizers.registry import build_recognizers

        self.config = config or EngineConfig()
        recs = build_recognizers(thorough=self.config.thorough)
        recs.extend(self.config.extra_recognizers)
        if self.config.entities is not None:
            recs = [r for r in recs if r.entity in self.config.entities]
        self.recognizers: dict[str, Recognizer] = {}
        self._order: list[Recognizer] = []
        for rec in recs:
            self.recognizers.setdefault(rec.entity, rec)
            self._order.append(rec)
        self._vocabulary = Vocabulary(self._order)

    @property
    def entities(self) -> list[str]:
        return sorted(self.recognizers)

    # -- public API ----------------------------------------------------------------
    def analyze(
        self,
        text: str,
        *,
        entities: Iterable[str] | None = None,
        min_score: float | None = None,
        context: Sequence[str] | str | None = None,
    ) -> list[Finding]:
        """Findings in `text`, with offsets into `text` itself."""
        batch = self.analyze_batch([text], entities=entities, min_score=min_score, context=context)
        return batch[0]

    def analyze_batch(
        self,
        texts: Sequence[str],
        *,
        entities: Iterable[str] | None = None,
        min_score: float | None = None,
        context: Sequence[str] | str | None = None,
    ) -> list[list[Finding]]:
        """Analyze texts that belong together (one column, one document's fields).

        Evidence adds up across the batch: many values that all pass a check digit
        corroborate each other even without a keyword.
        """
        wanted = self._wanted(entities)
        headers = _headers(context)
        floor = self.config.min_score if min_score is None else min_score
        per_text: list[list[tuple[NormalizedText, Candidate]]] = []
        for text in texts:
            per_text.append(list(self._candidates(text, wanted, headers, floor)))
        corroborate(
            [c for cands in per_text for _, c in cands], self.recognizers
        )
        return [_finish(cands, floor) for cands in per_text]

    def iter_stream(
        self,
        read: Callable[[int], str],
        *,
        entities: Iterable[str] | None = None,
        min_score: float | None = None,
        context: Sequence[str] | str | None = None,
    ) -> Iterator[Finding]:
        """Findings from a text read piece by piece (bounded memory), absolute offsets."""
        wanted = self._wanted(entities)
        headers = _headers(context)
        floor = self.config.min_score if min_score is None else min_score
        margin = self.config.context_window + MAX_SPAN
        size = self.config.chunk_chars
        buf = ""
        base = 0  # absolute offset of buf[0]
        owned_from = 0  # findings starting before this (absolute) were already emitted
        eof = False
        while not eof:
            piece = read(size)
            eof = not piece
            buf += piece
            if not eof and len(buf) < size + 2 * margin:
                continue
            own_end = len(buf) if eof else len(buf) - margin
            yield from self._window_findings(buf, base, owned_from, own_end, wanted, headers, floor)
            owned_from = base + own_end
            keep_from = max(0, own_end - margin)
            base += keep_from
            buf = buf[keep_from:]

    # -- internals -----------------------------------------------------------------
    def _wanted(self, entities: Iterable[str] | None) -> list[Recognizer]:
        if entities is None:
            return self._order
        want = set(entities)
        unknown = want - set(self.recognizers)
        if unknown:
            raise ValueError(f"unknown entity types: {', '.join(sorted(unknown))}")
        return [r for r in self._order if r.entity in want]

    def _candidates(
        self, text: str, wanted: list[Recognizer], headers: tuple[str, ...], floor: float
    ) -> Iterator[tuple[_Shifted, Candidate]]:
        if len(text) <= self.config.chunk_chars:
            yield from self._run(text, 0, wanted, headers, floor)
            return
        # Long texts: overlapping windows, each finding owned by exactly one window.
        margin = self.config.context_window + MAX_SPAN
        size = self.config.chunk_chars
        for own_start in range(0, len(text), size):
            own_end = min(len(text), own_start + size)
            lo = max(0, own_start - margin)
            hi = min(len(text), own_end + margin)
            for nt, cand in self._run(text[lo:hi], lo, wanted, headers, floor):
                if own_start <= nt.span(cand.start, cand.end)[0] < own_end:
                    yield nt, cand

    def _run(
        self,
        text: str,
        offset: int,
        wanted: list[Recognizer],
        headers: tuple[str, ...],
        floor: float,
    ) -> Iterator[tuple[_Shifted, Candidate]]:
        nt = normalize(text)
        doc = Document(
            blank_long_digit_runs(nt.text), self.recognizers, headers=headers,
            default_window=self.config.context_window, min_score=floor,
            vocabulary=self._vocabulary,
        )
        shifted = _Shifted(nt, offset)
        for rec in wanted:
            for cand in rec.analyze(doc):
                yield shifted, cand

    def _window_findings(
        self,
        buf: str,
        base: int,
        owned_from: int,
        own_end: int,
        wanted: list[Recognizer],
        headers: tuple[str, ...],
        floor: float,
    ) -> Iterator[Finding]:
        cands = list(self._run(buf, base, wanted, headers, floor))
        corroborate([c for _, c in cands], self.recognizers)
        for f in _finish(cands, floor):
            if owned_from <= f.start < base + own_end:
                yield f


class _Shifted:
    """A NormalizedText whose original offsets are shifted by a slice's start."""

    __slots__ = ("nt", "offset")

    def __init__(self, nt: NormalizedText, offset: int) -> None:
        self.nt = nt
        self.offset = offset

    def span(self, start: int, end: int) -> tuple[int, int]:
        s, e = self.nt.span(start, end)
        return s + self.offset, e + self.offset

    def original_text(self, start: int, end: int) -> str:
        s, e = self.nt.span(start, end)
        return self.nt.original[s:e]


# No identifier fits inside a run of 64+ digits (every pattern refuses a neighbouring
# digit), so such runs are blanked before the recognizers run.
_LONG_DIGIT_RUN = re.compile(r"[0-9]{64,}")


def blank_long_digit_runs(text: str) -> str:
    """The text with long digit runs replaced by '#' (same length: offsets hold)."""
    if _LONG_DIGIT_RUN.search(text) is None:
        return text
    return _LONG_DIGIT_RUN.sub(lambda m: "#" * len(m.group()), text)


def _headers(context: Sequence[str] | str | None) -> tuple[str, ...]:
    if context is None:
        return ()
    if isinstance(context, str):
        return (context,)
    return tuple(context)


def corroborate(cands: list[Candidate], recognizers: dict[str, Recognizer]) -> None:
    """Raise check-digit-only matches when many in one batch all pass and none fail."""
    by_type: dict[str, list[Candidate]] = defaultdict(list)
    for c in cands:
        rec = recognizers.get(c.entity_type)
        if rec is not None and rec.corroborate_min and c.valid is not None:
            by_type[c.entity_type].append(c)
    for entity, group in by_type.items():
        need = recognizers[entity].corroborate_min
        if any(c.valid is False for c in group):
            continue
        alone = [c for c in group if c.rung == "CHECKED_ALONE"]
        if len({c.value for c in alone}) < need:
            continue
        for c in alone:
            c.score = Ladder.CORROBORATED
            c.rung = "CORROBORATED"
            c.notes = (*c.notes, f"{len(group)} values in this batch all pass the check")


def _finish(cands: list[tuple[_Shifted, Candidate]], floor: float) -> list[Finding]:
    """Drop low scores, resolve overlaps (higher score, then longer span), map back."""
    kept = [
        (*nt.span(c.start, c.end), nt, c)
        for nt, c in cands
        if c.score >= floor and c.valid is not False
    ]
    kept.sort(key=lambda k: (k[0], k[1]))
    out: list[Finding] = []
    for start, end, nt, c in _without_overlaps(kept):
        out.append(
            Finding(
                c.entity_type, start, end, c.score, nt.original_text(c.start, c.end),
                Explanation(
                    recognizer=c.recognizer or c.entity_type, pattern=c.pattern, rung=c.rung,
                    validator=c.validator, context=c.context, notes=c.notes,
                ),
            )
        )
    return out


def _without_overlaps(kept: list[tuple]) -> Iterator[tuple]:
    """From spans sorted by start, keep per cluster of overlapping spans the best ones.

    Best = higher score, then longer span; most spans overlap nothing and pass straight.
    """
    i, n = 0, len(kept)
    while i < n:
        j, reach = i + 1, kept[i][1]
        while j < n and kept[j][0] < reach:
            reach = max(reach, kept[j][1])
            j += 1
        if j == i + 1:
            yield kept[i]
        else:
            yield from _best_disjoint(kept[i:j])
        i = j


def _distance(c: Candidate) -> int:
    return c.context_distance if c.context_distance is not None else 10**9


def _best_disjoint(cluster: list[tuple]) -> list[tuple]:
    ranked = sorted(cluster, key=lambda k: (-k[3].score, _distance(k[3]), k[0] - k[1], k[0]))
    chosen: list[tuple] = []
    for k in ranked:
        if all(k[1] <= c[0] or c[1] <= k[0] for c in chosen):
            chosen.append(k)
    chosen.sort(key=lambda k: (k[0], k[1]))
    return chosen


_DEFAULT: Engine | None = None


def default_engine() -> Engine:
    """The process-wide engine behind `scanner.analyze`, built on first use."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Engine()
    return _DEFAULT
