"""Analyze one column's values fast: short values as one padded text, long ones one by one.

The engine's cost is mostly per text, so a column of short values (codes, phones,
names) is analyzed as a single text: the values joined by a newline and enough spaces
that no recognizer's context window reaches from one value into the next. Findings are
mapped back to their value; one that would span two values is dropped. Evidence adds
up across the column exactly as in `Engine.analyze_batch`, which is what free-text
values (longer than `JOIN_MAX_CHARS`) go through.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scanner.engine import Engine
    from scanner.findings import Finding

JOIN_MAX_CHARS = 256
# Context window for database scans: values are short and the column name is their
# context, so a keyword counts within 100 characters (the file scanner uses 300).
DB_CONTEXT_WINDOW = 100


def separator(engine: Engine) -> str:
    """A newline plus more spaces than the widest context window in use."""
    widest = max(
        [engine.config.context_window]
        + [r.context_window or 0 for r in engine.recognizers.values()]
    )
    return "\n" + " " * (widest + 1)


def analyze_values(
    engine: Engine, texts: Sequence[str], *, context: Sequence[str], min_score: float
) -> list[list[Finding]]:
    """Findings per value, offsets into each value (as `Engine.analyze_batch` gives)."""
    if not texts:
        return []
    if max(len(t) for t in texts) > JOIN_MAX_CHARS:
        return engine.analyze_batch(texts, context=context, min_score=min_score)
    sep = separator(engine)
    starts: list[int] = []
    pos = 0
    for text in texts:
        starts.append(pos)
        pos += len(text) + len(sep)
    joined = sep.join(texts)
    out: list[list[Finding]] = [[] for _ in texts]
    for f in engine.analyze(joined, context=context, min_score=min_score):
        i = bisect_right(starts, f.start) - 1
        base = starts[i]
        if f.end - base > len(texts[i]):
            continue  # crosses into the separator: not inside one value
        out[i].append(replace(f, start=f.start - base, end=f.end - base))
    return out
