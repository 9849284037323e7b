"""Hold Ctrl-C and SIGTERM over a few statements that must not be cut in half."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def _signals_appended_to(caught: list[int]) -> Iterator[None]:
    """Ctrl-C and SIGTERM only noted in `caught` during the block (main thread only:
    elsewhere signals cannot be handled, and the block runs as it is)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.signal(s, lambda signum, _frame: caught.append(signum))
                for s in _SIGNALS}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


@contextmanager
def interrupts_held() -> Iterator[None]:
    """Run the block whole: a Ctrl-C or SIGTERM that arrives meanwhile is delivered,
    to whatever handler was there, when the block ends. A commit cut between the
    database and the connection pool could otherwise leave a write lock behind."""
    caught: list[int] = []
    try:
        with _signals_appended_to(caught):
            yield
    finally:
        if caught:
            signal.raise_signal(caught[0])


_pending: list[int] = []  # signals waiting for the next checkpoint (main thread only)


@contextmanager
def interrupts_at_checkpoints() -> Iterator[None]:
    """Ctrl-C and SIGTERM become a KeyboardInterrupt at the next `checkpoint()`, never
    inside a driver or a connection pool, where an interrupt can leave a lock held and
    the clean-up waiting for it forever."""
    _pending.clear()
    try:
        with _signals_appended_to(_pending):
            yield
    finally:
        _pending.clear()


def checkpoint() -> None:
    """A safe place to stop: raise KeyboardInterrupt if a signal arrived meanwhile."""
    if _pending:
        _pending.clear()
        raise KeyboardInterrupt
