"""What `mamoru scan` shows, end to end: on a real terminal 80 and 200 columns wide, and
redirected to a file; CSV files open in Excel (BOM)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support_cli import run_in_terminal

REPO = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden"
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
