"""One JSON object per finding, one per line (UTF-8, no raw values)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from reports.model import ReportRow


def row_dict(row: ReportRow) -> dict:
    d = {
        "path": row.path,
        "location": row.location,
        "entity_type": row.entity_type,
        "score": round(row.score, 4),
        "preview": row.preview,
        "fingerprint": row.fingerprint,
    }
    if row.end_location:
        d["end_location"] = row.end_location
    if row.why:
        d["why"] = row.why
    return d


_encode = json.JSONEncoder(ensure_ascii=False).encode


def jsonl_lines(rows: Iterable[ReportRow]) -> Iterator[str]:
    for row in rows:
        yield _encode(row_dict(row)) + "\n"
