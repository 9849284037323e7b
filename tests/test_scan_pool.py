"""Worker processes: a worker killed mid-scan costs only the file it held."""

from __future__ import annotations

import multiprocessing
import os
import signal
from pathlib import Path

import pytest

from scanner.scanfiles.pool import WORKER_DIED, pooled_results
from scanner.scanfiles.worker import Task, WorkerConfig


def _tasks(root: Path, n: int) -> list[Task]:
    tasks = []
    for i in range(n):
        path = root / f"f{i:03d}.txt"
        path.write_text(f"電話 090-{1000 + i}-5678\n" + "本文です。\n" * 2000, encoding="utf-8")
        st = path.stat()
        tasks.append(Task(str(path), str(path), st.st_size, st.st_mtime_ns, st.st_ino))
    return tasks


@pytest.mark.slow
def test_a_killed_worker_loses_only_its_files(tmp_path: Path) -> None:
    tasks = _tasks(tmp_path, 60)
    config = WorkerConfig(b"k", 0.5, None, 1 << 20)
    before = set(multiprocessing.active_children())
    results = []
    killed = False
    for result in pooled_results(tasks, config, 2, 60.0):
        results.append(result)
        if len(results) == 5 and not killed:
            for victim in set(multiprocessing.active_children()) - before:
                os.kill(victim.pid, signal.SIGKILL)
            killed = True
    assert sorted(r.task.abspath for r in results) == sorted(t.abspath for t in tasks)
    died = [r for r in results if r.status == "error"]
    assert died and all(r.note == WORKER_DIED for r in died)
    assert len(died) <= 2  # at most the file each worker held at that moment
    ok = [r for r in results if r.status == "ok"]
    assert len(ok) == len(tasks) - len(died)
    assert all(len(r.findings) == 1 for r in ok)
    assert set(multiprocessing.active_children()) - before == set()
