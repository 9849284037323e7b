"""Worker processes for a scan, every file under a deadline.

Each worker is a spawned process that loads the engine once and reads one file at a
time, so the parent always knows which file a worker holds and since when. A worker
still busy at the deadline (a parser stuck inside a third-party library) is killed:
its file is an error and a fresh worker carries on. A worker that dies (out of memory,
a crashing library) costs only its file. Used for `--jobs 1` too, so that the deadline
holds there as well. Ctrl-C stops the workers at once.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import time
from collections import deque
from collections.abc import Iterator
from multiprocessing.connection import Connection, wait

from scanner.scanfiles.worker import FileResult, Task, WorkerConfig, init_worker, scan_task

WORKER_DIED = "worker process died while reading this file"
_READY = "ready"
_STOP_GRACE_S = 2.0


class WorkerStartError(RuntimeError):
    """A worker process could not start (the engine failed to load)."""


def timed_out(seconds: float) -> str:
    return f"timed out: reading took longer than {seconds:g} s (worker stopped)"


class _Worker:
    """One worker process and the file it holds."""

    def __init__(self, ctx, config: WorkerConfig) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, config), daemon=True)
        self.proc.start()
        child.close()
        self.ready = False
        self.task: Task | None = None
        self.since = 0.0

    def give(self, task: Task) -> None:
        self.conn.send(task)
        self.task, self.since = task, time.monotonic()

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
    """Worker main loop: Ctrl-C is the parent's; one task in, one result out."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    init_worker(config)
    conn.send(_READY)
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        conn.send(scan_task(task))


def pooled_results(tasks: list[Task], config: WorkerConfig, jobs: int,
                   file_timeout: float) -> Iterator[FileResult]:
    """Results in completion order from up to `jobs` workers, each file within
    `file_timeout` seconds of the worker starting it."""
    ctx = multiprocessing.get_context("spawn")
    queue = deque(tasks)
    workers = [_Worker(ctx, config) for _ in range(min(jobs, len(tasks)))]
    finished = False
    try:
        while queue or any(w.task is not None for w in workers):
            for w in workers:
                if w.ready and w.task is None and queue:
                    w.give(queue.popleft())
            now = time.monotonic()
            left = [w.since + file_timeout - now for w in workers if w.task is not None]
            wait([w.conn for w in workers], timeout=max(0.0, min(left)) if left else None)
            for i, w in enumerate(workers):
                result, replace = _poll(w, file_timeout)
                if result is not None:
                    yield result
                if replace:
                    w.stop()
                    workers[i] = _Worker(ctx, config)
        finished = True
    finally:
        for w in workers:
            w.stop(_STOP_GRACE_S if finished else 0.0)


def _poll(w: _Worker, file_timeout: float) -> tuple[FileResult | None, bool]:
    """(result to report, whether the worker must be replaced): a dead or overdue
    worker gives its file as an error."""
    if w.conn.poll():
        try:
            message = w.conn.recv()
        except (EOFError, OSError):
            message = None
        if message == _READY:
            w.ready = True
            return None, False
        if isinstance(message, FileResult):
            w.task = None
            return message, False
        if not w.ready:
            raise WorkerStartError("a scan worker process could not start")
        return (_lost(w, WORKER_DIED) if w.task is not None else None), True
    if w.task is not None and time.monotonic() - w.since > file_timeout:
        return _lost(w, timed_out(file_timeout)), True
    return None, False


def _lost(w: _Worker, note: str) -> FileResult:
    task, w.task = w.task, None
    return FileResult(task, status="error", note=note)
