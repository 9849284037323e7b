"""What `mamoru scan` shows, end to end: on a real terminal 80 and 200 columns wide, and
redirected to a file; CSV files open in Excel (BOM)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.cli import run_in_terminal

REPO = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parents[1] / "golden"
FILES = {
    "社員/名簿.txt": "氏名: 山田太郎\n電話: 090-1234-5678\n",
    "payroll.csv": "name,my_number\n佐藤花子,123456789018\n",
    "notes.md": "# 連絡先\nメール: hanako.sato@example.co.jp\n",
}


@pytest.fixture
def share(tmp_path: Path) -> Path:
    root = tmp_path / "share"
    for name, text in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def _env(tmp_path: Path) -> dict:
    return {**os.environ, "PYTHONPATH": str(REPO), "MAMORU_LANG": "ja",
            "MAMORU_KEY": "output-test-key", "MAMORU_CACHE_DIR": str(tmp_path / "cache")}


def _argv(tmp_path: Path, *extra: str) -> list[str]:
    return ["scan", ".", "--inventory", str(tmp_path / "inv.sqlite"), "--full", *extra]


@pytest.mark.parametrize("columns", [80, 200])
def test_scan_on_a_terminal(share, tmp_path, columns) -> None:
    code, shown, _ = run_in_terminal(_argv(tmp_path, "--no-color"), columns, share,
                                     _env(tmp_path))
    assert code == 1
    assert shown == (GOLDEN / f"scan-terminal-{columns}.txt").read_text(encoding="utf-8")


def test_scan_on_a_terminal_has_colour_unless_no_color(share, tmp_path) -> None:
    _, shown, _ = run_in_terminal(_argv(tmp_path), 80, share, _env(tmp_path))
    assert "\x1b[" in shown
    env = {**_env(tmp_path), "NO_COLOR": "1"}
    _, shown, _ = run_in_terminal(_argv(tmp_path), 80, share, env)
    assert "\x1b[" not in shown


def test_scan_redirected_is_plain_lines(share, tmp_path) -> None:
    out = tmp_path / "out.txt"
    with open(out, "wb") as fh:
        done = subprocess.run([sys.executable, "-m", "scanner.cli", *_argv(tmp_path)],
                              cwd=share, env=_env(tmp_path), stdout=fh,
                              stderr=subprocess.PIPE, timeout=300)
    assert done.returncode == 1
    assert out.read_text(encoding="utf-8") == (
        GOLDEN / "scan-redirected.txt").read_text(encoding="utf-8")


def test_inventory_csv_file_has_a_bom(share, tmp_path) -> None:
    env = _env(tmp_path)
    subprocess.run([sys.executable, "-m", "scanner.cli", *_argv(tmp_path)], cwd=share,
                   env=env, capture_output=True, timeout=300)
    report = tmp_path / "inventory.csv"
    done = subprocess.run([sys.executable, "-m", "scanner.cli", "inventory", "--inventory",
                           str(tmp_path / "inv.sqlite"), "--format", "csv", "-o", str(report)],
                          cwd=share, env=env, capture_output=True, timeout=300)
    assert done.returncode in (0, 1), done.stderr
    data = report.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfpath,violation,specific,total,JP_MY_NUMBER,")
    assert "payroll.csv" in data.decode("utf-8-sig")


# ---- inventory, scan-db and the hook: on a terminal 80 and 200 wide, and redirected ----

@pytest.fixture(scope="module")
def place():
    """A share scanned into an inventory, an SQLite database and a git repository with
    staged personal data, under a short path (the inventory shows absolute paths)."""
    import shutil
    import sqlite3
    import tempfile

    from support.git import git, new_repo

    root = Path(tempfile.mkdtemp(prefix="mo", dir="/tmp"))
    share = root / "share"
    for name, text in FILES.items():
        (share / name).parent.mkdir(parents=True, exist_ok=True)
        (share / name).write_text(text, encoding="utf-8")
    db = sqlite3.connect(root / "app.db")
    db.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, full_name TEXT, phone TEXT,"
               " email TEXT, note TEXT)")
    names = ["山田太郎", "佐藤花子", "鈴木一郎", "田中美咲", "高橋健太"] * 4
    db.executemany("INSERT INTO customers (full_name, phone, email, note) VALUES (?,?,?,?)",
                   [(n, f"090-1234-{i:04}", f"user{i}@example.co.jp", "特記事項なし")
                    for i, n in enumerate(names)])
    db.commit()
    db.close()
    repo = new_repo(root / "repo")
    (repo / "users.txt").write_text(FILES["社員/名簿.txt"] + "マイナンバー: 1234 5678 9018\n",
                                    encoding="utf-8")
    (repo / "連絡先.md").write_text(FILES["notes.md"], encoding="utf-8")
    git(repo, "add", ".")
    done = subprocess.run([sys.executable, "-m", "scanner.cli", *_argv(root)], cwd=share,
                          env=_env(root), capture_output=True, timeout=300)
    assert done.returncode == 1, done.stderr
    yield root
    shutil.rmtree(root)


def _command(name: str, root: Path) -> tuple[list[str], Path]:
    return {
        "inventory": (["inventory", "--inventory", str(root / "inv.sqlite")], root / "share"),
        "scan-db": (["scan-db", f"sqlite:///{root / 'app.db'}", "--inventory",
                     str(root / "db.sqlite")], root),
        "hook": (["hook"], root / "repo"),
    }[name]


EXIT = {"inventory": 1, "scan-db": 1, "hook": 1}


def _widest(text: str) -> int:
    """The widest line in terminal cells (a kanji takes two)."""
    from rich.cells import cell_len

    return max(cell_len(line) for line in text.splitlines())


def _golden(name: str, root: Path, shown: str, where: str) -> None:
    text = shown.replace(str(root), "<root>")
    path = GOLDEN / f"{name}-{where}.txt"
    if os.environ.get("WRITE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
    if where != "redirected" and name != "hook":  # the hook prints linter lines anywhere
        assert _widest(shown) <= int(where)


@pytest.mark.parametrize("columns", [80, 200])
@pytest.mark.parametrize("name", list(EXIT))
def test_on_a_terminal(place, name, columns) -> None:
    argv, cwd = _command(name, place)
    (place / "db.sqlite").unlink(missing_ok=True)
    code, shown, err = run_in_terminal([*argv, "--no-color"], columns, cwd, _env(place))
    assert code == EXIT[name], err
    assert "\x1b[" not in shown
    _golden(name, place, shown, str(columns))


@pytest.mark.parametrize("name", list(EXIT))
def test_redirected(place, name) -> None:
    argv, cwd = _command(name, place)
    (place / "db.sqlite").unlink(missing_ok=True)
    out = place / f"{name}.out"
    with open(out, "wb") as fh:
        done = subprocess.run([sys.executable, "-m", "scanner.cli", *argv], cwd=cwd,
                              env=_env(place), stdout=fh, stderr=subprocess.PIPE,
                              timeout=300)
    assert done.returncode == EXIT[name], done.stderr
    _golden(name, place, out.read_text(encoding="utf-8"), "redirected")


def test_a_line_wider_than_the_terminal_is_caught() -> None:
    """The planted failure for the width check above."""
    assert _widest("ok\n" + "x" * 81) == 81
    assert _widest("個人番号（マイナンバー）" * 4) == 96
