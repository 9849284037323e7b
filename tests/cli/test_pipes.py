"""Exit codes survive a reader that closes the pipe early (`mamoru ... | head -1`): every
command exits with the status it has when its output goes to a file, and says nothing
about the closed pipe."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from support.git import git, new_repo

REPO = Path(__file__).resolve().parents[2]
PII = "氏名: 山田太郎\n電話: 090-1234-5678\nマイナンバー: 1234 5678 9018\n"


@pytest.fixture(scope="module")
def place(tmp_path_factory) -> Path:
    """A share with personal data, its inventory, an SQLite database and a git repo."""
    root = tmp_path_factory.mktemp("pipes")
    share = root / "share"
    share.mkdir()
    for i in range(100):  # enough output to fill a pipe many times over
        (share / f"{i:03}.txt").write_text(PII * 3, encoding="utf-8")
    db = sqlite3.connect(root / "app.db")
    db.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, phone TEXT, email TEXT)")
    db.executemany("INSERT INTO customers (phone, email) VALUES (?, ?)",
                   [(f"090-1234-{i:04}", f"user{i}@example.co.jp") for i in range(200)])
    db.commit()
    db.close()
    repo = new_repo(root / "repo")
    (repo / "users.txt").write_text(PII * 50, encoding="utf-8")
    git(repo, "add", "users.txt")
    return root


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": str(REPO), "MAMORU_LANG": "en",
            "MAMORU_KEY": "pipe-test-key"}


def _command(name: str, place: Path) -> tuple[list[str], Path]:
    inv = str(place / "inventory.sqlite")
    return {
        "analyze": (["analyze", str(place / "share" / "000.txt")], place),
        "scan": (["scan", "share", "--inventory", inv, "-v"], place),
        "inventory": (["inventory", "--inventory", inv], place),
        "scan-db": (["scan-db", f"sqlite:///{place / 'app.db'}", "--inventory",
                     str(place / "db-inventory.sqlite")], place),
        "mask": (["mask", "share/000.txt", "--out", "masked.txt", "--force"], place),
        "mask-db": (["mask-db", f"sqlite:///{place / 'app.db'}", "--to", "masked-db"], place),
        "hook": (["hook"], place / "repo"),
        "baseline": (["baseline", "create", "--force"], place / "repo"),
        "policy": (["policy", "init", "--config", "policy.toml"], place),
        "ledger": (["ledger", "--inventory", inv, "--format", "jsonl", "--config",
                    "ledger.toml"], place),
        "report": (["report", "--inventory", inv, "--config", "ledger.toml", "-o", "-"], place),
        "inventory --changes": (["inventory", "--inventory", inv, "--changes"], place),
        "baseline audit": (["baseline", "audit", "--list"], place / "repo"),
    }[name]


def _status(argv: list[str], cwd: Path, *, closed: bool) -> tuple[int, str]:
    """Exit status and stderr; stdout a closed pipe, or a file."""
    if closed:
        proc = subprocess.Popen([sys.executable, "-m", "scanner.cli", *argv], cwd=cwd,
                                env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        proc.stdout.close()  # the reader is gone before the first line is written
        err = proc.stderr.read().decode()
        return proc.wait(timeout=300), err
    with open(cwd / ".stdout", "wb") as out:
        done = subprocess.run([sys.executable, "-m", "scanner.cli", *argv], cwd=cwd,
                              env=_env(), stdout=out, stderr=subprocess.PIPE, timeout=300)
    return done.returncode, done.stderr.decode()


EXPECTED = {"analyze": 1, "scan": 1, "inventory": 1, "scan-db": 1, "mask": 0, "mask-db": 0,
            "hook": 1, "baseline": 0, "policy": 0, "ledger": 0, "report": 0,
            "inventory --changes": 0, "baseline audit": 0}


NEED_INVENTORY = ("inventory", "ledger", "report", "inventory --changes")


@pytest.mark.parametrize("name", list(EXPECTED))
def test_exit_status_kept_through_a_closed_pipe(place, name) -> None:
    argv, cwd = _command(name, place)
    if name in NEED_INVENTORY and not (place / "inventory.sqlite").exists():
        _status(_command("scan", place)[0], place, closed=False)
    if name == "policy":
        (place / "policy.toml").unlink(missing_ok=True)
    if name in ("ledger", "report") and not (place / "ledger.toml").exists():
        _status(["policy", "init", "--config", "ledger.toml"], place, closed=False)
    if name == "baseline audit" and not (place / "repo" / ".mamoru-baseline.json").exists():
        _status(_command("baseline", place)[0], place / "repo", closed=False)
    to_file, err = _status(argv, cwd, closed=False)
    assert to_file == EXPECTED[name], err
    if name == "policy":
        (place / "policy.toml").unlink()
    if name == "mask-db":
        shutil.rmtree(place / "masked-db")
    closed, err = _status(argv, cwd, closed=True)
    assert closed == to_file
    assert "Broken pipe" not in err and "Traceback" not in err and "Errno" not in err


def test_a_real_head_pipeline(place) -> None:
    """`mamoru scan share | head -1` in a shell: one line out, the scan's own status."""
    inv = place / "head-inventory.sqlite"
    done = subprocess.run(
        ["bash", "-c", f'"{sys.executable}" -m scanner.cli scan share --inventory {inv} -v '
                       '| head -1; echo "status=${PIPESTATUS[0]}"'],
        cwd=place, env=_env(), capture_output=True, text=True, timeout=300)
    first, status = done.stdout.splitlines()
    assert first.startswith("share/") and "  PERSON  " in first
    assert status == "status=1"
    assert "Broken pipe" not in done.stderr
