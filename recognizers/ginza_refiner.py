"""GiNZA's named-entity recognizer as a second opinion on PERSON candidates.

GiNZA (`ja_ginza`) runs at about 2,000 characters per second and takes seconds to load,
so it is loaded on first use only and never runs on all text unless asked
(`everywhere=True`, the engine's `thorough` mode). Otherwise it reads small windows
around the candidates the first pass is unsure of, and a `Person` entity there raises
them to a reported rung.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Any

from recognizers.base import Candidate, Ladder
from recognizers.sudachi_tokens import pieces

UNSURE_RUNG = "CHECKED_ALONE"
_BREAKS = "\n。!?！？"


@cache
def _nlp() -> Any:
    import os

    # spaCy's entry points import presidio-analyzer, whose e-mail recognizer creates a
    # tldextract extractor at import: without this it would try to download its list.
    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
    import spacy

    return spacy.load("ja_ginza", exclude=["parser", "compound_splitter", "bunsetu_recognizer"])


class GinzaRefiner:
    """Confirms unsure names with GiNZA; with `everywhere`, also adds the names it finds."""

    def __init__(self, *, window: int = 40) -> None:
        self.window = window  # characters each side of an unsure candidate

    def persons(self, texts: list[tuple[int, str]]) -> list[tuple[int, int]]:
        """`Person` spans (absolute offsets) in (offset, text) pieces."""
        nlp = _nlp()
        found: list[tuple[int, int]] = []
        offsets = [offset for offset, _ in texts]
        for offset, doc in zip(offsets, nlp.pipe(t for _, t in texts), strict=True):
            found.extend(
                (offset + e.start_char, offset + e.end_char)
                for e in doc.ents
                if e.label_ == "Person"
            )
        return found

    def refine(self, text: str, cands: list[Candidate], *, everywhere: bool) -> list[Candidate]:
        """Candidates with unsure ones confirmed; `everywhere`, merged with GiNZA's names."""
        if everywhere:
            spans = self.persons(list(pieces(text, 4_000)))
            return _merged(text, cands, spans)
        unsure = [c for c in cands if c.rung == UNSURE_RUNG]
        if not unsure:
            return cands
        spans = self.persons([(s, text[s:e]) for s, e in self._windows(text, unsure)])
        return [self._confirmed(c, spans) if c.rung == UNSURE_RUNG else c for c in cands]

    def _windows(self, text: str, cands: list[Candidate]) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for c in cands:
            s = max(0, c.start - self.window)
            e = min(len(text), c.end + self.window)
            s = max([s] + [text.rfind(b, s, c.start) + 1 for b in _BREAKS])
            ends = [i for i in (text.find(b, c.end, e) for b in _BREAKS) if i >= 0]
            e = min(ends) + 1 if ends else e
            if out and s <= out[-1][1]:
                out[-1] = (out[-1][0], max(e, out[-1][1]))
            else:
                out.append((s, e))
        return out

    @staticmethod
    def _confirmed(c: Candidate, spans: list[tuple[int, int]]) -> Candidate:
        if any(s < c.end and c.start < e for s, e in spans):
            return replace(
                c, score=Ladder.LOW_CONTEXT, rung="LOW_CONTEXT", notes=(*c.notes, "GiNZA: Person")
            )
        return c


def _merged(text: str, cands: list[Candidate], spans: list[tuple[int, int]]) -> list[Candidate]:
    """Candidates below the threshold that GiNZA also reads as a name, raised and joined
    with GiNZA's span; reported candidates keep their span and score.

    A GiNZA name that overlaps no candidate at all (not even one below the threshold)
    holds no word SudachiPy tags as a name: GiNZA alone is wrong there more often than
    right (organizations, places, common nouns), so it is left out.
    """
    out = list(cands)
    for s, e in spans:
        hits = [c for c in out if c.start < e and s < c.end]
        if not hits:
            continue
        best = max(hits, key=lambda c: c.score)
        if best.score >= Ladder.LOW_CONTEXT:
            out[out.index(best)] = replace(best, notes=(*best.notes, "GiNZA: Person"))
            continue
        start = min([s, *(c.start for c in hits)])
        end = max([e, *(c.end for c in hits)])
        for c in hits:
            out.remove(c)
        out.append(
            replace(
                best,
                start=start,
                end=end,
                score=Ladder.LOW_CONTEXT,
                rung="LOW_CONTEXT",
                value=text[start:end],
                notes=(*best.notes, "GiNZA: Person"),
            )
        )
    return sorted(out, key=lambda c: (c.start, c.end))
