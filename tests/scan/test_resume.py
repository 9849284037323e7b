"""A scan killed with SIGKILL mid-way leaves a consistent inventory; the next scan
resumes (reads only what was not recorded) and ends with the right counts."""

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

from scanner.cli import main

ROOT = Path(__file__).resolve().parents[2]
FILES = 500


def _make_files(share: Path) -> None:
    for i in range(FILES):
        d = share / f"d{i % 10}"
        d.mkdir(exist_ok=True)
        body = (f"社員 {i}\n電話 090-{1000 + i % 9000}-5678\nmail user{i}@example.co.jp\n"
                + "議事録の本文です。\n" * 20)
        (d / f"f{i:05d}.txt").write_text(body, encoding="utf-8")


def _count(db: Path, sql: str) -> int:
    con = sqlite3.connect(db, timeout=30)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def _start_scan(share: Path, inv: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "scanner.cli", "scan", str(share), "--inventory", str(inv),
         "--format", "jsonl", *extra],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


def _wait_for_assets(inv: Path, at_least: int) -> int:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if inv.exists():
            try:
                done = _count(inv, "SELECT count(*) FROM mamoru_assets")
            except sqlite3.OperationalError:
                done = 0  # tables not created yet
            if done >= at_least:
                return done
        time.sleep(0.02)
    raise AssertionError("the scan recorded nothing in 60 s")


@pytest.mark.slow
def test_kill_9_then_resume(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("MAMORU_KEY", "resume-key")
    share = tmp_path / "share"
    share.mkdir()
    _make_files(share)
    inv = tmp_path / "inv.sqlite"
    proc = _start_scan(share, inv)
    done_before_kill = _wait_for_assets(inv, 100)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert done_before_kill < FILES

    assert _count(inv, "PRAGMA integrity_check") == "ok"
    recorded = _count(inv, "SELECT count(*) FROM mamoru_assets")
    assert recorded < FILES
    # every recorded file has all its findings, none half-written
    assert _count(inv, "SELECT count(*) FROM mamoru_findings") == recorded * 2

    code = main(["scan", str(share), "--inventory", str(inv), "--format", "jsonl"])
    out, err = capsys.readouterr()
    summary = json.loads(err.splitlines()[-1])
    assert code == 1
    assert (summary["status"], summary["unchanged"], summary["read"]) == (
        "complete", recorded, FILES - recorded)
    assert len(out.splitlines()) == FILES * 2
    assert _count(inv, "SELECT count(*) FROM mamoru_findings") == FILES * 2
    assert _count(inv, "SELECT status FROM mamoru_scans WHERE id = 1") == "interrupted"
    assert _count(inv, "PRAGMA integrity_check") == "ok"


@pytest.mark.slow
def test_ctrl_c_with_workers_records_an_interrupted_scan(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MAMORU_KEY", "resume-key")
    share = tmp_path / "share"
    share.mkdir()
    _make_files(share)
    inv = tmp_path / "inv.sqlite"
    proc = _start_scan(share, inv, "--jobs", "2")
    _wait_for_assets(inv, 50)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err.decode().strip().splitlines()[-1] == "interrupted"
    assert _count(inv, "SELECT status FROM mamoru_scans WHERE id = 1") == "interrupted"
    assert _count(inv, "PRAGMA integrity_check") == "ok"
    recorded = _count(inv, "SELECT count(*) FROM mamoru_assets")
    assert _count(inv, "SELECT count(*) FROM mamoru_findings") == recorded * 2
