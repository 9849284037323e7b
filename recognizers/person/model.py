"""A linear model that re-scores names found in prose, where no label or honorific decides.

The rules of `recognizers.person` find candidates (a surname before a particle, a
katakana word SudachiPy tags as a name, a full name standing alone); whether such a word
is a person or a place, a company, a ship or a band is decided here from the characters
and words around it, SudachiPy's dictionary and chiVe's word vectors
(`recognizers.word_vectors`: a carmaker lies near carmakers). Logistic regression over
sparse binary features and the vectors, in two stages: a first one on features that cost
little decides alone where it is sure; where it is unsure, a second one also weighs
SudachiPy's entries of the word and the words around it, tokenized, and their vectors.
The weights ship in `model.json`, trained by `benchmarks/train_person_model.py` on
public annotated text (see its docstring and the file's `about`). Names with a label, an
honorific, a title or a family word (真田家) are never re-scored, nor is the surname of a
full name where it recurs alone: it follows its full name (`merging.same_person`).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING

from recognizers.base import Candidate, Ladder
from recognizers.names_dict import name_dictionary
from recognizers.person.vocabulary import PART_SEPARATORS
from recognizers.sudachi_tokens import context_words, dictionary_class, entries, words

if TYPE_CHECKING:
    import numpy as np

MODEL_PATH = Path(__file__).with_name("model.json")
# Patterns of names found in prose without a label, an honorific or a title.
RESCORED = frozenset({
    "full name", "surname in prose", "surname alone", "foreign name in prose",
    "foreign name alone", "given name in prose", "given name alone",
    "Chinese or Korean name",
    "katakana word in prose",
})
# A kanji word ending in a temple, a castle, a shop, a theatre, a company or an army
# (東大寺, 龍泉寺城, 白木屋, 玄光社) names a place or a body, not a person.
_BODY_END = frozenset("寺城屋座楼社軍")
_KANJI_WORD = re.compile(r"[々〆ヶ\u4e00-\u9fff]+")
_WORD_HEAD = re.compile(r"[々〆ヶ\u4e00-\u9fff]{1,4}|[ァ-ヺー]{1,8}|[ぁ-ゖ]{1,3}")
# Characters on each side of a name that the second stage tokenizes, and how many of the
# nearest nouns and verbs on each side it also weighs by their word vectors.
_CONTEXT_CHARS = 20
_CONTEXT_WORDS = 3
# Dense features: the name's vector, whether chiVe knows it, its parts' mean vector; then,
# in the second stage, the mean vectors of the nouns and verbs before and after it. numpy
# and the vectors are loaded when a name is first re-scored, not when mamoru starts.
_WIDTH = 300  # chiVe's, `word_vectors.DIMENSIONS`
OWN_DIMENSIONS = 2 * _WIDTH + 1
CONTEXT_DIMENSIONS = OWN_DIMENSIONS + 2 * _WIDTH
_WORD_TAIL = re.compile(r"(?:[々〆ヶ\u4e00-\u9fff]{1,4}|[ァ-ヺー]{1,8}|[ぁ-ゖ]{1,3})$")


def _char_class(ch: str) -> str:
    if not ch:
        return "edge"
    if "\u4e00" <= ch <= "\u9fff" or ch in "々〆ヶ":
        return "kanji"
    if "ァ" <= ch <= "ヺ" or ch == "ー":
        return "kata"
    if "ぁ" <= ch <= "ゖ":
        return "hira"
    if ch.isascii() and ch.isalpha():
        return "latin"
    if ch.isdigit():
        return "digit"
    return "punct" if not ch.isspace() else "space"


@lru_cache(maxsize=1 << 15)
def _script(value: str) -> str:
    return "+".join(sorted({_char_class(ch) for ch in value if ch not in "・= "}))


@lru_cache(maxsize=1 << 15)
def _dict_class(word: str) -> str:
    return dictionary_class(word) if word else "none"


@lru_cache(maxsize=1 << 15)
def _own_features(value: str, pattern: str, score: float) -> tuple[tuple[str, ...], ...]:
    """The features of a candidate that depend on it alone, in four runs (see `features`)."""
    names = name_dictionary()
    parts = [p for p in PART_SEPARATORS.split(value) if p]
    return (
        (
            f"pat={pattern}", f"score={score}", f"script={_script(value)}",
            f"len={min(len(value), 9)}", f"parts={min(len(parts), 3)}",
        ),
        (
            f"first={value[:1]}", f"last={value[-1:]}", f"last2={value[-2:]}",
            f"dict={_dict_class(value)}",
        ),
        (
            f"sur={parts[0] in names.surnames}", f"given={parts[-1] in names.given_names}",
            *dict.fromkeys(f"part_dict={_dict_class(p)}" for p in parts[:4]),
        ),
        tuple(dict.fromkeys("vb=" + value[i : i + 2] for i in range(len(value) - 1))),
    )


def features(text: str, start: int, end: int, pattern: str, score: float) -> list[str]:
    """Binary features of one candidate: its pattern and rung, its shape, its neighbours.
    Each once, in a fixed order: features of different kinds (`b1=`, `lb=`) never
    coincide, so repeats are dropped within a kind (`lb=` pairs, `part_dict=`)."""
    own, ends, parts, pairs = _own_features(text[start:end], pattern, score)
    before = text[max(0, start - 2) : start]
    after = text[end : end + 3]
    a1 = after[:1]
    head = _WORD_HEAD.match(text, end)
    tail = _WORD_TAIL.search(text, max(0, start - 8), start)
    left, right = text[max(0, start - 8) : start], text[end : end + 8]
    out = [
        *own, f"b1={before[-1:]}", f"b2={before}", f"a1={a1}", f"a2={after[:2]}",
        f"a3={after}", f"b1c={_char_class(before[-1:])}", f"a1c={_char_class(a1)}",
        *ends, f"aw={head.group() if head else ''}",
        f"bw={tail.group()[-3:] if tail else ''}", f"pat*a1={pattern}|{a1}", *parts,
        *dict.fromkeys("lb=" + left[i : i + 2] for i in range(len(left) - 1)),
        *dict.fromkeys("rb=" + right[i : i + 2] for i in range(len(right) - 1)),
        *pairs,
    ]
    if "「" in text[max(0, start - 12) : start] and "」" in text[end : end + 12]:
        out.append("quoted")
    return out


@lru_cache(maxsize=1 << 14)
def _entries(word: str) -> str:
    return entries(word)


@lru_cache(maxsize=1 << 14)
def _units(word: str) -> tuple[str, ...]:
    """The words SudachiPy splits a name into: their count and parts of speech."""
    ws = words(word)
    units = (f"unit={pos}{'-oov' if oov else ''}" for _, _, _, pos, oov in ws)
    return (f"units={min(len(ws), 4)}", *units)


def context_features(text: str, start: int, end: int) -> tuple[list[str], np.ndarray]:
    """Features of the second stage, dearer to compute: SudachiPy's entries of the name and
    its parts, the words it splits into, and the words of the 20 characters on each side
    (the two before and three after it, and every noun and verb); with the name's own
    vector (`own_vector`), the mean vectors of the three nearest nouns and verbs on each
    side."""
    value = text[start:end]
    parts = [p for p in PART_SEPARATORS.split(value) if p]
    out = [f"ent={_entries(value)}", *(f"pent={_entries(p)}" for p in parts[:4])]
    out += _units(value)
    base = max(0, start - _CONTEXT_CHARS)
    window = text[base : end + _CONTEXT_CHARS]
    lo, hi = start - base, end - base
    left: list[str] = []
    right: list[str] = []
    left_words: list[str] = []
    right_words: list[str] = []
    for w_start, w_end, form, content in context_words(window):
        if w_end <= lo:
            left.append(form)
            if content:
                out.append("Lw=" + form)
                left_words.append(window[w_start:w_end])
        elif w_start >= hi:
            if len(right) < 3:
                right.append(form)
            if content:
                out.append("Rw=" + form)
                right_words.append(window[w_start:w_end])
    out += [f"L{i}={form}" for i, form in enumerate(reversed(left[-2:]), 1)]
    out += [f"R{i}={form}" for i, form in enumerate(right, 1)]
    import numpy as np

    from recognizers.word_vectors import word_vectors

    vectors = word_vectors()
    dense = np.concatenate((
        own_vector(value),
        vectors.mean(left_words[-_CONTEXT_WORDS:]),
        vectors.mean(right_words[:_CONTEXT_WORDS]),
    ))
    return out, dense


@lru_cache(maxsize=1 << 14)
def own_vector(value: str) -> np.ndarray:
    """The first stage's dense features: chiVe's vector of the name (zeros when unknown),
    whether chiVe knows it, and the mean vector of its parts (`ジョン・レノン`)."""
    import numpy as np

    from recognizers.word_vectors import word_vectors

    vectors = word_vectors()
    row = vectors.row(value)
    whole = vectors.unit[row] if row >= 0 else np.zeros(_WIDTH, dtype=np.float32)
    parts = [p for p in PART_SEPARATORS.split(value) if p][:3]
    return np.concatenate((whole, [float(row >= 0)], vectors.mean(parts)), dtype=np.float32)


def names_a_body(value: str) -> bool:
    """A kanji word ending in 寺, 城, 屋, 座, 楼, 社 or 軍: never re-scored as a person."""
    return bool(value) and value[-1] in _BODY_END and _KANJI_WORD.fullmatch(value) is not None


@dataclass(frozen=True, slots=True)
class _Stage:
    bias: float
    threshold: float
    weights: dict[str, float]
    dense: np.ndarray  # of the word vectors: `own_vector`'s, then (second) the context's

    def logit(self, feats: list[str], vector: np.ndarray) -> float:
        sparse = sum(map(self.weights.get, feats, repeat(0.0)))
        return self.bias + sparse + float(vector @ self.dense)


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def _model() -> tuple[_Stage, float, _Stage]:
    """The first stage, the low end of its uncertain band and the second stage: the first
    decides alone at or above its threshold (a name) and below `low` (none)."""
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    second = data["context"]
    return (
        _Stage(data["bias"], data["threshold"], data["weights"], _dense(data["dense"])),
        data["low"],
        _Stage(second["bias"], second["threshold"], second["weights"], _dense(second["dense"])),
    )


def _dense(weights: list[float]) -> np.ndarray:
    import numpy as np

    return np.asarray(weights, dtype=np.float32)


def probability(text: str, cand: Candidate) -> tuple[float, bool]:
    """The name's probability and whether it is at or above the threshold: the first
    stage's, or where that falls in the uncertain band, the second stage's, which also
    weighs the words around (`context_features`)."""
    first, low, second = _model()
    feats = features(text, cand.start, cand.end, cand.pattern, cand.score)
    p = _sigmoid(first.logit(feats, own_vector(text[cand.start : cand.end])))
    if not low <= p < first.threshold:
        return p, p >= first.threshold
    context, vector = context_features(text, cand.start, cand.end)
    p = _sigmoid(second.logit(feats + context, vector))
    return p, p >= second.threshold


def rescore(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Names in prose the model believes reported at LOW_CONTEXT (a full name stays at
    FORMATTED), the others kept below the report threshold at CHECKED_ALONE."""
    for cand in cands:
        if cand.pattern not in RESCORED or cand.score > Ladder.FORMATTED:
            continue  # a cue or a title inside it raised it (its notes say which)
        p, name = (0.0, False) if names_a_body(cand.value) else probability(text, cand)
        if name:
            score = max(cand.score, Ladder.LOW_CONTEXT)
            rung = "FORMATTED" if score == Ladder.FORMATTED else "LOW_CONTEXT"
        else:
            score = min(cand.score, Ladder.CHECKED_ALONE)
            rung = "CHECKED_ALONE" if score == Ladder.CHECKED_ALONE else "SHAPE_ALONE"
        if score != cand.score:
            cand.notes = (*cand.notes, f"name model p={p:.2f}")
        cand.score, cand.rung = score, rung
    return cands
