"""PERSON: names found by rules (`recognizer`), names of things and places that are no
persons (`things`, `places`), and the linear model that re-scores names in prose
(`model`, `model.json`)."""

from recognizers.person.recognizer import PersonRecognizer

__all__ = ["PersonRecognizer"]
