"""One JSON object per finding, one per line (UTF-8, no raw values)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from json.encoder import encode_basestring as _quote

from reports.model import ReportRow
from scanner.sources.base import location_json


def jsonl_line(row: ReportRow) -> str:
    """One finding as a JSON line: path, location, entity_type, score, preview,
    fingerprint, then end_location and why when known. Written directly: a scan can
    report hundreds of thousands of findings, and the generic encoder costs more."""
    line = (f'{{"path": {_quote(row.path)}, "location": {location_json(row.location, ", ", ": ")}'
            f', "entity_type": {_quote(row.entity_type)}, "score": {float(round(row.score, 4))!r}'
            f', "preview": {_quote(row.preview)}, "fingerprint": {_quote(row.fingerprint)}')
    if row.end_location:
        line += f', "end_location": {location_json(row.end_location, ", ", ": ")}'
    if row.why:
        line += f', "why": {_quote(row.why)}'
    return line + "}\n"


def jsonl_lines(rows: Iterable[ReportRow]) -> Iterator[str]:
    return map(jsonl_line, rows)
