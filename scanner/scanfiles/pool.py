"""Worker processes for a scan: spawn-safe, each loading the engine once, and robust to
a worker that dies (out of memory, a crashing library): the files it held are reported
as errors and a fresh pool carries on. Ctrl-C stops the workers at once."""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from scanner.scanfiles.worker import FileResult, Task, WorkerConfig, init_worker, scan_task

IN_FLIGHT_PER_WORKER = 4
WORKER_DIED = "worker process died while reading this file (or a file read with it)"


def pooled_results(tasks: list[Task], config: WorkerConfig, jobs: int) -> Iterator[FileResult]:
    """Results in completion order from `jobs` spawned worker processes."""
    queue = iter(tasks)
    ctx = multiprocessing.get_context("spawn")
    while True:
        before = set(multiprocessing.active_children())
        pool = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_pool_worker,
                                   initargs=(config,))
        finished = False
        try:
            yield from _drain(pool, queue, jobs * IN_FLIGHT_PER_WORKER)
            finished = True
            return
        except BrokenProcessPool:
            continue  # _drain reported the lost files; start a fresh pool
        finally:
            pool.shutdown(wait=finished, cancel_futures=True)
            if not finished:
                for proc in set(multiprocessing.active_children()) - before:
                    proc.terminate()


def _drain(pool: ProcessPoolExecutor, queue: Iterator[Task], window: int
           ) -> Iterator[FileResult]:
    in_flight: dict[Future, Task] = {}
    while True:
        while len(in_flight) < window and (task := next(queue, None)) is not None:
            in_flight[pool.submit(scan_task, task)] = task
        if not in_flight:
            return
        done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
        broken = False
        for future in done:
            task = in_flight.pop(future)
            try:
                result = future.result()
            except BrokenProcessPool:
                broken = True
                result = FileResult(task, status="error", note=WORKER_DIED)
            yield result
        if broken:
            for task in in_flight.values():
                yield FileResult(task, status="error", note=WORKER_DIED)
            raise BrokenProcessPool(WORKER_DIED)


def _init_pool_worker(config: WorkerConfig) -> None:
    """Workers leave Ctrl-C to the parent, which stops them and records the scan."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    init_worker(config)
