"""The terminal side of output: a stdout that survives a reader closing the pipe.

`mamoru scan . | head -1` closes the pipe after one line; the command must still finish
its work (the inventory) and exit with its real status, not die on EPIPE.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager


class _Guard:
    """Wraps a text stream (or its buffer): after EPIPE, output goes to /dev/null."""

    def __init__(self, stream, parent: _Guard | None = None) -> None:
        self._stream = stream
        self._parent = parent
        self.broken = False

    def _closed(self) -> None:
        root = self._parent or self
        if root.broken:
            return
        root.broken = True
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, root._stream.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError):
            pass

    def _call(self, name: str, *args):
        if (self._parent or self).broken:
            return len(args[0]) if args and hasattr(args[0], "__len__") else None
        try:
            return getattr(self._stream, name)(*args)
        except BrokenPipeError:
            self._closed()
            return len(args[0]) if args and hasattr(args[0], "__len__") else None

    def write(self, data):
        return self._call("write", data)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self._call("flush")

    @property
    def buffer(self):
        return _Guard(self._stream.buffer, self._parent or self)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


@contextmanager
def stdout_guard() -> Iterator[_Guard]:
    """sys.stdout guarded against a closed pipe for the duration (flushed at the end)."""
    original = sys.stdout
    guard = _Guard(original)
    sys.stdout = guard
    try:
        yield guard
    finally:
        guard.flush()
        sys.stdout = original
