"""JSON and JSON Lines: one unit per string or number leaf, named by its JSON path."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

from scanner.sources.base import LineLocator, TextUnit
from scanner.sources.places import CellPlace

_PLAIN_KEY = re.compile(r"[^\s.\[\]\"'$*]+")


class _Number(str):
    """A JSON number kept as its literal text (a 12-digit number must not become 1.2e11)."""


def json_units(text: str) -> list[TextUnit]:
    """Leaves of one JSON document. Raises ValueError when it is not JSON."""
    return _leaf_units(_parse(text), line=None)


def jsonl_units(text: str) -> list[TextUnit]:
    """Leaves of each line; a line that is not JSON is read as text with its line number."""
    units: list[TextUnit] = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        try:
            doc = _parse(line)
        except (ValueError, RecursionError):
            units.append(TextUnit(text=line, locate=LineLocator(line, line_base=number)))
            continue
        units.extend(_leaf_units(doc, line=number))
    return units


_DECODER = json.JSONDecoder(parse_int=_Number, parse_float=_Number)


def is_json_lines(text: str) -> bool:
    """Several lines, the first of which is a whole JSON object or array."""
    lines = [line for line in text.split("\n", 2) if line.strip()]
    if len(lines) < 2 or not lines[0].lstrip().startswith(("{", "[")):
        return False
    try:
        _parse(lines[0])
    except (ValueError, RecursionError):
        return False
    return True


def _parse(text: str) -> Any:
    return _DECODER.decode(text)


def _leaf_units(doc: Any, line: int | None) -> list[TextUnit]:
    """Walk without recursion: documents may nest as deep as the parser allows."""
    keys, where = (("path",), ()) if line is None else (("line", "path"), (line,))
    units: list[TextUnit] = []
    stack: list[tuple[Any, str, str, str | None]] = [(doc, "$", "$", None)]
    while stack:
        value, path, group, key = stack.pop()
        if isinstance(value, dict):
            for k, v in reversed(value.items()):
                step = _step(k)
                stack.append((v, path + step, group + step, k))
        elif isinstance(value, list):
            for i in range(len(value) - 1, -1, -1):
                stack.append((value[i], f"{path}[{i}]", f"{group}[*]", key))
        elif isinstance(value, str) and value:
            units.append(
                TextUnit(
                    text=str(value),
                    locate=CellPlace(keys, (*where, path)),
                    context=(key,) if key else (),
                    group=group,
                )
            )
    return units


@lru_cache(maxsize=4096)
def _step(key: str) -> str:
    if _PLAIN_KEY.fullmatch(key):
        return f".{key}"
    return f"[{json.dumps(key, ensure_ascii=False)}]"
