"""The recognizer contract: patterns and context words as class data, checks as validators.

A recognizer does not import Presidio: the fast engine runs it directly, and
`scanner.presidio_bridge` wraps the same object as a Presidio `EntityRecognizer`, so
start-up stays cheap and both paths give the same findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar, Protocol


class Ladder:
    """The score ladder. Every score a recognizer gives is one of these rungs.

    Default report threshold is 0.5: a check digit alone, or a shape alone, is kept
    for `--min-score` and `--explain` but not reported.
    """

    CHECKED_WITH_CONTEXT = 0.95  # check digit passes and a keyword or header is near
    DISTINCT_FORMAT = 0.9  # a format that is personal data by itself (e-mail, 〒 code)
    CORROBORATED = 0.8  # many values in one document or column, all passing the check
    SHAPE_WITH_CONTEXT = 0.75  # no check digit; right shape and a keyword or header
    FORMATTED = 0.7  # a valid number written the way people write it (03-1234-5678)
    LOW_CONTEXT = 0.6  # weaker combination, still reported
    CHECKED_ALONE = 0.4  # check digit passes, nothing else: not reported by default
    SHAPE_ALONE = 0.2  # right shape, nothing else: not reported by default


# Digit lookarounds: a span never takes or leaves a neighbour's digit (`\b` fails
# between kanji and digits). A hyphen or dot followed by a digit continues a number.
NO_DIGIT_AFTER = r"(?![0-9])(?![-.][0-9])"
# The guard before a number is placed right AFTER its first character (it looks back
# past it): a pattern that starts with a character class lets the regex engine skip
# ahead fast (about 5x faster than a leading lookbehind).
_GUARD_AFTER_FIRST = r"(?<![0-9].)(?<![0-9][-.].)"
_LETTER_GUARD_AFTER_FIRST = r"(?<![0-9A-Za-z].)(?<![0-9][-.].)"


def number(first: str, rest: str, *, letters_before: bool = False) -> str:
    """A number pattern: `first` (one character or class), then `rest`, guarded both sides."""
    guard = _LETTER_GUARD_AFTER_FIRST if letters_before else _GUARD_AFTER_FIRST
    return first + guard + rest + NO_DIGIT_AFTER


@dataclass(frozen=True, slots=True)
class Pattern:
    """A named regex over normalized text and the score it earns by shape alone."""

    name: str
    regex: str
    score: float = Ladder.SHAPE_ALONE
    needs: str | None = None  # a substring the text must contain for this pattern to run


@dataclass(frozen=True, slots=True)
class Context:
    """Why a match is in context: a keyword near it, a header, a mark (〒)."""

    description: str
    distance: int = 0  # effective distance of the keyword; 0 for headers and marks
    other_label: bool = False  # the nearest label names another kind of number


@dataclass(slots=True)
class Candidate:
    """A match before the engine maps it back to the original text."""

    entity_type: str
    start: int  # normalized offsets
    end: int
    score: float
    pattern: str
    rung: str
    validator: str | None = None
    context: str | None = None
    valid: bool | None = None  # outcome of the check digit, for evidence that adds up
    value: str = ""  # the normalized matched text (kept in memory only)
    notes: tuple[str, ...] = ()
    context_distance: int | None = None  # nearer keyword wins between equal scores
    recognizer: str = ""  # the recognizer's name, for explanations


class Document(Protocol):
    """What a recognizer may ask of the text it looks at (see scanner.document)."""

    text: str
    min_score: float  # the report threshold of this analysis

    def mentions_any(self, words: tuple[str, ...]) -> bool: ...

    def keyword_near(
        self, words: tuple[str, ...], start: int, end: int, window: int | None = None
    ) -> tuple[int, str] | None: ...

    def header_context(self, entity: str) -> str | None: ...

    def column_header(self, pos: int) -> str | None: ...

    def header_names(self, header: str, entity: str) -> bool: ...

    def column_cells(self, entity: str) -> Iterator[tuple[int, int, str]]: ...


class Recognizer:
    """Base for mamoru recognizers. Subclasses set class data and override `validate`."""

    entity: ClassVar[str]
    patterns: ClassVar[tuple[Pattern, ...]] = ()
    context: ClassVar[tuple[str, ...]] = ()  # keywords, matched case-insensitively
    context_window: ClassVar[int | None] = None  # chars each side; None = engine default
    # Words that name something else (a licence number next to a My Number): when one
    # of these is nearer than the keyword, the keyword does not count.
    anti_context: ClassVar[tuple[str, ...]] = ()
    # Words that count only in a header handed in from outside (column names).
    header_words: ClassVar[tuple[str, ...]] = ()
    # Other cues a context-requiring type looks for (used by `worth_running`).
    cues: ClassVar[tuple[str, ...]] = ()
    # Shape-only types are reported only with a keyword or header.
    requires_context: ClassVar[bool] = False
    # Check-digit types: this many distinct passing values, none failing, corroborate.
    corroborate_min: ClassVar[int] = 0
    validator_name: ClassVar[str | None] = None
    # The highest score a match can keep when a label of another kind of number is nearer
    # than every keyword (1.0: the ladder decides alone).
    other_label_cap: ClassVar[float] = 1.0
    # A cheap test on the normalized text: skip the patterns when it is False.
    needs: ClassVar[str | None] = None  # a character that must occur, e.g. "@"
    name: ClassVar[str] = ""

    def __init__(self) -> None:
        self._compiled = [(p, re.compile(p.regex)) for p in self.patterns]
        if not self.name:
            self.name = type(self).__name__

    # -- the three-valued check, as in Presidio's validate_result --------------------
    def validate(self, value: str) -> bool | None:
        """True: a check passed; False: drop; None: no check for this shape."""
        return None

    def invalidate(self, value: str, doc: Document, start: int, end: int) -> str | None:
        """A reason to drop a match that passed (a small named predicate), or None."""
        return None

    # -- scoring ---------------------------------------------------------------------
    def score(
        self, pattern: Pattern, valid: bool | None, context: Context | None, value: str
    ) -> tuple[float, str]:
        """Place a match on the ladder."""
        if valid is True:
            if context:
                return Ladder.CHECKED_WITH_CONTEXT, "CHECKED_WITH_CONTEXT"
            return Ladder.CHECKED_ALONE, "CHECKED_ALONE"
        if context:
            return max(pattern.score, Ladder.SHAPE_WITH_CONTEXT), "SHAPE_WITH_CONTEXT"
        if self.requires_context:
            return min(pattern.score, Ladder.SHAPE_ALONE), "SHAPE_ALONE"
        return pattern.score, "PATTERN"

    def find_context(self, doc: Document, start: int, end: int) -> Context | None:
        """A header naming this type, else the nearest keyword in the window.

        When a label of another kind of number (anti_context) is nearer than every
        keyword, the match belongs to that label: `other_label` says so.
        """
        header = doc.header_context(self.entity)
        if header:
            return Context(header)
        column = doc.column_header(start)
        if column is not None and doc.header_names(column, self.entity):
            return Context(f"column '{column}'")
        near = doc.keyword_near(self.context, start, end, self.context_window)
        if self.anti_context:
            other = doc.keyword_near(self.anti_context, start, end, self.context_window)
            if other is not None and (near is None or other[0] < near[0] or self._anti_word(
                other, near
            )):
                return Context(f"{other[1]} names another number", other[0], other_label=True)
        return Context(near[1], near[0]) if near else None

    def _anti_word(self, other: tuple[int, str], near: tuple[int, str]) -> bool:
        """One occurrence found by both lists (`天皇誕生日` holds `誕生日`): it names
        another thing when the word itself is an anti-context word."""
        if other != near:
            return False
        word = near[1].split("'")[1].lower() if near[1].count("'") >= 2 else ""
        return word in {w.lower() for w in self.anti_context}

    def worth_running(self, doc: Document) -> bool:
        """False when nothing this recognizer could find would reach the threshold.

        A type that needs a keyword is skipped in a text that mentions none of its
        keywords and has no header naming it: the cheapest pass is the one not made.
        """
        if self.needs and self.needs not in doc.text:
            return False
        if self.requires_context and doc.min_score > Ladder.SHAPE_ALONE:
            return bool(
                doc.header_context(self.entity) or doc.mentions_any(self.context + self.cues)
            )
        return True

    def analyze(self, doc: Document) -> Iterator[Candidate]:
        """Yield every candidate, including those whose check failed (valid=False)."""
        text = doc.text
        if not self.worth_running(doc):
            return
        for pattern, rx in self._compiled:
            if pattern.needs and pattern.needs not in text:
                continue
            for m in rx.finditer(text):
                start, end = m.span("v") if "v" in rx.groupindex else m.span()
                value = text[start:end]
                valid = self.validate(value)
                if valid is False:
                    yield self._rejected(pattern, start, end, value)
                    continue
                reason = self.invalidate(value, doc, start, end)
                if reason:
                    continue
                yield self.candidate(doc, pattern, start, end, value, valid)

    def candidate(
        self, doc: Document, pattern: Pattern, start: int, end: int, value: str,
        valid: bool | None,
    ) -> Candidate:
        """Score one match: context, ladder rung, explanation."""
        context = self.find_context(doc, start, end)
        if context is not None and context.other_label:
            score, rung = self.score(pattern, valid, None, value)
            score = min(score, self.other_label_cap)
            rung = "OTHER_LABEL" if score < doc.min_score else rung
        else:
            score, rung = self.score(pattern, valid, context, value)
        return Candidate(
            self.entity, start, end, score, pattern.name, rung,
            validator=self._validator_note(valid, value),
            context=context.description if context else None, valid=valid, value=value,
            context_distance=context.distance if context else None, recognizer=self.name,
        )

    def check_name(self, value: str) -> str | None:
        """The check that decided `value`, as the explanation names it."""
        return self.validator_name

    def _rejected(self, pattern: Pattern, start: int, end: int, value: str) -> Candidate:
        return Candidate(
            self.entity, start, end, 0.0, pattern.name, "REJECTED",
            validator=f"rejected by {self.check_name(value)}", valid=False,
        )

    def _validator_note(self, valid: bool | None, value: str) -> str | None:
        name = self.check_name(value) if valid is True else None
        return f"check ok ({name})" if name else None


class ShapeOnlyRecognizer(Recognizer):
    """Identifiers with no published check digit: reported only with a keyword or header."""

    requires_context = True
    context_window = 60


_DROP_NON_DIGITS = {c: None for c in range(128) if not chr(c).isdigit()}


def digits(value: str) -> str:
    """The digits of a normalized value (normalized values have ASCII digits only)."""
    return value.translate(_DROP_NON_DIGITS)
