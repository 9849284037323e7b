"""Text units: the pieces of a source that detection runs on, with exact locations."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from json import JSONEncoder
from json.encoder import encode_basestring as _quote  # JSON string, non-ASCII kept

Location = dict[str, "str | int"]


@dataclass(slots=True)
class TextUnit:
    """One piece of text and how to name any offset inside it.

    `context`: headers or keys that name the text (a CSV column, a JSON key, a DB column);
    `group`: units with the same group pool evidence (every cell of one column);
    `member`: the path inside an archive (`a.zip!dir/b.csv`), None for a plain file;
    `locate(offset)`: the location of an offset, e.g. {"line": 3, "column": 7} or
    {"sheet": "名簿", "cell": "B3"}; columns and lines count from 1.
    """

    text: str
    locate: Callable[[int], Location]
    context: tuple[str, ...] = ()
    group: str | None = None
    member: str | None = None


def pooled_batches(units: Sequence[tuple[str | None, TextUnit]]) -> list[list[int]]:
    """Indexes of `(member, unit)` pairs in the batches whose evidence is pooled: by member
    and `group` (every cell of one column), ungrouped units alone; the order of first
    appearance. The scan and the leak check both read units this way."""
    grouped: dict[tuple[str | None, str], list[int]] = {}
    order: list[list[int]] = []
    for index, (member, unit) in enumerate(units):
        if unit.group is None:
            order.append([index])
            continue
        key = (member, unit.group)
        if key not in grouped:
            grouped[key] = []
            order.append(grouped[key])
        grouped[key].append(index)
    return order


class LineLocator:
    """Offsets -> {"line", "column"} (1-based) for a whole text, optionally shifted."""

    __slots__ = ("_extra", "_line_base", "_starts")

    def __init__(self, text: str, line_base: int = 1, extra: Location | None = None) -> None:
        starts = [0]
        find = text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._starts = starts
        self._line_base = line_base
        self._extra = extra or {}

    def __call__(self, offset: int) -> Location:
        i = bisect_right(self._starts, offset) - 1
        return {**self._extra, "line": i + self._line_base, "column": offset - self._starts[i] + 1}


def fixed_location(**where: str | int) -> Callable[[int], Location]:
    """A locator for a cell-like unit: the same place plus the offset inside it."""

    def locate(offset: int) -> Location:
        return {**where, "offset": offset}

    return locate


def format_location(loc: Location) -> str:
    """`line 3, column 7` style text for tables and hooks (order kept)."""
    return ", ".join(f"{k}={v}" for k, v in loc.items())


def location_json(loc: Location, item_sep: str = ",", key_sep: str = ":") -> str:
    """`loc` as JSON (non-ASCII kept). Locations are small flat dicts of strings and
    ints, written for every finding; this is several times faster than `json.dumps`
    for them, and anything else goes through the json module."""
    parts = []
    for k, v in loc.items():
        if v.__class__ is str:
            parts.append(f"{_quote(k)}{key_sep}{_quote(v)}")
        elif v.__class__ is int:
            parts.append(f"{_quote(k)}{key_sep}{v}")
        else:
            return JSONEncoder(ensure_ascii=False, separators=(item_sep, key_sep)).encode(loc)
    return "{" + item_sep.join(parts) + "}"
