"""The windows SudachiPy tokenizes: where a cue, a kanji run that may hold a name, or
katakana that may be one stands, found by regexes and set look-ups."""

from __future__ import annotations

import re

from recognizers.names_dict import NameDictionary
from recognizers.person.lexicon import (
    given_prefixes,
    katakana_may_be_name,
    may_hold_spaced_name,
    run_may_hold_name,
    word_kinds,
)
from recognizers.person.vocabulary import CUE_RE, DEPARTMENT_AFTER, KANJI, LABEL_SET, TITLE_SET
from recognizers.sudachi_tokens import NAME_KINDS

# A short kanji word standing alone before a particle: 田中は, 家康が, 秀吉の.
_BARE_WORD = re.compile(
    rf"[{KANJI}](?<![{KANJI}ァ-ヺー].)[{KANJI}]{{1,2}}(?=[はがともにをの、]|から|より)"
)
# A surname of two or three kanji and a given name in hiragana: 鈴木さゆりと, 中山ちゑが.
_SURNAME_THEN_KANA = re.compile(rf"([{KANJI}](?<![{KANJI}].)[{KANJI}]{{1,2}})([ぁ-ゖ]{{2,5}})")
_WORD_TAIL = re.compile(rf"[{KANJI}ァ-ヺー]+$")
_WORD_HEAD = re.compile(rf"[{KANJI}ァ-ヺー]{{1,16}}")
# A kanji run of two or more, or of one with a run after one space, and the run after
# one space if any (looked at, not consumed); a lone kanji can hold no name.
_KANJI_RUN = re.compile(
    rf"[{KANJI}](?:[{KANJI}]+|(?= [{KANJI}ぁ-ゖ]))(?:(?= ([{KANJI}ぁ-ゖ]+))|)"
)
_KATAKANA_NAME = re.compile(r"[ァ-ヺー]{2,}(?:[・=＝ ][ァ-ヺー]{2,})+|[ァ-ヺー]{3,}")


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """A window widened so that it does not cut a kanji or katakana word in two."""
    start, end = max(0, start), min(len(text), end)
    m = _WORD_TAIL.search(text, max(0, start - 16), start)
    if m:
        start = m.start()
    m = _WORD_HEAD.match(text, end)
    if m:
        end = m.end()
    return start, end


def _merge(spans: list[tuple[int, int]], n: int) -> list[tuple[int, int]]:
    """Clip and merge overlapping windows."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        s, e = max(0, s), min(n, e)
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def name_windows(text: str, names: NameDictionary) -> list[tuple[int, int]]:
    """Where names may be, widened to whole words and merged: around cues, kanji runs that
    may hold a surname and a given name, katakana that may be a name; SudachiPy tokenizes
    only these."""
    spans: list[tuple[int, int]] = []
    add = spans.append
    for m in CUE_RE.finditer(text):
        start, end = m.span()
        if m.group() in LABEL_SET:
            add((start, end + 20))
        elif m.group() in TITLE_SET:
            add((start - 12, end + 12))
        else:
            add((start - 12, end + 1))
    for m in DEPARTMENT_AFTER.finditer(text):
        add((m.start() - 8, m.start() + 1))
    for m in _KANJI_RUN.finditer(text):
        run, following = m.group(0, 1)
        if following:
            if may_hold_spaced_name(run, following, names):
                add((m.start() - 2, m.end() + len(following) + 3))
        elif run_may_hold_name(run):
            add((m.start() - 2, m.end() + 2))
    for m in _KATAKANA_NAME.finditer(text):
        if katakana_may_be_name(m.group()):
            add((m.start() - 2, m.end() + 2))
    for m in _BARE_WORD.finditer(text):
        if not NAME_KINDS.isdisjoint(word_kinds(m.group())):
            add((m.start() - 4, m.end() + 4))
    for m in _SURNAME_THEN_KANA.finditer(text):
        surname, kana = m.group(1, 2)
        if surname in names.surnames and next(given_prefixes(kana, names), 0):
            add((m.start() - 2, m.end() + 2))
    return _merge([_whole_words(text, s, e) for s, e in set(spans)], len(text))
