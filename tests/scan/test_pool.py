"""Worker processes: a worker killed mid-scan costs only the file it held."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from scanner.scanfiles.pool import WORKER_DIED, Crew, WorkerStartError, pooled_results
from scanner.scanfiles.worker import Task, WorkerConfig


def _results(tasks: list[Task], config: WorkerConfig, jobs: int, timeout: float):
    with Crew(config, jobs) as crew:
        yield from pooled_results(tasks, crew, timeout)


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
    for result in _results(tasks, config, 2, 60.0):
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


def _tiny(path: Path, i: int) -> Task:
    path.write_text(f"電話 090-{2000 + i}-5678\n", encoding="utf-8")
    st = path.stat()
    return Task(str(path), str(path), st.st_size, st.st_mtime_ns, st.st_ino)


@pytest.mark.slow
def test_a_file_over_its_deadline_in_a_batch_costs_only_that_file(
        tmp_path: Path, monkeypatch) -> None:
    """Results come back several files at a time. A file that hangs after files the
    worker read but had not reported yet is the only error: those files, and the ones
    after it in the worker's hands, are read again by its replacement. (The slow file
    here is large; the cap on bytes held would give it to the worker alone, as it would
    not a small file that hangs a parser.)"""
    from scanner.scanfiles import pool

    monkeypatch.setattr(pool, "HELD_BYTES", 1 << 30)
    slow = tmp_path / "slow.txt"
    slow.write_text("氏名 山田太郎 電話 090-1111-2222 住所 東京都千代田区千代田1-1\n" * 100_000,
                    encoding="utf-8")  # ~5 MB of records: a minute of detection
    st = slow.stat()
    slow_task = Task(str(slow), str(slow), st.st_size, st.st_mtime_ns, st.st_ino)
    before = [_tiny(tmp_path / f"a{i}.txt", i) for i in range(4)]
    after = [_tiny(tmp_path / f"b{i}.txt", 10 + i) for i in range(4)]
    config = WorkerConfig(b"k", 0.5, None, 1 << 24)
    start = time.monotonic()
    results = list(_results([*before, slow_task, *after], config, 1, 3.0))
    assert time.monotonic() - start < 60
    errors = [i for i, r in enumerate(results) if r.status != "ok"]
    assert len(errors) == 1
    error = results[errors[0]]
    assert (error.task, error.status, error.note) == (
        slow_task, "error", "timed out: reading took longer than 3 s (worker stopped)")
    others = results[:errors[0]] + results[errors[0] + 1:]
    assert sorted(r.task.abspath for r in others) == sorted(
        t.abspath for t in before + after)  # each once: none lost, none twice
    assert all(len(r.findings) == 1 for r in others)
    # the files after the slow one are read by the replacement; those before it were
    # too unless the worker reported them before the parent had sent the rest (a race
    # on a busy machine, which the guarantee does not depend on)
    assert {r.task.abspath for r in results[errors[0] + 1:]} >= {t.abspath for t in after}


def _kill_first_child(before: set, done: threading.Event) -> None:
    """SIGKILL the first worker process as soon as it exists (before it is ready)."""
    deadline = time.monotonic() + 60
    while not done.is_set() and time.monotonic() < deadline:
        for child in set(multiprocessing.active_children()) - before:
            os.kill(child.pid, signal.SIGKILL)
            return
        time.sleep(0.005)


@pytest.mark.slow
def test_a_worker_killed_while_starting_is_replaced(tmp_path: Path) -> None:
    tasks = _tasks(tmp_path, 6)
    config = WorkerConfig(b"k", 0.5, None, 1 << 20)
    before = set(multiprocessing.active_children())
    done = threading.Event()
    killer = threading.Thread(target=_kill_first_child, args=(before, done))
    killer.start()
    try:
        results = list(_results(tasks, config, 1, 60.0))
    finally:
        done.set()
        killer.join()
    assert [r.status for r in results] == ["ok"] * 6  # nothing lost: it held no file yet
    assert set(multiprocessing.active_children()) - before == set()


def test_a_worker_that_cannot_load_the_engine_stops_the_scan(tmp_path: Path) -> None:
    tasks = _tasks(tmp_path, 2)
    config = WorkerConfig(b"k", 0.5, None, 1 << 20, recognizers=str(tmp_path / "none.yaml"))
    with pytest.raises(WorkerStartError):
        list(_results(tasks, config, 1, 60.0))


def test_a_result_crosses_the_pipe_unchanged(tmp_path: Path) -> None:
    """Results pickle their findings as plain tuples (cheaper) and load them back as
    `FoundItem`s, every field equal."""
    import pickle

    from scanner.scanfiles.worker import FileResult, FoundItem, MemberInfo

    [task] = _tasks(tmp_path, 1)
    found = [FoundItem("a.zip!b.txt", "PHONE_NUMBER", 0.85, {"line": 1, "column": 4},
                       {"line": 1, "column": 17}, "090-****-5678", "f" * 32, "why"),
             FoundItem(None, "PERSON", 0.6, {"page": 2}, {"page": 2}, "山田**", "e" * 32, "")]
    result = FileResult(task, "error", "note", "h" * 64, "zip", "utf-8", 120, 3,
                        [MemberInfo("b.txt", "text", "utf-8", "ok", None)], found)
    back = pickle.loads(pickle.dumps(result))
    assert back == result
    assert [type(f) for f in back.findings] == [FoundItem, FoundItem]
    assert back.findings[0].location == {"line": 1, "column": 4}


def test_the_scan_parent_loads_neither_recognizers_nor_readers() -> None:
    """The parent walks, records and reports; recognizers and readers are the workers'.
    Entity types and labels come from the registry without its recognizer modules, and
    `scanner.sources.base` without the readers (loaded twice, they cost every scan about
    0.2 s of CPU)."""
    import subprocess
    import sys

    code = ("import sys, scanner.commands.scan, scanner.scanfiles.run, scanner.scanfiles.pool, "
            "reports.render, reports.lines, recognizers.registry; "
            "print(sorted(m for m in sys.modules if m.startswith(('recognizers', 'stdnum', "
            "'phonenumbers', 'sudachipy', 'scanner.engine', 'scanner.sources'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[2]).stdout
    assert out.strip() == str(["recognizers", "recognizers.registry", "scanner.sources",
                               "scanner.sources.base"])


def test_a_worker_holds_few_files_and_few_bytes(tmp_path: Path) -> None:
    """A worker is sent at most HELD_PER_WORKER files and HELD_BYTES of them ahead (one
    file of any size when it holds none), so that large files do not queue in one worker
    while another runs out of files."""
    from scanner.scanfiles import pool

    def task(name: str, size: int) -> Task:
        return Task(name, str(tmp_path / name), size, 0, 0)

    with Crew(WorkerConfig(b"k", 0.5, None, 1 << 20), 1, early=True) as crew:
        [worker] = crew.hire(1)
        try:
            assert not worker.can_take(task("a", 1))  # not ready yet
            worker.ready = True
            huge = task("huge", 10 * pool.HELD_BYTES)
            assert worker.can_take(huge)  # alone, whatever its size
            worker.held.append(task("big", pool.HELD_BYTES - 1000))
            assert not worker.can_take(task("more", 2000))
            assert worker.can_take(task("fits", 1000))
            worker.held.clear()
            worker.held.extend(task(f"s{i}", 10) for i in range(pool.HELD_PER_WORKER))
            assert not worker.can_take(task("one more", 10))
        finally:
            worker.held.clear()
            worker.stop()
