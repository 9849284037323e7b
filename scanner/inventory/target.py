"""Where the inventory is: a SQLite path (default `./.mamoru/inventory.sqlite`) or a
SQLAlchemy URL. No database imports: the scan asks before it loads them."""

from __future__ import annotations

from pathlib import Path

DEFAULT_PATH = Path(".mamoru") / "inventory.sqlite"


def is_url(target: str) -> bool:
    return "://" in target


def sqlite_path(target: str | None) -> Path | None:
    """The SQLite file a target names (None: the default); None for a URL."""
    if target and is_url(target):
        return None
    return Path(target) if target else DEFAULT_PATH
