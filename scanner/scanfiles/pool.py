"""Worker processes for a scan, every file under a deadline.

Each worker is a spawned process that loads the engine once and reads the files it is
given in order, so the parent always knows which file a worker is reading and since
when (since the previous result came back). A worker
still busy at the deadline (a parser stuck inside a third-party library) is killed:
its file is an error and a fresh worker carries on. A worker that dies (out of memory,
a crashing library) costs only its file. Used for `--jobs 1` too, so that the deadline
holds there as well. Ctrl-C stops the workers at once.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Iterator
from multiprocessing.connection import Connection, wait

from scanner.scanfiles.worker import FileResult, Task, WorkerConfig, init_worker, scan_task

WORKER_DIED = "worker process died while reading this file"
HELD_PER_WORKER = 4  # files sent ahead to a worker (small messages: never blocks a pipe)
_READY = "ready"
_STOP_GRACE_S = 2.0


class WorkerStartError(RuntimeError):
    """A worker process could not start (the engine failed to load)."""


def timed_out(seconds: float) -> str:
    return f"timed out: reading took longer than {seconds:g} s (worker stopped)"


class _Worker:
    """One worker process and the files it holds, in the order it reads them."""

    def __init__(self, ctx, config: WorkerConfig) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, config), daemon=True)
        self.proc.start()
        child.close()
        self.ready = False
        self.held: deque[Task] = deque()
        self.since = 0.0  # when the worker started the first file it holds

    def give(self, task: Task) -> None:
        self.conn.send(task)
        if not self.held:
            self.since = time.monotonic()
        self.held.append(task)

    def done(self) -> Task:
        """The file whose result arrived; the next one starts now."""
        task = self.held.popleft()
        self.since = time.monotonic()
        return task

    def stop(self, grace: float = 0.0) -> None:
        if grace and self.proc.is_alive():
            with contextlib.suppress(OSError):
                self.conn.send(None)
            self.proc.join(grace)
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join()
        self.conn.close()


def _serve(conn: Connection, config: WorkerConfig) -> None:
    """Worker main loop: Ctrl-C is the parent's; one task in, one result out. Stopped,
    the worker exits at once: tearing down the engine's objects one by one would cost
    about 0.2 s of CPU for nothing (everything it sends is sent)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    init_worker(config)
    conn.send(_READY)
    while True:
        try:
            task = conn.recv()
        except EOFError:
            break
        if task is None:
            break
        conn.send(scan_task(task))
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def pooled_results(tasks: list[Task], config: WorkerConfig, jobs: int,
                   file_timeout: float) -> Iterator[FileResult]:
    """Results in completion order from up to `jobs` workers, each file within
    `file_timeout` seconds of the worker starting it. Each worker holds a few files, so
    that it never waits for the parent; when one is stopped, the file it was reading is
    an error and the others it held go to its replacement."""
    ctx = multiprocessing.get_context("spawn")
    queue = deque(tasks)
    workers = [_Worker(ctx, config) for _ in range(min(jobs, len(tasks)))]
    finished = False
    try:
        while queue or any(w.held for w in workers):
            for w in workers:
                while w.ready and len(w.held) < HELD_PER_WORKER and queue:
                    w.give(queue.popleft())
            now = time.monotonic()
            left = [w.since + file_timeout - now for w in workers if w.held]
            wait([w.conn for w in workers], timeout=max(0.0, min(left)) if left else None)
            for i, w in enumerate(workers):
                result, replace = _poll(w, file_timeout)
                if result is not None:
                    yield result
                if replace:
                    w.stop()
                    queue.extendleft(reversed(w.held))
                    workers[i] = _Worker(ctx, config)
        finished = True
    finally:
        for w in workers:
            w.stop(_STOP_GRACE_S if finished else 0.0)


def _poll(w: _Worker, file_timeout: float) -> tuple[FileResult | None, bool]:
    """(result to report, whether the worker must be replaced): a dead or overdue
    worker gives the file it was reading as an error."""
    if w.conn.poll():
        try:
            message = w.conn.recv()
        except (EOFError, OSError):
            message = None
        if message == _READY:
            w.ready = True
            return None, False
        if isinstance(message, FileResult):
            w.done()
            return message, False
        if not w.ready:
            w.proc.join(_STOP_GRACE_S)
            if (w.proc.exitcode or 0) >= 0:  # it failed to load the engine: no retry
                raise WorkerStartError("a scan worker process could not start")
            return None, True  # killed while starting (a signal, the OOM killer): replace it
        return (_lost(w, WORKER_DIED) if w.held else None), True
    if w.held and time.monotonic() - w.since > file_timeout:
        return _lost(w, timed_out(file_timeout)), True
    return None, False


def _lost(w: _Worker, note: str) -> FileResult:
    return FileResult(w.held.popleft(), status="error", note=note)
