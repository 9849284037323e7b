"""Worker processes for a scan, every file under a deadline.

Each worker is a spawned process that loads the engine once and reads the files it is
given in order. It notes in memory shared with the parent how many files it has started
and finished and when it started the latest, so the parent always knows which file a
worker is reading and since when, with no message per file; results come back a few
files at a time. A worker still busy at the deadline (a parser stuck inside a
third-party library) is killed: its file is an error, and the other files it held
(those it had read but not yet reported, and those it had not started) go to a fresh
worker. A worker that dies (out of memory, a crashing library) costs only its file. Used
for `--jobs 1` too, so that the deadline holds there as well. Ctrl-C stops the workers
at once.
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
from typing import NamedTuple

from scanner.scanfiles.worker import FileResult, Task, WorkerConfig, init_worker, scan_task

WORKER_DIED = "worker process died while reading this file"
HELD_PER_WORKER = 12  # files sent ahead to a worker (small messages: never blocks a pipe)
# ... and at most this many bytes of them, so that large files never queue behind one
# another in one worker while another worker runs out of files
HELD_BYTES = 256 << 10
RESULTS_PER_MESSAGE = 6  # a worker reports this many files at once (one message, one wake-up)
_REPORT_AFTER_S = 0.5  # ... or sooner, so that progress and the inventory keep up
_READY = "ready"
_STOP_GRACE_S = 2.0
# The worker's progress, in shared memory: files started, when it started the latest,
# files finished (counts as floats: exact far beyond any scan).
_STARTED, _STARTED_AT, _FINISHED = range(3)


class WorkerStartError(RuntimeError):
    """A worker process could not start (the engine failed to load)."""


def timed_out(seconds: float) -> str:
    return f"timed out: reading took longer than {seconds:g} s (worker stopped)"


class _Reading(NamedTuple):
    index: int  # in the worker's `held`
    since: float  # time.monotonic() of the worker (CLOCK_MONOTONIC: the same clock)


class _Worker:
    """One worker process and the files it holds (given, not yet reported), in the order
    it reads them."""

    def __init__(self, ctx, config: WorkerConfig) -> None:
        self.conn, child = ctx.Pipe()
        self.progress = ctx.RawArray("d", 3)
        self.proc = ctx.Process(target=_serve, args=(child, config, self.progress),
                                daemon=True)
        self.proc.start()
        child.close()
        self.ready = False
        self.held: deque[Task] = deque()
        self.reported = 0  # files whose results arrived

    def can_take(self, task: Task) -> bool:
        return self.ready and len(self.held) < HELD_PER_WORKER and (
            not self.held or sum(t.size for t in self.held) + task.size <= HELD_BYTES)

    def give(self, task: Task) -> None:
        self.conn.send(task)
        self.held.append(task)

    def take(self, results: list[FileResult]) -> None:
        for _ in results:
            self.held.popleft()
        self.reported += len(results)

    def reading(self) -> _Reading | None:
        """The file the worker is reading and since when; None between files."""
        progress = self.progress
        while True:
            finished, started = progress[_FINISHED], progress[_STARTED]
            since = progress[_STARTED_AT]
            if progress[_STARTED] == started:  # `since` is that file's (written first)
                break
        if started <= finished:
            return None
        return _Reading(self._index(started), since)

    def latest(self) -> int:
        """Index of the file the worker started last (or is about to start)."""
        return self._index(max(self.progress[_STARTED], self.reported + 1))

    def _index(self, started: float) -> int:
        return min(int(started) - 1 - self.reported, len(self.held) - 1)

    def stop(self, grace: float = 0.0) -> None:
        if grace and self.proc.is_alive():
            with contextlib.suppress(OSError):
                self.conn.send(None)
            self.proc.join(grace)
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join()
        self.conn.close()


def _serve(conn: Connection, config: WorkerConfig, progress) -> None:
    """Worker main loop: Ctrl-C is the parent's. Takes every task already sent, reads
    them in order, notes each start and end in `progress`, and reports results a few at
    a time: when it has `RESULTS_PER_MESSAGE`, has nothing left to read, or has held one
    for `_REPORT_AFTER_S`. Stopped, it exits at once: tearing down the engine's objects
    one by one would cost about 0.2 s of CPU for nothing (everything is sent)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    init_worker(config)
    conn.send(_READY)
    pending: deque[Task] = deque()
    results: list[FileResult] = []
    oldest = 0.0
    while True:
        if not pending or conn.poll():
            try:
                task = conn.recv()
            except EOFError:
                break
            if task is None:
                break
            pending.append(task)
            continue
        progress[_STARTED_AT] = time.monotonic()
        progress[_STARTED] += 1
        results.append(scan_task(pending.popleft()))
        progress[_FINISHED] += 1
        if len(results) == 1:
            oldest = time.monotonic()
        if (len(results) >= RESULTS_PER_MESSAGE or not pending
                or time.monotonic() - oldest > _REPORT_AFTER_S):
            conn.send(results)
            results = []
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


