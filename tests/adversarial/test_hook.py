"""The hook on adversarial staged files: what it cannot read stops the commit (unless
configured), and text with a few bad bytes is read, not skipped."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from support_git import git, new_repo

from scanner.cli import main

from .conftest import PHONES, records


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = new_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    return root


def _hook(capsys) -> tuple[int, str, str]:
    code = main(["--lang", "en", "hook"])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_staged_sqlite_database_stops_the_commit(repo: Path, capsys) -> None:
    con = sqlite3.connect(repo / "customers.db")
    con.execute("CREATE TABLE customers (name TEXT, tel TEXT)")
    con.executemany("INSERT INTO customers VALUES ('山田太郎', ?)", [(p,) for p in PHONES])
    con.commit()
    con.close()
    git(repo, "add", "customers.db")
    code, out, err = _hook(capsys)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "mamoru: skipped (not readable as text): customers.db",
        "mamoru: stopped: staged files could not be checked "
        '(skipped_files = "warn" in .mamoru.toml lets them pass)']
    (repo / ".mamoru.toml").write_text('skipped_files = "warn"\n', encoding="utf-8")
    assert _hook(capsys) == (0, "", "")  # the planted failure: configured away, it passes


def test_staged_text_with_a_nul_is_read(repo: Path, capsys) -> None:
    (repo / "app.log").write_bytes(b"start\x00\n" + records().encode("utf-8") + b"\xff\n")
    git(repo, "add", "app.log")
    code, out, err = _hook(capsys)
    assert code == 1, err
    found = [line.split()[0] for line in out.splitlines() if "PHONE_NUMBER" in line]
    assert found == ["app.log:2:12", "app.log:3:12", "app.log:4:12"]
