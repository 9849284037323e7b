"""PERSON: the recognizer (`recognizer`) and what it asks.

From the bottom up: the shared words and shapes (`vocabulary`), what the dictionaries
know of a word (`lexicon`), the cues around a name (`cues`); the finders: SudachiPy's
name tokens (`tokens`), names before an honorific or a title (`honorifics`), in Latin
letters (`romanized`), as values of cells and fields (`cells`), in prose (`prose`); names
of things and places that are no persons (`things`, `places`); joining the candidates
(`merging`); and the linear model that re-scores names in prose (`model`, `model.json`).
"""

from recognizers.person.recognizer import PersonRecognizer

__all__ = ["PersonRecognizer"]