class Crew:
    """The scan's worker processes. Started `early`, they load their engines while the
    scan opens the inventory and walks; otherwise each starts when `hire` asks for it.
    Replacements start fresh; early ones never hired are stopped."""

    def __init__(self, config: WorkerConfig, jobs: int, *, early: bool = False) -> None:
        self.ctx = multiprocessing.get_context("spawn")
        self.config = config
        self.jobs = jobs
        self.idle = [_Worker(self.ctx, config) for _ in range(jobs if early else 0)]

    def hire(self, count: int) -> list[_Worker]:
        """`count` workers: the started ones first; the started ones left over are
        stopped."""
        hired, self.idle = self.idle[:count], self.idle[count:]
        self.close()
        return hired + [self.fresh() for _ in range(count - len(hired))]

    def fresh(self) -> _Worker:
        return _Worker(self.ctx, self.config)

    def close(self) -> None:
        for w in self.idle:
            w.stop()
        self.idle = []

    def __enter__(self) -> Crew:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


def pooled_results(tasks: list[Task], crew: Crew, file_timeout: float) -> Iterator[FileResult]:
    """Results in completion order from the crew's workers (no more than there are
    files), each file within `file_timeout` seconds of the worker starting it. Each worker
    holds a few files, so that it never waits for the parent; when one is stopped, the
    file it was reading is an error and the others it held go to its replacement."""
    queue = deque(tasks)
    workers = crew.hire(min(crew.jobs, len(tasks)))
    finished = False
    try:
        while queue or any(w.held for w in workers):
            for w in workers:
                while queue and w.can_take(queue[0]):
                    w.give(queue.popleft())
            wait([w.conn for w in workers], timeout=_wait_s(workers, file_timeout))
            for i, w in enumerate(workers):
                results, replace = _poll(w, file_timeout)
                yield from results
                if replace:
                    w.stop()
                    queue.extendleft(reversed(w.held))
                    workers[i] = crew.fresh()
        finished = True
    finally:
        for w in workers:
            w.stop(_STOP_GRACE_S if finished else 0.0)


def _wait_s(workers: list[_Worker], file_timeout: float) -> float | None:
    """How long the parent may sleep: until the first deadline of a file being read, and
    never longer than a deadline, since a worker between files may start one at once."""
    now = time.monotonic()
    left = []
    for w in workers:
        if w.held:
            reading = w.reading()
            left.append(reading.since + file_timeout - now if reading else file_timeout)
    return max(0.0, min(left)) if left else None


def _poll(w: _Worker, file_timeout: float) -> tuple[list[FileResult], bool]:
    """(results to report, whether the worker must be replaced): a dead or overdue
    worker gives the file it was reading as an error."""
    if w.conn.poll():
        try:
            message = w.conn.recv()
        except (EOFError, OSError):
            message = None
        if isinstance(message, list):
            w.take(message)
            return message, False
        if message == _READY:
            w.ready = True
            return [], False
        if not w.ready:
            w.proc.join(_STOP_GRACE_S)
            if (w.proc.exitcode or 0) >= 0:  # it failed to load the engine: no retry
                raise WorkerStartError("a scan worker process could not start")
            return [], True  # killed while starting (a signal, the OOM killer): replace it
        return (_lost(w, w.latest(), WORKER_DIED) if w.held else []), True
    reading = w.reading() if w.held else None
    if reading is not None and time.monotonic() - reading.since > file_timeout:
        return _lost(w, reading.index, timed_out(file_timeout)), True
    return [], False


def _lost(w: _Worker, index: int, note: str) -> list[FileResult]:
    task = w.held[index]
    del w.held[index]
    return [FileResult(task, status="error", note=note)]
