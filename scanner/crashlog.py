"""The last-resort handler's log: where an unexpected error happened, never what it held.

The trace (files, lines, functions and the exception type) goes to a private file under
the cache directory (`$MAMORU_CACHE_DIR`, else `$XDG_CACHE_HOME/mamoru`, else
`~/.cache/mamoru`). Exception messages and local values are left out: they can hold the
personal data being scanned.
"""

from __future__ import annotations

import os
import time
import traceback
from pathlib import Path


def cache_dir() -> Path:
    """Where mamoru keeps files that can be thrown away (crash logs)."""
    explicit = os.environ.get("MAMORU_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "mamoru"


def crash_report(exc: BaseException) -> str:
    """The trace of `exc` and its causes: frames and exception types, no messages."""
    lines: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen and len(seen) < 8:
        seen.add(id(current))
        lines.append(f"{type(current).__module__}.{type(current).__qualname__}")
        for frame in traceback.extract_tb(current.__traceback__):
            lines.append(f"  {frame.filename}:{frame.lineno} in {frame.name}")
        current = current.__cause__ or current.__context__
    return "\n".join(lines) + "\n"


def write_crash_log(exc: BaseException) -> Path | None:
    """Write the report to a new private file; its path, or None if it cannot be written."""
    try:
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}.log"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(crash_report(exc))
        return path
    except OSError:
        return None
