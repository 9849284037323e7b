"""The message catalogue by area: each module holds `MESSAGES` (id -> (Japanese, English))
for one command or part; `scanner.messages` merges them into one table."""

from __future__ import annotations

import importlib

PARTS = ("cli", "analyze", "scan", "inventory", "scan_db", "mask", "mask_db", "hook", "baseline",
         "policy", "policy_file", "ledger", "reports", "config", "spark",
         "explain", "notes")


def merged(core: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """`core` and every part in one table; an id defined twice is an error."""
    table = dict(core)
    for name in PARTS:
        part = importlib.import_module(f"scanner.catalogue.{name}").MESSAGES
        twice = table.keys() & part.keys()
        if twice:
            raise ValueError(f"message ids defined twice: {sorted(twice)}")
        table.update(part)
    return table
