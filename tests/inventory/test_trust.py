"""An inventory you can trust: one key per inventory (others refused, exit 2, both ids
named), one writer at a time (a second scan waits or is refused; a killed scan's lock is
taken over), and a missing path or directory is an error that records nothing."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text
from support.git import git, new_repo

from scanner.cli import main
from scanner.inventory.lock import InventoryLock
from scanner.inventory.schema import lock_holder
from scanner.inventory.store import open_store
from scanner.privacy import key_id

KEY_A, KEY_B = "key-of-the-inventory", "a-mistyped-key"
ID_A, ID_B = key_id(KEY_A.encode()), key_id(KEY_B.encode())
PHONE = "090-1234-5678"


def _share(root: Path, files: int = 3) -> Path:
    share = root / "share"
    share.mkdir()
    for i in range(files):
        (share / f"f{i:04}.txt").write_text(f"記録 {i}\n電話 {PHONE}\n", encoding="utf-8")
    return share


def _cli(args: list[str], key: str = KEY_A, cwd: Path | None = None,
         env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mamoru", "--lang", "en", *args],
                          capture_output=True, text=True, cwd=cwd, timeout=300,
                          env={**os.environ, "MAMORU_KEY": key, **(env or {})})


def _scan_count(inv: Path) -> int:
    with sqlite3.connect(inv) as db:
        return db.execute("SELECT count(*) FROM mamoru_scans").fetchone()[0]


def _refusal(where: str, key_source: str = "MAMORU_KEY") -> str:
    return (f"mamoru: {where} was made with key id {ID_A}, but this key ({key_source}) has "
            f"id {ID_B}; use the same key (MAMORU_KEY or MAMORU_KEY_FILE)")


def test_scan_and_inventory_refuse_another_key(tmp_path, monkeypatch, capsys):
    share, inv = _share(tmp_path), tmp_path / "inv.sqlite"
    monkeypatch.setenv("MAMORU_KEY", KEY_A)
    assert main(["--lang", "en", "scan", str(share), "--inventory", str(inv)]) == 1
    capsys.readouterr()
    monkeypatch.setenv("MAMORU_KEY", KEY_B)
    assert main(["--lang", "en", "scan", str(share), "--inventory", str(inv)]) == 2
    assert capsys.readouterr().err.strip() == _refusal(str(inv))
    assert _scan_count(inv) == 1  # nothing recorded with the other key
    assert main(["--lang", "en", "inventory", "--inventory", str(inv)]) == 2
    assert capsys.readouterr().err.strip() == _refusal(str(inv))
    request = tmp_path / "request.txt"
    request.write_text(PHONE + "\n", encoding="utf-8")
    assert main(["--lang", "en", "inventory", "--inventory", str(inv), "--find",
                 str(request)]) == 2
    captured = capsys.readouterr()
    assert captured.err.strip() == _refusal(str(inv)) and "not found" not in captured.out
    # the inventory's own key: found (the refusal was not a blanket failure)
    monkeypatch.setenv("MAMORU_KEY", KEY_A)
    assert main(["inventory", "--inventory", str(inv), "--find", str(request)]) == 1
    assert _scan_count(inv) == 1


def test_scan_db_refuses_another_key(tmp_path, monkeypatch, capsys):
    source = tmp_path / "app.db"
    with sqlite3.connect(source) as db:
        db.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, tel TEXT)")
        db.executemany("INSERT INTO customers (tel) VALUES (?)",
                       [(f"090-1234-{5670 + i}",) for i in range(9)])
    inv = tmp_path / "inv.sqlite"
    monkeypatch.setenv("MAMORU_KEY", KEY_A)
    assert main(["scan-db", f"sqlite:///{source}", "--inventory", str(inv)]) == 1
    monkeypatch.setenv("MAMORU_KEY", KEY_B)
    capsys.readouterr()
    assert main(["--lang", "en", "scan-db", f"sqlite:///{source}", "--inventory", str(inv)]) == 2
    assert capsys.readouterr().err.strip() == _refusal(str(inv))
    assert _scan_count(inv) == 1


def test_baseline_update_refuses_another_key(tmp_path, monkeypatch, capsys):
    repo = new_repo(tmp_path / "repo")
    (repo / "a.txt").write_text(f"電話 {PHONE}\n", encoding="utf-8")
    git(repo, "add", "a.txt")
    monkeypatch.chdir(repo)
    monkeypatch.setenv("MAMORU_KEY", KEY_A)
    assert main(["baseline", "create"]) == 0
    before = (repo / ".mamoru-baseline.json").read_text(encoding="utf-8")
    assert json.loads(before)["key_id"] == ID_A
    monkeypatch.setenv("MAMORU_KEY", KEY_B)
    capsys.readouterr()
    assert main(["--lang", "en", "baseline", "update"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"mamoru: {repo / '.mamoru-baseline.json'} was made with key id {ID_A}, but this key "
        f"(MAMORU_KEY) has id {ID_B} (share MAMORU_KEY, or --force to remake it)")
    assert (repo / ".mamoru-baseline.json").read_text(encoding="utf-8") == before
    monkeypatch.setenv("MAMORU_KEY", KEY_A)
    assert main(["baseline", "update"]) == 0


def test_new_key_and_new_inventory_are_announced_once(tmp_path):
    share = _share(tmp_path)
    key_file = tmp_path / "keys" / "key"
    env = {"MAMORU_KEY": "", "MAMORU_KEY_FILE": str(key_file)}
    first = _cli(["scan", str(share), "--format", "jsonl"], cwd=tmp_path, env=env)
    assert first.returncode == 1
    key = key_file.read_bytes().strip()
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert first.stderr.splitlines()[:3] == [
        f"mamoru: created a new key: {key_file} (key id {key_id(key)}); keep it safe",
        "mamoru: created the inventory directory: .mamoru",
        f"mamoru: created a new inventory: .mamoru/inventory.sqlite (key id {key_id(key)})",
    ]
    second = _cli(["scan", str(share), "--format", "jsonl"], cwd=tmp_path, env=env)
    assert second.returncode == 1 and "created" not in second.stderr
    # reading never creates a key: with the key file gone, inventory is refused
    key_file.unlink()
    third = _cli(["inventory"], cwd=tmp_path, env=env)
    assert third.returncode == 2 and not key_file.exists()
    assert third.stderr.strip() == (f"mamoru: no key: {key_file} (the inventory's key id is "
                                    f"{key_id(key)})")


def test_missing_paths_and_directories_record_nothing(tmp_path):
    share = _share(tmp_path)
    inv = tmp_path / "inv.sqlite"
    gone = _cli(["scan", str(tmp_path / "nonexistent"), "--inventory", str(inv)])
    assert gone.returncode == 2
    assert gone.stderr.strip() == (
        f"mamoru: cannot scan {tmp_path / 'nonexistent'}: No such file or directory")
    assert "no personal data found" not in gone.stderr and not inv.exists()
    new_dir = tmp_path / "invs" / "nightly"
    made = _cli(["scan", str(share), "--inventory", str(new_dir / "inv.sqlite")])
    assert made.returncode == 1
    assert made.stderr.splitlines()[:2] == [
        f"mamoru: created the inventory directory: {new_dir}",
        f"mamoru: created a new inventory: {new_dir / 'inv.sqlite'} (key id {ID_A})"]
    assert oct(new_dir.stat().st_mode & 0o777) == "0o700"


def _hold(target: str) -> tuple:
    """Hold the writer's lock as a scan of this process would."""
    store = open_store(target)
    lock = InventoryLock(store).acquire()
    store.on_begin = lock.attach
    scan_id = store.begin_scan("files", ["/elsewhere"], {})
    return store, lock, scan_id


