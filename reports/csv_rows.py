"""Findings as CSV: one row per finding, location as `key=value` text."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from reports.model import ReportRow
from scanner.sources.base import format_location

COLUMNS = ("path", "location", "entity_type", "score", "preview", "fingerprint", "why")


def write_csv(rows: Iterable[ReportRow], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow([r.path, format_location(r.location), r.entity_type,
                         f"{r.score:.2f}", r.preview, r.fingerprint, r.why])
