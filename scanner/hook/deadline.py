"""One file's check in a worker process under a deadline, as `mamoru scan` reads files.

A parser stuck inside a third-party library (or a file whose detection takes too long)
cannot be interrupted from inside the process, so each check runs in a forked worker:
a worker still busy at the deadline is killed and the file is an error (the next file
gets a fresh worker), and a worker that dies costs only its file. Forked, not spawned:
the worker starts at once with what the hook already loaded (the engine, once built),
so a commit pays no second start-up.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import sys
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any


class Overrun(Exception):
    """The check of one file did not finish: why, as a message key of the catalogue
    (`hook.timed_out`, `hook.worker_died`, `hook.check_failed`) and its fields."""

    def __init__(self, key: str, **fields: object) -> None:
        super().__init__(key)
        self.key, self.fields = key, fields


class DeadlineRunner:
    """Calls `func(*args)` in a worker process, each call within `seconds`. `prepare`
    runs here before the first worker starts (what every worker then shares)."""

    def __init__(self, func: Callable[..., Any], seconds: float,
                 prepare: Callable[[], object] | None = None) -> None:
        self.func, self.seconds, self.prepare = func, seconds, prepare
        self._proc: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None

    def __call__(self, *args: Any) -> Any:
        """`func(*args)` as the worker returns it; Overrun when it dies, overruns or fails."""
        conn = self._conn or self._start()
        try:
            conn.send(args)
            if not conn.poll(self.seconds):
                self.close()
                raise Overrun("hook.timed_out", seconds=self.seconds)
            ok, value = conn.recv()
        except (EOFError, OSError):
            self.close()
            raise Overrun("hook.worker_died") from None
        if not ok:
            raise Overrun("hook.check_failed", error=value)
        return value

    def _start(self) -> Connection:
        if self.prepare is not None:
            self.prepare()
            self.prepare = None
        ctx = multiprocessing.get_context("fork")
        parent, child = ctx.Pipe()
        for stream in (sys.stdout, sys.stderr):  # the child must not write them again
            with contextlib.suppress(Exception):
                stream.flush()
        self._proc = ctx.Process(target=_serve, args=(child, parent, self.func), daemon=True)
        self._proc.start()
        child.close()
        self._conn = parent
        return parent

    def close(self) -> None:
        """Stop the worker (killed: it may be stuck inside a parser)."""
        if self._proc is not None:
            self._proc.kill()
            self._proc.join()
        if self._conn is not None:
            self._conn.close()
        self._proc = self._conn = None

    def __enter__(self) -> DeadlineRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _serve(conn: Connection, parent_end: Connection, func: Callable[..., Any]) -> None:
    """Worker loop: Ctrl-C is the parent's; one call in, (ok, result) out; exits when the
    parent goes away (its end of the pipe is closed here, so that EOF arrives)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent_end.close()
    while True:
        try:
            args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = (True, func(*args))
        except Exception as exc:  # a bug costs this file only; the type, never the content
            reply = (False, type(exc).__name__)
        conn.send(reply)