def _locked_message(lock: InventoryLock, scan_id: int, where: str) -> str:
    h = lock.holder()
    assert (h.scan_id, h.pid) == (scan_id, os.getpid())
    return (f"mamoru: inventory locked by scan #{scan_id} ({os.getpid()}, {h.host}, "
            f"{h.since}): {where} (use --wait to wait)")


def test_a_second_writer_is_refused_or_waits_sqlite(tmp_path):
    share, inv = _share(tmp_path), tmp_path / "inv.sqlite"
    store, lock, scan_id = _hold(str(inv))
    refused = _cli(["scan", str(share), "--inventory", str(inv)])
    assert refused.returncode == 2
    assert refused.stderr.strip() == _locked_message(lock, scan_id, str(inv))
    started = time.monotonic()
    timed_out = _cli(["scan", str(share), "--inventory", str(inv), "--wait-timeout", "1.5"])
    assert timed_out.returncode == 2 and time.monotonic() - started >= 1.5
    waiting = subprocess.Popen(
        [sys.executable, "-m", "mamoru", "scan", str(share), "--inventory", str(inv),
         "--wait", "--format", "jsonl"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env={**os.environ, "MAMORU_KEY": KEY_A})
    time.sleep(2.0)
    assert waiting.poll() is None  # still waiting
    lock.release()
    store.dispose()
    out, _err = waiting.communicate(timeout=300)
    assert waiting.returncode == 1 and len(out.splitlines()) == 3


def _consistent(url: str, files: int) -> list[str]:
    engine = create_engine(url)
    with engine.connect() as conn:
        statuses = [r[0] for r in conn.execute(text("SELECT status FROM mamoru_scans"))]
        paths = [r[0] for r in conn.execute(text("SELECT path FROM mamoru_assets"))]
        per_asset = conn.execute(text(
            "SELECT count(*) FROM mamoru_findings GROUP BY asset_id")).scalars().all()
        holders = conn.execute(select(lock_holder)).all()
    engine.dispose()
    assert len(paths) == len(set(paths)) == files
    assert per_asset == [1] * files and holders == []
    return statuses


@pytest.mark.parametrize("wait", [True, False])
def test_two_scans_started_together_sqlite(tmp_path, wait):
    files = 100
    share, inv = _share(tmp_path, files), tmp_path / "inv.sqlite"
    args = [sys.executable, "-m", "mamoru", "scan", str(share), "--inventory", str(inv),
            "--format", "jsonl", *(["--wait"] if wait else [])]
    env = {**os.environ, "MAMORU_KEY": KEY_A}
    procs = [subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=env) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    results = [(p.returncode, out, err) for p, (out, err) in zip(procs, outs, strict=True)]
    codes = sorted(code for code, _, _ in results)
    assert all("Traceback" not in err for _, _, err in results)
    if wait:
        assert codes == [1, 1]
        assert all(len(out.splitlines()) == files for _, out, _ in results)
    else:
        assert codes in ([1, 1], [1, 2])  # the second may start after the first ended
        for code, _, err in results:
            if code == 2:
                assert "mamoru: inventory locked by scan #" in err
    statuses = _consistent(f"sqlite:///{inv}", files)
    assert statuses == ["complete"] * (2 if codes == [1, 1] else 1)
    with sqlite3.connect(inv) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.db
def test_two_scans_started_together_postgres(tmp_path, pg_url):
    files = 100
    share = _share(tmp_path, files)
    env = {**os.environ, "MAMORU_KEY": KEY_A}
    first = [sys.executable, "-m", "mamoru", "scan", str(share), "--inventory", pg_url,
             "--format", "jsonl"]
    procs = [subprocess.Popen(first + extra, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env) for extra in ([], ["--wait"], [])]
    outs = [p.communicate(timeout=300) for p in procs]
    results = [(p.returncode, out, err) for p, (out, err) in zip(procs, outs, strict=True)]
    assert all("Traceback" not in err for _, _, err in results)
    assert results[1][0] == 1 and len(results[1][1].splitlines()) == files  # it waited
    for code, _, err in (results[0], results[2]):
        assert code == 1 or (code == 2 and "mamoru: inventory locked by scan #" in err)
    statuses = _consistent(pg_url, files)
    assert statuses == ["complete"] * sum(code == 1 for code, _, _ in results)


@pytest.mark.db
def test_postgres_lock_held_refuses(tmp_path, pg_url):
    share = _share(tmp_path)
    store, lock, scan_id = _hold(pg_url)
    try:
        refused = _cli(["scan", str(share), "--inventory", pg_url])
        assert refused.returncode == 2
        assert refused.stderr.strip() == _locked_message(lock, scan_id, store.where)
        assert "postgres@127.0.0.1" in store.where
    finally:
        lock.release()
        store.dispose()
    assert _cli(["scan", str(share), "--inventory", pg_url]).returncode == 1


def _killed_scan(target: str, share: Path, engine_url: str) -> int:
    """Start a scan, kill -9 it while it holds the lock; its pid."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "mamoru", "scan", str(share), "--inventory", target],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "MAMORU_KEY": KEY_A})
    engine = create_engine(engine_url)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            try:
                with engine.connect() as conn:
                    row = conn.execute(select(lock_holder)).first()
            except Exception:  # tables not made yet
                row = None
            if row is not None and row.scan_id is not None:
                break
            assert proc.poll() is None, "the scan ended before it could be killed"
            time.sleep(0.05)
    finally:
        engine.dispose()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return proc.pid


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_killed_scans_lock_is_taken_over(tmp_path, backend, request):
    share = _share(tmp_path, 150)
    if backend == "sqlite":
        target = str(tmp_path / "inv.sqlite")
        url = f"sqlite:///{target}"
    else:
        target = url = request.getfixturevalue("pg_url")
    pid = _killed_scan(target, share, url)
    after = _cli(["scan", str(share), "--inventory", target, "--format", "jsonl"])
    assert after.returncode == 1, after.stderr
    taken = [line for line in after.stderr.splitlines() if "took over" in line]
    assert len(taken) == 1
    assert taken[0].startswith(f"mamoru: took over the lock of scan #1 ({pid}, ")
    assert taken[0].endswith("which is no longer running")
    assert _consistent(url, 150) == ["interrupted", "complete"]
