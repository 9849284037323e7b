"""Plain Presidio + GiNZA: the baseline mamoru is measured against.

"Plain" means what a user gets from Presidio's documentation for Japanese: an
`AnalyzerEngine` over spaCy `ja_ginza` (no English model, nothing downloaded), GiNZA's
NER labels mapped to Presidio entity names, the predefined recognizers Presidio has
for 'ja' (none ship in presidio-analyzer 2.2.366), and Presidio's language-agnostic
pattern recognizers (e-mail, credit card, IP, phone with region JP) instantiated for
'ja'. No Japanese keywords, normalization or check digits of mamoru's own.
"""

from __future__ import annotations

import os
from typing import Any

LANGUAGE = "ja"
MODEL = "ja_ginza"

# GiNZA (Sekine's extended named entities) label -> Presidio entity name. Places
# (Province, City, ...) are not mapped: a city named in prose is not an address.
GINZA_TO_PRESIDIO = {
    "Person": "PERSON",
    "Postal_Address": "JP_ADDRESS",
    "Phone_Number": "PHONE_NUMBER",
    "Email": "EMAIL_ADDRESS",
}
ENTITIES = ("PERSON", "JP_ADDRESS", "PHONE_NUMBER", "EMAIL_ADDRESS", "CREDIT_CARD", "IP_ADDRESS")


def keep_offline() -> None:
    """Stop tldextract (used by Presidio's e-mail check) from fetching its suffix list."""
    os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""


def build_analyzer() -> Any:
    """An `AnalyzerEngine` for Japanese with GiNZA; loads spaCy (seconds, ~1 GB)."""
    keep_offline()
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers import (
        CreditCardRecognizer,
        EmailRecognizer,
        IpRecognizer,
        PhoneRecognizer,
    )

    nlp_engine = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": LANGUAGE, "model_name": MODEL}],
            "ner_model_configuration": {
                "model_to_presidio_entity_mapping": GINZA_TO_PRESIDIO,
                "labels_to_ignore": [],
            },
        }
    ).create_engine()
    registry = RecognizerRegistry(supported_languages=[LANGUAGE])
    registry.load_predefined_recognizers(languages=[LANGUAGE], nlp_engine=nlp_engine)
    for recognizer in (
        EmailRecognizer(supported_language=LANGUAGE),
        CreditCardRecognizer(supported_language=LANGUAGE),
        IpRecognizer(supported_language=LANGUAGE),
        PhoneRecognizer(supported_language=LANGUAGE, supported_regions=("JP",)),
    ):
        registry.add_recognizer(recognizer)
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=[LANGUAGE])


def predict(analyzer: Any, text: str) -> list[dict]:
    """Findings in the scorer's format: entity_type, start, end, score."""
    results = analyzer.analyze(text=text, language=LANGUAGE, entities=list(ENTITIES))
    return [
        {"entity_type": r.entity_type, "start": r.start, "end": r.end, "score": r.score}
        for r in results
    ]


if __name__ == "__main__":
    import sys

    engine = build_analyzer()
    for line in sys.stdin:
        print(predict(engine, line.rstrip("\n")))
