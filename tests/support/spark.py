"""Helpers for the Spark tests: what a Parquet output directory holds."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq


def part_files(directory: Path) -> list[Path]:
    """The data files under an output directory (committed or left in `_temporary`)."""
    return sorted(p for p in directory.rglob("*") if p.is_file() and ".parquet" in p.name
                  and not p.name.endswith(".crc"))


def raw_values_in(directory: Path, values) -> tuple[list[str], list[str]]:
    """(values found in the rows pyarrow decodes, values found in the files' bytes):
    two independent reads of every data file under `directory`."""
    files = part_files(directory)
    rows = [r for f in files for r in pq.read_table(f).to_pylist()]
    text = json.dumps(rows, ensure_ascii=False, default=str)
    data = b"".join(f.read_bytes() for f in files)
    return [v for v in values if v in text], [v for v in values if v.encode() in data]
