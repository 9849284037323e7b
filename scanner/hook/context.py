"""The line around a baseline entry, every finding on it masked: what a person auditing
the baseline needs to judge it, without the value itself."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from scanner.config import ProjectConfig
from scanner.hook.baseline import EntryKey
from scanner.hook.check import Checker, baseline_key
from scanner.hook.content import text_units
from scanner.hook.git import index_blobs, read_objects

MAX_CONTEXT = 160  # characters of the line shown


def masked_lines(root: Path, config: ProjectConfig, key: bytes,
                 wanted: set[EntryKey]) -> dict[EntryKey, str]:
    """For each wanted entry found in the index on a text line: `line N: text` with every
    finding of that line replaced by its masked preview."""
    checker = Checker(root, config, key)
    blobs = index_blobs(root, sorted({k[0] for k in wanted}))
    out: dict[EntryKey, str] = {}
    for path, data in zip(blobs, read_objects(root, blobs.values()), strict=True):
        units = text_units(path, data or b"", None)
        rows = checker.rows(path, data or b"")
        if not units or not rows:
            continue
        lines = units[0].text.splitlines()
        on_line = defaultdict(list)
        for r in rows:
            end = r.end_location
            if "line" in r.location and end.get("line") == r.location["line"]:
                on_line[int(r.location["line"])].append(r)
        for number, found in on_line.items():
            if not 0 < number <= len(lines):
                continue
            text = lines[number - 1]
            for r in sorted(found, key=lambda r: int(r.location["column"]), reverse=True):
                start, stop = int(r.location["column"]) - 1, int(r.end_location["column"]) - 1
                text = text[:start] + r.preview + text[stop:]
            for r in found:
                out.setdefault(baseline_key(r), f"{number}: {text.strip()[:MAX_CONTEXT]}")
    return out
