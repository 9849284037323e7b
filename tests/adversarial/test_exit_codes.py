"""One exit-code policy: 0 clean, 1 findings, 2 error; never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scanner.cli import main
from scanner.commands import analyze


def test_unexpected_error_is_a_message_exit_two_and_a_private_log(
        tmp_path: Path, monkeypatch, capsys) -> None:
    secret = "090-1234-5678"

    def boom(args, lang):
        raise ValueError(f"bad value {secret}")

    monkeypatch.setenv("MAMORU_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(analyze, "run", boom)
    assert main(["--lang", "en", "analyze", "x"]) == 2
    err = capsys.readouterr().err
    logs = list((tmp_path / "cache").glob("crash-*.log"))
    assert len(logs) == 1
    assert err == f"mamoru: unexpected error (ValueError). details: {logs[0]}\n"
    report = logs[0].read_text()
    assert report.startswith("builtins.ValueError\n")
    assert "in boom" in report and secret not in report and "Traceback" not in err
    assert oct(os.stat(logs[0]).st_mode & 0o777) == "0o600"
    # planted failure: without the handler the error escapes as a traceback
    with pytest.raises(ValueError):
        boom(None, None)


@pytest.mark.parametrize("content", [os.urandom(4096), b"SQLite format 3\x00" + b"\x07" * 4000])
def test_inventory_on_a_corrupt_file_is_a_message(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "inv.sqlite"
    bad.write_bytes(content)
    proc = subprocess.run([sys.executable, "-m", "mamoru", "--lang", "en", "inventory",
                           "--inventory", str(bad)], capture_output=True, text=True,
                          env={**os.environ, "MAMORU_CACHE_DIR": str(tmp_path / "c")})
    assert proc.returncode == 2
    assert proc.stderr == f"mamoru: cannot open the inventory {bad}: file is not a database\n"
    assert bad.read_bytes() == content  # left as found
    assert not (tmp_path / "c").exists()  # a handled error, not the last resort
