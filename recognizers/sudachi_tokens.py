"""SudachiPy, loaded on first use, with inputs split below its 49,149-byte limit.

Only the tokens a name finder needs are returned, with a coarse kind derived from the
part of speech, so callers never touch SudachiPy objects: `SEI` (人名,姓), `MEI`
(人名,名), `FOREIGN` (人名,一般) and `JOINER` (one space, `・` or `=` between parts).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

SEI, MEI, FOREIGN, JOINER, OTHER = range(5)
NAME_KINDS = frozenset({SEI, MEI, FOREIGN})
_JOINERS = frozenset(" ・=")
# Lone surrogates cannot be encoded for SudachiPy; one replacement character keeps offsets.
_SURROGATES = re.compile("[\ud800-\udfff]")

# SudachiPy refuses inputs over 49,149 UTF-8 bytes; 4 bytes per character at most.
MAX_CHARS = 12_000
_BREAKS = "\n。．.!?！？　 、,"


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    kind: int


@dataclass(frozen=True, slots=True)
class _Sudachi:
    tokenizer: Any
    dictionary: Any
    kinds: tuple[int, ...]  # part-of-speech id -> kind
    # part-of-speech id -> its name (名詞-固有名詞-人名-姓) and a proper noun's class or ""
    pos_names: tuple[tuple[str, str], ...]
    content: tuple[bool, ...]  # part-of-speech id -> a noun or a verb, not a numeral
    morphemes: Any  # a MorphemeList the tokenizer refills (one process, one caller)


def _kind(pos: tuple[str, ...]) -> int:
    if pos[1] == "固有名詞" and pos[2] == "人名":
        return {"姓": SEI, "名": MEI}.get(pos[3], FOREIGN)
    return OTHER


@cache
def _sudachi() -> _Sudachi:
    from sudachipy import Dictionary, SplitMode

    dictionary = Dictionary(dict="core")
    kinds, pos_names = [], []
    while (pos := dictionary.pos_of(len(kinds))) is not None:
        kinds.append(_kind(pos))
        pos_names.append((_pos_name(pos), pos[2] if pos[1] == "固有名詞" else ""))
    content = tuple(p.startswith(("名詞", "動詞")) and "数詞" not in p for p, _ in pos_names)
    # Fewer fields load faster; the normalized form is needed (numbers are joined by it).
    tokenizer = dictionary.create(SplitMode.C, fields={"pos", "normalized_form"})
    return _Sudachi(
        tokenizer, dictionary, tuple(kinds), tuple(pos_names), content, tokenizer.tokenize("")
    )


def pieces(text: str, limit: int = MAX_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, piece) covering `text`, each at most `limit` chars, cut at a break if any."""
    start = 0
    n = len(text)
    while n - start > limit:
        cut = max(text.rfind(b, start + limit // 2, start + limit) for b in _BREAKS)
        cut = start + limit if cut < 0 else cut + 1
        yield start, text[start:cut]
        start = cut
    if start < n:
        yield start, text[start:]


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Name and joiner tokens of `text` (split mode C), offsets shifted by `offset`."""
    sudachi = _sudachi()
    kinds = sudachi.kinds
    out: list[Token] = []
    for base, piece in pieces(_SURROGATES.sub("\ufffd", text)):
        shift = offset + base
        # One MorphemeList reused for every call saves an allocation per window.
        for m in sudachi.tokenizer.tokenize(piece, out=sudachi.morphemes):
            kind = kinds[m.part_of_speech_id()]
            if kind != OTHER:
                out.append(Token(shift + m.begin(), shift + m.end(), kind))
            elif piece[m.begin()] in _JOINERS and m.end() - m.begin() == 1:
                out.append(Token(shift + m.begin(), shift + m.end(), JOINER))
    return out


def _pos_of(word: str) -> list[tuple[str, ...]]:
    return [m.part_of_speech() for m in _sudachi().dictionary.lookup(word)]


def dictionary_class(word: str) -> str:
    """How SudachiPy's dictionary knows `word` as a whole: `common` (any entry that is not
    a proper noun: ファルコン, チーム), `place` (a place name and never a person's: インド),
    `proper` (other proper nouns), or `unknown`."""
    pos = _pos_of(word)
    if not pos:
        return "unknown"
    if any(p[1] != "固有名詞" for p in pos):
        return "common"
    if any(p[2] == "地名" for p in pos) and not any(p[2] == "人名" for p in pos):
        return "place"
    return "proper"


def is_country(word: str) -> bool:
    """Whether SudachiPy's dictionary holds `word` as the name of a country (ペルー, ドイツ),
    whatever other entries it has (ペルー is also a person's name there)."""
    return any(p[2] == "地名" and p[3] == "国" for p in _pos_of(word))


def lookup_kinds(word: str) -> frozenset[int]:
    """Kinds of every dictionary entry whose surface is exactly `word` (no tokenizing)."""
    sudachi = _sudachi()
    return frozenset(sudachi.kinds[m.part_of_speech_id()] for m in sudachi.dictionary.lookup(word))


def entries(word: str) -> str:
    """Every dictionary entry of `word` as its part of speech, sorted and joined by `|`
    (`名詞-固有名詞-一般|名詞-固有名詞-人名-名`), or `none`."""
    pos = {_pos_name(m.part_of_speech()) for m in _sudachi().dictionary.lookup(word)}
    return "|".join(sorted(pos)) or "none"


def words(text: str) -> list[tuple[int, int, str, str, bool]]:
    """(start, end, normalized form, part of speech, unknown to the dictionary) of each word
    of a short text (split mode C); a proper noun's form is its class (`人名`, `地名`)."""
    sudachi = _sudachi()
    names = sudachi.pos_names
    out = []
    for m in _morphemes(sudachi, text):
        pos, proper = names[m.part_of_speech_id()]
        out.append((m.begin(), m.end(), proper or m.normalized_form(), pos, m.is_oov()))
    return out


def context_words(text: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, form, a noun or a verb and not a numeral) of each word of a short text,
    the form as in `words`."""
    sudachi = _sudachi()
    names, content = sudachi.pos_names, sudachi.content
    out = []
    add = out.append
    for m in _morphemes(sudachi, text):
        pos_id = m.part_of_speech_id()
        add((m.begin(), m.end(), names[pos_id][1] or m.normalized_form(), content[pos_id]))
    return out


def _morphemes(sudachi: _Sudachi, text: str) -> Any:
    """The words of a short text in the reused MorphemeList, valid until the next call."""
    return sudachi.tokenizer.tokenize(
        _SURROGATES.sub("\ufffd", text[:MAX_CHARS]), out=sudachi.morphemes
    )


def _pos_name(pos: tuple[str, ...]) -> str:
    return "-".join(p for p in pos[:4] if p != "*")
