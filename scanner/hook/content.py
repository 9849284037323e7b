"""Staged bytes -> text units.

Text files (source, logs, CSV, JSON, ...) are read as lines, so that added lines and
inline markers apply; given the added lines, only windows around them are analyzed
(wide enough for every recognizer's keyword window), so a one-line change to a huge
file stays fast. Documents and archives go through the file readers; their findings
have no lines and are compared with HEAD by value instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from scanner.sources.base import LineLocator, Location, TextUnit
from scanner.sources.degrade import decode_lenient
from scanner.sources.formats import detect_format
from scanner.sources.model import Extraction, SourceError

# Formats whose text only a reader can get at; everything else is read as lines.
EXTRACTED = frozenset({"xlsx", "xls", "docx", "pptx", "pdf", "eml", "zip", "gzip", "tar"})
# Delimited tables: their first line names the column of every later cell.
TABLES = frozenset({"csv", "tsv"})


Ranges = tuple[tuple[int, int], ...]  # inclusive 1-based line ranges


def text_units(
    path: str, data: bytes, around: tuple[Ranges, int] | None = None
) -> list[TextUnit] | None:
    """The units to check in one staged file; None when it has no text mamoru can read.

    `around=(line ranges, margin)`: for a text file, only the lines in the ranges and
    `margin` characters either side (whole lines), as units of one group.
    """
    fmt, _ = detect_format(path, data)
    if fmt in EXTRACTED:
        from scanner.sources import extract

        extraction = extract(path, data)
        units = _all_units(extraction)
        return units if units or not (extraction.skipped or extraction.error) else None
    if fmt == "binary":
        return None
    try:
        text = decode_lenient(data).text
    except SourceError:
        return None
    if around is None:
        return [TextUnit(text, LineLocator(text))]
    return line_windows(text, *around, header=fmt in TABLES)


def line_windows(
    text: str, ranges: Ranges, margin: int, *, header: bool = False
) -> list[TextUnit]:
    """Whole-line windows around the ranges, merged where they overlap. `header`: a
    window that does not start at the top is read after the file's first line (a CSV's
    column names), which itself is never reported."""
    locate = LineLocator(text)
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    spans: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges):
        if lo > len(starts):
            continue
        start = _line_start(text, max(0, starts[lo - 1] - margin))
        end = _line_end(text, min(len(text), starts[min(hi, len(starts) - 1)] + margin))
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    first = text[: _line_end(text, 0) + 1] if header else ""
    units = []
    for s, e in spans:
        lead = first if s > 0 and first else ""
        units.append(TextUnit(lead + text[s:e], _shifted(locate, s, len(lead)),
                              group="changed lines"))
    return units
def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _line_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    return len(text) if end == -1 else end


def _shifted(locate: LineLocator, shift: int, lead: int = 0) -> Callable[[int], Location]:
    """Offsets in a window (after `lead` characters of the first line) -> the file's."""

    def shifted(offset: int) -> Location:
        return locate(offset) if offset < lead else locate(offset - lead + shift)

    return shifted


def _all_units(extraction: Extraction) -> list[TextUnit]:
    """Units of a file and, for an archive, of every member inside it."""
    units = list(extraction.units)
    for _, member in extraction.members:
        units.extend(_all_units(member))
    return units
