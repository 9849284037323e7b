"""Presidio on both sides: mamoru recognizers inside Presidio, Presidio's inside mamoru.

- `build_analyzer_engine()` gives a Presidio `AnalyzerEngine` with a Japanese
  configuration that never downloads anything, every mamoru recognizer registered as a
  Presidio `EntityRecognizer`, and optionally recognizers from Presidio's YAML format.
- `recognizers_from_yaml(path)` loads Presidio recognizers (pattern, deny-list, or any
  Presidio class named in the YAML) and wraps each as a mamoru recognizer, so the fast
  engine runs them too (`mamoru analyze --recognizers FILE.yaml`).

This module imports Presidio (about 2 s): only code paths that ask for it load it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recognizers.base import Candidate, Document, Ladder, Recognizer
from scanner.document import Document as TextDocument
from scanner.engine import corroborate
from scanner.normalize import normalize

if TYPE_CHECKING:
    from presidio_analyzer import AnalyzerEngine, EntityRecognizer

LANGUAGE = "ja"


def offline() -> None:
    """Keep Presidio's e-mail validation (tldextract) from fetching the suffix list."""
    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")


def as_presidio(recognizer: Recognizer, context_window: int = 300) -> EntityRecognizer:
    """Wrap a mamoru recognizer as a Presidio `EntityRecognizer` (same findings)."""
    from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

    class MamoruRecognizer(EntityRecognizer):
        def load(self) -> None:
            """Nothing to load: patterns are compiled by the mamoru recognizer."""

        def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None):
            nt = normalize(text)
            doc = TextDocument(
                nt.text, {recognizer.entity: recognizer}, default_window=context_window
            )
            cands = list(recognizer.analyze(doc))
            corroborate(cands, {recognizer.entity: recognizer})
            results = []
            for c in cands:
                if c.valid is False or c.score <= 0:
                    continue
                start, end = nt.span(c.start, c.end)
                explanation = AnalysisExplanation(
                    recognizer=self.name,
                    original_score=c.score,
                    pattern_name=c.pattern,
                    validation_result=c.valid,
                    textual_explanation="; ".join(
                        x for x in (c.rung, c.validator, c.context, *c.notes) if x
                    ),
                )
                results.append(
                    RecognizerResult(
                        c.entity_type, start, end, c.score, analysis_explanation=explanation,
                        recognition_metadata={
                            RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                            # context is already in the score: Presidio must not add more
                            RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: True,
                        },
                    )
                )
            return results

    return MamoruRecognizer(
        supported_entities=[recognizer.entity],
        name=f"mamoru.{recognizer.name}",
        supported_language=LANGUAGE,
        context=list(recognizer.context),
    )


def build_analyzer_engine(
    *, yaml_path: str | Path | None = None, thorough: bool = False, context_window: int = 300
) -> AnalyzerEngine:
    """A Presidio `AnalyzerEngine` for Japanese with every mamoru recognizer registered.

    Without `thorough` the NLP engine is Presidio's no-op engine (nothing to download,
    nothing to load); with it, spaCy's `ja_ginza` (installed from PyPI) runs too.
    """
    offline()
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NoOpNlpEngine, SpacyNlpEngine

    from recognizers.registry import build_recognizers

    registry = RecognizerRegistry(supported_languages=[LANGUAGE])
    for rec in build_recognizers(thorough=thorough):
        registry.add_recognizer(as_presidio(rec, context_window))
    if yaml_path is not None:
        registry.add_recognizers_from_yaml(str(yaml_path))
    if thorough:
        nlp_engine = SpacyNlpEngine(models=[{"lang_code": LANGUAGE, "model_name": "ja_ginza"}])
    else:
        nlp_engine = NoOpNlpEngine(models=[{"lang_code": LANGUAGE, "model_name": "none"}])
    return AnalyzerEngine(
        registry=registry, nlp_engine=nlp_engine, supported_languages=[LANGUAGE]
    )


class PresidioRecognizer(Recognizer):
    """A Presidio recognizer run by the mamoru engine on the normalized text."""

    def __init__(self, presidio_recognizer: EntityRecognizer, entity: str) -> None:
        self.entity = entity
        self.name = presidio_recognizer.name
        self.context = tuple(presidio_recognizer.context or ())
        self._presidio = presidio_recognizer
        super().__init__()

    def analyze(self, doc: Document) -> Iterator[Candidate]:
        for r in self._presidio.analyze(doc.text, [self.entity], None):
            if r.entity_type != self.entity:
                continue
            context = self.find_context(doc, r.start, r.end) if self.context else None
            score = r.score
            rung = "PRESIDIO"
            if context and score < Ladder.SHAPE_WITH_CONTEXT:
                score, rung = Ladder.SHAPE_WITH_CONTEXT, "PRESIDIO_WITH_CONTEXT"
            explanation = r.analysis_explanation
            yield Candidate(
                self.entity, r.start, r.end, score,
                getattr(explanation, "pattern_name", None) or self.name, rung,
                context=context.description if context else None,
                value=doc.text[r.start : r.end],
            )


def recognizers_from_yaml(path: str | Path) -> list[Recognizer]:
    """Recognizers defined in Presidio's YAML registry format, as mamoru recognizers."""
    offline()
    from presidio_analyzer import RecognizerRegistry

    registry = RecognizerRegistry(supported_languages=[LANGUAGE])
    registry.add_recognizers_from_yaml(str(path))
    return [
        PresidioRecognizer(rec, entity)
        for rec in registry.recognizers
        for entity in rec.supported_entities
    ]
