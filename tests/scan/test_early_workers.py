"""`mamoru scan` starts its workers early when it will read every file (they load their
engines while it opens the inventory and walks), and only after the walk otherwise, so
that a rescan with nothing changed starts none. No worker outlives the command."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from scanner.cli import main
from scanner.inventory.lock import InventoryLock
from scanner.inventory.store import open_store
from scanner.scanfiles import pool
from scanner.scanfiles.worker import WorkerConfig


@pytest.fixture()
def events(monkeypatch) -> list[str]:
    """What the scan did, in order: `worker` (a worker process started), `open` (the
    inventory opened)."""
    from scanner.inventory import session

    seen: list[str] = []
    worker_init, open_for_writing = pool._Worker.__init__, session.open_for_writing

    def worker(self, *args) -> None:
        seen.append("worker")
        worker_init(self, *args)

    def opening(*args):
        seen.append("open")
        return open_for_writing(*args)

    monkeypatch.setattr(pool._Worker, "__init__", worker)
    monkeypatch.setattr(session, "open_for_writing", opening)
    return seen


def _share(tmp_path: Path) -> Path:
    share = tmp_path / "share"
    share.mkdir()
    for i in range(3):
        (share / f"f{i}.txt").write_text(f"電話 090-{1200 + i}-5678\n", encoding="utf-8")
    return share


def _scan(share: Path, inv: Path, *extra: str) -> int:
    return main(["scan", str(share), "--inventory", str(inv), "--format", "jsonl", "-q",
                 "-o", str(inv.parent / "out.jsonl"), *extra])


def test_workers_start_early_only_when_every_file_will_be_read(tmp_path, events):
    share, inv = _share(tmp_path), tmp_path / "inv.sqlite"
    assert _scan(share, inv) == 1  # a new inventory: every file is read
    assert events == ["worker", "open"]
    events.clear()
    assert _scan(share, inv) == 1  # nothing changed: no worker at all
    assert events == ["open"]
    events.clear()
    assert _scan(share, inv, "--jobs", "2", "--full") == 1
    assert events == ["worker", "worker", "open"]
    events.clear()
    (share / "f1.txt").write_text("電話 090-9999-5678\n", encoding="utf-8")
    assert _scan(share, inv, "--jobs", "2") == 1  # one file changed: one worker, after
    assert events == ["open", "worker"]
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and '"090-****-5678"' in lines[1]
    assert multiprocessing.active_children() == []


def test_early_workers_are_stopped_when_the_inventory_is_refused(tmp_path, monkeypatch):
    share, inv = _share(tmp_path), tmp_path / "inv.sqlite"
    store = open_store(str(inv))
    lock = InventoryLock(store).acquire()
    try:
        # the planted failure: a crew that is never closed leaves its workers running
        monkeypatch.setattr(pool.Crew, "close", lambda self: None)
        assert _scan(share, inv, "--full") == 2
        left = multiprocessing.active_children()
        assert len(left) == 1
        for child in left:
            child.kill()
            child.join()
        monkeypatch.undo()
        assert _scan(share, inv, "--full", "--jobs", "2") == 2
        assert multiprocessing.active_children() == []
    finally:
        lock.release()
        store.dispose()


def test_a_crew_hands_out_its_early_workers_and_stops_the_spare():
    crew = pool.Crew(WorkerConfig(b"k", 0.5, None, 1 << 20), 2, early=True)
    first, second = crew.idle
    with crew:
        [hired] = crew.hire(1)
        assert hired is first and first.proc.is_alive()
        assert second.proc.exitcode is not None  # stopped, not left to the end
    first.stop()
    assert multiprocessing.active_children() == []
